// The fact schema: core facts (engine-provided), derived facts (computed from the evaluation date) and
// the pack's extensions; plus the derivation itself and a type check of a subject's facts.
import { type DateContext, isIsoDate } from './dates';
import type { Audience, FactDef, FactSchema, Facts, FactType, Text } from './types';

type CoreRow = [
  name: string,
  type: FactType,
  subject: Audience | 'both',
  zh: string,
  en: string,
  values?: string,
];

const CORE: CoreRow[] = [
  ['birthDate', 'date', 'talent', '出生日期', 'date of birth'],
  ['gender', 'enum', 'talent', '性别', 'gender', 'male female'],
  ['nationality', 'string', 'talent', '国籍', 'nationality'],
  ['isForeigner', 'boolean', 'talent', '外籍人士', 'is a foreign national'],
  ['hasLocalHukou', 'boolean', 'talent', '本地户籍', 'has local hukou'],
  ['arrivalDate', 'date', 'talent', '来区工作日期', 'date of arrival in the district'],
  ['degree', 'enum', 'talent', '学历', 'degree', 'none secondary associate bachelor master phd'],
  ['isPostdoc', 'boolean', 'talent', '博士后', 'is a postdoc'],
  ['graduationDate', 'date', 'talent', '毕业日期', 'graduation date'],
  ['fullTimeDegree', 'boolean', 'talent', '全日制学历', 'full-time degree'],
  [
    'schoolLevel',
    'enum',
    'talent',
    '毕业院校层次',
    'school level',
    'double_first_class overseas_top200 other',
  ],
  ['isReturnee', 'boolean', 'talent', '留学回国人员', 'is a returnee'],
  [
    'professionalTitle',
    'enum',
    'talent',
    '职称',
    'professional title',
    'none junior intermediate associate_senior senior',
  ],
  ['skillLevel', 'enum', 'talent', '职业技能等级', 'skill level', 'none level5 level4 level3 level2 level1'],
  ['honours', 'string_list', 'talent', '荣誉称号', 'honours'],
  ['tier', 'enum', 'talent', '人才层次', 'talent tier'],
  ['tierCertifiedDate', 'date', 'talent', '人才认定日期', 'tier certification date'],
  ['employerInDistrict', 'boolean', 'talent', '在区内单位就业', 'employer in the district'],
  [
    'employerType',
    'enum',
    'talent',
    '用人单位类型',
    'employer type',
    'enterprise institution government soe',
  ],
  ['employmentStartDate', 'date', 'talent', '入职日期', 'employment start date'],
  ['contractYears', 'number', 'talent', '劳动合同年限', 'contract years'],
  ['industry', 'string', 'both', '行业', 'industry'],
  ['occupation', 'string', 'talent', '职业', 'occupation'],
  ['onShortageCatalogue', 'boolean', 'talent', '列入紧缺人才目录', 'on the shortage catalogue'],
  ['annualSalary', 'number', 'talent', '年薪', 'annual salary'],
  ['socialInsuranceMonths', 'integer', 'talent', '社保缴纳月数', 'months of social insurance'],
  [
    'socialInsuranceContinuousMonths',
    'integer',
    'talent',
    '社保连续缴纳月数',
    'consecutive months of social insurance',
  ],
  ['socialInsuranceLocal', 'boolean', 'talent', '在本区缴纳社保', 'social insurance paid in the district'],
  ['ownsHomeInDistrict', 'boolean', 'talent', '在区内拥有住房', 'owns a home in the district'],
  ['purchasePrice', 'number', 'talent', '购房价格', 'purchase price'],
  ['homePurchaseDate', 'date', 'talent', '购房日期', 'home purchase date'],
  ['rentsInDistrict', 'boolean', 'talent', '在区内租房', 'rents in the district'],
  ['monthlyRent', 'number', 'talent', '月租金', 'monthly rent'],
  ['livesInTalentApartment', 'boolean', 'talent', '入住人才公寓', 'lives in a talent apartment'],
  ['childrenCount', 'integer', 'talent', '子女人数', 'number of children'],
  ['foundedCompany', 'boolean', 'talent', '创办企业', 'founded a company'],
  ['inYouthReserve', 'boolean', 'talent', '纳入青年人才储备库', 'in the youth reserve pool'],
  ['received', 'money_map', 'both', '已享受金额', 'amounts already received'],
  ['registeredInDistrict', 'boolean', 'enterprise', '在区内注册', 'registered in the district'],
  ['scale', 'enum', 'enterprise', '企业规模', 'enterprise scale', 'micro small medium large'],
  [
    'enterpriseTags',
    'string_list',
    'enterprise',
    '企业标签',
    'enterprise tags',
    'high_tech specialized_sme above_scale listed',
  ],
  ['creditStatus', 'enum', 'enterprise', '信用状态', 'credit status', 'red normal black'],
  ['whiteListed', 'boolean', 'enterprise', '列入白名单', 'on the white list'],
  ['newTalentHires', 'integer', 'enterprise', '新引进人才数', 'new talent hires'],
  ['certifiedTalentCount', 'integer', 'enterprise', '认定人才数', 'certified talents'],
  ['annualRevenue', 'number', 'enterprise', '年营业收入', 'annual revenue'],
  ['rdInvestment', 'number', 'enterprise', '研发投入', 'R&D investment'],
];

/** Derived facts: name → the input fact it is computed from. */
export const DERIVED: Readonly<Record<string, string>> = {
  age: 'birthDate',
  ageOnJan1: 'birthDate',
  yearsSinceGraduation: 'graduationDate',
  monthsInDistrict: 'arrivalDate',
};

const DERIVED_LABELS: Record<string, Text> = {
  age: { zh: '年龄', en: 'age' },
  ageOnJan1: { zh: '当年1月1日年龄', en: 'age on 1 January' },
  yearsSinceGraduation: { zh: '毕业年限', en: 'years since graduation' },
  monthsInDistrict: { zh: '来区工作月数', en: 'months in the district' },
};

const VALUE_LABELS_ZH: Record<string, Record<string, string>> = {
  gender: { male: '男', female: '女' },
  degree: {
    none: '无学历',
    secondary: '中专/高中',
    associate: '大专',
    bachelor: '本科',
    master: '硕士',
    phd: '博士',
  },
  schoolLevel: { double_first_class: '"双一流"高校', overseas_top200: '海外前200名高校', other: '其他院校' },
  professionalTitle: {
    none: '无职称',
    junior: '初级',
    intermediate: '中级',
    associate_senior: '副高级',
    senior: '正高级',
  },
  skillLevel: {
    none: '无',
    level5: '五级/初级工',
    level4: '四级/中级工',
    level3: '三级/高级工',
    level2: '二级/技师',
    level1: '一级/高级技师',
  },
  employerType: { enterprise: '企业', institution: '事业单位', government: '机关', soe: '国有企业' },
  scale: { micro: '微型', small: '小型', medium: '中型', large: '大型' },
  enterpriseTags: {
    high_tech: '高新技术企业',
    specialized_sme: '专精特新企业',
    above_scale: '规上企业',
    listed: '上市企业',
  },
  creditStatus: { red: '红名单', normal: '正常', black: '黑名单' },
  tier: { NONE: '无层次' },
};

/** The value meaning "no tier" (distinct from the tier being unknown). */
export const NO_TIER = 'NONE';

/** Builds the core and derived part of the fact schema, given the pack's tier ids. */
export function coreSchema(tierIds: string[]): FactSchema {
  const schema: FactSchema = {};
  for (const [name, type, subject, zh, en, values] of CORE) {
    const def: FactDef = { name, type, subject, label: { zh, en }, origin: 'core' };
    if (name === 'tier') def.values = [...tierIds, NO_TIER];
    else if (values) def.values = values.split(' ');
    const labels = VALUE_LABELS_ZH[name];
    if (labels && def.values) {
      def.valueLabels = {};
      for (const v of def.values) def.valueLabels[v] = { zh: labels[v] ?? v, en: v };
    }
    schema[name] = def;
  }
  for (const [name, from] of Object.entries(DERIVED)) {
    schema[name] = {
      name,
      type: 'integer',
      subject: 'talent',
      label: DERIVED_LABELS[name] ?? { zh: name, en: name },
      derivedFrom: from,
      origin: 'derived',
    };
  }
  return schema;
}

/** Whether a fact exists for a subject. */
export function factAppliesTo(def: FactDef, subject: Audience): boolean {
  return def.subject === 'both' || def.subject === subject;
}

/** The input fact to ask for when a fact is missing (derived facts name their source). */
export function inputFact(name: string): string {
  return Object.hasOwn(DERIVED, name) ? (DERIVED[name] as string) : name;
}

/** The derived facts of one subject on one date; reused across subjects in bulk runs. */
export interface Derived {
  age: number | undefined;
  ageOnJan1: number | undefined;
  yearsSinceGraduation: number | undefined;
  monthsInDistrict: number | undefined;
}

/** A fresh, empty set of derived facts. */
export function emptyDerived(): Derived {
  return {
    age: undefined,
    ageOnJan1: undefined,
    yearsSinceGraduation: undefined,
    monthsInDistrict: undefined,
  };
}

function givenNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** The value of an ISO date's digits at [i, i + 1] (same arithmetic as dates.ts `digits`). */
function two(s: string, i: number): number {
  return s.charCodeAt(i) * 10 + s.charCodeAt(i + 1) - 528;
}

/** Computes the derived facts into `into`; a derived fact given directly is used when its source is absent. */
export function deriveInto(into: Derived, facts: Facts, at: DateContext): Derived {
  // Dates are read inline (one pass over each string): this runs once per subject in bulk runs.
  const birth = facts.birthDate;
  if (typeof birth === 'string' && birth.length === 10) {
    const y = two(birth, 0) * 100 + two(birth, 2);
    const m = two(birth, 5);
    const d = two(birth, 8);
    into.age = at.year - y - (at.month < m || (at.month === m && at.day < d) ? 1 : 0);
    into.ageOnJan1 = at.year - y - (birth.endsWith('-01-01') ? 0 : 1);
  } else {
    into.age = givenNumber(facts.age);
    into.ageOnJan1 = givenNumber(facts.ageOnJan1);
  }
  const graduated = facts.graduationDate;
  if (typeof graduated === 'string' && graduated.length === 10) {
    const m = two(graduated, 5);
    into.yearsSinceGraduation =
      at.year -
      (two(graduated, 0) * 100 + two(graduated, 2)) -
      (at.month < m || (at.month === m && at.day < two(graduated, 8)) ? 1 : 0);
  } else into.yearsSinceGraduation = givenNumber(facts.yearsSinceGraduation);
  const arrived = facts.arrivalDate;
  into.monthsInDistrict =
    typeof arrived === 'string' && arrived.length === 10
      ? (at.year - (two(arrived, 0) * 100 + two(arrived, 2))) * 12 +
        (at.month - two(arrived, 5)) -
        (at.day < two(arrived, 8) ? 1 : 0)
      : givenNumber(facts.monthsInDistrict);
  return into;
}

/** Reads a fact, derived or given. */
export function factValue(facts: Facts, derived: Derived, name: string): unknown {
  switch (name) {
    case 'age':
    case 'ageOnJan1':
    case 'yearsSinceGraduation':
    case 'monthsInDistrict':
      return derived[name];
    default:
      return facts[name];
  }
}

/** A problem with one fact value. */
export interface FactProblem {
  fact: string;
  message: string;
  messageZh: string;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Checks one value against a fact's type; returns [en, zh] messages, or undefined when it fits. */
export function checkFactValue(def: FactDef, value: unknown): [string, string] | undefined {
  const got = describeValue(value);
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : [`expected true or false, got ${got}`, `应为 true 或 false，实际为 ${got}`];
    case 'integer':
      return Number.isInteger(value)
        ? undefined
        : [`expected an integer, got ${got}`, `应为整数，实际为 ${got}`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : [`expected a number, got ${got}`, `应为数字，实际为 ${got}`];
    case 'string':
      return typeof value === 'string'
        ? undefined
        : [`expected a string, got ${got}`, `应为字符串，实际为 ${got}`];
    case 'date':
      return isIsoDate(value)
        ? undefined
        : [`expected a date YYYY-MM-DD, got ${got}`, `应为日期 YYYY-MM-DD，实际为 ${got}`];
    case 'enum':
      return typeof value === 'string' && def.values?.includes(value)
        ? undefined
        : [
            `unknown ${def.name} value ${JSON.stringify(value)}; expected one of ${def.values?.join(', ')}`,
            `${def.name} 的取值 ${JSON.stringify(value)} 不存在；应为 ${def.values?.join('、')} 之一`,
          ];
    case 'string_list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? undefined
        : [`expected a list of strings, got ${got}`, `应为字符串列表，实际为 ${got}`];
    case 'money_map':
      return value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        Object.values(value).every((v) => typeof v === 'number' && Number.isFinite(v))
        ? undefined
        : [
            `expected a mapping of policy id → amount, got ${got}`,
            `应为"政策编号 → 金额"的映射，实际为 ${got}`,
          ];
  }
}

/** Type-checks a subject's facts against a schema (unknown facts, wrong types); null values mean "not known". */
export function checkFacts(schema: FactSchema, subject: Audience, facts: Facts): FactProblem[] {
  const problems: FactProblem[] = [];
  for (const [name, value] of Object.entries(facts)) {
    const def = schema[name];
    if (!def || !factAppliesTo(def, subject)) {
      problems.push({
        fact: name,
        message: `unknown ${subject} fact '${name}'`,
        messageZh: `未知的${subject === 'talent' ? '人才' : '企业'}事实 '${name}'`,
      });
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = checkFactValue(def, value);
    if (problem)
      problems.push({ fact: name, message: `${name}: ${problem[0]}`, messageZh: `${name}：${problem[1]}` });
  }
  return problems;
}
