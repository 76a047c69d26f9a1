// Typed reading of one YAML file's data, collecting located, bilingual errors instead of throwing.
import { isIsoDate } from '../dates';
import type { LoadIssue, Text } from '../types';
import { formatPath, type ParsedFile, type YamlPath } from './yaml';

/** Reads one file's values with type checks; every problem becomes a located issue. */
export class Checker {
  constructor(
    readonly parsed: ParsedFile,
    private readonly issues: LoadIssue[],
    private readonly warnings: LoadIssue[],
  ) {}

  get file(): string {
    return this.parsed.file;
  }

  /** Where a path was written. */
  lineOf(path: YamlPath): number {
    return this.parsed.locate(path).line;
  }

  private issue(path: YamlPath, en: string, zh: string, atKey: boolean): LoadIssue {
    const { line, column } = this.parsed.locate(path, atKey);
    return { file: this.file, line, column, message: en, messageZh: zh, path: formatPath(path) };
  }

  /** Records an error at a path. */
  error(path: YamlPath, en: string, zh: string, atKey = false): void {
    this.issues.push(this.issue(path, en, zh, atKey));
  }

  /** Records a warning at a path. */
  warn(path: YamlPath, en: string, zh: string, atKey = false): void {
    this.warnings.push(this.issue(path, en, zh, atKey));
  }

  /** A mapping, or an error. */
  mapping(value: unknown, path: YamlPath): Record<string, unknown> | undefined {
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
    this.error(
      path,
      `expected a mapping, got ${describe(value)}`,
      `应为映射（键: 值），实际为 ${describe(value)}`,
    );
    return undefined;
  }

  /** Reports keys outside `allowed` (except `notes` and `x_…`) and absent `required` keys; false if any. */
  keys(
    obj: Record<string, unknown>,
    path: YamlPath,
    allowed: readonly string[],
    required: readonly string[],
  ) {
    let ok = true;
    for (const key of Object.keys(obj)) {
      if (allowed.includes(key) || key === 'notes' || key.startsWith('x_')) continue;
      ok = false;
      const hint = suggest(key, allowed);
      this.error(
        [...path, key],
        `unknown key '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected ${allowed.join(', ')}`,
        `未知的键 '${key}'${hint ? `（是否应为 '${hint}'？）` : ''}；可用的键：${allowed.join('、')}`,
        true,
      );
    }
    for (const key of required) {
      if (obj[key] === undefined || obj[key] === null) {
        ok = false;
        this.error(path, `missing required key '${key}'`, `缺少必填键 '${key}'`);
      }
    }
    return ok;
  }

  /** A non-empty string, or an error. */
  string(value: unknown, path: YamlPath): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number') return String(value);
    this.error(path, `expected text, got ${describe(value)}`, `应为文本，实际为 ${describe(value)}`);
    return undefined;
  }

  /** A `{ zh, en }` text, or an error. */
  text(value: unknown, path: YamlPath): Text | undefined {
    const obj = this.mapping(value, path);
    if (!obj) return undefined;
    const joined = this.rejoin(obj, path);
    if (!this.keys(joined, path, ['zh', 'en'], ['zh', 'en'])) return undefined;
    const zh = this.string(joined.zh, [...path, 'zh']);
    const en = this.string(joined.en, [...path, 'en']);
    return zh !== undefined && en !== undefined ? { zh, en } : undefined;
  }

  /**
   * Repairs `{ zh: …, en: Wuxing District, Huzhou }`, which YAML reads as a key `Huzhou` with no value:
   * the text is re-read from the source up to the stray key, with a warning to quote it.
   */
  private rejoin(obj: Record<string, unknown>, path: YamlPath): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let owner: string | undefined;
    let last: string | undefined;
    const flush = () => {
      if (owner === undefined || last === undefined) return;
      const text = this.parsed.span(path, owner, last);
      if (text === undefined) return;
      out[owner] = text;
      this.warn(
        [...path, owner],
        `a comma split this text; read as "${text}" — put it in quotes`,
        `逗号拆开了这段文本，已按 "${text}" 读取——请给文本加引号`,
      );
    };
    for (const [key, value] of Object.entries(obj)) {
      if ((key === 'zh' || key === 'en') && typeof value === 'string') {
        flush();
        owner = key;
        last = undefined;
        out[key] = value;
      } else if (value === null && owner !== undefined) last = key;
      else out[key] = value;
    }
    flush();
    return out;
  }

  /** A finite number (optionally an integer, optionally ≥ min), or an error. */
  number(value: unknown, path: YamlPath, opts: { integer?: boolean; min?: number } = {}): number | undefined {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.error(path, `expected a number, got ${describe(value)}`, `应为数字，实际为 ${describe(value)}`);
      return undefined;
    }
    if (opts.integer && !Number.isInteger(value)) {
      this.error(path, `expected an integer, got ${value}`, `应为整数，实际为 ${value}`);
      return undefined;
    }
    if (opts.min !== undefined && value < opts.min) {
      this.error(
        path,
        `expected a number ≥ ${opts.min}, got ${value}`,
        `应为不小于 ${opts.min} 的数，实际为 ${value}`,
      );
      return undefined;
    }
    return value;
  }

  /** A boolean, or an error. */
  boolean(value: unknown, path: YamlPath): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.error(
      path,
      `expected true or false, got ${describe(value)}`,
      `应为 true 或 false，实际为 ${describe(value)}`,
    );
    return undefined;
  }

  /** An ISO date, or an error. */
  date(value: unknown, path: YamlPath): string | undefined {
    if (isIsoDate(value)) return value;
    this.error(
      path,
      `expected a date YYYY-MM-DD, got ${describe(value)}`,
      `应为日期 YYYY-MM-DD，实际为 ${describe(value)}`,
    );
    return undefined;
  }

  /** A list, or an error. */
  list(value: unknown, path: YamlPath): unknown[] | undefined {
    if (Array.isArray(value)) return value;
    this.error(path, `expected a list, got ${describe(value)}`, `应为列表，实际为 ${describe(value)}`);
    return undefined;
  }

  /** One of a fixed set of words, or an error. */
  oneOf<T extends string>(value: unknown, path: YamlPath, choices: readonly T[]): T | undefined {
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    this.error(
      path,
      `expected one of ${choices.join(', ')}, got ${describe(value)}`,
      `应为 ${choices.join('、')} 之一，实际为 ${describe(value)}`,
    );
    return undefined;
  }
}

/** A short description of a value's type for messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] as number;
      prev[j] = Math.min(
        (prev[j] as number) + 1,
        (prev[j - 1] as number) + 1,
        diag + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
      );
      diag = tmp;
    }
  }
  return prev[b.length] as number;
}

/** The closest candidate to a misspelt name, if close enough to suggest. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Math.min(Math.max(1, Math.floor(name.length / 3)), name.length - 1) + 1;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return best;
}
