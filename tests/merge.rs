//! Merging answer categories before counting (`ColumnOverride::merge`).

use tilfreds::analyze::summary::ColumnOverride;
use tilfreds::{read_bytes, SummaryOptions};

fn csv() -> String {
    crate::util::csv(
        "Alder;Hvor tilfreds er du?",
        &[
            ("18-24;Meget tilfreds", 6),
            ("25-29;Tilfreds", 4),
            ("30-39;Utilfreds", 7),
            ("40-49;Tilfreds", 8),
        ],
    )
}

fn merge_young() -> SummaryOptions {
    SummaryOptions {
        by: Some("Alder".into()),
        overrides: vec![ColumnOverride {
            column: "Alder".into(),
            merge: vec![
                ("18-24".into(), "18-29".into()),
                ("25-29".into(), "18-29".into()),
            ],
            ..ColumnOverride::default()
        }],
        ..SummaryOptions::default()
    }
}

#[test]
fn merged_categories_are_counted_as_one() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    let s = ds.summary(&merge_young());
    let age = &s.columns[0];
    let counts = age.counts.as_ref().unwrap();
    assert_eq!(counts.get("18-29").and_then(|v| v.as_u64()), Some(10));
    assert!(counts.get("18-24").is_none());
    assert_eq!(counts.get("30-39").and_then(|v| v.as_u64()), Some(7));
    // The breakdown uses the merged group: 6 + 4 answers, all top-2.
    let q = &s.columns[1];
    let group = q.by.as_ref().unwrap().get("18-29").unwrap();
    assert_eq!(group["n_valid"].as_u64(), Some(10));
    assert!((group["top2_pct"].as_f64().unwrap() - 100.0).abs() < 1e-9);
}

#[test]
fn merging_a_small_group_lifts_its_suppression() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    let plain = ds.summary(&SummaryOptions {
        by: Some("Alder".into()),
        ..SummaryOptions::default()
    });
    let by = plain.columns[1].by.as_ref().unwrap();
    // 25-29 (4) is withheld, and 18-24 (6) with it so it cannot be worked out from the total.
    assert!(by.get("25-29").is_none() && by.get("18-24").is_none());
    assert_eq!(plain.columns[1].withheld_groups, 2);
    // Merged, the two are shown as one: their sum could already be worked out, so showing it
    // tells nothing new.
    let merged = ds.summary(&merge_young());
    assert!(merged.columns[1]
        .by
        .as_ref()
        .unwrap()
        .get("18-29")
        .is_some());
    assert_eq!(merged.columns[1].withheld_groups, 0);
}

#[test]
fn unknown_values_and_columns_change_nothing() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    let plain = ds.summary(&SummaryOptions::default());
    let opts = SummaryOptions {
        overrides: vec![ColumnOverride {
            column: "Ingen".into(),
            merge: vec![("x".into(), "y".into())],
            ..ColumnOverride::default()
        }],
        ..SummaryOptions::default()
    };
    assert_eq!(ds.summary(&opts), plain);
}

#[test]
fn cross_tables_count_the_merged_categories() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    let adjusted = ds.adjusted(&merge_young().overrides).unwrap();
    let ct = tilfreds::analyze::crosstab::crosstab(&adjusted, 0, 1, 5).unwrap();
    let labels: Vec<&str> = ct.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["18-29", "30-39", "40-49"]);
    // By hand from csv(): 18-24 gave 6 × "Meget tilfreds", 25-29 gave 4 × "Tilfreds".
    let young = &ct.rows[0];
    assert_eq!(young.total, Some(10));
    let count_of = |answer: &str| {
        let k = ct.columns.iter().position(|c| c.label == answer).unwrap();
        young.cells[k].count
    };
    assert_eq!(count_of("Meget tilfreds"), 6);
    assert_eq!(count_of("Tilfreds"), 4);
    assert_eq!(count_of("Utilfreds"), 0);
    // Unmerged, the 25-29 row (4 answers) is below the minimum and withheld, with 18-24.
    let plain = tilfreds::analyze::crosstab::crosstab(&ds, 0, 1, 5).unwrap();
    assert!(plain
        .rows
        .iter()
        .all(|r| r.label != "25-29" && r.label != "18-24"));
    assert_eq!(plain.withheld_rows, 2);
}

#[test]
fn nothing_to_adjust_gives_no_copy() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    assert!(ds.adjusted(&[]).is_none());
    let unknown = ColumnOverride {
        column: "Ingen".into(),
        merge: vec![("x".into(), "y".into())],
        ..ColumnOverride::default()
    };
    assert!(ds.adjusted(&[unknown]).is_none());
}
