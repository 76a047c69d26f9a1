// Test and benchmark helpers: talents with facts and certifications written straight into the record
// tables (the records module's own services are not needed to count them).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

export type TalentSeed = {
  professionalTitle?: string;
  skillLevel?: string;
  employerType?: string;
  industry?: string;
  occupation?: string;
  degree?: string;
  major?: string;
  graduationDate?: string;
  arrivalDate?: string;
  tier?: string;
  createdAt?: string;
  name?: string;
  accountId?: number;
};

let serial = 0;

/** Inserts talents (and their facts and certifications) in batches; returns their ids. */
export async function insertTalents(db: Db, district: string, seeds: TalentSeed[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < seeds.length; i += 1000) {
    const batch = seeds.slice(i, i + 1000);
    const values = batch.map((s) => {
      serial++;
      const tag = `${district}-${process.pid}-${serial}-${Math.random().toString(36).slice(2, 8)}`;
      return sql`(${district}, ${s.accountId ?? null}, ${s.name ?? `测试人才${serial}`}, 'resident', ${`enc:${tag}`}, ${`hash:${tag}`}, 'test', ${s.createdAt ?? new Date().toISOString()}::timestamptz)`;
    });
    const result = (await db.execute(
      sql`INSERT INTO talents (district, account_id, name, id_kind, id_number_enc, id_number_hash, created_by, created_at)
          VALUES ${sql.join(values, sql`, `)} RETURNING id::int AS id`,
    )) as unknown as { rows: { id: number }[] };
    const batchIds = result.rows.map((r) => Number(r.id));
    ids.push(...batchIds);
    const facts: ReturnType<typeof sql>[] = [];
    const certs: ReturnType<typeof sql>[] = [];
    batch.forEach((s, j) => {
      const id = batchIds[j] as number;
      for (const name of [
        'professionalTitle',
        'skillLevel',
        'employerType',
        'industry',
        'occupation',
        'degree',
        'major',
        'graduationDate',
        'arrivalDate',
      ] as const) {
        const v = s[name];
        if (v !== undefined) facts.push(sql`(${id}, ${name}, ${JSON.stringify(v)}::jsonb, 'self', 'test')`);
      }
      if (s.tier)
        certs.push(
          sql`(${district}, ${id}, 'catalogue', ${s.tier}, ${s.tier}, 'approved', 'test', '2024-01-01'::date, '2099-12-31'::date)`,
        );
    });
    for (let k = 0; k < facts.length; k += 2000)
      await db.execute(
        sql`INSERT INTO talent_facts (talent_id, name, value, source, updated_by) VALUES ${sql.join(facts.slice(k, k + 2000), sql`, `)}`,
      );
    for (let k = 0; k < certs.length; k += 2000)
      await db.execute(
        sql`INSERT INTO certifications (district, talent_id, path, requested_tier, tier, status, submitted_by, valid_from, valid_to)
            VALUES ${sql.join(certs.slice(k, k + 2000), sql`, `)}`,
      );
  }
  return ids;
}
