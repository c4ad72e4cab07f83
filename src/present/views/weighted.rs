//! Weighted figures as the page and the command line show them: key figures beside the
//! unweighted ones, and the weighted top-2 share per group as a chart and a table.

use serde::Serialize;

use crate::analyze::weights::{self, WeightError, WeightedGroup, WeightedStats};
use crate::model::dataset::Dataset;
use crate::present::chart::{GroupBar, GroupChart, Measure};
use crate::present::export::Table;
use crate::words::lang::{format_count, format_decimal, format_mean, format_pct, Lang};

/// One Likert question's weighted figures.
#[derive(Debug, Clone, Serialize)]
pub struct WeightedQuestion {
    /// The question's column (0-based).
    pub index: usize,
    /// The question's header.
    pub question: String,
    /// Key figures as (label, value) pairs, see [`weighted_facts`].
    pub facts: Vec<(String, String)>,
    /// The weighted statistics.
    pub stats: WeightedStats,
    /// Per shown group, when broken down.
    pub groups: Option<Vec<WeightedGroup>>,
    /// Groups withheld from `groups` (too few answers, so few answers without a weight that
    /// the difference would be theirs, or so they cannot be worked out from the totals).
    pub withheld_groups: u64,
    /// The weighted top-2 share per group.
    pub chart: Option<GroupChart>,
    /// The same as a table.
    pub table: Option<Table>,
}

/// Weighted figures of every Likert question.
#[derive(Debug, Clone, Serialize)]
pub struct WeightedView {
    /// One entry per Likert question.
    pub questions: Vec<WeightedQuestion>,
    /// Questions left out because fewer than the minimum of their answers have no weight:
    /// weighted beside unweighted figures would show those answers.
    pub withheld_questions: u64,
}

/// Weighted figures of every Likert question of `ds` with column `weight` as the weight, broken
/// down by column `by` when given (groups under `min_cell` withheld).
pub fn weighted_view(
    ds: &Dataset,
    weight: usize,
    by: Option<usize>,
    min_cell: u64,
    lang: Lang,
) -> Result<WeightedView, WeightError> {
    weighted_view_in_base(ds, weight, by, min_cell, false, lang)
}

/// Like [`weighted_view`], with the non-substantive answers in the base of the percentages
/// when `include` is set.
pub fn weighted_view_in_base(
    ds: &Dataset,
    weight: usize,
    by: Option<usize>,
    min_cell: u64,
    include: bool,
    lang: Lang,
) -> Result<WeightedView, WeightError> {
    let all = weights::weighted_all_in_base(ds, weight, include)?;
    let mut questions = Vec::with_capacity(all.len());
    let mut withheld_questions = 0;
    for s in all {
        let Some(index) = ds.columns.iter().position(|c| c.profile.name == s.question) else {
            continue;
        };
        if crate::protect::difference_discloses(s.n_without_weight, min_cell) {
            withheld_questions += 1;
            continue;
        }
        let breakdown = by.filter(|&g| g != index && g != weight).and_then(|g| {
            weights::weighted_by_group_in_base(ds, index, weight, g, min_cell, include).ok()
        });
        let (groups, withheld_groups) = match breakdown {
            Some((groups, withheld)) => (Some(groups), withheld),
            None => (None, 0),
        };
        let (chart, table) = match &groups {
            Some(groups) => {
                let (c, mut t) = weighted_breakdown(&s, groups, lang);
                let note = crate::words::phrases::withheld_note(withheld_groups, min_cell, lang);
                if let Some(note) = note {
                    let mut line = vec![note];
                    line.resize(t.header.len(), String::new());
                    t.rows.push(line);
                }
                (Some(c), Some(t))
            }
            None => (None, None),
        };
        questions.push(WeightedQuestion {
            index,
            question: s.question.clone(),
            facts: weighted_facts(&s, lang),
            stats: s,
            groups,
            withheld_groups,
            chart,
            table,
        });
    }
    Ok(WeightedView {
        questions,
        withheld_questions,
    })
}

/// The weighted top-2 share per group as a group chart and a table.
pub fn weighted_breakdown(
    all: &WeightedStats,
    groups: &[WeightedGroup],
    lang: Lang,
) -> (GroupChart, Table) {
    let bars = groups
        .iter()
        .map(|g| GroupBar {
            label: crate::words::phrases::label_in(&g.label, lang),
            value: Some(g.stats.top2_pct),
            ci: Some((g.stats.top2_ci95[0], g.stats.top2_ci95[1])),
            n: g.stats.n_valid,
        })
        .collect();
    let chart = GroupChart {
        title: lang
            .pick(
                "Top-2, vægtet (95 %-interval)",
                "Top-2, weighted (95% interval)",
            )
            .to_string(),
        measure: Measure::Percent,
        overall: Some(all.top2_pct),
        bars,
    };
    let header = vec![
        lang.pick("Gruppe", "Group").to_string(),
        lang.pick("Uvægtet n", "Unweighted n").to_string(),
        lang.pick("Effektiv n", "Effective n").to_string(),
        lang.pick("Top-2, vægtet", "Top-2, weighted").to_string(),
        lang.pick("95 %-interval", "95% interval").to_string(),
        lang.pick("Gennemsnit, vægtet", "Mean, weighted")
            .to_string(),
        lang.pick("Top-2, uvægtet", "Top-2, unweighted").to_string(),
    ];
    let rows = groups
        .iter()
        .map(|g| {
            let s = &g.stats;
            vec![
                crate::words::phrases::label_in(&g.label, lang),
                format_count(s.n_valid, lang),
                format_decimal(s.n_eff, 1, lang),
                format_pct(s.top2_pct, lang),
                format!(
                    "{}–{}",
                    format_pct(s.top2_ci95[0], lang),
                    format_pct(s.top2_ci95[1], lang)
                ),
                format_mean(s.mean, lang),
                format_pct(s.unweighted.top2_pct, lang),
            ]
        })
        .collect();
    (chart, Table { header, rows })
}

/// Key figures of weighted statistics as (label, value) pairs in the user's language, with
/// the unweighted figures beside the weighted ones.
pub fn weighted_facts(s: &WeightedStats, lang: Lang) -> Vec<(String, String)> {
    let ci =
        |a: f64, b: f64, f: &dyn Fn(f64, Lang) -> String| format!("{}–{}", f(a, lang), f(b, lang));
    vec![
        (
            lang.pick(
                "Svar på skalaen (uvægtet n)",
                "Answers on the scale (unweighted n)",
            )
            .to_string(),
            format_count(s.n_valid, lang),
        ),
        (
            lang.pick("Svar med vægt", "Answers with a weight")
                .to_string(),
            format_count(s.n_weighted, lang),
        ),
        (
            crate::words::phrases::base_label(lang).to_string(),
            crate::words::phrases::base_note(
                s.unweighted.base,
                s.apart,
                s.unweighted.base > s.unweighted.n_valid,
                lang,
            ),
        ),
        (
            lang.pick("Effektiv stikprøvestørrelse", "Effective sample size")
                .to_string(),
            format_decimal(s.n_eff, 1, lang),
        ),
        (
            lang.pick("Designeffekt", "Design effect").to_string(),
            format_decimal(s.deff, 2, lang),
        ),
        (
            lang.pick(
                "Top-2, vægtet (95 %-interval)",
                "Top-2, weighted (95% interval)",
            )
            .to_string(),
            format!(
                "{} ({})",
                format_pct(s.top2_pct, lang),
                ci(s.top2_ci95[0], s.top2_ci95[1], &format_pct)
            ),
        ),
        (
            lang.pick("Top-2, uvægtet", "Top-2, unweighted").to_string(),
            format_pct(s.unweighted.top2_pct, lang),
        ),
        (
            lang.pick(
                "Gennemsnit, vægtet (95 %-interval)",
                "Mean, weighted (95% interval)",
            )
            .to_string(),
            format!(
                "{} ({})",
                format_mean(s.mean, lang),
                ci(s.mean_ci95[0], s.mean_ci95[1], &format_mean)
            ),
        ),
        (
            lang.pick("Gennemsnit, uvægtet", "Mean, unweighted")
                .to_string(),
            format_mean(s.unweighted.mean, lang),
        ),
    ]
}
