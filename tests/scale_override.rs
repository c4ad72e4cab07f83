//! A scale the user defines for a column the app did not recognise (`ColumnOverride::scale`).
//! Every expected number below is counted by hand from the rows written in each test.

use tilfreds::analyze::summary::ColumnOverride;
use tilfreds::model::kinds::{Kind, ScaleFamily};
use tilfreds::{read_bytes, SummaryOptions};

use crate::util::close;

/// Afdeling A: "Rigtig god" 4, "rigtig god " 1, "Ok" 2, "Skidt" 1, "Ved ikke" 2, "Måske" 1.
/// Afdeling B: "Rigtig god" 2, "Ok" 1 (3 valid answers: fewer than 5).
/// Afdeling C: "Ok" 3, "Skidt" 2.
fn csv() -> String {
    crate::util::csv(
        "Afdeling;Service",
        &[
            ("A;Rigtig god", 4),
            ("A;rigtig god ", 1),
            ("A;Ok", 2),
            ("A;Skidt", 1),
            ("A;Ved ikke", 2),
            ("A;Måske", 1),
            ("B;Rigtig god", 2),
            ("B;Ok", 1),
            ("C;Ok", 3),
            ("C;Skidt", 2),
        ],
    )
}

fn with_scale(column: &str, labels: &[&str], by: Option<&str>) -> SummaryOptions {
    SummaryOptions {
        by: by.map(str::to_string),
        overrides: vec![ColumnOverride {
            column: column.into(),
            scale: Some(labels.iter().map(|l| l.to_string()).collect()),
            ..ColumnOverride::default()
        }],
        ..SummaryOptions::default()
    }
}

#[test]
fn unrecognised_column_is_a_category_without_a_scale() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    let s = ds.summary(&SummaryOptions::default());
    assert_eq!(s.columns[1].kind, Kind::Category);
    assert!(s.columns[1].stats.is_none());
}

#[test]
fn defined_scale_counts_the_column_as_a_scale_question() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    let s = ds.summary(&with_scale("Service", &["Rigtig god", "Ok", "Skidt"], None));
    let q = &s.columns[1];
    assert_eq!(q.kind, Kind::Likert);
    assert_eq!(q.scale_family, Some(ScaleFamily::Other));
    assert_eq!(
        q.scale.as_deref(),
        Some(&["Rigtig god".to_string(), "Ok".into(), "Skidt".into()][..])
    );
    // Steps: Rigtig god 4 + 1 (case and spaces ignored) + 2 = 7; Ok 2 + 1 + 3 = 6;
    // Skidt 1 + 2 = 3. Valid: 16. Apart: "Ved ikke" 2 (non-substantive), "Måske" 1 (other).
    let counts = q.counts.as_ref().unwrap();
    assert_eq!(counts["Rigtig god"].as_u64(), Some(7));
    assert_eq!(counts["Ok"].as_u64(), Some(6));
    assert_eq!(counts["Skidt"].as_u64(), Some(3));
    assert_eq!(counts["Ved ikke"].as_u64(), Some(2));
    assert_eq!(counts["Måske"].as_u64(), Some(1));
    assert_eq!(q.non_substantive, Some(3));
    assert_eq!(q.mean_scale_max, Some(3));
    let stats = q.stats.as_ref().unwrap();
    assert_eq!(stats.n_valid, 16);
    assert_eq!(stats.steps, vec![7, 6, 3]);
    // A 3-point scale: "top" is the end step alone. 7 / 16 = 43.75 %; 3 / 16 = 18.75 %.
    assert!(close(stats.top2_pct, 43.75));
    assert!(close(stats.bottom2_pct, 18.75));
    // Mean on 3..1: (7·3 + 6·2 + 3·1) / 16 = 36 / 16 = 2.25.
    assert!(close(stats.mean, 2.25));
}

#[test]
fn defined_scale_breaks_down_with_suppression() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    let opts = with_scale("Service", &["Rigtig god", "Ok", "Skidt"], Some("Afdeling"));
    let s = ds.summary(&opts);
    let by = s.columns[1].by.as_ref().unwrap();
    // A: Rigtig god 5, Ok 2, Skidt 1 = 8 valid; top 5 / 8 = 62.5 %.
    assert_eq!(by["A"]["n_valid"].as_u64(), Some(8));
    assert!(close(by["A"]["top2_pct"].as_f64().unwrap(), 62.5));
    // B: 3 valid answers, fewer than 5: withheld. C: Ok 3, Skidt 2 = 5 valid, the smallest
    // shown group: withheld too, so that B cannot be worked out from the total. Neither is
    // named.
    assert!(by.get("B").is_none() && by.get("C").is_none());
    assert_eq!(s.columns[1].withheld_groups, 2);
}

#[test]
fn letter_codes_take_the_order_the_user_gives() {
    // A 3, B 2, C 1, D 1, E 1: 8 answers.
    let mut csv = String::from("Kode;Hold\n");
    for (code, n) in [("A", 3), ("B", 2), ("C", 1), ("D", 1), ("E", 1)] {
        for _ in 0..n {
            csv.push_str(&format!("{code};Hold 1\n"));
        }
    }
    let ds = read_bytes(csv.as_bytes()).unwrap();
    let forward = ds.summary(&with_scale("Kode", &["A", "B", "C", "D", "E"], None));
    let stats = forward.columns[0].stats.as_ref().unwrap();
    // Top-2 = A + B = 5 / 8 = 62.5 %.
    assert!(close(stats.top2_pct, 62.5));
    let reversed = ds.summary(&with_scale("Kode", &["E", "D", "C", "B", "A"], None));
    let stats = reversed.columns[0].stats.as_ref().unwrap();
    // Top-2 = E + D = 2 / 8 = 25 %; mean (1·5 + 1·4 + 1·3 + 2·2 + 3·1) / 8 = 19 / 8.
    assert!(close(stats.top2_pct, 25.0));
    assert!(close(stats.mean, 19.0 / 8.0));
    assert_eq!(stats.steps, vec![1, 1, 1, 2, 3]);
}

#[test]
fn scale_applies_after_a_merge() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    let opts = SummaryOptions {
        overrides: vec![ColumnOverride {
            column: "Service".into(),
            merge: vec![("Skidt".into(), "Ok".into())],
            scale: Some(vec!["Rigtig god".into(), "Ok".into()]),
            ..ColumnOverride::default()
        }],
        ..SummaryOptions::default()
    };
    let stats = ds.summary(&opts).columns[1].stats.clone().unwrap();
    // Ok 6 + Skidt 3 = 9; Rigtig god 7. Valid 16.
    assert_eq!(stats.steps, vec![7, 9]);
}

#[test]
fn too_short_or_unknown_scale_changes_nothing() {
    let ds = read_bytes(csv().as_bytes()).unwrap();
    let plain = ds.summary(&SummaryOptions::default());
    assert_eq!(
        ds.summary(&with_scale("Service", &["Ok", " ok "], None)),
        plain
    );
    assert_eq!(
        ds.summary(&with_scale("Ingen", &["Ok", "Skidt"], None)),
        plain
    );
}

#[test]
fn json_without_scale_still_reads_and_none_is_not_written() {
    let o: ColumnOverride = serde_json::from_str(r#"{"column":"Service"}"#).unwrap();
    assert_eq!(o.scale, None);
    let json = serde_json::to_string(&o).unwrap();
    assert!(!json.contains("scale"));
    let o: ColumnOverride =
        serde_json::from_str(r#"{"column":"Service","scale":["Rigtig god","Ok"]}"#).unwrap();
    assert_eq!(
        o.scale,
        Some(vec!["Rigtig god".to_string(), "Ok".to_string()])
    );
}
