//! What one pass over a file leaves behind: per-column dictionaries, per-row value codes and
//! the facts about how the file was read. Everything after reading works on this.

use serde::{Deserialize, Serialize};

use crate::model::kinds::Inferred;
use crate::model::profile::ColumnProfile;
use crate::util::number::{scan_number, Convention, NumberShape, Scanned, ShapeTally};
use crate::util::text;

/// Code for an empty cell.
pub(crate) const CODE_EMPTY: u8 = 0;
/// Code for a value not in the column's first 254 distinct values.
pub(crate) const CODE_OTHER: u8 = 255;

/// The mean and spread of numbers, kept by Welford's method (weighted, as West 1979) on the
/// values less the first one: the running mean of the differences and the sum of squared
/// deviations from it. Amounts near 10⁹ that differ by tenths keep every digit of their
/// spread, which the sum of squares (Σx² − n·x̄²) loses to cancellation.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NumericAcc {
    /// Weight (cells) seen.
    pub n: f64,
    /// The first value: every value is kept as its difference from it.
    shift: f64,
    /// Running mean of the differences.
    mean: f64,
    /// Sum of squared deviations from the mean.
    m2: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
}

impl NumericAcc {
    /// Adds `value` seen `weight` times.
    #[inline]
    pub fn add(&mut self, value: f64, weight: f64) {
        if !value.is_finite() || weight.is_nan() || weight <= 0.0 {
            return;
        }
        if self.n == 0.0 {
            self.shift = value;
            self.min = value;
            self.max = value;
        } else {
            self.min = self.min.min(value);
            self.max = self.max.max(value);
        }
        let y = value - self.shift;
        self.n += weight;
        let delta = y - self.mean;
        self.mean += delta * weight / self.n;
        self.m2 += weight * delta * (y - self.mean);
    }

    /// Adds everything `other` has seen (Chan, Golub and LeVeque's pairwise update).
    pub fn merge(&mut self, other: &NumericAcc) {
        if other.n == 0.0 {
            return;
        }
        if self.n == 0.0 {
            *self = *other;
            return;
        }
        let n = self.n + other.n;
        let other_mean = other.mean + (other.shift - self.shift);
        let delta = other_mean - self.mean;
        self.mean += delta * other.n / n;
        self.m2 += other.m2 + delta * delta * self.n * other.n / n;
        self.n = n;
        self.min = self.min.min(other.min);
        self.max = self.max.max(other.max);
    }

    /// The same numbers each divided by `divisor` (> 0).
    pub fn divided(&self, divisor: f64) -> NumericAcc {
        NumericAcc {
            n: self.n,
            shift: self.shift / divisor,
            mean: self.mean / divisor,
            m2: self.m2 / (divisor * divisor),
            min: self.min / divisor,
            max: self.max / divisor,
        }
    }

    /// The mean (NaN when nothing was added).
    pub fn mean(&self) -> f64 {
        if self.n == 0.0 {
            f64::NAN
        } else {
            self.shift + self.mean
        }
    }

    /// Mean and sample standard deviation.
    pub fn mean_sd(&self) -> (f64, f64) {
        if self.n == 0.0 {
            return (f64::NAN, f64::NAN);
        }
        if self.n < 2.0 {
            return (self.mean(), 0.0);
        }
        (self.mean(), (self.m2 / (self.n - 1.0)).max(0.0).sqrt())
    }
}

/// A column's numbers while its convention is not yet known: an ambiguous "1.234" or "1,234"
/// is kept apart in its grouping reading (1234) until the column's other values say how the
/// column writes numbers ([`ShapeTally`]); then [`Self::settle`] reads them that way. No
/// allocation per value.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PendingNumbers {
    /// Values whose reading does not depend on the convention.
    settled: NumericAcc,
    /// "1.234": 1234 the Danish way, 1.234 the English way.
    point: NumericAcc,
    /// "1,234": 1234 the English way, 1.234 the Danish way.
    comma: NumericAcc,
    /// The shapes seen.
    pub tally: ShapeTally,
    /// Cells that held a number.
    pub cells: u64,
}

impl PendingNumbers {
    /// Adds `count` cells holding `bytes`; false when `bytes` is no number.
    #[inline]
    pub fn add(&mut self, bytes: &[u8], count: u64) -> bool {
        let Some(s) = scan_number(bytes) else {
            return false;
        };
        self.add_scanned(s, count);
        true
    }

    /// Adds `count` cells holding the number `s`, already read.
    #[inline]
    pub fn add_scanned(&mut self, s: Scanned, count: u64) {
        self.tally.add(s.shape, count);
        self.cells += count;
        let weight = count as f64;
        match s.shape {
            NumberShape::AmbiguousPoint => self.point.add(s.value(Convention::Danish), weight),
            NumberShape::AmbiguousComma => self.comma.add(s.value(Convention::English), weight),
            _ => self.settled.add(s.value(Convention::Danish), weight),
        }
    }

    /// Adds what `other` has seen.
    pub fn merge(&mut self, other: &PendingNumbers) {
        self.settled.merge(&other.settled);
        self.point.merge(&other.point);
        self.comma.merge(&other.comma);
        self.tally = self.tally.merged(other.tally);
        self.cells += other.cells;
    }

    /// The numbers with the ambiguous ones read in `convention`.
    pub fn settle(&self, convention: Convention) -> NumericAcc {
        let mut acc = self.settled;
        match convention {
            Convention::Danish => {
                acc.merge(&self.point);
                acc.merge(&self.comma.divided(1000.0));
            }
            Convention::English => {
                acc.merge(&self.point.divided(1000.0));
                acc.merge(&self.comma);
            }
        }
        acc
    }

    /// The convention of the column: its own values' if they say, else `fallback`'s (the
    /// file's other columns), else `last` (the language of the file's headers).
    pub fn convention(&self, fallback: ShapeTally, last: Convention) -> Convention {
        self.tally
            .convention()
            .or(fallback.convention())
            .unwrap_or(last)
    }
}

/// A column's numbers from its distinct values and their counts, read in the column's
/// convention (`fallback`: the file's shapes when the column's own say nothing; then the
/// Danish way), and the cells that held a number.
pub fn numbers_of<'a>(
    values: impl IntoIterator<Item = (&'a [u8], u64)>,
    fallback: ShapeTally,
) -> (NumericAcc, u64) {
    let mut pending = PendingNumbers::default();
    for (bytes, count) in values {
        pending.add(bytes, count);
    }
    let convention = pending.convention(fallback, Convention::Danish);
    (pending.settle(convention), pending.cells)
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
    /// Of the rows, those the export's status marks as complete, when it has a status.
    pub completed: Option<u64>,
    /// Of the rows, those the export's status marks as partly answered.
    pub partial: Option<u64>,
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
    /// Per row, the number in the cell (NaN for an empty cell), to 7 significant digits: kept
    /// only for a column of numbers with too many distinct values for `codes` (calibration
    /// weights), so such a column can still weight. `None` for every other column, and for a
    /// column with a cell that is no number.
    pub row_numbers: Option<Vec<f32>>,
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
    /// Per row, the number in the cell (NaN when empty): the numbers kept per row, or those of
    /// the values the row codes name, read in the column's convention. `None` when a cell is
    /// no number, or the column keeps neither.
    pub fn numbers_per_row(&self) -> Option<Vec<f32>> {
        if let Some(numbers) = &self.row_numbers {
            return Some(numbers.clone());
        }
        let codes = self.codes.as_deref()?;
        let values = &self.profile.values;
        let convention = crate::util::number::column_convention(
            values.iter().map(|(v, n)| (v.trim().as_bytes(), *n)),
        );
        let per_code: Vec<f32> =
            std::iter::once(Some(f32::NAN))
                .chain(values.iter().map(|(v, _)| {
                    scan_number(v.trim().as_bytes()).map(|s| s.value(convention) as f32)
                }))
                .collect::<Option<_>>()?;
        codes
            .iter()
            .map(|&c| per_code.get(c as usize).copied())
            .collect()
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_and_divided_numbers_equal_the_numbers_added_at_once() {
        let values = [1e9 + 0.1, 1e9 - 0.2, 1e9 + 0.3, 1e9, 2.5e9, -3.0, 7.25];
        let mut all = NumericAcc::default();
        let (mut left, mut right) = (NumericAcc::default(), NumericAcc::default());
        for (i, &v) in values.iter().enumerate() {
            all.add(v, 2.0);
            if i < 3 { &mut left } else { &mut right }.add(v, 2.0);
        }
        left.merge(&right);
        let ((m1, s1), (m2, s2)) = (all.mean_sd(), left.mean_sd());
        assert!((m1 - m2).abs() <= 1e-6 && (s1 / s2 - 1.0).abs() < 1e-12);
        assert_eq!((left.n, left.min, left.max), (14.0, -3.0, 2.5e9));
        let thousandth = all.divided(1000.0);
        let (m3, s3) = thousandth.mean_sd();
        assert!((m3 * 1000.0 / m1 - 1.0).abs() < 1e-15 && (s3 * 1000.0 / s1 - 1.0).abs() < 1e-15);
        assert_eq!(thousandth.max, 2.5e6);
        assert!(NumericAcc::default().mean().is_nan());
    }
}
