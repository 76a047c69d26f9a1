/** The shape every language file must have: zh-CN's keys, each leaf a string. */
import type { zhCN } from './zh-CN';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export type Messages = Widen<typeof zhCN>;

/** Dotted paths of every leaf, sorted — used to check that two language files agree. */
export function leafKeys(messages: object, prefix = ''): string[] {
  return Object.entries(messages)
    .flatMap(([key, value]) =>
      typeof value === 'string' ? [`${prefix}${key}`] : leafKeys(value as object, `${prefix}${key}.`),
    )
    .sort();
}

/** The `{{name}}` placeholders a string interpolates, sorted. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}
