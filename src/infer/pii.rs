//! Personal data: Danish CPR numbers in values and free text, and headers that name personal data.
//!
//! CPR numbers are recognised by shape (DDMMYY-SSSS in every spelling people and spreadsheets
//! use) and a real calendar date whose century follows from the seventh digit. The modulus-11 check is not
//! required: numbers issued since 2007 need not pass it.

use super::lexicon::{FIRST_NAMES, NOT_A_NAME, SURNAMES};
use crate::model::kinds::PersonalReason;
use crate::util::text;

/// True when the whole trimmed value is a CPR-like number with a real calendar date, in any of
/// the shapes people and spreadsheets write: DDMMYYSSSS, DDMMYY-SSSS (or with a space, slash,
/// dot, en dash, spaced dash or no-break space), DD.MM.YY-SSSS, DD-MM-YY-SSSS, DD MM YY SSSS,
/// full-width digits, and the nine digits Excel leaves when it drops a leading zero.
///
/// The century comes from digit 7: 0–3 → 19xx; 4 and 9 → 20xx if YY ≤ 36, else 19xx;
/// 5–8 → 20xx if YY ≤ 57, else 18xx. Modulus 11 is not required.
pub fn is_cpr_like(value: &[u8]) -> bool {
    let v = value.trim_ascii();
    if v.is_empty() {
        return false;
    }
    let chain = Chain::read(v, 0);
    if chain.end != v.len() {
        return false;
    }
    if chain.groups == 1 && chain.digits == 9 && chain.lens[0] == 9 && chain.values[0] != 0 {
        // A number column that lost its leading zero: 101701234 was 0101701234.
        let mut ten = [0u8; 10];
        ten[1..].copy_from_slice(&chain.values[..9]);
        return valid_cpr_digits(&ten);
    }
    chain.cpr_at(0).is_some_and(|used| used == chain.groups)
}

/// Number of CPR-like tokens inside arbitrary bytes (free text), in the shapes
/// [`is_cpr_like`] accepts (the nine-digit form aside).
///
/// A token is not part of a longer number: no digit group joined to it by '-', '.', ',' or '/'
/// on either side, and for tokens written with spaces, no digit group joined by a space either.
/// Digits are ASCII or full-width, so UTF-8 and Windows-1252 text work alike. Does not allocate.
pub fn count_cpr_tokens(bytes: &[u8]) -> u32 {
    // Most cells are short answers: skip them without scanning for groups. Counting every
    // digit and full-width lead byte (no early exit) compiles to SIMD, which beats stopping
    // at ten.
    if bytes.len() < 10
        || bytes
            .iter()
            .map(|&b| u32::from(b.wrapping_sub(b'0') < 10 || b == 0xEF))
            .sum::<u32>()
            < 10
    {
        return 0;
    }
    let mut count = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        if digit_at(bytes, i).is_none() {
            i += 1;
            continue;
        }
        let chain = Chain::read(bytes, i);
        for g in 0..chain.groups {
            let Some(used) = chain.cpr_at(g) else {
                continue;
            };
            let spaced = (g..g + used - 1).any(|k| chain.seps[k] == Sep::Space);
            let joined = |sep: Sep| sep == Sep::Mark || (spaced && sep == Sep::Space);
            let before = if g > 0 {
                joined(chain.seps[g - 1])
            } else {
                joined_before(bytes, i, spaced)
            };
            let last = g + used == chain.groups;
            let after = if last {
                chain.joined_on
            } else {
                joined(chain.seps[g + used - 1])
            };
            if !before && !after {
                count = count.saturating_add(1);
            }
        }
        i = chain.end.max(i + 1);
    }
    count
}

/// Most digit groups a chain keeps; longer chains are never one CPR number.
const MAX_GROUPS: usize = 16;

/// Most digits a chain keeps the values of; a CPR number starting later is not looked for.
const MAX_DIGITS: usize = 64;

/// How two digit groups are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// Spaces only (ASCII or no-break).
    Space,
    /// A dash, dot or slash, with or without spaces around it.
    Mark,
}

/// Digit groups joined by separators, as read from one starting digit: "01.01.70-1234" is four
/// groups of 2, 2, 2 and 4 digits.
struct Chain {
    /// Digit groups read (at most [`MAX_GROUPS`]).
    groups: usize,
    /// Digits in each group.
    lens: [usize; MAX_GROUPS],
    /// The separator after each group.
    seps: [Sep; MAX_GROUPS],
    /// The digits' values, as far as [`MAX_DIGITS`].
    values: [u8; MAX_DIGITS],
    /// Digits read in all.
    digits: usize,
    /// Byte offset just after the last digit.
    end: usize,
    /// True when the chain goes on into a decimal comma or more groups than kept.
    joined_on: bool,
}

impl Chain {
    fn read(bytes: &[u8], start: usize) -> Chain {
        let mut c = Chain {
            groups: 0,
            lens: [0; MAX_GROUPS],
            seps: [Sep::Space; MAX_GROUPS],
            values: [0; MAX_DIGITS],
            digits: 0,
            end: start,
            joined_on: false,
        };
        let mut i = start;
        loop {
            let mut len = 0;
            while let Some((d, width)) = digit_at(bytes, i) {
                if c.digits < MAX_DIGITS {
                    c.values[c.digits] = d;
                }
                c.digits += 1;
                len += 1;
                i += width;
            }
            c.lens[c.groups] = len;
            c.groups += 1;
            c.end = i;
            match separator_at(bytes, i) {
                Some((sep, width)) if digit_at(bytes, i + width).is_some() => {
                    if c.groups == MAX_GROUPS {
                        c.joined_on = true;
                        return c;
                    }
                    c.seps[c.groups - 1] = sep;
                    i += width;
                }
                _ => {
                    // "0101701234,5": a decimal comma joins the number on.
                    c.joined_on |= bytes.get(i) == Some(&b',') && digit_at(bytes, i + 1).is_some();
                    return c;
                }
            }
        }
    }

    /// Groups used when a CPR number starts at group `g`: 10 digits, 6 + 4, or 2 + 2 + 2 + 4,
    /// with a real date. `None` when none starts there.
    fn cpr_at(&self, g: usize) -> Option<usize> {
        let first: usize = self.lens[..g].iter().sum();
        let lens = &self.lens[g..self.groups];
        let used = [&[10][..], &[6, 4], &[2, 2, 2, 4]]
            .into_iter()
            .find(|shape| lens.starts_with(shape))?
            .len();
        let digits = self.values.get(first..first + 10)?;
        valid_cpr_digits(digits.try_into().ok()?).then_some(used)
    }
}

/// True when a number ends just before `start`, joined to it by ',' (or, for a token written
/// with spaces, by a space): a chain read from `start` cannot see it.
fn joined_before(bytes: &[u8], start: usize, spaced: bool) -> bool {
    start >= 2
        && bytes[start - 2].is_ascii_digit()
        && (bytes[start - 1] == b',' || (spaced && bytes[start - 1] == b' '))
}

/// The digit at byte `i` and its width in bytes: ASCII, or full-width (U+FF10–U+FF19) in UTF-8.
fn digit_at(bytes: &[u8], i: usize) -> Option<(u8, usize)> {
    match *bytes.get(i)? {
        d @ b'0'..=b'9' => Some((d - b'0', 1)),
        0xEF if bytes.get(i + 1) == Some(&0xBC) => match bytes.get(i + 2) {
            Some(&d @ 0x90..=0x99) => Some((d - 0x90, 3)),
            _ => None,
        },
        _ => None,
    }
}

/// The separator between two digit groups at byte `i`, and its width: spaces (ASCII or
/// no-break, in UTF-8 or Windows-1252), or one dash, dot or slash with optional spaces around
/// it. Hyphen, en dash, em dash and minus sign all count as a dash.
fn separator_at(bytes: &[u8], i: usize) -> Option<(Sep, usize)> {
    let space = |j: usize| match bytes.get(j) {
        Some(b' ') | Some(0xA0) => 1,
        Some(0xC2) if bytes.get(j + 1) == Some(&0xA0) => 2,
        _ => 0,
    };
    let mark = |j: usize| match bytes.get(j) {
        Some(b'-' | b'.' | b'/') | Some(0x96 | 0x97) => 1,
        Some(0xE2) => match (bytes.get(j + 1), bytes.get(j + 2)) {
            (Some(0x80), Some(0x93 | 0x94)) | (Some(0x88), Some(0x92)) => 3,
            _ => 0,
        },
        _ => 0,
    };
    let mut j = i;
    while space(j) > 0 {
        j += space(j);
    }
    let spaces = j > i;
    let m = mark(j);
    if m == 0 {
        return spaces.then_some((Sep::Space, j - i));
    }
    j += m;
    while space(j) > 0 {
        j += space(j);
    }
    Some((Sep::Mark, j - i))
}

/// Checks ten digit values (DDMMYYSSSS) against the calendar, with the century from the first
/// serial digit.
fn valid_cpr_digits(d: &[u8; 10]) -> bool {
    let mut ascii = [0u8; 6];
    for (a, &v) in ascii.iter_mut().zip(d) {
        *a = b'0' + v;
    }
    valid_date(Some(&ascii), b'0' + d[6])
}

/// The kind of personal data found inside a header or an answer label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A CPR number, in any spelling [`count_cpr_tokens`] or [`is_cpr_like`] accepts.
    Cpr,
    /// An e-mail address.
    Email,
    /// A Danish telephone number.
    Phone,
}

/// The personal data inside a label or header, if any: a CPR number, an e-mail address or a
/// Danish telephone number (see [`phone_spans`]).
///
/// `bare_numbers` says whether eight digits alone ("41223344") count as a telephone number.
/// In an answer label they do; in a column of numbers, identifiers or dates, eight digits are
/// the data itself (an amount, a case number, 20240301), so only a number written like a
/// telephone number (with +45 or in groups) counts there.
pub fn personal_in_text(text: &str, bare_numbers: bool) -> Option<Found> {
    let bytes = text.as_bytes();
    // Labels without a digit or an '@' hold none of the three: most labels stop here.
    let digits = bytes
        .iter()
        .filter(|b| b.is_ascii_digit() || **b == 0xEF)
        .count();
    if digits < 8 && !bytes.contains(&b'@') {
        return None;
    }
    if digits >= 9 && (is_cpr_like(bytes) || count_cpr_tokens(bytes) > 0) {
        return Some(Found::Cpr);
    }
    if !email_spans(bytes).is_empty() {
        return Some(Found::Email);
    }
    if !phone_spans(bytes, bare_numbers).is_empty() {
        return Some(Found::Phone);
    }
    None
}

/// `text` with every CPR number, e-mail address and telephone number in it masked, or `None`
/// when it holds none. Digits become "•", so "Ring til 41 22 33 44" reads "Ring til •• •• •• ••"
/// and the header still says what it asks; an e-mail address becomes "•••@•••".
pub fn mask_personal(text: &str) -> Option<String> {
    personal_in_text(text, true)?;
    let bytes = text.as_bytes();
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    spans.extend(cpr_chains(bytes).into_iter().map(|(a, b)| (a, b, false)));
    spans.extend(
        phone_spans(bytes, true)
            .into_iter()
            .map(|(a, b)| (a, b, false)),
    );
    spans.extend(email_spans(bytes).into_iter().map(|(a, b)| (a, b, true)));
    if spans.is_empty() {
        // Found by a whole-value rule (nine digits): mask every digit.
        spans.push((0, bytes.len(), false));
    }
    crate::util::sort::sort_by(&mut spans, |a, b| a.cmp(b));
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    for (a, b, email) in spans {
        let a = a.max(at);
        if a >= b {
            continue;
        }
        out.push_str(&text[at..a]);
        if email {
            out.push_str("•••@•••");
        } else {
            for c in text[a..b].chars() {
                let digit = c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c);
                out.push(if digit { '•' } else { c });
            }
        }
        at = b;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// Byte ranges of the digit chains that hold a CPR number (looser than [`count_cpr_tokens`]:
/// a number joined on is masked too, which only hides more).
fn cpr_chains(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if digit_at(bytes, i).is_none() {
            i += 1;
            continue;
        }
        let chain = Chain::read(bytes, i);
        if (0..chain.groups).any(|g| chain.cpr_at(g).is_some()) {
            out.push((i, chain.end));
        }
        i = chain.end.max(i + 1);
    }
    out
}

/// Byte ranges of e-mail addresses: a local part, '@', and a domain with a dot and a top-level
/// domain of two letters or more. Letters outside ASCII count ("søren@kommune.dk").
pub fn email_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let local = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80 || b"._%+-'".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80 || b == b'-' || b == b'.';
    let mut out = Vec::new();
    for at in memchr::memchr_iter(b'@', bytes) {
        let mut a = at;
        while a > 0 && local(bytes[a - 1]) {
            a -= 1;
        }
        let mut b = at + 1;
        while b < bytes.len() && domain(bytes[b]) {
            b += 1;
        }
        // A sentence may end right after the address.
        while b > at + 1 && matches!(bytes[b - 1], b'.' | b'-') {
            b -= 1;
        }
        let host = &bytes[at + 1..b];
        let tld = host.rsplit(|&c| c == b'.').next().unwrap_or_default();
        let dotted = host.contains(&b'.') && host.first() != Some(&b'.');
        if a < at && dotted && tld.len() >= 2 && tld.iter().all(|c| c.is_ascii_alphabetic()) {
            out.push((a, b));
        }
    }
    out
}

/// Byte ranges of Danish telephone numbers: eight digits, the first 2–9, written whole
/// ("41223344"), in pairs ("41 22 33 44", "41-22-33-44", "41.22.33.44") or in fours
/// ("4122 3344"), optionally after +45 or 0045 ("+45 41 22 33 44", "0045 41223344",
/// "(+45) 41223344", "+4541223344"). A chain of more digit groups is some other number.
///
/// With `bare_numbers` false, eight digits alone count only after +45 or 0045.
pub fn phone_spans(bytes: &[u8], bare_numbers: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        // Groups of digits: (start, length, separator before the next group).
        let mut groups: Vec<(usize, usize, u8)> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            groups.push((start, j - start, 0));
            let (sep, width) = match bytes.get(j) {
                Some(&c @ (b' ' | b'-' | b'.')) => (c, 1),
                Some(0xC2) if bytes.get(j + 1) == Some(&0xA0) => (b' ', 2),
                _ => (0, 0),
            };
            if width == 0
                || !bytes.get(j + width).is_some_and(u8::is_ascii_digit)
                || groups.len() > 6
            {
                break;
            }
            if let Some(last) = groups.last_mut() {
                last.2 = sep;
            }
            j += width;
        }
        let end = j;
        let plus = i > 0 && bytes[i - 1] == b'+';
        let mut rest: &[(usize, usize, u8)] = &groups;
        let mut first_digit = bytes[i];
        let mut prefixed = false;
        let digits_of = |g: &(usize, usize, u8)| &bytes[g.0..g.0 + g.1];
        if let Some(g0) = groups.first() {
            let d = digits_of(g0);
            let (code, len) = if plus && d.starts_with(b"45") {
                (true, 2)
            } else if d.starts_with(b"0045") {
                (true, 4)
            } else {
                (false, 0)
            };
            if code && g0.1 == len && groups.len() > 1 {
                rest = &groups[1..];
                first_digit = bytes[groups[1].0];
                prefixed = true;
            } else if code && g0.1 == len + 8 && groups.len() == 1 {
                first_digit = d[len];
                prefixed = true;
                rest = &[];
            }
        }
        let lens: Vec<usize> = rest.iter().map(|g| g.1).collect();
        let spaced = |k: usize| rest.get(k).is_some_and(|g| g.2 == b' ');
        let shape = match lens.as_slice() {
            [] => prefixed,
            [8] => prefixed || bare_numbers || prefixed_before(bytes, i),
            [4, 4] => spaced(0),
            [2, 2, 2, 2] => rest[..3].iter().all(|g| g.2 == rest[0].2),
            _ => false,
        };
        if shape && (b'2'..=b'9').contains(&first_digit) {
            out.push((if plus { i - 1 } else { i }, end));
        }
        i = end.max(i + 1);
    }
    out
}

/// True when "+45" or "0045" stands just before `start`, across spaces and brackets
/// ("(+45) 41223344").
fn prefixed_before(bytes: &[u8], start: usize) -> bool {
    let mut k = start;
    while k > 0 && matches!(bytes[k - 1], b' ' | b')' | b'(' | b'-') {
        k -= 1;
    }
    let head = &bytes[..k];
    head.ends_with(b"+45") || head.ends_with(b"0045")
}

/// True when a column's distinct values look like people's names, whatever its header says
/// ("Sagsbehandler", "Kontaktperson", "Felt 7"). `non_substantive[i]` marks "Ved ikke" and the
/// like among `values`, which are left out of the shares.
///
/// Names are told from ordinary categories by three tests together, to keep false alarms low:
/// - at least [`MIN_NAMES`] distinct values are name-shaped ([`name_shaped`]: two to four
///   capitalised words of letters, no digits, no word such as "Kommune" or "Jobcenter");
/// - at least four in five of the substantive distinct values are;
/// - at least half of those start with a common first name or end with a common surname (or
///   "-sen"), which capitalised categories such as "Full Time" or "Home Visit" do not.
///
/// How often each name recurs is not asked: a caseworker's name is repeated for every citizen
/// she handled, and that is the column the check exists for.
pub fn names_column(values: &[(String, u64)], non_substantive: &[bool]) -> bool {
    let mut substantive = 0usize;
    let mut shaped = 0usize;
    let mut known = 0usize;
    for (i, (value, _)) in values.iter().enumerate() {
        if non_substantive.get(i).copied().unwrap_or(false) {
            continue;
        }
        substantive += 1;
        if let Some(words) = name_shaped(value) {
            shaped += 1;
            let first = text::lower(words[0]);
            let last = text::lower(words[words.len() - 1]);
            let surname = SURNAMES.contains(&last.as_str())
                || (last.ends_with("sen") && last.chars().count() >= 5);
            if FIRST_NAMES.contains(&first.as_str()) || surname {
                known += 1;
            }
        }
    }
    shaped >= MIN_NAMES && shaped * 5 >= substantive * 4 && known * 2 >= shaped
}

/// Distinct name-shaped values a column needs before [`names_column`] calls it names.
pub const MIN_NAMES: usize = 5;

/// The words of `value` when it is shaped like a person's name: two to four words, each a
/// capital letter followed by small letters (hyphens and apostrophes inside: "Hans-Henrik",
/// "O'Brien"), small particles allowed between them ("Ida van Dijk"), no digits, and no word
/// that names a place or an office ([`NOT_A_NAME`]).
pub fn name_shaped(value: &str) -> Option<Vec<&str>> {
    let words: Vec<&str> = value.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return None;
    }
    let last = words.len() - 1;
    for (i, word) in words.iter().enumerate() {
        if NOT_A_NAME.contains(&text::lower(word).as_str()) {
            return None;
        }
        let particle = matches!(
            *word,
            "von" | "van" | "de" | "la" | "le" | "du" | "da" | "af"
        );
        if particle && i > 0 && i < last {
            continue;
        }
        let mut chars = word.chars();
        let first = chars.next()?;
        if !first.is_uppercase() || !text::is_letter(first) {
            return None;
        }
        let mut lower = 0;
        let mut prev = first;
        for c in chars {
            let joiner = matches!(c, '-' | '\'' | '’');
            if joiner {
                if !text::is_letter(prev) {
                    return None;
                }
            } else if !text::is_letter(c) || (c.is_uppercase() && text::is_letter(prev)) {
                return None;
            } else {
                lower += 1;
            }
            prev = c;
        }
        if lower == 0 || !text::is_letter(prev) {
            return None;
        }
    }
    Some(words)
}

/// Personal-data meaning of a header, if any.
///
/// CPR/personnummer/fødselsdato → `CprHeader`; navn/name/fornavn/efternavn → `Name`;
/// e-mail/mail → `Email`; telefon/tlf/mobil/phone → `Phone`; adresse/address → `Address`;
/// IP address and location → `IpOrLocation`. Matching ignores case and punctuation and works
/// on whole words, so "Kontaktform" or "Navnlig" do not match while "Borgerens navn" does.
/// Words that also occur in ordinary questions (navn, mail, telefon, adresse, …) count only in
/// short headers or right after a possessive ("dit navn", "your e-mail").
pub fn personal_header(name: &str) -> Option<PersonalReason> {
    let lower = text::lower(name);
    let compact = text::letters_and_digits(&lower);
    match compact.as_str() {
        "" => return None,
        "ipaddress" | "ipadresse" | "ip" | "ipaddr" | "locationlatitude" | "locationlongitude"
        | "location" | "lokation" | "geolocation" => return Some(PersonalReason::IpOrLocation),
        "recipientfirstname" | "recipientlastname" | "recipientname" => {
            return Some(PersonalReason::Name)
        }
        "recipientemail" | "emailaddress" => return Some(PersonalReason::Email),
        _ => {}
    }

    let words = header_words(&lower);
    let short = words.len() <= 5;
    let mut found: [bool; 6] = [false; 6];
    for (i, w) in words.iter().enumerate() {
        let prev = if i > 0 { words[i - 1].as_str() } else { "" };
        let next = words.get(i + 1).map(String::as_str).unwrap_or("");
        let possessive = matches!(
            prev,
            "dit" | "din" | "dine" | "jeres" | "your" | "borgerens"
        );
        if let Some((reason, strong)) = keyword(prev, w, next) {
            if strong || short || possessive {
                found[rank(reason)] = true;
            }
        }
    }
    if found[rank(PersonalReason::Name)] && words.iter().any(|w| NOT_A_PERSON.contains(&w.as_str()))
    {
        found[rank(PersonalReason::Name)] = false;
    }
    ORDER.iter().copied().find(|r| found[rank(*r)])
}

/// Reasons in order of precedence when a header names several ("Email Address" is an e-mail).
const ORDER: [PersonalReason; 6] = [
    PersonalReason::IpOrLocation,
    PersonalReason::CprHeader,
    PersonalReason::Email,
    PersonalReason::Phone,
    PersonalReason::Name,
    PersonalReason::Address,
];

fn rank(reason: PersonalReason) -> usize {
    ORDER.iter().position(|r| *r == reason).unwrap_or(0)
}

/// Words that make "navn"/"name" the name of a thing rather than of a person.
const NOT_A_PERSON: &[&str] = &[
    "kommune",
    "kommunens",
    "jobcenter",
    "jobcentret",
    "jobcentrets",
    "afdeling",
    "afdelingens",
    "virksomhed",
    "virksomhedens",
    "firma",
    "firmaets",
    "arbejdsplads",
    "arbejdspladsens",
    "skole",
    "uddannelse",
    "kursus",
    "forløb",
    "projekt",
    "produkt",
    "fil",
    "company",
    "organisation",
    "organization",
    "department",
    "school",
    "course",
    "project",
    "product",
    "file",
    "municipality",
];

/// The lowercase words of a header; hyphens inside words are dropped so that "e-mail",
/// "cpr-nr" and "ip-adresse" become single words.
fn header_words(lower: &str) -> Vec<String> {
    let chars: Vec<char> = lower.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if text::is_letter_or_digit(c) {
            current.push(c);
        } else if c == '-'
            && !current.is_empty()
            && chars
                .get(i + 1)
                .is_some_and(|&n| text::is_letter_or_digit(n))
        {
            // Joined word: keep going.
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// The reason a word names, and whether it is unambiguous even inside a long question.
fn keyword(prev: &str, word: &str, next: &str) -> Option<(PersonalReason, bool)> {
    use PersonalReason::*;
    let hit = match word {
        "cpr" | "cprnr" | "cprnummer" | "cprno" | "personnummer" | "personnr" | "fødselsdato"
        | "birthdate" | "dob" | "personnumre" | "cprnumre" => (CprHeader, true),
        "birth" if next == "date" || prev == "of" => (CprHeader, true),
        "fornavn" | "efternavn" | "mellemnavn" | "firstname" | "lastname" | "fullname"
        | "surname" | "fuldenavn" => (Name, true),
        "first" | "last" | "full" | "given" | "family" | "middle" if next == "name" => (Name, true),
        "navn" | "name" | "navne" => (Name, false),
        "emailadresse" | "mailadresse" | "emailaddress" | "epostadresse" => (Email, true),
        "email" | "mail" | "epost" | "emails" if matches!(next, "address" | "adresse") => {
            (Email, true)
        }
        "email" | "mail" | "epost" | "emails" => (Email, false),
        "telefonnummer" | "telefonnr" | "tlf" | "tlfnr" | "mobilnummer" | "mobilnr"
        | "phonenumber" | "telefonnumre" | "mobiltelefonnummer" => (Phone, true),
        "phone" | "telephone" | "mobile" | "cell" if next == "number" => (Phone, true),
        "telefon" | "mobil" | "mobiltelefon" | "phone" | "telephone" | "mobile" | "cellphone" => {
            (Phone, false)
        }
        "bopælsadresse" | "hjemmeadresse" | "postadresse" | "vejnavn" | "gadenavn"
        | "homeaddress" | "streetaddress" => (Address, true),
        "adresse" | "address" | "adresser" | "street" => (Address, false),
        "ipaddress" | "ipadresse" | "latitude" | "longitude" | "locationlatitude"
        | "locationlongitude" | "geolocation" | "breddegrad" | "længdegrad" | "gps" => {
            (IpOrLocation, true)
        }
        "ip" if matches!(next, "address" | "adresse" | "addr") => (IpOrLocation, true),
        _ => return None,
    };
    Some(hit)
}

/// Checks DDMMYY against the calendar, with the century given by the first serial digit.
fn valid_date(ddmmyy: Option<&[u8; 6]>, serial_first: u8) -> bool {
    let Some(d) = ddmmyy else {
        return false;
    };
    if !d.iter().all(u8::is_ascii_digit) || !serial_first.is_ascii_digit() {
        return false;
    }
    let two = |i: usize| u32::from(d[i] - b'0') * 10 + u32::from(d[i + 1] - b'0');
    let (day, month, yy) = (two(0), two(2), two(4));
    let century = match serial_first - b'0' {
        0..=3 => 1900,
        4 | 9 => {
            if yy <= 36 {
                2000
            } else {
                1900
            }
        }
        _ => {
            if yy <= 57 {
                2000
            } else {
                1800
            }
        }
    };
    crate::infer::values::is_calendar_day(century + yy, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pre-2007 modulus-11 check, used only to pick test numbers that fail it.
    fn passes_mod11(cpr: &str) -> bool {
        let digits: Vec<u32> = cpr
            .bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| (b - b'0') as u32)
            .collect();
        let weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
        digits.len() == 10 && digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11 == 0
    }

    #[test]
    fn whole_value_forms() {
        assert!(is_cpr_like(b"010170-1234"));
        assert!(is_cpr_like(b"0101701234"));
        assert!(is_cpr_like(b"010170 1234"));
        assert!(is_cpr_like(b"  311299-3999 "));
        assert!(!is_cpr_like(b"010170--1234"));
        assert!(!is_cpr_like(b"010170_1234"));
        assert!(!is_cpr_like(b"01017012345"));
        assert!(!is_cpr_like(b"010170123"));
        assert!(!is_cpr_like(b"0101701234x"));
        assert!(!is_cpr_like(b""));
        assert!(!is_cpr_like("010170-12³4".as_bytes()));
    }

    #[test]
    fn numbers_failing_modulus_11_still_count() {
        for cpr in ["010170-1234", "150384-4321", "280291-1122"] {
            assert!(!passes_mod11(cpr), "{cpr} was meant to fail modulus 11");
            assert!(is_cpr_like(cpr.as_bytes()), "{cpr}");
        }
        // A number that does pass modulus 11 is of course accepted too.
        assert!(passes_mod11("070761-4285"));
        assert!(is_cpr_like(b"070761-4285"));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert!(!is_cpr_like(b"320170-1234"));
        assert!(!is_cpr_like(b"001070-1234"));
        assert!(!is_cpr_like(b"011370-1234"));
        assert!(!is_cpr_like(b"010070-1234"));
        assert!(!is_cpr_like(b"310470-1234"));
        // 1901 was not a leap year (digit 7 = 1 → 19xx).
        assert!(!is_cpr_like(b"290201-1234"));
        // 2000 was (digit 7 = 4, YY ≤ 36 → 20xx), and so was 1996.
        assert!(is_cpr_like(b"290200-4234"));
        assert!(is_cpr_like(b"290296-1234"));
        // Digit 7 = 4 with YY = 00 → 2000, but 1900 (digit 0) was not a leap year.
        assert!(!is_cpr_like(b"290200-1234"));
        // 5–8 with YY > 57 → 18xx: 1900 ≠ 1800 yet neither 1800 nor 1858 is a leap year.
        assert!(!is_cpr_like(b"290258-5234"));
        assert!(is_cpr_like(b"290256-5234"));
    }

    #[test]
    fn tokens_inside_prose() {
        assert_eq!(count_cpr_tokens(b"mit cpr er 0101701234, ring"), 1);
        assert_eq!(count_cpr_tokens(b"010170-1234 er mit nummer"), 1);
        assert_eq!(count_cpr_tokens(b"nummer: 010170-1234"), 1);
        assert_eq!(count_cpr_tokens(b"cpr 010170 1234."), 1);
        assert_eq!(count_cpr_tokens(b"0101701234"), 1);
        assert_eq!(count_cpr_tokens(b"(010170-1234)"), 1);
        assert_eq!(count_cpr_tokens(b"a 010170-1234 og b 150384-4321"), 2);
        let cp1252 = b"S\xf8ren, cpr 010170-1234, bor i \xc6r\xf8";
        assert_eq!(count_cpr_tokens(cp1252), 1);
        assert_eq!(
            count_cpr_tokens("Søren, cpr 0101701234 – ærø".as_bytes()),
            1
        );
    }

    #[test]
    fn non_cpr_numbers_in_text_are_ignored() {
        assert_eq!(count_cpr_tokens(b"ring +45 12345678"), 0);
        assert_eq!(count_cpr_tokens(b"tlf 12 34 56 78"), 0);
        assert_eq!(count_cpr_tokens(b"ordre 01017012345"), 0);
        assert_eq!(count_cpr_tokens(b"ordre 90101701234"), 0);
        assert_eq!(count_cpr_tokens(b"kontakt 320170-1234"), 0);
        assert_eq!(count_cpr_tokens(b"den 2023-01-15 kl. 10"), 0);
        assert_eq!(count_cpr_tokens(b"belob 1.234.567,89 kr"), 0);
        assert_eq!(count_cpr_tokens(b"konto 1234-0101701234"), 0);
        assert_eq!(count_cpr_tokens(b"0101701234-5"), 0);
        assert_eq!(count_cpr_tokens(b"0101701234.55"), 0);
        assert_eq!(count_cpr_tokens(b"12 010170 1234"), 0);
        assert_eq!(count_cpr_tokens(b"010170 1234 5678"), 0);
        assert_eq!(count_cpr_tokens(b"010170-12345"), 0);
        assert_eq!(count_cpr_tokens(b"short"), 0);
        assert_eq!(count_cpr_tokens(b""), 0);
        assert_eq!(count_cpr_tokens(b"010170-"), 0);
        assert_eq!(count_cpr_tokens(b"123456789"), 0);
    }

    #[test]
    fn every_spelling_of_a_cpr_number_is_caught() {
        // The shapes found in real exports and typed answers (SECURITY-2026-12.md §4).
        let shapes = [
            "01.01.70-1234",
            "01-01-70-1234",
            "010170/1234",
            "010170.1234",
            "010170\u{2013}1234",
            "010170 - 1234",
            "010170 \u{2013} 1234",
            "010170\u{a0}1234",
            "010170\u{2212}1234",
            "\u{ff10}\u{ff11}\u{ff10}\u{ff11}\u{ff17}\u{ff10}-\u{ff11}\u{ff12}\u{ff13}\u{ff14}",
            "01 01 70 1234",
            "01.01.70 1234",
        ];
        for shape in shapes {
            assert!(is_cpr_like(shape.as_bytes()), "{shape:?}");
            let prose = format!("mit cpr er {shape}, tak");
            assert_eq!(count_cpr_tokens(prose.as_bytes()), 1, "{prose:?}");
        }
        // Windows-1252 bytes: en dash 0x96, no-break space 0xA0.
        assert!(is_cpr_like(b"010170\x961234"));
        assert!(is_cpr_like(b"010170\xa01234"));
        assert_eq!(count_cpr_tokens(b"S\xf8ren 010170\x961234"), 1);
    }

    #[test]
    fn nine_digits_with_the_leading_zero_dropped_are_a_cpr_value() {
        // Excel stores 0101701234 as the number 101701234.
        assert!(is_cpr_like(b"101701234"));
        assert!(is_cpr_like(b"311299399"));
        // 0 + 9 digits that make no date, and eight digits (a phone number), are not.
        assert!(!is_cpr_like(b"991701234"));
        assert!(!is_cpr_like(b"12345678"));
        // In prose, a nine-digit number is not counted.
        assert_eq!(count_cpr_tokens(b"sag 101701234 er lukket"), 0);
    }

    #[test]
    fn numbers_joined_to_a_spelling_are_not_counted() {
        assert_eq!(count_cpr_tokens(b"1,0101701234"), 0);
        assert_eq!(count_cpr_tokens(b"01 01 70 1234 56"), 0);
        assert_eq!(count_cpr_tokens(b"7.01.01.70-1234"), 0);
        assert_eq!(count_cpr_tokens(b"barn 2 010170-1234"), 1);
        assert!(!is_cpr_like(b"01.01.70-1234-5"));
        assert!(!is_cpr_like(b"010170 -- 1234"));
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..300 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    b"0123456789- .,/a\xff"[(state % 17) as usize]
                })
                .collect();
            let _ = count_cpr_tokens(&bytes);
            let _ = is_cpr_like(&bytes);
        }
    }

    #[test]
    fn e_mail_addresses_inside_text() {
        for text in [
            "jens.zakariassen@eksempel-mail.dk",
            "Andet: skriv til jens.zakariassen@eksempel-mail.dk.",
            "søren@kommune.dk",
            "mail: a+b@c.co.uk, tak",
        ] {
            assert_eq!(personal_in_text(text, true), Some(Found::Email), "{text:?}");
        }
        for text in [
            "@",
            "a@b",
            "a@b.c",
            "@kommune.dk",
            "Ja @ 5 kr.",
            "Meget tilfreds",
        ] {
            assert_eq!(personal_in_text(text, true), None, "{text:?}");
        }
    }

    #[test]
    fn danish_telephone_numbers_in_every_spelling() {
        for text in [
            "41223344",
            "41 22 33 44",
            "4122 3344",
            "41-22-33-44",
            "41.22.33.44",
            "+45 41 22 33 44",
            "+45 4122 3344",
            "+4541223344",
            "0045 41223344",
            "004541223344",
            "(+45) 41223344",
            "Andet: ring på +45 41 22 33 44",
            "ring på 41223344 efter kl. 16",
            "41\u{a0}22\u{a0}33\u{a0}44",
        ] {
            assert_eq!(personal_in_text(text, true), Some(Found::Phone), "{text:?}");
        }
        for text in [
            "12345678",
            "01234567",
            "4122334",
            "4122334455",
            "41 22 33 44 55",
            "2024-03-01",
            "01.03.2024",
            "2023-2024",
            "1.234.567",
            "4122-3344",
            "41 22-33.44",
            "Kontanthjælp",
        ] {
            assert_eq!(personal_in_text(text, true), None, "{text:?}");
        }
        // In a column of numbers, eight digits alone are data, written as a number is not.
        assert_eq!(personal_in_text("41223344", false), None);
        assert_eq!(personal_in_text("20240301", false), None);
        assert_eq!(personal_in_text("+45 41223344", false), Some(Found::Phone));
        assert_eq!(personal_in_text("41 22 33 44", false), Some(Found::Phone));
    }

    #[test]
    fn cpr_numbers_in_labels() {
        assert_eq!(
            personal_in_text("Andet: mit cpr er 06.06.55-1035", true),
            Some(Found::Cpr)
        );
        assert_eq!(personal_in_text("101701234", false), Some(Found::Cpr));
        assert_eq!(personal_in_text("Sygedagpenge", true), None);
    }

    #[test]
    fn headers_are_masked_where_they_hold_personal_data() {
        assert_eq!(mask_personal("Hvor tilfreds er du?"), None);
        assert_eq!(
            mask_personal("Svar fra 010170-1234").as_deref(),
            Some("Svar fra ••••••-••••")
        );
        assert_eq!(
            mask_personal("Ring til +45 41 22 33 44").as_deref(),
            Some("Ring til +•• •• •• •• ••")
        );
        assert_eq!(
            mask_personal("Kontakt anna@kommune.dk for hjælp").as_deref(),
            Some("Kontakt •••@••• for hjælp")
        );
        assert_eq!(mask_personal("101701234").as_deref(), Some("•••••••••"));
        let masked = mask_personal("Anders 0101701234 og bo@x.dk, 41223344").unwrap();
        assert!(!masked.bytes().any(|b| b.is_ascii_digit()), "{masked}");
        assert!(!masked.contains("bo@"), "{masked}");
    }

    fn distinct(values: &[&str]) -> Vec<(String, u64)> {
        values.iter().map(|v| (v.to_string(), 12)).collect()
    }

    #[test]
    fn caseworker_names_are_names_under_any_header() {
        let caseworkers = distinct(&[
            "Kirstine Zylberg",
            "Bo Hansen",
            "Anne Marie Jensen",
            "Peter Møller",
            "Søren Østergaard",
            "Hans-Henrik Larsen",
            "Fatima Ali",
            "Ida van Dijk",
            "Ved ikke",
        ]);
        let mut ns = vec![false; caseworkers.len()];
        ns[8] = true;
        assert!(names_column(&caseworkers, &ns));
        // Unusual names count by shape once enough names are known.
        let mixed = distinct(&[
            "Xenia Quist",
            "Yrsa Ulfsdottir",
            "Mette Nygaard",
            "Lars Nielsen",
            "Jens Skov",
            "Zacharias Wu",
        ]);
        assert!(names_column(&mixed, &[false; 6]));
    }

    #[test]
    fn ordinary_categories_are_not_names() {
        let cases: [&[&str]; 7] = [
            &[
                "Randers Kommune",
                "Aarhus Kommune",
                "Favrskov Kommune",
                "Syddjurs Kommune",
                "Norddjurs Kommune",
                "Skanderborg Kommune",
            ],
            &[
                "Jobcenter Aarhus",
                "Jobcenter Randers",
                "Jobcenter Viborg",
                "Jobcenter Silkeborg",
                "Jobcenter Horsens",
            ],
            &[
                "Meget tilfreds",
                "Tilfreds",
                "Hverken tilfreds eller utilfreds",
                "Utilfreds",
                "Meget utilfreds",
                "Ved ikke",
            ],
            &["Aarhus", "Odense", "Vejle", "Randers", "Horsens", "Kolding"],
            &[
                "Full Time",
                "Part Time",
                "Self Employed",
                "Home Visit",
                "Phone Call",
                "Social Media",
            ],
            &[
                "Fysisk Møde",
                "Video Møde",
                "Telefonisk Kontakt",
                "Digital Post",
                "Mit Job",
                "Job Net",
            ],
            // Only four names: too few to tell.
            &[
                "Anna Hansen",
                "Bo Jensen",
                "Lars Nielsen",
                "Mette Holm",
                "Ved ikke",
            ],
        ];
        for values in cases {
            let ns: Vec<bool> = values.iter().map(|v| *v == "Ved ikke").collect();
            assert!(!names_column(&distinct(values), &ns), "{values:?}");
        }
    }

    #[test]
    fn name_shapes() {
        for name in [
            "Bo Hansen",
            "Hans-Henrik Larsen",
            "Sean O'Brien",
            "Ida van Dijk",
            "Åse Ørum",
        ] {
            assert!(name_shaped(name).is_some(), "{name:?}");
        }
        for other in [
            "Bo",
            "Bo hansen",
            "BO HANSEN",
            "Bo Hansen 2",
            "Randers Kommune",
            "Jobcenter Aarhus",
            "A B",
            "McDonald Hansen",
            "Bo - Hansen",
            "Et To Tre Fire Fem",
        ] {
            assert!(name_shaped(other).is_none(), "{other:?}");
        }
    }

    #[test]
    fn personal_headers() {
        use PersonalReason::*;
        let cases: &[(&str, Option<PersonalReason>)] = &[
            ("CPR", Some(CprHeader)),
            ("cpr-nr.", Some(CprHeader)),
            ("CPR-nummer", Some(CprHeader)),
            ("Personnummer", Some(CprHeader)),
            ("Fødselsdato", Some(CprHeader)),
            ("Date of birth", Some(CprHeader)),
            ("Navn", Some(Name)),
            ("Borgerens navn", Some(Name)),
            ("Fornavn", Some(Name)),
            ("EFTERNAVN ", Some(Name)),
            ("First Name", Some(Name)),
            ("Last Name", Some(Name)),
            ("RecipientFirstName", Some(Name)),
            ("RecipientLastName", Some(Name)),
            (
                "Hvad er dit navn? Skriv det gerne her, hvis du vil kontaktes",
                Some(Name),
            ),
            ("E-mail", Some(Email)),
            ("Email", Some(Email)),
            ("e-mailadresse", Some(Email)),
            ("Email Address", Some(Email)),
            ("RecipientEmail", Some(Email)),
            ("Mail", Some(Email)),
            ("Telefon", Some(Phone)),
            ("Tlf.nr.", Some(Phone)),
            ("Mobil", Some(Phone)),
            ("Phone number", Some(Phone)),
            ("Adresse", Some(Address)),
            ("Address", Some(Address)),
            ("IPAddress", Some(IpOrLocation)),
            ("IP Address", Some(IpOrLocation)),
            ("LocationLatitude", Some(IpOrLocation)),
            ("LocationLongitude", Some(IpOrLocation)),
            ("Location", Some(IpOrLocation)),
            ("Q7 – Navn", Some(Name)),
            ("Kontaktform", None),
            ("Navnlig", None),
            ("Hvor tilfreds er du med din sagsbehandler?", None),
            (
                "Hvor tilfreds er du med kontakten til jobcentret via telefon eller mail?",
                None,
            ),
            ("Hvordan vurderer du den telefoniske kontakt?", None),
            ("Navn på jobcenter", None),
            ("Kommune", None),
            ("Postnummer", None),
            ("Ydelse", None),
            ("StartDate", None),
            ("", None),
            ("???", None),
        ];
        for (header, want) in cases {
            assert_eq!(personal_header(header), *want, "{header:?}");
        }
    }
}
