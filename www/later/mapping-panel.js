// The panel of adjustments (panels/mapping.js keeps the adjustments themselves): display names,
// merged answer categories, answer scales set by hand, and the adjustments downloaded, loaded or
// forgotten. Fetched the first time the panel is opened.
import { t } from '../i18n.js';
import { signature } from '../core/columns.js';
import { emit, state } from '../core/store.js';
import { clear, download, el, setStatus, showError, tr } from '../core/ui.js';

/** The adjustments' state and helpers, from panels/mapping.js (`panelState`). */
let m = null;

/** Fills the open panel `mapping.panel()` for the summary `s`. */
export function renderPanel(s, mapping) {
  m = mapping;
  const box = m.panel();
  const summary = box.firstElementChild;
  summary.textContent = tr('mappingHeading');
  for (const child of [...box.children]) if (child !== summary) child.remove();
  box.append(el('p', { text: tr('mappingIntro') }));

  // Display names of the questions.
  const names = el('div', { className: 'renames' });
  s.columns
    .filter((c) => c.kind === 'likert' && !c.excluded && !c.part_of)
    .forEach((c) => {
      const id = `rename-${c.index}`;
      names.append(el('p', { className: 'control' }, el('label', { for: id, text: tr('rename', c.name) }), el('input', {
        type: 'text',
        id,
        value: m.current.renames[c.name] || '',
        placeholder: c.name,
        onchange: (e) => {
          const v = e.target.value.trim();
          if (v && v !== c.name) m.current.renames[c.name] = v;
          else delete m.current.renames[c.name];
          m.save();
          setStatus('mappingSaved');
          emit('recompute');
        },
      })));
    });
  box.append(names);

  // Merging categories.
  const cols = s.columns.filter((c) => (c.kind === 'category' || c.kind === 'likert') && !c.personal_data && c.counts);
  if (cols.length) {
    const colSelect = el('select', { id: 'merge-column' });
    for (const c of cols) colSelect.append(el('option', { value: c.name, text: c.name }));
    if (cols.some((c) => c.name === m.mergeColumn)) colSelect.value = m.mergeColumn;
    // Several values can be merged in one step (Ctrl- or Shift-click, or Space with the keyboard).
    const fromSelect = el('select', { id: 'merge-from', multiple: true, size: 6 });
    const toInput = el('input', { type: 'text', id: 'merge-to', list: 'merge-to-values' });
    const toList = el('datalist', { id: 'merge-to-values' });
    const fill = () => {
      const col = cols.find((c) => c.name === colSelect.value) || cols[0];
      clear(fromSelect);
      clear(toList);
      const sorted = [...valuesOf(col)].sort(collator.compare);
      for (const value of sorted) {
        fromSelect.append(el('option', { value, text: value }));
        toList.append(el('option', { value }));
      }
    };
    colSelect.addEventListener('change', () => {
      m.mergeColumn = colSelect.value;
      fill();
    });
    fill();
    box.append(
      el('h4', { text: tr('merge') }),
      el(
        'div',
        { className: 'control-row' },
        el('p', { className: 'control' }, el('label', { for: 'merge-column', text: tr('mergeColumn') }), colSelect),
        el('p', { className: 'control' }, el('label', { for: 'merge-from', text: tr('mergeFrom') }), fromSelect),
        el('p', { className: 'control' }, el('label', { for: 'merge-to', text: tr('mergeTo') }), toInput, toList),
        el('p', { className: 'control' }, el('button', {
          type: 'button',
          id: 'merge-add',
          text: tr('mergeAdd'),
          onclick: () => {
            const to = toInput.value.trim();
            const chosen = [...fromSelect.selectedOptions].map((o) => o.value).filter((v) => v && v !== to);
            if (!to || !chosen.length) return;
            const list = (m.current.merges[colSelect.value] || []).filter(([f]) => !chosen.includes(f));
            for (const from of chosen) list.push([from, to]);
            m.current.merges[colSelect.value] = list;
            m.save();
            setStatus('mappingSaved');
            emit('recompute');
          },
        })),
      ),
    );
    const undo = el('ul', { className: 'merges' });
    for (const [column, pairs] of Object.entries(m.current.merges)) {
      for (const [from, to] of pairs) {
        undo.append(el('li', {}, `${column}: `, el('button', {
          type: 'button',
          text: tr('mergeRemove', from, to),
          onclick: () => {
            const rest = (m.current.merges[column] || []).filter(([f]) => f !== from);
            if (rest.length) m.current.merges[column] = rest;
            else delete m.current.merges[column];
            m.save();
            emit('recompute');
          },
        })));
      }
    }
    if (undo.childElementCount) box.append(undo);
    renderScale(box, cols);
  }

  // Download, load and forget.
  const importInput = el('input', { type: 'file', id: 'mapping-import', accept: '.json,application/json', className: 'visually-hidden', onchange: (e) => importFile(e.target.files[0], s) });
  box.append(el(
    'div',
    { className: 'actions' },
    el('button', {
      type: 'button',
      id: 'mapping-export',
      text: tr('mappingExport'),
      onclick: () => download(new Blob([JSON.stringify(m.exported(), null, 2)], { type: 'application/json' }), 'tilfreds-tilpasninger.json'),
    }),
    el('label', { for: 'mapping-import', className: 'file-label', text: tr('mappingImport') }),
    importInput,
    el('button', {
      type: 'button',
      id: 'mapping-forget',
      text: tr('mappingForget'),
      onclick: () => {
        m.current = m.empty(m.current.signature);
        m.scaleDraft = null;
        m.save();
        state.overrides.clear();
        emit('recompute');
      },
    }),
  ));
}

/** Sorts values as a reader expects: "2" before "10", Danish letters in their place. */
const collator = new Intl.Collator('da', { numeric: true, sensitivity: 'base' });

/**
 * The answer values of a column the user may merge or order: every value in the file, small
 * ones too (the worker sends them beside the summary, for this panel only; the summary itself
 * pools or withholds small values without their names).
 */
function valuesOf(col) {
  const all = state.views?.values?.[col.index];
  return Array.isArray(all) ? all : Object.keys(col.counts || {});
}

/**
 * The answer scale of a column: its values in an ordered list, most positive first, each with
 * a box for whether it is a step of the scale and buttons to move it up or down.
 */
function renderScale(box, cols) {
  const colSelect = el('select', { id: 'scale-column' });
  for (const c of cols) colSelect.append(el('option', { value: c.name, text: c.name }));
  if (cols.some((c) => c.name === m.scaleColumn)) colSelect.value = m.scaleColumn;
  const list = el('ol', { id: 'scale-values', className: 'scale-values' });
  /** The column's values in their m.current order; steps first. */
  const draftFor = (col) => {
    const values = valuesOf(col);
    const steps = m.current.scales[col.name] || col.scale || values;
    const items = steps.filter((v) => values.includes(v)).map((value) => ({ value, on: true }));
    for (const value of values) if (!items.some((i) => i.value === value)) items.push({ value, on: false });
    return { column: col.name, items };
  };
  const fill = (focus) => {
    clear(list);
    m.scaleDraft.items.forEach((item, i) => {
      const id = `scale-on-${i}`;
      const move = (to, which) => {
        const [moved] = m.scaleDraft.items.splice(i, 1);
        m.scaleDraft.items.splice(to, 0, moved);
        fill({ index: to, which });
      };
      const up = el('button', {
        type: 'button',
        className: 'scale-up',
        text: tr('scaleUp'),
        'aria-label': tr('scaleUpLabel', item.value),
        disabled: i === 0,
        onclick: () => move(i - 1, 'up'),
      });
      const down = el('button', {
        type: 'button',
        className: 'scale-down',
        text: tr('scaleDown'),
        'aria-label': tr('scaleDownLabel', item.value),
        disabled: i === m.scaleDraft.items.length - 1,
        onclick: () => move(i + 1, 'down'),
      });
      list.append(el(
        'li',
        { 'data-value': item.value },
        el('input', { type: 'checkbox', id, checked: item.on, onchange: (e) => { item.on = e.target.checked; } }),
        el('label', { for: id, text: item.value }),
        ' ',
        up,
        down,
      ));
      if (focus && focus.index === i) {
        const target = (focus.which === 'up' ? up : down).disabled ? (focus.which === 'up' ? down : up) : (focus.which === 'up' ? up : down);
        target.focus();
      }
    });
  };
  const choose = () => {
    const col = cols.find((c) => c.name === colSelect.value) || cols[0];
    if (!m.scaleDraft || m.scaleDraft.column !== col.name) m.scaleDraft = draftFor(col);
    fill();
  };
  colSelect.addEventListener('change', () => {
    m.scaleColumn = colSelect.value;
    m.scaleDraft = null;
    choose();
  });
  if (m.scaleDraft && !cols.some((c) => c.name === m.scaleDraft.column)) m.scaleDraft = null;
  choose();
  box.append(
    el('h4', { text: tr('scale') }),
    el('p', { text: tr('scaleIntro') }),
    el('p', { className: 'control' }, el('label', { for: 'scale-column', text: tr('mergeColumn') }), colSelect),
    list,
    el('p', { className: 'control' }, el('button', {
      type: 'button',
      id: 'scale-apply',
      text: tr('scaleApply'),
      onclick: () => {
        const labels = m.scaleDraft.items.filter((i) => i.on).map((i) => i.value);
        if (labels.length < 2) return;
        m.current.scales[m.scaleDraft.column] = labels;
        m.save();
        setStatus('mappingSaved');
        emit('recompute');
      },
    })),
  );
  const undo = el('ul', { className: 'merges' });
  for (const column of Object.keys(m.current.scales)) {
    undo.append(el('li', {}, el('button', {
      type: 'button',
      text: tr('scaleRemove', column),
      onclick: () => {
        delete m.current.scales[column];
        if (m.scaleDraft && m.scaleDraft.column === column) m.scaleDraft = null;
        m.save();
        emit('recompute');
      },
    })));
  }
  if (undo.childElementCount) box.append(undo);
}

async function importFile(file, s) {
  if (!file) return;
  try {
    const raw = JSON.parse(await file.text());
    if (!raw || raw.tilfreds_mapping !== 1) throw new Error('not a mapping');
    m.current = m.clean(raw, m.current.signature || signature(s.columns.map((c) => c.name)));
    m.scaleDraft = null;
    m.save();
    state.overrides.clear();
    m.applyToOverrides();
    setStatus('mappingApplied');
    emit('recompute');
  } catch {
    showError({ code: 'mapping', da: t('da', 'mappingBad'), en: t('en', 'mappingBad') });
  }
}
