// Expected numbers for the end-to-end tests, computed from bench/gen_survey.py's exact counts,
// in the Danish format the page shows (81,3 % · 3,42 · 1.200).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './browser.mjs';

/** Runs the generator into `dir` and returns { path, name, expected }. */
export function generate(dir, name, args) {
  const out = path.join(dir, `${name}.csv`);
  execFileSync('python3', [path.join(ROOT, 'bench', 'gen_survey.py'), ...args, '--out', out], { stdio: 'pipe' });
  const expected = JSON.parse(fs.readFileSync(out.replace(/\.csv$/, '.expected.json'), 'utf8'));
  return { path: out, name: `${name}.csv`, expected };
}

export function danishNumber(value, decimals) {
  const [int, frac] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (value < 0 ? '-' : '') + grouped + (frac ? `,${frac}` : '');
}

/** Every acceptable text for `value` with `decimals` decimals (both roundings of an exact tie). */
export function danishVariants(value, decimals) {
  const f = 10 ** decimals;
  const scaled = value * f;
  const candidates = new Set([Math.round(scaled)]);
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-7) {
    candidates.add(Math.floor(scaled));
    candidates.add(Math.ceil(scaled));
  }
  return [...candidates].map((n) => danishNumber(n / f, decimals));
}

/** Per question: column, header index, n, top-2 share and mean as the page may print them. */
export function expectedQuestions(expected) {
  return expected.questions.map(({ column, labels }) => {
    const counts = expected.overall[column];
    const steps = labels.filter((l) => l !== 'Ved ikke');
    const c = steps.map((l) => counts[l] || 0);
    const n = c.reduce((a, b) => a + b, 0);
    const top2 = (100 * (c[0] + c[1])) / n;
    const mean = c.reduce((sum, k, i) => sum + k * (5 - i), 0) / n;
    return {
      column,
      index: expected.header.indexOf(column),
      n,
      top2Value: top2,
      meanValue: mean,
      top2: danishVariants(top2, 1).map((s) => `${s}\u00a0%`),
      mean: danishVariants(mean, 2),
      nText: danishNumber(n, 0),
    };
  });
}

/** Asserts that the question section of `q` on the page shows its n, top-2 share and mean. */
export async function assertQuestionShown(page, q) {
  const text = await page.locator(`section.question[data-column="${q.index}"]`).innerText();
  const has = (variants) => variants.some((v) => text.includes(v));
  if (!text.includes(q.nText)) throw new Error(`n ${q.nText} not shown for ${q.column}`);
  if (!has(q.top2)) throw new Error(`top-2 ${q.top2.join('|')} not shown for ${q.column}`);
  if (!has(q.mean)) throw new Error(`mean ${q.mean.join('|')} not shown for ${q.column}`);
}

/** A minimal test runner: PASS/FAIL lines, a count, and the exit code. */
export function runner(suite) {
  const tests = [];
  return {
    test: (name, fn) => tests.push({ name, fn }),
    async run({ before = async () => {}, after = async () => {} } = {}) {
      let passed = 0;
      let failed = 0;
      try {
        await before();
        for (const { name, fn } of tests) {
          const started = Date.now();
          try {
            await fn();
            passed += 1;
            console.log(`PASS ${name} (${Date.now() - started} ms)`);
          } catch (err) {
            failed += 1;
            console.log(`FAIL ${name} (${Date.now() - started} ms)\n  ${String(err.stack || err).split('\n').join('\n  ')}`);
          }
        }
      } catch (err) {
        failed += 1;
        console.log(`FAIL ${suite}: setup\n  ${String(err.stack || err).split('\n').join('\n  ')}`);
      } finally {
        await after();
      }
      console.log(`${suite}: ${passed} passed, ${failed} failed`);
      process.exit(failed === 0 ? 0 : 1);
    },
  };
}
