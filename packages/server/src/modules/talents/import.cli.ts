// `rencai import talents <file.xlsx> --district <code> [--enterprise <credit code>] [--lang zh|en]`:
// imports (or resumes importing) a filled template, printing progress after each batch and the per-row
// error report at the end. The operator at the console acts as the district (audited as `cli`).
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import * as enterprisesRepo from '../enterprises/enterprises.repo';
import { createOrResumeJob, jobCtx, runImportJob, toJobView } from './talents.import';

type Io = { out: (s: string) => void; err: (s: string) => void };

const USAGE =
  'usage: rencai import talents <file.xlsx> --district <code> [--enterprise <credit code>] [--lang zh|en]';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs the import command against an open database; returns the exit code (0 done, 1 failed, 2 usage). */
export async function runImportCli(args: string[], db: Db, config: Config, io: Io): Promise<number> {
  const [kind, file] = args;
  const district = option(args, 'district');
  const lang = option(args, 'lang') === 'en' ? 'en' : 'zh';
  if (kind !== 'talents' || !file || !district) {
    io.err(USAGE);
    return 2;
  }
  if (!(await enterprisesRepo.districtExists(db, district))) {
    io.err(`unknown district: ${district} / 区县不存在`);
    return 1;
  }
  let enterpriseId: number | null = null;
  const creditCode = option(args, 'enterprise');
  if (creditCode) {
    const e = await enterprisesRepo.findEnterpriseByCreditCode(db, district, creditCode.toUpperCase());
    if (!e) {
      io.err(`no enterprise ${creditCode} in ${district} / 未找到该企业`);
      return 1;
    }
    enterpriseId = e.id;
  }
  const bytes = fs.readFileSync(file);
  const { job, resumed } = await createOrResumeJob(db, {
    district,
    fileName: path.basename(file),
    bytes,
    enterpriseId,
    createdBy: 'cli',
  });
  io.out(
    resumed
      ? `resuming import ${job.id} at row ${job.cursor} / 继续导入任务 ${job.id}，已处理 ${job.cursor} 行`
      : `import ${job.id} started / 导入任务 ${job.id} 开始`,
  );
  const ctx = jobCtx(db, config, district, null);
  const done = await runImportJob(ctx, job.id, (j) =>
    io.out(
      `progress ${j.cursor}/${j.totalRows} rows: ${j.created} created, ${j.updated} existing, ${j.failed} refused / 进度 ${j.cursor}/${j.totalRows}`,
    ),
  );
  const view = toJobView(done, lang);
  for (const e of view.errors) io.out(`  row ${e.row}, column ${e.column} (${e.field}): ${e.message}`);
  io.out(
    `${view.status}: ${view.processed}/${view.totalRows} rows, ${view.created} created, ${view.updated} existing, ${view.failed} refused / ` +
      `新建 ${view.created}，已存在 ${view.updated}，未通过 ${view.failed}`,
  );
  return view.status === 'done' ? 0 : 1;
}
