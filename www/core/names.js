// Names made from what the user reads: file names of exports from chart titles.

/**
 * A file name from a chart's title, as the user reads it: "Samlet tilfredshed – Opdelt efter
 * ydelse" becomes "samlet-tilfredshed-opdelt-efter-ydelse" (æ, ø, å spelt out, at most 80
 * characters, cut at a word).
 */
export function fileName(title) {
  const spelt = String(title || '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const words = spelt.split(/[^a-z0-9]+/).filter(Boolean);
  let out = '';
  for (const w of words) {
    if (out && out.length + 1 + w.length > 80) break;
    out = out ? `${out}-${w}` : w.slice(0, 80);
  }
  return out;
}
