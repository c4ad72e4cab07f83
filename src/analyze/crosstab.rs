//! Cross-tabulation of any two columns: counts, row, column and total percentages, Pearson's
//! chi-square test with Cramér's V, expected counts, suppression of small groups, a table in
//! the user's language and a heat map.
//!
//! The row column plays the part the grouping column plays in the summary's breakdowns: its
//! values are the groups, and groups with fewer answers than the minimum cell size are withheld
//! by the same rule as [`compute::suppress`]. The chi-square test is computed on the shown rows
//! and the substantive columns only (a Likert column's "Ved ikke" is shown but not tested), so
//! a cross-table of a question by a group gives the same test as the summary's breakdown.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use serde::Serialize;

use crate::analyze::compute::{self, natural_cmp};
use crate::model::dataset::{ColumnData, Dataset};
use crate::model::kinds::{Kind, ValueRole};
use crate::present::chart::draw::{
    clean, on_area, pct_whole, render_svg, text_on, DrawResult, Drawn, Metrics, Painter, Surface,
    EMPTY_H, GREY, LABEL_PX, MUTED, PAD, SMALL_PX, TEXT, TITLE_H,
};
use crate::present::chart::ChartStyle;
use crate::present::export::Table;
use crate::present::views::p_text;
use crate::read::reader::CODE_OTHER;
use crate::stats;
use crate::words::lang::{format_count, format_decimal, format_pct, Lang};

/// One value of the row or column variable.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrosstabLabel {
    /// The value as it appears in the file (trimmed).
    pub label: String,
    /// False for answers beside a Likert scale ("Ved ikke", "Ikke relevant", values that do
    /// not fit the scale): shown in the table but left out of the test.
    pub substantive: bool,
}

/// One cell of a shown row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrosstabCell {
    /// Rows with this combination of values.
    pub count: u64,
    /// Percent of the row's total.
    pub row_pct: f64,
    /// Percent of the column's total (all rows, withheld ones included).
    pub col_pct: f64,
    /// Percent of the table's total.
    pub total_pct: f64,
    /// Expected count under independence, for the cells that enter the test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<f64>,
    /// True when the expected count is below 5, where the chi-square approximation weakens.
    pub low_expected: bool,
}

/// One row of the table: its numbers, or withheld.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrosstabRow {
    /// The row value.
    pub label: String,
    /// False for answers beside a Likert scale; such rows are left out of the test.
    pub substantive: bool,
    /// "primary" or "secondary" when the row is withheld (see [`compute::suppress`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
    /// The row's total; `None` when withheld.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// One cell per column; empty when withheld, so a withheld row carries no numbers.
    pub cells: Vec<CrosstabCell>,
}

/// Pearson's chi-square test of independence on the shown, substantive part of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrosstabTest {
    /// Pearson's X², without continuity correction.
    pub chi_square: f64,
    /// Degrees of freedom after dropping empty rows and columns.
    pub df: u64,
    /// p-value.
    pub p_value: f64,
    /// Cramér's V.
    pub cramers_v: f64,
    /// Smallest expected count.
    pub min_expected: f64,
    /// Cells with an expected count below 5.
    pub cells_below_5: u64,
    /// Cells in the test.
    pub cells: u64,
    /// Share of cells with an expected count below 5, in percent (more than 20 % makes the
    /// p-value unreliable).
    pub expected_below_5_pct: f64,
    /// True when p < 0.05.
    pub significant: bool,
}

/// A cross-table of two columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crosstab {
    /// Header of the row column.
    pub row_column: String,
    /// Header of the column column.
    pub col_column: String,
    /// Column values, in order (Likert scales most positive first, others in natural order).
    pub columns: Vec<CrosstabLabel>,
    /// Rows, in the same kind of order.
    pub rows: Vec<CrosstabRow>,
    /// Per column: its total over all rows, withheld ones included.
    pub col_totals: Vec<u64>,
    /// Respondents with an answer in both columns.
    pub total: u64,
    /// Respondents without an answer in one or both columns.
    pub missing: u64,
    /// Minimum row size used for suppression.
    pub min_cell: u64,
    /// The test, when at least two shown rows and two columns have answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub test: Option<CrosstabTest>,
    /// True for the groups × options of a multi-select question: a row's shares are of the
    /// group's respondents and may add up to more than 100 %.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub multi_select: bool,
}

/// Why a cross-table cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrosstabError {
    /// A column index beyond the dataset.
    NoSuchColumn(usize),
    /// The same column on both axes.
    SameColumn,
    /// The column holds personal data, free text or identifiers, which are never tabulated.
    Personal(String),
    /// The column has too many different values to tabulate.
    TooManyValues(String),
}

impl CrosstabError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CrosstabError::NoSuchColumn(i), Lang::Da) => {
                format!("Der er ingen kolonne nummer {}.", i + 1)
            }
            (CrosstabError::NoSuchColumn(i), Lang::En) => {
                format!("There is no column number {}.", i + 1)
            }
            (CrosstabError::SameColumn, Lang::Da) => {
                "Vælg to forskellige kolonner til krydstabellen.".to_string()
            }
            (CrosstabError::SameColumn, Lang::En) => {
                "Choose two different columns for the cross-table.".to_string()
            }
            (CrosstabError::Personal(c), Lang::Da) => format!(
                "Kolonnen '{c}' indeholder personoplysninger, fritekst eller id-numre og kan ikke krydstabuleres."
            ),
            (CrosstabError::Personal(c), Lang::En) => format!(
                "The column '{c}' holds personal data, free text or identifiers and cannot be cross-tabulated."
            ),
            (CrosstabError::TooManyValues(c), Lang::Da) => format!(
                "Kolonnen '{c}' har for mange forskellige værdier til en krydstabel."
            ),
            (CrosstabError::TooManyValues(c), Lang::En) => format!(
                "The column '{c}' has too many different values for a cross-table."
            ),
        }
    }
}

impl std::fmt::Display for CrosstabError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CrosstabError {}

/// Cross-tabulates `row_col` (rows, the groups) against `col_col` (columns). Rows with fewer
/// than `min_cell` answers are withheld (at least 1 is used). `None` when the table cannot be
/// made; [`crosstab_checked`] says why.
pub fn crosstab(ds: &Dataset, row_col: usize, col_col: usize, min_cell: u64) -> Option<Crosstab> {
    crosstab_checked(ds, row_col, col_col, min_cell).ok()
}

/// Like [`crosstab`], with the reason when the table cannot be made.
pub fn crosstab_checked(
    ds: &Dataset,
    row_col: usize,
    col_col: usize,
    min_cell: u64,
) -> Result<Crosstab, CrosstabError> {
    if row_col == col_col {
        return Err(CrosstabError::SameColumn);
    }
    let r = ds
        .columns
        .get(row_col)
        .ok_or(CrosstabError::NoSuchColumn(row_col))?;
    let c = ds
        .columns
        .get(col_col)
        .ok_or(CrosstabError::NoSuchColumn(col_col))?;
    let r_codes = tabulable(r)?;
    let c_codes = tabulable(c)?;
    let min_cell = min_cell.max(1);

    let (nr, nc) = (r.profile.values.len(), c.profile.values.len());
    let mut joint = vec![vec![0u64; nc]; nr];
    let mut total = 0u64;
    let mut missing = 0u64;
    for (&a, &b) in r_codes.iter().zip(c_codes) {
        let (a, b) = (a as usize, b as usize);
        if a == 0 || b == 0 || a > nr || b > nc {
            missing += 1;
            continue;
        }
        joint[a - 1][b - 1] += 1;
        total += 1;
    }
    // Rows only present in one of the two code vectors cannot be paired.
    missing += (r_codes.len().max(c_codes.len()) - r_codes.len().min(c_codes.len())) as u64;

    let row_order = value_order(r);
    let col_order = value_order(c);
    let columns: Vec<CrosstabLabel> = col_order
        .iter()
        .map(|&(j, substantive)| CrosstabLabel {
            label: c.profile.values[j].0.clone(),
            substantive,
        })
        .collect();
    let row_totals: Vec<u64> = row_order
        .iter()
        .map(|&(i, _)| joint[i].iter().sum())
        .collect();
    let col_totals: Vec<u64> = col_order
        .iter()
        .map(|&(j, _)| joint.iter().map(|row| row[j]).sum())
        .collect();
    let withheld = compute::suppress(&row_totals, min_cell);

    // The test table: shown substantive rows by substantive columns.
    let test_rows: Vec<usize> = (0..row_order.len())
        .filter(|&k| withheld[k].is_none() && row_order[k].1)
        .collect();
    let test_cols: Vec<usize> = (0..col_order.len()).filter(|&k| col_order[k].1).collect();
    let table: Vec<Vec<f64>> = test_rows
        .iter()
        .map(|&k| {
            test_cols
                .iter()
                .map(|&m| joint[row_order[k].0][col_order[m].0] as f64)
                .collect()
        })
        .collect();
    let chi = stats::chi_square_independence(&table);
    let expected = expected_counts(&table);

    let pct = |x: u64, of: u64| {
        if of == 0 {
            0.0
        } else {
            x as f64 * 100.0 / of as f64
        }
    };
    let mut cells_below_5 = 0u64;
    let mut cells_tested = 0u64;
    let mut rows = Vec::with_capacity(row_order.len());
    for (k, &(i, substantive)) in row_order.iter().enumerate() {
        let label = r.profile.values[i].0.clone();
        if let Some(reason) = withheld[k] {
            rows.push(CrosstabRow {
                label,
                substantive,
                suppressed: Some(reason.to_string()),
                total: None,
                cells: Vec::new(),
            });
            continue;
        }
        let test_row = test_rows.iter().position(|&t| t == k);
        let cells = col_order
            .iter()
            .enumerate()
            .map(|(m, &(j, _))| {
                let count = joint[i][j];
                let e = test_row.and_then(|tr| {
                    let tc = test_cols.iter().position(|&t| t == m)?;
                    expected.get(tr)?.get(tc).copied().flatten()
                });
                if let Some(e) = e {
                    cells_tested += 1;
                    if e < 5.0 {
                        cells_below_5 += 1;
                    }
                }
                CrosstabCell {
                    count,
                    row_pct: pct(count, row_totals[k]),
                    col_pct: pct(count, col_totals[m]),
                    total_pct: pct(count, total),
                    expected: e,
                    low_expected: e.is_some_and(|e| e < 5.0),
                }
            })
            .collect();
        rows.push(CrosstabRow {
            label,
            substantive,
            suppressed: None,
            total: Some(row_totals[k]),
            cells,
        });
    }
    let test = chi.map(|x| CrosstabTest {
        chi_square: x.statistic,
        df: x.df,
        p_value: x.p_value,
        cramers_v: x.cramers_v,
        min_expected: x.min_expected,
        cells_below_5,
        cells: cells_tested,
        expected_below_5_pct: x.expected_below_5_pct,
        significant: x.p_value < 0.05,
    });
    Ok(Crosstab {
        row_column: r.profile.name.clone(),
        col_column: c.profile.name.clone(),
        columns,
        rows,
        col_totals,
        total,
        missing,
        min_cell,
        test,
        multi_select: false,
    })
}

/// The column's row codes, when it may be tabulated.
fn tabulable(col: &ColumnData) -> Result<&[u8], CrosstabError> {
    let kind = col.inferred.kind;
    if col.inferred.personal_data || matches!(kind, Kind::Text | Kind::Id) {
        return Err(CrosstabError::Personal(col.profile.name.clone()));
    }
    match &col.codes {
        Some(codes)
            if col.profile.values.len() < CODE_OTHER as usize && !codes.contains(&CODE_OTHER) =>
        {
            Ok(codes)
        }
        _ => Err(CrosstabError::TooManyValues(col.profile.name.clone())),
    }
}

/// Expected counts under independence for the non-empty rows and columns of `table` (`None`
/// for cells in an empty row or column, which the test leaves out).
fn expected_counts(table: &[Vec<f64>]) -> Vec<Vec<Option<f64>>> {
    let cols = table.first().map_or(0, Vec::len);
    let row_totals: Vec<f64> = table.iter().map(|r| r.iter().sum()).collect();
    let col_totals: Vec<f64> = (0..cols)
        .map(|j| table.iter().map(|r| r.get(j).copied().unwrap_or(0.0)).sum())
        .collect();
    let n: f64 = row_totals.iter().sum();
    row_totals
        .iter()
        .map(|&rt| {
            col_totals
                .iter()
                .map(|&ct| (rt > 0.0 && ct > 0.0 && n > 0.0).then(|| rt * ct / n))
                .collect()
        })
        .collect()
}

/// Indices into the column's values in display order, each with whether it is substantive.
/// Likert columns: scale steps most positive first, then the answers beside the scale in file
/// order. Others: natural order ("2" before "10", "18-29" before "30-39").
pub(crate) fn value_order(col: &ColumnData) -> Vec<(usize, bool)> {
    let values = &col.profile.values;
    let likert = col.inferred.kind == Kind::Likert && col.inferred.scale.is_some();
    let mut order: Vec<(usize, bool)> = (0..values.len()).map(|i| (i, true)).collect();
    if likert {
        let rank = |i: usize| match col.inferred.roles.get(i) {
            Some(ValueRole::Step(k)) => (0, *k),
            _ => (1, i),
        };
        crate::util::sort::sort_by_key(&mut order, |&(i, _)| rank(i));
        for entry in &mut order {
            entry.1 = matches!(col.inferred.roles.get(entry.0), Some(ValueRole::Step(_)));
        }
    } else {
        crate::util::sort::sort_by(&mut order, |a, b| {
            natural_cmp(&values[a.0].0, &values[b.0].0)
        });
    }
    order
}

/// Which numbers a cross-table view shows in its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CellShow {
    /// Counts.
    Counts,
    /// Percent of the row (the usual reading: how each group answered).
    #[default]
    RowPct,
    /// Percent of the column.
    ColPct,
    /// Percent of the whole table.
    TotalPct,
}

/// The cross-table as a table in the user's language: a header with the column values, one
/// line per row with the chosen numbers and the row's n, and a total line. Withheld rows say
/// "for få svar" and carry no numbers.
pub fn crosstab_table(ct: &Crosstab, show: CellShow, lang: Lang) -> Table {
    let mut header = vec![format!("{} \\ {}", ct.row_column, ct.col_column)];
    header.extend(ct.columns.iter().map(|c| c.label.clone()));
    header.push(lang.pick("I alt (n)", "Total (n)").to_string());
    let too_few = lang.pick("for få svar", "too few answers").to_string();
    let cell_text = |cell: &CrosstabCell| match show {
        CellShow::Counts => format_count(cell.count, lang),
        CellShow::RowPct => format_pct(cell.row_pct, lang),
        CellShow::ColPct => format_pct(cell.col_pct, lang),
        CellShow::TotalPct => format_pct(cell.total_pct, lang),
    };
    let mut rows = Vec::with_capacity(ct.rows.len() + 1);
    for row in &ct.rows {
        let mut line = vec![row.label.clone()];
        match row.total {
            Some(total) if row.suppressed.is_none() => {
                line.extend(row.cells.iter().map(cell_text));
                line.push(format_count(total, lang));
            }
            _ => {
                line.push(too_few.clone());
                line.extend(std::iter::repeat_n(String::new(), ct.columns.len()));
            }
        }
        rows.push(line);
    }
    let mut total_line = vec![lang.pick("I alt", "Total").to_string()];
    for &t in &ct.col_totals {
        total_line.push(match show {
            CellShow::Counts => format_count(t, lang),
            CellShow::RowPct | CellShow::TotalPct => {
                format_pct(percent(t as f64, ct.total as f64), lang)
            }
            CellShow::ColPct => format_pct(if t > 0 { 100.0 } else { 0.0 }, lang),
        });
    }
    total_line.push(format_count(ct.total, lang));
    rows.push(total_line);
    Table { header, rows }
}

fn percent(x: f64, of: f64) -> f64 {
    if of > 0.0 {
        x * 100.0 / of
    } else {
        0.0
    }
}

/// The test in words, e.g. "Sammenhængen er statistisk signifikant (p = 0,003; χ² = 14,2,
/// df = 4, Cramérs V = 0,21)." with a caution when many expected counts are small.
pub fn crosstab_test_text(ct: &Crosstab, lang: Lang) -> Option<String> {
    let t = ct.test.as_ref()?;
    let verdict = if t.significant {
        lang.pick(
            "Sammenhængen mellem de to kolonner er statistisk signifikant",
            "The association between the two columns is statistically significant",
        )
    } else {
        lang.pick(
            "Sammenhængen mellem de to kolonner er ikke statistisk signifikant",
            "The association between the two columns is not statistically significant",
        )
    };
    let mut text = format!(
        "{verdict} ({}; χ² = {}, df = {}, {} = {}).",
        p_text(t.p_value, lang),
        format_decimal(t.chi_square, 1, lang),
        t.df,
        lang.pick("Cramérs V", "Cramér's V"),
        format_decimal(t.cramers_v, 2, lang)
    );
    if t.expected_below_5_pct > 20.0 {
        let share = format_pct(t.expected_below_5_pct, lang);
        text.push(' ');
        text.push_str(&match lang {
            Lang::Da => format!(
                "{share} af cellerne har en forventet værdi under 5, så p-værdien er usikker."
            ),
            Lang::En => format!(
                "{share} of the cells have an expected count below 5, so the p-value is uncertain."
            ),
        });
    }
    Some(text)
}

// ---------------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------------

const WITHHELD_BG: (u8, u8, u8) = (0xF0, 0xF0, 0xF0);

/// ColorBrewer "Blues", light to dark: a single-hue sequential ramp that reads by lightness
/// alone, so it survives every colour-vision deficiency and greyscale printing.
const BLUES9: [(u8, u8, u8); 9] = [
    (0xF7, 0xFB, 0xFF),
    (0xDE, 0xEB, 0xF7),
    (0xC6, 0xDB, 0xEF),
    (0x9E, 0xCA, 0xE1),
    (0x6B, 0xAE, 0xD6),
    (0x42, 0x92, 0xC6),
    (0x21, 0x71, 0xB5),
    (0x08, 0x51, 0x9C),
    (0x08, 0x30, 0x6B),
];

const HEAT_HEADER_H: f64 = 36.0;
const HEAT_ROW_H: f64 = 36.0;
const HEAT_LEGEND_H: f64 = 40.0;
const LABEL_SHARE: f64 = 0.3;

/// The heat map colour for `t` in [0, 1] (0 lightest), interpolated along ColorBrewer Blues.
pub fn heat_colour(t: f64) -> (u8, u8, u8) {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (BLUES9.len() - 1) as f64;
    let lo = (x.floor() as usize).min(BLUES9.len() - 2);
    let f = x - lo as f64;
    let (a, b) = (BLUES9[lo], BLUES9[lo + 1]);
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The heat map's title: "rows × columns".
fn heat_title(ct: &Crosstab) -> String {
    format!("{} × {}", ct.row_column, ct.col_column)
}

/// Suggested height in CSS pixels of the heat map drawn `width` CSS pixels wide.
pub fn heatmap_height(ct: &Crosstab, width: u32) -> u32 {
    let _ = width;
    let mut h = PAD + TITLE_H;
    h += if ct.rows.is_empty() || ct.columns.is_empty() {
        EMPTY_H
    } else {
        HEAT_HEADER_H + ct.rows.len() as f64 * HEAT_ROW_H + HEAT_LEGEND_H
    };
    (h + PAD).ceil() as u32
}

/// The largest row percentage among shown cells, rounded up to a multiple of 10: the top of
/// the colour scale, so that small percentages still get distinct shades.
fn heat_max(ct: &Crosstab) -> f64 {
    let max = ct
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .map(|c| c.row_pct)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    ((max / 10.0).ceil() * 10.0).clamp(10.0, 100.0)
}

/// Draws the cross-table as a heat map into `area`, sized in device pixels: one cell per
/// combination shaded by its row percentage, with the count and the percentage written in
/// it. Withheld rows are grey and say "for få svar".
pub fn draw_heatmap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ct: &Crosstab,
    style: &ChartStyle,
) -> DrawResult<DB> {
    on_area(area, |s| draw_heatmap_with(s, ct, style, false))
}

fn draw_heatmap_with(area: &dyn Surface, ct: &Crosstab, style: &ChartStyle, svg: bool) -> Drawn {
    let Some(p) = Painter::start(area, style, svg, Metrics::Rough)? else {
        return Ok(());
    };
    let lang = style.lang;
    let (w, h) = p.size();
    let pad = p.px(PAD);
    let mut y = p.title(&heat_title(ct), w)?;
    if ct.rows.is_empty() || ct.columns.is_empty() {
        return p.no_data(w, y);
    }

    let label_style = p.font(LABEL_PX, FontStyle::Normal, TEXT, HPos::Left);
    let head_style = p.font(SMALL_PX, FontStyle::Bold, TEXT, HPos::Center);
    let n_style = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Right);
    let withheld_style = p.font(LABEL_PX, FontStyle::Italic, GREY, HPos::Left);

    let n_texts: Vec<String> = ct
        .rows
        .iter()
        .map(|r| {
            r.total
                .map(|t| format!("n = {}", format_count(t, lang)))
                .unwrap_or_default()
        })
        .collect();
    let n_w = p.widest(&n_texts, &n_style);
    let label_max = (w * LABEL_SHARE - pad).max(p.px(40.0));
    let (labels, label_w) = p.fit_all(
        ct.rows.iter().map(|r| r.label.as_str()),
        &label_style,
        label_max,
    );
    let grid_left = pad + label_w + p.px(10.0);
    let grid_right = (w - pad - n_w - p.px(10.0)).max(grid_left + 1.0);
    let cols = ct.columns.len() as f64;
    let cell_w = (grid_right - grid_left) / cols;

    // Column headings: up to two lines each, shortened to the cell width.
    let header_h = p.px(HEAT_HEADER_H);
    for (m, c) in ct.columns.iter().enumerate() {
        let cx = grid_left + cell_w * (m as f64 + 0.5);
        let lines = two_lines(&p, &c.label, &head_style, cell_w - p.px(4.0));
        let line_h = p.px(SMALL_PX + 2.0);
        let first_y = y + header_h / 2.0 - line_h * (lines.len() as f64 - 1.0) / 2.0;
        for (k, line) in lines.iter().enumerate() {
            p.text(line, cx, first_y + line_h * k as f64, &head_style)?;
        }
    }
    y += header_h;

    let rows_top = y;
    let avail = h - rows_top - p.px(HEAT_LEGEND_H + PAD);
    let row_h = (avail / ct.rows.len() as f64).clamp(p.px(14.0), p.px(HEAT_ROW_H * 1.4));
    let top = heat_max(ct);
    let gap = p.px(1.0);
    for (k, row) in ct.rows.iter().enumerate() {
        let y0 = rows_top + row_h * k as f64;
        let cy = y0 + row_h / 2.0;
        p.text(&labels[k], pad, cy, &label_style)?;
        if row.suppressed.is_some() || row.cells.is_empty() {
            p.rect(
                grid_left,
                y0 + gap,
                grid_right,
                y0 + row_h - gap,
                WITHHELD_BG,
            )?;
            let text = lang.pick("for få svar", "too few answers");
            p.text(text, grid_left + p.px(6.0), cy, &withheld_style)?;
            continue;
        }
        for (m, cell) in row.cells.iter().enumerate() {
            let x0 = grid_left + cell_w * m as f64;
            let bg = heat_colour(cell.row_pct / top);
            p.rect(x0 + gap, y0 + gap, x0 + cell_w - gap, y0 + row_h - gap, bg)?;
            let fg = text_on(bg);
            let count = format_count(cell.count, lang);
            let pct = format_pct(cell.row_pct, lang);
            let big = p.font(SMALL_PX, FontStyle::Bold, fg, HPos::Center);
            let small = p.font(SMALL_PX * 0.9, FontStyle::Normal, fg, HPos::Center);
            let cx = x0 + cell_w / 2.0;
            let room = cell_w - p.px(4.0);
            if row_h >= p.px(30.0) && p.text_width(&pct, &small) <= room {
                p.text(&count, cx, cy - p.px(7.0), &big)?;
                p.text(&pct, cx, cy + p.px(7.0), &small)?;
            } else if p.text_width(&pct, &small) <= room {
                p.text(&pct, cx, cy, &small)?;
            }
        }
        p.text(&n_texts[k], w - pad, cy, &n_style)?;
    }

    // Legend: the colour ramp from 0 to the top percentage.
    let ly = rows_top + row_h * ct.rows.len() as f64 + p.px(12.0);
    let legend_text = if ct.multi_select {
        lang.pick(
            "Farven viser andelen af gruppen, der har valgt svaret",
            "Colour shows the share of the group choosing the option",
        )
    } else {
        lang.pick("Farven viser rækkeprocent", "Colour shows row percent")
    };
    let note = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Left);
    p.text(legend_text, pad, ly + p.px(6.0), &note)?;
    let ramp_left = pad + p.text_width(legend_text, &note) + p.px(12.0);
    let ramp_w = p.px(160.0).min(w - ramp_left - pad - p.px(40.0));
    if ramp_w > p.px(20.0) {
        let steps = 20;
        for i in 0..steps {
            let x0 = ramp_left + ramp_w * i as f64 / steps as f64;
            let x1 = ramp_left + ramp_w * (i + 1) as f64 / steps as f64;
            p.rect(
                x0,
                ly,
                x1 + 0.5,
                ly + p.px(12.0),
                heat_colour(i as f64 / (steps - 1) as f64),
            )?;
        }
        let tick = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Center);
        p.text(&pct_whole(0.0, lang), ramp_left, ly + p.px(22.0), &tick)?;
        p.text(
            &pct_whole(top, lang),
            ramp_left + ramp_w,
            ly + p.px(22.0),
            &tick,
        )?;
    }
    Ok(())
}

/// Splits a heading over at most two lines at a space, each shortened to `max_w`.
fn two_lines(p: &Painter<'_>, text: &str, style: &TextStyle, max_w: f64) -> Vec<String> {
    let text = clean(text);
    if p.text_width(&text, style) <= max_w {
        return vec![text];
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut first = String::new();
    let mut used = 0;
    for (k, word) in words.iter().enumerate() {
        let candidate = if first.is_empty() {
            (*word).to_string()
        } else {
            format!("{first} {word}")
        };
        if k > 0 && p.text_width(&candidate, style) > max_w {
            break;
        }
        first = candidate;
        used = k + 1;
    }
    let rest = words[used.min(words.len())..].join(" ");
    let mut out = vec![p.fit(&first, style, max_w)];
    if !rest.is_empty() {
        out.push(p.fit(&rest, style, max_w));
    }
    out
}

/// The heat map as an SVG document `width` pixels wide, at scale 1.0.
pub fn heatmap_svg(ct: &Crosstab, width: u32, lang: Lang) -> String {
    let style = ChartStyle {
        lang,
        ..ChartStyle::default()
    };
    render_svg(width.max(1), heatmap_height(ct, width).max(1), |s| {
        let _ = draw_heatmap_with(s, ct, &style, true);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds(csv: &str) -> Dataset {
        crate::read_bytes(csv.as_bytes()).unwrap()
    }

    #[test]
    fn natural_order_puts_numbers_first() {
        let mut v = vec!["60+", "18-29", "Ukendt", "5", "30-39"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, vec!["5", "18-29", "30-39", "60+", "Ukendt"]);
    }

    #[test]
    fn heat_colour_runs_light_to_dark() {
        assert_eq!(heat_colour(0.0), BLUES9[0]);
        assert_eq!(heat_colour(1.0), BLUES9[8]);
        assert_eq!(heat_colour(f64::NAN), BLUES9[0]);
        assert_eq!(heat_colour(0.5), BLUES9[4]);
        assert_eq!(text_on(BLUES9[8]), (0xFF, 0xFF, 0xFF));
        assert_eq!(text_on(BLUES9[0]), (0, 0, 0));
    }

    #[test]
    fn bad_column_choices_are_errors_not_panics() {
        let d = ds("A;B\nx;1\ny;2\n");
        assert_eq!(
            crosstab_checked(&d, 0, 0, 5),
            Err(CrosstabError::SameColumn)
        );
        assert_eq!(
            crosstab_checked(&d, 0, 9, 5),
            Err(CrosstabError::NoSuchColumn(9))
        );
        assert!(CrosstabError::NoSuchColumn(9)
            .message(Lang::Da)
            .contains("10"));
    }

    #[test]
    fn counts_percentages_and_missing() {
        let d = ds("K;S\na;x\na;y\nb;x\nb;x\n;x\na;\n");
        let ct = crosstab(&d, 0, 1, 1).unwrap();
        assert_eq!(ct.total, 4);
        assert_eq!(ct.missing, 2);
        assert_eq!(ct.rows[0].label, "a");
        assert_eq!(ct.rows[0].cells[0].count, 1);
        assert!((ct.rows[0].cells[0].row_pct - 50.0).abs() < 1e-12);
        assert!((ct.rows[1].cells[0].col_pct - 200.0 / 3.0).abs() < 1e-12);
        assert!((ct.rows[1].cells[0].total_pct - 50.0).abs() < 1e-12);
        assert_eq!(ct.col_totals, vec![3, 1]);
        let table = crosstab_table(&ct, CellShow::Counts, Lang::Da);
        assert_eq!(table.rows.last().unwrap(), &vec!["I alt", "3", "1", "4"]);
    }

    #[test]
    fn heatmap_svg_has_cells_and_never_panics() {
        let d = ds("K;S\na;x\na;y\nb;x\nb;x\nc;y\n");
        let ct = crosstab(&d, 0, 1, 2).unwrap();
        let svg = heatmap_svg(&ct, 500, Lang::Da);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("for få svar"));
        for width in [0, 1, 30, 2000] {
            let _ = heatmap_svg(&ct, width, Lang::En);
        }
        let empty = Crosstab {
            row_column: "\u{7}".into(),
            col_column: String::new(),
            columns: Vec::new(),
            rows: Vec::new(),
            col_totals: Vec::new(),
            total: 0,
            missing: 0,
            min_cell: 5,
            test: None,
            multi_select: false,
        };
        assert!(heatmap_svg(&empty, 400, Lang::En).contains("No data"));
    }
}
