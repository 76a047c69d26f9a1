import fs from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi';

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document by the standard schema', async () => {
    const doc = (await buildOpenApi()) as { openapi: string; paths: Record<string, unknown> };
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
  });

  it('matches the committed packages/server/openapi.json (run `npm run openapi` after changing routes)', async () => {
    const committed = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '../openapi.json'), 'utf8'),
    );
    expect(JSON.parse(JSON.stringify(await buildOpenApi()))).toEqual(committed);
  });
});
