// Idempotency keys for state-changing POSTs: `Idempotency-Key` header → the first request's hash and
// response, per account. A replay with the same body returns the stored response; the same key with a
// different body is a 409. The key row is inserted in the same transaction as the effect, so concurrent
// duplicates create exactly one effect: the others wait on the unique index, find the row, and replay.
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../ctx';
import type { Db } from '../db/client';
import { idempotencyKeys } from '../db/schema';
import { AppError } from '../errors';

/** What a request says about its idempotency: the key, what it was for, and the hash of its content. */
export type Idempotency = { key: string; scope: string; requestHash: string };

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** Builds the idempotency of a call from its key, its scope (method + route) and its content. */
export function idempotency(key: string, scope: string, content: unknown): Idempotency {
  if (!KEY.test(key)) {
    throw new AppError(
      'validation_failed',
      {
        zh: 'Idempotency-Key 须为 8–128 位字母、数字或 _ . : -',
        en: 'Idempotency-Key must be 8–128 letters, digits or _ . : -',
      },
      { field: 'Idempotency-Key' },
    );
  }
  const requestHash = createHash('sha256')
    .update(scope)
    .update('\n')
    .update(canonical(content))
    .digest('hex');
  return { key, scope, requestHash };
}

/** The request's idempotency (header `Idempotency-Key`), or undefined when it sent none. */
export function idempotencyOf(request: FastifyRequest): Idempotency | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  return idempotency(key ?? '', `${request.method} ${request.routeOptions.url ?? ''}`, {
    params: request.params,
    body: request.body,
  });
}

type StoredKey = typeof idempotencyKeys.$inferSelect;

async function findKey(db: Db, accountId: number, key: string): Promise<StoredKey | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row;
}

function replay<T>(row: StoredKey, idem: Idempotency): T {
  if (row.requestHash !== idem.requestHash || row.scope !== idem.scope) {
    throw new AppError(
      'conflict',
      {
        zh: '该 Idempotency-Key 已用于另一个不同的请求',
        en: 'This Idempotency-Key was already used for a different request',
      },
      { field: 'Idempotency-Key' },
    );
  }
  return row.response as T;
}

class KeyTaken extends Error {}

/**
 * Runs `effect` in one transaction with the key row, or returns the stored response of the first request
 * with this key. Without a key it just runs the effect in a transaction. The effect must use only `tx`.
 */
export async function runIdempotent<T>(
  ctx: Ctx,
  idem: Idempotency | undefined,
  effect: (tx: Db) => Promise<T>,
): Promise<T> {
  const accountId = ctx.actor?.accountId;
  if (!idem || accountId === undefined) return ctx.db.transaction((tx) => effect(tx as unknown as Db));
  const stored = await findKey(ctx.db, accountId, idem.key);
  if (stored) return replay<T>(stored, idem);
  try {
    return await ctx.db.transaction(async (raw) => {
      const tx = raw as unknown as Db;
      // Waits here while a concurrent first request with this key is in flight; then inserts nothing.
      const [row] = await tx
        .insert(idempotencyKeys)
        .values({ accountId, key: idem.key, scope: idem.scope, requestHash: idem.requestHash })
        .onConflictDoNothing()
        .returning({ id: idempotencyKeys.id });
      if (!row) throw new KeyTaken();
      const result = await effect(tx);
      await tx
        .update(idempotencyKeys)
        .set({ response: sql`${JSON.stringify(result ?? null)}::jsonb` })
        .where(eq(idempotencyKeys.id, row.id));
      return result;
    });
  } catch (err) {
    if (!(err instanceof KeyTaken)) throw err;
    const first = await findKey(ctx.db, accountId, idem.key);
    if (!first)
      throw new AppError('conflict', {
        zh: '请求正在处理中，请稍后重试',
        en: 'The request is in progress; retry shortly',
      });
    return replay<T>(first, idem);
  }
}
