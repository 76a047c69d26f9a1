// The talent code's journey (人才码 一码专享): the demo talent (certified by the certification module's
// demo seed) opens the code on a phone; the public verification page opens from its URL; the hospital's
// provider account pastes the code, sees the green channel and records a use, and the quota drops; the
// administrator revokes the code; the same code is then refused with the reason.
import { desktop, expectHeading, fail, journey, phone, shoot, signIn, signOut } from '../harness';

const quotaText = /本期剩余 (\d+) \/ (\d+) 次/;

journey(
  'a certified talent shows the code on a phone; the hospital records a green-channel use; the admin revokes it',
  async (page) => {
    await page.goto('/login');
    await signIn(page, 'talent.wuxing');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto('/talent-code');
    await expectHeading(page, '人才码');
    await page.getByRole('img', { name: '人才码二维码，每分钟更新' }).waitFor();
    await page.getByText(/\d+ 秒后自动刷新/).waitFor();
    const green = page.getByRole('listitem').filter({ hasText: '就医绿色通道' }).first();
    await green.waitFor();
    const before = (await green.textContent())?.match(quotaText);
    if (!before) fail('the green channel shows no quota on the talent page');
    const url = await page.getByRole('textbox', { name: '人才码' }).inputValue();
    if (!url.includes('/v/')) fail(`the code's URL is ${url}`);
    await shoot(page, 'talent-code-phone');

    // Any phone camera opens the URL: the public page, no sign-in needed.
    const path = new URL(url).pathname;
    await page.goto(path);
    await expectHeading(page, '人才码核验');
    await page.getByRole('heading', { name: '有效的人才码' }).waitFor();
    await page.getByText('就医绿色通道').first().waitFor();
    await shoot(page, 'talent-code-public-verify');

    await page.goto('/');
    await signOut(page);

    // The hospital's window, on a desktop: paste the code, see the entitlement, record a use.
    await page.setViewportSize(desktop);
    await signIn(page, 'provider.wuxing');
    await page.waitForURL((u) => u.pathname !== '/login');
    await page.goto('/verify-code');
    await expectHeading(page, '核验人才码');
    await page.getByRole('textbox', { name: '人才码' }).fill(url);
    await page.getByRole('button', { name: '核验', exact: true }).click();
    const services = page.getByRole('region', { name: '本机构可提供的服务' });
    await services.getByText('就医绿色通道').first().waitFor();
    await services.getByText('可享受', { exact: true }).waitFor();
    const shown = (await services.textContent())?.match(quotaText);
    if (!shown) fail('the provider sees no quota for the green channel');
    const left = Number(shown[1]);
    await services.getByRole('button', { name: /^登记使用：就医绿色通道/ }).click();
    await services.getByText(`本期剩余 ${left - 1} / ${shown[2]} 次`).waitFor();
    await page.getByText(/已登记使用：就医绿色通道/).waitFor();
    await shoot(page, 'talent-code-provider-recorded');
    await page.setViewportSize(phone);
    await shoot(page, 'talent-code-provider-phone');
    await page.setViewportSize(desktop);
    await signOut(page);

    // The district administrator: usage per provider and service, then revocation with a reason.
    await signIn(page, 'admin.wuxing');
    await page.waitForURL((u) => u.pathname !== '/login');
    await page.goto('/admin/talent-code');
    await expectHeading(page, '人才码与服务机构');
    await page
      .getByRole('row')
      .filter({ hasText: '区人民医院' })
      .filter({ hasText: '就医绿色通道' })
      .waitFor();
    await shoot(page, 'talent-code-admin-usage');
    await page.getByRole('tab', { name: '人才码' }).click();
    const revokeButton = page.getByRole('button', { name: '注销 林晓', exact: true });
    await revokeButton.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await dialog.getByText('请填写注销原因（至少 2 个字）').waitFor();
    await dialog.getByLabel('注销原因').fill('人才已迁出本区');
    await dialog.getByRole('button', { name: '确认注销' }).click();
    await page.getByText('已注销，各服务器将在 15 秒内拒绝该码').waitFor();
    await page.getByRole('tabpanel').getByText('已注销', { exact: true }).first().waitFor();
    await shoot(page, 'talent-code-admin-revoked');
    await signOut(page);

    // The same code now fails, with the reason, on the public page (a phone again).
    await page.setViewportSize(phone);
    await page.goto(path);
    await page.getByRole('heading', { name: '无效的人才码：已注销' }).waitFor();
    await page.getByText('人才码已被注销，不能享受人才服务').waitFor();
    await shoot(page, 'talent-code-revoked-phone');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Invalid talent code: Revoked' }).waitFor();
  },
  phone,
);
