//! Helpers shared by the integration tests: reading fixtures and made-up exports, finding
//! columns and counts in a summary, comparing floats.

use serde_json::Value;
use tilfreds::analyze::summary::ColumnSummary;
use tilfreds::{Dataset, Summary, SummaryOptions};

/// The five steps of the satisfaction scale, most positive first.
pub const STEPS: [&str; 5] = [
    "Meget tilfreds",
    "Tilfreds",
    "Hverken tilfreds eller utilfreds",
    "Utilfreds",
    "Meget utilfreds",
];

/// The bytes of `tests/fixtures/{file}`.
pub fn fixture(file: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fixture `file`, read.
pub fn read_fixture(file: &str) -> Dataset {
    tilfreds::read_bytes(&fixture(file)).unwrap()
}

/// The summary of the fixture `file`.
pub fn summary_of(file: &str, opts: &SummaryOptions) -> Summary {
    read_fixture(file).summary(opts)
}

/// An export written in the test, read.
pub fn read_text(text: &str) -> Dataset {
    tilfreds::read_bytes(text.as_bytes()).expect("readable")
}

/// A CSV with header `header` and, for each `(cells, times)`, `times` identical rows.
pub fn csv(header: &str, rows: &[(&str, usize)]) -> String {
    let mut out = format!("{header}\n");
    for (cells, times) in rows {
        for _ in 0..*times {
            out.push_str(cells);
            out.push('\n');
        }
    }
    out
}

/// The column of the summary with header `name`.
pub fn column<'a>(s: &'a Summary, name: &str) -> &'a ColumnSummary {
    s.columns
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// How many answered `label` in the column (0 when the label is not counted).
pub fn count(c: &ColumnSummary, label: &str) -> u64 {
    c.counts
        .as_ref()
        .and_then(|m| m.get(label))
        .and_then(Value::as_u64)
        .unwrap_or(0)
}

/// Equal up to rounding: for figures counted by hand.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// Asserts `got` is within `tol` of `want`: for figures computed by other software.
#[track_caller]
pub fn assert_close(got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "got {got}, want {want} (tolerance {tol})"
    );
}
