// The policy library (汇·政策): publishing a district's pack into the database, browsing and Chinese
// search, plain-language policy pages and the what-if calculator. The pack decides; this module explains.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  type Audience,
  type CompiledPack,
  type Condition,
  checkFacts,
  compilePack,
  evaluateSubject,
  explainPolicy,
  type FactType,
  type Lang,
  type LeafCondition,
  loadPackFromFiles,
  type NumberRef,
  type Pack,
  PackLoadError,
  type Policy,
  runPackTests,
} from '@rencai/engine';
import { allowPublic, authorize } from '../../authz';
import type { Config } from '../../config';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { segmentForIndex, segmentQuery } from '../../lib/segment';
import { appendAudit } from '../audit/audit.service';
import { listDistricts } from '../identity/identity.repo';
import { type ActivePack, findActivePack, rememberVersion } from './pack-cache';
import * as repo from './policies.repo';
import {
  type ConditionText,
  capitalised,
  conditionTree,
  describeAmount,
  describeSchedule,
  factLabel,
  failingReasons,
  inSentence,
  isIllustrative,
  kindLabels,
  resolutionText,
  resolveReference,
  valueLabel,
} from './policies.text';

// ---------------------------------------------------------------- publishing

/** Pack files as relative path → text. */
export type PackFileMap = Record<string, string>;

export type PublishResult = {
  district: string;
  version: number;
  label: string;
  contentHash: string;
  policies: number;
  /** False when these exact files were already published (nothing was written). */
  published: boolean;
};

/** SHA-256 over the files' sorted paths and texts. */
export function contentHash(files: PackFileMap): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort())
    hash
      .update(name)
      .update('\0')
      .update(files[name] ?? '')
      .update('\0');
  return hash.digest('hex');
}

/** Reads a pack directory into memory: its YAML and Markdown files by relative path. */
export function readPackDir(dir: string): PackFileMap {
  const files: PackFileMap = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ya?ml|md)$/.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
  }
  return files;
}

/** Loads and tests a pack; refuses it with every loader problem (file and line) or every failed case. */
export function validatePack(district: string, files: PackFileMap, lang: Lang): CompiledPack {
  let pack: Pack;
  try {
    pack = loadPackFromFiles(files);
  } catch (err) {
    if (!(err instanceof PackLoadError)) throw err;
    throw new AppError(
      'validation_failed',
      {
        zh: '政策包校验未通过，请按所列文件和行号修改',
        en: 'The policy pack is invalid; fix the files and lines listed',
      },
      {
        issues: err.issues.map((i) => ({
          file: i.file,
          line: i.line,
          column: i.column,
          path: i.path,
          message: lang === 'zh' ? i.messageZh : i.message,
        })),
      },
    );
  }
  if (pack.id !== district) {
    throw new AppError(
      'validation_failed',
      {
        zh: `政策包编号 ${pack.id} 与区县 ${district} 不一致`,
        en: `The pack's id ${pack.id} is not the district ${district}`,
      },
      { packId: pack.id, district },
    );
  }
  const compiled = compilePack(pack);
  const report = runPackTests(compiled);
  if (report.failed > 0) {
    throw new AppError(
      'validation_failed',
      {
        zh: `政策包有 ${report.failed} 个测试用例未通过`,
        en: `${report.failed} of the pack's test cases failed`,
      },
      {
        failures: report.results
          .filter((r) => !r.ok)
          .map((r) => ({ name: r.name, file: r.file, line: r.line, failures: r.failures })),
      },
    );
  }
  return compiled;
}

/** Chinese date (Asia/Shanghai) of an instant, as YYYY-MM-DD. */
export function chinaDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

function policyRow(
  pack: CompiledPack,
  policy: Policy,
  district: string,
  packVersionId: number,
  asOf: string,
) {
  const p = pack.pack;
  const conditions = conditionTree(pack, policy.id, asOf, 'zh');
  const flatten = (n: ConditionText): string[] => [n.text, ...(n.children ?? []).flatMap(flatten)];
  const tags: string[] = [];
  if (policy.grantMode === 'automatic') tags.push('automatic');
  if (isIllustrative(p, policy)) tags.push('illustrative');
  if (policy.exclusivity) tags.push(`group:${policy.exclusivity.group}`);
  if (policy.fund) tags.push(`fund:${policy.fund}`);
  const body = [
    policy.title.zh,
    policy.title.zh, // the title twice: a title match ranks above a mention in the text
    policy.title.en,
    policy.summary?.zh,
    policy.summary?.en,
    policy.department?.zh,
    policy.department?.en,
    kindLabels[policy.kind].zh,
    kindLabels[policy.kind].en,
    policy.grantMode === 'automatic' ? '免申即享 无需申请' : '',
    ...flatten(conditions),
    policy.originalText,
    ...policy.materials.map((m) => m.name.zh),
  ]
    .filter(Boolean)
    .join('\n');
  return {
    district,
    policyId: policy.id,
    packVersionId,
    audience: policy.audience,
    kind: policy.kind,
    departmentZh: policy.department?.zh ?? null,
    departmentEn: policy.department?.en ?? null,
    titleZh: policy.title.zh,
    titleEn: policy.title.en,
    summaryZh: policy.summary?.zh ?? null,
    summaryEn: policy.summary?.en ?? null,
    grantMode: policy.grantMode,
    illustrative: isIllustrative(p, policy),
    effectiveFrom: policy.effective.from,
    effectiveTo: policy.effective.to ?? null,
    tags,
    bodySeg: segmentForIndex(body),
  };
}

async function publishFiles(
  ctx: Ctx,
  district: string,
  files: PackFileMap,
  publishedBy: string,
): Promise<PublishResult> {
  const hash = contentHash(files);
  const compiled = validatePack(district, files, ctx.lang);
  const asOf = chinaDate(ctx.now());
  const auditCtx: Ctx = { ...ctx, district };
  const row = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const version = await repo.nextVersionNumber(tx, district);
    await repo.supersedeVersions(tx, district);
    const inserted = await repo.insertVersion(tx, {
      district,
      packId: compiled.pack.id,
      version,
      label: compiled.pack.version,
      files,
      contentHash: hash,
      publishedBy,
    });
    await repo.insertPolicies(
      tx,
      compiled.pack.policies.map((p) => policyRow(compiled, p, district, inserted.id, asOf)),
    );
    await appendAudit(
      auditCtx,
      tx,
      {
        action: 'pack.publish',
        object: `pack:${district}@${version}`,
        outcome: 'success',
        details: { label: compiled.pack.version, contentHash: hash, policies: compiled.pack.policies.length },
      },
      publishedBy,
    );
    return inserted;
  });
  rememberVersion({ district, id: row.id, contentHash: hash }, compiled);
  return {
    district,
    version: row.version,
    label: row.label,
    contentHash: hash,
    policies: compiled.pack.policies.length,
    published: true,
  };
}

/** Publishes a district's pack (an admin upload): validates and tests it, stores it as the next version. */
export async function publishPack(ctx: Ctx, district: string, files: PackFileMap): Promise<PublishResult> {
  const actor = authorize({ ...ctx, district }, 'pack:publish');
  return publishFiles({ ...ctx, district }, district, files, actor.username);
}

/**
 * Demo start-up: publishes each hosted district's shipped pack (`packsDir/<district>`) unless these exact
 * files were already published, so a restart costs one hash per district.
 */
export async function publishShippedPacks(db: Db, config: Config): Promise<PublishResult[]> {
  const results: PublishResult[] = [];
  const ctx: Ctx = {
    db,
    config,
    actor: null,
    district: null,
    lang: 'en',
    requestId: 'startup',
    ip: null,
    now: () => new Date(),
    audited: { done: false },
  };
  for (const { code } of await listDistricts(db)) {
    const dir = path.join(config.packsDir, code);
    if (!fs.existsSync(path.join(dir, 'pack.yaml'))) continue;
    const files = readPackDir(dir);
    const existing = await repo.findVersionByHash(db, code, contentHash(files));
    if (existing) {
      results.push({
        district: code,
        version: existing.version,
        label: existing.label,
        contentHash: existing.contentHash,
        policies: 0,
        published: false,
      });
      continue;
    }
    results.push(await publishFiles(ctx, code, files, 'system'));
  }
  return results;
}

// ---------------------------------------------------------------- reading

async function activePack(ctx: Ctx): Promise<ActivePack & { district: string }> {
  const district = ctx.district ?? '';
  const active = await findActivePack(ctx.db, district);
  if (!active)
    throw new AppError(
      'not_found',
      { zh: `区县 ${district} 尚未发布政策`, en: `District ${district} has not published its policies` },
      { district },
    );
  return { ...active, district };
}

const pick = (lang: Lang, zh: string | null, en: string | null) => (lang === 'zh' ? zh : en) ?? zh ?? en;

export type ListQuery = {
  q?: string | undefined;
  audience?: Audience | undefined;
  kind?: string | undefined;
  department?: string | undefined;
  grantMode?: 'apply' | 'automatic' | undefined;
  page: number;
  pageSize: number;
};

/** Browses and searches the district's published policies (public: anyone may read the policies). */
export async function listPolicies(ctx: Ctx, query: ListQuery) {
  allowPublic('policy:read');
  const active = await activePack(ctx);
  const lang = ctx.lang;
  const asOf = chinaDate(ctx.now());
  const text = (query.q ?? '').trim().slice(0, 100);
  const filter: repo.PolicyFilter = {
    district: active.district,
    packVersionId: active.versionId,
    tokens: text ? segmentQuery(text) : '',
    text,
    audience: query.audience,
    kind: query.kind,
    department: query.department,
    grantMode: query.grantMode,
  };
  const { rows, total } = await repo.searchPolicies(ctx.db, filter, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const facets = await repo.policyFacets(ctx.db, filter);
  const pack = active.pack.pack;
  return {
    items: rows.map((r) => {
      const policy = active.pack.byId.get(r.policyId)?.policy;
      return {
        policyId: r.policyId,
        title: pick(lang, r.titleZh, r.titleEn) ?? r.policyId,
        summary: pick(lang, r.summaryZh, r.summaryEn),
        audience: r.audience as Audience,
        kind: r.kind,
        department: pick(lang, r.departmentZh, r.departmentEn),
        grantMode: r.grantMode as 'apply' | 'automatic',
        automatic: r.grantMode === 'automatic',
        illustrative: r.illustrative,
        amountText: policy ? describeAmount(pack, policy, asOf, lang, true) : '',
        effective: { from: r.effectiveFrom, to: r.effectiveTo },
        inForce: r.effectiveFrom <= asOf && (r.effectiveTo === null || asOf <= r.effectiveTo),
        tags: r.tags,
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
    facets: {
      kinds: facets.kinds.map((k) => ({
        ...k,
        label: kindLabels[k.value as keyof typeof kindLabels]?.[lang] ?? k.value,
      })),
      audiences: facets.audiences,
      departments: facets.departments
        .map((d) => pick(lang, d.zh, d.en))
        .filter((d): d is string => typeof d === 'string'),
    },
    packVersion: { version: active.version, label: active.label },
  };
}

/** One policy in plain words: conditions as sentences, amount, schedule, materials, review, exclusivity. */
export async function getPolicy(ctx: Ctx, policyId: string) {
  allowPublic('policy:read');
  const active = await activePack(ctx);
  const compiled = active.pack;
  const pack = compiled.pack;
  const policy = compiled.byId.get(policyId)?.policy;
  if (!policy) throw new AppError('not_found', { zh: '找不到该政策', en: 'No such policy' }, { policyId });
  const lang = ctx.lang;
  const asOf = chinaDate(ctx.now());
  const group = policy.exclusivity
    ? pack.exclusivityGroups.find((g) => g.id === policy.exclusivity?.group)
    : undefined;
  const title = (id: string) => pack.policies.find((p) => p.id === id)?.title[lang] ?? id;
  const reference = resolveReference(pack, policy.reference);
  return {
    policyId: policy.id,
    title: policy.title[lang],
    summary: policy.summary?.[lang] ?? null,
    originalText: policy.originalText ?? null,
    reference,
    department: policy.department?.[lang] ?? null,
    audience: policy.audience,
    kind: policy.kind,
    effective: { from: policy.effective.from, to: policy.effective.to ?? null },
    inForce:
      policy.effective.from <= asOf && (policy.effective.to === undefined || asOf <= policy.effective.to),
    conditions: conditionTree(compiled, policy.id, asOf, lang),
    amountText: describeAmount(pack, policy, asOf, lang),
    hasAmount: policy.amount !== undefined,
    schedule: describeSchedule(compiled, policy, asOf, lang),
    materials: policy.materials.map((m) => ({ id: m.id, name: m.name[lang], optional: m.optional })),
    reviewStages: policy.reviewStages.map((s) => ({ id: s.id, name: s.name[lang], days: s.days ?? null })),
    grantMode: policy.grantMode,
    automatic: policy.grantMode === 'automatic',
    exclusivity:
      group && policy.exclusivity
        ? {
            group: group.id,
            name: group.name[lang],
            resolution: group.resolution,
            resolutionText: resolutionText(group.resolution, lang),
            members: pack.policies
              .filter((p) => p.exclusivity?.group === group.id && p.id !== policy.id)
              .map((p) => ({ policyId: p.id, title: p.title[lang] })),
          }
        : null,
    fund: pack.funds.find((f) => f.id === policy.fund)?.name[lang] ?? null,
    stacksOn: (policy.stacksOn ?? []).map((id) => ({ policyId: id, title: title(id) })),
    illustrative: isIllustrative(pack, policy),
    packVersion: { version: active.version, label: active.label },
  };
}

// ---------------------------------------------------------------- the calculator

function leaves(cond: Condition | undefined): LeafCondition[] {
  if (!cond) return [];
  if ('all' in cond) return cond.all.flatMap(leaves);
  if ('any' in cond) return cond.any.flatMap(leaves);
  if ('not' in cond) return leaves(cond.not);
  return [cond];
}

/** Every input fact a policy reads (conditions, amount, schedule), derived facts named by their source. */
function factsOf(pack: Pack, policy: Policy): Set<string> {
  const names = new Set<string>();
  const add = (name: string) => names.add(pack.schema[name]?.derivedFrom ?? name);
  for (const l of leaves(policy.conditions)) add(l.fact);
  const ref = (r: NumberRef | undefined) => {
    if (r !== undefined && typeof r === 'object' && 'fact' in r) add(r.fact);
  };
  const a = policy.amount;
  if (a) {
    const b = a.base;
    if (b.kind === 'fixed') ref(b.value);
    else if (b.kind === 'monthly') {
      ref(b.perMonth);
      ref(b.months);
    } else {
      add(b.fact);
      if (b.kind !== 'table') {
        ref(b.rate);
        ref(b.max);
      }
    }
    ref(a.multiplier);
    ref(a.cap);
  }
  for (const i of policy.schedule?.instalments ?? [])
    if (i.due !== 'on_grant') for (const l of leaves(i.due.condition)) add(l.fact);
  names.delete('received'); // what was already received is the claims module's to know, not a question
  return names;
}

export type Question = {
  name: string;
  type: FactType;
  label: string;
  values: { value: string; label: string }[] | null;
  policyCount: number;
};

/** The facts the calculator should ask about, the most used first (those of `policyId` before all). */
export async function listQuestions(
  ctx: Ctx,
  query: { audience: Audience; policyId?: string | undefined; limit: number },
): Promise<{ audience: Audience; items: Question[]; totalFacts: number }> {
  allowPublic('policy:read');
  const active = await activePack(ctx);
  const pack = active.pack.pack;
  const lang = ctx.lang;
  const counts = new Map<string, number>();
  // string_list members named in conditions, labelled by the condition's own label when it has one
  const listValues = new Map<string, Map<string, string | undefined>>();
  for (const policy of pack.policies) {
    if (policy.audience !== query.audience) continue;
    for (const f of factsOf(pack, policy)) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const l of leaves(policy.conditions)) {
      if (pack.schema[l.fact]?.type !== 'string_list') continue;
      const members = listValues.get(l.fact) ?? new Map<string, string | undefined>();
      const values = Array.isArray(l.value) ? l.value : [l.value];
      for (const v of values)
        if (typeof v === 'string' && !members.get(v))
          members.set(v, values.length === 1 ? l.label?.[lang] : undefined);
      listValues.set(l.fact, members);
    }
  }
  const first = query.policyId ? active.pack.byId.get(query.policyId)?.policy : undefined;
  const preferred = first && first.audience === query.audience ? factsOf(pack, first) : new Set<string>();
  const names = [...counts.keys()]
    .filter((n) => pack.schema[n])
    .sort(
      (a, b) =>
        Number(preferred.has(b)) - Number(preferred.has(a)) ||
        (counts.get(b) ?? 0) - (counts.get(a) ?? 0) ||
        a.localeCompare(b),
    );
  const items = names.slice(0, Math.max(query.limit, preferred.size)).map((name): Question => {
    const def = pack.schema[name];
    const named = listValues.get(name);
    const members = def?.values ?? (def?.type === 'string_list' ? [...(named?.keys() ?? [])] : undefined);
    return {
      name,
      type: def?.type ?? 'string',
      label: capitalised(factLabel(pack, name, lang), lang),
      values: members?.length
        ? members.map((v) => ({
            value: v,
            label: def?.valueLabels?.[v]
              ? valueLabel(pack, def, v, lang)
              : (named?.get(v) ?? valueLabel(pack, def, v, lang)),
          }))
        : null,
      policyCount: counts.get(name) ?? 0,
    };
  });
  return { audience: query.audience, items, totalFacts: names.length };
}

export type Calculate = {
  audience: Audience;
  facts: Record<string, unknown>;
  date?: string | undefined;
};

/** What-if: every policy's verdict, amount and schedule for the facts given, 就高不重复 applied, the total. */
export async function calculate(ctx: Ctx, input: Calculate) {
  allowPublic('policy:calculate');
  const active = await activePack(ctx);
  const compiled = active.pack;
  const pack = compiled.pack;
  const lang = ctx.lang;
  const facts = Object.fromEntries(
    Object.entries(input.facts).filter(
      ([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
  const unknownFacts = Object.keys(input.facts).filter((name) => {
    const def = pack.schema[name];
    return !def || (def.subject !== 'both' && def.subject !== input.audience);
  });
  if (unknownFacts.length > 0) {
    const who = { zh: input.audience === 'talent' ? '人才' : '企业', en: input.audience };
    throw new AppError(
      'validation_failed',
      {
        zh: `未知的${who.zh}信息项：${unknownFacts.join('、')}`,
        en: `Unknown ${who.en} facts: ${unknownFacts.join(', ')}`,
      },
      { unknownFacts },
    );
  }
  const problems = checkFacts(pack.schema, input.audience, facts);
  if (problems.length > 0) {
    throw new AppError(
      'validation_failed',
      {
        zh: `信息格式有误：${problems.map((p) => p.messageZh).join('；')}`,
        en: `Some facts are malformed: ${problems.map((p) => p.message).join('; ')}`,
      },
      { problems: problems.map((p) => ({ fact: p.fact, message: lang === 'zh' ? p.messageZh : p.message })) },
    );
  }
  const asOf = input.date ?? chinaDate(ctx.now());
  const evaluation = evaluateSubject(compiled, input.audience, facts, asOf);
  const named = (names: readonly string[]) =>
    [...new Set(names)].map((name) => ({ name, label: inSentence(pack, name, lang) }));
  const title = (id: string) => compiled.byId.get(id)?.policy.title[lang] ?? id;
  const order = { eligible: 0, unknown: 1, ineligible: 2 } as const;
  const results = evaluation.decisions.map((d) => {
    const policy = compiled.byId.get(d.policyId)?.policy as Policy;
    let reasons: string[] = [];
    if (d.verdict === 'ineligible') {
      if (!d.inForce) {
        const { from, to } = policy.effective;
        reasons = [
          lang === 'zh'
            ? `不在政策有效期内（${from} 至 ${to ?? '长期'}）`
            : `Not in force on that date (${from} – ${to ?? 'open'})`,
        ];
      } else reasons = failingReasons(explainPolicy(compiled, d.policyId, facts, asOf).condition, lang);
    }
    return {
      policyId: d.policyId,
      title: d.title[lang],
      kind: d.kind,
      verdict: d.verdict,
      amount: d.verdict === 'ineligible' ? 0 : d.amount,
      amountMissing: named(d.amountMissing),
      schedule: d.schedule.map((i) => ({
        share: i.share,
        amount: i.amount,
        dueDate: i.dueDate,
        state: i.state,
      })),
      missing: named(d.missing),
      reasons,
      grantMode: d.grantMode,
      automatic: d.grantMode === 'automatic',
      illustrative: isIllustrative(pack, policy),
      exclusivity: d.exclusivity ? { group: d.exclusivity.group, chosen: d.exclusivity.chosen } : null,
    };
  });
  results.sort(
    (a, b) =>
      order[a.verdict] - order[b.verdict] ||
      (b.amount ?? 0) - (a.amount ?? 0) ||
      a.title.localeCompare(b.title),
  );
  return {
    audience: input.audience,
    asOf: evaluation.asOf,
    results,
    groups: evaluation.groups.map((g) => {
      const group = pack.exclusivityGroups.find((x) => x.id === g.group);
      return {
        group: g.group,
        name: group?.name[lang] ?? g.group,
        resolution: g.resolution,
        resolutionText: resolutionText(g.resolution, lang),
        chosen: g.chosen,
        chosenTitle: g.chosen ? title(g.chosen) : null,
        members: g.members.map((m) => ({
          policyId: m.policyId,
          title: title(m.policyId),
          verdict: m.verdict,
          amount: m.verdict === 'ineligible' ? 0 : m.amount,
        })),
        undecided: g.undecided,
      };
    }),
    total: evaluation.total,
    totalComplete: evaluation.totalComplete,
    missing: named(evaluation.missing),
    counts: {
      eligible: results.filter((r) => r.verdict === 'eligible').length,
      unknown: results.filter((r) => r.verdict === 'unknown').length,
      ineligible: results.filter((r) => r.verdict === 'ineligible').length,
    },
    packVersion: { version: active.version, label: active.label },
  };
}
