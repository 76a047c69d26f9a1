// The district's talent catalogue (tiers.yaml) evaluated on a talent's record: every tier with its
// criteria as a pass/fail/unknown tree of sentences, the best tier that passes, and the facts still
// missing. Pure: no database; the engine decides, this file explains in the caller's language.
import {
  type CompiledPack,
  type Condition,
  classifyTier,
  compilePack,
  type ExplainNode,
  type Facts,
  type IsoDate,
  type Lang,
  NO_TIER,
  type Pack,
  type Status,
  type Text,
} from '@rencai/engine';
import { capitalised, inSentence, valueLabel } from '../policies/policies.text';

/** A criterion as a sentence with its outcome and the talent's actual value (the web renders a nested list). */
export type CriterionText = {
  text: string;
  status: Status;
  actual: string | null;
  children?: CriterionText[];
};

export type TierEvaluation = {
  tier: string;
  name: string;
  status: Status;
  criteria: CriterionText;
  /** Facts whose absence keeps this tier undecided. */
  missing: { name: string; label: string }[];
  entitlements: string[];
};

export type CatalogueEvaluation = {
  asOf: IsoDate;
  catalogueName: string;
  validityYears: number;
  /** The best tier whose criteria pass, or NONE. */
  tier: string;
  tierName: string;
  /** False when a better tier is undecided for want of facts. */
  definite: boolean;
  tiers: TierEvaluation[];
  /** The facts that could decide a better tier than `tier`. */
  missing: { name: string; label: string }[];
};

/** Certification validity when the catalogue names none. */
export const DEFAULT_VALIDITY_YEARS = 3;

// One two-tier pack per catalogue tier: [tier, not tier]. classifyTier then explains the tier whether it
// passes (the tier's tree), is unknown (its tree among `unknown`) or fails (the `not` passes; its child).
const perTier = new WeakMap<CompiledPack, { id: string; pack: CompiledPack }[]>();

function singleTierPacks(compiled: CompiledPack): { id: string; pack: CompiledPack }[] {
  let hit = perTier.get(compiled);
  if (!hit) {
    const pack = compiled.pack;
    hit = pack.tiers.map((tier) => ({
      id: tier.id,
      pack: compilePack({
        ...pack,
        tiers: [tier, { ...tier, id: `${tier.id}~not`, criteria: { not: tier.criteria } }],
      }),
    }));
    perTier.set(compiled, hit);
  }
  return hit;
}

/** The explanation tree of one tier's criteria on the facts. */
function explainTier(single: CompiledPack, tierId: string, facts: Facts, asOf: IsoDate): ExplainNode {
  const c = classifyTier(single, facts, asOf);
  if (c.tier === tierId && c.explanation) return c.explanation;
  const unknown = c.unknown.find((u) => u.tier === tierId);
  if (unknown) return unknown.explanation;
  const inner = c.explanation?.children?.[0];
  if (!inner) throw new Error(`tier ${tierId} could not be explained`);
  return inner;
}

// List members (honours, programmes) have no labels in the schema; the catalogue's and policies'
// conditions name them ("contains national_talent_programme", label 国家级重大人才工程入选者).
const memberLabels = new WeakMap<Pack, Map<string, Text>>();

function collectLabels(cond: Condition | undefined, into: Map<string, Text>): void {
  if (!cond) return;
  if ('all' in cond) for (const c of cond.all) collectLabels(c, into);
  else if ('any' in cond) for (const c of cond.any) collectLabels(c, into);
  else if ('not' in cond) collectLabels(cond.not, into);
  else if (cond.op === 'contains' && typeof cond.value === 'string' && cond.label) {
    const key = `${cond.fact}:${cond.value}`;
    if (!into.has(key)) into.set(key, cond.label);
  }
}

function memberLabel(pack: Pack, fact: string | undefined, value: string, lang: Lang): string | undefined {
  if (!fact) return undefined;
  let labels = memberLabels.get(pack);
  if (!labels) {
    labels = new Map();
    for (const t of pack.tiers) collectLabels(t.criteria, labels);
    for (const p of pack.policies) collectLabels(p.conditions, labels);
    memberLabels.set(pack, labels);
  }
  return labels.get(`${fact}:${value}`)?.[lang];
}

/** How a fact's value reads in an explanation (enum labels, list members by their labels, yes/no). */
export function formatActual(
  pack: Pack,
  fact: string | undefined,
  value: unknown,
  lang: Lang,
): string | null {
  if (value === null || value === undefined) return null;
  const def = fact ? pack.schema[fact] : undefined;
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (value.length === 0) return lang === 'zh' ? '无' : 'none';
    return value
      .map((v) => memberLabel(pack, fact, String(v), lang) ?? valueLabel(pack, def, String(v), lang))
      .join(lang === 'zh' ? '、' : ', ');
  }
  if (typeof value === 'string') return valueLabel(pack, def, value, lang);
  return String(value);
}

function toText(pack: Pack, node: ExplainNode, lang: Lang): CriterionText {
  const out: CriterionText = {
    text: capitalised(node.text[lang], lang),
    status: node.status,
    actual: node.kind === 'leaf' ? formatActual(pack, node.fact, node.actual, lang) : null,
  };
  if (node.children?.length) out.children = node.children.map((c) => toText(pack, c, lang));
  return out;
}

const named = (pack: Pack, names: readonly string[], lang: Lang) =>
  [...new Set(names)].map((name) => ({ name, label: inSentence(pack, name, lang) }));

/** The name of a tier id in the caller's language (NONE reads 未认定 / No tier). */
export function tierName(pack: Pack, tier: string | null | undefined, lang: Lang): string {
  if (!tier || tier === NO_TIER) return lang === 'zh' ? '未达到目录层次' : 'No catalogue tier';
  return pack.tiers.find((t) => t.id === tier)?.name[lang] ?? tier;
}

/** Position of a tier in the catalogue, best first (0); NONE and unknown ids rank after every tier. */
export function tierRank(pack: Pack, tier: string): number {
  const i = pack.tiers.findIndex((t) => t.id === tier);
  return i < 0 ? pack.tiers.length : i;
}

/** Evaluates every tier of the catalogue on a talent's facts. */
export function evaluateCatalogue(
  compiled: CompiledPack,
  facts: Facts,
  asOf: IsoDate,
  lang: Lang,
): CatalogueEvaluation {
  const pack = compiled.pack;
  const best = classifyTier(compiled, facts, asOf);
  const tiers = singleTierPacks(compiled).map(({ id, pack: single }): TierEvaluation => {
    const node = explainTier(single, id, facts, asOf);
    const tier = pack.tiers.find((t) => t.id === id);
    return {
      tier: id,
      name: tier?.name[lang] ?? id,
      status: node.status,
      criteria: toText(pack, node, lang),
      missing: named(pack, node.missing, lang),
      entitlements: (tier?.entitlements ?? []).map((e) => e.name[lang]),
    };
  });
  return {
    asOf,
    catalogueName: pack.catalogue?.name[lang] ?? (lang === 'zh' ? '人才分类目录' : 'Talent catalogue'),
    validityYears: pack.catalogue?.validityYears ?? DEFAULT_VALIDITY_YEARS,
    tier: best.tier,
    tierName: tierName(pack, best.tier, lang),
    definite: best.definite,
    tiers,
    missing: named(
      pack,
      best.unknown.flatMap((u) => u.missing),
      lang,
    ),
  };
}
