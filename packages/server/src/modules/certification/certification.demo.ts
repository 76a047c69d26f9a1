// Demonstration data for certification, per district: the expert pool (expert.<district> and six
// generated experts, three of them at the demo enterprise, so 回避 is visible), a rubric, a quota for the
// demo enterprise, the demo talent certified at the catalogue tier they meet, one case waiting in the
// reviewer's queue and one committee case whose panel includes expert.<district>. Runs after the records
// seeder; tolerates a district without talent records (then only the pool and rubric are seeded).
import type { CompiledPack } from '@rencai/engine';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accounts, talents } from '../../db/schema';
import { hashPassword } from '../../lib/password';
import { insertAccountIfAbsent } from '../identity/identity.repo';
import { findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import { loadTalentFacts } from '../talents/talents.facts';
import { DEFAULT_VALIDITY_YEARS, evaluateCatalogue, tierRank } from './certification.catalogue';
import { drawPanel } from './certification.panel';
import * as repo from './certification.repo';
import {
  CERTIFICATION_DEPARTMENT,
  newCaseCode,
  newCertificateNo,
  validityDay,
  validUntil,
} from './certification.service';

const GENERATED_EXPERTS = [
  { key: '01', name: '赵明远（评审专家）', atDemoEnterprise: true, fields: ['新材料'], title: '首席工程师' },
  { key: '02', name: '钱海宁（评审专家）', atDemoEnterprise: true, fields: ['智能制造'], title: '研发副总' },
  {
    key: '03',
    name: '孙立群（评审专家）',
    atDemoEnterprise: true,
    fields: ['新材料', '化工'],
    title: '高级工程师',
  },
  { key: '04', name: '李静怡（评审专家）', affiliation: '浙江工业大学', fields: ['新材料'], title: '教授' },
  {
    key: '05',
    name: '周文博（评审专家）',
    affiliation: '中国科学院研究所',
    fields: ['信息技术'],
    title: '研究员',
  },
  { key: '06', name: '吴思齐（评审专家）', affiliation: '区行业协会', fields: ['企业管理'], title: '秘书长' },
] as const;

const DEMO_RUBRIC = {
  nameZh: '人才认定评审细则',
  nameEn: 'Certification review rubric',
  scale: 'percent' as const,
  criteria: [
    { id: 'innovation', zh: '创新能力', en: 'Capacity for innovation', weight: 30 },
    { id: 'contribution', zh: '业绩贡献', en: 'Record and contribution', weight: 30 },
    { id: 'recognition', zh: '行业认可度', en: 'Standing in the field', weight: 25 },
    { id: 'fit', zh: '与区域产业契合度', en: "Fit with the district's industries", weight: 15 },
  ],
};

const accountId = async (db: Db, username: string) =>
  (await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username)).limit(1))[0]
    ?.id;

type Seeded = { pack: CompiledPack; versionId: number | null; district: string; now: Date };

/** Inserts a case as the demo seed would have submitted it, with its explanation and first event. */
async function seedCase(
  db: Db,
  s: Seeded,
  talentId: number,
  input: { path: string; tier: string; needsCommittee: boolean; status: string; rubricId: number | null },
) {
  const asOf = chinaDate(s.now);
  const facts = (await loadTalentFacts(db, talentId, s.now)) ?? {};
  const explained = {
    zh: evaluateCatalogue(s.pack, facts, asOf, 'zh'),
    en: evaluateCatalogue(s.pack, facts, asOf, 'en'),
  };
  const employers = await repo.listCurrentEmployers(db, talentId);
  const documents = await repo.listTalentDocuments(db, talentId);
  return db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const cert = await repo.insertCertification(tx, {
      district: s.district,
      talentId,
      path: input.path,
      requestedTier: input.tier,
      status: input.status,
      packVersionId: s.versionId,
      explanation: explained,
      submittedBy: 'demo-seed',
      submittedAt: s.now,
    });
    await repo.insertCaseFile(tx, {
      certificationId: cert.id,
      district: s.district,
      caseCode: newCaseCode(s.district),
      catalogueTier: explained.zh.tier,
      needsCommittee: input.needsCommittee,
      employerId: employers[0] ?? null,
      departmentCode: CERTIFICATION_DEPARTMENT,
      documentIds: documents.map((d) => d.id),
      rubricId: input.rubricId,
      ...(input.path === 'committee'
        ? {
            recommenderName: null,
            statement: '申请人长期从事细分领域研发，成果已在区内企业转化应用，目录未能覆盖，申请小同行评议。',
          }
        : {}),
    });
    await repo.insertEvent(tx, {
      certificationId: cert.id,
      district: s.district,
      action: 'submitted',
      toStatus: 'department_review',
      actor: 'demo-seed',
      role: 'talent',
      details: { path: input.path, tier: input.tier },
      at: s.now,
    });
    return { cert, tier: explained.zh.tier };
  });
}

/**
 * Seeds the certification demo of every district given (safe to run again: skips what exists): the
 * expert pool and rubric always; the quota and the cases once the district's pack is published (on the
 * very first start the packs are published after the seed, so the server calls this again when ready).
 */
export async function seedCertificationDemo(db: Db, districts: string[], now = new Date()): Promise<void> {
  let passwordHash: string | undefined;
  for (const district of districts) {
    // the demo enterprise: the one enterprise.<district> acts for
    const hrId = await accountId(db, `enterprise.${district}`);
    const demoEnterprise = hrId !== undefined ? await repo.findMemberEnterprise(db, hrId) : undefined;

    // the expert pool
    const expertId = await accountId(db, `expert.${district}`);
    const inPool = new Set((await repo.listPool(db, district)).map((p) => p.accountId));
    if (expertId !== undefined && !inPool.has(expertId))
      await repo.upsertExpertProfile(db, {
        accountId: expertId,
        district,
        affiliation: '浙江大学',
        title: '教授、博士生导师',
        fields: ['新材料', '智能制造'],
        createdBy: 'demo-seed',
      });
    if (inPool.size < GENERATED_EXPERTS.length + 1)
      for (const e of GENERATED_EXPERTS) {
        const username = `expert${e.key}.${district}`;
        passwordHash ??= await hashPassword('rencai-demo');
        await insertAccountIfAbsent(db, {
          district,
          username,
          displayName: e.name,
          role: 'expert',
          departmentId: null,
          passwordHash,
        });
        const id = await accountId(db, username);
        if (id === undefined || inPool.has(id)) continue;
        await repo.upsertExpertProfile(db, {
          accountId: id,
          district,
          enterpriseId: 'atDemoEnterprise' in e ? (demoEnterprise ?? null) : null,
          affiliation: 'affiliation' in e ? e.affiliation : null,
          title: e.title,
          fields: [...e.fields],
          createdBy: 'demo-seed',
        });
      }
    let rubric = await repo.findActiveRubric(db, district);
    rubric ??= await db.transaction((t) =>
      repo.replaceRubric(t as unknown as Db, { district, ...DEMO_RUBRIC, createdBy: 'demo-seed' }),
    );

    const active = await findActivePack(db, district);
    if (!active) continue;
    const s: Seeded = { pack: active.pack, versionId: active.versionId, district, now };
    const tiers = s.pack.pack.tiers;
    if (demoEnterprise !== undefined && tiers.length > 1)
      await db.transaction(async (t) => {
        const year = Number(chinaDate(now).slice(0, 4));
        if (!(await repo.findQuota(t as unknown as Db, district, demoEnterprise, year)))
          await repo.upsertQuota(t as unknown as Db, {
            district,
            enterpriseId: demoEnterprise,
            year,
            maxTier: tiers[tiers.length - 2]?.id ?? (tiers[0]?.id as string),
            total: 3,
            createdBy: 'demo-seed',
          });
      });

    // cases: only once per district, and only when the records seeder made the demo talent
    const talentAccount = await accountId(db, `talent.${district}`);
    const demoTalent =
      talentAccount !== undefined ? await repo.findTalentByAccount(db, talentAccount) : undefined;
    if (!demoTalent || (await repo.hasCasesBy(db, district, 'demo-seed'))) continue;

    // 1. the demo talent, certified at the catalogue tier they meet
    const facts = (await loadTalentFacts(db, demoTalent.id, now)) ?? {};
    const met = evaluateCatalogue(s.pack, facts, chinaDate(now), 'zh').tier;
    if (tierRank(s.pack.pack, met) < tiers.length) {
      const { cert } = await seedCase(db, s, demoTalent.id, {
        path: 'catalogue',
        tier: met,
        needsCommittee: false,
        status: 'department_review',
        rubricId: null,
      });
      const validFrom = validityDay(now);
      const years = s.pack.pack.catalogue?.validityYears ?? DEFAULT_VALIDITY_YEARS;
      await db.transaction(async (t) => {
        const tx = t as unknown as Db;
        await repo.transition(tx, cert.id, ['department_review'], {
          status: 'approved',
          tier: met,
          decidedBy: `reviewer.${district}`,
          decidedAt: now,
          decisionReason: '符合目录条件，材料齐全',
          validFrom,
          validTo: validUntil(validFrom, years),
          certificateNo: newCertificateNo(district, validFrom.slice(0, 4), cert.id),
        });
        await repo.insertEvent(tx, {
          certificationId: cert.id,
          district,
          action: 'approved',
          fromStatus: 'department_review',
          toStatus: 'approved',
          actor: `reviewer.${district}`,
          role: 'reviewer',
          reason: '符合目录条件，材料齐全',
          at: now,
        });
      });
    }

    // 2. a case waiting in the reviewer's queue, and 3. a committee case with expert.<district> on its panel
    const others = await db
      .select({ id: talents.id })
      .from(talents)
      .where(eq(talents.district, district))
      .orderBy(talents.id)
      .limit(40);
    let queued = false;
    let committee = false;
    for (const { id } of others) {
      if (id === demoTalent.id || (queued && committee)) continue;
      const employers = await repo.listCurrentEmployers(db, id);
      if (employers.length === 0) continue;
      const tier = evaluateCatalogue(
        s.pack,
        (await loadTalentFacts(db, id, now)) ?? {},
        chinaDate(now),
        'zh',
      ).tier;
      if (!queued && tierRank(s.pack.pack, tier) < tiers.length) {
        await seedCase(db, s, id, {
          path: 'catalogue',
          tier,
          needsCommittee: false,
          status: 'department_review',
          rubricId: null,
        });
        queued = true;
      } else if (!committee && expertId !== undefined) {
        const requested =
          tiers[Math.max(0, Math.min(tierRank(s.pack.pack, tier), tiers.length) - 1)]?.id ?? tier;
        const { cert } = await seedCase(db, s, id, {
          path: 'committee',
          tier: requested,
          needsCommittee: true,
          status: 'committee_review',
          rubricId: rubric.id,
        });
        const pool = (await repo.listPool(db, district)).filter((p) => p.accountId !== expertId);
        const others2 = drawPanel(pool, new Set(employers), 2);
        await db.transaction(async (t) => {
          const tx = t as unknown as Db;
          await repo.insertPanel(tx, cert.id, [expertId, ...others2]);
          await repo.updateCaseFile(tx, cert.id, { panelSize: 3 });
          await repo.insertEvent(tx, {
            certificationId: cert.id,
            district,
            action: 'department_approved',
            fromStatus: 'department_review',
            toStatus: 'committee_review',
            actor: `reviewer.${district}`,
            role: 'reviewer',
            at: now,
          });
          await repo.insertEvent(tx, {
            certificationId: cert.id,
            district,
            action: 'panel_drawn',
            fromStatus: 'committee_review',
            toStatus: 'committee_review',
            actor: `admin.${district}`,
            role: 'admin',
            details: { size: 3, excludedEmployers: employers },
            at: now,
          });
        });
        committee = true;
      }
    }
  }
}
