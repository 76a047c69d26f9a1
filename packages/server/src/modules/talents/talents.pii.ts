// Sealing and masking of a talent's 身份证号 and phone (DESIGN §5): AES-GCM at rest with a keyed lookup
// hash for de-duplication, masked in every response; the full values only through the audited reveal.
import type { Config } from '../../config';
import { maskIdNumber, maskPhone } from '../../lib/mask';
import { createPiiCipher, type PiiCipher } from '../../lib/pii';

const ciphers = new Map<string, PiiCipher>();

/** The deployment's PII cipher (one per key, derived once). */
export function piiCipher(config: Pick<Config, 'piiKey'>): PiiCipher {
  let cipher = ciphers.get(config.piiKey);
  if (!cipher) {
    cipher = createPiiCipher(config.piiKey);
    ciphers.set(config.piiKey, cipher);
  }
  return cipher;
}

export type SealedIdentity = {
  idNumberEnc: string;
  idNumberHash: string;
  phoneEnc: string | null;
  phoneHash: string | null;
};

/** Seals a normalised ID number and phone. */
export function sealIdentity(cipher: PiiCipher, idNumber: string, phone: string | null): SealedIdentity {
  return {
    idNumberEnc: cipher.encrypt(idNumber),
    idNumberHash: cipher.lookupHash(idNumber),
    phoneEnc: phone ? cipher.encrypt(phone) : null,
    phoneHash: phone ? cipher.lookupHash(phone) : null,
  };
}

/** The masked forms shown in responses (first and last character of the ID number; phone 3 + 4). */
export function maskedIdentity(
  cipher: PiiCipher,
  row: { idNumberEnc: string; phoneEnc: string | null },
): { idNumberMasked: string; phoneMasked: string | null } {
  return {
    idNumberMasked: maskIdNumber(cipher.decrypt(row.idNumberEnc)),
    phoneMasked: row.phoneEnc ? maskPhone(cipher.decrypt(row.phoneEnc)) : null,
  };
}
