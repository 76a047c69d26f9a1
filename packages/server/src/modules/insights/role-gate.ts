// A preValidation hook for a module's routes: a role the route's permission does not include gets 403
// before its input is validated (the service's `authorize` stays the rule; this only answers earlier).
import type { FastifyRequest } from 'fastify';
import { permissions, type Role } from '../../authz';
import { AppError } from '../../errors';

export async function refuseOtherRoles(request: FastifyRequest): Promise<void> {
  const rule = request.routeOptions.config.authz;
  const actor = request.actor;
  if (!rule || !actor || !Object.hasOwn(permissions, rule)) return;
  const allowed = permissions[rule as keyof typeof permissions] as readonly Role[];
  if (!allowed.includes(actor.role))
    throw new AppError('forbidden', 'forbidden', { action: rule, role: actor.role });
}
