// "The job is on the shortage catalogue" works through the engine: the onShortageCatalogue fact, derived
// from the talent's occupation and the published catalogue, decides Horinger's shortage-occupation subsidy.
import path from 'node:path';
import { type CompiledPack, compilePack, decide, loadPack } from '@rencai/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../seed/demo';
import { createTestDatabase, type TestDatabase } from '../../test/db';
import { onShortageCatalogue } from './demand.service';

let database: TestDatabase;
let pack: CompiledPack;
beforeAll(async () => {
  pack = compilePack(await loadPack(path.resolve(import.meta.dirname, '../../../../../packs/horinger')));
  database = await createTestDatabase();
  await seedDemo(database.db); // publishes a shortage catalogue for every district
});
afterAll(() => database.destroy());

const worker = { skillLevel: 'level2', employerInDistrict: true };

describe('onShortageCatalogue through the engine', () => {
  it('makes a data-centre engineer eligible and a cook not, and leaves it unknown without an occupation', async () => {
    const verdict = async (occupation?: string) => {
      const flag = await onShortageCatalogue(database.db, 'horinger', occupation);
      const facts = flag === undefined ? worker : { ...worker, occupation, onShortageCatalogue: flag };
      return decide(pack, 'horinger.skills.shortage_occupation', facts, '2026-06-01').verdict;
    };
    expect(await verdict('数据中心运维工程师')).toBe('eligible');
    expect(await verdict('厨师')).toBe('ineligible');
    expect(await verdict(undefined)).toBe('unknown');
  });
});
