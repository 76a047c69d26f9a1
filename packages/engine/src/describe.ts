// Readable text of a whole condition tree, as an indented list, in Chinese or English.

import { asDate, type CompiledPack } from './compile';
import { type BoundNode, bindCondition } from './conditions/bind';
import { bilingual, groupText, leafText } from './text';
import type { Condition, FactDef, IsoDate, Lang, Pack, Text } from './types';

/** Options of describeCondition. */
export interface DescribeOptions {
  lang?: Lang;
  /** With a date, parameters show their values in force; without, their names. */
  asOf?: IsoDate | Date;
}

interface TextTree {
  text: Text;
  children: TextTree[] | undefined;
}

function unbound(cond: Condition, pack: Pack): TextTree {
  if ('all' in cond || 'any' in cond) {
    const kind = 'all' in cond ? 'all' : 'any';
    const list = 'all' in cond ? cond.all : cond.any;
    return {
      text: bilingual((l) => groupText(kind, l, cond.label)),
      children: list.map((c) => unbound(c, pack)),
    };
  }
  if ('not' in cond)
    return { text: bilingual((l) => groupText('not', l, cond.label)), children: [unbound(cond.not, pack)] };
  const def = pack.schema[cond.fact];
  if (!def) throw new RangeError(`unknown fact '${cond.fact}'`);
  const input = {
    def: def as FactDef,
    op: cond.op,
    value: cond.value,
    period: cond.period,
    param: cond.param,
    label: cond.label,
  };
  return { text: bilingual((l) => leafText(input, l)), children: undefined };
}

function fromBound(node: BoundNode): TextTree {
  if (node.kind === 'leaf') return { text: node.text, children: undefined };
  return {
    text: node.text,
    children: node.kind === 'not' ? [fromBound(node.child)] : node.children.map(fromBound),
  };
}

function render(tree: TextTree, lang: Lang, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const bullet = depth === 0 ? '' : '- ';
  const colon = tree.children ? (lang === 'zh' ? '：' : ':') : '';
  out.push(`${indent}${bullet}${tree.text[lang]}${colon}`);
  for (const child of tree.children ?? []) render(child, lang, depth + 1, out);
}

/** Writes a policy's conditions (by id) or any condition as readable text, one line per node. */
export function describeCondition(
  pack: CompiledPack,
  target: string | Condition,
  options: DescribeOptions = {},
): string {
  const lang = options.lang ?? 'zh';
  let cond: Condition;
  if (typeof target === 'string') {
    const cp = pack.byId.get(target);
    if (!cp) throw new RangeError(`unknown policy '${target}'`);
    cond = cp.policy.conditions;
  } else cond = target;
  const tree =
    options.asOf === undefined
      ? unbound(cond, pack.pack)
      : fromBound(bindCondition(cond, pack.pack, asDate(options.asOf)));
  const out: string[] = [];
  render(tree, lang, 0, out);
  return out.join('\n');
}
