// The policy library's journeys (汇·政策): search, policy page, calculator, from each shell.
import {
  district,
  districtName,
  expectHeading,
  homeTitles,
  journey,
  phone,
  shoot,
  signIn,
  signOut,
} from '../harness';

journey(
  'an anonymous visitor searches 购房 in Wuxing, reads the policy and calculates an amount',
  async (page) => {
    await page.goto('/login');
    await page.getByRole('link', { name: districtName, exact: true }).click();
    await expectHeading(page, '政策库');
    await page.getByLabel('搜索政策').fill('购房');
    await page.getByLabel('搜索政策').press('Enter');
    await page.waitForURL(/q=/);
    await page.getByText(/共找到 \d+ 项政策/).waitFor();
    const purchase = page.getByRole('link', { name: '人才购房补贴（提前预支）' });
    await purchase.waitFor();
    await page.getByText('示例金额').first().waitFor();
    await shoot(page, 'policy-search');

    await purchase.click();
    await expectHeading(page, '人才购房补贴（提前预支）');
    await page.getByRole('heading', { name: '享受条件' }).waitFor();
    await page.getByText('年龄不超过45周岁').waitFor();
    await page.getByText('符合多项时只享受金额最高的一项，不重复享受').waitFor();
    await shoot(page, 'policy-detail');

    await page.getByRole('link', { name: '测算我能否享受' }).click();
    await expectHeading(page, '政策计算器');
    await page.getByLabel('人才层次', { exact: true }).fill('高级人才');
    await page.getByLabel('人才层次', { exact: true }).press('Enter');
    for (const [question, answer] of [
      ['在区内单位就业', '是'],
      ['在本区缴纳社保', '是'],
      ['在区内拥有住房', '否'],
    ] as const) {
      await page.getByRole('radiogroup', { name: question }).getByText(answer, { exact: true }).click();
    }
    await page.getByLabel('购房日期', { exact: true }).fill('2024-05-01');
    await page.getByLabel('出生日期', { exact: true }).fill('1990-01-01');
    await page.getByLabel('购房价格', { exact: true }).fill('2000000');
    await page.getByRole('button', { name: '开始测算' }).click();
    const results = page.getByRole('region', { name: '测算结果' });
    await results.getByRole('heading', { name: '符合条件' }).waitFor();
    await results.getByRole('link', { name: '人才购房补贴（提前预支）' }).waitFor();
    await results.getByText('20万元', { exact: true }).first().waitFor();
    await results.getByRole('heading', { name: '需要补充信息' }).waitFor();
    await page.mouse.wheel(0, -100_000); // shoot the whole page from the top, header in place
    await shoot(page, 'policy-calculator');
  },
);

journey(
  'the policy library and the calculator work at phone width',
  async (page) => {
    await page.goto(`/d/${district}/policies?grantMode=automatic`);
    await expectHeading(page, '政策库');
    await page.getByRole('link', { name: '青年博士生活补贴（免申即享）' }).waitFor();
    await shoot(page, 'policy-library-phone');
    await page.getByRole('link', { name: '青年博士生活补贴（免申即享）' }).click();
    await expectHeading(page, '青年博士生活补贴（免申即享）');
    await page.getByText('免申即享：符合条件即自动兑现，无需提交申请。').waitFor();
    await shoot(page, 'policy-detail-phone');
    await page.getByRole('navigation').getByRole('link', { name: '政策计算器' }).click();
    await expectHeading(page, '政策计算器');
    await page.getByLabel('学历', { exact: true }).waitFor();
    await page.getByRole('button', { name: '开始测算' }).click();
    await page.getByRole('region', { name: '测算结果' }).getByText('需要补充信息').waitFor();
    await page.mouse.wheel(0, -100_000); // the page scrolled to the results; shoot it from the top
    await shoot(page, 'policy-calculator-phone');
  },
  phone,
);

journey('a signed-in enterprise opens the policy library from its menu', async (page) => {
  await page.goto('/login');
  await signIn(page, `enterprise.${district}`);
  await expectHeading(page, homeTitles.enterprise);
  await page.getByRole('menuitem', { name: '政策库' }).click();
  await expectHeading(page, '政策库');
  await page.getByText(/^企业 \d+$/).click();
  await page.getByRole('link', { name: '企业人才培养目标奖补' }).click();
  await expectHeading(page, '企业人才培养目标奖补');
  await signOut(page);
});
