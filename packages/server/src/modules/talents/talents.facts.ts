// Derives the engine's facts of a talent or an enterprise from their records (一人一档, 一企一册): the
// profile's fact rows, the confirmed employment, the current certification. Every service that asks the
// engine about a subject gets its facts here, so nothing is typed twice.

import type { Facts } from '@rencai/engine';
import { and, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { certifications, employments, enterprises, talentFacts, talents } from '../../db/schema';
import { onShortageCatalogue } from '../demand/demand.service';
import { isInYouthReserve } from '../reserve/reserve.facts';
import { isDisplayFact } from './talents.fields';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A talent's current certification: approved, not revoked, valid on `asOf`, the latest first. */
export async function findCurrentCertification(db: Db, talentId: number, asOf: Date) {
  const day = isoDate(asOf);
  const [row] = await db
    .select()
    .from(certifications)
    .where(
      and(
        eq(certifications.talentId, talentId),
        eq(certifications.status, 'approved'),
        lte(certifications.validFrom, day),
        gte(certifications.validTo, day),
      ),
    )
    .orderBy(desc(certifications.validFrom), desc(certifications.id))
    .limit(1);
  return row;
}

/** The engine facts of one talent as of a date; undefined when the talent does not exist. */
export async function loadTalentFacts(db: Db, talentId: number, asOf: Date): Promise<Facts | undefined> {
  const [talent] = await db.select().from(talents).where(eq(talents.id, talentId)).limit(1);
  if (!talent) return undefined;
  const facts: Record<string, unknown> = {};
  if (talent.birthDate) facts.birthDate = talent.birthDate;
  if (talent.gender) facts.gender = talent.gender;
  facts.isForeigner = talent.idKind === 'permanent_resident';
  for (const row of await db.select().from(talentFacts).where(eq(talentFacts.talentId, talentId))) {
    if (!isDisplayFact(row.name)) facts[row.name] = row.value; // display-only fields are not engine facts
  }
  const [job] = await db
    .select({ employment: employments, enterprise: enterprises })
    .from(employments)
    .innerJoin(enterprises, eq(enterprises.id, employments.enterpriseId))
    .where(and(eq(employments.talentId, talentId), eq(employments.status, 'confirmed')))
    .orderBy(desc(employments.startDate), desc(employments.id))
    .limit(1);
  if (job) {
    facts.employerInDistrict = job.enterprise.registeredInDistrict;
    if (job.employment.startDate) facts.employmentStartDate = job.employment.startDate;
    if (job.employment.contractYears !== null) facts.contractYears = job.employment.contractYears;
    if (facts.industry === undefined && job.enterprise.industry) facts.industry = job.enterprise.industry;
  }
  facts.inYouthReserve = await isInYouthReserve(db, talentId); // 青年人才储备库 membership
  const onCatalogue = await onShortageCatalogue(db, talent.district, facts.occupation);
  if (onCatalogue !== undefined) facts.onShortageCatalogue = onCatalogue; // 紧缺职业目录
  const cert = await findCurrentCertification(db, talentId, asOf);
  // "No tier" is a known value for a person on file with no certification, unlike a missing fact.
  facts.tier = cert?.tier ?? 'NONE';
  if (cert?.validFrom) facts.tierCertifiedDate = cert.validFrom;
  return facts;
}

/** The engine facts of one enterprise as of a date; undefined when it does not exist. */
export async function loadEnterpriseFacts(
  db: Db,
  enterpriseId: number,
  asOf: Date,
): Promise<Facts | undefined> {
  const [e] = await db.select().from(enterprises).where(eq(enterprises.id, enterpriseId)).limit(1);
  if (!e) return undefined;
  const day = isoDate(asOf);
  const yearAgo = isoDate(new Date(asOf.getTime() - 365 * 86_400_000));
  const staff = db
    .select({ talentId: employments.talentId })
    .from(employments)
    .where(and(eq(employments.enterpriseId, enterpriseId), eq(employments.status, 'confirmed')));
  const [certified] = await db
    .select({ n: sql<number>`count(distinct ${certifications.talentId})::int` })
    .from(certifications)
    .where(
      and(
        inArray(certifications.talentId, staff),
        eq(certifications.status, 'approved'),
        lte(certifications.validFrom, day),
        gte(certifications.validTo, day),
      ),
    );
  const [hires] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(employments)
    .where(
      and(
        eq(employments.enterpriseId, enterpriseId),
        eq(employments.status, 'confirmed'),
        gte(employments.startDate, yearAgo),
      ),
    );
  const facts: Record<string, unknown> = { ...e.facts };
  facts.registeredInDistrict = e.registeredInDistrict;
  if (e.scale) facts.scale = e.scale;
  if (e.industry) facts.industry = e.industry;
  facts.enterpriseTags = e.tags;
  facts.creditStatus = e.creditStatus;
  facts.whiteListed = e.whiteListed;
  facts.certifiedTalentCount = Number(certified?.n ?? 0);
  facts.newTalentHires = Number(hires?.n ?? 0);
  return facts;
}
