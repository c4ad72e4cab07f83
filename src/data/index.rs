//! Index scores: a named mean of chosen scale questions, derived as a column of its own.
//!
//! Per respondent the score is the mean of the items answered on their common scale, when at
//! least half of the items are answered (non-substantive answers such as "Ved ikke" and answers
//! off the scale count as not answered); otherwise the respondent has no score. The scores take
//! few distinct values (fractions with the number of answered items as denominator), so the
//! index is a coded column like any other: breakdowns, cross-tables and the disclosure gate
//! count it unchanged.

#[cfg(feature = "index")]
use std::collections::HashMap;

use crate::model::dataset::Dataset;
#[cfg(feature = "index")]
use crate::model::dataset::{ColumnData, NumericAcc, CODE_EMPTY, CODE_OTHER};
#[cfg(feature = "index")]
use crate::model::kinds::{Inferred, Kind, ValueRole};
use crate::model::options::SummaryOptions;
#[cfg(feature = "index")]
use crate::model::options::{ColumnOverride, IndexSpec};
#[cfg(feature = "index")]
use crate::model::profile::{ColumnProfile, IndexColumn};
#[cfg(feature = "index")]
use crate::util::text;
use crate::words::errors::Error;

/// The most distinct scores an index column holds (its per-row codes are bytes).
pub const MAX_SCORES: usize = 254;

/// Answered items a respondent needs for a score out of `items`: half, rounded up.
pub fn min_items(items: usize) -> usize {
    items.div_ceil(2)
}

#[cfg(feature = "index")]
/// An item as the index reads it: per row code, the item's value on the common scale.
struct Item {
    codes: Vec<u8>,
    /// Per code (0 = empty, i + 1 = value i): the value, or `None` when not answered.
    value_of: [Option<i64>; 256],
}

impl Dataset {
    /// The dataset with each index of `opts.indices` added as a column at the end, in the
    /// order given, or `None` when no index is asked for. An error names the first index that
    /// cannot be made: an item that is no column, or no scale question, or on a scale with
    /// another number of steps than the first item's.
    pub fn with_indices(&self, opts: &SummaryOptions) -> Result<Option<Dataset>, Error> {
        if opts.indices.is_empty() {
            return Ok(None);
        }
        #[cfg(not(feature = "index"))]
        return Err(Error::IndexUnavailable);
        #[cfg(feature = "index")]
        {
            let mut out = self.clone();
            for spec in &opts.indices {
                let column = out.index_column(spec, &opts.overrides)?;
                out.columns.push(column);
            }
            Ok(Some(out))
        }
    }
}

#[cfg(feature = "index")]
impl Dataset {
    /// The column of one index score.
    fn index_column(
        &self,
        spec: &IndexSpec,
        overrides: &[ColumnOverride],
    ) -> Result<ColumnData, Error> {
        let index = spec.name.trim().to_string();
        let key = text::lower(&index);
        if self
            .columns
            .iter()
            .any(|c| text::lower(c.profile.name.trim()) == key)
        {
            return Err(Error::IndexNameTaken { index });
        }
        let mut found: Vec<usize> = Vec::new();
        for item in &spec.items {
            let i = self
                .find_column(item)
                .ok_or_else(|| Error::IndexItemNotFound {
                    index: index.clone(),
                    item: item.trim().to_string(),
                })?;
            if !found.contains(&i) {
                found.push(i);
            }
        }
        if found.len() < 2 {
            return Err(Error::IndexTooFewItems { index });
        }
        let first = &self.columns[found[0]];
        let mut points = None;
        for &i in &found {
            let col = &self.columns[i];
            let not_scale = || Error::IndexItemNotScale {
                index: index.clone(),
                item: col.profile.name.clone(),
            };
            let scale = scale_points(col, overrides).ok_or_else(not_scale)?;
            match points {
                None => points = Some(scale),
                Some(expected) if expected != scale => {
                    return Err(Error::IndexScalesDiffer {
                        index,
                        first: first.profile.name.clone(),
                        expected,
                        item: col.profile.name.clone(),
                        points: scale,
                    })
                }
                Some(_) => {}
            }
        }
        let points = points.unwrap_or(0);
        // The items' own numbering when they share it (0–10), else 1 for the most negative step.
        let first_codes: Vec<i32> = found
            .iter()
            .filter_map(|&i| self.columns[i].inferred.scale.as_ref())
            .map(|s| s.first_code)
            .collect();
        let scale_min = match first_codes.windows(2).all(|w| w[0] == w[1]) {
            true => first_codes.first().copied().unwrap_or(1),
            false => 1,
        };
        let items: Vec<Item> = found
            .iter()
            .map(|&i| item(&self.columns[i], points, scale_min))
            .collect();
        let min_items = min_items(items.len());
        let rows = self.facts.rows as usize;
        // Per row: the score as the reduced fraction (sum, answered), numbered in order seen.
        let mut numbered: HashMap<(i64, i64), usize> = HashMap::new();
        let mut fractions: Vec<((i64, i64), u64)> = Vec::new();
        let mut row_fraction: Vec<u32> = vec![u32::MAX; rows];
        let mut too_few_items = 0u64;
        for (row, slot) in row_fraction.iter_mut().enumerate() {
            let (mut sum, mut answered) = (0i64, 0i64);
            for it in &items {
                let code = it.codes.get(row).copied().unwrap_or(CODE_EMPTY);
                if let Some(v) = it.value_of[code as usize] {
                    sum += v;
                    answered += 1;
                }
            }
            if answered == 0 {
                continue;
            }
            if (answered as usize) < min_items {
                too_few_items += 1;
                continue;
            }
            let g = gcd(sum.unsigned_abs(), answered as u64).max(1) as i64;
            let key = (sum / g, answered / g);
            let k = *numbered.entry(key).or_insert_with(|| {
                fractions.push((key, 0));
                fractions.len() - 1
            });
            fractions[k].1 += 1;
            *slot = k as u32;
        }
        if fractions.len() > MAX_SCORES {
            return Err(Error::IndexTooManyScores {
                index,
                max: MAX_SCORES,
            });
        }
        // The highest score first, as a scale's most positive step.
        let score = |(s, d): (i64, i64)| s as f64 / d as f64;
        let mut order: Vec<usize> = (0..fractions.len()).collect();
        order.sort_by(|&a, &b| score(fractions[b].0).total_cmp(&score(fractions[a].0)));
        let mut code_of = vec![CODE_EMPTY; fractions.len()];
        for (position, &k) in order.iter().enumerate() {
            code_of[k] = position as u8 + 1;
        }
        let codes: Vec<u8> = row_fraction
            .iter()
            .map(|&k| match k {
                u32::MAX => CODE_EMPTY,
                k => code_of[k as usize],
            })
            .collect();
        debug_assert!(codes.iter().all(|&c| c != CODE_OTHER));
        let scores: Vec<f64> = order.iter().map(|&k| score(fractions[k].0)).collect();
        let labels = score_labels(&scores);
        let mut numeric = NumericAcc::default();
        let mut values = Vec::with_capacity(order.len());
        for ((&k, label), &s) in order.iter().zip(labels).zip(&scores) {
            let count = fractions[k].1;
            numeric.add(s, count as f64);
            values.push((label, count));
        }
        let scored: u64 = values.iter().map(|(_, n)| n).sum();
        let profile = ColumnProfile {
            name: index,
            rows: self.facts.rows,
            empty: self.facts.rows - scored,
            numeric_cells: scored,
            max_len: values.iter().map(|(v, _)| v.len()).max().unwrap_or(0),
            total_len: values.iter().map(|(v, n)| v.len() as u64 * n).sum(),
            values,
            index: Some(Box::new(IndexColumn {
                items: found
                    .iter()
                    .map(|&i| self.columns[i].profile.name.clone())
                    .collect(),
                min_items,
                scale_min,
                scale_max: scale_min + points as i32 - 1,
                scores,
                too_few_items,
            })),
            ..ColumnProfile::default()
        };
        Ok(ColumnData {
            profile,
            inferred: Inferred::plain(Kind::Number),
            codes: Some(codes),
            numeric,
            row_numbers: None,
            pre_merge: None,
        })
    }
}

#[cfg(feature = "index")]
/// The number of steps of a column counted as a scale question under the user's choices, or
/// `None` when it is not one (another kind chosen, left out, personal data, no row codes).
fn scale_points(col: &ColumnData, overrides: &[ColumnOverride]) -> Option<usize> {
    let p = &col.profile;
    let o = overrides
        .iter()
        .find(|o| o.column == p.name || p.variable.as_deref().is_some_and(|v| v == o.column));
    let kind = o.and_then(|o| o.kind).unwrap_or(col.inferred.kind);
    let personal = col.inferred.personal_data && !o.is_some_and(|o| o.include_personal);
    let excluded = o.is_some_and(|o| o.exclude) || personal;
    let scale = col.inferred.scale.as_ref()?;
    (kind == Kind::Likert && !excluded && col.codes.is_some() && p.index.is_none())
        .then(|| scale.points())
}

#[cfg(feature = "index")]
#[cfg(feature = "index")]
/// An item's per-row codes and each code's value on the common scale: step `k` (0 = most
/// positive) is `scale_min + points − 1 − k`; anything else is not answered.
fn item(col: &ColumnData, points: usize, scale_min: i32) -> Item {
    let mut value_of = [None; 256];
    for (i, role) in col.inferred.roles.iter().enumerate().take(254) {
        if let ValueRole::Step(k) = *role {
            if k < points {
                value_of[i + 1] = Some((scale_min + (points - 1 - k) as i32) as i64);
            }
        }
    }
    Item {
        codes: col.codes.clone().unwrap_or_default(),
        value_of,
    }
}

#[cfg(feature = "index")]
fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(feature = "index")]
/// A label per score, with a decimal comma and as few decimals as show it exactly (at most
/// three: "4", "4,5", "4,333"), more where two would read alike.
fn score_labels(scores: &[f64]) -> Vec<String> {
    let label = |s: f64, most: usize| {
        let decimals = (0..most)
            .find(|&d| {
                let scaled = s * 10f64.powi(d as i32);
                (scaled - scaled.round()).abs() < 1e-9
            })
            .unwrap_or(most);
        format!("{s:.decimals$}").replace('.', ",")
    };
    let short: Vec<String> = scores.iter().map(|&s| label(s, 3)).collect();
    let distinct = short
        .iter()
        .enumerate()
        .all(|(i, l)| !short[..i].contains(l));
    match distinct {
        true => short,
        false => scores.iter().map(|&s| label(s, 9)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_short_and_distinct() {
        assert_eq!(
            score_labels(&[5.0, 4.5, 13.0 / 3.0, 4.25]),
            ["5", "4,5", "4,333", "4,25"]
        );
        assert_eq!(min_items(3), 2);
        assert_eq!(min_items(4), 2);
        assert_eq!(gcd(12, 8), 4);
    }
}
