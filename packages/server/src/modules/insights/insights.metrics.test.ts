import type { Indicator } from '@rencai/engine';
import { describe, expect, it } from 'vitest';
import { aggregationIndexOf, inUnit, metrics, progressOf, talentCounters } from './insights.metrics';

const ind = (code: string, category: string, baseline: number | null, target: number | null): Indicator => ({
  code,
  name: { zh: code, en: code },
  unit: '%',
  baseline,
  baselineYear: 2020,
  target,
  targetYear: 2025,
  category,
});

describe('talent counters', () => {
  it('counts a senior engineer at skill level 2 employed by a government body in four categories', () => {
    expect(
      talentCounters({
        professionalTitle: 'senior',
        skillLevel: 'level2',
        employerType: 'government',
      }).sort(),
    ).toEqual([
      'talents.high_skill',
      'talents.party_government',
      'talents.professional',
      'talents.senior_title',
      'talents.skilled',
      'talents.total',
    ]);
  });

  it('counts a level-4 worker as skilled but not highly skilled', () => {
    expect(talentCounters({ skillLevel: 'level4' })).toEqual(['talents.total', 'talents.skilled']);
  });

  it('gives no share when nobody has a title', () => {
    expect(metrics['share.senior_title']?.compute({ 'talents.total': 3 })).toBeUndefined();
    expect(
      metrics['share.senior_title']?.compute({ 'talents.professional': 4, 'talents.senior_title': 1 }),
    ).toBe(25);
  });

  it('converts persons to 万人 for an indicator counted in 万人', () => {
    expect(inUnit(metrics['talents.total'] as never, 23_200, '万人')).toBeCloseTo(2.32);
    expect(inUnit(metrics['talents.total'] as never, 23_200, '人')).toBe(23_200);
  });
});

describe('the talent-aggregation index', () => {
  it('computes the worked example of docs/talent-aggregation-index.md', () => {
    const indicators = [
      ind('T2-01', 'talent_total', 23.2, 26.4),
      ind('T2-02', 'talent_total', 0.65, 0.75),
      ind('T2-10', 'structure', 31.5, 35),
      ind('T2-15', 'environment', 63.63, 71),
    ];
    const actuals: Record<string, number> = { 'T2-01': 24.8, 'T2-02': 0.8, 'T2-10': 31.5 };
    const index = aggregationIndexOf(indicators, (c) => actuals[c]);
    // T2-01: 0.5 × 0.2; T2-02: clamp(1.5) = 1.2 × 0.2; T2-10: 0 × 0.25; T2-15 has no actual and is left out.
    expect(index?.components.map((c) => [c.code, c.score, c.weight])).toEqual([
      ['T2-01', 0.5, 0.2],
      ['T2-02', 1.2, 0.2],
      ['T2-10', 0, 0.25],
    ]);
    expect(index?.value).toBeCloseTo((100 * (0.5 * 0.2 + 1.2 * 0.2 + 0)) / 0.65, 2);
    expect(index?.value).toBe(52.31);
  });

  it('is undefined when no indicator has an actual, and leaves out indicators without a baseline', () => {
    expect(aggregationIndexOf([ind('X', 'structure', 1, 2)], () => undefined)).toBeUndefined();
    expect(aggregationIndexOf([ind('Y', 'structure', null, 2)], () => 5)).toBeUndefined();
  });

  it('reports progress as the actual over the target', () => {
    expect(progressOf(13.2, 26.4)).toBe(0.5);
    expect(progressOf(null, 26.4)).toBeNull();
    expect(progressOf(1, null)).toBeNull();
  });
});
