// The talent services' journeys: a talent applies for a talent apartment and sees the queue position
// (phone); the administrator allocates the flat (desktop); the talent sees the lease; a talent registers
// for an event. The demo's "nearly full" building has no vacant flat, so the talent queues first.
import { district, expectHeading, journey, phone, shoot, signIn, signOut } from '../harness';

const fullBuilding = '南太湖人才公寓A座';

async function openFromMenu(page: import('playwright-core').Page, item: string) {
  await page.getByRole('button', { name: '打开导航菜单' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('menuitem', { name: item }).click();
  await drawer.waitFor({ state: 'hidden' });
}

journey(
  'a talent applies for a talent apartment on a phone and sees the queue position',
  async (page) => {
    await page.goto('/login');
    await signIn(page, `talent.${district}`);
    await expectHeading(page, '人才首页');
    await openFromMenu(page, '人才安居');
    await expectHeading(page, '人才安居');
    await page.getByText('您可以申请人才公寓').waitFor();
    await shoot(page, 'services-housing-phone');
    await page.getByRole('button', { name: `申请入住${fullBuilding}` }).click();
    await page.getByText('轮候第 1 位').waitFor();
    await page.getByText('排序依据：人才层次优先，其次子女数，再按申请时间。').first().waitFor();
    await shoot(page, 'services-housing-queued-phone');
    await signOut(page);
  },
  phone,
);

journey(
  'the administrator puts a repaired flat back and allocates it to the head of the queue',
  async (page) => {
    await page.goto('/login');
    await signIn(page, `admin.${district}`);
    await page.getByRole('menuitem', { name: '人才公寓' }).click();
    await expectHeading(page, '人才公寓房源与配租');
    await page.getByRole('tab', { name: '轮候队列' }).click();
    await page.getByRole('cell', { name: '林晓' }).waitFor();
    await page.getByRole('tab', { name: '房源' }).click();
    await page.getByRole('button', { name: `恢复可配租 ${fullBuilding} A-401` }).click();
    await page.getByRole('button', { name: `配租给轮候首位 ${fullBuilding} A-401` }).click();
    await page.getByText('已配租给 林晓').waitFor();
    await shoot(page, 'services-housing-admin');
    await page.getByRole('tab', { name: '在租租约' }).click();
    await page.getByRole('cell', { name: '林晓' }).first().waitFor();
    await signOut(page);
  },
);

journey(
  'the talent sees the lease, then registers for an event',
  async (page) => {
    await page.goto('/login');
    await signIn(page, `talent.${district}`);
    await expectHeading(page, '人才首页');
    await openFromMenu(page, '人才安居');
    await page.getByText('我的租约').waitFor();
    await page.getByText(`${fullBuilding} A-401`).waitFor();
    await shoot(page, 'services-housing-lease-phone');
    await openFromMenu(page, '人才活动');
    await expectHeading(page, '人才活动');
    const salon = page.getByRole('listitem').filter({ hasText: '人才之家·青年人才交流沙龙' });
    await salon.getByText('剩余名额 1 / 4').waitFor();
    await salon.getByRole('button', { name: '报名' }).click();
    await salon.getByText('已报名').waitFor();
    await shoot(page, 'services-events-phone');
    await page.getByText('我的报名').click();
    await page
      .getByRole('listitem')
      .filter({ hasText: '人才之家·青年人才交流沙龙' })
      .getByText('已报名')
      .waitFor();
    await signOut(page);
  },
  phone,
);

journey(
  'a talent applies for a talent loan with consent on a phone',
  async (page) => {
    await page.goto('/login');
    await signIn(page, `talent.${district}`);
    await expectHeading(page, '人才首页');
    await openFromMenu(page, '人才贷');
    await expectHeading(page, '人才贷');
    const product = page.getByRole('listitem').filter({ hasText: '人才贷（信用）' });
    await product.getByRole('button', { name: '申请' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('资金用途').fill('购置研发设备');
    await dialog.getByRole('checkbox', { name: '工作单位' }).check();
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.getByText('须勾选同意后才能提交').waitFor();
    await dialog.getByRole('checkbox', { name: '我已阅读并同意向银行提供以上信息' }).check();
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('银行审查中').waitFor();
    await page.getByText('已授权：姓名、人才层次、工作单位').waitFor();
    await shoot(page, 'services-loans-phone');
    await signOut(page);
  },
  phone,
);

journey("the bank's desk sees only the consented data and approves the loan", async (page) => {
  await page.goto('/login');
  await signIn(page, `bank.${district}`);
  await page.getByRole('menuitem', { name: '人才贷申请' }).click();
  await expectHeading(page, '人才贷申请');
  await page.getByText('购置研发设备').waitFor();
  await page.getByText('示范科技有限公司').waitFor();
  await shoot(page, 'services-bank-inbox');
  await page.getByRole('button', { name: '批准', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
  await page.getByText('已批准', { exact: true }).waitFor();
  await signOut(page);
});

journey('the administrator sees the events and the youth reserve pool', async (page) => {
  await page.goto('/login');
  await signIn(page, 'admin.wuchang');
  await page.getByRole('menuitem', { name: '活动管理' }).click();
  await expectHeading(page, '人才活动管理');
  await page.getByRole('cell', { name: '人才之家·青年人才交流沙龙' }).waitFor();
  await shoot(page, 'services-events-admin');
  await page.getByRole('menuitem', { name: '青年人才储备库' }).click();
  await expectHeading(page, '青年人才储备库');
  await page.getByRole('button', { name: '按条件遴选入库' }).click();
  await page.getByText(/新入库 \d+ 人/).waitFor();
  await shoot(page, 'services-reserve-admin');
  await signOut(page);
});
