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

/// SplitMix64 (Steele, Lea and Flood 2014): a small seeded generator, so generated data is the
/// same on every run and machine.
pub struct SplitMix(pub u64);

impl SplitMix {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// An index drawn with the given weights.
    pub fn pick(&mut self, weights: &[u64]) -> usize {
        let mut x = self.below(weights.iter().sum());
        for (i, &w) in weights.iter().enumerate() {
            if x < w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}
