// Service worker: keeps the app's own files (the page, its modules, style sheets, the wasm
// module and the example data) so the app opens and works without a network after the first
// visit. It never stores anything else: a user's survey file is read from disk by the page and
// is never requested over the network, so it cannot pass through here.
//
// Requests are answered from the network first (a new version is picked up at once) and from
// the cache when the network is unavailable.
const CACHE = 'tilfreds-v1';
/** Where the app starts; everything else is found by following the files' own references. */
const ROOTS = ['./', 'index.html', 'worker.js', 'eksempel.csv'];
/** The app's own kinds of file; nothing else is ever cached. */
const APP_FILE = /(?:\/|\.html|\.js|\.mjs|\.css|\.wasm|\/eksempel\.csv)$/;
const SCOPE = new URL('./', self.location.href);
/**
 * Files not copied ahead: the second wasm module (several files at once), which every visit
 * would otherwise download. It is kept once it is first used, like every file the app fetches.
 */
const ON_DEMAND = /\/pkg\/multi\//;

function isAppFile(url) {
  return url.origin === SCOPE.origin && url.href.startsWith(SCOPE.href) && APP_FILE.test(url.pathname);
}

/** The cache key of a request: query and fragment dropped (the page reads `?host=` itself). */
function keyOf(url) {
  const key = new URL(url);
  key.search = '';
  key.hash = '';
  return key.href;
}

/** Relative references in a page, module or style sheet. */
function referencesIn(text, type) {
  const patterns = [
    /\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bimport\s*['"(]\s*['"]?(\.{1,2}\/[^'"]+)['"]/g,
    /\bnew URL\(\s*['"]([^'":]+)['"]\s*,\s*import\.meta\.url/g,
  ];
  if (type.includes('html')) patterns.push(/\b(?:href|src)="([^"#?:]+)"/g);
  const found = [];
  for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  return found;
}

/** Fetches the app's files from the roots, following references, into the cache. */
async function precache() {
  const cache = await caches.open(CACHE);
  const queue = ROOTS.map((r) => new URL(r, SCOPE).href);
  const seen = new Set();
  while (queue.length > 0) {
    const href = queue.shift();
    if (seen.has(href)) continue;
    seen.add(href);
    const response = await fetch(href, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${href}: ${response.status}`);
    await cache.put(keyOf(href), response.clone());
    const type = response.headers.get('content-type') || '';
    if (!/javascript|html|css/.test(type)) continue;
    for (const ref of referencesIn(await response.text(), type)) {
      const url = new URL(ref, href);
      if (isAppFile(url) && !ON_DEMAND.test(url.pathname) && !seen.has(url.href)) queue.push(url.href);
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('tilfreds-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!isAppFile(url)) return;
  event.respondWith(
    (async () => {
      try {
        const response = await fetch(request);
        if (response.ok && response.type === 'basic') {
          // Stored while the page already reads the response, not before it gets it.
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(keyOf(url), copy)));
        }
        return response;
      } catch (err) {
        const cached = await (await caches.open(CACHE)).match(keyOf(url));
        if (cached) return cached;
        throw err;
      }
    })(),
  );
});
