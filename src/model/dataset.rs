//! What one pass over a file leaves behind: per-column dictionaries, per-row value codes and
//! the facts about how the file was read. Everything after reading works on this.

use serde::{Deserialize, Serialize};

use crate::model::kinds::Inferred;
use crate::model::profile::ColumnProfile;
use crate::util::text;

/// Code for an empty cell.
pub(crate) const CODE_EMPTY: u8 = 0;
/// Code for a value not in the column's first 254 distinct values.
pub(crate) const CODE_OTHER: u8 = 255;

/// Running sums for the mean and spread of numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NumericAcc {
    /// Weight (cells) seen.
    pub n: f64,
    /// Sum of values.
    pub sum: f64,
    /// Sum of squared values.
    pub sum_sq: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

impl NumericAcc {
    /// Adds `value` seen `weight` times.
    pub fn add(&mut self, value: f64, weight: f64) {
        if !value.is_finite() {
            return;
        }
        if self.n == 0.0 {
            self.min = value;
            self.max = value;
        } else {
            self.min = self.min.min(value);
            self.max = self.max.max(value);
        }
        self.n += weight;
        self.sum += value * weight;
        self.sum_sq += value * value * weight;
    }

    /// Mean and sample standard deviation.
    pub fn mean_sd(&self) -> (f64, f64) {
        if self.n == 0.0 {
            return (f64::NAN, f64::NAN);
        }
        let mean = self.sum / self.n;
        if self.n < 2.0 {
            return (mean, 0.0);
        }
        let var = ((self.sum_sq - self.n * mean * mean) / (self.n - 1.0)).max(0.0);
        (mean, var.sqrt())
    }
}

/// Facts about the rows of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadFacts {
    /// Data rows (respondents).
    pub rows: u64,
    /// Rows with no values at all, skipped.
    pub blank_rows: u64,
    /// Rows with fewer fields than the header, padded with blanks.
    pub padded_rows: u64,
    /// Rows with more non-empty fields than the header, cut.
    pub truncated_rows: u64,
    /// Record number of the first padded row.
    pub first_padded_row: Option<u64>,
    /// Record number of the first cut row.
    pub first_truncated_row: Option<u64>,
    /// Cells whose bytes were not valid in the file's encoding.
    pub invalid_values: u64,
    /// Everyone invited, when the export itself says so (SurveyXact lists non-respondents with
    /// a status; they are left out of `rows` and of every statistic).
    pub invited: Option<u64>,
}

/// One column after reading.
#[derive(Debug, Clone)]
pub struct ColumnData {
    /// Header, distinct values and counts.
    pub profile: ColumnProfile,
    /// The recognised kind and scale.
    pub inferred: Inferred,
    /// Per row: 0 for empty, i+1 for `profile.values[i]` (i < 254), 255 otherwise. `None` when
    /// the column has too many distinct values to break down by.
    pub codes: Option<Vec<u8>>,
    /// Numbers in the column.
    pub numeric: NumericAcc,
    /// The column as it was in the file, when the user merged values: disclosure control
    /// decides on the values in the file, so a merge cannot move what is withheld.
    pub pre_merge: Option<Box<PreMerge>>,
}

/// A column's values and row codes before the user's merges.
#[derive(Debug, Clone)]
pub struct PreMerge {
    /// The values in the file with their counts.
    pub values: Vec<(String, u64)>,
    /// Per row: the code of the value in the file (as in [`ColumnData::codes`]).
    pub codes: Vec<u8>,
    /// Per value in the file: the index of the merged value it is counted as.
    pub merged_into: Vec<usize>,
}

/// A column's values as in the file, their per-row codes and where each was merged into.
pub type FileValues<'a> = (&'a [(String, u64)], &'a [u8], Vec<usize>);

impl ColumnData {
    /// The values as they are in the file, their per-row codes and, per value, the index of
    /// the value it is counted as after the user's merges.
    pub fn file_values(&self) -> Option<FileValues<'_>> {
        match &self.pre_merge {
            Some(p) => Some((&p.values, &p.codes, p.merged_into.clone())),
            None => {
                let codes = self.codes.as_deref()?;
                let values = &self.profile.values;
                Some((values, codes, (0..values.len()).collect()))
            }
        }
    }
}

/// A file read once, ready to be summarised any number of ways.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// How the file was read.
    pub dialect: DialectInfo,
    /// Facts about its rows.
    pub facts: ReadFacts,
    /// Its columns in file order.
    pub columns: Vec<ColumnData>,
}

impl Dataset {
    /// Finds a column by header text (exact, then ignoring case and surrounding spaces), then by
    /// the variable name kept beside it (Qualtrics' "Q4", the same way), or by 1-based
    /// position.
    pub fn find_column(&self, key: &str) -> Option<usize> {
        let key_trim = key.trim();
        self.columns
            .iter()
            .position(|c| c.profile.name == key)
            .or_else(|| {
                self.columns
                    .iter()
                    .position(|c| c.profile.name.trim().eq_ignore_ascii_case(key_trim))
            })
            .or_else(|| {
                let lower = text::lower(key_trim);
                self.columns
                    .iter()
                    .position(|c| text::lower(c.profile.name.trim()) == lower)
            })
            .or_else(|| {
                fn variable(c: &ColumnData) -> Option<&str> {
                    c.profile.variable.as_deref().map(str::trim)
                }
                self.columns
                    .iter()
                    .position(|c| variable(c) == Some(key_trim))
                    .or_else(|| {
                        let lower = text::lower(key_trim);
                        self.columns
                            .iter()
                            .position(|c| variable(c).is_some_and(|v| text::lower(v) == lower))
                    })
            })
            .or_else(|| {
                key_trim
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=self.columns.len()).contains(n))
                    .map(|n| n - 1)
            })
    }
}

/// How the file was read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DialectInfo {
    /// "utf-8", "utf-8-bom", "utf-16le", "utf-16be" or "windows-1252".
    pub encoding: String,
    /// The field delimiter: ";", ",", "\t" or "|".
    pub delimiter: String,
    /// Header rows folded into one label per column (1 normally; 2 SurveyMonkey, a variable row
    /// over question texts, or questions spanning their sub-items; 3 Qualtrics; 0 when read with [`ReadOptions::no_header`](crate::ReadOptions::no_header)).
    pub header_rows: usize,
    /// "crlf", "lf" or "cr".
    pub line_ending: String,
    /// The survey tool the layout points to, when recognisable ("qualtrics", "surveymonkey", …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The header row looks like a respondent's answers, not like headers: the file may have
    /// no header row (see [`header_looks_like_data`](crate::infer::header_row::header_looks_like_data)).
    /// Reading it again with [`ReadOptions::no_header`](crate::ReadOptions::no_header) counts
    /// the first row as answers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub header_looks_like_data: bool,
}
