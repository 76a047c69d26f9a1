// Configuration from the environment, validated once at boot with a readable list of what is wrong.
import path from 'node:path';
import { z } from 'zod';

const DEFAULT_SECRET = 'rencai-dev-secret-change-me-0000000000';
const DEFAULT_PII_KEY = 'rencai-dev-pii-key-change-me-000000000';

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  RENCAI_DATA_DIR: z.string().min(1).default('./data'),
  RENCAI_DEMO: flag.default(true),
  RENCAI_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEFAULT_SECRET),
  RENCAI_PII_KEY: z.string().min(32, 'must be at least 32 characters').default(DEFAULT_PII_KEY),
  RENCAI_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  RENCAI_COOKIE_SECURE: flag.optional(),
  RENCAI_PACKS_DIR: z.string().min(1).optional(),
  RENCAI_WEB_DIR: z.string().min(1).optional(),
  RENCAI_SMTP_URL: z.string().url().optional(),
  RENCAI_MAIL_FROM: z.string().min(3).default('人才一站通 Rencai <noreply@rencai.local>'),
  /** Signature algorithm of talent-code tokens: Ed25519 (default) or 国密 SM2 with SM3. */
  RENCAI_CODE_ALG: z.enum(['ed25519', 'sm2']).default('ed25519'),
  /** Talent-code verifications per minute per client address; 0 turns the limit off (benchmarks). */
  RENCAI_VERIFY_RATE_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  secret: string;
  piiKey: string;
  sessionIdleMinutes: number;
  cookieSecure: boolean;
  packsDir: string;
  webDir: string;
  /** SMTP for notification e-mails (e.g. smtp://user:pass@host:587); unset: e-mails stay in email_outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  codeAlg: 'ed25519' | 'sm2';
  verifyRatePerMinute: number;
};

/** Thrown when the environment is invalid; `problems` lists every wrong variable, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration / 配置有误:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Reads and validates the environment once; production mode refuses the built-in default secrets. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`,
      ),
    );
  }
  const e = parsed.data;
  if (!e.RENCAI_DEMO) {
    const problems: string[] = [];
    if (e.RENCAI_SECRET === DEFAULT_SECRET)
      problems.push('RENCAI_SECRET: must be set to your own secret when RENCAI_DEMO=0');
    if (e.RENCAI_PII_KEY === DEFAULT_PII_KEY)
      problems.push('RENCAI_PII_KEY: must be set to your own key when RENCAI_DEMO=0');
    if (problems.length) throw new ConfigError(problems);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.RENCAI_DATA_DIR),
    demo: e.RENCAI_DEMO,
    secret: e.RENCAI_SECRET,
    piiKey: e.RENCAI_PII_KEY,
    sessionIdleMinutes: e.RENCAI_SESSION_IDLE_MINUTES,
    cookieSecure: e.RENCAI_COOKIE_SECURE ?? !e.RENCAI_DEMO,
    packsDir: path.resolve(e.RENCAI_PACKS_DIR ?? path.join(repoRoot, 'packs')),
    webDir: path.resolve(e.RENCAI_WEB_DIR ?? path.join(repoRoot, 'packages/web/dist')),
    smtpUrl: e.RENCAI_SMTP_URL,
    mailFrom: e.RENCAI_MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    codeAlg: e.RENCAI_CODE_ALG,
    verifyRatePerMinute: e.RENCAI_VERIFY_RATE_PER_MINUTE,
  };
}
