// Demonstration data: the five seed districts, their departments and one account per role.
// Runs only in demo mode, and only adds what is missing (safe to run again).
import type { Role } from '../authz';
import type { Db } from '../db/client';
import { hashPassword } from '../lib/password';
import { seedClaimsDemo } from '../modules/applications/applications.seed';
import { seedCertificationDemo } from '../modules/certification/certification.demo';
import { seedDemandDemo } from '../modules/demand/demand.demo';
import { seedServicesDemo } from '../modules/housing/services.seed';
import * as repo from '../modules/identity/identity.repo';
import { seedInsightsDemo } from '../modules/insights/insights.demo';
import { seedTalentCodeDemo } from '../modules/talent-code/talent-code.seed';
import { seedRecordsDemo } from '../modules/talents/records.seed';

export const DEMO_PASSWORD = 'rencai-demo';

export const seedDistricts: repo.District[] = [
  { code: 'chaoyang', name: { zh: '北京市朝阳区', en: 'Chaoyang District, Beijing' } },
  { code: 'horinger', name: { zh: '内蒙古和林格尔新区', en: 'Horinger New Area, Inner Mongolia' } },
  { code: 'wuxing', name: { zh: '湖州市吴兴区', en: 'Wuxing District, Huzhou' } },
  { code: 'jingan', name: { zh: '上海市静安区', en: "Jing'an District, Shanghai" } },
  { code: 'wuchang', name: { zh: '武汉市武昌区', en: 'Wuchang District, Wuhan' } },
];

export const seedDepartments = [
  { code: 'talent_office', nameZh: '区委人才办', nameEn: 'Talent Office' },
  { code: 'hr', nameZh: '人力资源和社会保障局', nameEn: 'Human Resources and Social Security Bureau' },
  { code: 'science', nameZh: '科学技术局', nameEn: 'Science and Technology Bureau' },
  { code: 'housing', nameZh: '住房和城乡建设局', nameEn: 'Housing and Construction Bureau' },
  { code: 'education', nameZh: '教育局', nameEn: 'Education Bureau' },
  { code: 'health', nameZh: '卫生健康委员会', nameEn: 'Health Commission' },
];

const demoPeople: Record<Role, { name: string; department?: string }> = {
  talent: { name: '林晓（演示人才）' },
  enterprise: { name: '示范科技有限公司人事部' },
  reviewer: { name: '王审核（人社局）', department: 'hr' },
  expert: { name: '陈教授（评审专家）' },
  provider: { name: '区人民医院人才服务窗口' },
  station: { name: '人才服务驿站 周专员' },
  admin: { name: '区委人才办 管理员', department: 'talent_office' },
};

/** Adds the seed districts, departments and demo accounts that are missing; returns how many accounts were created. */
export async function seedDemo(db: Db): Promise<number> {
  let created = 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const district of seedDistricts) {
    await repo.upsertDistrict(db, district);
    const deptIds = new Map<string, number>();
    for (const d of seedDepartments)
      deptIds.set(d.code, await repo.upsertDepartment(db, { district: district.code, ...d }));
    for (const [role, person] of Object.entries(demoPeople) as [Role, (typeof demoPeople)[Role]][]) {
      const inserted = await repo.insertAccountIfAbsent(db, {
        district: district.code,
        username: `${role}.${district.code}`,
        displayName: person.name,
        role,
        departmentId: person.department ? (deptIds.get(person.department) ?? null) : null,
        passwordHash,
      });
      if (inserted) created++;
    }
  }
  // Each module adds its demonstration data after the accounts, in dependency order (safe to run again).
  await seedRecordsDemo(
    db,
    seedDistricts.map((d) => d.code),
  ); // talents (一人一档) and the demo enterprise (一企一册)
  await seedCertificationDemo(
    db,
    seedDistricts.map((d) => d.code),
  ); // expert pool, rubric, quotas, the demo talent certified, a queued case and a committee case
  await seedServicesDemo(
    db,
    seedDistricts.map((d) => d.code),
    passwordHash,
  ); // apartments, events, the bank's 人才贷 desk and products, youth reserve levels
  await seedInsightsDemo(
    db,
    seedDistricts.map((d) => d.code),
  ); // Wuxing indicator actuals Rencai cannot compute (entered, marked as demo figures)
  await seedDemandDemo(
    db,
    seedDistricts.map((d) => d.code),
  ); // shortage catalogues and the demo enterprise's demands
  await seedTalentCodeDemo(db); // providers (hospital, school, bank, park) and codes of certified talents
  await seedClaimsDemo(
    db,
    seedDistricts.map((d) => d.code),
  ); // budgets, 免申即享 grants, the demo talent's applications (districts with a published pack)
  return created;
}
