// The postMessage API for a page that embeds the app in an <iframe> (docs/EMBED.md).
//
// Which pages may embed the app is the deployment's choice, never the URL's: `./build.sh dist`
// writes the allowed host origins into index.html (<meta name="tilfreds-hosts">), and the server
// sends the same list as `frame-ancestors`. Without a list the API is off: the app listens to no
// message and posts none. It is off too when the browser names a framing page that is not on the
// list (location.ancestorOrigins); the page then says so. Messages are accepted only from the
// parent window, only from a listed origin, and only in the documented shapes.
//
//   host → app  {type: 'tilfreds:analyze', file: File|Blob|ArrayBuffer|TypedArray, name?}
//               {type: 'tilfreds:mapping', mapping: [{column, kind?, exclude?}], by?}
//               {type: 'tilfreds:settings', lang?: 'da'|'en', minCell?: 1..1000}
//   app → host  {type: 'tilfreds:ready'}
//               {type: 'tilfreds:summary', summary}   aggregates only, never rows
//               {type: 'tilfreds:resize', height}     the page's height in CSS pixels
//
// What the host may ask is clamped: it may raise the minimum cell size, never lower it; it may
// group only by a column the page itself offers as a grouping; it may never turn an id, a date,
// a number, free text or personal data into counted answers. Results of a file the user chose
// inside the frame are sent only once the user has agreed.
import { LANGS } from '../i18n.js';
import { EMBEDDED_MIN_CELL_FLOOR, KINDS } from '../core/protocol.js';
import { groupingColumns, plainKindChange } from '../core/columns.js';
import { emit, on, state } from '../core/store.js';

const MAX_NAME = 255;
const MAX_MAPPING = 10_000;
/** The smallest minimum cell size a host can ask for: the page's own default. */
export const MIN_CELL_FLOOR = EMBEDDED_MIN_CELL_FLOOR;
/** Column kinds whose per-value counts are aggregates of a scale or a grouping. */
const COUNTED_KINDS = new Set(['likert', 'category']);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The deployment's list: the content of <meta name="tilfreds-hosts">, or '' without one. */
function deployedHosts() {
  const meta = document.querySelector('meta[name="tilfreds-hosts"]');
  return meta ? meta.getAttribute('content') || '' : '';
}

/**
 * The host origins in `list` (separated by spaces or commas), normalised: `https:` origins, and
 * `http:` only on this machine (loopback, for tests); anything else is dropped.
 */
export function allowedOrigins(list = deployedHosts()) {
  const origins = new Set();
  for (const part of list.split(/[\s,]+/)) {
    if (!part) continue;
    try {
      const url = new URL(part);
      const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
      if ((url.protocol === 'https:' || local) && url.origin !== 'null') origins.add(url.origin);
    } catch {
      // not an origin
    }
  }
  return origins;
}

/**
 * How this page is framed, given the origins of the pages around it (innermost first, as
 * location.ancestorOrigins lists them; null where the browser does not tell) and the allowed
 * origins: 'top' (not framed), 'allowed', 'unknown' (framed, the browser does not say by whom),
 * or the origin of the first framing page that is not allowed.
 */
export function framing(framed, ancestors, origins) {
  if (!framed) return 'top';
  if (!ancestors) return 'unknown';
  for (const origin of ancestors) if (!origins.has(origin)) return origin;
  return 'allowed';
}

/** A copy of `counts` (label → count or null) without the labels of withheld values. */
function shownOnly(counts) {
  if (!counts || typeof counts !== 'object') return counts;
  return Object.fromEntries(Object.entries(counts).filter(([, value]) => value !== null));
}

/**
 * A copy of the summary with nothing that could identify a respondent: per-value counts only
 * for scales and groupings (never for personal data, identifiers, dates or free text), no labels
 * of withheld values or groups (only how many there were), no smallest/largest single values,
 * and warnings as codes only.
 */
export function aggregatesOnly(summary) {
  const copy = JSON.parse(JSON.stringify(summary));
  copy.warnings = (copy.warnings || []).map((w) => ({ code: w && typeof w.code === 'string' ? w.code : 'warning' }));
  for (const column of copy.columns || []) {
    if (column.personal_data || !COUNTED_KINDS.has(column.kind)) {
      delete column.counts;
      delete column.pct;
      delete column.percent;
      delete column.by;
    } else {
      for (const key of ['counts', 'pct', 'percent']) {
        if (!(key in column)) continue;
        const shown = shownOnly(column[key]);
        // The core withholds small values without their labels and counts them; a value left
        // with a null count (an older summary) is counted here too.
        if (key === 'counts' && column.counts) column.withheld_values = (column.withheld_values || 0) + Object.keys(column.counts).length - Object.keys(shown).length;
        column[key] = shown;
      }
      if (column.by && typeof column.by === 'object') {
        const groups = Object.entries(column.by);
        const shown = groups.filter(([, g]) => g && typeof g === 'object' && !g.suppressed);
        column.withheld_groups = (column.withheld_groups || 0) + groups.length - shown.length;
        column.by = Object.fromEntries(shown.map(([label, g]) => [label, g.counts ? { ...g, counts: shownOnly(g.counts) } : g]));
      }
    }
    if (column.numeric) {
      delete column.numeric.min;
      delete column.numeric.max;
    }
  }
  return copy;
}

/** The file of an analyze message, or null when the shape is wrong. */
function fileOf(msg) {
  if (msg.name !== undefined && (typeof msg.name !== 'string' || msg.name.length > MAX_NAME)) return null;
  const { file } = msg;
  const name = msg.name || (file instanceof File ? file.name : '') || 'data.csv';
  if (file instanceof Blob || file instanceof ArrayBuffer || ArrayBuffer.isView(file)) {
    return new File([file], name, { type: 'text/csv' });
  }
  return null;
}

/** The overrides of a mapping message, or null when the shape is wrong. */
function overridesOf(mapping) {
  if (!Array.isArray(mapping) || mapping.length > MAX_MAPPING) return null;
  const out = [];
  for (const entry of mapping) {
    if (!entry || typeof entry !== 'object' || typeof entry.column !== 'string') return null;
    if (entry.kind !== undefined && entry.kind !== null && !KINDS.includes(entry.kind)) return null;
    if (entry.exclude !== undefined && typeof entry.exclude !== 'boolean') return null;
    out.push({ column: entry.column, kind: entry.kind ?? null, exclude: entry.exclude === true, include_personal: false });
  }
  return out;
}

/**
 * The host's overrides as far as they are allowed for the columns `recognised` (name → the kind
 * and personal flag recognised in the file): a kind that would count an id, a date, a number,
 * free text or personal data value by value is dropped (the rest of the entry stays).
 */
export function clampOverrides(overrides, recognised) {
  return overrides.map((o) => (o.kind && !plainKindChange(recognised.get(o.column), o.kind) ? { ...o, kind: null } : o));
}

/**
 * The grouping the host asks for, if the page offers it for the summary `s` (see
 * core/columns.js groupingColumns); otherwise none.
 */
export function clampBy(by, s) {
  if (!by) return '';
  return groupingColumns(s).some((c) => c.name === by) ? by : '';
}

/** The minimum cell size for a host's `minCell`: never below the floor or the current one. */
export function clampMinCell(minCell, current) {
  return Math.max(minCell, MIN_CELL_FLOOR, current || 0);
}

/**
 * Starts the API when the page is framed by an allowed host. It reads the page's store and asks
 * the page areas through the store's events (`choose`, `recompute`, `lang`); it tells them
 * through `embedded` (the host's origin, or the origin of a framing page not allowed) and
 * `share-ask` (a load of a file the user chose, whose results wait for the user's consent;
 * `share` with that load says yes).
 */
export function setup() {
  const origins = allowedOrigins();
  const framed = window.parent !== window;
  const ancestors = location.ancestorOrigins ? [...location.ancestorOrigins] : null;
  const verdict = framing(framed, ancestors, origins);
  if (verdict === 'top') return;
  if (verdict !== 'allowed' && verdict !== 'unknown') {
    emit('embedded', { host: verdict, allowed: false });
    return;
  }
  if (origins.size === 0) {
    emit('embedded', { host: ancestors ? ancestors[0] : '', allowed: false });
    return;
  }
  const parent = window.parent;
  // Where the browser names the framing page, only it is written to; elsewhere the browser
  // delivers a message only to a listed origin that is really the parent.
  const targets = ancestors ? [ancestors[0]] : [...origins];
  const send = (message) => {
    for (const origin of targets) parent.postMessage(message, origin);
  };
  const hostName = ancestors ? ancestors[0] : [...origins].join(', ');
  state.minCellFloor = MIN_CELL_FLOOR;
  emit('embedded', { host: hostName, allowed: true });

  /** A mapping that arrived before any file; applied to the next file shown. */
  let pendingMapping = null;
  /** The host's own floor for the minimum cell size (raised by its settings). */
  let hostMinCell = MIN_CELL_FLOOR;

  function applyMapping(overrides, by) {
    const allowed = clampOverrides(overrides, state.recognised || new Map());
    state.overrides = new Map(allowed.map((o) => [o.column, o]));
    if (typeof by === 'string' || by === null) state.by = clampBy(by, state.summary);
    emit('recompute');
  }

  window.addEventListener('message', (event) => {
    if (event.source !== parent || !origins.has(event.origin) || !targets.includes(event.origin)) return;
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    switch (msg.type) {
      case 'tilfreds:analyze': {
        const file = fileOf(msg);
        if (file && document.body.dataset.ready === 'true') emit('choose', [file], 'host');
        break;
      }
      case 'tilfreds:mapping': {
        const overrides = overridesOf(msg.mapping);
        if (!overrides) break;
        if (msg.by !== undefined && msg.by !== null && typeof msg.by !== 'string') break;
        if (state.summary) applyMapping(overrides, msg.by);
        else pendingMapping = { overrides, by: msg.by };
        break;
      }
      case 'tilfreds:settings': {
        if (msg.lang !== undefined && !LANGS.includes(msg.lang)) break;
        if (msg.minCell !== undefined && !(Number.isInteger(msg.minCell) && msg.minCell >= 1 && msg.minCell <= 1000)) break;
        if (msg.minCell !== undefined) {
          hostMinCell = Math.max(hostMinCell, msg.minCell);
          state.minCellFloor = hostMinCell;
          state.minCell = clampMinCell(msg.minCell, state.minCell);
          const input = document.getElementById('min-cell');
          if (input) {
            input.min = String(state.minCellFloor);
            input.value = String(state.minCell);
          }
        }
        if (msg.lang !== undefined && msg.lang !== state.lang) emit('lang', msg.lang);
        else if (msg.minCell !== undefined) emit('recompute');
        break;
      }
      default:
        break;
    }
  });

  /** The load (state.loaded) whose results the user agreed to share, or the host sent. */
  let shared = null;
  // Ready, and each new summary on screen, are read from the marks the page sets on <body>.
  let wasReady = false;
  let lastRendered = document.body.dataset.rendered || '';
  const observe = () => {
    const ready = document.body.dataset.ready === 'true';
    if (ready && !wasReady) send({ type: 'tilfreds:ready' });
    wasReady = ready;
    const rendered = document.body.dataset.rendered || '';
    if (rendered === lastRendered || !state.summary) return;
    lastRendered = rendered;
    if (pendingMapping) {
      const { overrides, by } = pendingMapping;
      pendingMapping = null;
      applyMapping(overrides, by);
    }
    const load = state.loaded;
    if (load && load.source === 'host') shared = load;
    if (!load || load !== shared) {
      // A file the user chose: its results stay in the frame until the user agrees.
      if (load) emit('share-ask', load, hostName);
      return;
    }
    if (state.minCell < state.minCellFloor) return;
    send({ type: 'tilfreds:summary', summary: aggregatesOnly(state.summary) });
  };
  on('share', (load) => {
    shared = load;
    lastRendered = '';
    observe();
  });
  new MutationObserver(observe).observe(document.body, { attributes: true, attributeFilter: ['data-ready', 'data-rendered'] });
  observe();

  let lastHeight = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== lastHeight) {
      lastHeight = height;
      send({ type: 'tilfreds:resize', height });
    }
  }).observe(document.body);
}
