// The printable report: title, date, data source, the overview chart, every question with its
// breakdown, the multi-select questions, the cross-table on screen, and a methods note; or, for
// a comparison of waves, the comparison question by question. Charts are drawn once more at print size and shown as images;
// the print rules of style.css lays the report out on A4 pages. The report is shown at
// once and filled in short tasks (core/ui.js runSliced), a chart at a time; the methods note comes
// last, and the print button is enabled then.
import { draw_chart } from '../pkg/tilfreds_web.js';
import { secondModule } from '../core/second.js';
import { addTexts, formatCount, formatDecimal, formatPct } from '../i18n.js';
import { state } from '../core/store.js';
import { clear, dataTable, el, runSliced, tr } from '../core/ui.js';
import { displayName } from '../panels/mapping.js';

// The report's own Danish texts (the English ones are in later/en.js).
addTexts({
  da: {
    reportPrint: 'Udskriv',
    reportBack: 'Tilbage',
    reportTitle: (name) => `Rapport: ${name}`,
    reportDate: (date) => `Udarbejdet ${date}`,
    reportSource: 'Datagrundlag',
    reportGrouping: 'Opdelt efter',
    reportMinCell: 'Mindste gruppestørrelse',
    reportWeight: 'Vægt',
    reportQuestions: 'Spørgsmål for spørgsmål',
    methodsHeading: 'Metode',
    methods: (minCell) => [
      'Alle procenter – også for kategorier, i krydstabeller, vægtede tal og målinger – er beregnet af dem, der har givet et svar på spørgsmålet. Svar som „Ved ikke“ og „Ikke relevant“ og tomme svar indgår ikke i nævneren, medmindre indstillingen om at medtage dem er valgt; antallet står ved hvert tal. Den statistiske usikkerhed angives i procentpoint for hvert spørgsmåls eget antal svar, med korrektion for en endelig population, når antallet af inviterede er kendt; svarer under halvdelen, kan resultaterne være skæve.',
      'Top-2 er andelen i de to mest positive svarkategorier. 95 %-intervallet for en andel er et Wilson-interval; for gennemsnittet et t-interval.',
      `Grupper og svarværdier med færre end ${minCell} svar vises ikke, heller ikke ved navn. Små værdier, der tilsammen har mindst ${minCell} svar, vises samlet som „Øvrige“. Kunne en skjult gruppe regnes ud fra totalen eller fra en anden tabel, skjules også den næstmindste (sekundær diskretionering). Det gælder i alle tabeller, krydstabeller, vægtede tal, målinger og eksporter, og sammenlægninger af grupper kan ikke åbne for det skjulte. Under hver tabel står, hvor mange grupper der ikke er vist.`,
      'Forskelle mellem grupper er testet med en chi-i-anden-test (χ²) med Cramérs V som mål for sammenhængens styrke. Forskelle mellem målinger er testet med en z-test for to andele og Welchs t-test. Signifikansniveauet er 5 %.',
      'Ved vægtning bruges den effektive stikprøvestørrelse (Kish), og intervallerne er udvidet med designeffekten; det uvægtede antal svar vises altid. En gruppe vises ikke vægtet, når færre end mindste gruppestørrelse af dens svar har en positiv vægt, når dens effektive antal er under den, eller når vægtene summer til 0.',
      'Når mange test læses sammen, er p-værdierne korrigeret med Holms metode, så risikoen for blot én fejlagtig signifikant forskel højst er 5 %: på tværs af alle spørgsmåls test mod opdelingen, på tværs af alle ændringer i en sammenligning af målinger, og for hvert spørgsmål på tværs af grupperne, hvor hver gruppes andel positive svar er testet mod de øvrige gruppers samlet (z-test for to andele); en gruppe kaldes kun højere eller lavere, når spørgsmålets egen test også er signifikant. Intervallet for en ændring i andel er Newcombes score-interval. Cramérs V under 0,1 kaldes en ubetydelig sammenhæng, under 0,3 svag, under 0,5 moderat og ellers stærk (Cohens tommelfingerregler). Et gennemsnit får intet interval ved færre end 3 svar og ingen spredning ved færre end 2.',
    ],
  },
  en: {},
});

/** Width in CSS pixels of a chart in the report (fits A4 with margins). */
const REPORT_WIDTH = 680;
/** Pixel ratio of report images, for sharp print. */
const REPORT_DPR = 2;

/** A chart drawn by `draw(canvas, width, lang, dpr)` as an <img> (PNG data URL). */
function chartImage(draw, alt) {
  const canvas = document.createElement('canvas');
  const height = draw(canvas, REPORT_WIDTH, state.lang, REPORT_DPR);
  const img = el('img', { className: 'report-chart', alt, width: String(REPORT_WIDTH), height: String(height) });
  img.src = canvas.toDataURL('image/png');
  return img;
}

function factList(facts) {
  const dl = el('dl', { className: 'facts' });
  for (const [term, value] of facts) dl.append(el('div', {}, el('dt', { text: term }), el('dd', { text: value })));
  return dl;
}

function reportView() {
  let view = document.getElementById('report-view');
  if (!view) {
    view = el('section', { id: 'report-view', className: 'report', 'aria-labelledby': 'report-title', hidden: true });
    document.getElementById('main').append(view);
  }
  return view;
}

/** Counts the reports begun; one still being filled stops when another begins or it is closed. */
let reportGen = 0;
/** The id of the button that opened the report, which has the focus again when it closes. */
let openerId = 'report-open';

export function closeReport() {
  reportGen += 1;
  const view = document.getElementById('report-view');
  if (view) view.hidden = true;
  delete document.body.dataset.view;
  document.getElementById(openerId)?.focus();
}

/**
 * Starts a report titled `name` in place of the page: its buttons, title, date and the facts of
 * its data source. Returns the view, the print button (enabled when the report is complete) and
 * the report's number.
 */
function beginReport(name, facts, opener) {
  const gen = ++reportGen;
  openerId = opener;
  const view = reportView();
  clear(view);
  const print = el('button', { type: 'button', id: 'report-print', text: tr('reportPrint'), disabled: true, onclick: () => window.print() });
  view.append(el(
    'div',
    { className: 'report-actions no-print' },
    print,
    el('button', { type: 'button', id: 'report-back', text: tr('reportBack'), onclick: closeReport }),
  ));
  const date = new Date().toLocaleDateString(state.lang === 'da' ? 'da-DK' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric' });
  view.append(
    el('h1', { id: 'report-title', tabindex: '-1', text: tr('reportTitle', name) }),
    el('p', { className: 'report-date', text: tr('reportDate', date) }),
    el('section', { className: 'report-block' }, el('h2', { text: tr('reportSource') }), factList(facts)),
  );
  view.setAttribute('aria-busy', 'true');
  view.hidden = false;
  document.body.dataset.view = 'report';
  document.getElementById('report-title').focus();
  window.scrollTo(0, 0);
  return { view, print, gen };
}

/** The methods note, last: then the report is complete and can be printed. */
function methodsPart(view, print, minCell) {
  return () => {
    const methods = el('section', { className: 'report-section report-methods' }, el('h2', { text: tr('methodsHeading') }));
    for (const text of tr('methods', formatCount(minCell, state.lang))) methods.append(el('p', { text }));
    view.append(methods);
    print.disabled = false;
    view.setAttribute('aria-busy', 'false');
  };
}

/** Builds the report of a comparison of waves `w` (as the page's waves view has it). */
export async function openWavesReport(w) {
  const lang = state.lang;
  // The wave charts are drawn by the second module (core/second.js).
  const { draw_chart: drawWave } = await secondModule();
  const files = w.waves.map((name, i) => `${name} (${w.rows[i] == null ? tr('tooFew') : formatCount(w.rows[i], lang)})`).join(', ');
  const facts = [[tr('wavesFiles'), files], [tr('reportMinCell'), formatCount(state.minCell, lang)]];
  const { view, print, gen } = beginReport(tr('wavesHeading'), facts, 'waves-report-open');
  const parts = [() => view.append(el(
    'section',
    { className: 'report-block report-overview' },
    el('h2', { text: tr('wavesOverview') }),
    chartImage((c, wd, l, d) => drawWave(c, 'waves', w.overview.top2, wd, l, d), tr('chartLabel', tr('wavesOverview'))),
    dataTable(w.table, tr('tableOf', tr('wavesTable')), 'report-waves-table'),
  ))];
  for (const [i, q] of w.questions.entries()) {
    if (q.present.filter((p) => p !== null).length < 2) continue;
    parts.push(() => {
      const section = el(
        'section',
        { className: 'report-section' },
        el('h3', { text: q.question }),
        chartImage((c, wd, l, d) => drawWave(c, 'waves', q.top2, wd, l, d), tr('chartLabel', q.question)),
        dataTable(q.table, tr('tableOf', q.question), `report-wave-q-${i}-table`),
      );
      for (const text of q.texts) section.append(el('p', { className: 'test-text', text }));
      if (q.scale_changed) section.append(el('p', { className: 'note', text: tr('scaleChanged') }));
      view.append(section);
    });
  }
  parts.push(methodsPart(view, print, state.minCell));
  await runSliced(parts, () => gen === reportGen);
}

/** Builds the report of the results on screen and shows it in place of the page. */
export async function openReport(extras) {
  const s = state.summary;
  const views = state.views;
  if (!s || !views) return;
  const lang = state.lang;

  // Data source.
  const facts = [
    [tr('factFile'), state.fileName],
    [tr('factRows'), formatCount(s.rows, lang)],
    [tr('factEncoding'), s.dialect.encoding],
  ];
  if (s.response) {
    facts.push(
      [tr('factInvited'), formatCount(s.response.invited, lang)],
      [tr('factRate'), formatPct(s.response.rate_pct, lang)],
      [tr('factMoe'), tr('moeValue', formatDecimal(s.response.margin_of_error_pct, 1, lang))],
    );
  }
  if (s.by) facts.push([tr('reportGrouping'), s.by]);
  facts.push([tr('reportMinCell'), formatCount(s.min_cell, lang)]);
  if (extras.weightName) facts.push([tr('reportWeight'), extras.weightName]);
  const { view, print, gen } = beginReport(state.fileName, facts, 'report-open');

  // The rest, a part at a time, the main results first.
  const parts = [];
  const findings = (s.findings || []).map((f) => f[lang] || f.da);
  if (findings.length > 0) {
    parts.push(() => view.append(el(
      'section',
      { className: 'report-block report-findings' },
      el('h2', { text: tr('findingsHeading') }),
      el('ul', {}, ...findings.map((text) => el('li', { text }))),
    )));
  }
  const overview = views.overview;
  if (overview && overview.table && overview.table.rows.length > 0) {
    parts.push(() => view.append(el(
      'section',
      { className: 'report-block report-overview' },
      el('h2', { text: tr('overviewHeading') }),
      el('p', { className: 'caption', text: tr('overviewCaption') }),
      chartImage((c, w, l, d) => draw_chart(c, 'likert', overview.chart, w, l, d), tr('chartLabel', tr('overviewHeading'))),
      dataTable(overview.table, tr('tableOf', tr('overviewHeading')), 'report-overview-table'),
    )));
  }

  // Question by question.
  const likert = new Set(s.columns.filter((c) => c.kind === 'likert' && !c.excluded && !c.part_of).map((c) => c.index));
  const weighted = new Map((extras.weighted || []).map((q) => [q.index, q]));
  let first = true;
  for (const q of views.questions) {
    if (!likert.has(q.index)) continue;
    const heading = first;
    first = false;
    parts.push(() => {
      const col = s.columns.find((c) => c.index === q.index);
      const title = displayName(col ? col.name : q.title);
      const section = el('section', { className: 'report-section' });
      if (heading) section.append(el('h2', { text: tr('reportQuestions') }));
      section.append(el('h3', { text: title }), factList(q.facts), dataTable(q.table, tr('tableOf', title), `report-q-${q.index}-table`));
      if (q.breakdown && q.breakdown_table) {
        const by = tr('breakdownHeading', s.by || '');
        section.append(
          el('h4', { text: by }),
          chartImage((c, w, l, d) => draw_chart(c, 'groups', q.breakdown, w, l, d), tr('chartLabel', `${title} – ${by}`)),
          dataTable(q.breakdown_table, tr('tableOf', `${title} – ${by}`), `report-q-${q.index}-breakdown`),
        );
      }
      if (q.test_text) section.append(el('p', { className: 'test-text', text: q.test_text }));
      for (const text of q.group_texts || []) section.append(el('p', { className: 'test-text group-text', text }));
      const w = weighted.get(q.index);
      if (w) {
        section.append(el('h4', { text: tr('weightedHeading', extras.weightName || '') }), factList(w.facts));
        if (w.table) section.append(dataTable(w.table, tr('tableOf', `${title} – ${tr('weightedHeading', extras.weightName || '')}`), `report-q-${q.index}-weighted`));
      }
      view.append(section);
    });
  }

  // Multi-select questions.
  for (const [i, { ms, view: msView }] of (extras.multiSelect || []).entries()) {
    parts.push(() => {
      const title = displayName(ms.name);
      view.append(el(
        'section',
        { className: 'report-section' },
        el('h3', { text: title }),
        el('p', { className: 'caption', text: tr('multiSelectBase', formatCount(ms.answered, lang)) }),
        chartImage((c, w, l, d) => draw_chart(c, 'groups', msView.chart, w, l, d), tr('chartLabel', title)),
        dataTable(msView.table, tr('tableOf', title), `report-ms-${i}-table`),
        ...(msView.breakdown_table
          ? [
            el('h4', { text: tr('breakdownHeading', s.by || '') }),
            ...(msView.breakdown
              ? [chartImage((c, w, l, d) => draw_chart(c, 'heatmap', msView.breakdown, w, l, d), tr('chartLabel', `${title} – ${tr('breakdownHeading', s.by || '')}`))]
              : []),
            dataTable(msView.breakdown_table, tr('tableOf', `${title} – ${tr('breakdownHeading', s.by || '')}`), `report-ms-${i}-breakdown`),
          ]
          : []),
      ));
    });
  }

  // The cross-table on screen, as shown there (counts or percentages).
  if (extras.cross) {
    parts.push(() => {
      const { result, show } = extras.cross;
      const ct = result.crosstab;
      const title = `${displayName(ct.row_column)} × ${displayName(ct.col_column)}`;
      const section = el(
        'section',
        { className: 'report-section report-crosstab' },
        el('h2', { text: tr('crossHeading') }),
        el('h3', { text: title }),
        el('p', { text: tr('crossFacts', formatCount(ct.total, lang), formatCount(ct.missing, lang)) }),
      );
      if (result.test_text[lang]) section.append(el('p', { className: 'test-text', text: result.test_text[lang] }));
      section.append(
        chartImage((c, w, l, d) => draw_chart(c, 'heatmap', ct, w, l, d), tr('chartLabel', title)),
        dataTable(result.tables[lang][show], tr('tableOf', title), 'report-crosstab-table'),
      );
      if (ct.rows.some((row) => !row.suppressed && row.cells.some((c) => c.low_expected))) {
        section.append(el('p', { className: 'note', text: tr('lowExpected') }));
      }
      view.append(section);
    });
  }

  parts.push(methodsPart(view, print, s.min_cell));
  await runSliced(parts, () => gen === reportGen);
}

// Escape leaves the report, as its "back" button does.
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && document.body.dataset.view === 'report' && !e.defaultPrevented) closeReport();
});
