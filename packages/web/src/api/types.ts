/** Names for the contract's schemas, so that components never spell out `components['schemas']`. */
import type { components } from './schema';

type Schemas = components['schemas'];
export type Meta = Schemas['Meta'];
export type District = Schemas['District'];
export type Role = Schemas['Role'];
export type User = Schemas['User'];
export type DemoAccount = Schemas['DemoAccount'];
export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = Schemas['AuditPage'];
export type AuditVerification = Schemas['AuditVerification'];

export const roles: readonly Role[] = [
  'talent',
  'enterprise',
  'reviewer',
  'expert',
  'provider',
  'station',
  'admin',
];
