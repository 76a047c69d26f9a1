// Verification is rate-limited per client address (RENCAI_VERIFY_RATE_PER_MINUTE); past the limit the
// answer is 429 rate_limited in the caller's language, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RENCAI_VERIFY_RATE_PER_MINUTE: '3' });
});
afterAll(() => t.close());

describe('POST /talent-code/verify rate limit', () => {
  it('answers 429 past the configured verifications per minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/talent-code/verify',
        payload: { token: 'x' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().error.code).toBe('rate_limited');
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
