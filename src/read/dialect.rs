//! Dialect sniffing: which delimiter, which line ending, how many header rows.

/// Delimiters tried, in order of preference on a tie (Danish exports use ';' most).
pub const CANDIDATES: [u8; 4] = [b';', b',', b'\t', b'|'];

/// Rows of the sample used to judge a delimiter.
const SAMPLE_ROWS: usize = 60;

/// What sniffing decided about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialect {
    /// Field delimiter.
    pub delimiter: u8,
    /// "crlf", "lf" or "cr" (the first line ending seen).
    pub line_ending: &'static str,
    /// Bytes to skip before the header: an Excel `sep=;` line.
    pub skip_bytes: usize,
}

/// Parses up to `limit` records of `sample` with `delimiter`, quotes respected.
pub fn sample_records(sample: &[u8], delimiter: u8, limit: usize) -> Vec<csv::ByteRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample);
    let mut records = Vec::new();
    let mut record = csv::ByteRecord::new();
    while records.len() < limit {
        match reader.read_byte_record(&mut record) {
            Ok(true) => records.push(record.clone()),
            _ => break,
        }
    }
    records
}

/// Chooses the delimiter whose field counts are most consistent over the first rows.
/// `complete` says whether `sample` is the whole file (else its last record may be cut).
pub fn sniff(sample: &[u8], complete: bool) -> Dialect {
    let (skip_bytes, forced) = excel_sep_line(sample);
    let body = &sample[skip_bytes..];
    let delimiter = forced.unwrap_or_else(|| best_delimiter(body, complete));
    Dialect {
        delimiter,
        line_ending: line_ending(body),
        skip_bytes,
    }
}

fn best_delimiter(body: &[u8], complete: bool) -> u8 {
    let mut best = (CANDIDATES[0], i64::MIN);
    for &delim in &CANDIDATES {
        let mut records = sample_records(body, delim, SAMPLE_ROWS);
        if !complete && records.len() > 1 {
            records.pop();
        }
        let score = consistency_score(&records);
        if score > best.1 {
            best = (delim, score);
        }
    }
    best.0
}

/// Rewards many rows agreeing on one field count greater than one, and more fields.
fn consistency_score(records: &[csv::ByteRecord]) -> i64 {
    if records.is_empty() {
        return i64::MIN + 1;
    }
    let header_fields = trimmed_len(&records[0]);
    if header_fields <= 1 {
        return i64::MIN + 2;
    }
    let agreeing = records
        .iter()
        .filter(|r| trimmed_len(r) == header_fields)
        .count() as i64;
    let total = records.len() as i64;
    // Agreement dominates; width breaks ties between consistent candidates.
    (agreeing * 1000 / total) * 1000 + (header_fields.min(999) as i64)
}

/// Field count ignoring trailing empty fields (trailing delimiters are common in exports).
fn trimmed_len(record: &csv::ByteRecord) -> usize {
    let mut n = record.len();
    while n > 1 && record.get(n - 1).is_some_and(|f| f.is_empty()) {
        n -= 1;
    }
    n
}

/// Excel writes `sep=;` as the first line when asked to; it names the delimiter.
fn excel_sep_line(sample: &[u8]) -> (usize, Option<u8>) {
    let lower = |b: u8| b.to_ascii_lowercase();
    if sample.len() >= 5
        && sample[..4]
            .iter()
            .map(|b| lower(*b))
            .eq(b"sep=".iter().copied())
    {
        let delim = sample[4];
        let mut end = 5;
        while end < sample.len() && (sample[end] == b'\r' || sample[end] == b'\n') {
            end += 1;
            if sample[end - 1] == b'\n' {
                break;
            }
        }
        if CANDIDATES.contains(&delim) {
            return (end, Some(delim));
        }
    }
    (0, None)
}

fn line_ending(body: &[u8]) -> &'static str {
    match memchr::memchr2(b'\r', b'\n', body) {
        Some(i) if body[i] == b'\r' && body.get(i + 1) == Some(&b'\n') => "crlf",
        Some(i) if body[i] == b'\r' => "cr",
        _ => "lf",
    }
}

/// The survey tool a header layout points to, and how many header rows it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderLayout {
    /// Rows of header (1, 2 or 3).
    pub rows: usize,
    /// "qualtrics" or "surveymonkey" when recognised.
    pub source: Option<&'static str>,
}

/// Recognises multi-row headers from the first records of the file.
pub fn header_layout(records: &[Vec<String>]) -> HeaderLayout {
    let single = HeaderLayout {
        rows: 1,
        source: None,
    };
    if records.len() >= 3 && records[2].iter().any(|c| is_import_id(c)) {
        return HeaderLayout {
            rows: 3,
            source: Some("qualtrics"),
        };
    }
    if records.len() >= 2 && is_surveymonkey_second_row(&records[0], &records[1]) {
        return HeaderLayout {
            rows: 2,
            source: Some("surveymonkey"),
        };
    }
    single
}

fn is_import_id(cell: &str) -> bool {
    let c = cell.trim_start();
    c.starts_with("{\"ImportId\"") || c.starts_with("{'ImportId'")
}

/// SurveyMonkey's second row names the sub-option of each column ("Response", "Open-Ended
/// Response", a choice text) and its first row is blank over the sub-columns of a question.
fn is_surveymonkey_second_row(first: &[String], second: &[String]) -> bool {
    const MARKERS: [&str; 4] = ["response", "open-ended response", "svar", "åbent svar"];
    let marked = second
        .iter()
        .filter(|c| MARKERS.iter().any(|m| c.trim().eq_ignore_ascii_case(m)))
        .count();
    let blanks_over_values = first
        .iter()
        .zip(second)
        .skip(1)
        .filter(|(a, b)| a.trim().is_empty() && !b.trim().is_empty())
        .count();
    marked >= 1 && (blanks_over_values >= 1 || marked * 2 >= second.len())
}

/// Folds multi-row headers into one label per column.
pub fn fold_headers(records: &[Vec<String>], layout: &HeaderLayout, width: usize) -> Vec<String> {
    let cell = |row: usize, col: usize| -> &str {
        records
            .get(row)
            .and_then(|r| r.get(col))
            .map(|s| s.trim())
            .unwrap_or("")
    };
    let mut labels = Vec::with_capacity(width);
    let mut carried = String::new();
    for col in 0..width {
        let label = match (layout.rows, layout.source) {
            (3, _) => {
                // Question text, falling back to the export tag.
                let text = cell(1, col);
                if text.is_empty() {
                    cell(0, col).to_string()
                } else {
                    text.to_string()
                }
            }
            (2, _) => {
                let top = cell(0, col);
                if !top.is_empty() {
                    carried = top.to_string();
                }
                let sub = cell(1, col);
                let generic = sub.is_empty()
                    || ["response", "open-ended response", "svar", "åbent svar"]
                        .iter()
                        .any(|m| sub.eq_ignore_ascii_case(m));
                if generic {
                    carried.clone()
                } else if carried.is_empty() {
                    sub.to_string()
                } else {
                    format!("{carried} – {sub}")
                }
            }
            _ => cell(0, col).to_string(),
        };
        labels.push(label);
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_consistent_delimiter() {
        // Commas inside the answers must not win over the semicolon delimiter.
        let text = b"Navn;Svar\n\"a, b\";Meget tilfreds, helt\nc;Tilfreds, ja\n";
        assert_eq!(sniff(text, true).delimiter, b';');
        let text = b"a,b,c\n1,\"x;y\",3\n4,5,6\n";
        assert_eq!(sniff(text, true).delimiter, b',');
        let text = b"a\tb\tc\r\n1\t2\t3\r\n";
        let d = sniff(text, true);
        assert_eq!((d.delimiter, d.line_ending), (b'\t', "crlf"));
        assert_eq!(sniff(b"a|b\r1|2\r", true).line_ending, "cr");
    }

    #[test]
    fn honours_excel_sep_line() {
        let d = sniff(b"sep=,\r\na;b,c\r\n", true);
        assert_eq!((d.delimiter, d.skip_bytes), (b',', 7));
    }

    #[test]
    fn recognises_qualtrics_and_surveymonkey() {
        let rows = |v: &[&[&str]]| -> Vec<Vec<String>> {
            v.iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect()
        };
        let q = rows(&[
            &["StartDate", "Q1"],
            &["Start Date", "Hvor tilfreds er du?"],
            &["{\"ImportId\":\"startDate\"}", "{\"ImportId\":\"QID1\"}"],
            &["2024-01-01", "Tilfreds"],
        ]);
        let layout = header_layout(&q);
        assert_eq!(
            layout,
            HeaderLayout {
                rows: 3,
                source: Some("qualtrics")
            }
        );
        assert_eq!(
            fold_headers(&q, &layout, 2),
            vec!["Start Date", "Hvor tilfreds er du?"]
        );

        let sm = rows(&[
            &["Respondent ID", "Hvilke ydelser?", "", "Kommentar"],
            &["", "Dagpenge", "Kontanthjælp", "Open-Ended Response"],
            &["1", "Dagpenge", "", "fint"],
        ]);
        let layout = header_layout(&sm);
        assert_eq!(layout.rows, 2);
        assert_eq!(
            fold_headers(&sm, &layout, 4),
            vec![
                "Respondent ID",
                "Hvilke ydelser? – Dagpenge",
                "Hvilke ydelser? – Kontanthjælp",
                "Kommentar"
            ]
        );
        let plain = rows(&[&["a", "b"], &["1", "2"]]);
        assert_eq!(header_layout(&plain).rows, 1);
    }
}
