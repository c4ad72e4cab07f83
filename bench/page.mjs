#!/usr/bin/env node
// Streaming measurement in the real page: serves www/ (the app as built by ./build.sh build) on
// 127.0.0.1, opens index.html in headless Chromium, chooses the CSV through the page's
// <input type=file> (the worker then streams the File with file.stream()) and measures
//
//   * wall time from the input's `change` event until the first chart is drawn, until the results
//     are drawn (body[data-rendered] incremented by panels/results.js render() after the last chart) and
//     until the next frame;
//   * peak RSS added: VmHWM of our renderer process (the page and its dedicated worker are threads
//     of one renderer process), reset through /proc/PID/clear_refs before choosing the file,
//     minus its VmRSS at that moment; the browser process (which reads the file from disk for
//     the blob stream) is reported as well;
//   * main-thread tasks: every task of the page's main thread from a Chrome trace (category
//     `toplevel`, through the DevTools protocol), so tasks under 50 ms are measured too: the
//     largest from choosing the file until the charts are drawn, the largest while the results
//     are rendered (the worker's results received -> charts drawn), and the largest in the
//     second after; also the 'longtask' PerformanceObserver's view (tasks over 50 ms only);
//   * the page's own timings, performance measures `tilfreds:*` set by the page (www/core/ui.js span): the wasm
//     module's fetch and compile (once, in the page) and its instantiation in the page and in the
//     worker, and the stages of a load (worker start, stream read with the time spent waiting
//     for chunks and in the engine's push, finish, summary, views, transfer to the page, first
//     chart, render);
//   * progress updates: mutations of <progress id=progress> value, their number and largest gap;
//   * cancel latency: a new analysis is started (3 times), #cancel is clicked 300 ms after its `change`
//     event (in the page), and the time until the page shows the cancelled state (status text
//     "Indlæsningen blev annulleret.") is taken.
//
//   node bench/page.mjs --csv bench/data/survey_1m.csv [--expected F] [--runs 3]
//                       [--cancel-after 300] [--cancel-runs 3] [--timeout 600] [--out F.json] [--smoke]
//                       [--no-trace] [--trace-dir DIR] [--trace-categories A,B]   (--help)
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
let WWW = path.join(REPO, 'www');
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
    site: { type: 'string' }, 'no-trace': { type: 'boolean', default: false }, 'trace-dir': { type: 'string' }, 'trace-categories': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
const USAGE = `usage: node bench/page.mjs --csv FILE.csv [--expected F] [--runs 3] [--cancel-after 300] [--cancel-runs 3]
                          [--timeout 600] [--out F.json] [--smoke] [--site DIR] [--no-trace] [--trace-dir DIR]
                          [--trace-categories A,B] [--verbose]
  --runs N          fresh page loads, each choosing the file once (default 3)
  --cancel-after MS --cancel-runs N: choose the file again N times and click cancel MS after
  --no-trace        measure main-thread tasks only with the 'longtask' observer (over 50 ms),
                    without a Chrome trace
  --trace-dir DIR   keep each run's trace as DIR/page-run-N.json (open it in Perfetto or the
                    DevTools performance panel)
  --trace-categories A,B  more trace categories, e.g. devtools.timeline for layout and script
                    (they slow the page down: the task figures then read high)
  --site DIR        serve this copy of the site instead of www/ (another version, to compare)
  --out F.json      write every figure of every run as JSON
  --verbose         print the page's console`;
if (opt.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!opt.csv) {
  console.error(USAGE);
  process.exit(2);
}
// Any file the page reads (a CSV, or an Excel workbook from bench/gen_workbook.mjs).
const csvPath = path.resolve(opt.csv);
const expectedPath = path.resolve(opt.expected ?? csvPath.replace(/\.(csv|xlsx)$/i, '') + '.expected.json');
const RUNS = Number(opt.runs);
const CANCEL_AFTER = Number(opt['cancel-after']);
const CANCEL_RUNS = Number(opt['cancel-runs']);
const TIMEOUT = Number(opt.timeout) * 1000;
const TRACE_EXTRA = (opt['trace-categories'] ?? '').split(',').map((c) => c.trim()).filter(Boolean);
if (!(RUNS >= 1) || !(CANCEL_AFTER >= 0) || !(TIMEOUT > 0)) throw new Error('bad --runs/--cancel-after/--timeout');
if (opt.site) WWW = path.resolve(opt.site);
if (!fs.existsSync(path.join(WWW, 'pkg/tilfreds_web_bg.wasm'))) throw new Error(`${path.join(WWW, 'pkg')} missing: run ./build.sh build`);

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

/**
 * Starts a Chrome trace of every task (category `toplevel`) and the page's performance measures;
 * the returned function stops it and gives the events.
 */
async function startTrace(cdp) {
  const events = [];
  const onData = (e) => { for (const ev of e.value) events.push(ev); };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: ['toplevel', 'blink.user_timing', '__metadata', ...TRACE_EXTRA] },
  });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/**
 * The page's main-thread tasks in page time (performance.now ms), [{start, dur, cpu, what}], or
 * null. The main thread is the one the `bench:sync` measure (made by this script once the trace
 * runs) is recorded on; its trace timestamp and its startTime give the offset between the clocks. A task is an
 * outermost `toplevel` event (a task, or a microtask checkpoint run outside one); `cpu` is its
 * thread time, which leaves out the time the thread waited for a core.
 */
function mainThreadTasks(events) {
  const mark = events.find((e) => e.cat === 'blink.user_timing' && (e.ph === 'b' || e.ph === 'n') && e.name === 'bench:sync' && e.args?.startTime != null);
  if (!mark) return null;
  const offset = mark.ts / 1000 - mark.args.startTime;
  const tasks = events
    .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && String(e.cat).split(',').includes('toplevel'))
    .map((e) => ({
      start: e.ts / 1000 - offset,
      dur: (e.dur ?? 0) / 1000,
      cpu: e.tdur != null ? e.tdur / 1000 : null,
      what: e.args?.src_func ?? e.name,
    }))
    .sort((a, b) => a.start - b.start || b.dur - a.dur);
  const top = []; // an event inside another (a nested loop, a part) belongs to that one
  for (const t of tasks) if (!top.length || t.start >= top.at(-1).start + top.at(-1).dur) top.push(t);
  return top;
}

/** The page's `tilfreds:` performance measures: [{name, start, dur, detail}]. */
const MEASURES = () => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('tilfreds:'))
  .map((m) => ({ name: m.name.slice('tilfreds:'.length), start: m.startTime, dur: m.duration, detail: m.detail ?? null }));

/**
 * Figures of one analysis, from the page's records, between its change event and the results
 * drawn (body[data-rendered] bumped after the last chart). `traced`: the main thread's tasks from
 * the trace, or null; `measures`: the page's `tilfreds:` measures.
 */
function analyse(pb, from, traced = null, measures = []) {
  const change = pb.change.at(-1);
  const rendered = pb.rendered.find((r) => r.t >= change);
  const frame = rendered ? pb.frames.find((f) => f.n === rendered.n) : null;
  const end = rendered?.t ?? Infinity;
  const prog = pb.progress.filter((p) => p.t >= change && p.t <= end);
  const reading = prog; // showProgress(0) at the change, the worker's updates, the final one
  const times = [change, ...reading.map((p) => p.t)];
  const gaps = times.slice(1).map((x, i) => x - times[i]);
  // the page's measures of this load: the latest of each name that starts after the change
  const m = {};
  for (const x of measures) if (x.start >= change - 1 && (!m[x.name] || x.start >= m[x.name].start)) m[x.name] = x;
  // the worker's results reach the page where the transfer ends and the render begins
  const received = m.render?.start ?? (m.transfer ? m.transfer.start + m.transfer.dur : null);
  const renderFrom = received ?? end;
  // long tasks (observer: over 50 ms only) while reading, and from the results to the charts
  const longtasks = pb.longtasks.filter((l) => l.start + l.dur >= change && l.start <= end + 1);
  const readTasks = longtasks.filter((l) => l.start + l.dur < renderFrom);
  const renderTasks = longtasks.filter((l) => l.start + l.dur >= renderFrom);
  const within = (from0, to, startingIn = false) => {
    if (!traced || from0 == null || to == null || !Number.isFinite(to)) return null;
    const inside = traced.filter((t) => (startingIn ? t.start >= from0 : t.start + t.dur > from0) && t.start < to);
    const longest = inside.reduce((a, t) => (!a || t.dur > a.dur ? t : a), null);
    return {
      max: longest?.dur ?? 0,
      maxCpu: longest?.cpu ?? null,
      maxWhat: longest?.what ?? null,
      cpuMax: inside.length ? Math.max(...inside.map((t) => t.cpu ?? 0)) : 0,
      over50: inside.filter((t) => t.dur > 50).length,
      count: inside.length,
    };
  };
  const whole = within(change, end);
  const rendering = within(renderFrom, end);
  const after = within(end, end + 1000, true); // tasks that begin after the results are drawn
  const d = m.read?.detail ?? {};
  return {
    from,
    change_to_first_chart_ms: m['first-chart'] ? m['first-chart'].start + m['first-chart'].dur - change : null,
    change_to_rendered_ms: rendered ? rendered.t - change : null,
    change_to_next_frame_ms: frame ? frame.t - change : null,
    progress_updates: reading.length,
    progress_max_gap_ms: max(gaps),
    last_progress_to_rendered_ms: reading.length && rendered ? rendered.t - reading.at(-1).t : null,
    longtask_while_reading_max_ms: max(readTasks.map((l) => l.dur)) ?? 0,
    longtasks_over_50ms_while_reading: readTasks.length,
    longtask_while_rendering_max_ms: max(renderTasks.map((l) => l.dur)) ?? 0,
    longtasks_over_50ms_total: longtasks.length,
    traced: Boolean(traced),
    task_max_ms: whole?.max ?? null,
    task_max_cpu_ms: whole?.maxCpu ?? null,
    task_max_what: whole?.maxWhat ?? null,
    task_cpu_max_ms: whole?.cpuMax ?? null,
    tasks_over_50ms: whole?.over50 ?? null,
    render_task_max_ms: rendering?.max ?? null,
    render_tasks: rendering?.count ?? null,
    task_max_after_ms: after?.max ?? null,
    task_max_after_what: after?.maxWhat ?? null,
    stages_ms: {
      // choosing -> the page posts the file to the worker
      choose_to_post: m['worker-start'] ? m['worker-start'].start - change : null,
      worker_start: m['worker-start']?.dur ?? null,
      read: m.read?.dur ?? null,
      read_wait: d.readWaitMs ?? null,
      push: d.pushMs ?? null,
      finish: m.finish?.dur ?? null,
      summary: m.summary?.dur ?? null,
      views: m.views?.dur ?? null,
      transfer: m.transfer?.dur ?? null,
      first_chart: m['first-chart']?.dur ?? null,
      render: m.render?.dur ?? null,
    },
    chunks: d.chunks ?? null,
    largest_chunk: d.largestChunk ?? null,
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
    const cdp = opt['no-trace'] ? null : await ctx.newCDPSession(page);
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
      const stopTrace = cdp ? await startTrace(cdp) : null;
      if (stopTrace) await page.evaluate(() => { const t = performance.now(); performance.measure('bench:sync', { start: t, end: t }); });
      const w0 = Date.now();
      await page.setInputFiles('#file', csvPath);
      await page.waitForFunction((n) => window.__pb.frames.some((f) => f.n > n), n0, { timeout: TIMEOUT, polling: 50 });
      const wallNode = Date.now() - w0;
      const peak = (p) => (p && base[p] != null ? statusKb(p, 'VmHWM') - base[p] : null);
      let traced = null;
      if (stopTrace) {
        await page.waitForTimeout(1000); // the tasks right after the charts (the "second after")
        const evs = await stopTrace();
        if (opt['trace-dir']) {
          fs.mkdirSync(opt['trace-dir'], { recursive: true });
          fs.writeFileSync(path.join(opt['trace-dir'], `page-run-${i + 1}.json`), JSON.stringify({ traceEvents: evs }));
        }
        traced = mainThreadTasks(evs);
        if (!traced) errors.push(`run ${i + 1}: the trace has no main-thread tasks of the page`);
      }
      const pb = await page.evaluate(() => window.__pb);
      const measures = await page.evaluate(MEASURES);
      const wasmInit = (name) => measures.find((x) => x.name === name)?.dur ?? null;
      const facts = await page.locator('#facts').innerText();
      const rowsShown = expected ? facts.includes(formatCount(expected.rows, 'da')) : null;
      if (rowsShown === false) errors.push(`run ${i + 1}: the page does not show ${expected.rows} rows: ${facts.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (pb.longtaskError) errors.push('longtask observer: ' + pb.longtaskError);
      const r = {
        ...analyse(pb, 'fresh page', traced, measures),
        wasm_compile_ms: wasmInit('wasm-compile'),
        wasm_fetch_ms: measures.find((x) => x.name === 'wasm-compile')?.detail?.fetchMs ?? null,
        wasm_init_page_ms: wasmInit('wasm-init-page'),
        wasm_init_worker_ms: wasmInit('wasm-init-worker'),
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
        `${r.progress_updates} progress updates (max gap ${r.progress_max_gap_ms?.toFixed(0)} ms), largest main-thread task ${r.task_max_ms?.toFixed(0) ?? '-'} ms ` +
        `(rendering ${r.render_task_max_ms?.toFixed(0) ?? '-'} ms), wasm init ${r.wasm_init_page_ms?.toFixed(0) ?? '-'} / ${r.wasm_init_worker_ms?.toFixed(0) ?? '-'} ms`);
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
  const lt = (x) => (x ? f(x) : '<50'); // the observer reports tasks only above 50 ms
  console.log(`\nreal page (${opt.site ? WWW : 'www/'} via <input type=file>, worker streams the File): ${path.basename(out.csv.path)}, ` +
    `${f(out.csv.bytes)} bytes (${mb.toFixed(1)} MB), ${f(out.csv.rows)} rows; chromium ${out.chromium}; ${R.length} fresh page load(s)`);
  if (opt.smoke) console.log('smoke run: the figures only show that the measurement works; no timing claims');
  const med = median(R.map((r) => r.change_to_rendered_ms));
  const traced = R.some((r) => r.traced);
  const stage = (k) => R.map((r) => r.stages_ms?.[k] ?? null);
  const eachStage = (k, d = 0) => stage(k).map((x) => f(x, d)).join(' / ');
  const rows = [
    ['file chosen -> first chart drawn (ms)', f(median(R.map((r) => r.change_to_first_chart_ms))), each('change_to_first_chart_ms')],
    ['file chosen -> results drawn, every chart (ms)', f(med), each('change_to_rendered_ms')],
    ['  -> next frame after drawing (ms)', f(median(R.map((r) => r.change_to_next_frame_ms))), each('change_to_next_frame_ms')],
    ['  throughput (MB/s, file / drawn time)', med ? f(mb / (med / 1e3), 1) : '-', ''],
    ['page load -> ready (ms)', f(median(R.map((r) => r.startup_ms))), each('startup_ms')],
    ['wasm fetch + compile, once in the page (ms)', f(median(R.map((r) => r.wasm_compile_ms)), 1), each('wasm_compile_ms', 1)],
    ['  of it until the response (through the service worker)', f(median(R.map((r) => r.wasm_fetch_ms)), 1), each('wasm_fetch_ms', 1)],
    ['wasm instantiation (ms), page', f(median(R.map((r) => r.wasm_init_page_ms)), 1), each('wasm_init_page_ms', 1)],
    ['wasm instantiation (ms), worker', f(median(R.map((r) => r.wasm_init_worker_ms)), 1), each('wasm_init_worker_ms', 1)],
    ['peak renderer RSS added (MB; page + worker)', f(max(R.map((r) => r.renderer_peak_rss_added)) / 1e6, 1), each('renderer_peak_rss_added', 1, 1e6)],
    ['peak browser-process RSS added (MB)', f(max(R.map((r) => r.browser_peak_rss_added)) / 1e6, 1), each('browser_peak_rss_added', 1, 1e6)],
  ];
  if (traced) {
    rows.push(
      ['largest main-thread task, file chosen -> charts drawn (ms)', f(max(R.map((r) => r.task_max_ms))), each('task_max_ms')],
      ['  its CPU time (ms; the rest it waited for a core)', f(max(R.map((r) => r.task_max_cpu_ms))), each('task_max_cpu_ms')],
      ['  what it was', '', R.map((r) => r.task_max_what ?? '-').join(' / ')],
      ['largest CPU time of a main-thread task (ms)', f(max(R.map((r) => r.task_cpu_max_ms))), each('task_cpu_max_ms')],
      ['  of them while rendering: results received -> charts drawn', f(max(R.map((r) => r.render_task_max_ms))), each('render_task_max_ms')],
      ['  tasks while rendering (count)', f(median(R.map((r) => r.render_tasks))), each('render_tasks')],
      ['main-thread tasks > 50 ms, file chosen -> charts drawn', f(max(R.map((r) => r.tasks_over_50ms))), each('tasks_over_50ms')],
      ['largest main-thread task in the second after (ms)', f(max(R.map((r) => r.task_max_after_ms))), each('task_max_after_ms')],
      ['  what it was', '', R.map((r) => r.task_max_after_what ?? '-').join(' / ')],
    );
  }
  rows.push(
    ['longtask observer: longest while reading (ms; "<50": none)', lt(max(R.map((r) => r.longtask_while_reading_max_ms))), R.map((r) => lt(r.longtask_while_reading_max_ms)).join(' / ')],
    ['longtask observer: longest while rendering (ms; "<50": none)', lt(max(R.map((r) => r.longtask_while_rendering_max_ms))), R.map((r) => lt(r.longtask_while_rendering_max_ms)).join(' / ')],
    ['progress updates (count)', f(median(R.map((r) => r.progress_updates))), each('progress_updates')],
    ['progress: largest gap between updates (ms)', f(max(R.map((r) => r.progress_max_gap_ms))), each('progress_max_gap_ms')],
    ['last progress update -> results drawn (ms)', f(median(R.map((r) => r.last_progress_to_rendered_ms))), each('last_progress_to_rendered_ms')],
    ['where the time goes (ms; the page\'s performance measures):', '', ''],
    ['  choosing -> file posted to the worker', f(median(stage('choose_to_post')), 1), eachStage('choose_to_post', 1)],
    ['  posted -> worker starts reading', f(median(stage('worker_start')), 1), eachStage('worker_start', 1)],
    ['  stream read, file.stream() -> engine push', f(median(stage('read'))), eachStage('read')],
    ['    of it waiting for chunks', f(median(stage('read_wait'))), eachStage('read_wait')],
    ['    of it in the engine\'s push', f(median(stage('push'))), eachStage('push')],
    ['    chunks (count; largest in KiB)', f(median(R.map((r) => r.chunks))), R.map((r) => `${f(r.chunks)} (${f(r.largest_chunk / 1024)})`).join(' / ')],
    ['  finish', f(median(stage('finish')), 1), eachStage('finish', 1)],
    ['  summary', f(median(stage('summary')), 1), eachStage('summary', 1)],
    ['  views', f(median(stage('views')), 1), eachStage('views', 1)],
    ['  transfer to the page', f(median(stage('transfer')), 1), eachStage('transfer', 1)],
    ['  results received -> first chart drawn', f(median(stage('first_chart')), 1), eachStage('first_chart', 1)],
    ['  results received -> every chart drawn', f(median(stage('render')), 1), eachStage('render', 1)],
  );
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
