// Demonstration providers per district: the hospital the demo account `provider.<district>` scans for
// (就医绿色通道), a school, a bank and a park, each offering the services its district's tiers.yaml names.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/client';
import * as repo from './providers.repo';

const packsDir = path.resolve(import.meta.dirname, '../../../../../packs');

type DemoProvider = { kind: string; nameZh: string; nameEn: string; services: string[]; staff?: string };

const demoProviders: DemoProvider[] = [
  {
    kind: 'hospital',
    nameZh: '区人民医院',
    nameEn: "District People's Hospital",
    services: ['medical_green_channel', 'health_check'],
    staff: 'provider',
  },
  { kind: 'school', nameZh: '区实验学校', nameEn: 'District Experimental School', services: ['schooling'] },
  { kind: 'bank', nameZh: '区农商银行', nameEn: 'District Rural Commercial Bank', services: ['talent_loan'] },
  { kind: 'park', nameZh: '区文旅景区', nameEn: 'District Scenic Parks', services: ['parks'] },
];

/** The services named in a district's tiers.yaml (undefined when the pack is not on disk). */
function packServices(district: string): Set<string> | undefined {
  const file = path.join(packsDir, district, 'tiers.yaml');
  if (!fs.existsSync(file)) return undefined;
  return new Set(
    [...fs.readFileSync(file, 'utf8').matchAll(/service:\s*([a-z0-9_]+)/g)].map((m) => m[1] ?? ''),
  );
}

/** Adds the demo providers that are missing and links each district's demo provider account (safe to run again). */
export async function seedProviders(db: Db): Promise<void> {
  for (const district of ['chaoyang', 'horinger', 'wuxing', 'jingan', 'wuchang']) {
    const offered = packServices(district);
    for (const p of demoProviders) {
      const services = offered ? p.services.filter((s) => offered.has(s)) : p.services;
      if (services.length === 0) continue;
      const row =
        (await repo.insertProvider(db, {
          district,
          kind: p.kind,
          nameZh: p.nameZh,
          nameEn: p.nameEn,
          services,
        })) ?? (await repo.findProviderByName(db, district, p.nameZh));
      if (!row || !p.staff) continue;
      const account = await repo.findAccountByUsername(db, `${p.staff}.${district}`);
      if (account && !(await repo.findProviderOfAccount(db, account.id)))
        await repo.upsertStaff(db, account.id, row.id);
    }
  }
}
