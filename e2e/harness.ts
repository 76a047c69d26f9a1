// The journeys' shared vocabulary: the registry, the demo district and accounts, and the helpers every
// journey uses (sign in, headings, screenshots). Each file in e2e/journeys/ registers its journeys here.
import path from 'node:path';
import type { Page } from 'playwright-core';

export const root = path.resolve(import.meta.dirname, '..');
export const screenshots = path.join(root, 'e2e', 'screenshots');
export const district = 'wuxing';
export const districtName = '湖州市吴兴区';
export const password = 'rencai-demo';
export const desktop = { width: 1440, height: 900 };
export const phone = { width: 390, height: 844 };

export const homeTitles = {
  talent: '人才首页',
  enterprise: '企业首页',
  reviewer: '审核工作台',
  expert: '专家工作台',
  provider: '服务商工作台',
  station: '驿站工作台',
  admin: '管理员工作台',
} as const;
export type Role = keyof typeof homeTitles;

export type JourneyContext = { baseURL: string };
export type Journey = {
  name: string;
  file: string;
  viewport: { width: number; height: number };
  run: (page: Page, context: JourneyContext) => Promise<void>;
};
export const journeys: Journey[] = [];
let currentFile = '';
/** Set by the runner while it imports one journey file. */
export function setCurrentFile(file: string): void {
  currentFile = file;
}
export function journey(name: string, run: Journey['run'], viewport = desktop): void {
  journeys.push({ name, run, viewport, file: currentFile });
}

export function fail(message: string): never {
  throw new Error(message);
}

export async function signIn(
  page: Page,
  username: string,
  labels = { user: '用户名', pass: '密码', submit: '登录' },
) {
  await page.getByLabel(labels.user).fill(username);
  await page.getByLabel(labels.pass, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

export async function expectHeading(page: Page, name: string, level = 1) {
  await page.getByRole('heading', { name, level, exact: true }).waitFor();
}

export async function shoot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(screenshots, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
  await page.getByLabel('用户名').waitFor();
}
