// The context a service function receives: who is asking, where, in which language, and the data layer.
import type { Actor } from './authz';
import type { Config } from './config';
import type { Db } from './db/client';
import type { Lang } from './i18n';

export type Ctx = {
  db: Db;
  config: Config;
  actor: Actor | null;
  /** The district in the request path (`/api/v1/d/{district}/…`), or null for district-free routes. */
  district: string | null;
  lang: Lang;
  requestId: string;
  ip: string | null;
  now: () => Date;
  /** Set when a service wrote its own audit row, so the request hook does not write a second one. */
  audited: { done: boolean };
};
