//! Text encodings: UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, and Windows-1252 when
//! the bytes are not valid UTF-8 (Danish Excel's default "CSV (semikolonsepareret)").
//!
//! UTF-8 and Windows-1252 are parsed as raw bytes (every delimiter, quote and line ending is
//! ASCII in both), and only the distinct values are decoded at the end. UTF-16 is transcoded to
//! UTF-8 chunk by chunk before parsing.

use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::error::Error;

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
    pub fn transcoder(self) -> Option<Decoder> {
        match self {
            TextEncoding::Utf16Le => Some(UTF_16LE.new_decoder_without_bom_handling()),
            TextEncoding::Utf16Be => Some(UTF_16BE.new_decoder_without_bom_handling()),
            _ => None,
        }
    }

    /// Decodes one parsed value (raw bytes from the parser) to text.
    pub fn decode_value(self, bytes: &[u8]) -> (String, bool) {
        match self {
            TextEncoding::Windows1252 => {
                let (text, _, had_errors) = WINDOWS_1252.decode(bytes);
                (text.into_owned(), had_errors)
            }
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
    fn decodes_windows_1252_values() {
        let (text, bad) = TextEncoding::Windows1252.decode_value(b"Fysisk m\xF8de \x80");
        assert_eq!(text, "Fysisk møde €");
        assert!(!bad);
        let (text, bad) = TextEncoding::Utf8.decode_value(b"a\xFFb");
        assert_eq!(text, "a\u{FFFD}b");
        assert!(bad);
    }
}
