// Writes one self-contained HTML file of the app: the page's modules bundled into one inline
// module script, the worker's modules into a classic script started from a blob: URL, the wasm
// module and the example data gzip-compressed and base64-encoded inside the inline script, the
// style sheets inlined. The file works opened from disk (file://), with no server and no
// network: its CSP allows scripts and styles only by their sha256 hashes and has no connect-src.
//
//   node tools/singlefile.mjs [--site www] [--out dist/tilfreds.html]
//
// The bundler is deliberately small: it understands the static `import … from './x.js'` and
// `export …` forms the site uses, and `import('./x.js')` with a literal path (bundled like a
// static import, so it resolves at once), and stops with an error on anything else (other
// dynamic imports, `export *`, bare specifiers, cycles), so a new module that needs more fails
// the build loudly.
//
// The site has two wasm modules: pkg/ reads one file, pkg/multi/ also several files at once and
// is fetched by the worker only when they are dropped. The single file holds only the second,
// which does everything the first does: every import of pkg/tilfreds_web.js is bundled as
// pkg/multi/tilfreds_web.js.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? argv[i + 1] : fallback;
};
const SITE = path.resolve(opt('--site', 'www'));
const OUT = path.resolve(opt('--out', 'dist/tilfreds.html'));
const GLUE = path.join(SITE, 'pkg', 'multi', 'tilfreds_web.js');
const WASM = path.join(SITE, 'pkg', 'multi', 'tilfreds_web_bg.wasm');
/** Modules bundled in place of others (see above). */
const ALIASES = new Map([[path.join(SITE, 'pkg', 'tilfreds_web.js'), GLUE]]);
const EXAMPLE = 'eksempel.csv';

function fail(message) {
  console.error(`singlefile: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------
// Bundling.

const IMPORT_RE = /^[ \t]*import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s+as\s+([\w$]+))?\s*(?:from\s+)?(['"])([^'"]+)\4\s*;?[ \t]*$/gm;
const EXPORT_DECL_RE = /^([ \t]*)export\s+(default\s+)?((?:async\s+)?function\*?|class|const|let|var)\s+([\w$]+)/gm;
const EXPORT_LIST_RE = /^[ \t]*export\s*\{([^}]*)\}\s*;?[ \t]*$/gm;
const EXPORT_DEFAULT_EXPR_RE = /^([ \t]*)export\s+default\s+/gm;

/** `a, b as c` → [['a', 'a'], ['b', 'c']] (local, exported/imported name). */
function specifiers(list) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(s);
      if (!m) fail(`cannot read the specifier "${s}"`);
      return [m[1], m[2] || m[1]];
    });
}

/**
 * Bundles the module graph rooted at `entry` into one script body. Each module becomes an async
 * function scope returning its exports; `shims(file)` may prepend code to a module's scope and
 * `wrap(file, name)` may replace the expression a module's exports are read from.
 */
function bundle(entry, { prelude = '', shims = () => '', wrap = (_file, name) => name, classic = false } = {}) {
  const order = [];
  const seen = new Map();
  let count = 0;
  const visiting = new Set();

  function visit(file) {
    if (seen.has(file)) return seen.get(file);
    if (visiting.has(file)) fail(`import cycle through ${path.relative(SITE, file)}`);
    visiting.add(file);
    let source = fs.readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
    const resolve = (spec) => {
      if (!spec.startsWith('./') && !spec.startsWith('../')) fail(`bare import "${spec}" in ${file}`);
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(SITE + path.sep)) fail(`import outside the site: ${spec}`);
      return ALIASES.get(target) || target;
    };
    // import('./x.js') with a literal path: the module bundled, as a resolved promise.
    source = source.replace(/\bimport\(\s*(['"])(\.{1,2}\/[^'"]+)\1\s*\)/g, (_all, _q, spec) => `Promise.resolve(${visit(resolve(spec))})`);
    if (/\bimport\s*\(/.test(source.replace(/\/\/.*$/gm, ''))) {
      fail(`${path.relative(SITE, file)} uses import() of a computed path; name the module literally`);
    }
    if (/^[ \t]*export\s*\*/m.test(source)) fail(`${path.relative(SITE, file)} uses export *`);
    const imports = [];
    source = source.replace(IMPORT_RE, (_all, def, named, ns, _q, spec) => {
      imports.push({ def, named, ns, target: resolve(spec) });
      return '';
    });
    if (/^[ \t]*import\s/m.test(source)) fail(`an import form in ${path.relative(SITE, file)} is not understood`);
    const exported = [];
    source = source.replace(EXPORT_LIST_RE, (_all, list) => {
      for (const [local, name] of specifiers(list)) exported.push([name, local]);
      return '';
    });
    source = source.replace(EXPORT_DECL_RE, (_all, indent, def, kind, name) => {
      exported.push([def ? 'default' : name, name]);
      return `${indent}${kind} ${name}`;
    });
    source = source.replace(EXPORT_DEFAULT_EXPR_RE, (_all, indent) => {
      exported.push(['default', '__default']);
      return `${indent}const __default = `;
    });
    if (/^[ \t]*export\s/m.test(source)) fail(`an export form in ${path.relative(SITE, file)} is not understood`);

    const name = `__module${count++}_${path.basename(file).replace(/\W/g, '_')}`;
    const lines = [];
    for (const { def, named, ns, target } of imports) {
      const from = visit(target);
      const parts = [];
      if (def) parts.push(`default: ${def}`);
      if (named) for (const [imported, local] of specifiers(named)) parts.push(imported === local ? local : `${imported}: ${local}`);
      if (ns) lines.push(`const ${ns} = ${from};`);
      if (parts.length) lines.push(`const { ${parts.join(', ')} } = ${from};`);
    }
    visiting.delete(file);
    const exportObject = exported.map(([exp, local]) => (exp === local ? local : `${JSON.stringify(exp)}: ${local}`)).join(', ');
    const code = [
      `// ${path.relative(SITE, file)}`,
      `const ${name} = ${wrap(file, `await (async () => {\n${shims(file)}${lines.join('\n')}\n${source}\nreturn Object.freeze({ ${exportObject} });\n})()`)};`,
    ].join('\n');
    order.push(code);
    seen.set(file, name);
    return name;
  }

  visit(path.resolve(entry));
  const body = `${prelude}\n${order.join('\n\n')}\n`;
  if (!classic) return body;
  // A classic script (Chromium starts no module worker from a blob: URL of a file:// page).
  return `(async () => {\n${body.replace(/\bimport\.meta\.url\b/g, 'self.location.href')}\n})().catch((err) => setTimeout(() => { throw err; }));\n`;
}

/** The glue's `init()` with no argument instantiates `source` (a promise of a WebAssembly.Module). */
function wrapGlue(source) {
  return (file, expr) =>
    file === GLUE
      ? `((glue) => Object.freeze({ ...glue, default: (arg) => glue.default(arg ?? { module_or_path: ${source} }) }))(${expr})`
      : expr;
}

// ---------------------------------------------------------------------------------------------
// Inputs.

for (const file of [path.join(SITE, 'index.html'), path.join(SITE, 'main.js'), path.join(SITE, 'worker.js'), GLUE, WASM]) {
  if (!fs.existsSync(file)) fail(`${path.relative(process.cwd(), file)} is missing (run ./build.sh build)`);
}

const b64gz = (bytes) => zlib.gzipSync(bytes, { level: 9 }).toString('base64');
const wasmB64 = b64gz(fs.readFileSync(WASM));
const exampleB64 = b64gz(fs.readFileSync(path.join(SITE, EXAMPLE)));

const workerCode = bundle(path.join(SITE, 'worker.js'), {
  prelude: [
    '// The page posts the compiled wasm module as the first message.',
    'const __wasm = new Promise((resolve) => {',
    "  self.addEventListener('message', function onWasm(event) {",
    "    if (event.data && event.data.type === 'tilfreds:wasm') {",
    "      self.removeEventListener('message', onWasm);",
    '      resolve(event.data.module);',
    '    }',
    '  });',
    '});',
  ].join('\n'),
  wrap: wrapGlue('__wasm'),
  classic: true,
});

const PAGE_PRELUDE = `
// Single-file build: the wasm module, the worker and the example data live in this script.
const __single = (() => {
  const bytes = (b64) => {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  };
  const gunzip = (b64) =>
    new Response(new Blob([bytes(b64)]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  const wasm = gunzip(${JSON.stringify(wasmB64)}).then((buf) => WebAssembly.compile(buf));
  const example = ${JSON.stringify(exampleB64)};
  const workerCode = ${JSON.stringify(workerCode)};
  let workerUrl = null;
  // Trusted Types: the only script URL this file creates is the blob of its own worker code.
  const policy = window.trustedTypes
    ? window.trustedTypes.createPolicy('tilfreds-single', {
      createScriptURL(url) {
        if (url !== workerUrl) throw new TypeError('Blocked script URL');
        return url;
      },
    })
    : null;
  class SingleWorker extends Worker {
    constructor(_url, options) {
      if (!workerUrl) workerUrl = URL.createObjectURL(new Blob([workerCode], { type: 'text/javascript' }));
      super(policy ? policy.createScriptURL(workerUrl) : workerUrl, { ...options, type: 'classic' });
      wasm.then((module) => this.postMessage({ type: 'tilfreds:wasm', module }), () => {});
    }
  }
  // Only the example data can be "fetched"; everything else fails as it would offline.
  const fetchLocal = async (input) => {
    const url = new URL(String(input instanceof Request ? input.url : input), document.baseURI);
    if (url.pathname.endsWith('/${EXAMPLE}')) {
      return new Response(await gunzip(example), { headers: { 'content-type': 'text/csv' } });
    }
    throw new TypeError('No network in the single-file build');
  };
  return Object.freeze({ wasm, Worker: SingleWorker, fetch: fetchLocal });
})();
`;

const pageCode = bundle(path.join(SITE, 'main.js'), {
  prelude: PAGE_PRELUDE,
  shims: () => 'const fetch = __single.fetch;\nconst Worker = __single.Worker;\n',
  wrap: wrapGlue('__single.wasm'),
});

// ---------------------------------------------------------------------------------------------
// The page.

const escapeScript = (code) => code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const script = escapeScript(pageCode);
let html = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8').replace(/\r\n?/g, '\n');
// Every style sheet the page links becomes an inline <style>, allowed by its hash.
const styles = [];
html = html.replace(/<link rel="stylesheet" href="([\w.-]+\.css)">/g, (_all, href) => {
  const css = fs.readFileSync(path.join(SITE, href), 'utf8').replace(/\r\n?/g, '\n');
  if (/<\/style/i.test(css)) fail(`${href} contains </style`);
  styles.push(css);
  return `<style>${css}</style>`;
});
if (styles.length === 0) fail('index.html links no style sheet');
const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// A blob: worker is the only way to start a worker from a file:// page (a file URL is an opaque
// origin); the blob is made by the hashed script itself and Trusted Types pin the one URL.
const CSP = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${styles.map(sha).join(' ')}`,
  'worker-src blob:',
  'img-src blob: data:',
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types tilfreds tilfreds-single',
].join('; ');


const replaceOnce = (re, by, what) => {
  if (!re.test(html)) fail(`index.html: ${what} not found`);
  html = html.replace(re, () => by);
};
replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, `<meta http-equiv="Content-Security-Policy" content="${CSP}">`, 'the CSP meta tag');
replaceOnce(/<script type="module" src="main\.js"><\/script>/, `<script type="module">${script}</script>`, 'the main.js script tag');
if (/<script[^>]+src=|<link[^>]+rel="(?:stylesheet|modulepreload|preload)"/i.test(html)) {
  fail('index.html loads a script or style the single file does not include');
}

fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, html);
const size = fs.statSync(OUT).size;
console.log(`${path.relative(process.cwd(), OUT)}: ${size} bytes (${(size / 1024).toFixed(0)} KB)`);
