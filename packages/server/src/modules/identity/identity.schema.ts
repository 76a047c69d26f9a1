import { z } from 'zod';
import { roles } from '../../authz';

export const Role = z.enum(roles).meta({ id: 'Role' });

export const User = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: Role,
    district: z.string(),
    displayName: z.string(),
    department: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const Login = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'Login' });

export const UserBody = z.object({ user: User });

export const DemoAccounts = z.object({
  items: z.array(
    z.object({ username: z.string(), role: Role, district: z.string(), displayName: z.string() }),
  ),
});
