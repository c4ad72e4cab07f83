//! Tilfreds: a survey analyzer core that reads survey exports (SurveyXact, Qualtrics,
//! SurveyMonkey, Google Forms, Excel), recognises which columns are questions and which are
//! groups, computes the statistics and lays out the charts.
//!
//! The core is platform-free: it runs natively (tests, the `tilfreds` command-line program) and
//! compiled to WebAssembly in the browser, where the thin `tilfreds-web` crate wraps it.
//!
//! # Steps
//! The data walks one way; `docs/ARCHITECTURE.md` is the map and states the import rules.
//! 1. [`read`]: bytes to a [`Dataset`].
//! 2. [`infer`]: what each column is (question, group, identifier, free text …).
//! 3. [`analyze`]: the numbers the user asked for, as typed results.
//! 4. [`protect`]: disclosure control; every published count passes it.
//! 5. [`present`]: views, tables, exports and charts.
//!
//! Below the stages: [`model`] (the dataset and its kinds), [`stats`] (pure formulas),
//! [`words`] (every sentence, in Danish and English) and [`util`].
//!
//! ```
//! let csv = "Ydelse;Hvor tilfreds er du?\nSygedagpenge;Meget tilfreds\nKontanthjælp;Tilfreds\n";
//! let dataset = tilfreds::read_bytes(csv.as_bytes()).unwrap();
//! let summary = dataset.summary(&tilfreds::SummaryOptions::default());
//! assert_eq!(summary.rows, 2);
//! ```

pub mod analyze;
pub mod data;
pub mod infer;
pub mod model;
pub mod present;
pub mod protect;
pub mod read;
pub mod stats;
pub mod util;
pub mod words;

pub use analyze::summary::{Summary, SummaryOptions};
pub use model::dataset::Dataset;
pub use read::reader::{Analyzer, ReadOptions};
pub use words::errors::Error;
pub use words::lang::Lang;

/// Reads a whole export held in memory. Equivalent to one `Analyzer::push` and `finish`.
pub fn read_bytes(bytes: &[u8]) -> Result<Dataset, Error> {
    read_with(bytes, &ReadOptions::default())
}

/// Reads a whole file held in memory as `options` say: a text export, or (with the `xlsx`
/// feature) an Excel workbook, from the sheet [`ReadOptions::sheet`] names or else the first
/// visible sheet with data. The file's bytes decide what it is, never its name.
pub fn read_with(bytes: &[u8], options: &ReadOptions) -> Result<Dataset, Error> {
    let mut analyzer = Analyzer::new(options.clone());
    analyzer.push(bytes)?;
    analyzer.finish()
}
