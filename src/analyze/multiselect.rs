//! Multi-select questions ("choose all that apply"): one question spread over several columns
//! or joined into one cell, counted as one question.
//!
//! Two shapes occur in real exports:
//!
//! * **expanded** (SurveyMonkey, LimeSurvey, SurveyXact, Qualtrics, Enalyzer): adjacent columns
//!   whose folded headers share a prefix — "Q – Telefon", LimeSurvey `Q1[SQ001]` or
//!   `Q [Telefon]`, Qualtrics "Q - Selected Choice - Telefon", ids `Q3_1`, `v_1_2` — and whose
//!   cells hold the option text, a selection marker (1, Valgt, Ja, Y, X) or a Qualtrics recode,
//!   and blank, 0 or "Ikke valgt" when not chosen;
//! * **joined** (Google Forms, Microsoft Forms): one column whose cells list the chosen
//!   options separated by ", " or ";".
//!
//! The share of an option is the number of respondents choosing it divided by the number of
//! respondents who answered the question at all (chose at least one option, or for the joined
//! shape wrote anything in the cell). Shares may add up to more than 100 %.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::analyze::crosstab::{Crosstab, CrosstabCell, CrosstabLabel, CrosstabRow};
use crate::analyze::tables::{self, group_order, line_label, line_value};
use crate::infer::multiselect::{atoms, detect, MultiSelect, Shape, UNSELECTED};
use crate::infer::normalize_label;
use crate::model::dataset::{ColumnData, Dataset, CODE_EMPTY, CODE_OTHER};
use crate::model::kinds::{Kind, PersonalReason};
use crate::protect::{self, Axis};

/// What `base` says in every [`MultiSelectSummary`]: the denominator of the percentages.
pub const BASE_ANSWERED: &str = "respondents_answering_the_question";

/// The statistics of one multi-select question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MultiSelectSummary {
    /// The question text.
    pub name: String,
    /// How the question is laid out in the file.
    pub shape: Shape,
    /// The columns that make up the question.
    pub columns: Vec<usize>,
    /// Option labels, in questionnaire order.
    pub options: Vec<String>,
    /// Respondents (rows) in the file.
    pub rows: u64,
    /// Respondents who answered the question: chose at least one option (expanded) or wrote
    /// anything in the cell (joined). The denominator of `pct`.
    pub answered: u64,
    /// The denominator of `pct`, in words for programs: always [`BASE_ANSWERED`].
    pub base: String,
    /// Respondents choosing each option, same order as `options`.
    pub counts: Vec<u64>,
    /// Percent of `answered` choosing each option; the shares may add up to more than 100.
    pub pct: Vec<f64>,
    /// Respondents who wrote something that is not one of the options (the text is never
    /// reported). Joined shape only.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub other: u64,
    /// Breakdown by the grouping column, in the grouping column's order: per shown group
    /// `{"answered", "counts", "pct"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Map<String, Value>>,
    /// Groups withheld from `by` (too few answers, or so they cannot be worked out).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub withheld_groups: u64,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// What a dataset's summary takes from its multi-select questions.
#[derive(Debug, Clone, Default)]
pub(crate) struct ForSummary {
    /// Per column: the multi-select question it belongs to.
    pub part_of: Vec<Option<String>>,
    /// Per column: its own value counts must not be shown (respondents' own words).
    pub hide_values: Vec<bool>,
    /// Per column: a joined checkbox column recognised as free text; no free-text warning.
    pub checkbox_text: Vec<bool>,
    /// The questions, except those whose every column the user left out.
    pub summaries: Vec<MultiSelectSummary>,
}

/// Detects and summarises the multi-select questions for [`Dataset::summary`].
pub(crate) fn for_summary(
    dataset: &Dataset,
    by: Option<usize>,
    min_cell: u64,
    excluded_by_user: impl Fn(usize) -> bool,
) -> ForSummary {
    let n = dataset.columns.len();
    let mut out = ForSummary {
        part_of: vec![None; n],
        hide_values: vec![false; n],
        checkbox_text: vec![false; n],
        summaries: Vec::new(),
    };
    for m in detect(dataset) {
        let summary = summarize(dataset, &m, by, min_cell);
        for &c in &m.columns {
            let Some(col) = dataset.columns.get(c) else {
                continue;
            };
            out.part_of[c] = Some(m.name.clone());
            // Own words can identify whoever wrote them, also inside joined cells.
            out.hide_values[c] =
                m.own_words.contains(&c) || (m.shape == Shape::Joined && summary.other > 0);
            out.checkbox_text[c] = m.shape == Shape::Joined
                && col.inferred.kind == Kind::Text
                && col.profile.cpr_tokens == 0
                && matches!(
                    col.inferred.personal_reason,
                    None | Some(PersonalReason::FreeText)
                );
        }
        if !m.columns.iter().all(|&c| excluded_by_user(c)) {
            out.summaries.push(summary);
        }
    }
    out
}

/// For each distinct value of an expanded member column: chosen or not.
fn chosen_flags(col: &ColumnData) -> Vec<bool> {
    col.profile
        .values
        .iter()
        .map(|(v, _)| {
            let key = normalize_label(v);
            !key.is_empty() && !UNSELECTED.contains(&key.as_str())
        })
        .collect()
}

/// For each distinct value of a joined column: the options it lists and whether it lists
/// anything else.
fn joined_flags(col: &ColumnData, m: &MultiSelect) -> Vec<(Vec<usize>, bool)> {
    let keys: Vec<String> = m.options.iter().map(|o| normalize_label(o)).collect();
    col.profile
        .values
        .iter()
        .map(|(v, _)| {
            let mut found = Vec::new();
            let mut other = false;
            for atom in atoms(v, &m.separator) {
                match keys.iter().position(|k| *k == normalize_label(atom)) {
                    Some(i) if !found.contains(&i) => found.push(i),
                    Some(_) => {}
                    None => other = true,
                }
            }
            (found, other)
        })
        .collect()
}

/// Counts of one set of rows: respondents answering, per option, and "other".
#[derive(Debug, Clone, Default)]
struct Tally {
    answered: u64,
    counts: Vec<u64>,
    other: u64,
}

impl Tally {
    fn new(options: usize) -> Tally {
        Tally {
            answered: 0,
            counts: vec![0; options],
            other: 0,
        }
    }

    fn pct(&self) -> Vec<f64> {
        self.counts
            .iter()
            .map(|&c| {
                if self.answered == 0 {
                    0.0
                } else {
                    c as f64 * 100.0 / self.answered as f64
                }
            })
            .collect()
    }
}

/// One row's answer to the question: chosen options as bits (options past the 64th are not
/// tracked per row; detection never makes that many), other text, answered.
#[derive(Debug, Clone, Copy, Default)]
struct RowAnswer {
    chosen: u64,
    other: bool,
    answered: bool,
}

fn bit(option: usize) -> u64 {
    if option < 64 {
        1 << option
    } else {
        0
    }
}

/// Reads the question's answer in every row from the row codes. `None` when a member column
/// has no row codes.
fn row_answers(dataset: &Dataset, m: &MultiSelect) -> Option<Vec<RowAnswer>> {
    let rows = usize::try_from(dataset.facts.rows).ok()?;
    let mut out = vec![RowAnswer::default(); rows];
    match m.shape {
        Shape::Expanded => {
            for (option, &c) in m.columns.iter().enumerate() {
                let col = dataset.columns.get(c)?;
                let codes = col.codes.as_ref()?;
                let flags = chosen_flags(col);
                for (row, &code) in out.iter_mut().zip(codes) {
                    if code == CODE_EMPTY || code == CODE_OTHER {
                        continue;
                    }
                    if flags.get(code as usize - 1).copied().unwrap_or(false) {
                        row.chosen |= bit(option);
                        row.answered = true;
                    }
                }
            }
        }
        Shape::Joined => {
            let col = dataset.columns.get(*m.columns.first()?)?;
            let codes = col.codes.as_ref()?;
            let flags: Vec<(u64, bool)> = joined_flags(col, m)
                .iter()
                .map(|(found, other)| (found.iter().fold(0, |acc, &o| acc | bit(o)), *other))
                .collect();
            for (row, &code) in out.iter_mut().zip(codes) {
                if code == CODE_EMPTY || code == CODE_OTHER {
                    continue;
                }
                if let Some(&(found, other)) = flags.get(code as usize - 1) {
                    row.chosen = found;
                    row.other = other;
                    row.answered = true;
                }
            }
        }
    }
    Some(out)
}

/// Counts from the dictionaries alone, for columns without row codes (no breakdown possible).
fn tally_from_dictionary(dataset: &Dataset, m: &MultiSelect) -> Tally {
    let mut t = Tally::new(m.options.len());
    match m.shape {
        Shape::Expanded => {
            for (option, &c) in m.columns.iter().enumerate() {
                let Some(col) = dataset.columns.get(c) else {
                    continue;
                };
                let flags = chosen_flags(col);
                let n: u64 = col
                    .profile
                    .values
                    .iter()
                    .zip(&flags)
                    .filter(|(_, f)| **f)
                    .map(|((_, n), _)| *n)
                    .sum();
                if let Some(slot) = t.counts.get_mut(option) {
                    *slot = n;
                }
                // Without row codes the union is unknown; the largest option is a lower bound.
                t.answered = t.answered.max(n);
            }
        }
        Shape::Joined => {
            if let Some(col) = m.columns.first().and_then(|&c| dataset.columns.get(c)) {
                for ((found, other), (_, n)) in joined_flags(col, m).iter().zip(&col.profile.values)
                {
                    for &o in found {
                        if let Some(slot) = t.counts.get_mut(o) {
                            *slot += n;
                        }
                    }
                    if *other {
                        t.other += n;
                    }
                }
                t.answered = col.profile.answered();
            }
        }
    }
    t
}

fn add_row(t: &mut Tally, row: &RowAnswer) {
    if !row.answered {
        return;
    }
    t.answered += 1;
    let mut bits = row.chosen;
    while bits != 0 {
        let o = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        if let Some(slot) = t.counts.get_mut(o) {
            *slot += 1;
        }
    }
    if row.other {
        t.other += 1;
    }
}

/// Computes the shares of a multi-select question overall and, when `by` names a grouping
/// column with row codes, per group; groups with fewer than `min_cell` respondents answering
/// are withheld as in [`suppress`].
pub fn summarize(
    dataset: &Dataset,
    m: &MultiSelect,
    by: Option<usize>,
    min_cell: u64,
) -> MultiSelectSummary {
    let rows = row_answers(dataset, m);
    let total = match &rows {
        Some(rows) => {
            let mut t = Tally::new(m.options.len());
            for row in rows {
                add_row(&mut t, row);
            }
            t
        }
        None => tally_from_dictionary(dataset, m),
    };
    let by = match (&rows, by) {
        (Some(rows), Some(g)) if !m.columns.contains(&g) => dataset
            .columns
            .get(g)
            .and_then(|group| breakdown(rows, m, group, min_cell)),
        _ => None,
    };
    let (by, withheld_groups) = by.map_or((None, 0), |(by, w)| (Some(by), w));
    MultiSelectSummary {
        name: m.name.clone(),
        shape: m.shape,
        columns: m.columns.clone(),
        options: m.options.clone(),
        rows: dataset.facts.rows,
        answered: total.answered,
        base: BASE_ANSWERED.to_string(),
        pct: total.pct(),
        counts: total.counts,
        other: total.other,
        by,
        withheld_groups,
    }
}

fn breakdown(
    rows: &[RowAnswer],
    m: &MultiSelect,
    group: &ColumnData,
    min_cell: u64,
) -> Option<(Map<String, Value>, u64)> {
    let (codes, merged_into, _) = tables::file_codes(group)?;
    // Per value in the file: a tally of its rows (one pass, no allocation per row), then the
    // table the gate reads: those who answered, then those choosing each option.
    let mut tallies: Vec<Tally> = (0..merged_into.len().min(254))
        .map(|_| Tally::new(m.options.len()))
        .collect();
    for (row, &code) in rows.iter().zip(codes) {
        if code == CODE_EMPTY || code == CODE_OTHER {
            continue;
        }
        if let Some(t) = tallies.get_mut(code as usize - 1) {
            add_row(t, row);
        }
    }
    let table: Vec<Vec<u64>> = tallies
        .iter()
        .map(|t| {
            std::iter::once(t.answered)
                .chain(t.counts.iter().copied())
                .collect()
        })
        .collect();
    let order = group_order(group);
    let rows_axis = tables::group_axis(group, &order, min_cell)?;
    let mut in_base = vec![false; m.options.len() + 1];
    in_base[0] = true;
    let cols_axis = Axis::answers((0..=m.options.len()).map(Some).collect(), in_base);
    let gated = protect::table(&table, &rows_axis, &cols_axis, min_cell);
    let mut by = Map::new();
    for (r, line) in gated.rows().enumerate() {
        let cells = gated.cells(r);
        let t = Tally {
            answered: cells[0],
            counts: cells[1..].to_vec(),
            other: 0,
        };
        let label = line_label(line_value(line, &order), &group.profile.values, min_cell);
        by.insert(
            label,
            serde_json::json!({
                "answered": t.answered,
                "counts": t.counts,
                "pct": t.pct(),
            }),
        );
    }
    Some((by, gated.withheld_rows()))
}

/// The breakdown of `ms` by the grouping column `by_name` as a cross-table, for the heat map:
/// a row per group (withheld groups withheld), a column per option, each cell the group's
/// respondents choosing the option and their share of the group's respondents who answered
/// (the row total). A respondent may choose several options, so a row's shares may add up to
/// more than 100 %. `None` without a breakdown.
pub fn breakdown_crosstab(
    ms: &MultiSelectSummary,
    by_name: &str,
    min_cell: u64,
) -> Option<Crosstab> {
    let by = ms.by.as_ref()?;
    let percent = |part: u64, whole: u64| {
        if whole == 0 {
            0.0
        } else {
            part as f64 * 100.0 / whole as f64
        }
    };
    let rows = by
        .iter()
        .filter_map(|(group, v)| {
            // Only groups that passed the gate carry counts.
            let answered = v.get("answered").and_then(Value::as_u64)?;
            let counts: Vec<u64> = v
                .get("counts")
                .and_then(Value::as_array)?
                .iter()
                .filter_map(Value::as_u64)
                .collect();
            (counts.len() == ms.options.len()).then_some(())?;
            Some(CrosstabRow {
                label: group.clone(),
                substantive: true,
                total: Some(answered),
                cells: counts
                    .iter()
                    .zip(&ms.counts)
                    .map(|(&count, &option_total)| CrosstabCell {
                        count,
                        row_pct: percent(count, answered),
                        col_pct: percent(count, option_total),
                        total_pct: percent(count, ms.answered),
                        expected: None,
                        low_expected: false,
                    })
                    .collect(),
            })
        })
        .collect();
    Some(Crosstab {
        row_column: by_name.to_string(),
        col_column: ms.name.clone(),
        columns: ms
            .options
            .iter()
            .map(|label| CrosstabLabel {
                label: label.clone(),
                substantive: true,
            })
            .collect(),
        rows,
        col_totals: ms.counts.clone(),
        total: ms.answered,
        missing: ms.rows.saturating_sub(ms.answered),
        min_cell,
        withheld_rows: ms.withheld_groups,
        withheld_columns: 0,
        test: None,
        multi_select: true,
        include_non_substantive: false,
    })
}

/// Each option's 95 % Wilson interval in percent of those who answered; `None` when nobody
/// answered.
pub fn option_intervals(ms: &MultiSelectSummary) -> Vec<Option<(f64, f64)>> {
    let n = ms.answered as f64;
    ms.counts
        .iter()
        .map(|&count| {
            let (lo, hi) = crate::stats::wilson_interval(count as f64, n, crate::stats::Z95);
            (ms.answered > 0).then_some((lo * 100.0, hi * 100.0))
        })
        .collect()
}
