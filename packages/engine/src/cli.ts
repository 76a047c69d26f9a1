// `pack check | test | explain`: the command line of the engine, also reached through `rencai pack …`.
import { readFile } from 'node:fs/promises';
import { asDate, compilePack } from './compile';
import { formatIssue, PackLoadError } from './errors';
import { classifyTier, evaluateSubject, explainPolicy } from './evaluate';
import { loadPack } from './load/index';
import { runPackTests } from './testing';
import { formatValue } from './text';
import type { Audience, ExplainNode, Explanation, Facts, Lang, Pack } from './types';

/** Where the CLI writes: one call per line. */
export interface CliIo {
  out(s: string): void;
  err(s: string): void;
}

const HELP = `Usage:
  pack check <dir>                 validate a pack (every error with file and line)
  pack test <dir…>                 run the packs' tests/*.yaml; ends with "N passed, N failed"
  pack explain <dir> --facts <file.json> [--date YYYY-MM-DD] [--policy ID]
               [--subject talent|enterprise] [--lang zh|en]
                                   explain decisions for one subject's facts
Options:
  --lang zh|en   language of the output (default zh; LANG=en* selects English)
  --help         this text

The facts file holds a JSON object of facts, or { "subject", "date", "facts" }.`;

interface Parsed {
  positional: string[];
  flags: Map<string, string>;
  help: boolean;
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      else flags.set(arg.slice(2), argv[++i] ?? '');
    } else positional.push(arg);
  }
  return { positional, flags, help };
}

function langOf(flags: Map<string, string>): Lang {
  const flag = flags.get('lang');
  if (flag === 'en' || flag === 'zh') return flag;
  return process.env.LANG?.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

async function load(dir: string, io: CliIo, lang: Lang): Promise<Pack | undefined> {
  try {
    return await loadPack(dir);
  } catch (e) {
    if (e instanceof PackLoadError) {
      for (const issue of e.issues) io.err(`${dir}/${formatIssue(issue, lang)}`);
      io.err(lang === 'zh' ? `${dir}：${e.issues.length} 个错误` : `${dir}: ${e.issues.length} error(s)`);
    } else io.err(`${dir}: ${(e as Error).message}`);
    return undefined;
  }
}

function warn(pack: Pack, dir: string, io: CliIo, lang: Lang): void {
  for (const w of pack.warnings)
    io.err(`${dir}/${formatIssue(w, lang)} ${lang === 'zh' ? '（警告）' : '(warning)'}`);
}

async function check(dirs: string[], io: CliIo, lang: Lang): Promise<number> {
  let code = 0;
  for (const dir of dirs) {
    const pack = await load(dir, io, lang);
    if (!pack) {
      code = 1;
      continue;
    }
    warn(pack, dir, io, lang);
    const n = Object.keys(pack.parameters).length;
    io.out(
      lang === 'zh'
        ? `✔ ${pack.id} ${pack.version}：${pack.policies.length} 项政策、${n} 个参数、${pack.tiers.length} 个层次、${pack.tests.length} 个测试用例`
        : `✔ ${pack.id} ${pack.version}: ${pack.policies.length} policies, ${n} parameters, ${pack.tiers.length} tiers, ${pack.tests.length} test cases`,
    );
  }
  return code;
}

async function test(dirs: string[], io: CliIo, lang: Lang): Promise<number> {
  let passed = 0;
  let failed = 0;
  let broken = false;
  for (const dir of dirs) {
    const pack = await load(dir, io, lang);
    if (!pack) {
      broken = true;
      continue;
    }
    const report = runPackTests(pack);
    passed += report.passed;
    failed += report.failed;
    for (const r of report.results) {
      if (r.ok) continue;
      io.out(`✘ ${r.name} (${dir}/${r.file}:${r.line})`);
      for (const f of r.failures) io.out(`    ${f}`);
    }
    io.out(`${report.failed === 0 ? '✔' : '✘'} ${pack.id}: ${report.passed} passed, ${report.failed} failed`);
  }
  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 || broken ? 1 : 0;
}

const MARK = { pass: '✔', fail: '✘', unknown: '?' } as const;

function verdictText(verdict: Explanation['verdict'], inForce: boolean, lang: Lang): string {
  if (!inForce) return lang === 'zh' ? '不在有效期内' : 'not in force on that date';
  if (verdict === 'eligible') return lang === 'zh' ? '符合条件' : 'eligible';
  if (verdict === 'unknown') return lang === 'zh' ? '待补充信息' : 'unknown — more information needed';
  return lang === 'zh' ? '不符合条件' : 'not eligible';
}

function nodeLines(pack: Pack, node: ExplainNode, lang: Lang, depth: number, out: string[]): void {
  const zh = lang === 'zh';
  let line = `${'  '.repeat(depth)}${MARK[node.status]} ${node.text[lang]}`;
  if (node.kind === 'leaf' && node.status !== 'unknown') {
    const def = node.fact ? pack.schema[node.fact] : undefined;
    line += zh
      ? `（实际：${formatValue(node.actual, def, lang)}）`
      : ` (actual: ${formatValue(node.actual, def, lang)})`;
  }
  if (node.status === 'unknown' && node.missing.length > 0)
    line += zh ? ` — 未知：${node.missing.join('、')}` : ` — unknown: ${node.missing.join(', ')}`;
  if (node.param) {
    const p = node.param;
    const value = formatValue(p.value, undefined, lang);
    const since = p.since ? (zh ? `，自 ${p.since} 起` : ` since ${p.since}`) : '';
    const ref = p.reference ? (zh ? `，${p.reference}` : `, ${p.reference}`) : '';
    line += zh
      ? ` ［参数 ${p.name} = ${value}${since}${ref}］`
      : ` [parameter ${p.name} = ${value}${since}${ref}]`;
  }
  if (node.ref) line += zh ? ` 〔${node.ref}〕` : ` ⟨${node.ref}⟩`;
  out.push(line);
  for (const child of node.children ?? []) nodeLines(pack, child, lang, depth + 1, out);
}

function explanationLines(pack: Pack, e: Explanation, lang: Lang): string[] {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(`${e.policyId} ${e.title[lang]}`);
  let verdict = `${zh ? '结论：' : 'verdict: '}${verdictText(e.verdict, e.window.inForce, lang)}`;
  if (e.missing.length)
    verdict += zh ? ` — 请补充：${e.missing.join('、')}` : ` — tell us: ${e.missing.join(', ')}`;
  if (!e.window.inForce) verdict += ` (${e.window.from} – ${e.window.to ?? '…'})`;
  out.push(verdict);
  nodeLines(pack, e.condition, lang, 0, out);
  const hasAmount = pack.policies.find((p) => p.id === e.policyId)?.amount !== undefined;
  if (e.verdict !== 'ineligible' && hasAmount) {
    const amount = e.amount.value === null ? '?' : formatValue(e.amount.value, undefined, lang);
    const prefix = e.verdict === 'unknown' ? (zh ? '可能获得' : 'would be') : zh ? '金额' : 'amount';
    let line = `${prefix}${zh ? '：' : ': '}${amount} ${pack.currency}`;
    if (e.amount.missing.length)
      line += zh ? ` — 请补充：${e.amount.missing.join('、')}` : ` — tell us: ${e.amount.missing.join(', ')}`;
    out.push(line);
    for (const step of e.amount.steps) out.push(`  · ${step.text[lang]}`);
    if (e.schedule.length > 1) {
      const parts = e.schedule.map((i) => {
        const a = i.amount === null ? '?' : formatValue(i.amount, undefined, lang);
        const state = {
          due: zh ? '应付' : 'due',
          pending: zh ? '待条件/时间' : 'pending',
          unknown: zh ? '待补充' : 'unknown',
        }[i.state];
        return `${a} @ ${i.dueDate} (${state})`;
      });
      out.push(`${zh ? '分期：' : 'instalments: '}${parts.join(' · ')}`);
    }
  }
  return out;
}

async function explain(p: Parsed, io: CliIo, lang: Lang): Promise<number> {
  const zh = lang === 'zh';
  const dir = p.positional[1];
  const factsFile = p.flags.get('facts');
  if (!dir || !factsFile) {
    io.err(HELP);
    return 2;
  }
  const pack = await load(dir, io, lang);
  if (!pack) return 1;
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(factsFile, 'utf8'));
  } catch (e) {
    io.err(`${factsFile}: ${(e as Error).message}`);
    return 2;
  }
  const wrapped =
    raw !== null && typeof raw === 'object' && 'facts' in raw ? (raw as Record<string, unknown>) : undefined;
  const facts = (wrapped ? wrapped.facts : raw) as Facts;
  const subject = (p.flags.get('subject') ?? wrapped?.subject ?? 'talent') as Audience;
  if (subject !== 'talent' && subject !== 'enterprise') {
    io.err(`--subject talent|enterprise`);
    return 2;
  }
  let at: ReturnType<typeof asDate>;
  try {
    at = asDate(
      (p.flags.get('date') ?? (wrapped?.date as string | undefined) ?? new Date()) as string | Date,
    );
  } catch (e) {
    io.err((e as Error).message);
    return 2;
  }
  const compiled = compilePack(pack);
  const policyId = p.flags.get('policy');
  if (policyId && !compiled.byId.has(policyId)) {
    io.err(zh ? `未知的政策 '${policyId}'` : `unknown policy '${policyId}'`);
    return 2;
  }
  io.out(
    `${pack.name[lang]} (${pack.id} ${pack.version}) · ${zh ? '评估日期' : 'as of'} ${at.iso} · ${zh ? (subject === 'talent' ? '人才' : '企业') : subject}`,
  );
  if (subject === 'talent' && !policyId) {
    const t = classifyTier(compiled, facts, at.iso);
    let line = `${zh ? '人才目录层次：' : 'catalogue tier: '}${t.tier}`;
    for (const u of t.unknown)
      line += zh
        ? `；补充 ${u.missing.join('、')} 可能达到 ${u.tier}`
        : `; could be ${u.tier} given ${u.missing.join(', ')}`;
    io.out(line);
  }
  const ids = policyId
    ? [policyId]
    : compiled.policies.filter((cp) => cp.policy.audience === subject).map((cp) => cp.policy.id);
  for (const id of ids) {
    io.out('');
    for (const line of explanationLines(pack, explainPolicy(compiled, id, facts, at.iso), lang)) io.out(line);
  }
  if (!policyId) {
    const ev = evaluateSubject(compiled, subject, facts, at.iso);
    io.out('');
    for (const g of ev.groups)
      io.out(
        `${zh ? '互斥组' : 'group'} ${g.group} (${g.resolution})${zh ? '：' : ': '}${g.chosen ?? (zh ? '无' : 'none')}${g.undecided ? (zh ? '（尚未确定）' : ' (undecided)') : ''}`,
      );
    io.out(
      `${zh ? '合计（就高不重复）：' : 'total (highest, not both): '}${formatValue(ev.total, undefined, lang)} ${pack.currency}${ev.totalComplete ? '' : ' +?'}`,
    );
  }
  return 0;
}

/** Runs `pack check|test|explain …` (argv may start with "pack"); returns the process exit code. */
export async function runPackCli(argv: string[], io: CliIo): Promise<number> {
  const args = argv[0] === 'pack' ? argv.slice(1) : argv;
  const p = parseArgs(args);
  const lang = langOf(p.flags);
  const command = p.positional[0];
  if (p.help || command === undefined || command === 'help') {
    io.out(HELP);
    return command === undefined && !p.help ? 2 : 0;
  }
  const dirs = p.positional.slice(1);
  switch (command) {
    case 'check':
      if (dirs.length === 0) break;
      return check(dirs, io, lang);
    case 'test':
      if (dirs.length === 0) break;
      return test(dirs, io, lang);
    case 'explain':
      return explain(p, io, lang);
  }
  io.err(HELP);
  return 2;
}
