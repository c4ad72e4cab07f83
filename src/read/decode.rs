//! Text encodings: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and Windows-1252 when
//! the bytes are not valid UTF-8 (Danish Excel's default "CSV (semikolonsepareret)").
//!
//! UTF-8 and Windows-1252 are parsed as raw bytes (every delimiter, quote and line ending is
//! ASCII in both), and only the distinct values are decoded at the end. UTF-16 is transcoded to
//! UTF-8 chunk by chunk before parsing.
//!
//! Only `encoding_rs::mem` (UTF-16 → UTF-8) is linked into the app: `encoding_rs::Encoding`
//! dispatches over every WHATWG encoding and would ship the CJK tables (over 200 KB of wasm).
//! Windows-1252 is one 32-entry table, checked against `encoding_rs::WINDOWS_1252` in the tests.

/// Windows-1252 bytes 0x80–0x9F (the rest map to the same code point, as in Latin-1),
/// per the WHATWG index; unassigned bytes map to the C1 control of the same value.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// Decodes Windows-1252 bytes; every byte has a character, so this never fails.
pub fn decode_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Streaming UTF-16 → UTF-8 that carries an odd byte and a high surrogate across chunks.
#[derive(Debug, Clone)]
pub struct Utf16Decoder {
    big_endian: bool,
    odd_byte: Option<u8>,
    high_surrogate: Option<u16>,
    units: Vec<u16>,
}

impl Utf16Decoder {
    /// A decoder for little- or big-endian UTF-16.
    pub fn new(big_endian: bool) -> Self {
        Utf16Decoder {
            big_endian,
            odd_byte: None,
            high_surrogate: None,
            units: Vec::new(),
        }
    }

    /// Appends the UTF-8 for `bytes` to `out`; invalid sequences become U+FFFD. `last` says no
    /// more bytes follow.
    pub fn decode(&mut self, bytes: &[u8], last: bool, out: &mut Vec<u8>) {
        self.units.clear();
        self.units.extend(self.high_surrogate.take());
        let mut rest = bytes;
        if let Some(first) = self.odd_byte.take() {
            match rest.split_first() {
                Some((&second, tail)) => {
                    self.units.push(self.unit(first, second));
                    rest = tail;
                }
                None => self.odd_byte = Some(first),
            }
        }
        let pairs = rest.chunks_exact(2);
        if let [b] = pairs.remainder() {
            self.odd_byte = Some(*b);
        }
        for pair in pairs {
            let unit = self.unit(pair[0], pair[1]);
            self.units.push(unit);
        }
        if last {
            if self.odd_byte.take().is_some() {
                self.units.push(0xFFFD);
            }
        } else if let Some(&u) = self.units.last() {
            // The low half of a surrogate pair may come in the next chunk.
            if (0xD800..0xDC00).contains(&u) {
                self.high_surrogate = self.units.pop();
            }
        }
        let start = out.len();
        out.resize(start + self.units.len() * 3, 0);
        let written = encoding_rs::mem::convert_utf16_to_utf8(&self.units, &mut out[start..]);
        out.truncate(start + written);
    }

    fn unit(&self, a: u8, b: u8) -> u16 {
        if self.big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    }
}

use crate::words::errors::Error;

/// The encoding a file was read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// Windows-1252 (Danish Excel's ANSI CSV).
    Windows1252,
}

impl TextEncoding {
    /// The name reported in the summary.
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf8Bom => "utf-8-bom",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }

    /// Bytes of byte-order mark to skip at the start of the file.
    pub fn bom_len(self) -> usize {
        match self {
            TextEncoding::Utf8Bom => 3,
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => 2,
            _ => 0,
        }
    }

    /// A streaming UTF-16 → UTF-8 decoder, for the encodings that need transcoding.
    pub fn transcoder(self) -> Option<Utf16Decoder> {
        match self {
            TextEncoding::Utf16Le => Some(Utf16Decoder::new(false)),
            TextEncoding::Utf16Be => Some(Utf16Decoder::new(true)),
            _ => None,
        }
    }

    /// Decodes one parsed value (raw bytes from the parser) to text.
    pub fn decode_value(self, bytes: &[u8]) -> (String, bool) {
        match self {
            TextEncoding::Windows1252 => (decode_windows_1252(bytes), false),
            // UTF-16 was transcoded to UTF-8 before parsing.
            _ => match std::str::from_utf8(bytes) {
                Ok(s) => (s.to_owned(), false),
                Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
            },
        }
    }
}

/// Decides the encoding from the first bytes of a file. `complete` is true when `prefix` is the
/// whole file (so a multi-byte sequence cut at the end is an error, not a chunk boundary).
pub fn sniff_encoding(prefix: &[u8], complete: bool) -> Result<TextEncoding, Error> {
    if prefix.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Ok(TextEncoding::Utf8Bom);
    }
    if prefix.starts_with(&[0xFF, 0xFE]) {
        return Ok(TextEncoding::Utf16Le);
    }
    if prefix.starts_with(&[0xFE, 0xFF]) {
        return Ok(TextEncoding::Utf16Be);
    }
    if looks_binary(prefix) {
        // UTF-16 without a BOM shows as NUL in every other byte of ASCII text.
        return match utf16_without_bom(prefix) {
            Some(enc) => Ok(enc),
            None => Err(Error::Binary),
        };
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => Ok(TextEncoding::Utf8),
        // A sequence cut by the end of the sample is fine; the next chunk completes it.
        Err(e) if e.error_len().is_none() && !complete => Ok(TextEncoding::Utf8),
        Err(e) => {
            // Mostly valid UTF-8 with a stray byte stays UTF-8 (reported per value later);
            // Windows-1252 text has its first non-ASCII letter invalid almost at once.
            let valid_non_ascii = prefix[..e.valid_up_to()]
                .iter()
                .filter(|b| **b >= 0xC0)
                .count();
            if valid_non_ascii >= 8 {
                Ok(TextEncoding::Utf8)
            } else {
                Ok(TextEncoding::Windows1252)
            }
        }
    }
}

/// Known binary signatures, or NUL bytes in the text.
fn looks_binary(prefix: &[u8]) -> bool {
    const SIGNATURES: [&[u8]; 7] = [
        b"\x89PNG",
        b"\xFF\xD8\xFF",
        b"GIF8",
        b"%PDF",
        b"PK\x03\x04",
        b"\xD0\xCF\x11\xE0",
        b"\x7FELF",
    ];
    SIGNATURES.iter().any(|sig| prefix.starts_with(sig)) || memchr::memchr(0, prefix).is_some()
}

fn utf16_without_bom(prefix: &[u8]) -> Option<TextEncoding> {
    let pairs = prefix.len() / 2;
    if pairs < 4 {
        return None;
    }
    let even_nul = prefix
        .chunks_exact(2)
        .filter(|p| p[0] == 0 && p[1] != 0)
        .count();
    let odd_nul = prefix
        .chunks_exact(2)
        .filter(|p| p[1] == 0 && p[0] != 0)
        .count();
    if odd_nul * 10 >= pairs * 9 {
        Some(TextEncoding::Utf16Le)
    } else if even_nul * 10 >= pairs * 9 {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_fallbacks() {
        assert_eq!(
            sniff_encoding(b"\xEF\xBB\xBFa;b", true),
            Ok(TextEncoding::Utf8Bom)
        );
        assert_eq!(
            sniff_encoding(b"\xFF\xFEa\0;\0", true),
            Ok(TextEncoding::Utf16Le)
        );
        assert_eq!(
            sniff_encoding(b"\xFE\xFF\0a\0;", true),
            Ok(TextEncoding::Utf16Be)
        );
        assert_eq!(
            sniff_encoding("Køn;Alder".as_bytes(), true),
            Ok(TextEncoding::Utf8)
        );
        // "Kø" in Windows-1252: 0xF8 is not valid UTF-8.
        assert_eq!(
            sniff_encoding(b"K\xF8n;Alder", true),
            Ok(TextEncoding::Windows1252)
        );
        assert_eq!(
            sniff_encoding(b"\x89PNG\r\n\x1a\n", true),
            Err(Error::Binary)
        );
        assert_eq!(sniff_encoding(b"a;b\0c", true), Err(Error::Binary));
        // "æ" cut in half at a chunk boundary.
        assert_eq!(sniff_encoding(b"a;\xC3", false), Ok(TextEncoding::Utf8));
        assert_eq!(
            sniff_encoding(b"a\0;\0b\0\n\0", true),
            Ok(TextEncoding::Utf16Le)
        );
    }

    #[test]
    fn windows_1252_table_matches_encoding_rs() {
        let all: Vec<u8> = (0..=255).collect();
        let (expected, _, _) = encoding_rs::WINDOWS_1252.decode(&all);
        assert_eq!(decode_windows_1252(&all), expected);
    }

    #[test]
    fn utf16_in_any_chunking_matches_encoding_rs() {
        // Text with a surrogate pair (an emoji) and an unpaired surrogate at the end.
        let mut units: Vec<u16> = "Kø;Svar 😀 æøå\r\n".encode_utf16().collect();
        units.push(0xD800);
        for big_endian in [false, true] {
            let bytes: Vec<u8> = units
                .iter()
                .flat_map(|u| {
                    if big_endian {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect();
            let encoding = if big_endian {
                encoding_rs::UTF_16BE
            } else {
                encoding_rs::UTF_16LE
            };
            let (expected, _) = encoding.decode_without_bom_handling(&bytes);
            for chunk in 1..8 {
                let mut d = Utf16Decoder::new(big_endian);
                let mut out = Vec::new();
                let parts: Vec<&[u8]> = bytes.chunks(chunk).collect();
                for (i, part) in parts.iter().enumerate() {
                    d.decode(part, i + 1 == parts.len(), &mut out);
                }
                assert_eq!(String::from_utf8(out).unwrap(), expected, "chunk {chunk}");
            }
        }
    }

    #[test]
    fn decodes_windows_1252_values() {
        let (text, bad) = TextEncoding::Windows1252.decode_value(b"Fysisk m\xF8de \x80");
        assert_eq!(text, "Fysisk møde €");
        assert!(!bad);
        let (text, bad) = TextEncoding::Utf8.decode_value(b"a\xFFb");
        assert_eq!(text, "a\u{FFFD}b");
        assert!(bad);
    }
}
