// Embedding (docs/EMBED.md): the app served from its own origin, a host page on another origin
// embedding it with the recommended <iframe> snippet and with <tilfreds-analyzer> (www/embed.js),
// the postMessage API, and messages from origins that are not allowed.
//
//   node tests/e2e/embed.test.mjs
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';
import { launchBrowser, TIMEOUT, ROOT, WWW } from './browser.mjs';
import { generate, danishNumber, runner } from './expected.mjs';

const { test, run } = runner('embed');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilfreds-embed-'));
let browser;
let app;
let host;
let stranger;
let survey;

/** The recommended snippet (README, docs/EMBED.md), for a host at `hostOrigin`. */
const snippet = (hostOrigin) =>
  `<iframe src="${app.origin}/index.html?host=${hostOrigin}" title="Tilfreds" ` +
  'sandbox="allow-scripts allow-same-origin allow-downloads" allow="clipboard-write" ' +
  'referrerpolicy="no-referrer" style="width:100%;height:90vh;border:0"></iframe>';

/** Host-page script: collects the app's messages and can send it a file. */
const HOST_SCRIPT = `
window.received = [];
window.addEventListener('message', (event) => {
  window.received.push({ origin: event.origin, data: event.data });
});
window.sendFile = (b64, name, origin) => {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const frame = document.querySelector('iframe');
  frame.contentWindow.postMessage({ type: 'tilfreds:analyze', file: new File([bytes], name), name }, origin);
};
`;

function hostPage(body) {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Intranet</title>
<style>body{font-family:serif;color:#800}</style><script>${HOST_SCRIPT}</script></head>
<body><h1>Kommunens intranet</h1>${body}</body></html>`;
}

function writeHost(name, body) {
  fs.writeFileSync(path.join(tmp, name), hostPage(body));
}

function appFrame(page) {
  return page.frames().find((f) => f.url().startsWith(`${app.origin}/`));
}

async function waitFrame(page) {
  for (let i = 0; i < 200; i++) {
    const frame = appFrame(page);
    if (frame) {
      await frame.waitForSelector('body[data-ready="true"]', { timeout: TIMEOUT });
      return frame;
    }
    await page.waitForTimeout(50);
  }
  throw new Error('the app frame did not appear');
}

async function clickExample(frame) {
  const before = await frame.evaluate(() => Number(document.body.dataset.rendered || 0));
  await frame.click('#example');
  await frame.waitForFunction((n) => Number(document.body.dataset.rendered || 0) > n && !document.body.dataset.busy, before);
}

const summaries = (page) =>
  page.evaluate(() => window.received.filter((m) => m.data && m.data.type === 'tilfreds:summary'));

/** The comments and respondent ids of the survey: none may ever reach the host. */
function rowValues() {
  const lines = fs.readFileSync(survey.path, 'latin1').split(/\r?\n/).slice(1, 200);
  const values = [];
  for (const line of lines) {
    const cells = line.split(';');
    if (cells[0]) values.push(cells[0]);
    const comment = cells[cells.length - 1].replace(/"/g, '');
    if (comment.length > 12) values.push(comment.slice(0, 12));
  }
  return values;
}

test('iframe snippet (sandboxed, other origin): app loads, example data, file via postMessage', async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  try {
    await page.goto(`${host.origin}/snippet.html`);
    const frame = await waitFrame(page);
    await clickExample(frame);
    assert.ok((await frame.locator('#facts').innerText()).includes('eksempel.csv'));
    const ready = await page.evaluate(() => window.received.filter((m) => m.data.type === 'tilfreds:ready'));
    assert.equal(ready.length, 1, 'one ready message');
    assert.equal(ready[0].origin, app.origin);
    const before = (await summaries(page)).length;
    assert.ok(before >= 1, 'the example summary was posted');

    await page.evaluate(([b64, name, origin]) => window.sendFile(b64, name, origin), [fs.readFileSync(survey.path).toString('base64'), survey.name, app.origin]);
    await page.waitForFunction((n) => window.received.filter((m) => m.data.type === 'tilfreds:summary').length > n, before);
    const last = (await summaries(page)).at(-1);
    assert.equal(last.origin, app.origin);
    assert.equal(last.data.summary.rows, survey.expected.rows, 'row count');
    assert.ok((await frame.locator('#facts').innerText()).includes(danishNumber(survey.expected.rows, 0)));
    const text = JSON.stringify(last.data.summary);
    for (const value of rowValues()) assert.ok(!text.includes(value), `row value ${value} left the app`);
    console.log(`  summary: ${last.data.summary.rows} rows, ${last.data.summary.columns.length} columns, ${text.length} bytes of aggregates`);
  } finally {
    await page.close();
  }
});

test('<tilfreds-analyzer lang="en" min-cell="7">: shadow DOM, settings, analyze(), summary event', async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  try {
    await page.goto(`${host.origin}/element.html`);
    const frame = await waitFrame(page);
    await page.waitForFunction(() => document.querySelector('tilfreds-analyzer').ready === true);
    await frame.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await frame.locator('#min-cell').inputValue(), '7');
    assert.equal(await page.evaluate(() => document.querySelector('iframe')), null, 'the frame is inside the shadow root');
    const appColor = await frame.evaluate(() => getComputedStyle(document.body).color);
    assert.notEqual(appColor, 'rgb(136, 0, 0)', "the host page's styles do not reach the app");
    const hostColor = await page.evaluate(() => getComputedStyle(document.querySelector('h1')).color);
    assert.equal(hostColor, 'rgb(136, 0, 0)');
    await clickExample(frame);
    assert.ok((await frame.locator('#facts').innerText()).includes('eksempel.csv'));
    const height = await page.evaluate(() => document.querySelector('tilfreds-analyzer').shadowRoot.querySelector('iframe').getBoundingClientRect().height);
    assert.ok(height > 1500, `the frame is sized to its content (${height}px)`);

    const summary = await page.evaluate(
      ([b64, name, rows]) =>
        new Promise((resolve) => {
          const element = document.querySelector('tilfreds-analyzer');
          element.addEventListener('tilfreds-summary', (e) => e.detail.rows === rows && resolve(e.detail));
          const bin = atob(b64);
          const bytes = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
          element.analyze(bytes.buffer, name);
        }),
      [fs.readFileSync(survey.path).toString('base64'), survey.name, survey.expected.rows],
    );
    assert.equal(summary.rows, survey.expected.rows, 'row count');
    assert.equal(summary.min_cell, 7, 'min-cell forwarded');
    console.log(`  element: ${summary.rows} rows, min_cell ${summary.min_cell}, frame height ${Math.round(height)}px`);
  } finally {
    await page.close();
  }
});

test('single file in a fully sandboxed iframe on the host origin (no allow-same-origin)', async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  try {
    await page.goto(`${host.origin}/single.html`);
    const frame = page.frames().find((f) => f.url().endsWith('/tilfreds.html?host=' + host.origin));
    assert.ok(frame, 'the frame is there');
    await frame.waitForSelector('body[data-ready="true"]');
    assert.equal(await frame.evaluate(() => window.origin), 'null', 'the app runs in an opaque origin');
    await clickExample(frame);
    assert.ok((await frame.locator('#facts').innerText()).includes('eksempel.csv'));
    const before = (await summaries(page)).length;
    // An opaque origin cannot be named as a target: the host posts to '*' and checks event.source.
    await page.evaluate(([b64, name]) => window.sendFile(b64, name, '*'), [fs.readFileSync(survey.path).toString('base64'), survey.name]);
    await page.waitForFunction((n) => window.received.filter((m) => m.data.type === 'tilfreds:summary').length > n, before);
    const last = (await summaries(page)).at(-1);
    assert.equal(last.origin, 'null');
    assert.equal(last.data.summary.rows, survey.expected.rows, 'row count');
    const leaked = await frame.evaluate(() => fetch(`${location.protocol}//${location.host}/`).then(() => 'sent', () => 'blocked')).catch(() => 'blocked');
    assert.equal(leaked, 'blocked', 'no network from the single file');
  } finally {
    await page.close();
  }
});

test('messages from an origin that is not allowed, or of the wrong shape, are ignored', async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  try {
    // The stranger embeds the app but the app allows only the intranet's origin.
    await page.goto(`${stranger.origin}/stranger.html`);
    const frame = await waitFrame(page);
    const b64 = fs.readFileSync(survey.path).toString('base64');
    await page.evaluate(([data, name, origin]) => window.sendFile(data, name, origin), [b64, survey.name, app.origin]);
    await page.evaluate((origin) => {
      const w = document.querySelector('iframe').contentWindow;
      w.postMessage({ type: 'tilfreds:settings', lang: 'en', minCell: 9 }, origin);
    }, app.origin);
    await page.waitForTimeout(1500);
    assert.equal(await frame.evaluate(() => document.body.dataset.rendered || null), null, 'nothing analysed');
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'da', 'settings ignored');
    assert.deepEqual(await page.evaluate(() => window.received), [], 'nothing posted to the stranger');

    // An allowed host sending malformed messages.
    await page.goto(`${host.origin}/snippet.html`);
    const own = await waitFrame(page);
    await page.evaluate((origin) => {
      const w = document.querySelector('iframe').contentWindow;
      for (const msg of [
        { type: 'tilfreds:analyze', file: 'a;b\n1;2\n' },
        { type: 'tilfreds:analyze', file: { rows: [[1, 2]] } },
        { type: 'tilfreds:analyze', file: new Blob(['x']), name: 42 },
        { type: 'tilfreds:settings', lang: 'fr' },
        { type: 'tilfreds:settings', minCell: -3 },
        { type: 'tilfreds:mapping', mapping: 'everything' },
        'tilfreds:analyze',
        null,
      ]) w.postMessage(msg, origin);
    }, app.origin);
    await page.waitForTimeout(1000);
    assert.equal(await own.evaluate(() => document.body.dataset.rendered || null), null, 'nothing analysed');
    assert.equal(await own.evaluate(() => document.documentElement.lang), 'da');
    assert.equal(await own.locator('#min-cell').inputValue(), '5');
    assert.equal((await summaries(page)).length, 0);

    // Without ?host= the API is off: no ready message even to the parent.
    await page.goto(`${host.origin}/nohost.html`);
    const off = await waitFrame(page);
    await clickExample(off);
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.received), [], 'nothing posted without ?host=');
  } finally {
    await page.close();
  }
});

await run({
  before: async () => {
    survey = generate(tmp, 'embed_survey', ['--rows', '900', '--seed', '5', '--encoding', 'cp1252']);
    app = await startServer({ mounts: { '/': WWW } });
    host = await startServer({ mounts: { '/': tmp } });
    stranger = await startServer({ mounts: { '/': tmp } });
    writeHost('snippet.html', snippet(host.origin));
    writeHost('element.html', `<script src="${app.origin}/embed.js"></script><tilfreds-analyzer lang="en" min-cell="7"></tilfreds-analyzer>`);
    writeHost('stranger.html', snippet(host.origin));
    execFileSync('node', [path.join(ROOT, 'tools', 'singlefile.mjs'), '--site', WWW, '--out', path.join(tmp, 'tilfreds.html')], { stdio: 'pipe' });
    writeHost('single.html', `<iframe src="tilfreds.html?host=${host.origin}" title="Tilfreds" sandbox="allow-scripts allow-downloads" style="width:100%;height:90vh;border:0"></iframe>`);
    writeHost('nohost.html', `<iframe src="${app.origin}/index.html" title="Tilfreds" sandbox="allow-scripts allow-same-origin allow-downloads" style="width:100%;height:600px;border:0"></iframe>`);
    browser = await launchBrowser();
  },
  after: async () => {
    await browser?.close();
    for (const server of [app, host, stranger]) await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  },
});
