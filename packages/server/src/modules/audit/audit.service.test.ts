import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import type { Ctx } from '../../ctx';
import { queryRows } from '../../db/client';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { recordAudit, verifyChain } from './audit.service';

let database: TestDatabase;
let ctx: Ctx;
beforeAll(async () => {
  database = await createTestDatabase();
  ctx = {
    db: database.db,
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    actor: null,
    district: 'wuxing',
    lang: 'zh',
    requestId: 'test',
    ip: '127.0.0.1',
    now: () => new Date(),
    audited: { done: false },
  };
});
afterAll(() => database.destroy());

describe('the audit chain', () => {
  it('links each row to the previous one and verifies OK', async () => {
    for (let i = 0; i < 5; i++)
      await recordAudit(ctx, { action: 'test.write', object: `thing:${i}`, outcome: 'success' });
    const report = await verifyChain(database.db);
    expect(report).toEqual({ ok: true, checked: 5, firstBad: null });
  });

  it('masks personal data in details', async () => {
    const row = await recordAudit(ctx, {
      action: 'test.pii',
      outcome: 'success',
      details: { idNumber: '330502199001011234', note: 'x' },
    });
    expect(row.details).toEqual({ idNumber: '[redacted]', note: 'x' });
  });

  it('is append-only in the database itself', async () => {
    await expect(database.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow();
  });

  it('names the first tampered row by position after a direct edit', async () => {
    await database.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change`);
    const [third] = await queryRows<{ seq: number }>(
      database.db,
      sql`SELECT seq FROM audit_log ORDER BY seq OFFSET 2 LIMIT 1`,
    );
    await database.db.execute(sql`UPDATE audit_log SET outcome = 'failure' WHERE seq = ${third?.seq}`);
    await database.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_change`);
    const report = await verifyChain(database.db);
    expect(report.ok).toBe(false);
    expect(report.firstBad).toMatchObject({ position: 3, reason: 'content does not match its hash' });
  });
});
