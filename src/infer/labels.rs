//! Headers and answer labels made fit to show, once, where a column enters the dataset: every
//! view, table, chart, CSV, JSON and report after it works on these labels and never sees the
//! text they replace.
//!
//! In order, per column:
//! 1. the header and every distinct label lose bidi controls and zero-width characters
//!    ([`text::clean_label`]); labels that then read alike are one label;
//! 2. a CPR number, e-mail address or telephone number in the header is masked (digits → "•");
//! 3. the column is recognised on the cleaned values, as the file has them;
//! 4. in a grouping or scale column, the answers with typed text ("Andet: …", long answers) are
//!    counted under one "Andet (fritekst)" line;
//! 5. every label that still holds a CPR number, e-mail address or telephone number becomes
//!    "Skjult svar (personoplysning) 1", 2, … .
//!
//! The work is per header and per distinct label, never per cell: row codes are only renumbered
//! when two labels become one.

use std::borrow::Cow;

use super::lexicon::{DANISH_WORDS, ENGLISH_WORDS, OTHER_ANSWER};
use super::{infer_column, pii, values::looks_like_email};
use crate::model::dataset::{ColumnData, CODE_EMPTY, CODE_OTHER};
use crate::model::kinds::{Kind, ValueRole};
use crate::util::text;
use crate::words::lang::Lang;
use crate::words::phrases::{free_text_answer, hidden_answer, hidden_answer_number};

/// Characters beyond which an answer is typed text rather than a choice of the questionnaire.
/// Answer options are short ("Sygedagpenge", "Hverken tilfreds eller utilfreds" has 32); the
/// same bound makes a cell "short" in recognition.
pub const LONG_LABEL_CHARS: usize = 60;

/// A long answer given word for word by this many respondents or more is an option of the
/// questionnaire, not typed text: typed answers are almost never identical, and an option
/// chosen by so many identifies no one.
const CHOSEN_ALIKE: u64 = 5;

/// The language of a file, from its headers: English when they hold more English than Danish
/// words, Danish otherwise. Hidden answers are worded in it.
pub fn file_lang<'a>(headers: impl IntoIterator<Item = &'a str>) -> Lang {
    let (mut da, mut en) = (0usize, 0usize);
    for header in headers {
        // Question texts are short; a header of many words says enough in its first ones.
        for word in header.split(|c: char| !text::is_letter(c)).take(40) {
            if word.is_empty() || word.len() > 12 {
                continue;
            }
            let word = text::lower(word);
            da += usize::from(DANISH_WORDS.contains(&word.as_str()));
            en += usize::from(ENGLISH_WORDS.contains(&word.as_str()));
        }
    }
    if en > da {
        Lang::En
    } else {
        Lang::Da
    }
}

/// Why an answer label is typed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeText {
    /// "Andet: …", "Andet, nemlig …", "Anden – …", "Other: …": the "other, please specify"
    /// answer with the text typed in, in this language.
    Other(Lang),
    /// More than [`LONG_LABEL_CHARS`] characters, or two sentences or more.
    Long,
}

/// Whether the label `label`, given by `count` respondents, is typed text.
///
/// "Andet:"-style answers always are; a long answer is unless [`CHOSEN_ALIKE`] or more gave it
/// word for word. The plain answer "Andet" (or "Andet:" with nothing after it) is not: it is
/// the questionnaire's own label.
pub fn free_text(label: &str, count: u64) -> Option<FreeText> {
    if let Some(lang) = other_answer(label) {
        return Some(FreeText::Other(lang));
    }
    let long = label.chars().nth(LONG_LABEL_CHARS).is_some()
        || (label.len() >= 30 && sentences(label) >= 2);
    (long && count < CHOSEN_ALIKE).then_some(FreeText::Long)
}

/// The language of an "Andet: …" answer with text after the mark, if `label` is one.
fn other_answer(label: &str) -> Option<Lang> {
    let head: String = label
        .chars()
        .take_while(|&c| text::is_letter(c))
        .map(text::lower_char)
        .collect();
    let lang = OTHER_ANSWER
        .iter()
        .find(|(word, _)| *word == head)
        .map(|(_, lang)| *lang)?;
    let rest = label[label
        .char_indices()
        .find(|(_, c)| !text::is_letter(*c))
        .map_or(label.len(), |(i, _)| i)..]
        .trim_start();
    // "Andet/ved ikke" and "Andet (fx kursus)" are options; a colon, comma or dash opens the
    // text the respondent typed.
    let rest = rest.strip_prefix([':', ',', ';', '-', '–', '—'])?;
    rest.chars().any(text::is_letter_or_digit).then_some(lang)
}

/// Sentences in `label`: one plus each '.', '!' or '?' followed by a space and a capital
/// letter or a digit.
fn sentences(label: &str) -> usize {
    let chars: Vec<char> = label.chars().collect();
    1 + chars
        .windows(3)
        .filter(|w| {
            matches!(w[0], '.' | '!' | '?')
                && w[1] == ' '
                && (w[2].is_uppercase() || w[2].is_ascii_digit())
        })
        .count()
}

/// A column as read, made fit to show and recognised ([`publish_column`]).
pub fn published_column(
    profile: crate::model::profile::ColumnProfile,
    codes: Option<Vec<u8>>,
    numeric: crate::model::dataset::NumericAcc,
    lang: Lang,
) -> ColumnData {
    let mut col = ColumnData {
        profile,
        // Recognised by `publish_column`, on the cleaned values.
        inferred: crate::model::kinds::Inferred::plain(Kind::Empty),
        codes,
        numeric,
        row_numbers: None,
        pre_merge: None,
    };
    publish_column(&mut col, lang);
    col
}

/// Makes one column fit to show and recognises it (the steps in the module documentation).
/// `lang` words the hidden answers. Running it again changes nothing.
pub fn publish_column(col: &mut ColumnData, lang: Lang) {
    publish_header(col);
    clean_values(col);
    let p = &col.profile;
    col.profile.email_cells = p.email_cells.max(
        p.values
            .iter()
            .filter(|(v, _)| looks_like_email(v))
            .map(|(_, n)| *n)
            .sum(),
    );
    col.inferred = infer_column(&col.profile);
    fold_free_text(col, lang);
    hide_personal_labels(col, lang);
}

/// Cleans and masks the header.
fn publish_header(col: &mut ColumnData) {
    let name = &col.profile.name;
    let cleaned = text::clean_label(name);
    let masked = pii::mask_personal(&cleaned);
    col.profile.header_masked |= masked.is_some();
    if let Some(masked) = masked {
        col.profile.name = masked;
    } else if let Cow::Owned(cleaned) = cleaned {
        col.profile.name = cleaned;
    }
    // A variable name that holds personal data is no name to keep.
    if col
        .profile
        .variable
        .as_deref()
        .is_some_and(|v| pii::mask_personal(v).is_some())
    {
        col.profile.variable = None;
    }
}

/// Cleans every label; labels that then read alike become one, and a label of only invisible
/// characters an empty cell.
fn clean_values(col: &mut ColumnData) {
    let cleaned: Vec<Option<String>> = col
        .profile
        .values
        .iter()
        .map(|(v, _)| match text::clean_label(v) {
            Cow::Borrowed(_) => None,
            Cow::Owned(c) => Some(c),
        })
        .collect();
    if cleaned.iter().all(Option::is_none) {
        return;
    }
    let names: Vec<String> = col
        .profile
        .values
        .iter()
        .zip(cleaned)
        .map(|((v, _), c)| c.unwrap_or_else(|| v.clone()))
        .collect();
    regroup(col, &names);
}

/// Gives value `i` the label `names[i]`: values with the same label become one (at the first
/// one's place, keeping its role), an empty label makes its cells empty. Row codes are
/// renumbered only when values were joined or emptied.
fn regroup(col: &mut ColumnData, names: &[String]) {
    let p = &mut col.profile;
    let mut values: Vec<(String, u64)> = Vec::with_capacity(p.values.len());
    let mut roles = Vec::with_capacity(col.inferred.roles.len());
    // Per old code (index + 1): the new code.
    let mut remap: Vec<u8> = vec![CODE_EMPTY; p.values.len() + 1];
    for (i, ((_, count), name)) in p.values.iter().zip(names).enumerate() {
        if name.is_empty() {
            p.empty += count;
            continue;
        }
        let k = match values.iter().position(|(v, _)| v == name) {
            Some(k) => {
                values[k].1 += count;
                k
            }
            None => {
                values.push((name.clone(), *count));
                if let Some(role) = col.inferred.roles.get(i) {
                    roles.push(*role);
                }
                values.len() - 1
            }
        };
        remap[i + 1] = u8::try_from(k + 1).unwrap_or(CODE_OTHER);
    }
    let moved = remap.iter().enumerate().any(|(i, &c)| c as usize != i);
    if moved {
        if let Some(codes) = &mut col.codes {
            for code in codes.iter_mut() {
                if let Some(&to) = remap.get(*code as usize) {
                    *code = to;
                }
            }
        }
    }
    p.values = values;
    if !col.inferred.roles.is_empty() {
        col.inferred.roles = roles;
    }
}

/// Counts the answers with typed text of a grouping or scale column under one line.
fn fold_free_text(col: &mut ColumnData, lang: Lang) {
    let kind = col.inferred.kind;
    if !matches!(kind, Kind::Category | Kind::Likert) {
        return;
    }
    let roles = &col.inferred.roles;
    let found: Vec<Option<FreeText>> = col
        .profile
        .values
        .iter()
        .enumerate()
        .map(|(i, (v, n))| {
            // Steps of a scale and "Ved ikke" are the questionnaire's own labels.
            let other = kind == Kind::Category || roles.get(i) == Some(&ValueRole::Other);
            if other {
                free_text(v, *n)
            } else {
                None
            }
        })
        .collect();
    let Some(first) = found.iter().flatten().next() else {
        return;
    };
    // One line per column, in the language of the first "Andet:" answer.
    let line_lang = match found
        .iter()
        .flatten()
        .find(|f| matches!(f, FreeText::Other(_)))
    {
        Some(FreeText::Other(l)) => *l,
        _ => match first {
            FreeText::Other(l) => *l,
            FreeText::Long => lang,
        },
    };
    let line = free_text_answer(line_lang);
    let names: Vec<String> = col
        .profile
        .values
        .iter()
        .zip(&found)
        .map(|((v, _), f)| match f {
            Some(_) => line.to_string(),
            None => v.clone(),
        })
        .collect();
    col.profile.free_text_labels += found.iter().flatten().count() as u64;
    regroup(col, &names);
}

/// Shows every label that holds a CPR number, an e-mail address or a telephone number as
/// "Skjult svar (personoplysning) n".
///
/// A numbered placeholder rather than leaving the answer out: the counts still add up to the
/// answers, and two different answers are never counted as one (a municipal analyst expects
/// the table to sum to the number who answered, and to see that something was hidden).
/// Numbers follow the order of first appearance and skip numbers the column already uses.
fn hide_personal_labels(col: &mut ColumnData, lang: Lang) {
    // Eight digits alone are the data in a column of numbers, identifiers or dates.
    let bare = !matches!(col.inferred.kind, Kind::Number | Kind::Id | Kind::Date);
    let hits: Vec<bool> = col
        .profile
        .values
        .iter()
        .map(|(v, _)| pii::personal_in_text(v, bare).is_some())
        .collect();
    if !hits.contains(&true) {
        return;
    }
    let mut next = col
        .profile
        .values
        .iter()
        .filter_map(|(v, _)| hidden_answer_number(v).map(|(n, _)| n))
        .max()
        .unwrap_or(0);
    for ((value, _), hit) in col.profile.values.iter_mut().zip(&hits) {
        if *hit {
            next += 1;
            *value = hidden_answer(next, lang);
            col.profile.hidden_labels += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dataset::NumericAcc;
    use crate::model::profile::ColumnProfile;

    /// A column as the reader leaves it: these values in this order of rows.
    fn column(name: &str, cells: &[&str]) -> ColumnData {
        let mut values: Vec<(String, u64)> = Vec::new();
        let mut codes = Vec::new();
        let mut empty = 0;
        for cell in cells {
            if cell.is_empty() {
                codes.push(CODE_EMPTY);
                empty += 1;
                continue;
            }
            let k = match values.iter().position(|(v, _)| v == cell) {
                Some(k) => k,
                None => {
                    values.push((cell.to_string(), 0));
                    values.len() - 1
                }
            };
            values[k].1 += 1;
            codes.push(k as u8 + 1);
        }
        let mut profile = ColumnProfile {
            name: name.to_string(),
            values,
            rows: cells.len() as u64,
            empty,
            ..ColumnProfile::default()
        };
        for (v, n) in &profile.values {
            profile.cpr_tokens += u64::from(pii::count_cpr_tokens(v.as_bytes())) * n;
            profile.max_len = profile.max_len.max(v.len());
            profile.total_len += v.len() as u64 * n;
        }
        ColumnData {
            inferred: infer_column(&profile),
            profile,
            codes: Some(codes),
            numeric: NumericAcc::default(),
            row_numbers: None,
            pre_merge: None,
        }
    }

    fn labels(col: &ColumnData) -> Vec<(&str, u64)> {
        col.profile
            .values
            .iter()
            .map(|(v, n)| (v.as_str(), *n))
            .collect()
    }

    /// Each row's label, read back through the codes.
    fn rows(col: &ColumnData) -> Vec<&str> {
        col.codes
            .as_ref()
            .unwrap()
            .iter()
            .map(|&c| match c {
                CODE_EMPTY => "",
                c => col.profile.values[c as usize - 1].0.as_str(),
            })
            .collect()
    }

    #[test]
    fn labels_that_look_alike_once_cleaned_are_one_label() {
        let mut col = column(
            "Ydelse\u{202E}",
            &[
                "Fleksjob",
                "Flek\u{200B}sjob",
                "Sygedagpenge",
                "\u{200B}",
                "Fleksjob",
                "Kontant\u{2066}hjælp",
            ],
        );
        publish_column(&mut col, Lang::Da);
        assert_eq!(col.profile.name, "Ydelse");
        assert_eq!(
            labels(&col),
            [("Fleksjob", 3), ("Sygedagpenge", 1), ("Kontanthjælp", 1)]
        );
        assert_eq!(col.profile.empty, 1);
        assert_eq!(
            rows(&col),
            [
                "Fleksjob",
                "Fleksjob",
                "Sygedagpenge",
                "",
                "Fleksjob",
                "Kontanthjælp"
            ]
        );
        assert_eq!(col.profile.hidden_labels + col.profile.free_text_labels, 0);
    }

    #[test]
    fn other_answers_with_typed_text_are_counted_as_one_line() {
        let mut cells = vec!["Telefon"; 20];
        cells.extend(["Fysisk møde"; 10]);
        cells.extend([
            "Andet: ring på +45 41 22 33 44",
            "Andet: skriv til jens.zakariassen@eksempel-mail.dk",
            "Andet: min datter Freja Zakariassen ringer",
            "Andet",
            "Andet, nemlig via min søster",
        ]);
        let mut col = column("Kanal", &cells);
        assert_eq!(col.inferred.kind, Kind::Category);
        publish_column(&mut col, Lang::Da);
        assert_eq!(
            labels(&col),
            [
                ("Telefon", 20),
                ("Fysisk møde", 10),
                ("Andet (fritekst)", 4),
                ("Andet", 1)
            ]
        );
        assert_eq!(col.profile.free_text_labels, 4);
        assert_eq!(col.profile.hidden_labels, 0);
        assert_eq!(rows(&col)[30..33], ["Andet (fritekst)"; 3]);
        assert_eq!(rows(&col)[33], "Andet");
        // Running it again changes nothing.
        let before = labels(&col)
            .iter()
            .map(|(v, n)| (v.to_string(), *n))
            .collect::<Vec<_>>();
        publish_column(&mut col, Lang::Da);
        let after = labels(&col)
            .iter()
            .map(|(v, n)| (v.to_string(), *n))
            .collect::<Vec<_>>();
        assert_eq!(before, after);
        assert_eq!(col.profile.free_text_labels, 4);
    }

    #[test]
    fn free_text_shapes() {
        assert_eq!(free_text("Andet: x", 1), Some(FreeText::Other(Lang::Da)));
        assert_eq!(
            free_text("Anden – min nabo", 9),
            Some(FreeText::Other(Lang::Da))
        );
        assert_eq!(
            free_text("Other: my neighbour", 1),
            Some(FreeText::Other(Lang::En))
        );
        assert_eq!(
            free_text("OTHER, please specify: x", 1),
            Some(FreeText::Other(Lang::En))
        );
        for option in [
            "Andet",
            "Andet:",
            "Andet/ved ikke",
            "Andet (fx kursus)",
            "Anden ydelse",
            "Andre forhold",
            "Other",
        ] {
            assert_eq!(free_text(option, 1), None, "{option:?}");
        }
        let long = "Jeg fik ikke den hjælp jeg havde brug for, og ingen ringede tilbage til mig";
        assert_eq!(free_text(long, 1), Some(FreeText::Long));
        // The same long answer chosen by many is an option of the questionnaire.
        assert_eq!(free_text(long, 5), None);
        assert_eq!(
            free_text("Det var fint. Tak for hjælpen i år.", 1),
            Some(FreeText::Long)
        );
        assert_eq!(free_text("Hverken tilfreds eller utilfreds", 1), None);
        assert_eq!(free_text("Jobcenter Aarhus, afd. Nord", 1), None);
    }

    #[test]
    fn long_typed_answers_in_a_grouping_are_counted_without_their_text() {
        let mut cells = vec!["Ja"; 30];
        cells.extend(["Nej"; 12]);
        cells.push("Nej, fordi min sagsbehandler Kirstine Zylberg aldrig ringede tilbage til mig");
        let mut col = column("Fik du hjælp?", &cells);
        assert_eq!(col.inferred.kind, Kind::Category);
        publish_column(&mut col, Lang::Da);
        assert_eq!(
            labels(&col),
            [("Ja", 30), ("Nej", 12), ("Andet (fritekst)", 1)]
        );
    }

    #[test]
    fn a_column_of_long_typed_answers_is_free_text_and_left_alone() {
        let answers: Vec<String> = (0..12)
            .map(|i| format!("Svar nummer {i}: jeg synes at mødet med jobcentret var meget langt og svært at forstå"))
            .collect();
        let mut cells: Vec<&str> = answers.iter().map(String::as_str).collect();
        cells.extend(["Nej"; 3]);
        let mut col = column("Q9", &cells);
        publish_column(&mut col, Lang::Da);
        assert_eq!(col.inferred.kind, Kind::Text);
        assert!(col.inferred.personal_data);
        assert_eq!(col.profile.free_text_labels, 0);
    }

    #[test]
    fn scale_steps_are_never_folded_but_other_answers_are() {
        let mut cells = vec!["Meget tilfreds"; 10];
        cells.extend(["Tilfreds"; 8]);
        cells.extend(["Utilfreds"; 3]);
        cells.push("Andet: jeg har ikke mødt min sagsbehandler");
        let mut col = column("Hvor tilfreds er du?", &cells);
        assert_eq!(col.inferred.kind, Kind::Likert);
        publish_column(&mut col, Lang::Da);
        assert_eq!(col.inferred.kind, Kind::Likert);
        assert_eq!(col.inferred.roles.len(), col.profile.values.len());
        assert_eq!(col.profile.values[3].0, "Andet (fritekst)");
        assert_eq!(col.inferred.roles[3], ValueRole::Other);
    }

    #[test]
    fn personal_data_in_labels_is_hidden_and_answers_stay_apart() {
        let mut cells = vec!["Aarhus"; 20];
        cells.extend(["Odense"; 20]);
        cells.extend([
            "jens@eksempel.dk",
            "41 22 33 44",
            "41 22 33 44",
            "0101701234",
        ]);
        let mut col = column("Kommune", &cells);
        publish_column(&mut col, Lang::Da);
        assert_eq!(
            labels(&col),
            [
                ("Aarhus", 20),
                ("Odense", 20),
                ("Skjult svar (personoplysning) 1", 1),
                ("Skjult svar (personoplysning) 2", 2),
                ("Skjult svar (personoplysning) 3", 1)
            ]
        );
        assert_eq!(col.profile.hidden_labels, 3);
        // The CPR number still makes the column personal.
        assert!(col.inferred.personal_data);
        publish_column(&mut col, Lang::Da);
        assert_eq!(col.profile.hidden_labels, 3);
        assert_eq!(col.profile.values.len(), 5);

        let mut col = column("Municipality", &["Aarhus", "bo@x.dk"]);
        publish_column(&mut col, Lang::En);
        assert_eq!(col.profile.values[1].0, "Hidden answer (personal data) 1");
    }

    #[test]
    fn a_column_of_e_mail_addresses_stays_an_e_mail_column_once_hidden() {
        let mut col = column("Q20", &["anna@example.dk", "bo@example.com", "c@d.dk"]);
        publish_column(&mut col, Lang::Da);
        assert!(col.profile.values.iter().all(|(v, _)| !v.contains('@')));
        assert_eq!(
            col.inferred.personal_reason,
            Some(crate::model::kinds::PersonalReason::Email)
        );
        // Recognised again later (a merge, combined files), it still is.
        let again = infer_column(&col.profile);
        assert_eq!(again.personal_reason, col.inferred.personal_reason);
    }

    #[test]
    fn eight_digits_are_data_in_a_column_of_numbers() {
        let numbers: Vec<String> = (0..30).map(|i| format!("{}", 20240101 + i * 7)).collect();
        let cells: Vec<&str> = numbers.iter().map(String::as_str).collect();
        let mut col = column("Sagsnummer", &cells);
        assert_ne!(col.inferred.kind, Kind::Category);
        publish_column(&mut col, Lang::Da);
        assert_eq!(col.profile.hidden_labels, 0);
        assert_eq!(col.profile.values[0].0, "20240101");
    }

    #[test]
    fn headers_are_cleaned_and_masked() {
        let mut col = column("Kontakt\u{200B} 41 22 33 44", &["Ja", "Nej"]);
        publish_column(&mut col, Lang::Da);
        assert_eq!(col.profile.name, "Kontakt •• •• •• ••");
        assert!(col.profile.header_masked);
        publish_column(&mut col, Lang::Da);
        assert!(col.profile.header_masked);
        assert_eq!(col.profile.name, "Kontakt •• •• •• ••");
    }

    #[test]
    fn the_file_language_comes_from_its_headers() {
        assert_eq!(
            file_lang(["Hvor tilfreds er du med jobcentret?", "Kommune"]),
            Lang::Da
        );
        assert_eq!(
            file_lang(["How satisfied are you with the service?", "Age"]),
            Lang::En
        );
        assert_eq!(file_lang(["Q1", "Q2"]), Lang::Da);
    }
}
