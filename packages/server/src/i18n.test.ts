import { describe, expect, it } from 'vitest';
import { pickLang, translate } from './i18n';

describe('pickLang', () => {
  it.each([
    [undefined, 'zh'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0.3,zh;q=0.8', 'zh'],
    ['de', 'zh'],
  ])('%s → %s', (header, lang) => expect(pickLang(header)).toBe(lang));

  it('fills placeholders', () =>
    expect(translate('account_locked', 'en', { minutes: 15 })).toContain('15 minutes'));
});
