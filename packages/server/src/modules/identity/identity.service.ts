// Sign-in, sessions and the signed-in user. Passwords are scrypt-hashed; five wrong passwords in a row
// lock an account for 15 minutes; sessions end after the configured idle time.
import { type Actor, allowPublic, authorize, roles } from '../../authz';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { hashPassword, verifyPassword } from '../../lib/password';
import { randomToken, sha256 } from '../../lib/tokens';
import { appendAudit, recordAudit } from '../audit/audit.service';
import * as repo from './identity.repo';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const TOUCH_EVERY_MS = 60_000;

let dummyHash: Promise<string> | undefined;

export type User = {
  id: number;
  username: string;
  role: Actor['role'];
  district: string;
  displayName: string;
  department: string | null;
};

async function toUser(db: Db, a: repo.AccountRow): Promise<User> {
  return {
    id: a.id,
    username: a.username,
    role: a.role,
    district: a.district,
    displayName: a.displayName,
    department:
      a.departmentId === null ? null : ((await repo.findDepartmentCode(db, a.departmentId)) ?? null),
  };
}

export function toActor(a: repo.AccountRow): Actor {
  return {
    accountId: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    district: a.district,
    departmentId: a.departmentId,
  };
}

export type LoginResult = { user: User; sessionToken: string; csrfToken: string };

/** Checks the password and opens a session; wrong passwords count towards the lockout. Public by design. */
export async function login(ctx: Ctx, input: { username: string; password: string }): Promise<LoginResult> {
  allowPublic('auth:login');
  const now = ctx.now();
  const account = await repo.findAccountByUsername(ctx.db, input.username);
  if (!account) {
    dummyHash ??= hashPassword('timing-equaliser');
    await verifyPassword(input.password, await dummyHash);
    await recordAudit(
      ctx,
      { action: 'auth.login', outcome: 'failure', details: { reason: 'unknown_user' } },
      input.username,
    );
    throw new AppError('unauthenticated', 'bad_credentials');
  }
  // Until the password is proven the caller is anonymous; the row names the targeted account as its object.
  const auditCtx: Ctx = { ...ctx, district: account.district };
  const deny = (reason: string) =>
    recordAudit(
      auditCtx,
      { action: 'auth.login', object: `account:${account.id}`, outcome: 'denied', details: { reason } },
      input.username,
    );
  if (account.lockedUntil && account.lockedUntil > now) {
    const minutes = Math.max(1, Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000));
    await deny('locked');
    throw new AppError(
      'locked',
      'account_locked',
      { lockedUntil: account.lockedUntil.toISOString() },
      { minutes },
    );
  }
  if (account.status !== 'active') {
    await deny('disabled');
    throw new AppError('forbidden', 'account_disabled');
  }
  if (!(await verifyPassword(input.password, account.passwordHash))) {
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    const updated = await ctx.db.transaction(async (tx) => {
      const row = await repo.recordFailedLogin(tx as unknown as Db, account.id, MAX_FAILED_LOGINS, lockUntil);
      await appendAudit(
        auditCtx,
        tx as unknown as Db,
        {
          action: 'auth.login',
          object: `account:${account.id}`,
          outcome: 'failure',
          details: { reason: 'bad_password', locked: row.lockedUntil !== null && row.lockedUntil > now },
        },
        input.username,
      );
      return row;
    });
    throw new AppError('unauthenticated', 'bad_credentials', {
      attemptsLeft:
        updated.lockedUntil && updated.lockedUntil > now ? 0 : MAX_FAILED_LOGINS - updated.failedAttempts,
    });
  }
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  await ctx.db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await repo.clearFailedLogins(t, account.id);
    await repo.insertSession(t, {
      id: sha256(sessionToken),
      accountId: account.id,
      district: account.district,
      csrfToken,
      ip: ctx.ip,
      createdAt: now,
      lastSeenAt: now,
    });
    await appendAudit({ ...auditCtx, actor: toActor(account) }, t, {
      action: 'auth.login',
      object: `account:${account.id}`,
      outcome: 'success',
    });
  });
  return { user: await toUser(ctx.db, account), sessionToken, csrfToken };
}

export type SessionInfo = { actor: Actor; sessionId: string; csrfToken: string };

/** Resolves a session cookie to its actor; expired (idle) sessions are deleted and reported. */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  idleMinutes: number,
): Promise<SessionInfo | 'expired' | undefined> {
  const id = sha256(token);
  const found = await repo.findSession(db, id);
  if (!found) return undefined;
  const idleMs = idleMinutes * 60_000;
  if (now.getTime() - found.session.lastSeenAt.getTime() > idleMs || found.account.status !== 'active') {
    await repo.deleteSession(db, id);
    return 'expired';
  }
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
    await repo.touchSession(db, id, now);
  return { actor: toActor(found.account), sessionId: id, csrfToken: found.session.csrfToken };
}

/** Ends the caller's session. */
export async function logout(ctx: Ctx, sessionId: string): Promise<void> {
  authorize(ctx, 'session:end');
  await ctx.db.transaction(async (tx) => {
    await repo.deleteSession(tx as unknown as Db, sessionId);
    await appendAudit(ctx, tx as unknown as Db, {
      action: 'auth.logout',
      object: `account:${ctx.actor?.accountId}`,
      outcome: 'success',
    });
  });
}

/** The signed-in user. */
export async function me(ctx: Ctx): Promise<User> {
  const actor = authorize(ctx, 'session:read');
  const account = await repo.findAccount(ctx.db, actor.accountId);
  if (!account) throw new AppError('unauthenticated', 'unauthenticated');
  return toUser(ctx.db, account);
}

const demoName = new RegExp(`^(${roles.join('|')})\\.[a-z]+$`);

/** The demonstration accounts to list on the login page; empty unless demo mode is on. Public by design. */
export async function listDemoAccounts(ctx: Ctx) {
  allowPublic('meta:read');
  if (!ctx.config.demo) return [];
  const rows = await repo.listAccountsByDistrictRole(ctx.db);
  return rows.filter((r) => demoName.test(r.username));
}
