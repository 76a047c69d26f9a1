// 人才活动 against a real database: eligibility by the pack's event policy, capacity and the waiting
// list, cancellation promoting the first waiting, check-in by a scanned talent code, audit rows.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import {
  buildTalent,
  createWorld,
  ctxOf,
  refusal,
  staff,
  type World,
} from '../housing/services.test-support';
import { issueMyToken } from '../talent-code/talent-code.service';
import * as service from './events.service';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.database.destroy());

const admin = () => ctxOf(world, staff('admin'));
const hour = 3600_000;

function newEvent(capacity: number, eligibilityPolicyId: string | null = 'wuxing.event.talent_home') {
  return service.createEvent(admin(), {
    titleZh: `人才之家沙龙 ${capacity}`,
    titleEn: `Talent Home salon ${capacity}`,
    venue: '人才之家',
    startsAt: new Date(Date.now() + 24 * hour).toISOString(),
    endsAt: new Date(Date.now() + 26 * hour).toISOString(),
    capacity,
    eligibilityPolicyId,
  });
}

describe('eligibility', () => {
  it("refuses a talent the event's pack policy excludes, with the engine's reason", async () => {
    const event = await newEvent(5);
    const t = await buildTalent(world, { tier: null });
    const e = await refusal(service.registerForEvent(ctxOf(world, t.actor), event.id));
    expect(e.code).toBe('policy_denied');
    const listed = await service.listEvents(ctxOf(world, t.actor));
    expect(listed.items.find((i) => i.id === event.id)?.eligibility?.eligible).toBe(false);
  });

  it('refuses a policy id the pack does not have when the event is created', async () => {
    const e = await refusal(newEvent(5, 'wuxing.no.such_policy'));
    expect(e.code).toBe('validation_failed');
    expect(JSON.stringify(e.details)).toContain('eligibilityPolicyId');
  });
});

describe('capacity and the waiting list', () => {
  it('seats up to capacity, then waits in order; a cancellation passes the seat to the first waiting', async () => {
    const event = await newEvent(2);
    const people = [];
    for (let i = 0; i < 4; i++) people.push(await buildTalent(world, { tier: 'D' }));
    const regs = [];
    for (const p of people) regs.push(await service.registerForEvent(ctxOf(world, p.actor), event.id));
    expect(regs.map((r) => r.status)).toEqual(['registered', 'registered', 'waiting', 'waiting']);
    expect(regs.map((r) => r.waitingPosition)).toEqual([null, null, 1, 2]);
    const again = await refusal(service.registerForEvent(ctxOf(world, people[0]?.actor ?? null), event.id));
    expect(again.code).toBe('conflict');

    const out = await service.cancelRegistration(ctxOf(world, people[0]?.actor ?? null), event.id);
    expect(out.cancelled.status).toBe('cancelled');
    expect(out.promotedRegistrationId).toBe(regs[2]?.id);
    const list = await service.listRegistrations(admin(), event.id);
    expect(list.event).toMatchObject({ registered: 2, seatsLeft: 0, waiting: 1 });
    expect(list.items.filter((i) => i.status === 'waiting').map((i) => i.talentId)).toEqual([
      people[3]?.talentId,
    ]);

    const actions = await queryRows<{ action: string }>(
      world.database.db,
      sql`SELECT action FROM audit_log WHERE object = ${`event_registration:${regs[2]?.id}`} ORDER BY seq`,
    );
    expect(actions.map((a) => a.action)).toEqual(['event.wait', 'event.promote']);
  });

  it('a waiting talent who cancels frees no seat; a larger capacity seats the waiting list', async () => {
    const event = await newEvent(1);
    const [a, b, c] = [await buildTalent(world), await buildTalent(world), await buildTalent(world)];
    for (const p of [a, b, c]) await service.registerForEvent(ctxOf(world, p.actor), event.id);
    await service.cancelRegistration(ctxOf(world, c.actor), event.id);
    expect((await service.listRegistrations(admin(), event.id)).event).toMatchObject({
      registered: 1,
      waiting: 1,
    });
    const grown = await service.updateEvent(admin(), event.id, { capacity: 3 });
    expect(grown).toMatchObject({ registered: 2, waiting: 0, seatsLeft: 1 });
    const low = await refusal(service.updateEvent(admin(), event.id, { capacity: 1 }));
    expect(low.code).toBe('validation_failed');
  });

  it('two concurrent registrations for the last seat: one seat, one waiting', async () => {
    const event = await newEvent(1);
    const [a, b] = [await buildTalent(world), await buildTalent(world)];
    const regs = await Promise.all(
      [a, b].map((p) => service.registerForEvent(ctxOf(world, p.actor), event.id)),
    );
    expect(regs.map((r) => r.status).sort()).toEqual(['registered', 'waiting']);
  });
});

describe('check-in by talent code', () => {
  it('checks in a seated talent once; refuses the waiting list, strangers and bad codes', async () => {
    const event = await newEvent(1);
    const [seated, waiting, stranger] = [
      await buildTalent(world),
      await buildTalent(world),
      await buildTalent(world),
    ];
    await service.registerForEvent(ctxOf(world, seated.actor), event.id);
    await service.registerForEvent(ctxOf(world, waiting.actor), event.id);
    const codes = new Map([
      ['code-seated', seated.talentId],
      ['code-waiting', waiting.talentId],
      ['code-stranger', stranger.talentId],
    ]);
    const verify: service.VerifyToken = async (_ctx, token) =>
      codes.has(token) ? { valid: true, talentId: codes.get(token) } : { valid: false, reason: 'expired' };
    const first = await service.checkInByCode(admin(), event.id, 'code-seated', verify);
    expect(first.alreadyCheckedIn).toBe(false);
    expect(first.registration.checkedInAt).not.toBeNull();
    expect((await service.checkInByCode(admin(), event.id, 'code-seated', verify)).alreadyCheckedIn).toBe(
      true,
    );
    const w = await refusal(service.checkInByCode(admin(), event.id, 'code-waiting', verify));
    expect(w.details).toMatchObject({ reason: 'waiting' });
    const s = await refusal(service.checkInByCode(admin(), event.id, 'code-stranger', verify));
    expect(s.details).toMatchObject({ reason: 'not_registered' });
    const x = await refusal(service.checkInByCode(admin(), event.id, 'anything', verify));
    expect(x.localized('en')).toContain('expired');
    const cancelAfter = await refusal(service.cancelRegistration(ctxOf(world, seated.actor), event.id));
    expect(cancelAfter.code).toBe('conflict');
  });

  it('verifies a real talent code with the talent-code module and refuses a forged one', async () => {
    const event = await newEvent(3);
    const t = await buildTalent(world, { tier: 'C' });
    await service.registerForEvent(ctxOf(world, t.actor), event.id);
    const forged = await refusal(service.checkInByCode(admin(), event.id, 'eyJ2IjoxfQ.AAAA'));
    expect(forged.code).toBe('policy_denied');
    const issued = await issueMyToken(ctxOf(world, t.actor));
    const ok = await service.checkInByCode(ctxOf(world, staff('provider')), event.id, issued.token);
    expect(ok.registration).toMatchObject({ talentId: t.talentId, status: 'registered' });
    expect(ok.registration.checkedInAt).not.toBeNull();
  });

  it('refuses check-in to a talent and registration to an administrator', async () => {
    const event = await newEvent(3);
    const t = await buildTalent(world);
    expect((await refusal(service.checkInByCode(ctxOf(world, t.actor), event.id, 'x'))).code).toBe(
      'forbidden',
    );
    expect((await refusal(service.registerForEvent(admin(), event.id))).code).toBe('forbidden');
  });
});
