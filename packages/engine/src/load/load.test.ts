import { describe, expect, it } from 'vitest';
import { PackLoadError } from '../errors';
import { FIXTURES, readFixture } from '../test-support';
import type { LoadIssue } from '../types';
import { loadPack, loadPackFromFiles } from './index';

function issuesOf(files: Record<string, string>): LoadIssue[] {
  try {
    loadPackFromFiles(files);
  } catch (e) {
    if (e instanceof PackLoadError) return e.issues;
    throw e;
  }
  return [];
}

function withFile(path: string, edit: (text: string) => string): Record<string, string> {
  const files = readFixture('demo');
  files[path] = edit(files[path] as string);
  return files;
}

describe('loadPack', () => {
  it('loads the demo fixture from a directory, with its parts typed', async () => {
    const pack = await loadPack(`${FIXTURES}demo`);
    expect(pack.id).toBe('demo');
    expect(pack.policies.map((p) => p.id)).toContain('demo.housing.purchase');
    expect(pack.tiers.map((t) => t.id)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(pack.schema.tier?.values).toEqual(['A', 'B', 'C', 'D', 'E', 'NONE']);
    expect(pack.schema.platformType?.values).toContain('key_lab');
    expect(pack.parameters['housing.purchase_by_tier']?.values.map((v) => v.from)).toEqual([
      '2021-01-01',
      '2024-01-01',
    ]);
    expect(pack.indicators[0]).toMatchObject({ code: 'talent_total', baselineYear: 2020, targetYear: 2025 });
    expect(pack.tests.length).toBeGreaterThan(10);
    expect(pack.warnings).toEqual([]);
    const purchase = pack.policies.find((p) => p.id === 'demo.housing.purchase');
    expect(purchase).toMatchObject({
      grantMode: 'apply',
      fund: 'talent_fund',
      exclusivity: { group: 'housing', priority: 1 },
      at: { file: 'policies/housing-purchase.yaml', line: 1 },
    });
    expect(purchase?.reviewStages.map((s) => s.id)).toEqual(['employer', 'department', 'office']);
  });

  it('loads the same pack from an in-memory map, also under a root folder (an uploaded archive)', async () => {
    const fromDir = await loadPack(`${FIXTURES}demo`);
    const files = readFixture('demo');
    expect(loadPackFromFiles(files)).toEqual(fromDir);
    const nested = Object.fromEntries(Object.entries(files).map(([p, t]) => [`demo/${p}`, t]));
    expect(loadPackFromFiles(nested).policies).toEqual(fromDir.policies);
  });

  it('names the file and line of an unknown fact, with a suggestion', async () => {
    await expect(loadPack(`${FIXTURES}broken/unknown-fact`)).rejects.toThrow(PackLoadError);
    const issues = issuesOf(readFixture('broken/unknown-fact'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'policies/rent.yaml', line: 9, path: 'conditions.all[1].fact' });
    expect(issues[0]?.message).toContain("unknown talent fact 'rentsInDistrikt'");
    expect(issues[0]?.message).toContain("did you mean 'rentsInDistrict'");
    expect(issues[0]?.messageZh).toContain('未知的人才事实');
  });

  it('names the file and line of a value of the wrong type', () => {
    const issues = issuesOf(readFixture('broken/type-mismatch'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'policies/rent.yaml', line: 9, path: 'conditions.all[1].value' });
    expect(issues[0]?.message).toMatch(/expected a number, got string "six"/);
  });

  it('refuses two group members with overlapping windows and no distinct priorities, at the second member', () => {
    const issues = issuesOf(readFixture('broken/exclusivity'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'policies/b-rent.yaml', line: 10, path: 'exclusivity' });
    expect(issues[0]?.message).toContain("'broken.housing.purchase'");
    expect(issues[0]?.message).toContain('no distinct priorities');
  });

  it('accepts group members whose windows do not overlap', () => {
    const files = readFixture('broken/exclusivity');
    files['policies/a-purchase.yaml'] = (files['policies/a-purchase.yaml'] as string).replace(
      'effective: { from: 2021-01-01 }',
      'effective: { from: 2021-01-01, to: 2023-12-31 }',
    );
    expect(issuesOf(files)).toEqual([]);
  });

  it('collects every problem instead of stopping at the first', () => {
    const files = readFixture('demo');
    const edit = (path: string, from: string, to: string) => {
      const text = files[path] as string;
      if (!text.includes(from)) throw new Error(`${path}: ${from}`);
      files[path] = text.replace(from, to);
    };
    edit('policies/housing-rent.yaml', 'value: [A, B, C, D, E]', 'value: [A, B, Z]');
    edit('policies/housing-rent.yaml', 'param: housing.rent_months', 'param: housing.rent_monthz');
    edit('policies/living-graduate.yaml', '{ share: 0.4, due: on_grant }', '{ share: 0.5, due: on_grant }');
    edit('policies/award-top.yaml', 'fund: talent_fund', 'fund: talent_fnd');
    edit('policies/schooling.yaml', 'id: demo.schooling.green', 'id: demo.housing.rent');
    edit('policies/housing-purchase.yaml', 'deduct: [demo.housing.rent]', 'deduct: [demo.housing.rnt]');
    edit(
      'policies/housing-purchase.yaml',
      '{ fact: age, op: lte, param: housing.age_cap }',
      '{ fact: age, op: lte, param: housing.purchase_by_tier }',
    );
    edit('policies/enterprise-hiring.yaml', 'op: gte, value: 3', 'op: contains, value: 3');
    edit('policies/housing-rent.yaml', 'group: housing', 'group: housin');
    const issues = issuesOf(files);
    const at = (file: string, needle: string) =>
      issues.find((i) => i.file === file && i.message.includes(needle)) ??
      issues.map((i) => `${i.file}: ${i.message}`);
    expect(at('policies/housing-rent.yaml', "unknown tier value 'Z'")).toMatchObject({ line: 15 });
    expect(at('policies/housing-rent.yaml', "unknown parameter 'housing.rent_monthz'")).toMatchObject({
      message: expect.stringContaining("did you mean 'housing.rent_months'"),
    });
    expect(at('policies/housing-rent.yaml', "unknown exclusivity group 'housin'")).toMatchObject({
      line: 20,
    });
    expect(at('policies/living-graduate.yaml', 'shares sum to 1.1')).toMatchObject({
      path: 'schedule.instalments',
    });
    expect(at('policies/award-top.yaml', "unknown fund 'talent_fnd'")).toMatchObject({ path: 'fund' });
    expect(at('policies/schooling.yaml', "duplicate policy id 'demo.housing.rent'")).toMatchObject({
      line: 1,
    });
    expect(at('policies/housing-purchase.yaml', "unknown policy 'demo.housing.rnt' in deduct")).toMatchObject(
      {
        path: 'amount.deduct[0]',
      },
    );
    expect(at('policies/housing-purchase.yaml', "parameter 'housing.purchase_by_tier'")).toMatchObject({
      message: expect.stringContaining('wrong shape'),
    });
    expect(
      at('policies/enterprise-hiring.yaml', "operator 'contains' does not apply to integer"),
    ).toMatchObject({
      path: 'conditions.all[2].op',
    });
    expect(issues.every((i) => i.messageZh.length > 0 && i.line > 0 && i.column > 0)).toBe(true);
  });

  it('reports YAML syntax errors with their line', () => {
    const issues = issuesOf(
      withFile('policies/award-top.yaml', (t) => t.replace('kind: award', 'kind: [award')),
    );
    expect(issues[0]).toMatchObject({ file: 'policies/award-top.yaml' });
    expect(issues[0]?.message).toMatch(/YAML syntax error/);
  });

  it('checks test cases against the fact schema and the policies', () => {
    const issues = issuesOf(
      withFile('tests/talent.yaml', (t) =>
        t.replace(
          'degree: master\n    graduationDate: 2024-07-01',
          'degree: masters\n    graduationDay: 2024-07-01',
        ),
      ),
    );
    expect(issues.map((i) => [i.line, i.message])).toEqual([
      [4, expect.stringContaining('unknown degree value "masters"')],
      [5, expect.stringContaining("unknown talent fact 'graduationDay' (did you mean 'graduationDate'?)")],
    ]);
  });

  it('reads a text split by an unquoted comma, with a warning', () => {
    const files = withFile('pack.yaml', (t) =>
      t.replace('en: Demo District }', 'en: Demo District, Somewhere }'),
    );
    const pack = loadPackFromFiles(files);
    expect(pack.name.en).toBe('Demo District, Somewhere');
    expect(pack.warnings[0]).toMatchObject({ file: 'pack.yaml', line: 2 });
  });

  it('refuses unknown keys, naming the closest known one', () => {
    const issues = issuesOf(
      withFile('policies/award-top.yaml', (t) => t.replace('conditions:', 'condition:')),
    );
    expect(issues.map((i) => i.message)).toEqual([
      "missing required key 'conditions'",
      expect.stringContaining("unknown key 'condition' (did you mean 'conditions'?)"),
    ]);
  });
});
