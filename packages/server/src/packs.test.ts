// The five shipped district packs load without errors and every one of their sentence-named cases passes.
import fs from 'node:fs';
import path from 'node:path';
import { loadPack, runPackTests } from '@rencai/engine';
import { describe, expect, it } from 'vitest';

const packsDir = path.resolve(import.meta.dirname, '../../../packs');
const districts = ['chaoyang', 'horinger', 'wuxing', 'jingan', 'wuchang'];

describe('the seed districts’ policy packs', () => {
  it('are all present', () => {
    const present = fs
      .readdirSync(packsDir)
      .filter((d) => fs.existsSync(path.join(packsDir, d, 'pack.yaml')));
    expect(present.sort()).toEqual([...districts].sort());
  });

  for (const district of districts) {
    it(`${district}: loads and passes its own test cases`, async () => {
      const pack = await loadPack(path.join(packsDir, district));
      const talentPolicies = pack.policies.filter((p) => p.audience === 'talent');
      const enterprisePolicies = pack.policies.filter((p) => p.audience === 'enterprise');
      expect(pack.policies.length).toBeGreaterThanOrEqual(12);
      expect(enterprisePolicies.length).toBeGreaterThanOrEqual(2);
      expect(
        talentPolicies.filter((p) => p.grantMode === 'automatic').length +
          enterprisePolicies.filter((p) => p.grantMode === 'automatic').length,
      ).toBeGreaterThanOrEqual(2);
      expect(pack.tests.length).toBeGreaterThanOrEqual(10);
      const report = runPackTests(pack);
      const failures = report.results.filter((r) => !r.ok).map((r) => r.name);
      expect(failures).toEqual([]);
      expect(report.passed).toBe(pack.tests.length);
    });
  }
});
