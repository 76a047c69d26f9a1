// Plain-language text of a policy for the library and the calculator: amounts, schedules, conditions as
// a nested list, the reasons a subject does not qualify. Everything in the caller's language.
import {
  type AmountSpec,
  type CompiledPack,
  type Condition,
  describeCondition,
  type ExplainNode,
  type FactDef,
  type IsoDate,
  type Lang,
  type NumberRef,
  type Pack,
  type Policy,
  type PolicyKind,
  type Resolution,
  type Text,
} from '@rencai/engine';

/** A condition as readable text with its sub-conditions (the shape the web renders as a nested list). */
export type ConditionText = { text: string; children?: ConditionText[] };

export const kindLabels: Record<PolicyKind, Text> = {
  housing: { zh: '购房补贴', en: 'Home purchase' },
  rent: { zh: '租房补贴', en: 'Rent' },
  living_allowance: { zh: '生活补贴', en: 'Living allowance' },
  startup: { zh: '创业扶持', en: 'Start-up support' },
  project: { zh: '项目资助', en: 'Project funding' },
  award: { zh: '奖励', en: 'Award' },
  employer_reward: { zh: '用人单位奖励', en: 'Employer reward' },
  loan: { zh: '贷款贴息', en: 'Loans' },
  schooling: { zh: '子女入学', en: 'Schooling' },
  medical: { zh: '医疗保健', en: 'Medical care' },
  transport: { zh: '交通出行', en: 'Transport' },
  event: { zh: '交流活动', en: 'Events' },
  apartment: { zh: '人才公寓', en: 'Talent apartments' },
  training: { zh: '培训', en: 'Training' },
  other: { zh: '其他', en: 'Other' },
};

const resolutionTexts: Record<Resolution, Text> = {
  highest: {
    zh: '符合多项时只享受金额最高的一项，不重复享受',
    en: 'Only the largest amount is granted, never several',
  },
  newest: {
    zh: '符合多项时只享受最新出台的一项，不重复享受',
    en: 'Only the most recent policy applies, never several',
  },
  priority: {
    zh: '符合多项时按规定的优先顺序享受一项，不重复享受',
    en: 'One is granted in the stated order of priority, never several',
  },
};

export function resolutionText(resolution: Resolution, lang: Lang): string {
  return resolutionTexts[resolution][lang];
}

/** Money as a reader writes it: 30万元 / 3,000元, CNY 300,000. */
export function formatMoney(n: number, lang: Lang): string {
  if (lang === 'en') return `CNY ${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
  if (Math.abs(n) >= 10_000 && n % 100 === 0) return `${n / 10_000}万元`;
  return `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}元`;
}

/** The value of a parameter in force on a date (values are sorted by date, ascending). */
export function paramAt(pack: Pack, name: string, asOf: IsoDate): unknown {
  const values = pack.parameters[name]?.values ?? [];
  let found: unknown;
  for (const v of values) if (v.from <= asOf) found = v.value;
  return found;
}

export function factLabel(pack: Pack, fact: string, lang: Lang): string {
  return pack.schema[fact]?.label[lang] ?? fact;
}

/** A fact's label inside an English sentence ("by type of platform", not "by Type of platform"). */
export function inSentence(pack: Pack, fact: string, lang: Lang): string {
  const label = factLabel(pack, fact, lang);
  return lang === 'en' && /^[A-Z][a-z]/.test(label) ? label[0]?.toLowerCase() + label.slice(1) : label;
}

/** English names of the core facts' enum members (the engine labels them in Chinese only). */
const coreValuesEn: Record<string, Record<string, string>> = {
  gender: { male: 'Male', female: 'Female' },
  degree: {
    none: 'No degree',
    secondary: 'Secondary school',
    associate: 'Associate degree',
    bachelor: "Bachelor's degree",
    master: "Master's degree",
    phd: 'Doctorate (PhD)',
  },
  schoolLevel: {
    double_first_class: 'Double First-Class university',
    overseas_top200: 'Overseas top-200 university',
    other: 'Other',
  },
  professionalTitle: {
    none: 'None',
    junior: 'Junior',
    intermediate: 'Intermediate',
    associate_senior: 'Associate senior',
    senior: 'Senior',
  },
  skillLevel: {
    none: 'None',
    level5: 'Level 5',
    level4: 'Level 4',
    level3: 'Level 3',
    level2: 'Level 2',
    level1: 'Level 1 (highest)',
  },
  employerType: {
    enterprise: 'Enterprise',
    institution: 'Public institution',
    government: 'Government body',
    soe: 'State-owned enterprise',
  },
  scale: { micro: 'Micro', small: 'Small', medium: 'Medium', large: 'Large' },
  enterpriseTags: {
    high_tech: 'High-tech enterprise',
    specialized_sme: 'Specialized SME (专精特新)',
    above_scale: 'Above designated size (规上)',
    listed: 'Listed company',
  },
  creditStatus: { red: 'Red list (commended)', normal: 'Normal', black: 'Black list' },
};

/** Capitalises the first letter of an English label (a form label, a list item). */
export function capitalised(text: string, lang: Lang): string {
  return lang === 'en' && text ? (text[0]?.toUpperCase() ?? '') + text.slice(1) : text;
}

/** How a value of a fact reads: tiers by their names, enum members by their labels. */
export function valueLabel(pack: Pack, def: FactDef | undefined, value: string, lang: Lang): string {
  if (def?.name === 'tier') {
    const tier = pack.tiers.find((t) => t.id === value);
    if (tier) return tier.name[lang];
    if (value === 'NONE') return lang === 'zh' ? '未认定' : 'No tier';
  }
  const label = def?.valueLabels?.[value]?.[lang];
  if (label && !(lang === 'en' && label === value)) return label;
  if (lang === 'zh') return label ?? value;
  return coreValuesEn[def?.name ?? '']?.[value] ?? capitalised(value.replaceAll('_', ' '), lang);
}

function numberRef(pack: Pack, ref: NumberRef, asOf: IsoDate): number | { fact: string } | undefined {
  if (typeof ref === 'number') return ref;
  if ('fact' in ref) return { fact: ref.fact };
  const v = paramAt(pack, ref.param, asOf);
  return typeof v === 'number' ? v : undefined;
}

function moneyRef(pack: Pack, ref: NumberRef, asOf: IsoDate, lang: Lang): string {
  const v = numberRef(pack, ref, asOf);
  if (v === undefined) return '—';
  return typeof v === 'number' ? formatMoney(v, lang) : inSentence(pack, v.fact, lang);
}

function countRef(pack: Pack, ref: NumberRef, asOf: IsoDate, lang: Lang): string {
  const v = numberRef(pack, ref, asOf);
  if (v === undefined) return '—';
  return typeof v === 'number' ? String(v) : inSentence(pack, v.fact, lang);
}

function rateRef(pack: Pack, ref: NumberRef, asOf: IsoDate, lang: Lang): string {
  const v = numberRef(pack, ref, asOf);
  if (v === undefined) return '—';
  return typeof v === 'number' ? `${Math.round(v * 10_000) / 100}%` : inSentence(pack, v.fact, lang);
}

/** The parameters an amount reads, to tell whether any of its figures is illustrative. */
export function amountParams(spec: AmountSpec | undefined): string[] {
  if (!spec) return [];
  const names: string[] = [];
  const add = (ref: NumberRef | undefined) => {
    if (ref !== undefined && typeof ref === 'object' && 'param' in ref) names.push(ref.param);
  };
  const b = spec.base;
  if (b.kind === 'fixed') add(b.value);
  else if (b.kind === 'table') names.push(b.param);
  else if (b.kind === 'monthly') {
    add(b.perMonth);
    add(b.months);
  } else {
    add(b.rate);
    add(b.max);
  }
  add(spec.multiplier);
  add(spec.cap);
  return names;
}

/** Whether a policy's amount is ours rather than the seed's (the UI marks it 示例金额). */
export function isIllustrative(pack: Pack, policy: Policy): boolean {
  return policy.illustrative || amountParams(policy.amount).some((p) => pack.parameters[p]?.illustrative);
}

/**
 * What a policy grants, in words. `short` is one line for the list ("按人才层次，最高 300万元"); the long
 * form lists a table's rows and every modifier.
 */
export function describeAmount(pack: Pack, policy: Policy, asOf: IsoDate, lang: Lang, short = false): string {
  const spec = policy.amount;
  const zh = lang === 'zh';
  if (!spec) return zh ? '提供服务或待遇，无现金补贴' : 'A service or benefit, no cash amount';
  const b = spec.base;
  let text: string;
  switch (b.kind) {
    case 'fixed':
      text = moneyRef(pack, b.value, asOf, lang);
      break;
    case 'table': {
      const table = paramAt(pack, b.param, asOf);
      const entries =
        table && typeof table === 'object' && !Array.isArray(table)
          ? Object.entries(table as Record<string, number>)
          : [];
      const label = inSentence(pack, b.fact, lang);
      const max = Math.max(0, ...entries.map(([, v]) => v));
      if (short)
        text = zh
          ? `按${label}，最高 ${formatMoney(max, lang)}`
          : `By ${label}, up to ${formatMoney(max, lang)}`;
      else {
        const def = pack.schema[b.fact];
        const rows = entries
          .map(([k, v]) => `${valueLabel(pack, def, k, lang)} ${formatMoney(v, lang)}`)
          .join(zh ? '；' : '; ');
        text = zh ? `按${label}：${rows}` : `By ${label}: ${rows}`;
      }
      break;
    }
    case 'percent': {
      const of = inSentence(pack, b.fact, lang);
      const rate = rateRef(pack, b.rate, asOf, lang);
      text = zh ? `${of}的 ${rate}` : `${rate} of the ${of}`;
      if (b.max !== undefined)
        text += zh
          ? `，最高 ${moneyRef(pack, b.max, asOf, lang)}`
          : `, up to ${moneyRef(pack, b.max, asOf, lang)}`;
      break;
    }
    case 'monthly': {
      const per = moneyRef(pack, b.perMonth, asOf, lang);
      const months = countRef(pack, b.months, asOf, lang);
      text = zh ? `每月 ${per}，共 ${months} 个月` : `${per} a month for ${months} months`;
      const perN = numberRef(pack, b.perMonth, asOf);
      const monthsN = numberRef(pack, b.months, asOf);
      if (typeof perN === 'number' && typeof monthsN === 'number')
        text += zh
          ? `（合计 ${formatMoney(perN * monthsN, lang)}）`
          : ` (${formatMoney(perN * monthsN, lang)} in all)`;
      break;
    }
    case 'per_unit': {
      const of = inSentence(pack, b.fact, lang);
      const rate = moneyRef(pack, b.rate, asOf, lang);
      text = zh ? `按${of}，每人（个）${rate}` : `${rate} for each (${of})`;
      if (b.max !== undefined)
        text += zh
          ? `，最高 ${moneyRef(pack, b.max, asOf, lang)}`
          : `, up to ${moneyRef(pack, b.max, asOf, lang)}`;
      break;
    }
  }
  if (short) return text;
  if (spec.multiplier !== undefined)
    text += zh
      ? `，乘以 ${countRef(pack, spec.multiplier, asOf, lang)}`
      : `, multiplied by ${countRef(pack, spec.multiplier, asOf, lang)}`;
  if (spec.deduct?.length) {
    const titles = spec.deduct.map((id) => {
      const p = pack.policies.find((x) => x.id === id);
      return p ? p.title[lang] : id;
    });
    text += zh
      ? `，扣除已领取的「${titles.join('」「')}」`
      : `, minus what was already received under "${titles.join('", "')}"`;
  }
  if (spec.cap !== undefined) {
    const cap = moneyRef(pack, spec.cap, asOf, lang);
    text += zh ? `，不超过${cap}` : `, not above the ${cap}`;
  }
  return text;
}

/** A condition as one line (a group's sub-conditions joined), for schedules and reasons. */
export function conditionLine(pack: CompiledPack, cond: Condition, asOf: IsoDate, lang: Lang): string {
  return describeCondition(pack, cond, { lang, asOf })
    .split('\n')
    .map((line) => line.trim().replace(/^- /, ''))
    .join(lang === 'zh' ? ' ' : ' ');
}

/** The conditions of a policy as a tree of sentences, parameters shown with their values on the date. */
export function conditionTree(
  pack: CompiledPack,
  policyId: string,
  asOf: IsoDate,
  lang: Lang,
): ConditionText {
  const lines = describeCondition(pack, policyId, { lang, asOf }).split('\n');
  const root: ConditionText = { text: '' };
  const stack: { depth: number; node: ConditionText }[] = [{ depth: -1, node: root }];
  for (const line of lines) {
    const depth = (line.length - line.trimStart().length) / 2;
    const text = line
      .trim()
      .replace(/^- /, '')
      .replace(/[:：]$/, '');
    const node: ConditionText = { text };
    while ((stack.at(-1)?.depth ?? -1) >= depth) stack.pop();
    const parent = stack.at(-1)?.node ?? root;
    parent.children ??= [];
    parent.children.push(node);
    stack.push({ depth, node });
  }
  return root.children?.[0] ?? { text: '' };
}

/** The instalments of a policy in words: "批准时发放 50%", "12 个月后发放 50%（条件：…）". */
export function describeSchedule(
  pack: CompiledPack,
  policy: Policy,
  asOf: IsoDate,
  lang: Lang,
): { share: number; text: string }[] {
  const zh = lang === 'zh';
  const instalments = policy.schedule?.instalments;
  if (!instalments?.length) {
    if (!policy.amount) return [];
    const text =
      policy.amount.base.kind === 'monthly'
        ? zh
          ? '按月发放'
          : 'Paid monthly'
        : zh
          ? '批准后一次性发放'
          : 'Paid in one sum on approval';
    return [{ share: 1, text }];
  }
  return instalments.map((i) => {
    const pct = `${Math.round(i.share * 1000) / 10}%`;
    if (i.due === 'on_grant')
      return { share: i.share, text: zh ? `批准时发放 ${pct}` : `${pct} on approval` };
    const cond = i.due.condition ? conditionLine(pack, i.due.condition, asOf, lang) : '';
    const n = i.due.afterMonths;
    const text = zh
      ? `${n} 个月后发放 ${pct}${cond ? `（条件：${cond}）` : ''}`
      : `${pct} after ${n} months${cond ? ` (if: ${cond})` : ''}`;
    return { share: i.share, text };
  });
}

/** The conditions that fail, as sentences: the leaves under failed "all" groups, whole failed "any" groups. */
export function failingReasons(node: ExplainNode, lang: Lang): string[] {
  if (node.status !== 'fail') return [];
  if (node.kind === 'all') return (node.children ?? []).flatMap((c) => failingReasons(c, lang));
  if (node.kind === 'any') {
    const options = (node.children ?? []).map((c) => c.text[lang]);
    return [`${node.text[lang]}${lang === 'zh' ? '：' : ': '}${options.join(lang === 'zh' ? '；' : '; ')}`];
  }
  if (node.kind === 'not') {
    const inner = node.children?.[0]?.text[lang];
    return [inner ? `${node.text[lang]}${lang === 'zh' ? '：' : ': '}${inner}` : node.text[lang]];
  }
  return [node.text[lang]];
}

/** Splits `plan §七(三)` into the reference's title and the article. */
export function resolveReference(
  pack: Pack,
  reference: string | undefined,
): { id: string; title: string; article: string } | null {
  if (!reference) return null;
  const [id = '', ...rest] = reference.trim().split(/\s+/);
  const found = pack.references.find((r) => r.id === id);
  if (!found) return { id: '', title: reference, article: '' };
  return { id, title: found.title, article: rest.join(' ') };
}
