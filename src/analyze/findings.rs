//! Hovedresultater: the few sentences a council paper opens with, chosen from a finished summary
//! by fixed rules. Each carries its figures and base, in Danish and English.
//!
//! The rules:
//! - the share of positive and negative answers to the main question (one whose header says
//!   "samlet", "alt i alt", "overordnet", "overall" …), or to every scale question when none
//!   does;
//! - the groups that differ significantly from the other groups on those questions, after the
//!   correction for multiplicity, by at least [`MIN_POINTS`] percentage points (in a large
//!   survey a tiny difference is significant but says little), the largest three per question
//!   (only shown groups: a withheld group is never named, and a difference that is not
//!   significant is never called one);
//! - the questions with the highest and the lowest share of positive answers, when there are at
//!   least three;
//! - the response rate, when the number invited is known.
//!
//! Only figures the summary publishes are used, so the findings pass the same disclosure gate.

use crate::analyze::summary::{ColumnSummary, Differs, ScaleStats, Summary};
pub use crate::analyze::summary::{Finding, FindingKind, FindingNumbers};
use crate::model::kinds::Kind;
use crate::words::lang::Lang;
use crate::words::messages;

/// The smallest difference between a group and the other groups, in percentage points, that a
/// finding names.
pub const MIN_POINTS: f64 = 5.0;

/// Group findings per question, at most.
const GROUPS_PER_QUESTION: usize = 3;

/// Words in a header that mark the survey's main question.
const MAIN_QUESTION_WORDS: [&str; 8] = [
    "samlet",
    "alt i alt",
    "overordnet",
    "helhedsindtryk",
    "overall",
    "all in all",
    "all things considered",
    "as a whole",
];

/// The scale questions a finding may speak of: shown, on a scale of at most 7 steps (0–10
/// questions are read by their mean and distribution), with at least min-cell answers.
fn scale_questions(summary: &Summary) -> Vec<(&ColumnSummary, &ScaleStats, &[String])> {
    summary
        .columns
        .iter()
        .filter(|c| c.kind == Kind::Likert && !c.excluded && c.part_of.is_none())
        .filter_map(|c| Some((c, c.stats.as_ref()?, c.scale.as_deref()?)))
        .filter(|(_, s, scale)| {
            (3..=7).contains(&scale.len()) && s.n_valid >= summary.min_cell.max(1)
        })
        .collect()
}

/// The main results of `summary`, in the order they are read.
pub fn findings(summary: &Summary) -> Vec<Finding> {
    let questions = scale_questions(summary);
    let main: Vec<_> = questions
        .iter()
        .filter(|(c, _, _)| {
            let name = crate::util::text::lower(&c.name);
            MAIN_QUESTION_WORDS.iter().any(|w| name.contains(w))
        })
        .take(1)
        .copied()
        .collect();
    let focus = if main.is_empty() { &questions } else { &main };
    let mut out = Vec::new();
    let name_question = focus.len() > 1;
    for &(c, s, scale) in focus {
        out.push(overall(c, s, scale));
        out.extend(groups(c, name_question));
    }
    if questions.len() >= 3 {
        let by_top2 = |a: &&(&ColumnSummary, &ScaleStats, &[String]),
                       b: &&(&ColumnSummary, &ScaleStats, &[String])| {
            a.1.top2_pct.total_cmp(&b.1.top2_pct)
        };
        let highest = questions.iter().max_by(by_top2);
        let lowest = questions.iter().min_by(by_top2);
        if let (Some(h), Some(l)) = (highest, lowest) {
            if h.1.top2_pct > l.1.top2_pct {
                out.push(ranked(FindingKind::Highest, h.0, h.1));
                out.push(ranked(FindingKind::Lowest, l.0, l.1));
            }
        }
    }
    if let Some(r) = &summary.response {
        let text = |lang| messages::finding_response(r.responded, r.invited, r.rate_pct, lang);
        out.push(Finding {
            kind: FindingKind::Response,
            column: None,
            group: None,
            numbers: FindingNumbers {
                n: r.responded,
                invited: Some(r.invited),
                rate_pct: Some(r.rate_pct),
                ..FindingNumbers::default()
            },
            da: text(Lang::Da),
            en: text(Lang::En),
        });
    }
    out
}

/// The positive and negative shares of one question.
fn overall(c: &ColumnSummary, s: &ScaleStats, scale: &[String]) -> Finding {
    let ends = if scale.len() >= 4 { 2 } else { 1 };
    let positive: Vec<&str> = scale.iter().take(ends).map(String::as_str).collect();
    let negative: Vec<&str> = scale
        .iter()
        .rev()
        .take(ends)
        .rev()
        .map(String::as_str)
        .collect();
    let text = |lang| {
        messages::finding_overall(
            &c.name,
            s.top2_pct,
            &positive,
            s.bottom2_pct,
            &negative,
            s.n_valid,
            c.non_substantive.unwrap_or(0),
            lang,
        )
    };
    Finding {
        kind: FindingKind::Overall,
        column: Some(c.index),
        group: None,
        numbers: FindingNumbers {
            positive_pct: Some(s.top2_pct),
            negative_pct: Some(s.bottom2_pct),
            n: s.n_valid,
            ..FindingNumbers::default()
        },
        da: text(Lang::Da),
        en: text(Lang::En),
    }
}

/// The shown groups of a question that differ significantly and by at least [`MIN_POINTS`]
/// from the others, the largest differences first; `name_question`: the sentences start with
/// the question.
fn groups(c: &ColumnSummary, name_question: bool) -> Vec<Finding> {
    // Only shown groups are in the breakdown: a withheld group is never named.
    let mut found: Vec<(f64, Finding)> = c
        .by_stats
        .iter()
        .filter_map(|(label, st)| {
            let higher = st.differs? == Differs::Higher;
            let (rest, p) = (st.top2_rest_pct?, st.top2_vs_rest_p?);
            let points = (st.top2_pct - rest).abs();
            if points < MIN_POINTS {
                return None;
            }
            let text = |lang| {
                let sentence =
                    messages::group_differs(label, higher, st.top2_pct, rest, st.n_valid, p, lang);
                if name_question {
                    format!("{}: {sentence}", messages::quoted(&c.name, lang))
                } else {
                    sentence
                }
            };
            let finding = Finding {
                kind: FindingKind::Group,
                column: Some(c.index),
                group: Some(label.clone()),
                numbers: FindingNumbers {
                    positive_pct: Some(st.top2_pct),
                    rest_pct: Some(rest),
                    p_adjusted: Some(p),
                    n: st.n_valid,
                    ..FindingNumbers::default()
                },
                da: text(Lang::Da),
                en: text(Lang::En),
            };
            Some((points, finding))
        })
        .collect();
    crate::util::sort::sort_by(&mut found, |a, b| b.0.total_cmp(&a.0));
    found
        .into_iter()
        .take(GROUPS_PER_QUESTION)
        .map(|(_, f)| f)
        .collect()
}

/// The question with the highest or the lowest share of positive answers.
fn ranked(kind: FindingKind, c: &ColumnSummary, s: &ScaleStats) -> Finding {
    let highest = kind == FindingKind::Highest;
    let text = |lang| messages::finding_ranked(&c.name, highest, s.top2_pct, s.n_valid, lang);
    Finding {
        kind,
        column: Some(c.index),
        group: None,
        numbers: FindingNumbers {
            positive_pct: Some(s.top2_pct),
            n: s.n_valid,
            ..FindingNumbers::default()
        },
        da: text(Lang::Da),
        en: text(Lang::En),
    }
}
