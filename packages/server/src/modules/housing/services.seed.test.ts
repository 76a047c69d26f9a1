// The services' demonstration data: present for every district after the demo seed, and not doubled
// by a second run.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { seedDemo } from '../../seed/demo';
import { createWorld, type World } from './services.test-support';

let world: World;
beforeAll(async () => {
  world = await createWorld();
  await seedDemo(world.database.db); // a second run adds nothing
});
afterAll(() => world.database.destroy());

const count = async (query: ReturnType<typeof sql>) =>
  (await queryRows<{ district: string; n: number }>(world.database.db, query)).map((r) => [
    r.district,
    Number(r.n),
  ]);

describe('services demo data', () => {
  it('gives every district two buildings, one of them with no vacant flat', async () => {
    const rows = await queryRows<{ district: string; building: string; vacant: number }>(
      world.database.db,
      sql`SELECT district, building, count(*) FILTER (WHERE status = 'vacant')::int AS vacant
          FROM apartments GROUP BY district, building ORDER BY district, building`,
    );
    const districts = [...new Set(rows.map((r) => r.district))];
    expect(districts).toEqual(['chaoyang', 'horinger', 'jingan', 'wuchang', 'wuxing']);
    for (const d of districts) {
      const vacancies = rows
        .filter((r) => r.district === d)
        .map((r) => Number(r.vacant))
        .sort();
      expect(vacancies, d).toEqual([0, 6]);
    }
  });

  it('gives every district two events, two loan products on the bank desk, and reserve levels (three in Wuchang)', async () => {
    expect(
      await count(sql`SELECT district, count(*)::int AS n FROM events GROUP BY district ORDER BY district`),
    ).toEqual(['chaoyang', 'horinger', 'jingan', 'wuchang', 'wuxing'].map((d) => [d, 2]));
    const products = await queryRows<{ username: string; n: number }>(
      world.database.db,
      sql`SELECT a.username, count(*)::int AS n FROM loan_products p JOIN accounts a ON a.id = p.bank_account_id
          GROUP BY a.username ORDER BY a.username`,
    );
    expect(products.map((p) => [p.username, Number(p.n)])).toEqual(
      ['chaoyang', 'horinger', 'jingan', 'wuchang', 'wuxing'].map((d) => [`bank.${d}`, 2]),
    );
    const levels = Object.fromEntries(
      await count(sql`SELECT district, count(*)::int AS n FROM reserve_levels GROUP BY district`),
    );
    expect(levels).toEqual({ chaoyang: 2, horinger: 2, jingan: 2, wuchang: 3, wuxing: 2 });
  });

  it('seats no more than capacity and keeps the seat count equal to the registrations', async () => {
    const rows = await queryRows<{ capacity: number; registered_count: number; seated: number }>(
      world.database.db,
      sql`SELECT e.capacity, e.registered_count,
                 (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'registered') AS seated
          FROM events e`,
    );
    for (const r of rows) {
      expect(Number(r.registered_count)).toBe(Number(r.seated));
      expect(Number(r.seated)).toBeLessThanOrEqual(Number(r.capacity));
    }
  });
});
