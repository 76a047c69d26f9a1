// One-click claims, multi-stage review, 就高不重复 at grant time, the budget commitment under concurrency,
// idempotency keys, 免申即享 and station consent — against PGlite, or PostgreSQL with TEST_DATABASE_URL.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../authz';
import { queryRows } from '../../db/client';
import {
  applicationEvents,
  auditLog,
  funds,
  grants,
  ledger,
  notifications,
  paymentItems,
  talentFacts,
} from '../../db/schema';
import { idempotency } from '../../http/idempotency';
import { seedDemo } from '../../seed/demo';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { setBudget } from '../fulfilment/fulfilment.service';
import { findActivePack } from '../policies/pack-cache';
import { grantConsent, revokeConsent } from '../stations/stations.service';
import * as repo from './applications.repo';
import {
  bulkDecide,
  createApplication,
  decideApplication,
  getApplication,
  previewApplication,
  resubmitApplication,
  withdrawApplication,
} from './applications.service';
import { runAutomaticGrants } from './grants.service';
import { buildEnterprise, buildTalent, ctxOf, demoActor, publishDistrict, refusal } from './test-support';

let database: TestDatabase;
let db: TestDatabase['db'];
let admin: Actor;
let reviewer: Actor;
let hr: Actor;
let talentActor: Actor;
let station: Actor;
let enterpriseId: number;
let talentId: number;
const POSTDOC = 'wuxing.living.postdoc';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await seedDemo(db);
  await publishDistrict(db, 'wuxing');
  admin = await demoActor(db, 'admin');
  reviewer = await demoActor(db, 'reviewer');
  hr = await demoActor(db, 'enterprise');
  talentActor = await demoActor(db, 'talent');
  station = await demoActor(db, 'station');
  // The records seeder put the demo talent on file, employed (confirmed) at the demo enterprise of `hr`.
  const e = await repo.findEnterpriseOfAccount(db, hr.accountId);
  const t = await repo.findTalentByAccount(db, talentActor.accountId);
  if (!e || !t) throw new Error('the demo records are missing');
  enterpriseId = e.id;
  talentId = t.id;
  await db
    .insert(talentFacts)
    .values({ talentId, name: 'isPostdoc', value: true, source: 'department', updatedBy: 'test' });
  const year = Number(new Date().toISOString().slice(0, 4));
  await setBudget(ctxOf(db, admin), { code: 'talent_fund', year, budget: 10_000_000 });
  await setBudget(ctxOf(db, admin), { code: 'housing_fund', year, budget: 10_000_000 });
}, 120_000);

afterAll(async () => {
  await database?.destroy();
});

async function fundRow(code: string) {
  const [f] = await db
    .select()
    .from(funds)
    .where(and(eq(funds.district, 'wuxing'), eq(funds.code, code)));
  if (!f) throw new Error(`no fund ${code}`);
  return f;
}

describe('one-click claim and review', () => {
  let applicationId = 0;

  it('pre-fills the claim from the record: facts, decision, amount, pack version and stages', async () => {
    const preview = await previewApplication(ctxOf(db, talentActor), { policyId: POSTDOC });
    expect(preview.verdict).toBe('eligible');
    expect(preview.canApply).toBe(true);
    expect(preview.amount).toBe(120_000);
    expect(preview.materials.map((m) => [m.id, m.documentId])).toEqual([['postdoc_entry', null]]);
    const app = await createApplication(ctxOf(db, talentActor), { policyId: POSTDOC });
    applicationId = app.id;
    expect(app.status).toBe('in_review');
    expect(app.amount).toBe(120_000);
    expect(app.holder).toBe(`enterprise:${enterpriseId}`);
    expect(app.missingMaterials).toEqual(['postdoc_entry']);
    const row = await repo.findApplication(db, app.id);
    expect(row?.facts.isPostdoc).toBe(true);
    expect((row?.decision as { verdict?: string } | undefined)?.verdict).toBe('eligible');
    const active = await findActivePack(db, 'wuxing');
    expect(row?.packVersionId).toBe(active?.versionId);
    expect(
      row?.stages.map((s) => [s.id, s.holder.kind === 'department' ? s.holder.code : 'employer']),
    ).toEqual([
      ['employer', 'employer'],
      ['department', 'hr'],
    ]);
  });

  it('refuses a second open application for the same policy', async () => {
    const err = await refusal(createApplication(ctxOf(db, talentActor), { policyId: POSTDOC }));
    expect(err.code).toBe('conflict');
  });

  it('refuses an ineligible claim with 422 policy_denied and the explanation', async () => {
    const err = await refusal(
      createApplication(ctxOf(db, talentActor), { policyId: 'wuxing.housing.purchase' }),
    );
    expect(err.code).toBe('policy_denied');
    expect(err.status).toBe(422);
    expect((err.details as { explanation: { verdict: string } }).explanation.verdict).not.toBe('eligible');
  });

  it('lets only the holder of the current stage act', async () => {
    const err = await refusal(decideApplication(ctxOf(db, reviewer), applicationId, { action: 'approve' }));
    expect(err.code).toBe('forbidden');
  });

  it('employer approves, the HR bureau returns with a reason, the talent resubmits, the bureau approves', async () => {
    const afterEmployer = await decideApplication(ctxOf(db, hr), applicationId, {
      action: 'approve',
      stage: 0,
    });
    expect(afterEmployer.currentStage).toBe(1);
    expect(afterEmployer.holder).toBe('department:hr');
    // The same click again (stage 0 is gone) is refused, not applied twice.
    expect(
      (await refusal(decideApplication(ctxOf(db, hr), applicationId, { action: 'approve', stage: 0 }))).code,
    ).toBe('conflict');
    const missingReason = await refusal(
      decideApplication(ctxOf(db, reviewer), applicationId, { action: 'return' }),
    );
    expect(missingReason.details).toEqual({ field: 'reason' });
    const returned = await decideApplication(ctxOf(db, reviewer), applicationId, {
      action: 'return',
      reason: '请补充博士后进站备案表',
    });
    expect(returned.status).toBe('returned');
    const [note] = await db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.accountId, talentActor.accountId),
          eq(notifications.kind, 'application_returned'),
        ),
      );
    expect(note?.link).toBe(`/applications/${applicationId}`);
    const again = await resubmitApplication(ctxOf(db, talentActor), applicationId);
    expect(again.status).toBe('in_review');
    expect(again.currentStage).toBe(1);
    const before = await fundRow('talent_fund');
    const approved = await decideApplication(ctxOf(db, reviewer), applicationId, { action: 'approve' });
    expect(approved.status).toBe('approved');
    const after = await fundRow('talent_fund');
    expect(after.committedCents - before.committedCents).toBe(12_000_000);
    const [grant] = await db.select().from(grants).where(eq(grants.applicationId, applicationId));
    expect(grant?.amountCents).toBe(12_000_000);
    const items = await db
      .select()
      .from(paymentItems)
      .where(eq(paymentItems.grantId, grant?.id ?? 0));
    expect(items.reduce((s, i) => s + i.amountCents, 0)).toBe(12_000_000);
    const commits = await db
      .select()
      .from(ledger)
      .where(eq(ledger.grantId, grant?.id ?? 0));
    expect(commits.map((l) => [l.kind, l.amountCents])).toEqual([['commit', 12_000_000]]);
  });

  it('shows the applicant a timeline of every act with its actor, budget and payments', async () => {
    const detail = await getApplication(ctxOf(db, talentActor), applicationId);
    expect(detail.events.map((e) => e.action)).toEqual([
      'submitted',
      'stage_approved',
      'returned',
      'resubmitted',
      'approved',
      'budget_committed',
    ]);
    expect(detail.events[2]?.reason).toBe('请补充博士后进站备案表');
    expect(detail.events[1]?.actorName).toBe(hr.displayName);
    expect(detail.stages.map((s) => s.state)).toEqual(['done', 'done']);
    expect(detail.budget.committed).toBe(true);
    expect(detail.payments.length).toBeGreaterThan(0);
  });

  it('keeps applicants of another district out of an application', async () => {
    const other = await demoActor(db, 'talent', 'horinger');
    expect((await refusal(getApplication(ctxOf(db, other), applicationId))).code).toBe('not_found');
  });
});

describe('withdrawal', () => {
  it('lets the applicant withdraw an application in review, and only once', async () => {
    const e = await buildEnterprise(db);
    // A talent without a sign-in of their own, acting through the station they consented to.
    const t = await buildTalent(db, { facts: { isPostdoc: true }, employerId: e.id });
    await grantConsentFor(t.id);
    const app = await createApplication(ctxOf(db, station), { policyId: POSTDOC, talentId: t.id });
    const w = await withdrawApplication(ctxOf(db, station), app.id, { reason: '本人改期申请' });
    expect(w.status).toBe('withdrawn');
    expect((await refusal(withdrawApplication(ctxOf(db, station), app.id, {}))).code).toBe('conflict');
  });
});

/** Consent given by a talent without a sign-in of their own: written through the repo as the talent would. */
async function grantConsentFor(tid: number) {
  const { insertConsent } = await import('../stations/stations.repo');
  await insertConsent(db, {
    district: 'wuxing',
    talentId: tid,
    stationAccountId: station.accountId,
    scope: ['claims', 'record', 'documents'],
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
    grantedBy: 'test',
  });
}

/** Inserts an application already at its final stage (office), as if earlier stages had approved it. */
async function finalStageApplication(
  policyId: string,
  subjectKey: string,
  amountCents: number,
  group: string | null,
) {
  const now = new Date();
  return repo.insertApplication(db, {
    district: 'wuxing',
    policyId,
    titleZh: policyId,
    titleEn: policyId,
    packVersionId: (await findActivePack(db, 'wuxing'))?.versionId ?? 0,
    subjectKind: 'talent',
    talentId: null,
    enterpriseId: null,
    subjectKey,
    subjectName: subjectKey,
    submittedBy: talentActor.accountId,
    status: 'in_review',
    facts: {},
    decision: {},
    amountCents,
    fundCode: 'housing_fund',
    exclusivityGroup: group,
    stages: [
      {
        id: 'office',
        name: { zh: '人才办复核', en: 'Office' },
        holder: { kind: 'department', code: 'talent_office' },
        days: 5,
      },
    ],
    currentStage: 0,
    holder: 'department:talent_office',
    stageStartedAt: now,
    stageDueAt: new Date(now.getTime() + 86_400_000),
    materials: [],
  });
}

describe('budget commitment under concurrency', () => {
  it('200 concurrent approvals against a fund that can pay 10 yield exactly 10 approvals and a zero balance', async () => {
    const year = Number(new Date().toISOString().slice(0, 4));
    const housing = await fundRow('housing_fund');
    const amount = 50_000_00;
    // Budget = what is committed already + exactly ten more.
    await setBudget(ctxOf(db, admin), {
      code: 'housing_fund',
      year,
      budget: (housing.committedCents + 10 * amount) / 100,
    });
    const apps = [];
    for (let i = 0; i < 200; i++)
      apps.push(
        await finalStageApplication('wuxing.housing.purchase', `talent:race-${i}`, amount, 'housing'),
      );
    const outcomes = await Promise.allSettled(
      apps.map((a) => decideApplication(ctxOf(db, admin), a.id, { action: 'approve' })),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(190);
    for (const r of refused) {
      const err = (r as PromiseRejectedResult).reason as { code: string; details: { reason: string } };
      expect(err.code).toBe('conflict');
      expect(err.details.reason).toBe('budget_exhausted');
    }
    const after = await fundRow('housing_fund');
    expect(after.budgetCents - after.committedCents).toBe(0);
    // Nothing else was written for the refused ones: still in review, no grant, no ledger row.
    const [counts] = await queryRows<{ approved: number; granted: number; commits: number }>(
      db,
      sql`SELECT
        (SELECT count(*)::int FROM applications WHERE subject_key LIKE 'talent:race-%' AND status = 'approved') AS approved,
        (SELECT count(*)::int FROM grants WHERE subject_key LIKE 'talent:race-%') AS granted,
        (SELECT count(*)::int FROM ledger l JOIN grants g ON g.id = l.grant_id WHERE g.subject_key LIKE 'talent:race-%') AS commits`,
    );
    expect(counts).toEqual({ approved: 10, granted: 10, commits: 10 });
    await setBudget(ctxOf(db, admin), { code: 'housing_fund', year, budget: 100_000_000 });
  }, 120_000);
});

describe('就高不重复 at grant time', () => {
  it('never grants two policies of one exclusivity group to a subject, even when approved at once', async () => {
    const a = await finalStageApplication('wuxing.housing.purchase', 'talent:excl-1', 100_00, 'housing');
    const b = await finalStageApplication('wuxing.housing.rent', 'talent:excl-1', 100_00, 'housing');
    const outcomes = await Promise.allSettled([
      decideApplication(ctxOf(db, admin), a.id, { action: 'approve' }),
      decideApplication(ctxOf(db, admin), b.id, { action: 'approve' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(['policy_denied', 'conflict']).toContain((refused.reason as { code: string }).code);
    const held = await db.select().from(grants).where(eq(grants.subjectKey, 'talent:excl-1'));
    expect(held).toHaveLength(1);
    // And one after the other: the second is refused with the group named.
    const c = await finalStageApplication('wuxing.housing.purchase', 'talent:excl-2', 100_00, 'housing');
    const d = await finalStageApplication('wuxing.housing.rent', 'talent:excl-2', 100_00, 'housing');
    await decideApplication(ctxOf(db, admin), c.id, { action: 'approve' });
    const err = await refusal(decideApplication(ctxOf(db, admin), d.id, { action: 'approve' }));
    expect(err.code).toBe('policy_denied');
    expect((err.details as { reason: string }).reason).toBe('exclusive_group');
    expect((await repo.findApplication(db, d.id))?.status).toBe('in_review');
  });
});

describe('idempotency keys', () => {
  it('50 concurrent duplicate submissions with one key create one application', async () => {
    const e = await buildEnterprise(db);
    const t = await buildTalent(db, { facts: { isPostdoc: true }, employerId: e.id });
    await grantConsentFor(t.id);
    const body = { policyId: POSTDOC, talentId: t.id };
    const idem = idempotency('dup-key-0001', 'POST /api/v1/d/:district/applications', { body });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => createApplication(ctxOf(db, station), body, idem)),
    );
    const ids = new Set(
      outcomes.map((o) => (o.status === 'fulfilled' ? o.value.id : `error:${String(o.reason)}`)),
    );
    expect([...ids]).toHaveLength(1);
    expect(typeof [...ids][0]).toBe('number');
    const rows = await db
      .select()
      .from(grants)
      .where(eq(grants.subjectKey, `talent:${t.id}`));
    expect(rows).toHaveLength(0);
    const [n] = await queryRows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM applications WHERE subject_key = ${`talent:${t.id}`}`,
    );
    expect(n?.n).toBe(1);
    // The same key with a different body is a conflict.
    const other = idempotency('dup-key-0001', 'POST /api/v1/d/:district/applications', {
      body: { policyId: 'wuxing.schooling.children', talentId: t.id },
    });
    expect(
      (
        await refusal(
          createApplication(
            ctxOf(db, station),
            { policyId: 'wuxing.schooling.children', talentId: t.id },
            other,
          ),
        )
      ).code,
    ).toBe('conflict');
  }, 60_000);
});

describe('bulk review', () => {
  it('approves several applications in one action and reports each', async () => {
    const a = await finalStageApplication('wuxing.housing.purchase', 'talent:bulk-1', 100_00, 'housing');
    const b = await finalStageApplication('wuxing.housing.purchase', 'talent:bulk-2', 100_00, 'housing');
    const result = await bulkDecide(ctxOf(db, admin), { ids: [a.id, b.id, 999_999], action: 'approve' });
    expect(result.succeeded).toBe(2);
    expect(result.results.find((r) => r.id === 999_999)?.code).toBe('not_found');
  });
});

describe('免申即享', () => {
  it('grants eligible subjects without an application, notifies them, and grants nothing twice', async () => {
    const e = await buildEnterprise(db);
    const t = await buildTalent(db, {
      facts: {
        degree: 'phd',
        graduationDate: '2023-06-30',
        socialInsuranceLocal: true,
        socialInsuranceMonths: 12,
      },
      employerId: e.id,
    });
    const first = await runAutomaticGrants(db, 'wuxing');
    const mine = await db
      .select()
      .from(grants)
      .where(eq(grants.subjectKey, `talent:${t.id}`));
    expect(mine.map((g) => [g.policyId, g.mode])).toEqual([['wuxing.living.phd', 'automatic']]);
    expect(first.granted).toBeGreaterThanOrEqual(1);
    const second = await runAutomaticGrants(db, 'wuxing');
    expect(second.granted).toBe(0);
    expect(
      await db
        .select()
        .from(grants)
        .where(eq(grants.subjectKey, `talent:${t.id}`)),
    ).toHaveLength(1);
  });
});

describe('stations act only with consent', () => {
  it('refuses without consent (403), acts with it and records "by station X for talent Y", refuses after revocation', async () => {
    const e = await buildEnterprise(db);
    const other = await buildTalent(db, { facts: { isPostdoc: true }, employerId: e.id });
    const err = await refusal(
      createApplication(ctxOf(db, station), { policyId: POSTDOC, talentId: other.id }),
    );
    expect(err.code).toBe('forbidden');
    expect(err.status).toBe(403);
    // The demo talent consents through the stations service; the station then acts for them.
    const ctxT = ctxOf(db, talentActor);
    const consent = await grantConsent(ctxT, {
      stationAccountId: station.accountId,
      scope: ['claims'],
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(consent.active).toBe(true);
    const onBehalf = await previewApplication(ctxOf(db, station), { policyId: POSTDOC, talentId });
    expect(onBehalf.actingStation).toBe(station.displayName);
    expect(onBehalf.subject.name).toBe('林晓');
    await revokeConsent(ctxT, consent.id);
    expect(
      (await refusal(previewApplication(ctxOf(db, station), { policyId: POSTDOC, talentId }))).code,
    ).toBe('forbidden');
  });

  it('shows a station submission in the timeline and audit as by station X for talent Y', async () => {
    const e = await buildEnterprise(db);
    const t = await buildTalent(db, { name: '赵代办', facts: { isPostdoc: true }, employerId: e.id });
    await grantConsentFor(t.id);
    const app = await createApplication(ctxOf(db, station), { policyId: POSTDOC, talentId: t.id });
    expect(app.stationName).toBe(station.displayName);
    const [event] = await db
      .select()
      .from(applicationEvents)
      .where(eq(applicationEvents.applicationId, app.id));
    expect(event?.stationName).toBe(station.displayName);
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'application.submit'), eq(auditLog.object, `application:${app.id}`)));
    expect((audit?.details as { by?: string } | undefined)?.by).toBe(
      `station ${station.displayName} for talent 赵代办`,
    );
  });
});
