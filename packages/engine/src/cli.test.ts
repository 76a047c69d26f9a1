import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPackCli } from './cli';
import { FIXTURES } from './test-support';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPackCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out, err };
}

const demo = `${FIXTURES}demo`;

function factsFile(facts: object): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rencai-engine-')), 'facts.json');
  writeFileSync(file, JSON.stringify(facts));
  return file;
}

describe('runPackCli', () => {
  it('checks a pack', async () => {
    const r = await cli('pack', 'check', demo, '--lang', 'en');
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^✔ demo 2026\.1\.0: 7 policies, 11 parameters, 5 tiers, 14 test cases$/);
  });

  it('reports load errors with file and line', async () => {
    const r = await cli('check', `${FIXTURES}broken/unknown-fact`, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.err[0]).toMatch(
      /broken\/unknown-fact\/policies\/rent\.yaml:9:\d+ unknown talent fact 'rentsInDistrikt'/,
    );
  });

  it('runs tests and ends with the totals line', async () => {
    const r = await cli('pack', 'test', demo);
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toBe('14 passed, 0 failed');
  });

  it('fails the run when a pack does not load', async () => {
    const r = await cli('pack', 'test', demo, `${FIXTURES}broken/exclusivity`);
    expect(r.code).toBe(1);
    expect(r.out.at(-1)).toBe('14 passed, 0 failed');
    expect(r.err.join('\n')).toContain('policies/b-rent.yaml:10');
  });

  it('explains a decision tree, saying unknown rather than not eligible when a fact is missing', async () => {
    const file = factsFile({ tier: 'C', birthDate: '1990-01-01', ownsHomeInDistrict: false });
    const r = await cli(
      'pack',
      'explain',
      demo,
      '--facts',
      file,
      '--date',
      '2025-06-01',
      '--policy',
      'demo.housing.purchase',
      '--lang',
      'en',
    );
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('verdict: unknown — more information needed — tell us: socialInsuranceMonths');
    expect(text).toContain('? all of the following — unknown: socialInsuranceMonths');
    expect(text).toContain('  ✔ talent tier is one of A, B, C, D, E (actual: C)');
    expect(text).toContain(
      '  ✔ age is at most 45 (actual: 35) [parameter housing.age_cap = 45 since 2021-01-01, plan §七(三)]',
    );
    expect(text).toContain('  ? months of social insurance is at least 6 — unknown: socialInsuranceMonths');
    expect(text).not.toContain('not eligible');
  });

  it('explains every policy in Chinese by default, with the tier, groups and total', async () => {
    const file = factsFile({
      subject: 'talent',
      date: '2025-06-01',
      facts: {
        tier: 'D',
        birthDate: '1980-01-01',
        ownsHomeInDistrict: false,
        rentsInDistrict: true,
        socialInsuranceMonths: 3,
      },
    });
    const r = await cli('pack', 'explain', demo, '--facts', file, '--lang', 'zh');
    const text = r.out.join('\n');
    expect(text).toContain('评估日期 2025-06-01');
    expect(text).toContain('结论：不符合条件');
    expect(text).toContain('✘ 社保缴纳月数不低于 6（实际：3）');
    expect(text).toContain('互斥组 housing (highest)：demo.housing.rent');
    expect(text).toContain('合计（就高不重复）：90,000 CNY');
  });

  it('prints help and refuses unknown commands', async () => {
    expect((await cli('--help')).out[0]).toMatch(/^Usage:/);
    expect((await cli('pack', 'frobnicate')).code).toBe(2);
  });
});
