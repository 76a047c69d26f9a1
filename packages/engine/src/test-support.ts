// Shared by the engine's tests: where the fixture packs live and how to read them into memory.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompiledPack, compilePack } from './compile';
import { loadPackFromFiles } from './load/index';

/** The directory of the fixture packs. */
export const FIXTURES = fileURLToPath(new URL('../test-fixtures/', import.meta.url));

/** Reads a fixture pack's files into a path → text map. */
export function readFixture(name: string): Record<string, string> {
  const dir = join(FIXTURES, name);
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files[relative(dir, full).split(sep).join('/')] = readFileSync(full, 'utf8');
  }
  return files;
}

let demo: CompiledPack | undefined;

/** The demo fixture pack, loaded and compiled once per test file. */
export function demoPack(): CompiledPack {
  demo ??= compilePack(loadPackFromFiles(readFixture('demo')));
  return demo;
}
