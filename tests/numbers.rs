//! Numbers in every shape the exports write them: Danish grouping and decimal comma, English
//! grouping, plain numbers; an ambiguous "1.234" decided by its column; cells that are no number
//! counted and shown by their form, never dropped in silence; and a mean and sd that stay exact
//! far from zero. The files are written here; every expectation is worked out beside it.

use tilfreds::analyze::summary::NumericStats;
use tilfreds::model::kinds::Kind;
use tilfreds::{Summary, SummaryOptions};

use crate::util::{assert_close, column, read_text};

/// The summary with every figure shown (a minimum cell size of one).
fn summary(text: &str) -> Summary {
    read_text(text).summary(&SummaryOptions {
        min_cell: 1,
        ..SummaryOptions::default()
    })
}

/// A column of one value per row under `header`, beside a respondent number.
fn one_column(header: &str, values: &[&str]) -> String {
    let mut out = format!("Løbenr;{header}\n");
    for (i, v) in values.iter().enumerate() {
        out.push_str(&format!("{};{v}\n", i + 1));
    }
    out
}

#[track_caller]
fn numbers<'a>(s: &'a Summary, name: &str) -> &'a NumericStats {
    let c = column(s, name);
    assert_eq!(c.kind, Kind::Number, "{name}");
    c.numeric.as_ref().expect("numeric statistics")
}

// 1234.5 + 2500.75 + 12000 + 850 + 1000000 + 3.5 = 1016588.75; / 6 = 169431.458333…
// Python 3: statistics.mean([1234.5, 2500.75, 12000, 850, 1000000, 3.5]) = 169431.45833333334,
// statistics.stdev(…) = 406917.77690715407.
const AMOUNTS_MEAN: f64 = 169431.45833333334;
const AMOUNTS_SD: f64 = 406917.77690715407;

#[test]
fn danish_grouping_and_decimal_comma_all_reach_the_mean() {
    let s = summary(&one_column(
        "Beløb i kr.",
        &["1.234,5", "2.500,75", "12.000", "850", "1.000.000", "3,5"],
    ));
    let st = numbers(&s, "Beløb i kr.");
    // All six: "12.000" is twelve thousand, as the column's decimal commas say.
    assert_eq!(st.n, 6);
    assert_close(st.mean, AMOUNTS_MEAN, 1e-9);
    assert_close(st.sd, AMOUNTS_SD, 1e-7);
    assert_eq!(st.unparsed, 0);
}

#[test]
fn english_grouping_reads_the_same_amounts() {
    let s = summary(&one_column(
        "Amount",
        &["1,234.5", "2,500.75", "12,000", "850", "1,000,000", "3.5"],
    ));
    let st = numbers(&s, "Amount");
    // "12,000" is twelve thousand: the column's decimal points say it is written the English way.
    assert_eq!(st.n, 6);
    assert_close(st.mean, AMOUNTS_MEAN, 1e-9);
    assert_close(st.sd, AMOUNTS_SD, 1e-7);
}

#[test]
fn an_ambiguous_shape_is_decided_by_the_column() {
    // Only "x.xxx" values: nothing in the column or the file says English, so the Danish
    // reading holds: (17177 + 1234 + 2500 + 1000) / 4 = 5477.75.
    let s = summary(&one_column(
        "Antal inviterede",
        &["17.177", "1.234", "2.500", "1.000"],
    ));
    assert_close(numbers(&s, "Antal inviterede").mean, 5477.75, 1e-9);
    // The same values beside "0.5" and "2.25": decimals, (1.234 + 2.5 + 1 + 0.5 + 2.25) / 5.
    let s = summary(&one_column(
        "Vægt",
        &["1.234", "2.500", "1.000", "0.5", "2.25"],
    ));
    assert_close(numbers(&s, "Vægt").mean, 7.484 / 5.0, 1e-12);
    // "1,250" beside Danish decimal commas is 1.25: (1.25 + 2.5 + 0.75) / 3 = 1.5.
    let s = summary(&one_column("Timer", &["1,250", "2,5", "0,75"]));
    assert_close(numbers(&s, "Timer").mean, 1.5, 1e-12);
}

#[test]
fn a_column_without_evidence_follows_the_file() {
    // The second column's "3.25" and "0.5" say the file writes decimal points, so the first
    // column's "1.500" is one and a half: (1.5 + 2.25 + 1) / 3 = 1.58333….
    let text = "Løbenr;Timer;Vægt\n1;1.500;3.25\n2;2.250;0.5\n3;1.000;1.75\n";
    let s = summary(text);
    assert_close(numbers(&s, "Timer").mean, 4.75 / 3.0, 1e-12);
}

#[test]
fn a_file_without_evidence_follows_the_language_of_its_headers() {
    // No value says; the headers are English: "1.250" is one and a quarter, (1.25 + 2.5) / 2.
    let text = "Respondent;How many hours did you wait?;What is your age group?\n\
                1;1.250;18-29\n2;2.500;30-39\n";
    let s = summary(text);
    assert_close(
        numbers(&s, "How many hours did you wait?").mean,
        1.875,
        1e-12,
    );
    // The same in Danish: one thousand two hundred and fifty, (1250 + 2500) / 2.
    let text = "Løbenr;Hvor mange timer ventede du?;Hvilken aldersgruppe er du i?\n\
                1;1.250;18-29\n2;2.500;30-39\n";
    let s = summary(text);
    assert_close(
        numbers(&s, "Hvor mange timer ventede du?").mean,
        1875.0,
        1e-9,
    );
}

#[test]
fn cells_that_are_no_number_are_counted_by_their_form() {
    let mut values = Vec::new();
    for (value, times) in [("1.200", 20), ("950", 20), ("2.000,5", 10), ("700", 10)] {
        values.extend(std::iter::repeat_n(value, times));
    }
    values.extend(["ca. 200", "12 kr", "1.2.3", "Ved ikke"]);
    let s = summary(&one_column("Udgift pr. måned", &values));
    let st = numbers(&s, "Udgift pr. måned");
    // Sixty numbers: 20·1200 + 20·950 + 10·2000.5 + 10·700 = 70005.
    assert_eq!(st.n, 60);
    assert_close(st.mean, 70005.0 / 60.0, 1e-9);
    // Three cells are no number; "Ved ikke" is an answer, not a badly written number.
    assert_eq!(st.unparsed, 3);
    let mut forms = st.unparsed_forms.clone();
    forms.sort();
    assert_eq!(
        forms,
        [("9 a".into(), 1), ("9.9.9".into(), 1), ("a. 9".into(), 1)]
    );
    let w = s
        .warnings
        .iter()
        .find(|w| w.code == "numbers_not_read")
        .expect("a warning");
    assert_eq!(w.column.as_deref(), Some("Udgift pr. måned"));
    assert_eq!(w.count, Some(3));
    assert!(w.da.contains("9.9.9") && !w.da.contains("kr"), "{}", w.da);
}

#[test]
fn sd_stays_exact_far_from_zero() {
    // Python 3: v = [1000000000.1, 1000000000.2, 999999999.9, 1000000000.0, 1000000000.3,
    // 999999999.8, 1000000000.1, 999999999.9]; statistics.mean(v) = 1000000000.0375,
    // statistics.stdev(v) = 0.16850181524521032. The sum of squares loses all of it.
    let v = [
        "1000000000.1",
        "1000000000.2",
        "999999999.9",
        "1000000000.0",
        "1000000000.3",
        "999999999.8",
        "1000000000.1",
        "999999999.9",
    ];
    let s = summary(&one_column("Beløb", &v));
    let st = numbers(&s, "Beløb");
    assert_close(st.mean, 1000000000.0375, 1e-6);
    assert_close(st.sd, 0.16850181524521032, 1e-7);

    // Python 3: statistics.stdev([10000000.1, 9999999.9, 10000000.0, 10000000.2, 9999999.8,
    // 10000000.1]) = 0.14719601389044956.
    let v = [
        "10000000.1",
        "9999999.9",
        "10000000.0",
        "10000000.2",
        "9999999.8",
        "10000000.1",
    ];
    let st = summary(&one_column("Beløb", &v)).columns[1]
        .numeric
        .clone()
        .unwrap();
    assert_close(st.sd, 0.14719601389044956, 1e-8);

    // 3,000 distinct values, past the kept ones, read cell by cell: 1e9 + i/1000 for i in
    // 0..3000. Python 3: statistics.mean(v) = 1000000001.4995, statistics.stdev(v) =
    // 0.8661697293267118 (= 0.001·√(3000·3001/12)).
    let v: Vec<String> = (0..3000)
        .map(|i| format!("{}.{:03}", 1_000_000_000 + i / 1000, i % 1000))
        .collect();
    let refs: Vec<&str> = v.iter().map(String::as_str).collect();
    let d = read_text(&one_column("Beløb", &refs));
    assert!(d.columns[1].profile.overflowed);
    let (mean, sd) = d.columns[1].numeric.mean_sd();
    assert_eq!(d.columns[1].numeric.n, 3000.0);
    assert_close(mean, 1000000001.4995, 1e-6);
    assert_close(sd, 0.8661697293267118, 1e-6);
}

#[test]
fn invited_typed_the_danish_way() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tilfreds"))
        .args([
            "summary",
            &format!(
                "{}/tests/fixtures/waves_2023.csv",
                env!("CARGO_MANIFEST_DIR")
            ),
            "--invited",
            "17.177",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Summary = serde_json::from_slice(&out.stdout).unwrap();
    let r = s.response.expect("a response rate");
    assert_eq!(r.invited, 17177);
    assert_close(r.rate_pct, s.rows as f64 * 100.0 / 17177.0, 1e-9);
    // A decimal is no number of people.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tilfreds"))
        .args([
            "summary",
            &format!(
                "{}/tests/fixtures/waves_2023.csv",
                env!("CARGO_MANIFEST_DIR")
            ),
            "--invited",
            "17,5",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn weights_are_read_with_the_same_grammar() {
    let weights = |cells: &[&str]| {
        let d = read_text(&one_column("Vægt", cells));
        let mut w = tilfreds::analyze::weights::weight_values(&d, 1).unwrap();
        w.remove(0);
        w.into_iter().map(Option::unwrap).collect::<Vec<f64>>()
    };
    // In the order first seen. "1,250" beside "0,5" is one and a quarter; beside "0.5" (the
    // English way) it is twelve hundred and fifty.
    assert_eq!(weights(&["0,5", "1,250", "2"]), [0.5, 1.25, 2.0]);
    assert_eq!(weights(&["0.5", "1,250", "2"]), [0.5, 1250.0, 2.0]);
    // "1.500" beside a decimal comma is fifteen hundred; "1.000,5" is grouped.
    assert_eq!(weights(&["1.500", "2,5", "1.000,5"]), [1500.0, 2.5, 1000.5]);
}
