import { describe, expect, it } from 'vitest';
import { loadPackFromFiles } from './load/index';
import { demoPack, readFixture } from './test-support';
import { runPackTests } from './testing';

describe('runPackTests', () => {
  it('passes every case of the demo pack', () => {
    const report = runPackTests(demoPack());
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(report.results.length);
  });

  it('quotes the sentence and says what differed', () => {
    const files = readFixture('demo');
    files['tests/housing.yaml'] = (files['tests/housing.yaml'] as string)
      .replace('amount: 600000', 'amount: 500000')
      .replace('schedule_states: [due, pending]', 'schedule_states: [due, due]')
      .replace('chosen: { housing: demo.housing.purchase }', 'chosen: { housing: demo.housing.rent }');
    const report = runPackTests(loadPackFromFiles(files));
    expect(report.failed).toBe(1);
    const failed = report.results.find((r) => !r.ok);
    expect(failed).toMatchObject({
      name: 'A PhD aged 32 with no home buys a flat and gets the tier-C subsidy in two halves',
      file: 'tests/housing.yaml',
      line: 1,
    });
    expect(failed?.failures).toEqual([
      'demo.housing.purchase amount: expected 500000, got 600000',
      'demo.housing.purchase schedule_states: expected [due, due], got [due, pending]',
      'chosen housing: expected demo.housing.rent, got demo.housing.purchase',
    ]);
  });

  it('explains an unexpected unknown by its missing facts', () => {
    const files = readFixture('demo');
    files['tests/housing.yaml'] = (files['tests/housing.yaml'] as string).replace(
      '    socialInsuranceMonths: 24\n    socialInsuranceContinuousMonths: 6',
      '    socialInsuranceContinuousMonths: 6',
    );
    const failed = runPackTests(loadPackFromFiles(files)).results.find((r) => !r.ok);
    expect(failed?.failures[0]).toBe(
      'demo.housing.purchase verdict: expected eligible, got unknown (missing: socialInsuranceMonths)',
    );
  });
});
