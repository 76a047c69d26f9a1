#!/usr/bin/env node
// Verifies a talent-code token without calling the server, with only the published keys and node:crypto.
//   node scripts/verify-offline.mjs <jwks.json> <token | https://…/v/<token>> [--now <unix seconds>]
// jwks.json is what GET /api/v1/talent-code/keys returns. Prints one JSON line:
//   {"valid":true,"codeId":…,"district":…,"tier":…,"expiresAt":…,"kid":…}  (exit 0)
//   {"valid":false,"reason":"malformed"|"bad_signature"|"expired"}          (exit 1)
// Revocation needs the server's list, so an offline verifier cannot see it; tokens live about a minute.
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const SKEW_SECONDS = 30; // tolerated difference between this machine's clock and the issuer's
const SM2_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
const B64URL = /^[A-Za-z0-9_-]+$/;

function canonical(segment) {
  if (!B64URL.test(segment)) return undefined;
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : undefined;
}

function keyOf(jwk) {
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519') {
    return {
      alg: null,
      key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }),
    };
  }
  if (jwk.kty === 'EC' && jwk.crv === 'SM2') {
    const point = Buffer.concat([
      Buffer.from([4]),
      Buffer.from(jwk.x, 'base64url'),
      Buffer.from(jwk.y, 'base64url'),
    ]);
    const der = Buffer.concat([SM2_SPKI_PREFIX, point])
      .toString('base64')
      .replace(/(.{64})/g, '$1\n');
    const pem = `-----BEGIN PUBLIC KEY-----\n${der}\n-----END PUBLIC KEY-----\n`;
    return { alg: 'sm3', key: createPublicKey({ key: pem, format: 'pem' }) };
  }
  return undefined;
}

/** The verdict on one token against a key set, as of `now` (Unix seconds). */
export function verifyOffline(jwks, scanned, now) {
  const at = scanned.lastIndexOf('/v/');
  const token = (at >= 0 ? scanned.slice(at + 3) : scanned).trim().split(/[?#]/)[0];
  const parts = token.split('.');
  if (token.length > 512 || parts.length !== 2) return { valid: false, reason: 'malformed' };
  const [segment, sigText] = parts;
  const payloadBytes = canonical(segment);
  const signature = canonical(sigText);
  if (!payloadBytes || !signature) return { valid: false, reason: 'malformed' };
  let p;
  try {
    p = JSON.parse(payloadBytes.toString('utf8'));
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (p?.v !== 1 || typeof p.c !== 'string' || typeof p.d !== 'string' || typeof p.t !== 'string') {
    return { valid: false, reason: 'malformed' };
  }
  if (!Number.isSafeInteger(p.e) || typeof p.k !== 'string') return { valid: false, reason: 'malformed' };
  const jwk = (jwks.keys ?? []).find((k) => k.kid === p.k);
  const key = jwk ? keyOf(jwk) : undefined;
  let ok = false;
  try {
    ok = key !== undefined && verify(key.alg, Buffer.from(segment), key.key, signature);
  } catch {
    ok = false;
  }
  if (!ok) return { valid: false, reason: 'bad_signature' };
  if (now > p.e + SKEW_SECONDS) return { valid: false, reason: 'expired' };
  return {
    valid: true,
    codeId: p.c,
    district: p.d,
    tier: p.t,
    expiresAt: new Date(p.e * 1000).toISOString(),
    kid: p.k,
  };
}

const args = process.argv.slice(2);
const nowAt = args.indexOf('--now');
const now = nowAt >= 0 ? Number(args.splice(nowAt, 2)[1]) : Math.floor(Date.now() / 1000);
const [jwksFile, token] = args;
if (!jwksFile || !token) {
  process.stderr.write('usage: node scripts/verify-offline.mjs <jwks.json> <token> [--now <unix seconds>]\n');
  process.exit(2);
}
const result = verifyOffline(JSON.parse(readFileSync(jwksFile, 'utf8')), token, now);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(result.valid ? 0 : 1);
