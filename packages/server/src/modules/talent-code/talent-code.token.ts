// The talent-code token: `<payload>.<signature>`, both base64url (canonical, no padding). The payload is
// compact JSON {"v":1,"c":code id,"d":district,"t":tier,"e":expiry (Unix s),"k":key id}; the signature
// (Ed25519, or SM2 with SM3) covers the payload segment's ASCII bytes, as in JWS. About 200 characters
// with Ed25519, so the QR of `<origin>/v/<token>` stays small enough for a weak phone camera.
// Pure functions: no database, so verification is one signature check and a set lookup.
import type { KeyObject } from 'node:crypto';
import { type SigningAlg, signBytes, verifyBytes } from '../../lib/signing';

/** A token is issued per minute (the QR rotates) and stays valid this much past its minute (clock skew). */
export const TOKEN_WINDOW_SECONDS = 60;
export const TOKEN_GRACE_SECONDS = 15;
/** Longer inputs are malformed without further work. */
export const MAX_TOKEN_LENGTH = 512;

export type TokenPayload = { v: 1; c: string; d: string; t: string; e: number; k: string };
export const verifyFailures = ['expired', 'revoked', 'bad_signature', 'malformed'] as const;
export type VerifyFailure = (typeof verifyFailures)[number];
export type TokenCheck = { valid: true; payload: TokenPayload } | { valid: false; reason: VerifyFailure };

export type Signer = { kid: string; alg: SigningAlg; privateKey: KeyObject };
export type KeyLookup = (kid: string) => { alg: SigningAlg; publicKey: KeyObject } | undefined;

const B64URL = /^[A-Za-z0-9_-]+$/;
const CODE = /^[A-Za-z0-9_-]{4,32}$/;
const DISTRICT = /^[a-z][a-z0-9-]{1,31}$/;

/** The expiry of the token issued at `nowSeconds`: the end of its minute plus the grace. */
export function tokenExpiry(nowSeconds: number): number {
  return (Math.floor(nowSeconds / TOKEN_WINDOW_SECONDS) + 1) * TOKEN_WINDOW_SECONDS + TOKEN_GRACE_SECONDS;
}

/** Signs a payload. Ed25519 is deterministic, so one code gets one token per minute. */
export function encodeToken(payload: Omit<TokenPayload, 'v' | 'k'>, signer: Signer): string {
  const body: TokenPayload = { v: 1, c: payload.c, d: payload.d, t: payload.t, e: payload.e, k: signer.kid };
  const segment = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${segment}.${signBytes(signer.alg, signer.privateKey, Buffer.from(segment)).toString('base64url')}`;
}

function canonicalBase64url(segment: string): Buffer | undefined {
  if (!B64URL.test(segment)) return undefined;
  const bytes = Buffer.from(segment, 'base64url');
  // Reject non-canonical spellings (unused low bits set), so that no two strings carry one signature.
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

function readPayload(bytes: Buffer): TokenPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const p = value as Record<string, unknown>;
  if (p.v !== 1) return undefined;
  if (typeof p.c !== 'string' || !CODE.test(p.c)) return undefined;
  if (typeof p.d !== 'string' || !DISTRICT.test(p.d)) return undefined;
  if (typeof p.t !== 'string' || p.t.length < 1 || p.t.length > 16) return undefined;
  if (typeof p.e !== 'number' || !Number.isSafeInteger(p.e) || p.e <= 0) return undefined;
  if (typeof p.k !== 'string' || p.k.length < 1 || p.k.length > 16) return undefined;
  return { v: 1, c: p.c, d: p.d, t: p.t, e: p.e, k: p.k };
}

/**
 * Checks any value as a token. Order: the shape (malformed), the signature under the named key
 * (bad_signature, also for an unknown key), revocation of the code (revoked), then expiry (expired).
 * Never throws.
 */
export function checkToken(
  token: unknown,
  keys: KeyLookup,
  isRevoked: (code: string) => boolean,
  nowSeconds: number,
): TokenCheck {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH)
    return { valid: false, reason: 'malformed' };
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { valid: false, reason: 'malformed' };
  const segment = token.slice(0, dot);
  const payloadBytes = canonicalBase64url(segment);
  const signature = canonicalBase64url(token.slice(dot + 1));
  if (!payloadBytes || !signature) return { valid: false, reason: 'malformed' };
  const payload = readPayload(payloadBytes);
  if (!payload) return { valid: false, reason: 'malformed' };
  const key = keys(payload.k);
  if (!key || !verifyBytes(key.alg, key.publicKey, Buffer.from(segment), signature)) {
    return { valid: false, reason: 'bad_signature' };
  }
  if (isRevoked(payload.c)) return { valid: false, reason: 'revoked' };
  if (nowSeconds > payload.e) return { valid: false, reason: 'expired' };
  return { valid: true, payload };
}

/** Extracts the token from what a scanner read: the token itself or a `…/v/<token>` URL. */
export function tokenFromScan(text: string): string {
  const trimmed = text.trim();
  const at = trimmed.lastIndexOf('/v/');
  const token = at >= 0 ? trimmed.slice(at + 3) : trimmed;
  return token.split(/[?#]/)[0] ?? '';
}
