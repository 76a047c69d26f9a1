// Demonstration data of the talent services, per district: two apartment buildings (one nearly full),
// two events (one almost at capacity), a bank's two talent-loan products with its 人才贷 desk account
// `bank.<district>`, and the youth reserve pool's levels (Wuchang's three, with entry by criteria).
// Runs after the records, certification and provider seeders; tolerates their rows missing; safe to re-run.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  accounts,
  apartments,
  eventRegistrations,
  events,
  housingApplications,
  leases,
  loanProducts,
  providerStaff,
  providers,
  reserveLevels,
  talents,
} from '../../db/schema';

const BUILDINGS: Record<string, [string, string]> = {
  chaoyang: ['望京人才公寓', '酒仙桥人才公寓'],
  horinger: ['云谷专家公寓', '云谷人才公寓'],
  wuxing: ['东湖人才社区1号楼', '南太湖人才公寓A座'],
  jingan: ['大宁人才公寓', '彭浦人才公寓'],
  wuchang: ['首义人才公寓', '青年人才驿站公寓'],
};

const LOAN_TIERS: Record<string, string[]> = {
  chaoyang: ['A', 'B', 'C'],
  horinger: ['A', 'B', 'C', 'D'],
  wuxing: ['A', 'B', 'C', 'D', 'E'],
  jingan: ['A', 'B', 'C'],
  wuchang: ['A', 'B', 'C'],
};

/** The pack policy deciding who may register for a district's talent events (none: any certified talent). */
const EVENT_POLICY: Record<string, string> = {
  chaoyang: 'chaoyang.event.talent_park',
  horinger: 'horinger.event.talent_exchange',
  wuxing: 'wuxing.event.talent_home',
  wuchang: 'wuchang.event.alumni_forum',
};

const today = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);

async function otherTalents(db: Db, district: string) {
  return db
    .select({ id: talents.id })
    .from(talents)
    .leftJoin(accounts, eq(accounts.id, talents.accountId))
    .where(
      and(eq(talents.district, district), sql`coalesce(${accounts.username}, '') <> ${`talent.${district}`}`),
    )
    .orderBy(talents.id)
    .limit(6);
}

async function seedHousing(db: Db, district: string, now: Date) {
  const [roomy, nearlyFull] = BUILDINGS[district] ?? ['人才公寓1号楼', '人才公寓2号楼'];
  const [exists] = await db
    .select({ id: apartments.id })
    .from(apartments)
    .where(eq(apartments.district, district))
    .limit(1);
  if (exists) return;
  for (let i = 0; i < 6; i++)
    await db.insert(apartments).values({
      district,
      building: roomy,
      unit: `${Math.floor(i / 3) + 1}0${(i % 3) + 1}`,
      areaSqm: [45, 60, 90][i % 3] ?? 60,
      rentMonthly: [900, 1200, 1800][i % 3] ?? 1200,
    });
  // The nearly full building: three flats let to demo talents (when their records exist), one under repair.
  const tenants = await otherTalents(db, district);
  for (let i = 0; i < 4; i++) {
    const tenant = i < 3 ? tenants[i] : undefined;
    const [flat] = await db
      .insert(apartments)
      .values({
        district,
        building: nearlyFull,
        unit: `A-${i + 1}01`,
        areaSqm: 75,
        rentMonthly: 1500,
        status: tenant ? 'let' : 'unavailable',
      })
      .returning();
    if (!flat || !tenant) continue;
    const [app] = await db
      .insert(housingApplications)
      .values({
        district,
        talentId: tenant.id,
        building: nearlyFull,
        status: 'allocated',
        tier: 'NONE',
        tierRank: 99,
        appliedAt: new Date(now.getTime() - (200 - i) * 86_400_000),
        apartmentId: flat.id,
        allocatedAt: new Date(now.getTime() - (180 - i) * 86_400_000),
      })
      .onConflictDoNothing()
      .returning();
    if (!app) {
      await db.update(apartments).set({ status: 'unavailable' }).where(eq(apartments.id, flat.id));
      continue;
    }
    const start = today(new Date(now.getTime() - (180 - i) * 86_400_000));
    const [y, m, d] = start.split('-');
    await db.insert(leases).values({
      district,
      applicationId: app.id,
      talentId: tenant.id,
      apartmentId: flat.id,
      startDate: start,
      endDate: `${Number(y) + 3}-${m}-${d}`,
      rentMonthly: 1500,
      createdBy: 'system',
    });
  }
}

async function seedEvents(db: Db, district: string, now: Date) {
  const [exists] = await db
    .select({ id: events.id })
    .from(events)
    .where(eq(events.district, district))
    .limit(1);
  if (exists) return;
  const day = 86_400_000;
  const at = (days: number, hour: number) =>
    new Date(Math.floor(now.getTime() / day) * day + days * day + (hour - 8) * 3_600_000);
  const policyId = EVENT_POLICY[district] ?? null;
  const [salon] = await db
    .insert(events)
    .values({
      district,
      titleZh: '人才之家·青年人才交流沙龙',
      titleEn: 'Talent Home young talent salon',
      descriptionZh: '学术研讨与交友联谊，名额有限，凭人才码签到。',
      descriptionEn: 'Seminar and networking; seats are limited; check in with your talent code.',
      venue: '人才之家（区人才服务中心三楼）',
      startsAt: at(7, 14),
      endsAt: at(7, 17),
      capacity: 4,
      eligibilityPolicyId: policyId,
      createdBy: 'system',
    })
    .returning();
  await db.insert(events).values({
    district,
    titleZh: '高层次人才交流洽谈会',
    titleEn: 'High-level talent exchange fair',
    descriptionZh: '重点企业与高层次人才面对面洽谈，现场发布人才需求。',
    descriptionEn: 'Leading employers meet high-level talents; talent demand published on site.',
    venue: '区会展中心一号馆',
    startsAt: at(21, 9),
    endsAt: at(21, 16),
    capacity: 200,
    eligibilityPolicyId: policyId,
    createdBy: 'system',
  });
  if (!salon) return;
  // Almost at capacity: three of the four seats taken by demo talents (when their records exist).
  const people = (await otherTalents(db, district)).slice(0, 3);
  for (const p of people) {
    await db
      .insert(eventRegistrations)
      .values({ district, eventId: salon.id, talentId: p.id, status: 'registered' });
    await db
      .update(events)
      .set({ registeredCount: sql`${events.registeredCount} + 1` })
      .where(eq(events.id, salon.id));
  }
}

async function seedLoans(db: Db, district: string, passwordHash: string) {
  const username = `bank.${district}`;
  let [account] = await db.select().from(accounts).where(eq(accounts.username, username)).limit(1);
  if (!account) {
    [account] = await db
      .insert(accounts)
      .values({ district, username, displayName: '区农商银行 人才贷专员', role: 'provider', passwordHash })
      .returning();
  }
  if (!account) return;
  const [bank] = await db
    .select()
    .from(providers)
    .where(and(eq(providers.district, district), eq(providers.kind, 'bank')))
    .limit(1);
  if (bank)
    await db
      .insert(providerStaff)
      .values({ accountId: account.id, providerId: bank.id })
      .onConflictDoNothing();
  const [exists] = await db
    .select({ id: loanProducts.id })
    .from(loanProducts)
    .where(eq(loanProducts.district, district))
    .limit(1);
  if (exists) return;
  const bankName = bank?.nameZh ?? '区农商银行';
  const tiers = LOAN_TIERS[district] ?? ['A', 'B', 'C'];
  await db.insert(loanProducts).values([
    {
      district,
      bankAccountId: account.id,
      bankName,
      nameZh: '人才贷（信用）',
      nameEn: 'Talent loan (unsecured)',
      eligibleTiers: tiers,
      minAmount: 100_000,
      maxAmount: 3_000_000,
      rateTextZh: '一年期 LPR 减 30 个基点，免抵押免担保，最长 3 年',
      rateTextEn: 'One-year LPR minus 30 bp, no collateral or guarantor, up to 3 years',
    },
    {
      district,
      bankAccountId: account.id,
      bankName,
      nameZh: '人才创业贷',
      nameEn: 'Talent start-up loan',
      eligibleTiers: tiers.slice(0, 3),
      minAmount: 500_000,
      maxAmount: 10_000_000,
      rateTextZh: '一年期 LPR，政府贴息 50%，可知识产权质押',
      rateTextEn: 'One-year LPR with a 50% interest subsidy; IP may be pledged',
    },
  ]);
}

async function seedReserve(db: Db, district: string) {
  const levels =
    district === 'wuchang'
      ? [
          {
            code: 'leading',
            nameZh: '领军型青年人才',
            nameEn: 'Leading young talent',
            rank: 1,
            reviewMonths: 12,
            criteriaPolicyId: null,
          },
          {
            code: 'innovative',
            nameZh: '创新型青年人才',
            nameEn: 'Innovative young talent',
            rank: 2,
            reviewMonths: 12,
            criteriaPolicyId: null,
          },
          {
            code: 'graduate',
            nameZh: '优秀留汉大学生',
            nameEn: 'Outstanding graduates staying in Wuhan',
            rank: 3,
            reviewMonths: 6,
            criteriaPolicyId: 'wuchang.city.graduate_living_allowance',
          },
        ]
      : [
          {
            code: 'top',
            nameZh: '青年拔尖人才',
            nameEn: 'Top young talent',
            rank: 1,
            reviewMonths: 12,
            criteriaPolicyId: null,
          },
          {
            code: 'reserve',
            nameZh: '青年后备人才',
            nameEn: 'Young reserve talent',
            rank: 2,
            reviewMonths: 6,
            criteriaPolicyId: null,
          },
        ];
  for (const l of levels)
    await db
      .insert(reserveLevels)
      .values({ district, ...l })
      .onConflictDoNothing();
}

/** Adds the services' demonstration data that is missing, for each district (`passwordHash`: the demo password's). */
export async function seedServicesDemo(
  db: Db,
  districts: readonly string[],
  passwordHash: string,
  now = new Date(),
): Promise<void> {
  for (const district of districts) {
    await seedHousing(db, district, now);
    await seedEvents(db, district, now);
    await seedLoans(db, district, passwordHash);
    await seedReserve(db, district);
  }
}
