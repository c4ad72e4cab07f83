// Export file names come from the chart's title as the user reads it (www/core/names.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileName } from '../../www/core/names.js';

test('a title becomes a readable file name', () => {
  assert.equal(fileName('Samlet tilfredshed – Opdelt efter ydelse'), 'samlet-tilfredshed-opdelt-efter-ydelse');
  assert.equal(fileName('Hvor godt får du hjælp på Ærø?'), 'hvor-godt-faar-du-hjaelp-paa-aeroe');
  assert.equal(fileName('Café «Øst»'), 'cafe-oest');
  assert.equal(fileName(''), '');
});

test('a long title is cut at a word, at most 80 characters', () => {
  const name = fileName('Q3. Hvor let er det at komme i kontakt med jobcentret, når du har brug for det, og svarer de hurtigt nok på dine henvendelser? – Opdelt efter ydelse');
  assert.ok(name.length <= 80, name);
  assert.ok(!name.endsWith('-'), name);
  assert.ok(name.startsWith('q3-hvor-let-er-det'), name);
});
