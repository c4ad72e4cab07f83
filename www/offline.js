// Registers the service worker (sw.js) that keeps the app's own files for use without a
// network, and shows the note "Works offline" once it is active. The single-file build, opened
// from disk, needs no network at all and shows the note at once.

/** Registers sw.js next to this module; `policy` is the page's Trusted Types policy (or null). */
export function setupOffline(policy) {
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
