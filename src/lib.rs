//! Tilfreds: a survey analyzer core that reads survey exports (SurveyXact, Qualtrics,
//! SurveyMonkey, Google Forms, Excel), recognises which columns are questions and which are
//! groups, computes the statistics and lays out the charts.
//!
//! The core is platform-free: it runs natively (tests, the `tilfreds` command-line program) and
//! compiled to WebAssembly in the browser, where the thin `tilfreds-web` crate wraps it.
//!
//! ```
//! let csv = "Ydelse;Hvor tilfreds er du?\nSygedagpenge;Meget tilfreds\nKontanthjælp;Tilfreds\n";
//! let dataset = tilfreds::read_bytes(csv.as_bytes()).unwrap();
//! let summary = dataset.summary(&tilfreds::SummaryOptions::default());
//! assert_eq!(summary.rows, 2);
//! ```

pub mod chart;
pub mod compute;
pub mod crosstab;
pub mod dataset;
pub mod decode;
pub mod dialect;
pub mod dict;
pub(crate) mod draw;
pub mod error;
pub mod export;
pub mod i18n;
pub mod infer;
pub mod kinds;
pub mod multiselect;
pub mod pii;
pub mod profile;
pub mod reader;
pub mod scan;
pub(crate) mod sort;
pub mod stats;
pub mod summary;
pub mod surveyxact;
pub mod text;
pub mod views;
pub mod waves;
pub mod weights;

pub use dataset::Dataset;
pub use error::Error;
pub use i18n::Lang;
pub use reader::{Analyzer, ReadOptions};
pub use summary::{Summary, SummaryOptions};

/// Reads a whole export held in memory. Equivalent to one `Analyzer::push` and `finish`.
pub fn read_bytes(bytes: &[u8]) -> Result<Dataset, Error> {
    let mut analyzer = Analyzer::new(ReadOptions::default());
    analyzer.push(bytes)?;
    analyzer.finish()
}
