// Signing keys for short-lived credentials (the talent code): Ed25519 by default, 国密 SM2 with SM3 when
// configured (RENCAI_CODE_ALG=sm2). Keys are generated here and persisted by their owner (public key as
// SPKI DER, private key as PKCS#8 PEM sealed with the PII key), so every instance signs with the same keys.
// Published as JWKS-style JSON: Ed25519 as RFC 8037 OKP keys; SM2 as {"kty":"EC","crv":"SM2","x","y"}
// with the uncompressed point's coordinates in base64url (JWK has no registered SM2 curve).
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';

export const signingAlgs = ['ed25519', 'sm2'] as const;
export type SigningAlg = (typeof signingAlgs)[number];

export type Ed25519Jwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
/** SM2 public key: the point's x and y (32 bytes each, base64url); signatures are DER SM2 over SM3. */
export type Sm2Jwk = { kty: 'EC'; crv: 'SM2'; x: string; y: string; kid: string; alg: 'SM2-SM3'; use: 'sig' };
export type PublicJwk = Ed25519Jwk | Sm2Jwk;

/** The fixed SubjectPublicKeyInfo prefix of an SM2 key (id-ecPublicKey, curve 1.2.156.10197.1.301); the 65-byte point follows. */
export const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');

export type GeneratedKey = { kid: string; alg: SigningAlg; publicKeyDer: string; privateKeyPem: string };

/** A short key id from the public key: the algorithm's letter and 8 base64url characters of its SHA-256. */
export function keyIdOf(alg: SigningAlg, spkiDer: Buffer): string {
  return `${alg === 'sm2' ? 's' : 'e'}${createHash('sha256').update(spkiDer).digest('base64url').slice(0, 8)}`;
}

/** A new key pair, exported for storage (the caller seals the private key). */
export function generateSigningKey(alg: SigningAlg): GeneratedKey {
  const pair =
    alg === 'sm2' ? generateKeyPairSync('ec', { namedCurve: 'SM2' }) : generateKeyPairSync('ed25519');
  const der = pair.publicKey.export({ format: 'der', type: 'spki' });
  return {
    kid: keyIdOf(alg, der),
    alg,
    publicKeyDer: der.toString('base64'),
    privateKeyPem: String(pair.privateKey.export({ format: 'pem', type: 'pkcs8' })),
  };
}

/**
 * Loads a private key from PKCS#8 PEM. Loading from PEM matters for SM2: OpenSSL then treats the key as
 * an SM2 key (the SM2 signature scheme), not as ECDSA on the SM2 curve, so signatures interoperate.
 */
export function loadPrivateKey(pem: string): KeyObject {
  return createPrivateKey({ key: pem, format: 'pem' });
}

/** Loads a public key from base64 SPKI DER (through PEM, for the same reason as loadPrivateKey). */
export function loadPublicKey(spkiDerBase64: string): KeyObject {
  const body = spkiDerBase64.replace(/(.{64})/g, '$1\n');
  return createPublicKey({
    key: `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`,
    format: 'pem',
  });
}

/** Signs bytes: Ed25519 (pure), or SM2 with SM3. */
export function signBytes(alg: SigningAlg, key: KeyObject, data: Buffer): Buffer {
  return sign(alg === 'sm2' ? 'sm3' : null, data, key);
}

/** Verifies a signature; false (never a throw) for a signature of the wrong shape. */
export function verifyBytes(alg: SigningAlg, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  if (alg === 'ed25519' && signature.length !== 64) return false;
  if (alg === 'sm2' && (signature.length < 8 || signature.length > 80)) return false;
  try {
    return verify(alg === 'sm2' ? 'sm3' : null, data, key, signature);
  } catch {
    return false;
  }
}

/** The published form of a public key. */
export function toJwk(alg: SigningAlg, kid: string, spkiDerBase64: string): PublicJwk {
  const der = Buffer.from(spkiDerBase64, 'base64');
  if (alg === 'ed25519') {
    return {
      kty: 'OKP',
      crv: 'Ed25519',
      x: der.subarray(der.length - 32).toString('base64url'),
      kid,
      alg: 'EdDSA',
      use: 'sig',
    };
  }
  const point = der.subarray(SM2_SPKI_PREFIX.length); // 0x04 || x || y
  return {
    kty: 'EC',
    crv: 'SM2',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
    kid,
    alg: 'SM2-SM3',
    use: 'sig',
  };
}

/** The verification key of a published JWK (what an offline verifier does). */
export function fromJwk(jwk: PublicJwk): { alg: SigningAlg; key: KeyObject } {
  if (jwk.kty === 'OKP') {
    return {
      alg: 'ed25519',
      key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }),
    };
  }
  const point = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x, 'base64url'),
    Buffer.from(jwk.y, 'base64url'),
  ]);
  return { alg: 'sm2', key: loadPublicKey(Buffer.concat([SM2_SPKI_PREFIX, point]).toString('base64')) };
}
