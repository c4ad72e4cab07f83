// The header signature (www/core/columns.js) that stored adjustments are kept under.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signature } from '../../www/core/columns.js';

test('signature is the header count and two FNV-1a hashes', () => {
  const cases = [
    [[], '0-811c9dc501000193'],
    [[''], '1-811c9dc501000193'],
    [['a'], '1-e40c292c8f2a4d6f'],
    [['a', 'b'], '2-1b0504b1f7e9a000'],
    [['b', 'a'], '2-6adc983d08fc3268'],
    [['a\u001fb'], '1-1b0504b1f7e9a000'],
    [['Køn', 'Alder', 'Hvor tilfreds er du?'], '3-76c4560f2f0ed7c3'],
  ];
  for (const [headers, expected] of cases) assert.equal(signature(headers), expected, JSON.stringify(headers));
});

test('signature holds no header text', () => {
  const sig = signature(['Navn', 'CPR-nummer', 'Afdeling']);
  assert.match(sig, /^3-[0-9a-f]{16}$/);
});
