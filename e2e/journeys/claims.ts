// 一键申领 → review → 兑现 in the browser: the demo talent (a postdoc once they say so on their record)
// claims the postdoc allowance in one click; the employer's HR confirms and the HR bureau's reviewer
// approves (the policy's two stages; the approval commits the budget); the administrator puts the payment
// in a batch and marks it paid; the talent's timeline shows every step.
import type { Page } from 'playwright-core';
import {
  district,
  expectHeading,
  fail,
  homeTitles,
  journey,
  phone,
  shoot,
  signIn,
  signOut,
} from '../harness';

const POLICY = 'wuxing.living.postdoc';
const TITLE = '在站博士后生活补贴';

/** Says on the signed-in talent's record that they are a postdoc (self-declared), through the records API. */
async function declarePostdoc(page: Page) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'rencai_csrf')?.value ?? '';
  const me = await page.request.get(`/api/v1/d/${district}/talents/me`);
  if (!me.ok()) fail(`talents/me: ${me.status()}`);
  const { id } = ((await me.json()) as { talent: { id: number } }).talent;
  const res = await page.request.put(`/api/v1/d/${district}/talents/${id}/facts`, {
    headers: { 'x-csrf-token': csrf },
    data: { facts: { isPostdoc: true } },
  });
  if (!res.ok()) fail(`facts: ${res.status()} ${await res.text()}`);
}

/** Signs in again after a sign-out (the app may return to the page it was on, so wait for the shell). */
async function signInAgain(page: Page, username: string) {
  await signIn(page, username);
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

async function approveRow(page: Page) {
  const row = page.getByRole('row', { name: new RegExp(TITLE) });
  await row.waitFor();
  await row.getByRole('button', { name: '通过', exact: true }).click();
  await page.getByText('已办理 1 件').waitFor();
  await row.waitFor({ state: 'detached' });
}

journey(
  'the demo talent claims in one click, employer and HR bureau approve, the office pays it in a batch, the timeline shows it all',
  async (page) => {
    await page.goto('/login');
    await signIn(page, `talent.${district}`);
    await expectHeading(page, homeTitles.talent);
    await declarePostdoc(page);

    await page.goto(`/applications/new?policy=${POLICY}`);
    await expectHeading(page, '一键申领');
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByText('120,000 元').waitFor();
    await page.getByText('设站单位确认').waitFor();
    await shoot(page, 'claims-new');
    await page.getByRole('button', { name: '确认提交' }).click();
    await expectHeading(page, TITLE);
    await page.getByText('审核中').first().waitFor();
    const applicationUrl = page.url();
    await signOut(page);

    // Stage 1: the employer (the demo enterprise's HR) confirms.
    await signInAgain(page, `enterprise.${district}`);
    await page.getByRole('menuitem', { name: '政策申报', exact: true }).click();
    await expectHeading(page, '我的申请');
    await page.getByRole('heading', { name: '待本单位确认的申请' }).waitFor();
    await approveRow(page);
    await signOut(page);

    // Stage 2: the HR bureau's reviewer approves; the budget is committed in the same transaction.
    await signInAgain(page, `reviewer.${district}`);
    await page.getByRole('menuitem', { name: '审核队列', exact: true }).click();
    await page.getByRole('tab', { name: '政策申领' }).click();
    await page.getByRole('row', { name: new RegExp(TITLE) }).waitFor();
    await shoot(page, 'claims-review-queue');
    await approveRow(page);
    await signOut(page);

    // The office collects the due payment into a batch, exports it, and marks it paid.
    await signInAgain(page, `admin.${district}`);
    await page.getByRole('menuitem', { name: '政策兑现', exact: true }).click();
    await expectHeading(page, '政策兑现');
    await page.getByRole('cell', { name: '林晓' }).first().waitFor();
    await page.getByRole('button', { name: '生成发放批次' }).click();
    await page.getByText(/已生成批次 \d+/).waitFor();
    const batch = page
      .locator('.ant-card')
      .filter({ has: page.getByRole('heading', { name: /批次 \d+/ }) })
      .first();
    await batch.getByRole('link', { name: '导出银行文件 (.xlsx)' }).waitFor();
    await shoot(page, 'claims-fulfilment');
    await batch.getByRole('button', { name: '标记已发放' }).click();
    await batch.getByText('已完成').waitFor();
    await signOut(page);

    // The talent's timeline: every act with its actor, the budget and the payment.
    await signInAgain(page, `talent.${district}`);
    await page.goto(applicationUrl);
    await expectHeading(page, TITLE);
    for (const step of ['提交申请', '审核通过', '批准', '预算已锁定', '款项已发放'])
      await page.getByText(step, { exact: true }).first().waitFor();
    await page.getByText('已批准').first().waitFor();
    await page.getByText('已发放').first().waitFor();
    await shoot(page, 'claims-timeline');
  },
);

journey(
  'on a phone, the talent reads their applications and one application’s timeline',
  async (page) => {
    await page.goto('/login');
    await signIn(page, `talent.${district}`);
    await expectHeading(page, homeTitles.talent);
    await page.goto('/applications');
    await expectHeading(page, '我的申请');
    await page.getByRole('heading', { name: '已享受的政策' }).waitFor();
    await shoot(page, 'claims-list-phone');
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { name: '办理时间线' }).waitFor();
    await shoot(page, 'claims-timeline-phone');
  },
  phone,
);
