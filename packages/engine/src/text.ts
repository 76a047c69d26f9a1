// Readable Chinese and English text for conditions ("学历为 博士、硕士 之一" / "degree is one of phd, master").
import type { FactDef, Lang, Op, Period, Text } from './types';

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** Formats one value for a reader: enum members by their Chinese label in zh, numbers with separators. */
export function formatValue(value: unknown, def: FactDef | undefined, lang: Lang): string {
  if (value === null || value === undefined) return lang === 'zh' ? '（未提供）' : '(not given)';
  if (Array.isArray(value))
    return value.map((v) => formatValue(v, def, lang)).join(lang === 'zh' ? '、' : ', ');
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (typeof value === 'number') return NUMBER.format(value);
  if (typeof value === 'string') return def?.valueLabels?.[value]?.[lang] ?? value;
  return JSON.stringify(value);
}

/** Formats a period: "3 年" / "3 years". */
export function formatPeriod(period: Period, lang: Lang): string {
  const parts: string[] = [];
  const units: [keyof Period, string, string][] = [
    ['years', '年', 'year'],
    ['months', '个月', 'month'],
    ['days', '天', 'day'],
  ];
  for (const [key, zh, en] of units) {
    const n = period[key];
    if (!n) continue;
    parts.push(lang === 'zh' ? `${n} ${zh}` : `${n} ${en}${n === 1 ? '' : 's'}`);
  }
  return parts.join(lang === 'zh' ? ' ' : ', ') || (lang === 'zh' ? '0 天' : '0 days');
}

/** What a leaf needs to render: the fact, the operator and the value compared (resolved, or a parameter name). */
export interface LeafTextInput {
  def: FactDef;
  op: Op;
  value: unknown;
  period?: Period | undefined;
  /** Shown instead of the value when the value is not known (no evaluation date). */
  param?: string | undefined;
  label?: Text | undefined;
}

function valueText(input: LeafTextInput, value: unknown, lang: Lang): string {
  if (value === undefined && input.param) return lang === 'zh' ? `〔${input.param}〕` : `[${input.param}]`;
  return formatValue(value, input.def, lang);
}

/** The text of one leaf in one language; a leaf's `label` wins. */
export function leafText(input: LeafTextInput, lang: Lang): string {
  if (input.label) return input.label[lang];
  const { def, op } = input;
  const f = def.label[lang];
  const v = () => valueText(input, input.value, lang);
  const isDate = def.type === 'date';
  const zh = lang === 'zh';
  switch (op) {
    case 'eq':
      if (def.type === 'boolean' && typeof input.value === 'boolean')
        return zh ? `${f}：${v()}` : `${f}: ${v()}`;
      return zh ? `${f}为 ${v()}` : `${f} is ${v()}`;
    case 'ne':
      return zh ? `${f}不为 ${v()}` : `${f} is not ${v()}`;
    case 'in':
      return zh ? `${f}为 ${v()} 之一` : `${f} is one of ${v()}`;
    case 'not_in':
      return zh ? `${f}不为 ${v()} 中的任何一个` : `${f} is none of ${v()}`;
    case 'lt':
      if (isDate) return zh ? `${f}早于 ${v()}` : `${f} is before ${v()}`;
      return zh ? `${f}小于 ${v()}` : `${f} is less than ${v()}`;
    case 'lte':
      if (isDate) return zh ? `${f}不晚于 ${v()}` : `${f} is on or before ${v()}`;
      return zh ? `${f}不超过 ${v()}` : `${f} is at most ${v()}`;
    case 'gt':
      if (isDate) return zh ? `${f}晚于 ${v()}` : `${f} is after ${v()}`;
      return zh ? `${f}大于 ${v()}` : `${f} is more than ${v()}`;
    case 'gte':
      if (isDate) return zh ? `${f}不早于 ${v()}` : `${f} is on or after ${v()}`;
      return zh ? `${f}不低于 ${v()}` : `${f} is at least ${v()}`;
    case 'between': {
      const pair = Array.isArray(input.value) ? input.value : [undefined, undefined];
      const lo = valueText(input, pair[0], lang);
      const hi = valueText(input, pair[1], lang);
      return zh ? `${f}在 ${lo} 至 ${hi} 之间` : `${f} is between ${lo} and ${hi}`;
    }
    case 'contains':
      return zh ? `${f}包含 ${v()}` : `${f} includes ${v()}`;
    case 'exists':
      return zh ? `已提供${f}` : `${f} is given`;
    case 'within': {
      const span = input.period ? formatPeriod(input.period, lang) : valueText(input, undefined, lang);
      return zh ? `${f}在评估日前 ${span} 以内` : `${f} is within ${span} before the evaluation date`;
    }
    case 'before':
      return zh ? `${f}早于 ${v()}` : `${f} is before ${v()}`;
    case 'after':
      return zh ? `${f}晚于 ${v()}` : `${f} is after ${v()}`;
  }
}

/** The heading of an all / any / not group; a group's `label` wins. */
export function groupText(kind: 'all' | 'any' | 'not', lang: Lang, label?: Text): string {
  if (label) return label[lang];
  const zh = lang === 'zh';
  if (kind === 'all') return zh ? '同时满足以下全部条件' : 'all of the following';
  if (kind === 'any') return zh ? '满足以下任一条件' : 'any of the following';
  return zh ? '不满足以下条件' : 'not the following';
}

/** Both languages of a text builder. */
export function bilingual(build: (lang: Lang) => string): Text {
  return { zh: build('zh'), en: build('en') };
}
