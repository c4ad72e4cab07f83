// The page's boot file: the language, the wiring of the page's own controls (file input, drop
// zone, settings, resizing), and the start of the worker, the wasm module, the host API and the
// offline copy. Each page area is a module of its own (panels/), over the shared store, helpers
// and worker protocol (core/). Parsing and counting happen in worker.js; this thread loads the
// same wasm module to draw the charts. Text from files reaches the DOM only through textContent
// and createElement.
import init from './pkg/tilfreds_web.js';
import { LANGS, loadLang } from './i18n.js';
import { emit, on, state } from './core/store.js';
import { EMBEDDED_MIN_CELL_FLOOR } from './core/protocol.js';
import { $, now, setStatus, showError, span, tr } from './core/ui.js';
import { redrawCharts } from './core/charts.js';
import { cancelLoading, chooseFiles, loadExample, loadFile, recompute, scriptPolicy, startWorker, switchFirstRow, switchSheet, updateReady, wasmModule } from './panels/load.js';
import { fillColumns } from './panels/results.js';
import * as analysis from './panels/analysis.js';

const LANG_KEY = 'tilfreds.lang';
const REDRAW_DELAY_MS = 150;

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

async function applyLang(lang) {
  // The English texts are fetched the first time English is chosen.
  await loadLang(lang);
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
  showEmbedded();
  if (state.shareAsk) $('share-ask-text').textContent = tr('shareAsk', state.shareAsk.host);
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
// Embedding (later/api.js): where the page is shown, and asking before results are shared.

/** Says where the page is shown: inside an allowed host, or inside a page not allowed. */
function showEmbedded() {
  const embedded = state.embedded;
  if (!embedded) return;
  const note = $('embed-note');
  note.textContent = embedded.allowed ? tr('embeddedBy', embedded.host) : tr('embeddedUnknown', embedded.host);
  note.classList.toggle('warning', !embedded.allowed);
  note.hidden = false;
}

/** Asks whether the results of `load`, a file the user chose, may be sent to `host`. */
function askToShare(load, host) {
  if (state.shareDeclined === load) return;
  state.shareAsk = { load, host };
  $('share-ask-text').textContent = tr('shareAsk', host);
  $('share-ask').hidden = false;
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
  $('header-choice').addEventListener('click', switchFirstRow);
  $('sheet-pick').addEventListener('change', (e) => switchSheet(e.target.value));
  $('share-yes').addEventListener('click', () => {
    const ask = state.shareAsk;
    $('share-ask').hidden = true;
    state.shareAsk = null;
    if (!ask) return;
    emit('share', ask.load);
    setStatus('shared', ask.host);
  });
  $('share-no').addEventListener('click', () => {
    $('share-ask').hidden = true;
    state.shareDeclined = state.shareAsk && state.shareAsk.load;
    state.shareAsk = null;
  });
  // The column list is filled as it opens: on the click (so it opens filled) and on `toggle`.
  $('columns-box').querySelector('summary').addEventListener('click', fillColumns);
  $('columns-box').addEventListener('toggle', () => {
    if ($('columns-box').open) fillColumns();
  });
  $('by').addEventListener('change', (e) => {
    state.by = e.target.value;
    recompute();
  });
  $('group-order').addEventListener('change', (e) => {
    state.groupOrder = e.target.value;
    recompute();
  });
  $('breakdown-show').addEventListener('change', (e) => {
    state.breakdownShow = e.target.value;
    emit('summary', {});
  });
  $('min-cell').addEventListener('change', (e) => {
    const n = Math.round(Number(e.target.value));
    // Embedded, never below the host's floor (later/api.js).
    state.minCell = Number.isFinite(n) ? Math.min(Math.max(n, state.minCellFloor), 1000) : Math.max(5, state.minCellFloor);
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

/**
 * Registers the service worker (sw.js) that keeps the app's own files for use without a network,
 * and shows the note "Works offline" once it is active. The single-file build, opened from disk,
 * needs no network at all and shows the note at once. `policy` is the page's Trusted Types
 * policy (or null).
 */
function setupOffline(policy) {
  const note = document.getElementById('offline-note');
  const show = () => {
    if (note) note.hidden = false;
  };
  if (location.protocol === 'file:') {
    show();
    return;
  }
  let container;
  try {
    container = navigator.serviceWorker;
  } catch {
    return; // a sandboxed frame without its own origin
  }
  if (!container || !/^https?:$/.test(location.protocol)) return;
  const url = new URL('sw.js', import.meta.url).href;
  container
    .register(policy ? policy.createScriptURL(url) : url, { scope: new URL('./', import.meta.url).href })
    .then(() => container.ready)
    .then(show)
    .catch(() => {
      // no offline copy (private window, storage blocked): the app works online as before
    });
}

async function main() {
  await applyLang(initialLang());
  wire();
  analysis.setup();
  on('lang', applyLang);
  on('embedded', (embedded) => {
    state.embedded = embedded;
    showEmbedded();
  });
  on('share-ask', askToShare);
  // The host API (later/api.js) is fetched only when the page is framed; until it has read
  // the host's terms, the minimum group size is already the embedded floor.
  if (window.parent !== window) {
    state.minCellFloor = Math.max(state.minCellFloor, EMBEDDED_MIN_CELL_FLOOR);
    import('./later/api.js').then((api) => api.setup());
  }
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
