//! Word (.docx) and PowerPoint (.pptx) files of a report, written by hand: a small document
//! model the page can send as JSON ([`Document`], [`Slides`]), a zip writer with stored entries
//! (`zip`), and the two writers (`docx`, `pptx`), which write only the small subset of Office
//! Open XML a report needs. `report` lays a summary out as a document and as slides.
//!
//! No dependency beyond serde: the writers may go into the second wasm module.

pub mod docx;
pub mod pptx;
pub mod report;
mod zip;

use serde::{Deserialize, Serialize};

use crate::words::lang::Lang;

/// A report as Word shows it: a title page's facts, then blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The title (Word's Title style, and the file's title property).
    pub title: String,
    /// A line under the title; empty for none.
    #[serde(default)]
    pub subtitle: String,
    /// The date as it is to be shown ("3. december 2026"); empty for none.
    #[serde(default)]
    pub date: String,
    /// The author or unit (also the file's author property); empty for none.
    #[serde(default)]
    pub author: String,
    /// The language the text is in (for spelling and hyphenation): "da" or "en".
    #[serde(default)]
    pub lang: Lang,
    /// The content.
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// One piece of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading: level 1 or 2 (Word's Heading 1 and Heading 2 styles); deeper levels are
    /// written as level 2.
    Heading {
        /// 1 or 2.
        level: u8,
        /// The heading's text.
        text: String,
    },
    /// A paragraph of text; a line break in the text is a line break in the paragraph.
    Paragraph {
        /// The text.
        text: String,
    },
    /// A native table: a header row repeated on every page, then the body rows.
    Table {
        /// The line above the table (Word's Caption style); empty for none.
        #[serde(default)]
        caption: String,
        /// Column headings.
        header: Vec<String>,
        /// Body rows; they may be shorter than the header.
        rows: Vec<Vec<Cell>>,
    },
    /// A picture on a line of its own.
    Image(Image),
    /// The next block starts on a new page.
    PageBreak,
}

/// A table cell: text, or a number with the text it is shown as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    /// A number: `text` is what the reader sees ("4,37", "81,3 %"), `value` the number.
    Number {
        /// The number.
        value: f64,
        /// The number as shown, in the report's language.
        text: String,
    },
    /// Text.
    Text(String),
}

impl Cell {
    /// What the cell shows.
    pub fn text(&self) -> &str {
        match self {
            Cell::Number { text, .. } | Cell::Text(text) => text,
        }
    }
}

/// A PNG picture with its size and a description for those who cannot see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// The PNG file's bytes (base64 in JSON).
    #[serde(with = "base64")]
    pub png: Vec<u8>,
    /// Width in pixels.
    pub width_px: u32,
    /// Height in pixels.
    pub height_px: u32,
    /// The alternative text.
    #[serde(default)]
    pub alt: String,
}

/// A slide deck: one slide per chart.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Slides {
    /// The language the text is in: "da" or "en".
    #[serde(default)]
    pub lang: Lang,
    /// The slides in order.
    pub slides: Vec<Slide>,
}

/// One slide: a title, the chart, its source line and the finding it shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Slide {
    /// The slide's title.
    pub title: String,
    /// The chart; without one the finding takes the whole width.
    #[serde(default)]
    pub image: Option<Image>,
    /// Source, n, date, filter: the small line at the foot of the slide.
    #[serde(default)]
    pub source_line: String,
    /// The finding the chart shows, in a sentence or two.
    #[serde(default)]
    pub finding: String,
}

/// `text` escaped for XML text and attribute values, without the characters XML 1.0 cannot
/// hold at all (control characters other than tab, line feed and carriage return).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The XML declaration every part starts with.
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The package's core properties (title, author) as `docProps/core.xml`.
fn core_properties(title: &str, author: &str) -> String {
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>",
        escape(title),
        escape(author)
    )
}

/// Content type of the core properties part.
const CORE_TYPE: &str = "application/vnd.openxmlformats-package.core-properties+xml";

/// Relationship type URIs, by their last word.
fn rel_type(name: &str) -> String {
    match name {
        "core-properties" => {
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
                .to_string()
        }
        _ => format!("http://schemas.openxmlformats.org/officeDocument/2006/relationships/{name}"),
    }
}

/// A relationships part: `(id, type's last word, target)` each.
fn relationships(rels: &[(String, &str, String)]) -> String {
    let mut out = format!(
        "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (id, kind, target) in rels {
        out.push_str(&format!(
            "<Relationship Id=\"{id}\" Type=\"{}\" Target=\"{}\"/>",
            rel_type(kind),
            escape(target)
        ));
    }
    out.push_str("</Relationships>");
    out
}

/// `[Content_Types].xml`: defaults for rels, xml and png, and an override per part given.
fn content_types(overrides: &[(String, &str)]) -> String {
    let mut out = format!(
        "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>"
    );
    for (part, kind) in overrides {
        out.push_str(&format!(
            "<Override PartName=\"{part}\" ContentType=\"{kind}\"/>"
        ));
    }
    out.push_str("</Types>");
    out
}

/// The size in EMU (English Metric Units, 914,400 to the inch) of a `width_px` × `height_px`
/// picture scaled to fill `max_cx` × `max_cy` EMU with its aspect kept: charts are drawn at a
/// few pixels per point, so their size in pixels says nothing about their size on paper.
fn fit(width_px: u32, height_px: u32, max_cx: u64, max_cy: u64) -> (u64, u64) {
    let (w, h) = (width_px.max(1) as f64, height_px.max(1) as f64);
    let scale = (max_cx as f64 / w).min(max_cy as f64 / h);
    ((w * scale).round() as u64, (h * scale).round() as u64)
}

/// Base64 for the image bytes in JSON (RFC 4648, with padding).
mod base64 {
    use serde::{Deserialize, Deserializer, Serializer};

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// Decodes base64, ignoring white space; a data URL's `data:image/png;base64,` prefix is
    /// skipped. `None` for anything else.
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let text = text.split_once("base64,").map_or(text, |(_, rest)| rest);
        let mut out = Vec::with_capacity(text.len() / 4 * 3);
        let (mut acc, mut bits) = (0u32, 0u32);
        for byte in text.bytes().filter(|b| !b.is_ascii_whitespace()) {
            let v = match byte {
                b'A'..=b'Z' => byte - b'A',
                b'a'..=b'z' => byte - b'a' + 26,
                b'0'..=b'9' => byte - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                b'=' => break,
                _ => return None,
            };
            acc = (acc << 6) | u32::from(v);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        Some(out)
    }

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        decode(&text).ok_or_else(|| serde::de::Error::custom("not base64"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_every_length() {
        // RFC 4648 section 10's test vectors.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64::encode(plain.as_bytes()), coded);
            assert_eq!(base64::decode(coded).unwrap(), plain.as_bytes());
        }
        assert_eq!(
            base64::decode("data:image/png;base64,Zm9v").unwrap(),
            b"foo"
        );
        assert_eq!(base64::decode("Zm9v!"), None);
    }

    #[test]
    fn escaping_leaves_no_markup_and_no_control_characters() {
        assert_eq!(
            escape("a<b & \"c\" 'd'>\u{1}\te"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\te"
        );
    }

    #[test]
    fn pictures_keep_their_aspect() {
        assert_eq!(fit(200, 100, 1000, 1000), (1000, 500));
        assert_eq!(fit(100, 200, 1000, 1000), (500, 1000));
    }
}
