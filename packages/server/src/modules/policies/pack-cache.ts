// The compiled engine per (district, published version), loaded from the version's stored files on first
// use and kept in a small in-memory cache: a version never changes, so entries never go stale (the key
// carries the content hash too, so two databases in one process cannot mix up their version ids).
import { type CompiledPack, compilePack, loadPackFromFiles } from '@rencai/engine';
import type { Db } from '../../db/client';
import * as repo from './policies.repo';

const MAX_ENTRIES = 16;
const cache = new Map<string, Promise<CompiledPack>>();

export type ActivePack = { versionId: number; version: number; label: string; pack: CompiledPack };

/** The compiled pack of a stored version (loading and compiling it once). */
export function compiledVersion(
  db: Db,
  version: { district: string; id: number; contentHash: string },
): Promise<CompiledPack> {
  const key = `${version.district}:${version.id}:${version.contentHash}`;
  let hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-insert: most recently used last
    cache.set(key, hit);
    return hit;
  }
  hit = (async () => {
    const files = await repo.findVersionFiles(db, version.id);
    if (!files) throw new Error(`pack version ${version.id} has no files`);
    return compilePack(loadPackFromFiles(files));
  })();
  hit.catch(() => cache.delete(key));
  cache.set(key, hit);
  while (cache.size > MAX_ENTRIES) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return hit;
}

/** Seeds the cache with a pack just compiled for publishing, so the first reader does not load it again. */
export function rememberVersion(
  version: { district: string; id: number; contentHash: string },
  pack: CompiledPack,
): void {
  cache.set(`${version.district}:${version.id}:${version.contentHash}`, Promise.resolve(pack));
}

/** The district's active version and its compiled pack, or undefined when nothing is published. */
export async function findActivePack(db: Db, district: string): Promise<ActivePack | undefined> {
  const active = await repo.findActiveVersion(db, district);
  if (!active) return undefined;
  return {
    versionId: active.id,
    version: active.version,
    label: active.label,
    pack: await compiledVersion(db, { district, id: active.id, contentHash: active.contentHash }),
  };
}
