// Demonstration data of the talent code: the providers of each district (hospital, school, bank, park)
// and a code for every talent certified by the demo seed (so the admin's list is not empty on day one).
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import { seedProviders } from '../providers/providers.seed';
import * as repo from './talent-code.repo';

/** Adds what is missing (safe to run again); runs after the certification module's demo seed. */
export async function seedTalentCodeDemo(db: Db, now = new Date()): Promise<void> {
  await seedProviders(db);
  for (const t of await repo.listCertifiedWithoutCode(db, now.toISOString().slice(0, 10))) {
    await repo.insertCodeIfAbsent(db, {
      district: t.district,
      talentId: t.talentId,
      code: randomBytes(9).toString('base64url'),
    });
  }
}
