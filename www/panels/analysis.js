// The deeper analyses on the page: several files (SurveyXact joined, combined, or compared as
// waves), the cross-table with its heat map, weighted figures, multi-select questions, the
// response rate, and the printable report. setup() subscribes to the store's events; the
// numbers are computed in the worker (analysis-worker.js) and drawn by the wasm module.
import { draw_chart, parse_count } from '../pkg/tilfreds_web.js';
import { chartSvg, secondModule, SECOND_UNAVAILABLE } from '../core/second.js';
import { formatCount, formatDecimal, formatPct } from '../i18n.js';
import { MSG } from '../core/protocol.js';
import { on, state } from '../core/store.js';
import { $, clear, dataTable, el, fillSelect, setStatus, showError, tr } from '../core/ui.js';
import { chartFigure, drawCharts } from '../core/charts.js';
import { headerKey } from '../core/columns.js';
import * as mapping from './mapping.js';
import { post, recompute } from './load.js';

/** Questions matched across waves, as pairs of header signatures (never the headers). */
const WAVE_MAP_KEY = 'tilfreds.waveMatches';


const mine = {
  /** The merges and scales of the latest summary asked for, as text (part of the result keys). */
  adjustments: '[]',
  /** The files of the latest multi-file drop and whether they can be combined. */
  multi: null,
  /** The latest wave comparison from the worker. */
  waves: null,
  wavesId: 0,
  crossRow: null,
  crossCol: null,
  crossShow: 'row_pct',
  /** { key, result } of the latest cross-table. */
  cross: null,
  crossId: 0,
  weight: '',
  /** { key, result } of the latest weighted figures. */
  weighted: null,
  weightedId: 0,
  invited: null,
};

const dpr = () => window.devicePixelRatio || 1;

export function setup() {
  on('options', extendOptions);
  on('files', chooseFiles);
  on('loaded', onLoaded);
  on('message', onMessage);
  // The page switches language by setting <html lang>; the wave view is laid out again then.
  new MutationObserver(() => {
    if (mine.multi) renderMultiChoice();
    if (mine.waves && !$('waves-view').hidden) requestCompare();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  addControls();
}


/** Extra summary options: the number invited and the user's merges and kinds. */
export function extendOptions(options) {
  const out = { ...options, overrides: mapping.overrides(options.overrides) };
  if (mine.invited) out.invited = mine.invited;
  // The worker's cross-table and weighted figures count the merges and scales of the latest
  // summary: a result computed before they changed is not reused.
  mine.adjustments = JSON.stringify(
    out.overrides.filter((o) => o.merge?.length || o.scale?.length).map((o) => [o.column, o.merge || [], o.scale || []]),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Several files.

/** Takes over a drop of several files; false for a single file. */
export function chooseFiles(files) {
  if (files.length < 2) return false;
  const id = state.nextId++;
  state.pending = { id, file: null, fresh: true };
  state.files = files;
  mine.multi = null;
  $('file-pick-row').hidden = true;
  multiBox().hidden = true;
  showError(null);
  setStatus('multiReading', files.length);
  post({
    type: MSG.MULTI,
    id,
    files,
    options: extendOptions({ by: null, min_cell: state.minCell, overrides: [] }),
    lang: state.lang,
  });
  return true;
}

function multiBox() {
  let box = $('multi-choice');
  if (!box) {
    box = el('div', { id: 'multi-choice', className: 'multi-choice', hidden: true });
    $('error').after(box);
  }
  return box;
}

function renderMultiChoice() {
  const box = multiBox();
  clear(box);
  const m = mine.multi;
  if (!m) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const names = m.names.join(', ');
  const verdict = m.check[state.lang] || m.check.da;
  box.append(
    el('h3', { text: tr('multiHeading') }),
    el('p', { text: tr('multiIntro', names) }),
    el('p', { className: 'verdict', text: verdict }),
    el(
      'div',
      { className: 'actions' },
      el('button', { type: 'button', id: 'combine', text: tr('combine'), disabled: !m.check.combinable, onclick: combine }),
      el('button', { type: 'button', id: 'compare-waves', text: tr('compareWaves'), onclick: () => requestCompare(true) }),
    ),
  );
}

function combine() {
  const id = state.nextId++;
  state.pending = { id, file: null, fresh: true };
  wavesView().hidden = true;
  post({
    type: MSG.COMBINE,
    id,
    name: mine.multi.names.join(' + '),
    options: extendOptions({ by: 'Fil', min_cell: state.minCell, overrides: [] }),
    lang: state.lang,
  });
}

function savedPairs() {
  try {
    const pairs = JSON.parse(localStorage.getItem(WAVE_MAP_KEY) || '[]');
    return Array.isArray(pairs) ? pairs.filter((p) => Array.isArray(p) && p.length === 2 && p.every((h) => typeof h === 'string')) : [];
  } catch {
    return [];
  }
}

function savePairs(pairs) {
  try {
    if (pairs.length) localStorage.setItem(WAVE_MAP_KEY, JSON.stringify(pairs));
    else localStorage.removeItem(WAVE_MAP_KEY);
  } catch {
    // not remembered; still applied now
  }
}

function requestCompare(focus) {
  const id = state.nextId++;
  mine.wavesId = id;
  mine.focusWaves = Boolean(focus);
  post({ type: MSG.COMPARE, id, minCell: state.minCell, mapping: savedPairs(), lang: state.lang });
}

function wavesView() {
  let view = $('waves-view');
  if (!view) {
    view = el('section', { id: 'waves-view', className: 'results', 'aria-labelledby': 'waves-heading', hidden: true });
    $('results').before(view);
  }
  return view;
}

/** The second module's glue, which draws the wave charts (see core/second.js). */
let waveGlue = null;

function renderWaves() {
  const view = wavesView();
  clear(view);
  const w = mine.waves;
  const lang = state.lang;
  $('results').hidden = true;
  view.hidden = false;
  view.append(el('h2', { id: 'waves-heading', tabindex: '-1', text: tr('wavesHeading') }));
  const files = w.waves.map((name, i) => `${name} (${w.rows[i] == null ? tr('tooFew') : formatCount(w.rows[i], lang)})`).join(', ');
  view.append(el('dl', { className: 'facts' }, el('div', {}, el('dt', { text: tr('wavesFiles') }), el('dd', { text: files }))));

  const unmatched = w.questions.filter((q) => q.present.some((p) => p === null));
  if (unmatched.length > 0 || savedPairs().length > 0) view.append(unmatchedPanel(unmatched));

  const overview = el('section', { className: 'panel chart-block', 'aria-labelledby': 'waves-overview-heading' });
  overview.append(
    el('h3', { id: 'waves-overview-heading', text: tr('wavesOverview') }),
    chartFigure({
      key: lang === 'da' ? 'maalinger' : 'waves',
      title: tr('wavesOverview'),
      draw: (canvas, width) => waveGlue.draw_chart(canvas, 'waves', w.overview.top2, width, lang, dpr()),
      svg: (width) => chartSvg('waves', w.overview.top2, width, lang),
      table: w.table,
    }),
    dataTable(w.table, tr('tableOf', tr('wavesTable')), 'waves-table'),
  );
  view.append(overview);

  w.questions.forEach((q, i) => {
    if (q.present.filter((p) => p !== null).length < 2) return;
    const headingId = `wave-q-${i}-heading`;
    const section = el('section', { className: 'panel question wave-question', 'aria-labelledby': headingId, 'data-question': String(i) });
    section.append(
      el('h4', { id: headingId, text: q.question }),
      chartFigure({
        key: `${lang === 'da' ? 'maaling-spm' : 'wave-q'}-${i + 1}`,
        title: q.question,
        draw: (canvas, width) => waveGlue.draw_chart(canvas, 'waves', q.top2, width, lang, dpr()),
        svg: (width) => chartSvg('waves', q.top2, width, lang),
        table: q.table,
      }),
      dataTable(q.table, tr('tableOf', q.question), `wave-q-${i}-table`),
    );
    for (const text of q.texts) section.append(el('p', { className: 'test-text change-text', text }));
    if (q.scale_changed) section.append(el('p', { className: 'note', text: tr('scaleChanged') }));
    view.append(section);
  });
  view.append(el(
    'p',
    { className: 'report-actions' },
    el('button', { type: 'button', id: 'waves-report-open', text: tr('report'), onclick: () => import('../later/report.js').then((m) => m.openWavesReport(w)) }),
    el('button', { type: 'button', text: tr('wavesBack'), onclick: () => {
      view.hidden = true;
      $('load').scrollIntoView();
    } }),
  ));
  if (mine.focusWaves) $('waves-heading').focus();
  drawCharts().then(() => {
    document.body.dataset.wavesRendered = String(Number(document.body.dataset.wavesRendered || 0) + 1);
  });
}

function unmatchedPanel(unmatched) {
  const panel = el('section', { className: 'panel unmatched', 'aria-labelledby': 'unmatched-heading' });
  panel.append(el('h3', { id: 'unmatched-heading', text: tr('unmatchedHeading') }), el('p', { text: tr('unmatchedIntro') }));
  unmatched.forEach((q, i) => {
    // Candidates: other unmatched questions asked only in waves where this one is missing.
    const candidates = unmatched.filter((r) => r !== q && r.present.every((p, w) => p === null || q.present[w] === null));
    if (candidates.length === 0) return;
    const id = `match-${i}`;
    const select = el('select', {
      id,
      onchange: (e) => {
        if (!e.target.value) return;
        savePairs([...savedPairs(), [headerKey(q.question), headerKey(e.target.value)]]);
        requestCompare(false);
      },
    });
    select.append(el('option', { value: '', text: tr('notMatched') }));
    for (const r of candidates) select.append(el('option', { value: r.question, text: r.question }));
    panel.append(el('p', { className: 'control' }, el('label', { for: id, text: tr('sameAs', q.question) }), select));
  });
  if (savedPairs().length > 0) {
    panel.append(el('p', {}, el('button', { type: 'button', text: tr('forgetMatches'), onclick: () => {
      savePairs([]);
      requestCompare(false);
    } })));
  }
  return panel;
}

// ---------------------------------------------------------------------------------------------
// Messages from the worker.

/** Handles the worker's answers to this module's requests. */
export function onMessage(msg) {
  switch (msg.type) {
    case MSG.MULTI:
      if (state.pending && msg.id === state.pending.id) {
        state.pending = null;
        setStatus(null);
        mine.multi = { names: msg.names, check: msg.check };
        renderMultiChoice();
        $('compare-waves')?.focus();
      }
      break;
    case MSG.WAVES:
      if (msg.id === mine.wavesId) {
        mine.waves = msg.result;
        // Several files were read by the second module, so it is at hand (or cached).
        secondModule().then((module) => {
          waveGlue = module;
          if (mine.waves === msg.result) renderWaves();
        }, () => showError(SECOND_UNAVAILABLE));
      }
      break;
    case MSG.CROSSTAB:
      if (msg.id === mine.crossId) {
        mine.cross = { key: mine.crossKey, result: msg.result };
        renderCrossBody();
      }
      break;
    case MSG.WEIGHTED:
      if (msg.id === mine.weightedId) {
        mine.weighted = { key: mine.weightedKey, result: msg.result };
        renderWeighted();
      }
      break;
    default:
      break;
  }
}

/** A file (or the combined files) has been loaded (the store's `loaded` event). */
export function onLoaded(msg, fresh) {
  // After load.js's own status for the load.
  if (msg.combined) queueMicrotask(() => setStatus('combined', msg.name));
  else if (msg.surveyxact) queueMicrotask(() => setStatus('surveyxactJoined'));
  if (fresh) mapping.reset();
  if (!msg.combined) {
    mine.multi = null;
    renderMultiChoice();
  }
  const view = $('waves-view');
  if (view) view.hidden = true;
  mine.cross = null;
  mine.weighted = null;
  mine.weight = '';
  if (fresh) {
    mine.crossRow = null;
    mine.crossCol = null;
    mine.invited = null;
    const invited = $('invited');
    if (invited) invited.value = '';
  }
}

// ---------------------------------------------------------------------------------------------
// Controls: weight, number invited, report.

function addControls() {
  const row = document.querySelector('.controls .control-row');
  if (!row || $('weight')) return;
  row.append(
    el('p', { className: 'control' }, el('label', { for: 'weight', 'data-i18n': 'weight', text: tr('weight') }), el('select', {
      id: 'weight',
      onchange: (e) => {
        mine.weight = e.target.value;
        mine.weighted = null;
        renderWeighted();
        requestWeighted();
      },
    })),
    el('p', { className: 'control' }, el('label', { for: 'invited', 'data-i18n': 'invited', text: tr('invited') }), el('input', {
      // Text, not a number field: "17.177" typed the Danish way is read by the core's number
      // grammar as 17177, where a number field would read 17.177.
      type: 'text',
      id: 'invited',
      inputmode: 'numeric',
      autocomplete: 'off',
      onchange: (e) => {
        const n = parse_count(e.target.value);
        mine.invited = n !== undefined && n > 0 ? n : null;
        e.target.value = mine.invited ? formatCount(mine.invited, state.lang) : '';
        recompute();
      },
    })),
    el('p', { className: 'control report-control' }, el('button', {
      type: 'button',
      id: 'report-open',
      'data-i18n': 'report',
      text: tr('report'),
      // The report's module is fetched when a report is first asked for.
      onclick: () => import('../later/report.js').then((m) => m.openReport(reportExtras())),
    })),
  );
}

function renderWeightSelect(s) {
  const select = $('weight');
  if (!select) return;
  const options = [['', tr('weightNone')]];
  for (const col of s.columns) {
    const numericValues = col.kind === 'category' && col.counts
      && Object.keys(col.counts).every((v) => /^\s*\d+([.,]\d+)?\s*$/.test(v));
    if ((col.kind === 'number' || numericValues) && !col.excluded && !col.personal_data) {
      options.push([String(col.index), col.name]);
    }
  }
  if (!options.some(([value]) => value === mine.weight)) mine.weight = '';
  fillSelect(select, options, mine.weight);
}

function renderResponse(s) {
  const dl = $('facts');
  if (!s.response || !dl) return;
  const lang = state.lang;
  const r = s.response;
  for (const [term, value] of [
    [tr('factInvited'), formatCount(r.invited, lang)],
    [tr('factRate'), formatPct(r.rate_pct, lang)],
    [tr('factMoe'), tr('moeValue', formatDecimal(r.margin_of_error_pct, 1, lang))],
  ]) {
    dl.append(el('div', { className: 'response-fact' }, el('dt', { text: term }), el('dd', { text: value })));
  }
}

// ---------------------------------------------------------------------------------------------
// Weighted figures.

function columnIndex(s, name) {
  const col = s.columns.find((c) => c.name === name);
  return col ? col.index : null;
}

function requestWeighted() {
  const s = state.summary;
  if (!mine.weight || !s) return;
  const by = s.by ? columnIndex(s, s.by) : null;
  const key = `${mine.weight}|${by}|${s.min_cell}|${state.lang}|${mine.adjustments}`;
  if (mine.weighted && mine.weighted.key === key) {
    renderWeighted();
    return;
  }
  const id = state.nextId++;
  mine.weightedId = id;
  mine.weightedKey = key;
  post({ type: MSG.WEIGHTED, id, weight: Number(mine.weight), by, minCell: s.min_cell, lang: state.lang });
}

function renderWeighted() {
  for (const old of document.querySelectorAll('#questions .weighted')) old.remove();
  const w = mine.weighted;
  if (!mine.weight || !w) return;
  const s = state.summary;
  const lang = state.lang;
  const weightName = s.columns.find((c) => String(c.index) === mine.weight)?.name || '';
  if (w.result.error) {
    $('questions').prepend(el('p', { className: 'weighted error-text', role: 'alert', text: w.result.error[lang] || w.result.error.da }));
    return;
  }
  for (const q of w.result.questions) {
    const section = document.querySelector(`#questions section[data-column="${q.index}"]`);
    if (!section) continue;
    const box = el('div', { className: 'weighted', 'data-weighted': String(q.index) });
    box.append(el('h5', { text: tr('weightedHeading', weightName) }));
    const facts = el('dl', { className: 'facts' });
    for (const [term, value] of q.facts) facts.append(el('div', {}, el('dt', { text: term }), el('dd', { text: value })));
    box.append(facts);
    if (q.chart && q.table) {
      const heading = tr('weightedBreakdown', s.by || '');
      box.append(
        el('h5', { text: heading }),
        chartFigure({
          key: `spm-${q.index + 1}-${lang === 'da' ? 'vaegtet' : 'weighted'}`,
          title: `${q.question} – ${heading}`,
          draw: (canvas, width) => draw_chart(canvas, 'groups', q.chart, width, lang, dpr()),
          svg: (width) => chartSvg('groups', q.chart, width, lang),
          table: q.table,
        }),
        dataTable(q.table, tr('tableOf', `${q.question} – ${heading}`), `q-${q.index}-weighted-table`),
      );
    }
    section.append(box);
  }
  drawCharts().then(() => {
    document.body.dataset.weighted = String(Number(document.body.dataset.weighted || 0) + 1);
  });
}

// ---------------------------------------------------------------------------------------------
// Cross-table.

function crossCandidates(s) {
  return s.columns.filter(
    (c) => (c.kind === 'category' || c.kind === 'likert') && !c.excluded && !c.personal_data && !c.part_of,
  );
}

function crossBox() {
  let box = $('crosstab-box');
  if (!box) {
    box = el('section', { id: 'crosstab-box', className: 'panel', 'aria-labelledby': 'crosstab-heading' });
    $('groups-box').after(box);
  }
  return box;
}

function renderCross(s) {
  const box = crossBox();
  clear(box);
  const candidates = crossCandidates(s);
  box.hidden = candidates.length < 2;
  if (box.hidden) return;
  // Nothing is tabulated until the user has chosen both columns.
  const ids = candidates.map((c) => c.index);
  if (!ids.includes(mine.crossRow)) mine.crossRow = null;
  if (!ids.includes(mine.crossCol)) mine.crossCol = null;
  const select = (id, label, value, onchange) => {
    const node = el('select', { id, onchange });
    node.append(el('option', { value: '', text: tr('crossChoose') }));
    for (const c of candidates) node.append(el('option', { value: String(c.index), text: c.name }));
    node.value = value === null ? '' : String(value);
    return el('p', { className: 'control' }, el('label', { for: id, text: label }), node);
  };
  const shows = [['counts', 'showCounts'], ['row_pct', 'showRow'], ['col_pct', 'showCol']];
  const fieldset = el('fieldset', { className: 'control switch' }, el('legend', { text: tr('crossShow') }));
  for (const [value, key] of shows) {
    const id = `ct-show-${value}`;
    const radio = el('input', {
      type: 'radio', name: 'ct-show', id, value, checked: mine.crossShow === value,
      onchange: () => {
        mine.crossShow = value;
        renderCrossBody();
      },
    });
    fieldset.append(el('span', { className: 'radio' }, radio, el('label', { for: id, text: tr(key) })));
  }
  box.append(
    el('h3', { id: 'crosstab-heading', text: tr('crossHeading') }),
    el(
      'div',
      { className: 'control-row' },
      select('ct-row', tr('crossRows'), mine.crossRow, (e) => {
        mine.crossRow = e.target.value === '' ? null : Number(e.target.value);
        requestCross();
      }),
      select('ct-col', tr('crossCols'), mine.crossCol, (e) => {
        mine.crossCol = e.target.value === '' ? null : Number(e.target.value);
        requestCross();
      }),
      fieldset,
    ),
    el('div', { id: 'ct-body', 'aria-live': 'polite' }),
  );
  requestCross();
}

function requestCross() {
  const s = state.summary;
  if (mine.crossRow === null || mine.crossCol === null || mine.crossRow === mine.crossCol) {
    mine.cross = null;
    renderCrossBody();
    return;
  }
  const key = `${mine.crossRow}|${mine.crossCol}|${s.min_cell}|${mine.adjustments}`;
  if (mine.cross && mine.cross.key === key) {
    renderCrossBody();
    return;
  }
  const id = state.nextId++;
  mine.crossId = id;
  mine.crossKey = key;
  post({ type: MSG.CROSSTAB, id, row: mine.crossRow, col: mine.crossCol, minCell: s.min_cell });
}

function renderCrossBody() {
  const body = $('ct-body');
  if (!body) return;
  clear(body);
  const lang = state.lang;
  if (!mine.cross || mine.crossRow === null || mine.crossCol === null || mine.crossRow === mine.crossCol) {
    body.append(el('p', { text: tr('crossNone') }));
    return;
  }
  const r = mine.cross.result;
  if (r.error) {
    body.append(el('p', { className: 'error-text', text: r.error[lang] || r.error.da }));
    return;
  }
  const ct = r.crosstab;
  const table = r.tables[lang][mine.crossShow];
  const title = `${ct.row_column} × ${ct.col_column}`;
  body.append(el('p', { text: tr('crossFacts', formatCount(ct.total, lang), formatCount(ct.missing, lang)) }));
  const testText = r.test_text[lang];
  body.append(el('p', { className: 'test-text', id: 'ct-test', text: testText || tr('noTest') }));
  body.append(
    chartFigure({
      key: lang === 'da' ? 'krydstabel' : 'cross-table',
      title,
      draw: (canvas, width) => draw_chart(canvas, 'heatmap', ct, width, lang, dpr()),
      svg: (width) => chartSvg('heatmap', ct, width, lang),
      table,
    }),
    crossTable(ct, table, title),
  );
  if (ct.rows.some((row) => !row.suppressed && row.cells.some((c) => c.low_expected))) {
    body.append(el('p', { className: 'note', text: tr('lowExpected') }));
  }
  drawCharts().then(() => {
    document.body.dataset.crosstab = String(Number(document.body.dataset.crosstab || 0) + 1);
  });
}

/** The cross-table with cells of a low expected count marked. */
function crossTable(ct, table, title) {
  const thead = el('thead', {}, el('tr', {}, ...table.header.map((h) => el('th', { scope: 'col', text: h }))));
  const tbody = el('tbody');
  table.rows.forEach((row, r) => {
    const source = ct.rows[r];
    tbody.append(el('tr', {}, ...row.map((cell, i) => {
      if (i === 0) return el('th', { scope: 'row', text: cell });
      const c = source && !source.suppressed ? source.cells[i - 1] : null;
      if (c && c.low_expected) {
        return el('td', { className: 'low-expected', title: tr('lowExpectedCell') }, `${cell} †`, el('span', { className: 'visually-hidden', text: ` (${tr('lowExpectedCell')})` }));
      }
      return el('td', { text: cell });
    })));
  });
  return el(
    'div',
    { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'ct-table-caption' },
    el('table', { className: 'data', id: 'ct-table' }, el('caption', { id: 'ct-table-caption', text: tr('tableOf', title) }), thead, tbody),
  );
}

// ---------------------------------------------------------------------------------------------
// Multi-select questions.

function multiSelectBox() {
  let box = $('multi-box');
  if (!box) {
    box = el('section', { id: 'multi-box', 'aria-labelledby': 'multi-heading' });
    $('questions-box').after(box);
  }
  return box;
}

function renderMultiSelect(s) {
  const box = multiSelectBox();
  clear(box);
  const list = s.multi_select || [];
  box.hidden = list.length === 0;
  if (box.hidden) return;
  const lang = state.lang;
  box.append(el('h3', { id: 'multi-heading', text: tr('multiSelectHeading') }));
  list.forEach((ms, i) => {
    const view = state.views.multi[i];
    const headingId = `ms-${i}-heading`;
    const section = el('section', { className: 'panel question multi-select', 'aria-labelledby': headingId, 'data-multi': String(i) });
    section.append(
      el('h4', { id: headingId, text: mapping.displayName(ms.name) }),
      el('p', { className: 'caption base', text: tr('multiSelectBase', formatCount(ms.answered, lang)) }),
      chartFigure({
        key: `${lang === 'da' ? 'flervalg' : 'multi'}-${i + 1}`,
        title: ms.name,
        draw: (canvas, width) => draw_chart(canvas, 'groups', view.chart, width, lang, dpr()),
        svg: (width) => chartSvg('groups', view.chart, width, lang),
        table: view.table,
      }),
      dataTable(view.table, tr('tableOf', ms.name), `ms-${i}-table`),
    );
    if (view.breakdown_table) {
      const heading = tr('breakdownHeading', s.by || '');
      section.append(el('h5', { text: heading }));
      if (view.breakdown) {
        section.append(chartFigure({
          key: `${lang === 'da' ? 'flervalg' : 'multi'}-${i + 1}-${lang === 'da' ? 'grupper' : 'groups'}`,
          title: `${ms.name} – ${heading}`,
          draw: (canvas, width) => draw_chart(canvas, 'heatmap', view.breakdown, width, lang, dpr()),
          svg: (width) => chartSvg('heatmap', view.breakdown, width, lang),
          table: view.breakdown_table,
        }));
      }
      section.append(dataTable(view.breakdown_table, tr('tableOf', `${ms.name} – ${heading}`), `ms-${i}-breakdown-table`));
    }
    box.append(section);
  });
}

/** What the report needs beyond the store's state: multi-select views, weighted figures and the cross-table. */
function reportExtras() {
  const s = state.summary;
  const lang = state.lang;
  const crossShown = mine.cross && !mine.cross.result.error && mine.crossRow !== null && mine.crossCol !== null && mine.crossRow !== mine.crossCol;
  return {
    multiSelect: (s.multi_select || []).map((ms, i) => ({ ms, view: state.views.multi[i] })),
    weightName: mine.weight ? s.columns.find((c) => String(c.index) === mine.weight)?.name : null,
    weighted: mine.weight && mine.weighted && !mine.weighted.result.error ? mine.weighted.result.questions : [],
    cross: crossShown ? { result: mine.cross.result, show: mine.crossShow } : null,
  };
}

// ---------------------------------------------------------------------------------------------

/** Called by results.js's render() first, before anything is shown (see mapping.prepare). */
export function prepare(s) {
  mapping.prepare(s);
}

/**
 * This module's parts of the results, as steps results.js's render() runs in order, with pauses in
 * between, after the questions (see core/ui.js runSliced for the `{ run, quiet }` form).
 */
export function renderParts(s) {
  return [
    () => {
      renderWeightSelect(s);
      renderResponse(s);
    },
    { run: () => mapping.render(s), quiet: !$('mapping-box')?.open },
    () => renderMultiSelect(s),
    () => {
      renderCross(s);
      if (mine.weight) requestWeighted();
    },
  ];
}
