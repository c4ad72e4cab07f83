//! What a column's header says: rating words, counts, groupings, identifiers, survey-tool
//! metadata and choice markers.

use super::*;
use crate::model::kinds::{Kind, PersonalReason};
use crate::model::profile::ColumnProfile;
use crate::util::text;

/// Words of the header that confirm or rule out a numeric rating scale.
pub(super) struct HeaderHints {
    /// The header names a rating ("tilfreds", "vurder", "skala", "1-5", …).
    pub(super) rating: bool,
    /// The header names a count, an amount, an age or a grouping: never a rating scale.
    pub(super) count_strong: bool,
    /// Weaker count words ("år", "gange", "nr", "hvilken") that a rating word outweighs.
    pub(super) count_weak: bool,
    /// The header names a grouping variable (kommune, ydelse, køn, …); a rating word
    /// outweighs it ("Hvor tilfreds er du med hjælpen til uddannelse?").
    pub(super) grouping: bool,
    /// An explicit range such as "1-5", "0–10" or "1 til 7".
    pub(super) range: Option<(i64, i64)>,
    /// The header names an identifier.
    pub(super) id: bool,
    /// The header names a code list (education level, household size, benefit code): its
    /// numbers are categories unless a rating word or a range says otherwise.
    pub(super) code_list: bool,
    /// The header asks for free text ("Kommentar", "Uddyb gerne", "Other - Text").
    pub(super) free_text: bool,
}

impl HeaderHints {
    pub(super) fn new(name: &str) -> HeaderHints {
        let lower = text::lower(name);
        let words: Vec<&str> = lower
            .split(|c: char| !text::is_letter_or_digit(c))
            .filter(|w| !w.is_empty())
            .collect();
        let has_pair = |a: &str, b: &str| words.windows(2).any(|w| w[0] == a && w[1] == b);
        let count_strong = words.iter().any(|w| COUNT_STRONG.contains(w))
            || has_pair("number", "of")
            || has_pair("how", "many")
            || has_pair("how", "old")
            || has_pair("hvor", "mange")
            || has_pair("hvor", "gammel")
            || has_pair("hvor", "længe");
        let compact = text::letters_and_digits(&lower);
        HeaderHints {
            rating: words
                .iter()
                .any(|w| RATING_STEMS.iter().any(|s| w.starts_with(s))),
            count_strong,
            count_weak: words.iter().any(|w| COUNT_WEAK.contains(w)),
            grouping: words.iter().any(|w| GROUPING.contains(w)),
            range: header_range(&lower),
            code_list: words
                .iter()
                .any(|w| CODE_LIST_STEMS.iter().any(|s| w.contains(s))),
            id: ID_HEADERS.contains(&compact.as_str()) || words.last() == Some(&"id"),
            free_text: words.iter().any(|w| FREE_TEXT_WORDS.contains(w))
                || has_pair("open", "ended"),
        }
    }

    pub(super) fn blocks_scale(&self) -> bool {
        self.count_strong
            || ((self.grouping || self.count_weak || self.code_list)
                && !self.rating
                && self.range.is_none())
    }
}

/// An explicit scale range in a header: "1-5", "0–10", "1 til 7", "(1 to 10)".
pub(super) fn header_range(lower: &str) -> Option<(i64, i64)> {
    #[derive(PartialEq)]
    enum Tok {
        Num(i64),
        To,
        Eq,
        Other,
    }
    let mut toks = Vec::new();
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let mut n: i64 = i64::from(c as u8 - b'0');
            while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                n = n
                    .saturating_mul(10)
                    .saturating_add(i64::from(d as u8 - b'0'));
                chars.next();
            }
            toks.push(Tok::Num(n));
        } else if matches!(c, '-' | '–' | '—') {
            toks.push(Tok::To);
        } else if c == '=' {
            toks.push(Tok::Eq);
        } else if text::is_letter(c) {
            let mut w = String::from(c);
            while let Some(d) = chars.peek().copied().filter(|&d| text::is_letter(d)) {
                w.push(d);
                chars.next();
            }
            toks.push(if w == "til" || w == "to" {
                Tok::To
            } else {
                Tok::Other
            });
        } else if !c.is_whitespace() {
            toks.push(Tok::Other);
        }
    }
    let ranged = |a: i64, b: i64| ((0..=1).contains(&a) && (4..=10).contains(&b)).then_some((a, b));
    toks.windows(3)
        .find_map(|w| match w {
            [Tok::Num(a), Tok::To, Tok::Num(b)] => ranged(*a, *b),
            _ => None,
        })
        .or_else(|| {
            // "1 = meget svært, 7 = meget let": the first and the last labelled code.
            let labelled: Vec<i64> = toks
                .windows(2)
                .filter_map(|w| match w {
                    [Tok::Num(n), Tok::Eq] => Some(*n),
                    _ => None,
                })
                .collect();
            match labelled.as_slice() {
                [a, .., b] => ranged(*a, *b),
                _ => None,
            }
        })
}

/// True for survey-tool metadata columns (exact header match after normalisation).
pub(super) fn is_metadata_header(name: &str) -> bool {
    let lower = text::lower(name.trim());
    let compact = text::letters_and_digits(&lower);
    if METADATA_HEADERS.contains(&compact.as_str()) {
        return true;
    }
    // SurveyMonkey "Custom Data 1", SurveyXact "statoverall_1" / "stato_3".
    let digits_after = |prefix: &str| {
        compact
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
    };
    if digits_after("customdata") || digits_after("statoverall") || digits_after("stato") {
        return true;
    }
    // SurveyXact's one-file export: "Samlet status - Gennemført", "Overall Status - New".
    if ["samlet status", "overall status"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return true;
    }
    // Qualtrics embedded metadata: Q_RecaptchaScore, Q_TotalDuration, Q_URL.
    lower
        .strip_prefix("q_")
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphabetic()))
}

/// True when the values show that a personal-data header is only a question about a channel
/// or a yes/no choice, e.g. "Telefon" holding "Valgt"/"Ikke valgt".
pub(super) fn header_reason_contradicted(
    reason: PersonalReason,
    kind: Kind,
    facts: &Facts,
    p: &ColumnProfile,
) -> bool {
    match reason {
        PersonalReason::IpOrLocation => false,
        _ if kind == Kind::Likert => true,
        _ if kind != Kind::Category => false,
        PersonalReason::Phone | PersonalReason::CprHeader => facts.with_digit == 0,
        PersonalReason::Email => {
            facts.email_cells == 0 && !p.values.iter().any(|(v, _)| v.contains('@'))
        }
        _ => p
            .values
            .iter()
            .all(|(v, _)| is_non_substantive(v) || CHOICE_MARKERS.contains(&label_key(v).as_str())),
    }
}
