//! Multi-select questions ("choose all that apply"): one question spread over several columns
//! or joined into one cell, counted as one question.
//!
//! Two shapes occur in real exports:
//!
//! * **expanded** (SurveyMonkey, LimeSurvey, SurveyXact, Qualtrics, Enalyzer): adjacent columns
//!   whose folded headers share a prefix — "Q – Telefon", LimeSurvey `Q1[SQ001]` or
//!   "Q [Telefon]", Qualtrics "Q - Selected Choice - Telefon", ids `Q3_1`, `v_1_2` — and whose
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
use crate::analyze::groups::order_groups;
use crate::infer::normalize_label;
use crate::model::dataset::{ColumnData, Dataset, CODE_EMPTY, CODE_OTHER};
use crate::model::kinds::{Kind, PersonalReason};
use crate::protect::suppress;
use crate::util::text;

/// How a multi-select question is laid out in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One column per option.
    Expanded,
    /// One column; the chosen options joined in each cell.
    Joined,
}

/// A multi-select question found in a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct MultiSelect {
    /// The question text (the shared header prefix, or the header of a joined column).
    pub name: String,
    /// The columns that make up the question (one per option when expanded).
    pub columns: Vec<usize>,
    /// Option labels; when expanded, `options[i]` is the option of `columns[i]`.
    pub options: Vec<String>,
    /// How the question is laid out.
    pub shape: Shape,
    /// The separator between options in a joined cell (", " or ";"); empty when expanded.
    pub separator: String,
    /// Member columns holding respondents' own words ("Other (please specify)"): counted as
    /// chosen when not blank, their text never shown.
    pub own_words: Vec<usize>,
}

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
    /// Breakdown by the grouping column, in the grouping column's order: per group either
    /// `{"answered", "counts", "pct"}` or `{"suppressed": true, "reason"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Map<String, Value>>,
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

/// Normalised values that mean "chosen" in an expanded column.
const SELECTED: &[&str] = &[
    "1",
    "valgt",
    "ja",
    "yes",
    "y",
    "selected",
    "checked",
    "x",
    "sand",
    "true",
    "markeret",
    "afkrydset",
];

/// Normalised values that mean "not chosen" in an expanded column.
const UNSELECTED: &[&str] = &[
    "0",
    "ikke valgt",
    "not selected",
    "unchecked",
    "false",
    "falsk",
    "ikke markeret",
];

/// Most options a question is believed to have.
const MAX_OPTIONS: usize = 60;

/// Finds the multi-select questions of a dataset, expanded ones first in column order, then
/// joined ones.
pub fn detect(dataset: &Dataset) -> Vec<MultiSelect> {
    let cols = &dataset.columns;
    let splits: Vec<Option<HeaderSplit>> =
        cols.iter().map(|c| split_header(&c.profile.name)).collect();
    let mut found = Vec::new();
    let mut member = vec![false; cols.len()];
    let mut i = 0;
    while i < cols.len() {
        let Some(head) = &splits[i] else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < cols.len() && splits[j].as_ref().is_some_and(|s| s.key == head.key) {
            j += 1;
        }
        if j - i >= 2 {
            if let Some(m) = expanded_group(cols, &splits, i, j) {
                for &c in &m.columns {
                    member[c] = true;
                }
                found.push(m);
            }
        }
        i = j;
    }
    for (index, col) in cols.iter().enumerate() {
        if !member[index] {
            if let Some(m) = joined_column(index, col) {
                found.push(m);
            }
        }
    }
    found
}

/// A header cut into the question it belongs to and the option it names.
#[derive(Debug, Clone, PartialEq)]
struct HeaderSplit {
    /// Columns of one question share this key (the rule and the raw prefix).
    key: String,
    /// The question text to show.
    question: String,
    /// The option named by the header.
    option: String,
}

fn split_header(name: &str) -> Option<HeaderSplit> {
    let name = name.trim();
    let make = |rule: &str, prefix: &str, option: &str| {
        let prefix = prefix.trim();
        let option = option.trim();
        (!prefix.is_empty() && !option.is_empty()).then(|| HeaderSplit {
            key: format!("{rule}\u{1}{prefix}"),
            question: strip_selected_choice(prefix).to_string(),
            option: option.to_string(),
        })
    };
    // LimeSurvey: "Q1[SQ001]" (codes) or "Question text [Option text]" (full text).
    if let Some(inner) = name.strip_suffix(']') {
        if let Some(open) = inner.rfind('[') {
            return make("bracket", &inner[..open], &inner[open + 1..]);
        }
    }
    // Folded multi-row headers and Qualtrics question text: the last " – " or " - ".
    let cut = [" – ", " — ", " - "]
        .iter()
        .filter_map(|sep| name.rfind(sep).map(|pos| (pos, sep.len())))
        .max_by_key(|(pos, _)| *pos);
    if let Some((pos, len)) = cut {
        return make("dash", &name[..pos], &name[pos + len..]);
    }
    // Variable ids: Qualtrics "Q3_1", SurveyXact "v_1_2".
    if !name.contains(char::is_whitespace) {
        if let Some(us) = name.rfind('_') {
            let (prefix, suffix) = (&name[..us], &name[us + 1..]);
            if !suffix.is_empty()
                && suffix.bytes().all(|b| b.is_ascii_digit())
                && prefix.chars().next().is_some_and(text::is_letter)
            {
                return make("id", prefix, suffix);
            }
        }
    }
    None
}

/// Qualtrics labels split choice columns "Question - Selected Choice - Option".
fn strip_selected_choice(prefix: &str) -> &str {
    for sep in [" - ", " – "] {
        let marker = format!("{sep}selected choice");
        let lower = text::lower(prefix);
        if lower.ends_with(&marker) && prefix.len() >= marker.len() {
            let cut = prefix.len() - marker.len();
            if prefix.is_char_boundary(cut) {
                return prefix[..cut].trim_end();
            }
        }
    }
    prefix
}

/// How a chosen cell is written in an expanded column.
#[derive(Debug, Clone, PartialEq)]
enum Chosen {
    /// Nobody chose the option.
    Nothing,
    /// A marker such as 1, Valgt, Y.
    Marker,
    /// The option's own text.
    OptionText(String),
    /// A Qualtrics numeric recode (the choice number).
    Recode(i64),
    /// The respondent's own words in an "Other (please specify)" column.
    OwnWords,
}

/// Options under which respondents write their own answer ("Other (please specify)",
/// "Andet, angiv venligst", LimeSurvey `Q1[other]`).
fn is_other_option(option: &str) -> bool {
    let key = normalize_label(option);
    ["other", "andet", "anden", "andre", "annet", "annat"]
        .iter()
        .any(|w| {
            key == *w
                || key.starts_with(&format!("{w} "))
                || key.starts_with(&format!("{w}("))
                || key.starts_with(&format!("{w},"))
                || key.starts_with(&format!("{w}:"))
        })
}

/// Whether a column can be one option of an expanded question, and how choices are written.
fn choice_column(col: &ColumnData, option: &str) -> Option<Chosen> {
    if col.inferred.metadata || col.profile.overflowed || col.codes.is_none() {
        return None;
    }
    if matches!(
        col.inferred.personal_reason,
        Some(PersonalReason::CprValues | PersonalReason::IpOrLocation)
    ) {
        return None;
    }
    if is_other_option(option) && col.profile.values.iter().any(|(v, _)| !v.trim().is_empty()) {
        let own_words = col.profile.values.iter().any(|(v, _)| {
            let key = normalize_label(v);
            !UNSELECTED.contains(&key.as_str()) && !SELECTED.contains(&key.as_str())
        });
        if own_words {
            return Some(Chosen::OwnWords);
        }
    }
    let option_key = normalize_label(option);
    let mut chosen = Chosen::Nothing;
    let mut chosen_key = String::new();
    for (value, _) in &col.profile.values {
        let key = normalize_label(value);
        if UNSELECTED.contains(&key.as_str()) {
            continue;
        }
        let this = if SELECTED.contains(&key.as_str()) {
            Chosen::Marker
        } else if key == option_key {
            Chosen::OptionText(value.trim().to_string())
        } else if let Ok(code) = key.parse::<i64>() {
            Chosen::Recode(code)
        } else {
            return None;
        };
        if chosen != Chosen::Nothing && key != chosen_key {
            // Two different "chosen" values: a scale or a category, not a choice.
            return None;
        }
        chosen = this;
        chosen_key = key;
    }
    Some(chosen)
}

fn expanded_group(
    cols: &[ColumnData],
    splits: &[Option<HeaderSplit>],
    start: usize,
    end: usize,
) -> Option<MultiSelect> {
    let mut columns = Vec::new();
    let mut options = Vec::new();
    let mut recodes = Vec::new();
    let mut any_chosen = false;
    let mut own_words_only = true;
    let mut own_words = Vec::new();
    let mut question = String::new();
    for index in start..end {
        let split = splits[index].as_ref()?;
        let Some(chosen) = choice_column(&cols[index], &split.option) else {
            // Free-text "Other (please specify)" columns sit inside the run.
            continue;
        };
        match &chosen {
            Chosen::Nothing => own_words_only = false,
            Chosen::Recode(code) => {
                recodes.push(*code);
                any_chosen = true;
                own_words_only = false;
            }
            Chosen::OwnWords => own_words.push(index),
            _ => {
                any_chosen = true;
                own_words_only = false;
            }
        }
        let label = match chosen {
            Chosen::OptionText(text) => text,
            _ => split.option.clone(),
        };
        question.clone_from(&split.question);
        columns.push(index);
        options.push(label);
    }
    crate::util::sort::sort_by(&mut recodes, Ord::cmp);
    let distinct_recodes = recodes.windows(2).all(|w| w[0] != w[1]);
    if columns.len() < 2
        || columns.len() > MAX_OPTIONS
        || !any_chosen
        || own_words_only
        || !distinct_recodes
    {
        return None;
    }
    Some(MultiSelect {
        name: question,
        columns,
        options,
        shape: Shape::Expanded,
        separator: String::new(),
        own_words,
    })
}

/// Splits a joined cell into its options.
fn atoms<'a>(value: &'a str, separator: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    value
        .split(separator)
        .map(str::trim)
        .filter(|a| !a.is_empty())
}

fn joined_column(index: usize, col: &ColumnData) -> Option<MultiSelect> {
    let inferred = &col.inferred;
    if inferred.metadata || col.profile.overflowed || col.codes.is_none() {
        return None;
    }
    if inferred.personal_data && inferred.personal_reason != Some(PersonalReason::FreeText) {
        return None;
    }
    if !matches!(inferred.kind, Kind::Category | Kind::Text) {
        return None;
    }
    [", ", ";"]
        .iter()
        .filter_map(|sep| joined_options(col, sep).map(|options| (sep, options)))
        .max_by_key(|(_, options)| options.len())
        .map(|(sep, options)| MultiSelect {
            name: col.profile.name.trim().to_string(),
            columns: vec![index],
            options,
            shape: Shape::Joined,
            separator: sep.to_string(),
            own_words: Vec::new(),
        })
}

/// The options of a column whose cells list several choices separated by `separator`, or
/// `None` when the values do not look like that.
fn joined_options(col: &ColumnData, separator: &str) -> Option<Vec<String>> {
    // Per distinct atom (normalised): its spelling, in how many distinct values it occurs,
    // whether it occurs alone, and in how many cells.
    struct Atom {
        text: String,
        values: usize,
        alone: bool,
        cells: u64,
    }
    let mut seen: Vec<(String, Atom)> = Vec::new();
    let mut multi_values = 0usize;
    for (value, count) in &col.profile.values {
        let parts: Vec<&str> = atoms(value, separator).collect();
        if parts.len() >= 2 {
            multi_values += 1;
        }
        if parts.iter().any(|p| p.len() > 100) {
            return None;
        }
        let mut keys: Vec<String> = Vec::with_capacity(parts.len());
        for p in &parts {
            let key = normalize_label(p);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        for key in keys {
            let text = parts
                .iter()
                .find(|p| normalize_label(p) == key)
                .map(|p| p.to_string())
                .unwrap_or_default();
            match seen.iter_mut().find(|(k, _)| *k == key) {
                Some((_, atom)) => {
                    atom.values += 1;
                    atom.alone |= parts.len() == 1;
                    atom.cells += count;
                }
                None => seen.push((
                    key,
                    Atom {
                        text,
                        values: 1,
                        alone: parts.len() == 1,
                        cells: *count,
                    },
                )),
            }
        }
        if seen.len() > 4 * MAX_OPTIONS {
            return None;
        }
    }
    if multi_values == 0 {
        return None;
    }
    let is_option = |a: &Atom| a.alone || a.values >= 2;
    let options: Vec<&(String, Atom)> = seen.iter().filter(|(_, a)| is_option(a)).collect();
    if options.len() < 2 || options.len() > MAX_OPTIONS {
        return None;
    }
    // Cells listing two or more options, and cells fully made of options among those that
    // list several things (an "other" text may be appended): a category such as
    // "Kontanthjælp, jobparat" fails the second test.
    let mut multi_cells = 0u64;
    let mut multi_covered = 0u64;
    let mut several = 0u64;
    for (value, count) in &col.profile.values {
        let parts: Vec<String> = atoms(value, separator).map(normalize_label).collect();
        if parts.len() < 2 {
            continue;
        }
        several += count;
        let known = parts
            .iter()
            .filter(|p| options.iter().any(|(k, _)| k.as_str() == p.as_str()))
            .count();
        if known >= 2 {
            multi_cells += count;
        }
        if known == parts.len() {
            multi_covered += count;
        }
    }
    // Someone chose an option alone and someone chose it with others.
    let alone_and_combined = options.iter().any(|(_, a)| a.alone && a.values >= 2);
    if multi_cells < 2 || multi_covered * 3 < several * 2 || !alone_and_combined {
        return None;
    }
    Some(options.iter().map(|(_, a)| a.text.clone()).collect())
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
    }
}

fn breakdown(
    rows: &[RowAnswer],
    m: &MultiSelect,
    group: &ColumnData,
    min_cell: u64,
) -> Option<Map<String, Value>> {
    let codes = group.codes.as_ref()?;
    let labels = &group.profile.values;
    let mut tallies: Vec<Tally> = (0..labels.len().min(254))
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
    let mut groups: Vec<(String, Tally)> = labels
        .iter()
        .zip(tallies)
        .map(|((label, _), t)| (label.clone(), t))
        .collect();
    order_groups(&mut groups, group);
    let sizes: Vec<u64> = groups.iter().map(|(_, t)| t.answered).collect();
    let withheld = suppress(&sizes, min_cell);
    let mut by = Map::new();
    for ((label, t), why) in groups.iter().zip(&withheld) {
        let value = match why {
            Some(reason) => serde_json::json!({ "suppressed": true, "reason": reason }),
            None => serde_json::json!({
                "answered": t.answered,
                "counts": t.counts,
                "pct": t.pct(),
            }),
        };
        by.insert(label.clone(), value);
    }
    Some(by)
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
        .map(|(group, v)| {
            let answered = v.get("answered").and_then(Value::as_u64);
            let counts: Option<Vec<u64>> = v
                .get("counts")
                .and_then(Value::as_array)
                .map(|c| c.iter().filter_map(Value::as_u64).collect());
            match (answered, counts) {
                (Some(answered), Some(counts)) if counts.len() == ms.options.len() => CrosstabRow {
                    label: group.clone(),
                    substantive: true,
                    suppressed: None,
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
                },
                _ => CrosstabRow {
                    label: group.clone(),
                    substantive: true,
                    suppressed: Some(
                        v.get("reason")
                            .and_then(Value::as_str)
                            .unwrap_or("primary")
                            .to_string(),
                    ),
                    total: None,
                    cells: Vec::new(),
                },
            }
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
        test: None,
        multi_select: true,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_splits() {
        let s = split_header("Q1[SQ001]").unwrap();
        assert_eq!((s.question.as_str(), s.option.as_str()), ("Q1", "SQ001"));
        let s = split_header("Hvilke kanaler? [Telefon]").unwrap();
        assert_eq!(
            (s.question.as_str(), s.option.as_str()),
            ("Hvilke kanaler?", "Telefon")
        );
        let s = split_header("Kanaler? - Selected Choice - E-mail").unwrap();
        assert_eq!(
            (s.question.as_str(), s.option.as_str()),
            ("Kanaler?", "E-mail")
        );
        let s = split_header("Kanaler? – Fysisk møde").unwrap();
        assert_eq!(s.option, "Fysisk møde");
        let s = split_header("Q3_12").unwrap();
        assert_eq!((s.question.as_str(), s.option.as_str()), ("Q3", "12"));
        assert!(split_header("Hvor tilfreds er du?").is_none());
        assert!(split_header("Q3_ab").is_none());
        assert!(split_header("[]").is_none());
        assert!(split_header(" - ").is_none());
    }
}
