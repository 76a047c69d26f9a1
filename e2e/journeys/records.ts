// The records journeys (一人一档, 一企一册): a new talent registers on the web, signs in, fills a profile
// that meets a catalogue tier, declares the employer and uploads a PDF; the demo enterprise's HR confirms
// the employment on its register; the newcomer applies for certification, the reviewer approves, the home
// shows the tier and the certificate's QR verifies (issue #4's journey); the same screens at phone width; the administrator's white list.
import { readQrFromPdf } from '../../packages/server/src/modules/certification/certification.pdf-image';
import { expectHeading, fail, homeTitles, journey, phone, shoot, signIn, signOut } from '../harness';

const tierB = 'B · 国家级领军人才';

/** A valid GB 11643 number (ISO 7064 MOD 11-2 check character). */
function idNumber(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (2 ** (17 - i) % 11);
  return body17 + '10X98765432'[sum % 11];
}

const newcomer = {
  name: '沈知远',
  id: idNumber('33050219910315037'),
  phone: '13957120388',
  username: 'shenzhiyuan',
  password: 'zhiyuan-2026',
};
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

journey(
  'a new talent registers, fills a profile that meets tier B, uploads evidence; HR confirms; the reviewer approves; home shows the tier; the certificate QR verifies',
  async (page, { baseURL }) => {
    await page.goto('/login');
    await page.getByRole('link', { name: '新用户注册' }).click();
    await expectHeading(page, '人才注册');
    await page.getByLabel('所在区县').fill('吴兴');
    await page.getByLabel('所在区县').press('Enter');
    await page.getByLabel('真实姓名').fill(newcomer.name);
    // A mistyped ID number (two digits swapped) is refused by the server's GB 11643 check, on the field.
    const swapped = `${newcomer.id.slice(0, 14)}${newcomer.id[15]}${newcomer.id[14]}${newcomer.id.slice(16)}`;
    await page.getByLabel('身份证号').fill(swapped);
    await page.getByLabel('手机号').fill(newcomer.phone);
    await page.getByLabel('用户名').fill(newcomer.username);
    await page.getByLabel('密码', { exact: true }).fill(newcomer.password);
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.getByText('身份证号校验位不正确，请核对').waitFor();
    await shoot(page, 'records-register-error');
    await page.getByLabel('身份证号').fill(newcomer.id);
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.waitForURL('**/profile');
    await expectHeading(page, '我的档案', 2);
    await page.getByText('3****************').first().waitFor();

    await page.getByRole('button', { name: '编辑 学历学位' }).click();
    await page.getByLabel('毕业院校', { exact: true }).fill('浙江大学');
    await page.getByLabel('学历', { exact: true }).fill('博士');
    await page.getByLabel('学历', { exact: true }).press('Enter');
    await page.getByLabel('毕业日期').fill('2018-06-30');
    await page.getByRole('radiogroup', { name: '全日制学历' }).getByText('是').click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').first().waitFor();
    await page.getByText('浙江大学').waitFor();

    await page.getByRole('button', { name: '编辑 荣誉与人才计划' }).click();
    await page.getByLabel('国家级重大人才工程入选者').check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('自主申报').nth(4).waitFor();

    await page.getByLabel('用人单位').fill('示范');
    await page.getByRole('option', { name: /示范科技有限公司/ }).waitFor({ state: 'attached' });
    await page.getByLabel('用人单位').press('Enter');
    await page.getByLabel('入职日期').fill('2023-09-01');
    await page.getByLabel('劳动合同年限').fill('5');
    await page.getByRole('button', { name: '提交申报' }).click();
    await page.getByText('待单位确认', { exact: true }).waitFor();

    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '博士学位证书.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByText('已上传 博士学位证书.pdf').waitFor();
    await page.getByRole('link', { name: '下载' }).waitFor();
    await page.mouse.wheel(0, -100_000);
    await shoot(page, 'records-profile');
    await signOut(page);

    await signIn(page, 'enterprise.wuxing');
    await page.getByRole('navigation').getByRole('menuitem', { name: '一企一册' }).click();
    await expectHeading(page, '一企一册 · 示范科技有限公司', 2);
    await page.getByRole('button', { name: `确认 ${newcomer.name}` }).click();
    await page.getByText(`已确认 ${newcomer.name} 的就业`).waitFor();
    await page.getByRole('button', { name: `确认 ${newcomer.name}` }).waitFor({ state: 'detached' });
    await shoot(page, 'records-enterprise-register');
    await page.getByRole('button', { name: '批量导入' }).click();
    await page
      .getByRole('dialog', { name: '批量导入人才' })
      .getByRole('link', { name: '下载模板' })
      .waitFor();
    await shoot(page, 'records-import-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('navigation').getByRole('menuitem', { name: '企业信息' }).click();
    await page.getByText('人才企业白名单').waitFor();
    await shoot(page, 'records-enterprise-info');
    await signOut(page);

    // The talent sees the employment confirmed by the employer (单位已确认).
    await page.goto('/login');
    await page.getByLabel('用户名').fill(newcomer.username);
    await page.getByLabel('密码', { exact: true }).fill(newcomer.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('navigation').getByRole('menuitem', { name: '我的档案' }).click();
    await expectHeading(page, '我的档案', 2);
    await page.getByText('单位已确认', { exact: true }).waitFor();

    // 分层分类认定: the profile meets tier B of the catalogue; the newcomer applies by catalogue match.
    await page.getByRole('navigation').getByRole('menuitem', { name: '人才认定' }).click();
    await expectHeading(page, '人才认定');
    await page.getByRole('heading', { name: `按目录可认定为：${tierB}` }).waitFor();
    await page.getByRole('button', { name: '提交申请' }).click();
    const toast = page.getByText(/申请已提交，案件号 [A-Z]{2}-[0-9A-Z]{8}/);
    await toast.waitFor();
    const code = /[A-Z]{2}-[0-9A-Z]{8}/.exec((await toast.textContent()) ?? '')?.[0] ?? fail('no case code');
    await signOut(page);

    // The reviewer (人社局) checks the evidence and approves.
    await page.goto('/');
    await signIn(page, 'reviewer.wuxing');
    await expectHeading(page, homeTitles.reviewer);
    await page.getByRole('navigation').getByRole('menuitem', { name: '审核队列' }).click();
    await page.getByRole('button', { name: `查看 ${newcomer.name} ${code}` }).click();
    const file = page.getByRole('region', { name: `认定案件 ${code}` });
    await file.getByText('博士学位证书.pdf').first().waitFor();
    await file.getByRole('button', { name: '审核通过' }).click();
    await file.getByText('已认定').first().waitFor();
    await signOut(page);

    // The talent's home shows the tier and its validity; the certificate downloads and its QR verifies.
    await page.goto('/login');
    await page.getByLabel('用户名').fill(newcomer.username);
    await page.getByLabel('密码', { exact: true }).fill(newcomer.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/');
    await expectHeading(page, homeTitles.talent);
    const card = page.getByRole('region', { name: '我的人才层次' });
    await card.getByText(tierB).waitFor();
    await card.getByText(/有效期 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/).waitFor();
    await shoot(page, 'records-newcomer-home');
    await page.getByRole('navigation').getByRole('menuitem', { name: '人才认定' }).click();
    const href =
      (await page.getByRole('link', { name: '下载证书（PDF）' }).first().getAttribute('href')) ??
      fail('no certificate link');
    const certificate = await page.request.get(href);
    const bytes = await certificate.body();
    if (certificate.status() !== 200 || bytes.subarray(0, 5).toString() !== '%PDF-')
      fail(`the certificate is not a PDF (${certificate.status()})`);
    const verifyUrl = readQrFromPdf(bytes) ?? fail('no QR code in the certificate');
    if (!verifyUrl.startsWith(`${baseURL}/verify/certificate/`)) fail(`QR points elsewhere: ${verifyUrl}`);
    await signOut(page);
    await page.goto(verifyUrl);
    await expectHeading(page, '证书核验');
    await page.getByRole('status').getByText('有效', { exact: true }).waitFor();
    await page.getByText('沈*远').waitFor();
    await shoot(page, 'records-newcomer-certificate-verified');
  },
);

journey(
  'the profile, the register and registration work at phone width',
  async (page) => {
    await page.goto('/register');
    await expectHeading(page, '人才注册');
    await shoot(page, 'records-register-phone');
    await page.goto('/login');
    await signIn(page, 'talent.wuxing');
    await expectHeading(page, homeTitles.talent);
    await page.goto('/profile');
    await expectHeading(page, '我的档案', 2);
    await page.getByText('国家级重大人才工程入选者').waitFor();
    await shoot(page, 'records-profile-phone');
    await signOut(page);
    await page.goto('/login');
    await signIn(page, 'enterprise.wuxing');
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/enterprise/register');
    await page.getByText(/在册 \d+ 人/).waitFor();
    await shoot(page, 'records-enterprise-register-phone');
    await signOut(page);
  },
  phone,
);

journey('the administrator keeps the white list and the credit status, in English too', async (page) => {
  await page.goto('/login');
  await signIn(page, 'admin.wuxing');
  await page.getByRole('navigation').getByRole('menuitem', { name: '企业管理' }).click();
  await expectHeading(page, '企业管理', 2);
  await page.getByRole('switch', { name: '人才企业白名单 示范科技有限公司' }).waitFor();
  await shoot(page, 'records-admin-enterprises');
  await page
    .getByRole('button', { name: /English/ })
    .first()
    .click();
  await expectHeading(page, 'Enterprises', 2);
  await page.getByText('Talent-enterprise white list').first().waitFor();
  await shoot(page, 'records-admin-enterprises-en');
  await page.getByRole('button', { name: /中文/ }).first().click();
});
