// The `rencai` command line: serve, migrate, seed, audit verify, openapi, pack.
import fs from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError, loadConfig } from './config';
import { openDatabase } from './db/client';
import { DataDirLockedError } from './db/lock';

const HELP = `rencai — 人才一站通 Rencai command line

Usage: rencai <command> [options]

Commands:
  serve                      Start the server (migrates first; seeds demo data when RENCAI_DEMO is on)
  migrate                    Apply pending database migrations and exit
  seed                       Add the demonstration districts and accounts (demo mode only)
  audit verify               Check the audit log's hash chain; prints OK or the first tampered row
  openapi <file>             Write the OpenAPI 3.1 document to <file>
  pack check <dir>           Validate a policy pack
  pack test <dir…>           Run policy packs' test cases
  pack explain <dir> --facts <file.json> [--date YYYY-MM-DD] [--policy ID] [--lang zh|en]
  import talents <file.xlsx> --district <code> [--enterprise <credit code>] [--lang zh|en]
                             Import talents from the .xlsx template (resumes an interrupted import)
  help                       Show this help

Environment: PORT (3000), HOST, RENCAI_DATA_DIR (./data), DATABASE_URL (PostgreSQL instead of the
embedded database), RENCAI_DEMO (1; 0 = production), RENCAI_SECRET, RENCAI_PII_KEY, LOG_LEVEL.
`;

type Io = { out: (s: string) => void; err: (s: string) => void };
const stdio: Io = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

async function withDatabase<T>(
  config: Config,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Runs one command; returns the process exit code. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve': {
        const { startServer } = await import('./server');
        const running = await startServer(loadConfig());
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          process.once(signal, () => void running.stop().then(() => process.exit(0)));
        }
        return -1; // keep running
      }
      case 'migrate': {
        const config = loadConfig();
        await withDatabase(config, async () => io.out('migrations applied / 数据库迁移完成'));
        return 0;
      }
      case 'seed': {
        const config = loadConfig();
        if (!config.demo) {
          io.err(
            'seed adds demonstration accounts and runs only in demo mode (RENCAI_DEMO=1) / 演示数据仅在演示模式下添加',
          );
          return 1;
        }
        const { seedDemo } = await import('./seed/demo');
        const created = await withDatabase(config, (d) => seedDemo(d.db));
        io.out(`seeded: ${created} new accounts / 新增 ${created} 个账号`);
        return 0;
      }
      case 'audit': {
        if (rest[0] !== 'verify') {
          io.err('usage: rencai audit verify');
          return 2;
        }
        const { verifyChain } = await import('./modules/audit/audit.service');
        const report = await withDatabase(loadConfig(), (d) => verifyChain(d.db));
        if (report.ok) {
          io.out(`OK: ${report.checked} audit rows, hash chain intact / 审计链完整`);
          return 0;
        }
        const bad = report.firstBad;
        io.out(
          `TAMPERED: row ${bad?.position} (seq ${bad?.seq}): ${bad?.reason} / 第 ${bad?.position} 行被篡改`,
        );
        return 1;
      }
      case 'openapi': {
        const file = rest[0];
        if (!file) {
          io.err('usage: rencai openapi <file>');
          return 2;
        }
        const { writeOpenApi } = await import('./openapi');
        await writeOpenApi(path.resolve(file));
        io.out(`wrote ${file}`);
        return 0;
      }
      case 'import': {
        const config = loadConfig();
        const { runImportCli } = await import('./modules/talents/import.cli');
        return await withDatabase(config, (d) => runImportCli(rest, d.db, config, io));
      }
      case 'pack': {
        const engine = await import('@rencai/engine');
        return engine.runPackCli(['pack', ...rest], io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return 0;
      default:
        io.err(`unknown command: ${command}\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}

const invokedDirectly =
  process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(import.meta.filename);
if (invokedDirectly || process.env.RENCAI_CLI === '1') {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
