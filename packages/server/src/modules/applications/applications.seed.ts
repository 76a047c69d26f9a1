// Demonstration claims for every district whose pack is published: this year's budget per fund, 免申即享
// grants for every eligible subject, and for the demo talent one application approved (through each of
// its stages, by the stage's holder) and one in review. Adds only what is missing (safe to run again).
import { evaluateSubject } from '@rencai/engine';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../authz';
import type { Config } from '../../config';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { accounts } from '../../db/schema';
import { seedBudgets } from '../fulfilment/fulfilment.service';
import { findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import { loadTalentFacts } from '../talents/talents.facts';
import * as repo from './applications.repo';
import { createApplication, decideApplication } from './applications.service';
import { runAutomaticGrants } from './grants.service';

async function actorOf(db: Db, username: string): Promise<Actor | undefined> {
  const [a] = await db.select().from(accounts).where(eq(accounts.username, username)).limit(1);
  if (!a) return undefined;
  return {
    accountId: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    district: a.district,
    departmentId: a.departmentId,
  };
}

const ctxFor = (db: Db, actor: Actor): Ctx => ({
  db,
  config: {} as Config,
  actor,
  district: actor.district,
  lang: 'zh',
  requestId: 'demo-seed',
  ip: null,
  now: () => new Date(),
  audited: { done: false },
});

/** The actor who holds a stage: the employer's HR, the department's demo reviewer, or the office's admin. */
async function holderActor(db: Db, district: string, holder: string): Promise<Actor | undefined> {
  if (holder.startsWith('enterprise:')) {
    const ids = await repo.listEnterpriseAccounts(db, Number(holder.slice('enterprise:'.length)));
    const [a] = ids.length
      ? await db
          .select()
          .from(accounts)
          .where(eq(accounts.id, ids[0] as number))
      : [];
    return a ? actorOf(db, a.username) : undefined;
  }
  const code = holder.slice('department:'.length);
  const reviewer = await actorOf(db, `reviewer.${district}`);
  const admin = await actorOf(db, `admin.${district}`);
  const depts = await repo.listDepartments(db, district);
  const dept = depts.find((d) => d.code === code);
  if (reviewer && dept && reviewer.departmentId === dept.id) return reviewer;
  // Departments without a demo account of their own: the office's administrator acts for them in the demo.
  if (admin && dept)
    return { ...admin, departmentId: dept.id, displayName: `${admin.displayName}（代${dept.nameZh}）` };
  return undefined;
}

/** Seeds the claims demo of each district that has a published pack; returns the applications created. */
export async function seedClaimsDemo(db: Db, districts: string[], now = new Date()): Promise<number> {
  let created = 0;
  for (const district of districts) {
    const active = await findActivePack(db, district);
    if (!active) continue;
    const firstStart = (await seedBudgets(db, district, now)) > 0;
    // 免申即享 for everyone on the first start, and again once a newer version is published; a plain
    // restart does not re-decide every subject.
    const newVersion =
      !(await repo.hasGrantsOfVersion(db, district, active.versionId)) &&
      (await repo.hasAnyGrants(db, district));
    if (firstStart || newVersion) await runAutomaticGrants(db, district, now);
    const talentActor = await actorOf(db, `talent.${district}`);
    if (!talentActor) continue;
    const talent = await repo.findTalentByAccount(db, talentActor.accountId);
    if (!talent) continue;
    const key = `talent:${talent.id}`;
    const { total } = await repo.listApplications(db, { district, subjectKeys: [key], limit: 1, offset: 0 });
    if (total > 0) continue; // seeded before
    const facts = await loadTalentFacts(db, talent.id, now);
    if (!facts) continue;
    const evaluation = evaluateSubject(active.pack, 'talent', facts, chinaDate(now));
    const candidates = evaluation.decisions
      .filter((d) => d.grantMode === 'apply' && d.verdict === 'eligible' && d.amount !== null)
      .filter((d) => !d.exclusivity || d.exclusivity.chosen)
      .sort((a, b) => (b.amount ?? 0) - (a.amount ?? 0));
    const [toApprove, toReview] = candidates;
    const ctx = ctxFor(db, talentActor);
    if (toApprove) {
      const app = await createApplication(ctx, { policyId: toApprove.policyId });
      created++;
      for (let guard = 0; guard < 8; guard++) {
        const row = await repo.findApplication(db, app.id);
        if (row?.status !== 'in_review' || !row.holder) break;
        const holder = await holderActor(db, district, row.holder);
        if (!holder) break;
        await decideApplication(ctxFor(db, holder), app.id, { action: 'approve', stage: row.currentStage });
      }
    }
    if (toReview) {
      await createApplication(ctx, { policyId: toReview.policyId });
      created++;
    }
  }
  return created;
}
