// The foundation's journeys: sign-in per role, phone width, English, the audit log, the 404 page.
import {
  district,
  districtName,
  expectHeading,
  fail,
  homeTitles,
  journey,
  phone,
  type Role,
  shoot,
  signIn,
  signOut,
} from '../harness';

for (const role of Object.keys(homeTitles) as Role[]) {
  journey(`${role}.${district} signs in through the form and lands on ${homeTitles[role]}`, async (page) => {
    await page.goto('/');
    await page.waitForURL('**/login');
    await signIn(page, `${role}.${district}`);
    await expectHeading(page, homeTitles[role]);
    await page.getByText(districtName).first().waitFor();
    await page.getByRole('navigation').getByRole('menuitem', { name: '首页' }).waitFor();
    await shoot(page, role);
    await signOut(page);
  });
}

journey(
  'the login page and the talent home work at phone width',
  async (page) => {
    await page.goto('/');
    await page.getByRole('heading', { name: '登录', exact: true }).waitFor();
    await shoot(page, 'login-phone');
    await signIn(page, `talent.${district}`);
    await expectHeading(page, homeTitles.talent);
    await shoot(page, 'talent-home-phone');
    await page.getByRole('button', { name: '打开导航菜单' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('林晓（演示人才）').waitFor();
    await shoot(page, 'talent-menu-phone');
    await drawer.getByRole('menuitem', { name: '我的档案' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await expectHeading(page, '我的档案', 2);
    await page.getByRole('button', { name: '编辑 学历学位' }).waitFor();
    await shoot(page, 'talent-profile-phone');
    await signOut(page);
  },
  phone,
);

journey('switching to English relabels the login page and survives a reload', async (page) => {
  await page.goto('/');
  await page.getByLabel('用户名').waitFor();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Username').waitFor();
  await page.getByLabel('Password', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  await page.reload();
  await page.getByLabel('Username').waitFor();
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByLabel('Username').fill(`talent.chaoyang`);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // The server localises its errors by Accept-Language; the page shows them as they come.
  await page.getByRole('alert').getByText('Wrong username or password').waitFor();
  await shoot(page, 'login-english');
});

journey('in English the shell, navigation and home speak English', async (page) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'English' }).click();
  await signIn(page, `admin.${district}`, { user: 'Username', pass: 'Password', submit: 'Sign in' });
  await expectHeading(page, 'Administrator workbench');
  await page.getByText('Wuxing District, Huzhou').first().waitFor();
  await page.getByRole('menuitem', { name: 'Audit log' }).waitFor();
  await shoot(page, 'admin-english');
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Username').waitFor();
});

journey('a demo account picked from the list fills the form', async (page) => {
  await page.goto('/login');
  await page.getByRole('button', { name: districtName }).click();
  await page.getByRole('button', { name: `使用 expert.${district} 登录` }).click();
  const filled = await page.getByLabel('用户名').inputValue();
  if (filled !== `expert.${district}`) fail(`username field holds "${filled}"`);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expectHeading(page, homeTitles.expert);
});

journey('the administrator reads the audit log and verifies its chain', async (page) => {
  await page.goto('/login');
  await signIn(page, `admin.${district}`);
  await expectHeading(page, homeTitles.admin);
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await expectHeading(page, '审计日志');
  await page.getByRole('columnheader', { name: '操作人' }).waitFor();
  await page
    .getByRole('cell', { name: `admin.${district}` })
    .first()
    .waitFor();
  await page.getByRole('button', { name: '校验哈希链' }).click();
  await page.getByText(/哈希链完好：已校验 \d+ 条记录/).waitFor();
  await shoot(page, 'admin-audit');
  await signOut(page);
});

journey('an unknown address shows the 404 page inside the shell', async (page) => {
  await page.goto('/login');
  await signIn(page, `station.${district}`);
  await expectHeading(page, homeTitles.station);
  await page.goto('/no-such-page');
  await expectHeading(page, '页面不存在');
  await page.goto('/admin/audit');
  await page.getByText('无权访问').waitFor();
});
