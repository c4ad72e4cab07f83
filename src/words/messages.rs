//! Every sentence of a result, worded in Danish and English: the summary's warnings, test
//! results, wave changes and verdicts. The analysis says which [`Notice`] applies and with which
//! numbers; the sentence is made here, and nowhere else. Errors are worded in
//! [`errors`](crate::words::errors).

use crate::model::kinds::PersonalReason;
use crate::words::lang::{format_count, format_decimal, format_mean, format_p, format_pct, Lang};

/// Something the user should know about the file or a column, with the numbers it rests on.
/// Never holds a cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice<'a> {
    /// Rows with too few fields, padded with blanks; `first` is the first such row.
    PaddedRows { rows: u64, first: u64 },
    /// Rows with too many fields, the extra ones not counted.
    TruncatedRows { rows: u64, first: u64 },
    /// Empty rows skipped.
    BlankRows { rows: u64 },
    /// Invited people who did not answer (SurveyXact statuses).
    NonRespondents { missing: u64, invited: u64 },
    /// Cells with bytes that are not valid in the file's `encoding`.
    InvalidBytes { cells: u64, encoding: &'a str },
    /// The grouping column has too many values to break down by.
    ByTooManyGroups { column: &'a str },
    /// There is no grouping column of that name.
    ByNotFound { column: &'a str },
    /// More responses than people invited.
    MoreRowsThanInvited { responded: u64, invited: u64 },
    /// A free-text column: only how many answered is shown.
    FreeText { column: &'a str, answered: u64 },
    /// A column of CPR numbers, left out.
    CprColumn { column: &'a str },
    /// A column of other personal data, left out.
    PersonalColumn {
        column: &'a str,
        reason: PersonalReason,
    },
    /// CPR-like numbers inside a column's answers.
    CprInText { column: &'a str, count: u64 },
    /// Answers of a scale question that are not on its scale.
    NotOnScale { column: &'a str, answers: u64 },
    /// A 4-point scale without a midpoint.
    FourPointScale { column: &'a str },
    /// A scale whose range rests on the answers present alone, or on a code that may mean
    /// "ved ikke": `points` steps were assumed and the user should confirm them.
    ScaleGuessed { column: &'a str, points: usize },
    /// Answer labels and headers that looked like personal data (a CPR number, an e-mail
    /// address or a telephone number): the labels are shown as "Skjult svar (personoplysning)
    /// 1", 2, …, and the personal part of the headers is masked.
    PersonalLabelsHidden { labels: u64, headers: u64 },
    /// "Andet: …" answers with typed text, and long typed answers, counted under one
    /// "Andet (fritekst)" line without their text.
    FreeTextLabels { column: &'a str, labels: u64 },
    /// The header row looks like a respondent's answers: the file may have no header row.
    HeaderLooksLikeData,
}

impl Notice<'_> {
    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Notice::PaddedRows { .. } => "padded_rows",
            Notice::TruncatedRows { .. } => "truncated_rows",
            Notice::BlankRows { .. } => "blank_rows",
            Notice::NonRespondents { .. } => "non_respondents",
            Notice::InvalidBytes { .. } => "invalid_bytes",
            Notice::ByTooManyGroups { .. } => "by_too_many_groups",
            Notice::ByNotFound { .. } => "by_not_found",
            Notice::MoreRowsThanInvited { .. } => "more_rows_than_invited",
            Notice::FreeText { .. } => "free_text",
            Notice::CprColumn { .. } => "cpr_column",
            Notice::PersonalColumn { .. } => "personal_column",
            Notice::CprInText { .. } => "cpr_in_text",
            Notice::NotOnScale { .. } => "not_on_scale",
            Notice::FourPointScale { .. } => "four_point_scale",
            Notice::ScaleGuessed { .. } => "scale_guessed",
            Notice::PersonalLabelsHidden { .. } => "personal_labels_hidden",
            Notice::FreeTextLabels { .. } => "free_text_labels",
            Notice::HeaderLooksLikeData => "header_looks_like_data",
        }
    }

    /// The warning in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        let count = |n: u64| format_count(n, lang);
        let rows = |n: u64| match (da, n == 1) {
            (true, true) => "række",
            (true, false) => "rækker",
            (false, true) => "row",
            (false, false) => "rows",
        };
        match *self {
            Notice::PaddedRows { rows: n, first } => {
                if da {
                    format!("{} {} havde for få felter og er fyldt op med tomme svar (første: række {first}).", count(n), rows(n))
                } else {
                    format!("{} {} had too few fields and were padded with blank answers (first: row {first}).", count(n), rows(n))
                }
            }
            Notice::TruncatedRows { rows: n, first } => {
                if da {
                    format!("{} {} havde for mange felter; de overskydende felter er ikke talt med (første: række {first}).", count(n), rows(n))
                } else {
                    format!("{} {} had too many fields; the extra fields were not counted (first: row {first}).", count(n), rows(n))
                }
            }
            Notice::BlankRows { rows: n } => {
                if da {
                    format!("{} tomme {} er sprunget over.", count(n), rows(n))
                } else {
                    format!("{} empty {} were skipped.", count(n), rows(n))
                }
            }
            Notice::NonRespondents { missing, invited } => {
                if da {
                    format!("{} af {invited} inviterede har ikke svaret (status ny, distribueret eller frafaldet); de er ikke med i tallene.", count(missing))
                } else {
                    format!("{} of the {invited} invited did not answer (status new, distributed or dropped out); they are not in the figures.", count(missing))
                }
            }
            Notice::InvalidBytes { cells, encoding } => {
                if da {
                    let noun = if cells == 1 { "celle" } else { "celler" };
                    format!("{} {noun} indeholdt tegn, der ikke kan læses som {encoding}; de vises med �.", count(cells))
                } else {
                    let noun = if cells == 1 { "cell" } else { "cells" };
                    format!("{} {noun} held characters that are not valid {encoding}; they are shown as �.", count(cells))
                }
            }
            Notice::ByTooManyGroups { column } => {
                if da {
                    format!("Kolonnen '{column}' har for mange forskellige værdier til at opdele efter.")
                } else {
                    format!("The column '{column}' has too many different values to break down by.")
                }
            }
            Notice::ByNotFound { column } => {
                if da {
                    format!("Der er ingen kolonne ved navn '{column}' at opdele efter.")
                } else {
                    format!("There is no column named '{column}' to break down by.")
                }
            }
            Notice::MoreRowsThanInvited { responded, invited } => {
                if da {
                    format!("Filen har {responded} besvarelser, flere end de {invited} inviterede.")
                } else {
                    format!("The file has {responded} responses, more than the {invited} invited.")
                }
            }
            Notice::FreeText { column, answered } => {
                if da {
                    format!(
                        "Kolonnen '{column}' er fritekst. Svarene vises ikke; kun antallet: {}.",
                        count(answered)
                    )
                } else {
                    format!("The column '{column}' is free text. The answers are not shown; only how many: {}.", count(answered))
                }
            }
            Notice::CprColumn { column } => {
                if da {
                    format!("Kolonnen '{column}' ligner CPR-numre og er udeladt.")
                } else {
                    format!("The column '{column}' looks like CPR numbers and is left out.")
                }
            }
            Notice::PersonalColumn { column, reason } => {
                let what = personal_data(reason, lang);
                if da {
                    format!(
                        "Kolonnen '{column}' indeholder personoplysninger ({what}) og er udeladt."
                    )
                } else {
                    format!("The column '{column}' holds personal data ({what}) and is left out.")
                }
            }
            Notice::CprInText { column, count: n } => {
                if da {
                    format!("Kolonnen '{column}' indeholder {} tal, der ligner CPR-numre. De vises aldrig.", count(n))
                } else {
                    format!("The column '{column}' contains {} numbers that look like CPR numbers. They are never shown.", count(n))
                }
            }
            Notice::NotOnScale { column, answers } => {
                if da {
                    format!("Kolonnen '{column}': {answers} svar passer ikke til skalaen og er talt for sig.")
                } else {
                    format!("The column '{column}': {answers} answers do not fit the scale and are counted apart.")
                }
            }
            Notice::FourPointScale { column } => {
                if da {
                    format!("Kolonnen '{column}' har en 4-punktsskala uden midte: gennemsnittet er på 1–4, og top-2 og bund-2 er de to halvdele.")
                } else {
                    format!("The column '{column}' has a 4-point scale without a midpoint: the mean is on 1–4, and top-2 and bottom-2 are the two halves.")
                }
            }
            Notice::ScaleGuessed { column, points } => {
                if da {
                    format!("Skalaen for «{column}» er gættet ud fra svarene ({points} trin) – bekræft den.")
                } else {
                    format!("The scale of “{column}” is guessed from the answers ({points} steps) – please confirm it.")
                }
            }
            Notice::PersonalLabelsHidden { labels, headers } => {
                let what_da = match (labels, headers) {
                    (1, 0) => "1 svar".to_string(),
                    (_, 0) => format!("{} svar", count(labels)),
                    (0, 1) => "1 kolonneoverskrift".to_string(),
                    (0, _) => format!("{} kolonneoverskrifter", count(headers)),
                    (_, 1) => format!("{} svar og 1 kolonneoverskrift", count(labels)),
                    _ => format!(
                        "{} svar og {} kolonneoverskrifter",
                        count(labels),
                        count(headers)
                    ),
                };
                let what_en = match (labels, headers) {
                    (1, 0) => "1 answer".to_string(),
                    (_, 0) => format!("{} answers", count(labels)),
                    (0, 1) => "1 column header".to_string(),
                    (0, _) => format!("{} column headers", count(headers)),
                    (1, 1) => "1 answer and 1 column header".to_string(),
                    (1, _) => format!("1 answer and {} column headers", count(headers)),
                    (_, 1) => format!("{} answers and 1 column header", count(labels)),
                    _ => format!(
                        "{} answers and {} column headers",
                        count(labels),
                        count(headers)
                    ),
                };
                if da {
                    format!("{what_da} lignede personoplysninger (CPR-nummer, e-mail eller telefonnummer) og er skjult: svar vises som »Skjult svar (personoplysning)«, og i overskrifter er det personlige erstattet af •.")
                } else {
                    let are = if labels + headers == 1 { "is" } else { "are" };
                    format!("{what_en} looked like personal data (a CPR number, e-mail address or telephone number) and {are} hidden: answers show as “Hidden answer (personal data)”, and in headers the personal part is replaced by •.")
                }
            }
            Notice::FreeTextLabels { column, labels } => {
                if da {
                    format!("Kolonnen '{column}': {} svar med skrevet tekst (»Andet: …« eller lange svar) er talt sammen som »Andet (fritekst)«; teksten vises ikke.", count(labels))
                } else {
                    format!("The column '{column}': {} answers with typed text (“Other: …” or long answers) are counted together as “Other (free text)”; the text is not shown.", count(labels))
                }
            }
            Notice::HeaderLooksLikeData => {
                if da {
                    "Første række ligner svar, ikke overskrifter. Vælg »Første række er svar«, hvis filen ikke har overskrifter.".to_string()
                } else {
                    "The first row looks like answers, not headers. Choose “First row is answers” if the file has no headers.".to_string()
                }
            }
        }
    }
}

/// What kind of personal data a column holds, for a sentence ("navne", "e-mail addresses").
pub fn personal_data(reason: PersonalReason, lang: Lang) -> &'static str {
    let (da, en) = match reason {
        PersonalReason::Name => ("navne", "names"),
        PersonalReason::Email => ("e-mailadresser", "e-mail addresses"),
        PersonalReason::Phone => ("telefonnumre", "telephone numbers"),
        PersonalReason::Address => ("adresser", "addresses"),
        PersonalReason::IpOrLocation => {
            ("IP-adresser eller positioner", "IP addresses or locations")
        }
        _ => ("personoplysninger", "personal data"),
    };
    lang.pick(da, en)
}

/// Which figure changed between two waves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measured {
    /// The top-2 share, in percentage points.
    Top2,
    /// The mean.
    Mean,
}

/// "Stigningen på 4,2 procentpoint er statistisk signifikant (p = 0,003)." and the like: the
/// change `diff` of `subject` with its test `(p-value, significant)`, when there is one.
pub fn wave_change(diff: f64, test: Option<(f64, bool)>, subject: Measured, lang: Lang) -> String {
    let (amount, shown_zero) = match subject {
        Measured::Top2 => {
            let text = format_decimal(diff.abs(), 1, lang);
            let unit = lang.pick("procentpoint", "percentage points");
            let zero = format_decimal(0.0, 1, lang);
            (format!("{text} {unit}"), text == zero)
        }
        Measured::Mean => {
            let text = format_mean(diff.abs(), lang);
            (text.clone(), text == format_mean(0.0, lang))
        }
    };
    let p = test.map(|(p, _)| format_p(p, lang));
    let significant = test.is_some_and(|(_, significant)| significant);
    if !diff.is_finite() {
        return lang
            .pick(
                "Ændringen kan ikke beregnes.",
                "The change cannot be computed.",
            )
            .to_string();
    }
    let what_da = match subject {
        Measured::Top2 => "Andelen positive svar",
        Measured::Mean => "Gennemsnittet",
    };
    let what_en = match subject {
        Measured::Top2 => "The share of positive answers",
        Measured::Mean => "The mean",
    };
    if shown_zero {
        return match (lang, p) {
            (Lang::Da, Some(p)) => format!("{what_da} er uændret ({p})."),
            (Lang::Da, None) => format!("{what_da} er uændret."),
            (Lang::En, Some(p)) => format!("{what_en} is unchanged ({p})."),
            (Lang::En, None) => format!("{what_en} is unchanged."),
        };
    }
    let up = diff > 0.0;
    let noun = match (lang, subject, up) {
        (Lang::Da, Measured::Top2, true) => "Stigningen".to_string(),
        (Lang::Da, Measured::Top2, false) => "Faldet".to_string(),
        (Lang::Da, Measured::Mean, true) => "Stigningen i gennemsnittet".to_string(),
        (Lang::Da, Measured::Mean, false) => "Faldet i gennemsnittet".to_string(),
        (Lang::En, Measured::Top2, true) => "The increase".to_string(),
        (Lang::En, Measured::Top2, false) => "The decrease".to_string(),
        (Lang::En, Measured::Mean, true) => "The increase in the mean".to_string(),
        (Lang::En, Measured::Mean, false) => "The decrease in the mean".to_string(),
    };
    let verdict = match (lang, significant) {
        (Lang::Da, true) => "er statistisk signifikant",
        (Lang::Da, false) => "er ikke statistisk signifikant",
        (Lang::En, true) => "is statistically significant",
        (Lang::En, false) => "is not statistically significant",
    };
    let of = lang.pick("på", "of");
    match p {
        Some(p) => format!("{noun} {of} {amount} {verdict} ({p})."),
        None => match lang {
            Lang::Da => format!("{noun} {of} {amount} kan ikke testes (for få svar)."),
            Lang::En => format!("{noun} {of} {amount} cannot be tested (too few answers)."),
        },
    }
}

/// Why a change between two waves is not tested: the scale has a different number of steps.
pub fn scale_changed(lang: Lang) -> String {
    lang.pick(
        "Skalaen har et andet antal trin i de to runder, så ændringen kan ikke testes.",
        "The scale has a different number of steps in the two waves, so the change cannot be tested.",
    )
    .to_string()
}

/// Whether `files` files can be combined into one, in words: `difference` names the first file
/// that differs and the headers it differs in.
pub fn combine_verdict(
    files: usize,
    combinable: bool,
    (file, list): (&str, &str),
    lang: Lang,
) -> String {
    let da = lang == Lang::Da;
    if files < 2 {
        lang.pick(
            "Vælg mindst to filer at lægge sammen.",
            "Choose at least two files to combine.",
        )
        .to_string()
    } else if combinable {
        lang.pick(
            "Filerne har de samme kolonner og kan lægges sammen.",
            "The files have the same columns and can be combined.",
        )
        .to_string()
    } else if da {
        format!("Filerne har ikke de samme kolonner og kan ikke lægges sammen. '{file}' adskiller sig i {list}.")
    } else {
        format!("The files do not have the same columns and cannot be combined. '{file}' differs in {list}.")
    }
}

/// What a chi-square test of independence is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Association {
    /// A question broken down by groups.
    Groups,
    /// Any two columns of a cross-table.
    Columns,
}

/// The chi-square test in words: "Forskellen mellem grupperne er statistisk signifikant
/// (p = 0,003; χ² = 14,2, df = 4, Cramérs V = 0,21)."
pub fn chi_square_test(
    about: Association,
    significant: bool,
    p: f64,
    chi_square: f64,
    df: u64,
    cramers_v: f64,
    lang: Lang,
) -> String {
    let verdict = match (about, significant) {
        (Association::Groups, true) => lang.pick(
            "Forskellen mellem grupperne er statistisk signifikant",
            "The difference between the groups is statistically significant",
        ),
        (Association::Groups, false) => lang.pick(
            "Forskellen mellem grupperne er ikke statistisk signifikant",
            "The difference between the groups is not statistically significant",
        ),
        (Association::Columns, true) => lang.pick(
            "Sammenhængen mellem de to kolonner er statistisk signifikant",
            "The association between the two columns is statistically significant",
        ),
        (Association::Columns, false) => lang.pick(
            "Sammenhængen mellem de to kolonner er ikke statistisk signifikant",
            "The association between the two columns is not statistically significant",
        ),
    };
    format!(
        "{verdict} ({}; χ² = {}, df = {df}, {} = {}).",
        format_p(p, lang),
        format_decimal(chi_square, 1, lang),
        lang.pick("Cramérs V", "Cramér's V"),
        format_decimal(cramers_v, 2, lang)
    )
}

/// The caution when `share_pct` percent of a table's cells expect fewer than 5 answers.
pub fn low_expected_counts(share_pct: f64, lang: Lang) -> String {
    let share = format_pct(share_pct, lang);
    match lang {
        Lang::Da => {
            format!("{share} af cellerne har en forventet værdi under 5, så p-værdien er usikker.")
        }
        Lang::En => format!(
            "{share} of the cells have an expected count below 5, so the p-value is uncertain."
        ),
    }
}

/// The title of a multi-select question's chart: the base and that shares may add up to more
/// than 100 %.
pub fn multi_select_base(answered: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Andel af de {}, der har svaret; flere svar mulige",
            format_count(answered, lang)
        ),
        Lang::En => format!(
            "Share of the {} who answered; several answers possible",
            format_count(answered, lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_labels_and_free_text_are_worded_in_both_languages() {
        let n = Notice::PersonalLabelsHidden {
            labels: 3,
            headers: 1,
        };
        assert_eq!(n.code(), "personal_labels_hidden");
        assert!(n
            .message(Lang::Da)
            .starts_with("3 svar og 1 kolonneoverskrift lignede"));
        assert!(n
            .message(Lang::En)
            .starts_with("3 answers and 1 column header looked"));
        let one = Notice::PersonalLabelsHidden {
            labels: 1,
            headers: 0,
        };
        assert!(one.message(Lang::En).starts_with("1 answer looked"));
        assert!(one.message(Lang::En).contains(") and is hidden"));
        let f = Notice::FreeTextLabels {
            column: "Kanal",
            labels: 4,
        };
        assert_eq!(f.code(), "free_text_labels");
        assert!(f.message(Lang::Da).contains("'Kanal': 4 svar"));
        assert!(f.message(Lang::En).contains("“Other (free text)”"));
    }

    #[test]
    fn wave_changes_in_both_languages() {
        let t = (0.003, true);
        assert_eq!(
            wave_change(4.2, Some(t), Measured::Top2, Lang::Da),
            "Stigningen på 4,2 procentpoint er statistisk signifikant (p = 0,003)."
        );
        assert_eq!(
            wave_change(4.2, Some(t), Measured::Top2, Lang::En),
            "The increase of 4.2 percentage points is statistically significant (p = 0.003)."
        );
        let ns = (0.214, false);
        assert_eq!(
            wave_change(-3.1, Some(ns), Measured::Top2, Lang::Da),
            "Faldet på 3,1 procentpoint er ikke statistisk signifikant (p = 0,214)."
        );
        assert_eq!(
            wave_change(-0.15, Some(ns), Measured::Mean, Lang::En),
            "The decrease in the mean of 0.15 is not statistically significant (p = 0.214)."
        );
        assert_eq!(
            wave_change(0.01, Some(ns), Measured::Top2, Lang::Da),
            "Andelen positive svar er uændret (p = 0,214)."
        );
        assert_eq!(
            wave_change(f64::NAN, None, Measured::Mean, Lang::En),
            "The change cannot be computed."
        );
    }
}
