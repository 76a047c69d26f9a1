// Browser journeys against a real server: builds the web app, starts `rencai serve` on a fresh data
// directory and a free port, drives Debian's Chromium through playwright-core, and prints
// `N passed, N failed`. Journeys live in e2e/journeys/*.ts (`E2E_ONLY=<file stem>,…` runs some of
// them). getByRole/getByLabel locators only; no sleeps, no retries.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { fail, type Journey, journeys, root, screenshots, setCurrentFile } from './harness';

async function loadJourneys(): Promise<Journey[]> {
  const dir = path.join(root, 'e2e', 'journeys');
  const only = (process.env.E2E_ONLY ?? '').split(',').filter(Boolean);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort((a, b) => (a === 'foundation.ts' ? -1 : b === 'foundation.ts' ? 1 : a.localeCompare(b)));
  for (const file of files) {
    const stem = file.replace(/\.ts$/, '');
    if (only.length > 0 && !only.includes(stem)) continue;
    setCurrentFile(stem);
    await import(pathToFileURL(path.join(dir, file)).href);
  }
  return journeys;
}

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
    await j.run(page, { baseURL });
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
    for (const j of await loadJourneys()) {
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
