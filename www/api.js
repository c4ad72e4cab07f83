// The postMessage API for a page that embeds the app in an <iframe> (docs/EMBED.md).
//
// The embedding page names its origin in the app's URL: index.html?host=https://intranet.example
// (several: repeat `host` or separate with commas). Without it the API is off: the app listens
// to no message and posts none. Messages are accepted only from the parent window and only from
// a listed origin, and only in the documented shapes; everything else is ignored.
//
//   host → app  {type: 'tilfreds:analyze', file: File|Blob|ArrayBuffer|TypedArray, name?}
//               {type: 'tilfreds:mapping', mapping: [{column, kind?, exclude?}], by?}
//               {type: 'tilfreds:settings', lang?: 'da'|'en', minCell?: 1..1000}
//   app → host  {type: 'tilfreds:ready'}
//               {type: 'tilfreds:summary', summary}   aggregates only, never rows
//               {type: 'tilfreds:resize', height}     the page's height in CSS pixels
import { LANGS } from './i18n.js';
import { KINDS } from './core/protocol.js';
import { emit, state } from './core/store.js';

const MAX_NAME = 255;
const MAX_MAPPING = 10_000;
/** Column kinds whose per-value counts are aggregates of a scale or a grouping. */
const COUNTED_KINDS = new Set(['likert', 'category']);

/** The origins listed in `?host=`, normalised; invalid entries are dropped. */
export function allowedOrigins(search = location.search) {
  const origins = new Set();
  for (const value of new URLSearchParams(search).getAll('host')) {
    for (const part of value.split(',')) {
      try {
        const url = new URL(part.trim());
        if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== 'null') origins.add(url.origin);
      } catch {
        // not an origin
      }
    }
  }
  return origins;
}

/**
 * A copy of the summary with nothing that could identify a respondent: per-value counts only
 * for scales and groupings (never for personal data, identifiers, dates or free text), no
 * smallest/largest single values, and warnings as codes only.
 */
export function aggregatesOnly(summary) {
  const copy = JSON.parse(JSON.stringify(summary));
  copy.warnings = (copy.warnings || []).map((w) => ({ code: w && typeof w.code === 'string' ? w.code : 'warning' }));
  for (const column of copy.columns || []) {
    if (column.personal_data || !COUNTED_KINDS.has(column.kind)) {
      delete column.counts;
      delete column.percent;
      delete column.by;
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
 * Starts the API when the page is framed and `?host=` lists origins. It reads the page's store
 * and asks the page areas through the store's events (`choose`, `recompute`, `lang`).
 */
export function setup() {
  const origins = allowedOrigins();
  if (origins.size === 0 || window.parent === window) return;
  const parent = window.parent;
  const send = (message) => {
    for (const origin of origins) parent.postMessage(message, origin);
  };
  /** A mapping that arrived before any file; applied to the next file shown. */
  let pendingMapping = null;

  function applyMapping(overrides, by) {
    state.overrides = new Map(overrides.map((o) => [o.column, o]));
    if (typeof by === 'string' || by === null) state.by = by || '';
    emit('recompute');
  }

  window.addEventListener('message', (event) => {
    if (event.source !== parent || !origins.has(event.origin)) return;
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    switch (msg.type) {
      case 'tilfreds:analyze': {
        const file = fileOf(msg);
        if (file && document.body.dataset.ready === 'true') emit('choose', [file]);
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
          state.minCell = msg.minCell;
          const input = document.getElementById('min-cell');
          if (input) input.value = String(msg.minCell);
        }
        if (msg.lang !== undefined && msg.lang !== state.lang) emit('lang', msg.lang);
        else if (msg.minCell !== undefined) emit('recompute');
        break;
      }
      default:
        break;
    }
  });

  // Ready, and each new summary on screen, are read from the marks the page sets on <body>.
  let wasReady = false;
  let lastRendered = document.body.dataset.rendered || '';
  const observe = () => {
    const ready = document.body.dataset.ready === 'true';
    if (ready && !wasReady) send({ type: 'tilfreds:ready' });
    wasReady = ready;
    const rendered = document.body.dataset.rendered || '';
    if (rendered !== lastRendered && state.summary) {
      lastRendered = rendered;
      if (pendingMapping) {
        const { overrides, by } = pendingMapping;
        pendingMapping = null;
        applyMapping(overrides, by);
      }
      send({ type: 'tilfreds:summary', summary: aggregatesOnly(state.summary) });
    }
  };
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
