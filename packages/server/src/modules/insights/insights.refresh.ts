// The background refresh of the dashboard's aggregates. It reads the base tables in small chunks (a few
// thousand talents a query) and yields to the event loop between steps, because on PGlite every query
// runs on Node's main thread: one big GROUP BY over 100,000 talents would stall every other request.
// Each dataset is then replaced in one short transaction. Other modules' tables are optional.
import { performance } from 'node:perf_hooks';
import type { Indicator } from '@rencai/engine';
import type { Db } from '../../db/client';
import { findActivePack } from '../policies/pack-cache';
import { chinaDate } from '../policies/policies.service';
import {
  aggregationIndexOf,
  inUnit,
  metricOf,
  metrics,
  progressOf,
  talentCounters,
} from './insights.metrics';
import * as repo from './insights.repo';

type SeriesOut = Omit<repo.SeriesRow, 'dataset'>;

export type RefreshOptions = {
  /** Talent ids per window query (smaller: shorter pauses, more steps). */
  chunkSize?: number;
  now?: Date;
  /** How many months of monthly series to keep (ending with the current month). */
  months?: number;
  /** Checked between steps: a refresh stops early when it answers true (the server is closing). */
  shouldStop?: () => boolean;
  /** Told each step's name and how long it held the thread (for the benchmark). */
  onStep?: (name: string, ms: number) => void;
};

export type RefreshReport = { district: string; steps: number; durationMs: number; talents: number };

// A timer, not setImmediate: a request arriving mid-refresh gets whole loop turns (read, answer) between steps.
const yieldToLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/** The last `n` months ending with the month of `today` (YYYY-MM), oldest first. */
export function monthsEnding(today: string, n: number): string[] {
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out.reverse();
}

const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/** The indicators of the district's current plan: those with the latest target year. */
export function currentPlan(indicators: readonly Indicator[]): Indicator[] {
  const latest = Math.max(...indicators.map((i) => i.targetYear));
  return indicators.filter((i) => i.targetYear === latest);
}

/** The value of an entered series as of the end of a month (the latest entry dated on or before it). */
function enteredAsOf(rows: repo.ActualRow[], month: string): number | undefined {
  let value: number | undefined;
  for (const r of rows) if (r.asOf.slice(0, 7) <= month) value = r.value;
  return value;
}

/** Recomputes every aggregate of one district; safe to run again, and alongside readers. */
export async function refreshDistrict(
  db: Db,
  district: string,
  opts: RefreshOptions = {},
): Promise<RefreshReport> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const today = chinaDate(now);
  const chunkSize = opts.chunkSize ?? 500;
  const months = monthsEnding(today, opts.months ?? 24);
  let steps = 0;
  let since = performance.now();
  const step = async (name: string) => {
    steps++;
    opts.onStep?.(name, performance.now() - since);
    await yieldToLoop();
    since = performance.now();
    if (opts.shouldStop?.()) throw new Error('refresh stopped: the server is closing');
  };
  /** Replaces one dataset (one short transaction), then yields. */
  const put = async (dataset: string, rows: SeriesOut[], at: Date) => {
    await repo.replaceDataset(db, district, dataset, rows, at);
    await step(dataset);
  };
  // The refresh row is written when the refresh ends, so readers keep the last finished time meanwhile.
  try {
    // 1. Talents, chunk by chunk: tier, category counters, industry, occupation, registrations and arrivals.
    const tiers = new Map<string, number>();
    const industries = new Map<string, number>();
    const occupations = new Map<string, number>();
    const registrations = new Map<string, number>();
    const arrivals = new Map<string, number>();
    /** month → counter → new that month (cumulated below). */
    const newByMonth = new Map<string, Map<string, number>>();
    let talents = 0;
    const maxId = await repo.maxTalentId(db, district);
    for (let lo = 1; lo <= maxId; lo += chunkSize) {
      const rows = await repo.talentGroups(db, district, lo, lo + chunkSize - 1, today);
      for (const r of rows) {
        const n = Number(r.n);
        talents += n;
        bump(tiers, r.tier ?? 'NONE', n);
        if (r.industry) bump(industries, r.industry, n);
        if (r.occupation) bump(occupations, r.occupation, n);
        bump(registrations, r.month, n);
        bump(arrivals, r.arrivalMonth ?? r.month, n);
        const counters = newByMonth.get(r.month) ?? new Map<string, number>();
        newByMonth.set(r.month, counters);
        for (const c of talentCounters({
          professionalTitle: r.title,
          skillLevel: r.skill,
          employerType: r.employerType,
        }))
          bump(counters, c, n);
        if (r.tier && r.certifiedMonth) {
          const certMonth = newByMonth.get(r.certifiedMonth) ?? new Map<string, number>();
          newByMonth.set(r.certifiedMonth, certMonth);
          bump(certMonth, 'talents.certified', n);
        }
      }
      await step('talents');
    }

    // Cumulative counters per month of the window, and now.
    const sortedMonths = [...newByMonth.keys()].sort();
    const cumulative = new Map<string, Record<string, number>>();
    const running: Record<string, number> = {};
    let k = 0;
    for (const month of months) {
      while (k < sortedMonths.length && (sortedMonths[k] as string) <= month) {
        for (const [c, n] of newByMonth.get(sortedMonths[k] as string) ?? [])
          running[c] = (running[c] ?? 0) + n;
        k++;
      }
      cumulative.set(month, { ...running });
    }
    const current: Record<string, number> = {};
    for (const counters of newByMonth.values())
      for (const [c, n] of counters) current[c] = (current[c] ?? 0) + n;

    const at = new Date();
    const keyed = (m: Map<string, number>): SeriesOut[] =>
      [...m].map(([key, value]) => ({ period: '', key, subKey: '', value }));
    await put('tier', keyed(tiers), at);
    await put(
      'category',
      Object.entries(current)
        .filter(([c]) => c.startsWith('talents.'))
        .map(([key, value]) => ({ period: '', key, subKey: '', value })),
      at,
    );
    await put('industry', keyed(industries), at);
    await put('occupation_supply', keyed(occupations), at);
    await put(
      'registrations',
      [...registrations].map(([period, value]) => ({ period, key: 'new', subKey: '', value })),
      at,
    );
    await put(
      'arrivals',
      [...arrivals].map(([period, value]) => ({ period, key: 'new', subKey: '', value })),
      at,
    );

    // 2. Money: budgets, grants and payments per fund (the claims module's tables, when present).
    const counterMoney: Record<string, number> = {};
    if (await repo.tableExists(db, 'funds')) {
      const funds = await repo.fundRows(db, district);
      const byId = new Map(funds.map((f) => [f.id, f]));
      const label = (f: repo.FundRow) => JSON.stringify({ zh: f.nameZh, en: f.nameEn });
      const fundRows: SeriesOut[] = [];
      for (const f of funds)
        for (const [subKey, value] of [
          ['budget', f.budget],
          ['committed', f.committed],
          ['paid', f.paid],
        ] as const)
          fundRows.push({ period: String(f.year), key: f.code, subKey, value, label: label(f) });
      const monthRows = async (
        dataset: string,
        rows: { fundId: number; month: string; n: number; amount: number }[],
      ) => {
        const out: SeriesOut[] = [];
        const totals = new Map<string, { n: number; amount: number; label: string }>();
        for (const r of rows) {
          const f = byId.get(r.fundId);
          if (!f) continue;
          out.push({ period: r.month, key: f.code, subKey: 'count', value: r.n, label: label(f) });
          out.push({ period: r.month, key: f.code, subKey: 'amount', value: r.amount, label: label(f) });
          const t = totals.get(f.code) ?? { n: 0, amount: 0, label: label(f) };
          t.n += r.n;
          t.amount += r.amount;
          totals.set(f.code, t);
        }
        for (const [code, t] of totals) {
          out.push({ period: '', key: code, subKey: 'count', value: t.n, label: t.label });
          out.push({ period: '', key: code, subKey: 'amount', value: t.amount, label: t.label });
        }
        await put(dataset, out, at);
        return [...totals.values()].reduce((s, t) => s + t.amount, 0);
      };
      await put('fund', fundRows, at);
      if (await repo.tableExists(db, 'grants'))
        counterMoney['grants.amount'] = await monthRows('grants', await repo.grantsByFundMonth(db, district));
      if (await repo.tableExists(db, 'payment_items'))
        counterMoney['payments.amount'] = await monthRows(
          'payments',
          await repo.paymentsByFundMonth(db, district),
        );
    }

    // 3. Processing times per review stage against their limits (applications, when present).
    if ((await repo.tableExists(db, 'applications')) && (await repo.tableExists(db, 'application_events'))) {
      const times = await repo.stageTimes(db, district);
      const open = new Map((await repo.overdueByStage(db, district, now)).map((r) => [r.stageId, r]));
      const out: SeriesOut[] = [];
      for (const s of times) {
        const label = JSON.stringify({ zh: s.nameZh, en: s.nameEn });
        const o = open.get(s.stageId);
        const add = (subKey: string, value: number) =>
          out.push({ period: '', key: s.stageId, subKey, value, label });
        add('limitDays', s.days);
        add('done', s.n);
        if (s.avgDays !== null) add('avgDays', Math.round(s.avgDays * 10) / 10);
        add('open', o?.open ?? 0);
        add('overdue', o?.overdue ?? 0);
      }
      await put('stage', out, at);
    }

    // 4. Demand against supply per occupation (this module's demand tables).
    if (await repo.tableExists(db, 'demands')) {
      const out: SeriesOut[] = [];
      for (const d of await repo.demandByOccupation(db, district, today)) {
        out.push({ period: '', key: d.occupation, subKey: 'headcount', value: d.headcount });
        out.push({ period: '', key: d.occupation, subKey: 'posts', value: d.posts });
      }
      await put('demand', out, at);
    }

    // 5. Metrics now and per month; the plan's indicators per month; the aggregation index per month.
    const metricNow: SeriesOut[] = [];
    const counters = { ...current, ...counterMoney };
    for (const m of Object.values(metrics)) {
      const v = m.compute(counters);
      if (v !== undefined) metricNow.push({ period: '', key: m.name, subKey: '', value: v });
      for (const month of months) {
        const mv =
          m.name.startsWith('talents.') || m.name.startsWith('share.')
            ? m.compute(cumulative.get(month) ?? {})
            : undefined;
        if (mv !== undefined) metricNow.push({ period: month, key: m.name, subKey: '', value: mv });
      }
    }
    await put('metric', metricNow, at);

    const active = await findActivePack(db, district);
    await step('pack');
    const indicators = active ? currentPlan(active.pack.pack.indicators) : [];
    const entered = new Map<string, repo.ActualRow[]>();
    for (const r of await repo.listAllActuals(db, district)) {
      const list = entered.get(r.code) ?? [];
      list.push(r);
      entered.set(r.code, list);
    }
    const indicatorRows: SeriesOut[] = [];
    const indexRows: { month: string; value: number; components: unknown[] }[] = [];
    for (const month of months) {
      const actualOf = (i: Indicator): number | undefined => {
        const metric = metricOf(i);
        if (metric) {
          const v = metric.compute(cumulative.get(month) ?? {});
          return v === undefined ? undefined : inUnit(metric, v, i.unit);
        }
        return enteredAsOf(entered.get(i.code) ?? [], month);
      };
      const values = new Map<string, number>();
      for (const i of indicators) {
        const v = actualOf(i);
        if (v === undefined) continue;
        values.set(i.code, v);
        indicatorRows.push({ period: month, key: i.code, subKey: 'actual', value: v });
        const p = progressOf(v, i.target);
        if (p !== null) indicatorRows.push({ period: month, key: i.code, subKey: 'progress', value: p });
      }
      const index = aggregationIndexOf(indicators, (code) => values.get(code));
      if (index) indexRows.push({ month, value: index.value, components: index.components });
    }
    await put('indicator', indicatorRows, at);
    await repo.replaceIndex(db, district, indexRows, at);
    await step('index');

    const durationMs = Date.now() - started;
    await repo.saveRefresh(db, { district, startedAt: now, finishedAt: new Date(), durationMs, steps });
    return { district, steps, durationMs, talents };
  } catch (err) {
    await repo.saveRefresh(db, {
      district,
      startedAt: now,
      finishedAt: new Date(),
      durationMs: Date.now() - started,
      steps,
      error: err instanceof Error ? err.message : String(err),
    });
    throw err;
  }
}

const running = new Map<string, Promise<RefreshReport>>();

/** Refreshes a district unless a refresh of it is already running in this process (then joins that one). */
export function refreshOnce(db: Db, district: string, opts: RefreshOptions = {}): Promise<RefreshReport> {
  const key = district;
  let p = running.get(key);
  if (!p) {
    p = refreshDistrict(db, district, opts).finally(() => running.delete(key));
    running.set(key, p);
  }
  return p;
}

/** Refreshes every district, one after the other. */
export async function refreshAll(db: Db, opts: RefreshOptions = {}): Promise<RefreshReport[]> {
  const out: RefreshReport[] = [];
  for (const district of await repo.listDistrictCodes(db)) {
    if (opts.shouldStop?.()) break;
    out.push(await refreshOnce(db, district, opts));
  }
  return out;
}

export type Refresher = { stop: () => Promise<void>; kick: (district?: string) => void };

/**
 * Runs `refreshAll` on an interval (first run shortly after start). `kick` asks for a refresh of one
 * district soon (after an administrator entered a value). Errors are reported, never thrown.
 */
export function startRefresher(
  db: Db,
  intervalMs: number,
  onError: (err: unknown) => void,
  firstDelayMs = 2000,
): Refresher {
  let stopped = false;
  const shouldStop = () => stopped;
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const q = p.catch(onError).finally(() => inFlight.delete(q));
    inFlight.add(q);
  };
  const tick = () => {
    if (!stopped) track(refreshAll(db, { shouldStop }));
  };
  const first = setTimeout(tick, firstDelayMs);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return {
    kick: (district) => {
      if (stopped) return;
      track(district ? refreshOnce(db, district, { shouldStop }) : refreshAll(db, { shouldStop }));
    },
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
