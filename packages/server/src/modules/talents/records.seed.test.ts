// The demonstration records: every district's demo talent qualifies for a catalogue tier of its own pack
// and works at the demo enterprise, whose HR account acts for it; seeding twice adds nothing.
import { classifyTier, compilePack, loadPack } from '@rencai/engine';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { queryRows } from '../../db/client';
import { seedDemo, seedDistricts } from '../../seed/demo';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { loadTalentFacts } from './talents.facts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db);
});
afterAll(() => database.destroy());

describe('demo records', () => {
  it.each(seedDistricts.map((d) => d.code))(
    'talent.%s meets a catalogue tier and is confirmed at the demo enterprise',
    async (district) => {
      const [row] = await queryRows<{ id: number; enterprise: number; member: number }>(
        database.db,
        sql`SELECT t.id::int AS id, e.enterprise_id::int AS enterprise, m.enterprise_id::int AS member
          FROM talents t JOIN accounts a ON a.id = t.account_id
          JOIN employments e ON e.talent_id = t.id AND e.status = 'confirmed'
          JOIN accounts h ON h.username = ${`enterprise.${district}`}
          JOIN enterprise_members m ON m.account_id = h.id
          WHERE a.username = ${`talent.${district}`}`,
      );
      expect(row?.enterprise).toBe(row?.member);
      const facts = await loadTalentFacts(database.db, Number(row?.id), new Date());
      const pack = compilePack(await loadPack(`${loadConfig().packsDir}/${district}`));
      expect(classifyTier(pack, facts ?? {}, new Date()).tier).not.toBe('NONE');
      const [count] = await queryRows<{ n: number }>(
        database.db,
        sql`SELECT count(*)::int AS n FROM talents WHERE district = ${district}`,
      );
      expect(Number(count?.n)).toBe(31);
    },
  );

  it('adds nothing when run again', async () => {
    const before = await queryRows<{ t: number; e: number; f: number }>(
      database.db,
      sql`SELECT (SELECT count(*) FROM talents)::int AS t, (SELECT count(*) FROM employments)::int AS e, (SELECT count(*) FROM talent_facts)::int AS f`,
    );
    await seedDemo(database.db);
    const after = await queryRows<{ t: number; e: number; f: number }>(
      database.db,
      sql`SELECT (SELECT count(*) FROM talents)::int AS t, (SELECT count(*) FROM employments)::int AS e, (SELECT count(*) FROM talent_facts)::int AS f`,
    );
    expect(after).toEqual(before);
  });
});
