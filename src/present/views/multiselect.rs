//! A multi-select question as the page shows it: one bar per option with the share of those who
//! answered the question, the table of counts, and the breakdown by a group as a heat map.

use serde::Serialize;

use crate::analyze::crosstab::Crosstab;
use crate::analyze::multiselect::{self, MultiSelectSummary};
use crate::present::chart::{GroupBar, GroupChart, Measure};
use crate::present::export::Table;
use crate::words::lang::{format_count, format_pct, Lang};
use crate::words::messages::multi_select_base;
use crate::words::phrases;

/// A multi-select question's chart and tables.
#[derive(Debug, Clone, Serialize)]
pub struct MultiSelectView {
    /// One bar per option: the share of those who answered, with its 95 % interval.
    pub chart: GroupChart,
    /// Options with their counts and shares; the header states the denominator.
    pub table: Table,
    /// Groups × options, for the heat map, when broken down.
    pub breakdown: Option<Crosstab>,
    /// The breakdown as a table.
    pub breakdown_table: Option<Table>,
}

/// The view of `ms`, broken down by the grouping column `by` (empty for none; groups under
/// `min_cell` withheld).
pub fn multi_select_view(
    ms: &MultiSelectSummary,
    by: &str,
    min_cell: u64,
    lang: Lang,
) -> MultiSelectView {
    let intervals = multiselect::option_intervals(ms);
    let bars = ms
        .options
        .iter()
        .zip(&ms.counts)
        .zip(&ms.pct)
        .zip(intervals)
        .map(|(((label, &count), &pct), ci)| GroupBar {
            label: label.clone(),
            value: Some(pct),
            ci,
            n: count,
        })
        .collect();
    let title = multi_select_base(ms.answered, lang);
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
                            row.push(phrases::too_few(lang).to_string());
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
        breakdown: multiselect::breakdown_crosstab(ms, by, min_cell),
        breakdown_table,
    }
}
