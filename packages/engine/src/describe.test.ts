import { describe, expect, it } from 'vitest';
import { describeCondition } from './describe';
import { demoPack } from './test-support';

const pack = demoPack();

describe('describeCondition', () => {
  it('writes a leaf in Chinese and English', () => {
    const cond = { fact: 'degree', op: 'in' as const, value: ['phd', 'master'] };
    expect(describeCondition(pack, cond, { lang: 'zh' })).toBe('学历为 博士、硕士 之一');
    expect(describeCondition(pack, cond, { lang: 'en' })).toBe('degree is one of phd, master');
  });

  it('writes a policy as an indented list, with labels and parameter values on a date', () => {
    expect(describeCondition(pack, 'demo.housing.purchase', { lang: 'zh', asOf: '2025-06-01' })).toBe(
      [
        '同时满足以下全部条件：',
        '  - 人才层次为 A、B、C、D、E 之一',
        '  - 在区内无自有住房',
        '  - 年龄不超过 45',
        '  - 社保缴纳月数不低于 6',
      ].join('\n'),
    );
    expect(describeCondition(pack, 'demo.housing.purchase', { lang: 'en' })).toBe(
      [
        'all of the following:',
        '  - talent tier is one of A, B, C, D, E',
        '  - Owns no home in the district',
        '  - age is at most [housing.age_cap]',
        '  - months of social insurance is at least 6',
      ].join('\n'),
    );
  });

  it('covers dates, periods, negation, booleans and lists', () => {
    const en = (c: Parameters<typeof describeCondition>[1]) => describeCondition(pack, c, { lang: 'en' });
    const zh = (c: Parameters<typeof describeCondition>[1]) => describeCondition(pack, c, { lang: 'zh' });
    expect(en({ fact: 'graduationDate', op: 'within', period: { years: 2 } })).toBe(
      'graduation date is within 2 years before the evaluation date',
    );
    expect(zh({ fact: 'graduationDate', op: 'within', period: { years: 2 } })).toBe(
      '毕业日期在评估日前 2 年 以内',
    );
    expect(zh({ fact: 'homePurchaseDate', op: 'lte', value: '2024-12-31' })).toBe(
      '购房日期不晚于 2024-12-31',
    );
    expect(en({ not: { fact: 'creditStatus', op: 'eq', value: 'black' } })).toBe(
      'not the following:\n  - credit status is black',
    );
    expect(zh({ fact: 'creditStatus', op: 'eq', value: 'black' })).toBe('信用状态为 黑名单');
    expect(zh({ fact: 'isReturnee', op: 'eq', value: true })).toBe('留学回国人员：是');
    expect(en({ fact: 'annualSalary', op: 'between', value: [300000, 800000] })).toBe(
      'annual salary is between 300,000 and 800,000',
    );
    expect(en({ fact: 'honours', op: 'contains', value: 'academician' })).toBe(
      'honours includes academician',
    );
    expect(zh({ fact: 'platformType', op: 'eq', value: 'key_lab' })).toBe('平台类型为 重点实验室');
  });
});
