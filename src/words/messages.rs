//! Every warning the summary gives, worded in Danish and English. The analysis says which
//! [`Notice`] applies and with which numbers; the sentence is made here, and nowhere else.

use crate::model::kinds::PersonalReason;
use crate::words::lang::{format_count, Lang};

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
