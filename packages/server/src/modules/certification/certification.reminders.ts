// Renewal reminders: once shortly after start and then daily, every holder whose certification ends
// within a reminder window gets one notification per window (deduplicated, so restarts and several
// instances write each reminder once).
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { Ctx } from '../../ctx';
import type { Db } from '../../db/client';
import { sendRenewalReminders } from './certification.service';

const DAY_MS = 86_400_000;

/** The context of a system job: no caller, acting as "system". */
export function systemCtx(db: Db, config: Config, now = () => new Date()): Ctx {
  return {
    db,
    config,
    actor: null,
    district: null,
    lang: 'zh',
    requestId: 'job:certification-reminders',
    ip: null,
    now,
    audited: { done: false },
  };
}

/** Starts the reminder job (first run after `firstDelayMs`, then every day); returns a function that stops it. */
export function startRenewalReminders(
  db: Db,
  config: Config,
  log: FastifyBaseLogger,
  firstDelayMs = 5_000,
): () => void {
  let running: Promise<void> | undefined;
  let stopped = false;
  const run = () => {
    if (stopped || running) return;
    running = sendRenewalReminders(systemCtx(db, config))
      .then((n) => {
        if (n > 0) log.info({ reminders: n }, 'certification renewal reminders written');
      })
      .catch((err) => {
        if (!stopped) log.error({ err }, 'certification renewal reminders failed');
      })
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(run, firstDelayMs);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(daily);
  };
}
