// The served app works offline after the first visit: its service worker (www/sw.js) keeps the
// app's own files, and only those.
//
//   node tests/e2e/offline.test.mjs
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launchBrowser, openApp, loadExample, chooseFile, WWW } from './browser.mjs';
import { runner } from './expected.mjs';

const SUBPATH = '/apps/tilfreds/';
const { test, run } = runner('offline');
let browser;
let server;

test('load once, go offline, reload: the example data is analysed', async () => {
  const context = await browser.newContext();
  try {
    const page = await openApp(context, `${server.origin}${SUBPATH}`);
    await page.waitForSelector('#offline-note:not([hidden])');
    assert.equal(await page.locator('#offline-note').innerText(), 'Virker også offline');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cached = await page.evaluate(async () => {
      const keys = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) keys.push(new URL(request.url).pathname);
      }
      return keys.sort();
    });
    console.log(`  cached: ${cached.map((k) => k.replace('/apps/tilfreds/', '')).join(' ')}`);
    for (const file of ['', 'index.html', 'main.js', 'worker.js', 'style.css', 'pkg/tilfreds_web.js', 'pkg/tilfreds_web_bg.wasm', 'eksempel.csv']) {
      assert.ok(cached.includes(`${SUBPATH}${file}`), `${file || './'} is not cached`);
    }
    assert.ok(cached.every((k) => k.startsWith(SUBPATH)), 'only the app is cached');

    await context.setOffline(true);
    const hitsBefore = server.hits.length;
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await loadExample(page);
    const facts = await page.locator('#facts').innerText();
    assert.ok(facts.includes('eksempel.csv'), facts);
    assert.equal(server.hits.length, hitsBefore, 'nothing reached the server while offline');
    assert.deepEqual(page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  } finally {
    await context.close();
  }
});

test('a user file is never cached', async () => {
  const context = await browser.newContext();
  try {
    const page = await openApp(context, `${server.origin}${SUBPATH}`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tilfreds-offline-')), 'borgere.csv');
    fs.writeFileSync(file, 'ydelse;Hvor tilfreds er du?\nA;Tilfreds\nB;Utilfreds\nA;Meget tilfreds\nB;Tilfreds\nA;Tilfreds\n');
    await chooseFile(page, { path: file });
    const cached = await page.evaluate(async () => {
      const keys = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) keys.push(request.url);
      }
      return keys;
    });
    assert.ok(!cached.some((k) => k.includes('borgere')), 'the user file is not in the cache');
    assert.ok(!server.hits.some((h) => h.includes('borgere')), 'the user file was never requested');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  } finally {
    await context.close();
  }
});

await run({
  before: async () => {
    server = await startServer({ mounts: { [SUBPATH]: WWW } });
    browser = await launchBrowser();
  },
  after: async () => {
    await browser?.close();
    await server?.close();
  },
});
