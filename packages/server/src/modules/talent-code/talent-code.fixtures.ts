// Test and demo helper: gives a signed-in talent account a talent record and an approved certification
// (standing in for the records and certification modules' own flows, which tests need not run).
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, certifications, talents } from '../../db/schema';

export type CertifiedTalent = { talentId: number; certificationId: number };

/** Creates (or reuses) the account's talent record and adds an approved certification of `tier`. */
export async function certifyAccount(
  db: Db,
  username: string,
  opts: { tier: string; name?: string; validFrom?: string; validTo?: string },
): Promise<CertifiedTalent> {
  const [account] = await db
    .select()
    .from(accounts)
    .where(sql`lower(${accounts.username}) = lower(${username})`);
  if (!account) throw new Error(`no account ${username}`);
  let [talent] = await db.select().from(talents).where(eq(talents.accountId, account.id));
  if (!talent) {
    [talent] = await db
      .insert(talents)
      .values({
        district: account.district,
        accountId: account.id,
        name: opts.name ?? '林晓',
        idKind: 'resident',
        idNumberEnc: 'v1.fixture',
        idNumberHash: randomBytes(16).toString('base64url'),
        createdBy: 'fixture',
      })
      .returning();
  }
  if (!talent) throw new Error('talent insert failed');
  const [cert] = await db
    .insert(certifications)
    .values({
      district: account.district,
      talentId: talent.id,
      path: 'catalogue',
      requestedTier: opts.tier,
      tier: opts.tier,
      status: 'approved',
      submittedBy: 'fixture',
      decidedBy: 'fixture',
      decidedAt: new Date(),
      // Today, so that this certification is the talent's current one (the latest valid_from wins).
      validFrom: opts.validFrom ?? new Date().toISOString().slice(0, 10),
      validTo: opts.validTo ?? '2030-12-31',
      certificateNo: `FX-${randomBytes(6).toString('hex')}`,
    })
    .returning();
  if (!cert) throw new Error('certification insert failed');
  return { talentId: talent.id, certificationId: cert.id };
}
