// The single-file build (tools/singlefile.mjs): generated from www/ into a temporary folder,
// opened from disk (file://) in headless Chromium with no server, it analyses a held-out export
// and cannot reach the network. Also checks the sizes of the file and of the app.
//
//   node tests/e2e/singlefile.test.mjs [--file dist/tilfreds.html]
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { launchBrowser, openApp, chooseFile, loadExample, ROOT, WWW } from './browser.mjs';
import { generate, expectedQuestions, assertQuestionShown, danishNumber, runner } from './expected.mjs';

const MAX_FILE = 1024 * 1024;
// The size budget of the app: 300 KB (1 KB = 1000 bytes, as tools/size.sh counts).
const MAX_APP_GZIP = 300 * 1000;

const argv = process.argv.slice(2);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilfreds-single-'));
const htmlFile = argv.includes('--file') ? path.resolve(argv[argv.indexOf('--file') + 1]) : path.join(tmp, 'tilfreds.html');
const { test, run } = runner('singlefile');

let browser;
let survey;

/**
 * Bytes of `file` compressed with `gzip -9 -n`, as tools/size.sh counts them; Node's zlib at
 * level 9 (a few bytes more per file) where the gzip command is missing.
 */
function gzipSize(file) {
  try {
    return execFileSync('gzip', ['-9', '-n', '-c', file], { maxBuffer: 64 << 20 }).length;
  } catch {
    return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  }
}

/** The second wasm module and its glue, fetched only when several files are dropped. */
const MULTI = path.join(WWW, 'pkg', 'multi');
/** The page's modules fetched only when needed: the report, the host API when framed. */
const LATER = path.join(WWW, 'later');

/**
 * The app's own code that every visit downloads: the wasm module, every JS module (page, worker,
 * glue; subfolders too) and the CSS; not the second module (MULTI) nor the modules fetched
 * when needed (LATER).
 */
function appFiles() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== MULTI && full !== LATER) walk(full);
      } else if (/\.(js|css|wasm)$/.test(entry.name) && full !== path.join(WWW, 'embed.js') && full !== path.join(WWW, 'sw.js')) files.push(full);
    }
  };
  walk(WWW);
  return files;
}

test('sizes: tilfreds.html < 1 MB, app (wasm + JS + CSS, gzip -9) < 300 KB', async () => {
  const html = fs.statSync(htmlFile).size;
  let raw = 0;
  let gz = 0;
  for (const file of appFiles()) {
    raw += fs.statSync(file).size;
    gz += gzipSize(file);
  }
  const wasm = path.join(WWW, 'pkg', 'tilfreds_web_bg.wasm');
  console.log(`  tilfreds.html: ${html} bytes (${(html / 1024).toFixed(0)} KB)`);
  console.log(`  app: ${raw} bytes, ${gz} bytes gzip -9 (${(gz / 1000).toFixed(1)} KB); wasm alone ${fs.statSync(wasm).size} bytes, ${gzipSize(wasm)} gzip`);
  const multi = ['tilfreds_web_bg.wasm', 'tilfreds_web.js'].reduce((sum, f) => sum + gzipSize(path.join(MULTI, f)), 0);
  console.log(`  the second module (several files at once, fetched when they are dropped): ${(multi / 1000).toFixed(1)} KB gzip -9`);
  assert.ok(html < MAX_FILE, `tilfreds.html is ${html} bytes`);
  assert.ok(gz < MAX_APP_GZIP, `the app is ${gz} bytes gzip`);
});

test('CSP: hashes only, no connect-src, no unsafe-*', async () => {
  const html = fs.readFileSync(htmlFile, 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1];
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'none'"]);
  assert.equal(directives['connect-src'], undefined, 'connect-src must be absent');
  assert.ok(directives['script-src'].every((s) => /^'sha256-[A-Za-z0-9+/=]+'$/.test(s) || s === "'wasm-unsafe-eval'"), csp);
  assert.ok(directives['style-src'].every((s) => /^'sha256-/.test(s)), csp);
  assert.deepEqual(directives['worker-src'], ['blob:']);
  assert.ok(!/unsafe-inline|unsafe-eval'|\*/.test(csp.replace("'wasm-unsafe-eval'", '')), csp);
  assert.ok(!/<script[^>]+src=|<link[^>]+stylesheet/.test(html), 'no external script or style');
});

test('file:// analyses a held-out cp1252 export with the exact numbers', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const violations = [];
    const page = await openApp(context, pathToFileURL(htmlFile).href);
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await chooseFile(page, survey);
    const facts = await page.locator('#facts').innerText();
    assert.ok(facts.includes(danishNumber(survey.expected.rows, 0)), `rows missing in ${facts}`);
    assert.ok(facts.includes('windows-1252'), `encoding missing in ${facts}`);
    const questions = expectedQuestions(survey.expected);
    for (const q of questions) await assertQuestionShown(page, q);
    console.log(`  ${questions[0].column}: top-2 ${questions[0].top2[0]}, mean ${questions[0].mean[0]}`);
    await loadExample(page);
    assert.ok((await page.locator('#facts').innerText()).includes('eksempel.csv'), 'the example data loads');
    assert.deepEqual(page.errors, [], 'no console errors');
    assert.deepEqual(violations, []);
  } finally {
    await context.close();
  }
});

test('file:// several files at once: two waves compared with the one embedded module', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await openApp(context, pathToFileURL(htmlFile).href);
    await page.setInputFiles('#file', [survey.path, survey.path].map((p, i) => ({
      name: `maaling${i + 1}.csv`,
      mimeType: 'text/csv',
      buffer: fs.readFileSync(p),
    })));
    await page.waitForSelector('#multi-choice:not([hidden]) #compare-waves');
    await page.click('#compare-waves');
    await page.waitForSelector('#waves-view:not([hidden]) table');
    const text = await page.locator('#waves-view').innerText();
    assert.match(text, /maaling1\.csv/);
    assert.deepEqual(page.errors, [], 'no console errors');
  } finally {
    await context.close();
  }
});

test('file:// page and worker cannot reach a listening local server', async () => {
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url);
    res.writeHead(200, { 'access-control-allow-origin': '*' });
    res.end('ok');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target = `http://127.0.0.1:${server.address().port}/leak`;
  const context = await browser.newContext();
  try {
    const page = await openApp(context, pathToFileURL(htmlFile).href);
    const attempt = (url) =>
      fetch(url, { method: 'POST', body: 'rows', mode: 'no-cors' }).then(() => 'sent', (e) => `blocked: ${e.name}`);
    const fromPage = await page.evaluate(attempt, target);
    const blocked = await page.evaluate(
      (url) =>
        new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
          fetch(url).catch(() => {});
        }),
      target,
    );
    const workers = page.workers();
    assert.ok(workers.length >= 1, 'the worker runs');
    const fromWorker = await workers[0].evaluate(attempt, target);
    await new Promise((resolve) => setTimeout(resolve, 300));
    console.log(`  page: ${fromPage} (${blocked}); worker: ${fromWorker}; server hits: ${hits.length}`);
    assert.match(fromPage, /^blocked/);
    assert.match(fromWorker, /^blocked/);
    assert.equal(blocked, 'connect-src');
    assert.deepEqual(hits, [], 'the server got nothing');
  } finally {
    await context.close();
    server.closeAllConnections?.();
    await new Promise((resolve) => server.close(resolve));
  }
});

await run({
  before: async () => {
    if (!argv.includes('--file')) {
      execFileSync('node', [path.join(ROOT, 'tools', 'singlefile.mjs'), '--site', WWW, '--out', htmlFile], { stdio: 'inherit' });
    }
    survey = generate(tmp, 'held_out', ['--rows', '1200', '--seed', '99', '--encoding', 'cp1252']);
    browser = await launchBrowser();
  },
  after: async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  },
});
