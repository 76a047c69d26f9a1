// 政策找人 in the browser: the administrator previews and publishes a pack version with a new policy
// (packs/wuxing plus e2e/fixtures/wuxing-extra), the background run re-decides everyone, and the demo
// talent, who qualifies, finds the policy with its amount on "my policies" and a message in the inbox.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  district,
  expectHeading,
  homeTitles,
  journey,
  phone,
  root,
  shoot,
  signIn,
  signOut,
} from '../harness';

const NEW_POLICY = '博士人才安家补贴';

/** packs/wuxing with the overlay's files added, in a temporary folder to upload. */
function candidateFolder(): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rencai-pack-')), 'wuxing-next');
  fs.cpSync(path.join(root, 'packs', district), dir, { recursive: true });
  for (const sub of ['policies', 'parameters', 'tests'])
    fs.cpSync(path.join(root, 'e2e/fixtures/wuxing-extra', sub), path.join(dir, sub), { recursive: true });
  return dir;
}

journey(
  'the administrator previews and publishes a pack with a new policy; the qualifying talent sees it and is told',
  async (page) => {
    await page.goto('/login');
    await signIn(page, `admin.${district}`);
    await expectHeading(page, homeTitles.admin);
    await page.getByRole('menuitem', { name: '政策包', exact: true }).click();
    await expectHeading(page, '政策包发布');
    await page.getByRole('cell', { name: '生效中' }).waitFor();

    await page.getByText('上传政策包文件夹').click();
    await page.getByLabel('选择文件夹').setInputFiles(candidateFolder());
    await page.getByText(/已选择 \d+ 个文件/).waitFor();
    await page.getByRole('button', { name: '校验并预览' }).click();
    const preview = page.getByRole('region', { name: '发布前预览' });
    await preview.waitFor();
    await preview.getByText(/个测试用例全部通过/).waitFor();
    const gains = preview.getByRole('group', { name: '新增可享' });
    await gains.getByText(/^林\*+：.*博士人才安家补贴/).waitFor();
    await preview.getByText(NEW_POLICY, { exact: true }).first().waitFor();
    await preview.getByRole('heading', { name: '各资金来源的成本变化' }).waitFor();
    await shoot(page, 'packs-preview');

    await page.getByRole('button', { name: '确认发布' }).click();
    await page.getByRole('button', { name: '确认发布' }).last().click(); // the confirmation's own button
    await page.getByText(/已发布第 2 版/).waitFor();
    const runs = page.getByRole('list', { name: '重新测算任务' });
    await runs.getByText('已完成').first().waitFor({ timeout: 60_000 });
    await runs
      .getByText(/新增可享 [1-9]\d* 个对象/)
      .first()
      .waitFor();
    await page.getByRole('cell', { name: NEW_POLICY }).first().waitFor();
    await page.mouse.wheel(0, -100_000); // shoot the whole page from the top, header in place
    await shoot(page, 'packs-published');
    await signOut(page);

    await page.goto('/login');
    await signIn(page, `talent.${district}`); // the login returns to the last page, which a talent may not see
    await page.getByRole('button', { name: /条未读消息/ }).waitFor();
    await page.getByRole('menuitem', { name: /我的政策/ }).click();
    await expectHeading(page, '我的政策');
    const eligible = page.getByRole('region', { name: /可以享受/ });
    const item = eligible.getByRole('listitem').filter({ hasText: NEW_POLICY });
    await item.getByText('5万元').waitFor();
    await item.getByRole('link', { name: `申请 ${NEW_POLICY}` }).waitFor();
    await page.getByText('可享合计').waitFor();
    await shoot(page, 'my-policies');

    await page.getByRole('menuitem', { name: /消息/ }).click();
    await expectHeading(page, '消息');
    const message = page.getByRole('listitem').filter({ hasText: `您符合新政策：${NEW_POLICY}` });
    await message.getByText(/可享 5万元/).waitFor();
    await shoot(page, 'messages');
    await message.getByRole('button', { name: '标为已读' }).click();
    await message.getByRole('button', { name: '标为已读' }).waitFor({ state: 'detached' });
    await signOut(page);
  },
);

journey(
  'my policies and the inbox at phone width, in English',
  async (page) => {
    await page.goto('/login');
    await signIn(page, `talent.${district}`);
    await expectHeading(page, homeTitles.talent);
    await page.goto('/my-policies');
    await expectHeading(page, '我的政策');
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'My policies');
    await page.getByText('Total entitlement').waitFor();
    await page.getByRole('region', { name: /You qualify/ }).waitFor();
    await shoot(page, 'my-policies-phone-en');
    await page.getByRole('button', { name: /Show policies you are not eligible for/ }).click();
    await page.getByText('Conditions not met:').first().waitFor();
    await page.goto('/messages');
    await expectHeading(page, 'Messages');
    await shoot(page, 'messages-phone-en');
  },
  phone,
);
