// The page's one state: what is loaded, the options asked for and what is on screen. Every
// module reads it from here; `on`/`emit` tell the page areas about events they did not cause
// (a file loaded, a worker message only they understand), so no area calls into another.

export const state = {
  lang: 'da',
  wasmReady: false,
  worker: null,
  workerReady: false,
  nextId: 1,
  /** The load in progress: { id, file, fresh, source, noHeader }. */
  pending: null,
  /** Id of the latest recompute request. */
  latestSummaryId: 0,
  files: [],
  /** The file whose results are on screen. */
  current: null,
  /** The file on screen was read with its first row as answers (no header row). */
  noHeader: false,
  /** The sheet of the Excel workbook on screen that was read; null for other files. */
  sheet: null,
  fileName: '',
  summary: null,
  /** The views of the summary: { lang, overview, questions }, laid out by the worker. */
  views: null,
  overrides: new Map(),
  by: '',
  /** The order of the groups in breakdowns: 'natural', 'result' or 'name'. */
  groupOrder: 'natural',
  /** What the breakdown charts show: 'top2', 'mean' or 'distribution'. */
  breakdownShow: 'top2',
  minCell: 5,
  /** The smallest minimum cell size allowed here (raised by an embedding host's settings). */
  minCellFloor: 3,
  /** The file on screen's load: { id, source: 'user' | 'host' }, one object per new file. */
  loaded: null,
  /** The columns of the file on screen as recognised, before anyone's choices: name → column. */
  recognised: new Map(),
  /** Where the page is shown, when framed: { host, allowed } (later/api.js). */
  embedded: null,
  /** The question on screen whether to share a load's results: { load, host }. */
  shareAsk: null,
  /** The load whose results the user chose not to share (not asked again). */
  shareDeclined: null,
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

/** Listeners by event name. */
const listeners = new Map();

/** Calls `listener(...args)` on every `emit(event, ...args)`. */
export function on(event, listener) {
  if (!listeners.has(event)) listeners.set(event, []);
  listeners.get(event).push(listener);
}

/** Tells the listeners of `event`; returns what they returned, in the order they were added. */
export function emit(event, ...args) {
  return (listeners.get(event) || []).map((listener) => listener(...args));
}

/** Passes `value` through the listeners of `event` in turn, each returning the new value. */
export function pipe(event, value) {
  return (listeners.get(event) || []).reduce((out, listener) => listener(out), value);
}
