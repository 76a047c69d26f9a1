/** Names for the contract's shapes, derived from the generated `paths` so they follow the server. */
import type { components, paths } from './schema';

type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer T } } };
}
  ? T
  : never;

export type Role = components['schemas']['Role'];
export type User = components['schemas']['User'];
export type Meta = Body<'/api/v1/meta', 'get'>;
export type District = Meta['districts'][number];
export type DemoAccount = Body<'/api/v1/auth/demo-accounts', 'get'>['items'][number];
export type AuditPage = Body<'/api/v1/d/{district}/audit', 'get'>;
export type AuditEntry = AuditPage['items'][number];
export type AuditVerification = Body<'/api/v1/d/{district}/audit/verify', 'post'>;

export const roles: readonly Role[] = [
  'talent',
  'enterprise',
  'reviewer',
  'expert',
  'provider',
  'station',
  'admin',
];

export type Audience = components['schemas']['Audience'];
export type PolicyList = Body<'/api/v1/d/{district}/policies', 'get'>;
export type PolicyListItem = PolicyList['items'][number];
export type PolicyDetail = components['schemas']['PolicyDetail'];
export type ConditionText = components['schemas']['ConditionText'];
export type Questions = Body<'/api/v1/d/{district}/policies/questions', 'get'>;
export type Question = Questions['items'][number];
export type Calculation = Body<'/api/v1/d/{district}/policies/calculate', 'post'>;
export type CalculationResult = Calculation['results'][number];
export type CalculationGroup = Calculation['groups'][number];
export type Facts = components['schemas']['CalculateInput']['facts'];
