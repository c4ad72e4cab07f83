// Writes the host pages allowed to embed the app into a deployed index.html: the content of its
// <meta name="tilfreds-hosts">, which www/later/api.js reads (docs/EMBED.md). Only https: origins, and
// http: on this machine (loopback) for tests; anything else stops with an error, so a typing
// mistake never opens the API to a page nobody meant.
//
//   node tools/hosts.mjs dist/index.html "https://intranet.example https://kl.example"
import fs from 'node:fs';

const [file, list = ''] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/hosts.mjs INDEX.HTML "ORIGIN ..."');
  process.exit(2);
}
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const origins = [];
for (const part of list.split(/[\s,]+/).filter(Boolean)) {
  let url;
  try {
    url = new URL(part);
  } catch {
    console.error(`hosts: "${part}" is not an origin (write it as https://intranet.example)`);
    process.exit(1);
  }
  const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (!(url.protocol === 'https:' || local) || url.origin !== part.replace(/\/$/, '')) {
    console.error(`hosts: "${part}" must be an https: origin alone, such as https://intranet.example`);
    process.exit(1);
  }
  origins.push(url.origin);
}
const html = fs.readFileSync(file, 'utf8');
const meta = /<meta name="tilfreds-hosts" content="[^"]*">/;
if (!meta.test(html)) {
  console.error(`hosts: ${file} has no <meta name="tilfreds-hosts">`);
  process.exit(1);
}
fs.writeFileSync(file, html.replace(meta, `<meta name="tilfreds-hosts" content="${origins.join(' ')}">`));
console.log(`${file}: ${origins.length ? `embedding allowed for ${origins.join(', ')}` : 'embedding off (no host listed)'}`);
