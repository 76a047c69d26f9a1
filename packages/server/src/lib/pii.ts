// Personal data at rest (身份证号, phone): AES-256-GCM ciphertext plus a keyed hash (HMAC-SHA256) for
// exact lookup and de-duplication. Both keys are derived from RENCAI_PII_KEY with HKDF, so the lookup
// hash cannot be recomputed without the key.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export type PiiCipher = {
  /** `v1.<iv>.<tag>.<ciphertext>` in base64url. */
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Deterministic keyed hash for lookups; equal inputs give equal hashes. */
  lookupHash(plain: string): string;
};

export function createPiiCipher(secret: string): PiiCipher {
  const encKey = Buffer.from(hkdfSync('sha256', secret, 'rencai', 'pii-encryption-v1', 32));
  const macKey = Buffer.from(hkdfSync('sha256', secret, 'rencai', 'pii-lookup-v1', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed PII value');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    lookupHash(plain) {
      return createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}
