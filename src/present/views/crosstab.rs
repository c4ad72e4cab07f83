//! The cross-table as the page and the command line show it: a table of counts or percentages
//! and the test in words.

use serde::Serialize;

use crate::analyze::crosstab::{Crosstab, CrosstabCell};
use crate::present::export::Table;
use crate::present::views::Texts;
use crate::words::lang::{format_count, format_pct, Lang};
use crate::words::messages::{chi_square_test, low_expected_counts, Association, Verdict};
use crate::words::phrases::label_in;

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
    header.extend(ct.columns.iter().map(|c| label_in(&c.label, lang)));
    header.push(lang.pick("I alt (n)", "Total (n)").to_string());
    // A "Ved ikke" line left out of the base has no share.
    let apart = |row_substantive: bool, m: usize| {
        let substantive = row_substantive && ct.columns.get(m).is_none_or(|c| c.substantive);
        !(ct.include_non_substantive || substantive)
    };
    let cell_text = |cell: &CrosstabCell, out: bool| match show {
        CellShow::Counts => format_count(cell.count, lang),
        _ if out => "–".to_string(),
        CellShow::RowPct => format_pct(cell.row_pct, lang),
        CellShow::ColPct => format_pct(cell.col_pct, lang),
        CellShow::TotalPct => format_pct(cell.total_pct, lang),
    };
    let mut rows = Vec::with_capacity(ct.rows.len() + 1);
    for row in &ct.rows {
        let mut line = vec![label_in(&row.label, lang)];
        line.extend(
            row.cells
                .iter()
                .enumerate()
                .map(|(m, cell)| cell_text(cell, apart(row.substantive, m))),
        );
        line.push(
            row.total
                .map_or_else(String::new, |t| format_count(t, lang)),
        );
        rows.push(line);
    }
    let mut total_line = vec![lang.pick("I alt", "Total").to_string()];
    let out_of_base: u64 = (0..ct.col_totals.len())
        .filter(|&m| apart(true, m))
        .map(|m| ct.col_totals[m])
        .sum();
    let base = ct.total.saturating_sub(out_of_base);
    for (m, &t) in ct.col_totals.iter().enumerate() {
        total_line.push(match show {
            CellShow::Counts => format_count(t, lang),
            _ if apart(true, m) => "–".to_string(),
            CellShow::RowPct | CellShow::TotalPct => {
                format_pct(percent(t as f64, base as f64), lang)
            }
            CellShow::ColPct => format_pct(if t > 0 { 100.0 } else { 0.0 }, lang),
        });
    }
    total_line.push(format_count(ct.total, lang));
    rows.push(total_line);
    let apart_answers = out_of_base
        + ct.rows
            .iter()
            .filter(|r| !r.substantive && !ct.include_non_substantive)
            .flat_map(|r| r.cells.iter().enumerate())
            .filter(|(m, _)| !apart(true, *m))
            .map(|(_, c)| c.count)
            .sum::<u64>();
    if apart_answers > 0 && show != CellShow::Counts && !ct.multi_select {
        let shown_base = if ct.include_non_substantive {
            ct.total
        } else {
            ct.total - apart_answers.min(ct.total)
        };
        let mut line = vec![crate::words::phrases::base_note(
            shown_base,
            apart_answers,
            ct.include_non_substantive,
            lang,
        )];
        line.resize(ct.columns.len() + 2, String::new());
        rows.push(line);
    }
    let withheld = ct.withheld_rows + ct.withheld_columns;
    if let Some(note) = crate::words::phrases::withheld_note(withheld, ct.min_cell, lang) {
        let mut line = vec![note];
        line.resize(ct.columns.len() + 2, String::new());
        rows.push(line);
    }
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
/// df = 4, Cramérs V = 0,21: svag sammenhæng)." (one table, one test: no correction) with a caution when many expected counts are small.
pub fn crosstab_test_text(ct: &Crosstab, lang: Lang) -> Option<String> {
    let t = ct.test.as_ref()?;
    let mut text = chi_square_test(
        Association::Columns,
        Verdict::single(t.p_value),
        t.chi_square,
        t.df,
        t.cramers_v,
        lang,
    );
    if t.expected_below_5_pct > 20.0 {
        text.push(' ');
        text.push_str(&low_expected_counts(t.expected_below_5_pct, lang));
    }
    Some(text)
}

/// The cross-table's three tables (counts, row and column percentages).
#[derive(Debug, Clone, Serialize)]
pub struct CrosstabTables {
    /// Counts.
    pub counts: Table,
    /// Percent of each row.
    pub row_pct: Table,
    /// Percent of each column.
    pub col_pct: Table,
}

/// A cross-table with its tables and its test in words, in both languages.
#[derive(Debug, Clone, Serialize)]
pub struct CrosstabView<'a> {
    /// The numbers.
    pub crosstab: &'a Crosstab,
    /// The tables.
    pub tables: Texts<CrosstabTables>,
    /// The test in words, when there is one.
    pub test_text: Texts<Option<String>>,
}

/// The cross-table as the page shows it.
pub fn crosstab_view(ct: &Crosstab) -> CrosstabView<'_> {
    CrosstabView {
        crosstab: ct,
        tables: Texts::both(|lang| CrosstabTables {
            counts: crosstab_table(ct, CellShow::Counts, lang),
            row_pct: crosstab_table(ct, CellShow::RowPct, lang),
            col_pct: crosstab_table(ct, CellShow::ColPct, lang),
        }),
        test_text: Texts::both(|lang| crosstab_test_text(ct, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_line_counts_every_column() {
        let d = crate::read_bytes(b"K;S\na;x\na;y\nb;x\nb;x\n;x\na;\n").unwrap();
        let ct = crate::analyze::crosstab::crosstab(&d, 0, 1, 1).unwrap();
        let table = crosstab_table(&ct, CellShow::Counts, Lang::Da);
        assert_eq!(table.rows.last().unwrap(), &vec!["I alt", "3", "1", "4"]);
    }
}
