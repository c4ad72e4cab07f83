// A tiny static HTTP server bound to 127.0.0.1, for the end-to-end tests and `./build.sh serve`.
//
//   import { startServer } from './server.mjs';
//   const server = await startServer({ mounts: { '/': '/abs/www' } });   // ephemeral port
//   node tests/e2e/server.mjs --root www --port 8080                     // from the shell
//
// mounts: { '/prefix/': '/abs/dir' }; files: { '/exact/path': '/abs/file' }. A path ending in
// '/' serves index.html. Every request is counted in `hits`.
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

export async function startServer({ mounts = {}, files = {}, port = 0 } = {}) {
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
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
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
  const server = await startServer({ mounts: { '/': root }, port: Number(opt('--port', '8080')) });
  console.log(`Serving ${root} on ${server.origin}/ (Ctrl+C to stop)`);
}
