import { z } from 'zod';
import { verifyFailures } from './talent-code.token';

const Jwk = z
  .object({
    kty: z.enum(['OKP', 'EC']),
    crv: z.enum(['Ed25519', 'SM2']),
    x: z.string().meta({ description: 'Ed25519: the 32-byte public key; SM2: the x coordinate (base64url)' }),
    y: z.string().optional().meta({ description: 'SM2 only: the y coordinate (base64url)' }),
    kid: z.string(),
    alg: z.enum(['EdDSA', 'SM2-SM3']),
    use: z.literal('sig'),
  })
  .meta({ id: 'TalentCodeJwk' });

export const Jwks = z.object({ keys: z.array(Jwk) }).meta({
  id: 'TalentCodeJwks',
  description:
    'Verification keys of talent-code tokens. A token is `<payload>.<signature>` (base64url); the payload is JSON {v,c (code id),d (district),t (tier),e (expiry, Unix s),k (kid)}; the signature covers the payload segment. Ed25519 keys follow RFC 8037; SM2 keys give the point as x/y and sign with SM3 (OpenSSL SM2).',
});

export const VerifyBody = z
  .object({ token: z.string().meta({ description: 'The token, or the scanned `…/v/<token>` URL' }) })
  .meta({ id: 'VerifyTalentCode' });

const Quota = z.object({
  count: z.number().int(),
  per: z.string().meta({ description: 'year | month | week | day | validity' }),
});

export const EntitlementOut = z
  .object({ service: z.string(), name: z.string(), quota: Quota.nullable() })
  .meta({ id: 'TalentCodeEntitlement' });

export const Verification = z
  .union([
    z.object({
      valid: z.literal(true),
      codeId: z.string(),
      district: z.string(),
      tier: z.string(),
      tierName: z.string(),
      name: z.string().nullable().meta({ description: 'The holder, masked (first and last character)' }),
      entitlements: z.array(EntitlementOut),
      expiresAt: z.string(),
      kid: z.string(),
    }),
    z.object({
      valid: z.literal(false),
      reason: z.enum(verifyFailures),
      message: z.string().meta({ description: "The reason in the caller's language" }),
    }),
  ])
  .meta({ id: 'TalentCodeVerification' });

const QuotaLeft = Quota.extend({ used: z.number().int(), left: z.number().int(), period: z.string() });

export const MyEntitlement = z.object({ service: z.string(), name: z.string(), quota: QuotaLeft.nullable() });

export const MyCode = z
  .object({
    status: z.enum(['active', 'revoked', 'not_certified', 'no_record']),
    codeId: z.string().nullable(),
    district: z.string(),
    tier: z.string().nullable(),
    tierName: z.string().nullable(),
    validTo: z.string().nullable(),
    revokedReason: z.string().nullable(),
    entitlements: z.array(MyEntitlement),
  })
  .meta({ id: 'MyTalentCode' });

export const MyToken = z
  .object({
    token: z.string(),
    path: z.string().meta({ description: '`/v/<token>`: prefix the origin to get the URL the QR encodes' }),
    expiresAt: z.string(),
    refreshAt: z
      .string()
      .meta({ description: 'When the next token is issued (the QR rotates every minute)' }),
    serverNow: z.string(),
  })
  .meta({ id: 'TalentCodeToken' });

export const UseItem = z.object({
  id: z.number().int(),
  at: z.string(),
  service: z.string(),
  serviceName: z.string(),
  provider: z.string(),
  tier: z.string(),
  /** Masked name of the talent (for provider lists). */
  talent: z.string(),
});
export const UseList = z.object({ items: z.array(UseItem) }).meta({ id: 'TalentCodeUses' });

export const ScanBody = VerifyBody;

export const ScanService = z.object({
  service: z.string(),
  name: z.string(),
  entitled: z.boolean(),
  quota: QuotaLeft.nullable(),
});

export const ScanResult = z
  .object({
    verification: Verification,
    provider: z.object({ id: z.number().int(), name: z.string() }),
    services: z.array(ScanService),
  })
  .meta({ id: 'TalentCodeScan' });

export const RecordUseBody = z
  .object({
    token: z.string().min(1).max(2000),
    service: z.string().regex(/^[a-z0-9_]{1,64}$/),
  })
  .meta({ id: 'RecordTalentCodeUse' });

export const RecordedUse = z
  .object({
    use: UseItem,
    replayed: z
      .boolean()
      .meta({ description: 'True when this scan was already recorded (idempotent per scan)' }),
    quota: QuotaLeft.nullable(),
  })
  .meta({ id: 'RecordedTalentCodeUse' });

export const CodeParams = z.object({
  district: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/),
  codeId: z.coerce.number().int().positive(),
});

export const CodeList = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        codeId: z.string(),
        talentId: z.number().int(),
        name: z.string(),
        status: z.enum(['active', 'revoked']),
        createdAt: z.string(),
        revokedAt: z.string().nullable(),
        uses: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TalentCodeList' });

export const RevokeBody = z
  .object({ reason: z.string().trim().min(2).max(500) })
  .meta({ id: 'RevokeTalentCode' });

export const Revoked = z
  .object({ id: z.number().int(), codeId: z.string(), status: z.literal('revoked'), revokedAt: z.string() })
  .meta({ id: 'RevokedTalentCode' });

export const UsageQuery = z.object({
  days: z.coerce.number().int().min(1).max(3660).optional().meta({ description: 'Only the last N days' }),
});

export const UsageReport = z
  .object({
    rows: z.array(
      z.object({
        providerId: z.number().int(),
        provider: z.string(),
        kind: z.string(),
        service: z.string(),
        serviceName: z.string(),
        uses: z.number().int(),
        talents: z.number().int(),
        lastAt: z.string(),
      }),
    ),
    totalUses: z.number().int(),
  })
  .meta({ id: 'TalentCodeUsage' });

export const RotatedKey = z.object({ kid: z.string(), alg: z.string(), retired: z.array(z.string()) });
