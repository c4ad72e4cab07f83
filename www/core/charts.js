// The charts on the page: a chart with its export buttons (PNG, SVG, CSV, copy), and drawing
// them in short tasks, those on screen first, again when the width or pixel ratio changes. The
// wasm module draws; the figures come laid out from the worker.
import { table_csv, table_tsv } from '../pkg/tilfreds_web.js';
import { state } from './store.js';
import { $, afterFrame, crashError, download, el, now, setStatus, showError, span, SLICE_MS, tr } from './ui.js';
import { codedError } from './protocol.js';
import { SECOND_UNAVAILABLE } from './second.js';
import { fileName } from './names.js';

const MIN_CHART_WIDTH = 280;

/** The table as HTML, so that a paste into Word or Excel gives a table, not lines of text. */
function tableHtml(table, title) {
  const node = el(
    'table',
    {},
    el('caption', { text: title }),
    el('thead', {}, el('tr', {}, ...table.header.map((h) => el('th', { text: h })))),
    el('tbody', {}, ...table.rows.map((row) => el('tr', {}, ...row.map((c) => el('td', { text: c }))))),
  );
  return `<meta charset="utf-8">${node.outerHTML}`;
}

async function copyTable(table, title) {
  const text = table_tsv(table);
  try {
    if (typeof ClipboardItem === 'function' && navigator.clipboard.write) {
      // HTML for Word and Excel, tab-separated text for everything else.
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/html': new Blob([tableHtml(table, title)], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        }),
      ]);
    } else {
      await navigator.clipboard.writeText(text);
    }
    setStatus('copied');
  } catch {
    setStatus('copyFailed');
  }
}

/** Copies the chart as a PNG image. */
async function copyChart(chart) {
  try {
    if (chart.dirty) drawChart(chart);
    const blob = await new Promise((resolve) => chart.canvas.toBlob(resolve, 'image/png'));
    if (!blob || typeof ClipboardItem !== 'function') throw new Error('no image clipboard');
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
    setStatus('chartCopied');
  } catch {
    setStatus('chartCopyFailed');
  }
}

/**
 * A chart with its buttons: `draw(canvas, width)` draws and returns the height in CSS pixels,
 * `svg(width)` returns the SVG text (or a promise of it); `table` is exported as CSV and copied as TSV.
 */
export function chartFigure({ key, title, draw, svg, table }) {
  const canvas = el('canvas', { role: 'img', 'aria-label': tr('chartLabel', title) });
  const figure = el('figure', { className: 'chart' }, canvas);
  const chart = { canvas, figure, draw, dirty: true };
  const fileBase = fileName(title) || `tilfreds-${key}`;
  const actions = el(
    'div',
    { className: 'actions' },
    el('button', {
      type: 'button',
      text: tr('exportPng'),
      onclick: () => {
        if (chart.dirty) drawChart(chart);
        canvas.toBlob((blob) => blob && download(blob, `${fileBase}.png`), 'image/png');
      },
    }),
    el('button', {
      type: 'button',
      text: tr('exportSvg'),
      onclick: () => {
        const width = Math.max(Math.round(figure.clientWidth), MIN_CHART_WIDTH);
        // The SVG is drawn by the second module, fetched the first time (core/second.js).
        Promise.resolve(svg(width)).then(
          (text) => download(new Blob([text], { type: 'image/svg+xml' }), `${fileBase}.svg`),
          () => showError(SECOND_UNAVAILABLE),
        );
      },
    }),
    el('button', {
      type: 'button',
      text: tr('exportCsv'),
      onclick: () => download(new Blob([table_csv(table, state.lang)], { type: 'text/csv;charset=utf-8' }), `${fileBase}.csv`),
    }),
    el('button', { type: 'button', text: tr('copyTable'), onclick: () => copyTable(table, title) }),
    el('button', { type: 'button', text: tr('copyChart'), onclick: () => copyChart(chart) }),
  );
  state.charts.push(chart);
  return el('div', { className: 'chart-with-actions' }, figure, actions);
}

function chartWidth(figure) {
  return Math.max(Math.floor(figure.clientWidth), MIN_CHART_WIDTH);
}

/** Draws one chart at its figure's width now. */
function drawChart(chart) {
  const width = chartWidth(chart.figure);
  chart.dirty = false;
  try {
    const height = chart.draw(chart.canvas, width);
    chart.canvas.style.width = `${width}px`;
    chart.canvas.style.height = `${height}px`;
  } catch (err) {
    showError(codedError(err, crashError()));
  }
  const timing = state.renderTiming;
  if (timing && !timing.firstChart) {
    timing.firstChart = now();
    span('first-chart', timing.received, timing.firstChart);
  }
}

/**
 * The next chart to draw: one on screen (or about to be) before the others, then in page order;
 * null when every chart is drawn. Charts no longer on the page are forgotten.
 */
function nextChart() {
  state.charts = state.charts.filter((chart) => chart.canvas.isConnected);
  const waiting = state.charts.filter((chart) => chart.dirty);
  if (waiting.length === 0) return null;
  const height = window.innerHeight || document.documentElement.clientHeight;
  const onScreen = waiting.find((chart) => {
    const r = chart.figure.getBoundingClientRect();
    return r.height > 0 && r.bottom > -height / 2 && r.top < height * 1.5;
  });
  return onScreen || waiting[0];
}

let chartsRunning = false;
let chartWaiters = [];

/**
 * Draws every chart not drawn yet, one or a few per task (on screen first), and resolves when
 * none is left. Exports draw a waiting chart at once (drawChart).
 */
export function drawCharts() {
  return new Promise((resolve) => {
    chartWaiters.push(resolve);
    if (chartsRunning) return;
    chartsRunning = true;
    drainCharts();
  });
}

async function drainCharts() {
  // Each chart is drawn once the page around it has been laid out in a frame: its width is then
  // known without a layout in the same task.
  if (nextChart()) await afterFrame();
  let start = performance.now();
  for (let chart = nextChart(); chart; chart = nextChart()) {
    drawChart(chart);
    if (performance.now() - start > SLICE_MS) {
      await afterFrame();
      start = performance.now();
    }
  }
  state.lastWidth = $('results').clientWidth;
  chartsRunning = false;
  const waiters = chartWaiters;
  chartWaiters = [];
  for (const resolve of waiters) resolve();
}

/** Draws every chart again (a new width or pixel ratio). */
export function redrawCharts() {
  for (const chart of state.charts) chart.dirty = true;
  return drawCharts();
}
