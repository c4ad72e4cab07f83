// The results on the page: the file's facts and warnings, the settings, the overview, each
// question with its breakdown, the column list and the group tables, laid out in short slices
// (core/ui.js runSliced) whenever the store has a new summary; the deeper analyses add their
// parts (analysis.js).
import { draw_chart } from '../pkg/tilfreds_web.js';
import { chartSvg } from '../core/second.js';
import { formatCount } from '../i18n.js';
import { KINDS } from '../core/protocol.js';
import { on, state } from '../core/store.js';
import { $, clear, dataTable, el, fill, fillSelect, now, runSliced, setStatus, span, tr, updateBusy } from '../core/ui.js';
import { chartFigure, drawCharts } from '../core/charts.js';
import * as analysis from './analysis.js';
import { recompute } from './load.js';
import { groupingColumns, holdsCpr, nearlyUnique, plainKindChange } from '../core/columns.js';
import { confirmScale, editScale } from './mapping.js';

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

/** Copies `text` and says so; the status names the failure when the browser refuses. */
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    setStatus('findingCopied');
  } catch {
    setStatus('findingCopyFailed');
  }
}

/** The main results in sentences (the summary's `findings`), each copyable. */
function renderFindings(s) {
  const list = $('findings');
  clear(list);
  const texts = (s.findings || []).map((f) => f[state.lang] || f.da);
  $('findings-box').hidden = texts.length === 0;
  texts.forEach((text, i) => {
    const copy = el('button', { type: 'button', className: 'copy-finding', text: tr('copyFinding'), 'aria-label': tr('copyFindingLabel', i + 1) });
    copy.addEventListener('click', () => copyText(text));
    list.append(el('li', {}, el('span', { text }), ' ', copy));
  });
  $('copy-findings').onclick = () => copyText(texts.join('\n'));
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
 * Asks in `cell` whether to go on: `question` with a yes and a no button, in a group named
 * `label`. Yes runs `onYes`; no puts back what the cell held and gives `focusAfter` the focus.
 */
function confirmIn(cell, { question, yes, no, label, onYes, focusAfter }) {
  const before = [...cell.childNodes];
  const box = el(
    'div',
    { role: 'group', 'aria-label': label, className: 'include-confirm' },
    el('p', { text: question }),
    el('button', { type: 'button', text: yes, onclick: onYes }),
    el('button', {
      type: 'button',
      text: no,
      onclick: () => {
        cell.replaceChildren(...before);
        focusAfter.focus();
      },
    }),
  );
  cell.replaceChildren(box);
  box.querySelector('button:last-of-type').focus();
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
    onclick: () => confirmIn(cell, {
      question: tr('includeConfirm'),
      yes: tr('includeYes'),
      no: tr('includeNo'),
      label: tr('includeAnywayLabel', col.name),
      focusAfter: ask,
      onYes: () => {
        const o = overrideFor(col.name);
        o.exclude = false;
        o.include_personal = true;
        recompute();
      },
    }),
  });
  cell.replaceChildren(ask);
}

/**
 * A new kind for `col` from its select in `cell`. Counting an id, a date, a number or free text
 * value by value shows every single value: it takes a confirmation, like including personal
 * data, and is refused when nearly every answer is different (core/columns.js).
 */
function changeKind(cell, col, select) {
  const kind = select.value;
  const recognised = state.recognised.get(col.name);
  if (plainKindChange(recognised, kind)) {
    Object.assign(overrideFor(col.name), { kind, confirmed: false });
    recompute();
    return;
  }
  select.value = col.kind;
  if (nearlyUnique(recognised)) {
    setStatus('kindRefused', col.name);
    return;
  }
  confirmIn(cell, {
    question: tr('kindConfirm', col.name, tr('kinds')[kind]),
    yes: tr('kindYes'),
    no: tr('includeNo'),
    label: tr('kindLabel', col.name),
    focusAfter: select,
    onYes: () => {
      Object.assign(overrideFor(col.name), { kind, confirmed: true });
      recompute();
    },
  });
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
export function fillColumns() {
  const s = state.columnsFor;
  if (!s) return;
  state.columnsFor = null;
  for (const step of fill($('columns').tBodies[0], columnRows(s))) void step;
}

function* columnRows(s) {
  for (const col of s.columns) {
    const kindId = `col-kind-${col.index}`;
    const useId = `col-use-${col.index}`;
    const kindCell = el('td');
    const kind = el('select', { id: kindId, onchange: () => changeKind(kindCell, col, kind) });
    for (const k of KINDS) kind.append(el('option', { value: k, text: tr('kinds')[k] }));
    kind.value = col.kind;
    kindCell.append(el('label', { for: kindId, className: 'visually-hidden', text: tr('kindLabel', col.name) }), kind);
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
      // The export's variable name (Qualtrics' "Q4") beside the question text.
      el('th', { scope: 'row' }, col.name, col.variable ? el('code', { className: 'variable', text: col.variable }) : null),
      kindCell,
      useCell,
      el('td', { className: 'num', text: formatCount(col.answered, state.lang) }),
      el('td', { text: note }),
    );
  }
}

function renderControls(s) {
  const by = $('by');
  const options = [['', tr('byNone')], ...groupingColumns(s).map((col) => [col.name, col.name])];
  fillSelect(by, options, s.by || '');
  state.by = by.value;
  $('group-order-control').hidden = !state.by;
  $('breakdown-show-control').hidden = !state.by;
  $('breakdown-show').value = state.breakdownShow;
  $('group-order').value = s.group_order || 'natural';
  const minCell = String(s.min_cell);
  if ($('min-cell').value !== minCell) $('min-cell').value = minCell;
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
      svg: (width) => chartSvg('likert', view.chart, width, lang),
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
  const column = s.columns.find((c) => c.index === view.index);
  if (column && column.scale_guessed) {
    // A range guessed from the answers present: shown as a guess, confirmed in one step.
    const steps = column.scale || [];
    section.append(el(
      'p',
      { className: 'scale-guess', role: 'note' },
      el('span', { text: tr('scaleGuess', steps.length, steps[0] || '', steps[steps.length - 1] || '') }),
      ' ',
      el('button', { type: 'button', className: 'scale-confirm', text: tr('scaleConfirm'), onclick: () => confirmScale(column.name) }),
      ' ',
      el('button', { type: 'button', className: 'scale-edit', text: tr('scaleEdit'), onclick: () => editScale(column.name) }),
    ));
  }
  if (view.breakdown && view.breakdown_table) {
    const heading = tr('breakdownHeading', s.by || '');
    const index = col.index;
    // The chart the user chose: top-2 shares, means with intervals, or whole distributions.
    const [kind, model] =
      state.breakdownShow === 'mean' && view.breakdown_mean
        ? ['groups', view.breakdown_mean]
        : state.breakdownShow === 'distribution' && view.breakdown_distribution
          ? ['likert', view.breakdown_distribution]
          : ['groups', view.breakdown];
    section.append(
      el('h5', { text: heading }),
      chartFigure({
        key: `spm-${index + 1}-${state.lang === 'da' ? 'opdelt' : 'by-group'}`,
        title: `${view.title} – ${heading}`,
        draw: (canvas, width) => draw_chart(canvas, kind, model, width, lang, devicePixelRatio || 1),
        svg: (width) => chartSvg(kind, model, width, lang),
        table: view.breakdown_table,
      }),
      dataTable(view.breakdown_table, tr('tableOf', `${view.title} – ${heading}`), `q-${index}-breakdown-table`),
    );
  }
  if (view.test_text) section.append(el('p', { className: 'test-text', text: view.test_text }));
  // The groups that differ from the rest after the correction for many tests, in words.
  for (const text of view.group_texts || []) section.append(el('p', { className: 'test-text group-text', text }));
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
        renderFindings(s);
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

on('summary', render);
