import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses demo defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, demo: true, databaseUrl: undefined });
    expect(c.dataDir.endsWith('data')).toBe(true);
  });

  it('lists every wrong variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });

  it('refuses to start in production mode with the default secrets', () => {
    expect(() => loadConfig({ RENCAI_DEMO: '0' })).toThrow(/RENCAI_SECRET[\s\S]*RENCAI_PII_KEY/);
    const ok = loadConfig({
      RENCAI_DEMO: '0',
      RENCAI_SECRET: 'x'.repeat(40),
      RENCAI_PII_KEY: 'y'.repeat(40),
    });
    expect(ok.demo).toBe(false);
    expect(ok.cookieSecure).toBe(true);
  });
});
