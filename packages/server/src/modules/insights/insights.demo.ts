// Demonstration actuals for the Wuxing indicators Rencai cannot compute from its records (patents,
// enrolment, physicians …): entered values marked as demo figures, not official statistics. Safe to run again.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { indicatorActuals } from '../../db/schema';

const SOURCE = '演示数据：示例值，非官方统计';

/** code → [as of, value] pairs, oldest first (two points give the monthly series a history). */
const WUXING: Record<string, [string, number][]> = {
  'T2-03': [
    ['2023-12-31', 5.31],
    ['2025-06-30', 5.58],
  ],
  'T2-06': [
    ['2023-12-31', 1.58],
    ['2025-06-30', 1.66],
  ],
  'T2-07': [
    ['2023-12-31', 0.66],
    ['2025-06-30', 0.69],
  ],
  'T2-08': [
    ['2023-12-31', 104.6],
    ['2025-06-30', 111.2],
  ],
  'T2-11': [
    ['2023-12-31', 43.9],
    ['2025-06-30', 44.4],
  ],
  'T2-12': [
    ['2023-12-31', 51],
    ['2025-06-30', 68],
  ],
  'T2-13': [
    ['2023-12-31', 81.6],
    ['2025-06-30', 83.1],
  ],
  'T2-14': [
    ['2023-12-31', 5.7],
    ['2025-06-30', 5.9],
  ],
  'T2-15': [
    ['2023-12-31', 66.1],
    ['2025-06-30', 68.4],
  ],
  'T2-16': [
    ['2023-12-31', 3.41],
    ['2025-06-30', 3.63],
  ],
};

/** Adds the demo actuals that are missing; returns how many rows were written. */
export async function seedInsightsDemo(db: Db, districts: readonly string[]): Promise<number> {
  if (!districts.includes('wuxing')) return 0;
  let written = 0;
  for (const [code, points] of Object.entries(WUXING)) {
    const [existing] = await db
      .select({ id: indicatorActuals.id })
      .from(indicatorActuals)
      .where(and(eq(indicatorActuals.district, 'wuxing'), eq(indicatorActuals.code, code)))
      .limit(1);
    if (existing) continue;
    for (const [asOf, value] of points) {
      await db.insert(indicatorActuals).values({
        district: 'wuxing',
        code,
        value,
        asOf,
        source: SOURCE,
        note: '演示环境预置',
        enteredBy: 'demo-seed',
      });
      written++;
    }
  }
  return written;
}
