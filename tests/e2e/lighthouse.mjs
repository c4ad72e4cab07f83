// Lighthouse scores of the served app in headless Chromium (/usr/bin/chromium): performance,
// accessibility and best practices must each be at least 95. Run by `./build.sh lighthouse`,
// which installs the lighthouse CLI and sets LIGHTHOUSE and CHROME_PATH.
//
//   LIGHTHOUSE=…/lighthouse CHROME_PATH=/usr/bin/chromium node tests/e2e/lighthouse.mjs [--keep]
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';
import { WWW } from './browser.mjs';

const MIN_SCORE = 95;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const LIGHTHOUSE = process.env.LIGHTHOUSE || 'lighthouse';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilfreds-lighthouse-'));
const server = await startServer({ mounts: { '/': WWW } });
const report = path.join(tmp, 'report.json');
let failed = 0;
try {
  await new Promise((resolve, reject) => {
    execFile(
      LIGHTHOUSE,
      [
        `${server.origin}/`,
        `--only-categories=${CATEGORIES.join(',')}`,
        '--output=json',
        `--output-path=${report}`,
        '--quiet',
        '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking',
      ],
      { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' }, maxBuffer: 1 << 26 },
      (err, _stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve()),
    );
  });
  const result = JSON.parse(fs.readFileSync(report, 'utf8'));
  console.log(`  Lighthouse ${result.lighthouseVersion}, ${result.environment?.hostUserAgent?.match(/Chrome\/[\d.]+/)?.[0] || ''}, ${result.configSettings.formFactor}`);
  for (const id of CATEGORIES) {
    const category = result.categories[id];
    const score = Math.round(category.score * 100);
    const ok = score >= MIN_SCORE;
    if (!ok) failed += 1;
    console.log(`${ok ? 'PASS' : 'FAIL'} lighthouse ${id}: ${score}`);
    for (const ref of category.auditRefs) {
      const audit = result.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        console.log(`    ${ref.id}: ${audit.score} ${audit.displayValue || ''} ${audit.title}`);
      }
    }
  }
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index']) {
    console.log(`  ${id}: ${result.audits[id].displayValue}`);
  }
} catch (err) {
  failed += 1;
  console.log(`FAIL lighthouse\n  ${String(err.stack || err).split('\n').join('\n  ')}`);
} finally {
  await server.close();
  if (process.argv.includes('--keep')) console.log(`  report: ${report}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed === 0 ? 0 : 1);
