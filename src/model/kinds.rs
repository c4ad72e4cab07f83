//! Column kinds and answer scales: the vocabulary shared by recognition, statistics and charts.

use serde::Serialize;

/// What a column holds, as recognised from its header and values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An ordered answer scale (labels or numeric codes).
    Likert,
    /// A grouping such as kommune, ydelse, aldersgruppe.
    Category,
    /// Numbers with many distinct values.
    Number,
    /// Free text.
    Text,
    /// Identifiers: respondent numbers, CPR numbers.
    Id,
    /// Dates and timestamps.
    Date,
    /// No answers at all.
    Empty,
}

/// Why a column is personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalReason {
    /// Most values look like CPR numbers.
    CprValues,
    /// The header names a CPR number or personnummer.
    CprHeader,
    /// The header names a person's name.
    Name,
    /// The header names an e-mail address or the values are e-mail addresses.
    Email,
    /// The header names a telephone number.
    Phone,
    /// The header names a postal address.
    Address,
    /// An IP address or a geographic location (survey-tool metadata).
    IpOrLocation,
    /// Free text can identify the person who wrote it.
    FreeText,
}

/// The family a recognised scale belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleFamily {
    /// Meget tilfreds … Meget utilfreds / Very satisfied … Very dissatisfied.
    Satisfaction,
    /// Helt enig … Helt uenig / Strongly agree … Strongly disagree.
    Agreement,
    /// I meget høj grad … Slet ikke / To a very great extent … Not at all.
    Extent,
    /// Meget god … Meget dårlig / Very good … Very poor.
    Quality,
    /// Positiv … Negativ.
    Attitude,
    /// Other recognised label scales (e.g. likelihood, frequency).
    Other,
    /// Integer codes such as 1–5, 1–7 or 0–10.
    Numeric,
}

/// The role one distinct answer plays on a scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueRole {
    /// A step of the scale; 0 is the most positive step.
    Step(usize),
    /// "Ved ikke", "Ikke relevant", "N/A", "-": counted apart, not on the scale.
    NonSubstantive,
    /// A value that belongs to neither (counted apart and reported).
    Other,
}

/// An ordered answer scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scale {
    /// Which family the labels come from.
    pub family: ScaleFamily,
    /// Step labels, most positive first, spelled as in the file where the file uses them
    /// (trimmed) and canonically otherwise. Numeric scales use "5", "4", … "1".
    pub labels: Vec<String>,
    /// Lowest numeric code for numeric scales (0 for 0–10), 1 otherwise.
    pub first_code: i32,
    /// The strongest evidence the steps and range rest on.
    pub source: ScaleSource,
    /// True when the range rests on the answers present alone, or on a code that may mean
    /// "ved ikke": the user should confirm it.
    pub guessed: bool,
}

/// Where a scale's steps and range come from, strongest evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScaleSource {
    /// The user defined or confirmed the scale.
    User,
    /// The export's own metadata (SurveyXact's labels).
    Metadata,
    /// A range in the header ("(1-7)", "1 = meget svært, 7 = meget let").
    Header,
    /// Sibling columns of the same battery (Q2_1 … Q2_8).
    Battery,
    /// The wording of the answers (polarity, intensity, midpoint).
    Wording,
    /// The answers present, nothing else.
    Values,
}

impl Scale {
    /// Number of steps.
    pub fn points(&self) -> usize {
        self.labels.len()
    }

    /// True when the scale has a neutral middle step (odd number of steps).
    pub fn has_midpoint(&self) -> bool {
        self.labels.len() % 2 == 1
    }
}

/// The outcome of recognising one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    /// The kind of column.
    pub kind: Kind,
    /// True when the column holds personal data and is kept out of analysis by default.
    pub personal_data: bool,
    /// Why it is personal data.
    pub personal_reason: Option<PersonalReason>,
    /// Survey-tool metadata (StartDate, ResponseId, Duration, …), not a question.
    pub metadata: bool,
    /// The scale when `kind` is `Likert`.
    pub scale: Option<Scale>,
    /// For each entry of the profile's `values` (same order): its role on the scale.
    /// Empty unless `kind` is `Likert`.
    pub roles: Vec<ValueRole>,
}

impl Inferred {
    /// A column of `kind` with nothing else recognised: no personal data, no scale.
    pub fn plain(kind: Kind) -> Self {
        Inferred {
            kind,
            personal_data: false,
            personal_reason: None,
            metadata: false,
            scale: None,
            roles: Vec::new(),
        }
    }
}
