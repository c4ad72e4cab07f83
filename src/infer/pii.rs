//! Personal data: Danish CPR numbers in values and free text, and headers that name personal data.
//!
//! CPR numbers are recognised by shape (DDMMYY-SSSS, hyphen or space optional) and a real
//! calendar date whose century follows from the seventh digit. The modulus-11 check is not
//! required: numbers issued since 2007 need not pass it.

use crate::model::kinds::PersonalReason;
use crate::util::text;

/// True when the whole trimmed value is a CPR-like number: DDMMYY-SSSS, DDMMYYSSSS or
/// DDMMYY SSSS with a real calendar date.
///
/// The century comes from digit 7: 0–3 → 19xx; 4 and 9 → 20xx if YY ≤ 36, else 19xx;
/// 5–8 → 20xx if YY ≤ 57, else 18xx. Modulus 11 is not required.
pub fn is_cpr_like(value: &[u8]) -> bool {
    let v = value.trim_ascii();
    match v.len() {
        10 => v.iter().all(u8::is_ascii_digit) && valid_date(v[..6].try_into().ok(), v[6]),
        11 => {
            (v[6] == b'-' || v[6] == b' ')
                && v[..6].iter().all(u8::is_ascii_digit)
                && v[7..].iter().all(u8::is_ascii_digit)
                && valid_date(v[..6].try_into().ok(), v[7])
        }
        _ => false,
    }
}

/// Number of CPR-like tokens inside arbitrary bytes (free text).
///
/// A token is ten digits, optionally split after the sixth by '-' or ' ', that is not part of a
/// longer number: no digit directly before or after it, and no digit joined to it by '-', '.',
/// ',' or '/'. Only ASCII digits matter, so UTF-8 and Windows-1252 text work alike. Does not
/// allocate.
pub fn count_cpr_tokens(bytes: &[u8]) -> u32 {
    // Most cells are short answers: skip them without scanning for runs.
    // Counting every digit (no early exit) compiles to SIMD, which beats stopping at ten.
    if bytes.len() < 10
        || bytes
            .iter()
            .map(|&b| u32::from(b.wrapping_sub(b'0') < 10))
            .sum::<u32>()
            < 10
    {
        return 0;
    }
    let n = bytes.len();
    let mut count = 0u32;
    let mut i = 0;
    while i < n {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let end = digit_run_end(bytes, start);
        let run = end - start;
        if run == 10 {
            if !joined_before(bytes, start, false)
                && !joined_after(bytes, end, false)
                && valid_date(bytes[start..start + 6].try_into().ok(), bytes[start + 6])
            {
                count = count.saturating_add(1);
            }
        } else if run == 6 && end + 5 <= n && (bytes[end] == b'-' || bytes[end] == b' ') {
            let serial_end = digit_run_end(bytes, end + 1);
            if serial_end - (end + 1) == 4 {
                let spaced = bytes[end] == b' ';
                if !joined_before(bytes, start, spaced)
                    && !joined_after(bytes, serial_end, spaced)
                    && valid_date(bytes[start..end].try_into().ok(), bytes[end + 1])
                {
                    count = count.saturating_add(1);
                }
                i = serial_end;
                continue;
            }
        }
        i = end;
    }
    count
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

/// End (exclusive) of the run of ASCII digits starting at `start`.
fn digit_run_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    end
}

fn is_joiner(b: u8) -> bool {
    matches!(b, b'-' | b'.' | b',' | b'/')
}

/// True when the token starting at `start` continues a number to its left ("12-0101701234").
/// With a space-separated token, a digit group before a space also counts ("12 010170 1234").
fn joined_before(bytes: &[u8], start: usize, spaced: bool) -> bool {
    if start < 2 {
        return false;
    }
    let sep = bytes[start - 1];
    bytes[start - 2].is_ascii_digit() && (is_joiner(sep) || (spaced && sep == b' '))
}

/// True when the token ending at `end` continues into a number to its right.
fn joined_after(bytes: &[u8], end: usize, spaced: bool) -> bool {
    if end + 1 >= bytes.len() {
        return false;
    }
    let sep = bytes[end];
    bytes[end + 1].is_ascii_digit() && (is_joiner(sep) || (spaced && sep == b' '))
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
    let year = century + yy;
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
