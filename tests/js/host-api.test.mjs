// The host postMessage API's filters and clamps (www/api.js, www/core/columns.js): what leaves
// the frame, whom it may reach, and what a host may ask for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregatesOnly, allowedOrigins, clampBy, clampMinCell, clampOverrides, framing } from '../../www/later/api.js';
import { groupingColumns, nearlyUnique, plainKindChange } from '../../www/core/columns.js';

test('allowedOrigins keeps the https origins of the deployment list, and http only on loopback', () => {
  const cases = [
    ['', []],
    ['https://intranet.example', ['https://intranet.example']],
    ['https://intranet.example/some/page?x=1', ['https://intranet.example']],
    ['HTTPS://Intranet.Example:443', ['https://intranet.example']],
    ['http://localhost:8080 http://127.0.0.1:9000', ['http://localhost:8080', 'http://127.0.0.1:9000']],
    ['http://intranet.example', []],
    ['https://a.example, https://b.example', ['https://a.example', 'https://b.example']],
    ['https://a.example https://b.example https://a.example', ['https://a.example', 'https://b.example']],
    ['javascript:alert(1)', []],
    ['ftp://files.example', []],
    ['file:///etc/passwd', []],
    ['null', []],
    ['*', []],
    ['intranet.example', []],
    ['data:text/html,x https://ok.example', ['https://ok.example']],
  ];
  for (const [list, expected] of cases) assert.deepEqual([...allowedOrigins(list)], expected, list);
});

test('framing: every framing page must be allowed', () => {
  const ok = new Set(['https://intranet.example']);
  assert.equal(framing(false, null, ok), 'top');
  assert.equal(framing(true, null, ok), 'unknown');
  assert.equal(framing(true, ['https://intranet.example'], ok), 'allowed');
  assert.equal(framing(true, ['https://evil.example'], ok), 'https://evil.example');
  // An allowed host inside a page that is not allowed (clickjacking the host).
  assert.equal(framing(true, ['https://intranet.example', 'https://evil.example'], ok), 'https://evil.example');
  assert.equal(framing(true, ['https://intranet.example'], new Set()), 'https://intranet.example');
});

test('the host may raise the minimum cell size, never lower it', () => {
  assert.equal(clampMinCell(1, 5), 5);
  assert.equal(clampMinCell(3, 0), 5);
  assert.equal(clampMinCell(7, 5), 7);
  assert.equal(clampMinCell(6, 10), 10);
});

const columns = {
  rows: 200,
  columns: [
    { name: 'Løbenr', kind: 'id', distinct: 200, answered: 200 },
    { name: 'Kommune', kind: 'category', distinct: 12, answered: 200 },
    { name: 'Sagsbehandler', kind: 'category', distinct: 8, answered: 200, personal_data: true, excluded: true },
    { name: 'Fritekst', kind: 'category', distinct: 150, answered: 190 },
    { name: 'Udeladt', kind: 'category', distinct: 3, answered: 200, excluded: true },
    { name: 'Ens', kind: 'category', distinct: 1, answered: 200 },
    { name: 'Tilfreds', kind: 'likert', distinct: 5, answered: 200 },
  ],
};

test('the host groups only by a grouping the page offers', () => {
  assert.deepEqual(groupingColumns(columns).map((c) => c.name), ['Kommune']);
  assert.equal(clampBy('Kommune', columns), 'Kommune');
  for (const by of ['Løbenr', 'Sagsbehandler', 'Fritekst', 'Udeladt', 'Ens', 'Tilfreds', 'Findes ikke', '']) assert.equal(clampBy(by, columns), '', by);
});

test('no kind turns an id, a date, a number, free text or personal data into counted answers', () => {
  const recognised = new Map(columns.columns.map((c) => [c.name, c]));
  recognised.set('Dato', { name: 'Dato', kind: 'date' });
  recognised.set('Alder', { name: 'Alder', kind: 'number' });
  recognised.set('Kommentar', { name: 'Kommentar', kind: 'text' });
  const asked = ['Løbenr', 'Dato', 'Alder', 'Kommentar', 'Sagsbehandler', 'Findes ikke'].flatMap((column) => [
    { column, kind: 'category', exclude: false },
    { column, kind: 'likert', exclude: false },
  ]);
  for (const o of clampOverrides(asked, recognised)) assert.equal(o.kind, null, `${o.column} became counted`);
  const fine = clampOverrides([
    { column: 'Kommune', kind: 'likert' },
    { column: 'Tilfreds', kind: 'category' },
    { column: 'Løbenr', kind: 'text' },
    { column: 'Løbenr', kind: null, exclude: true },
  ], recognised);
  assert.deepEqual(fine.map((o) => o.kind), ['likert', 'category', 'text', null]);
  assert.equal(fine[3].exclude, true, 'excluding stays allowed');
});

test('counting a nearly unique column value by value is refused on the page', () => {
  assert.equal(plainKindChange({ kind: 'id' }, 'category'), false);
  assert.equal(plainKindChange({ kind: 'category' }, 'likert'), true);
  assert.equal(plainKindChange({ kind: 'id' }, 'number'), true);
  assert.equal(nearlyUnique({ distinct: 200, answered: 200 }), true);
  assert.equal(nearlyUnique({ distinct: 90, answered: 200 }), false);
});

const summary = () => ({
  rows: 3,
  warnings: [{ code: 'cpr', da: 'CPR i kolonnen «x»: 010101-1234', en: '…' }, { da: 'no code' }, null],
  columns: [
    { name: 'Tilfreds', kind: 'likert', counts: { Enig: 2 }, percent: { Enig: 66.7 }, by: { A: {} } },
    { name: 'Afdeling', kind: 'category', counts: { A: 3 }, percent: { A: 100 }, by: {} },
    { name: 'Navn', kind: 'category', personal_data: true, counts: { Anna: 1 }, percent: { Anna: 33 }, by: {} },
    { name: 'Kommentar', kind: 'text', counts: { hemmeligt: 1 }, percent: { hemmeligt: 33 } },
    { name: 'Id', kind: 'id', counts: { 17: 1 } },
    { name: 'Dato', kind: 'date', counts: { '2024-01-01': 1 } },
    { name: 'Alder', kind: 'number', counts: { 44: 1 }, numeric: { mean: 40, min: 18, max: 67 } },
  ],
});

test('aggregatesOnly keeps counts of scales and groupings only', () => {
  const out = aggregatesOnly(summary());
  const counted = Object.fromEntries(out.columns.map((c) => [c.name, ['counts', 'percent', 'by'].filter((k) => k in c)]));
  assert.deepEqual(counted, {
    Tilfreds: ['counts', 'percent', 'by'],
    Afdeling: ['counts', 'percent', 'by'],
    Navn: [],
    Kommentar: [],
    Id: [],
    Dato: [],
    Alder: [],
  });
});

test('aggregatesOnly drops single values and warning texts', () => {
  const out = aggregatesOnly(summary());
  assert.deepEqual(out.columns.find((c) => c.name === 'Alder').numeric, { mean: 40 });
  assert.deepEqual(out.warnings, [{ code: 'cpr' }, { code: 'warning' }, { code: 'warning' }]);
  assert.ok(!JSON.stringify(out).includes('010101'));
  assert.ok(!JSON.stringify(out).includes('hemmeligt'));
  assert.ok(!JSON.stringify(out).includes('Anna'));
});

test('aggregatesOnly leaves its input alone', () => {
  const input = summary();
  const before = JSON.stringify(input);
  aggregatesOnly(input);
  assert.equal(JSON.stringify(input), before);
  assert.deepEqual(aggregatesOnly({ rows: 0 }), { rows: 0, warnings: [] });
});

test('aggregatesOnly drops the labels of withheld values and groups', () => {
  const out = aggregatesOnly({
    rows: 62,
    columns: [
      { name: 'Kontor', kind: 'category', counts: { Nord: 30, Syd: 30, 'Andet: ring 12345678': null }, pct: { Nord: 50, Syd: 50, 'Andet: ring 12345678': null } },
      { name: 'Tilfreds', kind: 'likert', counts: { Enig: 60 }, by: { Nord: { n_valid: 30 }, Lillekontoret: { suppressed: true, reason: 'primary' } } },
    ],
  });
  const text = JSON.stringify(out);
  assert.ok(!text.includes('12345678') && !text.includes('Lillekontoret'), text);
  assert.equal(out.columns[0].withheld_values, 1);
  assert.deepEqual(Object.keys(out.columns[0].pct), ['Nord', 'Syd']);
  assert.equal(out.columns[1].withheld_groups, 1);
  assert.deepEqual(Object.keys(out.columns[1].by), ['Nord']);
});
