//! Comparing survey waves: the same questions asked in two or more files (for example the
//! satisfaction survey of 2023, 2024 and 2025). Questions are matched by header text; per
//! question and wave the key figures are set side by side, and each change is tested.
//!
//! The waves are treated as independent samples (new respondents each time), which is how
//! repeated satisfaction surveys are normally run: the top-2 share is compared with a
//! two-proportion z-test (its interval is Newcombe's hybrid score interval) and the mean with
//! Welch's t-test. All tests of one comparison are read together, so their p-values are
//! Holm-corrected over the comparison and a change is called significant by the corrected one.
//! Waves whose scales differ (in steps or numbering) get no test and no change of the mean.
//! An index score (`SummaryOptions::indices`) of the same name in each wave is compared by its
//! mean alone: it has no top-2 share.

use serde::Serialize;

use crate::analyze::summary::{ColumnSummary, Summary};
use crate::model::kinds::Kind;
use crate::protect::{self, Axis, Fate, Line};
use crate::stats;
use crate::util::text;
use crate::words::lang::Lang;
use crate::words::messages::{mean_not_comparable, scale_changed, wave_change, Measured, Verdict};

/// How a question in a later wave was matched to the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The first wave the question appears in.
    First,
    /// The same header text.
    Exact,
    /// The same header ignoring case and spaces.
    Normalised,
    /// The user's mapping of renamed questions.
    Mapping,
}

/// One question in one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WavePoint {
    /// The column's header in this wave.
    pub column: String,
    /// How it was matched.
    pub matched_by: MatchedBy,
    /// Answers on the scale.
    pub n_valid: u64,
    /// The base of `top2_pct`: `n_valid`, plus the non-substantive answers when the summaries
    /// include them in the base (the same rule in every wave).
    pub base: u64,
    /// Answers in the top-2 steps (the positive end step on 2- and 3-point scales).
    pub top2: u64,
    /// Top-2 in percent.
    pub top2_pct: f64,
    /// 95 % Wilson interval for the top-2 share, in percent.
    pub top2_ci95: [f64; 2],
    /// Mean on the scale's numbering.
    pub mean: f64,
    /// Sample standard deviation; `null` from fewer than 2 answers.
    pub sd: Option<f64>,
    /// Steps on the scale.
    pub points: usize,
    /// Highest value of the mean's scale.
    pub mean_scale_max: Option<u32>,
    /// Step labels, most positive first (empty for an index score).
    pub scale: Vec<String>,
    /// An index score: only its mean is compared; its top-2 figures are not numbers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub index: bool,
}

/// A test of one change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeTest {
    /// z (top-2) or t (mean).
    pub statistic: f64,
    /// Degrees of freedom (Welch–Satterthwaite); `None` for the z-test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub df: Option<f64>,
    /// Two-sided p-value.
    pub p_value: f64,
    /// `p_value` after Holm's correction over every test of the comparison (both measures, all
    /// questions, consecutive and first-to-last changes).
    pub p_adjusted: f64,
    /// How many tests that correction covers.
    pub holm_tests: u64,
    /// 95 % interval of the change: Newcombe's hybrid score interval in percentage points for
    /// top-2, the Welch t interval for the mean.
    pub ci95: [f64; 2],
    /// True when `p_adjusted` < 0.05.
    pub significant: bool,
}

/// The change of one question between two waves, later minus earlier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Index of the earlier wave.
    pub from: usize,
    /// Index of the later wave.
    pub to: usize,
    /// False when the two waves use scales of different length or numbering: then nothing is
    /// tested and the mean's change is not given.
    pub comparable: bool,
    /// Change in the top-2 share, in percentage points.
    pub top2_pp: f64,
    /// Two-proportion z-test on the top-2 share.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top2_test: Option<ChangeTest>,
    /// Change in the mean; `null` when the scales differ.
    pub mean_diff: Option<f64>,
    /// Welch's t-test on the means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_test: Option<ChangeTest>,
    /// The top-2 change in words, in Danish.
    pub top2_da: String,
    /// The top-2 change in words, in English.
    pub top2_en: String,
    /// The change of the mean in words, in Danish.
    pub mean_da: String,
    /// The change of the mean in words, in English.
    pub mean_en: String,
}

/// One question across the waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionTrend {
    /// The question's header in the first wave it appears in.
    pub question: String,
    /// Per wave: the question's figures, or `None` when the wave does not have it.
    pub waves: Vec<Option<WavePoint>>,
    /// True when the scale's wording differs between waves.
    pub scale_changed: bool,
    /// Changes between consecutive waves that both have the question.
    pub changes: Vec<Change>,
    /// The change from the first to the last wave with the question, when there are more
    /// than two such waves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<Change>,
}

/// The comparison of two or more waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The waves' names (normally file names), in order.
    pub waves: Vec<String>,
    /// Respondents per wave; `None` for a wave withheld (fewer than `min_cell`, or so it
    /// cannot be worked out from the others and the files combined).
    pub rows: Vec<Option<u64>>,
    /// The questions, in order of first appearance; a wave withheld for a question has no
    /// point there.
    pub questions: Vec<QuestionTrend>,
    /// The minimum the waves were protected with.
    pub min_cell: u64,
    /// The most waves withheld in any one question.
    pub withheld_waves: u64,
}

/// Header text for matching: lowercase, without whitespace.
pub fn normalise_header(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(text::lower_char)
        .collect()
}

/// A rule saying whether two headers name the same question.
type SameHeader<'a> = dyn Fn(&str, &str) -> bool + 'a;

/// The Likert questions and index scores of a summary that have answers and are analysed.
fn questions_of(s: &Summary) -> Vec<&ColumnSummary> {
    s.columns
        .iter()
        .filter(|c| {
            let question = c.kind == Kind::Likert && c.stats.is_some();
            (question || c.index_score.is_some()) && !c.excluded
        })
        .collect()
}

fn point(c: &ColumnSummary, matched_by: MatchedBy) -> Option<WavePoint> {
    if let Some(ix) = &c.index_score {
        let st = &ix.stats;
        return Some(WavePoint {
            column: c.name.clone(),
            matched_by,
            n_valid: st.n,
            base: st.n,
            top2: 0,
            top2_pct: f64::NAN,
            top2_ci95: [f64::NAN; 2],
            mean: st.mean,
            sd: st.sd,
            points: (ix.scale_max - ix.scale_min + 1).max(0) as usize,
            mean_scale_max: Some(ix.scale_max.max(0) as u32),
            scale: Vec::new(),
            index: true,
        });
    }
    let st = c.stats.as_ref()?;
    let points = st.steps.len();
    let ends = if points >= 4 { 2 } else { 1 };
    Some(WavePoint {
        column: c.name.clone(),
        matched_by,
        n_valid: st.n_valid,
        base: st.base.max(st.n_valid),
        top2: st.steps.iter().take(ends).sum(),
        top2_pct: st.top2_pct,
        top2_ci95: st.top2_ci95,
        mean: st.mean,
        sd: st.sd,
        points,
        mean_scale_max: c.mean_scale_max,
        scale: c.scale.clone().unwrap_or_default(),
        index: false,
    })
}

/// Compares the waves `(name, summary)`, in the order given. `mapping` pairs header texts of
/// renamed questions (either direction, ignoring case and spaces): `("Hvor tilfreds er du med
/// din sagsbehandler?", "Hvor tilfreds er du med din rådgiver?")`.
///
/// A column is matched to a question of an earlier wave by exact header first, then by header
/// ignoring case and spaces, then by the mapping; unmatched columns start new questions.
pub fn compare(waves: &[(&str, &Summary)], mapping: &[(String, String)]) -> Comparison {
    let n = waves.len();
    // Per question: per wave the matched column.
    let mut found: Vec<Vec<Option<(&ColumnSummary, MatchedBy)>>> = Vec::new();
    let mapped = |a: &str, b: &str| {
        let (a, b) = (normalise_header(a), normalise_header(b));
        mapping.iter().any(|(x, y)| {
            let (x, y) = (normalise_header(x), normalise_header(y));
            (x == a && y == b) || (x == b && y == a)
        })
    };
    for (w, (_, summary)) in waves.iter().enumerate() {
        let mut left: Vec<&ColumnSummary> = questions_of(summary);
        let passes: [(MatchedBy, &SameHeader); 3] = [
            (MatchedBy::Exact, &|a: &str, b: &str| a == b),
            (MatchedBy::Normalised, &|a: &str, b: &str| {
                normalise_header(a) == normalise_header(b)
            }),
            (MatchedBy::Mapping, &mapped),
        ];
        for (how, same) in passes {
            let mut k = 0;
            while k < left.len() {
                let c = left[k];
                let target = found.iter().position(|q| {
                    q[w].is_none()
                        && q[..w]
                            .iter()
                            .flatten()
                            .any(|(prev, _)| same(&prev.name, &c.name))
                });
                match target {
                    Some(q) => {
                        found[q][w] = Some((c, how));
                        left.remove(k);
                    }
                    None => k += 1,
                }
            }
        }
        for c in left {
            let mut q = vec![None; n];
            q[w] = Some((c, MatchedBy::First));
            found.push(q);
        }
    }
    // The gate, as for the wave column of the files combined: a wave with fewer respondents
    // than the minimum is withheld with a complement; per question, so is a wave with fewer
    // valid answers. Waves are never pooled.
    let min_cell = waves
        .iter()
        .map(|(_, s)| s.min_cell)
        .max()
        .unwrap_or(1)
        .max(1);
    let sizes: Vec<u64> = waves.iter().map(|(_, s)| s.rows).collect();
    let fates: Vec<Fate> = protect::guard_values(&sizes, min_cell)
        .into_iter()
        .map(|f| if f == Fate::Shown { f } else { Fate::Withheld })
        .collect();
    let mut withheld_waves = 0;
    let mut questions: Vec<QuestionTrend> = found
        .into_iter()
        .map(|q| {
            let mut points: Vec<Option<WavePoint>> = q
                .iter()
                .map(|m| m.and_then(|(c, how)| point(c, how)))
                .collect();
            let table: Vec<Vec<u64>> = points
                .iter()
                .map(|p| vec![p.as_ref().map_or(0, |p| p.n_valid)])
                .collect();
            let rows = Axis::grouping((0..n).map(Some).collect(), n, fates.clone());
            let one = Axis::answers(vec![Some(0)], vec![true]);
            let gated = protect::table(&table, &rows, &one, min_cell);
            let shown: Vec<usize> = gated
                .rows()
                .filter_map(|l| match l {
                    Line::Own(w) => Some(w),
                    Line::Pool => None,
                })
                .collect();
            withheld_waves = withheld_waves.max(gated.withheld_rows());
            for (w, p) in points.iter_mut().enumerate() {
                if !shown.contains(&w) {
                    *p = None;
                }
            }
            trend(points)
        })
        .filter(|t| t.waves.iter().any(Option::is_some))
        .collect();
    correct_changes(&mut questions);
    Comparison {
        waves: waves.iter().map(|(name, _)| name.to_string()).collect(),
        rows: sizes
            .iter()
            .zip(&fates)
            .map(|(&n, &f)| (f == Fate::Shown).then_some(n))
            .collect(),
        questions,
        min_cell,
        withheld_waves,
    }
}

fn trend(points: Vec<Option<WavePoint>>) -> QuestionTrend {
    let present: Vec<usize> = (0..points.len()).filter(|&i| points[i].is_some()).collect();
    let question = present
        .first()
        .and_then(|&i| points[i].as_ref())
        .map(|p| p.column.clone())
        .unwrap_or_default();
    let changes: Vec<Change> = present
        .windows(2)
        .filter_map(|w| change(&points, w[0], w[1]))
        .collect();
    let overall = match (present.first(), present.last()) {
        (Some(&a), Some(&b)) if present.len() > 2 => change(&points, a, b),
        _ => None,
    };
    let scale_changed = {
        let mut scales = points.iter().flatten().map(|p| &p.scale);
        let first = scales.next();
        scales.any(|s| Some(s) != first)
    };
    QuestionTrend {
        question,
        waves: points,
        scale_changed,
        changes,
        overall,
    }
}

/// Compares wave `from` with wave `to` of one question. The tests stand alone here (no
/// correction); [`compare`] corrects them over the whole comparison.
pub fn change(points: &[Option<WavePoint>], from: usize, to: usize) -> Option<Change> {
    let a = points.get(from)?.as_ref()?;
    let b = points.get(to)?.as_ref()?;
    let comparable =
        a.points == b.points && a.mean_scale_max == b.mean_scale_max && a.index == b.index;
    let top2_pp = b.top2_pct - a.top2_pct;
    let mean_diff = comparable.then_some(b.mean - a.mean);
    let top2_test = (comparable && !a.index)
        .then(|| {
            let (x1, n1, x2, n2) = (a.top2 as f64, a.base as f64, b.top2 as f64, b.base as f64);
            let t = stats::two_proportion_z_test(x1, n1, x2, n2)?;
            let (lo, hi) = stats::newcombe_difference_interval(x1, n1, x2, n2, stats::Z95);
            Some(ChangeTest {
                statistic: t.statistic,
                df: None,
                p_value: t.p_value,
                p_adjusted: t.p_value,
                holm_tests: 1,
                ci95: [lo * 100.0, hi * 100.0],
                significant: t.p_value < 0.05,
            })
        })
        .flatten();
    let mean_test = comparable
        .then(|| {
            stats::welch_t_test(
                a.mean,
                a.sd?,
                a.n_valid as f64,
                b.mean,
                b.sd?,
                b.n_valid as f64,
            )
        })
        .flatten()
        .map(|t| ChangeTest {
            statistic: t.statistic,
            df: Some(t.df),
            p_value: t.p_value,
            p_adjusted: t.p_value,
            holm_tests: 1,
            ci95: [t.ci95.0, t.ci95.1],
            significant: t.p_value < 0.05,
        });
    let mut c = Change {
        from,
        to,
        comparable,
        top2_pp,
        top2_test,
        mean_diff,
        mean_test,
        top2_da: String::new(),
        top2_en: String::new(),
        mean_da: String::new(),
        mean_en: String::new(),
    };
    word(&mut c);
    Some(c)
}

/// Words the change's figures and verdicts in both languages.
fn word(c: &mut Change) {
    let verdict = |t: &Option<ChangeTest>| {
        t.as_ref().map(|t| Verdict {
            p: t.p_value,
            p_adjusted: t.p_adjusted,
            tests: t.holm_tests as usize,
            significant: t.significant,
        })
    };
    // An index has no top-2 share (its change is not a number): nothing to say of it.
    let top2 = |lang: Lang| match c.top2_pp.is_finite() {
        true => wave_change(c.top2_pp, verdict(&c.top2_test), Measured::Top2, lang),
        false => String::new(),
    };
    let words = |lang: Lang| match c.mean_diff {
        Some(mean_diff) if c.comparable => (
            top2(lang),
            wave_change(mean_diff, verdict(&c.mean_test), Measured::Mean, lang),
        ),
        _ => (scale_changed(lang), mean_not_comparable(lang)),
    };
    let (top2_da, mean_da) = words(Lang::Da);
    let (top2_en, mean_en) = words(Lang::En);
    (c.top2_da, c.mean_da, c.top2_en, c.mean_en) = (top2_da, mean_da, top2_en, mean_en);
}

/// Holm's correction over every test of a comparison, and the changes worded anew.
fn correct_changes(questions: &mut [QuestionTrend]) {
    let mut changes: Vec<&mut Change> = questions
        .iter_mut()
        .flat_map(|q| q.changes.iter_mut().chain(q.overall.iter_mut()))
        .collect();
    let raw: Vec<f64> = changes
        .iter()
        .flat_map(|c| [&c.top2_test, &c.mean_test])
        .flatten()
        .map(|t| t.p_value)
        .collect();
    let tests = raw.len() as u64;
    let mut adjusted = stats::holm_adjust(&raw).into_iter();
    for c in changes.iter_mut() {
        for t in [&mut c.top2_test, &mut c.mean_test].into_iter().flatten() {
            t.p_adjusted = adjusted.next().unwrap_or(f64::NAN);
            t.holm_tests = tests;
            t.significant = t.p_adjusted < 0.05;
        }
        word(c);
    }
}

/// [`combine_check`](crate::data::concat::combine_check) on summaries.
pub fn can_combine(waves: &[(&str, &Summary)]) -> crate::data::concat::CombineCheck {
    let files: Vec<(&str, Vec<String>)> = waves
        .iter()
        .map(|(name, s)| (*name, s.columns.iter().map(|c| c.name.clone()).collect()))
        .collect();
    crate::data::concat::combine_check(&files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalise_case_and_space() {
        assert_eq!(
            normalise_header("  Hvor  Tilfreds\u{a0}er du? "),
            "hvortilfredserdu?"
        );
    }
}
