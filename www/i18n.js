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
    dropHint: 'Træk en CSV-, Excel- eller SPSS-fil hertil (gerne flere på én gang) – eller vælg en fil:',
    fileLabel: 'Vælg CSV-, Excel- eller SPSS-fil',
    example: 'Prøv med eksempeldata',
    pickFile: 'Fil',
    pickSheet: 'Ark i projektmappen',
    reading: 'Læser filen …',
    readingOf: (done, total) => `${done} af ${total}`,
    cancel: 'Annullér',
    cancelled: 'Indlæsningen blev annulleret.',
    starting: 'Starter …',
    loaded: (name) => `${name} er indlæst.`,
    headerLooksLikeData: 'Første række ligner svar, ikke overskrifter. Har filen ingen overskrifter, så læs den igen med første række som svar.',
    firstRowIsAnswers: 'Første række er svar',
    readWithoutHeader: 'Filen er læst uden overskrifter: første række er talt med som svar, og kolonnerne hedder Kolonne 1, Kolonne 2 …',
    firstRowIsHeader: 'Første række er overskrifter',
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
    kindConfirm: (name, kind) => `Kolonnen «${name}» ligner id-numre, datoer, tal eller fritekst. Som ${kind.toLowerCase()} vises hver enkelt værdi med sit antal. Vis den alligevel? Valget gemmes ikke.`,
    kindYes: 'Ja, vis værdierne',
    kindRefused: (name) => `Kolonnen «${name}» har næsten lige så mange forskellige værdier som svar. Den kan ikke tælles værdi for værdi: så kunne næsten hver besvarelse genkendes.`,
    embeddedBy: (host) => `Vist inde i ${host}. Den side får kun samlede tal, og kun for filer, den selv sender, eller som du vælger at dele.`,
    embeddedUnknown: (host) => `Denne side vises inde i en anden side${host ? ` (${host})` : ''}, som ikke er godkendt til at vise Tilfreds. Den får ingen resultater. Åbn Tilfreds direkte, hvis du er i tvivl.`,
    shareAsk: (host) => `Del resultaterne af denne fil med ${host}? Kun samlede tal deles, aldrig enkelte svar.`,
    shareYes: 'Del resultaterne',
    shareNo: 'Del ikke',
    shared: (host) => `Resultaterne af denne fil deles med ${host}.`,
    metadata: 'Metadata fra spørgeskemaværktøjet',
    controlsHeading: 'Indstillinger',
    by: 'Opdel efter',
    groupOrder: 'Rækkefølge af grupper',
    breakdownShow: 'Opdelingen viser',
    breakdownShowTop2: 'Andel positive (top-2)',
    breakdownShowMean: 'Gennemsnit med interval',
    breakdownShowDistribution: 'Hele fordelingen',
    groupOrderNatural: 'Naturlig (fx aldersgrupper i orden)',
    groupOrderResult: 'Efter resultat, højeste først',
    groupOrderName: 'Efter navn',
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
    copyChart: 'Kopiér diagram',
    chartCopied: 'Diagrammet er kopieret til udklipsholderen som billede.',
    chartCopyFailed: 'Diagrammet kunne ikke kopieres. Brug i stedet “Hent diagram som PNG”.',
    findingsHeading: 'Hovedresultater',
    copyFindings: 'Kopiér hovedresultater',
    copyFinding: 'Kopiér',
    copyFindingLabel: (n) => `Kopiér hovedresultat ${n}`,
    findingCopied: 'Teksten er kopieret til udklipsholderen.',
    findingCopyFailed: 'Teksten kunne ikke kopieres. Markér den, og kopiér med Ctrl+C.',
    copied: 'Tabellen er kopieret til udklipsholderen.',
    copyFailed: 'Tabellen kunne ikke kopieres. Brug i stedet “Hent tabel som CSV”.',
    tooFew: 'for få svar',
    dropOverlay: 'Slip filen her',
    privacyLink: 'Sådan beskyttes dine data',
    privacyHeading: 'Sådan beskyttes dine data',
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
  en: {},
};

/** Adds the texts of a page module: `{ da: {...}, en: {...} }`. */
export function addTexts(more) {
  for (const lang of LANGS) Object.assign(TEXT[lang], more[lang]);
}

/**
 * Loads the texts of `lang` when they are not part of the first download (English: later/en.js,
 * fetched when English is first chosen). Until then a text is shown in Danish.
 */
export async function loadLang(lang) {
  if (lang !== 'en' || TEXT.en.title) return;
  const { EN } = await import('./later/en.js');
  Object.assign(TEXT.en, EN);
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

// Interface texts of the deeper analyses (waves, cross-tables, weights, multi-select, mapping,
// report).
addTexts({
  da: {
    multiReading: (n) => `Læser ${n} filer …`,
    multiHeading: 'Flere filer',
    multiIntro: (names) => `Du har valgt ${names}. Hvad vil du gøre med dem?`,
    combine: 'Saml til én analyse',
    compareWaves: 'Sammenlign som målinger',
    combined: (name) => `${name} er samlet til én analyse. Kolonnen „Fil“ kan bruges til at opdele.`,
    surveyxactJoined: 'SurveyXact-eksporten (dataset, structure og labels) er læst og sat sammen.',
    wavesHeading: 'Sammenligning af målinger',
    wavesFiles: 'Målinger (besvarelser)',
    wavesOverview: 'Alle spørgsmål i hver måling',
    wavesTable: 'Nøgletal pr. måling',
    wavesBack: 'Tilbage til filvalget',
    scaleChanged: 'Bemærk: svarskalaens ordlyd er ændret mellem målingerne.',
    unmatchedHeading: 'Spørgsmål uden modstykke',
    unmatchedIntro: 'Disse spørgsmål findes ikke i alle målinger. Hvis et spørgsmål har skiftet ordlyd, kan du koble det til det tidligere spørgsmål. Koblingen huskes i denne browser (kun overskrifterne).',
    sameAs: (q) => `Samme spørgsmål som (for „${q}“)`,
    notMatched: '– ikke koblet –',
    forgetMatches: 'Glem gemte koblinger',
    crossHeading: 'Krydstabel',
    crossRows: 'Rækker',
    crossCols: 'Kolonner',
    crossShow: 'Vis i cellerne',
    showCounts: 'Antal',
    showRow: 'Rækkeprocent',
    showCol: 'Kolonneprocent',
    crossNone: 'Vælg to forskellige kolonner.',
    crossChoose: '– vælg kolonne –',
    crossFacts: (n, missing) => `${n} besvarelser med svar i begge kolonner; ${missing} mangler svar i mindst én af dem.`,
    lowExpected: '† Forventet antal under 5: cellen gør testen usikker.',
    lowExpectedCell: 'forventet antal under 5',
    noTest: 'Der er for få grupper med svar til en test.',
    weight: 'Vægt',
    weightNone: 'Ingen vægtning',
    weightedHeading: (w) => `Vægtet med ${w}`,
    weightedBreakdown: (by) => `Vægtet top-2 opdelt efter ${by}`,
    invited: 'Antal inviterede',
    factInvited: 'Inviterede',
    factRate: 'Svarprocent',
    factMoe: 'Statistisk usikkerhed (95 %)',
    moeValue: (pp) => `± ${pp} procentpoint`,
    multiSelectHeading: 'Spørgsmål med flere svarmuligheder',
    multiSelectBase: (n) => `Andel af de ${n}, der har svaret; flere svar mulige.`,
    report: 'Rapport',
    scaleGuess: (points, first, last) => `Skalaen er et gæt ud fra svarene: ${points} trin, fra „${first}“ til „${last}“. Passer den?`,
    scaleConfirm: 'Bekræft skalaen',
    scaleEdit: 'Ret skalaen',
    mappingHeading: 'Tilpasninger',
    mappingIntro: 'Omdøb spørgsmål, sæt kolonnetype, slå svarkategorier sammen og læg en egen skala. Navne, typer og udeladelser huskes i denne browser for filer med de samme overskrifter; sammenlægninger og skalaer nævner svarværdier og findes kun i den fil, du kan hente.',
    rename: (name) => `Visningsnavn for ${name}`,
    merge: 'Slå kategorier sammen',
    mergeColumn: 'Kolonne',
    mergeFrom: 'Kategori',
    mergeTo: 'Lægges sammen med (navn)',
    mergeAdd: 'Slå sammen',
    mergeRemove: (from, to) => `Fortryd: ${from} → ${to}`,
    mappingSaved: 'Tilpasningerne er gemt for filer med disse overskrifter.',
    mappingApplied: 'Gemte tilpasninger for filer med disse overskrifter er brugt.',
    mappingExport: 'Hent tilpasninger (JSON)',
    mappingImport: 'Indlæs tilpasninger',
    mappingForget: 'Glem tilpasninger',
    mappingBad: 'Filen med tilpasninger kunne ikke læses.',
  },
  en: {},
});
