// 分层分类认定 journeys: the demo talent (employed at the demo enterprise by the seed) sees the tier the
// catalogue gives them and applies; the reviewer approves; the talent's home shows the tier and its
// validity; the certificate PDF downloads and its QR's URL opens the public verification page (有效).
// Then the expert scores an anonymised committee case, and the administrator's expert pool.
import type { Page } from 'playwright-core';
import { readQrFromPdf } from '../../packages/server/src/modules/certification/certification.pdf-image';
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

/** Full-page shots from the top, so the sticky header sits where it belongs. */
async function shootTop(page: Page, name: string) {
  await page.mouse.wheel(0, -100_000);
  await shoot(page, name);
}

const tierB = 'B · 国家级领军人才';
let certificateUrl = '';

journey(
  'the demo talent sees tier B, applies; the reviewer approves; the certificate verifies',
  async (page, { baseURL }) => {
    await page.goto('/login');
    await signIn(page, `talent.${district}`);
    await expectHeading(page, homeTitles.talent);
    await page.getByRole('heading', { name: '我的人才层次' }).waitFor();
    await page.getByRole('navigation').getByRole('menuitem', { name: '人才认定' }).click();
    await expectHeading(page, '人才认定');
    await page.getByRole('heading', { name: `按目录可认定为：${tierB}` }).waitFor();
    await page.getByText('国家级重大人才工程入选者').first().waitFor();
    await shootTop(page, 'certification-talent');

    // apply by catalogue match for the tier met (the form's defaults)
    await page.getByRole('button', { name: '提交申请' }).click();
    const toast = page.getByText(/申请已提交，案件号 [A-Z]{2}-[0-9A-Z]{8}/);
    await toast.waitFor();
    const code = /[A-Z]{2}-[0-9A-Z]{8}/.exec((await toast.textContent()) ?? '')?.[0] ?? fail('no case code');
    await page.getByRole('cell', { name: code, exact: true }).waitFor();
    await signOut(page);
    await page.goto('/'); // sign in afresh: land on the role's home, not the page signed out from

    // the reviewer (人社局) finds the case in the queue and approves it
    await signIn(page, `reviewer.${district}`);
    await expectHeading(page, homeTitles.reviewer);
    await page.getByRole('navigation').getByRole('menuitem', { name: '审核队列' }).click();
    await expectHeading(page, '审核队列');
    await page.getByRole('tab', { name: '人才认定' }).waitFor();
    await page.getByRole('button', { name: `查看 林晓 ${code}` }).click();
    const file = page.getByRole('region', { name: `认定案件 ${code}` });
    await file.getByText('目录条件核对（提交时）').waitFor();
    await file.getByText('证明材料').first().waitFor();
    await shootTop(page, 'certification-review');
    await file.getByRole('button', { name: '审核通过' }).click();
    await file.getByText('已认定').first().waitFor();
    await signOut(page);
    await page.goto('/');

    // the talent's home shows the tier and its validity
    await signIn(page, `talent.${district}`);
    await expectHeading(page, homeTitles.talent);
    const card = page.getByRole('region', { name: '我的人才层次' });
    await card.getByText(tierB).waitFor();
    await card.getByText(/有效期 \d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/).waitFor();
    await shootTop(page, 'certification-home');

    // the certificate downloads as a PDF; its QR's URL opens the verification page
    await page.getByRole('navigation').getByRole('menuitem', { name: '人才认定' }).click();
    await expectHeading(page, '人才认定');
    const download = page.getByRole('link', { name: '下载证书（PDF）' }).first();
    const href = (await download.getAttribute('href')) ?? fail('no certificate link');
    const pdf = await page.request.get(href);
    if (pdf.status() !== 200) fail(`certificate download answered ${pdf.status()}`);
    if (pdf.headers()['content-type'] !== 'application/pdf')
      fail(`not a PDF: ${pdf.headers()['content-type']}`);
    const bytes = await pdf.body();
    if (bytes.subarray(0, 5).toString() !== '%PDF-') fail('the download is not a PDF');
    certificateUrl = readQrFromPdf(bytes) ?? fail('no QR code in the certificate');
    if (!certificateUrl.startsWith(`${baseURL}/verify/certificate/`))
      fail(`QR points elsewhere: ${certificateUrl}`);
    await signOut(page);
    await page.goto(certificateUrl);
    await expectHeading(page, '证书核验');
    await page.getByRole('status').getByText('有效', { exact: true }).waitFor();
    await page.getByText('林*').waitFor();
    await page.getByText(tierB).waitFor();
    await shootTop(page, 'certification-verify');
  },
);

journey(
  'at phone width the talent reads their tier and the certificate verification page',
  async (page) => {
    await page.goto('/login');
    await signIn(page, `talent.${district}`);
    await expectHeading(page, homeTitles.talent);
    await page.getByRole('region', { name: '我的人才层次' }).getByText(tierB).waitFor();
    await shootTop(page, 'certification-home-phone');
    await page.goto('/certification');
    await expectHeading(page, '人才认定');
    await page.getByRole('heading', { name: `按目录可认定为：${tierB}` }).waitFor();
    await shootTop(page, 'certification-talent-phone');
    await signOut(page);
    if (!certificateUrl) fail('the first journey did not produce a certificate');
    await page.goto(new URL(certificateUrl).pathname);
    await page.getByRole('status').getByText('有效', { exact: true }).waitFor();
    await shootTop(page, 'certification-verify-phone');
  },
  phone,
);

journey('the expert scores an anonymised committee case against the rubric', async (page) => {
  await page.goto('/');
  await signIn(page, `expert.${district}`);
  await expectHeading(page, homeTitles.expert);
  await page.getByRole('navigation').getByRole('menuitem', { name: '评审任务' }).click();
  await expectHeading(page, '评审任务');
  await page.getByText('案件已匿名处理').waitFor();
  await page
    .getByRole('button', { name: /^查看 [A-Z]{2}-/ })
    .first()
    .click();
  await page.getByRole('heading', { name: /^案件 [A-Z]{2}-/ }).waitFor();
  if ((await page.getByText('示范科技有限公司').count()) > 0)
    fail('the employer shows on an anonymised case');
  for (const criterion of ['创新能力', '业绩贡献', '行业认可度', '与区域产业契合度'])
    await page.getByLabel(new RegExp(`^${criterion}`)).fill('85');
  await page.getByLabel('评审意见').fill('成果扎实，建议认定');
  await shootTop(page, 'certification-expert');
  await page.getByRole('button', { name: '提交评分' }).click();
  await page.getByText('我的评分：85 分').waitFor();
});

journey('the administrator sees the committee case with its panel, and the expert pool', async (page) => {
  await page.goto('/');
  await signIn(page, `admin.${district}`);
  await expectHeading(page, homeTitles.admin);
  await page.getByRole('navigation').getByRole('menuitem', { name: '人才认定' }).click();
  await expectHeading(page, '认定管理');
  await page
    .getByRole('button', { name: /^查看 / })
    .first()
    .click();
  await page.getByText('评审专家组').waitFor();
  await page.getByText('陈教授（评审专家）').waitFor();
  await page.getByText(/平均分：/).waitFor();
  await shootTop(page, 'certification-committee');
  await page.getByRole('tab', { name: '专家库' }).click();
  await page.getByRole('cell', { name: /^赵明远（评审专家） expert01/ }).waitFor();
  await shootTop(page, 'certification-pool');
});

journey('in English the talent reads the catalogue check and the verification page', async (page) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'English' }).click();
  await signIn(page, `talent.${district}`, { user: 'Username', pass: 'Password', submit: 'Sign in' });
  await expectHeading(page, 'Talent home');
  await page
    .getByRole('region', { name: 'My talent tier' })
    .getByText('B · National leading talent')
    .waitFor();
  await page.getByRole('navigation').getByRole('menuitem', { name: 'Certification' }).click();
  await expectHeading(page, 'Certification');
  await page
    .getByRole('heading', { name: 'By the catalogue you qualify as: B · National leading talent' })
    .waitFor();
  await page.getByText('Selected by a national talent programme').first().waitFor();
  await shootTop(page, 'certification-talent-english');
  if (!certificateUrl) fail('the first journey did not produce a certificate');
  await page.goto(new URL(certificateUrl).pathname);
  await page.getByRole('status').getByText('Valid', { exact: true }).waitFor();
  await shootTop(page, 'certification-verify-english');
});

journey('HR nominates an employee (用人单位举荐) and follows the case', async (page) => {
  await page.goto('/login');
  await signIn(page, `enterprise.${district}`);
  await expectHeading(page, homeTitles.enterprise);
  await page.getByRole('navigation').getByRole('menuitem', { name: '人才认定' }).click();
  await expectHeading(page, '人才认定');
  await page.getByLabel('被举荐人才（本单位在职）').fill('林晓');
  await page.getByLabel('被举荐人才（本单位在职）').press('Enter');
  await page.getByText(`按目录可认定为：${tierB}`).waitFor();
  await page.getByLabel('申请层次').fill('国家级领军人才');
  await page.getByLabel('申请层次').press('Enter');
  await page.getByRole('button', { name: '提交举荐' }).click();
  const toast = page.getByText(/申请已提交，案件号 [A-Z]{2}-[0-9A-Z]{8}/);
  await toast.waitFor();
  const code = /[A-Z]{2}-[0-9A-Z]{8}/.exec((await toast.textContent()) ?? '')?.[0] ?? fail('no case code');
  await page.getByRole('cell', { name: code, exact: true }).waitFor();
  await page.getByRole('cell', { name: '用人单位举荐' }).first().waitFor();
  await shootTop(page, 'certification-enterprise');
});
