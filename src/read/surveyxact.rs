//! SurveyXact's CSV export: three files dropped together.
//!
//! * `dataset.csv`: one header row of variable names (`s_1`, `v_1_1`, `stato_4`, …) and one
//!   row per invited person holding answer *codes*, non-respondents included;
//! * `structure.csv`: a header (`questionName`, `variableName`, `questionType`, `subType`,
//!   `questionText`, `choiceValue`, `choiceText`) and one row per variable;
//! * `labels.csv`: no header; `variable;code;label` per answer code, labels often with
//!   trailing spaces.
//!
//! SurveyXact writes them as "European format" (`;`, Windows-1252), comma-separated
//! Windows-1252, or "Unicode text" (UTF-16 LE, tab; the structure file then has an extra empty
//! column). [`join`] turns the three into one dataset that reads like any other export: labels
//! instead of codes, question texts instead of variable names, non-respondents left out and
//! counted in the response rate.

use std::collections::{HashMap, HashSet};

use crate::infer::{labels, normalize_label, pii};
use crate::model::dataset::{numbers_of, ColumnData, Dataset, CODE_EMPTY, CODE_OTHER};
use crate::read::decode::{decode_windows_1252, sniff_encoding, TextEncoding, Utf16Decoder};
use crate::read::dialect;
use crate::util::number::ShapeTally;
use crate::util::text;
use crate::words::errors::Error;

/// One row of `structure.csv`: a variable of the questionnaire.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Variable {
    /// The question the variable belongs to (`v_1` for the choices `v_1_1`, `v_1_2`, …).
    pub question_name: String,
    /// The variable's name, as in the dataset's header.
    pub variable_name: String,
    /// "Closed" or "Open".
    pub question_type: String,
    /// "Single", "Multiple", "String", "Number", …
    pub sub_type: String,
    /// The question text (for matrix items "Question - statement").
    pub question_text: String,
    /// The code of the choice for multiple-choice variables.
    pub choice_value: String,
    /// The text of the choice for multiple-choice variables.
    pub choice_text: String,
}

/// One row of `labels.csv`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValueLabel {
    /// The variable's name.
    pub variable: String,
    /// The code as written in the dataset.
    pub value: String,
    /// The answer text, trimmed.
    pub label: String,
}

/// Which of several dropped files form a SurveyXact export (indices into the given list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Triple {
    /// `dataset.csv`.
    pub dataset: usize,
    /// `structure.csv`.
    pub structure: usize,
    /// `labels.csv`.
    pub labels: usize,
}

/// The response status of one invited person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Gennemført / Gjennomført / Completed.
    Completed,
    /// Delvist besvaret / Noen svar / Partially completed.
    Partial,
    /// Ny, Distribueret, Frafaldet: invited but no answers.
    NotAnswered,
    /// No status, or one not recognised.
    Unknown,
}

/// Decodes a whole text file in whichever encoding SurveyXact (or Excel) wrote it.
pub fn decode_text(bytes: &[u8]) -> Result<String, Error> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    let encoding = sniff_encoding(bytes, true)?;
    let body = bytes.get(encoding.bom_len()..).unwrap_or(&[]);
    let text = match encoding {
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let mut out = Vec::with_capacity(body.len() * 3 / 2);
            Utf16Decoder::new(encoding == TextEncoding::Utf16Be).decode(body, true, &mut out);
            String::from_utf8(out).unwrap_or_default()
        }
        TextEncoding::Windows1252 => decode_windows_1252(body),
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => String::from_utf8_lossy(body).into_owned(),
    };
    // Stray NULs occur in UTF-16 exports.
    Ok(text.replace('\0', ""))
}

/// Most records read from a structure or labels file.
const MAX_RECORDS: usize = 1_000_000;

/// Splits decoded text into records with the sniffed delimiter, quotes respected.
fn records(text: &str) -> Vec<Vec<String>> {
    let d = dialect::sniff(text.as_bytes(), true);
    let body = text.as_bytes().get(d.skip_bytes..).unwrap_or(&[]);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(d.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    while out.len() < MAX_RECORDS {
        match reader.read_byte_record(&mut record) {
            Ok(true) => out.push(
                record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect(),
            ),
            _ => break,
        }
    }
    out
}

/// Reads `structure.csv`. Fails when the file has no `variableName` and `questionText`
/// columns.
pub fn parse_structure(bytes: &[u8]) -> Result<Vec<Variable>, Error> {
    let not = Error::NotSurveyXact("structure");
    let text = decode_text(bytes).map_err(|_| not.clone())?;
    let recs = records(&text);
    let header = recs.first().ok_or(not.clone())?;
    let find = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(var), Some(text_col)) = (find("variableName"), find("questionText")) else {
        return Err(not);
    };
    let cols = [
        find("questionName"),
        find("questionType"),
        find("subType"),
        find("choiceValue"),
        find("choiceText"),
    ];
    let get = |rec: &[String], i: Option<usize>| {
        i.and_then(|i| rec.get(i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    Ok(recs
        .iter()
        .skip(1)
        .filter_map(|rec| {
            let variable_name = get(rec, Some(var));
            (!variable_name.is_empty()).then(|| Variable {
                question_name: get(rec, cols[0]),
                variable_name,
                question_type: get(rec, cols[1]),
                sub_type: get(rec, cols[2]),
                question_text: get(rec, Some(text_col)),
                choice_value: get(rec, cols[3]),
                choice_text: get(rec, cols[4]),
            })
        })
        .collect())
}

/// Reads `labels.csv` (no header: variable, code, label). Fails when no line has three fields.
pub fn parse_labels(bytes: &[u8]) -> Result<Vec<ValueLabel>, Error> {
    let not = Error::NotSurveyXact("labels");
    let text = match decode_text(bytes) {
        Ok(text) => text,
        // A questionnaire without closed questions has no labels.
        Err(Error::Empty) => return Ok(Vec::new()),
        Err(_) => return Err(not),
    };
    let labels: Vec<ValueLabel> = records(&text)
        .iter()
        .filter(|rec| rec.len() >= 3)
        .filter_map(|rec| {
            let variable = rec[0].trim().to_string();
            let value = rec[1].trim().to_string();
            (!variable.is_empty() && !value.is_empty()).then(|| ValueLabel {
                variable,
                value,
                label: rec[2].trim().to_string(),
            })
        })
        .collect();
    if labels.is_empty() {
        return Err(not);
    }
    Ok(labels)
}

/// Which part of an export a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Dataset,
    Structure,
    Labels,
}

fn role_by_name(name: &str) -> Option<Role> {
    let base = text::lower(name.rsplit(['/', '\\']).next().unwrap_or(name));
    let stem = base
        .strip_suffix(".csv")
        .or_else(|| base.strip_suffix(".txt"))?;
    [
        ("dataset", Role::Dataset),
        ("structure", Role::Structure),
        ("labels", Role::Labels),
    ]
    .iter()
    .find(|(word, _)| stem.starts_with(word))
    .map(|(_, role)| *role)
}

/// The first records of a file, decoded (only the start of a large file is looked at).
fn head_records(bytes: &[u8], limit: usize) -> Vec<Vec<String>> {
    let mut end = bytes.len().min(64 * 1024);
    // Keep UTF-16 code units whole.
    if end < bytes.len() && end % 2 == 1 {
        end -= 1;
    }
    match decode_text(&bytes[..end]) {
        Ok(text) => {
            let mut recs = records(&text);
            recs.truncate(limit);
            recs
        }
        Err(_) => Vec::new(),
    }
}

fn is_variable_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().next().is_some_and(text::is_letter)
        && s.chars()
            .all(|c| text::is_letter_or_digit(c) || c == '_' || c == '.')
}

fn role_by_content(bytes: &[u8]) -> Option<Role> {
    let recs = head_records(bytes, 20);
    let first = recs.first()?;
    let has = |name: &str| first.iter().any(|h| h.trim().eq_ignore_ascii_case(name));
    if has("variableName") && has("questionText") {
        return Some(Role::Structure);
    }
    let label_like = |r: &Vec<String>| {
        r.len() >= 3 && is_variable_name(&r[0]) && r[1].trim().parse::<i64>().is_ok()
    };
    if recs.iter().all(label_like) {
        return Some(Role::Labels);
    }
    let named = first.iter().filter(|h| !h.trim().is_empty()).count();
    if recs.len() >= 2
        && named >= 2
        && first
            .iter()
            .all(|h| h.trim().is_empty() || is_variable_name(h))
    {
        return Some(Role::Dataset);
    }
    None
}

/// Tells which of several dropped files are a SurveyXact export: by their names
/// (`dataset*.csv`, `structure*.csv`, `labels*.csv`) and otherwise by their content (the
/// structure header, label lines of variable;code;label, a header of variable names that the
/// structure lists). `None` unless all three are found.
pub fn recognise(files: &[(&str, &[u8])]) -> Option<Triple> {
    let roles: Vec<Option<Role>> = files
        .iter()
        .map(|(name, bytes)| role_by_name(name).or_else(|| role_by_content(bytes)))
        .collect();
    let first = |role: Role| roles.iter().position(|r| *r == Some(role));
    let triple = Triple {
        dataset: first(Role::Dataset)?,
        structure: first(Role::Structure)?,
        labels: first(Role::Labels)?,
    };
    // Content must agree with names: the structure parses and names most dataset variables.
    let vars = parse_structure(files[triple.structure].1).ok()?;
    let known: HashSet<&str> = vars.iter().map(|v| v.variable_name.as_str()).collect();
    let header = head_records(files[triple.dataset].1, 1);
    let names: Vec<&String> = header
        .first()?
        .iter()
        .filter(|h| !h.trim().is_empty())
        .collect();
    let matched = names.iter().filter(|h| known.contains(h.trim())).count();
    (matched * 2 >= names.len() && matched > 0).then_some(triple)
}

/// Reads a dropped SurveyXact export: recognises the three files, reads the dataset and joins
/// the structure and labels to it.
pub fn read(files: &[(&str, &[u8])]) -> Result<Dataset, Error> {
    let t = recognise(files).ok_or(Error::NotSurveyXact("dataset"))?;
    // The codes are relabelled first; `join` then cleans, hides and recognises.
    let mut analyzer = crate::Analyzer::new(crate::ReadOptions::default());
    analyzer.push(files[t.dataset].1)?;
    let dataset = analyzer.finish_unpublished()?;
    join(dataset, files[t.structure].1, files[t.labels].1)
}

/// The status a SurveyXact status label stands for, in Danish, Norwegian or English.
pub fn status_of_label(label: &str) -> Status {
    let k = normalize_label(label);
    let any = |words: &[&str]| words.iter().any(|w| k.contains(w));
    if any(&[
        "delvist",
        "delvis",
        "nogen svar",
        "noen svar",
        "nogle svar",
        "partial",
        "påbegyndt",
    ]) {
        Status::Partial
    } else if any(&["ikke ", "not "]) {
        Status::NotAnswered
    } else if any(&[
        "gennemført",
        "gjennomført",
        "fullført",
        "complete",
        "finished",
        "besvaret",
        "besvart",
    ]) {
        Status::Completed
    } else if k == "ny"
        || k == "new"
        || any(&[
            "distribue",
            "distribut",
            "frafald",
            "frafall",
            "frafalt",
            "dropped",
            "afvist",
            "declined",
        ])
    {
        Status::NotAnswered
    } else {
        Status::Unknown
    }
}

/// SurveyXact's fixed status numbering, when no label says otherwise.
fn status_of_number(n: &str) -> Status {
    match n.trim() {
        "1" | "2" | "5" => Status::NotAnswered,
        "3" => Status::Partial,
        "4" => Status::Completed,
        _ => Status::Unknown,
    }
}

/// True for the status variables: `stato_1`…`stato_5`, `statoverall_1`…, or the question
/// "statoverall" in the structure.
fn status_dummy_number(name: &str) -> Option<&str> {
    let lower = name.trim();
    for prefix in ["stato_", "statoverall_", "Stato_", "Statoverall_"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
                return Some(rest);
            }
        }
    }
    None
}

fn is_status_single(name: &str) -> bool {
    let n = text::lower(name.trim());
    n == "statoverall" || n == "stato"
}

/// The value of `col` in row `row`, from the row codes.
fn value_at(col: &ColumnData, row: usize) -> Option<&str> {
    let code = *col.codes.as_ref()?.get(row)?;
    if code == CODE_EMPTY || code == CODE_OTHER {
        return None;
    }
    col.profile
        .values
        .get(code as usize - 1)
        .map(|(v, _)| v.as_str())
}

/// Each row's status, from the status columns; `None` when the dataset has none that can be
/// read. Also returns the status columns.
fn row_statuses(
    dataset: &Dataset,
    vars: &HashMap<&str, &Variable>,
    labels: &HashMap<&str, HashMap<&str, &str>>,
) -> Option<(Vec<Status>, Vec<usize>)> {
    let rows = usize::try_from(dataset.facts.rows).ok()?;
    let mut dummies: Vec<(usize, Status)> = Vec::new();
    let mut single: Option<usize> = None;
    for (i, col) in dataset.columns.iter().enumerate() {
        let name = col.profile.name.trim();
        let var = vars.get(name);
        let in_status_question = var.is_some_and(|v| {
            v.question_name.eq_ignore_ascii_case("statoverall")
                && v.sub_type.eq_ignore_ascii_case("multiple")
        });
        if let Some(number) = status_dummy_number(name).or_else(|| {
            in_status_question.then(|| var.map(|v| v.choice_value.as_str()).unwrap_or(""))
        }) {
            let by_label = var.map_or(Status::Unknown, |v| status_of_label(&v.choice_text));
            let status = match by_label {
                Status::Unknown => status_of_number(number),
                s => s,
            };
            dummies.push((i, status));
        } else if single.is_none() && is_status_single(name) {
            single = Some(i);
        }
    }
    let mut out = vec![Status::Unknown; rows];
    if !dummies.is_empty() {
        for &(c, status) in &dummies {
            let col = &dataset.columns[c];
            col.codes.as_ref()?;
            for (r, slot) in out.iter_mut().enumerate() {
                let chosen = value_at(col, r).is_some_and(|v| {
                    let k = normalize_label(v);
                    k == "1" || k == "valgt"
                });
                if chosen && *slot == Status::Unknown {
                    *slot = status;
                }
            }
        }
        return Some((out, dummies.iter().map(|(c, _)| *c).collect()));
    }
    let c = single?;
    let col = &dataset.columns[c];
    col.codes.as_ref()?;
    let map = labels.get(col.profile.name.trim());
    for (r, slot) in out.iter_mut().enumerate() {
        if let Some(v) = value_at(col, r) {
            let by_label = map
                .and_then(|m| m.get(v.trim()))
                .map_or(Status::Unknown, |l| status_of_label(l));
            *slot = match by_label {
                Status::Unknown => status_of_label(v),
                s => s,
            };
            if *slot == Status::Unknown {
                *slot = status_of_number(v);
            }
        }
    }
    Some((out, vec![c]))
}

/// Recomputes what the profile derives from its values (numbers, CPR-like cells, lengths).
/// Only for columns that kept every distinct value.
fn refresh_profile(col: &mut ColumnData) {
    if col.profile.overflowed {
        return;
    }
    let p = &mut col.profile;
    let (numeric, numeric_cells) = numbers_of(
        p.values.iter().map(|(v, n)| (v.as_bytes(), *n)),
        ShapeTally::default(),
    );
    let (mut cpr_cells, mut cpr_tokens) = (0u64, 0u64);
    let (mut max_len, mut total_len) = (0usize, 0u64);
    for (value, count) in &p.values {
        let bytes = value.as_bytes();
        if pii::is_cpr_like(bytes) {
            cpr_cells += count;
        }
        cpr_tokens += u64::from(pii::count_cpr_tokens(bytes)) * count;
        max_len = max_len.max(bytes.len());
        total_len += bytes.len() as u64 * count;
    }
    p.numeric_cells = numeric_cells;
    // Hidden labels no longer show the CPR numbers they held: keep what was counted before.
    if p.hidden_labels == 0 {
        p.cpr_cells = cpr_cells;
        p.cpr_tokens = cpr_tokens;
    }
    p.max_len = max_len;
    p.total_len = total_len;
    col.numeric = numeric;
}

/// The status a column of SurveyXact's one-file export stands for: `Samlet status - Gennemført`,
/// `Overall Status - Partially Complete`, … (0/1 per row).
fn status_column(name: &str) -> Option<Status> {
    let lower = text::lower(name.trim());
    let rest = [
        "samlet status",
        "overall status",
        "samlet svarstatus",
        "samla status",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p))?;
    let rest = rest.trim_start_matches([' ', '-', '\u{2013}', ':', '\u{a0}']);
    match status_of_label(rest) {
        Status::Unknown => None,
        s => Some(s),
    }
}

/// SurveyXact's one-file export: its `Samlet status - Ny / Distribueret / Nogen svar /
/// Gennemført / Frafaldet` columns (`Overall Status - …` in English) say per row whether the
/// person answered. The rows that only were invited are left out of every base, all rows are
/// the number invited, the complete and partial answers are counted, and the status columns
/// are metadata, not questions. Nothing changes for a file without such columns. A row without
/// a recognised status is kept: answers are never dropped on a guess.
pub fn apply_status_columns(dataset: &mut Dataset, lang: crate::words::lang::Lang) {
    let status_cols: Vec<(usize, Status)> = dataset
        .columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, status_column(&c.profile.name)?)))
        .collect();
    if status_cols.len() < 2
        || status_cols
            .iter()
            .any(|&(i, _)| dataset.columns[i].codes.is_none())
    {
        return;
    }
    let Ok(rows) = usize::try_from(dataset.facts.rows) else {
        return;
    };
    let mut statuses = vec![Status::Unknown; rows];
    for &(c, status) in &status_cols {
        let col = &dataset.columns[c];
        for (r, slot) in statuses.iter_mut().enumerate() {
            let chosen = value_at(col, r).is_some_and(|v| {
                let k = normalize_label(v);
                k == "1" || k == "valgt" || k == "ja" || k == "yes"
            });
            if chosen && *slot == Status::Unknown {
                *slot = status;
            }
        }
    }
    if statuses.iter().all(|s| *s == Status::Unknown) {
        return;
    }
    let invited = dataset.facts.rows;
    let keep: Vec<bool> = statuses.iter().map(|s| *s != Status::NotAnswered).collect();
    let count = |wanted: Status| statuses.iter().filter(|s| **s == wanted).count() as u64;
    let (completed, partial) = (count(Status::Completed), count(Status::Partial));
    if keep.iter().any(|k| !k) {
        retain_rows(dataset, &keep);
        // The left-out rows changed the counts: recognise every column again.
        for col in &mut dataset.columns {
            labels::publish_column(col, lang);
        }
    }
    dataset.facts.invited = Some(invited);
    dataset.facts.completed = Some(completed);
    dataset.facts.partial = Some(partial);
    for &(c, _) in &status_cols {
        dataset.columns[c].inferred.metadata = true;
    }
}

/// Keeps only the rows where `keep` is true (rows past its end are kept) and recounts every
/// column from its row codes. Columns without row codes (free text with very many different
/// answers) cannot be recounted; their left-out rows are assumed blank, which holds for people
/// who never answered.
pub fn retain_rows(dataset: &mut Dataset, keep: &[bool]) {
    let rows = usize::try_from(dataset.facts.rows).unwrap_or(usize::MAX);
    let kept_rows = (0..rows)
        .filter(|&r| keep.get(r).copied().unwrap_or(true))
        .count() as u64;
    let removed = dataset.facts.rows.saturating_sub(kept_rows);
    for col in &mut dataset.columns {
        match col.codes.take() {
            Some(codes) => {
                let mut counts = vec![0u64; col.profile.values.len()];
                let mut empty = 0u64;
                let mut kept_codes = Vec::with_capacity(kept_rows as usize);
                for (r, &code) in codes.iter().enumerate() {
                    if !keep.get(r).copied().unwrap_or(true) {
                        continue;
                    }
                    kept_codes.push(code);
                    match code {
                        CODE_EMPTY => empty += 1,
                        CODE_OTHER => {}
                        c => {
                            if let Some(n) = counts.get_mut(c as usize - 1) {
                                *n += 1;
                            }
                        }
                    }
                }
                // Drop values only the left-out rows had, renumbering the codes.
                let mut remap = vec![0u8; counts.len()];
                let mut values = Vec::new();
                for (i, ((value, _), &n)) in col.profile.values.iter().zip(&counts).enumerate() {
                    if n > 0 {
                        values.push((value.clone(), n));
                        remap[i] = values.len() as u8;
                    }
                }
                for code in &mut kept_codes {
                    if *code != CODE_EMPTY && *code != CODE_OTHER {
                        *code = remap.get(*code as usize - 1).copied().unwrap_or(CODE_OTHER);
                    }
                }
                col.profile.values = values;
                col.profile.empty = empty;
                col.codes = Some(kept_codes);
                refresh_profile(col);
            }
            None => {
                col.profile.empty = col.profile.empty.saturating_sub(removed);
            }
        }
        if let Some(numbers) = &mut col.row_numbers {
            let mut row = 0;
            numbers.retain(|_| {
                row += 1;
                keep.get(row - 1).copied().unwrap_or(true)
            });
        }
        col.profile.rows = kept_rows;
    }
    dataset.facts.rows = kept_rows;
}

/// Replaces codes by their labels, merging codes that share a label.
fn relabel(col: &mut ColumnData, labels: &HashMap<&str, &str>) {
    let mut values: Vec<(String, u64)> = Vec::with_capacity(col.profile.values.len());
    let mut remap = Vec::with_capacity(col.profile.values.len());
    let mut relabelled = false;
    for (value, count) in &col.profile.values {
        let text = labels
            .get(value.trim())
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .unwrap_or(value.as_str());
        relabelled |= text != value;
        match values.iter().position(|(v, _)| v == text) {
            Some(pos) => {
                values[pos].1 += count;
                remap.push(pos);
            }
            None => {
                values.push((text.to_string(), *count));
                remap.push(values.len() - 1);
            }
        }
    }
    if let Some(codes) = &mut col.codes {
        for code in codes.iter_mut() {
            if *code != CODE_EMPTY && *code != CODE_OTHER {
                // Merging only moves values forward, so the new index fits a code too.
                if let Some(&to) = remap.get(*code as usize - 1) {
                    *code = u8::try_from(to + 1).unwrap_or(CODE_OTHER);
                }
            }
        }
    }
    if relabelled {
        // Labelled values are no longer the numbers in the file.
        col.row_numbers = None;
    }
    col.profile.values = values;
    refresh_profile(col);
}

/// The header a variable gets: its question text, with the choice for multiple-choice
/// variables ("Question – Choice", as other tools fold their headers).
fn header_of(var: &Variable) -> Option<String> {
    let text = var.question_text.trim();
    if text.is_empty() {
        return None;
    }
    if var.sub_type.eq_ignore_ascii_case("multiple") {
        let choice = [&var.choice_text, &var.choice_value]
            .into_iter()
            .map(|s| s.trim())
            .find(|s| !s.is_empty())
            .unwrap_or(var.variable_name.as_str());
        Some(format!("{text} – {choice}"))
    } else {
        Some(text.to_string())
    }
}

/// Joins SurveyXact's `structure.csv` and `labels.csv` to its `dataset.csv` (already read):
///
/// * every variable's codes become their labels (trimmed; codes sharing a label merge), and
///   the column is recognised again, so scales and "Ved ikke"/"Ikke relevant" are found;
/// * columns are named by their question text; the 0/1 variables of a multiple-choice
///   question become "Question – Choice", which [`crate::analyze::multiselect`] counts as one question;
/// * the status variables (`stato_1`…`stato_5` or `statoverall`) decide who answered: rows that
///   are completed or partly answered are kept, the others (new, distributed, dropped out) are
///   left out of every statistic and counted in `facts.invited`, giving the response rate.
pub fn join(mut dataset: Dataset, structure: &[u8], labels: &[u8]) -> Result<Dataset, Error> {
    let vars = parse_structure(structure)?;
    let labels = parse_labels(labels)?;
    let by_var: HashMap<&str, &Variable> =
        vars.iter().map(|v| (v.variable_name.as_str(), v)).collect();
    let mut label_maps: HashMap<&str, HashMap<&str, &str>> = HashMap::new();
    for l in &labels {
        label_maps
            .entry(l.variable.as_str())
            .or_default()
            .entry(l.value.as_str())
            .or_insert(l.label.as_str());
    }

    let mut status_columns = Vec::new();
    if let Some((statuses, columns)) = row_statuses(&dataset, &by_var, &label_maps) {
        if statuses.iter().any(|s| *s != Status::Unknown) {
            let invited = dataset.facts.rows;
            // Rows without a recognised status are kept: never drop answers on a guess.
            let keep: Vec<bool> = statuses.iter().map(|s| *s != Status::NotAnswered).collect();
            retain_rows(&mut dataset, &keep);
            dataset.facts.invited = Some(invited);
        }
        status_columns = columns;
    }

    let mut used: HashSet<String> = HashSet::new();
    for col in dataset.columns.iter_mut() {
        let variable = col.profile.name.trim().to_string();
        if let Some(map) = label_maps.get(variable.as_str()) {
            relabel(col, map);
            // Every option of the question, chosen or not, in code order: the scale's range
            // comes from the questionnaire, not from the answers present.
            let mut options: Vec<(&str, &str)> = map.iter().map(|(c, l)| (*c, *l)).collect();
            crate::util::sort::sort_by_key(&mut options, |(code, _)| {
                (code.trim().parse::<i64>().unwrap_or(i64::MAX), *code)
            });
            col.profile.declared = options
                .iter()
                .map(|(_, l)| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect();
        }
        if let Some(name) = by_var.get(variable.as_str()).and_then(|v| header_of(v)) {
            col.profile.name = name;
        }
        if !used.insert(col.profile.name.clone()) {
            // Two variables with the same text: the variable name tells them apart.
            col.profile.name = format!("{} ({variable})", col.profile.name);
            used.insert(col.profile.name.clone());
        }
    }
    let lang = labels::file_lang(dataset.columns.iter().map(|c| c.profile.name.as_str()));
    for (i, col) in dataset.columns.iter_mut().enumerate() {
        // The labels are the answer texts now: cleaned, hidden and recognised here, once.
        labels::publish_column(col, lang);
        if status_columns.contains(&i) {
            col.inferred.metadata = true;
        }
    }
    dataset.dialect.source = Some("surveyxact".to_string());
    Ok(dataset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_texts_are_cleaned_and_hidden_after_the_codes_become_labels() {
        let mut dataset = String::from("s_1;s_2\n");
        for i in 0..40 {
            let code = [1, 2, 3, 4][i % 4];
            dataset.push_str(&format!("{code};Tekst {}\n", i % 3));
        }
        let structure =
            "questionName;variableName;questionType;subType;questionText;choiceValue;choiceText\n\
                         s_1;s_1;Closed;Single;Hvordan kontaktede du os\u{202E}?;;\n\
                         s_2;s_2;Open;String;Kommentar;;\n";
        let labels = "s_1;1;Telefon\ns_1;2;Fysisk m\u{f8}de\ns_1;3;Andet: ring 41 22 33 44\n\
                      s_1;4;bo@eksempel.dk\n";
        let files = [
            ("dataset.csv", dataset.as_bytes()),
            ("structure.csv", structure.as_bytes()),
            ("labels.csv", labels.as_bytes()),
        ];
        let d = read(&files).unwrap();
        let col = &d.columns[0];
        assert_eq!(col.profile.name, "Hvordan kontaktede du os?");
        let values: Vec<&str> = col.profile.values.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(
            values,
            [
                "Telefon",
                "Fysisk møde",
                "Andet (fritekst)",
                "Skjult svar (personoplysning) 1"
            ]
        );
        assert_eq!(col.inferred.kind, crate::model::kinds::Kind::Category);
    }

    #[test]
    fn status_labels() {
        assert_eq!(status_of_label("Gennemført"), Status::Completed);
        assert_eq!(status_of_label("Gjennomført "), Status::Completed);
        assert_eq!(status_of_label("Delvist besvaret"), Status::Partial);
        assert_eq!(status_of_label("Noen svar"), Status::Partial);
        assert_eq!(status_of_label("Ny"), Status::NotAnswered);
        assert_eq!(status_of_label("Distribueret"), Status::NotAnswered);
        assert_eq!(status_of_label("Distribuert"), Status::NotAnswered);
        assert_eq!(status_of_label("Frafaldet"), Status::NotAnswered);
        assert_eq!(status_of_label("Frafalt"), Status::NotAnswered);
        assert_eq!(status_of_label("Ikke besvaret"), Status::NotAnswered);
        assert_eq!(status_of_label("Noget andet"), Status::Unknown);
    }

    #[test]
    fn file_roles_by_name() {
        assert_eq!(
            role_by_name("C:\\Downloads\\dataset.csv"),
            Some(Role::Dataset)
        );
        assert_eq!(
            role_by_name("export/Structure (1).csv"),
            Some(Role::Structure)
        );
        assert_eq!(role_by_name("labels.txt"), Some(Role::Labels));
        assert_eq!(role_by_name("labels.xlsx"), None);
        assert_eq!(role_by_name("svar.csv"), None);
    }

    #[test]
    fn garbage_companions_are_errors_not_panics() {
        assert_eq!(
            parse_structure(b"a;b\n1;2\n"),
            Err(Error::NotSurveyXact("structure"))
        );
        assert_eq!(parse_labels(b"").map(|l| l.len()), Ok(0));
        assert_eq!(parse_labels(b"x\ny\n"), Err(Error::NotSurveyXact("labels")));
        assert_eq!(
            parse_structure(b"\x89PNG\r\n\x1a\n"),
            Err(Error::NotSurveyXact("structure"))
        );
        assert!(recognise(&[("a.csv", b"x;y\n1;2\n")]).is_none());
    }
}
