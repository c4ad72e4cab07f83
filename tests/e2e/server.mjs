// A tiny static HTTP server bound to 127.0.0.1, for the end-to-end tests and `./build.sh serve`.
//
//   import { startServer } from './server.mjs';
//   const server = await startServer({ mounts: { '/': '/abs/www' } });   // ephemeral port
//   node tests/e2e/server.mjs --root www --port 8080 [--hosts ORIGINS]   // from the shell
//
// mounts: { '/prefix/': '/abs/dir' }; files: { '/exact/path': '/abs/file' }. A path ending in
// '/' serves index.html. Every request is counted in `hits`.
//
// hosts: the origins allowed to embed the app, as a deployment sets them (docs/EMBED.md): sent
// as `frame-ancestors` ('none' without any, with X-Frame-Options for older browsers), and
// written into each page's <meta name="tilfreds-hosts"> as `./build.sh dist` writes it. "'self'"
// allows framing by the server's own pages without opening the API to them. frameAncestors sets
// the header apart from the list (tests of a server set up otherwise).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The framing headers for the allowed `hosts` (see above). */
export function framingHeaders(hosts) {
  const headers = { 'content-security-policy': `frame-ancestors ${hosts.length ? hosts.join(' ') : "'none'"}` };
  if (hosts.length === 0) headers['x-frame-options'] = 'DENY';
  else if (hosts.length === 1 && hosts[0] === "'self'") headers['x-frame-options'] = 'SAMEORIGIN';
  return headers;
}

const HOSTS_META = '<meta name="tilfreds-hosts" content="">';

/** The files the app itself fetches, relative to its folder: nothing else may be fetched. */
export const APP_FETCHES = ['pkg/tilfreds_web_bg.wasm', 'pkg/multi/tilfreds_web_bg.wasm', 'eksempel.csv'];

/**
 * `connect-src` narrowed to the exact files the app fetches, for the app's pages and workers
 * (the page's own meta policy allows its whole origin, and a meta policy does not reach
 * workers). The service worker keeps its origin: it caches the app's files. `null` for files
 * outside an app folder (one holding `sw.js`).
 */
function connectPolicy(req, pathname, file) {
  const ext = path.extname(file).toLowerCase();
  if ((ext !== '.html' && ext !== '.js') || path.basename(file) === 'sw.js') return null;
  const dir = path.dirname(file);
  if (!fs.existsSync(path.join(dir, 'sw.js'))) return null;
  const folder = pathname.slice(0, pathname.lastIndexOf('/') + 1);
  const base = `http://${req.headers.host || '127.0.0.1'}${folder}`;
  return `connect-src ${APP_FETCHES.map((f) => base + f).join(' ')}`;
}

export async function startServer({ mounts = {}, files = {}, port = 0, hosts = [], frameAncestors = hosts } = {}) {
  // frameAncestors: null sends no framing header at all (a server set up without one).
  const framing = frameAncestors ? framingHeaders(frameAncestors) : {};
  const listed = hosts.filter((h) => h !== "'self'").join(' ');
  const roots = Object.fromEntries(Object.entries(mounts).map(([p, d]) => [p, path.resolve(d)]));
  const prefixes = Object.keys(roots).sort((a, b) => b.length - a.length);
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url);
    const send = (code, msg) => {
      res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(msg);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(400, 'bad url');
    }
    let file = files[pathname];
    if (!file) {
      const prefix = prefixes.find((p) => pathname.startsWith(p));
      if (!prefix) return send(404, 'not found');
      const root = roots[prefix];
      let rel = pathname.slice(prefix.length);
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      file = path.resolve(root, rel);
      if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden');
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) return send(404, 'not found');
      const headers = {
        'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...framing,
      };
      const connect = connectPolicy(req, pathname, file);
      if (connect) headers['content-security-policy'] = [framing['content-security-policy'], connect].filter(Boolean).join('; ');
      if (path.extname(file).toLowerCase() === '.html') {
        const page = Buffer.from(fs.readFileSync(file, 'utf8').replace(HOSTS_META, `<meta name="tilfreds-hosts" content="${listed}">`));
        res.writeHead(200, { ...headers, 'content-length': page.length });
        return res.end(req.method === 'HEAD' ? undefined : page);
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') return res.end();
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    origin: `http://127.0.0.1:${address.port}`,
    port: address.port,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const root = path.resolve(opt('--root', 'www'));
  // The allowed host origins: --hosts "https://a https://b", or TILFREDS_HOSTS.
  const hosts = opt('--hosts', process.env.TILFREDS_HOSTS || '').split(/[\s,]+/).filter(Boolean);
  const server = await startServer({ mounts: { '/': root }, port: Number(opt('--port', '8080')), hosts });
  console.log(`Serving ${root} on ${server.origin}/ (Ctrl+C to stop)`);
}
