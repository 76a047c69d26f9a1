// Bulk import: 10,000 rows with 100 bad ones commit exactly the 9,900 good rows, report the 100 by row and
// column, a re-run creates nothing twice, and an import killed half way (SIGKILL) ends, once re-run, in the
// same state. The workbooks are generated here.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { type Db, queryRows } from '../../db/client';
import { createTestApp, type Session, signIn, type TestApp } from '../../test/app';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { upsertDistrict } from '../identity/identity.repo';
import * as jobs from './imports.repo';
import { makeIdNumber } from './records.seed';
import { createOrResumeJob, IMPORT_BATCH, jobCtx, runImportJob } from './talents.import';

const ROWS = 10_000;
const config = loadConfig({ RENCAI_DEMO: '1', LOG_LEVEL: 'silent' });

type Bad = { row: number; column: string };

/** 10,000 data rows (sheet rows 2…10001); every 100th row has one bad cell, in turn in columns B, C, D, E. */
async function buildWorkbook(): Promise<{ bytes: Buffer; bad: Bad[] }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人才');
  ws.addRow(['姓名', '身份证号', '手机号', '学历', '毕业日期', '职称', '岗位', '入职日期']);
  const bad: Bad[] = [];
  const day0 = Date.UTC(1965, 0, 1);
  for (let i = 0; i < ROWS; i++) {
    const birth = new Date(day0 + i * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    let id = makeIdNumber('330502', birth, i % 1000);
    let phone = `137${String(10_000_000 + i).slice(-8)}`;
    let degree = ['博士', 'master', '本科', '大专'][i % 4] as string;
    let grad = '2015-06-30';
    const sheetRow = i + 2;
    if (i % 100 === 50) {
      const which = ((i / 100) % 4) | 0;
      if (which === 0) id = `${id.slice(0, 17)}${id[17] === '0' ? '1' : '0'}`;
      if (which === 1) phone = '12345';
      if (which === 2) degree = '博士后研究员';
      if (which === 3) grad = '2015-13-45';
      bad.push({ row: sheetRow, column: ['B', 'C', 'D', 'E'][which] as string });
    }
    ws.addRow([`人才${i}`, id, phone, degree, grad, i % 3 ? '中级' : '', '工程师', '2020-01-01']);
  }
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), bad };
}

let workbook: { bytes: Buffer; bad: Bad[] };
beforeAll(async () => {
  workbook = await buildWorkbook();
});

async function prepare(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await upsertDistrict(database.db, { code: 'wuxing', name: { zh: '吴兴区', en: 'Wuxing' } });
  return database;
}

async function talentCount(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM talents WHERE district = 'wuxing'`,
  );
  return Number(row?.n);
}

describe('importing 10,000 rows with 100 bad ones', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await prepare();
  });
  afterAll(() => database.destroy());

  it('commits exactly the 9,900 good rows and reports the 100 bad ones by row and column', {
    timeout: 300_000,
  }, async () => {
    const { job } = await createOrResumeJob(database.db, {
      district: 'wuxing',
      fileName: 't.xlsx',
      bytes: workbook.bytes,
      enterpriseId: null,
      createdBy: 'test',
    });
    const seen: number[] = [];
    const done = await runImportJob(jobCtx(database.db, config, 'wuxing', null), job.id, (j) =>
      seen.push(j.cursor),
    );
    expect(done).toMatchObject({
      status: 'done',
      totalRows: ROWS,
      cursor: ROWS,
      created: 9_900,
      updated: 0,
      failed: 100,
    });
    expect(seen).toEqual(Array.from({ length: ROWS / IMPORT_BATCH }, (_, i) => (i + 1) * IMPORT_BATCH));
    expect(await talentCount(database.db)).toBe(9_900);
    expect(done.errors.map((e) => ({ row: e.row, column: e.column }))).toEqual(workbook.bad);
    expect(done.errors[0]?.zh).toMatch(/^第52行 B列（身份证号）：/);
    expect(done.errors[1]?.en).toMatch(/^Row 152, column C \(Mobile\): /);
    const [facts] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM talent_facts WHERE name = 'degree' AND source = 'department'`,
    );
    expect(Number(facts?.n)).toBe(9_900);
  });

  it('a re-run of the same file creates nothing twice', { timeout: 300_000 }, async () => {
    const { job, resumed } = await createOrResumeJob(database.db, {
      district: 'wuxing',
      fileName: 't.xlsx',
      bytes: workbook.bytes,
      enterpriseId: null,
      createdBy: 'test',
    });
    expect(resumed).toBe(false);
    const done = await runImportJob(jobCtx(database.db, config, 'wuxing', null), job.id);
    expect(done).toMatchObject({ status: 'done', created: 0, updated: 9_900, failed: 100 });
    expect(await talentCount(database.db)).toBe(9_900);
  });
});

describe('an import killed half way', () => {
  let database: TestDatabase;
  let file: string;
  const serverDir = path.resolve(import.meta.dirname, '../../..');
  beforeAll(async () => {
    database = await prepare();
    await database.close(); // the CLI takes the data directory's lock
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rencai-import-')), 'talents.xlsx');
    fs.writeFileSync(file, workbook.bytes);
  });
  afterAll(async () => {
    if (database.dataDir) fs.rmSync(database.dataDir, { recursive: true, force: true });
    else await database.destroy();
  });

  const env = () => ({
    ...process.env,
    RENCAI_DEMO: '1',
    LOG_LEVEL: 'silent',
    ...(database.url ? { DATABASE_URL: database.url } : { RENCAI_DATA_DIR: database.dataDir ?? '' }),
  });

  /** Runs the CLI; with `killAfterProgress`, SIGKILLs it on its first progress line. */
  function runCli(
    killAfterProgress: boolean,
  ): Promise<{ out: string; code: number | null; signal: string | null }> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['bin/rencai.js', 'import', 'talents', file, '--district', 'wuxing'],
        { cwd: serverDir, env: env() },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (killAfterProgress && out.includes('progress ')) child.kill('SIGKILL');
      });
      child.stderr.on('data', (d: Buffer) => {
        out += d.toString();
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve({ out, code, signal }));
    });
  }

  async function inspect<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const { openDatabase } = await import('../../db/client');
    const d = await openDatabase({ databaseUrl: database.url, dataDir: database.dataDir ?? '' });
    try {
      return await fn(d.db);
    } finally {
      await d.close();
    }
  }

  it('resumes from the committed cursor and ends with the same 9,900 records, each once', {
    timeout: 600_000,
  }, async () => {
    const killed = await runCli(true);
    expect(killed.signal).toBe('SIGKILL');
    const mid = await inspect(async (db) => ({
      count: await talentCount(db),
      job: await jobs.findJob(db, 1),
    }));
    expect(mid.job?.status).toBe('running');
    expect(mid.job?.cursor).toBeGreaterThan(0);
    expect(mid.job?.cursor).toBeLessThan(ROWS);
    // What committed is exactly the good rows before the cursor: the batch and its cursor moved together.
    const badBefore = workbook.bad.filter((b) => b.row - 2 < (mid.job?.cursor ?? 0)).length;
    expect(mid.count).toBe((mid.job?.cursor ?? 0) - badBefore);
    expect(mid.job?.failed).toBe(badBefore);

    const resumed = await runCli(false);
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toMatch(/resuming import 1 at row \d+/);
    expect(resumed.out).toMatch(/done: 10000\/10000 rows/);
    expect(resumed.out).toContain('row 52, column B (idNumber): 第52行 B列（身份证号）');
    const end = await inspect(async (db) => ({
      count: await talentCount(db),
      job: await jobs.findJob(db, 1),
    }));
    expect(end.count).toBe(9_900);
    expect(end.job).toMatchObject({ status: 'done', created: 9_900, failed: 100 });
    expect(end.job?.errors.map((e) => e.row)).toEqual(workbook.bad.map((b) => b.row));
  });
});

describe('import over HTTP', () => {
  let t: TestApp;
  let hr: Session;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    hr = await signIn(t.app, 'enterprise.wuxing');
    admin = await signIn(t.app, 'admin.wuxing');
  });
  afterAll(() => t.close());

  function upload(s: Session, bytes: Buffer, lang = 'zh') {
    const boundary = '----rencai-import';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="staff.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/d/wuxing/imports',
      payload,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        'accept-language': lang,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
    });
  }

  it('offers the template, imports HR staff as confirmed employees and reports errors in English', async () => {
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/v1/d/wuxing/imports/template.xlsx',
      headers: { cookie: hr.cookie },
    });
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getRow(1).getCell(2).value).toBe('身份证号');
    ws.addRow([
      '周一',
      makeIdNumber('330502', '19910101', 501),
      '13900000001',
      '硕士',
      '2016-06-30',
      '中级',
      '工程师',
      '2022-01-01',
    ]);
    ws.addRow(['吴二', '330502199101010000', '', '', '', '', '', '']);
    const res = await upload(hr, Buffer.from(await wb.xlsx.writeBuffer()), 'en');
    expect(res.statusCode).toBe(202);
    let job = res.json();
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setImmediate(r));
      job = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/d/wuxing/imports/${job.id}`,
          headers: { cookie: hr.cookie, 'accept-language': 'en' },
        })
      ).json();
    }
    expect(job).toMatchObject({ status: 'done', totalRows: 2, created: 1, failed: 1 });
    expect(job.errors).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'B',
        field: 'idNumber',
        message: expect.stringMatching(/^Row 4, column B \(ID number\)/),
      }),
    ]);
    const mine = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/d/wuxing/enterprises/mine',
        headers: { cookie: hr.cookie },
      })
    ).json();
    const register = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/d/wuxing/enterprises/${mine.id}/register?q=${encodeURIComponent('周一')}`,
        headers: { cookie: hr.cookie },
      })
    ).json();
    expect(register.items[0]).toMatchObject({ status: 'confirmed', position: '工程师' });
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/d/wuxing/imports/${job.id}`,
      headers: { cookie: (await signIn(t.app, 'talent.wuxing')).cookie },
    });
    expect(other.statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/d/wuxing/imports/${job.id}`,
          headers: { cookie: admin.cookie },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('refuses a file that is not an .xlsx workbook by its bytes', async () => {
    const res = await upload(admin, Buffer.from('%PDF-1.4 not a workbook'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('file');
  });
});
