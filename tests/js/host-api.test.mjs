// The host postMessage API's filters (www/api.js): what leaves the frame, and whom it may reach.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aggregatesOnly, allowedOrigins } from '../../www/api.js';

test('allowedOrigins keeps the http(s) origins listed in ?host=', () => {
  const cases = [
    ['', []],
    ['?lang=en', []],
    ['?host=https://intranet.example', ['https://intranet.example']],
    ['?host=https://intranet.example/some/page?x=1', ['https://intranet.example']],
    ['?host=HTTPS://Intranet.Example:443', ['https://intranet.example']],
    ['?host=http://localhost:8080', ['http://localhost:8080']],
    ['?host=https://a.example,%20https://b.example', ['https://a.example', 'https://b.example']],
    ['?host=https://a.example&host=https://b.example&host=https://a.example', ['https://a.example', 'https://b.example']],
    ['?host=javascript:alert(1)', []],
    ['?host=ftp://files.example', []],
    ['?host=file:///etc/passwd', []],
    ['?host=null', []],
    ['?host=*', []],
    ['?host=intranet.example', []],
    ['?host=', []],
    ['?host=data:text/html,x,https://ok.example', ['https://ok.example']],
  ];
  for (const [search, expected] of cases) assert.deepEqual([...allowedOrigins(search)], expected, search);
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
