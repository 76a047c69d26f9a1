// 一人一档: registering a talent (self-service, by HR, by the district, by a service station), reading the
// record, the profile's facts with their source, employment claims and the audited reveal of the ID number.

import { type Condition, checkFacts, coreSchema, type FactSchema, type Facts } from '@rencai/engine';
import { type Actor, allowPublic, authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { hashPassword } from '../../lib/password';
import { validateCreditCode } from '../../lib/validate/credit-code';
import { validateIdNumber } from '../../lib/validate/id-number';
import { normalizeMobile } from '../../lib/validate/phone';
import { appendAudit } from '../audit/audit.service';
import * as documentsRepo from '../documents/documents.repo';
import * as enterprisesRepo from '../enterprises/enterprises.repo';
import { findAccountByUsername } from '../identity/identity.repo';
import { redecideTalent } from '../matching/matching.decide';
import { findActivePack } from '../policies/pack-cache';
import { requireStationConsent } from '../stations/stations.service';
import { findCurrentCertification } from './talents.facts';
import {
  DISPLAY_FACTS,
  isDisplayFact,
  MANAGED_FACTS,
  PROFILE_FACTS,
  type ProfileSection,
} from './talents.fields';
import { maskedIdentity, piiCipher, sealIdentity } from './talents.pii';
import * as repo from './talents.repo';

export type FieldError = { field: string; message: string };

/** 400 validation_failed naming every wrong field (`details.fields[].field`), in the caller's language. */
export function fieldErrors(fields: FieldError[]): AppError {
  return new AppError(
    'validation_failed',
    {
      zh: `填写有误：${fields.map((f) => f.message).join('；')}`,
      en: `Please correct: ${fields.map((f) => f.message).join('; ')}`,
    },
    { fields },
  );
}

const t = (ctx: Ctx, zh: string, en: string) => (ctx.lang === 'en' ? en : zh);

/** The problem with an ID number in words, or undefined when it is valid. */
export function idNumberProblem(ctx: Ctx, raw: string): string | undefined {
  const r = validateIdNumber(raw, ctx.now());
  if (r.ok) return undefined;
  const text: Record<string, [string, string]> = {
    format: ['身份证号应为18位，最后一位可为 X', 'the ID number has 18 characters; the last may be X'],
    province: ['身份证号的地区码不存在', 'the ID number has an unknown region code'],
    birth_date: ['身份证号中的出生日期不存在', 'the birth date in the ID number does not exist'],
    future_birth_date: ['身份证号中的出生日期晚于今天', 'the birth date in the ID number is in the future'],
    check_char: ['身份证号校验位不正确，请核对', 'the ID number check character is wrong; please check it'],
  };
  const [zh, en] = text[r.problem] ?? text.format ?? ['', ''];
  return t(ctx, zh, en);
}

export type TalentView = {
  id: number;
  district: string;
  name: string;
  idKind: 'resident' | 'permanent_resident';
  idNumberMasked: string;
  phoneMasked: string | null;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  hasAccount: boolean;
  createdAt: string;
};

/** A talent row as a response: the ID number and phone masked, never in full. */
export function toTalentView(ctx: Pick<Ctx, 'config'>, row: repo.TalentRow): TalentView {
  return {
    id: row.id,
    district: row.district,
    name: row.name,
    idKind: row.idKind === 'permanent_resident' ? 'permanent_resident' : 'resident',
    ...maskedIdentity(piiCipher(ctx.config), row),
    birthDate: row.birthDate,
    gender: row.gender === 'male' || row.gender === 'female' ? row.gender : null,
    hasAccount: row.accountId !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

export type RegisterInput = {
  name: string;
  idNumber: string;
  phone?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
};

/** Validates the identity fields of a new talent; throws validation_failed naming each wrong field. */
export function checkIdentity(ctx: Ctx, input: RegisterInput, selfService: boolean) {
  const fields: FieldError[] = [];
  const name = input.name.trim();
  if (!name) fields.push({ field: 'name', message: t(ctx, '请填写姓名', 'enter the name') });
  const idProblem = idNumberProblem(ctx, input.idNumber);
  if (idProblem) fields.push({ field: 'idNumber', message: idProblem });
  let phone: string | null = null;
  if (input.phone?.trim()) {
    phone = normalizeMobile(input.phone);
    if (!phone)
      fields.push({
        field: 'phone',
        message: t(ctx, '手机号应为11位大陆手机号', 'enter an 11-digit mainland mobile number'),
      });
  } else if (selfService)
    fields.push({ field: 'phone', message: t(ctx, '请填写手机号', 'enter a mobile number') });
  if (selfService) {
    if (!input.username || !/^[A-Za-z][A-Za-z0-9_.-]{3,31}$/.test(input.username))
      fields.push({
        field: 'username',
        message: t(
          ctx,
          '用户名为4–32位字母、数字、点或下划线，以字母开头',
          'the username has 4–32 letters, digits, dots or underscores and starts with a letter',
        ),
      });
    if (!input.password || input.password.length < 8)
      fields.push({
        field: 'password',
        message: t(ctx, '密码至少8位', 'the password needs at least 8 characters'),
      });
  }
  if (fields.length) throw fieldErrors(fields);
  const id = validateIdNumber(input.idNumber, ctx.now());
  if (!id.ok) throw new Error('unreachable');
  return { name, id, phone };
}

function districtOf(ctx: Ctx): string {
  if (!ctx.district) throw new AppError('not_found', 'not_found');
  return ctx.district;
}

/**
 * Registers a talent. Anonymous callers register themselves (an account with a password, then they sign
 * in); enterprise HR, a service station (for a consenting talent) and the district administrator register
 * someone else. One record per person and district: a second registration of the same ID is a conflict.
 */
export async function registerTalent(
  ctx: Ctx,
  input: RegisterInput,
): Promise<{ talent: TalentView; created: boolean }> {
  const selfService = ctx.actor === null;
  if (selfService) allowPublic('talent:register');
  else authorize(ctx, 'talent:create');
  const district = districtOf(ctx);
  if (!(await enterprisesRepo.districtExists(ctx.db, district))) throw new AppError('not_found', 'not_found');
  const { name, id, phone } = checkIdentity(ctx, input, selfService);
  const cipher = piiCipher(ctx.config);
  const sealed = sealIdentity(cipher, id.value, phone);
  const passwordHash = selfService ? await hashPassword(input.password as string) : '';
  return ctx.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    const existing = await repo.findTalentByIdHash(tx, district, sealed.idNumberHash);
    // A record HR or the district created before the person signed up is claimed by its owner, proven by the phone on file.
    const claimable =
      selfService &&
      existing &&
      existing.accountId === null &&
      (existing.phoneHash === null || existing.phoneHash === sealed.phoneHash);
    if (existing && !claimable) {
      throw new AppError(
        'conflict',
        {
          zh: '该身份证号已登记，请直接登录或联系人才办',
          en: 'This ID number is already registered; sign in or contact the talent office',
        },
        {
          fields: [
            {
              field: 'idNumber',
              message: t(ctx, '该身份证号已登记', 'this ID number is already registered'),
            },
          ],
        },
      );
    }
    let accountId: number | null = null;
    if (selfService) {
      const username = input.username as string;
      if (await findAccountByUsername(tx, username)) {
        throw new AppError(
          'conflict',
          { zh: '该用户名已被使用', en: 'This username is taken' },
          { fields: [{ field: 'username', message: t(ctx, '该用户名已被使用', 'this username is taken') }] },
        );
      }
      accountId = await repo.insertAccount(tx, { district, username, displayName: name, passwordHash });
    }
    let row: repo.TalentRow;
    if (existing && accountId) {
      await repo.linkAccount(tx, existing.id, accountId);
      row = { ...existing, accountId };
    } else {
      row = await repo.insertTalent(tx, {
        district,
        accountId,
        name,
        idKind: id.kind === 'foreign_permanent_resident' ? 'permanent_resident' : 'resident',
        ...sealed,
        birthDate: id.birthDate,
        gender: id.sex,
        createdBy: ctx.actor?.username ?? (input.username as string),
      });
    }
    await appendAudit(
      ctx,
      tx,
      {
        action: 'talent.register',
        object: `talent:${row.id}`,
        outcome: 'success',
        details: { selfService, claimed: Boolean(existing) },
      },
      ctx.actor?.username ?? input.username,
    );
    return { talent: toTalentView(ctx, row), created: !existing };
  });
}

// ---------------------------------------------------------------- scope

/** Whether the actor may see (and, with `write`, change) this talent's record; throws otherwise. */
export async function assertTalentScope(ctx: Ctx, actor: Actor, talent: repo.TalentRow): Promise<void> {
  if (talent.district !== actor.district) throw new AppError('not_found', 'not_found');
  switch (actor.role) {
    case 'talent':
      if (talent.accountId === actor.accountId) return;
      break;
    case 'enterprise': {
      const enterpriseId = await enterprisesRepo.findMemberEnterpriseId(ctx.db, actor.accountId);
      if (enterpriseId && (await repo.isEmployedAt(ctx.db, talent.id, enterpriseId))) return;
      break;
    }
    case 'station':
      // A service station acts only for a talent who consented (recorded, revocable, time-limited).
      await requireStationConsent(ctx.db, actor, talent.id, 'record', ctx.now());
      return;
    case 'reviewer':
    case 'admin':
      return;
    default:
      break;
  }
  throw new AppError('forbidden', 'forbidden', { talentId: talent.id });
}

/** The talent, in the caller's district and scope; not_found or forbidden otherwise. */
export async function getScopedTalent(ctx: Ctx, actor: Actor, talentId: number): Promise<repo.TalentRow> {
  const talent = await repo.findTalent(ctx.db, talentId);
  if (!talent || talent.district !== districtOf(ctx)) throw new AppError('not_found', 'not_found');
  await assertTalentScope(ctx, actor, talent);
  return talent;
}

// ---------------------------------------------------------------- reading

export type FactView = {
  name: string;
  value: unknown;
  source: 'self' | 'employer' | 'department' | 'exchange';
  documentIds: number[];
  verifiedBy: string | null;
  verifiedAt: string | null;
  updatedAt: string;
};

export type EmploymentView = {
  id: number;
  talentId: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string;
  position: string | null;
  startDate: string | null;
  endDate: string | null;
  contractYears: number | null;
  status: 'pending' | 'confirmed' | 'rejected' | 'ended';
  confirmedAt: string | null;
};

export const toEmploymentView = (e: repo.EmploymentView): EmploymentView => ({
  id: e.id,
  talentId: e.talentId,
  enterpriseId: e.enterpriseId,
  enterpriseName: e.enterpriseName,
  creditCode: e.creditCode,
  position: e.position,
  startDate: e.startDate,
  endDate: e.endDate,
  contractYears: e.contractYears,
  status: e.status as EmploymentView['status'],
  confirmedAt: e.confirmedAt?.toISOString() ?? null,
});

export type TalentRecordView = {
  talent: TalentView;
  facts: FactView[];
  employments: EmploymentView[];
  documents: documentsRepo.DocumentView[];
  certification: { tier: string; validFrom: string | null; validTo: string | null } | null;
};

async function recordOf(ctx: Ctx, talent: repo.TalentRow): Promise<TalentRecordView> {
  const facts = await repo.listFacts(ctx.db, talent.id);
  const cert = await findCurrentCertification(ctx.db, talent.id, ctx.now());
  return {
    talent: toTalentView(ctx, talent),
    facts: facts.map((f) => ({
      name: f.name,
      value: f.value,
      source: f.source,
      documentIds: f.documentIds,
      verifiedBy: f.verifiedBy,
      verifiedAt: f.verifiedAt?.toISOString() ?? null,
      updatedAt: f.updatedAt.toISOString(),
    })),
    employments: (await repo.listEmploymentsOfTalent(ctx.db, talent.id)).map(toEmploymentView),
    documents: await documentsRepo.listDocumentsOfTalent(ctx.db, talent.id),
    certification: cert?.tier ? { tier: cert.tier, validFrom: cert.validFrom, validTo: cert.validTo } : null,
  };
}

/** The signed-in talent's own record (一人一档). */
export async function getMyRecord(ctx: Ctx): Promise<TalentRecordView> {
  const actor = authorize(ctx, 'talent:me');
  const talent = await repo.findTalentByAccount(ctx.db, actor.accountId);
  if (!talent || talent.district !== districtOf(ctx))
    throw new AppError('not_found', { zh: '尚未建立人才档案', en: 'No talent record yet' });
  return recordOf(ctx, talent);
}

/** A talent's record for the roles that work with it (own HR, reviewers, stations, the district). */
export async function getTalentRecord(ctx: Ctx, talentId: number): Promise<TalentRecordView> {
  const actor = authorize(ctx, 'talent:read');
  return recordOf(ctx, await getScopedTalent(ctx, actor, talentId));
}

/** The talent linked to an account, if any (for other modules: claims, talent code, dashboards). */
export async function getTalentByAccount(db: Db, accountId: number): Promise<repo.TalentRow | undefined> {
  return repo.findTalentByAccount(db, accountId);
}

/** A page of the district's talents (masked), for reviewers, stations and the district. */
export async function listTalents(ctx: Ctx, query: repo.TalentListFilter) {
  authorize(ctx, 'talent:list');
  const { rows, total } = await repo.listTalents(ctx.db, districtOf(ctx), query);
  return { items: rows.map((r) => toTalentView(ctx, r)), total, page: query.page, pageSize: query.pageSize };
}

/** The full ID number and phone, for the roles whose work needs them; every reveal is audited. */
export async function revealIdentity(
  ctx: Ctx,
  talentId: number,
): Promise<{ idNumber: string; phone: string | null }> {
  const actor = authorize(ctx, 'talent:reveal');
  const talent = await getScopedTalent(ctx, actor, talentId);
  const cipher = piiCipher(ctx.config);
  await ctx.db.transaction(async (tx) => {
    await appendAudit(ctx, tx as unknown as Db, {
      action: 'talent.reveal',
      object: `talent:${talent.id}`,
      outcome: 'success',
      details: { fields: ['idNumber', 'phone'] },
    });
  });
  return {
    idNumber: cipher.decrypt(talent.idNumberEnc),
    phone: talent.phoneEnc ? cipher.decrypt(talent.phoneEnc) : null,
  };
}

// ---------------------------------------------------------------- the profile's facts

/** The fact schema of the district's published pack (core facts when none is published yet). */
export async function districtSchema(
  db: Db,
  district: string,
): Promise<{ schema: FactSchema; tiers: { criteria: Condition }[]; policies: { conditions: Condition }[] }> {
  const active = await findActivePack(db, district);
  if (!active) return { schema: coreSchema([]), tiers: [], policies: [] };
  return {
    schema: active.pack.pack.schema,
    tiers: active.pack.pack.tiers,
    policies: active.pack.pack.policies,
  };
}

/** The names the profile may write: the sections' engine facts, the pack's own talent facts, display-only fields. */
function writableFact(schema: FactSchema, name: string): boolean {
  if (MANAGED_FACTS.has(name)) return false;
  if (isDisplayFact(name)) return true;
  if (Object.values(PROFILE_FACTS).some((names) => names.includes(name))) return true;
  const def = schema[name];
  return def?.origin === 'pack' && def.subject !== 'enterprise';
}

function sourceFor(actor: Actor): FactView['source'] {
  if (actor.role === 'enterprise') return 'employer';
  if (actor.role === 'reviewer' || actor.role === 'admin') return 'department';
  return 'self'; // the talent, or a service station acting for them
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Checks a map of profile facts against the district's schema; returns the field errors. */
export function checkProfileFacts(
  ctx: Ctx,
  schema: FactSchema,
  facts: Record<string, unknown>,
): FieldError[] {
  const fields: FieldError[] = [];
  for (const [name, value] of Object.entries(facts)) {
    const field = `facts.${name}`;
    if (!writableFact(schema, name)) {
      fields.push({
        field,
        message: t(ctx, `不能在档案中填写 ${name}`, `${name} cannot be set in the profile`),
      });
      continue;
    }
    if (value === null) continue;
    const display = DISPLAY_FACTS[name];
    if (display) {
      if (typeof value !== 'string' || value.length > display.maxLength)
        fields.push({
          field,
          message: t(
            ctx,
            `${name} 应为不超过${display.maxLength}字的文字`,
            `${name} is text of at most ${display.maxLength} characters`,
          ),
        });
      continue;
    }
    for (const p of checkFacts(schema, 'talent', { [name]: value as Facts[string] }))
      fields.push({ field, message: ctx.lang === 'en' ? p.message : p.messageZh });
    if (typeof value === 'number' && value < 0)
      fields.push({ field, message: t(ctx, `${name} 不能为负数`, `${name} cannot be negative`) });
    if (
      schema[name]?.type === 'date' &&
      typeof value === 'string' &&
      value > ctx.now().toISOString().slice(0, 10) &&
      name !== 'graduationDate'
    )
      fields.push({ field, message: t(ctx, `${name} 不能晚于今天`, `${name} cannot be in the future`) });
  }
  return fields;
}

export type UpdateFactsInput = {
  facts: Record<string, unknown>;
  documentIds?: Record<string, number[]> | undefined;
};

/**
 * Writes profile facts. Each row records who vouches for it: the talent's own entry is 自主申报 (self),
 * HR's is 单位确认 (employer), a department's is 部门核验 (department). A self-declared change of a
 * verified value resets it to self; restating the same value changes nothing.
 */
export async function updateFacts(
  ctx: Ctx,
  talentId: number,
  input: UpdateFactsInput,
): Promise<TalentRecordView> {
  const actor = authorize(ctx, 'talent:update-facts');
  const talent = await getScopedTalent(ctx, actor, talentId);
  const { schema } = await districtSchema(ctx.db, talent.district);
  const fields = checkProfileFacts(ctx, schema, input.facts);
  const docs = input.documentIds ?? {};
  const docIds = [...new Set(Object.values(docs).flat())];
  if (docIds.length) {
    const owned = await documentsRepo.documentIdsOfTalent(ctx.db, talent.id, docIds);
    for (const [name, ids] of Object.entries(docs))
      if (ids.some((id) => !owned.has(id)))
        fields.push({
          field: `documentIds.${name}`,
          message: t(ctx, '证明材料不属于该档案', 'the evidence document is not on this record'),
        });
  }
  if (fields.length) throw fieldErrors(fields);
  const source = sourceFor(actor);
  await ctx.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    const current = new Map((await repo.listFacts(tx, talent.id)).map((f) => [f.name, f]));
    const removed: string[] = [];
    const rows: Parameters<typeof repo.upsertFacts>[1] = [];
    for (const [name, value] of Object.entries(input.facts)) {
      const old = current.get(name);
      if (value === null) {
        if (old) removed.push(name);
        continue;
      }
      const documentIds = docs[name] ?? old?.documentIds ?? [];
      const unchanged = old && sameValue(old.value, value) && sameValue(old.documentIds, documentIds);
      // Restating a value keeps a stronger source; a department or employer restating it confirms it.
      if (unchanged && (source === 'self' || old.source === source)) continue;
      const keepVerification = unchanged && old.source === 'department' && source !== 'department';
      rows.push({
        talentId: talent.id,
        name,
        value,
        source: keepVerification ? old.source : source,
        documentIds,
        verifiedBy: source === 'department' ? actor.username : keepVerification ? old.verifiedBy : null,
        verifiedAt: source === 'department' ? ctx.now() : keepVerification ? old.verifiedAt : null,
        updatedBy: actor.username,
      });
    }
    await repo.deleteFacts(tx, talent.id, removed);
    await repo.upsertFacts(tx, rows);
    await appendAudit(ctx, tx, {
      action: 'talent.facts.update',
      object: `talent:${talent.id}`,
      outcome: 'success',
      details: { source, changed: rows.map((r) => r.name), removed },
    });
  });
  await redecideTalent(ctx.db, talent.district, talent.id, { config: ctx.config }); // 政策找人: re-decide at once
  return recordOf(ctx, talent);
}

/** Marks facts as checked by a department against the evidence (部门核验). */
export async function verifyFacts(ctx: Ctx, talentId: number, names: string[]): Promise<TalentRecordView> {
  const actor = authorize(ctx, 'talent:verify-facts');
  const talent = await getScopedTalent(ctx, actor, talentId);
  await ctx.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    const current = new Map((await repo.listFacts(tx, talent.id)).map((f) => [f.name, f]));
    const missing = names.filter((n) => !current.has(n));
    if (missing.length)
      throw fieldErrors(
        missing.map((n) => ({
          field: `names.${n}`,
          message: t(ctx, `档案中没有 ${n}`, `${n} is not on the record`),
        })),
      );
    await repo.upsertFacts(
      tx,
      names.map((n) => {
        const f = current.get(n) as repo.FactRow;
        return {
          ...f,
          source: 'department' as const,
          verifiedBy: actor.username,
          verifiedAt: ctx.now(),
          updatedBy: actor.username,
        };
      }),
    );
    await appendAudit(ctx, tx, {
      action: 'talent.facts.verify',
      object: `talent:${talent.id}`,
      outcome: 'success',
      details: { names },
    });
  });
  return recordOf(ctx, talent);
}

// ---------------------------------------------------------------- employment

export type ClaimEmploymentInput = {
  enterpriseId?: number | undefined;
  creditCode?: string | undefined;
  position?: string | undefined;
  startDate: string;
  contractYears?: number | undefined;
};

/** A talent declares where they work; the employer's HR confirms or rejects it (pending → confirmed). */
export async function claimEmployment(
  ctx: Ctx,
  talentId: number,
  input: ClaimEmploymentInput,
): Promise<EmploymentView> {
  const actor = authorize(ctx, 'employment:claim');
  const talent = await getScopedTalent(ctx, actor, talentId);
  let enterprise: enterprisesRepo.EnterpriseRow | undefined;
  if (input.enterpriseId) enterprise = await enterprisesRepo.findEnterprise(ctx.db, input.enterpriseId);
  else if (input.creditCode) {
    const code = validateCreditCode(input.creditCode);
    if (!code.ok)
      throw fieldErrors([
        {
          field: 'creditCode',
          message: t(ctx, '统一社会信用代码不正确', 'the unified social credit code is not valid'),
        },
      ]);
    enterprise = await enterprisesRepo.findEnterpriseByCreditCode(ctx.db, talent.district, code.value);
  } else
    throw fieldErrors([{ field: 'enterpriseId', message: t(ctx, '请选择用人单位', 'choose the employer') }]);
  if (!enterprise || enterprise.district !== talent.district)
    throw fieldErrors([
      {
        field: input.enterpriseId ? 'enterpriseId' : 'creditCode',
        message: t(ctx, '本区未登记该单位', 'no such employer is registered in the district'),
      },
    ]);
  if (input.startDate > ctx.now().toISOString().slice(0, 10))
    throw fieldErrors([
      {
        field: 'startDate',
        message: t(ctx, '入职日期不能晚于今天', 'the start date cannot be in the future'),
      },
    ]);
  const found = enterprise;
  return ctx.db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    if (await repo.findCurrentEmployment(tx, talent.id, found.id))
      throw new AppError('conflict', { zh: '已申报在该单位就业', en: 'This employment is already declared' });
    const row = await repo.insertEmployment(tx, {
      district: talent.district,
      talentId: talent.id,
      enterpriseId: found.id,
      position: input.position ?? null,
      startDate: input.startDate,
      contractYears: input.contractYears ?? null,
      status: 'pending',
      requestedBy: actor.username,
    });
    await appendAudit(ctx, tx, {
      action: 'employment.claim',
      object: `employment:${row.id}`,
      outcome: 'success',
      details: { talentId: talent.id, enterpriseId: found.id },
    });
    return toEmploymentView({ ...row, enterpriseName: found.name, creditCode: found.creditCode });
  });
}

// ---------------------------------------------------------------- options for the profile form

const humanise = (v: string) => v.replace(/_/g, ' ');

function collectHonours(c: Condition, into: Map<string, { zh: string; en: string }>): void {
  if ('all' in c) for (const x of c.all) collectHonours(x, into);
  else if ('any' in c) for (const x of c.any) collectHonours(x, into);
  else if ('not' in c) collectHonours(c.not, into);
  else if (c.fact === 'honours') {
    const values = Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value];
    for (const v of values) {
      const code = String(v);
      const label = values.length === 1 && c.label ? c.label : { zh: code, en: humanise(code) };
      if (!into.has(code) || into.get(code)?.zh === code) into.set(code, label);
    }
  }
}

/** The honour codes (荣誉称号) the district's catalogue and policies test, with their labels. */
export async function listHonourOptions(
  db: Db,
  district: string,
): Promise<{ value: string; zh: string; en: string }[]> {
  const { tiers, policies } = await districtSchema(db, district);
  const found = new Map<string, { zh: string; en: string }>();
  for (const tier of tiers) collectHonours(tier.criteria, found);
  for (const p of policies) collectHonours(p.conditions, found);
  return [...found].map(([value, label]) => ({ value, ...label }));
}

/** The profile form: its sections and fields with labels and choices in the caller's language. */
export async function getProfileOptions(ctx: Ctx) {
  authorize(ctx, 'talent:read');
  const district = districtOf(ctx);
  const { schema } = await districtSchema(ctx.db, district);
  const sections = (Object.keys(PROFILE_FACTS) as ProfileSection[]).map((id) => {
    const names = [...PROFILE_FACTS[id]];
    for (const [name, d] of Object.entries(DISPLAY_FACTS)) if (d.section === id) names.unshift(name);
    if (id === 'titles')
      for (const def of Object.values(schema))
        if (def.origin === 'pack' && def.subject === 'talent' && def.type === 'enum') names.push(def.name);
    return {
      id,
      fields: names.map((name) => {
        const def = schema[name];
        const display = isDisplayFact(name);
        return {
          name,
          type: display ? 'string' : (def?.type ?? 'string'),
          label: display ? name : ctx.lang === 'en' ? (def?.label.en ?? name) : (def?.label.zh ?? name),
          displayOnly: display,
          options:
            def?.values && def.type === 'enum'
              ? def.values.map((v) => ({
                  value: v,
                  label:
                    ctx.lang === 'en'
                      ? humanise(def.valueLabels?.[v]?.en ?? v)
                      : (def.valueLabels?.[v]?.zh ?? v),
                }))
              : null,
        };
      }),
    };
  });
  const honours = (await listHonourOptions(ctx.db, district)).map((h) => ({
    value: h.value,
    label: ctx.lang === 'en' ? h.en : h.zh,
  }));
  return { sections, honours };
}
