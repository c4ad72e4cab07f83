// End-to-end tests of the browser app in headless Chromium (/usr/bin/chromium, driven by
// playwright-core; no browser is ever downloaded). Serves www/ on an ephemeral 127.0.0.1 port
// under a sub-path, generates survey files with bench/gen_survey.py into a temporary folder and
// checks what a user sees. Prints PASS/FAIL per test and exits non-zero on any failure.
//
//   node tests/e2e/run.mjs [--only name,name] [--keep]
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';
import {
  launchBrowser, TIMEOUT, openApp, renderCount, waitRender, settle, chooseFile, dropBytes,
  loadExample, selectBreakdown, runTests, ROOT, WWW,
} from './browser.mjs';

const SUBPATH = '/apps/tilfreds/';
const SCREENSHOT = path.join(ROOT, 'docs', 'screenshot.png');

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;

// ---------------------------------------------------------------------------------------------
// Test inputs.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilfreds-e2e-'));

function generate(name, args) {
  const out = path.join(tmp, `${name}.csv`);
  execFileSync('python3', [path.join(ROOT, 'bench', 'gen_survey.py'), ...args, '--out', out], { stdio: 'pipe' });
  return { path: out, name: `${name}.csv`, expected: JSON.parse(fs.readFileSync(out.replace(/\.csv$/, '.expected.json'), 'utf8')) };
}

const cp1252 = generate('survey_cp1252', ['--rows', '2000', '--seed', '11', '--encoding', 'cp1252', '--delimiter', ';']);
const bomComma = generate('survey_utf8bom', ['--rows', '2000', '--seed', '12', '--encoding', 'utf-8-sig', '--delimiter', ',']);

/** Synthetic CPR-like numbers with valid dates (DDMMYY-SSSS), some with and some without hyphen. */
function makeCprFile() {
  const rnd = mulberry32(99);
  const groups = ['Sygedagpenge', 'Kontanthjælp', 'A-dagpenge', 'Fleksjob'];
  const scale = ['Meget tilfreds', 'Tilfreds', 'Hverken tilfreds eller utilfreds', 'Utilfreds', 'Meget utilfreds'];
  const cprs = [];
  const lines = ['CPR-nummer;ydelse;Hvor tilfreds er du samlet set med jobcentret?;Kommentar'];
  for (let i = 0; i < 300; i++) {
    const day = 1 + Math.floor(rnd() * 28);
    const month = 1 + Math.floor(rnd() * 12);
    const year = Math.floor(rnd() * 100);
    const serial = Math.floor(rnd() * 10000);
    const digits = `${pad(day)}${pad(month)}${pad(year)}`;
    const cpr = i % 3 === 0 ? `${digits}${String(serial).padStart(4, '0')}` : `${digits}-${String(serial).padStart(4, '0')}`;
    cprs.push(cpr);
    const answer = scale[Math.min(4, Math.floor(rnd() * rnd() * 6))];
    const comment = i % 10 === 0 ? `Mit cpr er ${cpr} og jeg vil gerne ringes op` : '';
    lines.push(`${cpr};${groups[i % groups.length]};${answer};${comment}`);
  }
  const file = path.join(tmp, 'cpr.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`, 'utf8');
  return { path: file, name: 'cpr.csv', cprs };
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const cprFile = makeCprFile();
const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d2ab8f0000000049454e44ae426082',
  'hex',
);
const badFiles = [
  { name: 'billede.csv', buffer: PNG_BYTES, code: 'binary' },
  { name: 'tom.csv', buffer: Buffer.alloc(0), code: 'empty' },
  { name: 'en-kolonne.csv', buffer: Buffer.from('navn\r\nAnna\r\nBent\r\nCarl\r\nDorte\r\n', 'utf8'), code: 'one_column' },
];

// ---------------------------------------------------------------------------------------------
// Expected numbers, computed from the generator's exact counts.

/** Every acceptable text for `value` with `decimals` decimals in Danish (both roundings of an exact tie). */
function danishVariants(value, decimals) {
  const f = 10 ** decimals;
  const scaled = value * f;
  const candidates = new Set([Math.round(scaled)]);
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-7) {
    candidates.add(Math.floor(scaled));
    candidates.add(Math.ceil(scaled));
  }
  return [...candidates].map((n) => danishNumber(n / f, decimals));
}

function danishNumber(value, decimals) {
  const [int, frac] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (value < 0 ? '-' : '') + grouped + (frac ? `,${frac}` : '');
}

function expectedQuestions(expected) {
  return expected.questions.map(({ column, labels }) => {
    const counts = expected.overall[column];
    const steps = labels.filter((l) => l !== 'Ved ikke');
    const c = steps.map((l) => counts[l] || 0);
    const n = c.reduce((a, b) => a + b, 0);
    const top2 = (100 * (c[0] + c[1])) / n;
    const bottom2 = (100 * (c[3] + c[4])) / n;
    const mean = c.reduce((sum, k, i) => sum + k * (5 - i), 0) / n;
    return {
      column,
      index: expected.header.indexOf(column),
      n,
      top2: danishVariants(top2, 1).map((s) => `${s}\u00a0%`),
      bottom2: danishVariants(bottom2, 1).map((s) => `${s}\u00a0%`),
      mean: danishVariants(mean, 2),
      nText: danishNumber(n, 0),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Browser helpers.

let browser;
let server;
let appUrl;

async function newContext(options = {}) {
  return browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 }, ...options });
}









async function questionText(page, index) {
  return page.locator(`section.question[data-column="${index}"]`).innerText();
}

function assertNumbers(text, q) {
  const has = (variants) => variants.some((v) => text.includes(v));
  assert.ok(text.includes(q.nText), `n ${q.nText} not shown for ${q.column}`);
  assert.ok(has(q.top2), `top-2 ${q.top2.join('|')} not shown for ${q.column}`);
  assert.ok(has(q.bottom2), `bottom-2 ${q.bottom2.join('|')} not shown for ${q.column}`);
  assert.ok(has(q.mean), `mean ${q.mean.join('|')} not shown for ${q.column}`);
}

async function assertSurveyShown(page, input, encoding, delimiterWord) {
  const facts = await page.locator('#facts').innerText();
  assert.ok(facts.includes(input.name), `file name missing in ${JSON.stringify(facts)}`);
  assert.ok(facts.includes(danishNumber(input.expected.rows, 0)), `rows missing in ${JSON.stringify(facts)}`);
  assert.ok(facts.includes(encoding), `encoding ${encoding} missing in ${JSON.stringify(facts)}`);
  assert.ok(facts.includes(delimiterWord), `delimiter missing in ${JSON.stringify(facts)}`);
  for (const q of expectedQuestions(input.expected)) {
    assertNumbers(await questionText(page, q.index), q);
  }
  const overview = await page.locator('#overview-table').innerText();
  for (const q of expectedQuestions(input.expected)) {
    assert.ok(overview.includes(q.column), `overview table lacks ${q.column}`);
  }
}

async function paintedCanvases(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('canvas')].map((c) => {
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 0 && !(data[i] > 245 && data[i + 1] > 245 && data[i + 2] > 245)) painted += 1;
      }
      const rect = c.getBoundingClientRect();
      return { painted, width: c.width, height: c.height, cssWidth: rect.width, cssHeight: rect.height, dpr: devicePixelRatio };
    }),
  );
}

/**
 * Clicks every button with `label` and returns the downloaded files as { name, text, bytes }.
 * Headless Chromium now and then drops one of many downloads started in quick succession (the
 * page did start it: its <a download> was clicked), so a click without a download is retried.
 */
async function downloadAll(page, label) {
  const out = [];
  const buttons = page.getByRole('button', { name: label, exact: true });
  const count = await buttons.count();
  for (let i = 0; i < count; i++) {
    let download = null;
    for (let attempt = 0; attempt < 3 && !download; attempt++) {
      [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 5_000 }).catch(() => null),
        buttons.nth(i).click(),
      ]);
    }
    if (!download) throw new Error(`no download from button ${i + 1} of ${count} "${label}"`);
    const file = await download.path();
    out.push({ name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8'), bytes: fs.statSync(file).size });
    await page.waitForTimeout(100);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The tests.

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

test('file input and drop show the generator\'s exact numbers', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await chooseFile(page, cp1252);
    await assertSurveyShown(page, cp1252, 'windows-1252', 'semikolon');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    await page.getByRole('button', { name: 'Kopiér tabel' }).first().click();
    await page.waitForFunction(() => document.getElementById('status').textContent.includes('kopieret'));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^Spørgsmål\tn\t/, 'table copied as tab-separated text');
    assert.ok(copied.includes(expectedQuestions(cp1252.expected)[0].column), 'copied table lacks the questions');
    // The same copy as HTML, so that it pastes as a table in Word and as cells in Excel.
    const html = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      return item.types.includes('text/html') ? (await item.getType('text/html')).text() : '';
    });
    assert.match(html, /<table>.*<th>Spørgsmål<\/th>.*<td>/s, 'table copied as HTML');
    // The main results come first, in sentences with their base.
    const findings = await page.locator('#findings li').allInnerTexts();
    assert.ok(findings.length > 0 && findings.every((f) => /n = [\d.]+/.test(f)), `findings: ${findings}`);

    const before = await renderCount(page);
    await dropBytes(page, bomComma.name, fs.readFileSync(bomComma.path));
    await waitRender(page, before);
    await assertSurveyShown(page, bomComma, 'utf-8', 'komma');
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('charts are drawn sharp at the device pixel ratio, breakdown included', async () => {
  const context = await newContext({ deviceScaleFactor: 2 });
  try {
    const page = await openApp(context, appUrl);
    await chooseFile(page, cp1252);
    await selectBreakdown(page, 'ydelse');
    const canvases = await paintedCanvases(page);
    const questions = expectedQuestions(cp1252.expected).length;
    assert.ok(canvases.length >= 1 + questions, `expected an overview and ${questions} breakdown charts, got ${canvases.length}`);
    for (const c of canvases) {
      assert.ok(c.painted > 1000, `blank canvas ${JSON.stringify(c)}`);
      assert.equal(c.dpr, 2);
      assert.ok(Math.abs(c.width - c.cssWidth * 2) <= 2, `canvas not at 2x: ${JSON.stringify(c)}`);
    }
    const text = await questionText(page, expectedQuestions(cp1252.expected)[0].index);
    assert.match(text, /Forskellen mellem grupperne er (ikke )?statistisk signifikant( efter korrektion for mange test \(Holm\), korrigeret p [=<] [\d,]+ \(ukorrigeret p [=<] | \(p [=<] )0,\d{3}/);
    // A narrower window redraws the charts at the new width.
    const wide = canvases[0].cssWidth;
    const before = await page.evaluate(() => document.querySelector('canvas').width);
    await page.setViewportSize({ width: 700, height: 900 });
    await page.waitForFunction((w) => document.querySelector('canvas').width !== w, before);
    const narrow = (await paintedCanvases(page))[0];
    assert.ok(narrow.cssWidth < wide && narrow.painted > 1000, 'no redraw on resize');
    // A phone's width: the page does not scroll sideways (wide tables scroll in their own box).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= 390, `the page is ${scroll} px wide at 390 px`);
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('breakdowns: the groups in their natural order or by result, by share, mean or distribution', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await chooseFile(page, cp1252);
    await selectBreakdown(page, 'aldersgruppe');
    const q = expectedQuestions(cp1252.expected)[0];
    const groupsOf = async () => (await page.locator(`#q-${q.index}-breakdown-table tbody tr th, #q-${q.index}-breakdown-table tbody tr td:first-child`).allInnerTexts())
      .filter((t) => /^\d/.test(t));
    const natural = await groupsOf();
    const lower = (t) => Number(t.match(/^\d+/)[0]);
    assert.ok(natural.length >= 2, `age bands: ${natural}`);
    assert.deepEqual(natural, [...natural].sort((a, b) => lower(a) - lower(b)), `age bands in order: ${natural}`);
    let before = await renderCount(page);
    await page.selectOption('#group-order', 'result');
    await waitRender(page, before);
    assert.deepEqual([...(await groupsOf())].sort(), [...natural].sort(), 'the same groups by result');
    // The chart shows the mean or the whole distribution; every chart is still drawn.
    for (const show of ['mean', 'distribution', 'top2']) {
      before = await renderCount(page);
      await page.selectOption('#breakdown-show', show);
      await waitRender(page, before);
      const canvases = await paintedCanvases(page);
      assert.ok(canvases.every((c) => c.painted > 1000), `${show}: a blank chart`);
    }
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('small groups are pooled as "Øvrige" or withheld, never named', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await chooseFile(page, cp1252);
    await selectBreakdown(page, 'kommune');
    const before = await renderCount(page);
    await page.fill('#min-cell', '200');
    await page.press('#min-cell', 'Enter');
    await page.locator('#min-cell').blur();
    await waitRender(page, before);
    const q = expectedQuestions(cp1252.expected)[0];
    const rows = await page.locator(`#q-${q.index}-breakdown-table tbody tr`).allInnerTexts();
    const note = rows.find((r) => /grupper? er ikke vist/.test(r));
    if (note) assert.match(note, /færre end 200 svar/);
    // The kommuner under 200 are shown only together, unnamed; every other group reaches 200.
    const pool = rows.find((r) => r.startsWith('Øvrige (under 200)'));
    assert.ok(pool, `no pool of the small groups in ${JSON.stringify(rows)}`);
    for (const r of rows.filter((row) => row !== note)) {
      const n = Number(r.split('\t')[1].replace(/\./g, ''));
      assert.ok(n >= 200, `a group under the minimum is shown: ${r}`);
    }
    const section = await page.locator(`#q-${q.index}-breakdown-table`).innerText();
    assert.ok(!section.includes('for få svar'), 'no group is named with "for få svar"');
  } finally {
    await context.close();
  }
});

test('CPR numbers appear nowhere: page text, tables, exports', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await chooseFile(page, cprFile);
    const by = await page.locator('#by option').allInnerTexts();
    if (by.includes('ydelse')) await selectBreakdown(page, 'ydelse');
    // The column list and the adjustments are filled when opened: opened, they are checked too.
    await page.locator('#columns-box summary').click();
    await page.locator('#mapping-box > summary').click();
    const text = await page.evaluate(() => document.body.innerText + document.body.textContent);
    const values = await page.evaluate(() => [...document.querySelectorAll('input, select, option')].map((e) => e.value).join('\n'));
    const csv = await downloadAll(page, 'Hent tabel som CSV');
    const svg = await downloadAll(page, 'Hent diagram som SVG');
    assert.ok(csv.length > 0, 'no CSV export buttons');
    const everything = [text, values, ...csv.map((d) => d.text), ...svg.map((d) => d.text)].join('\n');
    const leaked = cprFile.cprs.filter((cpr) => everything.includes(cpr) || everything.includes(cpr.replace('-', '')));
    assert.deepEqual(leaked.slice(0, 5), [], 'CPR numbers shown or exported');
    assert.doesNotMatch(everything, /\b[0-3]\d[01]\d\d\d-?\d{4}\b/, 'a CPR-like number is shown');
    const rows = await page.locator('#facts').innerText();
    assert.ok(rows.includes('300'), 'the file was not analysed');
  } finally {
    await context.close();
  }
});

test('bad files get a clear message and earlier results stay', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await chooseFile(page, cp1252);
    const q = expectedQuestions(cp1252.expected)[0];
    for (const bad of badFiles) {
      await page.evaluate(() => {
        document.getElementById('error').replaceChildren();
      });
      await dropBytes(page, bad.name, bad.buffer);
      await page.waitForFunction(() => document.getElementById('error').textContent.trim().length > 0);
      const message = await page.locator('#error').innerText();
      assert.ok(message.length > 15, `message too short for ${bad.name}: ${message}`);
      assert.doesNotMatch(message, /[{}]|code|RuntimeError|undefined/, `raw error for ${bad.name}: ${message}`);
      assert.ok(await page.locator('#results').isVisible(), 'results hidden');
      assert.ok((await page.locator('#facts').innerText()).includes(cp1252.name), 'earlier results replaced');
      assertNumbers(await questionText(page, q.index), q);
    }
    const danish = await page.locator('#error').innerText();
    await page.click('#lang-switch');
    // The English texts are fetched the first time English is chosen.
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const english = await page.locator('#error').innerText();
    assert.notEqual(danish, english, 'message not translated');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    // A recompute still works on the dataset kept in the worker.
    await selectBreakdown(page, 'ydelse');
    assert.match(await questionText(page, q.index), /statistically significant/);
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

test('a file without a header row: the warning, "Første række er svar" by keyboard, one more answer', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    // The generator's export with its header row cut off: the first respondent's answers
    // become the header.
    const bytes = fs.readFileSync(cp1252.path);
    const headerless = bytes.subarray(bytes.indexOf(0x0a) + 1);
    const answers = () => page.evaluate(() => {
      const dt = [...document.querySelectorAll('#facts dt')].find((d) => /^(Besvarelser|Responses)$/.test(d.textContent));
      return dt && dt.nextElementSibling ? dt.nextElementSibling.textContent : null;
    });
    let before = await renderCount(page);
    await dropBytes(page, 'uden-overskrifter.csv', headerless);
    await waitRender(page, before);
    assert.equal(await answers(), danishNumber(cp1252.expected.rows - 1, 0), 'read with the first row as header');
    assert.ok(await page.locator('#header-notice').isVisible(), 'the note about the first row is shown');
    assert.match(await page.locator('#header-notice-text').innerText(), /Første række ligner svar/);
    assert.match(await page.locator('#warnings').innerText(), /Første række ligner svar, ikke overskrifter/);
    const button = page.getByRole('button', { name: 'Første række er svar' });
    assert.equal(await button.count(), 1);
    // By keyboard: focus the button and press Enter; the results stay until the new ones come.
    before = await renderCount(page);
    await button.focus();
    await page.keyboard.press('Enter');
    assert.ok(await page.locator('#results').isVisible(), 'the old results stay while reading');
    await waitRender(page, before);
    assert.equal(await answers(), danishNumber(cp1252.expected.rows, 0), 'the first row is counted');
    assert.doesNotMatch(await page.locator('#warnings').textContent(), /Første række ligner svar/);
    assert.match(await page.locator('#header-notice-text').innerText(), /læst uden overskrifter/);
    assert.equal(await page.locator('#header-choice').innerText(), 'Første række er overskrifter');
    // The columns are named by place; no answer became a column name.
    const byOptions = await page.locator('#by option').allInnerTexts();
    assert.ok(byOptions.some((o) => /^Kolonne \d+$/.test(o)), `breakdown choices: ${byOptions}`);
    assert.ok(!byOptions.includes('Faaborg-Midtfyn'), 'an answer is a column name');
    // Both languages.
    await page.click('#lang-switch');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await settle(page);
    assert.equal(await page.locator('#header-choice').innerText(), 'First row is headers');
    assert.match(await page.locator('#header-notice-text').innerText(), /read without headers/);
    // And back: the first row as headers again.
    before = await renderCount(page);
    await page.click('#header-choice');
    await waitRender(page, before);
    assert.equal(await answers(), formatEnglish(cp1252.expected.rows - 1));
    assert.equal(await page.locator('#header-choice').innerText(), 'First row is answers');
    // A file with headers hides the note.
    await chooseFile(page, bomComma);
    assert.ok(await page.locator('#header-notice').isHidden(), 'the note stays for a file with headers');
    assert.deepEqual(page.errors, [], 'console errors');
  } finally {
    await context.close();
  }
});

/** A whole number as the English page writes it: 1,999. */
function formatEnglish(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

test('English number formats and language remembered', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await chooseFile(page, cp1252);
    const before = await renderCount(page);
    await page.click('#lang-switch');
    await waitRender(page, before);
    const q = expectedQuestions(cp1252.expected)[0];
    const text = await questionText(page, q.index);
    const english = q.top2.map((s) => s.replace(/\./g, '').replace(',', '.').replace('\u00a0%', '%'));
    assert.ok(english.some((v) => text.includes(v)), `English top-2 ${english} missing`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.locator('#example').innerText()).trim(), 'Try with example data');
    const stored = await page.evaluate(() => ({ ...localStorage }));
    assert.deepEqual(Object.keys(stored), ['tilfreds.lang'], 'only the language may be stored');
  } finally {
    await context.close();
  }
});

test('progress bar and cancel keep the earlier results', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await chooseFile(page, cp1252);
    // A large file built in the page (about 150 MB), then cancelled while it is being read.
    await page.evaluate(async () => {
      const head = 'ydelse;Hvor tilfreds er du?\r\n';
      const row = 'Sygedagpenge;Meget tilfreds\r\n'.repeat(20000);
      const parts = [head];
      for (let i = 0; i < 250; i++) parts.push(row);
      const file = new File(parts, 'stor.csv', { type: 'text/csv' });
      const transfer = new DataTransfer();
      transfer.items.add(file);
      const input = document.getElementById('file');
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.waitForSelector('#progress-box:not([hidden])');
    await page.waitForFunction(() => document.getElementById('progress').value > 0);
    await page.click('#cancel');
    await page.waitForSelector('#progress-box', { state: 'hidden' });
    assert.match(await page.locator('#status').innerText(), /annulleret/);
    assert.ok((await page.locator('#facts').innerText()).includes(cp1252.name), 'earlier results replaced');
  } finally {
    await context.close();
  }
});

test('a crashed worker is restarted; results stay and recomputing still works', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    await chooseFile(page, cp1252);
    const [worker] = page.workers();
    assert.ok(worker, 'no worker');
    // An uncaught wasm trap inside the worker, as a Rust panic would give.
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new WebAssembly.RuntimeError('unreachable');
      });
    });
    await page.waitForFunction(() => document.getElementById('error').textContent.includes('intern fejl'));
    await page.waitForSelector('body[data-ready="true"]');
    assert.ok((await page.locator('#facts').innerText()).includes(cp1252.name), 'results lost');
    // The new worker has no dataset: the page reads the file on screen again and recomputes.
    await selectBreakdown(page, 'ydelse');
    const q = expectedQuestions(cp1252.expected)[0];
    const text = await questionText(page, q.index);
    assertNumbers(text, q);
    assert.match(text, /statistisk signifikant/);
  } finally {
    await context.close();
  }
});

test('keyboard only: example data and breakdown', async () => {
  const context = await newContext();
  try {
    const page = await openApp(context, appUrl);
    const tabTo = async (id, max = 40) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement && document.activeElement.id)) === id) return;
      }
      throw new Error(`could not reach #${id} with Tab`);
    };
    await tabTo('file');
    await tabTo('example');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'no visible focus on the example button');
    let before = await renderCount(page);
    await page.keyboard.press('Enter');
    await waitRender(page, before);
    assert.ok((await page.locator('#facts').innerText()).includes('eksempel.csv'));
    await tabTo('by');
    before = await renderCount(page);
    await page.keyboard.press('ArrowDown');
    await waitRender(page, before);
    const by = await page.locator('#by').inputValue();
    assert.ok(by !== '', 'breakdown not changed');
    assert.ok((await page.locator('h5').count()) > 0, 'no breakdown shown');
  } finally {
    await context.close();
  }
});

test('no network requests after a file is chosen; nothing to other origins; CSP enforced', async () => {
  const context = await newContext();
  const other = await startServer({ mounts: { '/': WWW } });
  const requests = [];
  const record = (req) => requests.push({ url: req.url(), method: req.method(), worker: !req.frame });
  context.on('request', record);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const violations = [];
    await page.exposeFunction('reportViolation', (v) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(appUrl);
    await page.waitForSelector('body[data-ready="true"]');
    const loaded = requests.map((r) => r.url);
    assert.ok(loaded.some((u) => u.endsWith('/worker.js')), 'worker request not seen');
    assert.ok(loaded.filter((u) => u.endsWith('.wasm')).length >= 1, 'wasm request not seen');
    // The service worker's copy of the app's own files (www/sw.js) is complete once it is ready.
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The second wasm module (several files, cross-tables, weights, SVG downloads) is not
    // fetched for reading one file, by the page or by the offline copy.
    assert.ok(!requests.some((r) => r.url.includes('/pkg/multi/')), 'the second module was fetched for one file');
    const mark = requests.length;

    await chooseFile(page, cprFile);
    await chooseFile(page, cp1252);
    await selectBreakdown(page, 'ydelse');
    await page.fill('#min-cell', '30');
    await page.locator('#min-cell').blur();
    await settle(page);
    await page.locator('#columns-box summary').click();
    let before = await renderCount(page);
    await page.locator('#columns tbody tr').nth(2).locator('select').selectOption('text');
    await waitRender(page, before);
    before = await renderCount(page);
    await page.click('#lang-switch');
    await waitRender(page, before);
    const csv = await downloadAll(page, 'Download table as CSV');
    const svg = await downloadAll(page, 'Download chart as SVG');
    const png = await downloadAll(page, 'Download chart as PNG');
    assert.ok(csv.length > 1 && csv.every((d) => d.name.endsWith('.csv') && d.text.includes('Top-2')), 'CSV export');
    assert.ok(svg.length > 1 && svg.every((d) => d.name.endsWith('.svg') && d.text.includes('<svg')), 'SVG export');
    assert.ok(png.length > 1 && png.every((d) => d.name.endsWith('.png') && d.bytes > 5000 && d.text.startsWith('\ufffdPNG')), 'PNG export');
    await page.waitForTimeout(500);
    // After a file is chosen the only requests are GETs of the app's own code fetched when needed:
    // the second module (the SVG downloads are drawn by it) and the modules in later/ (the
    // English texts here): static files of this origin, carrying nothing of the file.
    const after = requests.slice(mark).filter((r) => !/^(blob|data):/.test(r.url));
    const ownModule = (r) => r.method === 'GET' && new URL(r.url).origin === server.origin && /\/(pkg\/multi|later)\//.test(new URL(r.url).pathname) && !new URL(r.url).search;
    assert.deepEqual(after.filter((r) => !ownModule(r)), [], 'requests after the file was chosen');
    const foreign = requests.filter((r) => !/^(blob|data):/.test(r.url) && new URL(r.url).origin !== server.origin);
    assert.deepEqual(foreign, [], 'requests to another origin');

    // The policy blocks a connection to another origin, even one that exists.
    const result = await page.evaluate((url) => fetch(url).then(() => 'sent', () => 'blocked'), `${other.origin}/index.html`);
    assert.equal(result, 'blocked');
    assert.equal(other.hits.length, 0, 'the other origin was reached');
    // The server narrows connect-src to the files the app fetches: even its own origin's other
    // files cannot be fetched (only the wasm modules and the example data).
    const own = await page.evaluate((url) => fetch(url).then(() => 'sent', () => 'blocked'), `${server.origin}/index.html`);
    assert.equal(own, 'blocked', 'a file of the own origin the app never fetches');
    for (let i = 0; i < 30 && !violations.some((v) => v.startsWith('connect-src')); i++) await page.waitForTimeout(100);
    assert.ok(violations.some((v) => v.startsWith('connect-src')), `no CSP report: ${violations}`);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|\*/, 'weak CSP');
    assert.equal(violations.filter((v) => !v.startsWith('connect-src')).length, 0, `CSP violations: ${violations}`);
  } finally {
    context.off('request', record);
    await context.close();
    await other.close();
  }
});

test('works inside an iframe from a sub-path', async () => {
  const context = await newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`${server.origin}/host.html`);
    const frame = page.frameLocator('iframe');
    const handle = await page.waitForSelector('iframe');
    const inner = await handle.contentFrame();
    await inner.waitForSelector('body[data-ready="true"]');
    await frame.locator('#example').click();
    await inner.waitForFunction(() => Number(document.body.dataset.rendered || 0) > 0);
    assert.ok((await frame.locator('#facts').innerText()).includes('1.500'));
  } finally {
    await context.close();
  }
});

test('axe-core finds no accessibility violations', async () => {
  // The page's CSP would block the injected axe script: bypass it for this context only.
  const context = await newContext({ bypassCSP: true });
  try {
    const page = await openApp(context, appUrl);
    const axe = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
    const run = async (label) => {
      await page.addScriptTag({ path: axe });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(violations, [], `axe violations (${label})`);
    };
    await run('empty page');
    await loadExample(page);
    await selectBreakdown(page, 'ydelse');
    await page.locator('#columns-box summary').click();
    await run('with results');
    const before = await renderCount(page);
    await page.click('#lang-switch');
    await waitRender(page, before);
    await run('English');
  } finally {
    await context.close();
  }
});

test('screenshot of the page with results', async () => {
  const context = await newContext({ viewport: { width: 1100, height: 1400 } });
  try {
    const page = await openApp(context, appUrl);
    await loadExample(page);
    await selectBreakdown(page, 'ydelse');
    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    const size = fs.statSync(SCREENSHOT).size;
    assert.ok(size < 300 * 1024, `screenshot is ${size} bytes`);
    console.log(`  screenshot: ${path.relative(ROOT, SCREENSHOT)} (${Math.round(size / 1024)} KB)`);
  } finally {
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------

async function main() {
  const host = path.join(tmp, 'host.html');
  fs.writeFileSync(
    host,
    `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Intranet</title></head><body><h1>Intranet</h1><iframe src="${SUBPATH}" title="Tilfreds" width="1000" height="800"></iframe></body></html>`,
  );
  server = await startServer({ mounts: { [SUBPATH]: WWW }, files: { '/host.html': host }, hosts: ["'self'"] });
  appUrl = `${server.origin}${SUBPATH}`;
  browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    ({ passed, failed } = await runTests(tests, only));
  } finally {
    await browser.close();
    await server.close();
    if (!argv.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
