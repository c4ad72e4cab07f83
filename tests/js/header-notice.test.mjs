// The note about a first row that looks like answers (www/panels/load.js): its texts in both
// languages, and the page's element wired to them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { loadLang, t } from '../../www/i18n.js';

await loadLang('en');

const KEYS = ['headerLooksLikeData', 'firstRowIsAnswers', 'readWithoutHeader', 'firstRowIsHeader'];

test('the first-row texts are in Danish and in English', () => {
  for (const key of KEYS) {
    const da = t('da', key);
    const en = t('en', key);
    assert.equal(typeof da, 'string', key);
    assert.ok(da.length > 0 && en.length > 0, key);
    assert.notEqual(da, en, `${key}: the English text is not the Danish fallback`);
  }
  assert.equal(t('da', 'firstRowIsAnswers'), 'Første række er svar');
  assert.equal(t('en', 'firstRowIsAnswers'), 'First row is answers');
});

test('the page holds the note hidden, with a real button', () => {
  const html = fs.readFileSync(new URL('../../www/index.html', import.meta.url), 'utf8');
  const box = html.match(/<div id="header-notice"[^>]*>([\s\S]*?)<\/div>/);
  assert.ok(box, 'the note is on the page');
  assert.match(box[0], /\shidden[\s>]/);
  assert.match(box[1], /<button type="button" id="header-choice" data-i18n="firstRowIsAnswers">Første række er svar<\/button>/);
  assert.match(box[1], /id="header-notice-text" data-i18n="headerLooksLikeData">Første række ligner svar/);
  // The Danish text written in the page is the one the page would write itself.
  assert.ok(box[1].includes(t('da', 'headerLooksLikeData')));
});
