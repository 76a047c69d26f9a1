// Demonstration records for every seed district: the demo talent `talent.<district>` with a profile that
// meets a catalogue tier (a PhD selected by a national talent programme) and a confirmed employment at
// the demo enterprise of `enterprise.<district>`, plus 30 generated talents so registers are not empty.
// Adds only what is missing (safe to run again).
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../config';
import type { Db } from '../../db/client';
import { accounts } from '../../db/schema';
import { creditCheckChar } from '../../lib/validate/credit-code';
import { idCheckChar } from '../../lib/validate/id-number';
import * as enterprisesRepo from '../enterprises/enterprises.repo';
import { piiCipher, sealIdentity } from './talents.pii';
import * as repo from './talents.repo';

/** Area codes (GB/T 2260) of the districts' seats, for generated ID numbers and credit codes. */
export const DISTRICT_AREAS: Record<string, string> = {
  chaoyang: '110105',
  horinger: '150123',
  wuxing: '330502',
  jingan: '310106',
  wuchang: '420106',
};

/** A valid GB 11643 number for an area, birth date (YYYYMMDD) and 3-digit sequence. */
export function makeIdNumber(area: string, birth: string, seq: number): string {
  const body = `${area}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return body + idCheckChar(body);
}

/** A valid GB 32100 credit code for an enterprise (9 1) in an area with a 9-character body. */
export function makeCreditCode(area: string, org: string): string {
  const body = `91${area}${org}`;
  return body + creditCheckChar(body);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '晨',
  '宇',
  '欣怡',
  '子涵',
  '浩然',
  '思远',
  '雨桐',
  '嘉怡',
  '俊杰',
  '一鸣',
];
const DEGREES = ['phd', 'master', 'master', 'bachelor', 'bachelor', 'bachelor', 'associate'];
const TITLES = ['senior', 'associate_senior', 'intermediate', 'intermediate', 'junior', 'none'];

/** The demo talent's profile: meets a catalogue tier in every seed pack (national talent programme). */
export const DEMO_TALENT_FACTS: Record<string, unknown> = {
  degree: 'phd',
  schoolName: '浙江大学',
  major: '材料科学与工程',
  schoolLevel: 'double_first_class',
  graduationDate: '2019-06-30',
  fullTimeDegree: true,
  isReturnee: false,
  professionalTitle: 'associate_senior',
  honours: ['national_talent_programme'],
  socialInsuranceMonths: 36,
  socialInsuranceContinuousMonths: 36,
  socialInsuranceLocal: true,
  ownsHomeInDistrict: false,
  rentsInDistrict: true,
  monthlyRent: 3500,
  childrenCount: 1,
  arrivalDate: '2022-03-01',
};

function piiKey(): string {
  try {
    return loadConfig().piiKey;
  } catch {
    return loadConfig({ RENCAI_DEMO: '1' }).piiKey;
  }
}

/** Seeds the records of every district that has demo accounts; returns the talents created. */
export async function seedRecordsDemo(db: Db, districts: string[], key: string = piiKey()): Promise<number> {
  const cipher = piiCipher({ piiKey: key });
  let created = 0;
  for (const district of districts) {
    const area = DISTRICT_AREAS[district] ?? '110101';
    const [hr] = await db
      .select()
      .from(accounts)
      .where(eq(accounts.username, `enterprise.${district}`))
      .limit(1);
    const [talentAccount] = await db
      .select()
      .from(accounts)
      .where(eq(accounts.username, `talent.${district}`))
      .limit(1);
    const creditCode = makeCreditCode(area, 'MA1DEMO0X'.replace(/O/g, '0'));
    let enterprise = await enterprisesRepo.findEnterpriseByCreditCode(db, district, creditCode);
    enterprise ??= await enterprisesRepo.insertEnterprise(db, {
      district,
      creditCode,
      name: '示范科技有限公司',
      industry: '新材料',
      scale: 'medium',
      tags: ['high_tech', 'specialized_sme'],
      creditStatus: 'normal',
      whiteListed: true,
    });
    if (hr) await enterprisesRepo.linkMember(db, hr.id, enterprise.id);
    const people: {
      name: string;
      id: string;
      phone: string;
      facts: Record<string, unknown>;
      accountId: number | null;
      status: 'confirmed' | 'pending' | null;
      start: string;
    }[] = [
      {
        name: '林晓',
        id: makeIdNumber(area, '19880512', 26),
        phone: `139${area.slice(0, 4)}0001`,
        facts: DEMO_TALENT_FACTS,
        accountId: talentAccount?.id ?? null,
        status: 'confirmed',
        start: '2022-03-01',
      },
    ];
    for (let i = 0; i < 30; i++) {
      const year = 1970 + ((i * 7) % 30);
      const month = String(1 + (i % 12)).padStart(2, '0');
      const day = String(1 + ((i * 3) % 28)).padStart(2, '0');
      const degree = DEGREES[i % DEGREES.length] as string;
      people.push({
        name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 11) % GIVEN.length]}`,
        id: makeIdNumber(area, `${year}${month}${day}`, 100 + i * 2 + (i % 2)),
        phone: `138${area.slice(0, 4)}${String(1000 + i).slice(-4)}`,
        facts: {
          degree,
          graduationDate: `${Math.min(year + (degree === 'phd' ? 29 : degree === 'master' ? 25 : 22), 2025)}-06-30`,
          fullTimeDegree: i % 5 !== 0,
          professionalTitle: TITLES[i % TITLES.length],
          socialInsuranceMonths: 6 + ((i * 5) % 60),
          socialInsuranceLocal: i % 4 !== 0,
          childrenCount: i % 3,
          ...(i % 10 === 3 ? { honours: ['provincial_talent_programme'] } : {}),
        },
        accountId: null,
        status: i < 24 ? 'confirmed' : i < 27 ? 'pending' : null,
        start: `${2018 + (i % 7)}-${month}-01`,
      });
    }
    // One statement per table and district: talents by ID hash, facts of the new ones, employments if absent.
    const sealed = people.map((p) => ({ p, s: sealIdentity(cipher, p.id, p.phone) }));
    const { byHash, created: fresh } = await repo.upsertTalentsByIdHash(
      db,
      district,
      sealed.map(({ p, s }) => ({
        district,
        accountId: null,
        name: p.name,
        idKind: 'resident',
        ...s,
        birthDate: `${p.id.slice(6, 10)}-${p.id.slice(10, 12)}-${p.id.slice(12, 14)}`,
        gender: Number(p.id[16]) % 2 === 1 ? 'male' : 'female',
        createdBy: 'demo-seed',
      })),
    );
    created += fresh.size;
    const facts: Parameters<typeof repo.upsertFacts>[1] = [];
    const jobs: Parameters<typeof repo.insertEmploymentsIfAbsent>[1] = [];
    for (const { p, s } of sealed) {
      const talentId = byHash.get(s.idNumberHash);
      if (!talentId) continue;
      if (p.accountId) await repo.linkAccountIfUnlinked(db, talentId, p.accountId);
      if (fresh.has(s.idNumberHash))
        for (const [name, value] of Object.entries(p.facts))
          facts.push({
            talentId,
            name,
            value,
            source: p.accountId ? 'self' : 'employer',
            updatedBy: 'demo-seed',
          });
      if (p.status)
        jobs.push({
          district,
          talentId,
          enterpriseId: enterprise.id,
          position: p.accountId ? '研发总监' : '工程师',
          startDate: p.start,
          contractYears: 3 + (talentId % 3),
          status: p.status,
          requestedBy: p.status === 'pending' ? p.name : 'demo-seed',
          confirmedBy: p.status === 'confirmed' ? `enterprise.${district}` : null,
          confirmedAt: p.status === 'confirmed' ? new Date(`${p.start}T08:00:00Z`) : null,
        });
    }
    await repo.upsertFacts(db, facts);
    await repo.insertEmploymentsIfAbsent(db, jobs);
  }
  return created;
}
