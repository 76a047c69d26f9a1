// Pack publishing from the admin screen: the versions published, the pack directories on disk, a check and
// a preview of a candidate version against the current population (who gains, who loses, the change in
// cost per fund) before anything goes live, and the publish itself, which queues the re-deciding run.
import fs from 'node:fs';
import path from 'node:path';
import { type Audience, type CompiledPack, type Facts, matchBulk } from '@rencai/engine';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import { AppError } from '../../errors';
import { maskName } from '../../lib/mask';
import * as matchingRepo from '../matching/matching.repo';
import { queueRun } from '../matching/matching.service';
import { loadEnterpriseFacts } from '../talents/talents.facts';
import { findActivePack } from './pack-cache';
import * as repo from './packs.repo';
import {
  chinaDate,
  contentHash,
  type PackFileMap,
  publishPack,
  readPackDir,
  validatePack,
} from './policies.service';

export type PackInput = { files?: PackFileMap | undefined; source?: string | undefined };

const FILE_NAME = /^[A-Za-z0-9_.\-/]+\.(ya?ml|md)$/;

/** The pack files of an upload (a folder's files, its top folder stripped) or of a directory on disk. */
function filesOf(ctx: Ctx, district: string, input: PackInput): PackFileMap {
  if (input.source !== undefined) {
    const source = sourcesOf(ctx, district).find((s) => s.id === input.source);
    if (!source)
      throw new AppError(
        'validation_failed',
        { zh: `找不到政策包目录 ${input.source}`, en: `No pack directory ${input.source}` },
        { field: 'source' },
      );
    return readPackDir(source.dir);
  }
  const raw = input.files ?? {};
  let names = Object.keys(raw).filter((n) => FILE_NAME.test(n) && !n.split('/').includes('..'));
  if (!names.includes('pack.yaml')) {
    const top = names.find((n) => /^[^/]+\/pack\.yaml$/.test(n))?.split('/')[0];
    if (top) names = names.filter((n) => n.startsWith(`${top}/`));
    const files: PackFileMap = {};
    for (const n of names) files[top ? n.slice(top.length + 1) : n] = raw[n] ?? '';
    if (!files['pack.yaml'])
      throw new AppError(
        'validation_failed',
        { zh: '上传的文件中没有 pack.yaml', en: 'The upload has no pack.yaml' },
        { field: 'files' },
      );
    return files;
  }
  return Object.fromEntries(names.map((n) => [n, raw[n] ?? '']));
}

type Source = { id: string; dir: string; label: string; policies: number };

/** Pack directories on disk whose pack.yaml names this district (packs/<dir>). */
function sourcesOf(ctx: Ctx, district: string): Source[] {
  const root = ctx.config.packsDir;
  if (!fs.existsSync(root)) return [];
  const out: Source[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    const packYaml = path.join(dir, 'pack.yaml');
    if (!fs.existsSync(packYaml)) continue;
    const text = fs.readFileSync(packYaml, 'utf8');
    const id = /^id:\s*["']?([a-z0-9-]+)/m.exec(text)?.[1];
    if (id !== district) continue;
    const label = /^version:\s*["']?([^"'\n]+)/m.exec(text)?.[1]?.trim() ?? '';
    const policies = fs.existsSync(path.join(dir, 'policies'))
      ? fs.readdirSync(path.join(dir, 'policies')).filter((f) => /\.ya?ml$/.test(f)).length
      : 0;
    out.push({ id: entry.name, dir, label, policies });
  }
  return out;
}

/** Every published version of the district's pack, newest first, with how many subjects each decided. */
export async function listPackVersions(ctx: Ctx) {
  const actor = authorize(ctx, 'pack:read');
  const district = ctx.district ?? actor.district;
  const versions = await repo.listVersions(ctx.db, district);
  const decided = new Map<number, number>();
  for (const v of await matchingRepo.subjectsPerVersion(ctx.db, district))
    decided.set(v.packVersionId, (decided.get(v.packVersionId) ?? 0) + v.n);
  // Versions come newest first: a version whose files a later one repeats names that later version.
  const later = new Map<string, string>();
  const sameAs = versions.map((v) => {
    const seen = later.get(v.contentHash) ?? null;
    if (seen === null) later.set(v.contentHash, String(v.version));
    return seen;
  });
  return {
    items: versions.map((v, i) => ({
      id: v.id,
      version: v.version,
      label: v.label,
      status: v.status,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedBy,
      policies: v.policies,
      contentHash: v.contentHash.slice(0, 12),
      subjectsDecided: decided.get(v.id) ?? 0,
      sameAs: sameAs[i] ?? null,
    })),
    sources: sourcesOf(ctx, district).map((s) => ({ id: s.id, label: s.label, policies: s.policies })),
  };
}

type Offer = { offered: Map<string, number | null> };

/** Per subject: the policies offered (eligible, kept by 就高不重复) and their amounts, by matchBulk. */
function offers(
  pack: CompiledPack,
  audience: Audience,
  subjects: { id: number; facts: Facts }[],
  asOf: string,
) {
  const out = new Map<number, Offer>();
  for (const m of matchBulk(pack, subjects, asOf, {
    subject: audience,
    includeUnknown: false,
    missing: false,
    includeEmpty: true,
    sample: Math.min(1000, subjects.length),
  })) {
    const offered = new Map<string, number | null>();
    for (const x of m.matches) if (x.verdict === 'eligible' && x.chosen) offered.set(x.policyId, x.amount);
    out.set(m.id as number, { offered });
  }
  return out;
}

const SAMPLE = 10;

/**
 * Checks a candidate version (loader errors with file and line, the pack's own test cases) and previews it
 * against the current population: who gains and who loses a policy, per policy and per fund the offered
 * count and cost, old (the active version) against new. Changes nothing.
 */
export async function previewPack(ctx: Ctx, input: PackInput) {
  const actor = authorize(ctx, 'pack:publish');
  const district = ctx.district ?? actor.district;
  const files = filesOf(ctx, district, input);
  const next = validatePack(district, files, ctx.lang); // throws validation_failed with issues / failures
  const active = await findActivePack(ctx.db, district);
  const now = ctx.now();
  const asOf = chinaDate(now);
  const lang = ctx.lang;
  const old = active?.pack;
  const gainers: { name: string; policies: string[] }[] = [];
  const losers: { name: string; policies: string[] }[] = [];
  let gained = 0;
  let lost = 0;
  let population = 0;
  const perPolicy = new Map<string, { old: number; next: number; oldAmount: number; nextAmount: number }>();
  const perFund = new Map<string, { old: number; next: number }>();
  const fundOf = (pack: CompiledPack | undefined, id: string) => pack?.byId.get(id)?.policy.fund ?? '';
  const add = (pack: CompiledPack, side: 'old' | 'next', offered: Map<string, number | null>) => {
    for (const [policyId, amount] of offered) {
      const p = perPolicy.get(policyId) ?? { old: 0, next: 0, oldAmount: 0, nextAmount: 0 };
      p[side]++;
      p[side === 'old' ? 'oldAmount' : 'nextAmount'] += amount ?? 0;
      perPolicy.set(policyId, p);
      const fund = fundOf(pack, policyId);
      const f = perFund.get(fund) ?? { old: 0, next: 0 };
      f[side] += amount ?? 0;
      perFund.set(fund, f);
    }
  };
  const title = (id: string) => (next.byId.get(id)?.policy ?? old?.byId.get(id)?.policy)?.title[lang] ?? id;
  const compare = (audience: Audience, subjects: { id: number; name: string; facts: Facts }[]) => {
    population += subjects.length;
    const after = offers(next, audience, subjects, asOf);
    const before = old ? offers(old, audience, subjects, asOf) : new Map<number, Offer>();
    for (const s of subjects) {
      const b = before.get(s.id)?.offered ?? new Map<string, number | null>();
      const a = after.get(s.id)?.offered ?? new Map<string, number | null>();
      if (old) add(old, 'old', b);
      add(next, 'next', a);
      const plus = [...a.keys()].filter((p) => !b.has(p));
      const minus = [...b.keys()].filter((p) => !a.has(p));
      if (plus.length) {
        gained++;
        if (gainers.length < SAMPLE) gainers.push({ name: maskName(s.name), policies: plus.map(title) });
      }
      if (minus.length) {
        lost++;
        if (losers.length < SAMPLE) losers.push({ name: maskName(s.name), policies: minus.map(title) });
      }
    }
  };
  let after = 0;
  for (;;) {
    const page = await matchingRepo.loadTalentFactsPage(ctx.db, district, after, 5000, asOf);
    if (page.length === 0) break;
    compare('talent', page);
    after = page.at(-1)?.id ?? after;
  }
  const enterprises: { id: number; name: string; facts: Facts }[] = [];
  for (const e of await matchingRepo.listEnterpriseIds(ctx.db, district)) {
    const facts = await loadEnterpriseFacts(ctx.db, e.id, now);
    if (facts) enterprises.push({ id: e.id, name: e.name, facts });
  }
  compare('enterprise', enterprises);
  const oldIds = new Set(old?.pack.policies.map((p) => p.id) ?? []);
  const nextIds = new Set(next.pack.policies.map((p) => p.id));
  const fundName = (id: string) =>
    (next.pack.funds.find((f) => f.id === id) ?? old?.pack.funds.find((f) => f.id === id))?.name[lang] ??
    (id || (lang === 'zh' ? '未指定资金' : 'No fund'));
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    candidate: {
      label: next.pack.version,
      contentHash: contentHash(files).slice(0, 12),
      policies: next.pack.policies.length,
      tests: next.pack.tests.length,
      files: Object.keys(files).length,
      alreadyPublishedAs:
        (await repo.findVersionByHash(ctx.db, district, contentHash(files)))?.version ?? null,
    },
    active: active ? { id: active.versionId, version: active.version, label: active.label } : null,
    asOf,
    population,
    policiesAdded: [...nextIds]
      .filter((id) => !oldIds.has(id))
      .map((id) => ({ policyId: id, title: title(id) })),
    policiesRemoved: [...oldIds]
      .filter((id) => !nextIds.has(id))
      .map((id) => ({ policyId: id, title: title(id) })),
    gains: { subjects: gained, sample: gainers },
    losses: { subjects: lost, sample: losers },
    perPolicy: [...perPolicy.entries()]
      .map(([policyId, p]) => ({
        policyId,
        title: title(policyId),
        old: p.old,
        next: p.next,
        oldAmount: round(p.oldAmount),
        nextAmount: round(p.nextAmount),
      }))
      .sort((a, b) => b.next - b.old - (a.next - a.old) || a.policyId.localeCompare(b.policyId)),
    perFund: [...perFund.entries()]
      .map(([fund, f]) => ({
        fund: fund || null,
        name: fundName(fund),
        old: round(f.old),
        next: round(f.next),
        change: round(f.next - f.old),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Publishes a candidate version (validated and tested again, audited) and queues everyone's re-decision. */
export async function publishPackVersion(ctx: Ctx, input: PackInput) {
  const actor = authorize(ctx, 'pack:publish');
  const district = ctx.district ?? actor.district;
  const files = filesOf(ctx, district, input);
  const existing = await repo.findVersionByHash(ctx.db, district, contentHash(files));
  const active = await findActivePack(ctx.db, district);
  if (existing && active && existing.id === active.versionId)
    throw new AppError(
      'conflict',
      {
        zh: `这些文件已作为第 ${existing.version} 版发布且正在生效`,
        en: `These files are already published as version ${existing.version}, the active one`,
      },
      { version: existing.version },
    );
  const published = await publishPack(ctx, district, files);
  const now = await findActivePack(ctx.db, district);
  if (!now) throw new Error('the published version is not active');
  const run = await queueRun(ctx, district, now.versionId, actor.username);
  return { ...published, packVersionId: now.versionId, run };
}
