// The user's adjustments of a file: display names of questions, column kinds and exclusions,
// merged answer categories and answer scales the user defines. Headers-only choices (names,
// kinds, exclusions) are kept in localStorage under the file's header signature, each column by
// its place in the file (never its header text), and applied again when a file with the same
// headers is loaded. Merged categories and scales name answer
// values, so they are never stored by the page: they live only in the downloaded JSON file,
// which the user loads again explicitly.
import { KINDS } from '../core/protocol.js';
import { signature } from '../core/columns.js';
import { emit, state } from '../core/store.js';
import { el, setStatus, tr } from '../core/ui.js';

const KEY_PREFIX = 'tilfreds.mapping.';


/** The adjustments of the file on screen. */
let current = empty(null);
/** The column chosen for merging, kept across renders. */
let mergeColumn = '';
/** The column chosen for a scale and the order being edited, kept across renders. */
let scaleColumn = '';
let scaleDraft = null;

function empty(signature) {
  return { signature, renames: {}, kinds: {}, excludes: [], merges: {}, scales: {}, confirmed: [] };
}

/** Keeps only the known shapes of a stored or imported mapping (strings only). */
function clean(raw, sig) {
  const out = empty(sig);
  if (!raw || typeof raw !== 'object') return out;
  const str = (v) => typeof v === 'string';
  for (const [k, v] of Object.entries(raw.renames || {})) if (str(v) && v.trim()) out.renames[k] = v.trim();
  for (const [k, v] of Object.entries(raw.kinds || {})) if (KINDS.includes(v)) out.kinds[k] = v;
  if (Array.isArray(raw.excludes)) out.excludes = raw.excludes.filter(str);
  if (Array.isArray(raw.confirmed)) out.confirmed = raw.confirmed.filter(str);
  for (const [k, v] of Object.entries(raw.merges || {})) {
    if (!Array.isArray(v)) continue;
    const pairs = v.filter((p) => Array.isArray(p) && p.length === 2 && p.every(str) && p[1].trim());
    if (pairs.length) out.merges[k] = pairs;
  }
  for (const [k, v] of Object.entries(raw.scales || {})) {
    if (!Array.isArray(v)) continue;
    const labels = v.filter((l) => str(l) && l.trim());
    if (labels.length >= 2) out.scales[k] = labels;
  }
  return out;
}

function isEmpty(m) {
  return !Object.keys(m.renames).length && !Object.keys(m.kinds).length && !m.excludes.length && !Object.keys(m.merges).length && !Object.keys(m.scales).length && !m.confirmed.length;
}

/** The headers of the file whose adjustments are `current`, in file order. */
let headers = [];

/**
 * The stored form of the headers-only choices: columns by their place in the file, never by
 * their header text (a file with the same signature has the same headers in the same order).
 */
function toStored(m) {
  const at = (name) => headers.indexOf(name);
  const byIndex = (map) => Object.fromEntries(Object.entries(map).map(([k, v]) => [at(k), v]).filter(([i]) => i >= 0));
  return {
    tilfreds_mapping: 1,
    renames: byIndex(m.renames),
    kinds: byIndex(m.kinds),
    excludes: m.excludes.map(at).filter((i) => i >= 0),
    confirmed: m.confirmed.map(at).filter((i) => i >= 0),
  };
}

/** The stored choices (see toStored) with the columns named again by the headers of this file. */
function fromStored(raw) {
  if (!raw || typeof raw !== 'object') return null;
  const name = (i) => (/^\d+$/.test(String(i)) ? headers[Number(i)] : undefined);
  const byName = (map) => Object.fromEntries(Object.entries(map || {}).map(([k, v]) => [name(k), v]).filter(([k]) => k !== undefined));
  return {
    renames: byName(raw.renames),
    kinds: byName(raw.kinds),
    excludes: Array.isArray(raw.excludes) ? raw.excludes.map(name).filter((k) => k !== undefined) : [],
    confirmed: Array.isArray(raw.confirmed) ? raw.confirmed.map(name).filter((k) => k !== undefined) : [],
  };
}

function load(sig) {
  try {
    const text = localStorage.getItem(KEY_PREFIX + sig);
    return text ? clean(fromStored(JSON.parse(text)), sig) : empty(sig);
  } catch {
    return empty(sig);
  }
}

function save() {
  if (!current.signature) return;
  try {
    const key = KEY_PREFIX + current.signature;
    const stored = toStored(current);
    if (!Object.keys(stored.renames).length && !Object.keys(stored.kinds).length && !stored.excludes.length && !stored.confirmed.length) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(stored));
  } catch {
    // storage unavailable: the adjustments still apply until the page is closed
  }
}

function exported() {
  return {
    tilfreds_mapping: 1,
    signature: current.signature,
    renames: current.renames,
    kinds: current.kinds,
    excludes: current.excludes,
    confirmed: current.confirmed,
    merges: current.merges,
    scales: current.scales,
  };
}

/** The store's overrides with the merges and scales added (copies; the store's own objects are not changed). */
export function overrides(list) {
  const out = (list || []).map((o) => ({ ...o }));
  const entry = (column) => {
    let o = out.find((x) => x.column === column);
    if (!o) {
      o = { column, kind: null, exclude: false, include_personal: false };
      out.push(o);
    }
    return o;
  };
  for (const [column, merge] of Object.entries(current.merges)) entry(column).merge = merge;
  for (const [column, scale] of Object.entries(current.scales)) entry(column).scale = scale;
  for (const column of current.confirmed) entry(column).scale_confirmed = true;
  return out;
}

/**
 * Confirms the scale recognition guessed for the column `name` (one step): remembered for files
 * with the same headers by the column's place, like names and kinds (it names no answer value).
 */
export function confirmScale(name) {
  if (!current.confirmed.includes(name)) current.confirmed.push(name);
  save();
  setStatus('mappingSaved');
  emit('recompute');
}

/** Opens the adjustments at the scale of column `name`, to set its steps by hand. */
export function editScale(name) {
  scaleColumn = name;
  const box = document.getElementById('mapping-box');
  if (!box) return;
  box.open = true;
  const filled = state.summary ? render(state.summary) : null;
  Promise.resolve(filled).then(() => {
    const select = document.getElementById('scale-column');
    if (select) {
      select.value = name;
      select.dispatchEvent(new Event('change'));
      select.focus();
    }
  });
}

/** Forgets which file the adjustments belong to (a file has been loaded afresh). */
export function reset() {
  current = empty(null);
  scaleDraft = null;
}

export function displayName(name) {
  return current.renames[name] || name;
}

/** Puts stored kinds and exclusions into the store's overrides. */
function applyToOverrides() {
  const { overrides: map } = state;
  for (const [column, kind] of Object.entries(current.kinds)) {
    const o = map.get(column) || { column, kind: null, exclude: false, include_personal: false };
    o.kind = kind;
    map.set(column, o);
  }
  for (const column of current.excludes) {
    const o = map.get(column) || { column, kind: null, exclude: false, include_personal: false };
    o.exclude = true;
    map.set(column, o);
  }
}

/** Takes the user's kinds and exclusions from the store's overrides (never include_personal). */
function snapshot(s) {
  const kinds = {};
  const excludes = [];
  for (const o of state.overrides.values()) {
    const col = s.columns.find((c) => c.name === o.column);
    if (!col) continue;
    if (o.kind) kinds[o.column] = o.kind;
    if (o.exclude && !col.personal_data) excludes.push(o.column);
  }
  const changed = JSON.stringify(kinds) !== JSON.stringify(current.kinds) || JSON.stringify(excludes) !== JSON.stringify(current.excludes);
  if (changed) {
    current.kinds = kinds;
    current.excludes = excludes;
    save();
  }
}

/**
 * Called first on every render, before anything is shown. A file with new headers gets its
 * stored adjustments (and a recompute when they change the figures); otherwise the user's column
 * choices are saved. The overview chart's rows get their display names.
 */
export function prepare(s) {
  const sig = signature(s.columns.map((c) => c.name));
  if (sig !== current.signature) {
    headers = s.columns.map((c) => c.name);
    current = load(sig);
    if (!isEmpty(current)) {
      applyToOverrides();
      queueMicrotask(() => setStatus('mappingApplied'));
      if (Object.keys(current.kinds).length || current.excludes.length || current.confirmed.length || Object.keys(current.merges).length || Object.keys(current.scales).length) {
        emit('recompute');
      }
    }
  } else {
    snapshot(s);
  }
  renameOverviewRows();
}

/**
 * Called on every render once the questions are on the page: display names, and the panel when
 * it is open. A closed panel is filled when it is opened (its many form controls would otherwise
 * cost every render, and Chromium's autofill reads them all after each change of the page).
 */
export function render(s) {
  applyRenames();
  const box = panel();
  if (box.open) {
    panelFor = null;
    return renderPanel(s);
  }
  panelFor = s;
  box.firstElementChild.textContent = tr('mappingHeading');
  for (const child of [...box.children]) if (child !== box.firstElementChild) child.remove();
  return null;
}

/** The summary the closed panel is still to be filled for. */
let panelFor = null;

function fillPanel() {
  if (!panelFor) return;
  const s = panelFor;
  panelFor = null;
  renderPanel(s);
}

/** Display names in the overview chart's rows (before it is drawn). */
function renameOverviewRows() {
  if (!Object.keys(current.renames).length) return;
  const { views, summary } = state;
  const overview = views && views.overview;
  if (!overview || !overview.chart) return;
  overview.columns.forEach((index, i) => {
    const col = summary.columns.find((c) => c.index === index);
    if (col && overview.chart.rows && overview.chart.rows[i]) overview.chart.rows[i].label = displayName(col.name);
  });
}

/** Display names in the question headings and the overview table. */
function applyRenames() {
  if (!Object.keys(current.renames).length) return;
  const { views, summary } = state;
  for (const section of document.querySelectorAll('#questions section[data-column]')) {
    const col = summary.columns.find((c) => String(c.index) === section.dataset.column);
    const h = section.querySelector('h4');
    if (col && h) h.textContent = displayName(col.name);
  }
  const overview = views && views.overview;
  if (overview && overview.chart) {
    for (const th of document.querySelectorAll('#overview-table tbody th')) {
      const col = summary.columns.find((c) => c.name === th.textContent);
      if (col) th.textContent = displayName(col.name);
    }
  }
}

function panel() {
  let box = document.getElementById('mapping-box');
  if (!box) {
    // Filled as it opens: on the click (before the browser opens it, so it opens filled) and on
    // `toggle` (opened some other way).
    const summary = el('summary', { text: tr('mappingHeading'), onclick: fillPanel });
    box = el('details', { id: 'mapping-box', className: 'columns-box mapping' }, summary);
    box.addEventListener('toggle', () => {
      if (box.open) fillPanel();
    });
    document.getElementById('columns-box').after(box);
  }
  return box;
}

/**
 * What the panel's module (later/mapping-panel.js) reads and changes of these adjustments. The
 * panel is fetched the first time it is opened: most visits never open it.
 */
const panelState = {
  get current() { return current; },
  set current(value) { current = value; },
  get mergeColumn() { return mergeColumn; },
  set mergeColumn(value) { mergeColumn = value; },
  get scaleColumn() { return scaleColumn; },
  set scaleColumn(value) { scaleColumn = value; },
  get scaleDraft() { return scaleDraft; },
  set scaleDraft(value) { scaleDraft = value; },
  empty,
  clean,
  save,
  exported,
  applyToOverrides,
  panel,
};

/** Fills the open panel for the summary `s`; resolves once it is filled. */
function renderPanel(s) {
  return import('../later/mapping-panel.js').then((m) => m.renderPanel(s, panelState));
}
