// Builds the migrated PGlite template once per test run (initdb costs seconds; a copy costs a fraction).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/client';

export default async function setup(): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) return () => {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rencai-template-'));
  const database = await openDatabase({ dataDir: dir, lock: false });
  await database.migrate();
  await database.close();
  process.env.RENCAI_TEST_TEMPLATE = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
