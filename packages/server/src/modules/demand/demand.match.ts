// Fit between a talent and a demand (聚·人才 two-way matching): a score out of 100 and its reasons,
// computed from the talent's record facts and the demand's requirements. Pure: no SQL.

export type DemandNeeds = {
  occupation: string;
  degree: string | null;
  major: string | null;
  experienceYears: number | null;
};

export type SeekerFacts = {
  occupation?: string | null;
  degree?: string | null;
  major?: string | null;
  graduationDate?: string | null;
};

export type Reason = { code: string; points: number; max: number; ok: boolean; zh: string; en: string };
export type Fit = { score: number; reasons: Reason[] };

const DEGREES = ['none', 'secondary', 'associate', 'bachelor', 'master', 'phd'];
const DEGREE_ZH: Record<string, string> = {
  none: '无学历',
  secondary: '中专/高中',
  associate: '大专',
  bachelor: '本科',
  master: '硕士',
  phd: '博士',
};

function yearsSince(date: string, today: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

const near = (a: string, b: string) => a === b || a.includes(b) || b.includes(a);

/** Scores a talent against a demand: occupation 40, degree 25, experience 15, major 15, shortage bonus 5. */
export function fitOf(needs: DemandNeeds, facts: SeekerFacts, today: string, shortage: string | null): Fit {
  const reasons: Reason[] = [];
  const add = (code: string, points: number, max: number, zh: string, en: string) =>
    reasons.push({ code, points, max, ok: points >= max, zh, en });

  const occ = facts.occupation?.trim();
  if (!occ) add('occupation', 0, 40, '档案未填写职业', 'No occupation on the record');
  else if (occ === needs.occupation) add('occupation', 40, 40, `职业相符：${occ}`, `Same occupation: ${occ}`);
  else if (near(occ, needs.occupation))
    add(
      'occupation',
      25,
      40,
      `职业相近：${occ} / ${needs.occupation}`,
      `Related occupation: ${occ} / ${needs.occupation}`,
    );
  else add('occupation', 0, 40, `职业不同：${occ}`, `Different occupation: ${occ}`);

  const need = needs.degree;
  const have = facts.degree ?? null;
  if (!need) add('degree', 25, 25, '学历不限', 'Any degree');
  else if (!have) add('degree', 0, 25, '档案未填写学历', 'No degree on the record');
  else if (DEGREES.indexOf(have) >= DEGREES.indexOf(need))
    add(
      'degree',
      25,
      25,
      `学历达到要求：${DEGREE_ZH[have] ?? have} ≥ ${DEGREE_ZH[need] ?? need}`,
      `Degree meets the requirement: ${have} ≥ ${need}`,
    );
  else
    add(
      'degree',
      0,
      25,
      `学历低于要求：${DEGREE_ZH[have] ?? have} < ${DEGREE_ZH[need] ?? need}`,
      `Degree below the requirement: ${have} < ${need}`,
    );

  const years = facts.graduationDate ? yearsSince(facts.graduationDate, today) : undefined;
  const req = needs.experienceYears ?? 0;
  if (req <= 0) add('experience', 15, 15, '工作年限不限', 'Any experience');
  else if (years === undefined)
    add(
      'experience',
      0,
      15,
      '档案未填写毕业日期，无法计算工作年限',
      'No graduation date to count experience',
    );
  else if (years >= req)
    add(
      'experience',
      15,
      15,
      `毕业 ${years} 年，满足 ${req} 年要求`,
      `${years} years since graduation, ${req} required`,
    );
  else {
    const pts = Math.round((15 * Math.max(0, years)) / req);
    add(
      'experience',
      pts,
      15,
      `毕业 ${years} 年，少于 ${req} 年要求`,
      `${years} years since graduation, fewer than ${req} required`,
    );
  }

  const major = facts.major?.trim();
  if (!needs.major) add('major', 15, 15, '专业不限', 'Any major');
  else if (!major) add('major', 0, 15, '档案未填写专业', 'No major on the record');
  else if (near(major, needs.major)) add('major', 15, 15, `专业相符：${major}`, `Matching major: ${major}`);
  else
    add(
      'major',
      0,
      15,
      `专业不同：${major}（要求 ${needs.major}）`,
      `Different major: ${major} (asked: ${needs.major})`,
    );

  if (shortage)
    add(
      'shortage',
      5,
      5,
      `岗位属紧缺职业（${shortage}）`,
      `The occupation is on the shortage catalogue (${shortage})`,
    );
  const score = Math.min(
    100,
    reasons.reduce((s, r) => s + r.points, 0),
  );
  return { score, reasons };
}
