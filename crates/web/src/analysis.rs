//! The deeper analyses for the page: several files at once (a SurveyXact export, files combined
//! into one, or waves compared), cross-tables with a heat map, weighted figures and
//! multi-select questions.
//!
//! As in the rest of this crate, every number comes from the `tilfreds` core; this module only
//! moves models across the boundary and lays out small tables in the user's language.

use serde::{Deserialize, Serialize};
use tilfreds::chart::{GroupBar, GroupChart, Measure};
use tilfreds::crosstab::{
    self, CellShow, Crosstab, CrosstabCell, CrosstabLabel, CrosstabRow, CrosstabTest,
};
use tilfreds::export::Table;
use tilfreds::i18n::{format_count, format_decimal, format_mean, format_pct};
use tilfreds::multiselect::{self, MultiSelectSummary};
use tilfreds::waves::{self, WaveChart, WaveMeasure};
use tilfreds::weights::{self, WeightedGroup, WeightedStats};
use tilfreds::{surveyxact, Dataset, Lang, Summary, SummaryOptions};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::{
    chart_from_js, coded_error, core_error, draw, from_js_or_default, not_finished, to_js_json,
    Session,
};

// What the analyses below return, as they cross the boundary (in JSON's form: numbers that
// are not finite become `null`).

/// A Danish and an English version of the same thing: `{da, en}`.
#[derive(Serialize)]
struct Texts<T> {
    da: T,
    en: T,
}

/// `{error: {da, en}}`: why an analysis cannot be made.
#[derive(Serialize)]
struct Refusal {
    error: Texts<String>,
}

fn refusal(da: String, en: String) -> Result<JsValue, JsError> {
    to_js_json(&Refusal {
        error: Texts { da, en },
    })
}

#[derive(Serialize)]
struct CrosstabTables {
    counts: Table,
    row_pct: Table,
    col_pct: Table,
}

#[derive(Serialize)]
struct CrosstabView<'a> {
    crosstab: &'a Crosstab,
    tables: Texts<CrosstabTables>,
    test_text: Texts<Option<String>>,
}

#[derive(Serialize)]
struct WeightedQuestion<'a> {
    index: usize,
    question: &'a str,
    facts: Vec<(String, String)>,
    stats: &'a WeightedStats,
    groups: Option<Vec<WeightedGroup>>,
    chart: Option<GroupChart>,
    table: Option<Table>,
}

#[derive(Serialize)]
struct WeightedView<'a> {
    questions: Vec<WeightedQuestion<'a>>,
}

#[derive(Serialize)]
struct WaveQuestion<'a> {
    question: &'a str,
    present: Vec<Option<&'a str>>,
    scale_changed: bool,
    texts: Vec<String>,
    top2_pp: Option<f64>,
    table: Table,
    top2: WaveChart,
    mean: WaveChart,
}

#[derive(Serialize)]
struct WaveOverview {
    top2: WaveChart,
    mean: WaveChart,
}

#[derive(Serialize)]
struct WavesView<'a> {
    waves: &'a [String],
    rows: &'a [u64],
    table: Table,
    overview: WaveOverview,
    questions: Vec<WaveQuestion<'a>>,
}

/// The bytes of each file handed over from JavaScript (`Uint8Array`s).
fn bytes_of(files: &js_sys::Array) -> Vec<Vec<u8>> {
    files
        .iter()
        .map(|v| js_sys::Uint8Array::new(&v).to_vec())
        .collect()
}

impl Session {
    /// The dataset the analyses count: with the latest summary's merges and scales applied.
    fn analysed(&self) -> Result<&Dataset, JsError> {
        self.adjusted
            .as_ref()
            .or(self.dataset.as_ref())
            .ok_or_else(not_finished)
    }
}

fn session_of(dataset: Dataset) -> Session {
    Session {
        analyzer: None,
        dataset: Some(dataset),
        adjusted: None,
        summary: None,
    }
}

#[wasm_bindgen]
impl Session {
    /// When `files` (with their `names`) are the three files of a SurveyXact export, reads and
    /// joins them into a finished session; `undefined` when they are not.
    pub fn surveyxact(
        names: Vec<String>,
        files: js_sys::Array,
    ) -> Result<Option<Session>, JsError> {
        let bytes = bytes_of(&files);
        let parts: Vec<(&str, &[u8])> = names
            .iter()
            .map(String::as_str)
            .zip(bytes.iter().map(Vec::as_slice))
            .collect();
        if surveyxact::recognise(&parts).is_none() {
            return Ok(None);
        }
        let dataset = surveyxact::read(&parts).map_err(|e| core_error(&e))?;
        Ok(Some(session_of(dataset)))
    }

    /// The cross-table of columns `row` × `col` (0-based): `{crosstab, tables: {counts, row_pct,
    /// col_pct}, test_text}`, or `{error: {da, en}}` when the two columns cannot be tabulated.
    /// Categories merged and scales defined in the latest summary's options count here too.
    pub fn crosstab(&self, row: usize, col: usize, min_cell: u32) -> Result<JsValue, JsError> {
        let ds = self.analysed()?;
        match crosstab::crosstab_checked(ds, row, col, u64::from(min_cell)) {
            Ok(ct) => {
                let tables = |lang: Lang| CrosstabTables {
                    counts: crosstab::crosstab_table(&ct, CellShow::Counts, lang),
                    row_pct: crosstab::crosstab_table(&ct, CellShow::RowPct, lang),
                    col_pct: crosstab::crosstab_table(&ct, CellShow::ColPct, lang),
                };
                to_js_json(&CrosstabView {
                    crosstab: &ct,
                    tables: Texts {
                        da: tables(Lang::Da),
                        en: tables(Lang::En),
                    },
                    test_text: Texts {
                        da: crosstab::crosstab_test_text(&ct, Lang::Da),
                        en: crosstab::crosstab_test_text(&ct, Lang::En),
                    },
                })
            }
            Err(e) => refusal(e.message(Lang::Da), e.message(Lang::En)),
        }
    }

    /// Weighted figures of every Likert question with `weight` as the weight column (with the
    /// latest summary's merges and scales), broken down by `by` when given: `{questions: [{index, question, facts, stats, groups, chart,
    /// table}]}` or `{error: {da, en}}`.
    pub fn weighted(
        &self,
        weight: usize,
        by: Option<usize>,
        min_cell: u32,
        lang: &str,
    ) -> Result<JsValue, JsError> {
        let ds = self.analysed()?;
        let lang = Lang::parse(lang);
        let all = match weights::weighted_all(ds, weight) {
            Ok(all) => all,
            Err(e) => return refusal(e.da(), e.en()),
        };
        let mut questions = Vec::with_capacity(all.len());
        for s in &all {
            let Some(index) = ds.columns.iter().position(|c| c.profile.name == s.question) else {
                continue;
            };
            let groups = by.filter(|&g| g != index && g != weight).and_then(|g| {
                weights::weighted_by_group(ds, index, weight, g, u64::from(min_cell)).ok()
            });
            let (chart, table) = match &groups {
                Some(groups) => {
                    let (c, t) = weighted_breakdown(s, groups, lang);
                    (Some(c), Some(t))
                }
                None => (None, None),
            };
            questions.push(WeightedQuestion {
                index,
                question: &s.question,
                facts: weights::weighted_facts(s, lang),
                stats: s,
                groups,
                chart,
                table,
            });
        }
        to_js_json(&WeightedView { questions })
    }

    /// Column headers of the dataset, in file order (for the header signature of a mapping).
    pub fn headers(&self) -> Result<Vec<String>, JsError> {
        let ds = self.dataset.as_ref().ok_or_else(not_finished)?;
        Ok(ds.columns.iter().map(|c| c.profile.name.clone()).collect())
    }
}

/// The weighted top-2 share per group as a group chart and a table.
fn weighted_breakdown(
    all: &WeightedStats,
    groups: &[WeightedGroup],
    lang: Lang,
) -> (GroupChart, Table) {
    let bars = groups
        .iter()
        .map(|g| GroupBar {
            label: g.label.clone(),
            value: g.stats.as_ref().map(|s| s.top2_pct),
            ci: g.stats.as_ref().map(|s| (s.top2_ci95[0], s.top2_ci95[1])),
            n: g.stats.as_ref().map_or(0, |s| s.n_valid),
        })
        .collect();
    let chart = GroupChart {
        title: lang
            .pick(
                "Top-2, vægtet (95 %-interval)",
                "Top-2, weighted (95% interval)",
            )
            .to_string(),
        measure: Measure::Percent,
        overall: Some(all.top2_pct),
        bars,
    };
    let header = vec![
        lang.pick("Gruppe", "Group").to_string(),
        lang.pick("Uvægtet n", "Unweighted n").to_string(),
        lang.pick("Effektiv n", "Effective n").to_string(),
        lang.pick("Top-2, vægtet", "Top-2, weighted").to_string(),
        lang.pick("95 %-interval", "95% interval").to_string(),
        lang.pick("Gennemsnit, vægtet", "Mean, weighted")
            .to_string(),
        lang.pick("Top-2, uvægtet", "Top-2, unweighted").to_string(),
    ];
    let rows = groups
        .iter()
        .map(|g| match &g.stats {
            Some(s) => vec![
                g.label.clone(),
                format_count(s.n_valid, lang),
                format_decimal(s.n_eff, 1, lang),
                format_pct(s.top2_pct, lang),
                format!(
                    "{}–{}",
                    format_pct(s.top2_ci95[0], lang),
                    format_pct(s.top2_ci95[1], lang)
                ),
                format_mean(s.mean, lang),
                format_pct(s.unweighted.top2_pct, lang),
            ],
            None => {
                let mut row = vec![
                    g.label.clone(),
                    lang.pick("for få svar", "too few answers").to_string(),
                ];
                row.extend(std::iter::repeat_n(String::new(), 5));
                row
            }
        })
        .collect();
    (chart, Table { header, rows })
}

/// Several files read at once: combined into one dataset or compared as waves.
#[wasm_bindgen]
#[derive(Default)]
pub struct Waves {
    names: Vec<String>,
    datasets: Vec<Dataset>,
}

#[wasm_bindgen]
impl Waves {
    /// No files yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Waves {
        Waves::default()
    }

    /// Adds the finished `session` (which is used up) as the file `name`.
    pub fn add(&mut self, name: String, session: Session) -> Result<(), JsError> {
        let dataset = session.dataset.ok_or_else(not_finished)?;
        self.names.push(name);
        self.datasets.push(dataset);
        Ok(())
    }

    /// Files added.
    pub fn count(&self) -> usize {
        self.datasets.len()
    }

    /// Whether the files can be combined into one: `{combinable, reordered, missing, extra, da,
    /// en}`.
    pub fn check(&self) -> Result<JsValue, JsError> {
        let files: Vec<(&str, Vec<String>)> = self
            .names
            .iter()
            .zip(&self.datasets)
            .map(|(n, d)| {
                (
                    n.as_str(),
                    d.columns.iter().map(|c| c.profile.name.clone()).collect(),
                )
            })
            .collect();
        to_js_json(&waves::combine_check(&files))
    }

    /// The files as one dataset with a last column "Fil" naming each row's file.
    pub fn combine(&self) -> Result<Session, JsError> {
        let parts: Vec<(&str, &Dataset)> = self
            .names
            .iter()
            .map(String::as_str)
            .zip(&self.datasets)
            .collect();
        waves::concat(&parts).map(session_of).ok_or_else(|| {
            coded_error(
                "not_combinable",
                "Filerne har ikke de samme kolonner og kan ikke lægges sammen.",
                "The files do not have the same columns and cannot be combined.",
            )
        })
    }

    /// The files compared as waves (in the order added). `mapping` is a list of `[header,
    /// header]` pairs naming the same question. Returns `{waves, rows, comparison, table,
    /// overview: {top2, mean}, questions: [{question, present, scale_changed, texts, table,
    /// top2, mean}]}`.
    pub fn compare(&self, min_cell: u32, mapping: JsValue, lang: &str) -> Result<JsValue, JsError> {
        let lang = Lang::parse(lang);
        let mapping: Vec<(String, String)> = from_js_or_default(
            mapping,
            "bad_mapping",
            "Ugyldig sammenkobling af spørgsmål",
            "Invalid matching of questions",
        )?;
        let options = SummaryOptions {
            min_cell: u64::from(min_cell.max(1)),
            ..SummaryOptions::default()
        };
        let summaries: Vec<Summary> = self.datasets.iter().map(|d| d.summary(&options)).collect();
        let input: Vec<(&str, &Summary)> = self
            .names
            .iter()
            .map(String::as_str)
            .zip(&summaries)
            .collect();
        let cmp = waves::compare(&input, &mapping);
        let questions: Vec<WaveQuestion> = cmp
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let texts: Vec<String> = q
                    .changes
                    .iter()
                    .chain(&q.overall)
                    .map(|c| {
                        let mut text = format!(
                            "{} → {}: {}",
                            cmp.waves[c.from],
                            cmp.waves[c.to],
                            lang.pick(&c.top2_da, &c.top2_en)
                        );
                        if c.comparable {
                            text.push(' ');
                            text.push_str(lang.pick(&c.mean_da, &c.mean_en));
                        }
                        text
                    })
                    .collect();
                let mut top2 = waves::wave_chart(&cmp, WaveMeasure::Top2, Some(&[i]), lang);
                top2.title = q.question.clone();
                let mut mean = waves::wave_chart(&cmp, WaveMeasure::Mean, Some(&[i]), lang);
                mean.title = q.question.clone();
                WaveQuestion {
                    question: &q.question,
                    present: q
                        .waves
                        .iter()
                        .map(|p| p.as_ref().map(|p| p.column.as_str()))
                        .collect(),
                    scale_changed: q.scale_changed,
                    texts,
                    top2_pp: q.overall.as_ref().or(q.changes.last()).map(|c| c.top2_pp),
                    table: wave_table(&cmp.waves, q, lang),
                    top2,
                    mean,
                }
            })
            .collect();
        to_js_json(&WavesView {
            waves: &cmp.waves,
            rows: &cmp.rows,
            table: waves::comparison_table(&cmp, lang),
            overview: WaveOverview {
                top2: waves::wave_chart(&cmp, WaveMeasure::Top2, None, lang),
                mean: waves::wave_chart(&cmp, WaveMeasure::Mean, None, lang),
            },
            questions,
        })
    }
}

/// One question across the waves: a line per wave with n, top-2 and its interval, the mean.
fn wave_table(names: &[String], q: &waves::QuestionTrend, lang: Lang) -> Table {
    let header = vec![
        lang.pick("Måling", "Wave").to_string(),
        "n".to_string(),
        lang.pick("Top-2", "Top-2").to_string(),
        lang.pick("95 %-interval", "95% interval").to_string(),
        lang.pick("Gennemsnit", "Mean").to_string(),
    ];
    let rows = names
        .iter()
        .zip(&q.waves)
        .map(|(name, p)| match p {
            Some(p) => vec![
                name.clone(),
                format_count(p.n_valid, lang),
                format_pct(p.top2_pct, lang),
                format!(
                    "{}–{}",
                    format_pct(p.top2_ci95[0], lang),
                    format_pct(p.top2_ci95[1], lang)
                ),
                format_mean(p.mean, lang),
            ],
            None => vec![name.clone(), "–".into(), "–".into(), "–".into(), "–".into()],
        })
        .collect();
    Table { header, rows }
}

/// A wave chart (from [`Waves::compare`]) drawn on `canvas`; see `draw_likert`.
#[wasm_bindgen]
pub fn draw_waves(
    canvas: HtmlCanvasElement,
    chart: JsValue,
    width: u32,
    lang: &str,
    dpr: f64,
) -> Result<u32, JsError> {
    let chart: WaveChart = chart_from_js(chart)?;
    let height = waves::waves_height(&chart, width);
    draw(
        canvas,
        width,
        height,
        dpr,
        Lang::parse(lang),
        |area, style| waves::draw_waves(area, &chart, style).map_err(|e| e.to_string()),
    )?;
    Ok(height)
}

/// A wave chart as an SVG document, `width` pixels wide.
#[wasm_bindgen]
pub fn waves_svg(chart: JsValue, width: u32, lang: &str) -> Result<String, JsError> {
    let chart: WaveChart = chart_from_js(chart)?;
    Ok(waves::waves_svg(&chart, width, Lang::parse(lang)))
}

// The cross-table as it crosses the boundary (the core type is serialized only).

#[derive(Deserialize)]
struct LabelIn {
    label: String,
    substantive: bool,
}

#[derive(Deserialize)]
struct CellIn {
    count: u64,
    row_pct: f64,
    col_pct: f64,
    total_pct: f64,
    #[serde(default)]
    expected: Option<f64>,
    low_expected: bool,
}

#[derive(Deserialize)]
struct RowIn {
    label: String,
    substantive: bool,
    #[serde(default)]
    suppressed: Option<String>,
    #[serde(default)]
    total: Option<u64>,
    cells: Vec<CellIn>,
}

#[derive(Deserialize)]
struct TestIn {
    chi_square: f64,
    df: u64,
    p_value: f64,
    cramers_v: f64,
    min_expected: f64,
    cells_below_5: u64,
    cells: u64,
    expected_below_5_pct: f64,
    significant: bool,
}

#[derive(Deserialize)]
struct CrosstabIn {
    row_column: String,
    col_column: String,
    columns: Vec<LabelIn>,
    rows: Vec<RowIn>,
    col_totals: Vec<u64>,
    total: u64,
    missing: u64,
    min_cell: u64,
    #[serde(default)]
    test: Option<TestIn>,
    #[serde(default)]
    multi_select: bool,
}

impl From<CrosstabIn> for Crosstab {
    fn from(c: CrosstabIn) -> Crosstab {
        Crosstab {
            row_column: c.row_column,
            col_column: c.col_column,
            columns: c
                .columns
                .into_iter()
                .map(|l| CrosstabLabel {
                    label: l.label,
                    substantive: l.substantive,
                })
                .collect(),
            rows: c
                .rows
                .into_iter()
                .map(|r| CrosstabRow {
                    label: r.label,
                    substantive: r.substantive,
                    suppressed: r.suppressed,
                    total: r.total,
                    cells: r
                        .cells
                        .into_iter()
                        .map(|x| CrosstabCell {
                            count: x.count,
                            row_pct: x.row_pct,
                            col_pct: x.col_pct,
                            total_pct: x.total_pct,
                            expected: x.expected,
                            low_expected: x.low_expected,
                        })
                        .collect(),
                })
                .collect(),
            col_totals: c.col_totals,
            total: c.total,
            missing: c.missing,
            min_cell: c.min_cell,
            test: c.test.map(|t| CrosstabTest {
                chi_square: t.chi_square,
                df: t.df,
                p_value: t.p_value,
                cramers_v: t.cramers_v,
                min_expected: t.min_expected,
                cells_below_5: t.cells_below_5,
                cells: t.cells,
                expected_below_5_pct: t.expected_below_5_pct,
                significant: t.significant,
            }),
            multi_select: c.multi_select,
        }
    }
}

fn crosstab_from_js(value: JsValue) -> Result<Crosstab, JsError> {
    chart_from_js::<CrosstabIn>(value).map(Crosstab::from)
}

/// Draws a cross-table (the `crosstab` of [`Session::crosstab`]) as a heat map on `canvas`;
/// see `draw_likert`.
#[wasm_bindgen]
pub fn draw_heatmap(
    canvas: HtmlCanvasElement,
    crosstab: JsValue,
    width: u32,
    lang: &str,
    dpr: f64,
) -> Result<u32, JsError> {
    let ct = crosstab_from_js(crosstab)?;
    let height = crosstab::heatmap_height(&ct, width);
    draw(
        canvas,
        width,
        height,
        dpr,
        Lang::parse(lang),
        |area, style| crosstab::draw_heatmap(area, &ct, style).map_err(|e| e.to_string()),
    )?;
    Ok(height)
}

/// A cross-table's heat map as an SVG document, `width` pixels wide.
#[wasm_bindgen]
pub fn heatmap_svg(crosstab: JsValue, width: u32, lang: &str) -> Result<String, JsError> {
    let ct = crosstab_from_js(crosstab)?;
    Ok(crosstab::heatmap_svg(&ct, width, Lang::parse(lang)))
}

/// A multi-select question as one question: `{chart, table, breakdown, breakdown_table}`. The
/// chart has one bar per option with the share of those who answered the question and a 95 %
/// Wilson interval; the table states the denominator. With a breakdown by the grouping column
/// `by` (groups under `min_cell` withheld), `breakdown` is a cross-table of groups × options for
/// `draw_heatmap`.
#[wasm_bindgen]
pub fn multi_select_view(
    question: JsValue,
    lang: &str,
    by: Option<String>,
    min_cell: u32,
) -> Result<JsValue, JsError> {
    let ms: MultiSelectSummary = chart_from_js(question)?;
    let mut view = multi_select(&ms, Lang::parse(lang));
    view.breakdown = multiselect::breakdown_crosstab(
        &ms,
        by.as_deref().unwrap_or_default(),
        u64::from(min_cell),
    );
    to_js_json(&view)
}

#[derive(Serialize)]
struct MultiSelectView {
    chart: GroupChart,
    table: Table,
    breakdown: Option<Crosstab>,
    breakdown_table: Option<Table>,
}

fn multi_select(ms: &MultiSelectSummary, lang: Lang) -> MultiSelectView {
    let n = ms.answered as f64;
    let bars = ms
        .options
        .iter()
        .zip(&ms.counts)
        .zip(&ms.pct)
        .map(|((label, &count), &pct)| {
            let (lo, hi) = tilfreds::stats::wilson_interval(count as f64, n, tilfreds::stats::Z95);
            GroupBar {
                label: label.clone(),
                value: Some(pct),
                ci: (ms.answered > 0).then_some((lo * 100.0, hi * 100.0)),
                n: count,
            }
        })
        .collect();
    let title = match lang {
        Lang::Da => format!(
            "Andel af de {}, der har svaret; flere svar mulige",
            format_count(ms.answered, lang)
        ),
        Lang::En => format!(
            "Share of the {} who answered; several answers possible",
            format_count(ms.answered, lang)
        ),
    };
    let chart = GroupChart {
        title,
        measure: Measure::Percent,
        overall: None,
        bars,
    };
    let table = Table {
        header: vec![
            lang.pick("Svarmulighed", "Option").to_string(),
            lang.pick("Antal", "Count").to_string(),
            lang.pick("Andel af de svarende", "Share of those answering")
                .to_string(),
        ],
        rows: ms
            .options
            .iter()
            .zip(&ms.counts)
            .zip(&ms.pct)
            .map(|((o, &c), &p)| vec![o.clone(), format_count(c, lang), format_pct(p, lang)])
            .collect(),
    };
    let breakdown_table = ms.by.as_ref().map(|by| {
        let mut header = vec![lang.pick("Gruppe", "Group").to_string(), "n".to_string()];
        header.extend(ms.options.iter().cloned());
        let rows =
            by.iter()
                .map(|(group, v)| {
                    let mut row = vec![group.clone()];
                    let answered = v.get("answered").and_then(serde_json::Value::as_u64);
                    match (answered, v.get("pct").and_then(serde_json::Value::as_array)) {
                        (Some(a), Some(pct)) => {
                            row.push(format_count(a, lang));
                            row.extend(pct.iter().map(|p| {
                                p.as_f64().map(|p| format_pct(p, lang)).unwrap_or_default()
                            }));
                        }
                        _ => {
                            row.push(lang.pick("for få svar", "too few answers").to_string());
                            row.extend(std::iter::repeat_n(String::new(), ms.options.len()));
                        }
                    }
                    row
                })
                .collect();
        Table { header, rows }
    });
    MultiSelectView {
        chart,
        table,
        breakdown: None,
        breakdown_table,
    }
}
