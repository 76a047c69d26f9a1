// 分层分类认定 against a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the catalogue on a
// record, each path's rules, review, committee panels with conflict-of-interest exclusion, anonymised
// scoring, certificates whose QR verifies, revocation, reminders, and the tier reaching the engine.

import { decide } from '@rencai/engine';
import { and, eq, sql } from 'drizzle-orm';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../authz';
import { type Config, loadConfig } from '../../config';
import { queryRows } from '../../db/client';
import { certificationPanelMembers, notifications } from '../../db/schema';
import { AppError } from '../../errors';
import { seedDemo } from '../../seed/demo';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { findActivePack } from '../policies/pack-cache';
import { publishShippedPacks } from '../policies/policies.service';
import { loadTalentFacts } from '../talents/talents.facts';
import { seedCertificationDemo } from './certification.demo';
import { drawPanel, seededRandom } from './certification.panel';
import { certificateQrPng } from './certification.pdf';
import { readQrFromPdf } from './certification.pdf-image';
import * as repo from './certification.repo';
import * as service from './certification.service';
import { actorOf, buildEnterprise, buildExpert, buildTalent, ctxFor } from './certification.test-support';

let database: TestDatabase;
let config: Config;
const D = 'wuxing';
let admin: Actor;
let reviewer: Actor;
let hr: Actor;
let demoEnterprise: number;

const ctx = (actor: Actor | null, opts: Parameters<typeof ctxFor>[3] = {}) =>
  ctxFor(database.db, config, actor, { district: D, ...opts });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  database = await createTestDatabase();
  config = loadConfig({ RENCAI_DEMO: '1', LOG_LEVEL: 'silent' });
  await seedDemo(database.db);
  await publishShippedPacks(database.db, config);
  await seedCertificationDemo(database.db, ['chaoyang', 'horinger', 'wuxing', 'jingan', 'wuchang']);
  admin = await actorOf(database.db, `admin.${D}`);
  reviewer = await actorOf(database.db, `reviewer.${D}`);
  hr = await actorOf(database.db, `enterprise.${D}`);
  demoEnterprise = (await repo.findMemberEnterprise(database.db, hr.accountId)) as number;
}, 240_000);
afterAll(() => database.destroy());

describe('the catalogue on a record', () => {
  it('finds the demo talent (national talent programme) in tier B, explaining every tier', async () => {
    const talent = await actorOf(database.db, `talent.${D}`);
    const r = await service.evaluateTalent(ctx(talent), {});
    expect(r.evaluation.tier).toBe('B');
    expect(r.evaluation.tierName).toBe('国家级领军人才');
    expect(r.evaluation.tiers.map((t) => [t.tier, t.status])).toEqual([
      ['A', 'fail'],
      ['B', 'pass'],
      ['C', 'fail'],
      ['D', 'fail'],
      ['E', 'pass'],
      ['F', 'unknown'],
    ]);
    const b = r.evaluation.tiers[1];
    expect(b?.criteria.children?.[0]).toMatchObject({ text: '国家级重大人才工程入选者', status: 'pass' });
  });

  it('says which facts are missing, in English when asked', async () => {
    const { actor } = await buildTalent(database.db, D, { facts: { degree: 'phd' } });
    const r = await service.evaluateTalent(ctx(actor, { lang: 'en' }), {});
    expect(r.evaluation.tier).toBe('E');
    expect(r.evaluation.definite).toBe(false);
    expect(r.evaluation.missing.map((m) => m.name)).toEqual(
      expect.arrayContaining(['honours', 'professionalTitle']),
    );
    const e = r.evaluation.tiers.find((t) => t.tier === 'E');
    expect(e?.criteria.children?.[0]).toMatchObject({
      text: 'Doctorate',
      status: 'pass',
      actual: 'Doctorate (PhD)',
    });
  });

  it('refuses HR a talent who is not their employee', async () => {
    const { talentId } = await buildTalent(database.db, D, { facts: { degree: 'phd' } });
    expect((await refusal(service.evaluateTalent(ctx(hr), { talentId }))).code).toBe('forbidden');
  });
});

describe('applying and the department review', () => {
  it('certifies a catalogue match at the reviewer, and the tier reaches the engine: a tier A–C policy becomes eligible', async () => {
    const employer = await buildEnterprise(database.db, D);
    const { talentId, actor } = await buildTalent(database.db, D, {
      facts: { honours: ['national_talent_programme'] },
      employerId: employer,
    });
    const pack = (await findActivePack(database.db, D))?.pack;
    if (!pack) throw new Error('no pack');
    const policy = 'wuxing.other.spouse_placement';
    const before = await loadTalentFacts(database.db, talentId, new Date());
    expect(before?.tier).toBe('NONE');
    expect(decide(pack, policy, before ?? {}, new Date()).verdict).toBe('ineligible');

    const applied = await service.applyForCertification(ctx(actor), { path: 'catalogue', tier: 'B' });
    expect(applied.case).toMatchObject({
      status: 'department_review',
      catalogueTier: 'B',
      needsCommittee: false,
    });
    expect(applied.explanation?.tier).toBe('B');
    // one open case at a time
    expect(
      (await refusal(service.applyForCertification(ctx(actor), { path: 'catalogue', tier: 'B' }))).code,
    ).toBe('conflict');
    const queue = await service.listCertifications(ctx(reviewer), {
      status: 'department_review',
      page: 1,
      pageSize: 100,
    });
    expect(queue.items.map((i) => i.id)).toContain(applied.case.id);

    const done = await service.reviewCertification(ctx(reviewer), applied.case.id, { decision: 'approve' });
    expect(done.case.status).toBe('approved');
    expect(done.case.tier).toBe('B');
    expect(done.case.certificateNo).toMatch(/^RC-WUXING-\d{4}-\d{6}-[0-9A-Z]{4}$/);
    const from = done.case.validFrom as string;
    expect(done.case.validTo).toBe(service.validUntil(from, 5)); // wuxing: validity_years 5
    expect(done.events.map((e) => e.action)).toEqual(['submitted', 'approved']);

    const after = await loadTalentFacts(database.db, talentId, new Date());
    expect(after).toMatchObject({ tier: 'B', tierCertifiedDate: from });
    expect(decide(pack, policy, after ?? {}, new Date()).verdict).toBe('eligible');
    // a decision never applies twice
    expect(
      (await refusal(service.reviewCertification(ctx(reviewer), applied.case.id, { decision: 'approve' })))
        .code,
    ).toBe('conflict');
  });

  it('refuses a catalogue application above the tier met, and one with no tier met', async () => {
    const { actor } = await buildTalent(database.db, D, {
      facts: { degree: 'phd', professionalTitle: 'none', skillLevel: 'none' },
    });
    const e = await refusal(service.applyForCertification(ctx(actor), { path: 'catalogue', tier: 'C' }));
    expect(e.code).toBe('policy_denied');
    expect(e.localized('zh')).toContain('高级人才');
    const { actor: none } = await buildTalent(database.db, D, {
      facts: { degree: 'associate', honours: [] },
    });
    expect(
      (await refusal(service.applyForCertification(ctx(none), { path: 'catalogue', tier: 'F' }))).code,
    ).toBe('policy_denied');
    const bad = await refusal(service.applyForCertification(ctx(actor), { path: 'catalogue', tier: 'Z' }));
    expect(bad.code).toBe('validation_failed');
    expect(bad.details).toEqual([expect.objectContaining({ path: 'tier' })]);
  });

  it('returns a case for correction with a reason; the talent resubmits', async () => {
    const { actor } = await buildTalent(database.db, D, { facts: { degree: 'phd' } });
    const applied = await service.applyForCertification(ctx(actor), { path: 'catalogue', tier: 'E' });
    const noReason = await refusal(
      service.reviewCertification(ctx(reviewer), applied.case.id, { decision: 'return' }),
    );
    expect(noReason.details).toEqual([expect.objectContaining({ path: 'reason' })]);
    const returned = await service.reviewCertification(ctx(reviewer), applied.case.id, {
      decision: 'return',
      reason: '请补充学位证书',
    });
    expect(returned.case.status).toBe('returned');
    expect(returned.actions.review).toBe(false);
    const again = await service.resubmitCertification(ctx(actor), applied.case.id, { note: '已补充' });
    expect(again.case.status).toBe('department_review');
    const history = await service.getHistory(ctx(actor), {});
    expect(history.events.map((e) => e.action)).toEqual(['submitted', 'returned', 'resubmitted']);
    expect(history.events[1]?.reason).toBe('请补充学位证书');
  });

  it('lets a reviewer of another department see nothing and decide nothing', async () => {
    const { actor } = await buildTalent(database.db, D, { facts: { degree: 'phd' } });
    const applied = await service.applyForCertification(ctx(actor), { path: 'catalogue', tier: 'E' });
    const [science] = await queryRows<{ id: number }>(
      database.db,
      sql`SELECT id::int AS id FROM departments WHERE district = ${D} AND code = 'science'`,
    );
    const other = { ...reviewer, departmentId: science?.id ?? null };
    expect((await service.listCertifications(ctx(other), { page: 1, pageSize: 50 })).items).toEqual([]);
    expect(
      (await refusal(service.reviewCertification(ctx(other), applied.case.id, { decision: 'approve' }))).code,
    ).toBe('forbidden');
  });

  it('takes an expert recommendation one tier above the catalogue (提级) to the committee, never two', async () => {
    const { actor } = await buildTalent(database.db, D, { facts: { professionalTitle: 'senior' } }); // D by catalogue
    const two = await refusal(
      service.applyForCertification(ctx(actor), {
        path: 'expert_recommendation',
        tier: 'B',
        recommenderName: '张院士',
        statement: '成果突出',
      }),
    );
    expect(two.code).toBe('policy_denied');
    const noStatement = await refusal(
      service.applyForCertification(ctx(actor), {
        path: 'expert_recommendation',
        tier: 'C',
        recommenderName: '张院士',
      }),
    );
    expect(noStatement.details).toEqual([expect.objectContaining({ path: 'statement' })]);
    const one = await service.applyForCertification(ctx(actor), {
      path: 'expert_recommendation',
      tier: 'C',
      recommenderName: '张院士',
      recommenderTitle: '中国工程院院士',
      statement: '该同志成果突出，建议提级认定。',
    });
    expect(one.case).toMatchObject({ catalogueTier: 'D', requestedTier: 'C', needsCommittee: true });
    const passed = await service.reviewCertification(ctx(reviewer), one.case.id, { decision: 'approve' });
    expect(passed.case.status).toBe('committee_review');
  });

  it('lets HR nominate their own employee (用人单位举荐) and refuses a talent the path', async () => {
    const { talentId, actor } = await buildTalent(database.db, D, {
      facts: { degree: 'phd' },
      employerId: demoEnterprise,
    });
    expect(
      (await refusal(service.applyForCertification(ctx(actor), { path: 'employer_nomination', tier: 'E' })))
        .code,
    ).toBe('forbidden');
    const nominated = await service.applyForCertification(ctx(hr), {
      talentId,
      path: 'employer_nomination',
      tier: 'E',
    });
    expect(nominated.nominator?.id).toBe(demoEnterprise);
    expect(nominated.case.needsCommittee).toBe(false);
    const other = await buildTalent(database.db, D, { facts: { degree: 'phd' } });
    expect(
      (
        await refusal(
          service.applyForCertification(ctx(hr), {
            talentId: other.talentId,
            path: 'employer_nomination',
            tier: 'E',
          }),
        )
      ).code,
    ).toBe('forbidden');
  });

  it('grants a quota (定向配额) place at approval, never beyond the quota', async () => {
    const employer = await buildEnterprise(database.db, D);
    const year = Number(new Date().toISOString().slice(0, 4));
    await service.saveQuota(ctx(admin), { enterpriseId: employer, year, maxTier: 'E', total: 1 });
    const a = await buildTalent(database.db, D, { facts: { degree: 'associate' }, employerId: employer });
    const b = await buildTalent(database.db, D, { facts: { degree: 'associate' }, employerId: employer });
    expect(
      (
        await refusal(
          service.applyForCertification(ctx(admin), { talentId: a.talentId, path: 'quota', tier: 'D' }),
        )
      ).code,
    ).toBe('policy_denied');
    const ca = await service.applyForCertification(ctx(admin), {
      talentId: a.talentId,
      path: 'quota',
      tier: 'E',
    });
    const cb = await service.applyForCertification(ctx(admin), {
      talentId: b.talentId,
      path: 'quota',
      tier: 'E',
    });
    expect(
      (await service.reviewCertification(ctx(reviewer), ca.case.id, { decision: 'approve' })).case.status,
    ).toBe('approved');
    const second = await refusal(
      service.reviewCertification(ctx(reviewer), cb.case.id, { decision: 'approve' }),
    );
    expect(second.code).toBe('conflict');
    const quotas = await service.listQuotas(ctx(admin));
    expect(quotas.items.find((q) => q.enterprise.id === employer)).toMatchObject({ total: 1, used: 1 });
    expect((await service.getCertification(ctx(admin), cb.case.id)).case.status).toBe('department_review');
    expect(
      (
        await refusal(
          service.applyForCertification(ctx(hr), { talentId: a.talentId, path: 'quota', tier: 'E' }),
        )
      ).code,
    ).toBe('forbidden');
  });
});

describe('the committee', () => {
  it('never draws an expert of the talent’s own employer over 1,000 draws, and draws the others', async () => {
    const employer = await buildEnterprise(database.db, D, '同单位科技');
    const elsewhere = await buildEnterprise(database.db, D, '另一家公司');
    const sameEmployer = await Promise.all([1, 2, 3, 4].map(() => buildExpert(database.db, D, employer)));
    const others = await Promise.all([
      buildExpert(database.db, D, elsewhere),
      buildExpert(database.db, D, elsewhere),
      buildExpert(database.db, D, null),
    ]);
    const { talentId } = await buildTalent(database.db, D, {
      facts: { degree: 'phd' },
      employerId: employer,
    });
    // the pool as the service loads it: every expert of the district (the demo's too)
    const pool = await repo.listPool(database.db, D);
    const conflicts = new Set(await repo.listCurrentEmployers(database.db, talentId));
    expect(conflicts.has(employer)).toBe(true);
    const banned = new Set(sameEmployer.map((e) => e.accountId));
    const drawnCount = new Map<number, number>();
    const random = seededRandom(20261201);
    for (let i = 0; i < 1000; i++) {
      const panel = drawPanel(pool, conflicts, 3, random);
      expect(new Set(panel).size).toBe(3);
      for (const id of panel) {
        expect(banned.has(id)).toBe(false);
        drawnCount.set(id, (drawnCount.get(id) ?? 0) + 1);
      }
    }
    // not degenerate: each of our eligible experts is drawn, and more than three experts appear in all
    for (const e of others) expect(drawnCount.get(e.accountId) ?? 0).toBeGreaterThan(0);
    expect(drawnCount.size).toBeGreaterThan(3);
    // and through the service, with the crypto generator, on a real case
    const cert = await service.applyForCertification(ctx(admin), { talentId, path: 'committee', tier: 'D' });
    await service.reviewCertification(ctx(reviewer), cert.case.id, { decision: 'approve' });
    for (let i = 0; i < 25; i++) {
      const drawn = await service.drawCommitteePanel(ctx(admin), cert.case.id, { size: 3 });
      expect(drawn.panel).toHaveLength(3);
      for (const p of drawn.panel ?? []) expect(banned.has(p.accountId)).toBe(false);
    }
  });

  it('refuses to draw when too few experts remain after the exclusion, saying how many', async () => {
    const pool = [
      { accountId: 1, enterpriseId: 7, active: true },
      { accountId: 2, enterpriseId: 7, active: true },
      { accountId: 3, enterpriseId: 8, active: true },
      { accountId: 4, enterpriseId: null, active: false },
    ];
    const e = (() => {
      try {
        drawPanel(pool, new Set([7]), 2);
      } catch (err) {
        return err as AppError;
      }
      throw new Error('drew a panel');
    })();
    expect(e.code).toBe('conflict');
    expect(e.details).toMatchObject({ needed: 2, eligible: 1 });
    expect(e.localized('zh')).toContain('只剩 1 名');
    expect(drawPanel(pool, new Set([7]), 1)).toEqual([3]);
  });

  it('shows experts an anonymised case, 403 to others, takes rubric scores, and the committee decides on the average', async () => {
    const employer = await buildEnterprise(database.db, D, '保密测试企业有限公司');
    const name = '欧阳保密';
    const { talentId, actor } = await buildTalent(database.db, D, {
      facts: { degree: 'phd' },
      employerId: employer,
      name,
    });
    const experts = await Promise.all([1, 2, 3].map(() => buildExpert(database.db, D, null)));
    const outsider = await buildExpert(database.db, D, null);
    const applied = await service.applyForCertification(ctx(actor), {
      path: 'committee',
      tier: 'D',
      statement: `${name}在新材料领域成果突出`,
    });
    await service.reviewCertification(ctx(reviewer), applied.case.id, { decision: 'approve' });
    // fix the panel to our three experts (the draw itself is tested above)
    await database.db.transaction(async (t) => {
      await repo.insertPanel(
        t as never,
        applied.case.id,
        experts.map((e) => e.accountId),
      );
    });
    const code = applied.case.caseCode;
    const task = await service.getExpertTask(ctx(experts[0] as Actor), code);
    const json = JSON.stringify(task);
    expect(json).not.toContain(name);
    expect(json).not.toContain('保密测试企业');
    expect(json).not.toContain(String(talentId));
    expect(task.recommendation?.statement).toBe(`${code}在新材料领域成果突出`);
    expect(task.canScore).toBe(true);
    expect((await refusal(service.getExpertTask(ctx(outsider), code))).code).toBe('forbidden');
    expect((await service.listExpertTasks(ctx(outsider))).items.map((i) => i.caseCode)).not.toContain(code);

    const bad = await refusal(
      service.scoreExpertTask(ctx(experts[0] as Actor), code, {
        scores: { innovation: 120 },
        comment: '好' + '的',
      }),
    );
    expect(bad.code).toBe('validation_failed');
    expect(bad.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'scores.innovation' }),
        expect.objectContaining({ path: 'scores.contribution' }),
      ]),
    );
    const full = (v: number) => ({ innovation: v, contribution: v, recognition: v, fit: v });
    await service.scoreExpertTask(ctx(experts[0] as Actor), code, { scores: full(80), comment: '成果扎实' });
    expect(
      (
        await refusal(
          service.scoreExpertTask(ctx(experts[0] as Actor), code, { scores: full(90), comment: '再评一次' }),
        )
      ).code,
    ).toBe('conflict');
    await service.scoreExpertTask(ctx(experts[1] as Actor), code, { scores: full(90), comment: '建议认定' });
    const early = await refusal(
      service.decideCommittee(ctx(admin), applied.case.id, { decision: 'approve', reason: '通过' }),
    );
    expect(early.code).toBe('conflict');
    const closed = await service.closeScoring(ctx(admin), applied.case.id);
    expect(closed.averageScore).toBe(85);
    expect(closed.actions.decide).toBe(true);
    // the talent sees no panel and no scores
    const own = await service.getCertification(ctx(actor), applied.case.id);
    expect(own.panel).toBeNull();
    expect(own.averageScore).toBeNull();
    const decided = await service.decideCommittee(ctx(admin), applied.case.id, {
      decision: 'approve',
      reason: '评审委员会表决通过',
    });
    expect(decided.case).toMatchObject({ status: 'approved', tier: 'D' });
    const actions = decided.events.map((e) => e.action);
    expect(actions).toEqual([
      'submitted',
      'department_approved',
      'scored',
      'scored',
      'scoring_closed',
      'approved',
    ]);
  });
});

describe('certificates', () => {
  it('puts a QR in the PDF whose URL verifies the certificate, and verification follows revocation', async () => {
    const { actor } = await buildTalent(database.db, D, { facts: { degree: 'phd' }, name: '司马证书' });
    const applied = await service.applyForCertification(ctx(actor), { path: 'catalogue', tier: 'E' });
    const done = await service.reviewCertification(ctx(reviewer), applied.case.id, { decision: 'approve' });
    const no = done.case.certificateNo as string;
    const { pdf, fileName } = await service.certificatePdf(
      ctx(actor),
      applied.case.id,
      'https://rencai.example.cn',
    );
    expect(fileName).toBe(`${no}.pdf`);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // the QR as embedded in the PDF
    const url = service.verifyPageUrl('https://rencai.example.cn', no);
    expect(readQrFromPdf(pdf)).toBe(url);
    // and the PNG the PDF embeds
    const png = PNG.sync.read(await certificateQrPng(url));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url);
    // the QR's URL names the certificate the public endpoint verifies
    const fromUrl = decodeURIComponent(new URL(url).pathname.split('/').at(-1) ?? '');
    const verified = await service.verifyCertificate(ctx(null, { district: undefined }), fromUrl);
    expect(verified).toMatchObject({
      status: 'valid',
      statusLabel: '有效',
      holder: '司**书',
      tier: 'E',
      tierName: '高级人才',
    });
    expect(JSON.stringify(verified)).not.toContain('司马证书');
    // expired on a date after the validity
    const later = new Date(`${Number((done.case.validTo as string).slice(0, 4)) + 1}-06-01T00:00:00Z`);
    expect((await service.verifyCertificate(ctx(null, { now: later, lang: 'en' }), no)).statusLabel).toBe(
      'Expired',
    );
    // revoked with a reason
    const noReason = await refusal(
      service.revokeCertification(ctx(reviewer), applied.case.id, { reason: 'x' }),
    );
    expect(noReason.code).toBe('forbidden');
    await service.revokeCertification(ctx(admin), applied.case.id, { reason: '提供虚假材料' });
    const revoked = await service.verifyCertificate(ctx(null), no);
    expect(revoked).toMatchObject({ status: 'revoked', revokedReason: '提供虚假材料' });
    expect((await refusal(service.verifyCertificate(ctx(null), 'RC-NOPE-0000'))).code).toBe('not_found');
    expect((await service.getCurrentCertification(ctx(actor), {})).certification).toBeNull();
  });
});

describe('renewal reminders', () => {
  it('reminds each holder once per window before the validity ends', async () => {
    const { actor } = await buildTalent(database.db, D, { facts: { degree: 'phd' } });
    const applied = await service.applyForCertification(ctx(actor), { path: 'catalogue', tier: 'E' });
    const done = await service.reviewCertification(ctx(reviewer), applied.case.id, { decision: 'approve' });
    const validTo = done.case.validTo as string;
    const daysBefore = (n: number) => new Date(Date.parse(`${validTo}T04:00:00Z`) - n * 86_400_000);
    const mine = async () =>
      database.db
        .select({ key: notifications.dedupeKey })
        .from(notifications)
        .where(
          and(
            eq(notifications.accountId, (actor as Actor).accountId),
            eq(notifications.kind, 'certification_expiring'),
          ),
        );
    const job = (now: Date) => service.sendRenewalReminders(ctxFor(database.db, config, null, { now }));
    await job(daysBefore(120));
    expect(await mine()).toEqual([]);
    await job(daysBefore(80));
    await job(daysBefore(79)); // same window: nothing new
    expect((await mine()).map((n) => n.key)).toEqual([
      `certification:${applied.case.id}:expiry:${validTo}:90d`,
    ]);
    await job(daysBefore(20));
    await job(daysBefore(3));
    await job(daysBefore(3));
    expect((await mine()).map((n) => n.key).sort()).toEqual(
      ['90d', '30d', '7d'].map((w) => `certification:${applied.case.id}:expiry:${validTo}:${w}`).sort(),
    );
    const events = (await service.getHistory(ctx(actor), {})).events.filter((e) => e.action === 'reminded');
    expect(events).toHaveLength(3);
  });
});

describe('the demo', () => {
  it('certifies the demo talent, queues a case for the reviewer and puts expert.<district> on a committee panel', async () => {
    const talent = await actorOf(database.db, `talent.${D}`);
    const current = await service.getCurrentCertification(ctx(talent), {});
    expect(current.certification).toMatchObject({ tier: 'B', status: 'approved', current: true });
    expect(current.entitlements.length).toBeGreaterThan(0);
    const queue = await service.listCertifications(ctx(reviewer), {
      status: 'department_review',
      page: 1,
      pageSize: 100,
    });
    expect(queue.items.some((i) => i.submittedBy === 'demo-seed')).toBe(true);
    const expert = await actorOf(database.db, `expert.${D}`);
    const tasks = await service.listExpertTasks(ctx(expert));
    expect(tasks.items.length).toBeGreaterThan(0);
    const pool = await service.listExpertPool(ctx(admin));
    expect(pool.items.filter((p) => p.enterprise?.id === demoEnterprise).length).toBe(3);
    // every district got its pool and its demo certification
    const [panels] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(DISTINCT certification_id)::int AS n FROM ${certificationPanelMembers}`,
    );
    expect(Number(panels?.n)).toBeGreaterThanOrEqual(5);
  });
});
