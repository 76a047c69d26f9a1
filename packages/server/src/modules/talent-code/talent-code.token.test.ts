import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fromJwk,
  generateSigningKey,
  loadPrivateKey,
  loadPublicKey,
  type SigningAlg,
  toJwk,
} from '../../lib/signing';
import {
  checkToken,
  encodeToken,
  type KeyLookup,
  type Signer,
  tokenExpiry,
  tokenFromScan,
} from './talent-code.token';

function keyring(alg: SigningAlg) {
  const key = generateSigningKey(alg);
  const signer: Signer = { kid: key.kid, alg, privateKey: loadPrivateKey(key.privateKeyPem) };
  const publicKey = loadPublicKey(key.publicKeyDer);
  const lookup: KeyLookup = (kid) => (kid === key.kid ? { alg, publicKey } : undefined);
  return { key, signer, lookup };
}

const rings = { ed25519: keyring('ed25519'), sm2: keyring('sm2') };
const NOW = 1_780_000_000;
const never = () => false;

const payloadArb = fc.record({
  c: fc.stringMatching(/^[A-Za-z0-9_-]{4,32}$/),
  d: fc.constantFrom('wuxing', 'horinger', 'jingan', 'chaoyang', 'wuchang'),
  t: fc.stringMatching(/^[A-F]{1,2}$/),
  e: fc.integer({ min: NOW + 1, max: NOW + 120 }),
});
const algArb = fc.constantFrom<SigningAlg>('ed25519', 'sm2');
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('talent-code tokens', () => {
  it('verify when untouched, unexpired and unrevoked, and stay a few hundred characters', () => {
    fc.assert(
      fc.property(algArb, payloadArb, (alg, p) => {
        const token = encodeToken(p, rings[alg].signer);
        expect(token.length).toBeLessThan(300);
        const result = checkToken(token, rings[alg].lookup, never, NOW);
        expect(result).toEqual({ valid: true, payload: { v: 1, ...p, k: rings[alg].signer.kid } });
      }),
      { numRuns: 60 },
    );
  });

  it('reject any change of one character of the payload or the signature (bad_signature or malformed)', () => {
    fc.assert(
      fc.property(
        algArb,
        payloadArb,
        fc.nat(),
        fc.oneof(fc.constantFrom(...B64URL.split('')), fc.string({ minLength: 1, maxLength: 2 })),
        (alg, p, position, replacement) => {
          const token = encodeToken(p, rings[alg].signer);
          const at = position % token.length;
          fc.pre(token.slice(at, at + replacement.length) !== replacement);
          const tampered = token.slice(0, at) + replacement + token.slice(at + 1);
          fc.pre(tampered !== token);
          const result = checkToken(tampered, rings[alg].lookup, never, NOW);
          expect(result.valid).toBe(false);
          if (!result.valid) expect(['bad_signature', 'malformed']).toContain(result.reason);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reject any flipped bit of the decoded payload or signature bytes', () => {
    fc.assert(
      fc.property(
        algArb,
        payloadArb,
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 0, max: 7 }),
        (alg, p, inSig, i, bit) => {
          const [segment = '', sig = ''] = encodeToken(p, rings[alg].signer).split('.');
          const bytes = Buffer.from(inSig ? sig : segment, 'base64url');
          bytes[i % bytes.length] = (bytes[i % bytes.length] ?? 0) ^ (1 << bit);
          const changed = bytes.toString('base64url');
          const tampered = inSig ? `${segment}.${changed}` : `${changed}.${sig}`;
          const result = checkToken(tampered, rings[alg].lookup, never, NOW);
          expect(result.valid).toBe(false);
          if (!result.valid) expect(['bad_signature', 'malformed']).toContain(result.reason);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reject a token signed by another key, or naming a key that is not published', () => {
    const other = keyring('ed25519');
    fc.assert(
      fc.property(payloadArb, (p) => {
        const forged = encodeToken(p, { ...other.signer, kid: rings.ed25519.signer.kid });
        expect(checkToken(forged, rings.ed25519.lookup, never, NOW)).toEqual({
          valid: false,
          reason: 'bad_signature',
        });
        const unknownKid = encodeToken(p, other.signer);
        expect(checkToken(unknownKid, rings.ed25519.lookup, never, NOW)).toEqual({
          valid: false,
          reason: 'bad_signature',
        });
      }),
      { numRuns: 30 },
    );
  });

  it('reject an expired token as expired, at any time after its expiry', () => {
    fc.assert(
      fc.property(algArb, payloadArb, fc.integer({ min: 1, max: 10_000_000 }), (alg, p, late) => {
        const token = encodeToken(p, rings[alg].signer);
        expect(checkToken(token, rings[alg].lookup, never, p.e + late)).toEqual({
          valid: false,
          reason: 'expired',
        });
        expect(checkToken(token, rings[alg].lookup, never, p.e).valid).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('reject a revoked code as revoked, expired or not', () => {
    fc.assert(
      fc.property(algArb, payloadArb, fc.integer({ min: -100, max: 1000 }), (alg, p, offset) => {
        const token = encodeToken(p, rings[alg].signer);
        const revoked = (code: string) => code === p.c;
        expect(checkToken(token, rings[alg].lookup, revoked, p.e + offset)).toEqual({
          valid: false,
          reason: 'revoked',
        });
      }),
      { numRuns: 60 },
    );
  });

  it('call anything that is not a token malformed, never throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), fc.string({ unit: 'binary' }), fc.base64String()),
        (value) => {
          const result = checkToken(value, rings.ed25519.lookup, never, NOW);
          expect(result.valid).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
    expect(checkToken('a'.repeat(100_000), rings.ed25519.lookup, never, NOW)).toEqual({
      valid: false,
      reason: 'malformed',
    });
  });

  it('expire a minute token 15 s after its minute ends', () => {
    expect(tokenExpiry(NOW - (NOW % 60))).toBe(NOW - (NOW % 60) + 75);
    expect(tokenExpiry(NOW - (NOW % 60) + 59)).toBe(NOW - (NOW % 60) + 75);
  });

  it('read the token from a scanned verification URL', () => {
    expect(tokenFromScan(' https://rencai.example/v/abc.def?x=1 ')).toBe('abc.def');
    expect(tokenFromScan('abc.def')).toBe('abc.def');
  });
});

describe('published keys', () => {
  it('round-trip through the JWKS form for Ed25519 and SM2', () => {
    for (const alg of ['ed25519', 'sm2'] as const) {
      const { key, signer } = rings[alg];
      const jwk = toJwk(alg, key.kid, key.publicKeyDer);
      expect(jwk.kid).toBe(key.kid);
      const { key: publicKey } = fromJwk(jwk);
      const token = encodeToken({ c: 'code1234', d: 'wuxing', t: 'A', e: NOW + 10 }, signer);
      expect(checkToken(token, () => ({ alg, publicKey }), never, NOW).valid).toBe(true);
    }
    expect(toJwk('ed25519', 'k', rings.ed25519.key.publicKeyDer)).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
    });
    expect(toJwk('sm2', 'k', rings.sm2.key.publicKeyDer)).toMatchObject({
      kty: 'EC',
      crv: 'SM2',
      alg: 'SM2-SM3',
    });
  });
});
