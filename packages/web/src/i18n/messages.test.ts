import { describe, expect, it } from 'vitest';
import { en } from './en';
import { leafKeys, placeholders } from './messages';
import { zhCN } from './zh-CN';

function leaf(messages: object, path: string): string {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages) as string;
}

describe('language files', () => {
  it('English has exactly the keys of Chinese', () => {
    expect(leafKeys(en)).toEqual(leafKeys(zhCN));
  });

  it('every English string interpolates the same placeholders as its Chinese original', () => {
    for (const key of leafKeys(zhCN)) {
      expect(placeholders(leaf(en, key)), key).toEqual(placeholders(leaf(zhCN, key)));
    }
  });

  it('no string is empty', () => {
    for (const key of leafKeys(zhCN)) {
      expect(leaf(zhCN, key).trim(), key).not.toBe('');
      expect(leaf(en, key).trim(), key).not.toBe('');
    }
  });
});
