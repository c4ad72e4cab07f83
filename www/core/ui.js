// The page's shared helpers: small DOM builders (text only, never markup), the status line and
// the error box, the busy mark, timings, and the slicing that keeps long renders responsive.
import { t } from '../i18n.js';
import { state } from './store.js';

/**
 * The results are built in slices of about this many milliseconds of script, with the browser
 * given a turn in between, so that neither a slice nor the frame that lays out what it added
 * holds up input or painting for long (a "long task" is one over 50 ms).
 */
export const SLICE_MS = 4;
/**
 * At most this much script changing the page before the browser draws a frame. Laying out new
 * tables costs the browser several times the script that made them (measured: 8 ms of script
 * building the questions, 40-60 ms of style and layout in the next frame).
 */
const FRAME_WORK_MS = 8;
/** How long a render waits for a frame before it goes on anyway (a tab in the background). */
const FRAME_WAIT_MS = 100;

export const $ = (id) => document.getElementById(id);

/** One of the app's own files, beside index.html (wherever the module asking is). */
export const siteUrl = (file) => new URL(file, document.baseURI);

/**
 * Marks the page busy while the worker has unanswered requests or results are still being laid
 * out (aria-busy for assistive tech).
 */
export function updateBusy() {
  const busy = state.awaiting.size > 0 || state.rendering;
  if (busy) document.body.dataset.busy = 'true';
  else delete document.body.dataset.busy;
  $('results').setAttribute('aria-busy', String(busy));
}

export function track(id, done) {
  if (done) state.awaiting.delete(id);
  else state.awaiting.add(id);
  updateBusy();
}

// ---------------------------------------------------------------------------------------------
// Timing: spans of a load (the worker's reading, its summary, the transfer, the render) and the
// wasm start-up become performance measures named `tilfreds:…`. They show in the browser's
// performance panel and bench/page.mjs reads them; nothing leaves the page.

/** Milliseconds since the epoch, comparable with the worker's (see worker.js `now`). */
export const now = () => performance.timeOrigin + performance.now();

/** Records the span from `start` to `end` (epoch milliseconds) as the measure `tilfreds:NAME`. */
export function span(name, start, end, detail) {
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
export function afterFrame() {
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
export async function runSliced(parts, current) {
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
export function* fill(parent, nodes) {
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

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (text only, never markup).

/**
 * A document that is never shown. When script changes the selection of a <select> that belongs
 * to the page, Chromium's form autofill reads every form control of the page again, and lays the
 * page out for it, in a task of its own (20-60 ms with a large file's results); a select
 * belonging to this document does not set it off. So selects are made here (el), and a select
 * already on the page is filled here (offPage); the page adopts them when they are inserted.
 * Made on first use, so that this module also loads where there is no document (node tests).
 */
let offstageDoc = null;
function offstage() {
  offstageDoc ||= document.implementation.createHTMLDocument('');
  return offstageDoc;
}

export function el(tag, props = {}, ...children) {
  const node = tag === 'select' ? offstage().createElement(tag) : document.createElement(tag);
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
export function offPage(node, change) {
  if (!node.isConnected || node.contains(document.activeElement)) {
    change(node);
    return;
  }
  const place = document.createComment('');
  node.replaceWith(place);
  offstage().body.append(node);
  try {
    change(node);
  } finally {
    place.replaceWith(node);
  }
}

export function clear(node) {
  node.replaceChildren();
}

export function tr(key, ...args) {
  return t(state.lang, key, ...args);
}

export function setStatus(key, ...args) {
  state.status = key ? { key, args } : null;
  $('status').textContent = key ? tr(key, ...args) : '';
}

export function showError(error) {
  state.error = error;
  const box = $('error');
  clear(box);
  if (error) box.append(el('p', { text: error[state.lang] || error.da }));
}

/**
 * Gives `select` the options `[value, text]` and the value `value`: a select with these options
 * already is left as it is (and keeps the focus), another is filled off the page (offPage).
 */
export function fillSelect(select, options, value) {
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

/** A data table with caption, column headers and row headers (the first cell of a row). */
export function dataTable(table, caption, id) {
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

export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, className: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
}

export function crashError() {
  return { code: 'crash', da: t('da', 'crashed'), en: t('en', 'crashed') };
}
