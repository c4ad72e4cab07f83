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
use crate::model::dataset::{ColumnData, Dataset, CODE_OTHER};
use crate::model::kinds::Kind;
use crate::stats;
pub use crate::words::errors::CrosstabError;

/// One value of the row or column variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrosstabLabel {
    /// The value as it appears in the file (trimmed).
    pub label: String,
    /// False for answers beside a Likert scale ("Ved ikke", "Ikke relevant", values that do
    /// not fit the scale): shown in the table but left out of the test.
    pub substantive: bool,
}

/// One cell of a shown row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// "primary" or "secondary" when the row is withheld (see [`suppress`](crate::protect::suppress)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<String>,
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
    /// Minimum row size used for suppression.
    pub min_cell: u64,
    /// The test, when at least two shown rows and two columns have answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<CrosstabTest>,
    /// True for the groups × options of a multi-select question: a row's shares are of the
    /// group's respondents and may add up to more than 100 %.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multi_select: bool,
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
    let withheld = crate::protect::suppress(&row_totals, min_cell);

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
