// The second wasm module on the page's own thread: wave charts and SVG downloads are drawn by
// it, so the first download (the CSV path) stays within its budget. Fetched from the page's own
// folder the first time it is needed, then kept; the single file holds it already.

/** The second module's glue, initialised (a promise), once it has been asked for. */
let glue = null;

/** The second module's glue, initialised; fetched on the first call. */
export function secondModule() {
  if (!glue) {
    glue = import('../pkg/multi/tilfreds_web.js').then(async (module) => {
      await module.default();
      return module;
    });
    glue.catch(() => {
      // not reachable (offline before it was ever fetched): asked for again next time
      glue = null;
    });
  }
  return glue;
}

/** The chart `model` of kind `kind` as SVG text, `width` pixels wide (a promise). */
export async function chartSvg(kind, model, width, lang) {
  const module = await secondModule();
  return module.chart_svg(kind, model, width, lang);
}

/** The message when the second module cannot be fetched (offline before it was ever used). */
export const SECOND_UNAVAILABLE = {
  code: 'second_unavailable',
  da: 'Denne del af programmet kunne ikke hentes. Prøv igen, når der er forbindelse.',
  en: 'This part of the program could not be fetched. Try again when there is a connection.',
};
