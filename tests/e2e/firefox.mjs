// The main flow in Firefox ESR (Debian's firefox-esr), driven through geckodriver with a minimal
// WebDriver client: the served app (load, example data, a held-out export via the file input,
// numbers shown), then the single-file build opened from disk (file://).
//
//   node tests/e2e/firefox.mjs        (./build.sh firefox installs what is missing first)
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import { ROOT, WWW } from './browser.mjs';
import { generate, expectedQuestions, danishNumber, runner } from './expected.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
const GECKODRIVER = process.env.GECKODRIVER || path.join(os.homedir(), '.cargo', 'bin', 'geckodriver');
const TIMEOUT = 60_000;

const { test, run } = runner('firefox');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilfreds-firefox-'));
let driver;
let session;
let server;
let survey;

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** One WebDriver command; returns `value` or throws the WebDriver error. */
async function wd(method, url, body) {
  const response = await fetch(`${driver.base}${url}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${url}: ${json.value?.error}: ${json.value?.message}`);
  return json.value;
}

const cmd = (method, url, body) => wd(method, `/session/${session}${url}`, body);
const script = (source, args = []) => cmd('POST', '/execute/sync', { script: source, args });

async function find(selector) {
  const value = await cmd('POST', '/element', { using: 'css selector', value: selector });
  return Object.values(value)[0];
}

async function waitFor(source, args = [], what = source) {
  const end = Date.now() + TIMEOUT;
  for (;;) {
    if (await script(source, args)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const rendered = () => script('return Number(document.body.dataset.rendered || 0);');
const waitRendered = (before) =>
  waitFor('return Number(document.body.dataset.rendered || 0) > arguments[0] && !document.body.dataset.busy;', [before], 'a render');

async function openApp(url) {
  await cmd('POST', '/url', { url });
  await waitFor('return document.body.dataset.ready === "true";', [], 'the app to be ready');
}

async function clickExample() {
  const before = await rendered();
  await cmd('POST', `/element/${await find('#example')}/click`, {});
  await waitRendered(before);
}

async function chooseFile(file) {
  const before = await rendered();
  await cmd('POST', `/element/${await find('#file')}/value`, { text: file });
  await waitRendered(before);
}

async function assertSurvey() {
  const facts = await script('return document.getElementById("facts").innerText;');
  assert.ok(facts.includes(danishNumber(survey.expected.rows, 0)), `rows missing in ${facts}`);
  for (const q of expectedQuestions(survey.expected)) {
    const text = await script('return document.querySelector(`section.question[data-column="${arguments[0]}"]`).innerText;', [q.index]);
    assert.ok(text.includes(q.nText), `n of ${q.column}`);
    assert.ok(q.top2.some((v) => text.includes(v)), `top-2 ${q.top2} of ${q.column}`);
    assert.ok(q.mean.some((v) => text.includes(v)), `mean ${q.mean} of ${q.column}`);
  }
  const q = expectedQuestions(survey.expected)[0];
  console.log(`  ${q.column.slice(0, 40)}…: top-2 ${q.top2[0]}, mean ${q.mean[0]}`);
}

test('served app: loads, example data, held-out export with the exact numbers', async () => {
  await openApp(`${server.origin}/tilfreds/`);
  await clickExample();
  const facts = await script('return document.getElementById("facts").innerText;');
  assert.ok(facts.includes('eksempel.csv'), facts);
  const canvases = await script('return document.querySelectorAll("canvas").length;');
  assert.ok(canvases >= 1, 'charts drawn');
  await chooseFile(survey.path);
  await assertSurvey();
  await waitFor('return !document.getElementById("offline-note").hidden;', [], 'the offline note');
});

test('single file from file://: held-out export and example data', async () => {
  const html = path.join(tmp, 'tilfreds.html');
  execFileSync('node', [path.join(ROOT, 'tools', 'singlefile.mjs'), '--site', WWW, '--out', html], { stdio: 'pipe' });
  await openApp(pathToFileURL(html).href);
  await chooseFile(survey.path);
  await assertSurvey();
  await clickExample();
  const blocked = await cmd('POST', '/execute/async', {
    script: 'const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(() => done("sent"), () => done("blocked"));',
    args: [`${server.origin}/leak`],
  });
  assert.equal(blocked, 'blocked');
  assert.ok(!server.hits.includes('/leak'), 'the server got nothing');
});

await run({
  before: async () => {
    for (const file of [FIREFOX, GECKODRIVER]) {
      if (!fs.existsSync(file)) throw new Error(`${file} is missing (run ./build.sh firefox)`);
    }
    survey = generate(tmp, 'held_out', ['--rows', '1200', '--seed', '99', '--encoding', 'cp1252']);
    server = await startServer({ mounts: { '/tilfreds/': WWW } });
    const port = await freePort();
    const proc = spawn(GECKODRIVER, ['--port', String(port), '--host', '127.0.0.1'], { stdio: 'ignore' });
    driver = { proc, base: `http://127.0.0.1:${port}` };
    for (let i = 0; ; i++) {
      try {
        await wd('GET', '/status');
        break;
      } catch (err) {
        if (i > 100) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const created = await wd('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'firefox',
          'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless'], prefs: { 'network.proxy.type': 0 } },
        },
      },
    });
    session = created.sessionId;
    console.log(`  ${created.capabilities.browserName} ${created.capabilities.browserVersion}`);
    await cmd('POST', '/timeouts', { script: TIMEOUT, pageLoad: TIMEOUT });
  },
  after: async () => {
    if (session) await cmd('DELETE', '').catch(() => {});
    driver?.proc.kill();
    await server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  },
});
