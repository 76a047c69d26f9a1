// YAML parsing that keeps positions, so every validation error can name its file, line and column.
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { LoadIssue } from '../types';

/** A path into a parsed document: mapping keys and list indexes. */
export type YamlPath = readonly (string | number)[];

/** A parsed YAML file: its plain data and a way to find where a path was written. */
export interface ParsedFile {
  file: string;
  data: unknown;
  /** The line and column of the node at `path` (or of its nearest existing ancestor); `atKey` points at the key. */
  locate(path: YamlPath, atKey?: boolean): { line: number; column: number };
  /** The source text from the value of `fromKey` to the end of the key `toKey` in the mapping at `path`. */
  span(path: YamlPath, fromKey: string, toKey: string): string | undefined;
}

/** Formats a path as `conditions.all[1].fact`. */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out;
}

/** Parses one YAML file; syntax errors are appended to `issues` and yield `data: undefined`. */
export function parseYamlFile(file: string, text: string, issues: LoadIssue[]): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const locate = (path: YamlPath, atKey = false) => {
    let node: Node | null | undefined = doc.contents as Node | null;
    let offset = node?.range?.[0] ?? 0;
    for (let i = 0; i < path.length && node; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const key = pair.key as Node;
        const value = pair.value as Node | null;
        const target = last && atKey ? key : (value ?? key);
        offset = target.range?.[0] ?? offset;
        node = target === key && !(last && atKey) ? null : target;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    return at(offset);
  };
  const span = (path: YamlPath, fromKey: string, toKey: string) => {
    let node: Node | null | undefined = doc.contents as Node | null;
    for (const seg of path) {
      if (isMap(node))
        node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))
          ?.value as Node | null;
      else if (isSeq(node) && typeof seg === 'number') node = node.items[seg] as Node | undefined;
      else return undefined;
    }
    if (!isMap(node)) return undefined;
    const pair = (key: string) => node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    const start = (pair(fromKey)?.value as Node | null | undefined)?.range?.[0];
    const end = (pair(toKey)?.key as Node | undefined)?.range?.[1];
    return start !== undefined && end !== undefined && start < end
      ? text.slice(start, end).trim()
      : undefined;
  };
  const errors = doc.errors;
  for (const error of errors) {
    const pos = at(error.pos[0]);
    issues.push({
      file,
      line: pos.line,
      column: pos.column,
      message: `YAML syntax error: ${error.message.split('\n')[0]}`,
      messageZh: `YAML 语法错误：${error.message.split('\n')[0]}`,
      path: '',
    });
  }
  let data: unknown;
  if (errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      issues.push({
        file,
        line: 1,
        column: 1,
        message: `YAML error: ${(e as Error).message}`,
        messageZh: `YAML 错误：${(e as Error).message}`,
        path: '',
      });
    }
  }
  return { file, data, locate, span };
}
