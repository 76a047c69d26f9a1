// Test factories: talents and enterprises written straight into the records tables (the records module's
// own services are not needed to test matching), with the facts, employment and certification given.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { certifications, employments, enterprises, talentFacts, talents } from '../../db/schema';

let serial = 0;

export type TalentSpec = {
  district: string;
  name?: string;
  birthDate?: string;
  accountId?: number | null;
  /** Profile facts (talent_facts rows). */
  facts?: Record<string, unknown>;
  /** A confirmed employment at an enterprise of the district. */
  employed?: { inDistrict?: boolean; startDate?: string; contractYears?: number } | false;
  /** An approved certification valid today. */
  tier?: string;
};

export async function buildEnterprise(
  db: Db,
  district: string,
  spec: {
    name?: string;
    inDistrict?: boolean;
    facts?: Record<string, unknown>;
    tags?: string[];
    scale?: string;
  } = {},
): Promise<number> {
  serial++;
  const [row] = await db
    .insert(enterprises)
    .values({
      district,
      creditCode: `91330502TEST${String(serial).padStart(6, '0')}`,
      name: spec.name ?? `测试企业${serial}`,
      registeredInDistrict: spec.inDistrict ?? true,
      facts: spec.facts ?? {},
      tags: spec.tags ?? [],
      scale: spec.scale ?? null,
    })
    .returning({ id: enterprises.id });
  return row?.id as number;
}

export async function buildTalent(db: Db, spec: TalentSpec): Promise<number> {
  serial++;
  const [row] = await db
    .insert(talents)
    .values({
      district: spec.district,
      accountId: spec.accountId ?? null,
      name: spec.name ?? `测试人才${serial}`,
      idKind: 'resident',
      idNumberEnc: `enc-${serial}-${Math.random()}`,
      idNumberHash: `hash-${serial}-${Math.random()}`,
      birthDate: spec.birthDate ?? null,
      createdBy: 'test',
    })
    .returning({ id: talents.id });
  const id = row?.id as number;
  await setFacts(db, id, spec.facts ?? {});
  if (spec.employed) {
    const enterpriseId = await buildEnterprise(db, spec.district, {
      inDistrict: spec.employed.inDistrict ?? true,
    });
    await db.insert(employments).values({
      district: spec.district,
      talentId: id,
      enterpriseId,
      startDate: spec.employed.startDate ?? '2024-01-01',
      contractYears: spec.employed.contractYears ?? 3,
      status: 'confirmed',
      requestedBy: 'test',
    });
  }
  if (spec.tier) {
    await db.insert(certifications).values({
      district: spec.district,
      talentId: id,
      path: 'catalogue',
      requestedTier: spec.tier,
      tier: spec.tier,
      status: 'approved',
      submittedBy: 'test',
      validFrom: '2024-01-01',
      validTo: '2099-12-31',
    });
  }
  return id;
}

/** Sets (or, with null, removes) profile facts of a talent, as a profile update would. */
export async function setFacts(db: Db, talentId: number, facts: Record<string, unknown>): Promise<void> {
  for (const [name, value] of Object.entries(facts)) {
    if (value === null) {
      await db.execute(sql`DELETE FROM talent_facts WHERE talent_id = ${talentId} AND name = ${name}`);
      continue;
    }
    await db
      .insert(talentFacts)
      .values({ talentId, name, value, source: 'self', updatedBy: 'test' })
      .onConflictDoUpdate({ target: [talentFacts.talentId, talentFacts.name], set: { value } });
  }
}
