// Reads survey files in a Web Worker so the page stays responsive: the File is streamed in
// chunks into the wasm Session, progress goes to the page, and the finished dataset is kept
// here so a changed option is recomputed at once. Only summaries (aggregates) are posted back.
import init, { Session } from './pkg/tilfreds_web.js';
import { handleAnalysis, isContainer, openContainer } from './analysis-worker.js';
import { MSG, codedFrom } from './core/protocol.js';

/** The views of the session's latest summary in `lang`: the overview and each column's view. */
function viewsOf(session, json, lang) {
  const { columns } = JSON.parse(json);
  const questions = [];
  for (const column of columns) {
    const view = session.question(column.index, lang);
    if (view) questions.push(view);
  }
  // The answer values for the user's own adjustments (never in the summary the host gets).
  const values = session.value_labels ? JSON.parse(session.value_labels()) : null;
  return { lang, overview: session.overview(lang), questions, multi: session.multi_select(lang), values };
}

/** The dataset of the file on screen (a finished Session), or null. */
let dataset = null;
/**
 * How that dataset was read, for the second module to read it again (cross-tables and weights
 * live there): { file, reading, lang }, or null when the second module made the dataset.
 */
let source = null;
/** The options of the dataset's latest summary (merges and scales the analyses count too). */
let lastOptions = null;
/** The file being read: { id, cancelled, reader }, or null. */
let loading = null;

const MESSAGES = {
  no_data: {
    da: 'Filen skal indlæses igen, før beregningen kan gentages.',
    en: 'The file has to be loaded again before the calculation can be repeated.',
  },
  read_failed: {
    da: 'Filen kunne ikke læses. Den er måske flyttet eller slettet, eller browseren har ikke adgang til den.',
    en: 'The file could not be read. It may have been moved or deleted, or the browser has no access to it.',
  },
};

function coded(code) {
  return { code, ...MESSAGES[code] };
}

/**
 * Reports an error. A wasm trap (a panic or running out of memory) leaves the module in an
 * unknown state: the worker says so and stops, and the page starts a fresh one.
 */
function fail(id, err) {
  const error = codedFrom(err);
  if (error) {
    postMessage({ type: MSG.ERROR, id, error });
    return;
  }
  postMessage({ type: MSG.CRASH, id, message: String((err && err.message) || err) });
  close();
}

/** Bytes asked for per read when the stream lets the worker bring its own buffer. */
const READ_BYTES = 1 << 20;

/**
 * A reader of `file` and a function giving its next chunk. Where the browser streams files as
 * bytes, every read fills the same 1 MiB buffer again, so reading a large file leaves no trail
 * of chunks for the garbage collector; elsewhere the stream's own chunks are used.
 */
function chunksOf(file) {
  const stream = file.stream();
  let reader;
  try {
    reader = stream.getReader({ mode: 'byob' });
  } catch {
    reader = stream.getReader();
    return { reader, next: () => reader.read() };
  }
  let buffer = new ArrayBuffer(READ_BYTES);
  const next = async () => {
    const chunk = await reader.read(new Uint8Array(buffer));
    // The read hands the buffer over and back; the next read reuses it.
    if (chunk.value) buffer = chunk.value.buffer;
    return chunk;
  };
  return { reader, next };
}

/** A point in time comparable across the page and this worker (ms since the epoch). */
const now = () => performance.timeOrigin + performance.now();

async function open({ id, file, options, lang, reading }) {
  if (loading) {
    loading.cancelled = true;
    loading.reader?.cancel().catch(() => {});
  }
  const job = { id, cancelled: false, reader: null };
  loading = job;
  if (!(reading && reading.no_header) && (await isContainer(file))) {
    // An Excel workbook or an SPSS file: read whole by the second module, which holds the
    // xlsx and sav readers.
    await openContainer({ id, file, options, lang, sheet: reading?.sheet }, analysisHooks);
    if (loading === job) loading = null;
    return;
  }
  const total = file.size;
  // Where the time goes, posted with the results: the page turns it into performance measures.
  const timing = { start: now(), readWait: 0, push: 0, chunks: 0, largestChunk: 0, progressPosts: 0 };
  let session = null;
  try {
    // `reading.no_header`: the file has no header row (the page's "Første række er svar").
    session = reading && reading.no_header ? Session.with_options({ no_header: true, lang }) : new Session();
    const { reader, next } = chunksOf(file);
    job.reader = reader;
    let done = 0;
    let lastPost = 0;
    postMessage({ type: MSG.PROGRESS, id, done, total });
    for (;;) {
      let chunk;
      const t0 = performance.now();
      try {
        chunk = await next();
      } catch {
        if (job.cancelled) break;
        session.free();
        session = null;
        postMessage({ type: MSG.ERROR, id, error: coded('read_failed') });
        return;
      }
      const t1 = performance.now();
      timing.readWait += t1 - t0;
      if (job.cancelled || chunk.done) break;
      session.push(chunk.value);
      const t2 = performance.now();
      timing.push += t2 - t1;
      timing.chunks += 1;
      timing.largestChunk = Math.max(timing.largestChunk, chunk.value.byteLength);
      done += chunk.value.byteLength;
      if (t2 - lastPost > 50) {
        lastPost = t2;
        timing.progressPosts += 1;
        postMessage({ type: MSG.PROGRESS, id, done, total });
      }
    }
    if (job.cancelled) {
      session.free();
      session = null;
      postMessage({ type: MSG.CANCELLED, id });
      return;
    }
    postMessage({ type: MSG.PROGRESS, id, done, total });
    timing.readEnd = now();
    session.finish();
    timing.finished = now();
    const json = session.summary(options ?? null);
    timing.summarized = now();
    const views = viewsOf(session, json, lang);
    if (dataset) dataset.free();
    dataset = session;
    source = { file, reading, lang };
    lastOptions = options ?? null;
    session = null;
    timing.posted = now();
    postMessage({ type: MSG.LOADED, id, name: file.name, json, views, timing });
  } catch (err) {
    if (session && codedFrom(err)) session.free();
    fail(id, err);
  } finally {
    if (loading === job) loading = null;
  }
}

function summarize({ id, options, lang }) {
  if (!dataset) {
    postMessage({ type: MSG.ERROR, id, error: coded('no_data') });
    return;
  }
  try {
    const json = dataset.summary(options ?? null);
    lastOptions = options ?? null;
    postMessage({ type: MSG.SUMMARY, id, json, views: viewsOf(dataset, json, lang) });
  } catch (err) {
    fail(id, err);
  }
}

function cancel({ id }) {
  if (loading && loading.id === id) {
    loading.cancelled = true;
    loading.reader?.cancel().catch(() => {});
  }
}

/**
 * The wasm module: the page compiles it once and sends it ({type: 'wasm', module}) in answer to
 * `hello`; this worker only instantiates it. Without one (module null: the single-file build)
 * the glue's init() finds the module itself.
 */
const wasmTiming = { start: now(), module: null, ready: null };
const fromPage = new Promise((resolve) => {
  self.addEventListener('message', function first(event) {
    if (!event.data || event.data.type !== MSG.WASM) return;
    self.removeEventListener('message', first);
    resolve(event.data.module instanceof WebAssembly.Module ? event.data.module : null);
  });
});
postMessage({ type: MSG.HELLO });
const ready = fromPage.then((module) => {
  wasmTiming.module = now();
  return module ? init({ module_or_path: module }) : init();
});
ready.then(
  () => postMessage({ type: MSG.READY, timing: { wasm: { ...wasmTiming, ready: now() } } }),
  (err) => postMessage({ type: MSG.CRASH, id: 0, message: String((err && err.message) || err) }),
);

/** What the analyses (analysis-worker.js) may do with this worker's dataset. */
const analysisHooks = {
  getDataset: () => dataset,
  getSource: () => source,
  getOptions: () => lastOptions,
  setDataset: (session) => {
    if (dataset && dataset !== session) dataset.free();
    dataset = session;
    source = null;
  },
  viewsOf,
  fail,
};

self.onmessage = async (event) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object' || msg.type === MSG.WASM) return;
  await ready;
  switch (msg.type) {
    case MSG.OPEN:
      await open(msg);
      break;
    case MSG.SUMMARY:
      summarize(msg);
      break;
    case MSG.CANCEL:
      cancel(msg);
      break;
    default:
      await handleAnalysis(msg, analysisHooks);
      break;
  }
};
