//! What the reader learned about one column: the input to column recognition.

/// A column as seen after one pass over the file, before its kind is known.
///
/// Distinct values are decoded to UTF-8 and trimmed; a column with too many
/// distinct values to keep (free text, identifiers) keeps only the first ones
/// and sets `overflowed`.
#[derive(Debug, Clone, Default)]
pub struct ColumnProfile {
    /// Header text as the user wrote it (BOM and surrounding spaces removed, multi-row headers folded).
    pub name: String,
    /// The variable name the export keeps beside the question text (Qualtrics' "Q4",
    /// "Q39_2", the legacy export's "V1"), when it has one.
    pub variable: Option<String>,
    /// Distinct non-empty trimmed values with how many cells held each, in order of first appearance.
    pub values: Vec<(String, u64)>,
    /// Data rows in the file (respondents).
    pub rows: u64,
    /// Cells that were empty or only whitespace.
    pub empty: u64,
    /// True when the column had more distinct values than were kept in `values`.
    pub overflowed: bool,
    /// Non-empty cells whose whole value looks like a CPR number (DDMMYY-SSSS with a real date).
    pub cpr_cells: u64,
    /// CPR-like tokens found anywhere inside cells (free text included).
    pub cpr_tokens: u64,
    /// Non-empty cells that parse as a number (decimal point or comma).
    pub numeric_cells: u64,
    /// In a column of numbers (at least half its answered cells are numbers): cells that are
    /// neither a number nor a non-substantive answer ("ca. 200", "1.2.3", "12 kr").
    pub unparsed_numbers: u64,
    /// The forms of those of them that were kept, with counts, most first (every run of
    /// digits '9', of letters 'a': "9 a" for "12 kr"); never the values themselves.
    pub unparsed_forms: Vec<(String, u64)>,
    /// Longest non-empty cell, in bytes.
    pub max_len: usize,
    /// Sum of the lengths of all non-empty cells, in bytes.
    pub total_len: u64,
    /// Cells that held an e-mail address, counted before any label was hidden, so that
    /// recognising the column again still knows.
    pub email_cells: u64,
    /// True when the header held a CPR number, an e-mail address or a telephone number, now
    /// masked in `name`.
    pub header_masked: bool,
    /// Distinct answers shown as "Skjult svar (personoplysning) n" because they looked like
    /// personal data.
    pub hidden_labels: u64,
    /// Distinct answers with typed text counted under one "Andet (fritekst)" value.
    pub free_text_labels: u64,
    /// The answer options the export itself declares for this column (SurveyXact's
    /// `labels.csv`), in code order, whether anyone chose them or not; empty when unknown.
    pub declared: Vec<String>,
    /// Set when the column is an index score derived from other columns (not read from the
    /// file): its items and the score of each of `values`.
    pub index: Option<Box<IndexColumn>>,
}

/// An index score column: per respondent the mean of the answered items on their common
/// scale, or no score (an empty cell) when fewer than `min_items` are answered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexColumn {
    /// The items' headers, in the order given.
    pub items: Vec<String>,
    /// Answered items a respondent needs for a score: half of the items, rounded up.
    pub min_items: usize,
    /// The scale's lowest value (the most negative step), e.g. 1 on 1–5.
    pub scale_min: i32,
    /// The scale's highest value (the most positive step), e.g. 5 on 1–5.
    pub scale_max: i32,
    /// Per entry of the profile's `values`: the score it stands for.
    pub scores: Vec<f64>,
    /// Respondents who answered at least one item, but too few for a score.
    pub too_few_items: u64,
}

impl IndexColumn {
    /// `score` on 0–100: the scale's lowest value is 0, its highest 100.
    pub fn to_100(&self, score: f64) -> f64 {
        let range = (self.scale_max - self.scale_min) as f64;
        (score - self.scale_min as f64) * 100.0 / range
    }
}

impl ColumnProfile {
    /// Non-empty cells.
    pub fn answered(&self) -> u64 {
        self.rows.saturating_sub(self.empty)
    }
}
