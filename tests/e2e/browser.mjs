// Shared helpers for the end-to-end test scripts: how Chromium is launched (Debian's
// /usr/bin/chromium through playwright-core, never a downloaded browser) and how a test drives
// the page (the page marks `body[data-ready]`, `data-rendered` and `data-busy`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The static site. */
export const WWW = path.join(ROOT, 'www');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const LAUNCH_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];
export const TIMEOUT = 60_000;

/** Starts headless Chromium with the flags this machine needs. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
}

/** A page with the app loaded and both wasm instances ready; console errors are collected. */
export async function openApp(context, url) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.errors.push(msg.text());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

export async function renderCount(page) {
  return page.evaluate(() => Number(document.body.dataset.rendered || 0));
}

/** Waits until the page has rendered again since `before` and the worker has answered everything. */
export async function waitRender(page, before) {
  await page.waitForFunction(
    (n) => Number(document.body.dataset.rendered || 0) > n && !document.body.dataset.busy,
    before,
  );
}

export async function settle(page) {
  await page.waitForFunction(() => !document.body.dataset.busy);
}

export async function chooseFile(page, file) {
  const before = await renderCount(page);
  await page.setInputFiles('#file', file.path);
  await waitRender(page, before);
}

export async function dropBytes(page, name, buffer) {
  await page.evaluate(
    ({ b64, name }) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], name, { type: 'text/csv' }));
      const target = document.getElementById('dropzone');
      for (const type of ['dragenter', 'dragover', 'drop']) {
        target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    },
    { b64: buffer.toString('base64'), name },
  );
}

export async function loadExample(page) {
  const before = await renderCount(page);
  await page.click('#example');
  await waitRender(page, before);
}

export async function selectBreakdown(page, value) {
  const before = await renderCount(page);
  await page.selectOption('#by', value);
  await waitRender(page, before);
}

/** Returned by a test that did not run (an opt-in test), so it is reported as SKIP, not PASS. */
export const SKIPPED = Symbol('skipped');

/**
 * Runs `tests` ({name, fn}) in order, those matching `only` (name parts) when given, printing
 * PASS, FAIL with the stack, or SKIP per test. Returns the counts.
 */
export async function runTests(tests, only) {
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of tests) {
    if (only && !only.some((o) => name.includes(o))) continue;
    const started = Date.now();
    try {
      if ((await fn()) === SKIPPED) {
        console.log(`SKIP ${name} (opt-in)`);
        continue;
      }
      passed += 1;
      console.log(`PASS ${name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed += 1;
      console.log(`FAIL ${name} (${Date.now() - started} ms)\n  ${String(err.stack || err).split('\n').join('\n  ')}`);
    }
  }
  return { passed, failed };
}
