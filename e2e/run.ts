// Browser journeys against a real server: builds the web app, starts `rencai serve` on a fresh data
// directory and a free port, drives Debian's Chromium through playwright-core, and prints
// `N passed, N failed`. getByRole/getByLabel locators only; no sleeps, no retries.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const root = path.resolve(import.meta.dirname, '..');
const screenshots = path.join(root, 'e2e', 'screenshots');
const district = 'wuxing';
const districtName = '湖州市吴兴区';
const password = 'rencai-demo';
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

const homeTitles = {
  talent: '人才首页',
  enterprise: '企业首页',
  reviewer: '审核工作台',
  expert: '专家工作台',
  provider: '服务商工作台',
  station: '驿站工作台',
  admin: '管理员工作台',
} as const;
type Role = keyof typeof homeTitles;

// ---------------------------------------------------------------- tiny runner

type Journey = {
  name: string;
  viewport: { width: number; height: number };
  run: (page: Page) => Promise<void>;
};
const journeys: Journey[] = [];
function journey(name: string, run: Journey['run'], viewport = desktop): void {
  journeys.push({ name, run, viewport });
}

function fail(message: string): never {
  throw new Error(message);
}

// ---------------------------------------------------------------- helpers

async function signIn(
  page: Page,
  username: string,
  labels = { user: '用户名', pass: '密码', submit: '登录' },
) {
  await page.getByLabel(labels.user).fill(username);
  await page.getByLabel(labels.pass, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

async function expectHeading(page: Page, name: string, level = 1) {
  await page.getByRole('heading', { name, level, exact: true }).waitFor();
}

async function shoot(page: Page, name: string) {
  await page.screenshot({
    path: path.join(screenshots, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL('**/login');
  await page.getByLabel('用户名').waitFor();
}

// ---------------------------------------------------------------- journeys

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
    await expectHeading(page, '我的档案');
    await page.getByText('该功能即将上线').waitFor();
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

// ---------------------------------------------------------------- server and browser

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function startServer(port: number, dataDir: string, webDir: string, logFile: string): ChildProcess {
  const log = fs.openSync(logFile, 'w');
  return spawn('npx', ['tsx', 'packages/server/src/cli.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      RENCAI_DATA_DIR: dataDir,
      RENCAI_WEB_DIR: webDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      RENCAI_DEMO: '1',
    },
    stdio: ['ignore', log, log],
    detached: true, // its own process group, so that stopping it also stops npx's child
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) fail(`server exited with code ${server.exitCode} before it was healthy`);
    const ok = await fetch(`${baseUrl}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250)); // polling the server start, not a test wait
  }
  fail(`server not healthy after ${timeoutMs / 1000} s`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.pid === undefined || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (server.pid !== undefined) process.kill(-server.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

async function runJourney(browser: Browser, baseURL: string, j: Journey): Promise<string | null> {
  const context: BrowserContext = await browser.newContext({
    baseURL,
    viewport: j.viewport,
    locale: 'zh-CN',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Warning:|Uncaught/.test(message.text())) {
      problems.push(`console: ${message.text().slice(0, 300)}`);
    }
  });
  try {
    await j.run(page);
    if (problems.length > 0) fail(problems.join('\n    '));
    return null;
  } catch (error) {
    const slug = j.name.replace(/[^\w.-]+/g, '-').slice(0, 60);
    await page
      .screenshot({ path: path.join(screenshots, `failed-${slug}.png`), fullPage: true })
      .catch(() => {});
    return [error instanceof Error ? error.message : String(error), ...problems].join('\n    ');
  } finally {
    await context.close();
  }
}

async function main(): Promise<number> {
  fs.mkdirSync(screenshots, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rencai-e2e-'));
  // A private build of the current sources, so that a concurrent `npm run build` cannot pull
  // packages/web/dist away from under the server.
  const webDir = path.join(dataDir, 'web');
  const build = spawnSync(
    'npm',
    [
      'run',
      'build',
      '--workspace',
      '@rencai/web',
      '--',
      '--outDir',
      webDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (build.status !== 0) {
    console.error('web build failed');
    return 1;
  }
  const logFile = path.join(dataDir, 'server.log');
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const server = startServer(port, path.join(dataDir, 'data'), webDir, logFile);
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  try {
    await waitForHealth(baseURL, server);
    console.log(`server ready at ${baseURL} (data ${dataDir})`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    for (const j of journeys) {
      const started = Date.now();
      const problem = await runJourney(browser, baseURL, j);
      const ms = Date.now() - started;
      if (problem === null) {
        passed++;
        console.log(`  ✓ ${j.name} (${ms} ms)`);
      } else {
        failed++;
        console.log(`  ✗ ${j.name} (${ms} ms)\n    ${problem}`);
      }
    }
  } catch (error) {
    failed++;
    console.error(`setup failed: ${error instanceof Error ? error.message : String(error)}`);
    console.error(fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'));
  } finally {
    await browser?.close();
    await stopServer(server);
    if (failed === 0) fs.rmSync(dataDir, { recursive: true, force: true });
    else console.log(`server log kept at ${logFile}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
