//! Index scores: each respondent's score and the overall mean against a hand computation, the
//! interval against scipy, the rule for missing answers, a breakdown through the disclosure
//! gate, waves, and the errors for items that cannot be combined.

use tilfreds::analyze::summary::{ColumnOverride, IndexSpec};
use tilfreds::analyze::waves::compare;
use tilfreds::{Dataset, Error, SummaryOptions};

use crate::util::{assert_close, close, read_text};

/// The cell of value `v` on a 1–5 scale (5 the most positive); 0 is "Ved ikke", and -1 an
/// empty cell.
fn label(v: i32) -> String {
    match v {
        1..=5 => v.to_string(),
        0 => "Ved ikke".to_string(),
        _ => String::new(),
    }
}

/// An export with a group column and the items Q1… of each row's values.
fn export(rows: &[(&str, &[i32])]) -> String {
    let items = rows.first().map_or(0, |r| r.1.len());
    let mut out = String::from("Gruppe");
    for i in 1..=items {
        out.push_str(&format!(";Q{i} Hvor tilfreds er du med punkt {i}? (1-5)"));
    }
    out.push('\n');
    for (group, values) in rows {
        out.push_str(group);
        for &v in *values {
            out.push(';');
            out.push_str(&label(v));
        }
        out.push('\n');
    }
    out
}

fn index(name: &str, items: &[&str]) -> IndexSpec {
    IndexSpec {
        name: name.to_string(),
        items: items.iter().map(|s| s.to_string()).collect(),
    }
}

fn with_index(spec: IndexSpec) -> SummaryOptions {
    SummaryOptions {
        indices: vec![spec],
        ..SummaryOptions::default()
    }
}

/// Each row's score in the index column `name` of `ds` (`None`: no score).
fn row_scores(ds: &Dataset, name: &str) -> Vec<Option<f64>> {
    let col = ds.columns.iter().find(|c| c.profile.name == name).unwrap();
    let ix = col.profile.index.as_deref().unwrap();
    col.codes
        .as_ref()
        .unwrap()
        .iter()
        .map(|&c| (c > 0).then(|| ix.scores[c as usize - 1]))
        .collect()
}

#[test]
fn each_score_and_the_mean_match_a_hand_computation() {
    let rows: [(&str, &[i32]); 8] = [
        ("A", &[5, 4, 3]),    // (5 + 4 + 3) / 3 = 4
        ("A", &[4, 4, 0]),    // "Ved ikke" not answered: (4 + 4) / 2 = 4
        ("A", &[2, 0, 0]),    // one of three answered: no score
        ("A", &[5, 5, 5]),    // 5
        ("A", &[3, 2, -1]),   // (3 + 2) / 2 = 2.5
        ("A", &[1, 2, 3]),    // 2
        ("A", &[-1, -1, -1]), // nothing answered: no score
        ("A", &[4, 5, -1]),   // 4.5
    ];
    let ds = read_text(&export(&rows));
    let opts = with_index(index("Mødet", &["2", "3", "4"]));
    let indexed = ds.with_indices(&opts).unwrap().unwrap();
    let want = [
        Some(4.0),
        Some(4.0),
        None,
        Some(5.0),
        Some(2.5),
        Some(2.0),
        None,
        Some(4.5),
    ];
    assert_eq!(row_scores(&indexed, "Mødet"), want);

    let s = ds.summary(&opts);
    let c = s.columns.last().unwrap();
    assert_eq!(c.name, "Mødet");
    let ix = c.index_score.as_ref().expect("an index");
    assert_eq!(ix.items.len(), 3);
    assert!(ix.items[0].starts_with("Q1 "));
    assert_eq!((ix.min_items, ix.scale_min, ix.scale_max), (2, 1, 5));
    // Row 3 answered one item; row 7 none, so it is not counted as too few.
    assert_eq!(ix.too_few_items, 1);
    // Six scores: 4 + 4 + 5 + 2.5 + 2 + 4.5 = 22, mean 22 / 6 = 3.6667. Squared deviations:
    // 1/9 + 1/9 + 16/9 + 49/36 + 25/9 + 25/36 = 246/36 = 6.8333; sd = √(6.8333 / 5).
    let st = &ix.stats;
    assert_eq!(st.n, 6);
    assert!(close(st.mean, 22.0 / 6.0));
    assert!(close(st.sd.unwrap(), (246.0f64 / 36.0 / 5.0).sqrt()));
    // On 0–100: (3.6667 − 1) / 4 · 100.
    assert!(close(st.mean_100, (22.0 / 6.0 - 1.0) * 25.0));
    // scipy 1.17.1: stats.t.interval(0.95, 5, loc=22/6, scale=sd/sqrt(6))
    // = (2.439828974961692, 4.893504358371641).
    let [lo, hi] = st.mean_ci95.unwrap();
    assert_close(lo, 2.439828974961692, 1e-9);
    assert_close(hi, 4.893504358371641, 1e-9);
    let [lo100, hi100] = st.mean_ci95_100.unwrap();
    assert!(close(lo100, (lo - 1.0) * 25.0) && close(hi100, (hi - 1.0) * 25.0));
    // The JSON says it is an index, with its items and the 0–100 value.
    let json = serde_json::to_value(c).unwrap();
    assert_eq!(json["index_score"]["items"].as_array().unwrap().len(), 3);
    assert!(close(
        json["index_score"]["mean_100"].as_f64().unwrap(),
        st.mean_100
    ));
    // The method note states the rule in words.
    let note = tilfreds::words::messages::index_method(tilfreds::Lang::Da);
    assert!(note.contains("mindst halvdelen"), "{note}");
}

#[test]
fn a_score_needs_at_least_half_of_the_items_answered() {
    // Four items: two answered is half (a score), one is not; "Ved ikke" is not an answer.
    let rows: [(&str, &[i32]); 5] = [
        ("A", &[5, -1, 3, -1]),  // 2 of 4: (5 + 3) / 2 = 4
        ("A", &[5, -1, -1, -1]), // 1 of 4: none
        ("A", &[4, 0, -1, 0]),   // 1 of 4 and two "Ved ikke": none
        ("A", &[1, 2, 2, 0]),    // 3 of 4: 5 / 3
        ("A", &[3, 3, 3, 3]),    // 3
    ];
    let ds = read_text(&export(&rows));
    let mut opts = with_index(index("Alt", &["2", "3", "4", "5"]));
    // Items mostly unanswered are no recognisable scale: the user defines it, and the index
    // is made on the adjusted dataset.
    let steps: Vec<String> = (1..=5).rev().map(|v| v.to_string()).collect();
    opts.overrides = ds.columns[1..]
        .iter()
        .map(|c| ColumnOverride {
            column: c.profile.name.clone(),
            scale: Some(steps.clone()),
            ..ColumnOverride::default()
        })
        .collect();
    let (indexed, _) = ds.try_adjusted_summary(&opts).unwrap();
    assert_eq!(
        row_scores(&indexed.unwrap(), "Alt"),
        [Some(4.0), None, None, Some(5.0 / 3.0), Some(3.0)]
    );
    let s = ds.summary(&opts);
    let ix = s.columns.last().unwrap().index_score.clone().unwrap();
    assert_eq!((ix.min_items, ix.too_few_items, ix.stats.n), (2, 2, 3));
    // Three items need two answers.
    assert_eq!(tilfreds::data::index::min_items(3), 2);
}

#[test]
fn a_breakdown_publishes_only_what_the_gate_lets_through() {
    let mut rows: Vec<(&str, &[i32])> = Vec::new();
    // A: five scores of 4 and five of 2 (mean 3); B: five of 5 and five of 4 (mean 4.5); D:
    // eight of 3; C: two respondents, fewer than the minimum of 5.
    rows.extend(std::iter::repeat_n(("A", &[5, 4, 3][..]), 5));
    rows.extend(std::iter::repeat_n(("A", &[2, 2, 2][..]), 5));
    rows.extend(std::iter::repeat_n(("B", &[5, 5, 5][..]), 5));
    rows.extend(std::iter::repeat_n(("B", &[4, 4, 4][..]), 5));
    rows.extend(std::iter::repeat_n(("D", &[3, 3, 3][..]), 8));
    rows.extend(std::iter::repeat_n(("C", &[1, 1, 1][..]), 2));
    let ds = read_text(&export(&rows));
    let mut opts = with_index(index("Mødet", &["2", "3", "4"]));
    opts.by = Some("Gruppe".into());
    let s = ds.summary(&opts);
    let c = s.columns.last().unwrap();
    let by = c.by.as_ref().expect("a breakdown");
    // C is too small; D is withheld with it, or C's figures would be the total less the rest.
    assert_eq!(c.withheld_groups, 2);
    let shown: Vec<&str> = by.keys().map(String::as_str).collect();
    assert_eq!(shown, ["A", "B"]);
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("\"C\"") && !json.contains("\"D\""));
    let (label, a) = &c.index_by[0];
    assert_eq!(label, "A");
    assert_eq!(a.n, 10);
    // A by hand: mean (5·4 + 5·2) / 10 = 3, sd √(10·1 / 9).
    assert!(close(a.mean, 3.0));
    assert!(close(a.sd.unwrap(), (10.0f64 / 9.0).sqrt()));
    // scipy 1.17.1: stats.t.interval(0.95, 9, loc=3, scale=sqrt(10/9)/sqrt(10))
    // = (2.2459476124005984, 3.7540523875994016).
    let [lo, hi] = a.mean_ci95.unwrap();
    assert_close(lo, 2.2459476124005984, 1e-9);
    assert_close(hi, 3.7540523875994016, 1e-9);
    // Each group is tested against the other shown groups: A's rest is B.
    assert!(close(a.mean_rest.unwrap(), 4.5));
    assert_eq!(by["A"]["mean_differs"], "lower");
    // The view draws the shown groups by their mean and says how many were withheld.
    let view = tilfreds::present::views::summary::question(&s, c.index, tilfreds::Lang::Da)
        .expect("a view");
    let chart = view.breakdown.expect("a chart");
    assert_eq!(chart.bars.len(), 2);
    let table = view.breakdown_table.unwrap();
    assert!(table.rows.last().unwrap()[0].contains("2 grupper er ikke vist"));
}

#[test]
fn items_on_different_scales_are_refused_in_both_languages() {
    let text = "Q1 Hvor tilfreds er du?;Q2 Hvor let var det? (1-7);Gruppe\n\
                Meget tilfreds;7;A\n\
                Tilfreds;5;B\n\
                Utilfreds;3;A\n\
                Meget utilfreds;1;B\n\
                Hverken tilfreds eller utilfreds;4;A\n";
    let ds = read_text(text);
    let opts = with_index(index("Mødet", &["1", "2"]));
    let err = ds.try_adjusted_summary(&opts).unwrap_err();
    assert_eq!(err.code(), "index_scales_differ");
    match &err {
        Error::IndexScalesDiffer {
            expected, points, ..
        } => assert_eq!((*expected, *points), (5, 7)),
        other => panic!("{other:?}"),
    }
    let da = err.message(tilfreds::Lang::Da);
    let en = err.message(tilfreds::Lang::En);
    assert!(
        da.contains("«Q2 Hvor let var det? (1-7)» har 7 svartrin"),
        "{da}"
    );
    assert!(
        en.contains("has 7 answer steps, but “Q1 Hvor tilfreds er du?” has 5"),
        "{en}"
    );
    // A grouping is no scale question; a missing column is named.
    let not_scale = ds.try_adjusted_summary(&with_index(index("X", &["1", "Gruppe"])));
    assert_eq!(not_scale.unwrap_err().code(), "index_item_not_scale");
    let missing = ds.try_adjusted_summary(&with_index(index("X", &["1", "Q9"])));
    assert_eq!(missing.unwrap_err().code(), "index_item_not_found");
    // The summary that cannot fail leaves the index out and says why.
    let s = ds.summary(&opts);
    assert!(s.columns.iter().all(|c| c.index_score.is_none()));
    assert!(s.warnings.iter().any(|w| w.code == "index_scales_differ"));
}

#[test]
fn an_index_of_the_same_name_compares_across_waves() {
    let first: Vec<(&str, &[i32])> = std::iter::repeat_n(("A", &[4, 4][..]), 10)
        .chain(std::iter::repeat_n(("A", &[2, 2][..]), 10))
        .collect();
    let second: Vec<(&str, &[i32])> = std::iter::repeat_n(("A", &[5, 5][..]), 10)
        .chain(std::iter::repeat_n(("A", &[4, 4][..]), 10))
        .collect();
    let opts = with_index(index("Mødet", &["2", "3"]));
    let s1 = read_text(&export(&first)).summary(&opts);
    let s2 = read_text(&export(&second)).summary(&opts);
    let cmp = compare(&[("2024", &s1), ("2025", &s2)], &[]);
    let q = cmp
        .questions
        .iter()
        .find(|q| q.question == "Mødet")
        .expect("the index compared");
    let (a, b) = (q.waves[0].as_ref().unwrap(), q.waves[1].as_ref().unwrap());
    assert!(a.index && b.index);
    assert!(close(a.mean, 3.0) && close(b.mean, 4.5));
    let change = &q.changes[0];
    assert!(close(change.mean_diff.unwrap(), 1.5));
    assert!(change.mean_test.is_some() && change.top2_test.is_none());
    assert!(change.top2_da.is_empty() && !change.mean_da.is_empty());
}

#[test]
fn the_command_line_takes_an_index() {
    let rows: Vec<(&str, &[i32])> = std::iter::repeat_n(("A", &[5, 3][..]), 6)
        .chain(std::iter::repeat_n(("B", &[2, 1][..]), 6))
        .collect();
    let path = std::env::temp_dir().join(format!("tilfreds-index-{}.csv", std::process::id()));
    std::fs::write(&path, export(&rows)).unwrap();
    let run = |index: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tilfreds"))
            .args([
                "summary",
                path.to_str().unwrap(),
                "--by",
                "Gruppe",
                "--json",
            ])
            .args(["--index", index])
            .output()
            .unwrap()
    };
    let out = run("Mødet=2, 3");
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let c = json["columns"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(c["name"], "Mødet");
    // Six scores of 4 and six of 1.5: mean 2.75.
    assert!(close(c["index_score"]["mean"].as_f64().unwrap(), 2.75));
    assert!(close(c["by"]["A"]["mean"].as_f64().unwrap(), 4.0));
    let bad = run("Mødet=2,Gruppe");
    assert_eq!(bad.status.code(), Some(1));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("«Gruppe» er ikke et skalaspørgsmål"), "{err}");
    std::fs::remove_file(&path).ok();
}
