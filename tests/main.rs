//! The integration tests, in one binary: one build and link instead of one per file, and the
//! helpers in `util` shared instead of copied.

// The import rules of docs/ARCHITECTURE.md, and no import cycles.
mod architecture;
// An attacker that tries to work out withheld numbers from everything published (LP audit).
mod attacker;
// Cross-tables, weights, waves and the command line's subcommands.
mod analysis;
// The command line's usage errors, failures and plain summary.
mod cli;
// Fixture exports in every dialect the reader supports.
mod fixtures;
// A header row that is really a row of answers.
mod header_row;
// Header layouts: variable rows, spanning question rows, variable names kept.
mod headers;
// A large export read in odd chunks.
mod large;
// Answer categories merged before counting.
mod merge;
// The number formats, against the fixture the page's formatter shares.
mod number_format;
// Numbers in every shape, never dropped in silence; a stable mean and sd.
mod numbers;
// Personal data caught in every shape.
mod personal_data;
// Properties for any input (proptest; saved cases in proptest-regressions/properties.txt).
mod properties;
// One test per bug found by fuzzing or reported by users.
mod regression;
// Statistics that never overclaim: multiplicity, group differences, small n, a null simulation.
mod statistics;
// Answer scales: never two answers in one step, never a silent guess of the range.
mod scales;
// Scales the user defines for unrecognised columns.
mod scale_override;
// Exports of the survey tools municipalities use.
mod tools;
// Excel workbooks read into the same dataset as their CSV; bad workbooks refused.
#[cfg(feature = "xlsx")]
mod xlsx;
// Hovedresultater: which sentences, and never a withheld group.
mod findings;
// SurveyXact's status columns: who answered, and the number invited.
mod response_status;
// Index scores: the mean of chosen scale questions, with its interval, groups and waves.
mod index;
// Groups in their natural order, or by result or name.
mod group_order;
// SPSS data files read into the same dataset as their CSV; bad files refused.
#[cfg(feature = "sav")]
mod sav;
// The report as Word and PowerPoint files, and LibreOffice's reading of them.
#[cfg(all(feature = "office", feature = "xlsx"))]
mod office;
// Helpers shared by the modules above.
mod util;
