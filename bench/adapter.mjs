// Contestant: Tilfreds, the app's own wasm module (bench/pkg = a copy of www/pkg made by
// bench/run.sh), driven the way www/worker.js drives it for a File:
//   new Session() → push(chunk) for every chunk → finish() → summary({by: group column})
// Timed (by the harness): all of that, plus JSON.parse of the summary and the conversion to the
// harness's count shape.
//
// Chunking: the worker pushes whatever `file.stream()` yields. In Chromium 156 a File stream
// yields mostly 64 KiB chunks (some larger ones, up to ~576 KiB), so the in-memory bytes are
// pushed as 64 KiB subarrays here; wasm-bindgen copies every chunk into wasm memory, as in the
// worker. The real page (File → worker stream → charts) is measured separately by page.mjs.
//
// What can be checked: overall counts per label come from each column's `counts` (every label,
// "Ved ikke" included). Per group the summary carries only the scale steps (`by[group].steps`,
// most positive first, labels in `scale`): non-substantive answers ("Ved ikke") are not
// broken down by group, so those by-group cells are declared in `not_compared` and the harness
// leaves them out (check "OK (by-group: scale steps)"). A group withheld by the summary
// (`{suppressed: true}`, a cell smaller than min_cell) is reported as missing, so it would
// show as a MISMATCH rather than pass silently.
import init, { Session } from './pkg/tilfreds_web.js';

export const CHUNK = 64 * 1024;
export const payload = ['pkg/tilfreds_web.js', 'pkg/tilfreds_web_bg.wasm'];

let session = null;

export async function setup() {
  await init({ module_or_path: new URL('./pkg/tilfreds_web_bg.wasm', import.meta.url) });
}

export function info() {
  return { chunk_bytes: CHUNK, summary_options: 'by: spec.group_column, other options default (min_cell 5)' };
}

export async function run(bytes, spec) {
  session = new Session();
  for (let off = 0; off < bytes.byteLength; off += CHUNK) {
    session.push(bytes.subarray(off, Math.min(off + CHUNK, bytes.byteLength)));
  }
  session.finish();
  const summary = JSON.parse(session.summary({ by: spec.group_column }));
  return convert(summary, spec);
}

/** Summary JSON → `{overall, by_group, not_compared}` for the questions in `spec`. */
export function convert(summary, spec) {
  const overall = {};
  const byGroup = {};
  const notCompared = {};
  const missing = [];
  const cols = new Map(summary.columns.map((c) => [c.name, c]));
  for (const q of spec.questions) {
    const col = cols.get(q);
    if (!col) {
      missing.push(`column ${JSON.stringify(q)} not in summary`);
      continue;
    }
    const counts = {};
    for (const [label, n] of Object.entries(col.counts ?? {})) counts[label] = Number(n);
    overall[q] = counts;
    if (!Array.isArray(col.scale) || !col.by) {
      missing.push(`${JSON.stringify(q)}: kind ${col.kind}, no by-group breakdown`);
      continue;
    }
    // labels of this question that the per-group breakdown does not carry
    notCompared[q] = Object.keys(counts).filter((l) => !col.scale.includes(l));
    for (const [group, stats] of Object.entries(col.by)) {
      if (!stats || !Array.isArray(stats.steps)) continue; // suppressed: left missing on purpose
      const per = ((byGroup[group] ??= {})[q] = {});
      stats.steps.forEach((n, i) => {
        if (n) per[col.scale[i]] = n;
      });
    }
  }
  return { rows: summary.rows, overall, by_group: byGroup, not_compared: { by_group_labels: notCompared }, problems: missing };
}

export async function afterRun() {
  // the worker keeps the finished session for recomputation; here it is dropped between runs
  session?.free();
  session = null;
}
