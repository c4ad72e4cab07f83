//! Finding multi-select questions ("choose all that apply"): one question spread over several
//! columns or joined into one cell. They are counted in `analyze::multiselect`.
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

use serde::{Deserialize, Serialize};

use crate::infer::normalize_label;
use crate::model::dataset::{ColumnData, Dataset};
use crate::model::kinds::{Kind, PersonalReason};
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

/// Normalised values that mean "chosen" in an expanded column.
pub(crate) const SELECTED: &[&str] = &[
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
pub(crate) const UNSELECTED: &[&str] = &[
    "0",
    "ikke valgt",
    "not selected",
    "unchecked",
    "false",
    "falsk",
    "ikke markeret",
];

/// Most options a question is believed to have.
pub(crate) const MAX_OPTIONS: usize = 60;

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
pub(crate) struct HeaderSplit {
    /// Columns of one question share this key (the rule and the raw prefix).
    pub(crate) key: String,
    /// The question text to show.
    pub(crate) question: String,
    /// The option named by the header.
    pub(crate) option: String,
}

pub(crate) fn split_header(name: &str) -> Option<HeaderSplit> {
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
pub(crate) fn strip_selected_choice(prefix: &str) -> &str {
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
pub(crate) enum Chosen {
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
pub(crate) fn is_other_option(option: &str) -> bool {
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
pub(crate) fn choice_column(col: &ColumnData, option: &str) -> Option<Chosen> {
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

pub(crate) fn expanded_group(
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
pub(crate) fn atoms<'a>(value: &'a str, separator: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    value
        .split(separator)
        .map(str::trim)
        .filter(|a| !a.is_empty())
}

pub(crate) fn joined_column(index: usize, col: &ColumnData) -> Option<MultiSelect> {
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
pub(crate) fn joined_options(col: &ColumnData, separator: &str) -> Option<Vec<String>> {
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
