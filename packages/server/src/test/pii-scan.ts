// Suite-wide privacy check: every response body a test app sends to a caller whose role does not need
// personal data (anonymous, talent, enterprise, expert, provider, station) is collected, and at close the
// full 身份证号 and phone of every talent in the database must appear in none of them.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { talents } from '../db/schema';
import { createPiiCipher } from '../lib/pii';

/** Roles whose work needs the full values (and even they get them only through the audited reveal). */
export const PRIVILEGED_ROLES = new Set(['admin', 'reviewer']);

export type CollectedResponse = { role: string; method: string; url: string; body: string };

/** Adds an onSend hook that keeps the text bodies sent to non-privileged callers. */
export function collectResponses(app: FastifyInstance): CollectedResponse[] {
  const collected: CollectedResponse[] = [];
  app.addHook('onSend', async (request, _reply, payload) => {
    const role = request.actor?.role ?? 'anonymous';
    if (PRIVILEGED_ROLES.has(role)) return payload;
    const body =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : '';
    if (body) collected.push({ role, method: request.method, url: request.url, body });
    return payload;
  });
  return collected;
}

/** The full ID numbers and phones of every talent on file. */
export async function personalValues(db: Db, config: Config): Promise<string[]> {
  const cipher = createPiiCipher(config.piiKey);
  const rows = await db.select({ id: talents.idNumberEnc, phone: talents.phoneEnc }).from(talents);
  const values: string[] = [];
  for (const r of rows) {
    values.push(cipher.decrypt(r.id));
    if (r.phone) values.push(cipher.decrypt(r.phone));
  }
  return values;
}

/** The collected responses that contain a full ID number or phone of a talent on file. */
export async function findLeaks(db: Db, config: Config, collected: CollectedResponse[]): Promise<string[]> {
  if (!collected.length) return [];
  const values = await personalValues(db, config);
  const leaks: string[] = [];
  for (const c of collected)
    for (const v of values)
      if (c.body.includes(v)) leaks.push(`${c.role} ${c.method} ${c.url} contains ${v.slice(0, 3)}…`);
  return leaks;
}
