//! Weighted statistics for a Likert question: weighted counts and percentages, weighted mean
//! and spread, Kish's effective sample size and design effect, and intervals widened by the
//! design effect.
//!
//! Weights are sampling weights (for example post-stratification weights that make the
//! respondents match the population by age and gender): they change the estimates, and their
//! unevenness costs precision. Intervals therefore use the effective sample size
//! n_eff = (Σw)² / Σw² in place of n: the Wilson interval for the top-2 share is computed on
//! n_eff answers, and the mean's t interval uses sd / √n_eff with n_eff − 1 degrees of freedom.
//! The unweighted numbers are always reported beside the weighted ones.
//!
//! A weight column with few distinct weights is read through its row codes; one with many
//! (calibration weights, every respondent's different) through the numbers the reader kept
//! per row ([`ColumnData::row_numbers`]), to 7 significant digits.

use serde::Serialize;

use crate::analyze::compute::{scale_stats_in_base, step_value};
use crate::analyze::summary::ScaleStats;
use crate::analyze::tables::{self, group_order, line_label, line_value};
use crate::model::dataset::{ColumnData, Dataset, CODE_OTHER};
use crate::model::kinds::{Kind, Scale, ValueRole};
use crate::protect;
use crate::stats;
use crate::util::number::{column_convention, scan_number};
pub use crate::words::errors::WeightError;

/// Weighted statistics of one Likert question (or of one group on it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightedStats {
    /// Header of the question.
    pub question: String,
    /// Header of the weight column.
    pub weight: String,
    /// Scale steps, most positive first.
    pub scale: Vec<String>,
    /// Answers on the scale, unweighted (as in the summary).
    pub n_valid: u64,
    /// Of those, answers with a positive weight: the answers the weighted numbers rest on.
    pub n_weighted: u64,
    /// Answers on the scale without a weight (empty or zero) and so left out of the weighted
    /// numbers.
    pub n_without_weight: u64,
    /// Non-substantive answers ("Ved ikke", …) of the same respondents, unweighted: in the
    /// base of the percentages only when non-substantive answers are included.
    pub apart: u64,
    /// Σw of the base of the percentages: `sum_weights`, plus the weights of the
    /// non-substantive answers when they are included.
    pub base_weights: f64,
    /// Σw over the weighted answers.
    pub sum_weights: f64,
    /// Weighted count (Σw) per step, most positive first.
    pub steps: Vec<f64>,
    /// Weighted percent per step.
    pub pct: Vec<f64>,
    /// Weighted percent in the two most positive steps (the positive end step on 2- and
    /// 3-point scales).
    pub top2_pct: f64,
    /// Weighted percent in the two most negative steps.
    pub bottom2_pct: f64,
    /// 95 % Wilson interval for `top2_pct` on the effective sample size, in percent.
    pub top2_ci95: [f64; 2],
    /// Weighted mean on the scale's numbering (most positive step highest).
    pub mean: f64,
    /// Weighted standard deviation, Σw(v − m)² / (Σw − Σw²/Σw) under the root.
    pub sd: f64,
    /// 95 % t interval for the mean: mean ± t(0.975, n_eff − 1) · sd / √n_eff.
    pub mean_ci95: [f64; 2],
    /// Kish's effective sample size (Σw)² / Σw².
    pub n_eff: f64,
    /// Design effect due to weighting, n_weighted / n_eff (1 for equal weights).
    pub deff: f64,
    /// The unweighted statistics of all answers on the scale, for comparison.
    pub unweighted: ScaleStats,
}

/// One shown group of a weighted breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightedGroup {
    /// The group's value in the grouping column (or the pool of small values).
    pub label: String,
    /// The group's statistics.
    pub stats: WeightedStats,
}

/// The weight of each row code of a weight column that keeps codes: index 0 (empty cell) is
/// `None`, index i + 1 is the number `profile.values[i]` stands for.
pub fn weight_values(ds: &Dataset, weight: usize) -> Result<Vec<Option<f64>>, WeightError> {
    let col = ds
        .columns
        .get(weight)
        .ok_or(WeightError::NoSuchColumn(weight))?;
    codes_of(col).ok_or_else(|| WeightError::TooManyWeights(col.profile.name.clone()))?;
    let mut out = vec![None];
    // Read as the reader reads the column's numbers: "1.234" the way the column writes them.
    let convention = column_convention(
        col.profile
            .values
            .iter()
            .map(|(v, n)| (v.trim().as_bytes(), *n)),
    );
    for (value, _) in &col.profile.values {
        let w = scan_number(value.trim().as_bytes())
            .map(|s| s.value(convention))
            .filter(|w| w.is_finite())
            .ok_or_else(|| WeightError::NotNumeric(col.profile.name.clone()))?;
        if w < 0.0 {
            return Err(WeightError::Negative(col.profile.name.clone()));
        }
        out.push(Some(w));
    }
    Ok(out)
}

/// Each row's weight, from either kind of weight column.
enum RowWeights<'a> {
    /// A column with few distinct weights: its row codes and the weight of each code.
    Coded {
        codes: &'a [u8],
        per_code: Vec<Option<f64>>,
    },
    /// A column with many (calibration weights): the number kept per row, NaN when empty.
    Numbers(&'a [f32]),
}

impl RowWeights<'_> {
    /// The weight of `row`; `None` for an empty cell (or a row past the column's end).
    fn of(&self, row: usize) -> Option<f64> {
        match self {
            RowWeights::Coded { codes, per_code } => {
                per_code.get(*codes.get(row)? as usize).copied().flatten()
            }
            RowWeights::Numbers(numbers) => {
                Some(f64::from(*numbers.get(row)?)).filter(|w| !w.is_nan())
            }
        }
    }
}

/// The weights of the rows of column `weight`: by code when it keeps codes, else from the
/// numbers it keeps per row.
fn row_weights(ds: &Dataset, weight: usize) -> Result<RowWeights<'_>, WeightError> {
    let col = ds
        .columns
        .get(weight)
        .ok_or(WeightError::NoSuchColumn(weight))?;
    if let Some(codes) = codes_of(col) {
        let per_code = weight_values(ds, weight)?;
        return Ok(RowWeights::Coded { codes, per_code });
    }
    let name = || col.profile.name.clone();
    match &col.row_numbers {
        Some(numbers) if numbers.iter().any(|w| *w < 0.0) => Err(WeightError::Negative(name())),
        Some(numbers) if numbers.iter().any(|w| w.is_infinite()) => {
            Err(WeightError::NotNumeric(name()))
        }
        Some(numbers) => Ok(RowWeights::Numbers(numbers)),
        // A cell that is no number gave the numbers up.
        None if col.profile.numeric_cells < col.profile.answered() => {
            Err(WeightError::NotNumeric(name()))
        }
        None => Err(WeightError::TooManyWeights(name())),
    }
}

fn codes_of(col: &ColumnData) -> Option<&[u8]> {
    col.codes
        .as_deref()
        .filter(|c| col.profile.values.len() < CODE_OTHER as usize && !c.contains(&CODE_OTHER))
}

fn likert(ds: &Dataset, question: usize) -> Result<(&ColumnData, &Scale, &[u8]), WeightError> {
    let col = ds
        .columns
        .get(question)
        .ok_or(WeightError::NoSuchColumn(question))?;
    let name = || col.profile.name.clone();
    match (&col.inferred.kind, &col.inferred.scale) {
        (Kind::Likert, Some(scale)) if !col.inferred.personal_data => {
            let codes = codes_of(col).ok_or_else(|| WeightError::NotLikert(name()))?;
            Ok((col, scale, codes))
        }
        _ => Err(WeightError::NotLikert(name())),
    }
}

/// The answers of one step (or of the non-substantive answers) and their weights.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Tally {
    /// Answers.
    n: u64,
    /// Of those, answers with a positive weight.
    n_weighted: u64,
    /// Σw over those.
    sum_w: f64,
    /// Σw² over those.
    sum_w2: f64,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.n += other.n;
        self.n_weighted += other.n_weighted;
        self.sum_w += other.sum_w;
        self.sum_w2 += other.sum_w2;
    }
}

/// Per group code (a single group when there is no grouping), per step and then one more for
/// the non-substantive answers: the answers and their weights.
fn joint(
    col: &ColumnData,
    scale: &Scale,
    q_codes: &[u8],
    weights: &RowWeights<'_>,
    groups: Option<(&[u8], usize)>,
) -> Vec<Vec<Tally>> {
    let points = scale.points();
    // Per question code: its step, if on the scale.
    let step_of: Vec<Option<usize>> = std::iter::once(None)
        .chain(col.inferred.roles.iter().map(|r| match r {
            ValueRole::Step(k) if *k < points => Some(*k),
            ValueRole::NonSubstantive => Some(points),
            _ => None,
        }))
        .collect();
    let n_groups = groups.map_or(1, |(_, n)| n);
    let mut table = vec![vec![Tally::default(); points + 1]; n_groups];
    for (row, &q) in q_codes.iter().enumerate() {
        let Some(Some(k)) = step_of.get(q as usize) else {
            continue;
        };
        let g = match groups {
            Some((codes, n)) => match codes.get(row) {
                Some(&g) if g != 0 && (g as usize) <= n => g as usize - 1,
                _ => continue,
            },
            None => 0,
        };
        let cell = &mut table[g][*k];
        cell.n += 1;
        if let Some(w) = weights.of(row).filter(|w| *w > 0.0) {
            cell.n_weighted += 1;
            cell.sum_w += w;
            cell.sum_w2 += w * w;
        }
    }
    table
}

/// Computes the weighted statistics from the tallies per step (and of the non-substantive
/// answers, last).
fn finish(
    question: &str,
    weight: &str,
    scale: &Scale,
    tallies: &[Tally],
    include: bool,
) -> WeightedStats {
    let points = scale.points();
    let mut unweighted_steps = vec![0u64; points];
    let mut steps = vec![0.0f64; points];
    let (mut n_weighted, mut n_without) = (0u64, 0u64);
    let (mut sum_w, mut sum_w2, mut sum_wv) = (0.0f64, 0.0f64, 0.0f64);
    for (k, t) in tallies.iter().enumerate().take(points) {
        unweighted_steps[k] = t.n;
        n_weighted += t.n_weighted;
        n_without += t.n - t.n_weighted;
        steps[k] = t.sum_w;
        sum_w += t.sum_w;
        sum_w2 += t.sum_w2;
        sum_wv += t.sum_w * step_value(scale, k);
    }
    // The non-substantive answers (after the steps): in the base when included.
    let apart = tallies.get(points).copied().unwrap_or_default();
    let (base_w, base_w2) = if include {
        (sum_w + apart.sum_w, sum_w2 + apart.sum_w2)
    } else {
        (sum_w, sum_w2)
    };
    let pct: Vec<f64> = steps.iter().map(|&s| share(s, base_w)).collect();
    let ends = if points >= 4 { 2 } else { 1 };
    let top: f64 = steps.iter().take(ends).sum();
    let bottom: f64 = steps.iter().rev().take(ends).sum();
    let n_eff = stats::kish_effective_n(sum_w, sum_w2);
    let deff = stats::design_effect(n_weighted as f64, sum_w, sum_w2);
    let mean = if sum_w > 0.0 {
        sum_wv / sum_w
    } else {
        f64::NAN
    };
    // Reliability-weight variance, the same estimator as stats::weighted_mean_sd.
    let denom = if sum_w > 0.0 {
        sum_w - sum_w2 / sum_w
    } else {
        0.0
    };
    let sd = if n_eff > 1.0 && denom > 0.0 {
        let ss: f64 = (0..points)
            .map(|k| steps[k] * (step_value(scale, k) - mean).powi(2))
            .sum();
        (ss / denom).sqrt()
    } else if sum_w > 0.0 {
        0.0
    } else {
        f64::NAN
    };
    let top_share = if base_w > 0.0 { top / base_w } else { 0.0 };
    let base_eff = stats::kish_effective_n(base_w, base_w2);
    let (lo, hi) = if base_eff.is_finite() && base_eff > 0.0 {
        stats::wilson_interval(
            (top_share * base_eff).clamp(0.0, base_eff),
            base_eff,
            stats::Z95,
        )
    } else {
        (0.0, 1.0)
    };
    let (mlo, mhi) = stats::mean_t_interval(mean, sd, n_eff, 0.95);
    WeightedStats {
        question: question.to_string(),
        weight: weight.to_string(),
        scale: scale.labels.clone(),
        n_valid: unweighted_steps.iter().sum(),
        n_weighted,
        n_without_weight: n_without,
        apart: apart.n,
        base_weights: base_w,
        sum_weights: sum_w,
        steps,
        pct,
        top2_pct: share(top, base_w),
        bottom2_pct: share(bottom, base_w),
        top2_ci95: [lo * 100.0, hi * 100.0],
        mean,
        sd,
        mean_ci95: [mlo, mhi],
        n_eff,
        deff,
        unweighted: scale_stats_in_base(&unweighted_steps, apart.n, include, scale),
    }
}

fn share(x: f64, of: f64) -> f64 {
    if of > 0.0 {
        x * 100.0 / of
    } else {
        0.0
    }
}

/// Weighted statistics of the Likert question `question` with the weights in column `weight`.
/// Answers whose weight cell is empty or zero are left out of the weighted numbers and
/// counted in `n_without_weight`.
pub fn weighted_scale_stats(
    ds: &Dataset,
    question: usize,
    weight: usize,
) -> Result<WeightedStats, WeightError> {
    weighted_scale_stats_in_base(ds, question, weight, false)
}

/// Like [`weighted_scale_stats`], with the non-substantive answers in the base of the
/// percentages when `include` is set.
pub fn weighted_scale_stats_in_base(
    ds: &Dataset,
    question: usize,
    weight: usize,
    include: bool,
) -> Result<WeightedStats, WeightError> {
    if question == weight {
        return Err(WeightError::SameColumn);
    }
    let (col, scale, q_codes) = likert(ds, question)?;
    let weights = row_weights(ds, weight)?;
    let w_col = &ds.columns[weight];
    let tallies = joint(col, scale, q_codes, &weights, None);
    let stats = finish(
        &col.profile.name,
        &w_col.profile.name,
        scale,
        &tallies[0],
        include,
    );
    if stats.n_weighted == 0 && stats.n_valid > 0 {
        return Err(WeightError::NoWeights(w_col.profile.name.clone()));
    }
    Ok(stats)
}

/// Weighted statistics of the Likert question per group of the column `group`, in the
/// group column's order (along its scale when it is a scale, else natural order). Groups with
/// fewer than `min_cell` unweighted answers are withheld by the summary's rule.
pub fn weighted_by_group(
    ds: &Dataset,
    question: usize,
    weight: usize,
    group: usize,
    min_cell: u64,
) -> Result<(Vec<WeightedGroup>, u64), WeightError> {
    weighted_by_group_in_base(ds, question, weight, group, min_cell, false)
}

/// Like [`weighted_by_group`], with the non-substantive answers in the base of the
/// percentages when `include` is set.
pub fn weighted_by_group_in_base(
    ds: &Dataset,
    question: usize,
    weight: usize,
    group: usize,
    min_cell: u64,
    include: bool,
) -> Result<(Vec<WeightedGroup>, u64), WeightError> {
    if question == weight || group == question || group == weight {
        return Err(WeightError::SameColumn);
    }
    let (col, scale, q_codes) = likert(ds, question)?;
    let weights = row_weights(ds, weight)?;
    let g_col = ds
        .columns
        .get(group)
        .ok_or(WeightError::NoSuchColumn(group))?;
    if g_col.inferred.personal_data || matches!(g_col.inferred.kind, Kind::Text | Kind::Id) {
        return Err(WeightError::PersonalGroup(g_col.profile.name.clone()));
    }
    let (g_codes, merged_into, _) = tables::file_codes(g_col)
        .filter(|_| codes_of(g_col).is_some())
        .ok_or_else(|| WeightError::TooManyGroups(g_col.profile.name.clone()))?;
    let w_col = &ds.columns[weight];
    let n_groups = merged_into.len();
    let tallies = joint(col, scale, q_codes, &weights, Some((g_codes, n_groups)));
    // The gate decides on the unweighted answers, as in the summary's breakdowns, so both
    // views withhold the same groups.
    let unweighted: Vec<Vec<u64>> = tallies
        .iter()
        .map(|steps| steps.iter().map(|t| t.n).collect())
        .collect();
    let order = group_order(g_col);
    let rows = tables::group_axis(g_col, &order, min_cell)
        .ok_or_else(|| WeightError::TooManyGroups(g_col.profile.name.clone()))?;
    // The table's columns are the steps and then the non-substantive answers (not in the
    // base), one line each.
    let points = scale.points();
    let mut in_base = vec![true; points];
    in_base.push(false);
    let cols = protect::Axis::answers((0..=points).map(Some).collect(), in_base);
    let gated = protect::table(&unweighted, &rows, &cols, min_cell);
    let line_of = {
        let mut line_of = vec![usize::MAX; g_col.profile.values.len()];
        for (line, &v) in order.iter().enumerate() {
            line_of[v] = line;
        }
        line_of
    };
    let mut withheld = gated.withheld_rows();
    let mut groups = Vec::new();
    for (r, line) in gated.rows().enumerate() {
        let members = gated.row_members(r);
        let mut sum = vec![Tally::default(); points + 1];
        for (v, &into) in merged_into.iter().enumerate() {
            if members.contains(&line_of[into]) {
                for (acc, step) in sum.iter_mut().zip(&tallies[v]) {
                    acc.add(step);
                }
            }
        }
        let stats = finish(&col.profile.name, &w_col.profile.name, scale, &sum, include);
        // Answers without a weight, fewer than the minimum: the difference between the
        // weighted and unweighted figures would be theirs. A group whose weighted figures rest
        // on too few answers (or on one heavy weight) is withheld too.
        let thin =
            protect::weighted_too_thin(stats.n_weighted, stats.n_eff, stats.sum_weights, min_cell);
        if thin || protect::difference_discloses(stats.n_without_weight, min_cell) {
            withheld += 1;
            continue;
        }
        groups.push(WeightedGroup {
            label: line_label(line_value(line, &order), &g_col.profile.values, min_cell),
            stats,
        });
    }
    Ok((groups, withheld))
}

/// Weighted statistics of every Likert question in the dataset (questions that hold personal
/// data are skipped); questions where the weights give no result are left out.
pub fn weighted_all(ds: &Dataset, weight: usize) -> Result<Vec<WeightedStats>, WeightError> {
    weighted_all_in_base(ds, weight, false)
}

/// Like [`weighted_all`], with the non-substantive answers in the base of the percentages
/// when `include` is set.
pub fn weighted_all_in_base(
    ds: &Dataset,
    weight: usize,
    include: bool,
) -> Result<Vec<WeightedStats>, WeightError> {
    row_weights(ds, weight)?;
    Ok((0..ds.columns.len())
        .filter(|&q| q != weight)
        .filter_map(|q| weighted_scale_stats_in_base(ds, q, weight, include).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn ds(csv: &str) -> Dataset {
        crate::read_bytes(csv.as_bytes()).unwrap()
    }

    const SAT: &str = "Tilfredshed;Vægt\n\
        Meget tilfreds;2\nMeget tilfreds;1\nTilfreds;1\nTilfreds;0,5\n\
        Hverken tilfreds eller utilfreds;1\nUtilfreds;2\nMeget utilfreds;1\n\
        Meget tilfreds;1\nTilfreds;2\nUtilfreds;1\n";

    #[test]
    fn equal_weights_reproduce_the_unweighted_numbers() {
        let csv = "Tilfredshed;Vægt\nMeget tilfreds;3\nTilfreds;3\nUtilfreds;3\n\
            Meget utilfreds;3\nHverken tilfreds eller utilfreds;3\nTilfreds;3\n";
        let d = ds(csv);
        let s = weighted_scale_stats(&d, 0, 1).unwrap();
        assert!((s.deff - 1.0).abs() < 1e-12);
        assert!((s.n_eff - 6.0).abs() < 1e-12);
        assert!((s.top2_pct - s.unweighted.top2_pct).abs() < 1e-12);
        assert!((s.mean - s.unweighted.mean).abs() < 1e-12);
        assert!((s.sd - s.unweighted.sd.unwrap()).abs() < 1e-12);
        assert!((s.mean_ci95[0] - s.unweighted.mean_ci95.unwrap()[0]).abs() < 1e-9);
        assert!((s.top2_ci95[1] - s.unweighted.top2_ci95[1]).abs() < 1e-9);
    }

    #[test]
    fn sd_agrees_with_the_row_by_row_estimator() {
        let d = ds(SAT);
        let s = weighted_scale_stats(&d, 0, 1).unwrap();
        let rows = [
            (5.0, 2.0),
            (5.0, 1.0),
            (4.0, 1.0),
            (4.0, 0.5),
            (3.0, 1.0),
            (2.0, 2.0),
            (1.0, 1.0),
            (5.0, 1.0),
            (4.0, 2.0),
            (2.0, 1.0),
        ];
        let (m, sd, n_eff) = stats::weighted_mean_sd(&rows);
        assert!((s.mean - m).abs() < 1e-12);
        assert!((s.sd - sd).abs() < 1e-12);
        assert!((s.n_eff - n_eff).abs() < 1e-12);
    }

    #[test]
    fn errors_are_clear_in_both_languages() {
        let d = ds("Tilfredshed;Vægt;Tekst\nTilfreds;a;x\nUtilfreds;-1;y\n");
        let e = weighted_scale_stats(&d, 0, 2).unwrap_err();
        assert!(matches!(e, WeightError::NotNumeric(_)));
        assert!(e.message(Lang::Da).contains("ikke er tal"));
        assert!(e.message(Lang::En).contains("not numbers"));
        assert_eq!(weighted_scale_stats(&d, 0, 0), Err(WeightError::SameColumn));
        assert!(matches!(
            weighted_scale_stats(&d, 7, 1),
            Err(WeightError::NoSuchColumn(7))
        ));
    }
}
