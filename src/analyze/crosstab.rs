//! Cross-tabulation of any two columns: counts, row, column and total percentages, Pearson's
//! chi-square test with Cramér's V, expected counts and suppression of small groups. Its table
//! is laid out in `present::views::crosstab`, its heat map drawn in `present::chart::heatmap`.
//!
//! The row column plays the part the grouping column plays in the summary's breakdowns: its
//! values are the groups, and groups with fewer answers than the minimum cell size are withheld
//! by the same rule as [`suppress`](crate::protect::suppress). The chi-square test is computed
//! on the shown rows and the substantive columns only (a Likert column's "Ved ikke" is shown but not tested), so
//! a cross-table of a question by a group gives the same test as the summary's breakdown.

use serde::{Deserialize, Serialize};

use crate::analyze::groups::value_order;
use crate::analyze::tables;
use crate::model::dataset::{ColumnData, Dataset, CODE_OTHER};
use crate::model::kinds::Kind;
use crate::protect::{self, Line};
use crate::stats;
pub use crate::words::errors::CrosstabError;

/// One value of the row or column variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrosstabLabel {
    /// The value as it appears in the file (trimmed).
    pub label: String,
    /// False for answers beside a Likert scale ("Ved ikke", "Ikke relevant", values that do
    /// not fit the scale) and for such answers of any other column: shown in the table but
    /// left out of the test and, unless `Crosstab::include_non_substantive`, of the base.
    pub substantive: bool,
}

/// One cell of a shown row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrosstabCell {
    /// Rows with this combination of values.
    pub count: u64,
    /// Percent of the row's base: its substantive answers (withheld columns included), or
    /// every answer when non-substantive answers are in the base. 0 for a cell outside the
    /// base (a "Ved ikke" column left out of it).
    pub row_pct: f64,
    /// Percent of the column's base (all rows, withheld ones included), by the same rule.
    pub col_pct: f64,
    /// Percent of the table's base, by the same rule.
    pub total_pct: f64,
    /// Expected count under independence, for the cells that enter the test.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<f64>,
    /// True when the expected count is below 5, where the chi-square approximation weakens.
    pub low_expected: bool,
}

/// One row of the table: its numbers, or withheld.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrosstabRow {
    /// The row value.
    pub label: String,
    /// False for answers beside a Likert scale; such rows are left out of the test.
    pub substantive: bool,
    /// The row's total; `None` when withheld.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// One cell per column; empty when withheld, so a withheld row carries no numbers.
    pub cells: Vec<CrosstabCell>,
}

/// Pearson's chi-square test of independence on the shown, substantive part of the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The minimum: groups and values with fewer valid answers are withheld.
    pub min_cell: u64,
    /// Rows withheld (too few answers, or so they cannot be worked out from the totals);
    /// neither their labels nor their counts are in the table.
    #[serde(default)]
    pub withheld_rows: u64,
    /// Columns withheld, by the same rule.
    #[serde(default)]
    pub withheld_columns: u64,
    /// The test, when at least two shown rows and two columns have answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<CrosstabTest>,
    /// True for the groups × options of a multi-select question: a row's shares are of the
    /// group's respondents and may add up to more than 100 %.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multi_select: bool,
    /// True when non-substantive answers are in the base of the percentages.
    #[serde(default)]
    pub include_non_substantive: bool,
}

impl Crosstab {
    /// True when the cell of shown row `row` and column `col` is in the base of the
    /// percentages: always when non-substantive answers are included, otherwise when neither
    /// its row nor its column is a "Ved ikke" or the like. A cell outside it has no share.
    pub fn in_base(&self, row: usize, col: usize) -> bool {
        self.include_non_substantive
            || (self.rows.get(row).is_none_or(|r| r.substantive)
                && self.columns.get(col).is_none_or(|c| c.substantive))
    }
}

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
    crosstab_in_base(ds, row_col, col_col, min_cell, false)
}

/// Like [`crosstab_checked`], with non-substantive answers ("Ved ikke", …) in the base of the
/// percentages when `include` is set.
pub fn crosstab_in_base(
    ds: &Dataset,
    row_col: usize,
    col_col: usize,
    min_cell: u64,
    include: bool,
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

    let _ = (r_codes, c_codes);
    let row_order = value_order(r);
    let col_order = value_order(c);
    let (Some(joint), Some(row_axis), Some(col_axis)) = (
        tables::joint(r, c),
        tables::table_axis(r, &row_order, min_cell),
        tables::table_axis(c, &col_order, min_cell),
    ) else {
        return Err(CrosstabError::TooManyValues(r.profile.name.clone()));
    };
    let rows_in_file = r.codes.as_ref().map_or(0, Vec::len) as u64;
    let gated = protect::table(&joint, &row_axis, &col_axis, min_cell);
    let total: u64 = joint.iter().flatten().sum();
    let missing = rows_in_file.saturating_sub(total);
    // A scale knows its answers beside the scale; any other column's "Ved ikke" is known by
    // its words.
    let substantive_in = |line: Line, order: &[(usize, bool)], col: &ColumnData| match line {
        Line::Own(l) => {
            order[l].1
                && (tables::is_scale(col)
                    || !crate::infer::is_non_substantive(&col.profile.values[order[l].0].0))
        }
        Line::Pool => true,
    };
    let row_substantive = |line: Line| substantive_in(line, &row_order, r);
    let col_substantive = |line: Line| substantive_in(line, &col_order, c);
    let label = |line: Line, order: &[(usize, bool)], col: &ColumnData| match line {
        Line::Own(l) => col.profile.values[order[l].0].0.clone(),
        Line::Pool => crate::words::phrases::pooled(min_cell, crate::Lang::Da),
    };
    let columns: Vec<CrosstabLabel> = gated
        .cols()
        .map(|line| CrosstabLabel {
            label: label(line, &col_order, c),
            substantive: col_substantive(line),
        })
        .collect();
    let row_lines: Vec<Line> = gated.rows().collect();
    let col_lines: Vec<Line> = gated.cols().collect();
    let col_totals: Vec<u64> = (0..col_lines.len()).map(|k| gated.col_all(k)).collect();

    // The test table: shown substantive rows by shown substantive columns.
    let test_rows: Vec<usize> = (0..row_lines.len())
        .filter(|&k| row_substantive(row_lines[k]))
        .collect();
    let test_cols: Vec<usize> = (0..col_lines.len())
        .filter(|&k| col_substantive(col_lines[k]))
        .collect();
    let table: Vec<Vec<f64>> = test_rows
        .iter()
        .map(|&k| {
            test_cols
                .iter()
                .map(|&m| gated.cells(k)[m] as f64)
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
    // The bases: every answer, or without the shown non-substantive lines of the other axis
    // (a withheld one is in the pool, which counts as substantive).
    let row_ns: Vec<bool> = row_lines.iter().map(|&l| !row_substantive(l)).collect();
    let col_ns: Vec<bool> = col_lines.iter().map(|&l| !col_substantive(l)).collect();
    let apart = |k: usize, m: usize| !include && (row_ns[k] || col_ns[m]);
    let row_bases: Vec<u64> = (0..row_lines.len())
        .map(|k| {
            let out: u64 = (0..col_lines.len())
                .filter(|&m| !include && col_ns[m])
                .map(|m| gated.cells(k)[m])
                .sum();
            gated.row_all(k) - out
        })
        .collect();
    let col_bases: Vec<u64> = (0..col_lines.len())
        .map(|m| {
            let out: u64 = (0..row_lines.len())
                .filter(|&k| !include && row_ns[k])
                .map(|k| gated.cells(k)[m])
                .sum();
            col_totals[m] - out
        })
        .collect();
    // Everyone, less everyone in a non-substantive column (withheld rows included) and
    // everyone else in a shown non-substantive row.
    let total_out: u64 = if include {
        0
    } else {
        let in_ns_cols: u64 = (0..col_lines.len())
            .filter(|&m| col_ns[m])
            .map(|m| col_totals[m])
            .sum();
        let in_ns_rows: u64 = (0..row_lines.len())
            .filter(|&k| row_ns[k])
            .map(|k| row_bases[k])
            .sum();
        in_ns_cols + in_ns_rows
    };
    let total_base = total - total_out.min(total);
    let mut cells_below_5 = 0u64;
    let mut cells_tested = 0u64;
    let mut rows = Vec::with_capacity(row_lines.len());
    for (k, &line) in row_lines.iter().enumerate() {
        let row_total = gated.row_all(k);
        let test_row = test_rows.iter().position(|&t| t == k);
        let cells = gated
            .cells(k)
            .iter()
            .enumerate()
            .map(|(m, &count)| {
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
                let out = apart(k, m);
                let share = |of: u64| if out { 0.0 } else { pct(count, of) };
                CrosstabCell {
                    count,
                    row_pct: share(row_bases[k]),
                    col_pct: share(col_bases[m]),
                    total_pct: share(total_base),
                    expected: e,
                    low_expected: e.is_some_and(|e| e < 5.0),
                }
            })
            .collect();
        rows.push(CrosstabRow {
            label: label(line, &row_order, r),
            substantive: row_substantive(line),
            total: Some(row_total),
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
        withheld_rows: gated.withheld_rows(),
        withheld_columns: gated.withheld_cols(),
        test,
        multi_select: false,
        include_non_substantive: include,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn ds(csv: &str) -> Dataset {
        crate::read_bytes(csv.as_bytes()).unwrap()
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
    }
}
