// Loading a pack: parse every file, validate each against the format and the fact schema, check the
// cross-references, and report every problem (file, line, column) at once.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { PackLoadError } from '../errors';
import { coreSchema } from '../facts';
import { paramValueAt } from '../params';
import type { LoadIssue, Pack, PackTestCase, Parameter, Policy } from '../types';
import { Checker, suggest } from './checker';
import { leavesOf } from './conditions';
import { readIndicators } from './indicators';
import { readPackMeta } from './pack-meta';
import { readParameters } from './parameters';
import { readPolicy } from './policies';
import { readTests } from './tests';
import { readTierIds, readTiers } from './tiers';
import { collectAmountParams } from './used-params';
import { type ParsedFile, parseYamlFile } from './yaml';

/** Pack files as relative path → text (an uploaded pack, or a directory read into memory). */
export type PackFiles = Record<string, string> | ReadonlyMap<string, string>;

function normalise(files: PackFiles): Map<string, string> {
  const entries = files instanceof Map ? [...files.entries()] : Object.entries(files);
  let list = entries.map(([p, t]) => [p.replaceAll('\\', '/').replace(/^\.\//, ''), t] as const);
  if (!list.some(([p]) => p === 'pack.yaml')) {
    const roots = list.filter(([p]) => /^[^/]+\/pack\.yaml$/.test(p));
    if (roots.length === 1) {
      const prefix = (roots[0]?.[0] ?? '').replace(/pack\.yaml$/, '');
      list = list.filter(([p]) => p.startsWith(prefix)).map(([p, t]) => [p.slice(prefix.length), t] as const);
    }
  }
  return new Map([...list].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function isYaml(path: string): boolean {
  return path.endsWith('.yaml') || path.endsWith('.yml');
}

function windowsOverlap(a: Policy['effective'], b: Policy['effective']): boolean {
  return a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');
}

/** Validates a pack given as in-memory files (e.g. an upload); throws PackLoadError listing every problem. */
export function loadPackFromFiles(files: PackFiles, options: { directory?: string } = {}): Pack {
  const issues: LoadIssue[] = [];
  const warnings: LoadIssue[] = [];
  const all = normalise(files);
  const parsed = new Map<string, ParsedFile>();
  for (const [path, text] of all) {
    if (!isYaml(path)) continue;
    const known =
      ['pack.yaml', 'tiers.yaml', 'indicators.yaml'].includes(path) ||
      /^(parameters|policies|tests)\//.test(path);
    if (!known) {
      warnings.push({
        file: path,
        line: 1,
        column: 1,
        message: `file ignored: not part of the pack format`,
        messageZh: `已忽略：不属于政策包格式的文件`,
        path: '',
      });
      continue;
    }
    parsed.set(path, parseYamlFile(path, text, issues));
  }
  const checker = (pf: ParsedFile) => new Checker(pf, issues, warnings);
  const under = (dir: string) =>
    [...parsed.values()].filter((p) => p.file.startsWith(`${dir}/`) && p.data !== undefined);
  const missingFile = (file: string) =>
    issues.push({
      file,
      line: 1,
      column: 1,
      message: `${file} is missing`,
      messageZh: `缺少 ${file}`,
      path: '',
    });

  const packFile = parsed.get('pack.yaml');
  const tiersFile = parsed.get('tiers.yaml');
  if (!packFile) missingFile('pack.yaml');
  if (!tiersFile) missingFile('tiers.yaml');
  const schema = coreSchema(tiersFile ? readTierIds(checker(tiersFile)) : []);
  const meta =
    packFile?.data !== undefined ? readPackMeta(checker(packFile), new Set(Object.keys(schema))) : undefined;
  for (const def of meta?.facts ?? []) schema[def.name] = def;
  const references = new Set(meta?.references.map((r) => r.id) ?? []);

  const parameters: Record<string, Parameter> = {};
  for (const pf of under('parameters')) readParameters(checker(pf), parameters, references);
  const env = { schema, params: parameters, references };

  const { catalogue, tiers } =
    tiersFile?.data !== undefined
      ? readTiers(checker(tiersFile), { ...env, audience: 'talent' })
      : { tiers: [] };

  const policies: Policy[] = [];
  const byId = new Map<string, Policy>();
  const checkers = new Map<Policy, Checker>();
  for (const pf of under('policies')) {
    const c = checker(pf);
    const policy = readPolicy(c, env);
    if (!policy) continue;
    const first = byId.get(policy.id);
    if (first) {
      c.error(
        ['id'],
        `duplicate policy id '${policy.id}' (first in ${first.at.file}:${first.at.line})`,
        `政策编号 '${policy.id}' 重复（首次出现于 ${first.at.file}:${first.at.line}）`,
      );
      continue;
    }
    byId.set(policy.id, policy);
    checkers.set(policy, c);
    policies.push(policy);
  }

  for (const policy of policies) {
    const c = checkers.get(policy) as Checker;
    if (meta && !policy.id.startsWith(`${meta.id}.`))
      c.warn(
        ['id'],
        `policy id '${policy.id}' does not start with '${meta.id}.'`,
        `政策编号 '${policy.id}' 未以 '${meta.id}.' 开头`,
      );
    if (policy.fund !== undefined && meta && !meta.funds.some((f) => f.id === policy.fund)) {
      const hint = suggest(
        policy.fund,
        meta.funds.map((f) => f.id),
      );
      c.error(
        ['fund'],
        `unknown fund '${policy.fund}'${hint ? ` (did you mean '${hint}'?)` : ''}; declare it under funds in pack.yaml`,
        `未知的资金 '${policy.fund}'${hint ? `（是否应为 '${hint}'？）` : ''}；请在 pack.yaml 的 funds 中声明`,
      );
    }
    const group = policy.exclusivity?.group;
    if (group !== undefined && meta && !meta.exclusivityGroups.some((g) => g.id === group)) {
      const hint = suggest(
        group,
        meta.exclusivityGroups.map((g) => g.id),
      );
      c.error(
        ['exclusivity', 'group'],
        `unknown exclusivity group '${group}'${hint ? ` (did you mean '${hint}'?)` : ''}`,
        `未知的互斥组 '${group}'${hint ? `（是否应为 '${hint}'？）` : ''}`,
      );
    }
    policy.amount?.deduct?.forEach((id, i) => {
      if (!byId.has(id)) {
        const hint = suggest(id, byId.keys());
        c.error(
          ['amount', 'deduct', i],
          `unknown policy '${id}' in deduct${hint ? ` (did you mean '${hint}'?)` : ''}`,
          `deduct 中的政策 '${id}' 不存在${hint ? `（是否应为 '${hint}'？）` : ''}`,
        );
      }
    });
    policy.stacksOn?.forEach((id, i) => {
      if (!byId.has(id))
        c.error(['stacks_on', i], `unknown policy '${id}' in stacks_on`, `stacks_on 中的政策 '${id}' 不存在`);
    });
    const used = new Set<string>();
    for (const leaf of leavesOf(policy.conditions)) if (leaf.param) used.add(leaf.param);
    collectAmountParams(policy, used);
    for (const name of used) {
      const param = parameters[name];
      if (param && !paramValueAt(param, policy.effective.from))
        c.error(
          ['effective', 'from'],
          `parameter '${name}' has no value in force on ${policy.effective.from} (its first value is from ${param.values[0]?.from})`,
          `参数 '${name}' 在 ${policy.effective.from} 没有生效的取值（最早取值自 ${param.values[0]?.from} 起）`,
        );
    }
  }

  for (const group of meta?.exclusivityGroups ?? []) {
    const members = policies.filter((p) => p.exclusivity?.group === group.id);
    for (let j = 1; j < members.length; j++) {
      const b = members[j] as Policy;
      for (let i = 0; i < j; i++) {
        const a = members[i] as Policy;
        if (a.audience !== b.audience || !windowsOverlap(a.effective, b.effective)) continue;
        const pa = a.exclusivity?.priority;
        const pb = b.exclusivity?.priority;
        if (pa !== undefined && pb !== undefined && pa !== pb) continue;
        (checkers.get(b) as Checker).error(
          ['exclusivity'],
          `policies '${a.id}' (${a.at.file}) and '${b.id}' are both in exclusivity group '${group.id}' with overlapping effective windows and no distinct priorities; give each a different priority`,
          `政策 '${a.id}'（${a.at.file}）与 '${b.id}' 同属互斥组 '${group.id}'，有效期重叠且未设置不同的优先级；请为两者设置不同的 priority`,
        );
        break;
      }
    }
  }

  const tests: PackTestCase[] = [];
  for (const pf of under('tests')) {
    tests.push(
      ...readTests(checker(pf), { schema, policies: byId, groups: meta?.exclusivityGroups ?? [], tiers }),
    );
  }
  const indicatorsFile = parsed.get('indicators.yaml');
  const { indicators, categories: indicatorCategories } =
    indicatorsFile?.data !== undefined
      ? readIndicators(checker(indicatorsFile))
      : { indicators: [], categories: [] };

  if (meta && options.directory && basename(options.directory) !== meta.id)
    warnings.push({
      file: 'pack.yaml',
      line: packFile?.locate(['id']).line ?? 1,
      column: 1,
      message: `pack id '${meta.id}' differs from its directory name '${basename(options.directory)}'`,
      messageZh: `政策包编号 '${meta.id}' 与目录名 '${basename(options.directory)}' 不一致`,
      path: 'id',
    });
  if (issues.length > 0 || !meta) {
    issues.sort((a, b) =>
      a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1,
    );
    throw new PackLoadError(issues);
  }
  const pack: Pack = {
    id: meta.id,
    name: meta.name,
    version: meta.version,
    currency: meta.currency,
    references: meta.references,
    funds: meta.funds,
    exclusivityGroups: meta.exclusivityGroups,
    schema,
    tiers,
    parameters,
    policies,
    tests,
    indicators,
    indicatorCategories,
    warnings,
  };
  if (catalogue) pack.catalogue = catalogue;
  return pack;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isYaml(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** Reads and validates the pack in a directory; throws PackLoadError listing every problem. */
export async function loadPack(dir: string): Promise<Pack> {
  const files = new Map<string, string>();
  for (const file of await listFiles(dir)) files.set(file, await readFile(join(dir, file), 'utf8'));
  return loadPackFromFiles(files, { directory: dir });
}
