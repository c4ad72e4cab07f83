//! Whether a file's header row is really a respondent's answers: an export or a hand-made
//! spreadsheet without a header row, whose first answers became the column names.
//!
//! The judgement compares each header cell with its own column's values, once the whole file
//! is read. It is conservative: the headers of real exports (question texts, "Løbenr", "Q1",
//! "Kommune", survey-tool variable names) never look like their column's values, and a few
//! that do (a checkbox column named after its one choice) are not counted.

use std::borrow::Borrow;

use super::lexicon::CHOICE_MARKERS;
use super::{is_non_substantive, normalize_label};
use crate::infer::pii;
use crate::model::profile::ColumnProfile;
use crate::util::number::parse_number;
use crate::util::text;

/// How a header cell compares with its column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// The column is empty and has no header: not judged.
    Unjudged,
    /// No header over a column with answers.
    Blank,
    /// The header has the form of the column's values, or is one of its answers.
    LikeValues,
    /// Anything else: a header, as far as can be told.
    Header,
}

/// True when the header row of the columns `profiles` (named by their raw header cells, before
/// any cleaning) looks like a row of answers:
///
/// * a header cell *looks like its values* when it is a CPR number; or it holds a digit and has
///   the form (digits, letters and punctuation, runs collapsed) of at least half of the
///   column's answers ("12-03-2024 09:15" over dates, "17" over numbers); or it is a number
///   over a column of at least 80 % numbers; or it equals one of the column's answers while
///   another answer is neither a yes/no or chosen/not-chosen marker nor "Ved ikke" and the
///   like (so "Telefon" over a checkbox column of "Telefon" and blanks is a header);
/// * header cells that are whole numbers numbering the columns (three or more, each one more
///   than the one before: "1", "2", "3") are column numbers, not answers;
/// * the row looks like answers when at least two header cells look like their values and,
///   of the columns with a header or answers, at least half have a header that looks like
///   their values or none at all, with the former at least as many as the latter.
pub fn header_looks_like_data<P: Borrow<ColumnProfile>>(profiles: &[P]) -> bool {
    let numbering = column_numbers(profiles);
    let mut judged = 0usize;
    let mut like = 0usize;
    let mut blank = 0usize;
    for (i, p) in profiles.iter().map(Borrow::borrow).enumerate() {
        let cell = if numbering.contains(&i) {
            Cell::Header
        } else {
            judge(p)
        };
        match cell {
            Cell::Unjudged => continue,
            Cell::Blank => blank += 1,
            Cell::LikeValues => like += 1,
            Cell::Header => {}
        }
        judged += 1;
    }
    like >= 2 && (like + blank) * 2 >= judged && like >= blank
}

/// How the header of `p` compares with its values.
fn judge(p: &ColumnProfile) -> Cell {
    let header = p.name.trim();
    if header.is_empty() {
        return if p.answered() > 0 {
            Cell::Blank
        } else {
            Cell::Unjudged
        };
    }
    if p.answered() == 0 {
        return Cell::Header;
    }
    if pii::is_cpr_like(header.as_bytes())
        || same_form(header, p)
        || numeric_over_numbers(header, p)
        || one_of_the_answers(header, p)
    {
        Cell::LikeValues
    } else {
        Cell::Header
    }
}

/// The form of a value: every run of digits is '9', of letters 'a', of white space ' ';
/// other characters stay. "12-03-2024 09:15" is "9-9-9 9:9".
pub(crate) fn form(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(64));
    let mut last = None;
    for c in value.trim().chars() {
        let class = if c.is_ascii_digit() {
            '9'
        } else if text::is_letter(c) {
            'a'
        } else if c.is_whitespace() {
            ' '
        } else {
            c
        };
        let repeat = last == Some(class) && matches!(class, '9' | 'a' | ' ');
        if !repeat {
            out.push(class);
        }
        last = Some(class);
    }
    out
}

/// The header holds a digit and has the form of at least half of the kept answers.
fn same_form(header: &str, p: &ColumnProfile) -> bool {
    if !header.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let shape = form(header);
    let (mut alike, mut all) = (0u64, 0u64);
    for (value, count) in &p.values {
        all += count;
        if form(value) == shape {
            alike += count;
        }
    }
    all > 0 && alike * 2 >= all
}

/// The header is a number and at least 80 % of the column's answers are numbers.
fn numeric_over_numbers(header: &str, p: &ColumnProfile) -> bool {
    parse_number(header.as_bytes()).is_some()
        && p.numeric_cells.saturating_mul(10) >= p.answered().saturating_mul(8)
}

/// The header is one of the column's answers, and another answer is a real one: neither a
/// choice marker ("Ja", "Valgt", "1", "x") nor "Ved ikke" and the like.
fn one_of_the_answers(header: &str, p: &ColumnProfile) -> bool {
    let key = normalize_label(header);
    let mut found = false;
    let mut another = false;
    for (value, _) in &p.values {
        let k = normalize_label(value);
        if k == key {
            found = true;
        } else if !CHOICE_MARKERS.contains(&k.as_str()) && !is_non_substantive(value) {
            another = true;
        }
        if found && another {
            return true;
        }
    }
    false
}

/// The columns whose headers number the columns: whole numbers, three or more, each one more
/// than the one before (gaps of columns with other headers allowed).
fn column_numbers<P: Borrow<ColumnProfile>>(profiles: &[P]) -> Vec<usize> {
    let numbered: Vec<(usize, u64)> = profiles
        .iter()
        .map(Borrow::borrow)
        .enumerate()
        .filter_map(|(i, p)| {
            let h = p.name.trim();
            let whole = !h.is_empty() && h.len() <= 6 && h.bytes().all(|b| b.is_ascii_digit());
            whole.then(|| h.parse().ok().map(|n| (i, n))).flatten()
        })
        .collect();
    let counting = numbered.len() >= 3 && numbered.windows(2).all(|w| w[1].1 == w[0].1 + 1);
    if counting {
        numbered.into_iter().map(|(i, _)| i).collect()
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns named by `header` holding `values` (each once).
    fn columns(header: &[&str], rows: &[&[&str]]) -> Vec<ColumnProfile> {
        header
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut values: Vec<(String, u64)> = Vec::new();
                let mut empty = 0;
                let mut numeric = 0;
                for row in rows {
                    let v = row.get(i).copied().unwrap_or("").trim();
                    if v.is_empty() {
                        empty += 1;
                        continue;
                    }
                    if parse_number(v.as_bytes()).is_some() {
                        numeric += 1;
                    }
                    match values.iter_mut().find(|(k, _)| k == v) {
                        Some((_, n)) => *n += 1,
                        None => values.push((v.to_string(), 1)),
                    }
                }
                ColumnProfile {
                    name: name.to_string(),
                    values,
                    rows: rows.len() as u64,
                    empty,
                    numeric_cells: numeric,
                    ..ColumnProfile::default()
                }
            })
            .collect()
    }

    const ROWS: &[&[&str]] = &[
        &[
            "2",
            "12-03-2024 10:02",
            "Aarhus",
            "Tilfreds",
            "Enig",
            "fint",
        ],
        &[
            "3",
            "13-03-2024 11:40",
            "Vejle",
            "Meget tilfreds",
            "Helt enig",
            "",
        ],
        &[
            "4",
            "13-03-2024 12:00",
            "Aarhus",
            "Utilfreds",
            "Enig",
            "for lang ventetid",
        ],
        &["5", "14-03-2024 08:15", "Vejle", "Tilfreds", "Uenig", ""],
    ];

    #[test]
    fn a_row_of_answers_as_header_is_noticed() {
        let first = [
            "1",
            "11-03-2024 09:00",
            "Vejle",
            "Meget tilfreds",
            "Enig",
            "god hjælp",
        ];
        assert!(header_looks_like_data(&columns(&first, ROWS)));
        // Skipped questions leave blank header cells.
        let first = ["1", "11-03-2024 09:00", "", "Tilfreds", "", "god hjælp"];
        assert!(header_looks_like_data(&columns(&first, ROWS)));
    }

    #[test]
    fn real_headers_are_headers() {
        for header in [
            &[
                "Løbenr",
                "Startet",
                "Kommune",
                "Hvor tilfreds er du?",
                "Q1",
                "Kommentar",
            ][..],
            &["Id", "Dato", "Kommune", "Q1", "Q2", ""],
            &["1", "2", "3", "4", "5", "6"],
            &[
                "Respondent ID",
                "Start Date (UTC)",
                "City",
                "Q1_1",
                "Q1_2",
                "Q2",
            ],
        ] {
            assert!(
                !header_looks_like_data(&columns(header, ROWS)),
                "{header:?}"
            );
        }
        // Checkbox columns named after their one choice.
        let rows: &[&[&str]] = &[
            &["Telefon", "", "Valgt"],
            &["", "E-mail", "Ikke valgt"],
            &["Telefon", "E-mail", "Valgt"],
        ];
        let header = ["Telefon", "E-mail", "Fysisk møde"];
        assert!(!header_looks_like_data(&columns(&header, rows)));
        let rows: &[&[&str]] = &[&["Ja", "Nej"], &["Nej", "Ja"]];
        assert!(!header_looks_like_data(&columns(&["Ja", "Nej"], rows)));
    }

    #[test]
    fn forms_collapse_runs() {
        assert_eq!(form("12-03-2024 09:15"), "9-9-9 9:9");
        assert_eq!(form("Meget tilfreds"), "a a");
        assert_eq!(form("010190-1234"), "9-9");
        assert_eq!(form("3,5"), "9,9");
    }
}
