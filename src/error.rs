//! Errors that stop a file from being read. Messages never contain cell values.

use crate::words::lang::Lang;

/// Why a file could not be analysed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The file has no bytes, or only whitespace.
    #[error("the file is empty")]
    Empty,
    /// The file is not text (NUL bytes, an image or another binary format).
    #[error("the file is not a text file (CSV)")]
    Binary,
    /// The file has a header but no answers.
    #[error("the file has no rows with answers")]
    NoRows,
    /// Every row has a single field: no delimiter was found.
    #[error("the file has only one column")]
    OneColumn,
    /// More columns than any survey export has.
    #[error("the file has {0} columns; at most {1} are supported")]
    TooManyColumns(usize, usize),
    /// One field is larger than the limit, usually a quote that never closes.
    #[error("row {row}: a field is larger than {limit_mb} MB")]
    FieldTooLarge {
        /// Line of the file (1-based, counting records) where the field starts.
        row: u64,
        /// The limit in megabytes.
        limit_mb: u64,
    },
    /// The analysis was stopped by the user.
    #[error("the analysis was cancelled")]
    Cancelled,
    /// A file given as part of a SurveyXact export (`structure`, `labels` or `dataset`) is not
    /// one.
    #[error("the file is not a SurveyXact {0} file")]
    NotSurveyXact(&'static str),
}

impl Error {
    /// A stable code for programs (the browser app, tests).
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::Binary => "binary",
            Error::NoRows => "no_rows",
            Error::OneColumn => "one_column",
            Error::TooManyColumns(..) => "too_many_columns",
            Error::FieldTooLarge { .. } => "field_too_large",
            Error::Cancelled => "cancelled",
            Error::NotSurveyXact(_) => "not_surveyxact",
        }
    }

    /// The message in the user's language, in plain words with what to do about it.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::Empty, Lang::Da) => "Filen er tom. Vælg en CSV-fil med svar.".into(),
            (Error::Empty, Lang::En) => "The file is empty. Choose a CSV file with answers.".into(),
            (Error::Binary, Lang::Da) => "Filen er ikke en tekstfil (CSV). Måske er det et billede eller en Excel-fil? Gem den som CSV i Excel og prøv igen.".into(),
            (Error::Binary, Lang::En) => "The file is not a text (CSV) file. Perhaps it is an image or an Excel workbook? Save it as CSV in Excel and try again.".into(),
            (Error::NoRows, Lang::Da) => "Filen har en overskriftsrække, men ingen svar.".into(),
            (Error::NoRows, Lang::En) => "The file has a header row but no answers.".into(),
            (Error::OneColumn, Lang::Da) => "Filen har kun én kolonne. Er den gemt som CSV med semikolon, komma eller tabulator mellem felterne?".into(),
            (Error::OneColumn, Lang::En) => "The file has only one column. Was it saved as CSV with semicolons, commas or tabs between the fields?".into(),
            (Error::TooManyColumns(n, max), Lang::Da) => format!("Filen har {n} kolonner; højst {max} understøttes. Er det en spørgeskemaeksport?"),
            (Error::TooManyColumns(n, max), Lang::En) => format!("The file has {n} columns; at most {max} are supported. Is it a survey export?"),
            (Error::FieldTooLarge { row, limit_mb }, Lang::Da) => format!("Række {row}: et felt er større end {limit_mb} MB. Oftest skyldes det et anførselstegn, der aldrig lukkes."),
            (Error::FieldTooLarge { row, limit_mb }, Lang::En) => format!("Row {row}: a field is larger than {limit_mb} MB. Usually a quote mark that is never closed."),
            (Error::Cancelled, Lang::Da) => "Analysen blev afbrudt.".into(),
            (Error::Cancelled, Lang::En) => "The analysis was cancelled.".into(),
            (Error::NotSurveyXact(file), Lang::Da) => format!("Filen, der skulle være SurveyXacts {file}.csv, ligner den ikke. Eksportér igen som CSV (dataset.csv, structure.csv og labels.csv) og vælg alle tre filer."),
            (Error::NotSurveyXact(file), Lang::En) => format!("The file given as SurveyXact's {file}.csv does not look like one. Export again as CSV (dataset.csv, structure.csv and labels.csv) and choose all three files."),
        }
    }
}
