// The page: file input and drop zone, progress, overview, column choices, charts, tables and
// exports. Parsing and counting happen in worker.js; this thread loads the same wasm module to
// lay out the views and draw the charts. Text from files reaches the DOM only through
// textContent and createElement.
import init, { chart_svg, draw_chart, table_csv, table_tsv } from './pkg/tilfreds_web.js';
import { LANGS, formatBytes, formatCount, t } from './i18n.js';
import * as analysis from './analysis.js';
import * as api from './api.js';
import { setupOffline } from './offline.js';
import { KINDS, MSG, codedError } from './core/protocol.js';

const LANG_KEY = 'tilfreds.lang';
const REDRAW_DELAY_MS = 150;
const MIN_CHART_WIDTH = 280;
/**
 * The results are built in slices of about this many milliseconds of script, with the browser
 * given a turn in between, so that neither a slice nor the frame that lays out what it added
 * holds up input or painting for long (a "long task" is one over 50 ms).
 */
const SLICE_MS = 4;
/**
 * At most this much script changing the page before the browser draws a frame. Laying out new
 * tables costs the browser several times the script that made them (measured: 8 ms of script
 * building the questions, 40-60 ms of style and layout in the next frame).
 */
const FRAME_WORK_MS = 8;
/** How long a render waits for a frame before it goes on anyway (a tab in the background). */
const FRAME_WAIT_MS = 100;

const $ = (id) => document.getElementById(id);

const state = {
  lang: 'da',
  wasmReady: false,
  worker: null,
  workerReady: false,
  nextId: 1,
  /** The load in progress: { id, file, fresh }. */
  pending: null,
  /** Id of the latest recompute request. */
  latestSummaryId: 0,
  files: [],
  /** The file whose results are on screen. */
  current: null,
  fileName: '',
  summary: null,
  /** The views of the summary: { lang, overview, questions }, laid out by the worker. */
  views: null,
  overrides: new Map(),
  by: '',
  minCell: 5,
  /** The error on screen, `{code, da, en}`, kept for a change of language. */
  error: null,
  /** The status on screen: a text key and its arguments. */
  status: null,
  /** The charts on the page: { canvas, figure, draw, dirty }; a dirty one is still to be drawn. */
  charts: [],
  lastWidth: 0,
  /** Ids of requests to the worker not answered yet. */
  awaiting: new Set(),
  /** The summary whose column list is still to be filled (it is filled when opened). */
  columnsFor: null,
  /** Counts the renders begun; a render stops between slices once a newer one has begun. */
  renderGen: 0,
  /** A render is laying out results or drawing their charts. */
  rendering: false,
};

/**
 * Marks the page busy while the worker has unanswered requests or results are still being laid
 * out (aria-busy for assistive tech).
 */
function updateBusy() {
  const busy = state.awaiting.size > 0 || state.rendering;
  if (busy) document.body.dataset.busy = 'true';
  else delete document.body.dataset.busy;
  $('results').setAttribute('aria-busy', String(busy));
}

function track(id, done) {
  if (done) state.awaiting.delete(id);
  else state.awaiting.add(id);
  updateBusy();
}

// ---------------------------------------------------------------------------------------------
// Timing: spans of a load (the worker's reading, its summary, the transfer, the render) and the
// wasm start-up become performance measures named `tilfreds:…`. They show in the browser's
// performance panel and bench/page.mjs reads them; nothing leaves the page.

/** Milliseconds since the epoch, comparable with the worker's (see worker.js `now`). */
const now = () => performance.timeOrigin + performance.now();

/** Records the span from `start` to `end` (epoch milliseconds) as the measure `tilfreds:NAME`. */
function span(name, start, end, detail) {
  if (!(Number.isFinite(start) && Number.isFinite(end))) return;
  try {
    performance.measure(`tilfreds:${name}`, {
      start: start - performance.timeOrigin,
      end: Math.max(start, end) - performance.timeOrigin,
      detail,
    });
  } catch {
    // a browser without measure options: no timings, nothing else changes
  }
}

/** The worker's timings of a load (see worker.js `open`), received at `received`. */
function loadSpans(pending, t, received) {
  if (!t) return;
  span('worker-start', pending.posted, t.start);
  span('read', t.start, t.readEnd, {
    readWaitMs: t.readWait, pushMs: t.push, chunks: t.chunks, largestChunk: t.largestChunk, progressPosts: t.progressPosts,
  });
  span('finish', t.readEnd, t.finished);
  span('summary', t.finished, t.summarized);
  span('views', t.summarized, t.posted);
  span('transfer', t.posted, received);
}

// ---------------------------------------------------------------------------------------------
// Short tasks.

/**
 * Gives the browser a turn and resumes in a task of normal priority: input, painting and the
 * browser's own work queued meanwhile come first (scheduler.yield() would resume ahead of them
 * and so leave all the layout to one long task at the end).
 */
function pause() {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Resumes after the browser has drawn a frame (so the layout of what was added is done by then,
 * in the frame), or after FRAME_WAIT_MS when no frame comes. A page in the background draws no
 * frames: it only pauses.
 */
function afterFrame() {
  if (document.hidden) return pause();
  return new Promise((resolve) => {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      pause().then(resolve);
    };
    const timer = setTimeout(go, FRAME_WAIT_MS);
    requestAnimationFrame(go);
  });
}

/** Script time spent changing the page since the browser last began a frame. */
let workSinceFrame = 0;
let frameWatched = false;

function noteWork(ms) {
  workSinceFrame += ms;
  if (frameWatched) return;
  frameWatched = true;
  requestAnimationFrame(() => {
    frameWatched = false;
    workSinceFrame = 0;
  });
}

/**
 * Runs `parts` in order, each a function or a generator function that yields where it may be
 * interrupted, pausing whenever a slice has taken SLICE_MS, and waiting for a frame once the
 * slices since the last one have taken FRAME_WORK_MS. A part given as `{ run, quiet: true }`
 * adds nothing the browser lays out now (the inside of a closed <details>): it only pauses.
 * False when `current()` turned false at a pause (a newer render took over).
 */
async function runSliced(parts, current) {
  let start = performance.now();
  let quiet = false;
  const turn = async () => {
    const spent = performance.now() - start;
    if (spent < SLICE_MS) return true;
    if (!quiet) noteWork(spent);
    if (workSinceFrame >= FRAME_WORK_MS) await afterFrame();
    else await pause();
    start = performance.now();
    return current();
  };
  for (const part of parts) {
    quiet = typeof part === 'object' && Boolean(part.quiet);
    const steps = typeof part === 'object' ? part.run() : part();
    if (steps && typeof steps.next === 'function') {
      for (let step = steps.next(); !step.done; step = steps.next()) {
        if (!(await turn())) return false;
      }
    }
    if (!(await turn())) return false;
  }
  return true;
}

/**
 * Puts the nodes `nodes` yields in place of `parent`'s children, the i-th new one where the i-th
 * old one was, so the page keeps its height (and the reader's place) while results are replaced.
 * Yields after each node.
 */
function* fill(parent, nodes) {
  const old = [...parent.children];
  let i = 0;
  for (const node of nodes) {
    if (i < old.length) old[i].replaceWith(node);
    else parent.append(node);
    i += 1;
    yield;
  }
  for (const rest of old.slice(i)) rest.remove();
}

function post(message) {
  track(message.id, false);
  state.worker.postMessage(message);
}

/**
 * The wasm module, fetched and compiled once, while the page and its worker start, and
 * instantiated by both (each worker gets it in answer to its `hello`). Null where the module
 * cannot be fetched from here: the glue's init() then finds it (the single-file build brings
 * its own) or reports the error.
 */
const wasmModule = (async () => {
  const started = now();
  const url = new URL('pkg/tilfreds_web_bg.wasm', import.meta.url);
  let responded = null;
  const response = () => fetch(url).then((r) => {
    responded = now();
    if (!r.ok) throw new Error(`${r.status}`);
    return r;
  });
  try {
    let module;
    try {
      module = await WebAssembly.compileStreaming(response());
    } catch {
      // no streaming compile, or a server that labels the file otherwise than application/wasm
      module = await WebAssembly.compile(await (await response()).arrayBuffer());
    }
    span('wasm-compile', started, now(), { fetchMs: responded - started, compileMs: now() - responded });
    return module;
  } catch {
    return null;
  }
})();

// ---------------------------------------------------------------------------------------------
// Trusted Types: the only script URLs this page ever creates are its own worker and its
// service worker (sw.js).

/** The blob: URLs this page made to start its worker; the policy approves only these. */
const workerBlobs = new Set();

const scriptPolicy = window.trustedTypes
  ? window.trustedTypes.createPolicy('tilfreds', {
    createScriptURL(url) {
      if (workerBlobs.has(url)) return url;
      const parsed = new URL(url, import.meta.url);
      const own = ['worker.js', 'sw.js'].map((file) => new URL(file, import.meta.url).href);
      if (!own.includes(parsed.href)) throw new TypeError('Blocked script URL');
      return parsed.href;
    },
  })
  : null;

/**
 * The worker is started from a blob: URL whose only line imports worker.js. A worker started
 * from a blob: URL runs under this page's Content-Security-Policy; one started from worker.js
 * directly would run under no policy at all (a <meta> policy does not reach it), and script in
 * it could then connect anywhere.
 */
function workerUrl() {
  const own = new URL('worker.js', import.meta.url).href;
  const url = URL.createObjectURL(new Blob([`import ${JSON.stringify(own)};\n`], { type: 'text/javascript' }));
  workerBlobs.add(url);
  return { url, script: scriptPolicy ? scriptPolicy.createScriptURL(url) : url };
}

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (text only, never markup).

/**
 * A document that is never shown. When script changes the selection of a <select> that belongs
 * to the page, Chromium's form autofill reads every form control of the page again, and lays the
 * page out for it, in a task of its own (20-60 ms with a large file's results); a select
 * belonging to this document does not set it off. So selects are made here (el), and a select
 * already on the page is filled here (offPage); the page adopts them when they are inserted.
 */
const offstage = document.implementation.createHTMLDocument('');

function el(tag, props = {}, ...children) {
  const node = tag === 'select' ? offstage.createElement(tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

/**
 * Runs `change(node)` with `node`, an element on the page, moved to `offstage` meanwhile; one
 * with the focus (or not on the page) stays where it is.
 */
function offPage(node, change) {
  if (!node.isConnected || node.contains(document.activeElement)) {
    change(node);
    return;
  }
  const place = document.createComment('');
  node.replaceWith(place);
  offstage.body.append(node);
  try {
    change(node);
  } finally {
    place.replaceWith(node);
  }
}

function clear(node) {
  node.replaceChildren();
}

function tr(key, ...args) {
  return t(state.lang, key, ...args);
}

function setStatus(key, ...args) {
  state.status = key ? { key, args } : null;
  $('status').textContent = key ? tr(key, ...args) : '';
}

function showError(error) {
  state.error = error;
  const box = $('error');
  clear(box);
  if (error) box.append(el('p', { text: error[state.lang] || error.da }));
}

// ---------------------------------------------------------------------------------------------
// Language.

function initialLang() {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (LANGS.includes(saved)) return saved;
  } catch {
    // storage unavailable (e.g. blocked in an iframe): Danish
  }
  return 'da';
}

function applyLang(lang) {
  state.lang = lang;
  document.documentElement.lang = lang;
  for (const node of document.querySelectorAll('[data-i18n]')) {
    // Unchanged text is left alone, so the first paint of the page is also its final one.
    const text = tr(node.dataset.i18n);
    if (node.textContent !== text) node.textContent = text;
  }
  const other = lang === 'da' ? 'en' : 'da';
  const button = $('lang-switch');
  button.textContent = tr('switchLang');
  button.setAttribute('lang', other);
  button.setAttribute('aria-label', tr('switchLangLabel'));
  document.title = lang === 'da' ? 'Tilfreds – analyse af spørgeskemaer' : 'Tilfreds – survey analysis';
  if (state.status) setStatus(state.status.key, ...state.status.args);
  showError(state.error);
  // The results are laid out again by the worker in the new language, then shown.
  if (state.summary) recompute();
}

function switchLang() {
  const lang = state.lang === 'da' ? 'en' : 'da';
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  applyLang(lang);
}

// ---------------------------------------------------------------------------------------------
// The worker.

function startWorker() {
  const { url, script } = workerUrl();
  const worker = new Worker(script, { type: 'module', name: 'tilfreds' });
  const release = () => {
    workerBlobs.delete(url);
    URL.revokeObjectURL(url);
  };
  worker.addEventListener('message', release, { once: true });
  worker.addEventListener('error', release, { once: true });
  worker.onmessage = (event) => onWorkerMessage(worker, event.data);
  worker.onerror = (event) => {
    event.preventDefault();
    onCrash(worker);
  };
  state.worker = worker;
  state.workerReady = false;
  updateReady();
}

/**
 * Stops reading at once: the worker is ended and a fresh one started (a worker busy with a large
 * file would see a cancel message only between chunks). The results on screen stay; the new
 * worker reads their file again when a recompute needs it.
 */
function cancelLoading() {
  const { pending, worker } = state;
  if (!pending || !worker) return;
  worker.terminate();
  state.worker = null;
  state.pending = null;
  for (const id of [...state.awaiting]) track(id, true);
  hideProgress();
  setStatus('cancelled');
  startWorker();
}

function onCrash(worker) {
  if (worker !== state.worker) return;
  worker.terminate();
  state.worker = null;
  state.pending = null;
  for (const id of [...state.awaiting]) track(id, true);
  hideProgress();
  showError(crashError());
  // Start afresh, but do not loop when the worker cannot even start.
  const now = Date.now();
  state.crashes = (state.crashes || []).filter((time) => now - time < 60000);
  state.crashes.push(now);
  if (state.crashes.length <= 3) startWorker();
  else updateReady();
}

function updateReady() {
  const ready = state.wasmReady && state.workerReady && state.worker !== null;
  $('file').disabled = !ready;
  $('example').disabled = !ready;
  if (ready) document.body.dataset.ready = 'true';
  else delete document.body.dataset.ready;
}

/** A column with CPR numbers keeps its own kind (an id, or free text counted only). */
function holdsCpr(col) {
  return /^cpr/.test(col.personal_reason || '') || col.cpr_like > 0;
}

function options() {
  // No kind reaches a CPR column, whatever set it (the column list, a stored mapping): another
  // kind would show its values once it is included.
  const cpr = new Set((state.summary?.columns || []).filter(holdsCpr).map((c) => c.name));
  return analysis.extendOptions({
    by: state.by || null,
    min_cell: state.minCell,
    overrides: [...state.overrides.values()].map((o) => (cpr.has(o.column) && o.kind ? { ...o, kind: null } : o)),
  });
}

function onWorkerMessage(worker, msg) {
  if (worker !== state.worker || !msg) return;
  if (msg.type !== MSG.PROGRESS && msg.type !== MSG.READY && msg.type !== MSG.HELLO) track(msg.id, true);
  switch (msg.type) {
    case MSG.HELLO:
      wasmModule.then((module) => {
        if (worker === state.worker) worker.postMessage({ type: MSG.WASM, module });
      });
      break;
    case MSG.READY:
      if (msg.timing && msg.timing.wasm) {
        // from the worker's start: waiting for the module, then instantiating it
        const w = msg.timing.wasm;
        span('wasm-init-worker', w.module, w.ready, { waitedMs: w.module - w.start });
      }
      state.workerReady = true;
      updateReady();
      break;
    case MSG.PROGRESS:
      if (state.pending && msg.id === state.pending.id) showProgress(msg.done, msg.total);
      break;
    case MSG.LOADED:
      if (state.pending && msg.id === state.pending.id) {
        const received = now();
        loadSpans(state.pending, msg.timing, received);
        const { file, fresh } = state.pending;
        state.pending = null;
        state.renderTiming = { received };
        hideProgress();
        if (fresh) {
          // Column choices start afresh; stored adjustments for these headers are applied by mapping.js.
          state.overrides = new Map();
          state.by = '';
        }
        state.current = file;
        state.fileName = msg.name;
        showError(null);
        analysis.onLoaded(msg, fresh);
        setSummary(msg.json, msg.views, { focus: fresh });
        if (fresh) setStatus('loaded', msg.name);
      }
      break;
    case MSG.SUMMARY:
      if (msg.id === state.latestSummaryId) {
        state.renderTiming = { received: now() };
        const languageOnly = msg.views.lang !== state.views?.lang;
        setSummary(msg.json, msg.views);
        if (!languageOnly) setStatus('recomputed');
      }
      break;
    case MSG.CANCELLED:
      if (state.pending && msg.id === state.pending.id) {
        state.pending = null;
        hideProgress();
        setStatus('cancelled');
      }
      break;
    case MSG.ERROR:
      if (msg.error && msg.error.code === 'no_data' && state.current) {
        // The worker was restarted: read the file on screen again with the current options.
        loadFile(state.current, false);
        break;
      }
      if (state.pending && msg.id === state.pending.id) {
        state.pending = null;
        hideProgress();
      }
      setStatus(null);
      showError(msg.error);
      break;
    case MSG.CRASH:
      console.error('Tilfreds: the calculation stopped:', msg.message);
      onCrash(worker);
      break;
    default:
      analysis.onMessage(msg);
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Loading files.

function showProgress(done, total) {
  $('progress-box').hidden = false;
  const bar = $('progress');
  bar.max = Math.max(total, 1);
  bar.value = Math.min(done, bar.max);
  $('progress-text').textContent = tr('readingOf', formatBytes(done, state.lang), formatBytes(total, state.lang));
}

function hideProgress() {
  $('progress-box').hidden = true;
}

function loadFile(file, fresh) {
  if (!state.worker) return;
  const id = state.nextId++;
  state.pending = { id, file, fresh, posted: now() };
  showError(null);
  setStatus(null);
  showProgress(0, file.size);
  const opts = fresh ? { by: null, min_cell: state.minCell, overrides: [] } : options();
  post({ type: MSG.OPEN, id, file, options: opts, lang: state.lang });
}

function chooseFiles(fileList) {
  const files = [...fileList].filter((f) => f instanceof File);
  if (files.length === 0) return;
  if (analysis.chooseFiles(files)) return;
  state.files = files;
  const pick = $('file-pick');
  clear(pick);
  files.forEach((f, i) => pick.append(el('option', { value: String(i), text: f.name })));
  $('file-pick-row').hidden = files.length < 2;
  loadFile(files[0], true);
}

async function loadExample() {
  $('example').disabled = true;
  try {
    const response = await fetch(new URL('eksempel.csv', import.meta.url));
    if (!response.ok) throw new Error(String(response.status));
    const blob = await response.blob();
    chooseFiles([new File([blob], 'eksempel.csv', { type: 'text/csv' })]);
  } catch {
    showError({
      code: 'example_missing',
      da: 'Eksempeldata kunne ikke hentes.',
      en: 'The example data could not be loaded.',
    });
  } finally {
    updateReady();
  }
}

function recompute() {
  if (!state.summary || !state.worker) return;
  const id = state.nextId++;
  state.latestSummaryId = id;
  post({ type: MSG.SUMMARY, id, options: options(), lang: state.lang });
}

// ---------------------------------------------------------------------------------------------
// Results.

function setSummary(json, views, renderOptions) {
  state.summary = JSON.parse(json);
  state.views = views;
  state.minCell = state.summary.min_cell;
  render(renderOptions);
}

function delimiterName(d) {
  return tr('delimiters')[d] || d;
}

function renderFacts(s) {
  const facts = [
    [tr('factFile'), state.fileName],
    [tr('factRows'), formatCount(s.rows, state.lang)],
    [tr('factEncoding'), s.dialect.encoding],
    [tr('factDelimiter'), delimiterName(s.dialect.delimiter)],
    [tr('factHeaderRows'), formatCount(s.dialect.header_rows, state.lang)],
  ];
  if (s.skipped_rows > 0) facts.push([tr('factSkipped'), formatCount(s.skipped_rows, state.lang)]);
  const dl = $('facts');
  clear(dl);
  for (const [term, value] of facts) {
    dl.append(el('div', {}, el('dt', { text: term }), el('dd', { text: value })));
  }
}

function renderWarnings(s) {
  const list = $('warnings');
  clear(list);
  for (const w of s.warnings || []) list.append(el('li', { text: w[state.lang] || w.da }));
  $('warnings-box').hidden = list.childElementCount === 0;
}

function overrideFor(name) {
  let o = state.overrides.get(name);
  if (!o) {
    o = { column: name, kind: null, exclude: false, include_personal: false };
    state.overrides.set(name, o);
  }
  return o;
}

/**
 * An excluded personal-data column is included only in two steps: "Medtag alligevel", then a
 * confirmation. The choice lives in `state.overrides`, which is never stored and is reset for
 * every new file.
 */
function personalInclude(cell, col) {
  const ask = el('button', {
    type: 'button',
    className: 'include-anyway',
    text: tr('includeAnyway'),
    'aria-label': tr('includeAnywayLabel', col.name),
  });
  const confirmBox = () => {
    const yes = el('button', {
      type: 'button',
      text: tr('includeYes'),
      onclick: () => {
        const o = overrideFor(col.name);
        o.exclude = false;
        o.include_personal = true;
        recompute();
      },
    });
    const no = el('button', {
      type: 'button',
      text: tr('includeNo'),
      onclick: () => {
        cell.replaceChildren(ask);
        ask.focus();
      },
    });
    return el('div', { role: 'group', 'aria-label': tr('includeAnywayLabel', col.name), className: 'include-confirm' },
      el('p', { text: tr('includeConfirm') }), yes, no);
  };
  ask.addEventListener('click', () => {
    const box = confirmBox();
    cell.replaceChildren(box);
    box.querySelector('button:last-of-type').focus();
  });
  cell.replaceChildren(ask);
}

/**
 * The column list, when it is open. A closed list is filled when it is opened (wire): its form
 * controls, two for each column, would otherwise cost every render, and Chromium's autofill
 * reads them all after each change of the page.
 */
function* renderColumns(s) {
  $('columns-count').textContent = formatCount(s.columns.length, state.lang);
  const body = $('columns').tBodies[0];
  if (!$('columns-box').open) {
    state.columnsFor = s;
    clear(body);
    return;
  }
  state.columnsFor = null;
  yield* fill(body, columnRows(s));
}

/** Fills the column list at once if it is waiting to be filled. */
function fillColumns() {
  const s = state.columnsFor;
  if (!s) return;
  state.columnsFor = null;
  for (const step of fill($('columns').tBodies[0], columnRows(s))) void step;
}

function* columnRows(s) {
  for (const col of s.columns) {
    const kindId = `col-kind-${col.index}`;
    const useId = `col-use-${col.index}`;
    const kind = el('select', {
      id: kindId,
      onchange: (e) => {
        overrideFor(col.name).kind = e.target.value;
        recompute();
      },
    });
    for (const k of KINDS) kind.append(el('option', { value: k, text: tr('kinds')[k] }));
    kind.value = col.kind;
    const personal = col.personal_data || col.kind === 'text';
    if (personal && holdsCpr(col)) kind.disabled = true;
    const use = el('input', {
      type: 'checkbox',
      id: useId,
      onchange: (e) => {
        const o = overrideFor(col.name);
        o.exclude = !e.target.checked;
        if (personal) o.include_personal = e.target.checked;
        recompute();
      },
    });
    use.checked = !col.excluded;
    const useCell = el('td', {}, el('label', { for: useId, className: 'visually-hidden', text: tr('includeLabel', col.name) }), use);
    if (personal && col.excluded) personalInclude(useCell, col);
    let note = '';
    if (col.personal_data) note = col.excluded ? tr('personal') : tr('personalIncluded');
    else if (col.metadata) note = tr('metadata');
    yield el(
      'tr',
      {},
      el('th', { scope: 'row', text: col.name }),
      el('td', {}, el('label', { for: kindId, className: 'visually-hidden', text: tr('kindLabel', col.name) }), kind),
      useCell,
      el('td', { className: 'num', text: formatCount(col.answered, state.lang) }),
      el('td', { text: note }),
    );
  }
}

/**
 * Gives `select` the options `[value, text]` and the value `value`: a select with these options
 * already is left as it is (and keeps the focus), another is filled off the page (offPage).
 */
function fillSelect(select, options, value) {
  const same = select.options.length === options.length
    && options.every(([v, text], i) => select.options[i].value === v && select.options[i].text === text);
  if (same) {
    if (select.value !== value) offPage(select, () => { select.value = value; });
    return;
  }
  offPage(select, () => {
    clear(select);
    for (const [v, text] of options) select.append(el('option', { value: v, text }));
    select.value = value;
  });
}

function renderControls(s) {
  const by = $('by');
  const options = [['', tr('byNone')]];
  for (const col of s.columns) {
    if (col.kind === 'category' && !col.excluded) options.push([col.name, col.name]);
  }
  fillSelect(by, options, s.by || '');
  state.by = by.value;
  const minCell = String(s.min_cell);
  if ($('min-cell').value !== minCell) $('min-cell').value = minCell;
}

/** A data table with caption, column headers and row headers (the first cell of a row). */
function dataTable(table, caption, id) {
  const thead = el('thead', {}, el('tr', {}, ...table.header.map((h) => el('th', { scope: 'col', text: h }))));
  const tbody = el('tbody');
  for (const row of table.rows) {
    tbody.append(
      el('tr', {}, ...row.map((cell, i) => (i === 0 ? el('th', { scope: 'row', text: cell }) : el('td', { text: cell })))),
    );
  }
  const captionId = `${id}-caption`;
  return el(
    'div',
    { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': captionId },
    el('table', { className: 'data', id }, el('caption', { id: captionId, text: caption }), thead, tbody),
  );
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, className: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

async function copyTable(table) {
  try {
    await navigator.clipboard.writeText(table_tsv(table));
    setStatus('copied');
  } catch {
    setStatus('copyFailed');
  }
}

/**
 * A chart with its buttons: `draw(canvas, width)` draws and returns the height in CSS pixels,
 * `svg(width)` returns the SVG text; `table` is exported as CSV and copied as TSV.
 */
function chartFigure({ key, title, draw, svg, table }) {
  const canvas = el('canvas', { role: 'img', 'aria-label': tr('chartLabel', title) });
  const figure = el('figure', { className: 'chart' }, canvas);
  const chart = { canvas, figure, draw, dirty: true };
  const fileBase = `tilfreds-${key}`;
  const actions = el(
    'div',
    { className: 'actions' },
    el('button', {
      type: 'button',
      text: tr('exportPng'),
      onclick: () => {
        if (chart.dirty) drawChart(chart);
        canvas.toBlob((blob) => blob && download(blob, `${fileBase}.png`), 'image/png');
      },
    }),
    el('button', {
      type: 'button',
      text: tr('exportSvg'),
      onclick: () => {
        const width = Math.max(Math.round(figure.clientWidth), MIN_CHART_WIDTH);
        download(new Blob([svg(width)], { type: 'image/svg+xml' }), `${fileBase}.svg`);
      },
    }),
    el('button', {
      type: 'button',
      text: tr('exportCsv'),
      onclick: () => download(new Blob([table_csv(table, state.lang)], { type: 'text/csv;charset=utf-8' }), `${fileBase}.csv`),
    }),
    el('button', { type: 'button', text: tr('copyTable'), onclick: () => copyTable(table) }),
  );
  state.charts.push(chart);
  return el('div', { className: 'chart-with-actions' }, figure, actions);
}

function renderOverview() {
  const body = $('overview-body');
  clear(body);
  const view = state.views.overview;
  const lang = state.views.lang;
  const hasQuestions = view && view.table && view.table.rows.length > 0;
  $('no-questions').hidden = hasQuestions;
  if (!hasQuestions) return;
  const title = tr('overviewHeading');
  body.append(
    el('p', { className: 'caption', text: tr('overviewCaption') }),
    chartFigure({
      key: 'oversigt',
      title,
      draw: (canvas, width) => draw_chart(canvas, 'likert', view.chart, width, lang, devicePixelRatio || 1),
      svg: (width) => chart_svg('likert', view.chart, width, lang),
      table: view.table,
    }),
    dataTable(view.table, tr('tableOf', title), 'overview-table'),
  );
}

function* renderQuestions(s) {
  const likert = new Set(s.columns.filter((c) => c.kind === 'likert').map((c) => c.index));
  const views = state.views.questions.filter((view) => likert.has(view.index));
  $('questions-box').hidden = views.length === 0;
  yield* fill($('questions'), (function* sections() {
    for (const view of views) yield questionSection(s, view);
  })());
}

function questionSection(s, view) {
  const lang = state.views.lang;
  const col = { index: view.index };
  const headingId = `q-${col.index}-heading`;
  const section = el('section', { className: 'panel question', 'aria-labelledby': headingId, 'data-column': String(col.index) });
  section.append(el('h4', { id: headingId, text: view.title }));
  const facts = el('dl', { className: 'facts' });
  for (const [term, value] of view.facts) facts.append(el('div', {}, el('dt', { text: term }), el('dd', { text: value })));
  section.append(facts, dataTable(view.table, tr('tableOf', view.title), `q-${col.index}-table`));
  if (view.breakdown && view.breakdown_table) {
    const heading = tr('breakdownHeading', s.by || '');
    const index = col.index;
    section.append(
      el('h5', { text: heading }),
      chartFigure({
        key: `spm-${index + 1}-${state.lang === 'da' ? 'opdelt' : 'by-group'}`,
        title: `${view.title} – ${heading}`,
        draw: (canvas, width) => draw_chart(canvas, 'groups', view.breakdown, width, lang, devicePixelRatio || 1),
        svg: (width) => chart_svg('groups', view.breakdown, width, lang),
        table: view.breakdown_table,
      }),
      dataTable(view.breakdown_table, tr('tableOf', `${view.title} – ${heading}`), `q-${index}-breakdown-table`),
    );
  }
  if (view.test_text) section.append(el('p', { className: 'test-text', text: view.test_text }));
  return section;
}

/** Frequency tables of the grouping (category) columns. */
function* renderGroups(s) {
  const categories = new Set(s.columns.filter((c) => c.kind === 'category').map((c) => c.index));
  const views = state.views.questions.filter((view) => categories.has(view.index));
  $('groups-box').hidden = views.length === 0;
  yield* fill($('groups'), (function* tables() {
    for (const view of views) {
      yield el(
        'details',
        { className: 'group-table', 'data-column': String(view.index) },
        el('summary', { id: `g-${view.index}-heading`, text: view.title }),
        dataTable(view.table, tr('tableOf', view.title), `g-${view.index}-table`),
      );
    }
  })());
}

function chartWidth(figure) {
  return Math.max(Math.floor(figure.clientWidth), MIN_CHART_WIDTH);
}

/** Draws one chart at its figure's width now. */
function drawChart(chart) {
  const width = chartWidth(chart.figure);
  chart.dirty = false;
  try {
    const height = chart.draw(chart.canvas, width);
    chart.canvas.style.width = `${width}px`;
    chart.canvas.style.height = `${height}px`;
  } catch (err) {
    showError(codedError(err, crashError()));
  }
  const timing = state.renderTiming;
  if (timing && !timing.firstChart) {
    timing.firstChart = now();
    span('first-chart', timing.received, timing.firstChart);
  }
}

/**
 * The next chart to draw: one on screen (or about to be) before the others, then in page order;
 * null when every chart is drawn. Charts no longer on the page are forgotten.
 */
function nextChart() {
  state.charts = state.charts.filter((chart) => chart.canvas.isConnected);
  const waiting = state.charts.filter((chart) => chart.dirty);
  if (waiting.length === 0) return null;
  const height = window.innerHeight || document.documentElement.clientHeight;
  const onScreen = waiting.find((chart) => {
    const r = chart.figure.getBoundingClientRect();
    return r.height > 0 && r.bottom > -height / 2 && r.top < height * 1.5;
  });
  return onScreen || waiting[0];
}

let chartsRunning = false;
let chartWaiters = [];

/**
 * Draws every chart not drawn yet, one or a few per task (on screen first), and resolves when
 * none is left. Exports draw a waiting chart at once (drawChart).
 */
function drawCharts() {
  return new Promise((resolve) => {
    chartWaiters.push(resolve);
    if (chartsRunning) return;
    chartsRunning = true;
    drainCharts();
  });
}

async function drainCharts() {
  // Each chart is drawn once the page around it has been laid out in a frame: its width is then
  // known without a layout in the same task.
  if (nextChart()) await afterFrame();
  let start = performance.now();
  for (let chart = nextChart(); chart; chart = nextChart()) {
    drawChart(chart);
    if (performance.now() - start > SLICE_MS) {
      await afterFrame();
      start = performance.now();
    }
  }
  state.lastWidth = $('results').clientWidth;
  chartsRunning = false;
  const waiters = chartWaiters;
  chartWaiters = [];
  for (const resolve of waiters) resolve();
}

/** Draws every chart again (a new width or pixel ratio). */
function redrawCharts() {
  for (const chart of state.charts) chart.dirty = true;
  return drawCharts();
}

function crashError() {
  return { code: 'crash', da: t('da', 'crashed'), en: t('en', 'crashed') };
}

/**
 * Shows the summary in slices (runSliced): the facts, settings and overview first, and the
 * overview chart as soon as they are laid out; then the questions, the deeper analyses, the
 * column list and the group tables, their charts drawn meanwhile, one per frame, those on screen
 * first.
 * `focus`: move the focus to the results heading when done (a new file), unless the reader has
 * moved it meanwhile. `body[data-rendered]` counts the renders completed, charts included.
 */
async function render({ focus = false } = {}) {
  const s = state.summary;
  if (!s || !state.views) return;
  const focused = document.activeElement;
  const gen = ++state.renderGen;
  const current = () => gen === state.renderGen;
  state.rendering = true;
  updateBusy();
  try {
    const top = await runSliced([
      () => {
        analysis.prepare(s);
        $('results').hidden = false;
        renderFacts(s);
        renderWarnings(s);
        renderControls(s);
        renderOverview();
      },
    ], current);
    if (!top) return;
    await drawCharts();
    if (!current()) return;
    const shown = await runSliced([
      () => {
        drawCharts();
        return renderQuestions(s);
      },
      ...analysis.renderParts(s),
      () => renderColumns(s),
      // the group tables are closed <details>: only their one-line summaries are laid out
      { run: () => renderGroups(s), quiet: true },
    ], current);
    if (!shown) return;
    await drawCharts();
    if (!current()) return;
    if (focus && (document.activeElement === focused || document.activeElement === document.body)) {
      $('results-heading').focus();
    }
    const timing = state.renderTiming;
    if (timing) span('render', timing.received, now());
    state.renderTiming = null;
    document.body.dataset.rendered = String(Number(document.body.dataset.rendered || 0) + 1);
  } finally {
    if (current()) {
      state.rendering = false;
      updateBusy();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring.

function hasFiles(event) {
  return event.dataTransfer && [...event.dataTransfer.types].includes('Files');
}

function wire() {
  $('lang-switch').addEventListener('click', switchLang);
  $('file').addEventListener('change', (e) => {
    chooseFiles(e.target.files);
    e.target.value = '';
  });
  $('example').addEventListener('click', loadExample);
  $('file-pick').addEventListener('change', (e) => {
    const file = state.files[Number(e.target.value)];
    if (file) loadFile(file, true);
  });
  $('cancel').addEventListener('click', cancelLoading);
  // The column list is filled as it opens: on the click (so it opens filled) and on `toggle`.
  $('columns-box').querySelector('summary').addEventListener('click', fillColumns);
  $('columns-box').addEventListener('toggle', () => {
    if ($('columns-box').open) fillColumns();
  });
  $('by').addEventListener('change', (e) => {
    state.by = e.target.value;
    recompute();
  });
  $('min-cell').addEventListener('change', (e) => {
    const n = Math.round(Number(e.target.value));
    state.minCell = Number.isFinite(n) ? Math.min(Math.max(n, 1), 1000) : 5;
    e.target.value = String(state.minCell);
    recompute();
  });

  const overlay = $('drop-overlay');
  let depth = 0;
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth += 1;
    overlay.hidden = false;
  });
  document.addEventListener('dragleave', (e) => {
    if (!hasFiles(e)) return;
    depth = Math.max(depth - 1, 0);
    if (depth === 0) overlay.hidden = true;
  });
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = $('file').disabled ? 'none' : 'copy';
  });
  document.addEventListener('drop', (e) => {
    if (!e.dataTransfer) return;
    e.preventDefault();
    depth = 0;
    overlay.hidden = true;
    if (!$('file').disabled) chooseFiles(e.dataTransfer.files);
  });

  let timer = 0;
  const observer = new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!state.summary || $('results').hidden) return;
      if ($('results').clientWidth !== state.lastWidth) redrawCharts();
    }, REDRAW_DELAY_MS);
  });
  observer.observe($('results'));
  // A change of zoom changes devicePixelRatio without necessarily resizing the layout.
  const watchDpr = () => {
    matchMedia(`(resolution: ${devicePixelRatio}dppx)`).addEventListener(
      'change',
      () => {
        if (state.summary) redrawCharts();
        watchDpr();
      },
      { once: true },
    );
  };
  watchDpr();
}

async function main() {
  applyLang(initialLang());
  wire();
  analysis.setup({
    state, post, tr, el, clear, fillSelect, chartFigure, dataTable, download, setStatus, showError, drawCharts, recompute, runSliced,
  });
  api.setup({ state, chooseFiles, recompute, applyLang });
  setupOffline(scriptPolicy);
  startWorker();
  try {
    const module = await wasmModule;
    const started = now();
    await init(module ? { module_or_path: module } : undefined);
    span('wasm-init-page', started, now());
    state.wasmReady = true;
  } catch (err) {
    showError({
      code: 'wasm',
      da: `Programmet kunne ikke starte i denne browser: ${err.message || err}`,
      en: `The program could not start in this browser: ${err.message || err}`,
    });
  }
  updateReady();
}

main();
