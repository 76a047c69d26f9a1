// 一企一册: enterprises identified by 统一社会信用代码, the district's white list and credit status (kept by
// the administrator), HR accounts, employees added by HR or confirmed from a talent's claim, the register.
import ExcelJS from 'exceljs';
import { type Actor, authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { maskIdNumber } from '../../lib/mask';
import { validateCreditCode } from '../../lib/validate/credit-code';
import { appendAudit } from '../audit/audit.service';
import { piiCipher, sealIdentity } from '../talents/talents.pii';
import * as talentsRepo from '../talents/talents.repo';
import {
  checkIdentity,
  type EmploymentView,
  fieldErrors,
  toEmploymentView,
  toTalentView,
} from '../talents/talents.service';
import * as repo from './enterprises.repo';

const t = (ctx: Ctx, zh: string, en: string) => (ctx.lang === 'en' ? en : zh);

export type EnterpriseView = {
  id: number;
  district: string;
  creditCode: string;
  name: string;
  industry: string | null;
  scale: 'micro' | 'small' | 'medium' | 'large' | null;
  tags: ('high_tech' | 'specialized_sme' | 'above_scale' | 'listed')[];
  creditStatus: 'red' | 'normal' | 'black';
  whiteListed: boolean;
  registeredInDistrict: boolean;
  createdAt: string;
};

export const toEnterpriseView = (e: repo.EnterpriseRow): EnterpriseView => ({
  id: e.id,
  district: e.district,
  creditCode: e.creditCode,
  name: e.name,
  industry: e.industry,
  scale: (e.scale as EnterpriseView['scale']) ?? null,
  tags: e.tags as EnterpriseView['tags'],
  creditStatus: e.creditStatus as EnterpriseView['creditStatus'],
  whiteListed: e.whiteListed,
  registeredInDistrict: e.registeredInDistrict,
  createdAt: e.createdAt.toISOString(),
});

function districtOf(ctx: Ctx): string {
  if (!ctx.district) throw new AppError('not_found', 'not_found');
  return ctx.district;
}

/** The credit code normalised, or validation_failed naming `creditCode`. */
export function checkCreditCode(ctx: Ctx, raw: string): string {
  const r = validateCreditCode(raw);
  if (r.ok) return r.value;
  throw fieldErrors([
    {
      field: 'creditCode',
      message:
        r.problem === 'format'
          ? t(
              ctx,
              '统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）',
              'the credit code has 18 digits or capital letters (no I, O, Z, S, V)',
            )
          : t(
              ctx,
              '统一社会信用代码校验位不正确，请核对',
              'the credit code check character is wrong; please check it',
            ),
    },
  ]);
}

export type RegisterEnterpriseInput = {
  creditCode: string;
  name: string;
  industry?: string | undefined;
  scale?: EnterpriseView['scale'] | undefined;
  registeredInDistrict?: boolean | undefined;
  tags?: EnterpriseView['tags'] | undefined;
  creditStatus?: EnterpriseView['creditStatus'] | undefined;
  whiteListed?: boolean | undefined;
};

const ADMIN_ONLY = ['tags', 'creditStatus', 'whiteListed'] as const;

function refuseAdminOnly(_ctx: Ctx, actor: Actor, input: Record<string, unknown>) {
  if (actor.role === 'admin') return;
  const given = ADMIN_ONLY.filter((k) => input[k] !== undefined);
  if (given.length)
    throw new AppError(
      'forbidden',
      {
        zh: '企业标签、信用状态和白名单由区委人才办维护',
        en: 'Tags, credit status and the white list are kept by the talent office',
      },
      { fields: given },
    );
}

/** Registers an enterprise (the district, or HR for their own employer, who then acts for it). */
export async function registerEnterprise(ctx: Ctx, input: RegisterEnterpriseInput): Promise<EnterpriseView> {
  const actor = authorize(ctx, 'enterprise:create');
  const district = districtOf(ctx);
  refuseAdminOnly(ctx, actor, input);
  const creditCode = checkCreditCode(ctx, input.creditCode);
  return ctx.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    if (actor.role === 'enterprise' && (await repo.findMemberEnterpriseId(tx, actor.accountId)))
      throw new AppError('conflict', {
        zh: '该账号已关联企业',
        en: 'This account already acts for an enterprise',
      });
    if (await repo.findEnterpriseByCreditCode(tx, district, creditCode))
      throw new AppError(
        'conflict',
        { zh: '该统一社会信用代码已登记', en: 'This credit code is already registered' },
        { fields: [{ field: 'creditCode', message: t(ctx, '已登记', 'already registered') }] },
      );
    const row = await repo.insertEnterprise(tx, {
      district,
      creditCode,
      name: input.name.trim(),
      industry: input.industry?.trim() || null,
      scale: input.scale ?? null,
      registeredInDistrict: input.registeredInDistrict ?? true,
      tags: input.tags ?? [],
      creditStatus: input.creditStatus ?? 'normal',
      whiteListed: input.whiteListed ?? false,
    });
    if (actor.role === 'enterprise') await repo.linkMember(tx, actor.accountId, row.id);
    await appendAudit(ctx, tx, {
      action: 'enterprise.register',
      object: `enterprise:${row.id}`,
      outcome: 'success',
      details: { creditCode },
    });
    return toEnterpriseView(row);
  });
}

/** Enterprises of the district by name or credit code (talents pick their employer here). */
export async function listEnterprises(ctx: Ctx, f: repo.EnterpriseFilter) {
  authorize(ctx, 'enterprise:search');
  const { rows, total } = await repo.listEnterprises(ctx.db, districtOf(ctx), f);
  return { items: rows.map(toEnterpriseView), total, page: f.page, pageSize: f.pageSize };
}

async function getInDistrict(ctx: Ctx, enterpriseId: number): Promise<repo.EnterpriseRow> {
  const e = await repo.findEnterprise(ctx.db, enterpriseId);
  if (!e || e.district !== districtOf(ctx)) throw new AppError('not_found', 'not_found');
  return e;
}

export async function getEnterprise(ctx: Ctx, enterpriseId: number): Promise<EnterpriseView> {
  authorize(ctx, 'enterprise:search');
  return toEnterpriseView(await getInDistrict(ctx, enterpriseId));
}

/** The enterprise the signed-in HR account acts for. */
export async function getMyEnterprise(ctx: Ctx): Promise<EnterpriseView> {
  const actor = authorize(ctx, 'enterprise:read-own');
  const id = await repo.findMemberEnterpriseId(ctx.db, actor.accountId);
  const e = id ? await repo.findEnterprise(ctx.db, id) : undefined;
  if (!e || e.district !== districtOf(ctx))
    throw new AppError('not_found', {
      zh: '该账号尚未关联企业，请先登记企业',
      en: 'This account acts for no enterprise yet; register it first',
    });
  return toEnterpriseView(e);
}

/** The district's changes: industry, scale, tags, credit status (红/黑名单) and the white list. */
export type UpdateEnterpriseInput = {
  name?: string | undefined;
  industry?: string | null | undefined;
  scale?: EnterpriseView['scale'] | undefined;
  registeredInDistrict?: boolean | undefined;
  tags?: EnterpriseView['tags'] | undefined;
  creditStatus?: EnterpriseView['creditStatus'] | undefined;
  whiteListed?: boolean | undefined;
};

export async function updateEnterprise(
  ctx: Ctx,
  enterpriseId: number,
  patch: UpdateEnterpriseInput,
): Promise<EnterpriseView> {
  authorize(ctx, 'enterprise:manage');
  const e = await getInDistrict(ctx, enterpriseId);
  return ctx.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    const set: Record<string, unknown> = {};
    for (const k of [
      'name',
      'industry',
      'scale',
      'registeredInDistrict',
      'tags',
      'creditStatus',
      'whiteListed',
    ] as const)
      if (patch[k] !== undefined) set[k] = patch[k];
    const row = await repo.updateEnterprise(tx, e.id, set);
    if (!row) throw new AppError('not_found', 'not_found');
    await appendAudit(ctx, tx, {
      action: 'enterprise.update',
      object: `enterprise:${e.id}`,
      outcome: 'success',
      details: {
        before: Object.fromEntries(Object.keys(set).map((k) => [k, (e as Record<string, unknown>)[k]])),
        after: set,
      },
    });
    return toEnterpriseView(row);
  });
}

/** HR may act for their own enterprise; the administrator for any in the district. */
async function staffScope(
  ctx: Ctx,
  enterpriseId: number,
  action: 'enterprise:staff' | 'enterprise:register',
): Promise<{ actor: Actor; enterprise: repo.EnterpriseRow }> {
  const actor = authorize(ctx, action);
  const enterprise = await getInDistrict(ctx, enterpriseId);
  if (
    actor.role === 'enterprise' &&
    (await repo.findMemberEnterpriseId(ctx.db, actor.accountId)) !== enterprise.id
  )
    throw new AppError('forbidden', 'forbidden', { enterpriseId });
  return { actor, enterprise };
}

export type AddEmployeeInput = {
  name: string;
  idNumber: string;
  phone?: string | undefined;
  position?: string | undefined;
  startDate: string;
  contractYears?: number | undefined;
};

/**
 * HR adds an employee by name and ID number: the existing record (found by the ID's lookup hash) is
 * linked, or a new one is created; the employment is confirmed by the employer at once.
 */
export async function addEmployee(ctx: Ctx, enterpriseId: number, input: AddEmployeeInput) {
  const { actor, enterprise } = await staffScope(ctx, enterpriseId, 'enterprise:staff');
  const { name, id, phone } = checkIdentity(ctx, input, false);
  const sealed = sealIdentity(piiCipher(ctx.config), id.value, phone);
  return ctx.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    let talent = await talentsRepo.findTalentByIdHash(tx, enterprise.district, sealed.idNumberHash);
    const created = !talent;
    if (talent && talent.name !== name)
      throw fieldErrors([
        {
          field: 'name',
          message: t(
            ctx,
            '姓名与该身份证号的档案不一致',
            'the name does not match the record of this ID number',
          ),
        },
      ]);
    talent ??= await talentsRepo.insertTalent(tx, {
      district: enterprise.district,
      name,
      idKind: id.kind === 'foreign_permanent_resident' ? 'permanent_resident' : 'resident',
      ...sealed,
      birthDate: id.birthDate,
      gender: id.sex,
      createdBy: actor.username,
    });
    const current = await talentsRepo.findCurrentEmployment(tx, talent.id, enterprise.id);
    if (current?.status === 'confirmed')
      throw new AppError('conflict', {
        zh: '该人员已在本单位花名册中',
        en: 'This person is already on the register',
      });
    const confirm = { status: 'confirmed', confirmedBy: actor.username, confirmedAt: ctx.now() } as const;
    const employment = current
      ? await talentsRepo.setEmploymentStatus(tx, current.id, 'pending', {
          ...confirm,
          position: input.position ?? current.position,
          startDate: input.startDate,
          contractYears: input.contractYears ?? current.contractYears,
        })
      : await talentsRepo.insertEmployment(tx, {
          district: enterprise.district,
          talentId: talent.id,
          enterpriseId: enterprise.id,
          position: input.position ?? null,
          startDate: input.startDate,
          contractYears: input.contractYears ?? null,
          requestedBy: actor.username,
          ...confirm,
        });
    if (!employment)
      throw new AppError('conflict', {
        zh: '该就业申报已被处理，请刷新',
        en: 'The employment claim changed meanwhile; reload',
      });
    await appendAudit(ctx, tx, {
      action: 'enterprise.employee.add',
      object: `employment:${employment.id}`,
      outcome: 'success',
      details: { talentId: talent.id, enterpriseId: enterprise.id, createdRecord: created },
    });
    return {
      talent: toTalentView(ctx, talent),
      employment: toEmploymentView({
        ...employment,
        enterpriseName: enterprise.name,
        creditCode: enterprise.creditCode,
      }),
      created,
    };
  });
}

/** HR confirms (employment facts become 单位确认) or rejects a talent's employment claim. */
export async function decideEmployment(
  ctx: Ctx,
  enterpriseId: number,
  employmentId: number,
  decision: 'confirm' | 'reject',
): Promise<EmploymentView> {
  const { actor, enterprise } = await staffScope(ctx, enterpriseId, 'enterprise:staff');
  const current = await talentsRepo.findEmployment(ctx.db, employmentId);
  if (!current || current.enterpriseId !== enterprise.id) throw new AppError('not_found', 'not_found');
  return ctx.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    const row = await talentsRepo.setEmploymentStatus(
      tx,
      employmentId,
      'pending',
      decision === 'confirm'
        ? { status: 'confirmed', confirmedBy: actor.username, confirmedAt: ctx.now() }
        : { status: 'rejected', confirmedBy: actor.username, confirmedAt: ctx.now() },
    );
    if (!row)
      throw new AppError(
        'conflict',
        { zh: '该申报已处理', en: 'This claim has already been decided' },
        { status: current.status },
      );
    await appendAudit(ctx, tx, {
      action: `enterprise.employment.${decision}`,
      object: `employment:${row.id}`,
      outcome: 'success',
      details: { talentId: row.talentId },
    });
    return toEmploymentView({ ...row, enterpriseName: enterprise.name, creditCode: enterprise.creditCode });
  });
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
export const EXPIRING_DAYS = 90;

function contractEnd(start: string | null, years: number | null): string | null {
  if (!start || !years) return null;
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return iso(d);
}

export type RegisterQuery = {
  status?: string | undefined;
  q?: string | undefined;
  tier?: string | undefined;
  expiring?: boolean | undefined;
};

/** The register (一企一册): who, tier, certification status and what expires within 90 days. */
export async function getRegister(ctx: Ctx, enterpriseId: number, f: RegisterQuery) {
  const { enterprise } = await staffScope(ctx, enterpriseId, 'enterprise:register');
  const rows = await repo.listRegister(ctx.db, enterprise.id, f);
  const certs = await repo.latestCertifications(ctx.db, [...new Set(rows.map((r) => r.talentId))]);
  const today = iso(ctx.now());
  const horizon = iso(new Date(ctx.now().getTime() + EXPIRING_DAYS * DAY));
  const cipher = piiCipher(ctx.config);
  let items = rows.map((r) => {
    const c = certs.get(r.talentId);
    const current =
      c?.status === 'approved' && c.validTo !== null && c.validTo >= today && (c.validFrom ?? today) <= today;
    const expiring: { kind: 'certification' | 'contract'; date: string }[] = [];
    if (current && c?.validTo && c.validTo <= horizon)
      expiring.push({ kind: 'certification', date: c.validTo });
    const end = contractEnd(r.startDate, r.contractYears);
    if (r.status === 'confirmed' && end && end >= today && end <= horizon)
      expiring.push({ kind: 'contract', date: end });
    return {
      employmentId: r.employmentId,
      talentId: r.talentId,
      name: r.name,
      idNumberMasked: maskIdNumber(cipher.decrypt(r.idNumberEnc)),
      position: r.position,
      startDate: r.startDate,
      contractYears: r.contractYears,
      status: r.status,
      tier: current && c?.tier ? c.tier : 'NONE',
      certificationStatus: c ? (c.status === 'approved' && !current ? 'expired' : c.status) : null,
      validTo: c?.validTo ?? null,
      expiring,
    };
  });
  if (f.tier) items = items.filter((i) => i.tier === f.tier);
  if (f.expiring) items = items.filter((i) => i.expiring.length > 0);
  return {
    enterprise: toEnterpriseView(enterprise),
    items,
    counts: {
      confirmed: items.filter((i) => i.status === 'confirmed').length,
      pending: items.filter((i) => i.status === 'pending').length,
      certified: items.filter((i) => i.tier !== 'NONE').length,
      expiring: items.filter((i) => i.expiring.length > 0).length,
    },
  };
}

/** The filtered register as an .xlsx workbook (ID numbers masked, as on screen). */
export async function exportRegister(
  ctx: Ctx,
  enterpriseId: number,
  f: RegisterQuery,
): Promise<{ fileName: string; bytes: Buffer }> {
  const register = await getRegister(ctx, enterpriseId, f);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t(ctx, '人才花名册', 'Register'));
  ws.columns = [
    { header: t(ctx, '姓名', 'Name'), key: 'name', width: 14 },
    { header: t(ctx, '身份证号', 'ID number'), key: 'idNumberMasked', width: 22 },
    { header: t(ctx, '岗位', 'Position'), key: 'position', width: 16 },
    { header: t(ctx, '入职日期', 'Start date'), key: 'startDate', width: 12 },
    { header: t(ctx, '合同年限', 'Contract years'), key: 'contractYears', width: 10 },
    { header: t(ctx, '就业状态', 'Employment'), key: 'status', width: 12 },
    { header: t(ctx, '人才层次', 'Tier'), key: 'tier', width: 10 },
    { header: t(ctx, '认定状态', 'Certification'), key: 'certificationStatus', width: 14 },
    { header: t(ctx, '认定有效期至', 'Valid to'), key: 'validTo', width: 12 },
    { header: t(ctx, '即将到期', 'Expiring'), key: 'expiringText', width: 28 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const i of register.items)
    ws.addRow({
      ...i,
      tier: i.tier === 'NONE' ? '' : i.tier,
      expiringText: i.expiring
        .map(
          (e) =>
            `${e.kind === 'contract' ? t(ctx, '合同', 'contract') : t(ctx, '认定', 'certification')} ${e.date}`,
        )
        .join('; '),
    });
  await ctx.db.transaction(async (tx) => {
    await appendAudit(ctx, tx as unknown as Db, {
      action: 'enterprise.register.export',
      object: `enterprise:${enterpriseId}`,
      outcome: 'success',
      details: { rows: register.items.length, filters: f },
    });
  });
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `register-${register.enterprise.creditCode}-${iso(ctx.now())}.xlsx`, bytes };
}
