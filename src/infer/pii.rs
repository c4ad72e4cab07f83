//! Personal data: Danish CPR numbers in values and free text, and headers that name personal data.
//!
//! CPR numbers are recognised by shape (DDMMYY-SSSS in every spelling people and spreadsheets
//! use) and a real calendar date whose century follows from the seventh digit. The modulus-11 check is not
//! required: numbers issued since 2007 need not pass it.

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
