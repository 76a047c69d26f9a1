// The youth reserve pool against a real database: levels, nomination (HR for own employees only),
// entry by the engine's criteria, reviews and exits with history, and the inYouthReserve fact.
import { decide } from '@rencai/engine';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../authz';
import { queryRows } from '../../db/client';
import { accounts, employments, enterpriseMembers, enterprises } from '../../db/schema';
import {
  buildTalent,
  createWorld,
  ctxOf,
  refusal,
  staff,
  type World,
} from '../housing/services.test-support';
import { activePackOf } from '../housing/subject';
import { isInYouthReserve } from './reserve.facts';
import * as service from './reserve.service';

let world: World;
let top: service.ReserveLevel;
let base: service.ReserveLevel;
let hr: Actor;
let enterpriseId: number;
beforeAll(async () => {
  world = await createWorld();
  top = await service.createLevel(admin(), {
    code: 't-leading',
    nameZh: '领军储备',
    nameEn: 'Leading',
    rank: 1,
    reviewMonths: 12,
  });
  base = await service.createLevel(admin(), {
    code: 't-graduate',
    nameZh: '优秀留汉大学生',
    nameEn: 'Graduates',
    rank: 2,
    reviewMonths: 6,
    criteriaPolicyId: 'wuchang.city.graduate_living_allowance',
  });
  const db = world.database.db;
  const [e] = await db
    .insert(enterprises)
    .values({ district: 'wuchang', creditCode: '91420106MA4KXXXX0X', name: '武昌光谷科技' })
    .returning();
  const [a] = await db
    .insert(accounts)
    .values({
      district: 'wuchang',
      username: 'hr.test.wuchang',
      displayName: 'HR',
      role: 'enterprise',
      passwordHash: 'x',
    })
    .returning();
  if (!e || !a) throw new Error('setup failed');
  enterpriseId = e.id;
  await db.insert(enterpriseMembers).values({ accountId: a.id, enterpriseId: e.id });
  hr = {
    accountId: a.id,
    username: a.username,
    displayName: 'HR',
    role: 'enterprise',
    district: 'wuchang',
    departmentId: null,
  };
});
afterAll(() => world.database.destroy());

const admin = () =>
  ctxOf(world, staff('admin', 'wuchang'), 'wuchang', 'zh', () => new Date('2026-03-15T04:00:00Z'));
const graduateFacts = {
  degree: 'master',
  graduationDate: '2025-06-30',
  birthDate: '1999-05-01',
  socialInsuranceLocal: true,
  socialInsuranceMonths: 8,
  hasWuhanHukou: false,
};

describe('entry', () => {
  it('lets HR nominate its own employee only; the member has a review date one period on and a history row', async () => {
    const mine = await buildTalent(world, { district: 'wuchang', tier: null });
    const other = await buildTalent(world, { district: 'wuchang', tier: null });
    await world.database.db.insert(employments).values({
      district: 'wuchang',
      talentId: mine.talentId,
      enterpriseId,
      status: 'confirmed',
      requestedBy: 'test',
    });
    const hrCtx = ctxOf(world, hr, 'wuchang', 'zh', () => new Date('2026-03-15T04:00:00Z'));
    const refused = await refusal(service.nominate(hrCtx, { talentId: other.talentId, levelId: top.id }));
    expect(refused.code).toBe('forbidden');
    const m = await service.nominate(hrCtx, {
      talentId: mine.talentId,
      levelId: top.id,
      note: '核心研发骨干',
    });
    expect(m).toMatchObject({
      entryPath: 'nomination',
      status: 'active',
      nextReviewDate: '2027-03-15',
      levelName: '领军储备',
    });
    expect(
      (await refusal(service.nominate(admin(), { talentId: mine.talentId, levelId: base.id }))).code,
    ).toBe('conflict');
    expect(await isInYouthReserve(world.database.db, mine.talentId)).toBe(true);
    const listed = await service.listMembers(hrCtx, {});
    expect(listed.items.map((i) => i.talentId)).toEqual([mine.talentId]);
    expect(listed.items[0]?.talentName).toContain('*');
  });

  it('admits by criteria exactly the talents the pack policy finds eligible', async () => {
    const fits = await buildTalent(world, { district: 'wuchang', tier: null, facts: graduateFacts });
    const old = await buildTalent(world, {
      district: 'wuchang',
      tier: null,
      facts: { ...graduateFacts, graduationDate: '2015-06-30' },
    });
    const pack = await activePackOf(admin(), 'wuchang');
    expect(
      decide(
        pack,
        'wuchang.city.graduate_living_allowance',
        { ...graduateFacts, employerInDistrict: true, ownsHomeInDistrict: false, tier: 'NONE' },
        '2026-03-15',
      ).verdict,
    ).toBe('eligible');
    const result = await service.admitByCriteria(admin(), base.id);
    expect(result.admittedTalentIds).toContain(fits.talentId);
    expect(result.admittedTalentIds).not.toContain(old.talentId);
    expect(await isInYouthReserve(world.database.db, old.talentId)).toBe(false);
    const again = await service.admitByCriteria(admin(), base.id, { talentId: fits.talentId });
    expect(again).toMatchObject({ admitted: 0, alreadyMembers: 1 });
    expect((await refusal(service.admitByCriteria(admin(), top.id))).code).toBe('conflict');
  });
});

describe('review, exit, history', () => {
  it('keeps, moves and exits a member, each with a history row and an audit row', async () => {
    const t = await buildTalent(world, { district: 'wuchang', tier: null });
    const m = await service.nominate(admin(), { talentId: t.talentId, levelId: base.id });
    const later = ctxOf(
      world,
      staff('admin', 'wuchang'),
      'wuchang',
      'en',
      () => new Date('2026-10-01T04:00:00Z'),
    );
    const due = await service.listMembers(later, { due: true });
    expect(due.items.find((i) => i.id === m.id)?.reviewDue).toBe(true);
    const kept = await service.reviewMember(later, m.id, { outcome: 'keep', note: 'on track' });
    expect(kept.nextReviewDate).toBe('2027-04-01');
    const moved = await service.reviewMember(later, m.id, {
      outcome: 'change_level',
      levelId: top.id,
      note: 'promoted',
    });
    expect(moved).toMatchObject({ levelId: top.id, nextReviewDate: '2027-10-01' });
    const out = await service.exitMember(later, m.id, { reason: 'left the district' });
    expect(out).toMatchObject({ status: 'exited', exitReason: 'left the district' });
    expect(await isInYouthReserve(world.database.db, t.talentId)).toBe(false);
    expect((await refusal(service.exitMember(later, m.id, { reason: 'again' }))).code).toBe('conflict');
    const history = await service.memberHistory(later, m.id);
    expect(history.items.map((h) => h.kind)).toEqual(['exited', 'level_changed', 'reviewed', 'entered']);
    expect(history.items[1]).toMatchObject({ fromLevel: 'Graduates', toLevel: 'Leading' });
    const audit = await queryRows<{ action: string }>(
      world.database.db,
      sql`SELECT action FROM audit_log WHERE object = ${`reserve_member:${m.id}`} ORDER BY seq`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'reserve.enter',
      'reserve.review',
      'reserve.level_change',
      'reserve.exit',
    ]);
    const mine = await service.getMyReserve(ctxOf(world, t.actor, 'wuchang'));
    expect(mine.member).toBeNull();
    expect(mine.history).toHaveLength(4);
  });

  it('refuses management to HR and nomination to a talent', async () => {
    const t = await buildTalent(world, { district: 'wuchang' });
    expect((await refusal(service.exitMember(ctxOf(world, hr, 'wuchang'), 1, { reason: 'x' }))).code).toBe(
      'forbidden',
    );
    expect(
      (
        await refusal(
          service.nominate(ctxOf(world, t.actor, 'wuchang'), { talentId: t.talentId, levelId: top.id }),
        )
      ).code,
    ).toBe('forbidden');
  });
});
