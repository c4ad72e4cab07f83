// The worker's part of the deeper analyses: several files at once (a SurveyXact export joined,
// files combined into one or compared as waves), cross-tables and weighted figures. Only
// aggregates are posted back to the page.
//
// Several files are read by the second wasm module (pkg/multi/), fetched from this site the first
// time several files are dropped; a file joined or combined there stays in that module, and
// everything after it works on that session the same way.
import { MSG } from './core/protocol.js';
import { headerKey } from './core/columns.js';

/** The second wasm module's glue, initialised (a promise), once it has been asked for. */
let multiGlue = null;

/** The wasm module that reads several files: fetched and started on first use. */
function multiModule() {
  if (!multiGlue) {
    multiGlue = import('./pkg/multi/tilfreds_web.js').then(async (glue) => {
      await glue.default();
      return glue;
    });
    multiGlue.catch(() => {
      // not reachable (offline before it was ever fetched): asked for again next time
      multiGlue = null;
    });
  }
  return multiGlue;
}

/** The file on screen read again by the second module, for cross-tables and weights. */
let mirror = null;
/** The dataset `mirror` copies, and the summary options last applied to it (as JSON). */
let mirrorOf = null;
let mirrorOptions = null;

/**
 * The session that computes cross-tables and weights: the dataset itself when the second module
 * made it (several files), else the file read again by the second module, with the latest
 * summary's options (merges and scales) applied. The first call fetches the module.
 */
async function analysisSession(hooks) {
  const dataset = hooks.getDataset();
  const src = hooks.getSource();
  if (typeof dataset.crosstab === 'function' || !src) return dataset;
  const glue = await multiModule();
  if (mirrorOf !== dataset) {
    if (mirror) mirror.free();
    mirror = null;
    const bytes = new Uint8Array(await src.file.arrayBuffer());
    const reading = src.reading && src.reading.no_header;
    const session = reading ? glue.Session.with_options({ no_header: true, lang: src.lang }) : new glue.Session();
    try {
      session.push(bytes);
      session.finish();
    } catch (err) {
      session.free();
      throw err;
    }
    mirror = session;
    mirrorOf = dataset;
    mirrorOptions = null;
  }
  const options = JSON.stringify(hooks.getOptions() ?? null);
  if (mirrorOptions !== options) {
    mirror.summary(hooks.getOptions() ?? null);
    mirrorOptions = options;
  }
  return mirror;
}

/** The error when the second module cannot be fetched (offline before it was ever used). */
const unavailable = (id) => ({
  type: MSG.ERROR,
  id,
  error: {
    code: 'analysis_unavailable',
    da: 'Denne del af programmet (krydstabeller, vægte, Excel- og SPSS-filer) kunne ikke hentes. Prøv igen, når der er forbindelse.',
    en: 'This part of the program (cross-tables, weights, Excel and SPSS files) could not be fetched. Try again when there is a connection.',
  },
});

/** Runs `compute(session)` on the analysis session, or answers that it is unavailable. */
async function withAnalysis(id, hooks, compute) {
  let session;
  try {
    session = await analysisSession(hooks);
  } catch (err) {
    if (multiGlue === null) {
      postMessage(unavailable(id));
      return;
    }
    throw err;
  }
  compute(session);
}

/** The files of the latest multi-file drop, read and kept for combining or comparing. */
let waves = null;
/** The headers of those files by their signature: the page remembers matched questions so. */
let waveHeaders = new Map();

/** A finished session of one file's bytes, read by the glue `glue`. */
function sessionOf(glue, bytes) {
  const session = new glue.Session();
  try {
    session.push(bytes);
    session.finish();
    return session;
  } catch (err) {
    session.free();
    throw err;
  }
}

function dropWaves() {
  if (waves) waves.free();
  waves = null;
}

async function multi(msg, hooks) {
  const { id, files, options, lang } = msg;
  const names = files.map((f) => f.name);
  const bytes = [];
  for (const file of files) bytes.push(new Uint8Array(await file.arrayBuffer()));
  let glue;
  try {
    glue = await multiModule();
  } catch {
    postMessage({
      type: MSG.ERROR,
      id,
      error: {
        code: 'multi_unavailable',
        da: 'Flere filer på én gang kræver en del af programmet, som ikke kunne hentes. Prøv igen, når der er forbindelse.',
        en: 'Several files at once need a part of the program that could not be fetched. Try again when there is a connection.',
      },
    });
    return;
  }
  const joined = glue.Session.surveyxact(names, bytes);
  if (joined) {
    dropWaves();
    const json = joined.summary(options ?? null);
    const views = hooks.viewsOf(joined, json, lang);
    hooks.setDataset(joined);
    postMessage({ type: MSG.LOADED, id, name: names.join(' + '), json, views, surveyxact: true });
    return;
  }
  const next = new glue.Waves();
  const headers = new Map();
  try {
    bytes.forEach((b, i) => {
      const session = sessionOf(glue, b);
      for (const header of session.headers()) headers.set(headerKey(header), header);
      next.add(names[i], session);
    });
  } catch (err) {
    next.free();
    throw err;
  }
  dropWaves();
  waves = next;
  waveHeaders = headers;
  postMessage({ type: MSG.MULTI, id, names, check: waves.check() });
}

function combine({ id, options, lang, name }, hooks) {
  const session = waves.combine();
  const json = session.summary(options ?? null);
  const views = hooks.viewsOf(session, json, lang);
  hooks.setDataset(session);
  postMessage({ type: MSG.LOADED, id, name, json, views, combined: true });
}

const HANDLERS = {
  [MSG.MULTI]: multi,
  [MSG.COMBINE]: combine,
  [MSG.COMPARE]({ id, minCell, mapping, lang }) {
    // The page's matches name headers by signature; the wasm module takes the headers.
    const pairs = (Array.isArray(mapping) ? mapping : [])
      .map((pair) => (Array.isArray(pair) ? pair.map((key) => waveHeaders.get(key)) : []))
      .filter((pair) => pair.length === 2 && pair.every((h) => typeof h === 'string'));
    postMessage({ type: MSG.WAVES, id, result: waves.compare(minCell, pairs, lang) });
  },
  [MSG.CROSSTAB]({ id, row, col, minCell }, hooks) {
    return withAnalysis(id, hooks, (session) => {
      postMessage({ type: MSG.CROSSTAB, id, result: session.crosstab(row, col, minCell) });
    });
  },
  [MSG.WEIGHTED]({ id, weight, by, minCell, lang }, hooks) {
    return withAnalysis(id, hooks, (session) => {
      postMessage({ type: MSG.WEIGHTED, id, result: session.weighted(weight, by ?? undefined, minCell, lang) });
    });
  },
  [MSG.HEADERS]({ id }, hooks) {
    postMessage({ type: MSG.HEADERS, id, headers: hooks.getDataset().headers() });
  },
};

/**
 * True when `file` starts as a binary container that only the second module reads: a zip
 * archive (an Excel workbook, .xlsx) or an SPSS data file ("$FL2", or "$FL3" for .zsav).
 */
export async function isContainer(file) {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  if (head.length !== 4) return false;
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
  const sav = head[0] === 0x24 && head[1] === 0x46 && head[2] === 0x4c && (head[3] === 0x32 || head[3] === 0x33);
  return zip || sav;
}

/**
 * Reads the Excel workbook (the sheet named `sheet`, or its first visible sheet with data) or
 * SPSS data file `file` with the second module and posts it as loaded, like a text file, with
 * the workbook's visible sheets with data (`sheets`, empty for an SPSS file) and the sheet read.
 * `hooks` as for handleAnalysis.
 */
export async function openContainer({ id, file, options, lang, sheet }, hooks) {
  let glue;
  try {
    glue = await multiModule();
  } catch {
    postMessage(unavailable(id));
    return;
  }
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    // Session.xlsx reads any container by its bytes: a workbook or an SPSS file.
    const session = glue.Session.xlsx(bytes, sheet ?? undefined);
    const json = session.summary(options ?? null);
    const views = hooks.viewsOf(session, json, lang);
    hooks.setDataset(session);
    // The sheets to choose from: a zip is a workbook (an SPSS file starts "$FL").
    const sheets = bytes[0] === 0x50 ? glue.xlsx_sheets(bytes) : [];
    postMessage({ type: MSG.LOADED, id, name: file.name, json, views, sheets, sheet: sheet ?? sheets[0] ?? null });
  } catch (err) {
    hooks.fail(id, err);
  }
}

/**
 * Handles one of this module's messages; false when the message is not one of them. `hooks`:
 * getDataset() and setDataset(session) for the worker's current dataset, viewsOf(session,
 * json, lang), and fail(id, err).
 */
export async function handleAnalysis(msg, hooks) {
  const handler = HANDLERS[msg.type];
  if (!handler) return false;
  const needsDataset = msg.type === MSG.CROSSTAB || msg.type === MSG.WEIGHTED || msg.type === MSG.HEADERS;
  const needsWaves = msg.type === MSG.COMBINE || msg.type === MSG.COMPARE;
  if ((needsDataset && !hooks.getDataset()) || (needsWaves && !waves)) {
    postMessage({
      type: MSG.ERROR,
      id: msg.id,
      error: {
        code: needsWaves ? 'no_files' : 'no_data',
        da: 'Filerne skal indlæses igen, før beregningen kan gentages.',
        en: 'The files have to be loaded again before the calculation can be repeated.',
      },
    });
    return true;
  }
  try {
    await handler(msg, hooks);
  } catch (err) {
    hooks.fail(msg.id, err);
  }
  return true;
}
