// Loading: the page's side of the worker protocol (core/protocol.js). Starts the worker from its
// own blob: URL under this page's policy, hands it the wasm module, sends it files and options,
// and turns its answers into the store's state and events. Also the progress bar, cancelling,
// the example data and a crashed worker's restart.
import { formatBytes } from '../i18n.js';
import { MSG } from '../core/protocol.js';
import { holdsCpr, plainKindChange } from '../core/columns.js';
import { emit, on, pipe, state } from '../core/store.js';
import { $, clear, crashError, el, now, setStatus, showError, siteUrl, span, tr, track } from '../core/ui.js';

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

export function post(message) {
  track(message.id, false);
  state.worker.postMessage(message);
}

/**
 * The wasm module, fetched and compiled once, while the page and its worker start, and
 * instantiated by both (each worker gets it in answer to its `hello`). Null where the module
 * cannot be fetched from here: the glue's init() then finds it (the single-file build brings
 * its own) or reports the error.
 */
export const wasmModule = (async () => {
  const started = now();
  const url = siteUrl('pkg/tilfreds_web_bg.wasm');
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

export const scriptPolicy = window.trustedTypes
  ? window.trustedTypes.createPolicy('tilfreds', {
    createScriptURL(url) {
      if (workerBlobs.has(url)) return url;
      const parsed = siteUrl(url);
      const own = ['worker.js', 'sw.js'].map((file) => siteUrl(file).href);
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
  const own = siteUrl('worker.js').href;
  const url = URL.createObjectURL(new Blob([`import ${JSON.stringify(own)};\n`], { type: 'text/javascript' }));
  workerBlobs.add(url);
  return { url, script: scriptPolicy ? scriptPolicy.createScriptURL(url) : url };
}


// ---------------------------------------------------------------------------------------------
// The worker.

export function startWorker() {
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
export function cancelLoading() {
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

export function updateReady() {
  const ready = state.wasmReady && state.workerReady && state.worker !== null;
  $('file').disabled = !ready;
  $('example').disabled = !ready;
  if (ready) document.body.dataset.ready = 'true';
  else delete document.body.dataset.ready;
}

/**
 * An override as it may reach the worker: no kind at all for a CPR column, whatever set it (the
 * column list, a stored mapping), since another kind would show its values once included; and
 * a kind that counts an id, a date, a number or free text value by value only once the user
 * has confirmed it on the page (`confirmed`, never stored).
 */
function allowedOverride(o, cpr) {
  const { confirmed, ...plain } = o;
  if (!plain.kind) return plain;
  if (cpr.has(plain.column)) return { ...plain, kind: null };
  if (!confirmed && !plainKindChange(state.recognised.get(plain.column), plain.kind)) return { ...plain, kind: null };
  return plain;
}

export function options() {
  const cpr = new Set((state.summary?.columns || []).filter(holdsCpr).map((c) => c.name));
  const base = {
    by: state.by || null,
    min_cell: state.minCell,
    group_order: state.groupOrder,
    overrides: [...state.overrides.values()].map((o) => allowedOverride(o, cpr)),
  };
  // The page areas add their own options (analysis.js: merges, scales, the number invited).
  return pipe('options', base);
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
        const { file, fresh, source, noHeader } = state.pending;
        state.pending = null;
        state.noHeader = Boolean(noHeader);
        state.sheet = msg.sheet ?? null;
        showSheets(msg.sheets || [], state.sheet);
        state.renderTiming = { received };
        hideProgress();
        if (fresh) {
          // Column choices start afresh; stored adjustments for these headers are applied by mapping.js.
          state.overrides = new Map();
          state.by = '';
        }
        state.current = file;
        // A new object for every new file: the host API shares its results only once agreed.
        if (fresh || !state.loaded) state.loaded = { id: msg.id, source: source || 'user' };
        state.fileName = msg.name;
        showError(null);
        emit('loaded', msg, fresh);
        setSummary(msg.json, msg.views, { focus: fresh }, fresh);
        if (fresh) setStatus('loaded', msg.name);
        showHeaderNotice();
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
        loadFile(state.current, false, 'user', state.noHeader, state.sheet);
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
      emit('message', msg);
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

/**
 * Reads `file`; `fresh`: a new file (choices start afresh); `source`: 'user' or 'host';
 * `noHeader`: the file has no header row, its first row is answers ("Første række er svar");
 * `sheet`: the sheet of an Excel workbook to read (its first sheet with data when not given).
 */
export function loadFile(file, fresh, source = 'user', noHeader = false, sheet = null) {
  if (!state.worker) return;
  const id = state.nextId++;
  state.pending = { id, file, fresh, source, noHeader, posted: now() };
  showError(null);
  setStatus(null);
  showProgress(0, file.size);
  const opts = fresh ? { by: null, min_cell: state.minCell, overrides: [] } : options();
  const reading = noHeader || sheet ? { no_header: noHeader, sheet: sheet ?? undefined } : undefined;
  post({ type: MSG.OPEN, id, file, options: opts, lang: state.lang, reading });
}

/**
 * The note under the load area about the file's first row: when it looks like answers (the
 * summary's `dialect.header_looks_like_data`), a button reads the file again with the first
 * row as answers; after that, a button reads it again with its first row as headers. Hidden
 * otherwise. Its texts carry `data-i18n`, so a change of language rewords them.
 */
function showHeaderNotice() {
  const box = $('header-notice');
  const looksLikeData = Boolean(state.summary?.dialect?.header_looks_like_data);
  // Only a single file on screen can be read again (not a combined or SurveyXact export).
  const show = Boolean(state.current) && (looksLikeData || state.noHeader);
  box.hidden = !show;
  if (!show) return;
  const text = $('header-notice-text');
  const button = $('header-choice');
  text.dataset.i18n = state.noHeader ? 'readWithoutHeader' : 'headerLooksLikeData';
  button.dataset.i18n = state.noHeader ? 'firstRowIsHeader' : 'firstRowIsAnswers';
  text.textContent = tr(text.dataset.i18n);
  button.textContent = tr(button.dataset.i18n);
}

/**
 * The choice of sheet under the load area, when the workbook on screen has several sheets with
 * data (hidden sheets are never offered); `sheet` is the one shown.
 */
function showSheets(sheets, sheet) {
  const pick = $('sheet-pick');
  clear(pick);
  for (const name of sheets) pick.append(el('option', { value: name, text: name }));
  if (sheet) pick.value = sheet;
  $('sheet-pick-row').hidden = sheets.length < 2;
}

/**
 * Reads another sheet of the workbook on screen. Its columns are others, so the choices start
 * afresh, as for a new file; the results on screen stay until the sheet's arrive.
 */
export function switchSheet(sheet) {
  if (!state.current || !state.worker || !sheet || sheet === state.sheet) return;
  loadFile(state.current, true, state.loaded?.source || 'user', false, sheet);
}

/**
 * Reads the file on screen again with its first row as answers, or, when it was read so, as
 * headers. Its results stay on screen until the new ones arrive; the columns then have other
 * names, so the choices start afresh (remembered ones for the new names are applied).
 */
export function switchFirstRow() {
  if (!state.current || state.pending || !state.worker) return;
  loadFile(state.current, true, state.loaded?.source || 'user', !state.noHeader);
}

/** Reads the files chosen by `source`: 'user' (the page) or 'host' (the host API). */
export function chooseFiles(fileList, source = 'user') {
  const files = [...fileList].filter((f) => f instanceof File);
  if (files.length === 0) return;
  // Several files are offered for combining or comparing (analysis.js).
  if (emit('files', files).some(Boolean)) return;
  state.files = files;
  const pick = $('file-pick');
  clear(pick);
  files.forEach((f, i) => pick.append(el('option', { value: String(i), text: f.name })));
  $('file-pick-row').hidden = files.length < 2;
  loadFile(files[0], true, source);
}

export async function loadExample() {
  $('example').disabled = true;
  try {
    const response = await fetch(siteUrl('eksempel.csv'));
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

export function recompute() {
  if (!state.summary || !state.worker) return;
  const id = state.nextId++;
  state.latestSummaryId = id;
  post({ type: MSG.SUMMARY, id, options: options(), lang: state.lang });
}


/**
 * New results from the worker: kept in the store, then shown (results.js listens to `summary`).
 * `renderOptions.focus`: a new file, whose results heading gets the focus.
 */
function setSummary(json, views, renderOptions, fresh = false) {
  state.summary = JSON.parse(json);
  // What the file's columns were recognised as, before anyone's choices (core/columns.js).
  if (fresh) state.recognised = new Map(state.summary.columns.map((c) => [c.name, c]));
  state.views = views;
  state.minCell = state.summary.min_cell;
  emit('summary', renderOptions || {});
}

// Other page areas ask for a new summary, or hand over files (the host page), through the store.
on('recompute', recompute);
on('choose', chooseFiles);
