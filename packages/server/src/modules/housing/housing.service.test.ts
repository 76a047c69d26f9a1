// 人才安居 against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): eligibility from the
// pack, queue order, allocation, the race for the last flat, move-out and re-allocation, audit rows.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import * as service from './housing.service';
import { buildTalent, createWorld, ctxOf, refusal, staff, type World } from './services.test-support';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.database.destroy());

const admin = (district = 'wuxing') => ctxOf(world, staff('admin', district));

async function flats(district: string, building: string, units: string[]) {
  const out = [];
  for (const unit of units)
    out.push(
      await service.createApartment(admin(district), { building, unit, areaSqm: 60, rentMonthly: 1500 }),
    );
  return out;
}

async function auditActions(object: string) {
  const rows = await queryRows<{ action: string }>(
    world.database.db,
    sql`SELECT action FROM audit_log WHERE object = ${object} ORDER BY seq`,
  );
  return rows.map((r) => r.action);
}

describe('eligibility comes from the pack', () => {
  it('refuses a talent with no tier, naming certification', async () => {
    await flats('wuxing', '测试一号楼', ['101']);
    const t = await buildTalent(world, { tier: null });
    const e = await refusal(service.applyForHousing(ctxOf(world, t.actor), { building: '测试一号楼' }));
    expect(e.code).toBe('policy_denied');
    expect(e.localized('zh')).toContain('人才认定');
  });

  it("refuses a certified talent the apartment policy excludes (owns a home), with the policy's reason", async () => {
    const t = await buildTalent(world, { tier: 'C', facts: { ownsHomeInDistrict: true } });
    const e = await refusal(service.applyForHousing(ctxOf(world, t.actor), { building: '测试一号楼' }));
    expect(e.code).toBe('policy_denied');
    expect(e.details).toMatchObject({ policyId: 'wuxing.housing.apartment' });
    const mine = await service.getMyHousing(ctxOf(world, t.actor, 'wuxing', 'en'));
    expect(mine.eligibility.eligible).toBe(false);
    expect(mine.eligibility.reason.toLowerCase()).toContain('home');
  });

  it('refuses an unknown building with validation_failed naming the field', async () => {
    const t = await buildTalent(world, { tier: 'C' });
    const e = await refusal(service.applyForHousing(ctxOf(world, t.actor), { building: '不存在的楼' }));
    expect(e.code).toBe('validation_failed');
    expect(JSON.stringify(e.details)).toContain('building');
  });
});

describe('applying and allocating', () => {
  it('allocates a vacant flat at once to an eligible applicant with nobody ahead, with a lease and audit rows', async () => {
    const [flat] = await flats('wuxing', '西山人才公寓', ['A-101']);
    const t = await buildTalent(world, { tier: 'D' });
    const mine = await service.applyForHousing(ctxOf(world, t.actor), { building: '西山人才公寓' });
    expect(mine.application).toMatchObject({ status: 'allocated', position: null, apartmentId: flat?.id });
    expect(mine.lease).toMatchObject({ status: 'active', apartment: { unit: 'A-101' }, rentMonthly: 1500 });
    expect(mine.lease?.endDate).toBe(service.leaseEnd(mine.lease?.startDate ?? '', 36));
    expect(await auditActions(`housing_application:${mine.application?.id}`)).toEqual(['housing.apply']);
    expect(await auditActions(`lease:${mine.lease?.id}`)).toEqual(['housing.allocate']);
    const again = await refusal(service.applyForHousing(ctxOf(world, t.actor), { building: '西山人才公寓' }));
    expect(again.code).toBe('conflict');
  });

  it('orders the queue by tier, then children, then waiting time, and shows each applicant their position', async () => {
    await flats('wuxing', '满员楼', ['1']);
    const first = await buildTalent(world, { tier: 'E' });
    await service.applyForHousing(ctxOf(world, first.actor), { building: '满员楼' }); // takes the only flat
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const at = () => {
      clock += 60_000;
      return new Date(clock);
    };
    const early = await buildTalent(world, { tier: 'E' });
    const late = await buildTalent(world, { tier: 'E' });
    const family = await buildTalent(world, { tier: 'E', facts: { childrenCount: 2 } });
    const top = await buildTalent(world, { tier: 'B' });
    for (const t of [early, late, family, top])
      await service.applyForHousing(ctxOf(world, t.actor, 'wuxing', 'zh', at), { building: '满员楼' });
    const queue = await service.listQueue(admin(), '满员楼');
    expect(queue.items.map((i) => i.talentId)).toEqual([
      top.talentId,
      family.talentId,
      early.talentId,
      late.talentId,
    ]);
    expect(queue.items.map((i) => i.position)).toEqual([1, 2, 3, 4]);
    const mine = await service.getMyHousing(ctxOf(world, late.actor));
    expect(mine.application).toMatchObject({ status: 'waiting', position: 4 });
  });

  it('allocates a new flat to the head of the queue; move-out re-allocates to the next one', async () => {
    const [added] = await flats('wuxing', '满员楼', ['2']);
    const lease = await service.allocateApartment(admin(), added?.id ?? 0, {});
    const queueBefore = (await service.listQueue(admin(), '满员楼')).items;
    expect(lease.talentName).toBeTruthy();
    expect(lease.apartment.unit).toBe('2');
    const second = queueBefore[0];
    const out = await service.endLease(admin(), lease.id, { reason: '工作调动' });
    expect(out.ended).toMatchObject({ status: 'ended', endReason: '工作调动' });
    expect(out.next).toMatchObject({
      talentId: second?.talentId,
      apartment: { unit: '2' },
      status: 'active',
    });
    expect(await auditActions(`lease:${lease.id}`)).toEqual(['housing.allocate', 'housing.move_out']);
    const stillLet = await service.listApartments(admin());
    expect(stillLet.items.find((a) => a.id === added?.id)?.status).toBe('let');
    const noFlat = await refusal(service.allocateApartment(admin(), added?.id ?? 0, {}));
    expect(noFlat.code).toBe('conflict');
  });

  it('keeps a let flat from being deleted or set vacant by hand', async () => {
    const let_ = (await service.listApartments(admin())).items.find((a) => a.status === 'let');
    expect((await refusal(service.deleteApartment(admin(), let_?.id ?? 0))).code).toBe('conflict');
    expect((await refusal(service.updateApartment(admin(), let_?.id ?? 0, { status: 'vacant' }))).code).toBe(
      'conflict',
    );
  });
});

describe('the race for the last flat', () => {
  it('gives the last flat to exactly one of two concurrent applicants; the other stays first in the queue', async () => {
    for (let round = 0; round < 3; round++) {
      const building = `竞争楼${round}`;
      const [last] = await flats('wuxing', building, ['1']);
      const a = await buildTalent(world, { tier: 'C' });
      const b = await buildTalent(world, { tier: 'C' });
      const results = await Promise.all(
        [a, b].map((t) => service.applyForHousing(ctxOf(world, t.actor), { building })),
      );
      const winners = results.filter((r) => r.lease !== null);
      const losers = results.filter((r) => r.lease === null);
      expect(winners).toHaveLength(1);
      expect(winners[0]?.lease?.apartment.id).toBe(last?.id);
      expect(losers).toHaveLength(1);
      expect(losers[0]?.application).toMatchObject({ status: 'waiting', position: 1 });
      const leases = await queryRows<{ n: number }>(
        world.database.db,
        sql`SELECT count(*)::int AS n FROM leases WHERE apartment_id = ${last?.id ?? 0}`,
      );
      expect(Number(leases[0]?.n)).toBe(1);
    }
  });

  it('lets two concurrent admin allocations of one flat produce one lease', async () => {
    const [flat] = await flats('wuxing', '竞争楼0', ['2']);
    const results = await Promise.allSettled([
      service.allocateApartment(admin(), flat?.id ?? 0, {}),
      service.allocateApartment(admin(), flat?.id ?? 0, {}),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('authorization', () => {
  it('refuses the inventory to a talent and applying to an administrator', async () => {
    const t = await buildTalent(world, { tier: 'C' });
    expect((await refusal(service.listApartments(ctxOf(world, t.actor)))).code).toBe('forbidden');
    expect((await refusal(service.applyForHousing(admin(), { building: 'x' }))).code).toBe('forbidden');
    expect(
      (await refusal(service.listApartments(ctxOf(world, staff('admin', 'jingan'), 'wuxing')))).code,
    ).toBe('forbidden');
  });
});
