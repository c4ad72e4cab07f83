//! Column recognition: from a column's profile to its kind, answer scale, personal-data status
//! and metadata status.
//!
//! Recognition runs in a fixed order, most specific first: empty, CPR numbers, identifier
//! headers, dates, label scales, numeric rating scales, numbers, and finally categories versus
//! free text versus identifiers by the shape of the values.

pub mod pii;

use crate::model::kinds::{Inferred, Kind, PersonalReason, Scale, ScaleFamily, ValueRole};
use crate::model::profile::ColumnProfile;
use crate::util::text;

/// Recognises one column's kind, scale, personal-data status and metadata status from its
/// profile.
pub fn infer_column(profile: &ColumnProfile) -> Inferred {
    let facts = Facts::new(profile);
    let header = HeaderHints::new(&profile.name);
    let (kind, scale, roles) = recognise(profile, &facts, &header);

    let mut reason = None;
    if facts.cpr_cells > 0 && facts.cpr_cells.saturating_mul(2) >= facts.answered {
        reason = Some(PersonalReason::CprValues);
    }
    if reason.is_none() {
        reason = pii::personal_header(&profile.name)
            .filter(|r| !header_reason_contradicted(*r, kind, &facts, profile));
    }
    if reason.is_none()
        && facts.email_cells > 0
        && facts.email_cells.saturating_mul(2) >= facts.kept
    {
        reason = Some(PersonalReason::Email);
    }
    if reason.is_none() && kind == Kind::Text {
        reason = Some(PersonalReason::FreeText);
    }
    if reason.is_none() && (profile.cpr_tokens > 0 || facts.cpr_cells > 0) {
        // A CPR number anywhere in a column makes the whole column sensitive.
        reason = Some(PersonalReason::CprValues);
    }

    let metadata =
        is_metadata_header(&profile.name) || reason == Some(PersonalReason::IpOrLocation);
    Inferred {
        kind,
        personal_data: reason.is_some(),
        personal_reason: reason,
        metadata,
        scale,
        roles,
    }
}

/// Normalises a label for matching: trim, lowercase (Unicode), collapse internal whitespace,
/// strip a trailing '.'. "  Meget  Tilfreds " becomes "meget tilfreds".
pub fn normalize_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(text::lower_char));
    }
    if out.ends_with('.') {
        out.pop();
        let kept = out.trim_end().len();
        out.truncate(kept);
    }
    out
}

/// True for non-substantive answers such as "Ved ikke", "Ikke relevant", "Ønsker ikke at
/// svare", "Don't know", "Not applicable", "N/A" or "-". Numeric codes are never
/// non-substantive: what a code means is not known here.
pub fn is_non_substantive(label: &str) -> bool {
    // No listed answer has a digit, and only a letter next to it can strip a digit from the
    // key: identifiers, numbers and dates are settled without building the key.
    if label.bytes().any(|b| b.is_ascii_digit()) && !label.chars().any(text::is_letter) {
        return false;
    }
    // Free text: the key keeps every character but spaces, brackets and a code of at most two
    // digits with its sign, so a longer label cannot match the longest listed answer.
    let longest_possible = NON_SUBSTANTIVE_MAX_CHARS + CODE_AND_BRACKETS_MAX_CHARS;
    if label
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(longest_possible)
        .is_some()
    {
        return false;
    }
    let key = label_key(label);
    if key.is_empty() {
        // Only dots ("." or "...").
        return label.trim().chars().all(|c| c == '.') && !label.trim().is_empty();
    }
    NON_SUBSTANTIVE.contains(&key.as_str())
}

/// The most characters (spaces aside) of an answer in [`NON_SUBSTANTIVE`].
const NON_SUBSTANTIVE_MAX_CHARS: usize = 32;
/// The most characters (spaces aside) `label_key` drops besides spaces: enclosing brackets and
/// a numeric code before or after the label ("12 - ", "(12)").
const CODE_AND_BRACKETS_MAX_CHARS: usize = 8;

/// Normalised forms of non-substantive answers (after `label_key`).
const NON_SUBSTANTIVE: &[&str] = &[
    "ved ikke",
    "ikke relevant",
    "ikke aktuelt",
    "ønsker ikke at svare",
    "ønsker ikke at oplyse",
    "vil ikke svare",
    "vil ikke oplyse",
    "vil helst ikke svare",
    "kan ikke svare",
    "kan ikke vurdere",
    "ved ikke/ikke relevant",
    "ikke relevant/ved ikke",
    "ved ikke/kan ikke svare",
    "ved ikke/ønsker ikke at svare",
    "har ingen mening",
    "ingen mening",
    "uoplyst",
    "ubesvaret",
    "ikke besvaret",
    "vet ikke",
    "vet ikkje",
    "ikke aktuell",
    "vet inte",
    "don't know",
    "dont know",
    "do not know",
    "don't know/not applicable",
    "not applicable",
    "not relevant",
    "prefer not to say",
    "prefer not to answer",
    "rather not say",
    "no opinion",
    "no answer",
    "n/a",
    "na",
    "n.a",
    "-",
    "--",
    "---",
    "–",
    "—",
    "?",
    "keine angabe",
    "k.a",
    "weiß nicht",
    "weiss nicht",
];

/// Key for matching answer labels: normalised, typographic apostrophes made plain, spaces
/// around '/' removed, enclosing brackets and a numeric code prefix or suffix dropped
/// ("5 - Meget tilfreds", "Meget tilfreds (5)").
fn label_key(label: &str) -> String {
    let mut key = normalize_label(label)
        .replace(['’', '´', '`'], "'")
        .replace(" / ", "/");
    if key.len() > 2
        && ((key.starts_with('(') && key.ends_with(')'))
            || (key.starts_with('[') && key.ends_with(']')))
    {
        key = key[1..key.len() - 1].trim().to_string();
    }
    let stripped = strip_code(&key);
    if stripped.len() != key.len() {
        key = stripped.to_string();
    }
    key
}

/// Drops a numeric code around a label: "5 - meget tilfreds", "1. helt enig", "helt enig (5)".
/// Leaves bare numbers alone.
fn strip_code(key: &str) -> &str {
    let digits = key.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = key[digits..].trim_start();
        if let Some(first) = rest.chars().next() {
            if matches!(first, '-' | '–' | '.' | '=' | ':' | ')') {
                let label = rest[first.len_utf8()..].trim_start();
                if label.chars().next().is_some_and(text::is_letter) {
                    return label;
                }
            }
        }
    }
    if let Some(open) = key.rfind('(') {
        let inner = &key[open + 1..];
        if let Some(code) = inner.strip_suffix(')') {
            if (1..=2).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()) {
                let label = key[..open].trim_end();
                if label.chars().any(text::is_letter) {
                    return label;
                }
            }
        }
    }
    key
}

// ---------------------------------------------------------------------------------------------
// What the values look like.

/// Counts over the kept values, computed once per column.
struct Facts {
    /// Non-empty cells (from the profile, or from the kept values if larger).
    answered: u64,
    /// Cells covered by the kept distinct values.
    kept: u64,
    /// Cells holding a non-substantive answer.
    non_substantive: u64,
    /// Per kept value: whether it is non-substantive.
    ns_flags: Vec<bool>,
    /// Per kept value: its integer value, if it is a plain integer.
    ints: Vec<Option<i64>>,
    /// Substantive cells that are numbers (decimal point or comma).
    numeric: u64,
    /// Substantive cells that are plain integers.
    integer: u64,
    /// Cells that parse as a date or timestamp.
    date: u64,
    /// Cells holding a space.
    spaced: u64,
    /// Cells of at most 60 bytes.
    short: u64,
    /// Cells holding an ASCII digit.
    with_digit: u64,
    /// Cells that look like e-mail addresses.
    email_cells: u64,
    /// Cells whose whole value is CPR-like.
    cpr_cells: u64,
    /// Average cell length in bytes.
    avg_len: f64,
    /// True when every kept value occurs once.
    all_distinct: bool,
    /// True when more values existed than were kept.
    overflowed: bool,
}

impl Facts {
    fn new(p: &ColumnProfile) -> Facts {
        let mut f = Facts {
            answered: 0,
            kept: 0,
            non_substantive: 0,
            ns_flags: Vec::with_capacity(p.values.len()),
            ints: Vec::with_capacity(p.values.len()),
            numeric: 0,
            integer: 0,
            date: 0,
            spaced: 0,
            short: 0,
            with_digit: 0,
            email_cells: 0,
            cpr_cells: 0,
            avg_len: 0.0,
            all_distinct: true,
            overflowed: p.overflowed,
        };
        let mut kept_len: u64 = 0;
        let mut own_cpr: u64 = 0;
        for (value, count) in &p.values {
            let n = *count;
            f.kept = f.kept.saturating_add(n);
            kept_len = kept_len.saturating_add((value.len() as u64).saturating_mul(n));
            if n > 1 {
                f.all_distinct = false;
            }
            let ns = is_non_substantive(value);
            f.ns_flags.push(ns);
            let int = parse_int(value);
            f.ints.push(int);
            if ns {
                f.non_substantive = f.non_substantive.saturating_add(n);
            } else {
                if int.is_some() {
                    f.integer = f.integer.saturating_add(n);
                }
                if int.is_some() || parse_number(value) {
                    f.numeric = f.numeric.saturating_add(n);
                }
            }
            if looks_like_date(value) {
                f.date = f.date.saturating_add(n);
            }
            if value.contains(' ') {
                f.spaced = f.spaced.saturating_add(n);
            }
            if value.len() <= 60 {
                f.short = f.short.saturating_add(n);
            }
            if value.bytes().any(|b| b.is_ascii_digit()) {
                f.with_digit = f.with_digit.saturating_add(n);
            }
            if looks_like_email(value) {
                f.email_cells = f.email_cells.saturating_add(n);
            }
            if pii::is_cpr_like(value.as_bytes()) {
                own_cpr = own_cpr.saturating_add(n);
            }
        }
        f.answered = p.answered().max(f.kept);
        f.cpr_cells = own_cpr.max(p.cpr_cells);
        let total_len = if p.total_len > 0 {
            p.total_len
        } else {
            kept_len
        };
        f.avg_len = if f.answered > 0 {
            total_len as f64 / f.answered as f64
        } else {
            0.0
        };
        // The reader's count also covers cells that were not kept, and number shapes this
        // module does not parse.
        f.numeric = f.numeric.max(p.numeric_cells.min(f.substantive()));
        f
    }

    /// Answered cells that are not non-substantive.
    fn substantive(&self) -> u64 {
        self.answered.saturating_sub(self.non_substantive)
    }

    fn share(&self, part: u64, whole: u64) -> f64 {
        if whole == 0 {
            0.0
        } else {
            part as f64 / whole as f64
        }
    }

    fn distinct(&self) -> usize {
        self.ns_flags.len()
    }
}

/// A plain integer: optional sign and ASCII digits only.
fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<i64>().ok()
}

/// A number with a decimal point or comma and optional thousands grouping: "3,5", "3.5",
/// "1.234.567,89", "1,234.5", "-12".
fn parse_number(s: &str) -> bool {
    let t = s.trim();
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return false;
    }
    let seps: Vec<(usize, u8)> = t
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'.' || *b == b',')
        .collect();
    let groups: Vec<&str> = t.split(['.', ',']).collect();
    if groups.iter().any(|g| g.is_empty()) {
        return false;
    }
    match seps.len() {
        0 | 1 => true,
        _ => {
            // Every separator but possibly the last is the same thousands mark between
            // three-digit groups; a different last one is the decimal mark.
            let thousands = seps[0].1;
            let last = seps[seps.len() - 1].1;
            let grouped = if last == thousands {
                groups.len()
            } else {
                groups.len() - 1
            };
            if seps[..seps.len() - 1].iter().any(|(_, b)| *b != thousands) {
                return false;
            }
            groups[0].len() <= 3 && groups[1..grouped].iter().all(|g| g.len() == 3)
        }
    }
}

fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.trim().split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.contains(' ')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// A date or timestamp: 2024-03-01, 2024/03/01, 01-03-2024, 01.03.2024, 1/14/2026 14:54:44,
/// 2022/03/26 11:00:19 PM AST, 2024-03-01T12:34:56Z.
fn looks_like_date(s: &str) -> bool {
    let t = s.trim();
    if t.len() < 8 || t.len() > 40 {
        return false;
    }
    let split = t.find([' ', 'T']).unwrap_or(t.len());
    let (date, time) = (&t[..split], &t[split..]);
    date_part(date) && (time.is_empty() || time_part(&time[1..]))
}

fn date_part(d: &str) -> bool {
    let Some(sep) = d.bytes().find(|b| matches!(b, b'-' | b'/' | b'.')) else {
        return false;
    };
    let fields: Vec<&str> = d.trim_end_matches('.').split(sep as char).collect();
    if fields.len() != 3
        || !fields
            .iter()
            .all(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let num = |f: &str| f.parse::<u32>().unwrap_or(0);
    let (a, b, c) = (fields[0], fields[1], fields[2]);
    if a.len() == 4 {
        return b.len() <= 2 && c.len() <= 2 && valid_ymd(num(a), num(b), num(c));
    }
    if a.len() > 2 || b.len() > 2 {
        return false;
    }
    let year = match c.len() {
        4 => num(c),
        // Two-digit years only in the strict DD.MM.YY shape.
        2 if a.len() == 2 && b.len() == 2 => 2000 + num(c),
        _ => return false,
    };
    valid_ymd(year, num(b), num(a)) || (sep == b'/' && valid_ymd(year, num(a), num(b)))
}

fn valid_ymd(year: u32, month: u32, day: u32) -> bool {
    if !(1900..=2100).contains(&year) {
        return false;
    }
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// "14:54:44", "11:00:19 PM AST", "12:34:56.789Z", "12:34+01:00".
fn time_part(t: &str) -> bool {
    let t = t.trim();
    let hours = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&hours) || t.as_bytes().get(hours) != Some(&b':') {
        return false;
    }
    let minutes = t[hours + 1..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    minutes == 2
        && t.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b':' | b'.' | b',' | b'+' | b'-' | b' ')
        })
}

// ---------------------------------------------------------------------------------------------
// What the header says.

/// Words of the header that confirm or rule out a numeric rating scale.
struct HeaderHints {
    /// The header names a rating ("tilfreds", "vurder", "skala", "1-5", …).
    rating: bool,
    /// The header names a count, an amount, an age or a grouping: never a rating scale.
    count_strong: bool,
    /// Weaker count words ("år", "gange", "nr", "hvilken") that a rating word outweighs.
    count_weak: bool,
    /// The header names a grouping variable (kommune, ydelse, køn, …); a rating word
    /// outweighs it ("Hvor tilfreds er du med hjælpen til uddannelse?").
    grouping: bool,
    /// An explicit range such as "1-5", "0–10" or "1 til 7".
    range: Option<(i64, i64)>,
    /// The header names an identifier.
    id: bool,
    /// The header asks for free text ("Kommentar", "Uddyb gerne", "Other - Text").
    free_text: bool,
}

/// Header words of open questions.
const FREE_TEXT_WORDS: &[&str] = &[
    "kommentar",
    "kommentarer",
    "bemærkning",
    "bemærkninger",
    "uddyb",
    "uddybe",
    "uddybning",
    "begrund",
    "begrundelse",
    "fritekst",
    "forslag",
    "comment",
    "comments",
    "specify",
    "elaborate",
    "text",
    "tekst",
];

const RATING_STEMS: &[&str] = &[
    "tilfreds",
    "utilfreds",
    "tilfredshed",
    "vurder",
    "skala",
    "enig",
    "uenig",
    "grad",
    "rating",
    "rate",
    "satisf",
    "dissatisf",
    "agree",
    "disagree",
    "score",
    "anbefal",
    "recommend",
    "likely",
    "sandsynlig",
    "karakter",
    "scale",
    "nps",
    "oplevelse",
    "experience",
];

const COUNT_STRONG: &[&str] = &[
    "antal",
    "alder",
    "age",
    "id",
    "postnummer",
    "postnr",
    "count",
    "beløb",
    "amount",
    "kr",
    "dkk",
    "timer",
    "hours",
    "minutter",
    "minutes",
    "dage",
    "days",
    "uger",
    "weeks",
    "måneder",
    "months",
    "duration",
    "varighed",
    "progress",
    "fødselsår",
    "årstal",
    "årgang",
    "løn",
    "indkomst",
    "income",
    "pris",
    "price",
    "procent",
    "percent",
];

const COUNT_WEAK: &[&str] = &[
    "nr", "nummer", "år", "year", "years", "gange", "times", "hvilken", "hvilke", "which",
];

const GROUPING: &[&str] = &[
    "kommune",
    "ydelse",
    "ydelsestype",
    "køn",
    "gender",
    "sex",
    "region",
    "jobcenter",
    "målgruppe",
    "aldersgruppe",
    "afdeling",
    "uddannelse",
    "department",
    "status",
    "finished",
    "kontaktform",
    "postnummer",
    "postnr",
];

impl HeaderHints {
    fn new(name: &str) -> HeaderHints {
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
            id: ID_HEADERS.contains(&compact.as_str()) || words.last() == Some(&"id"),
            free_text: words.iter().any(|w| FREE_TEXT_WORDS.contains(w))
                || has_pair("open", "ended"),
        }
    }

    fn blocks_scale(&self) -> bool {
        self.count_strong
            || ((self.grouping || self.count_weak) && !self.rating && self.range.is_none())
    }
}

/// Headers (lowercase, letters and digits only) that name a respondent or record identifier.
const ID_HEADERS: &[&str] = &[
    "id",
    "respondentid",
    "responseid",
    "responsid",
    "respondent",
    "respondentnummer",
    "respondentnr",
    "løbenummer",
    "løbenr",
    "lbnr",
    "collectorid",
    "svarid",
    "besvarelsesid",
    "respid",
    "recordid",
    "userid",
    "brugerid",
    "uuid",
    "idnr",
    "idnummer",
];

/// An explicit scale range in a header: "1-5", "0–10", "1 til 7", "(1 to 10)".
fn header_range(lower: &str) -> Option<(i64, i64)> {
    #[derive(PartialEq)]
    enum Tok {
        Num(i64),
        To,
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
    toks.windows(3).find_map(|w| match w {
        [Tok::Num(a), Tok::To, Tok::Num(b)] if (0..=1).contains(a) && (4..=10).contains(b) => {
            Some((*a, *b))
        }
        _ => None,
    })
}

/// Metadata headers of survey tools, lowercase with letters and digits only.
const METADATA_HEADERS: &[&str] = &[
    // Qualtrics
    "startdate",
    "enddate",
    "status",
    "responsetype",
    "ipaddress",
    "progress",
    "duration",
    "durationinseconds",
    "finished",
    "recordeddate",
    "responseid",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "externaldatareference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
    // SurveyMonkey
    "respondentid",
    "collectorid",
    "emailaddress",
    "firstname",
    "lastname",
    // Google Forms
    "tidsstempel",
    "timestamp",
    "emailadresse",
    // LimeSurvey
    "id",
    "submitdate",
    "datesubmitted",
    "lastpage",
    "startlanguage",
    "datestamp",
    "refurl",
    "ipaddr",
    "seed",
    // SurveyXact
    "statusvariabel",
];

/// True for survey-tool metadata columns (exact header match after normalisation).
fn is_metadata_header(name: &str) -> bool {
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
    // Qualtrics embedded metadata: Q_RecaptchaScore, Q_TotalDuration, Q_URL.
    lower
        .strip_prefix("q_")
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphabetic()))
}

/// True when the values show that a personal-data header is only a question about a channel
/// or a yes/no choice, e.g. "Telefon" holding "Valgt"/"Ikke valgt".
fn header_reason_contradicted(
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

/// Answers of yes/no and multiple-choice columns.
const CHOICE_MARKERS: &[&str] = &[
    "ja",
    "nej",
    "yes",
    "no",
    "valgt",
    "ikke valgt",
    "selected",
    "not selected",
    "0",
    "1",
    "x",
];

// ---------------------------------------------------------------------------------------------
// Kinds.

fn recognise(
    p: &ColumnProfile,
    f: &Facts,
    header: &HeaderHints,
) -> (Kind, Option<Scale>, Vec<ValueRole>) {
    let plain = |kind| (kind, None, Vec::new());
    if f.answered == 0 || (f.kept == 0 && !f.overflowed) {
        return plain(Kind::Empty);
    }
    if f.cpr_cells.saturating_mul(2) >= f.answered {
        return plain(Kind::Id);
    }
    if header.id {
        return plain(Kind::Id);
    }
    if f.kept > 0 && f.date.saturating_mul(10) >= f.kept.saturating_mul(9) {
        return plain(Kind::Date);
    }
    if !f.overflowed {
        if let Some((scale, roles)) = label_scale(p, f) {
            return (Kind::Likert, Some(scale), roles);
        }
        if let Some((scale, roles)) = numeric_scale(f, header) {
            return (Kind::Likert, Some(scale), roles);
        }
    }
    let substantive = f.substantive();
    if substantive > 0 && f.share(f.numeric, substantive) >= 0.95 {
        return plain(numeric_kind(f, header));
    }
    if f.email_cells > 0 && f.email_cells.saturating_mul(2) >= f.kept {
        return plain(Kind::Id);
    }
    plain(textual_kind(f, header))
}

/// Kind of a column of numbers: identifier, number or category.
fn numeric_kind(f: &Facts, header: &HeaderHints) -> Kind {
    let all_int = f.integer >= f.numeric;
    let ints = || {
        f.ints
            .iter()
            .zip(&f.ns_flags)
            .filter(|(_, ns)| !**ns)
            .filter_map(|(i, _)| *i)
    };
    let distinct = f.ns_flags.iter().filter(|ns| !**ns).count();
    if all_int && f.all_distinct && f.answered >= 10 && !header.count_strong {
        let (min, max) = ints().fold((i64::MAX, i64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let min_digits = ints()
            .map(|v| v.unsigned_abs().checked_ilog10().map_or(1, |l| l + 1))
            .min()
            .unwrap_or(0);
        let sequence = min >= 0
            && max.saturating_sub(min)
                < i64::try_from(f.answered.saturating_mul(2)).unwrap_or(i64::MAX);
        if min_digits >= 6 || sequence {
            return Kind::Id;
        }
    }
    if header.grouping && all_int && distinct <= 100 && !f.overflowed {
        return Kind::Category;
    }
    if f.overflowed || distinct >= 10 || !all_int || header.count_strong || header.count_weak {
        return Kind::Number;
    }
    Kind::Category
}

/// Kind of a column of words: category, identifier or free text.
fn textual_kind(f: &Facts, header: &HeaderHints) -> Kind {
    let d = f.distinct() as u64;
    let a = f.answered;
    let short = f.share(f.short, f.kept) >= 0.9;
    let spaced = f.share(f.spaced, f.kept);
    let digits = f.share(f.with_digit, f.kept);
    if f.overflowed {
        return if spaced < 0.1 && f.avg_len <= 40.0 {
            Kind::Id
        } else {
            Kind::Text
        };
    }
    let repeated = (d <= 60 && d * 2 <= a) || (d <= 100 && d * 4 <= a);
    if header.free_text && d * 4 > a {
        // An open question keeps its answers private even when they are short.
        return Kind::Text;
    }
    if short && repeated {
        return Kind::Category;
    }
    if f.all_distinct && a >= 5 && spaced < 0.1 && digits >= 0.9 && f.avg_len <= 40.0 {
        return Kind::Id;
    }
    let prose = spaced > 0.5 || f.avg_len > 20.0;
    if short && d <= 12 && a < 30 && f.avg_len <= 30.0 && !(f.all_distinct && prose) {
        return Kind::Category;
    }
    Kind::Text
}

// ---------------------------------------------------------------------------------------------
// Label scales.

/// One known wording of an answer scale: steps from most positive, each a list of accepted
/// `label_key` forms, the first being the canonical one.
struct Variant {
    family: ScaleFamily,
    steps: &'static [&'static [&'static str]],
}

#[rustfmt::skip]
const SAT_DA_MID: &[&str] = &[
    "hverken tilfreds eller utilfreds", "hverken/eller", "hverken eller", "neutral", "både og",
];

#[rustfmt::skip]
const AGREE_DA_MID: &[&str] = &[
    "hverken enig eller uenig", "hverken/eller", "hverken eller", "neutral",
    "verken enig eller uenig", "verken eller",
];

#[rustfmt::skip]
const AGREE_DA_POS: &[&str] = &[
    "enig", "overvejende enig", "delvist enig", "delvis enig", "noget enig", "nogenlunde enig",
];

#[rustfmt::skip]
const AGREE_DA_NEG: &[&str] = &[
    "uenig", "overvejende uenig", "delvist uenig", "delvis uenig", "noget uenig",
    "nogenlunde uenig",
];

#[rustfmt::skip]
const EXTENT_DA_LOW: &[&str] = &["i mindre grad", "i ringe grad", "i lav grad", "i lille grad"];

#[rustfmt::skip]
const EXTENT_DA_NONE: &[&str] = &[
    "slet ikke", "i meget lav grad", "i meget ringe grad", "i meget lille grad", "ikke",
];

#[rustfmt::skip]
const AGREE_EN_POS: &[&str] = &[
    "agree", "somewhat agree", "mostly agree", "tend to agree", "partly agree", "slightly agree",
];

#[rustfmt::skip]
const AGREE_EN_NEG: &[&str] = &[
    "disagree", "somewhat disagree", "mostly disagree", "tend to disagree", "partly disagree",
    "slightly disagree",
];

#[rustfmt::skip]
const AGREE_EN_MID: &[&str] = &[
    "neither agree nor disagree", "neither agree or disagree", "neutral", "neither",
];

#[rustfmt::skip]
const SAT_EN_MID: &[&str] = &[
    "neither satisfied nor dissatisfied", "neither satisfied or dissatisfied", "neutral", "neither",
];

/// Known scales. Order matters only for ties: the earlier variant wins.
#[rustfmt::skip]
const VARIANTS: &[Variant] = &[
    // Satisfaction
    Variant { family: ScaleFamily::Satisfaction, steps: &[
        &["meget tilfreds", "særdeles tilfreds", "yderst tilfreds"],
        &["tilfreds", "overvejende tilfreds", "delvist tilfreds", "delvis tilfreds"],
        SAT_DA_MID,
        &[
            "utilfreds", "overvejende utilfreds", "delvist utilfreds", "delvis utilfreds",
            "ikke tilfreds",
        ],
        &["meget utilfreds", "særdeles utilfreds", "yderst utilfreds"],
    ] },
    Variant { family: ScaleFamily::Satisfaction, steps: &[
        &["meget tilfreds", "særdeles tilfreds"],
        &["tilfreds", "overvejende tilfreds", "delvist tilfreds"],
        &["utilfreds", "overvejende utilfreds", "delvist utilfreds", "ikke tilfreds"],
        &["meget utilfreds", "særdeles utilfreds"],
    ] },
    Variant { family: ScaleFamily::Satisfaction, steps: &[
        &["very satisfied", "extremely satisfied", "completely satisfied"],
        &["satisfied", "somewhat satisfied", "fairly satisfied", "mostly satisfied"],
        SAT_EN_MID,
        &["dissatisfied", "somewhat dissatisfied", "fairly dissatisfied", "unsatisfied"],
        &[
            "very dissatisfied", "extremely dissatisfied", "completely dissatisfied",
            "very unsatisfied",
        ],
    ] },
    Variant { family: ScaleFamily::Satisfaction, steps: &[
        &["very satisfied", "extremely satisfied"],
        &["satisfied", "somewhat satisfied"],
        &["dissatisfied", "somewhat dissatisfied"],
        &["very dissatisfied", "extremely dissatisfied"],
    ] },
    // Agreement: the wordings differ only in which label is canonical.
    Variant { family: ScaleFamily::Agreement, steps: &[
        &["helt enig", "meget enig"],
        AGREE_DA_POS,
        AGREE_DA_MID,
        AGREE_DA_NEG,
        &["helt uenig", "meget uenig"],
    ] },
    Variant { family: ScaleFamily::Agreement, steps: &[
        &["helt enig", "meget enig"],
        &["delvist enig", "delvis enig", "overvejende enig", "enig"],
        AGREE_DA_MID,
        &["delvist uenig", "delvis uenig", "overvejende uenig", "uenig"],
        &["helt uenig", "meget uenig"],
    ] },
    Variant { family: ScaleFamily::Agreement, steps: &[
        &["meget enig", "helt enig"],
        &["delvis enig", "delvist enig", "overvejende enig", "enig"],
        AGREE_DA_MID,
        &["delvis uenig", "delvist uenig", "overvejende uenig", "uenig"],
        &["meget uenig", "helt uenig"],
    ] },
    Variant { family: ScaleFamily::Agreement, steps: &[
        &["helt enig", "meget enig"],
        &["overvejende enig", "delvist enig", "delvis enig", "enig"],
        AGREE_DA_MID,
        &["overvejende uenig", "delvist uenig", "delvis uenig", "uenig"],
        &["helt uenig", "meget uenig"],
    ] },
    Variant { family: ScaleFamily::Agreement, steps: &[
        &["helt enig", "meget enig"],
        AGREE_DA_POS,
        AGREE_DA_NEG,
        &["helt uenig", "meget uenig"],
    ] },
    Variant { family: ScaleFamily::Agreement, steps: &[
        &["strongly agree", "completely agree", "totally agree"],
        AGREE_EN_POS,
        AGREE_EN_MID,
        AGREE_EN_NEG,
        &["strongly disagree", "completely disagree", "totally disagree"],
    ] },
    Variant { family: ScaleFamily::Agreement, steps: &[
        &["strongly agree", "completely agree"],
        AGREE_EN_POS,
        AGREE_EN_NEG,
        &["strongly disagree", "completely disagree"],
    ] },
    // Extent
    Variant { family: ScaleFamily::Extent, steps: &[
        &["i meget høj grad", "i særdeles høj grad"],
        &["i høj grad"],
        &[
            "i nogen grad", "hverken eller", "hverken/eller", "hverken i høj eller lav grad",
            "i middel grad",
        ],
        EXTENT_DA_LOW,
        EXTENT_DA_NONE,
    ] },
    Variant { family: ScaleFamily::Extent, steps: &[
        &["i meget høj grad"],
        &["i høj grad"],
        &["hverken eller", "hverken/eller", "hverken i høj eller lav grad", "i nogen grad"],
        &["i lav grad", "i ringe grad", "i mindre grad"],
        &["i meget lav grad", "i meget ringe grad", "slet ikke"],
    ] },
    Variant { family: ScaleFamily::Extent, steps: &[
        &["i høj grad"],
        &["i nogen grad"],
        EXTENT_DA_LOW,
        EXTENT_DA_NONE,
    ] },
    Variant { family: ScaleFamily::Extent, steps: &[
        &[
            "to a very great extent", "to a very large extent", "to a very high degree",
            "to a very great degree",
        ],
        &["to a great extent", "to a large extent", "to a high degree", "to a great degree"],
        &[
            "to some extent", "to a moderate extent", "to some degree", "somewhat",
            "to a moderate degree",
        ],
        &[
            "to a small extent", "to a little extent", "to a limited extent", "to a small degree",
            "to a low degree", "very little",
        ],
        &["not at all", "to no extent", "to a very small extent"],
    ] },
    // Quality
    Variant { family: ScaleFamily::Quality, steps: &[
        &["meget god", "rigtig god", "særdeles god"],
        &["god"],
        &[
            "hverken god eller dårlig", "middel", "neutral", "hverken eller", "hverken/eller",
            "acceptabel", "nogenlunde",
        ],
        &["dårlig"],
        &["meget dårlig", "rigtig dårlig", "særdeles dårlig"],
    ] },
    Variant { family: ScaleFamily::Quality, steps: &[
        &["rigtig godt", "meget godt", "særdeles godt"],
        &["godt"],
        &[
            "hverken godt eller dårligt", "middel", "neutral", "hverken eller", "hverken/eller",
            "nogenlunde",
        ],
        &["dårligt"],
        &["rigtig dårligt", "meget dårligt", "særdeles dårligt"],
    ] },
    Variant { family: ScaleFamily::Quality, steps: &[
        &["meget godt", "rigtig godt", "særdeles godt"],
        &["godt"],
        &[
            "hverken godt eller dårligt", "middel", "neutral", "hverken eller", "hverken/eller",
            "nogenlunde",
        ],
        &["dårligt"],
        &["meget dårligt", "rigtig dårligt", "særdeles dårligt"],
    ] },
    Variant { family: ScaleFamily::Quality, steps: &[
        &["meget god", "rigtig god"],
        &["god"],
        &["dårlig"],
        &["meget dårlig", "rigtig dårlig"],
    ] },
    Variant { family: ScaleFamily::Quality, steps: &[
        &["very good"],
        &["good"],
        &[
            "neither good nor poor", "neither good nor bad", "fair", "average", "ok", "okay",
            "acceptable", "neutral",
        ],
        &["poor", "bad"],
        &["very poor", "very bad"],
    ] },
    Variant { family: ScaleFamily::Quality, steps: &[
        &["excellent"],
        &["very good"],
        &["good"],
        &["fair"],
        &["poor"],
    ] },
    // Attitude
    Variant { family: ScaleFamily::Attitude, steps: &[
        &["positiv", "meget positiv"],
        &["overvejende positiv", "delvist positiv", "delvis positiv"],
        &["hverken positiv eller negativ", "neutral", "hverken eller", "hverken/eller"],
        &["overvejende negativ", "delvist negativ", "delvis negativ"],
        &["negativ", "meget negativ"],
    ] },
    Variant { family: ScaleFamily::Attitude, steps: &[
        &["meget positiv"],
        &["positiv", "overvejende positiv"],
        &["hverken positiv eller negativ", "neutral", "hverken eller", "hverken/eller"],
        &["negativ", "overvejende negativ"],
        &["meget negativ"],
    ] },
    Variant { family: ScaleFamily::Attitude, steps: &[
        &["very positive"],
        &["positive", "somewhat positive"],
        &["neither positive nor negative", "neutral"],
        &["negative", "somewhat negative"],
        &["very negative"],
    ] },
    // Likelihood and frequency
    Variant { family: ScaleFamily::Other, steps: &[
        &["very likely", "extremely likely"],
        &["likely", "somewhat likely"],
        &["neither likely nor unlikely", "neutral"],
        &["unlikely", "somewhat unlikely"],
        &["very unlikely", "extremely unlikely"],
    ] },
    Variant { family: ScaleFamily::Other, steps: &[
        &["meget sandsynligt", "meget sandsynlig"],
        &["sandsynligt", "sandsynlig"],
        &["hverken sandsynligt eller usandsynligt", "hverken eller", "neutral"],
        &["usandsynligt", "usandsynlig", "lidt sandsynligt"],
        &["meget usandsynligt", "meget usandsynlig", "slet ikke sandsynligt"],
    ] },
    Variant { family: ScaleFamily::Other, steps: &[
        &["altid"],
        &["ofte", "for det meste", "tit"],
        &["nogle gange", "af og til", "somme tider"],
        &["sjældent"],
        &["aldrig"],
    ] },
    Variant { family: ScaleFamily::Other, steps: &[
        &["always"],
        &["often", "usually", "most of the time"],
        &["sometimes"],
        &["rarely", "seldom"],
        &["never"],
    ] },
];

/// How one variant fits a column.
struct Fit {
    variant: usize,
    /// Step of each kept value, if any.
    steps: Vec<Option<usize>>,
    covered: u64,
    used: usize,
    primary_hits: usize,
}

impl Fit {
    /// Even scales win only when the column uses every step (a true scale without a
    /// midpoint); a partly used even scale loses to the odd one covering the same labels.
    fn shape_rank(&self) -> u8 {
        let points = VARIANTS[self.variant].steps.len();
        if points % 2 == 1 {
            1
        } else if self.used == points {
            2
        } else {
            0
        }
    }
}

fn label_scale(p: &ColumnProfile, f: &Facts) -> Option<(Scale, Vec<ValueRole>)> {
    let substantive = f.substantive();
    if substantive == 0 {
        return None;
    }
    let keys: Vec<String> = p.values.iter().map(|(v, _)| label_key(v)).collect();
    let mut best: Option<Fit> = None;
    for (vi, variant) in VARIANTS.iter().enumerate() {
        let mut fit = Fit {
            variant: vi,
            steps: Vec::with_capacity(keys.len()),
            covered: 0,
            used: 0,
            primary_hits: 0,
        };
        let mut used = [false; 16];
        for (i, key) in keys.iter().enumerate() {
            let step = if f.ns_flags[i] {
                None
            } else {
                variant
                    .steps
                    .iter()
                    .position(|syn| syn.contains(&key.as_str()))
            };
            if let Some(s) = step {
                fit.covered = fit.covered.saturating_add(p.values[i].1);
                if s < used.len() {
                    used[s] = true;
                }
                if variant.steps[s].first() == Some(&key.as_str()) {
                    fit.primary_hits += 1;
                }
            }
            fit.steps.push(step);
        }
        fit.used = used.iter().filter(|u| **u).count();
        // A step label must cover at least 90 % of the substantive answers.
        if fit.used < 2 || fit.covered.saturating_mul(10) < substantive.saturating_mul(9) {
            continue;
        }
        let better = match &best {
            None => true,
            Some(b) => {
                (fit.covered, fit.shape_rank(), fit.primary_hits)
                    > (b.covered, b.shape_rank(), b.primary_hits)
            }
        };
        if better {
            best = Some(fit);
        }
    }
    let fit = best?;
    let variant = &VARIANTS[fit.variant];
    let labels = variant
        .steps
        .iter()
        .enumerate()
        .map(|(s, syn)| {
            // The file's own spelling; the most used one if it spells a step several ways.
            let own = fit
                .steps
                .iter()
                .zip(&p.values)
                .filter(|(step, _)| **step == Some(s))
                .max_by_key(|(_, (_, n))| *n)
                .map(|(_, (v, _))| v.trim().to_string());
            own.unwrap_or_else(|| capitalise(syn.first().copied().unwrap_or("")))
        })
        .collect();
    let roles = fit
        .steps
        .iter()
        .zip(&f.ns_flags)
        .map(|(step, ns)| match (step, ns) {
            (Some(s), _) => ValueRole::Step(*s),
            (None, true) => ValueRole::NonSubstantive,
            (None, false) => ValueRole::Other,
        })
        .collect();
    Some((
        Scale {
            family: variant.family,
            labels,
            first_code: 1,
        },
        roles,
    ))
}

/// A built-in scale wording with its first letter in upper case. Every built-in wording
/// begins with an ASCII letter (a test checks this), so ASCII upper-casing is exact; it keeps
/// Unicode's upper-case table out of the WebAssembly module.
fn capitalise(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Numeric scales.

fn numeric_scale(f: &Facts, header: &HeaderHints) -> Option<(Scale, Vec<ValueRole>)> {
    if header.blocks_scale() {
        return None;
    }
    let mut codes = [false; 11];
    let (mut min, mut max) = (i64::MAX, i64::MIN);
    let mut any = false;
    for (int, ns) in f.ints.iter().zip(&f.ns_flags) {
        if *ns {
            continue;
        }
        let v = (*int)?;
        if !(0..=10).contains(&v) {
            return None;
        }
        codes[v as usize] = true;
        min = min.min(v);
        max = max.max(v);
        any = true;
    }
    if !any {
        return None;
    }
    let distinct = codes.iter().filter(|c| **c).count();
    let hinted = header.rating || header.range.is_some();
    if distinct < 2 || (!hinted && distinct < 3) {
        return None;
    }
    let from_header = header.range.filter(|(lo, hi)| min >= *lo && max <= *hi);
    let (lo, hi) = match from_header {
        Some(range) => range,
        None if min >= 1 && max <= 5 => (1, 5),
        None if min >= 1 && max <= 7 => (1, 7),
        // Counts of 0–5 are far more common than 0–10 ratings that nobody scored above 5.
        None if max >= 6 || hinted => (0, 10),
        None => return None,
    };
    let labels = (lo..=hi).rev().map(|c| c.to_string()).collect();
    let roles = f
        .ints
        .iter()
        .zip(&f.ns_flags)
        .map(|(int, ns)| match int {
            _ if *ns => ValueRole::NonSubstantive,
            Some(v) if (lo..=hi).contains(v) => ValueRole::Step((hi - v) as usize),
            _ => ValueRole::Other,
        })
        .collect();
    let scale = Scale {
        family: ScaleFamily::Numeric,
        labels,
        first_code: lo as i32,
    };
    Some((scale, roles))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_wordings_capitalise_as_unicode_does() {
        for variant in VARIANTS {
            for syn in variant.steps {
                let first = syn.first().copied().unwrap_or("");
                let mut chars = first.chars();
                let unicode: String = match chars.next() {
                    Some(c) => c.to_uppercase().chain(chars).collect(),
                    None => String::new(),
                };
                assert!(first.chars().next().is_none_or(|c| c.is_ascii()), "{first}");
                assert_eq!(capitalise(first), unicode);
            }
        }
    }

    /// A profile as the reader would build it from these distinct values and counts.
    fn prof(name: &str, values: &[(&str, u64)]) -> ColumnProfile {
        prof_with_empty(name, values, 0)
    }

    fn prof_with_empty(name: &str, values: &[(&str, u64)], empty: u64) -> ColumnProfile {
        let mut p = ColumnProfile {
            name: name.to_string(),
            values: values
                .iter()
                .map(|(v, n)| (v.trim().to_string(), *n))
                .collect(),
            empty,
            ..ColumnProfile::default()
        };
        for (v, n) in &p.values {
            p.rows += n;
            if parse_int(v).is_some() || parse_number(v) {
                p.numeric_cells += n;
            }
            if pii::is_cpr_like(v.as_bytes()) {
                p.cpr_cells += n;
            }
            p.cpr_tokens += u64::from(pii::count_cpr_tokens(v.as_bytes())) * n;
            p.max_len = p.max_len.max(v.len());
            p.total_len += v.len() as u64 * n;
        }
        p.rows += empty;
        p
    }

    fn likert(name: &str, values: &[(&str, u64)]) -> (Scale, Vec<ValueRole>) {
        let inf = infer_column(&prof(name, values));
        assert_eq!(inf.kind, Kind::Likert, "{name}: {values:?} → {inf:?}");
        assert!(!inf.personal_data, "{name}");
        (inf.scale.expect("a Likert column has a scale"), inf.roles)
    }

    fn kind_of(name: &str, values: &[(&str, u64)]) -> Kind {
        infer_column(&prof(name, values)).kind
    }

    fn steps(roles: &[ValueRole]) -> Vec<Option<usize>> {
        roles
            .iter()
            .map(|r| match r {
                ValueRole::Step(s) => Some(*s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn normalising_labels() {
        assert_eq!(normalize_label("  Meget  Tilfreds "), "meget tilfreds");
        assert_eq!(normalize_label("Ved ikke."), "ved ikke");
        assert_eq!(normalize_label("I\u{a0}HØJ\tgrad"), "i høj grad");
        assert_eq!(normalize_label(""), "");
        assert_eq!(normalize_label("."), "");
        assert_eq!(
            normalize_label("ØNSKER IKKE AT SVARE"),
            "ønsker ikke at svare"
        );
    }

    #[test]
    fn non_substantive_answers() {
        for label in [
            "Ved ikke",
            "ved ikke ",
            "Ikke relevant",
            "Ønsker ikke at svare",
            "Vil ikke svare",
            "Ved ikke/ikke relevant",
            "Ved ikke / Ikke relevant",
            "Kan ikke svare",
            "Don't know",
            "Don’t know",
            "Do not know",
            "Not applicable",
            "Prefer not to say",
            "N/A",
            "NA",
            "n.a.",
            "-",
            "Vet ikke",
            "Keine Angabe",
            "(Ved ikke)",
        ] {
            assert!(is_non_substantive(label), "{label:?}");
        }
        for label in [
            "9",
            "99",
            "0",
            "Meget tilfreds",
            "Nej",
            "Ja",
            "Ikke tilfreds",
            "",
            "Andet",
        ] {
            assert!(!is_non_substantive(label), "{label:?}");
        }
    }

    #[test]
    fn danish_satisfaction_with_odd_spelling() {
        let (scale, roles) = likert(
            "Hvor tilfreds er du med din sagsbehandler?",
            &[
                ("Tilfreds", 40),
                ("meget TILFREDS ", 30),
                ("Hverken  tilfreds eller utilfreds", 10),
                ("Utilfreds.", 5),
                ("Meget utilfreds", 3),
                ("Ved ikke", 7),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Satisfaction);
        assert_eq!(
            scale.labels,
            [
                "meget TILFREDS",
                "Tilfreds",
                "Hverken  tilfreds eller utilfreds",
                "Utilfreds.",
                "Meget utilfreds"
            ]
        );
        assert_eq!(scale.first_code, 1);
        assert_eq!(
            roles,
            [
                ValueRole::Step(1),
                ValueRole::Step(0),
                ValueRole::Step(2),
                ValueRole::Step(3),
                ValueRole::Step(4),
                ValueRole::NonSubstantive
            ]
        );
    }

    #[test]
    fn partial_scale_is_the_full_scale() {
        let (scale, roles) = likert(
            "Q3",
            &[("Tilfreds", 12), ("Meget tilfreds", 20), ("Utilfreds", 2)],
        );
        assert_eq!(scale.family, ScaleFamily::Satisfaction);
        assert_eq!(
            scale.labels,
            [
                "Meget tilfreds",
                "Tilfreds",
                "Hverken tilfreds eller utilfreds",
                "Utilfreds",
                "Meget utilfreds"
            ]
        );
        assert_eq!(steps(&roles), [Some(1), Some(0), Some(3)]);
        assert!(scale.has_midpoint());
    }

    #[test]
    fn danish_agreement_variants() {
        let (scale, roles) = likert(
            "Jeg blev mødt med respekt",
            &[
                ("Helt enig", 10),
                ("Delvist enig", 8),
                ("Hverken enig eller uenig", 4),
                ("Delvist uenig", 2),
                ("Helt uenig", 1),
                ("Ikke relevant", 3),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Agreement);
        assert_eq!(scale.points(), 5);
        assert_eq!(
            steps(&roles),
            [Some(0), Some(1), Some(2), Some(3), Some(4), None]
        );

        let (scale, _) = likert(
            "Enighed",
            &[("Meget enig", 3), ("Delvis enig", 2), ("Meget uenig", 1)],
        );
        assert_eq!(
            scale.labels,
            [
                "Meget enig",
                "Delvis enig",
                "Hverken enig eller uenig",
                "Delvis uenig",
                "Meget uenig"
            ]
        );

        let (scale, roles) = likert(
            "Udsagn",
            &[
                ("Overvejende enig", 5),
                ("overvejende uenig", 2),
                ("HELT ENIG", 1),
                ("Enig", 1),
            ],
        );
        assert_eq!(scale.points(), 5);
        assert_eq!(scale.labels[3], "overvejende uenig");
        assert_eq!(scale.labels[4], "Helt uenig");
        assert_eq!(steps(&roles), [Some(1), Some(3), Some(0), Some(1)]);
    }

    #[test]
    fn four_point_scales_without_midpoint() {
        let (scale, roles) = likert(
            "Påstand",
            &[
                ("Helt enig", 5),
                ("Enig", 9),
                ("Uenig", 3),
                ("Helt uenig", 2),
                ("Vet ikke", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Agreement);
        assert_eq!(scale.labels, ["Helt enig", "Enig", "Uenig", "Helt uenig"]);
        assert!(!scale.has_midpoint());
        assert_eq!(
            roles,
            [
                ValueRole::Step(0),
                ValueRole::Step(1),
                ValueRole::Step(2),
                ValueRole::Step(3),
                ValueRole::NonSubstantive
            ]
        );

        // With only part of the labels, a midpoint cannot be ruled out: five points.
        let (scale, _) = likert("Påstand", &[("Helt enig", 5), ("Enig", 9), ("Uenig", 3)]);
        assert_eq!(scale.points(), 5);

        let (scale, _) = likert(
            "Har forløbet hjulpet dig?",
            &[
                ("I høj grad", 4),
                ("I nogen grad", 6),
                ("I mindre grad", 3),
                ("Slet ikke", 2),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Extent);
        assert_eq!(
            scale.labels,
            ["I høj grad", "I nogen grad", "I mindre grad", "Slet ikke"]
        );

        let (scale, _) = likert(
            "Satisfaction",
            &[
                ("Very satisfied", 1),
                ("Satisfied", 1),
                ("Dissatisfied", 1),
                ("Very dissatisfied", 1),
            ],
        );
        assert_eq!(scale.points(), 4);
    }

    #[test]
    fn danish_extent_variants() {
        let (scale, roles) = likert(
            "I hvilken grad",
            &[
                ("I meget høj grad", 5),
                ("I høj grad", 5),
                ("I nogen grad", 5),
                ("I mindre grad", 5),
                ("Slet ikke", 5),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Extent);
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(2), Some(3), Some(4)]);

        let (scale, roles) = likert(
            "Oplevelse",
            &[
                ("I meget lav grad ", 1),
                ("I lav grad ", 2),
                ("Hverken eller ", 3),
                ("I høj grad ", 4),
                ("I meget høj grad ", 5),
                ("Ved ikke ", 2),
            ],
        );
        assert_eq!(
            scale.labels,
            [
                "I meget høj grad",
                "I høj grad",
                "Hverken eller",
                "I lav grad",
                "I meget lav grad"
            ]
        );
        assert_eq!(
            steps(&roles),
            [Some(4), Some(3), Some(2), Some(1), Some(0), None]
        );

        let (scale, roles) = likert(
            "Hjælp",
            &[
                ("i meget høj grad", 2),
                ("i høj grad", 2),
                ("i nogen grad", 2),
                ("i ringe grad", 2),
                ("ikke relevant", 2),
            ],
        );
        assert_eq!(
            scale.labels,
            [
                "i meget høj grad",
                "i høj grad",
                "i nogen grad",
                "i ringe grad",
                "Slet ikke"
            ]
        );
        assert_eq!(roles[4], ValueRole::NonSubstantive);
    }

    #[test]
    fn quality_and_attitude() {
        let (scale, _) = likert(
            "Service",
            &[("Meget god", 3), ("God", 5), ("Middel", 2), ("Dårlig", 1)],
        );
        assert_eq!(scale.family, ScaleFamily::Quality);
        assert_eq!(
            scale.labels,
            ["Meget god", "God", "Middel", "Dårlig", "Meget dårlig"]
        );

        let (scale, _) = likert(
            "Forløbet",
            &[("Rigtig godt", 3), ("Godt", 5), ("Dårligt", 1)],
        );
        assert_eq!(
            scale.labels,
            [
                "Rigtig godt",
                "Godt",
                "Hverken godt eller dårligt",
                "Dårligt",
                "Rigtig dårligt"
            ]
        );
        let (scale, _) = likert(
            "Forløbet",
            &[("Meget godt", 3), ("Godt", 5), ("Dårligt", 1)],
        );
        assert_eq!(scale.labels[4], "Meget dårligt");

        let (scale, roles) = likert(
            "Holdning",
            &[
                ("Positiv", 4),
                ("Overvejende positiv", 3),
                ("Hverken positiv eller negativ", 2),
                ("Overvejende negativ", 1),
                ("Negativ", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Attitude);
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(2), Some(3), Some(4)]);

        let (scale, _) = likert("Quality", &[("Very good", 3), ("good", 4), ("POOR ", 1)]);
        assert_eq!(
            scale.labels,
            [
                "Very good",
                "good",
                "Neither good nor poor",
                "POOR",
                "Very poor"
            ]
        );
        let (scale, roles) = likert(
            "Quality",
            &[("Excellent", 1), ("Very good", 3), ("Good", 4), ("Fair", 2)],
        );
        assert_eq!(
            scale.labels,
            ["Excellent", "Very good", "Good", "Fair", "Poor"]
        );
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn english_scales() {
        let (scale, roles) = likert(
            "Overall satisfaction",
            &[
                ("Very Satisfied", 4),
                ("satisfied ", 6),
                ("Neither satisfied nor dissatisfied", 2),
                ("Dissatisfied", 1),
                ("Very dissatisfied", 1),
                ("Don't know", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Satisfaction);
        assert_eq!(
            steps(&roles),
            [Some(0), Some(1), Some(2), Some(3), Some(4), None]
        );

        let (scale, roles) = likert(
            "I was treated with respect",
            &[
                ("Strongly agree", 5),
                ("Somewhat agree", 3),
                ("Disagree", 1),
                ("N/A", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Agreement);
        assert_eq!(
            scale.labels,
            [
                "Strongly agree",
                "Somewhat agree",
                "Neither agree nor disagree",
                "Disagree",
                "Strongly disagree"
            ]
        );
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(3), None]);

        let (scale, _) = likert(
            "Helped",
            &[
                ("To a great extent", 2),
                ("To some extent", 2),
                ("Not at all", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Extent);
        assert_eq!(scale.labels[0], "To a very great extent");

        let (scale, _) = likert(
            "Recommend",
            &[("Very likely", 2), ("Unlikely", 2), ("Likely", 1)],
        );
        assert_eq!(scale.family, ScaleFamily::Other);
    }

    #[test]
    fn coded_labels_match() {
        let (scale, roles) = likert(
            "Q1",
            &[
                ("5 - Meget tilfreds", 3),
                ("4 - Tilfreds", 2),
                ("1 - Meget utilfreds", 1),
            ],
        );
        assert_eq!(scale.family, ScaleFamily::Satisfaction);
        assert_eq!(scale.labels[0], "5 - Meget tilfreds");
        assert_eq!(steps(&roles), [Some(0), Some(1), Some(4)]);
    }

    #[test]
    fn too_many_other_answers_is_not_likert() {
        let values = [
            ("Tilfreds", 5),
            ("Meget tilfreds", 5),
            ("Bil", 3),
            ("Cykel", 3),
        ];
        assert_eq!(kind_of("Q9", &values), Kind::Category);
        // One stray answer among many is tolerated and reported as Other.
        let (_, roles) = likert(
            "Q9",
            &[
                ("Tilfreds", 30),
                ("Meget tilfreds", 30),
                ("Ingen kommentar", 1),
            ],
        );
        assert_eq!(roles[2], ValueRole::Other);
        // A single step is not a scale.
        assert_ne!(
            kind_of("Q9", &[("Tilfreds", 30), ("Ved ikke", 3)]),
            Kind::Likert
        );
    }

    #[test]
    fn numeric_scales() {
        let (scale, roles) = likert(
            "Q2",
            &[("4", 10), ("5", 8), ("3", 4), ("2", 1), ("Ved ikke", 2)],
        );
        assert_eq!(scale.family, ScaleFamily::Numeric);
        assert_eq!(scale.labels, ["5", "4", "3", "2", "1"]);
        assert_eq!(scale.first_code, 1);
        assert_eq!(
            roles,
            [
                ValueRole::Step(1),
                ValueRole::Step(0),
                ValueRole::Step(2),
                ValueRole::Step(3),
                ValueRole::NonSubstantive
            ]
        );

        let (scale, roles) = likert(
            "Hvor sandsynligt er det, at du vil anbefale jobcentret? (0-10)",
            &[("10", 5), ("8", 4), ("9", 2), ("0", 1), ("5", 1)],
        );
        assert_eq!(scale.points(), 11);
        assert_eq!(scale.first_code, 0);
        assert_eq!(scale.labels[0], "10");
        assert_eq!(scale.labels[10], "0");
        assert_eq!(
            steps(&roles),
            [Some(0), Some(2), Some(1), Some(10), Some(5)]
        );

        // No header hint, but 0 and 9 used: 0–10.
        let (scale, _) = likert("Q4", &[("0", 1), ("9", 2), ("7", 3)]);
        assert_eq!((scale.points(), scale.first_code), (11, 0));

        // A rating header confirms two codes.
        let (scale, _) = likert("Hvor tilfreds er du samlet set?", &[("4", 3), ("5", 6)]);
        assert_eq!(scale.points(), 5);
        assert_eq!(kind_of("Q5", &[("4", 3), ("5", 6)]), Kind::Category);

        let (scale, _) = likert("Q6", &[("1", 3), ("6", 2), ("4", 2)]);
        assert_eq!(scale.points(), 7);

        let (scale, roles) = likert(
            "Vurder på en skala fra 1 til 10",
            &[("3", 2), ("9", 1), ("7", 1)],
        );
        assert_eq!((scale.points(), scale.first_code), (10, 1));
        assert_eq!(steps(&roles), [Some(7), Some(1), Some(3)]);

        let (scale, _) = likert(
            "Hvor tilfreds er du med hjælpen til uddannelse?",
            &[("1", 2), ("5", 1), ("4", 1)],
        );
        assert_eq!(scale.points(), 5);

        let (scale, _) = likert("Score 1-4", &[("1", 2), ("2", 1), ("4", 1)]);
        assert_eq!(scale.labels, ["4", "3", "2", "1"]);
    }

    #[test]
    fn counts_and_groupings_are_not_scales() {
        let children = [("0", 10), ("1", 8), ("2", 9), ("3", 3), ("4", 1)];
        let kind = kind_of("Antal børn", &children);
        assert!(matches!(kind, Kind::Number | Kind::Category), "{kind:?}");
        // Without the header, 0–4 still reads as a count, not a 0–10 rating.
        assert_ne!(kind_of("Q12", &children), Kind::Likert);
        assert_eq!(
            kind_of("Alder", &[("34", 2), ("51", 1), ("3", 1), ("5", 1)]),
            Kind::Number
        );
        assert_eq!(
            kind_of("Kommune", &[("1", 5), ("2", 5), ("3", 4)]),
            Kind::Category
        );
        assert_ne!(
            kind_of(
                "Hvor mange gange har du været til samtale?",
                &[("1", 5), ("2", 5), ("3", 4)]
            ),
            Kind::Likert
        );
    }

    #[test]
    fn categories() {
        let values = [
            ("Sygedagpenge", 120),
            ("Kontanthjælp", 80),
            ("A-dagpenge", 60),
            ("Ressourceforløb", 20),
            ("Jobafklaringsforløb", 15),
            ("Uddannelseshjælp", 25),
        ];
        let inf = infer_column(&prof("Ydelse", &values));
        assert_eq!(inf.kind, Kind::Category);
        assert!(!inf.personal_data && !inf.metadata && inf.scale.is_none() && inf.roles.is_empty());
        assert_eq!(
            kind_of("Køn", &[("Kvinde", 3), ("Mand", 2)]),
            Kind::Category
        );
        assert_eq!(
            kind_of(
                "Aldersgruppe",
                &[("18-29 år", 3), ("30-49 år", 4), ("50+ år", 2)]
            ),
            Kind::Category
        );
        assert_eq!(
            kind_of("Kommune", &[("Aarhus", 1), ("Odense", 1), ("Vejle", 1)]),
            Kind::Category
        );
        assert_eq!(
            kind_of("Var det nemt?", &[("Ja", 40), ("Nej", 12)]),
            Kind::Category
        );
    }

    #[test]
    fn free_text_is_personal() {
        let values = [
            ("Min sagsbehandler var rigtig sød og hjalp mig meget", 1),
            ("Det tog alt for lang tid at få svar", 1),
            ("Ingen kommentarer", 2),
            (
                "Jeg fik ikke den hjælp jeg havde brug for, og ingen ringede tilbage",
                1,
            ),
        ];
        let inf = infer_column(&prof("Har du andre kommentarer?", &values));
        assert_eq!(inf.kind, Kind::Text);
        assert!(inf.personal_data);
        assert_eq!(inf.personal_reason, Some(PersonalReason::FreeText));

        let short_answers = [("Nej", 1), ("Ingen", 1), ("Fint", 1)];
        assert_eq!(kind_of("Q4_3", &short_answers), Kind::Category);
        let inf = infer_column(&prof("Andet - uddyb gerne", &short_answers));
        assert_eq!(inf.kind, Kind::Text);
        assert_eq!(inf.personal_reason, Some(PersonalReason::FreeText));
        let inf = infer_column(&prof("Other - Text", &short_answers));
        assert_eq!(inf.kind, Kind::Text);

        let mut overflowed = prof("Kommentar", &values);
        overflowed.overflowed = true;
        overflowed.rows = 900;
        overflowed.total_len = 900 * 45;
        assert_eq!(infer_column(&overflowed).kind, Kind::Text);
    }

    #[test]
    fn identifiers() {
        let inf = infer_column(&prof(
            "ResponseId",
            &[("R_1abcDEF23", 1), ("R_2xyzQRS45", 1), ("R_3lmnOPQ67", 1)],
        ));
        assert_eq!(inf.kind, Kind::Id);
        assert!(inf.metadata);
        assert!(!inf.personal_data);

        let inf = infer_column(&prof("Collector ID", &[("412345678", 30)]));
        assert_eq!(inf.kind, Kind::Id);
        assert!(inf.metadata);
        assert_eq!(kind_of("Respondent ID", &[("11", 1), ("12", 1)]), Kind::Id);
        assert_eq!(kind_of("Løbenummer", &[("1", 1), ("2", 1)]), Kind::Id);

        let numbers: Vec<String> = (1001..1031).map(|n| n.to_string()).collect();
        let values: Vec<(&str, u64)> = numbers.iter().map(|s| (s.as_str(), 1)).collect();
        assert_eq!(kind_of("Q0", &values), Kind::Id);

        let codes: Vec<String> = (0..12).map(|n| format!("AB{n:04}X")).collect();
        let values: Vec<(&str, u64)> = codes.iter().map(|s| (s.as_str(), 1)).collect();
        assert_eq!(kind_of("Sagsnr", &values), Kind::Id);

        let mut overflowed = prof("Kode", &values);
        overflowed.overflowed = true;
        overflowed.rows = 5000;
        overflowed.total_len = 5000 * 7;
        assert_eq!(infer_column(&overflowed).kind, Kind::Id);
    }

    #[test]
    fn cpr_column_is_personal_id() {
        let values = [
            ("010170-1234", 1),
            ("150384-4321", 1),
            ("2802911122", 1),
            ("Ved ikke", 1),
        ];
        let inf = infer_column(&prof("Borger", &values));
        assert_eq!(inf.kind, Kind::Id);
        assert!(inf.personal_data);
        assert_eq!(inf.personal_reason, Some(PersonalReason::CprValues));

        let inf = infer_column(&prof("CPR-nr.", &[("010170-1234", 1)]));
        assert_eq!(inf.personal_reason, Some(PersonalReason::CprValues));
        let inf = infer_column(&prof("CPR-nr.", &[]));
        assert_eq!(inf.kind, Kind::Empty);
        assert_eq!(inf.personal_reason, Some(PersonalReason::CprHeader));

        // A CPR number typed into a short answer makes the column personal.
        let inf = infer_column(&prof(
            "Hvilken ydelse?",
            &[
                ("Sygedagpenge", 20),
                ("Kontanthjælp", 10),
                ("mit cpr 0101701234", 1),
            ],
        ));
        assert_eq!(inf.kind, Kind::Category);
        assert!(inf.personal_data);
    }

    #[test]
    fn dates() {
        for values in [
            &[("2024-03-01", 2), ("2024-03-02", 1)][..],
            &[("01-03-2024", 2), ("15-03-2024", 1)],
            &[("01.03.2024", 2), ("29.02.2024", 1)],
            &[("1/14/2026 14:54:44", 1), ("1/15/2026 9:02:11", 1)],
            &[
                ("2022/03/26 11:00:19 PM AST", 1),
                ("2022/03/27 9:00:19 AM AST", 1),
            ],
            &[("2024-03-01 12:34:56", 1), ("2024-03-01T12:35:00Z", 1)],
        ] {
            assert_eq!(kind_of("Dato", values), Kind::Date, "{values:?}");
        }
        assert_ne!(
            kind_of("Dato", &[("2023-02-30", 1), ("2023-13-01", 1)]),
            Kind::Date
        );
        let inf = infer_column(&prof("StartDate", &[("2024-03-01 12:34:56", 1)]));
        assert_eq!(inf.kind, Kind::Date);
        assert!(inf.metadata);
        assert_eq!(
            kind_of("Tidsstempel", &[("2024/03/01 10:11:12 AM CET", 1)]),
            Kind::Date
        );
    }

    #[test]
    fn numbers() {
        let values = [
            ("1.234,50", 1),
            ("99,95", 1),
            ("12", 2),
            ("7,5", 1),
            ("1.000", 1),
        ];
        assert_eq!(kind_of("Beløb", &values), Kind::Number);
        let values: Vec<String> = (0..40).map(|i| format!("{},{}", i * 3, i % 10)).collect();
        let values: Vec<(&str, u64)> = values.iter().map(|s| (s.as_str(), 2)).collect();
        assert_eq!(kind_of("Q7", &values), Kind::Number);
        let inf = infer_column(&prof(
            "Duration (in seconds)",
            &[("312", 1), ("45", 1), ("1200", 1)],
        ));
        assert_eq!(inf.kind, Kind::Number);
        assert!(inf.metadata);
        assert!(parse_number("1.234.567,89"));
        assert!(parse_number("1,234,567.89"));
        assert!(parse_number("-3,5"));
        assert!(!parse_number("1.2.3"));
        assert!(!parse_number("192.168.1.1"));
        assert!(!parse_number("1,,2"));
        assert!(!parse_number("abc"));
    }

    #[test]
    fn empty_column() {
        let inf = infer_column(&prof_with_empty("Q8", &[], 50));
        assert_eq!(inf.kind, Kind::Empty);
        assert!(!inf.personal_data && inf.scale.is_none());
        assert_eq!(infer_column(&ColumnProfile::default()).kind, Kind::Empty);
    }

    #[test]
    fn personal_headers_and_values() {
        let inf = infer_column(&prof("Navn", &[("Anna Hansen", 1), ("Bo Jensen", 1)]));
        assert_eq!(inf.personal_reason, Some(PersonalReason::Name));
        let inf = infer_column(&prof("Fornavn", &[("Anna", 3), ("Bo", 2)]));
        assert_eq!(inf.kind, Kind::Category);
        assert_eq!(inf.personal_reason, Some(PersonalReason::Name));

        let inf = infer_column(&prof("E-mail", &[("a@b.dk", 1), ("c@d.dk", 1)]));
        assert_eq!(inf.personal_reason, Some(PersonalReason::Email));
        let inf = infer_column(&prof(
            "Q20",
            &[("anna@example.dk", 1), ("bo@example.com", 1)],
        ));
        assert_eq!(inf.personal_reason, Some(PersonalReason::Email));
        assert_eq!(inf.kind, Kind::Id);

        let inf = infer_column(&prof("Telefon", &[("12345678", 1), ("+45 87654321", 1)]));
        assert_eq!(inf.personal_reason, Some(PersonalReason::Phone));
        // A multiple-choice column about the channel is not a phone number.
        let inf = infer_column(&prof("Telefon", &[("Valgt", 20), ("Ikke valgt", 30)]));
        assert!(!inf.personal_data);

        let inf = infer_column(&prof("IPAddress", &[("192.168.1.1", 1), ("10.0.0.7", 1)]));
        assert!(inf.personal_data && inf.metadata);
        assert_eq!(inf.personal_reason, Some(PersonalReason::IpOrLocation));
        let inf = infer_column(&prof("LocationLatitude", &[("55.6761", 1), ("56.1629", 1)]));
        assert!(inf.personal_data && inf.metadata);

        let inf = infer_column(&prof("RecipientFirstName", &[("Anna", 1)]));
        assert!(inf.personal_data && inf.metadata);
        assert_eq!(inf.personal_reason, Some(PersonalReason::Name));
    }

    #[test]
    fn metadata_headers() {
        for name in [
            "StartDate",
            "EndDate",
            "Status",
            "IPAddress",
            "Progress",
            "Duration (in seconds)",
            "Finished",
            "RecordedDate",
            "ResponseId",
            "RecipientLastName",
            "RecipientFirstName",
            "RecipientEmail",
            "ExternalReference",
            "ExternalDataReference",
            "LocationLatitude",
            "LocationLongitude",
            "DistributionChannel",
            "UserLanguage",
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "IP Address",
            "Email Address",
            "First Name",
            "Last Name",
            "Custom Data 1",
            "Tidsstempel",
            "Timestamp",
            "E-mailadresse",
            "statoverall_1",
            "stato_4",
            "Q_RecaptchaScore",
            " startdate ",
        ] {
            assert!(is_metadata_header(name), "{name}");
        }
        for name in [
            "Q1 – Hvor tilfreds er du?",
            "Status på din sag",
            "Q_1",
            "Kommune",
            "Start",
        ] {
            assert!(!is_metadata_header(name), "{name}");
        }
    }

    #[test]
    fn odd_profiles_never_panic() {
        let mut p = prof("x", &[("9999999999999999999999", 1), ("-", 0), ("", 3)]);
        p.empty = p.rows + 10;
        let _ = infer_column(&p);
        let p = ColumnProfile {
            name: "Q".into(),
            values: vec![
                ("1".into(), u64::MAX),
                ("2".into(), u64::MAX),
                ("3".into(), 1),
            ],
            rows: u64::MAX,
            total_len: u64::MAX,
            ..ColumnProfile::default()
        };
        let _ = infer_column(&p);
        for s in [
            "(", "()", "((5))", "5 -", "5 - ", "(5)", "é (5)", "1/1/1", "2024-", "T", "12:",
        ] {
            let _ = is_non_substantive(s);
            let _ = looks_like_date(s);
            let _ = label_key(s);
            let _ = infer_column(&prof(s, &[(s, 1)]));
        }
    }

    #[test]
    fn the_longest_non_substantive_answer_fits_the_bound() {
        let longest = NON_SUBSTANTIVE
            .iter()
            .map(|a| a.chars().filter(|c| !c.is_whitespace()).count())
            .max();
        assert!(longest.is_some_and(|n| n <= NON_SUBSTANTIVE_MAX_CHARS));
        // The longest answer with a code, and in brackets, is still recognised.
        assert!(is_non_substantive("12 - Ved ikke / ønsker ikke at svare"));
        assert!(is_non_substantive("[Ved ikke/ønsker ikke at svare (12)]"));
        assert!(!is_non_substantive(
            "Ved ikke, men jeg vil gerne sige at mødet var fint og at jeg fik hjælp"
        ));
    }

    proptest::proptest! {
        /// The shortcut for labels with a digit and no letter agrees with matching the key.
        #[test]
        fn digits_without_letters_are_never_non_substantive(label in "[0-9 .,/()\\[\\]:=–—?-]{1,12}") {
            let by_key = {
                let key = label_key(&label);
                if key.is_empty() {
                    label.trim().chars().all(|c| c == '.') && !label.trim().is_empty()
                } else {
                    NON_SUBSTANTIVE.contains(&key.as_str())
                }
            };
            proptest::prop_assert_eq!(is_non_substantive(&label), by_key, "{:?}", label);
        }
    }
}
