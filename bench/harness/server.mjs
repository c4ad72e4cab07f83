// Tiny static HTTP server bound to 127.0.0.1 only (ephemeral port).
// mounts: { '/prefix/': '/abs/dir' }, files: { '/exact/path': '/abs/file' }
// isolate (default true): send COOP/COEP/CORP (cross-origin isolation, finer timers), as the
// contestant harness does; bench/page.mjs passes false to serve www/ with plain headers, as the
// app's own server does.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.cjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8', '.csv': 'text/csv', '.txt': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export async function startServer({ mounts = {}, files = {}, isolate = true }) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = http.createServer((req, res) => {
    const send = (code, msg) => { res.writeHead(code, { 'content-type': 'text/plain' }); res.end(msg); };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try { pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname); }
    catch { return send(400, 'bad url'); }
    let file = files[pathname];
    if (!file) {
      const pre = prefixes.find((p) => pathname.startsWith(p));
      if (!pre) return send(404, 'not found');
      const root = mounts[pre];
      file = path.resolve(root, '.' + pathname.slice(pre.length - 1));
      if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'forbidden');
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) return send(404, 'not found');
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'content-length': st.size,
        'cache-control': 'no-store',
        // cross-origin isolation: finer performance.now() resolution
        ...(isolate ? {
          'cross-origin-opener-policy': 'same-origin',
          'cross-origin-embedder-policy': 'require-corp',
          'cross-origin-resource-policy': 'same-origin',
        } : {}),
      });
      if (req.method === 'HEAD') return res.end();
      const s = fs.createReadStream(file);
      s.on('error', () => res.destroy());
      s.pipe(res);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); }),
  };
}
