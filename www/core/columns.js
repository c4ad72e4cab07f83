// What a column may be used as, decided once for the page and for the host API: which columns
// are offered as groupings, and which kinds a column may be given; and the signatures that
// headers are remembered by, instead of their text. Pure functions (no DOM), so the worker and
// node tests can use them.

/** At most this many groups in a grouping: Denmark's 98 municipalities fit. */
export const MAX_GROUPS = 100;

/** Kinds whose values are counted and shown one by one. */
const COUNTED = new Set(['category', 'likert']);

/** A column with CPR numbers keeps its own kind (an id, or free text counted only). */
export function holdsCpr(col) {
  return /^cpr/.test(col.personal_reason || '') || col.cpr_like > 0;
}

/**
 * The columns offered as groupings of the summary `s`: categories in use, not personal data,
 * with at least two and far fewer distinct values than rows (a column of respondent numbers
 * would make one group per respondent).
 */
export function groupingColumns(s) {
  const most = Math.min(MAX_GROUPS, Math.max(2, Math.floor((s.rows || 0) / 2)));
  return (s.columns || []).filter(
    (c) => c.kind === 'category' && !c.excluded && !c.personal_data && c.distinct >= 2 && c.distinct <= most,
  );
}

/**
 * Whether a column recognised as `recognised` ({kind, personal_data}) may be given `kind` without
 * a second thought: a count per value (category, likert) only for a column whose values are
 * already answers (category, likert) and not personal data. Turning an id, date, number or free
 * text into categories would show every single value.
 */
export function plainKindChange(recognised, kind) {
  if (!COUNTED.has(kind)) return true;
  return Boolean(recognised) && COUNTED.has(recognised.kind) && !recognised.personal_data;
}

/**
 * Whether `recognised` ({distinct, answered}) has so many distinct values that counting them one
 * by one would list almost every respondent: refused, even when asked twice.
 */
export function nearlyUnique(recognised) {
  return Boolean(recognised) && recognised.answered > 0 && recognised.distinct * 2 > recognised.answered;
}

/** A signature of the header texts (two 32-bit FNV-1a hashes), so no header is stored as key. */
export function signature(headers) {
  const text = headers.join('\u001f');
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `${headers.length}-${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}

/** One header as a key to remember something by (its signature alone), never the text itself. */
export function headerKey(header) {
  return signature([header]);
}
