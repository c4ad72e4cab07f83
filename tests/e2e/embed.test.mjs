// Embedding (docs/EMBED.md): the app served from its own origin with the deployment's list of
// allowed hosts, a host page on another origin embedding it with the recommended <iframe>
// snippet and with <tilfreds-analyzer> (www/embed.js), the postMessage API and its clamps, and
// the attacks of a hostile page on its own loopback port: framing the app, naming itself as the
// host, lowering the minimum cell size, grouping by respondent number, turning identifiers into
// categories, reading withheld labels, and taking the results of a file the user chose.
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
/** The app, allowing the intranet (`host`) to embed it. */
let app;
/** The same app on a server set up without framing headers (its list still names `host`). */
let loose;
/** The same app deployed with no list: framing allowed for `host`, the API off. */
let unlisted;
let host;
let stranger;
let survey;
let small;

/** The recommended snippet (README, docs/EMBED.md), for a host at `hostOrigin`. */
const snippet = (server, query = '') =>
  `<iframe src="${server.origin}/index.html${query}" title="Tilfreds" ` +
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

function appFrame(page, server = app) {
  return page.frames().find((f) => f.url().startsWith(`${server.origin}/`));
}

async function waitFrame(page, server = app) {
  for (let i = 0; i < 200; i++) {
    const frame = appFrame(page, server);
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

/** Sends `file` ({path, name}) from the host page to the app frame at `origin`. */
async function hostSends(page, file, origin = app.origin) {
  await page.evaluate(([b64, name, o]) => window.sendFile(b64, name, o), [fs.readFileSync(file.path).toString('base64'), file.name, origin]);
}

/** Posts `message` from the host page to the app frame at `origin`. */
async function hostPosts(page, message, origin = app.origin) {
  await page.evaluate(([m, o]) => document.querySelector('iframe').contentWindow.postMessage(m, o), [message, origin]);
}

/** Waits for the next summary the host receives after `before` of them. */
async function nextSummary(page, before) {
  await page.waitForFunction((n) => window.received.filter((m) => m.data && m.data.type === 'tilfreds:summary').length > n, before);
  return (await summaries(page)).at(-1).data.summary;
}

/** The header of the generated survey: respondent number, date, then groupings and questions. */
function headerOf(file) {
  return fs.readFileSync(file.path, 'latin1').split(/\r?\n/)[0].split(';');
}

test('iframe snippet (sandboxed, other origin): the notice, a host file shared, a user file only after consent', async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  try {
    await page.goto(`${host.origin}/snippet.html`);
    const frame = await waitFrame(page);
    const note = await frame.locator('#embed-note').innerText();
    assert.ok(note.includes(host.origin), `the page says by whom it is shown: ${note}`);
    const ready = await page.evaluate(() => window.received.filter((m) => m.data.type === 'tilfreds:ready'));
    assert.equal(ready.length, 1, 'one ready message');
    assert.equal(ready[0].origin, app.origin);

    // A file the user chooses inside the frame stays there until the user agrees.
    await clickExample(frame);
    assert.ok((await frame.locator('#facts').innerText()).includes('eksempel.csv'));
    await frame.waitForSelector('#share-ask:not([hidden])');
    assert.match(await frame.locator('#share-ask').innerText(), new RegExp(host.origin.replace(/[.:/]/g, '\\$&')));
    await frame.click('#share-no');
    await page.waitForTimeout(500);
    assert.equal((await summaries(page)).length, 0, 'the results of a file the user chose were sent');

    // A file the host sends: its results go back at once.
    await hostSends(page, survey);
    const summary = await nextSummary(page, 0);
    assert.equal(summary.rows, survey.expected.rows, 'row count');
    assert.ok((await frame.locator('#facts').innerText()).includes(danishNumber(survey.expected.rows, 0)));
    const text = JSON.stringify(summary);
    for (const value of rowValues()) assert.ok(!text.includes(value), `row value ${value} left the app`);
    console.log(`  summary: ${summary.rows} rows, ${summary.columns.length} columns, ${text.length} bytes of aggregates`);

    // The example again, this time shared.
    const before = (await summaries(page)).length;
    await clickExample(frame);
    await frame.waitForSelector('#share-ask:not([hidden])');
    await frame.click('#share-yes');
    const shared = await nextSummary(page, before);
    assert.equal(shared.rows, 1500, 'the example data once the user agreed');
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
    const frame = page.frames().find((f) => f.url().endsWith('/tilfreds.html'));
    assert.ok(frame, 'the frame is there');
    await frame.waitForSelector('body[data-ready="true"]');
    assert.equal(await frame.evaluate(() => window.origin), 'null', 'the app runs in an opaque origin');
    // An opaque origin cannot be named as a target: the host posts to '*' and checks event.source.
    await hostSends(page, survey, '*');
    const summary = await nextSummary(page, 0);
    assert.equal(summary.rows, survey.expected.rows, 'row count');
    const last = (await summaries(page)).at(-1);
    assert.equal(last.origin, 'null');
    const leaked = await frame.evaluate(() => fetch(`${location.protocol}//${location.host}/`).then(() => 'sent', () => 'blocked')).catch(() => 'blocked');
    assert.equal(leaked, 'blocked', 'no network from the single file');
  } finally {
    await page.close();
  }
});

test('the host cannot lower the minimum, group by respondent, count identifiers or read withheld labels', async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  try {
    await page.goto(`${host.origin}/snippet.html`);
    const frame = await waitFrame(page);
    const [id, date] = headerOf(survey);
    await hostPosts(page, { type: 'tilfreds:settings', minCell: 1 });
    await hostSends(page, survey);
    let summary = await nextSummary(page, 0);
    assert.equal(summary.min_cell, 5, 'the host lowered the minimum cell size');
    assert.equal(await frame.locator('#min-cell').inputValue(), '5');

    // Grouping by the respondent number, and identifiers, dates and ages made categories.
    let before = (await summaries(page)).length;
    await hostPosts(page, {
      type: 'tilfreds:mapping',
      by: id,
      mapping: [{ column: id, kind: 'category' }, { column: date, kind: 'category' }, { column: id, kind: 'likert' }],
    });
    summary = await nextSummary(page, before);
    assert.ok(!summary.by, `grouped by ${summary.by}`);
    const kinds = Object.fromEntries(summary.columns.map((c) => [c.name, c.kind]));
    assert.equal(kinds[id], 'id', 'respondent numbers made a category');
    assert.equal(kinds[date], 'date', 'dates made a category');
    const text = JSON.stringify(summary);
    for (const value of rowValues()) assert.ok(!text.includes(value), `row value ${value} left the app`);

    // A grouping the page offers is allowed; a group under the minimum loses its label.
    before = (await summaries(page)).length;
    await hostSends(page, small);
    await nextSummary(page, before);
    before = (await summaries(page)).length;
    await hostPosts(page, { type: 'tilfreds:mapping', by: 'Kontor', mapping: [] });
    summary = await nextSummary(page, before);
    assert.equal(summary.by, 'Kontor');
    const kontor = summary.columns.find((c) => c.name === 'Kontor');
    assert.ok(!('Lillekontoret' in kontor.counts) && kontor.withheld_values >= 1, `withheld value: ${JSON.stringify(kontor.counts)}`);
    const question = summary.columns.find((c) => c.name === 'Tilfredshed');
    assert.ok(!('Lillekontoret' in question.by) && question.withheld_groups >= 1, `withheld group: ${Object.keys(question.by)}`);
    assert.ok(!JSON.stringify(summary).includes('Lillekontoret'), 'the label of a withheld group left the app');
    assert.ok((await frame.locator('#by').inputValue()) === 'Kontor');
    // The user in the frame cannot go below the floor either.
    await frame.fill('#min-cell', '1');
    await frame.locator('#min-cell').blur();
    await page.waitForTimeout(300);
    assert.equal(await frame.locator('#min-cell').inputValue(), '5');
  } finally {
    await page.close();
  }
});

test('pages that are not allowed get nothing: framing, ?host= naming itself, embed.js, a server without headers', async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  try {
    // The app's server allows only the intranet as a framing page: elsewhere the browser shows
    // no app at all, whatever the URL says.
    for (const name of ['stranger.html', 'stranger-self.html', 'stranger-element.html']) {
      await page.goto(`${stranger.origin}/${name}`);
      await page.waitForTimeout(1000);
      const frame = appFrame(page);
      const shown = frame ? await frame.locator('#file').count().catch(() => 0) : 0;
      assert.equal(shown, 0, `the app is shown inside ${name}`);
      assert.deepEqual(await page.evaluate(() => window.received), [], `something posted to ${name}`);
    }

    // A server set up without framing headers: the app is shown, says it is framed by a page that
    // is not allowed, answers nothing, and ignores what that page sends.
    await page.goto(`${stranger.origin}/stranger-loose.html`);
    const frame = await waitFrame(page, loose);
    const note = await frame.locator('#embed-note').innerText();
    assert.ok(note.includes(stranger.origin) && /ikke er godkendt/.test(note), `no warning: ${note}`);
    await hostSends(page, survey, loose.origin);
    await hostPosts(page, { type: 'tilfreds:settings', lang: 'en', minCell: 9 }, loose.origin);
    await page.waitForTimeout(1000);
    assert.equal(await frame.evaluate(() => document.body.dataset.rendered || null), null, 'the file the stranger sent was analysed');
    assert.equal(await frame.evaluate(() => document.documentElement.lang), 'da', 'settings followed');
    await clickExample(frame);
    await page.waitForTimeout(500);
    assert.equal(await frame.locator('#share-ask').isHidden(), true, 'asked to share with a page not allowed');
    assert.deepEqual(await page.evaluate(() => window.received), [], 'something posted to the stranger');

    // A deployment with no list: the intranet may frame it, but the API is off.
    await page.goto(`${host.origin}/unlisted.html`);
    const off = await waitFrame(page, unlisted);
    await clickExample(off);
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.received), [], 'something posted without a list');

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
  } finally {
    await page.close();
  }
});

/** A small file with a group of two, under the minimum cell size. */
function writeSmall() {
  const lines = ['Kontor;Tilfredshed'];
  const answers = ['Meget tilfreds', 'Tilfreds', 'Hverken tilfreds eller utilfreds', 'Utilfreds', 'Meget utilfreds'];
  for (let i = 0; i < 30; i++) lines.push(`Nord;${answers[i % 5]}`);
  for (let i = 0; i < 30; i++) lines.push(`Syd;${answers[(i + 2) % 5]}`);
  lines.push(`Lillekontoret;${answers[4]}`, `Lillekontoret;${answers[3]}`);
  const file = path.join(tmp, 'small.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return { path: file, name: 'small.csv' };
}

await run({
  before: async () => {
    survey = generate(tmp, 'embed_survey', ['--rows', '900', '--seed', '5', '--encoding', 'cp1252']);
    small = writeSmall();
    host = await startServer({ mounts: { '/': tmp }, hosts: ["'self'"] });
    stranger = await startServer({ mounts: { '/': tmp } });
    app = await startServer({ mounts: { '/': WWW }, hosts: [host.origin] });
    loose = await startServer({ mounts: { '/': WWW }, hosts: [host.origin], frameAncestors: null });
    unlisted = await startServer({ mounts: { '/': WWW }, frameAncestors: [host.origin] });
    writeHost('snippet.html', snippet(app));
    writeHost('element.html', `<script src="${app.origin}/embed.js"></script><tilfreds-analyzer lang="en" min-cell="7"></tilfreds-analyzer>`);
    writeHost('unlisted.html', snippet(unlisted));
    // The stranger frames the app, names itself as the host, or uses embed.js.
    writeHost('stranger.html', snippet(app));
    writeHost('stranger-self.html', snippet(app, `?host=${stranger.origin}`));
    writeHost('stranger-element.html', `<script src="${app.origin}/embed.js"></script><tilfreds-analyzer></tilfreds-analyzer>`);
    writeHost('stranger-loose.html', snippet(loose, `?host=${stranger.origin}`));
    // The single file, deployed for the intranet (./build.sh dist with TILFREDS_HOSTS).
    const site = path.join(tmp, 'site');
    fs.cpSync(WWW, site, { recursive: true });
    execFileSync('node', [path.join(ROOT, 'tools', 'hosts.mjs'), path.join(site, 'index.html'), host.origin], { stdio: 'pipe' });
    execFileSync('node', [path.join(ROOT, 'tools', 'singlefile.mjs'), '--site', site, '--out', path.join(tmp, 'tilfreds.html')], { stdio: 'pipe' });
    writeHost('single.html', '<iframe src="tilfreds.html" title="Tilfreds" sandbox="allow-scripts allow-downloads" style="width:100%;height:90vh;border:0"></iframe>');
    browser = await launchBrowser();
  },
  after: async () => {
    await browser?.close();
    for (const server of [app, loose, unlisted, host, stranger]) await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  },
});
