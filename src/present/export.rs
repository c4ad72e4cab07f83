//! Table export to CSV files and to the clipboard, with protection against spreadsheet
//! formula injection.

use crate::words::lang::Lang;
use std::borrow::Cow;

/// A table of strings: header row + body rows, as shown beside a chart.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Table {
    /// Column headings (may be empty: then no header line is written).
    pub header: Vec<String>,
    /// Body rows; they may differ in length.
    pub rows: Vec<Vec<String>>,
}

/// Neutralises spreadsheet formula injection (OWASP "CSV Injection"): a cell starting with
/// '=', '+', '-', '@', TAB, CR, LF or NUL is prefixed with a single quote ('), which makes
/// Excel and LibreOffice treat it as text. Numbers as the app formats them ("-0,3", "-12.5",
/// "+1,5", "-81,3 %") are left alone: a spreadsheet must still see them as numbers.
pub fn neutralize_cell(cell: &str) -> Cow<'_, str> {
    let dangerous = matches!(
        cell.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\n' | '\0')
    );
    if dangerous && !is_formatted_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A signed number such as "-1.234,5", "+3.42" or "-12,5 %": an optional sign, digits with
/// single '.' or ',' marks between them, and an optional percent sign. Nothing in that shape
/// can name a function or a cell range, so it cannot carry a formula.
fn is_formatted_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let body = body
        .strip_suffix('%')
        .map(|b| b.strip_suffix([' ', '\u{a0}']).unwrap_or(b))
        .unwrap_or(body);
    let bytes = body.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() || !bytes[bytes.len() - 1].is_ascii_digit() {
        return false;
    }
    bytes
        .windows(2)
        .all(|w| w[0].is_ascii_digit() || w[1].is_ascii_digit())
        && bytes
            .iter()
            .all(|&b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// The table as CSV: every field quoted, ';' between fields in Danish (where ',' is the
/// decimal mark) and ',' in English, CRLF line ends, every cell neutralised, and a UTF-8 byte
/// order mark so that Excel reads æ, ø and å correctly.
pub fn table_to_csv(table: &Table, lang: Lang) -> Vec<u8> {
    let delimiter = match lang {
        Lang::Da => b';',
        Lang::En => b',',
    };
    let mut out = "\u{feff}".as_bytes().to_vec();
    let header = (!table.header.is_empty()).then_some(&table.header);
    for record in header.into_iter().chain(&table.rows) {
        // As the `csv` crate writes with every field quoted: quotes doubled, and a record
        // without fields written as one empty field.
        if record.is_empty() {
            out.extend_from_slice(b"\"\"");
        }
        for (i, cell) in record.iter().enumerate() {
            if i > 0 {
                out.push(delimiter);
            }
            out.push(b'"');
            for &b in neutralize_cell(cell).as_bytes() {
                if b == b'"' {
                    out.push(b'"');
                }
                out.push(b);
            }
            out.push(b'"');
        }
        out.extend_from_slice(b"\r\n");
    }
    out
}

/// The table as tab-separated text for the clipboard (pastes as a table into Excel and Word):
/// one line per row, tabs and line breaks inside cells replaced by spaces, cells neutralised
/// like [`table_to_csv`].
pub fn table_to_tsv(table: &Table) -> String {
    let header = (!table.header.is_empty()).then_some(&table.header);
    header
        .into_iter()
        .chain(&table.rows)
        .map(|row| {
            row.iter()
                .map(|cell| {
                    neutralize_cell(cell)
                        .replace("\r\n", " ")
                        .replace(['\t', '\r', '\n'], " ")
                })
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let text = text.strip_prefix('\u{feff}').expect("BOM");
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn written_as_the_csv_crate_writes_with_every_field_quoted() {
        let table = Table {
            header: vec!["Spørgsmål".into(), "a \"b\" c".into(), String::new()],
            rows: vec![
                vec![],
                vec![String::new()],
                vec![
                    "\"".into(),
                    "x;y,z".into(),
                    "line\r\nbreak\n".into(),
                    "=1+1".into(),
                ],
                vec!["-12,5 %".into(), "\"\"".into()],
            ],
        };
        for (lang, delimiter) in [(Lang::Da, b';'), (Lang::En, b',')] {
            let mut expected = "\u{feff}".as_bytes().to_vec();
            {
                let mut writer = csv::WriterBuilder::new()
                    .delimiter(delimiter)
                    .quote_style(csv::QuoteStyle::Always)
                    .terminator(csv::Terminator::CRLF)
                    .flexible(true)
                    .from_writer(&mut expected);
                for record in std::iter::once(&table.header).chain(&table.rows) {
                    writer
                        .write_record(record.iter().map(|c| neutralize_cell(c).into_owned()))
                        .unwrap();
                }
                writer.flush().unwrap();
            }
            assert_eq!(table_to_csv(&table, lang), expected);
        }
    }

    #[test]
    fn dangerous_first_characters_are_prefixed() {
        let cases = [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            (
                "@SUM(1+1)*cmd|' /C calc'!A0",
                "'@SUM(1+1)*cmd|' /C calc'!A0",
            ),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("\n=1+1", "'\n=1+1"),
            ("\0=1+1", "'\0=1+1"),
            ("-", "'-"),
            ("+", "'+"),
            ("-A1", "'-A1"),
            ("-1+1", "'-1+1"),
            ("-1e5", "'-1e5"),
            ("-1,,2", "'-1,,2"),
            ("-1,", "'-1,"),
        ];
        for (input, expected) in cases {
            assert_eq!(neutralize_cell(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn numbers_and_plain_text_are_unchanged() {
        for cell in [
            "-0,3",
            "-12.5",
            "81,3\u{a0}%",
            "81.3%",
            "-81,3 %",
            "+1,5",
            "-1.234,5",
            "3,42",
            "17.177",
            "Meget enig",
            "Skole & Børn",
            "–",
            "",
            " =not at start",
            "a=b",
            "50%",
        ] {
            assert!(
                matches!(neutralize_cell(cell), Cow::Borrowed(_)),
                "cell {cell:?}"
            );
            assert_eq!(neutralize_cell(cell), cell);
        }
    }

    fn tricky_table() -> Table {
        Table {
            header: vec!["Spørgsmål".into(), "Andel; positiv".into(), "n".into()],
            rows: vec![
                vec!["=1+1".into(), "81,3\u{a0}%".into(), "1.234".into()],
                vec!["+A1".into(), "-0,3".into(), "-12.5".into()],
                vec!["-cmd".into(), "@x".into(), "\tTab".into()],
                vec!["\rcr".into(), "\nlf".into(), "\0nul".into()],
                vec!["semi;colon".into(), "com,ma".into(), "quo\"te".into()],
                vec![
                    "line\nbreak".into(),
                    "crlf\r\nbreak".into(),
                    "æøå ÆØÅ".into(),
                ],
                vec!["short row".into()],
            ],
        }
    }

    fn expected(cell: &str) -> String {
        neutralize_cell(cell).into_owned()
    }

    #[test]
    fn csv_round_trips_in_both_languages() {
        let table = tricky_table();
        for (lang, delimiter) in [(Lang::Da, b';'), (Lang::En, b',')] {
            let bytes = table_to_csv(&table, lang);
            assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
            let parsed = parse(&bytes, delimiter);
            let all: Vec<&Vec<String>> =
                std::iter::once(&table.header).chain(&table.rows).collect();
            assert_eq!(parsed.len(), all.len());
            for (got, want) in parsed.iter().zip(all) {
                let want: Vec<String> = want.iter().map(|c| expected(c)).collect();
                assert_eq!(got, &want);
            }
            // Every cell neutralised means no parsed cell can start a formula.
            for cell in parsed.iter().flatten() {
                if let Some(first) = cell.chars().next() {
                    assert!(
                        !matches!(first, '=' | '+' | '@' | '\t' | '\r' | '\n' | '\0')
                            || is_formatted_number(cell),
                        "{cell:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn csv_quotes_every_field_and_keeps_numbers() {
        let table = Table {
            header: vec!["a".into(), "b".into()],
            rows: vec![vec!["-0,3".into(), "81,3 %".into()]],
        };
        let text = String::from_utf8(table_to_csv(&table, Lang::Da)).unwrap();
        assert_eq!(text, "\u{feff}\"a\";\"b\"\r\n\"-0,3\";\"81,3 %\"\r\n");
        let text = String::from_utf8(table_to_csv(&table, Lang::En)).unwrap();
        assert_eq!(text, "\u{feff}\"a\",\"b\"\r\n\"-0,3\",\"81,3 %\"\r\n");
    }

    #[test]
    fn csv_of_empty_table_is_just_the_bom() {
        assert_eq!(
            table_to_csv(&Table::default(), Lang::Da),
            "\u{feff}".as_bytes()
        );
        assert_eq!(table_to_tsv(&Table::default()), "");
    }

    #[test]
    fn tsv_has_one_line_per_row_and_neutralised_cells() {
        let table = tricky_table();
        let tsv = table_to_tsv(&table);
        let lines: Vec<&str> = tsv.split('\n').collect();
        assert_eq!(lines.len(), table.rows.len() + 1);
        assert!(!tsv.contains('\r'));
        let all: Vec<&Vec<String>> = std::iter::once(&table.header).chain(&table.rows).collect();
        for (line, row) in lines.iter().zip(all) {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), row.len(), "{line:?}");
            for (cell, original) in cells.iter().zip(row) {
                let want = expected(original)
                    .replace("\r\n", " ")
                    .replace(['\t', '\r', '\n'], " ");
                assert_eq!(*cell, want);
                assert!(!cell.starts_with(['=', '+', '@']), "{cell:?}");
            }
        }
        assert_eq!(lines[1], "'=1+1\t81,3\u{a0}%\t1.234");
        assert_eq!(lines[2], "'+A1\t-0,3\t-12.5");
        assert_eq!(lines[3], "'-cmd\t'@x\t' Tab");
        assert_eq!(lines[6], "line break\tcrlf break\tæøå ÆØÅ");
    }
}
