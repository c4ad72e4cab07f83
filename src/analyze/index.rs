//! Index scores in the summary: the mean of the respondents' scores with its t interval, on
//! the items' scale and on 0–100, and the breakdown by the grouping column, each group's
//! counts taken from the disclosure gate and its mean tested against the other groups'
//! (Welch's t-test, Holm-corrected over the groups). The scores themselves are derived in
//! [`data::index`](crate::data::index).

use serde_json::{Map, Value};

use crate::analyze::summary::{ColumnSummary, IndexStats, IndexSummary};
use crate::analyze::tables::{self, group_order, line_label, line_value};
use crate::model::dataset::{ColumnData, Dataset};
use crate::model::profile::IndexColumn;
use crate::protect;
use crate::stats;

/// The statistics of the scores counted `counts` times (one count per score of `ix`).
pub fn index_stats(counts: &[u64], ix: &IndexColumn) -> IndexStats {
    let values: Vec<(f64, f64)> = ix
        .scores
        .iter()
        .zip(counts)
        .map(|(&s, &c)| (s, c as f64))
        .collect();
    let n: u64 = counts.iter().sum();
    let (mean, sd) = stats::mean_sd(&values);
    // The same rule as a scale question's: no spread from fewer than 2, no interval from
    // fewer than 3.
    let sd = (n >= 2).then_some(sd);
    let mean_ci95 = sd
        .filter(|_| n >= 3)
        .map(|sd| stats::mean_t_interval(mean, sd, n as f64, 0.95))
        .map(|(lo, hi)| [lo, hi]);
    IndexStats {
        n,
        mean,
        sd,
        mean_ci95,
        mean_100: ix.to_100(mean),
        mean_ci95_100: mean_ci95.map(|[lo, hi]| [ix.to_100(lo), ix.to_100(hi)]),
        mean_rest: None,
        mean_vs_rest_p: None,
        mean_differs: None,
    }
}

impl Dataset {
    /// Completes the summary `s` of the index column `col` (at `by_index`'s side in the same
    /// dataset): the index's statistics instead of a number's, and its breakdown.
    pub(crate) fn index_score(
        &self,
        s: &mut ColumnSummary,
        col: &ColumnData,
        ix: &IndexColumn,
        by_index: Option<usize>,
        min_cell: u64,
    ) {
        let counts: Vec<u64> = col.profile.values.iter().map(|(_, n)| *n).collect();
        s.numeric = None;
        s.index_score = Some(IndexSummary {
            items: ix.items.clone(),
            min_items: ix.min_items,
            scale_min: ix.scale_min,
            scale_max: ix.scale_max,
            too_few_items: ix.too_few_items,
            stats: index_stats(&counts, ix),
        });
        s.mean_scale_max = Some(ix.scale_max.max(0) as u32);
        let Some(group) = by_index.map(|g| &self.columns[g]) else {
            return;
        };
        let order = group_order(group);
        let (Some(table), Some(rows), Some(cols)) = (
            tables::joint(group, col),
            tables::group_axis(group, &order, min_cell),
            tables::score_axis(col),
        ) else {
            return;
        };
        let gated = protect::table(&table, &rows, &cols, min_cell);
        let shown: Vec<IndexStats> = (0..gated.rows().count())
            .map(|r| index_stats(gated.cells(r), ix))
            .collect();
        let tests: Vec<Option<(f64, stats::TestResult)>> = (0..shown.len())
            .map(|r| {
                let rest: Vec<u64> = (0..counts.len())
                    .map(|v| {
                        (0..shown.len())
                            .filter(|&o| o != r)
                            .map(|o| gated.cells(o).get(v).copied().unwrap_or(0))
                            .sum()
                    })
                    .collect();
                let rest = index_stats(&rest, ix);
                let g = &shown[r];
                let t = stats::welch_t_test(
                    rest.mean,
                    rest.sd?,
                    rest.n as f64,
                    g.mean,
                    g.sd?,
                    g.n as f64,
                )?;
                Some((rest.mean, t))
            })
            .collect();
        let versus = crate::analyze::compute::versus_rest(&tests, shown.len());
        let mut by = Map::new();
        for ((line, mut st), rest) in gated.rows().zip(shown).zip(versus) {
            if let Some((rest_mean, p, differs)) = rest {
                st.mean_rest = Some(rest_mean);
                st.mean_vs_rest_p = Some(p);
                st.mean_differs = differs;
            }
            let label = line_label(line_value(line, &order), &group.profile.values, min_cell);
            let mut json = serde_json::to_value(&st).unwrap_or(Value::Null);
            if let Value::Object(o) = &mut json {
                o.entry("mean_differs").or_insert(Value::Null);
            }
            by.insert(label.clone(), json);
            s.index_by.push((label, st));
        }
        s.by = Some(by);
        s.withheld_groups = gated.withheld_rows();
    }
}
