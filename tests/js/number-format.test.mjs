// The page's number formatting (www/i18n.js) gives the same text as the Rust core's
// (src/i18n.rs): both are checked against tests/fixtures/number_format.json.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { formatCount, formatDecimal, formatPct } from '../../www/i18n.js';

const fixture = JSON.parse(fs.readFileSync(new URL('../fixtures/number_format.json', import.meta.url), 'utf8'));

test('formatDecimal matches format_decimal', () => {
  for (const { value, decimals, lang, expected } of fixture.decimal) {
    assert.equal(formatDecimal(value, decimals, lang), expected, `${value} with ${decimals} decimals in ${lang}`);
  }
});

test('formatPct matches format_pct', () => {
  for (const { value, lang, expected } of fixture.pct) assert.equal(formatPct(value, lang), expected, `${value} in ${lang}`);
});

test('formatCount matches format_count', () => {
  for (const { value, lang, expected } of fixture.count) assert.equal(formatCount(value, lang), expected, `${value} in ${lang}`);
});

test('a number that is not finite is a dash', () => {
  for (const value of [NaN, Infinity, -Infinity]) assert.equal(formatDecimal(value, 1, 'da'), '–');
});
