// What crosses between the page and its worker (worker.js, analysis-worker.js), in one place:
// the messages, the column kinds of a summary, and errors as `{code, da, en}`. Every message has
// a `type`; a request has an `id`, which its answer repeats.
//
//   page → worker                                      worker → page
//   wasm {module}       answer to hello                hello, ready {timing}
//   open {id, file, options, lang, reading?}           progress {id, done, total} …, then
//                                                      loaded {id, name, json, views, timing}
//                                                      | cancelled {id} | error {id, error}
//   summary {id, options, lang}                        summary {id, json, views} | error
//   cancel {id}         stops the open with this id
//   multi {id, files, options, lang}                   loaded {…, surveyxact} | multi {id, names, check}
//   combine {id, name, options, lang}                  loaded {…, combined}
//   compare {id, minCell, mapping, lang}               waves {id, result}
//   crosstab {id, row, col, minCell}                   crosstab {id, result}
//   weighted {id, weight, by, minCell, lang}           weighted {id, result}
//   headers {id}                                       headers {id, headers}
//                                                      crash {id, message}: the worker stops
// `options`: {by, min_cell, overrides, invited?}; `reading`: {no_header} (the first row is
// answers; the columns are named "Kolonne 1", … in `lang`); `views`: {lang, overview, questions},
// laid out in `lang`. Only aggregates are posted.
export const MSG = Object.freeze({
  WASM: 'wasm',
  HELLO: 'hello',
  READY: 'ready',
  OPEN: 'open',
  PROGRESS: 'progress',
  LOADED: 'loaded',
  CANCELLED: 'cancelled',
  ERROR: 'error',
  CRASH: 'crash',
  SUMMARY: 'summary',
  CANCEL: 'cancel',
  MULTI: 'multi',
  COMBINE: 'combine',
  COMPARE: 'compare',
  WAVES: 'waves',
  CROSSTAB: 'crosstab',
  WEIGHTED: 'weighted',
  HEADERS: 'headers',
});

/** Column kinds, as the Rust core names them. */
export const KINDS = ['likert', 'category', 'number', 'text', 'id', 'date', 'empty'];

/** The `{code, da, en}` carried by an error from the wasm module, or null for anything else. */
export function codedFrom(err) {
  if (!(err instanceof Error) || err instanceof WebAssembly.RuntimeError) return null;
  try {
    const body = JSON.parse(err.message);
    if (body && typeof body.code === 'string' && typeof body.da === 'string' && typeof body.en === 'string') {
      return { code: body.code, da: body.da, en: body.en };
    }
  } catch {
    // not one of ours
  }
  return null;
}

/** Any error as `{code, da, en}`: the module's own, `crashed` for a wasm trap, else its message. */
export function codedError(err, crashed) {
  if (err instanceof WebAssembly.RuntimeError) return crashed;
  const message = String((err && err.message) || err);
  return codedFrom(err) || { code: 'internal', da: message, en: message };
}

/** The smallest minimum group size while the page is embedded (later/api.js), whatever the host asks. */
export const EMBEDDED_MIN_CELL_FLOOR = 5;
