// 政策找人: turns the engine's answers into eligibility snapshots and writes them, for one subject at once
// (a profile change) or for a whole district in pages (a pack publish, the benchmark). The engine decides
// (evaluateSubject, matchBulk); this file only records what it said and tells the newly eligible.
import {
  type Audience,
  type BulkMatch,
  type CompiledPack,
  decide,
  evaluateSubject,
  type Facts,
  matchBulk,
  type SubjectEvaluation,
} from '@rencai/engine';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { deliverEmailsJob } from '../notifications/notifications.jobs';
import { type Message, notify } from '../notifications/notifications.service';
import { findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import { formatMoney } from '../policies/policies.text';
import { loadEnterpriseFacts, loadTalentFacts } from '../talents/talents.facts';
import * as repo from './matching.repo';

export type SubjectKind = repo.SubjectKind;

/** What one subject's decision writes: its subject row, its snapshot rows, the policies it is offered. */
export type Snapshot = { subject: repo.NewSubject; rows: repo.NewSnapshot[]; offered: Set<string> };

type Base = { kind: SubjectKind; id: number; district: string; packVersionId: number };

const multiPart = (schedule: { share: number }[]) => (schedule.length > 1 ? schedule : null);

/** The snapshot of one subject from evaluateSubject (eligible and unknown policies get a row each). */
export function snapshotOfEvaluation(base: Base, evaluation: SubjectEvaluation): Snapshot {
  const rows: repo.NewSnapshot[] = [];
  const offered = new Set<string>();
  for (const d of evaluation.decisions) {
    if (d.verdict === 'ineligible') continue;
    const eligible = d.verdict === 'eligible';
    const chosen = !eligible || !d.exclusivity || d.exclusivity.chosen;
    if (eligible && chosen) offered.add(d.policyId);
    rows.push({
      subjectKind: base.kind,
      subjectId: base.id,
      policyId: d.policyId,
      district: base.district,
      packVersionId: base.packVersionId,
      verdict: d.verdict,
      amount: eligible ? d.amount : null,
      schedule: eligible ? multiPart(d.schedule) : null,
      missing: eligible ? [] : d.missing,
      exclusivityGroup: d.exclusivity?.group ?? null,
      chosen,
      displacedBy: chosen ? null : (d.exclusivity?.chosenPolicy ?? null),
    });
  }
  return {
    subject: {
      subjectKind: base.kind,
      subjectId: base.id,
      district: base.district,
      packVersionId: base.packVersionId,
      total: evaluation.total,
      totalComplete: evaluation.totalComplete,
    },
    rows,
    offered,
  };
}

/** The snapshot of one subject from matchBulk (the same rows as snapshotOfEvaluation gives). */
export function snapshotOfBulk(
  base: Base,
  pack: CompiledPack,
  match: BulkMatch,
  facts: Facts,
  asOf: string,
): Snapshot {
  const rows: repo.NewSnapshot[] = [];
  const offered = new Set<string>();
  let totalComplete = true;
  for (const m of match.matches) {
    const eligible = m.verdict === 'eligible';
    const policy = pack.byId.get(m.policyId)?.policy;
    const group = policy?.exclusivity?.group ?? null;
    const chosen = !eligible || m.chosen;
    if (eligible && chosen) {
      offered.add(m.policyId);
      if (m.amount === null) totalComplete = false;
    }
    const instalments = policy?.schedule?.instalments.length ?? 0;
    rows.push({
      subjectKind: base.kind,
      subjectId: base.id,
      policyId: m.policyId,
      district: base.district,
      packVersionId: base.packVersionId,
      verdict: m.verdict,
      amount: eligible ? m.amount : null,
      // Only policies paid in parts carry a schedule; ask the engine for it (a handful per subject).
      schedule:
        eligible && instalments > 1 ? multiPart(decide(pack, m.policyId, facts, asOf).schedule) : null,
      missing: eligible ? [] : (m.missing ?? []),
      exclusivityGroup: group,
      chosen,
      displacedBy: chosen || !group ? null : (match.chosen[group] ?? null),
    });
  }
  return {
    subject: {
      subjectKind: base.kind,
      subjectId: base.id,
      district: base.district,
      packVersionId: base.packVersionId,
      total: match.total,
      totalComplete,
    },
    rows,
    offered,
  };
}

/** The in-app messages (and e-mails) for policies a subject is newly offered. */
function eligibleMessages(
  pack: CompiledPack,
  district: string,
  accountIds: number[],
  snapshot: Snapshot,
  newly: string[],
): Message[] {
  const out: Message[] = [];
  for (const policyId of newly) {
    const policy = pack.byId.get(policyId)?.policy;
    if (!policy) continue;
    const row = snapshot.rows.find((r) => r.policyId === policyId);
    const amount = row?.amount ?? null;
    const auto = policy.grantMode === 'automatic';
    const zhAmount = amount ? `，可享 ${formatMoney(amount, 'zh')}` : '';
    const enAmount = amount ? ` — ${formatMoney(amount, 'en')}` : '';
    for (const accountId of accountIds)
      out.push({
        district,
        accountId,
        kind: 'policy_eligible',
        titleZh: `您符合新政策：${policy.title.zh}`,
        titleEn: `You now qualify for: ${policy.title.en}`,
        bodyZh: `根据您的档案，您符合“${policy.title.zh}”的条件${zhAmount}。${
          auto ? '该政策免申即享，无需申请。' : '可在“我的政策”中一键申领。'
        }`,
        bodyEn: `Your record meets the conditions of "${policy.title.en}"${enAmount}. ${
          auto ? 'It is granted without an application.' : 'Apply in one click from My policies.'
        }`,
        link: `/my-policies#${policyId}`,
        dedupeKey: `policy_eligible:${policyId}:${snapshot.subject.packVersionId}`,
      });
  }
  return out;
}

export type Redecision = {
  packVersionId: number;
  /** Policies offered now that were not before (each notified). */
  newlyEligible: string[];
  snapshot: Snapshot;
};

async function writeOne(
  db: Db,
  pack: CompiledPack,
  snapshot: Snapshot,
  kind: SubjectKind,
  accountIds: number[],
  now: Date,
): Promise<string[]> {
  const id = snapshot.subject.subjectId;
  const written = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const before = (await repo.offeredPolicies(tx, kind, [id])).get(id) ?? new Set<string>();
    const newly = [...snapshot.offered].filter((p) => !before.has(p));
    await repo.replaceSnapshots(tx, kind, [snapshot.subject], snapshot.rows, now);
    const sent = await notify(
      tx,
      eligibleMessages(pack, snapshot.subject.district, accountIds, snapshot, newly),
    );
    return { newly, sent: sent.length };
  });
  return written.newly;
}

type RedecideOptions = { now?: Date; config?: Pick<Config, 'smtpUrl' | 'mailFrom'> & Partial<Config> };

async function afterNotify(db: Db, opts: RedecideOptions, count: number) {
  if (count > 0 && opts.config?.smtpUrl)
    await deliverEmailsJob({ db, config: opts.config as Config }, {}).catch(() => undefined);
}

/**
 * Re-decides one talent under the district's active pack at once: replaces their snapshot and notifies
 * the policies they are newly offered. Call it after a change to their record commits.
 */
export async function redecideTalent(
  db: Db,
  district: string,
  talentId: number,
  opts: RedecideOptions = {},
): Promise<Redecision | undefined> {
  const now = opts.now ?? new Date();
  const active = await findActivePack(db, district);
  const talent = await repo.findTalent(db, talentId);
  if (!active || !talent || talent.district !== district) return undefined;
  const facts = await loadTalentFacts(db, talentId, now);
  if (!facts) return undefined;
  const asOf = chinaDate(now);
  const evaluation = evaluateSubject(active.pack, 'talent', facts, asOf);
  const snapshot = snapshotOfEvaluation(
    { kind: 'talent', id: talentId, district, packVersionId: active.versionId },
    evaluation,
  );
  const accounts = talent.accountId === null ? [] : [talent.accountId];
  const newlyEligible = await writeOne(db, active.pack, snapshot, 'talent', accounts, now);
  await afterNotify(db, opts, newlyEligible.length * accounts.length);
  return { packVersionId: active.versionId, newlyEligible, snapshot };
}

/** Re-decides one enterprise at once (its HR accounts are notified of newly offered policies). */
export async function redecideEnterprise(
  db: Db,
  district: string,
  enterpriseId: number,
  opts: RedecideOptions = {},
): Promise<Redecision | undefined> {
  const now = opts.now ?? new Date();
  const active = await findActivePack(db, district);
  const enterprise = await repo.findEnterprise(db, enterpriseId);
  if (!active || !enterprise || enterprise.district !== district) return undefined;
  const facts = await loadEnterpriseFacts(db, enterpriseId, now);
  if (!facts) return undefined;
  const evaluation = evaluateSubject(active.pack, 'enterprise', facts, chinaDate(now));
  const snapshot = snapshotOfEvaluation(
    { kind: 'enterprise', id: enterpriseId, district, packVersionId: active.versionId },
    evaluation,
  );
  const accounts = await repo.enterpriseAccounts(db, enterpriseId);
  const newlyEligible = await writeOne(db, active.pack, snapshot, 'enterprise', accounts, now);
  await afterNotify(db, opts, newlyEligible.length * accounts.length);
  return { packVersionId: active.versionId, newlyEligible, snapshot };
}

// ---------------------------------------------------------------- a whole district

export type RunOptions = {
  district: string;
  pack: CompiledPack;
  packVersionId: number;
  now?: Date;
  /** Talents per page (one read, one transaction of writes). */
  pageSize?: number;
  /** Notify newly offered policies (default true). */
  notify?: boolean;
  kinds?: readonly SubjectKind[];
  onProgress?: (p: { done: number; newly: number; notified: number }) => Promise<void> | void;
};

export type RunResult = { subjects: number; rows: number; newlyEligible: number; notified: number };

type Page = { subjects: { id: number; accountIds: number[]; facts: Facts }[] };

/**
 * "Policy finds people" over a district: reads the subjects' facts page by page (the next page is read
 * while this one is matched and written), matches them with matchBulk, replaces their snapshots and
 * notifies the newly offered, one transaction per page.
 */
export async function runDistrict(db: Db, opts: RunOptions): Promise<RunResult> {
  const now = opts.now ?? new Date();
  const asOf = chinaDate(now);
  const pageSize = opts.pageSize ?? 2000;
  const result: RunResult = { subjects: 0, rows: 0, newlyEligible: 0, notified: 0 };
  const kinds = opts.kinds ?? ['talent', 'enterprise'];
  for (const kind of kinds) {
    const pages =
      kind === 'talent'
        ? talentPages(db, opts.district, pageSize, asOf)
        : enterprisePages(db, opts.district, now);
    await runPages(db, opts, kind, pages, asOf, now, result);
  }
  return result;
}

async function* talentPages(db: Db, district: string, size: number, day: string): AsyncGenerator<Page> {
  let after = 0;
  let next = repo.loadTalentFactsPage(db, district, after, size, day);
  for (;;) {
    const rows = await next;
    if (rows.length === 0) return;
    after = rows.at(-1)?.id ?? after;
    if (rows.length === size) next = repo.loadTalentFactsPage(db, district, after, size, day);
    else next = Promise.resolve([]);
    yield {
      subjects: rows.map((r) => ({
        id: r.id,
        accountIds: r.accountId === null ? [] : [r.accountId],
        facts: r.facts,
      })),
    };
  }
}

async function* enterprisePages(db: Db, district: string, now: Date): AsyncGenerator<Page> {
  const all = await repo.listEnterpriseIds(db, district);
  for (let i = 0; i < all.length; i += 200) {
    const subjects: Page['subjects'] = [];
    for (const e of all.slice(i, i + 200)) {
      const facts = await loadEnterpriseFacts(db, e.id, now);
      if (facts) subjects.push({ id: e.id, accountIds: await repo.enterpriseAccounts(db, e.id), facts });
    }
    yield { subjects };
  }
}

async function runPages(
  db: Db,
  opts: RunOptions,
  kind: SubjectKind,
  pages: AsyncGenerator<Page>,
  asOf: string,
  now: Date,
  result: RunResult,
) {
  const audience: Audience = kind;
  let pending: Promise<void> | undefined;
  for await (const page of pages) {
    if (page.subjects.length === 0) continue;
    const byId = new Map(page.subjects.map((s) => [s.id, s]));
    const snapshots: Snapshot[] = [];
    for (const m of matchBulk(opts.pack, page.subjects, asOf, {
      subject: audience,
      includeUnknown: true,
      missing: true,
      includeEmpty: true,
      sample: Math.min(1000, page.subjects.length),
    })) {
      const s = byId.get(m.id as number);
      if (!s) continue;
      snapshots.push(
        snapshotOfBulk(
          { kind, id: s.id, district: opts.district, packVersionId: opts.packVersionId },
          opts.pack,
          m,
          s.facts,
          asOf,
        ),
      );
    }
    // Write this page while the next one is read and matched (one write in flight at a time).
    await pending;
    pending = writePage(db, opts, kind, snapshots, byId, now, result);
  }
  await pending;
}

async function writePage(
  db: Db,
  opts: RunOptions,
  kind: SubjectKind,
  snapshots: Snapshot[],
  byId: Map<number, Page['subjects'][number]>,
  now: Date,
  result: RunResult,
): Promise<void> {
  const { newly, notified } = await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const before = await repo.offeredPolicies(
      tx,
      kind,
      snapshots.map((s) => s.subject.subjectId),
    );
    let newlyCount = 0;
    const messages: Message[] = [];
    for (const s of snapshots) {
      const had = before.get(s.subject.subjectId);
      const gained = [...s.offered].filter((p) => !had?.has(p));
      if (gained.length === 0) continue;
      newlyCount++;
      const accounts = byId.get(s.subject.subjectId)?.accountIds ?? [];
      if (opts.notify !== false && accounts.length > 0)
        messages.push(...eligibleMessages(opts.pack, opts.district, accounts, s, gained));
    }
    await repo.replaceSnapshots(
      tx,
      kind,
      snapshots.map((s) => s.subject),
      snapshots.flatMap((s) => s.rows),
      now,
    );
    const sent = await notify(tx, messages);
    return { newly: newlyCount, notified: sent.length };
  });
  result.subjects += snapshots.length;
  result.rows += snapshots.reduce((n, s) => n + s.rows.length, 0);
  result.newlyEligible += newly;
  result.notified += notified;
  await opts.onProgress?.({ done: snapshots.length, newly, notified });
}

/** Re-decides every subject of a district under its active pack (demo start-up, the CLI). */
export async function redecideDistrict(
  db: Db,
  district: string,
  now = new Date(),
): Promise<RunResult | undefined> {
  const active = await findActivePack(db, district);
  if (!active) return undefined;
  return runDistrict(db, { district, pack: active.pack, packVersionId: active.versionId, now });
}
