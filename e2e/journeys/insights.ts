// 一图感知 journeys: the Wuxing administrator reads the plan's 表2 indicators (baselines and targets as in
// the seed, actuals where Rencai holds the data), the dashboard on a desk, on the big screen and on a phone.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expectHeading, fail, homeTitles, journey, phone, screenshots, shoot, signIn } from '../harness';

/** 表2 of the Wuxing plan as printed in the seed: code, name, unit, 2020 situation, 2025 target. */
const TABLE2: [string, string, string, string, string][] = [
  ['T2-01', '人才资源总量', '万人', '23.2', '26.4'],
  ['T2-02', '党政人才', '万人', '0.65', '0.75'],
  ['T2-03', '经营管理人才', '万人', '5.02', '6'],
  ['T2-04', '专业技术人才', '万人', '9.31', '10.22'],
  ['T2-05', '高技能人才', '万人', '6.11', '6.91'],
  ['T2-06', '农村实用人才', '万人', '1.5', '1.8'],
  ['T2-07', '社会工作专业人才', '万人', '0.62', '0.72'],
  ['T2-08', '万名劳动力中研发人员数量', '人年', '96.82', '120'],
  ['T2-09', '专业技术人才高级职称比例', '%', '31.5', '35'],
  ['T2-10', '高技能人才占技能劳动者比例', '%', '31.5', '35'],
  ['T2-11', '每万人发明专利拥有量', '件', '43.38', '45'],
  ['T2-12', 'PCT专利新增申请量', '件', '35', '100'],
  ['T2-13', '高新技术产业增加值占规上工业比重', '%', '79.87', '85'],
  ['T2-14', '全员劳动生产率年均增长率', '%', '5.5', '6'],
  ['T2-15', '高等教育毛入学率', '%', '63.63', '71'],
  ['T2-16', '常住人口每千人执业(助理)医师数量', '人', '3.19', '4'],
];
/** The indicators Rencai computes from its own records (indicators.yaml computed_from). */
const COMPUTED = ['T2-01', 'T2-02', 'T2-04', 'T2-05', 'T2-09', 'T2-10'];

async function openDashboard(page: Page) {
  await page.goto('/login');
  await signIn(page, 'admin.wuxing');
  await expectHeading(page, homeTitles.admin);
  await page.goto('/admin/insights');
  await expectHeading(page, '一图感知');
  await page.getByRole('button', { name: '立即汇总' }).click();
  await page
    .getByText(/数据汇总于/)
    .first()
    .waitFor();
}

journey(
  'the Wuxing administrator reads every 表2 indicator against its 2020 baseline and 2025 target',
  async (page) => {
    await openDashboard(page);
    const table = page.locator('.insights-indicators');
    for (const [code, name, unit, baseline, target] of TABLE2) {
      const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: code, exact: true }) });
      await row.getByRole('cell', { name: `${name}（${unit}）`, exact: true }).waitFor();
      await row.getByRole('cell', { name: `${baseline}（2020）`, exact: true }).waitFor();
      await row.getByRole('cell', { name: `${target}（2025）`, exact: true }).waitFor();
      // Computed where the register holds the data (a share needs someone with a title or a skill level).
      const source =
        code === 'T2-01' ? '平台数据计算' : COMPUTED.includes(code) ? '(平台数据计算|暂无数据)' : '人工录入';
      await row.getByText(new RegExp(`^${source}`)).waitFor();
    }
    await page.getByRole('heading', { name: '人才层次分布' }).waitFor();
    await page.getByRole('img', { name: '人才层次分布' }).waitFor();
    await shoot(page, 'insights-dashboard');

    // An actual entered by hand, with its source; the refusal of a future date is in Chinese.
    const t211 = table
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'T2-11', exact: true }) });
    await t211.getByRole('button', { name: '录入 T2-11' }).click();
    const dialog = page.getByRole('dialog', { name: /录入 T2-11/ });
    await dialog.getByLabel('实际值（件）').fill('44.8');
    await dialog.getByLabel('数据来源').fill('2025年吴兴区统计公报');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await t211.getByRole('cell', { name: '44.8', exact: true }).waitFor();

    // The print sheet gives the PDF: no navigation or buttons, the cards one under the other.
    await page.emulateMedia({ media: 'print' });
    await page.getByRole('button', { name: '导出 PDF' }).waitFor({ state: 'hidden' });
    await page.pdf({
      path: path.join(screenshots, 'insights-dashboard.pdf'),
      format: 'A4',
      printBackground: true,
    });
    await shoot(page, 'insights-print');
    await page.emulateMedia({ media: 'screen' });
  },
);

journey(
  'the big screen shows the dashboard dark, in large type, at 1920×1080',
  async (page) => {
    await openDashboard(page);
    await page.getByRole('button', { name: '大屏模式' }).click();
    await page.getByRole('heading', { name: '湖州市吴兴区 · 人才发展一图感知', level: 1 }).waitFor();
    await page.getByRole('heading', { name: '人才集聚指数（本月）' }).waitFor();
    await page.getByRole('button', { name: '全屏' }).waitFor();
    const size = await page
      .getByRole('heading', { level: 1 })
      .evaluate(
        (h) =>
          (
            globalThis as unknown as { getComputedStyle: (e: unknown) => { fontSize: string } }
          ).getComputedStyle(h).fontSize,
      );
    if (Number.parseFloat(size) < 30) fail(`big-screen title is ${size}, expected large type`);
    await page.screenshot({
      path: path.join(screenshots, 'insights-big-screen.png'),
      animations: 'disabled',
    });
    await shoot(page, 'insights-big-screen-full');
  },
  { width: 1920, height: 1080 },
);

journey(
  'on a phone the indicators are stacked cards',
  async (page) => {
    await openDashboard(page);
    await page.getByText('T2-01 人才资源总量（万人）').waitFor();
    await page.getByText('T2-16 常住人口每千人执业(助理)医师数量（人）').waitFor();
    await page.getByText('2020年基期：23.2 · 2025年目标：26.4').waitFor();
    await shoot(page, 'insights-phone');
  },
  phone,
);
