#!/usr/bin/env node
// Streaming measurement in the real page: serves www/ (the app as built by ./build.sh build) on
// 127.0.0.1, opens index.html in headless Chromium, chooses the CSV through the page's
// <input type=file> (the worker then streams the File with file.stream()) and measures
//
//   * wall time from the input's `change` event until the results are drawn (body[data-rendered]
//     incremented by main.js render(), after the charts are drawn) and until the next frame;
//   * peak RSS added: VmHWM of our renderer process (the page and its dedicated worker are threads
//     of one renderer process), reset through /proc/PID/clear_refs before choosing the file,
//     minus its VmRSS at that moment; the browser process (which reads the file from disk for
//     the blob stream) is reported as well;
//   * main-thread long tasks (PerformanceObserver 'longtask', injected before load): the longest
//     while the file is read, the final render task, and how many exceed 50 ms;
//   * progress updates: mutations of <progress id=progress> value, their number and largest gap;
//   * cancel latency: a new analysis is started (3 times), #cancel is clicked 300 ms after its `change`
//     event (in the page), and the time until the page shows the cancelled state (status text
//     "Indlæsningen blev annulleret.") is taken.
//
//   node bench/page.mjs --csv bench/data/survey_1m.csv [--expected F] [--runs 3]
//                       [--cancel-after 300] [--cancel-runs 3] [--timeout 600] [--out F.json] [--smoke]
// Each run is a fresh navigation (cold page, wasm instantiated again). Nothing is asserted about
// time; the exit status is non-zero only on errors (page error, crash, timeout, wrong row count,
// a blocked non-local request).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startServer } from './harness/server.mjs';
import { procTable, findBrowserPid, rendererPids, statusKb, resetPeakRss, pidGone } from './harness/proc.mjs';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.dirname(ROOT);
const WWW = path.join(REPO, 'www');
const CHROMIUM = '/usr/bin/chromium';
const CHROME_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];
const log = (...a) => console.error('[page]', ...a);

const { values: opt } = parseArgs({
  options: {
    csv: { type: 'string' }, expected: { type: 'string' }, runs: { type: 'string', default: '3' },
    'cancel-after': { type: 'string', default: '300' }, 'cancel-runs': { type: 'string', default: '3' }, timeout: { type: 'string', default: '600' },
    out: { type: 'string' }, smoke: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false },
  },
});
if (!opt.csv) {
  console.error('usage: node bench/page.mjs --csv FILE.csv [--runs 3] [--cancel-after 300] [--cancel-runs 3] [--timeout 600] [--out F.json] [--smoke]');
  process.exit(2);
}
const csvPath = path.resolve(opt.csv);
const expectedPath = path.resolve(opt.expected ?? csvPath.replace(/\.csv$/i, '') + '.expected.json');
const RUNS = Number(opt.runs);
const CANCEL_AFTER = Number(opt['cancel-after']);
const CANCEL_RUNS = Number(opt['cancel-runs']);
const TIMEOUT = Number(opt.timeout) * 1000;
if (!(RUNS >= 1) || !(CANCEL_AFTER >= 0) || !(TIMEOUT > 0)) throw new Error('bad --runs/--cancel-after/--timeout');
if (!fs.existsSync(path.join(WWW, 'pkg/tilfreds_web_bg.wasm'))) throw new Error('www/pkg missing: run ./build.sh build');

const { t, formatCount } = await import(path.join(WWW, 'i18n.js'));
const CANCELLED = [t('da', 'cancelled'), t('en', 'cancelled')];

// Injected into every document before its scripts run.
const INIT = () => {
  const B = (window.__pb = {
    longtasks: [], progress: [], rendered: [], frames: [], change: [], status: [], box: [],
    cancelAfter: null, cancelClick: null, longtaskError: null,
  });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) B.longtasks.push({ start: e.startTime, dur: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    B.longtaskError = String(e);
  }
  document.addEventListener('change', (e) => {
    if (!e.target || e.target.id !== 'file') return;
    B.change.push(performance.now());
    if (B.cancelAfter != null) {
      const d = B.cancelAfter;
      B.cancelAfter = null;
      setTimeout(() => {
        B.cancelClick = performance.now();
        document.getElementById('cancel').click();
      }, d);
    }
  }, true);
  document.addEventListener('DOMContentLoaded', () => {
    const prog = document.getElementById('progress');
    new MutationObserver(() => B.progress.push({ t: performance.now(), value: Number(prog.getAttribute('value')), max: Number(prog.getAttribute('max')) }))
      .observe(prog, { attributes: true, attributeFilter: ['value'] });
    new MutationObserver(() => {
      const n = Number(document.body.dataset.rendered || 0);
      B.rendered.push({ t: performance.now(), n });
      requestAnimationFrame(() => B.frames.push({ t: performance.now(), n }));
    }).observe(document.body, { attributes: true, attributeFilter: ['data-rendered'] });
    const status = document.getElementById('status');
    new MutationObserver(() => B.status.push({ t: performance.now(), text: status.textContent }))
      .observe(status, { childList: true, characterData: true, subtree: true });
    const box = document.getElementById('progress-box');
    new MutationObserver(() => B.box.push({ t: performance.now(), hidden: box.hidden }))
      .observe(box, { attributes: true, attributeFilter: ['hidden'] });
  });
};

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const max = (xs) => (xs.filter((x) => x != null).length ? Math.max(...xs.filter((x) => x != null)) : null);

async function ourRenderer(page, browserPid) {
  // the renderer that burns CPU while the page runs a busy loop (as in run.mjs)
  const cands = rendererPids(browserPid);
  if (cands.length === 1) return cands[0];
  const before = procTable();
  await page.evaluate(() => { const t0 = performance.now(); let x = 0; while (performance.now() - t0 < 800) x++; return x; });
  const after = procTable();
  const scored = cands.map((p) => [p, (after.get(p)?.cpu ?? 0) - (before.get(p)?.cpu ?? 0)]).sort((a, b) => b[1] - a[1]);
  return scored.length && scored[0][1] >= 20 && (scored.length === 1 || scored[0][1] >= 2 * scored[1][1]) ? scored[0][0] : null;
}

/** Figures of one analysis, from the page's records, between its change event and results. */
function analyse(pb, from) {
  const change = pb.change.at(-1);
  const rendered = pb.rendered.find((r) => r.t >= change);
  const frame = rendered ? pb.frames.find((f) => f.n === rendered.n) : null;
  const end = rendered?.t ?? Infinity;
  const prog = pb.progress.filter((p) => p.t >= change && p.t <= end);
  const reading = prog; // showProgress(0) at the change, the worker's updates, the final one
  const times = [change, ...reading.map((p) => p.t)];
  const gaps = times.slice(1).map((x, i) => x - times[i]);
  const tasks = pb.longtasks.filter((l) => l.start + l.dur >= change && l.start <= end + 1);
  const renderTask = tasks.find((l) => l.start <= end && l.start + l.dur >= end - 1) ?? null;
  const readTasks = tasks.filter((l) => l !== renderTask);
  return {
    from,
    change_to_rendered_ms: rendered ? rendered.t - change : null,
    change_to_next_frame_ms: frame ? frame.t - change : null,
    progress_updates: reading.length,
    progress_max_gap_ms: max(gaps),
    last_progress_to_rendered_ms: reading.length && rendered ? rendered.t - reading.at(-1).t : null,
    longtask_while_reading_max_ms: max(readTasks.map((l) => l.dur)) ?? 0,
    longtasks_over_50ms_while_reading: readTasks.length,
    render_task_ms: renderTask?.dur ?? null,
    longtasks_over_50ms_total: tasks.length,
  };
}

async function main() {
  const expected = fs.existsSync(expectedPath) ? JSON.parse(fs.readFileSync(expectedPath, 'utf8')) : null;
  const fileBytes = fs.statSync(csvPath).size;
  const server = await startServer({ mounts: { '/': WWW }, files: { '/': path.join(WWW, 'index.html') }, isolate: false });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-page-'));
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROME_ARGS, timeout: 90000, viewport: { width: 1280, height: 900 },
  });
  const browserPid = findBrowserPid(userDataDir);
  const blocked = [];
  const errors = [];
  const consoleErrors = new Map(); // the app's console errors: reported, not fatal
  const out = { csv: { path: csvPath, bytes: fileBytes, rows: expected?.rows ?? null }, chromium: ctx.browser()?.version() ?? null, runs: [], cancel: null };
  try {
    await ctx.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(server.origin + '/') || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
      blocked.push(u);
      return route.abort('blockedbyclient');
    });
    await ctx.addInitScript(INIT);
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (e) => { errors.push(String(e)); log('pageerror:', String(e)); });
    page.on('crash', () => errors.push('page crashed'));
    page.on('console', (m) => {
      if (opt.verbose) log(`console.${m.type()}:`, m.text());
      if (m.type() === 'error') consoleErrors.set(m.text().slice(0, 160), (consoleErrors.get(m.text().slice(0, 160)) ?? 0) + 1);
    });

    for (let i = 0; i < RUNS; i++) {
      const t0 = Date.now();
      await page.goto(server.origin + '/', { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready="true"]');
      const startupMs = Date.now() - t0;
      const rpid = await ourRenderer(page, browserPid);
      if (!rpid) log('renderer process not identified; RSS figures skipped');
      const others = rendererPids(browserPid).filter((p) => p !== rpid);
      const base = {};
      for (const p of [rpid, browserPid, ...others].filter(Boolean)) { resetPeakRss(p); base[p] = statusKb(p, 'VmRSS'); }
      const n0 = await page.evaluate(() => Number(document.body.dataset.rendered || 0));
      const w0 = Date.now();
      await page.setInputFiles('#file', csvPath);
      await page.waitForFunction((n) => window.__pb.frames.some((f) => f.n > n), n0, { timeout: TIMEOUT, polling: 50 });
      const wallNode = Date.now() - w0;
      const peak = (p) => (p && base[p] != null ? statusKb(p, 'VmHWM') - base[p] : null);
      const pb = await page.evaluate(() => window.__pb);
      const facts = await page.locator('#facts').innerText();
      const rowsShown = expected ? facts.includes(formatCount(expected.rows, 'da')) : null;
      if (rowsShown === false) errors.push(`run ${i + 1}: the page does not show ${expected.rows} rows: ${facts.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (pb.longtaskError) errors.push('longtask observer: ' + pb.longtaskError);
      const r = {
        ...analyse(pb, 'fresh page'),
        startup_ms: startupMs,
        node_wall_ms: wallNode,
        renderer_pid: rpid,
        renderer_peak_rss_added: peak(rpid),
        renderer_rss_baseline: rpid ? base[rpid] : null,
        browser_peak_rss_added: peak(browserPid),
        other_renderers_peak_rss_added: others.map(peak),
        rows_shown_ok: rowsShown,
      };
      out.runs.push(r);
      log(`run ${i + 1}: ${r.change_to_rendered_ms?.toFixed(0)} ms to results, renderer +${(r.renderer_peak_rss_added / 1e6).toFixed(0)} MB, ` +
        `${r.progress_updates} progress updates (max gap ${r.progress_max_gap_ms?.toFixed(0)} ms), longest task while reading ${r.longtask_while_reading_max_ms.toFixed(0)} ms, render ${r.render_task_ms?.toFixed(0) ?? '-'} ms`);
    }

    // cancel: a new analysis of the same file on the page with results, cancelled after 300 ms;
    // repeated (--cancel-runs) on the same page, the earlier results stay on screen
    out.cancel = [];
    for (let k = 0; k < CANCEL_RUNS; k++) {
      const n1 = await page.evaluate((d) => { window.__pb.cancelAfter = d; window.__pb.cancelClick = null; return Number(document.body.dataset.rendered || 0); }, CANCEL_AFTER);
      await page.setInputFiles('#file', csvPath);
      await page.waitForFunction(([n, texts]) => {
        const B = window.__pb;
        return B.frames.some((f) => f.n > n) || (B.cancelClick != null && B.status.some((s) => s.t >= B.cancelClick && texts.includes(s.text)));
      }, [n1, CANCELLED], { timeout: TIMEOUT, polling: 20 });
      const pb = await page.evaluate(() => window.__pb);
      const change = pb.change.at(-1);
      const done = pb.cancelClick != null ? pb.status.find((s) => s.t >= pb.cancelClick && CANCELLED.includes(s.text)) : null;
      const hidden = pb.cancelClick != null ? pb.box.find((b) => b.t >= pb.cancelClick && b.hidden) : null;
      const progressBefore = pb.progress.filter((p) => p.t >= change && p.t <= (pb.cancelClick ?? 0)).at(-1);
      const c = done
        ? {
          cancel_after_ms: CANCEL_AFTER,
          click_after_change_ms: pb.cancelClick - change,
          latency_ms: done.t - pb.cancelClick,
          progress_box_hidden_ms: hidden ? hidden.t - pb.cancelClick : null,
          read_before_click_bytes: progressBefore ? progressBefore.value : null,
          // the last progress value the page showed before the cancelled state: how far the
          // worker kept reading after the click
          read_before_cancelled_bytes: pb.progress.filter((p) => p.t >= change && p.t <= done.t).at(-1)?.value ?? null,
          progress_updates_after_click: pb.progress.filter((p) => p.t > pb.cancelClick && p.t <= done.t).length,
          earlier_results_kept: (await page.locator('#facts').innerText()).includes(path.basename(csvPath)),
        }
        : { cancel_after_ms: CANCEL_AFTER, latency_ms: null, note: 'the analysis finished before the cancel click (file too small to cancel)' };
      out.cancel.push(c);
      log(done ? `cancel ${k + 1}: ${c.latency_ms.toFixed(1)} ms from click to cancelled state` : `cancel ${k + 1}: ${c.note}`);
      if (!done) break;
      if (!c.earlier_results_kept) errors.push('after cancel the earlier results are no longer shown');
    }
  } finally {
    await ctx.close().catch((e) => log('close:', e.message));
    if (browserPid && !(await pidGone(browserPid, 5000))) { try { process.kill(browserPid, 'SIGKILL'); } catch { /* gone */ } }
    fs.rmSync(userDataDir, { recursive: true, force: true });
    await server.close();
  }
  if (blocked.length) errors.push(`blocked non-local requests: ${blocked.slice(0, 3).join(', ')}`);
  out.errors = errors;
  out.console_errors = Object.fromEntries(consoleErrors);
  print(out);
  if (opt.out) {
    fs.mkdirSync(path.dirname(path.resolve(opt.out)), { recursive: true });
    fs.writeFileSync(opt.out, JSON.stringify({ generated_at: new Date().toISOString(), load_avg: os.loadavg(), ...out }, null, 1) + '\n');
    log(`results written to ${opt.out}`);
  }
  if (errors.length) throw new Error(errors.join('; '));
}

function print(out) {
  const R = out.runs;
  const f = (x, d = 0) => (x == null ? '-' : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
  const each = (k, d = 0, s = 1) => R.map((r) => f(r[k] == null ? null : r[k] / s, d)).join(' / ');
  const mb = out.csv.bytes / 1e6;
  const lt = (x) => (x ? f(x) : '<50'); // long tasks are reported only above 50 ms
  console.log(`\nreal page (www/ via <input type=file>, worker streams the File): ${path.basename(out.csv.path)}, ` +
    `${f(out.csv.bytes)} bytes (${mb.toFixed(1)} MB), ${f(out.csv.rows)} rows; chromium ${out.chromium}; ${R.length} fresh page load(s)`);
  if (opt.smoke) console.log('smoke run: the figures only show that the measurement works; no timing claims');
  const med = median(R.map((r) => r.change_to_rendered_ms));
  const rows = [
    ['file chosen -> results drawn (ms)', f(med), each('change_to_rendered_ms')],
    ['  -> next frame after drawing (ms)', f(median(R.map((r) => r.change_to_next_frame_ms))), each('change_to_next_frame_ms')],
    ['  throughput (MB/s, file / drawn time)', med ? f(mb / (med / 1e3), 1) : '-', ''],
    ['page load -> ready (ms)', f(median(R.map((r) => r.startup_ms))), each('startup_ms')],
    ['peak renderer RSS added (MB; page + worker)', f(max(R.map((r) => r.renderer_peak_rss_added)) / 1e6, 1), each('renderer_peak_rss_added', 1, 1e6)],
    ['peak browser-process RSS added (MB)', f(max(R.map((r) => r.browser_peak_rss_added)) / 1e6, 1), each('browser_peak_rss_added', 1, 1e6)],
    ['longest main-thread task while reading (ms; "<50": none)', lt(max(R.map((r) => r.longtask_while_reading_max_ms))), R.map((r) => lt(r.longtask_while_reading_max_ms)).join(' / ')],
    ['main-thread tasks > 50 ms while reading', f(max(R.map((r) => r.longtasks_over_50ms_while_reading))), each('longtasks_over_50ms_while_reading')],
    ['final render task (ms; "<50": not a long task)', f(median(R.map((r) => r.render_task_ms ?? 0))).replace(/^0$/, '<50'), R.map((r) => (r.render_task_ms == null ? '<50' : f(r.render_task_ms))).join(' / ')],
    ['progress updates (count)', f(median(R.map((r) => r.progress_updates))), each('progress_updates')],
    ['progress: largest gap between updates (ms)', f(max(R.map((r) => r.progress_max_gap_ms))), each('progress_max_gap_ms')],
    ['last progress update -> results drawn (ms)', f(median(R.map((r) => r.last_progress_to_rendered_ms))), each('last_progress_to_rendered_ms')],
  ];
  const C = out.cancel ?? [];
  const lat = C.filter((c) => c.latency_ms != null);
  if (lat.length) {
    rows.push([`cancel: click ${f(CANCEL_AFTER)} ms after choosing -> cancelled shown (ms)`, f(median(lat.map((c) => c.latency_ms))), lat.map((c) => f(c.latency_ms)).join(' / ')]);
    rows.push(['  MB shown read at the click -> when cancelled', '', lat.map((c) => `${f(c.read_before_click_bytes / 1e6, 0)}->${f(c.read_before_cancelled_bytes / 1e6, 0)}`).join(' / ')]);
  } else if (C.length) rows.push(['cancel latency', '-', C[0].note]);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(6, ...rows.map((r) => r[1].length));
  console.log(`${'figure'.padEnd(w0)}  ${'value'.padStart(w1)}  per run`);
  console.log(`${'-'.repeat(w0)}  ${'-'.repeat(w1)}  -------`);
  for (const r of rows) console.log(`${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`);
  console.log('value = median over runs for times and counts, maximum for peaks and gaps');
  for (const [m, n] of Object.entries(out.console_errors)) console.log(`page console error (x${n}): ${m}`);
  if (out.errors.length) console.log(`ERRORS: ${out.errors.join('; ')}`);
}

try {
  await main();
} catch (e) {
  console.error(`[page] FAILED: ${e?.message ?? e}`);
  process.exit(1);
}
