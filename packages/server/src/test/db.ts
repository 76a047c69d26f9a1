// Test databases: a fresh PGlite copied from a migrated template per test file, or, when
// TEST_DATABASE_URL is set, a fresh PostgreSQL database created (and dropped) per test file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../db/client';

/** The migrated template of this test run (set by global-setup; empty means: migrate from scratch). */
export const templateDir = () => process.env.RENCAI_TEST_TEMPLATE ?? '';

export type TestDatabase = Database & { url?: string; dataDir?: string; destroy: () => Promise<void> };

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Opens a fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `rencai_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = withDatabaseName(base, name);
    const database = await openDatabase({ databaseUrl: url, dataDir: '' });
    await database.migrate();
    return {
      ...database,
      url,
      destroy: async () => {
        await database.close();
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rencai-test-'));
  const template = templateDir();
  if (template && fs.existsSync(path.join(template, 'pg'))) {
    fs.cpSync(path.join(template, 'pg'), path.join(dataDir, 'pg'), { recursive: true });
  }
  const database = await openDatabase({ dataDir });
  await database.migrate();
  return {
    ...database,
    dataDir,
    destroy: async () => {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
