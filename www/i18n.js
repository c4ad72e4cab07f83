// Interface texts in Danish (default) and English, and number formatting with the same rules
// as the Rust core (tilfreds::i18n): Danish 81,3 % · 3,42 · 17.177; English 81.3% · 3.42 · 17,177.

export const LANGS = ['da', 'en'];

const TEXT = {
  da: {
    title: 'Tilfreds',
    tagline: 'Analyse af brugertilfredshedsundersøgelser direkte i din browser. Filen forlader aldrig din computer.',
    switchLang: 'English',
    switchLangLabel: 'Switch to English',
    skip: 'Spring til indhold',
    loadHeading: 'Indlæs data',
    dropHint: 'Træk en CSV-fil hertil – eller vælg en fil:',
    fileLabel: 'Vælg CSV-fil',
    example: 'Prøv med eksempeldata',
    pickFile: 'Fil',
    reading: 'Læser filen …',
    readingOf: (done, total) => `${done} af ${total}`,
    cancel: 'Annullér',
    cancelled: 'Indlæsningen blev annulleret.',
    starting: 'Starter …',
    loaded: (name) => `${name} er indlæst.`,
    recomputed: 'Resultaterne er opdateret.',
    crashed: 'Der opstod en intern fejl under beregningen. Prøv igen; dine resultater på skærmen er bevaret.',
    noQuestions: 'Der blev ikke fundet nogen spørgsmål med en svarskala i filen.',
    resultsHeading: 'Overblik',
    factFile: 'Fil',
    factRows: 'Besvarelser',
    factEncoding: 'Tegnsæt',
    factDelimiter: 'Skilletegn',
    factHeaderRows: 'Overskriftsrækker',
    factSkipped: 'Ulæselige rækker sprunget over',
    warningsHeading: 'Advarsler',
    columnsHeading: 'Kolonner',
    columnsIntro: 'Her kan du ændre, hvordan en kolonne bruges. Ændringer beregnes med det samme og huskes for filer med de samme overskrifter (se „Tilpasninger“).',
    colName: 'Kolonne',
    colKind: 'Type',
    colUse: 'Medtag',
    colAnswered: 'Svar',
    colNote: 'Bemærkning',
    includeLabel: (name) => `Medtag ${name}`,
    kindLabel: (name) => `Type for ${name}`,
    personal: 'Personoplysninger – udeladt',
    personalIncluded: 'Personoplysninger – medtaget efter dit valg',
    includeAnyway: 'Medtag alligevel',
    includeAnywayLabel: (name) => `Medtag alligevel: ${name}`,
    includeConfirm: 'Kolonnen indeholder personoplysninger. Medtag den i denne analyse? Valget gemmes ikke og gælder kun denne fil.',
    includeYes: 'Ja, medtag',
    includeNo: 'Fortryd',
    metadata: 'Metadata fra spørgeskemaværktøjet',
    controlsHeading: 'Indstillinger',
    by: 'Opdel efter',
    byNone: 'Ingen opdeling',
    minCell: 'Mindste antal svar pr. gruppe',
    overviewHeading: 'Alle spørgsmål',
    overviewCaption: 'Fordeling af svar på alle spørgsmål med svarskala, sorteret efter andelen af de to mest positive svar.',
    chartLabel: (title) => `Diagram: ${title}. Tallene står i tabellen.`,
    tableOf: (title) => `Tabel: ${title}`,
    questionsHeading: 'Spørgsmål for spørgsmål',
    groupsHeading: 'Grupper blandt de svarende',
    breakdownHeading: (by) => `Opdelt efter ${by}`,
    exportPng: 'Hent diagram som PNG',
    exportSvg: 'Hent diagram som SVG',
    exportCsv: 'Hent tabel som CSV',
    copyTable: 'Kopiér tabel',
    copied: 'Tabellen er kopieret til udklipsholderen.',
    copyFailed: 'Tabellen kunne ikke kopieres. Brug i stedet “Hent tabel som CSV”.',
    tooFew: 'for få svar',
    privacy: 'Alt foregår i din browser: filen bliver ikke sendt nogen steder hen. Browseren husker kun dit sprogvalg, dine egne tilpasninger (kun overskrifter, aldrig værdier fra filen) og appens egne filer, så den virker offline.',
    offline: 'Virker også offline',
    kinds: {
      likert: 'Svarskala',
      category: 'Gruppe/kategori',
      number: 'Tal',
      text: 'Fritekst',
      id: 'Id',
      date: 'Dato',
      empty: 'Tom',
    },
    delimiters: { ';': 'semikolon (;)', ',': 'komma (,)', '\t': 'tabulator', '|': 'lodret streg (|)' },
    scale: 'Skala',
    scaleIntro: 'Sæt svarene i rækkefølge med det mest positive øverst, og fjern fluebenet ved svar, der ikke hører til skalaen (fx “Ved ikke”). Skalaen gemmes kun i filen med tilpasninger, ikke i browseren.',
    scaleUp: 'op',
    scaleDown: 'ned',
    scaleUpLabel: (value) => `Flyt ${value} op`,
    scaleDownLabel: (value) => `Flyt ${value} ned`,
    scaleApply: 'Brug som skala',
    scaleRemove: (column) => `Fortryd skala: ${column}`,
  },
  en: {
    title: 'Tilfreds',
    tagline: 'Analysis of user satisfaction surveys right in your browser. The file never leaves your computer.',
    switchLang: 'Dansk',
    switchLangLabel: 'Skift til dansk',
    skip: 'Skip to content',
    loadHeading: 'Load data',
    dropHint: 'Drop a CSV file here – or choose a file:',
    fileLabel: 'Choose CSV file',
    example: 'Try with example data',
    pickFile: 'File',
    reading: 'Reading the file …',
    readingOf: (done, total) => `${done} of ${total}`,
    cancel: 'Cancel',
    cancelled: 'Loading was cancelled.',
    starting: 'Starting …',
    loaded: (name) => `${name} has been loaded.`,
    recomputed: 'The results have been updated.',
    crashed: 'An internal error occurred during the calculation. Please try again; the results on screen are kept.',
    noQuestions: 'No questions with an answer scale were found in the file.',
    resultsHeading: 'Overview',
    factFile: 'File',
    factRows: 'Responses',
    factEncoding: 'Encoding',
    factDelimiter: 'Delimiter',
    factHeaderRows: 'Header rows',
    factSkipped: 'Unreadable rows skipped',
    warningsHeading: 'Warnings',
    columnsHeading: 'Columns',
    columnsIntro: 'Here you can change how a column is used. Changes are applied at once and remembered for files with the same headers (see “Adjustments”).',
    colName: 'Column',
    colKind: 'Kind',
    colUse: 'Include',
    colAnswered: 'Answers',
    colNote: 'Note',
    includeLabel: (name) => `Include ${name}`,
    kindLabel: (name) => `Kind of ${name}`,
    personal: 'Personal data – left out',
    personalIncluded: 'Personal data – included by your choice',
    includeAnyway: 'Include anyway',
    includeAnywayLabel: (name) => `Include anyway: ${name}`,
    includeConfirm: 'This column holds personal data. Include it in this analysis? The choice is not stored and applies to this file only.',
    includeYes: 'Yes, include',
    includeNo: 'Cancel',
    metadata: 'Survey tool metadata',
    controlsHeading: 'Settings',
    by: 'Break down by',
    byNone: 'No breakdown',
    minCell: 'Minimum answers per group',
    overviewHeading: 'All questions',
    overviewCaption: 'Distribution of answers to all questions with an answer scale, sorted by the share of the two most positive answers.',
    chartLabel: (title) => `Chart: ${title}. The numbers are in the table.`,
    tableOf: (title) => `Table: ${title}`,
    questionsHeading: 'Question by question',
    groupsHeading: 'Groups among the respondents',
    breakdownHeading: (by) => `Broken down by ${by}`,
    exportPng: 'Download chart as PNG',
    exportSvg: 'Download chart as SVG',
    exportCsv: 'Download table as CSV',
    copyTable: 'Copy table',
    copied: 'The table has been copied to the clipboard.',
    copyFailed: 'The table could not be copied. Use “Download table as CSV” instead.',
    tooFew: 'too few answers',
    privacy: 'Everything happens in your browser: the file is not sent anywhere. The browser keeps only your choice of language, your own adjustments (headers only, never values from the file) and the app’s own files, so it works offline.',
    offline: 'Works offline',
    kinds: {
      likert: 'Answer scale',
      category: 'Group/category',
      number: 'Number',
      text: 'Free text',
      id: 'Id',
      date: 'Date',
      empty: 'Empty',
    },
    delimiters: { ';': 'semicolon (;)', ',': 'comma (,)', '\t': 'tab', '|': 'vertical bar (|)' },
    scale: 'Scale',
    scaleIntro: 'Put the answers in order with the most positive first, and untick answers that are not on the scale (e.g. “Don’t know”). The scale is kept only in the file of adjustments, not in the browser.',
    scaleUp: 'up',
    scaleDown: 'down',
    scaleUpLabel: (value) => `Move ${value} up`,
    scaleDownLabel: (value) => `Move ${value} down`,
    scaleApply: 'Use as scale',
    scaleRemove: (column) => `Undo scale: ${column}`,
  },
};

/** Adds the texts of a page module: `{ da: {...}, en: {...} }`. */
export function addTexts(more) {
  for (const lang of LANGS) Object.assign(TEXT[lang], more[lang]);
}

/** The text `key` in `lang`; functions are called with `args`. */
export function t(lang, key, ...args) {
  const table = TEXT[lang] || TEXT.da;
  const value = key in table ? table[key] : TEXT.da[key];
  return typeof value === 'function' ? value(...args) : value;
}

/** A number with `decimals` decimals, Danish or English separators. */
export function formatDecimal(value, decimals, lang) {
  if (!Number.isFinite(value)) return '–';
  // Half away from zero (81,25 → 81,3; 1,45 → 1,5), as the Rust core rounds.
  const factor = 10 ** decimals;
  const plain = (Math.round(Math.abs(value) * factor) / factor).toFixed(decimals);
  const [intPart, frac] = plain.split('.');
  const [thousands, mark] = lang === 'en' ? [',', '.'] : ['.', ','];
  let grouped = '';
  for (let i = 0; i < intPart.length; i++) {
    if (i > 0 && (intPart.length - i) % 3 === 0) grouped += thousands;
    grouped += intPart[i];
  }
  const negative = value < 0 && /[1-9]/.test(plain);
  return (negative ? '-' : '') + grouped + (frac !== undefined ? mark + frac : '');
}

/** "81,3 %" (Danish, with a no-break space) or "81.3%" (English). */
export function formatPct(value, lang) {
  return lang === 'en' ? `${formatDecimal(value, 1, lang)}%` : `${formatDecimal(value, 1, lang)}\u00a0%`;
}

/** A count with thousands separators. */
export function formatCount(value, lang) {
  return formatDecimal(value, 0, lang);
}

/** Bytes in kB/MB with the language's decimal mark. */
export function formatBytes(bytes, lang) {
  if (bytes < 1e6) return `${formatDecimal(bytes / 1e3, bytes < 1e4 ? 1 : 0, lang)} kB`;
  return `${formatDecimal(bytes / 1e6, 1, lang)} MB`;
}
