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
    /// The first row holds variable names ("Q4", "Q39_2", "V1") over a row of question texts:
    /// the texts name the columns and the variable names are kept beside them.
    pub variable_row: bool,
    /// The first row is a title over the whole sheet ("Tilfredshedsundersøgelse 2024" in its
    /// first cell, nothing else): the second row names the columns.
    pub title_row: bool,
}

impl HeaderLayout {
    /// One header row, no survey tool.
    pub const SINGLE: HeaderLayout = HeaderLayout {
        rows: 1,
        source: None,
        variable_row: false,
        title_row: false,
    };
}

/// Records of the file's start that [`header_layout`] judges: the header rows and enough
/// answers below them to tell a second header row from a first row of answers.
pub const LAYOUT_SAMPLE_ROWS: usize = 30;

/// Recognises multi-row headers from the first records of the file (up to
/// [`LAYOUT_SAMPLE_ROWS`]):
///
/// * Qualtrics' three rows: variable names, question texts, and `{"ImportId": …}`;
/// * SurveyMonkey's two rows: questions over blank cells, and "Response" or the sub-option;
/// * a row of variable names over a row of question texts (Qualtrics' legacy export, `V1 … V10,
///   Q1, Q3_1`, or its current export with the ImportId row deleted);
/// * a question spanning its sub-items over blank cells or repeated over them, over a row
///   naming the sub-items (a LimeSurvey or Excel sheet re-saved with merged cells); a title in
///   the first cell over every column is such a row too, and then names nothing.
///
/// A second row is a header row only when none of its cells reads as an answer (a number, a
/// scale step, "Ved ikke", a value of the column below it): an ordinary file with a few blank
/// headers keeps its one header row.
pub fn header_layout(records: &[Vec<String>]) -> HeaderLayout {
    if records.len() >= 3 && records[2].iter().any(|c| is_import_id(c)) {
        return HeaderLayout {
            rows: 3,
            source: Some("qualtrics"),
            variable_row: true,
            title_row: false,
        };
    }
    if records.len() < 2 {
        return HeaderLayout::SINGLE;
    }
    let (first, second, below) = (&records[0], &records[1], &records[2..]);
    if is_surveymonkey_second_row(first, second) {
        return HeaderLayout {
            rows: 2,
            source: Some("surveymonkey"),
            variable_row: false,
            title_row: false,
        };
    }
    if let Some(qualtrics) = variable_row_over_texts(first, second, below) {
        return HeaderLayout {
            rows: 2,
            source: qualtrics.then_some("qualtrics"),
            variable_row: true,
            title_row: false,
        };
    }
    if let Some(questions) = spans_over_items(first, second, below) {
        return HeaderLayout {
            rows: 2,
            source: None,
            variable_row: false,
            // One text in the first cell over every column is the sheet's title.
            title_row: questions == 1 && !at(first, 0).is_empty(),
        };
    }
    HeaderLayout::SINGLE
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

/// The trimmed cell `col` of `row`, "" past its end.
fn at(row: &[String], col: usize) -> &str {
    row.get(col).map_or("", |c| c.trim())
}

/// A variable name: a letter, then letters, digits, '_' or '.', no spaces, at most 40 bytes
/// ("Q4", "Q39_2", "V10", "StartDate", "Duration__in_seconds_"), perhaps with a sub-question
/// code in brackets at its end (LimeSurvey's "Q2[SQ001]").
pub fn is_variable_name(cell: &str) -> bool {
    let c = cell.trim();
    let (name, code) = match c.split_once('[') {
        Some((name, rest)) => (name, rest.strip_suffix(']')),
        None => (c, Some("")),
    };
    let plain = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
    };
    c.len() <= 40
        && name.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && plain(name)
        && code.is_some_and(plain)
}

/// A numbered variable name as survey tools make them: one to four letters, digits, and parts
/// after '_' or '.' ("Q4", "Q39_2", "V10", "QID12", "Q5_4_TEXT", "Q1.2").
fn is_numbered_variable(cell: &str) -> bool {
    let c = cell.trim();
    let letters = c.bytes().take_while(u8::is_ascii_alphabetic).count();
    let digits = c[letters..].bytes().take_while(u8::is_ascii_digit).count();
    let rest = &c[letters + digits..];
    (1..=4).contains(&letters)
        && digits >= 1
        && is_variable_name(c)
        && (rest.is_empty() || rest.starts_with(['_', '.', '[']))
}

/// Qualtrics' own variable names of its metadata columns (lower case, letters only).
const QUALTRICS_VARIABLES: &[&str] = &[
    "startdate",
    "enddate",
    "status",
    "ipaddress",
    "progress",
    "durationinseconds",
    "finished",
    "recordeddate",
    "responseid",
    "responseset",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "externaldatareference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
];

/// Whether `cell` of column `col` reads as an answer: by its words
/// ([`looks_like_answer`](crate::infer::looks_like_answer)), or because the rows `below` hold
/// it beside other answers (a checkbox column named after its one choice holds only that
/// choice, and is not counted), or because it holds a digit and has the form of most of the
/// answers below ("R_2" over "R_3", "R_4").
fn answer_like(cell: &str, col: usize, below: &[Vec<String>]) -> bool {
    if crate::infer::looks_like_answer(cell) {
        return true;
    }
    let answers: Vec<&str> = below
        .iter()
        .map(|r| at(r, col))
        .filter(|v| !v.is_empty())
        .collect();
    let same = answers
        .iter()
        .filter(|v| v.eq_ignore_ascii_case(cell))
        .count();
    if same > 0 && same < answers.len() {
        return true;
    }
    if cell.bytes().any(|b| b.is_ascii_digit()) && !answers.is_empty() {
        let shape = crate::infer::header_row::form(cell);
        let alike = answers
            .iter()
            .filter(|v| crate::infer::header_row::form(v) == shape)
            .count();
        return alike * 2 >= answers.len();
    }
    false
}

/// A question text rather than a label: three words or more, or a question mark or a colon at
/// its end.
fn is_question_text(cell: &str) -> bool {
    cell.split_whitespace().count() >= 3 || cell.ends_with(['?', ':'])
}

/// A first row of variable names over a second row of question texts, answers below:
/// `Some(true)` when the names are Qualtrics' (numbered, `V1`, `Q4`, or its metadata names),
/// `Some(false)` for another tool's names, `None` when the second row is answers.
///
/// Every named column has a variable name; at least half of them are numbered names or
/// Qualtrics' metadata names, and at least two are numbered; the second row differs from the
/// first in at least half of the columns, holds at least one question text, and no cell of it
/// reads as an answer.
fn variable_row_over_texts(
    first: &[String],
    second: &[String],
    below: &[Vec<String>],
) -> Option<bool> {
    let width = first.len().max(second.len());
    let cols: Vec<usize> = (0..width)
        .filter(|&c| !at(first, c).is_empty() || !at(second, c).is_empty())
        .collect();
    if cols.len() < 2 || cols.iter().any(|&c| !is_variable_name(at(first, c))) {
        return None;
    }
    let numbered = cols
        .iter()
        .filter(|&&c| is_numbered_variable(at(first, c)))
        .count();
    let known = cols
        .iter()
        .filter(|&&c| {
            let compact =
                crate::util::text::letters_and_digits(&crate::util::text::lower(at(first, c)));
            QUALTRICS_VARIABLES.contains(&compact.as_str())
        })
        .count();
    if numbered < 2 || (numbered + known) * 2 < cols.len() {
        return None;
    }
    let differing: Vec<usize> = cols
        .iter()
        .copied()
        .filter(|&c| !at(second, c).is_empty() && at(second, c) != at(first, c))
        .collect();
    if differing.len() * 2 < cols.len()
        || !differing.iter().any(|&c| is_question_text(at(second, c)))
        || differing
            .iter()
            .any(|&c| answer_like(at(second, c), c, below))
    {
        return None;
    }
    // Qualtrics' names: its metadata names, or V1/Q4 names, never LimeSurvey's "Q2[SQ001]".
    let bracketed = cols.iter().any(|&c| at(first, c).contains('['));
    let qualtrics = !bracketed
        && (known > 0
            || cols.iter().any(|&c| {
                let name = at(first, c);
                is_numbered_variable(name) && (name.starts_with('Q') || name.starts_with('V'))
            }));
    Some(qualtrics)
}

/// A first row where a question spans its sub-items over blank cells, over a second row naming
/// the sub-items, answers below:
///
/// * at least one question has a blank cell after it in the first row (or the same question
///   again: a merged cell written out) with a sub-item under that cell, and every blank cell
///   of the first row with something under it belongs to such a question (nothing under a
///   blank cell before the first question);
/// * the sub-items of one question differ from each other;
/// * no cell of the second row reads as an answer, and there is at least one row below.
///
/// Returns how many cells of the first row hold a question (or a title).
fn spans_over_items(first: &[String], second: &[String], below: &[Vec<String>]) -> Option<usize> {
    if below.is_empty() {
        return None;
    }
    let width = first.len().max(second.len());
    let (mut spans, mut questions) = (0, 0);
    let mut open: Option<usize> = None;
    let mut items: Vec<&str> = Vec::new();
    for col in 0..width {
        let (top, sub) = (at(first, col), at(second, col));
        // A merged cell written out repeats the question over its sub-items.
        let repeated =
            !top.is_empty() && open.is_some_and(|o| at(first, o).eq_ignore_ascii_case(top));
        if !top.is_empty() && !repeated {
            open = Some(col);
            questions += 1;
            items.clear();
        } else if !sub.is_empty() {
            open?;
            spans += 1;
        }
        if !sub.is_empty() {
            if items.iter().any(|i| i.eq_ignore_ascii_case(sub)) || answer_like(sub, col, below) {
                return None;
            }
            items.push(sub);
        }
    }
    (spans >= 1).then_some(questions)
}

/// Folds multi-row headers into one label per column.
pub fn fold_headers(records: &[Vec<String>], layout: &HeaderLayout, width: usize) -> Vec<String> {
    let cell = |row: usize, col: usize| -> &str { records.get(row).map_or("", |r| at(r, col)) };
    let mut labels = Vec::with_capacity(width);
    let mut carried = String::new();
    for col in 0..width {
        let label = if layout.title_row {
            cell(1, col).to_string()
        } else if layout.variable_row {
            // Question text, falling back to the variable name.
            let text = cell(1, col);
            if text.is_empty() {
                cell(0, col).to_string()
            } else {
                text.to_string()
            }
        } else if layout.rows == 2 {
            let top = cell(0, col);
            if !top.is_empty() {
                carried = top.to_string();
            }
            let sub = cell(1, col);
            let generic = sub.is_empty()
                || sub.eq_ignore_ascii_case(&carried)
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
        } else {
            cell(0, col).to_string()
        };
        labels.push(label);
    }
    labels
}

/// Per column, the variable name a layout with a variable row keeps beside the question text
/// ("Q4" beside "Hvor tilfreds er du?"); `None` for other layouts, for a cell that is no
/// variable name, and where the name is the label itself.
pub fn header_variables(
    records: &[Vec<String>],
    layout: &HeaderLayout,
    labels: &[String],
) -> Vec<Option<String>> {
    labels
        .iter()
        .enumerate()
        .map(|(col, label)| {
            let name = records.first().map_or("", |r| at(r, col));
            (layout.variable_row && is_variable_name(name) && name != label)
                .then(|| name.to_string())
        })
        .collect()
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
                source: Some("qualtrics"),
                variable_row: true,
                title_row: false,
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
