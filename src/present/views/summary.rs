//! What the page shows: chart models and their tables, built from a summary in the user's
//! language. The tables are the charts' numbers as text (for screen readers, copying and CSV
//! export), so they come from the same summary as the charts and can never disagree.

use crate::model::options::GroupOrder;
use serde::Serialize;

use crate::analyze::summary::{ColumnSummary, Differs, Headline, ScaleStats, Summary};
#[cfg(feature = "index")]
use crate::analyze::summary::{IndexStats, IndexSummary};
use crate::model::kinds::Kind;
use crate::present::chart::{GroupBar, GroupChart, LikertChart, LikertRow, Measure};
use crate::present::export::Table;
#[cfg(feature = "index")]
use crate::words::lang::format_decimal;
use crate::words::lang::{format_count, format_mean, format_pct, Lang};
use crate::words::messages::{
    chi_square_test, group_differs, low_expected_counts, Association, Verdict,
};

/// The overview: all Likert questions in one diverging chart, sorted by top-2-box.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// The chart model.
    pub chart: LikertChart,
    /// The chart's numbers.
    pub table: Table,
    /// Column index of each chart row, in chart order.
    pub columns: Vec<usize>,
}

/// One question in detail, with its breakdown when a grouping column is chosen.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    /// Column index.
    pub index: usize,
    /// Question text.
    pub title: String,
    /// Key figures as (label, value) pairs.
    pub facts: Vec<(String, String)>,
    /// The distribution as a table.
    pub table: Table,
    /// Bars per group with 95 % intervals: the share of positive answers.
    pub breakdown: Option<GroupChart>,
    /// The same groups by their mean, with its 95 % interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown_mean: Option<GroupChart>,
    /// The same groups with their whole distribution, one diverging bar per shown group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown_distribution: Option<LikertChart>,
    /// The breakdown's numbers.
    pub breakdown_table: Option<Table>,
    /// The test of independence in words.
    pub test_text: Option<String>,
    /// One sentence per group whose top-2 share differs significantly from the other groups'
    /// (after Holm's correction), highest share first; empty when none does.
    pub group_texts: Vec<String>,
}

/// Likert columns that are analysed and have answers.
fn likert_columns(summary: &Summary) -> impl Iterator<Item = (&ColumnSummary, &ScaleStats)> {
    summary
        .columns
        .iter()
        .filter(|c| c.kind == Kind::Likert && !c.excluded && c.part_of.is_none())
        .filter_map(|c| c.stats.as_ref().filter(|s| s.n_valid > 0).map(|s| (c, s)))
}

/// Builds the overview of every Likert question.
pub fn overview(summary: &Summary, lang: Lang) -> Overview {
    let mut items: Vec<(&ColumnSummary, &ScaleStats)> = likert_columns(summary).collect();
    crate::util::sort::sort_by(&mut items, |a, b| {
        b.1.top2_pct
            .total_cmp(&a.1.top2_pct)
            .then(a.0.index.cmp(&b.0.index))
    });
    let legend = common_legend(&items, lang);
    let rows = items
        .iter()
        .map(|(c, s)| LikertRow {
            label: c.name.clone(),
            pct: s.pct.clone(),
            n: s.n_valid,
            top2_pct: s.top2_pct,
        })
        .collect();
    let mut header = vec![
        lang.pick("Spørgsmål", "Question").to_string(),
        "n".to_string(),
    ];
    header.extend(legend.iter().cloned());
    header.push(
        lang.pick("Top-2 (tilfredse)", "Top-2 (positive)")
            .to_string(),
    );
    header.push(lang.pick("Bund-2", "Bottom-2").to_string());
    header.push(lang.pick("Gennemsnit", "Mean").to_string());
    let table_rows = items
        .iter()
        .map(|(c, s)| {
            let mut row = vec![c.name.clone(), format_count(s.n_valid, lang)];
            for i in 0..legend.len() {
                row.push(
                    s.pct
                        .get(i)
                        .map(|p| format_pct(*p, lang))
                        .unwrap_or_default(),
                );
            }
            // A 0–10 question has no "positive" two steps: its row leads with the mean.
            let ends = c.headline.is_none_or(|h| h == Headline::Top2);
            for share in [s.top2_pct, s.bottom2_pct] {
                row.push(match ends {
                    true => format_pct(share, lang),
                    false => "–".to_string(),
                });
            }
            row.push(mean_text(s.mean, c.mean_scale_max, lang));
            row
        })
        .collect();
    Overview {
        chart: LikertChart {
            title: lang
                .pick(
                    "Alle spørgsmål, sorteret efter andel positive svar",
                    "All questions, sorted by share of positive answers",
                )
                .to_string(),
            legend,
            rows,
        },
        table: Table {
            header,
            rows: table_rows,
        },
        columns: items.iter().map(|(c, _)| c.index).collect(),
    }
}

/// The legend of the most common scale length among the rows.
fn common_legend(items: &[(&ColumnSummary, &ScaleStats)], lang: Lang) -> Vec<String> {
    let mut best: Option<(usize, usize)> = None;
    for (_, s) in items {
        let points = s.pct.len();
        let count = items.iter().filter(|(_, o)| o.pct.len() == points).count();
        if best.is_none_or(|(_, c)| count > c) {
            best = Some((points, count));
        }
    }
    let Some((points, _)) = best else {
        return Vec::new();
    };
    let same: Vec<&ColumnSummary> = items
        .iter()
        .filter(|(_, s)| s.pct.len() == points)
        .map(|(c, _)| *c)
        .collect();
    let first = same[0].scale.clone().unwrap_or_default();
    if same.iter().all(|c| c.scale.as_ref() == Some(&first)) {
        first
    } else {
        // Different wordings share only their position on the scale.
        (0..points)
            .map(|i| {
                let step = points - i;
                match i {
                    0 => format!("{step} {}", lang.pick("mest positiv", "most positive")),
                    _ if i + 1 == points => {
                        format!("{step} {}", lang.pick("mest negativ", "most negative"))
                    }
                    _ if points % 2 == 1 && i == points / 2 => format!("{step} neutral"),
                    _ => step.to_string(),
                }
            })
            .collect()
    }
}

fn mean_text(mean: f64, max: Option<u32>, lang: Lang) -> String {
    match max {
        Some(m) => format!(
            "{} {} {}",
            format_mean(mean, lang),
            lang.pick("ud af", "out of"),
            m
        ),
        None => format_mean(mean, lang),
    }
}

/// Builds the detailed view of one column, or `None` when it has nothing to show.
pub fn question(summary: &Summary, index: usize, lang: Lang) -> Option<QuestionView> {
    let c = summary.columns.get(index)?;
    if c.excluded || c.part_of.is_some() {
        return None;
    }
    #[cfg(feature = "index")]
    if let Some(ix) = &c.index_score {
        return Some(index_question(summary, c, ix, lang));
    }
    match (c.kind, &c.stats) {
        (Kind::Likert, Some(s)) => Some(likert_question(summary, c, s, lang)),
        (Kind::Category, _) => category_question(c, summary, lang),
        _ => None,
    }
}

fn likert_question(
    summary: &Summary,
    c: &ColumnSummary,
    s: &ScaleStats,
    lang: Lang,
) -> QuestionView {
    let lead = c.headline.unwrap_or(Headline::Top2);
    let mut facts = vec![
        (
            lang.pick("Svar på skalaen (n)", "Answers on the scale (n)")
                .to_string(),
            format_count(s.n_valid, lang),
        ),
        (
            lang.pick("Top-2 (positive)", "Top-2 (positive)")
                .to_string(),
            format!(
                "{} ({}–{})",
                format_pct(s.top2_pct, lang),
                format_pct(s.top2_ci95[0], lang),
                format_pct(s.top2_ci95[1], lang)
            ),
        ),
        (
            lang.pick("Bund-2 (negative)", "Bottom-2 (negative)")
                .to_string(),
            format_pct(s.bottom2_pct, lang),
        ),
        (
            lang.pick("Gennemsnit (95 %-interval)", "Mean (95% interval)")
                .to_string(),
            match s.mean_ci95 {
                Some([lo, hi]) => format!(
                    "{} ({}–{})",
                    mean_text(s.mean, c.mean_scale_max, lang),
                    format_mean(lo, lang),
                    format_mean(hi, lang)
                ),
                None => format!(
                    "{} ({})",
                    mean_text(s.mean, c.mean_scale_max, lang),
                    crate::words::phrases::too_few_for_interval(lang)
                ),
            },
        ),
    ];
    // A 0–10 question leads with its NPS or its mean: 9 and 10 are no "positive" half.
    if lead != Headline::Top2 {
        facts.drain(1..3);
    }
    if let Some(nps) = s.nps.as_ref().filter(|_| lead == Headline::Nps) {
        use crate::words::phrases::{nps_groups_label, nps_label, nps_value};
        facts.insert(
            1,
            (
                nps_label(lang).to_string(),
                nps_value(nps.score, nps.ci95[0], nps.ci95[1], lang),
            ),
        );
        facts.insert(
            2,
            (
                nps_groups_label(lang).to_string(),
                format!(
                    "{} / {} / {}",
                    format_pct(nps.promoters_pct, lang),
                    format_pct(nps.passives_pct, lang),
                    format_pct(nps.detractors_pct, lang)
                ),
            ),
        );
    }
    facts.push((
        crate::words::phrases::base_label(lang).to_string(),
        crate::words::phrases::base_note(s.base, s.apart, summary.include_non_substantive, lang),
    ));
    if let Some(moe) = c.margin_of_error_pp {
        facts.push((
            crate::words::phrases::margin_of_error_label(lang).to_string(),
            crate::words::phrases::margin_of_error(moe, lang),
        ));
    }
    if let Some(ns) = c.non_substantive.filter(|n| *n > 0) {
        facts.push((
            lang.pick(
                "Ved ikke / ikke relevant m.m.",
                "Don't know / not applicable etc.",
            )
            .to_string(),
            format_count(ns, lang),
        ));
    }
    let header = vec![
        lang.pick("Svar", "Answer").to_string(),
        lang.pick("Antal", "Count").to_string(),
        match summary.include_non_substantive {
            false => lang.pick(
                "Procent af svar på skalaen",
                "Percent of answers on the scale",
            ),
            true => lang.pick(
                "Procent af svar på skalaen og «Ved ikke» o.l.",
                "Percent of answers on the scale and “Don't know” or similar",
            ),
        }
        .to_string(),
    ];
    let mut rows = Vec::new();
    let labels = c.scale.clone().unwrap_or_default();
    for (i, label) in labels.iter().enumerate() {
        rows.push(vec![
            label.clone(),
            format_count(s.steps.get(i).copied().unwrap_or(0), lang),
            format_pct(s.pct.get(i).copied().unwrap_or(0.0), lang),
        ]);
    }
    if let Some(counts) = &c.counts {
        for (label, v) in counts.iter().filter(|(l, _)| !labels.contains(l)) {
            let count = v.as_u64().unwrap_or(0);
            // In the base only when included, and only answers such as "Ved ikke".
            let in_base = summary.include_non_substantive
                && crate::infer::is_non_substantive(label)
                && s.base > 0;
            rows.push(vec![
                label.clone(),
                format_count(count, lang),
                match in_base {
                    true => format_pct(count as f64 * 100.0 / s.base as f64, lang),
                    false => "–".to_string(),
                },
            ]);
        }
    }
    let (mut breakdown_mean, mut breakdown_distribution) = (None, None);
    let (breakdown, breakdown_table, test_text, group_texts) = match (&c.by, &summary.by) {
        (Some(_), Some(by_name)) => {
            let (chart, mut table, group_texts) =
                likert_breakdown(c, s, by_name, summary.group_order, lang);
            (breakdown_mean, breakdown_distribution) =
                other_breakdowns(c, s, &chart, by_name, lang);
            let width = table.header.len();
            push_withheld_note(
                &mut table.rows,
                c.withheld_groups,
                summary.min_cell,
                width,
                lang,
            );
            let test = c.test.as_ref().map(|t| {
                let verdict = Verdict {
                    p: t.p_value,
                    p_adjusted: t.p_adjusted,
                    tests: t.holm_tests as usize,
                    significant: t.significant,
                };
                let mut text = chi_square_test(
                    Association::Groups,
                    verdict,
                    t.chi_square,
                    t.df,
                    t.cramers_v,
                    lang,
                );
                // The same caution as the cross-table's (Cochran's rule: at most 20 % of the
                // cells may expect fewer than 5).
                if t.expected_below_5_pct > 20.0 {
                    text.push(' ');
                    text.push_str(&low_expected_counts(t.expected_below_5_pct, lang));
                }
                text
            });
            (Some(chart), Some(table), test, group_texts)
        }
        _ => (None, None, None, Vec::new()),
    };
    QuestionView {
        index: c.index,
        title: c.name.clone(),
        facts,
        table: Table { header, rows },
        breakdown,
        breakdown_mean,
        breakdown_distribution,
        breakdown_table,
        test_text,
        group_texts,
    }
}

fn likert_breakdown(
    c: &ColumnSummary,
    s: &ScaleStats,
    by_name: &str,
    order: GroupOrder,
    lang: Lang,
) -> (GroupChart, Table, Vec<String>) {
    let too_few = crate::words::phrases::too_few(lang).to_string();
    let lead = c.headline.unwrap_or(Headline::Top2);
    // What the bars show: the mean on a 0–10 question that is not about recommending, the
    // top-2 share otherwise (on an NPS question the promoters' share, 9–10).
    let by_mean = lead == Headline::Mean;
    let value = |x: &ScaleStats| if by_mean { x.mean } else { x.top2_pct };
    let mut groups: Vec<(String, Option<ScaleStats>)> = c
        .by_stats
        .iter()
        .map(|(label, st)| {
            (
                crate::words::phrases::label_in(label, lang),
                Some(st.clone()),
            )
        })
        .collect();
    // The summary holds the groups in their natural order; by result, the highest top-2 share
    // comes first, and withheld groups last.
    match order {
        GroupOrder::Natural => {}
        GroupOrder::Result => crate::util::sort::sort_by(&mut groups, |a, b| match (&a.1, &b.1) {
            (Some(x), Some(y)) => value(y).total_cmp(&value(x)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }),
        GroupOrder::Name => crate::util::sort::sort_by(&mut groups, |a, b| {
            crate::analyze::groups::natural_cmp(&a.0, &b.0)
        }),
    }
    let bars = groups
        .iter()
        .map(|(label, st)| GroupBar {
            label: label.clone(),
            value: st.as_ref().map(value),
            ci: st.as_ref().and_then(|x| match by_mean {
                true => x.mean_ci95.map(|[lo, hi]| (lo, hi)),
                false => Some((x.top2_ci95[0], x.top2_ci95[1])),
            }),
            n: st.as_ref().map_or(0, |x| x.base),
        })
        .collect();
    let top2_header = match lead {
        Headline::Nps => lang.pick("Anbefalere (9–10)", "Promoters (9–10)"),
        _ => lang.pick("Top-2 (positive)", "Top-2 (positive)"),
    };
    let mut header = vec![
        by_name.to_string(),
        "n".to_string(),
        top2_header.to_string(),
        lang.pick("95 %-interval", "95% interval").to_string(),
        lang.pick("Gennemsnit", "Mean").to_string(),
    ];
    if lead == Headline::Nps {
        header.push(crate::words::phrases::nps_label(lang).to_string());
    }
    let width = header.len();
    let rows = groups
        .iter()
        .map(|(label, st)| match st {
            Some(x) => {
                let mut row = vec![
                    label.clone(),
                    format_count(x.base, lang),
                    format_pct(x.top2_pct, lang),
                    format!(
                        "{}–{}",
                        format_pct(x.top2_ci95[0], lang),
                        format_pct(x.top2_ci95[1], lang)
                    ),
                    format_mean(x.mean, lang),
                ];
                if let Some(nps) = x.nps.as_ref().filter(|_| lead == Headline::Nps) {
                    row.push(crate::words::phrases::nps_value(
                        nps.score,
                        nps.ci95[0],
                        nps.ci95[1],
                        lang,
                    ));
                }
                row.resize(width, String::new());
                row
            }
            None => {
                let mut row = vec![label.clone(), too_few.clone()];
                row.resize(width, String::new());
                row
            }
        })
        .collect();
    // Only a significant difference is called one, by the test of what the chart shows: the
    // mean (Welch's t) on a chart of means, the top-2 share (z-test) otherwise.
    let mean_texts: Vec<String> = groups
        .iter()
        .filter(|_| by_mean)
        .filter_map(|(label, st)| {
            let st = st.as_ref()?;
            let higher = st.mean_differs? == Differs::Higher;
            Some(crate::words::messages::group_mean_differs(
                label,
                higher,
                st.mean,
                st.mean_rest?,
                st.n_valid,
                st.mean_vs_rest_p?,
                lang,
            ))
        })
        .collect();
    let group_texts = groups
        .iter()
        .filter(|_| !by_mean)
        .filter_map(|(label, st)| {
            let st = st.as_ref()?;
            let higher = st.differs? == Differs::Higher;
            Some(group_differs(
                label,
                higher,
                st.top2_pct,
                st.top2_rest_pct?,
                st.n_valid,
                st.top2_vs_rest_p?,
                lang,
            ))
        })
        .chain(mean_texts)
        .collect();
    let what = match lead {
        Headline::Top2 => lang.pick("andel positive opdelt efter", "share positive by"),
        Headline::Nps => lang.pick(
            "andel anbefalere (9–10) opdelt efter",
            "share of promoters (9–10) by",
        ),
        Headline::Mean => lang.pick("gennemsnit opdelt efter", "mean by"),
    };
    let title = format!("{} – {what} {}", c.name, by_name);
    (
        GroupChart {
            title,
            measure: match by_mean {
                true => Measure::Mean {
                    max: c.mean_scale_max.unwrap_or(10),
                },
                false => Measure::Percent,
            },
            overall: Some(value(s)),
            bars,
        },
        Table { header, rows },
        group_texts,
    )
}

/// The breakdown by the mean with its interval, and by the whole distribution, for the groups
/// of `shares` in its order (withheld groups drawn empty in the mean chart, left out of the
/// distribution).
fn other_breakdowns(
    c: &ColumnSummary,
    s: &ScaleStats,
    shares: &GroupChart,
    by_name: &str,
    lang: Lang,
) -> (Option<GroupChart>, Option<LikertChart>) {
    let scale = c.scale.clone().unwrap_or_default();
    let stats_of = |shown: &str| {
        c.by_stats
            .iter()
            .find(|(label, _)| crate::words::phrases::label_in(label, lang) == shown)
            .map(|(_, st)| st.clone())
    };
    let groups: Vec<(String, Option<ScaleStats>)> = shares
        .bars
        .iter()
        .map(|b| (b.label.clone(), b.value.and_then(|_| stats_of(&b.label))))
        .collect();
    let mean = c.mean_scale_max.map(|max| GroupChart {
        title: format!(
            "{} – {} {}",
            c.name,
            lang.pick("gennemsnit opdelt efter", "mean by"),
            by_name
        ),
        measure: Measure::Mean { max },
        overall: Some(s.mean),
        bars: groups
            .iter()
            .map(|(label, st)| GroupBar {
                label: label.clone(),
                value: st.as_ref().map(|x| x.mean),
                ci: st
                    .as_ref()
                    .and_then(|x| x.mean_ci95)
                    .map(|[lo, hi]| (lo, hi)),
                n: st.as_ref().map_or(0, |x| x.n_valid),
            })
            .collect(),
    });
    let rows: Vec<LikertRow> = groups
        .iter()
        .filter_map(|(label, st)| {
            let st = st.as_ref()?;
            Some(LikertRow {
                label: label.clone(),
                pct: st.pct.clone(),
                n: st.n_valid,
                top2_pct: st.top2_pct,
            })
        })
        .collect();
    let distribution = (!rows.is_empty() && !scale.is_empty()).then(|| LikertChart {
        title: format!(
            "{} – {} {}",
            c.name,
            lang.pick("fordeling opdelt efter", "distribution by"),
            by_name
        ),
        legend: scale,
        rows,
    });
    (mean, distribution)
}

/// The line under a table that says how many groups or values were withheld, and why.
fn push_withheld_note(
    rows: &mut Vec<Vec<String>>,
    withheld: u64,
    min_cell: u64,
    width: usize,
    lang: Lang,
) {
    if let Some(note) = crate::words::phrases::withheld_note(withheld, min_cell, lang) {
        let mut line = vec![note];
        line.resize(width.max(1), String::new());
        rows.push(line);
    }
}

fn category_question(c: &ColumnSummary, summary: &Summary, lang: Lang) -> Option<QuestionView> {
    let min_cell = summary.min_cell;
    let counts = c.counts.as_ref()?;
    let include = summary.include_non_substantive;
    let apart = c.non_substantive.unwrap_or(0);
    let base = if include {
        c.answered
    } else {
        c.answered - apart.min(c.answered)
    };
    // The shares the summary computed on that base; "Ved ikke" and the like show none when
    // they are left out of it.
    let share = |label: &str| c.pct.as_ref()?.get(label)?.as_f64();
    // Withheld values (null) come last and show no number.
    let mut entries: Vec<(&String, Option<u64>)> =
        counts.iter().map(|(k, v)| (k, v.as_u64())).collect();
    crate::util::sort::sort_by(&mut entries, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let too_few = crate::words::phrases::too_few(lang);
    let mut rows: Vec<Vec<String>> = entries
        .iter()
        .map(|(k, n)| match n {
            Some(n) => vec![
                crate::words::phrases::label_in(k, lang),
                format_count(*n, lang),
                share(k).map_or_else(|| "–".to_string(), |p| format_pct(p, lang)),
            ],
            None => vec![(*k).clone(), too_few.to_string(), String::new()],
        })
        .collect();
    push_withheld_note(&mut rows, c.withheld_values, min_cell, 3, lang);
    Some(QuestionView {
        index: c.index,
        title: c.name.clone(),
        facts: [
            (
                lang.pick("Svar", "Answers").to_string(),
                format_count(c.answered, lang),
            ),
            (
                crate::words::phrases::base_label(lang).to_string(),
                crate::words::phrases::base_note(base, apart, include, lang),
            ),
        ]
        .into_iter()
        .chain(c.margin_of_error_pp.map(|moe| {
            (
                crate::words::phrases::margin_of_error_label(lang).to_string(),
                crate::words::phrases::margin_of_error(moe, lang),
            )
        }))
        .collect(),
        table: Table {
            header: vec![
                lang.pick("Værdi", "Value").to_string(),
                lang.pick("Antal", "Count").to_string(),
                lang.pick("Procent", "Percent").to_string(),
            ],
            rows,
        },
        breakdown: None,
        breakdown_mean: None,
        breakdown_distribution: None,
        breakdown_table: None,
        test_text: None,
        group_texts: Vec::new(),
    })
}

#[cfg(feature = "index")]
/// An index score's mean and interval on its scale and on 0–100, as table cells: the mean,
/// its interval, the mean on 0–100 and its interval.
fn index_cells(st: &IndexStats, lang: Lang) -> [String; 4] {
    let interval = |ci: Option<[f64; 2]>, decimals: usize| match ci {
        Some([lo, hi]) => format!(
            "{}–{}",
            format_decimal(lo, decimals, lang),
            format_decimal(hi, decimals, lang)
        ),
        None => crate::words::phrases::too_few_for_interval(lang).to_string(),
    };
    [
        format_mean(st.mean, lang),
        interval(st.mean_ci95, 2),
        format_decimal(st.mean_100, 1, lang),
        interval(st.mean_ci95_100, 1),
    ]
}

#[cfg(feature = "index")]
/// The view of an index score: its mean with the interval on its scale and on 0–100, its
/// items and the rule for missing answers, and its groups by their mean.
fn index_question(
    summary: &Summary,
    c: &ColumnSummary,
    ix: &IndexSummary,
    lang: Lang,
) -> QuestionView {
    let st = &ix.stats;
    let [mean, interval, mean_100, interval_100] = index_cells(st, lang);
    let facts = vec![
        (
            lang.pick("Besvarelser med indeks (n)", "Responses with an index (n)")
                .to_string(),
            format_count(st.n, lang),
        ),
        (
            format!(
                "{} {}–{} (95 %)",
                lang.pick("Gennemsnit", "Mean"),
                ix.scale_min,
                ix.scale_max
            ),
            format!("{mean} ({interval})"),
        ),
        (
            lang.pick("Indeks 0–100 (95 %)", "Index 0–100 (95%)")
                .to_string(),
            format!("{mean_100} ({interval_100})"),
        ),
        (
            lang.pick("Regel for manglende svar", "Rule for missing answers")
                .to_string(),
            crate::words::messages::index_rule(ix.min_items, ix.items.len(), lang),
        ),
        (
            lang.pick(
                "For få besvarede spørgsmål til et indeks",
                "Too few questions answered for an index",
            )
            .to_string(),
            format_count(ix.too_few_items, lang),
        ),
    ];
    let table = Table {
        header: vec![lang
            .pick("Spørgsmål i indekset", "Questions in the index")
            .to_string()],
        rows: ix.items.iter().map(|i| vec![i.clone()]).collect(),
    };
    let (breakdown, breakdown_table, group_texts) = match (&c.by, &summary.by) {
        (Some(_), Some(by_name)) => {
            let (chart, mut table, texts) = index_breakdown(c, ix, by_name, summary, lang);
            let width = table.header.len();
            push_withheld_note(
                &mut table.rows,
                c.withheld_groups,
                summary.min_cell,
                width,
                lang,
            );
            (Some(chart), Some(table), texts)
        }
        _ => (None, None, Vec::new()),
    };
    QuestionView {
        index: c.index,
        title: c.name.clone(),
        facts,
        table,
        breakdown,
        breakdown_mean: None,
        breakdown_distribution: None,
        breakdown_table,
        test_text: None,
        group_texts,
    }
}

#[cfg(feature = "index")]
/// An index score's groups by their mean: the chart, its table and a sentence per group whose
/// mean differs significantly from the other groups'.
fn index_breakdown(
    c: &ColumnSummary,
    ix: &IndexSummary,
    by_name: &str,
    summary: &Summary,
    lang: Lang,
) -> (GroupChart, Table, Vec<String>) {
    let mut groups: Vec<(String, &IndexStats)> = c
        .index_by
        .iter()
        .map(|(label, st)| (crate::words::phrases::label_in(label, lang), st))
        .collect();
    match summary.group_order {
        GroupOrder::Natural => {}
        GroupOrder::Result => {
            crate::util::sort::sort_by(&mut groups, |a, b| b.1.mean.total_cmp(&a.1.mean))
        }
        GroupOrder::Name => crate::util::sort::sort_by(&mut groups, |a, b| {
            crate::analyze::groups::natural_cmp(&a.0, &b.0)
        }),
    }
    let bars = groups
        .iter()
        .map(|(label, st)| GroupBar {
            label: label.clone(),
            value: Some(st.mean),
            ci: st.mean_ci95.map(|[lo, hi]| (lo, hi)),
            n: st.n,
        })
        .collect();
    let header = vec![
        by_name.to_string(),
        "n".to_string(),
        format!(
            "{} {}–{}",
            lang.pick("Gennemsnit", "Mean"),
            ix.scale_min,
            ix.scale_max
        ),
        lang.pick("95 %-interval", "95% interval").to_string(),
        lang.pick("Indeks 0–100", "Index 0–100").to_string(),
        lang.pick("95 %-interval", "95% interval").to_string(),
    ];
    let rows = groups
        .iter()
        .map(|(label, st)| {
            let mut row = vec![label.clone(), format_count(st.n, lang)];
            row.extend(index_cells(st, lang));
            row
        })
        .collect();
    let texts = groups
        .iter()
        .filter_map(|(label, st)| {
            let higher = st.mean_differs? == Differs::Higher;
            Some(crate::words::messages::group_mean_differs(
                label,
                higher,
                st.mean,
                st.mean_rest?,
                st.n,
                st.mean_vs_rest_p?,
                lang,
            ))
        })
        .collect();
    let chart = GroupChart {
        title: format!(
            "{} – {} {}",
            c.name,
            lang.pick("gennemsnit opdelt efter", "mean by"),
            by_name
        ),
        measure: Measure::Mean {
            max: ix.scale_max.max(1) as u32,
        },
        overall: Some(ix.stats.mean),
        bars,
    };
    (chart, Table { header, rows }, texts)
}
