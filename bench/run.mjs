#!/usr/bin/env node
// Survey-CSV aggregation benchmark: runs Tilfreds and every other contestant in headless Chromium
// (served from a local static server on 127.0.0.1) plus the native Rust
// reference, verifies the counts against the generator's expected JSON and
// prints a table.  Exit status: 0 only if every contestant ran and matched.
//
//   node bench/run.mjs --csv bench/data/survey_1m.csv [--expected F] [--out results.json]
//                [--runs 5] [--warmup 1] [--only tilfreds,papaparse,duckdb-wasm,rust-csv-wasm,rust-csv-native]
//                [--contestant NAME=DIR ...] [--page-timeout 300] [--no-native] [--no-timing] [--verbose]
// (Adapted from the shared reference harness; bench/run.sh builds everything and calls this.)
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { spawn, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startServer } from './harness/server.mjs';
import { procTable, cmdline, findBrowserPid, rendererPids, statusKb, resetPeakRss, pidGone } from './harness/proc.mjs';

const ROOT = path.dirname(fileURLToPath(import.meta.url)); // bench/
const REPO = path.dirname(ROOT);
const NODE_MODULES = path.join(REPO, 'node_modules'); // papaparse, duckdb-wasm: root package.json
const CHROMIUM = '/usr/bin/chromium';
const CHROME_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // no name resolution at all: the page only talks to 127.0.0.1 (an IP literal)
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--js-flags=--expose-gc', // gc() between runs (outside the timed span)
  '--enable-precise-memory-info',
];
const OURS = 'tilfreds';
const BUILTIN = [
  // bench/adapter.mjs imports ./pkg/tilfreds_web.js (a copy of www/pkg made by run.sh)
  { name: OURS, dir: '.', needs: 'pkg/tilfreds_web_bg.wasm' },
  { name: 'papaparse', dir: 'contestants/papaparse' },
  { name: 'duckdb-wasm', dir: 'contestants/duckdb' },
  { name: 'rust-csv-wasm', dir: 'contestants/rust-csv', needs: 'pkg/rustref_bg.wasm' },
];
const NATIVE = 'rust-csv-native';

const log = (...a) => console.error('[bench]', ...a);
const LOAD_START = os.loadavg(); // noted with the results: other work on the machine skews timings

// ---------------------------------------------------------------- CLI ------
function usage(msg) {
  if (msg) console.error('error: ' + msg);
  console.error(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 9).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      csv: { type: 'string' }, expected: { type: 'string' }, out: { type: 'string' },
      runs: { type: 'string', default: '5' }, warmup: { type: 'string', default: '1' },
      only: { type: 'string' }, contestant: { type: 'string', multiple: true, default: [] },
      'page-timeout': { type: 'string', default: '300' }, 'no-native': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false }, 'no-timing': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (e) { usage(e.message); }
const opt = args.values;
if (opt.help) usage();
const csvPath = path.resolve(opt.csv ?? args.positionals[0] ?? usage('--csv is required'));
const RUNS = Number(opt.runs);
const WARMUP = Number(opt.warmup);
const PAGE_TIMEOUT_MS = Number(opt['page-timeout']) * 1000;
if (!(RUNS >= 1 && Number.isInteger(RUNS)) || !(WARMUP >= 0 && Number.isInteger(WARMUP))) usage('bad --runs/--warmup');
if (!(PAGE_TIMEOUT_MS > 0)) usage('bad --page-timeout');
const expectedPath = path.resolve(opt.expected ?? csvPath.replace(/\.csv$/i, '') + '.expected.json');
const only = opt.only ? new Set(opt.only.split(',').map((s) => s.trim()).filter(Boolean)) : null;

// ------------------------------------------------------------ helpers ------
function withTimeout(promise, ms, what) {
  let timer;
  promise.catch(() => {}); // a late rejection after a timeout must not crash us
  return Promise.race([
    promise,
    new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timeout after ${ms / 1000}s: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function sha256File(p) {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash('sha256');
    fs.createReadStream(p).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
}

// /proc helpers (find our renderer process, read/reset its peak RSS): harness/proc.mjs

// ----------------------------------------------------------- checking ------
// A contestant may declare by-group cells it cannot report:
//   result.not_compared = { by_group_labels: { question: [label, ...] } }
// (Tilfreds: per group the summary carries only the scale steps, not "Ved ikke"). Those
// (question, label) cells are skipped in every group, only there, and only for labels that
// the expected data has for that question; the skipped cells and the answers in them are
// counted and reported, and the check reads "OK (by-group: some labels not compared)".
// Overall counts are always compared in full.
function compareCounts(expected, got) {
  const diffs = [];
  const full = got && typeof got === 'object' && got.overall && typeof got.overall === 'object';
  const skip = new Map(); // question -> Set(labels) skipped in by_group
  const skipped = { cells: 0, answers: 0, labels: {} };
  const cmpQ = (where, e = {}, g = {}, skipFor = null) => {
    for (const q of new Set([...Object.keys(e), ...Object.keys(g)])) {
      const el = e[q] ?? {};
      const gl = g[q] ?? {};
      for (const l of new Set([...Object.keys(el), ...Object.keys(gl)])) {
        const a = Number(el[l] ?? 0);
        const b = Number(gl[l] ?? 0);
        if (skipFor?.get(q)?.has(l) && !(l in gl)) {
          skipped.cells += 1;
          skipped.answers += a;
          (skipped.labels[l] ??= new Set()).add(q);
          continue;
        }
        if (a !== b) diffs.push(`${where} [${q}] [${l}]: expected ${a}, got ${b}`);
      }
    }
  };
  if (!got || typeof got !== 'object') return { check: 'MISMATCH', diffs: ['result is not an object'] };
  const declared = got.not_compared?.by_group_labels;
  if (full && declared && typeof declared === 'object') {
    for (const [q, labels] of Object.entries(declared)) {
      if (!Array.isArray(labels) || !labels.length) continue;
      const known = expected.overall[q] ?? {};
      const ok = labels.filter((l) => l in known);
      if (ok.length >= Object.keys(known).length) diffs.push(`not_compared would skip every label of [${q}]`);
      else if (ok.length) skip.set(q, new Set(ok));
    }
  }
  cmpQ('overall', expected.overall, full ? got.overall : got);
  if (full) {
    if (!got.by_group || typeof got.by_group !== 'object') diffs.push('by_group missing');
    else {
      for (const g of new Set([...Object.keys(expected.by_group), ...Object.keys(got.by_group)])) {
        cmpQ(`by_group[${g}]`, expected.by_group[g], got.by_group[g], skip);
      }
    }
  }
  const not_compared = skipped.cells
    ? { by_group_cells: skipped.cells, by_group_answers: skipped.answers,
      labels: Object.fromEntries(Object.entries(skipped.labels).map(([l, qs]) => [l, qs.size])) }
    : null;
  if (diffs.length) return { check: 'MISMATCH', diffs: diffs.slice(0, 20), n_diffs: diffs.length, not_compared };
  const check = !full ? 'OK (overall only)' : not_compared ? 'OK (by-group: some labels not compared)' : 'OK';
  return { check, diffs: [], not_compared };
}

// size after `gzip -9 -n` (GNU gzip); zlib level 9 only if gzip is missing
function gzip9(buf) {
  const g = spawnSync('gzip', ['-9', '-n', '-c'], { input: buf, maxBuffer: 1 << 30 });
  if (g.status === 0 && g.stdout) return { size: g.stdout.length, tool: 'gzip -9 -n' };
  return { size: zlib.gzipSync(buf, { level: 9 }).length, tool: 'zlib level 9' };
}

// gzip -9 of DuckDB's 30+ MB wasm takes seconds: sizes are cached by content hash in
// bench/results/.gzip-cache.json (ignored with bench/results/)
const GZ_CACHE = path.join(ROOT, 'results/.gzip-cache.json');
let gzCache = null;
function gzip9Cached(buf) {
  if (!gzCache) { try { gzCache = JSON.parse(fs.readFileSync(GZ_CACHE, 'utf8')); } catch { gzCache = {}; } }
  const key = crypto.createHash('sha256').update(buf).digest('hex');
  if (gzCache[key]) return gzCache[key];
  const gz = gzip9(buf);
  gzCache[key] = gz;
  try { fs.mkdirSync(path.dirname(GZ_CACHE), { recursive: true }); fs.writeFileSync(GZ_CACHE, JSON.stringify(gzCache)); } catch { /* cache only */ }
  return gz;
}

async function payloadSizes(origin, paths) {
  const files = [];
  for (const p of paths) {
    // a pooled keep-alive socket that the server closed while idle makes fetch fail ("fetch
    // failed", other side closed) after a long contestant: try again on a new connection
    let buf;
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await fetch(origin + p);
        if (!r.ok) throw new Error(`payload file ${p}: HTTP ${r.status}`);
        buf = Buffer.from(await r.arrayBuffer());
        break;
      } catch (e) {
        if (attempt >= 3 || /HTTP \d/.test(e.message)) throw e;
        log(`payload ${p}: ${e.message} (${e.cause?.code ?? e.cause?.message ?? ''}), retrying`);
      }
    }
    const gz = gzip9Cached(buf);
    files.push({ path: p, bytes: buf.length, gzip9: gz.size, gzip_tool: gz.tool });
  }
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzip9: files.reduce((s, f) => s + f.gzip9, 0) };
}

function defaultPayload(dir, urlPrefix) {
  const out = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else if (/\.(wasm|m?js)$/.test(e.name) && r !== 'adapter.mjs') out.push(urlPrefix + r);
    }
  };
  walk(dir, '');
  return out.sort();
}

// ------------------------------------------------------ browser runs -------
async function runBrowserContestant(ctx) {
  const { browser, browserPid, origin, c, spec, expected, fileBytes } = ctx;
  const res = { name: c.name, kind: 'browser', dir: path.relative(ROOT, c.dir) || '.', runs_ms: [], warmup_ms: [], check: null, diffs: [], error: null };
  const blocked = [];
  const pageErrors = [];
  let context;
  const T = (p, what) => withTimeout(p, PAGE_TIMEOUT_MS, `${c.name}: ${what}`);
  try {
    context = await browser.newContext();
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(origin + '/') || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
      blocked.push(u);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => { pageErrors.push(String(e)); log(`${c.name} pageerror:`, String(e)); });
    page.on('crash', () => pageErrors.push('page crashed'));
    if (opt.verbose) page.on('console', (m) => log(`${c.name} console.${m.type()}:`, m.text()));
    await T(page.goto(origin + '/', { waitUntil: 'load', timeout: PAGE_TIMEOUT_MS }), 'page load');
    await T(page.waitForFunction(() => window.bench?.ready === true, null, { timeout: PAGE_TIMEOUT_MS }), 'page ready');
    const got = await T(page.evaluate((u) => window.bench.loadData(u), '/data/input.csv'), 'fetch input');
    if (got !== fileBytes) throw new Error(`page got ${got} bytes, file has ${fileBytes}`);

    // which renderer is ours: the one that burns CPU while we ask it to
    // (clock ticks, normally 100/s; an 800 ms busy loop gives up to 80)
    const cands = rendererPids(browserPid);
    const before = procTable();
    await T(page.evaluate(() => window.bench.busy(800)), 'busy');
    const after = procTable();
    const scored = cands.map((p) => [p, (after.get(p)?.cpu ?? 0) - (before.get(p)?.cpu ?? 0)]).sort((a, b) => b[1] - a[1]);
    const clear = scored.length && scored[0][1] >= 20 && (scored.length === 1 || scored[0][1] >= 2 * scored[1][1]);
    const rpid = clear ? scored[0][0] : null;
    if (process.env.BENCH_DEBUG) log('renderer candidates', JSON.stringify(scored.map(([p, d]) => [p, d, statusKb(p, 'VmRSS'), cmdline(p).includes('--top-chrome-webui')])));
    if (rpid == null) log(`${c.name}: renderer process not identified (${JSON.stringify(scored)}); RSS figures skipped`);
    await T(page.evaluate(() => window.bench.gc()), 'gc');
    const baseRss = rpid ? statusKb(rpid, 'VmRSS') : null;

    const moduleUrl = `${origin}${c.urlPrefix}adapter.mjs`;
    log(`${c.name}: setup`);
    const st = await T(page.evaluate(([u, s]) => window.bench.setup('c', u, s), [moduleUrl, spec]), 'setup');
    res.init_ms = st.initMs;
    res.info = st.info;
    res.payload = await payloadSizes(origin, st.payload ?? defaultPayload(c.dir, c.urlPrefix));

    const peaks = [];
    const heaps = [];
    const checks = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const prep = await T(page.evaluate(() => window.bench.prepare()), 'prepare');
      if (!prep.gc) throw new Error('gc() unavailable (--js-flags=--expose-gc not honoured)');
      if (rpid) resetPeakRss(rpid);
      const r = await T(page.evaluate(() => window.bench.run('c')), `run ${i}`);
      if (rpid) peaks.push(statusKb(rpid, 'VmHWM'));
      heaps.push({ before: prep.heap, after: r.heapAfter });
      (i < WARMUP ? res.warmup_ms : res.runs_ms).push(r.ms);
      checks.push(compareCounts(expected, r.result));
      log(`${c.name}: ${i < WARMUP ? 'warm-up' : 'run ' + (i - WARMUP + 1)} ${r.ms.toFixed(1)} ms ${checks.at(-1).check}`);
    }
    const bad = checks.find((x) => x.check === 'MISMATCH');
    Object.assign(res, bad ?? checks[0]);
    if (process.env.BENCH_DEBUG) log('renderers after runs', JSON.stringify(rendererPids(browserPid).map((p) => [p, statusKb(p, 'VmRSS'), statusKb(p, 'VmHWM')])));
    let wasm = await T(page.evaluate(() => window.bench.wasmBytes()), 'wasm memory');
    for (const w of page.workers()) wasm += await T(w.evaluate(() => (typeof self.__benchWasmBytes === 'function' ? self.__benchWasmBytes() : 0)), 'worker wasm memory');
    res.memory = {
      renderer_pid: rpid,
      renderer_rss_baseline: baseRss,
      per_run_peak_rss: peaks,
      peak_rss_over_baseline: peaks.length && baseRss != null ? Math.max(...peaks) - baseRss : null,
      wasm_linear_memory_bytes: wasm,
      js_heap: heaps,
    };
  } catch (e) {
    res.error = String(e?.message ?? e).split('\n')[0] + (e?.cause ? ` (cause: ${e.cause.code ?? ''} ${e.cause.message ?? e.cause})` : '');
    res.check = 'ERROR';
    log(`${c.name}: ERROR ${res.error}`);
  } finally {
    if (context) await withTimeout(context.close(), 60000, 'close context').catch((e) => log('close:', e.message));
  }
  if (blocked.length) {
    res.blocked_requests = blocked;
    if (!res.error) { res.error = `blocked non-local requests: ${blocked.slice(0, 3).join(', ')}`; res.check = 'ERROR'; }
  }
  if (pageErrors.length) res.page_errors = pageErrors;
  return res;
}

// --------------------------------------------------------- native run ------
function runNative(spec, expected) {
  const res = { name: NATIVE, kind: 'native', dir: 'rustref', runs_ms: [], warmup_ms: [], check: null, diffs: [], error: null };
  const a = ['run', '--release', '--quiet', '--manifest-path', path.join(ROOT, 'rustref/Cargo.toml'), '--bin', 'rustref', '--',
    '--warmup', String(WARMUP), '--runs', String(RUNS), '--delimiter', spec.delimiter, '--encoding', spec.encoding,
    '--group', spec.group_column, ...spec.questions.flatMap((q) => ['--question', q]), csvPath];
  return new Promise((resolve) => {
    log(`${NATIVE}: cargo ${a.slice(0, 6).join(' ')} ...`);
    // own process group, so a timeout can end cargo and the binary it runs (-pgid)
    const ch = spawn('cargo', a, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, CARGO_TARGET_DIR: path.join(ROOT, 'rustref/target') } });
    let out = '';
    let err = '';
    ch.stdout.on('data', (d) => { out += d; });
    ch.stderr.on('data', (d) => { err += d; });
    const killGroup = () => { try { process.kill(-ch.pid, 'SIGKILL'); } catch { /* gone */ } };
    cleanup.push(killGroup);
    const timer = setTimeout(() => { res.error = `timeout after ${PAGE_TIMEOUT_MS / 1000}s`; killGroup(); }, PAGE_TIMEOUT_MS);
    ch.on('error', (e) => { res.error = String(e.message); });
    ch.on('close', (code) => {
      clearTimeout(timer);
      cleanup.splice(cleanup.indexOf(killGroup), 1);
      try {
        if (res.error) throw new Error(res.error);
        if (code !== 0) throw new Error(`cargo exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`);
        const j = JSON.parse(out);
        res.runs_ms = j.runs_ms;
        res.warmup_ms = j.warmup_ms ?? [];
        res.memory = { peak_rss: j.peak_rss_bytes, peak_rss_over_baseline: j.peak_rss_over_baseline_bytes };
        const bin = path.join(ROOT, 'rustref/target/release/rustref');
        const buf = fs.readFileSync(bin);
        res.binary = { path: 'rustref/target/release/rustref', bytes: buf.length, gzip9: gzip9(buf).size };
        Object.assign(res, compareCounts(expected, j.result));
      } catch (e) {
        res.error = String(e?.message ?? e);
        res.check = 'ERROR';
      }
      for (const [i, ms] of res.runs_ms.entries()) log(`${NATIVE}: run ${i + 1} ${ms.toFixed(1)} ms`);
      if (res.error) log(`${NATIVE}: ERROR ${res.error}`);
      resolve(res);
    });
  });
}

// -------------------------------------------------------------- table ------
// speedup = their median / ours (> 1: Tilfreds is faster); RSS x = their peak RSS added / ours
// (> 1: Tilfreds adds less); native RSS is measured differently (file not counted): no ratio.
function fmtTable(results, fileBytes, timing = true) {
  const MB = 1e6;
  const n = (x, d = 0) => (x == null || Number.isNaN(x) ? '-' : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
  const ours = results.find((r) => r.name === OURS && r.runs_ms.length);
  const rss = (r) => r.memory?.peak_rss_over_baseline ?? null;
  const cols = [
    ['contestant', (r) => r.name, true],
    ['median ms', (r) => (r.runs_ms.length ? n(r.median_ms, 1) : '-'), timing],
    ['min-max ms', (r) => (r.runs_ms.length ? `${n(Math.min(...r.runs_ms), 1)}-${n(Math.max(...r.runs_ms), 1)}` : '-'), timing],
    ['MB/s', (r) => (r.runs_ms.length ? n(r.mb_per_s, 1) : '-'), timing],
    ['peak RSS +MB', (r) => (rss(r) != null ? n(rss(r) / MB, 1) : '-'), timing],
    ['wasm mem MB', (r) => (r.memory?.wasm_linear_memory_bytes ? n(r.memory.wasm_linear_memory_bytes / MB, 1) : '-'), true],
    ['payload gzip-9 KB', (r) => (r.payload ? n(r.payload.gzip9 / 1000, 1) : '-'), true],
    ['tilfreds speedup', (r) => (r === ours ? '(ours)' : ours && r.runs_ms.length ? n(r.median_ms / ours.median_ms, 2) + 'x' : '-'), timing],
    ['RSS ratio', (r) => (r === ours ? '(ours)' : ours && r.kind === 'browser' && rss(r) != null && rss(ours) > 0 ? n(rss(r) / rss(ours), 2) + 'x' : '-'), timing],
    ['check', (r) => r.check + (r.error ? `: ${r.error.slice(0, 80)}` : ''), true],
  ].filter((c) => c[2]);
  const head = cols.map((c) => c[0]);
  const rows = results.map((r) => cols.map((c) => c[1](r)));
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((x, i) => (i === 0 || i === cells.length - 1 ? x.padEnd(w[i]) : x.padStart(w[i]))).join('  ').trimEnd();
  return [line(head), w.map((x) => '-'.repeat(x)).join('  '), ...rows.map(line)].join('\n');
}

// --------------------------------------------------------------- main ------
async function main() {
  if (!fs.existsSync(csvPath)) throw new Error(`no such file: ${csvPath}`);
  if (!fs.existsSync(expectedPath)) throw new Error(`no expected JSON: ${expectedPath} (use --expected)`);
  const expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8'));
  const fileBytes = fs.statSync(csvPath).size;
  if (expected.csv_bytes != null && expected.csv_bytes !== fileBytes) throw new Error(`expected JSON is for a ${expected.csv_bytes}-byte file, CSV has ${fileBytes}`);
  const sha = await sha256File(csvPath);
  if (expected.csv_sha256 && expected.csv_sha256 !== sha) throw new Error('CSV sha256 differs from the expected JSON (stale data?)');
  const spec = {
    delimiter: expected.delimiter ?? ';', quote: expected.quote ?? '"', encoding: expected.encoding ?? 'utf-8',
    group_column: expected.group_column, questions: expected.questions.map((q) => q.column ?? q),
  };

  const contestants = [];
  for (const b of BUILTIN) contestants.push({ ...b, dir: path.join(ROOT, b.dir) });
  for (const s of opt.contestant) {
    const m = s.match(/^([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)$/);
    if (!m) throw new Error(`--contestant wants NAME=DIR, got ${s}`);
    contestants.push({ name: m[1], dir: path.resolve(m[2]) });
  }
  const names = new Set();
  for (const c of contestants) {
    if (names.has(c.name)) throw new Error(`duplicate contestant name ${c.name}`);
    names.add(c.name);
  }
  if (only) for (const o of only) if (!names.has(o) && o !== NATIVE) throw new Error(`--only: unknown contestant ${o}`);
  const selected = contestants.filter((c) => !only || only.has(c.name));
  for (const c of selected) {
    if (!fs.existsSync(path.join(c.dir, 'adapter.mjs'))) throw new Error(`${c.name}: ${c.dir}/adapter.mjs missing`);
    if (c.needs && !fs.existsSync(path.join(c.dir, c.needs))) throw new Error(`${c.name}: ${c.needs} missing, run ./build.sh first`);
    c.urlPrefix = `/c/${c.name}/`;
  }

  const server = await startServer({
    mounts: {
      '/harness/': path.join(ROOT, 'harness'),
      '/node_modules/': NODE_MODULES,
      ...Object.fromEntries(selected.map((c) => [c.urlPrefix, c.dir])),
    },
    files: { '/': path.join(ROOT, 'harness/index.html'), '/data/input.csv': csvPath },
  });
  cleanup.push(() => server.close());
  log(`serving on ${server.origin}; ${fileBytes} bytes, ${expected.rows} rows`);

  const results = [];
  let chromiumVersion = null;
  if (selected.length) {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chromium-'));
    cleanup.push(() => fs.rmSync(userDataDir, { recursive: true, force: true }));
    const persistent = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM, headless: true, args: CHROME_ARGS, timeout: 90000,
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false, // our handlers clean up
    });
    const browserPid = findBrowserPid(userDataDir);
    let open = true;
    const closeBrowser = async () => {
      if (!open) return;
      open = false;
      await withTimeout(persistent.close(), 30000, 'browser close').catch((e) => log('browser close:', e.message));
      // the browser is our child (launched above); make sure it is gone, by PID
      if (browserPid && !(await pidGone(browserPid, 5000))) {
        log(`browser pid ${browserPid} still alive, SIGKILL`);
        try { process.kill(browserPid, 'SIGKILL'); } catch { /* gone */ }
      }
    };
    cleanup.push(closeBrowser);
    const browser = persistent.browser();
    if (!browser) throw new Error('no Browser object from the persistent context');
    chromiumVersion = browser.version();
    log(`chromium ${chromiumVersion}, browser pid ${browserPid}`);
    for (const c of selected) {
      if (signalled) return;
      results.push(await runBrowserContestant({ browser, browserPid, origin: server.origin, c, spec, expected, fileBytes }));
    }
    await closeBrowser(); // nothing of the browser left running during the native runs
  }
  if (signalled) return;
  if (!opt['no-native'] && (!only || only.has(NATIVE))) results.push(await runNative(spec, expected));
  if (signalled) return;

  for (const r of results) {
    if (r.runs_ms.length) {
      r.median_ms = median(r.runs_ms);
      r.min_ms = Math.min(...r.runs_ms);
      r.max_ms = Math.max(...r.runs_ms);
      r.mb_per_s = fileBytes / 1e6 / (r.median_ms / 1e3);
    }
  }

  const versions = versionInfo(chromiumVersion, results);
  console.log(`\nfile: ${path.relative(process.cwd(), csvPath)}  ${fileBytes.toLocaleString('en-US')} bytes (${(fileBytes / 1e6).toFixed(1)} MB), ${expected.rows?.toLocaleString('en-US')} rows, ${spec.encoding}, delimiter '${spec.delimiter}'`);
  console.log(`median of ${RUNS} runs after ${WARMUP} warm-up; MB = 10^6 bytes; chromium ${chromiumVersion ?? '-'}\n`);
  if (opt['no-timing']) console.log('smoke run: counts are checked; timing and RSS columns are left out (no timing claims)\n');
  console.log(fmtTable(results, fileBytes, !opt['no-timing']));
  if (!opt['no-timing']) {
    console.log('\ntilfreds speedup = their median / ours (>1: Tilfreds faster, <1: Tilfreds slower); RSS ratio = their peak RSS added / ours');
    console.log('(>1: Tilfreds adds less). Native RSS excludes the file and is not compared.');
  }
  for (const r of results) {
    if (r.not_compared) {
      const l = Object.entries(r.not_compared.labels).map(([k, v]) => `"${k}" in ${v} questions`).join(', ');
      console.log(`\n${r.name}: by-group cells not compared (not reported per group): ${l}; ${r.not_compared.by_group_cells} cells, ${r.not_compared.by_group_answers.toLocaleString('en-US')} answers. Overall counts for them are compared.`);
    }
  }
  for (const r of results) if (r.check === 'MISMATCH') console.log(`\n${r.name} MISMATCH (${r.n_diffs} diffs), first:\n  ${r.diffs.slice(0, 5).join('\n  ')}`);

  if (opt.out) {
    const out = {
      generated_at: new Date().toISOString(),
      csv: { path: csvPath, bytes: fileBytes, sha256: sha, rows: expected.rows, expected: expectedPath },
      spec, runs: RUNS, warmup: WARMUP, versions,
      machine: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, total_mem: os.totalmem(), platform: `${os.type()} ${os.release()}`, load_avg_start: LOAD_START, load_avg_end: os.loadavg() },
      chromium_args: CHROME_ARGS,
      results,
    };
    fs.mkdirSync(path.dirname(path.resolve(opt.out)), { recursive: true });
    fs.writeFileSync(opt.out, JSON.stringify(out, null, 1) + '\n');
    log(`results written to ${opt.out}`);
  }
  const failed = results.filter((r) => r.error || r.check === 'MISMATCH' || r.check == null);
  if (!results.length) throw new Error('no contestant selected');
  if (failed.length) throw new Error(`failed: ${failed.map((r) => `${r.name} (${r.check})`).join(', ')}`);
}

function versionInfo(chromiumVersion, results) {
  const pkg = (n) => { try { return JSON.parse(fs.readFileSync(path.join(NODE_MODULES, n, 'package.json'), 'utf8')).version; } catch { return null; } };
  let csvCrate = null;
  try {
    const lock = fs.readFileSync(path.join(ROOT, 'rustref/Cargo.lock'), 'utf8');
    csvCrate = lock.match(/name = "csv"\nversion = "([^"]+)"/)?.[1] ?? null;
  } catch { /* no lock */ }
  const rustc = spawnSync('rustc', ['--version'], { encoding: 'utf8' }).stdout?.trim() || null;
  const duck = results.find((r) => r.name === 'duckdb-wasm')?.info?.duckdb ?? null;
  return {
    node: process.version, chromium: chromiumVersion, papaparse: pkg('papaparse'), '@duckdb/duckdb-wasm': pkg('@duckdb/duckdb-wasm'),
    duckdb_engine: duck, 'apache-arrow': pkg('apache-arrow'), 'playwright-core': pkg('playwright-core'), binaryen: pkg('binaryen'),
    csv_crate: csvCrate, wasm_bindgen: '0.2.130', rustc,
  };
}

const cleanup = [];
async function runCleanup() {
  while (cleanup.length) { try { await cleanup.pop()(); } catch (e) { log('cleanup:', e.message); } }
}
let signalled = null;
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
  process.on(sig, async () => {
    if (signalled) return;
    signalled = sig;
    log(`${sig}: cleaning up`);
    setInterval(() => {}, 1000); // keep the loop alive while cleaning up
    await runCleanup();
    process.exit(code);
  });
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  if (!signalled) console.error(`[bench] FAILED: ${e?.message ?? e}`);
}
if (signalled) await new Promise(() => setInterval(() => {}, 1000)); // the signal handler exits
await runCleanup();
process.exit(failed ? 1 : 0);
