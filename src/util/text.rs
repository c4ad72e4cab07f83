//! Letter case and letter classes for matching headers and labels.
//!
//! The standard library's `to_lowercase` and `is_alphabetic` carry the whole Unicode tables,
//! about 8 KB of the compressed WebAssembly module. Headers and answer labels in these surveys
//! are written in Latin letters, now and then Greek or Cyrillic, so the rules here cover those
//! scripts by arithmetic on the code point. Characters of other scripts keep their case and count
//! as letters unless they are punctuation, symbols, marks or spaces; tests check every character
//! of the covered scripts against the standard library.

/// Upper-case letters of Latin Extended-B, Greek and Latin Extended Additional whose lower-case
/// form is not the next code point, with that form; sorted.
#[rustfmt::skip]
const IRREGULAR_LOWER: [(u16, u16); 66] = [
    (0x181, 0x253), (0x182, 0x183), (0x184, 0x185), (0x186, 0x254), (0x187, 0x188), (0x189, 0x256),
    (0x18a, 0x257), (0x18b, 0x18c), (0x18e, 0x1dd), (0x18f, 0x259), (0x190, 0x25b), (0x191, 0x192),
    (0x193, 0x260), (0x194, 0x263), (0x196, 0x269), (0x197, 0x268), (0x198, 0x199), (0x19c, 0x26f),
    (0x19d, 0x272), (0x19f, 0x275), (0x1a6, 0x280), (0x1a7, 0x1a8), (0x1a9, 0x283), (0x1ac, 0x1ad),
    (0x1ae, 0x288), (0x1af, 0x1b0), (0x1b1, 0x28a), (0x1b2, 0x28b), (0x1b3, 0x1b4), (0x1b5, 0x1b6),
    (0x1b7, 0x292), (0x1b8, 0x1b9), (0x1bc, 0x1bd), (0x1c4, 0x1c6), (0x1c5, 0x1c6), (0x1c7, 0x1c9),
    (0x1c8, 0x1c9), (0x1ca, 0x1cc), (0x1cb, 0x1cc), (0x1f1, 0x1f3), (0x1f2, 0x1f3), (0x1f4, 0x1f5),
    (0x1f6, 0x195), (0x1f7, 0x1bf), (0x220, 0x19e), (0x23a, 0x2c65), (0x23b, 0x23c), (0x23d, 0x19a),
    (0x23e, 0x2c66), (0x241, 0x242), (0x243, 0x180), (0x244, 0x289), (0x245, 0x28c), (0x370, 0x371),
    (0x372, 0x373), (0x376, 0x377), (0x37f, 0x3f3), (0x3cf, 0x3d7), (0x3f4, 0x3b8), (0x3f7, 0x3f8),
    (0x3f9, 0x3f2), (0x3fa, 0x3fb), (0x3fd, 0x37b), (0x3fe, 0x37c), (0x3ff, 0x37d), (0x1e9e, 0xdf),
];

/// The lower-case form of a letter of the Latin, Greek or Cyrillic script (as `char::to_lowercase`
/// gives it where that is one character; 'İ' becomes 'i'). Other characters are returned as
/// they are.
pub fn lower_char(c: char) -> char {
    let code = c as u32;
    // Most upper-case letters outside ASCII and Latin-1 sit just before their lower-case form.
    let even = code & 1 == 0;
    let lowered = match code {
        0x41..=0x5a => code + 0x20,
        0x00..=0x7f => code,
        0xc0..=0xde if code != 0xd7 => code + 0x20,
        0x130 => 0x69,
        0x100..=0x137 | 0x14a..=0x177 if even => code + 1,
        0x139..=0x148 | 0x179..=0x17e if !even => code + 1,
        0x178 => 0xff,
        0x386 => 0x3ac,
        0x388..=0x38a => code + 0x25,
        0x38c => 0x3cc,
        0x38e | 0x38f => code + 0x3f,
        0x391..=0x3ab if code != 0x3a2 => code + 0x20,
        0x3d8..=0x3ef if even => code + 1,
        0x400..=0x40f => code + 0x50,
        0x410..=0x42f => code + 0x20,
        0x460..=0x481 | 0x48a..=0x4bf | 0x4d0..=0x52f if even => code + 1,
        0x4c1..=0x4ce if !even => code + 1,
        0x4c0 => 0x4cf,
        0x1e00..=0x1e95 | 0x1ea0..=0x1eff if even => code + 1,
        0xff21..=0xff3a => code + 0x20,
        0x1a0..=0x1a5 | 0x1de..=0x1ef | 0x1f8..=0x21f | 0x222..=0x233 | 0x246..=0x24f if even => {
            code + 1
        }
        0x1cd..=0x1dc if !even => code + 1,
        0x180..=0x3ff | 0x1e9e => {
            match IRREGULAR_LOWER.binary_search_by_key(&code, |&(upper, _)| u32::from(upper)) {
                Ok(at) => u32::from(IRREGULAR_LOWER[at].1),
                Err(_) => code,
            }
        }
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(c)
}

/// `text` in lower case, character by character (see [`lower_char`]).
pub fn lower(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().map(lower_char).collect()
}

/// True for a letter. Exact for the Latin, Greek and Cyrillic scripts (as `char::is_alphabetic`);
/// beyond them every character that is not punctuation, a symbol, a combining mark, a space or a
/// control character counts as a letter.
pub fn is_letter(c: char) -> bool {
    let code = c as u32;
    match code {
        0x00..=0x7f => c.is_ascii_alphabetic(),
        0xaa | 0xb5 | 0xba => true,
        0x80..=0xbf | 0xd7 | 0xf7 => false,
        0xc0..=0x2c1 => true,
        0x2c2..=0x2ff => matches!(code, 0x2c6..=0x2d1 | 0x2e0..=0x2e4 | 0x2ec | 0x2ee),
        // Combining marks; only the iota subscript counts as alphabetic.
        0x300..=0x36f => code == 0x345,
        0x370..=0x3ff => !matches!(
            code,
            0x375 | 0x378 | 0x379 | 0x37e | 0x380..=0x385 | 0x387 | 0x38b | 0x38d | 0x3a2 | 0x3f6
        ),
        0x400..=0x52f => !matches!(code, 0x482..=0x489),
        // Spaces, punctuation, symbols, arrows, mathematical and technical signs, box drawing,
        // dingbats; CJK punctuation; fullwidth punctuation; emoji and pictographs.
        0x2000..=0x2bff | 0x3000..=0x3004 | 0x3008..=0x3020 | 0xfe30..=0xfe4f | 0xfff0..=0xffff => {
            false
        }
        0xff00..=0xff20 | 0xff3b..=0xff40 | 0xff5b..=0xff65 => false,
        0x1f000..=0x1faff => false,
        _ => !c.is_control() && !c.is_whitespace(),
    }
}

/// True for a letter or a digit: [`is_letter`] or an ASCII digit, or the superscript and
/// fraction digits of Latin-1 ('²', '½') and the fullwidth digits, as `char::is_alphanumeric` has them.
pub fn is_letter_or_digit(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c as u32, 0xb2 | 0xb3 | 0xb9 | 0xbc..=0xbe | 0xff10..=0xff19)
        || is_letter(c)
}

/// `text` with only its letters and digits ([`is_letter_or_digit`]): "CPR-nr." becomes "CPRnr",
/// for matching headers however they are punctuated.
pub fn letters_and_digits(text: &str) -> String {
    text.chars().filter(|&c| is_letter_or_digit(c)).collect()
}

/// Replaces control characters (invalid in SVG, meaningless on a canvas) and drops bidi
/// controls and zero-width characters.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// True for a character that changes how text shows without showing itself: bidi marks,
/// embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069),
/// zero-width spaces and joiners (U+200B–U+200D, U+2060) and the byte-order mark (U+FEFF).
///
/// From a file they let a label show reversed text ("vsc.exe" for "exe.csv") or two labels
/// look alike ("Fleksjob" and "Flek\u{200B}sjob").
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// A header or answer label as it may be shown: invisible characters ([`is_invisible`])
/// dropped, other control characters but tab, line feed and carriage return made spaces, and
/// surrounding whitespace trimmed. Borrows when the text is already clean, which is nearly
/// always: every character outside ASCII and Latin-1 is looked at once, nothing is allocated.
pub fn clean_label(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char =
        |c: char| is_invisible(c) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    // Invisible characters are all outside ASCII, so ASCII text needs only the control check.
    let dirty = if text.is_ascii() {
        text.bytes()
            .any(|b| b.is_ascii_control() && !matches!(b, b'\t' | b'\n' | b'\r'))
    } else {
        text.chars().any(unsafe_char)
    };
    if !dirty {
        return std::borrow::Cow::Borrowed(text);
    }
    let out: String = text
        .chars()
        .filter(|&c| !is_invisible(c))
        .map(|c| if unsafe_char(c) { ' ' } else { c })
        .collect();
    std::borrow::Cow::Owned(out.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scripts the rules cover: Latin (with Latin Extended Additional), Greek, Cyrillic and
    /// the fullwidth Latin letters.
    fn covered() -> impl Iterator<Item = char> {
        [
            0x0..=0x24f,
            0x370..=0x3ff,
            0x400..=0x52f,
            0x1e00..=0x1eff,
            0xff00..=0xff5e,
        ]
        .into_iter()
        .flatten()
        .filter_map(char::from_u32)
    }

    #[test]
    fn lower_case_matches_the_standard_library_for_the_covered_scripts() {
        for c in covered() {
            let mut standard = c.to_lowercase();
            let expected = match (standard.next(), standard.next()) {
                (Some(single), None) => single,
                // 'İ' lowers to "i̇" (i and a combining dot); the plain i is what matching needs.
                _ => 'i',
            };
            assert_eq!(lower_char(c), expected, "{c:?} U+{:04X}", c as u32);
        }
    }

    #[test]
    fn lower_case_elsewhere_keeps_the_character_or_agrees() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let ours = lower_char(c);
            assert!(
                ours == c || c.to_lowercase().eq([ours]) || (c, ours) == ('İ', 'i'),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn letters_match_the_standard_library_for_the_covered_scripts() {
        for c in covered() {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn no_punctuation_symbol_or_space_counts_as_a_letter() {
        for c in "‘’“”–—…•€£$§%&/()=?+*#@!;:,.<>|\\^~`´¨°\u{a0}\u{2009}\u{3000}、。→★✓😀".chars()
        {
            assert!(!is_letter(c), "{c:?}");
        }
        for c in "æøåÆØÅéüßçñİıœŒłŁ中文日本語한국어אבגعربي".chars()
        {
            assert!(is_letter(c), "{c:?}");
        }
    }

    #[test]
    fn labels_lose_invisible_characters_and_stay_borrowed_when_clean() {
        use std::borrow::Cow;
        for clean in [
            "Fleksjob",
            "Meget tilfreds",
            "Ærø Kommune",
            "Meget\r\ntilfreds",
            "",
        ] {
            assert!(matches!(clean_label(clean), Cow::Borrowed(_)), "{clean:?}");
        }
        assert_eq!(clean_label("Flek\u{200B}sjob"), "Fleksjob");
        assert_eq!(clean_label("\u{FEFF}Kommune"), "Kommune");
        assert_eq!(
            clean_label("Rapport \u{202E}vsc.exe\u{202C}"),
            "Rapport vsc.exe"
        );
        assert_eq!(clean_label("a\u{2066}b\u{2069}c\u{200E}d\u{200F}"), "abcd");
        assert_eq!(clean_label("bell\u{7}ring\u{1b}[31m"), "bell ring [31m");
        assert_eq!(clean_label("\u{200B}"), "");
        assert_eq!(clean_label("\u{200B} Fleksjob "), "Fleksjob");
        assert_eq!(clean("a\u{200D}b\u{202E}c\n"), "abc ");
    }

    #[test]
    fn lower_strings() {
        assert_eq!(lower("Meget TILFREDS"), "meget tilfreds");
        assert_eq!(lower("ÆBLE, ØL OG ÅL"), "æble, øl og ål");
        assert_eq!(lower("CPR-NUMMER"), "cpr-nummer");
        assert_eq!(lower("ΣΟΦΊΑ Москва"), "σοφία москва");
        assert_eq!(letters_and_digits("cpr-nr. (10 cifre)"), "cprnr10cifre");
    }
}
