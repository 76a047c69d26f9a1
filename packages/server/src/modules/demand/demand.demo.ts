// Demonstration data for 人才需求发布: a published shortage-occupation catalogue per district and a few
// demands of the demo enterprise (two published, one awaiting review). Safe to run again; skips a
// district whose demo enterprise is missing.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, demands, enterpriseMembers, enterprises, shortageOccupations } from '../../db/schema';
import { segmentForIndex } from '../../lib/segment';

const CATALOGUE: Record<string, [string, string, 'high' | 'medium' | 'low', string][]> = {
  wuxing: [
    ['2-02-14-05', '材料研发工程师', 'high', '专业技术人员'],
    ['6-18-01-01', '数控车工', 'high', '技能人员'],
    ['2-02-10-03', '软件工程师', 'medium', '专业技术人员'],
    ['6-31-01-03', '电工', 'medium', '技能人员'],
    ['4-14-01-02', '养老护理员', 'low', '服务人员'],
  ],
  horinger: [
    ['2-02-10-09', '云计算工程技术人员', 'high', '专业技术人员'],
    ['2-02-10-10', '数据中心运维工程师', 'high', '专业技术人员'],
    ['6-31-01-03', '电工', 'medium', '技能人员'],
    ['2-02-30-12', '乳品工艺工程师', 'medium', '专业技术人员'],
  ],
  jingan: [
    ['2-06-07-01', '金融科技分析师', 'high', '专业技术人员'],
    ['2-02-10-03', '软件工程师', 'medium', '专业技术人员'],
    ['2-05-01-01', '临床医师', 'medium', '专业技术人员'],
  ],
  chaoyang: [
    ['2-02-10-11', '人工智能工程技术人员', 'high', '专业技术人员'],
    ['2-09-06-03', '数字媒体设计师', 'medium', '专业技术人员'],
  ],
  wuchang: [
    ['2-02-10-03', '软件工程师', 'high', '专业技术人员'],
    ['2-02-38-01', '光电工程师', 'medium', '专业技术人员'],
  ],
};

type DemoDemand = {
  title: string;
  occupation: string;
  headcount: number;
  degree: string | null;
  major: string | null;
  experienceYears: number | null;
  salary: [number, number];
  location: string;
  status: 'published' | 'pending';
  description: string;
};

const DEMANDS: DemoDemand[] = [
  {
    title: '新材料研发工程师（复合材料方向）',
    occupation: '材料研发工程师',
    headcount: 3,
    degree: 'master',
    major: '材料科学',
    experienceYears: 3,
    salary: [15000, 25000],
    location: '区科技创业园',
    status: 'published',
    description: '负责复合材料配方研发、中试与量产导入。',
  },
  {
    title: '数控车工（高级工及以上）',
    occupation: '数控车工',
    headcount: 8,
    degree: null,
    major: null,
    experienceYears: 2,
    salary: [8000, 12000],
    location: '区智能装备产业园',
    status: 'published',
    description: '操作数控车床加工精密零件，持三级/高级工及以上证书优先。',
  },
  {
    title: '嵌入式软件工程师',
    occupation: '软件工程师',
    headcount: 2,
    degree: 'bachelor',
    major: '计算机',
    experienceYears: 1,
    salary: [12000, 20000],
    location: '区总部经济园',
    status: 'pending',
    description: '负责设备控制软件开发。',
  },
];

/** Adds the catalogue and the demo demands that are missing; returns how many rows were written. */
export async function seedDemandDemo(
  db: Db,
  districts: readonly string[],
  year = new Date().getFullYear(),
): Promise<number> {
  let written = 0;
  for (const district of districts) {
    for (const [code, occupation, scarcity, category] of CATALOGUE[district] ?? []) {
      const inserted = await db
        .insert(shortageOccupations)
        .values({
          district,
          year,
          code,
          occupation,
          scarcity,
          category,
          status: 'published',
          updatedBy: 'demo-seed',
        })
        .onConflictDoNothing()
        .returning({ id: shortageOccupations.id });
      written += inserted.length;
    }
    const [member] = await db
      .select({ enterpriseId: enterpriseMembers.enterpriseId })
      .from(enterpriseMembers)
      .innerJoin(accounts, eq(accounts.id, enterpriseMembers.accountId))
      .innerJoin(enterprises, eq(enterprises.id, enterpriseMembers.enterpriseId))
      .where(and(eq(accounts.username, `enterprise.${district}`), eq(enterprises.district, district)))
      .limit(1);
    if (!member) continue;
    const [existing] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(demands)
      .where(and(eq(demands.district, district), eq(demands.enterpriseId, member.enterpriseId)));
    if (Number(existing?.n ?? 0) > 0) continue;
    for (const d of DEMANDS) {
      await db.insert(demands).values({
        district,
        enterpriseId: member.enterpriseId,
        title: d.title,
        occupation: d.occupation,
        headcount: d.headcount,
        degree: d.degree,
        major: d.major,
        experienceYears: d.experienceYears,
        salaryMin: d.salary[0],
        salaryMax: d.salary[1],
        location: d.location,
        deadline: `${year + 1}-06-30`,
        description: d.description,
        status: d.status,
        reviewedBy: d.status === 'published' ? 'demo-seed' : null,
        reviewedAt: d.status === 'published' ? new Date() : null,
        createdBy: `enterprise.${district}`,
        bodySeg: segmentForIndex(
          [d.title, d.title, d.occupation, d.major, d.location, d.description].filter(Boolean).join('\n'),
        ),
      });
      written++;
    }
  }
  return written;
}
