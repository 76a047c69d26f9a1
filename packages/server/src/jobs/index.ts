// pg-boss on the same database as everything else: PostgreSQL through its pool, PGlite through a small
// executeSql adapter (PGlite's `query` takes one statement with parameters, `exec` several without).
import PgBoss from 'pg-boss';
import type { Config } from '../config';
import type { Database, Db } from '../db/client';
import '../modules/matching/matching.jobs';
import '../modules/notifications/notifications.jobs';
import { attachQueue, jobHandlers } from './queue';

type SqlClient = {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  exec?(text: string): Promise<{ rows: unknown[] }[]>;
};

/** The executeSql adapter pg-boss needs, for either driver. */
export function executeSqlAdapter(database: Pick<Database, 'db' | 'kind'>) {
  const client = (database.db as unknown as { $client: SqlClient }).$client;
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      if (database.kind === 'pglite' && !values?.length && client.exec)
        return (await client.exec(text)).at(-1) ?? { rows: [] };
      const result = (await client.query(text, values)) as { rows: unknown[] } | { rows: unknown[] }[];
      return Array.isArray(result) ? (result.at(-1) ?? { rows: [] }) : result; // pg: one result per statement
    },
  };
}

export type Jobs = { boss: PgBoss; stop: () => Promise<void> };

/** Starts pg-boss and a worker per declared job; jobs sent through `defineJob` senders then run here. */
export async function startJobs(
  database: Pick<Database, 'db' | 'kind'>,
  config: Config,
  log: (msg: string, err?: unknown) => void = () => {},
): Promise<Jobs> {
  const boss = new PgBoss({
    db: executeSqlAdapter(database),
    schema: 'pgboss',
    // PGlite runs queries on this thread: no cron clock, gentle maintenance.
    schedule: false,
    maintenanceIntervalSeconds: 300,
    monitorStateIntervalSeconds: 300,
  });
  boss.on('error', (err) => log('job queue error', err));
  await boss.start();
  const db: Db = database.db;
  for (const [name, handler] of jobHandlers()) {
    await boss.createQueue(name);
    await boss.work(name, { pollingIntervalSeconds: 1, batchSize: 1 }, async (jobs) => {
      for (const job of jobs) {
        try {
          await handler({ db, config }, job.data as never);
        } catch (err) {
          log(`job ${name} failed`, err);
          throw err;
        }
      }
    });
  }
  attachQueue(db, boss);
  let stopping: Promise<void> | undefined;
  return {
    boss,
    stop: () => {
      stopping ??= (async () => {
        attachQueue(db, undefined);
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      })();
      return stopping;
    },
  };
}
