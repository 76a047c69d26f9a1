// Refuses a signed-in caller whose role lacks the route's permission before the body is validated, so a
// forbidden role gets 403 (not 400) whatever it sends. The service's own `authorize` still runs.
import type { FastifyRequest } from 'fastify';
import { permissions, type Role } from '../../authz';
import { AppError } from '../../errors';

export async function roleGate(request: FastifyRequest): Promise<void> {
  const rule = request.routeOptions.config.authz;
  const actor = request.actor;
  if (!actor || !rule || !Object.hasOwn(permissions, rule)) return;
  const allowed = permissions[rule as keyof typeof permissions] as readonly Role[];
  if (!allowed.includes(actor.role))
    throw new AppError('forbidden', 'forbidden', { action: rule, role: actor.role });
}
