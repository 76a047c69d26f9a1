// Background jobs: named handlers, and a sender that hands a job to pg-boss when the server started it
// for this database (jobs/index.ts), or runs it at once, in the caller's process, when no queue runs
// (tests, CLI commands): a job is the same function either way.
import type { Config } from '../config';
import type { Db } from '../db/client';

export type JobContext = { db: Db; config: Config };
export type JobHandler<T> = (job: JobContext, data: T) => Promise<void>;

export interface Queue {
  send(name: string, data: object): Promise<string | null>;
}

const handlers = new Map<string, JobHandler<never>>();
const queues = new WeakMap<Db, Queue>();

/** Declares a job; the returned function enqueues it (or runs it inline when no queue is running). */
export function defineJob<T extends object>(name: string, handler: JobHandler<T>) {
  handlers.set(name, handler as JobHandler<never>);
  return async (job: JobContext, data: T): Promise<{ queued: boolean }> => {
    const queue = queues.get(job.db);
    if (queue) {
      await queue.send(name, data);
      return { queued: true };
    }
    await handler(job, data);
    return { queued: false };
  };
}

/** Every declared job, by name (the workers subscribe to each). */
export function jobHandlers(): ReadonlyMap<string, JobHandler<never>> {
  return handlers;
}

/** Attaches a running queue to a database (and detaches it with `undefined`). */
export function attachQueue(db: Db, queue: Queue | undefined): void {
  if (queue) queues.set(db, queue);
  else queues.delete(db);
}
