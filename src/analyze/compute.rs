//! From a read dataset to the summary: statistics per question, breakdowns with their tests
//! (Holm-corrected across the summary, and each group against the rest within a question),
//! withheld groups (decided in `protect`), and warnings (worded in `words::messages`).

use serde_json::{Map, Value};

use crate::analyze::summary::{
    ColumnOverride, ColumnSummary, Differs, Headline, IndependenceTest, Nps, NumericStats,
    ResponseRate, ScaleStats, Summary, SummaryOptions, Warning,
};
use crate::analyze::tables::{self, group_order, line_label, line_value};
use crate::model::dataset::{ColumnData, Dataset};
use crate::model::kinds::{Kind, PersonalReason, Scale, ScaleFamily, ValueRole};
use crate::protect;
use crate::stats;
use crate::words::lang::Lang;
use crate::words::messages::Notice;

/// Computes the statistics of one scale from its step counts (most positive first), the
/// percentages on the answers on the scale.
pub fn scale_stats(steps: &[u64], scale: &Scale) -> ScaleStats {
    scale_stats_in_base(steps, 0, false, scale)
}

/// Like [`scale_stats`], with `apart` non-substantive answers of the same respondents: in the
/// base of the percentages (and of the top-2 interval) when `include` is set, left out
/// otherwise. The mean and the standard deviation are always on the scale's answers alone.
pub fn scale_stats_in_base(steps: &[u64], apart: u64, include: bool, scale: &Scale) -> ScaleStats {
    let points = steps.len();
    let n_valid: u64 = steps.iter().sum();
    let n = n_valid as f64;
    let base = if include { n_valid + apart } else { n_valid };
    let pct_of = |c: u64| {
        if base == 0 {
            0.0
        } else {
            c as f64 * 100.0 / base as f64
        }
    };
    let pct: Vec<f64> = steps.iter().map(|&c| pct_of(c)).collect();
    // Two steps at each end; on 2- and 3-point scales only the end step.
    let ends = if points >= 4 { 2 } else { 1 };
    let top: u64 = steps.iter().take(ends).sum();
    let bottom: u64 = steps.iter().rev().take(ends).sum();
    let values: Vec<(f64, f64)> = steps
        .iter()
        .enumerate()
        .map(|(k, &c)| (step_value(scale, k), c as f64))
        .collect();
    let (mean, sd) = stats::mean_sd(&values);
    let (lo, hi) = stats::wilson_interval(top as f64, base as f64, stats::Z95);
    // No spread from fewer than 2 answers, and no interval from fewer than 3: with one degree
    // of freedom the t interval is ±12.7 standard errors, which says nothing.
    let sd = (n_valid >= 2).then_some(sd);
    let mean_ci95 = sd
        .filter(|_| n_valid >= 3)
        .map(|sd| stats::mean_t_interval(mean, sd, n, 0.95))
        .map(|(lo, hi)| [lo, hi]);
    ScaleStats {
        n_valid,
        steps: steps.to_vec(),
        apart,
        base,
        pct,
        top2_pct: pct_of(top),
        bottom2_pct: pct_of(bottom),
        top2_ci95: [lo * 100.0, hi * 100.0],
        mean,
        sd,
        mean_ci95,
        nps: None,
        mean_rest: None,
        mean_vs_rest_p: None,
        mean_differs: None,
        top2_rest_pct: None,
        top2_vs_rest_p: None,
        differs: None,
    }
}

/// Each group's test against the rest (the rest's figure and the test), as the breakdown
/// reports it: the rest's figure, the p-value Holm-corrected over the groups, and which way the
/// group differs when that p-value is below 0.05. With two groups their two tests are one
/// comparison and stay as they are.
pub(crate) fn versus_rest(
    tests: &[Option<(f64, stats::TestResult)>],
    groups: usize,
) -> Vec<Option<(f64, f64, Option<Differs>)>> {
    let raw: Vec<f64> = tests
        .iter()
        .map(|t| t.as_ref().map_or(f64::NAN, |(_, t)| t.p_value))
        .collect();
    let tested = raw.iter().filter(|p| !p.is_nan()).count();
    let adjusted = if tested == 2 && groups == 2 {
        raw
    } else {
        stats::holm_adjust(&raw)
    };
    tests
        .iter()
        .zip(adjusted)
        .map(|(t, p)| {
            t.as_ref().map(|(rest, t)| {
                let way = if t.difference > 0.0 {
                    Differs::Higher
                } else {
                    Differs::Lower
                };
                (*rest, p, (p < 0.05).then_some(way))
            })
        })
        .collect()
}

/// Per shown group of a breakdown (rows of step counts, most positive step first, on `scale`):
/// the other groups' mean together, Welch's t-test's p-value of the group's mean against
/// theirs, Holm-corrected over the groups, and which way it differs when the corrected
/// p-value is below 0.05. `None` for a group (or a rest) with fewer than 2 answers. With
/// exactly two groups both tests are one test, and there is no correction.
pub fn means_vs_rest(rows: &[Vec<u64>], scale: &Scale) -> Vec<Option<(f64, f64, Option<Differs>)>> {
    let mean_sd_n = |steps: &[u64]| {
        let values: Vec<(f64, f64)> = steps
            .iter()
            .enumerate()
            .map(|(k, &c)| (step_value(scale, k), c as f64))
            .collect();
        let (mean, sd) = stats::mean_sd(&values);
        (mean, sd, steps.iter().sum::<u64>() as f64)
    };
    let points = rows.first().map_or(0, Vec::len);
    let all: Vec<u64> = (0..points)
        .map(|k| rows.iter().map(|r| r.get(k).copied().unwrap_or(0)).sum())
        .collect();
    let tests: Vec<Option<(f64, stats::TestResult)>> = rows
        .iter()
        .map(|steps| {
            let rest: Vec<u64> = all
                .iter()
                .zip(steps.iter().chain(std::iter::repeat(&0)))
                .map(|(a, g)| a - g)
                .collect();
            let (rm, rsd, rn) = mean_sd_n(&rest);
            let (gm, gsd, gn) = mean_sd_n(steps);
            stats::welch_t_test(rm, rsd, rn, gm, gsd, gn).map(|t| (rm, t))
        })
        .collect();
    versus_rest(&tests, rows.len())
}

/// The figure a scale question leads with: on a 0–10 scale the Net Promoter Score when the
/// header asks about recommending and the mean otherwise; the top-2 share on any other scale.
pub fn headline(scale: &Scale, header: &str) -> Headline {
    let zero_to_ten =
        scale.family == ScaleFamily::Numeric && scale.first_code == 0 && scale.points() == 11;
    match zero_to_ten {
        true if crate::infer::asks_to_recommend(header) => Headline::Nps,
        true => Headline::Mean,
        false => Headline::Top2,
    }
}

/// The Net Promoter Score of step counts on a 0–10 scale (most positive first): promoters
/// (9–10) minus detractors (0–6) with its 95 % interval. `None` without answers.
pub fn nps_stats(steps: &[u64], scale: &Scale) -> Option<Nps> {
    let (mut promoters, mut detractors, mut n) = (0u64, 0u64, 0u64);
    for (k, &c) in steps.iter().enumerate() {
        let value = step_value(scale, k);
        n += c;
        if value >= 9.0 {
            promoters += c;
        } else if value <= 6.0 {
            detractors += c;
        }
    }
    if n == 0 {
        return None;
    }
    let (score, lo, hi) =
        stats::nps_interval(promoters as f64, detractors as f64, n as f64, stats::Z95);
    let pct = |c: u64| c as f64 * 100.0 / n as f64;
    Some(Nps {
        score: score * 100.0,
        ci95: [lo * 100.0, hi * 100.0],
        promoters_pct: pct(promoters),
        passives_pct: pct(n - promoters - detractors),
        detractors_pct: pct(detractors),
    })
}

/// Per shown group of a breakdown (rows of step counts, most positive step first): the other
/// groups' top-2 share together in percent, the two-proportion z-test's p-value of the group
/// against them (pooled), Holm-corrected over the groups, and which way it differs when the
/// corrected p-value is below 0.05. `None` for a group with no answers or no other group.
///
/// With exactly two groups both tests are the same test, so there is one hypothesis and no
/// correction (Shaffer's logical restriction of Holm's method).
pub fn groups_vs_rest(rows: &[Vec<u64>]) -> Vec<Option<(f64, f64, Option<Differs>)>> {
    groups_vs_rest_in_base(rows, &vec![0; rows.len()])
}

/// Like [`groups_vs_rest`], each group's base being its answers on the scale plus
/// `apart[group]` (its non-substantive answers when they are in the base).
pub fn groups_vs_rest_in_base(
    rows: &[Vec<u64>],
    apart: &[u64],
) -> Vec<Option<(f64, f64, Option<Differs>)>> {
    let ends = |steps: &[u64]| if steps.len() >= 4 { 2 } else { 1 };
    let tops: Vec<(u64, u64)> = rows
        .iter()
        .zip(apart.iter().chain(std::iter::repeat(&0)))
        .map(|(s, &a)| (s.iter().take(ends(s)).sum(), s.iter().sum::<u64>() + a))
        .collect();
    let (all_x, all_n) = tops
        .iter()
        .fold((0u64, 0u64), |(x, n), &(gx, gn)| (x + gx, n + gn));
    let tests: Vec<Option<(f64, stats::TestResult)>> = tops
        .iter()
        .map(|&(x, n)| {
            let (rx, rn) = (all_x - x, all_n - n);
            let rest_pct = rx as f64 * 100.0 / rn as f64;
            stats::two_proportion_z_test(rx as f64, rn as f64, x as f64, n as f64)
                .map(|t| (rest_pct, t))
        })
        .collect();
    versus_rest(&tests, rows.len())
}

/// The value of step `k` (0 = most positive) on the scale's own numbering: the most positive
/// step is the highest number (5 on 1–5, 10 on 0–10).
pub fn step_value(scale: &Scale, k: usize) -> f64 {
    (scale.first_code as f64) + (scale.points() - 1 - k) as f64
}

/// Effective treatment of one column under the user's overrides.
struct Treatment {
    kind: Kind,
    excluded: bool,
    include_values: bool,
    /// The user confirmed a guessed scale.
    scale_confirmed: bool,
}

fn treatment(col: &ColumnData, ov: Option<&ColumnOverride>) -> Treatment {
    let inferred = &col.inferred;
    let mut kind = ov.and_then(|o| o.kind).unwrap_or(inferred.kind);
    if kind == Kind::Likert && inferred.scale.is_none() {
        kind = Kind::Category;
    }
    let include_personal = ov.is_some_and(|o| o.include_personal);
    let personal = inferred.personal_data || kind == Kind::Text;
    let excluded = ov.is_some_and(|o| o.exclude) || (personal && !include_personal);
    let include_values = !personal || include_personal;
    Treatment {
        kind,
        excluded,
        include_values,
        scale_confirmed: ov.is_some_and(|o| o.scale_confirmed),
    }
}

/// The warning `notice`, worded in both languages, about `column` and `count` rows or values.
fn warning(notice: Notice, column: Option<&str>, count: Option<u64>) -> Warning {
    Warning {
        code: notice.code().to_string(),
        column: column.map(str::to_string),
        count,
        row: None,
        da: notice.message(Lang::Da),
        en: notice.message(Lang::En),
    }
}

/// The margin of error of one question on its own base, in percentage points: for a 50 % share
/// (the largest), with the finite population correction when `invited` is known. A question
/// answered by 300 of 2,000 rows has the margin of 300 answers, not of 2,000.
fn question_margin(c: &ColumnSummary, invited: Option<u64>, include: bool) -> Option<f64> {
    if c.excluded || c.part_of.is_some() {
        return None;
    }
    let apart = if include {
        0
    } else {
        c.non_substantive.unwrap_or(0)
    };
    let base = match c.kind {
        Kind::Likert => c.stats.as_ref().map(|s| s.base)?,
        Kind::Category => c.pct.as_ref().map(|_| c.answered.saturating_sub(apart))?,
        _ => return None,
    };
    let moe = stats::margin_of_error(0.5, base as f64, invited.map(|n| n as f64)) * 100.0;
    moe.is_finite().then_some(moe)
}

/// Holm's correction over the breakdown tests shown together in one summary: every question's
/// test against the grouping column. A group is said to differ only when its question's
/// corrected test is significant too.
fn correct_breakdown_tests(columns: &mut [ColumnSummary]) {
    let tested: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].test.is_some())
        .collect();
    let raw: Vec<f64> = tested
        .iter()
        .map(|&i| columns[i].test.as_ref().map_or(f64::NAN, |t| t.p_value))
        .collect();
    let adjusted = stats::holm_adjust(&raw);
    for (&i, p) in tested.iter().zip(adjusted) {
        let c = &mut columns[i];
        let Some(t) = c.test.as_mut() else { continue };
        t.p_adjusted = p;
        t.holm_tests = tested.len() as u64;
        t.significant = p < 0.05;
        if !t.significant {
            for v in c.by.iter_mut().flat_map(|by| by.values_mut()) {
                if let Some(o) = v.as_object_mut().filter(|o| o.contains_key("differs")) {
                    o.insert("differs".to_string(), Value::Null);
                    o.insert("mean_differs".to_string(), Value::Null);
                }
            }
        }
    }
}

/// A scale question's breakdown: as JSON, and typed (see [`ColumnSummary::by_stats`]).
type Breakdown = (Option<Map<String, Value>>, Vec<(String, ScaleStats)>);

impl Dataset {
    /// The summary with `opts`, and the adjusted dataset it was counted on when `opts` merge
    /// categories or define scales: the analyses that follow it count the same categories.
    /// With index scores, the dataset holds them as columns at the end; an index that cannot
    /// be made is left out, and a warning says why (see [`Self::try_adjusted_summary`]).
    pub fn adjusted_summary(&self, opts: &SummaryOptions) -> (Option<Dataset>, Summary) {
        match self.try_adjusted_summary(opts) {
            Ok(done) => done,
            Err(e) => {
                let mut without = opts.clone();
                without.indices.clear();
                let (adjusted, mut summary) = self.adjusted_summary(&without);
                summary.warnings.push(Warning {
                    code: e.code().to_string(),
                    column: None,
                    count: None,
                    row: None,
                    da: e.message(Lang::Da),
                    en: e.message(Lang::En),
                });
                (adjusted, summary)
            }
        }
    }

    /// [`Self::adjusted_summary`], or the error of the first index score in `opts.indices`
    /// that cannot be made (an item that is no scale question, scales of different lengths).
    pub fn try_adjusted_summary(
        &self,
        opts: &SummaryOptions,
    ) -> Result<(Option<Dataset>, Summary), crate::Error> {
        let adjusted = self.adjusted(&opts.overrides);
        let mut plain = self.unadjusted_options(opts);
        let indexed = adjusted.as_ref().unwrap_or(self).with_indices(&plain)?;
        // The indices are columns now.
        plain.indices.clear();
        let adjusted = indexed.or(adjusted);
        let summary = adjusted.as_ref().unwrap_or(self).summary(&plain);
        Ok((adjusted, summary))
    }

    /// Summarises the dataset: every column's statistics, the breakdown by `opts.by`,
    /// suppression of small groups, the response rate and warnings.
    pub fn summary(&self, opts: &SummaryOptions) -> Summary {
        if !opts.indices.is_empty()
            || opts
                .overrides
                .iter()
                .any(|o| !o.merge.is_empty() || o.scale.is_some())
        {
            return self.adjusted_summary(opts).1;
        }
        let min_cell = opts.min_cell.max(1);
        let mut warnings = self.read_warnings();
        let by_index = match opts.by.as_deref().filter(|b| !b.trim().is_empty()) {
            Some(name) => match self.find_column(name) {
                Some(i) if self.columns[i].codes.is_some() => Some(i),
                Some(i) => {
                    let col = &self.columns[i].profile.name;
                    warnings.push(warning(
                        Notice::ByTooManyGroups { column: col },
                        Some(col),
                        None,
                    ));
                    None
                }
                None => {
                    warnings.push(warning(
                        Notice::ByNotFound { column: name },
                        Some(name),
                        None,
                    ));
                    None
                }
            },
            None => None,
        };
        // An adjustment names its column by header, or by the variable name kept beside it.
        let overrides = |col: &ColumnData| {
            let p = &col.profile;
            (opts.overrides.iter().find(|o| o.column == p.name)).or_else(|| {
                let variable = p.variable.as_deref()?;
                opts.overrides.iter().find(|o| o.column == variable)
            })
        };
        let by_treatment = by_index.map(|i| {
            let col = &self.columns[i];
            treatment(col, overrides(col))
        });
        // A personal-data column is never a grouping unless the user includes it.
        let by_index = by_index.filter(|_| by_treatment.as_ref().is_some_and(|t| !t.excluded));

        let excluded_by_user = |c: usize| {
            self.columns
                .get(c)
                .and_then(&overrides)
                .is_some_and(|o| o.exclude)
        };
        let mut multi =
            crate::analyze::multiselect::for_summary(self, by_index, min_cell, excluded_by_user);
        let mut columns = Vec::with_capacity(self.columns.len());
        let (mut hidden_labels, mut masked_headers) = (0u64, 0u64);
        for (index, col) in self.columns.iter().enumerate() {
            let t = treatment(col, overrides(col));
            masked_headers += u64::from(col.profile.header_masked);
            // Labels of a column left out are not shown, hidden or not.
            if !t.excluded {
                hidden_labels += col.profile.hidden_labels;
                let labels = col.profile.free_text_labels;
                if labels > 0 && matches!(t.kind, Kind::Category | Kind::Likert) {
                    let column = col.profile.name.as_str();
                    warnings.push(warning(
                        Notice::FreeTextLabels { column, labels },
                        Some(column),
                        Some(labels),
                    ));
                }
            }
            let mut summary = self.column_summary(
                index,
                col,
                &t,
                by_index,
                min_cell,
                opts.include_non_substantive,
            );
            #[cfg(feature = "index")]
            if let Some(ix) = col.profile.index.as_deref().filter(|_| !t.excluded) {
                let by = by_index.filter(|&g| g != index);
                self.index_score(&mut summary, col, ix, by, min_cell);
            }
            summary.part_of = multi.part_of[index].take();
            // A column of a multi-select question is broken down as part of it, on the base of
            // those who answered the question: a breakdown of its own would count only those
            // who ticked it, and withhold other groups than the question's breakdown shows.
            if summary.part_of.is_some() {
                summary.by = None;
                summary.test = None;
                summary.withheld_groups = 0;
            }
            let include_personal = overrides(col).is_some_and(|o| o.include_personal);
            if multi.hide_values[index] && !include_personal {
                summary.counts = None;
                summary.pct = None;
                summary.by = None;
            }
            if !multi.checkbox_text[index] {
                self.column_warnings(col, &t, &summary, &mut warnings);
            }
            columns.push(summary);
        }
        correct_breakdown_tests(&mut columns);
        if hidden_labels + masked_headers > 0 {
            warnings.push(warning(
                Notice::PersonalLabelsHidden {
                    labels: hidden_labels,
                    headers: masked_headers,
                },
                None,
                Some(hidden_labels + masked_headers),
            ));
        }
        let multi_select = multi.summaries;
        let invited = opts.invited.or(self.facts.invited);
        for c in columns.iter_mut() {
            c.margin_of_error_pp = question_margin(c, invited, opts.include_non_substantive);
        }
        let response = invited.filter(|&n| n > 0).map(|invited| {
            let responded = self.facts.rows;
            let rate = responded as f64 * 100.0 / invited as f64;
            let moe = stats::margin_of_error(0.5, responded as f64, Some(invited as f64)) * 100.0;
            if responded > invited {
                warnings.push(warning(
                    Notice::MoreRowsThanInvited { responded, invited },
                    None,
                    Some(responded),
                ));
            }
            let low_response = rate < 50.0;
            if low_response {
                warnings.push(warning(
                    Notice::LowResponseRate { rate_pct: rate },
                    None,
                    None,
                ));
            }
            ResponseRate {
                invited,
                responded,
                rate_pct: rate,
                margin_of_error_pct: moe,
                low_response,
            }
        });
        let mut summary = Summary {
            rows: self.facts.rows,
            dialect: self.dialect.clone(),
            skipped_rows: self.facts.blank_rows,
            padded_rows: self.facts.padded_rows,
            truncated_rows: self.facts.truncated_rows,
            warnings,
            min_cell,
            by: by_index.map(|i| self.columns[i].profile.name.clone()),
            group_order: opts.group_order,
            include_non_substantive: opts.include_non_substantive,
            response,
            findings: Vec::new(),
            columns,
            multi_select,
        };
        summary.findings = crate::analyze::findings::findings(&summary);
        summary
    }

    fn column_summary(
        &self,
        index: usize,
        col: &ColumnData,
        t: &Treatment,
        by_index: Option<usize>,
        min_cell: u64,
        include: bool,
    ) -> ColumnSummary {
        let p = &col.profile;
        let inferred = &col.inferred;
        let mut s = ColumnSummary {
            index,
            name: p.name.clone(),
            variable: p.variable.clone(),
            kind: t.kind,
            personal_data: inferred.personal_data,
            personal_reason: inferred.personal_reason,
            metadata: inferred.metadata,
            excluded: t.excluded,
            answered: p.answered(),
            distinct: p.values.len() as u64,
            scale: None,
            scale_family: None,
            scale_source: None,
            scale_guessed: false,
            counts: None,
            pct: None,
            non_substantive: None,
            margin_of_error_pp: None,
            stats: None,
            headline: None,
            mean_scale_max: None,
            by: None,
            by_stats: Vec::new(),
            test: None,
            numeric: None,
            cpr_like: p.cpr_tokens,
            part_of: None,
            withheld_values: 0,
            withheld_groups: 0,
            index_score: None,
            index_by: Vec::new(),
        };
        if !t.include_values {
            return s;
        }
        match (t.kind, &inferred.scale) {
            (Kind::Likert, Some(scale)) => {
                let mut steps = vec![0u64; scale.points()];
                let mut counts = Map::new();
                let mut apart = Map::new();
                let mut non_substantive = 0;
                // Only answers such as "Ved ikke" can join the base, not answers off the scale.
                let mut dont_know = 0;
                for (k, label) in scale.labels.iter().enumerate() {
                    let _ = k;
                    counts.insert(label.clone(), Value::from(0u64));
                }
                for ((value, count), role) in p.values.iter().zip(&inferred.roles) {
                    match *role {
                        ValueRole::Step(k) if k < steps.len() => {
                            steps[k] += count;
                            let key = &scale.labels[k];
                            counts.insert(key.clone(), Value::from(steps[k]));
                        }
                        _ => {
                            if *role == ValueRole::NonSubstantive {
                                dont_know += count;
                            }
                            non_substantive += count;
                            let prev = apart.get(value).and_then(Value::as_u64).unwrap_or(0);
                            apart.insert(value.clone(), Value::from(prev + count));
                        }
                    }
                }
                counts.extend(apart);
                s.scale = Some(scale.labels.clone());
                s.scale_family = Some(scale.family);
                s.scale_source = Some(scale.source);
                s.scale_guessed = scale.guessed && !t.scale_confirmed;
                s.counts = Some(counts);
                s.non_substantive = Some(non_substantive);
                s.mean_scale_max =
                    Some((scale.first_code + scale.points() as i32 - 1).max(0) as u32);
                let lead = headline(scale, &p.name);
                s.headline = Some(lead);
                let mut st = scale_stats_in_base(&steps, dont_know, include, scale);
                if lead == Headline::Nps {
                    st.nps = nps_stats(&steps, scale);
                }
                s.stats = Some(st);
                if let Some(g) = by_index.filter(|&g| g != index && !t.excluded) {
                    let ((by, typed), test, withheld) =
                        self.breakdown(col, scale, &self.columns[g], min_cell, include);
                    s.by = by;
                    s.by_stats = typed;
                    s.test = test;
                    s.withheld_groups = withheld;
                }
            }
            (Kind::Category | Kind::Date | Kind::Id | Kind::Text | Kind::Likert, _) => {
                // The same rule as a scale's: "Ved ikke" and the like are counted, and in the
                // base only when the user includes them.
                let dont_know: u64 = p
                    .values
                    .iter()
                    .filter(|(v, _)| crate::infer::is_non_substantive(v))
                    .map(|(_, c)| *c)
                    .sum();
                let base = if include {
                    p.answered()
                } else {
                    p.answered() - dont_know
                };
                if t.kind == Kind::Category && dont_know > 0 {
                    s.non_substantive = Some(dont_know);
                }
                let answered = base.max(1) as f64;
                let mut counts = Map::new();
                let mut pct = Map::new();
                // Each value is a group: small ones are pooled or withheld, never named.
                let order: Vec<usize> = (0..p.values.len()).collect();
                if let Some(gated) = tables::own_counts(col, &order, min_cell) {
                    for (r, line) in gated.rows().enumerate() {
                        let label = line_label(line, &p.values, min_cell);
                        let count = gated.cells(r)[0];
                        counts.insert(label.clone(), Value::from(count));
                        let apart = !include && crate::infer::is_non_substantive(&label);
                        let share = (!apart).then(|| count as f64 * 100.0 / answered);
                        pct.insert(label, share.map_or(Value::Null, Value::from));
                    }
                    s.withheld_values = gated.withheld_rows();
                }
                if t.kind == Kind::Category || t.kind == Kind::Likert {
                    s.counts = Some(counts);
                    s.pct = Some(pct);
                }
                if t.kind == Kind::Category {
                    if let Some(g) = by_index.filter(|&g| g != index && !t.excluded) {
                        let (by, withheld) =
                            self.category_breakdown(col, &self.columns[g], min_cell);
                        s.by = by;
                        s.withheld_groups = withheld;
                    }
                }
            }
            // No minimum or maximum: each is one respondent's value. Nothing from fewer than
            // min-cell numbers.
            (Kind::Number, _) if protect::enough(col.numeric.n as u64, min_cell) => {
                let (mean, sd) = col.numeric.mean_sd();
                s.numeric = Some(NumericStats {
                    n: col.numeric.n as u64,
                    mean,
                    sd,
                    unparsed: p.unparsed_numbers,
                    unparsed_forms: p.unparsed_forms.clone(),
                });
            }
            (Kind::Number, _) => {}
            (Kind::Empty, _) => {}
        }
        s
    }

    /// The breakdown of a scale question by `group`: each shown group's statistics, the test
    /// over the shown groups and how many groups were withheld.
    fn breakdown(
        &self,
        question: &ColumnData,
        scale: &Scale,
        group: &ColumnData,
        min_cell: u64,
        include: bool,
    ) -> (Breakdown, Option<IndependenceTest>, u64) {
        let order = group_order(group);
        let points = scale.points();
        let (Some(table), Some(rows), Some(cols)) = (
            tables::joint(group, question),
            tables::group_axis(group, &order, min_cell),
            tables::step_axis_with_apart(question, points),
        ) else {
            return ((None, Vec::new()), None, 0);
        };
        let gated = protect::table(&table, &rows, &cols, min_cell);
        let nps = headline(scale, &question.profile.name) == Headline::Nps;
        let mut by = Map::new();
        let mut typed = Vec::new();
        // Each shown row: the steps, then the non-substantive answers (never in the gate's
        // base, so they cannot change what is withheld).
        let (shown, apart): (Vec<Vec<u64>>, Vec<u64>) = (0..gated.rows().count())
            .map(|r| {
                let cells = gated.cells(r);
                (
                    cells[..points].to_vec(),
                    cells[points..].iter().sum::<u64>(),
                )
            })
            .unzip();
        let in_base: Vec<u64> = apart.iter().map(|&a| if include { a } else { 0 }).collect();
        let vs_rest = groups_vs_rest_in_base(&shown, &in_base);
        let means = means_vs_rest(&shown, scale);
        for ((((line, steps), &apart), rest), mean) in
            gated.rows().zip(&shown).zip(&apart).zip(vs_rest).zip(means)
        {
            let label = line_label(line_value(line, &order), &group.profile.values, min_cell);
            let mut st = scale_stats_in_base(steps, apart, include, scale);
            if nps {
                st.nps = nps_stats(steps, scale);
            }
            if let Some((rest_pct, p, differs)) = rest {
                st.top2_rest_pct = Some(rest_pct);
                st.top2_vs_rest_p = Some(p);
                st.differs = differs;
            }
            if let Some((rest_mean, p, differs)) = mean {
                st.mean_rest = Some(rest_mean);
                st.mean_vs_rest_p = Some(p);
                st.mean_differs = differs;
            }
            let mut stats = serde_json::to_value(&st).unwrap_or(Value::Null);
            typed.push((label.clone(), st));
            // A group always says whether it differs: "higher", "lower" or null.
            if let Value::Object(o) = &mut stats {
                o.entry("differs").or_insert(Value::Null);
                o.entry("mean_differs").or_insert(Value::Null);
            }
            by.insert(label, stats);
        }
        let test_rows: Vec<Vec<f64>> = shown
            .iter()
            .map(|steps| steps.iter().map(|&c| c as f64).collect())
            .collect();
        // Corrected with the other questions' tests once the summary is complete.
        let test = stats::chi_square_independence(&test_rows).map(|c| IndependenceTest {
            chi_square: c.statistic,
            df: c.df,
            p_value: c.p_value,
            p_adjusted: c.p_value,
            holm_tests: 1,
            cramers_v: c.cramers_v,
            expected_below_5_pct: c.expected_below_5_pct,
            significant: c.p_value < 0.05,
        });
        ((Some(by), typed), test, gated.withheld_rows())
    }

    /// The breakdown of a category question by `group`: each shown group's counts of the
    /// question's shown values, and how many groups were withheld.
    fn category_breakdown(
        &self,
        question: &ColumnData,
        group: &ColumnData,
        min_cell: u64,
    ) -> (Option<Map<String, Value>>, u64) {
        let order = group_order(group);
        let values: Vec<usize> = (0..question.profile.values.len()).collect();
        let (Some(table), Some(rows), Some(cols)) = (
            tables::joint(group, question),
            tables::group_axis(group, &order, min_cell),
            tables::group_axis(question, &values, min_cell),
        ) else {
            return (None, 0);
        };
        let gated = protect::table(&table, &rows, &cols, min_cell);
        let col_labels: Vec<String> = gated
            .cols()
            .map(|l| line_label(l, &question.profile.values, min_cell))
            .collect();
        let mut by = Map::new();
        for (r, line) in gated.rows().enumerate() {
            let mut c = Map::new();
            for (label, &count) in col_labels.iter().zip(gated.cells(r)) {
                c.insert(label.clone(), Value::from(count));
            }
            let label = line_label(line_value(line, &order), &group.profile.values, min_cell);
            by.insert(
                label,
                serde_json::json!({ "n": gated.row_base(r), "counts": c }),
            );
        }
        (Some(by), gated.withheld_rows())
    }

    fn read_warnings(&self) -> Vec<Warning> {
        let f = &self.facts;
        let mut out = Vec::new();
        if self.dialect.header_looks_like_data {
            let mut w = warning(Notice::HeaderLooksLikeData, None, None);
            w.row = Some(1);
            out.push(w);
        }
        if f.padded_rows > 0 {
            let (rows, first) = (f.padded_rows, f.first_padded_row.unwrap_or(0));
            let mut w = warning(Notice::PaddedRows { rows, first }, None, Some(rows));
            w.row = f.first_padded_row;
            out.push(w);
        }
        if f.truncated_rows > 0 {
            let (rows, first) = (f.truncated_rows, f.first_truncated_row.unwrap_or(0));
            let mut w = warning(Notice::TruncatedRows { rows, first }, None, Some(rows));
            w.row = f.first_truncated_row;
            out.push(w);
        }
        if f.blank_rows > 0 {
            let rows = f.blank_rows;
            out.push(warning(Notice::BlankRows { rows }, None, Some(rows)));
        }
        if let Some(invited) = f.invited.filter(|&n| n > f.rows) {
            let missing = invited - f.rows;
            out.push(warning(
                Notice::NonRespondents { missing, invited },
                None,
                Some(missing),
            ));
        }
        if let (Some(completed), Some(partial)) = (f.completed, f.partial) {
            out.push(warning(
                Notice::ResponseStatus { completed, partial },
                None,
                Some(completed + partial),
            ));
        }
        if f.invalid_values > 0 {
            let cells = f.invalid_values;
            let encoding = &self.dialect.encoding;
            out.push(warning(
                Notice::InvalidBytes { cells, encoding },
                None,
                Some(cells),
            ));
        }
        out
    }

    fn column_warnings(
        &self,
        col: &ColumnData,
        t: &Treatment,
        s: &ColumnSummary,
        out: &mut Vec<Warning>,
    ) {
        let column = col.profile.name.as_str();
        let inferred = &col.inferred;
        match inferred.personal_reason {
            Some(PersonalReason::FreeText) | None if t.kind == Kind::Text => {
                let answered = s.answered;
                out.push(warning(
                    Notice::FreeText { column, answered },
                    Some(column),
                    Some(answered),
                ));
            }
            Some(PersonalReason::CprValues) | Some(PersonalReason::CprHeader) if t.excluded => {
                out.push(warning(Notice::CprColumn { column }, Some(column), None));
            }
            Some(reason) if t.excluded && reason != PersonalReason::FreeText => {
                out.push(warning(
                    Notice::PersonalColumn { column, reason },
                    Some(column),
                    None,
                ));
            }
            _ => {}
        }
        if col.profile.cpr_tokens > 0
            && !matches!(inferred.personal_reason, Some(PersonalReason::CprValues))
        {
            let count = col.profile.cpr_tokens;
            out.push(warning(
                Notice::CprInText { column, count },
                Some(column),
                Some(count),
            ));
        }
        if t.kind == Kind::Number && !t.excluded && col.profile.unparsed_numbers > 0 {
            let cells = col.profile.unparsed_numbers;
            let forms: Vec<&str> = col
                .profile
                .unparsed_forms
                .iter()
                .map(|(f, _)| f.as_str())
                .collect();
            out.push(warning(
                Notice::NumbersNotRead {
                    column,
                    cells,
                    forms: &forms.join(", "),
                },
                Some(column),
                Some(cells),
            ));
        }
        if t.kind == Kind::Likert && !t.excluded {
            let answers: u64 = col
                .profile
                .values
                .iter()
                .zip(&inferred.roles)
                .filter(|(_, r)| **r == ValueRole::Other)
                .map(|((_, c), _)| *c)
                .sum();
            if answers > 0 {
                out.push(warning(
                    Notice::NotOnScale { column, answers },
                    Some(column),
                    Some(answers),
                ));
            }
            if let Some(scale) = &inferred.scale {
                if scale.guessed && !t.scale_confirmed {
                    let points = scale.points();
                    out.push(warning(
                        Notice::ScaleGuessed { column, points },
                        Some(column),
                        None,
                    ));
                }
                if !scale.has_midpoint() && scale.points() == 4 {
                    out.push(warning(
                        Notice::FourPointScale { column },
                        Some(column),
                        None,
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::ScaleFamily;

    fn sat() -> Scale {
        Scale {
            family: ScaleFamily::Satisfaction,
            labels: [
                "Meget tilfreds",
                "Tilfreds",
                "Hverken tilfreds eller utilfreds",
                "Utilfreds",
                "Meget utilfreds",
            ]
            .map(String::from)
            .to_vec(),
            first_code: 1,
            source: crate::model::kinds::ScaleSource::Wording,
            guessed: false,
        }
    }

    #[test]
    fn scale_stats_by_hand() {
        // 40 × 5, 30 × 4, 15 × 3, 10 × 2, 5 × 1: n = 100.
        // mean = (200 + 120 + 45 + 20 + 5) / 100 = 3.90
        // sum of squares = 40·25 + 30·16 + 15·9 + 10·4 + 5·1 = 1660;
        // var = (1660 − 100·3.9²) / 99 = (1660 − 1521) / 99 = 1.404040…; sd = 1.184922…
        let s = scale_stats(&[40, 30, 15, 10, 5], &sat());
        assert_eq!(s.n_valid, 100);
        assert!((s.top2_pct - 70.0).abs() < 1e-12);
        assert!((s.bottom2_pct - 15.0).abs() < 1e-12);
        assert!((s.mean - 3.9).abs() < 1e-12);
        assert!((s.sd.unwrap() - (139.0f64 / 99.0).sqrt()).abs() < 1e-12);
        // Wilson 95 % for 70/100, by hand: centre (0.7 + z²/200)/(1 + z²/100), z = 1.959964.
        let z = 1.959963984540054f64;
        let centre = (0.7 + z * z / 200.0) / (1.0 + z * z / 100.0);
        let half = z / (1.0 + z * z / 100.0) * (0.7 * 0.3 / 100.0 + z * z / 40000.0).sqrt();
        assert!((s.top2_ci95[0] - (centre - half) * 100.0).abs() < 1e-9);
        assert!((s.top2_ci95[1] - (centre + half) * 100.0).abs() < 1e-9);
    }
}
