// End-to-end tests of the deeper analyses: waves compared and combined, the cross-table, weights,
// saved adjustments, and the printed report. Standalone: own server on an ephemeral port,
// Debian's Chromium; prints PASS/FAIL per test and exits non-zero on any failure.
//
//   node tests/e2e/analysis.test.mjs [--only name,name] [--keep]
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server.mjs';
import {
  ROOT, WWW, launchBrowser, openApp, renderCount, waitRender, settle, chooseFile, runTests,
} from './browser.mjs';

const argv = process.argv.slice(2);
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : null;
const REPORT_PNG = path.join(ROOT, 'docs', 'report.png');
const CLI = path.join(ROOT, 'target', 'release', 'tilfreds');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tilfreds-analysis-'));

function generate(name, args) {
  const out = path.join(tmp, `${name}.csv`);
  execFileSync('python3', [path.join(ROOT, 'bench', 'gen_survey.py'), ...args, '--out', out], { stdio: 'pipe' });
  return { path: out, name: `${name}.csv`, expected: JSON.parse(fs.readFileSync(out.replace(/\.csv$/, '.expected.json'), 'utf8')) };
}

const wave1 = generate('maaling_2024', ['--rows', '1500', '--seed', '31']);
const wave2 = generate('maaling_2025', ['--rows', '1500', '--seed', '47']);

/** A survey with a weight column of two values (0,8 for women, 1,25 for men). */
function makeWeighted() {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const scale = ['Meget tilfreds', 'Tilfreds', 'Hverken tilfreds eller utilfreds', 'Utilfreds', 'Meget utilfreds'];
  const lines = ['Køn;Alder;Vægt;Hvor tilfreds er du samlet set?'];
  let wTop = 0;
  let wAll = 0;
  let top = 0;
  for (let i = 0; i < 400; i++) {
    const woman = rnd() < 0.6;
    const w = woman ? 0.8 : 1.25;
    const k = Math.min(4, Math.floor(rnd() * (woman ? 3 : 6)));
    const age = ['18-29', '30-49', '50+'][Math.floor(rnd() * 3)];
    lines.push(`${woman ? 'Kvinde' : 'Mand'};${age};${woman ? '0,8' : '1,25'};${scale[k]}`);
    wAll += w;
    if (k < 2) {
      wTop += w;
      top += 1;
    }
  }
  const file = path.join(tmp, 'vaegtet.csv');
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`, 'utf8');
  return { path: file, name: 'vaegtet.csv', weightedTop2: (100 * wTop) / wAll, top2: (100 * top) / 400 };
}
const weighted = makeWeighted();

function danish(value, decimals) {
  const [int, frac] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (value < 0 ? '-' : '') + grouped + (frac ? `,${frac}` : '');
}

/** Top-2 share in percent of a question in a generator's expected counts. */
function top2Of(expected, column) {
  const { labels } = expected.questions.find((q) => q.column === column);
  const counts = expected.overall[column];
  const c = labels.filter((l) => l !== 'Ved ikke').map((l) => counts[l] || 0);
  return (100 * (c[0] + c[1])) / c.reduce((a, b) => a + b, 0);
}

// ---------------------------------------------------------------------------------------------

let browser;
let server;
let appUrl;

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

async function newPage(context) {
  const page = await openApp(context, appUrl);
  return page;
}

async function dropTwo(page) {
  await page.setInputFiles('#file', [wave1.path, wave2.path]);
  await page.waitForSelector('#multi-choice:not([hidden]) #compare-waves');
}

test('two waves: percentage-point change and significance in words', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    await dropTwo(page);
    const verdict = await page.textContent('#multi-choice .verdict');
    assert.match(verdict, /samme kolonner/);
    await page.click('#compare-waves');
    await page.waitForFunction(() => Number(document.body.dataset.wavesRendered || 0) > 0);
    await settle(page);
    const q1 = wave1.expected.questions[0].column;
    const pp = top2Of(wave2.expected, q1) - top2Of(wave1.expected, q1);
    const section = page.locator('.wave-question').filter({ has: page.locator('h4', { hasText: q1 }) });
    const text = await section.innerText();
    const amount = danish(Math.abs(pp), 1);
    const word = pp >= 0 ? 'Stigningen' : 'Faldet';
    assert.ok(text.includes(`${word} på ${amount} procentpoint`), `expected "${word} på ${amount} procentpoint" in:\n${text}`);
    assert.match(text, /(er|er ikke) statistisk signifikant( efter korrektion for mange test \(Holm\), korrigeret p [=<] [\d,]+ \(ukorrigeret p [=<] | \(p [=<] )/);
    assert.ok(text.includes(danish(top2Of(wave1.expected, q1), 1)), 'first wave top-2 shown');
    // The overview table carries the signed change too.
    const row = await page.locator('#waves-table tbody tr').filter({ hasText: q1 }).innerText();
    assert.ok(row.includes(`${pp >= 0 ? '+' : '-'}${amount}`), `signed change in the table row: ${row}`);
    // Two waves: the chart is drawn sharp on canvas.
    const size = await section.locator('canvas').evaluate((c) => [c.width, c.clientWidth, window.devicePixelRatio]);
    assert.ok(size[0] > 0 && Math.abs(size[0] - Math.round(size[1] * size[2])) <= 1, `canvas sized for dpr: ${size}`);
    // The comparison as a printable report: the same words and numbers, a chart per question.
    await page.click('#waves-report-open');
    await page.waitForSelector('#report-view:not([hidden]) .report-methods');
    const report = await page.locator('#report-view').innerText();
    assert.ok(report.includes('Sammenligning af målinger') && report.includes(`${word} på ${amount} procentpoint`), `the change in the report:\n${report.slice(0, 2000)}`);
    assert.ok(report.includes('maaling_2024.csv') && report.includes('Metode'));
    const charts = await page.locator('#report-view img.report-chart').count();
    assert.ok(charts >= 2, `the overview and the questions drawn: ${charts}`);
    assert.equal(await page.isHidden('#waves-view'), true, 'the report takes the place of the page');
    await page.click('#report-back');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'waves-report-open');
    assert.equal(await page.isVisible('#waves-view'), true);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('three waves: a reworded question is matched by the user and remembered', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const fixtures = ['2023', '2024', '2025'].map((y) => path.join(ROOT, 'tests', 'fixtures', `waves_${y}.csv`));
  const compare = async (page) => {
    const n = await page.evaluate(() => Number(document.body.dataset.wavesRendered || 0));
    await page.setInputFiles('#file', fixtures);
    await page.waitForSelector('#multi-choice:not([hidden]) #compare-waves');
    assert.equal(await page.isDisabled('#combine'), true, 'different headers cannot be combined');
    await page.click('#compare-waves');
    await page.waitForFunction((k) => Number(document.body.dataset.wavesRendered || 0) > k, n);
  };
  try {
    let page = await newPage(context);
    await compare(page);
    const old = 'Hvor tilfreds er du med din sagsbehandler?';
    const renamed = 'Hvor tilfreds er du med din rådgiver?';
    const select = page.getByLabel(`Samme spørgsmål som (for „${renamed}“)`);
    const n = await page.evaluate(() => Number(document.body.dataset.wavesRendered || 0));
    await select.selectOption(old);
    await page.waitForFunction((k) => Number(document.body.dataset.wavesRendered || 0) > k, n);
    const section = page.locator('.wave-question').filter({ has: page.locator('h4', { hasText: old }) });
    const rows = await section.locator('tbody tr').allInnerTexts();
    assert.equal(rows.filter((r) => !r.includes('–\t–')).length, 3, `matched in all three waves: ${rows}`);
    assert.ok((await section.innerText()).includes('waves_2023.csv → waves_2025.csv'), 'overall change over three waves');
    // Remembered by the headers' signatures, never their text.
    const stored = await page.evaluate(() => localStorage.getItem('tilfreds.waveMatches'));
    const pairs = JSON.parse(stored);
    assert.equal(pairs.length, 1, `one match stored: ${stored}`);
    assert.ok(pairs[0].every((key) => /^1-[0-9a-f]{16}$/.test(key)), `signatures stored: ${stored}`);
    assert.ok(!stored.includes('sagsbehandler') && !stored.includes('rådgiver'), 'header text stored');
    // Applied next time without asking.
    await page.close();
    page = await newPage(context);
    await compare(page);
    const again = page.locator('.wave-question').filter({ has: page.locator('h4', { hasText: old }) });
    assert.ok((await again.innerText()).includes('waves_2023.csv → waves_2025.csv'));
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('SurveyXact triple is joined; a multi-select question is shown as one', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    const dir = path.join(ROOT, 'tests', 'fixtures', 'surveyxact_semicolon');
    const before = await renderCount(page);
    await page.setInputFiles('#file', ['dataset.csv', 'structure.csv', 'labels.csv'].map((f) => path.join(dir, f)));
    await waitRender(page, before);
    await settle(page);
    const facts = await page.textContent('#facts');
    assert.ok(facts.includes('75,0\u00a0%'), `response rate from the export: ${facts}`);
    assert.match(await page.textContent('#status'), /SurveyXact/);
    const multi = page.locator('#multi-box .multi-select').first();
    const text = await multi.innerText();
    assert.match(text, /Andel af de \d+, der har svaret; flere svar mulige\./);
    assert.ok((await multi.locator('canvas').count()) === 1, 'one chart for the whole question');
    // Broken down by benefit: a heat map of benefits × options beside the table.
    let b = await renderCount(page);
    await page.selectOption('#by', { label: 'Hvilken ydelse modtager du?' });
    await waitRender(page, b);
    b = await renderCount(page);
    await page.fill('#min-cell', '1');
    await page.locator('#min-cell').blur();
    await waitRender(page, b);
    await settle(page);
    assert.equal(await multi.locator('canvas').count(), 2, 'the breakdown is drawn as well');
    const breakdown = await multi.locator('table').nth(1).innerText();
    assert.match(breakdown, /Telefon/);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('combine adds the "Fil" grouping', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    await dropTwo(page);
    const before = await renderCount(page);
    await page.click('#combine');
    await waitRender(page, before);
    await settle(page);
    assert.equal(await page.inputValue('#by'), 'Fil');
    const facts = await page.textContent('#facts');
    assert.ok(facts.includes('3.000'), `3.000 rows in the facts: ${facts}`);
    const groups = await page.locator('#questions section').first().innerText();
    assert.ok(groups.includes('maaling_2024.csv') && groups.includes('maaling_2025.csv'), 'both files as groups');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('cross-table: counts, chi-square text as the command line, heat map', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    await chooseFile(page, wave1);
    await settle(page);
    const header = wave1.expected.header;
    const q1 = wave1.expected.questions[0].column;
    const group = wave1.expected.group_column;
    const row = header.indexOf(group);
    const col = header.indexOf(q1);
    assert.equal(await page.locator('#ct-body canvas').count(), 0, 'nothing tabulated before both columns are chosen');
    const n = await page.evaluate(() => Number(document.body.dataset.crosstab || 0));
    await page.selectOption('#ct-row', String(row));
    await page.selectOption('#ct-col', String(col));
    await page.waitForFunction((k) => Number(document.body.dataset.crosstab || 0) > k, n);
    const testText = (await page.textContent('#ct-test')).trim();
    if (fs.existsSync(CLI)) {
      const out = execFileSync(CLI, ['crosstab', wave1.path, '--rows', group, '--cols', q1], { encoding: 'utf8' });
      const line = out.split('\n').find((l) => l.startsWith('Sammenhængen'));
      assert.equal(testText, line.trim());
    } else {
      assert.match(testText, /^Sammenhængen mellem de to kolonner er (ikke )?statistisk signifikant \(p [=<] [\d,]+; χ² = [\d.,]+, df = \d+, Cramérs V = [\d,]+: (ubetydelig|svag|moderat|stærk) sammenhæng\)/);
    }
    await page.check('#ct-show-counts');
    const groupName = Object.keys(wave1.expected.by_group)[0];
    const label = 'Meget tilfreds';
    const expectedCount = wave1.expected.by_group[groupName][q1][label];
    const headers = await page.locator('#ct-table thead th').allInnerTexts();
    const colIndex = headers.indexOf(label);
    const cells = await page.locator('#ct-table tbody tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${groupName}$`) }) }).locator('th, td').allInnerTexts();
    assert.equal(cells[colIndex].replace(' †', '').replace(/\(.*\)/, '').trim(), danish(expectedCount, 0));
    const canvas = await page.locator('#ct-body canvas').evaluate((c) => [c.width, c.height, c.clientWidth]);
    assert.ok(canvas[0] > 0 && canvas[1] > 0 && canvas[2] > 0, `heat map drawn: ${canvas}`);
    const downloads = [];
    page.on('download', (d) => downloads.push(d));
    const dl = page.waitForEvent('download');
    await page.locator('#ct-body').getByRole('button', { name: 'Hent diagram som SVG' }).click();
    const svg = fs.readFileSync(await (await dl).path(), 'utf8');
    assert.match(svg, /<svg/);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('weights: weighted figures with effective n beside the unweighted n', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    await chooseFile(page, weighted);
    await settle(page);
    const options = await page.locator('#weight option').allInnerTexts();
    assert.ok(options.includes('Vægt'), `weight column offered: ${options}`);
    const n = await page.evaluate(() => Number(document.body.dataset.weighted || 0));
    await page.selectOption('#weight', { label: 'Vægt' });
    await page.waitForFunction((k) => Number(document.body.dataset.weighted || 0) > k, n);
    const text = await page.locator('#questions .weighted').first().innerText();
    assert.ok(text.includes(`${danish(weighted.weightedTop2, 1)}\u00a0%`), `weighted top-2 ${danish(weighted.weightedTop2, 1)} in:\n${text}`);
    assert.ok(text.includes(`${danish(weighted.top2, 1)}\u00a0%`), 'unweighted top-2 beside it');
    assert.match(text, /Effektiv stikprøvestørrelse/);
    assert.match(text, /Designeffekt/);
    assert.ok(text.includes('400'), 'unweighted n shown');
    // With a breakdown the weighted figures are given per group too.
    const before = await renderCount(page);
    await page.selectOption('#by', 'Alder');
    await waitRender(page, before);
    await page.waitForSelector('#questions .weighted canvas');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('adjustments are saved, exported and applied again', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  try {
    let page = await newPage(context);
    await chooseFile(page, wave1);
    await settle(page);
    const q1 = wave1.expected.questions[0].column;
    const q1Index = wave1.expected.header.indexOf(q1);
    const ageTable = async (p) => p.locator('.group-table').filter({ has: p.locator('summary', { hasText: /^aldersgruppe$/ }) }).locator('tbody')
      .evaluate((tbody) => [...tbody.rows].map((r) => [...r.cells].map((c) => c.textContent).join('\t')).join('\n'));
    const countOf = (table, value) => {
      const line = table.split('\n').find((l) => l.startsWith(`${value}\t`));
      return Number(line.split('\t')[1].replace(/\./g, ''));
    };
    let ages = await ageTable(page);
    const merged = countOf(ages, '18-29') + countOf(ages, '30-39');
    // A cross-table of the age bands, open while the bands are merged below.
    const crossRows = () => page.locator('#ct-table tbody tr th').allInnerTexts();
    const crossCount = () => page.evaluate(() => Number(document.body.dataset.crosstab || 0));
    let crossBefore = await crossCount();
    await page.selectOption('#ct-row', String(wave1.expected.header.indexOf('aldersgruppe')));
    await page.selectOption('#ct-col', String(q1Index));
    await page.waitForFunction((k) => Number(document.body.dataset.crosstab || 0) > k, crossBefore);
    assert.ok((await crossRows()).includes('30-39'));
    await page.click('#mapping-box > summary');
    let before = await renderCount(page);
    await page.fill(`#rename-${q1Index}`, 'Samlet tilfredshed');
    await page.press(`#rename-${q1Index}`, 'Tab');
    await waitRender(page, before);
    before = await renderCount(page);
    await page.selectOption('#merge-column', 'aldersgruppe');
    await page.selectOption('#merge-from', '18-29');
    await page.fill('#merge-to', '18-39');
    await page.click('#merge-add');
    await waitRender(page, before);
    before = await renderCount(page);
    crossBefore = await crossCount();
    await page.selectOption('#merge-from', '30-39');
    await page.fill('#merge-to', '18-39');
    await page.click('#merge-add');
    await waitRender(page, before);
    await settle(page);
    ages = await ageTable(page);
    assert.equal(countOf(ages, '18-39'), merged);
    assert.ok(ages.includes('18-39') && ages.includes(danish(merged, 0)), `merged age band (${merged}) in:\n${ages}`);
    assert.ok(!ages.includes('30-39'));
    // The open cross-table is computed again and counts the merged band as well.
    await page.waitForFunction((k) => Number(document.body.dataset.crosstab || 0) > k, crossBefore);
    const rows = await crossRows();
    assert.ok(rows.includes('18-39') && !rows.includes('30-39'), `cross-table rows: ${rows}`);

    // Stored: header-level choices only; merges name answer values and are never stored.
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tilfreds.mapping.')).map((k) => localStorage.getItem(k)));
    assert.equal(stored.length, 1);
    const mapping = JSON.parse(stored[0]);
    // By the column's place in the file, never its header text.
    assert.deepEqual(Object.values(mapping.renames), ['Samlet tilfredshed']);
    assert.ok(Object.keys(mapping.renames).every((k) => /^\d+$/.test(k)), `renames by column place: ${stored[0]}`);
    assert.ok(!stored[0].includes(q1), 'a header stored');
    assert.equal(mapping.merges, undefined);
    assert.ok(!stored[0].includes('18-29'), 'no answer values stored');
    assert.ok(!stored[0].includes('100001'), 'no respondent values stored');

    // Exported as JSON.
    const dl = page.waitForEvent('download');
    await page.click('#mapping-export');
    const exported = JSON.parse(fs.readFileSync(await (await dl).path(), 'utf8'));
    assert.deepEqual(exported.merges.aldersgruppe, [['18-29', '18-39'], ['30-39', '18-39']]);
    const exportPath = path.join(tmp, 'tilpasninger.json');
    fs.writeFileSync(exportPath, JSON.stringify(exported));

    // Several categories merged in one step, chosen from a sorted list.
    const offered = await page.locator('#merge-from option').allInnerTexts();
    assert.deepEqual(offered, [...offered].sort((a, b) => a.localeCompare(b, 'da', { numeric: true })), 'sorted values');
    const [first, second] = offered.filter((v) => !v.startsWith('18-'));
    before = await renderCount(page);
    await page.selectOption('#merge-from', [first, second]);
    await page.fill('#merge-to', 'Samlet gruppe');
    await page.click('#merge-add');
    await waitRender(page, before);
    await settle(page);
    ages = await ageTable(page);
    assert.ok(ages.includes('Samlet gruppe') && !ages.includes(second), `two values merged in one step:\n${ages}`);

    // After a reload the stored choices apply again; the merge needs the file.
    await page.close();
    page = await newPage(context);
    await chooseFile(page, wave1);
    await settle(page);
    ages = await ageTable(page);
    assert.ok(!ages.includes('18-39'), 'merges are not remembered by the page');
    const heading = await page.locator(`#questions section[data-column="${q1Index}"] h4`).innerText();
    assert.equal(heading, 'Samlet tilfredshed');

    // Imported into a browser that has never seen the file.
    const other = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    try {
      const fresh = await newPage(other);
      await chooseFile(fresh, wave1);
      await settle(fresh);
      const b = await renderCount(fresh);
      await fresh.click('#mapping-box > summary');
      await fresh.setInputFiles('#mapping-import', exportPath);
      await waitRender(fresh, b);
      await settle(fresh);
      assert.ok((await ageTable(fresh)).includes('18-39'), 'merge applied from the imported file');
    } finally {
      await other.close();
    }
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

/** A zip archive of `parts` ([name, text]), stored uncompressed, as an .xlsx holds its XML. */
function storedZip(parts) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * An .xlsx of `sheets` ([name, rows, hidden]), each row a list of inline strings, as the
 * survey tools write it (Microsoft Forms' `dimension="A1"` included).
 */
function workbook(sheets) {
  const ns = 'http://schemas.openxmlformats.org';
  const column = (i) => String.fromCharCode(65 + i);
  const sheetXml = (rows) => {
    const body = rows.map((cells, r) => `<row r="${r + 1}">${cells.map((text, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>${body}</sheetData></worksheet>`;
  };
  const entries = sheets.map(([name, , hidden], i) => `<sheet name="${name}" sheetId="${i + 1}"${hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('');
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  return storedZip([
    ['[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets>${entries}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships">${rels}</Relationships>`],
    ...sheets.map(([, rows], i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(rows)]),
  ]);
}

const SATISFACTION = ['Meget tilfreds', 'Tilfreds', 'Hverken tilfreds eller utilfreds', 'Utilfreds', 'Meget utilfreds'];

test('an Excel workbook is read like its CSV', async () => {
  // Kommune × satisfaction, 40 answers, as inline strings in one sheet.
  const rows = [['Kommune', 'Hvor tilfreds er du?']];
  for (let i = 0; i < 40; i++) rows.push([i % 2 ? 'Nord' : 'Syd', SATISFACTION[i % 5]]);
  const file = { path: path.join(tmp, 'svar.xlsx'), name: 'svar.xlsx' };
  fs.writeFileSync(file.path, workbook([['Svar', rows]]));
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    await chooseFile(page, file);
    await settle(page);
    const section = page.locator('#questions section[data-column="1"]');
    assert.equal(await section.count(), 1, 'the satisfaction question');
    const text = await section.innerText();
    assert.ok(text.includes('40'), `40 answers in:\n${text}`);
    assert.ok(await page.locator('#sheet-pick-row').isHidden(), 'one sheet: no choice of sheet');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('a workbook with several sheets offers them by name, hidden sheets never, and reads the one chosen', async () => {
  const first = [['Kommune', 'Hvor tilfreds er du med kontakten?']];
  for (let i = 0; i < 30; i++) first.push([i % 2 ? 'Nord' : 'Syd', SATISFACTION[i % 5]]);
  const second = [['Ydelse', 'Hvor tilfreds er du med mødet?']];
  for (let i = 0; i < 24; i++) second.push([i % 2 ? 'Kontanthjælp' : 'Dagpenge', SATISFACTION[i % 4]]);
  const hidden = [['Skjult', 'Skjult spørgsmål'], ['1', 'Tilfreds']];
  const file = { path: path.join(tmp, 'ark.xlsx'), name: 'ark.xlsx' };
  fs.writeFileSync(file.path, workbook([['Svar 2025', first], ['Skjult', hidden, true], ['Svar 2026', second]]));
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    await chooseFile(page, file);
    await settle(page);
    assert.ok(await page.locator('#sheet-pick-row').isVisible(), 'the choice of sheet is shown');
    const names = await page.locator('#sheet-pick option').allTextContents();
    assert.deepEqual(names, ['Svar 2025', 'Svar 2026'], 'the visible sheets with data, in order');
    assert.equal(await page.locator('#sheet-pick').inputValue(), 'Svar 2025', 'the first sheet is read');
    let text = await page.locator('#questions').innerText();
    assert.ok(text.includes('kontakten'), `the first sheet's question in:\n${text}`);
    const before = await renderCount(page);
    await page.selectOption('#sheet-pick', 'Svar 2026');
    await waitRender(page, before);
    text = await page.locator('#questions').innerText();
    assert.ok(text.includes('mødet') && !text.includes('kontakten'), `the second sheet's question in:\n${text}`);
    assert.equal(await page.locator('#sheet-pick').inputValue(), 'Svar 2026');
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('a guessed scale is shown as a guess and confirmed in one step, remembered for the same headers', async () => {
  // A 5-step wording with nobody at the midpoint and few answers: the range is a guess.
  const lines = ['Løbenr;Hvor tilfreds er du?'];
  const answers = [['Meget tilfreds', 6], ['Tilfreds', 5], ['Utilfreds', 3], ['Meget utilfreds', 2]];
  let row = 0;
  for (const [answer, n] of answers) for (let i = 0; i < n; i++) lines.push(`${++row};${answer}`);
  const file = { path: path.join(tmp, 'gaet.csv'), name: 'gaet.csv' };
  fs.writeFileSync(file.path, lines.join('\n') + '\n');
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    await chooseFile(page, file);
    await settle(page);
    const note = page.locator('#questions section[data-column="1"] .scale-guess');
    assert.equal(await note.count(), 1, 'the guess is shown');
    assert.match(await note.innerText(), /gæt/);
    const before = await renderCount(page);
    await note.locator('.scale-confirm').focus();
    await page.keyboard.press('Enter');
    await waitRender(page, before);
    await settle(page);
    assert.equal(await page.locator('#questions .scale-guess').count(), 0, 'confirmed, no longer a guess');
    // The same headers again: the confirmation is remembered (by the column's place).
    await chooseFile(page, file);
    await settle(page);
    assert.equal(await page.locator('#questions .scale-guess').count(), 0, 'remembered');
    const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k)).join(' '));
    assert.ok(!stored.includes('tilfreds er du') && !stored.includes('Meget'), `no header or answer stored: ${stored}`);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('a scale defined by the user makes a category column a question', async () => {
  // "Service": Super 9, Fint 5, Tja 4, Skidt 2 (20 answers), in an order the app does not
  // recognise. As a scale, top-2 is (9 + 5) / 20 = 70,0 %, which is no single category's share.
  const lines = ['Afdeling;Service'];
  const answers = [['Tja', 4], ['Super', 9], ['Skidt', 2], ['Fint', 5]];
  let row = 0;
  for (const [answer, n] of answers) {
    for (let i = 0; i < n; i++) lines.push(`${row++ % 2 ? 'Nord' : 'Syd'};${answer}`);
  }
  const file = { path: path.join(tmp, 'skala.csv'), name: 'skala.csv' };
  fs.writeFileSync(file.path, lines.join('\n') + '\n');
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  try {
    const page = await newPage(context);
    await chooseFile(page, file);
    await settle(page);
    const section = page.locator('#questions section[data-column="1"]');
    assert.equal(await section.count(), 0, 'not a question before the scale is defined');
    await page.click('#mapping-box > summary');
    await page.selectOption('#scale-column', 'Service');
    const order = () => page.locator('#scale-values li').evaluateAll((lis) => lis.map((li) => li.dataset.value));
    const wanted = ['Super', 'Fint', 'Tja', 'Skidt'];
    for (let target = 0; target < wanted.length; target++) {
      let at = (await order()).indexOf(wanted[target]);
      while (at > target) {
        // The keyboard moves the value: focus its "op" button and press Enter.
        await page.focus(`#scale-values li:nth-child(${at + 1}) .scale-up`);
        await page.keyboard.press('Enter');
        at -= 1;
      }
    }
    assert.deepEqual(await order(), wanted);
    const label = await page.locator('#scale-values li:first-child .scale-up').getAttribute('aria-label');
    assert.equal(label, 'Flyt Super op');
    const before = await renderCount(page);
    await page.click('#scale-apply');
    await waitRender(page, before);
    await settle(page);
    const text = await section.innerText();
    assert.ok(text.includes('70,0\u00a0%'), `top-2 of the defined scale in:\n${text}`);

    // Like merges, the scale names answer values: exported, never stored by the page.
    const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tilfreds.mapping.')).map((k) => localStorage.getItem(k)));
    assert.ok(stored.every((v) => !v.includes('Super')), 'no answer values stored');
    const dl = page.waitForEvent('download');
    await page.click('#mapping-export');
    const exported = JSON.parse(fs.readFileSync(await (await dl).path(), 'utf8'));
    assert.deepEqual(exported.scales.Service, wanted);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('the report prints to a PDF of several pages', async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await newPage(context);
    await chooseFile(page, wave1);
    let before = await renderCount(page);
    await page.selectOption('#by', wave1.expected.group_column);
    await waitRender(page, before);
    before = await renderCount(page);
    await page.fill('#invited', '3000');
    await page.press('#invited', 'Tab');
    await waitRender(page, before);
    await settle(page);
    const facts = await page.textContent('#facts');
    assert.ok(facts.includes('50,0\u00a0%'), `response rate in the facts: ${facts}`);
    const q1 = wave1.expected.questions[0].column;
    // A cross-table on screen goes into the report.
    const crossBefore = await page.evaluate(() => Number(document.body.dataset.crosstab || 0));
    await page.selectOption('#ct-row', String(wave1.expected.header.indexOf(wave1.expected.group_column)));
    await page.selectOption('#ct-col', String(wave1.expected.header.indexOf(q1)));
    await page.waitForFunction((k) => Number(document.body.dataset.crosstab || 0) > k, crossBefore);
    await page.click('#report-open');
    await page.waitForSelector('#report-view:not([hidden]) .report-methods');
    const crossSection = await page.locator('#report-view .report-crosstab').innerText();
    assert.ok(crossSection.includes('Krydstabel') && crossSection.includes('Sammenhængen'), `cross-table in the report:\n${crossSection}`);
    const firstGroup = Object.keys(wave1.expected.by_group)[0];
    assert.ok(crossSection.includes(firstGroup), `group ${firstGroup} in the report's cross-table`);
    assert.equal(await page.locator('#report-view .report-crosstab img.report-chart').count(), 1);
    const top2 = `${danish(top2Of(wave1.expected, q1), 1)}\u00a0%`;
    const pdfPath = path.join(tmp, 'rapport.pdf');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
    assert.ok(pages > 1, `more than one page: ${pages}`);
    let text = null;
    try {
      text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    } catch {
      text = null;
    }
    if (text !== null) {
      assert.ok(text.includes('Metode'), 'methods section in the PDF');
      assert.ok(text.includes(top2.replace('\u00a0', ' ')) || text.includes(top2), `top-2 ${top2} in the PDF`);
      assert.ok(!text.includes('Udskriv'), 'no buttons printed');
    } else {
      const visible = await page.locator('#report-view').innerText();
      assert.ok(visible.includes('Metode') && visible.includes(top2));
    }
    try {
      execFileSync('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', '-singlefile', pdfPath, path.join(tmp, 'report')]);
      fs.copyFileSync(path.join(tmp, 'report.png'), REPORT_PNG);
    } catch {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 800, height: 1130 });
      await page.screenshot({ path: REPORT_PNG });
    }
    assert.ok(fs.statSync(REPORT_PNG).size < 300 * 1024, 'report image under 300 KB');
    await page.emulateMedia({ media: 'screen' });
    await page.click('#report-back');
    assert.equal(await page.evaluate(() => document.body.dataset.view), undefined);
    assert.deepEqual(page.errors, []);
  } finally {
    await context.close();
  }
});

test('axe-core: wave view, cross-table, adjustments, weights and report', async () => {
  // The page's CSP would block the injected axe script: bypass it for this context only.
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, bypassCSP: true });
  try {
    const page = await newPage(context);
    const axe = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
    const run = async (label) => {
      await page.addScriptTag({ path: axe });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const violations = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      assert.deepEqual(violations, [], `axe violations (${label})`);
    };
    const fixtures = ['2023', '2024', '2025'].map((y) => path.join(ROOT, 'tests', 'fixtures', `waves_${y}.csv`));
    await page.setInputFiles('#file', fixtures);
    await page.waitForSelector('#multi-choice:not([hidden]) #compare-waves');
    await run('choice of several files');
    await page.click('#compare-waves');
    await page.waitForFunction(() => Number(document.body.dataset.wavesRendered || 0) > 0);
    await settle(page);
    await run('wave view');
    await chooseFile(page, { path: fixtures[2] });
    await settle(page);
    await page.selectOption('#ct-row', { label: 'Aldersgruppe' });
    const n = await page.evaluate(() => Number(document.body.dataset.crosstab || 0));
    await page.selectOption('#ct-col', { index: 4 });
    await page.waitForFunction((k) => Number(document.body.dataset.crosstab || 0) > k, n);
    const w = await page.evaluate(() => Number(document.body.dataset.weighted || 0));
    await page.selectOption('#weight', { label: 'Vægt' });
    await page.waitForFunction((k) => Number(document.body.dataset.weighted || 0) > k, w);
    await page.click('#mapping-box > summary');
    await settle(page);
    await run('cross-table, weights and adjustments');
    await page.click('#report-open');
    await page.waitForSelector('#report-view:not([hidden]) .report-methods');
    await run('report');
  } finally {
    await context.close();
  }
});

async function main() {
  server = await startServer({ mounts: { '/': WWW } });
  appUrl = `${server.origin}/`;
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
  console.log(`analysis e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
