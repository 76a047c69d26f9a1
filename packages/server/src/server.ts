// Starts Rencai: open the database, migrate, seed the demo, listen; stop cleanly on SIGINT/SIGTERM.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { type Database, openDatabase } from './db/client';
import { startJobs } from './jobs';
import { seedClaimsDemo } from './modules/applications/applications.seed';
import { seedMatchingDemo } from './modules/matching/matching.seed';
import { publishShippedPacks } from './modules/policies/policies.service';
import { seedDemo, seedDistricts } from './seed/demo';

export type Running = { app: FastifyInstance; database: Database; url: string; stop: () => Promise<void> };

/** Opens and migrates the database, seeds demo data when demo mode is on, and listens. */
export async function startServer(config: Config): Promise<Running> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    if (config.demo) {
      await seedDemo(database.db);
      await publishShippedPacks(database.db, config); // skips packs whose exact files are published
      await seedClaimsDemo(
        database.db,
        seedDistricts.map((d) => d.code),
      ); // claims need the published packs
    }
    const app = await buildApp({ config, db: database.db });
    const url = await app.listen({ port: config.port, host: config.host });
    // After listen: the onReady demo seeders (certification) have run, so the snapshots see their results.
    if (config.demo) await seedMatchingDemo(database.db); // eligibility snapshots, the demo talent's inbox
    // Jobs start after listen (a publish before then runs its job inline), so health comes sooner.
    const jobs = await startJobs(database, config, (msg, err) => app.log.error({ err }, msg));
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        await app.close();
        await jobs.stop();
        await database.close();
      })();
      return stopping;
    };
    return { app, database, url, stop };
  } catch (err) {
    await database.close();
    throw err;
  }
}
