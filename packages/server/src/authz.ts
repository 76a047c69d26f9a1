// Who may do what: role × district × scope. Every service function starts with `authorize`.
import { AppError } from './errors';

export const roles = ['talent', 'enterprise', 'reviewer', 'expert', 'provider', 'station', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Every action a service can perform, and the roles allowed to perform it. */
export const permissions = {
  'session:read': roles,
  'session:end': roles,
  'audit:read': ['admin'],
  'audit:verify': ['admin'],
  'district:read': roles,
  'pack:publish': ['admin'],
  // records (talents, enterprises, documents, import/export)
  'talent:create': ['enterprise', 'station', 'admin'],
  'talent:me': ['talent'],
  'talent:read': ['talent', 'enterprise', 'reviewer', 'station', 'admin'],
  'talent:list': ['reviewer', 'station', 'admin'],
  'talent:update-facts': ['talent', 'enterprise', 'reviewer', 'station', 'admin'],
  'talent:verify-facts': ['reviewer', 'admin'],
  'talent:reveal': ['reviewer', 'admin'],
  'employment:claim': ['talent', 'station', 'admin'],
  'document:upload': ['talent', 'enterprise', 'reviewer', 'station', 'admin'],
  'document:read': ['talent', 'enterprise', 'reviewer', 'station', 'admin'],
  'enterprise:search': roles,
  'enterprise:create': ['enterprise', 'admin'],
  'enterprise:read-own': ['enterprise'],
  'enterprise:manage': ['admin'],
  'enterprise:staff': ['enterprise', 'admin'],
  'enterprise:register': ['enterprise', 'reviewer', 'admin'],
  'import:run': ['enterprise', 'admin'],
  // certification
  'certification:evaluate': ['talent', 'enterprise', 'reviewer', 'admin'],
  'certification:apply': ['talent', 'enterprise', 'admin'],
  'certification:read': ['talent', 'enterprise', 'reviewer', 'admin'],
  'certification:review': ['reviewer'],
  'certification:committee': ['admin'],
  'certification:revoke': ['admin'],
  'certification:score': ['expert'],
  'certification:manage': ['admin'],
  // claims (matching, applications, disbursement, stations)
  'application:submit': ['talent', 'enterprise', 'station'],
  'application:read': ['talent', 'enterprise', 'station', 'reviewer', 'admin'],
  'application:withdraw': ['talent', 'enterprise', 'station'],
  'application:review': ['enterprise', 'reviewer', 'admin'],
  'grant:read': ['talent', 'enterprise', 'station', 'admin'],
  'grant:run': ['admin'],
  'fund:read': ['reviewer', 'admin'],
  'fund:manage': ['admin'],
  'payment:manage': ['admin'],
  'consent:manage': ['talent'],
  'station:act': ['station'],
  // talent code and services
  'talentCode:own': ['talent'],
  'talentCode:scan': ['provider'],
  'talentCode:use': ['provider'],
  'talentCode:manage': ['admin'],
  'provider:manage': ['admin'],
  // matching (policy finds people, notifications, pack preview)
  'matching:read-own': ['talent', 'enterprise'],
  'matching:admin': ['admin'],
  'pack:read': ['admin'],
  'notification:read': roles,
  'notification:update': roles,
  // services (housing, events, finance, youth reserve)
  'housing:read': ['talent', 'admin'],
  'housing:apply': ['talent'],
  'housing:manage': ['admin'],
  'event:read': ['talent', 'admin'],
  'event:register': ['talent'],
  'event:manage': ['admin'],
  'event:check-in': ['admin', 'provider'],
  'loan:read': ['talent', 'admin'],
  'loan:apply': ['talent'],
  'loan:manage': ['admin'],
  'loan:answer': ['provider'],
  'reserve:read': ['talent', 'enterprise', 'admin'],
  'reserve:nominate': ['enterprise', 'admin'],
  'reserve:manage': ['admin'],
  // demand and insights
  'insights:read': ['admin'],
  'insights:manage': ['admin'],
  'demand:publish': ['enterprise'],
  'demand:review': ['admin'],
  'demand:browse': ['talent', 'enterprise', 'admin'],
  'demand:apply': ['talent'],
  'demand:applicants': ['enterprise', 'admin'],
  'shortage:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissions;

/** Actions anyone may perform, signed in or not (each still goes through its own checks, e.g. the lockout). */
export const publicActions = [
  'auth:login',
  'meta:read',
  'health:read',
  'policy:read',
  'policy:calculate',
  'certificate:verify',
  'talentCode:keys',
  'talentCode:verify',
  'talent:register',
  'indicator:read',
  'shortage:read',
] as const;
export type PublicAction = (typeof publicActions)[number];

/** The rule a route declares in `config.authz`: a public action or a permission. */
export type RouteRule = Action | PublicAction;

/** Marks a service function as public on purpose; the first line of such a function. */
export function allowPublic(_action: PublicAction): void {}

export type Actor = {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  district: string;
  departmentId: number | null;
};

export type AuthzCtx = { actor: Actor | null; district: string | null };

/** Throws `forbidden` when the actor's role lacks the action (details name both, so tests can tell it apart). */
export function authorizeRole(actor: Actor, action: Action): void {
  if (!Object.hasOwn(permissions, action) || !(permissions[action] as readonly Role[]).includes(actor.role)) {
    throw new AppError('forbidden', 'forbidden', { action, role: actor.role });
  }
}

/** Throws `unauthenticated` without an actor, `forbidden` for a role without the action, and for another district. */
export function authorize(ctx: AuthzCtx, action: Action): Actor {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated', 'unauthenticated');
  authorizeRole(actor, action);
  if (ctx.district && ctx.district !== actor.district) {
    throw new AppError('forbidden', 'wrong_district', { district: ctx.district });
  }
  return actor;
}
