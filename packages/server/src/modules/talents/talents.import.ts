// Bulk import of talents from the .xlsx template: every row validated (errors by row and column, in both
// languages), valid rows committed in batches, each batch with the job's cursor in one transaction, so an
// interrupted import resumes where it stopped; records are upserted by the ID number's lookup hash, so a
// re-run never creates a talent twice.
import { createHash } from 'node:crypto';
import { coreSchema } from '@rencai/engine';
import ExcelJS from 'exceljs';
import { type Actor, authorize } from '../../authz';
import type { Config } from '../../config';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import type { ImportRowError } from '../../db/schema';
import { AppError } from '../../errors';
import { validateIdNumber } from '../../lib/validate/id-number';
import { normalizeMobile } from '../../lib/validate/phone';
import { appendAudit } from '../audit/audit.service';
import { findBlob, insertBlobIfAbsent } from '../documents/documents.repo';
import * as enterprisesRepo from '../enterprises/enterprises.repo';
import * as jobs from './imports.repo';
import { piiCipher, sealIdentity } from './talents.pii';
import * as repo from './talents.repo';

export const IMPORT_BATCH = 500;
export const MAX_IMPORT_ROWS = 50_000;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

type Column = { key: string; letter: string; zh: string; en: string; required?: boolean };

/** The template's columns, in order. */
export const IMPORT_COLUMNS: Column[] = [
  { key: 'name', letter: 'A', zh: '姓名', en: 'Name', required: true },
  { key: 'idNumber', letter: 'B', zh: '身份证号', en: 'ID number', required: true },
  { key: 'phone', letter: 'C', zh: '手机号', en: 'Mobile' },
  { key: 'degree', letter: 'D', zh: '学历', en: 'Degree' },
  { key: 'graduationDate', letter: 'E', zh: '毕业日期', en: 'Graduation date' },
  { key: 'professionalTitle', letter: 'F', zh: '职称', en: 'Professional title' },
  { key: 'position', letter: 'G', zh: '岗位', en: 'Position' },
  { key: 'startDate', letter: 'H', zh: '入职日期', en: 'Start date' },
];

const schema = coreSchema([]);
/** Enum values by code or Chinese label: 博士 → phd. */
function enumLookup(fact: string): Map<string, string> {
  const def = schema[fact];
  const m = new Map<string, string>();
  for (const v of def?.values ?? []) {
    m.set(v, v);
    const zh = def?.valueLabels?.[v]?.zh;
    if (zh) for (const part of zh.split('/')) m.set(part, v);
  }
  return m;
}
const DEGREES = enumLookup('degree');
const TITLES = enumLookup('professionalTitle');

/** The template workbook, headers in the caller's language (with the other in a note row). */
export async function buildTemplate(lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'en' ? 'Talents' : '人才');
  ws.columns = IMPORT_COLUMNS.map((c) => ({
    header: lang === 'en' ? c.en : c.zh,
    key: c.key,
    width: c.key === 'idNumber' ? 22 : 14,
    style: { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({
    name: lang === 'en' ? 'Example: Li Ming (delete this row)' : '示例：李明（请删除本行）',
    idNumber: '110101199003070011',
    phone: '13800138000',
    degree: lang === 'en' ? 'phd' : '博士',
    graduationDate: '2020-06-30',
    professionalTitle: lang === 'en' ? 'intermediate' : '中级',
    position: lang === 'en' ? 'Engineer' : '工程师',
    startDate: '2021-03-01',
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

function isoDate(raw: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(raw);
  if (!m) return undefined;
  const s = `${m[1]}-${String(m[2]).padStart(2, '0')}-${String(m[3]).padStart(2, '0')}`;
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s ? undefined : s;
}

export type ParsedRow = {
  row: number;
  errors: ImportRowError[];
  value?: {
    name: string;
    idNumber: string;
    idKind: 'resident' | 'permanent_resident';
    birthDate: string;
    gender: string;
    phone: string | null;
    facts: Record<string, unknown>;
    position: string | null;
    startDate: string | null;
  };
};

const err = (row: number, key: string, code: string, zh: string, en: string): ImportRowError => {
  const col = IMPORT_COLUMNS.find((c) => c.key === key) as Column;
  return {
    row,
    column: col.letter,
    field: key,
    code,
    zh: `第${row}行 ${col.letter}列（${col.zh}）：${zh}`,
    en: `Row ${row}, column ${col.letter} (${col.en}): ${en}`,
  };
};

/** Reads and validates every data row of a workbook (row numbers as Excel shows them). */
export async function parseWorkbook(bytes: Uint8Array, today: Date): Promise<ParsedRow[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const out: ParsedRow[] = [];
  const seen = new Map<string, number>();
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c.key, cellText(r.getCell(i + 1).value)]));
    if (Object.values(cells).every((v) => v === '')) return;
    if (cells.name?.startsWith('示例') || cells.name?.startsWith('Example')) return;
    const errors: ImportRowError[] = [];
    const name = cells.name ?? '';
    if (!name) errors.push(err(rowNumber, 'name', 'required', '请填写姓名', 'the name is missing'));
    else if (name.length > 50)
      errors.push(err(rowNumber, 'name', 'too_long', '姓名过长', 'the name is too long'));
    const id = validateIdNumber(cells.idNumber ?? '', today);
    if (!cells.idNumber)
      errors.push(err(rowNumber, 'idNumber', 'required', '请填写身份证号', 'the ID number is missing'));
    else if (!id.ok)
      errors.push(
        err(
          rowNumber,
          'idNumber',
          id.problem,
          id.problem === 'check_char' ? '身份证号校验位不正确' : '身份证号格式或出生日期不正确',
          id.problem === 'check_char' ? 'the check character is wrong' : 'the format or birth date is wrong',
        ),
      );
    else {
      const first = seen.get(id.value);
      if (first !== undefined)
        errors.push(err(rowNumber, 'idNumber', 'duplicate', `与第${first}行重复`, `duplicates row ${first}`));
      else seen.set(id.value, rowNumber);
    }
    let phone: string | null = null;
    if (cells.phone) {
      phone = normalizeMobile(cells.phone);
      if (!phone)
        errors.push(err(rowNumber, 'phone', 'invalid', '手机号不正确', 'not a mainland mobile number'));
    }
    const facts: Record<string, unknown> = {};
    if (cells.degree) {
      const v = DEGREES.get(cells.degree);
      if (v) facts.degree = v;
      else
        errors.push(
          err(
            rowNumber,
            'degree',
            'invalid',
            '学历应为 博士、硕士、本科、大专、中专/高中 或 无学历',
            'use phd, master, bachelor, associate, secondary or none',
          ),
        );
    }
    if (cells.graduationDate) {
      const v = isoDate(cells.graduationDate);
      if (v) facts.graduationDate = v;
      else
        errors.push(
          err(rowNumber, 'graduationDate', 'invalid', '日期应为 YYYY-MM-DD', 'use a date YYYY-MM-DD'),
        );
    }
    if (cells.professionalTitle) {
      const v = TITLES.get(cells.professionalTitle);
      if (v) facts.professionalTitle = v;
      else
        errors.push(
          err(
            rowNumber,
            'professionalTitle',
            'invalid',
            '职称应为 初级、中级、副高级、正高级 或 无职称',
            'use junior, intermediate, associate_senior, senior or none',
          ),
        );
    }
    let startDate: string | null = null;
    if (cells.startDate) {
      startDate = isoDate(cells.startDate) ?? null;
      if (!startDate)
        errors.push(err(rowNumber, 'startDate', 'invalid', '日期应为 YYYY-MM-DD', 'use a date YYYY-MM-DD'));
    }
    const parsed: ParsedRow = { row: rowNumber, errors };
    if (!errors.length && id.ok)
      parsed.value = {
        name,
        idNumber: id.value,
        idKind: id.kind === 'foreign_permanent_resident' ? 'permanent_resident' : 'resident',
        birthDate: id.birthDate,
        gender: id.sex,
        phone,
        facts,
        position: cells.position || null,
        startDate,
      };
    out.push(parsed);
  });
  return out;
}

export type ImportJobView = {
  id: number;
  fileName: string;
  status: 'running' | 'done' | 'failed';
  totalRows: number;
  processed: number;
  created: number;
  updated: number;
  failed: number;
  errors: { row: number; column: string; field: string; code: string; message: string }[];
  createdAt: string;
  finishedAt: string | null;
};

export function toJobView(job: jobs.ImportJobRow, lang: 'zh' | 'en'): ImportJobView {
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status as ImportJobView['status'],
    totalRows: job.totalRows,
    processed: job.cursor,
    created: job.created,
    updated: job.updated,
    failed: job.failed,
    errors: job.errors.map((e) => ({
      row: e.row,
      column: e.column,
      field: e.field,
      code: e.code,
      message: lang === 'en' ? e.en : e.zh,
    })),
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** Creates the job for a workbook, or returns the unfinished job of the same file to resume it. */
export async function createOrResumeJob(
  db: Db,
  input: {
    district: string;
    fileName: string;
    bytes: Uint8Array;
    enterpriseId: number | null;
    createdBy: string;
  },
): Promise<{ job: jobs.ImportJobRow; resumed: boolean }> {
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  return db.transaction(async (txx) => {
    const tx = txx as unknown as Db;
    const unfinished = await jobs.findUnfinishedJob(tx, input.district, sha256, input.enterpriseId);
    if (unfinished) return { job: unfinished, resumed: true };
    await insertBlobIfAbsent(tx, {
      sha256,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: input.bytes,
    });
    const job = await jobs.insertJob(tx, {
      district: input.district,
      kind: 'talents',
      fileName: input.fileName.slice(0, 200),
      sha256,
      enterpriseId: input.enterpriseId,
      createdBy: input.createdBy,
    });
    return { job, resumed: false };
  });
}

/** The audit context of a job run outside a request (a background run or the CLI). */
export function jobCtx(db: Db, config: Config, district: string, actor: Actor | null): Ctx {
  return {
    db,
    config,
    actor,
    district,
    lang: 'zh',
    requestId: `import-${Date.now()}`,
    ip: null,
    now: () => new Date(),
    audited: { done: false },
  };
}

/**
 * Processes a job from its cursor to the end, one transaction per batch (talents, facts, employments, the
 * cursor and the batch's errors together); `onProgress` sees the job after each batch.
 */
export async function runImportJob(
  ctx: Ctx,
  jobId: number,
  onProgress?: (job: jobs.ImportJobRow) => void,
): Promise<jobs.ImportJobRow> {
  const db = ctx.db;
  const job = await jobs.findJob(db, jobId);
  if (!job) throw new Error(`import job ${jobId} not found`);
  if (job.status === 'done') return job;
  const blob = await findBlob(db, job.sha256);
  if (!blob) throw new Error(`import job ${jobId} has no file`);
  const rows = await parseWorkbook(blob.bytes, ctx.now());
  if (rows.length !== job.totalRows) await jobs.setTotal(db, job.id, rows.length);
  const cipher = piiCipher(ctx.config);
  const source = job.enterpriseId ? ('employer' as const) : ('department' as const);
  const actorName = ctx.actor?.username ?? job.createdBy;
  let current: jobs.ImportJobRow = { ...job, totalRows: rows.length };
  try {
    while (current.cursor < rows.length) {
      const next = await db.transaction(async (txx) => {
        const tx = txx as unknown as Db;
        const locked = await jobs.lockJob(tx, job.id);
        if (locked?.status !== 'running') return undefined;
        const start = locked.cursor;
        const batch = rows.slice(start, start + IMPORT_BATCH);
        const good = batch.filter((r) => r.value);
        const sealed = good.map((r) => {
          const v = r.value as NonNullable<ParsedRow['value']>;
          return { v, s: sealIdentity(cipher, v.idNumber, v.phone) };
        });
        const { byHash, created } = await repo.upsertTalentsByIdHash(
          tx,
          job.district,
          sealed.map(({ v, s }) => ({
            district: job.district,
            name: v.name,
            idKind: v.idKind,
            ...s,
            birthDate: v.birthDate,
            gender: v.gender,
            createdBy: actorName,
          })),
        );
        const factRows: Parameters<typeof repo.upsertFacts>[1] = [];
        const employmentRows: Parameters<typeof repo.insertEmploymentsIfAbsent>[1] = [];
        for (const { v, s } of sealed) {
          const talentId = byHash.get(s.idNumberHash);
          if (!talentId) continue;
          // Facts are written with the record they came with; an existing record keeps what its owner declared.
          if (created.has(s.idNumberHash))
            for (const [name, value] of Object.entries(v.facts))
              factRows.push({
                talentId,
                name,
                value,
                source,
                updatedBy: actorName,
                verifiedBy: source === 'department' ? actorName : null,
                verifiedAt: source === 'department' ? ctx.now() : null,
              });
          if (job.enterpriseId)
            employmentRows.push({
              district: job.district,
              talentId,
              enterpriseId: job.enterpriseId,
              position: v.position,
              startDate: v.startDate,
              status: 'confirmed',
              requestedBy: actorName,
              confirmedBy: actorName,
              confirmedAt: ctx.now(),
            });
        }
        await repo.upsertFacts(tx, factRows);
        await repo.insertEmploymentsIfAbsent(tx, employmentRows);
        const advanced = await jobs.advanceJob(tx, job.id, {
          cursor: start + batch.length,
          created: created.size,
          updated: sealed.length - created.size,
          errors: batch.flatMap((r) => r.errors),
        });
        await appendAudit(
          ctx,
          tx,
          {
            action: 'talent.import.batch',
            object: `import:${job.id}`,
            outcome: 'success',
            details: {
              from: start,
              to: start + batch.length,
              created: created.size,
              failedRows: batch.length - good.length,
            },
          },
          actorName,
        );
        return advanced;
      });
      if (!next) break;
      current = next;
      onProgress?.(current);
    }
    if (current.cursor >= rows.length) current = (await jobs.finishJob(db, job.id, 'done')) ?? current;
    return current;
  } catch (error) {
    await jobs.finishJob(db, job.id, 'failed').catch(() => undefined);
    throw error;
  }
}

// ---------------------------------------------------------------- over HTTP

async function importScope(ctx: Ctx): Promise<{ actor: Actor; enterpriseId: number | null }> {
  const actor = authorize(ctx, 'import:run');
  if (actor.role !== 'enterprise') return { actor, enterpriseId: null };
  const enterpriseId = await enterprisesRepo.findMemberEnterpriseId(ctx.db, actor.accountId);
  if (!enterpriseId)
    throw new AppError('forbidden', {
      zh: '该账号尚未关联企业',
      en: 'This account acts for no enterprise yet',
    });
  return { actor, enterpriseId };
}

/** Starts (or resumes) an import of an uploaded workbook; it runs in the background, poll its job. */
export async function startImport(
  ctx: Ctx,
  file: { fileName: string; bytes: Uint8Array; truncated: boolean },
): Promise<ImportJobView> {
  const { actor, enterpriseId } = await importScope(ctx);
  const t = (zh: string, en: string) => (ctx.lang === 'en' ? en : zh);
  const fail = (zh: string, en: string) =>
    new AppError('validation_failed', { zh, en }, { fields: [{ field: 'file', message: t(zh, en) }] });
  if (file.truncated || file.bytes.length > MAX_IMPORT_BYTES)
    throw fail('文件不能超过 20 MB', 'the file must be at most 20 MB');
  // .xlsx is a ZIP container: PK\x03\x04.
  if (!(file.bytes[0] === 0x50 && file.bytes[1] === 0x4b && file.bytes[2] === 0x03 && file.bytes[3] === 0x04))
    throw fail('请上传 .xlsx 格式的模板文件', 'upload the .xlsx template');
  let rows: ParsedRow[];
  try {
    rows = await parseWorkbook(file.bytes, ctx.now());
  } catch {
    throw fail('无法读取该表格文件', 'this workbook cannot be read');
  }
  if (!rows.length) throw fail('表格中没有数据行', 'the workbook has no data rows');
  if (rows.length > MAX_IMPORT_ROWS)
    throw fail(`每次最多导入 ${MAX_IMPORT_ROWS} 行`, `at most ${MAX_IMPORT_ROWS} rows per import`);
  const district = ctx.district as string;
  const { job } = await createOrResumeJob(ctx.db, {
    district,
    fileName: file.fileName,
    bytes: file.bytes,
    enterpriseId,
    createdBy: actor.username,
  });
  await ctx.db.transaction(async (tx) => {
    await appendAudit(ctx, tx as unknown as Db, {
      action: 'talent.import.start',
      object: `import:${job.id}`,
      outcome: 'success',
      details: { rows: rows.length, enterpriseId },
    });
  });
  const background = { ...ctx, audited: { done: false } };
  void runImportJob(background, job.id).catch(() => undefined); // a failed run marks the job failed; re-upload resumes it
  return toJobView({ ...job, totalRows: rows.length }, ctx.lang);
}

/** An import job's progress and errors (the caller's own, or any in the district for the administrator). */
export async function getImportJob(ctx: Ctx, jobId: number): Promise<ImportJobView> {
  const { actor, enterpriseId } = await importScope(ctx);
  const job = await jobs.findJob(ctx.db, jobId);
  if (
    !job ||
    job.district !== ctx.district ||
    (actor.role === 'enterprise' && job.enterpriseId !== enterpriseId)
  )
    throw new AppError('not_found', 'not_found');
  return toJobView(job, ctx.lang);
}

/** The template, for the roles that import. */
export async function getTemplate(ctx: Ctx): Promise<Buffer> {
  await importScope(ctx);
  return buildTemplate(ctx.lang);
}
