// Writes the OpenAPI document from the routes themselves (no database needed), so it can be committed
// and checked for drift.
import fs from 'node:fs';
import { buildApp } from './app';
import { loadConfig } from './config';
import type { Db } from './db/client';

/** The OpenAPI 3.1 document as the app builds it. */
export async function buildOpenApi(): Promise<unknown> {
  const app = await buildApp({
    config: loadConfig({ ...process.env, RENCAI_DEMO: '1' }),
    db: {} as Db,
    logger: false,
  });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}

export async function writeOpenApi(file: string): Promise<void> {
  fs.writeFileSync(file, `${JSON.stringify(await buildOpenApi(), null, 2)}\n`);
}
