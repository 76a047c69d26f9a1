// The SQL back end: a condition as a PostgreSQL WHERE expression with $n parameters. SQL's NULL logic
// is Kleene, so a NULL column makes its leaf NULL (unknown) just as a missing fact does in JS:
// `WHERE (expr)` keeps the eligible rows, `WHERE (expr) IS NULL` the undecided ones. A fact stored as
// NULL therefore means "not known" — in particular "no tier" must be stored as 'NONE', never NULL.

import { asDate, type CompiledPack } from './compile';
import { type BoundLeaf, type BoundNode, bindCondition } from './conditions/bind';
import type { DateContext } from './dates';
import { DERIVED } from './facts';
import type { Condition, FactType, IsoDate } from './types';

/** Fact name → SQL expression of its column (dates must be `date`-typed, string lists `text[]`). */
export type ColumnMap = Readonly<Record<string, string>>;

/** A WHERE expression and its parameter values, for `$1`, `$2`, … placeholders. */
export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** Options of the SQL translation. */
export interface ToSqlOptions {
  columns: ColumnMap;
  asOf: IsoDate | Date;
  /** Number of the first placeholder, to append to an existing query (default 1). */
  firstParam?: number;
}

const CAST: Record<FactType, string> = {
  boolean: 'boolean',
  integer: 'numeric',
  number: 'numeric',
  string: 'text',
  enum: 'text',
  date: 'date',
  string_list: 'text',
  money_map: 'jsonb',
};

class SqlWriter {
  readonly params: unknown[] = [];
  private asOfRef: string | undefined;

  constructor(
    private readonly columns: ColumnMap,
    private readonly at: DateContext,
    private readonly first: number,
  ) {}

  param(value: unknown, cast: string): string {
    this.params.push(value);
    return `$${this.first + this.params.length - 1}::${cast}`;
  }

  asOf(): string {
    this.asOfRef ??= this.param(this.at.iso, 'date');
    return this.asOfRef;
  }

  column(fact: string): string {
    const mapped = this.columns[fact];
    if (mapped !== undefined) return mapped;
    const source = Object.hasOwn(DERIVED, fact) ? DERIVED[fact] : undefined;
    const src = source === undefined ? undefined : this.columns[source];
    if (src === undefined)
      throw new RangeError(`toSql: no column for fact '${fact}'${source ? ` or '${source}'` : ''}`);
    switch (fact) {
      case 'ageOnJan1':
        return `date_part('year', age(${this.param(`${this.at.year}-01-01`, 'date')}, ${src}))`;
      case 'monthsInDistrict':
        return `(date_part('year', age(${this.asOf()}, ${src})) * 12 + date_part('month', age(${this.asOf()}, ${src})))`;
      default:
        return `date_part('year', age(${this.asOf()}, ${src}))`;
    }
  }

  leaf(leaf: BoundLeaf): string {
    if (leaf.unresolved && leaf.op !== 'exists') return 'CAST(NULL AS boolean)';
    const col = this.column(leaf.fact);
    const cast = CAST[leaf.def.type];
    const v = leaf.expected;
    switch (leaf.op) {
      case 'exists':
        return `(${col} IS NOT NULL)`;
      case 'eq':
        return `(${col} = ${this.param(v, cast)})`;
      case 'ne':
        return `(${col} <> ${this.param(v, cast)})`;
      case 'in':
        return `(${col} = ANY(${this.param(v, `${cast}[]`)}))`;
      case 'not_in':
        return `(${col} <> ALL(${this.param(v, `${cast}[]`)}))`;
      case 'lt':
      case 'before':
        return `(${col} < ${this.param(v, cast)})`;
      case 'lte':
        return `(${col} <= ${this.param(v, cast)})`;
      case 'gt':
      case 'after':
        return `(${col} > ${this.param(v, cast)})`;
      case 'gte':
        return `(${col} >= ${this.param(v, cast)})`;
      case 'between':
      case 'within': {
        const [lo, hi] = v as [unknown, unknown];
        return `(${col} BETWEEN ${this.param(lo, cast)} AND ${this.param(hi, cast)})`;
      }
      case 'contains':
        return `(${this.param(v, 'text')} = ANY(${col}))`;
    }
  }

  node(node: BoundNode): string {
    if (node.kind === 'leaf') return this.leaf(node);
    if (node.kind === 'not') return `(NOT ${this.node(node.child)})`;
    if (node.children.length === 0) return node.kind === 'all' ? 'TRUE' : 'FALSE';
    return `(${node.children.map((c) => this.node(c)).join(node.kind === 'all' ? ' AND ' : ' OR ')})`;
  }
}

/** Translates a policy's conditions (by id, window included) or a condition into a SQL WHERE expression. */
export function toSql(pack: CompiledPack, target: string | Condition, options: ToSqlOptions): SqlWhere {
  const at = asDate(options.asOf);
  const writer = new SqlWriter(options.columns, at, options.firstParam ?? 1);
  let node: BoundNode;
  if (typeof target === 'string') {
    const cp = pack.byId.get(target);
    if (!cp) throw new RangeError(`toSql: unknown policy '${target}'`);
    const bp = cp.on(at);
    if (!bp.inForce) return { sql: 'FALSE', params: [] };
    node = bp.condition;
  } else {
    assertKnownFacts(pack, target);
    node = bindCondition(target, pack.pack, at);
  }
  return { sql: writer.node(node), params: writer.params };
}

function assertKnownFacts(pack: CompiledPack, cond: Condition): void {
  if ('all' in cond) for (const c of cond.all) assertKnownFacts(pack, c);
  else if ('any' in cond) for (const c of cond.any) assertKnownFacts(pack, c);
  else if ('not' in cond) assertKnownFacts(pack, cond.not);
  else if (!pack.pack.schema[cond.fact]) throw new RangeError(`unknown fact '${cond.fact}'`);
}
