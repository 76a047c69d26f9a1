// The append-only, hash-chained audit trail: every state change, with who, where, what and the outcome.
import { createHash } from 'node:crypto';
import { authorize } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { redact } from '../../lib/mask';
import {
  type AuditRow,
  insertAudit,
  listAuditAsc,
  listAuditDesc,
  lockChainHead,
  type NewAudit,
} from './audit.repo';

export type AuditEntry = {
  action: string;
  object?: string | null;
  outcome: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
};

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** The hash of a row: SHA-256 over the previous hash and the row's canonical content. */
export function hashAuditRow(prevHash: string, row: NewAudit): string {
  const content = canonical({
    at: new Date(row.at).toISOString(),
    district: row.district ?? null,
    actorId: row.actorId ?? null,
    actor: row.actor,
    role: row.role ?? null,
    action: row.action,
    object: row.object ?? null,
    outcome: row.outcome,
    ip: row.ip ?? null,
    requestId: row.requestId ?? null,
    details: row.details ?? {},
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** Appends one row inside the caller's transaction (so the row commits with the change it records). */
export async function appendAudit(
  ctx: Ctx,
  tx: Db,
  entry: AuditEntry,
  actorOverride?: string,
): Promise<AuditRow> {
  const prevHash = await lockChainHead(tx);
  const row: NewAudit = {
    at: new Date(ctx.now().toISOString()),
    district: ctx.district ?? ctx.actor?.district ?? null,
    actorId: ctx.actor?.accountId ?? null,
    actor: actorOverride ?? ctx.actor?.username ?? 'anonymous',
    role: ctx.actor?.role ?? null,
    action: entry.action,
    object: entry.object ?? null,
    outcome: entry.outcome,
    ip: ctx.ip,
    requestId: ctx.requestId,
    details: (redact(entry.details ?? {}) as Record<string, unknown>) ?? {},
  };
  ctx.audited.done = true;
  return insertAudit(tx, { ...row, prevHash, hash: hashAuditRow(prevHash, row) });
}

/** Appends one row in its own transaction (for outcomes with no other change, e.g. a refused request). */
export function recordAudit(ctx: Ctx, entry: AuditEntry, actorOverride?: string): Promise<AuditRow> {
  return ctx.db.transaction((tx) => appendAudit(ctx, tx as unknown as Db, entry, actorOverride));
}

export type ChainReport = {
  ok: boolean;
  checked: number;
  firstBad: { seq: number; position: number; reason: string } | null;
};

/** Walks the whole chain in order and reports the first row whose link or hash does not match. */
export async function verifyChain(db: Db): Promise<ChainReport> {
  let prev = '';
  let position = 0;
  let after = 0;
  for (;;) {
    const page = await listAuditAsc(db, after, 1000);
    for (const row of page) {
      position++;
      if (row.prevHash !== prev) {
        return {
          ok: false,
          checked: position,
          firstBad: { seq: row.seq, position, reason: 'broken link to the previous row' },
        };
      }
      if (hashAuditRow(prev, row) !== row.hash) {
        return {
          ok: false,
          checked: position,
          firstBad: { seq: row.seq, position, reason: 'content does not match its hash' },
        };
      }
      prev = row.hash;
    }
    if (page.length < 1000) return { ok: true, checked: position, firstBad: null };
    after = page.at(-1)?.seq ?? after;
  }
}

/** The admin's view of the chain check. */
export function verifyAudit(ctx: Ctx): Promise<ChainReport> {
  authorize(ctx, 'audit:verify');
  return verifyChain(ctx.db);
}

export type AuditItem = Pick<AuditRow, 'seq' | 'actor' | 'role' | 'action' | 'object' | 'outcome' | 'ip'> & {
  at: string;
};

/** One district's audit rows, newest first. */
export async function listAudit(ctx: Ctx, q: { limit: number; before?: number | undefined }) {
  const actor = authorize(ctx, 'audit:read');
  const rows = await listAuditDesc(ctx.db, actor.district, q.before, q.limit + 1);
  const items: AuditItem[] = rows.slice(0, q.limit).map((r) => ({
    seq: r.seq,
    at: r.at.toISOString(),
    actor: r.actor,
    role: r.role,
    action: r.action,
    object: r.object,
    outcome: r.outcome,
    ip: r.ip,
  }));
  return { items, nextBefore: rows.length > q.limit ? (items.at(-1)?.seq ?? null) : null };
}
