//! Groups in their natural order in every breakdown (age bands, case lengths), or by result or
//! name when the user chooses so.

use tilfreds::model::options::GroupOrder;
use tilfreds::present::views;
use tilfreds::{Lang, SummaryOptions};

use crate::util::{csv, read_text, STEPS};

/// Age bands written in the file in a scrambled order, each with its own share of satisfied.
fn age_data() -> tilfreds::Dataset {
    let bands: [(&str, [usize; 5]); 5] = [
        ("30-39 år", [10, 10, 5, 3, 2]),
        ("50-59 år", [20, 6, 2, 1, 1]),
        ("40-49 år", [4, 6, 10, 5, 5]),
        ("18-29 år", [8, 8, 8, 3, 3]),
        ("60 år eller ældre", [15, 10, 3, 1, 1]),
    ];
    let mut rows = Vec::new();
    for (band, counts) in bands {
        for (step, &n) in STEPS.iter().zip(&counts) {
            rows.push((format!("{band};{step}"), n));
        }
    }
    let rows: Vec<(&str, usize)> = rows.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    read_text(&csv("Alder;Hvor tilfreds er du med jobcentret?", &rows))
}

/// The group labels of the question's breakdown table, top to bottom.
fn breakdown_labels(order: GroupOrder) -> Vec<String> {
    let data = age_data();
    let summary = data.summary(&SummaryOptions {
        by: Some("Alder".to_string()),
        group_order: order,
        ..SummaryOptions::default()
    });
    let view = views::summary::question(&summary, 1, Lang::Da).expect("a question view");
    let table = view.breakdown_table.expect("a breakdown table");
    let chart = view.breakdown.expect("a breakdown chart");
    let from_table: Vec<String> = table.rows.iter().map(|r| r[0].clone()).collect();
    let from_chart: Vec<String> = chart.bars.iter().map(|b| b.label.clone()).collect();
    assert_eq!(from_table, from_chart, "the chart and the table agree");
    from_table
}

#[test]
fn age_bands_keep_their_order_by_default() {
    let summary = age_data().summary(&SummaryOptions {
        by: Some("Alder".to_string()),
        ..SummaryOptions::default()
    });
    let by: Vec<&String> = summary.columns[1].by.as_ref().expect("by").keys().collect();
    assert_eq!(
        by,
        [
            "18-29 år",
            "30-39 år",
            "40-49 år",
            "50-59 år",
            "60 år eller ældre"
        ]
    );
    assert_eq!(
        breakdown_labels(GroupOrder::Natural),
        [
            "18-29 år",
            "30-39 år",
            "40-49 år",
            "50-59 år",
            "60 år eller ældre"
        ]
    );
}

#[test]
fn by_result_puts_the_highest_top2_first() {
    // Top-2 shares: 50-59 86.7 %, 60+ 83.3 %, 30-39 66.7 %, 18-29 53.3 %, 40-49 33.3 %.
    assert_eq!(
        breakdown_labels(GroupOrder::Result),
        [
            "50-59 år",
            "60 år eller ældre",
            "30-39 år",
            "18-29 år",
            "40-49 år"
        ]
    );
}

#[test]
fn by_name_is_alphabetical() {
    assert_eq!(
        breakdown_labels(GroupOrder::Name),
        [
            "18-29 år",
            "30-39 år",
            "40-49 år",
            "50-59 år",
            "60 år eller ældre"
        ]
    );
}

#[test]
fn the_breakdown_by_mean_and_by_distribution_follow_the_same_groups() {
    let data = age_data();
    let summary = data.summary(&SummaryOptions {
        by: Some("Alder".to_string()),
        ..SummaryOptions::default()
    });
    let view = views::summary::question(&summary, 1, Lang::Da).unwrap();
    let shares = view.breakdown.unwrap();
    let mean = view.breakdown_mean.expect("a mean chart");
    let dist = view.breakdown_distribution.expect("a distribution chart");
    let labels = |bars: &[tilfreds::present::chart::GroupBar]| -> Vec<String> {
        bars.iter().map(|b| b.label.clone()).collect()
    };
    assert_eq!(labels(&shares.bars), labels(&mean.bars));
    let dist_labels: Vec<String> = dist.rows.iter().map(|r| r.label.clone()).collect();
    assert_eq!(labels(&shares.bars), dist_labels);
    // 18-29 år: 8, 8, 8, 3, 3 from most positive (5) to least (1): mean (40+32+24+6+3)/30.
    let young = &mean.bars[0];
    assert_eq!(young.label, "18-29 år");
    assert!((young.value.unwrap() - 105.0 / 30.0).abs() < 1e-9);
    let (lo, hi) = young.ci.unwrap();
    assert!(lo < young.value.unwrap() && young.value.unwrap() < hi);
    assert_eq!(
        dist.rows[0]
            .pct
            .iter()
            .map(|p| (p * 10.0).round() / 10.0)
            .collect::<Vec<_>>(),
        vec![26.7, 26.7, 26.7, 10.0, 10.0]
    );
    assert_eq!(dist.legend, STEPS);
}
