//! Every error the user can meet, each with a stable `code()` and a `message(lang)` in plain
//! Danish or English that says what to do. Messages never contain cell values.

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
    /// The file is an Excel workbook (.xlsx) and this reader reads text files only (built
    /// without the `xlsx` feature: the page's first module).
    #[error("the file is an Excel workbook (.xlsx)")]
    Xlsx,
    /// A spreadsheet of another format: "xlsb" (binary Excel), "ods" (OpenDocument) or
    /// "numbers" (Apple Numbers).
    #[error("the file is a .{0} spreadsheet")]
    OtherSpreadsheet(&'static str),
    /// A password-protected (encrypted) workbook.
    #[error("the workbook is password-protected")]
    EncryptedWorkbook,
    /// An old Excel workbook (.xls, Excel 97–2003).
    #[error("the file is an old Excel workbook (.xls)")]
    OldExcel,
    /// A workbook whose zip container or parts cannot be read.
    #[error("the workbook is damaged")]
    CorruptWorkbook,
    /// A workbook that decompresses to more than the limit, or with a suspicious compression
    /// ratio (a zip bomb).
    #[error("the workbook decompresses to more than {limit_mb} MB")]
    WorkbookTooLarge {
        /// The limit in megabytes.
        limit_mb: u64,
    },
    /// No sheet of the workbook has the name asked for.
    #[error("the workbook has no sheet named '{0}'")]
    NoSuchSheet(String),
    /// The file is an SPSS data file (.sav, .zsav) and this reader reads text files only
    /// (built without the `sav` feature: the page's first module).
    #[error("the file is an SPSS data file (.sav)")]
    Sav,
    /// An SPSS data file that is damaged or cut short.
    #[error("the SPSS file is damaged or truncated")]
    CorruptSav,
    /// An SPSS data file of a variant not read: what it is ("compression 3", "text encoding
    /// windows-1250", "big-endian floating point", …).
    #[error("the SPSS file uses an unsupported variant: {0}")]
    UnsupportedSav(String),
    /// An SPSS data file that decompresses to more than the limit, or with a suspicious
    /// compression ratio.
    #[error("the SPSS file decompresses to more than {limit_mb} MB")]
    SavTooLarge {
        /// The limit in megabytes.
        limit_mb: u64,
    },
    #[cfg(feature = "index")]
    /// An index score names fewer than two items.
    #[error("index '{index}': it needs at least two questions")]
    IndexTooFewItems {
        /// The index's name.
        index: String,
    },
    #[cfg(feature = "index")]
    /// An index score is named like a column of the file.
    #[error("index '{index}': a column has that name")]
    IndexNameTaken {
        /// The index's name.
        index: String,
    },
    #[cfg(feature = "index")]
    /// An item of an index score names no column.
    #[error("index '{index}': no column named '{item}'")]
    IndexItemNotFound {
        /// The index's name.
        index: String,
        /// The item as given.
        item: String,
    },
    #[cfg(feature = "index")]
    /// An item of an index score is not a scale question (or is left out of the analysis).
    #[error("index '{index}': '{item}' is not a scale question")]
    IndexItemNotScale {
        /// The index's name.
        index: String,
        /// The item's header.
        item: String,
    },
    #[cfg(feature = "index")]
    /// The items of an index score are on scales with different numbers of steps.
    #[error("index '{index}': '{item}' has {points} steps, '{first}' has {expected}")]
    IndexScalesDiffer {
        /// The index's name.
        index: String,
        /// The first item's header.
        first: String,
        /// Its number of steps.
        expected: usize,
        /// The item that differs.
        item: String,
        /// Its number of steps.
        points: usize,
    },
    #[cfg(feature = "index")]
    /// An index score takes more distinct values than a column can hold.
    #[error("index '{index}': more than {max} different scores")]
    IndexTooManyScores {
        /// The index's name.
        index: String,
        /// The most a column holds.
        max: usize,
    },
    /// Index scores were asked of a build without them: the browser's first module (the
    /// command line and the second module have them).
    #[error("index scores are not in this build")]
    IndexUnavailable,
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
            Error::Xlsx => "xlsx",
            Error::OtherSpreadsheet(_) => "other_spreadsheet",
            Error::EncryptedWorkbook => "encrypted_workbook",
            Error::OldExcel => "old_excel",
            Error::CorruptWorkbook => "corrupt_workbook",
            Error::WorkbookTooLarge { .. } => "workbook_too_large",
            Error::Sav => "sav",
            Error::CorruptSav => "corrupt_sav",
            Error::UnsupportedSav(_) => "unsupported_sav",
            Error::SavTooLarge { .. } => "sav_too_large",
            Error::NoSuchSheet(_) => "no_such_sheet",
            #[cfg(feature = "index")]
            Error::IndexTooFewItems { .. } => "index_too_few_items",
            #[cfg(feature = "index")]
            Error::IndexNameTaken { .. } => "index_name_taken",
            #[cfg(feature = "index")]
            Error::IndexItemNotFound { .. } => "index_item_not_found",
            #[cfg(feature = "index")]
            Error::IndexItemNotScale { .. } => "index_item_not_scale",
            #[cfg(feature = "index")]
            Error::IndexScalesDiffer { .. } => "index_scales_differ",
            #[cfg(feature = "index")]
            Error::IndexTooManyScores { .. } => "index_too_many_scores",
            Error::IndexUnavailable => "index_unavailable",
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
            (Error::Xlsx, Lang::Da) => "Excel-fil: filen er en Excel-projektmappe (.xlsx), som ikke kan læses her. Gem den som CSV i Excel (Filer > Gem som > CSV UTF-8) og prøv igen.".into(),
            (Error::Xlsx, Lang::En) => "Excel file: the file is an Excel workbook (.xlsx), which cannot be read here. Save it as CSV in Excel (File > Save As > CSV UTF-8) and try again.".into(),
            (Error::OtherSpreadsheet(format), Lang::Da) => format!("Filen er {}. Åbn den i {} og gem den som Excel-projektmappe (.xlsx) eller CSV.", spreadsheet_da(format), spreadsheet_app(format)),
            (Error::OtherSpreadsheet(format), Lang::En) => format!("The file is {}. Open it in {} and save it as an Excel workbook (.xlsx) or CSV.", spreadsheet_en(format), spreadsheet_app(format)),
            (Error::EncryptedWorkbook, Lang::Da) => "Excel-filen er beskyttet med adgangskode. Åbn den i Excel, fjern adgangskoden (Filer > Oplysninger > Beskyt projektmappe > Krypter med adgangskode) og gem den som .xlsx eller CSV.".into(),
            (Error::EncryptedWorkbook, Lang::En) => "The Excel file is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx or CSV.".into(),
            (Error::OldExcel, Lang::Da) => "Filen er en gammel Excel-fil (.xls) eller er beskyttet med adgangskode. Åbn den i Excel og gem den som Excel-projektmappe (.xlsx) eller CSV uden adgangskode.".into(),
            (Error::OldExcel, Lang::En) => "The file is an old Excel workbook (.xls) or is password-protected. Open it in Excel and save it as an Excel workbook (.xlsx) or CSV without a password.".into(),
            (Error::CorruptWorkbook, Lang::Da) => "Excel-filen er beskadiget og kan ikke læses. Åbn den i Excel og gem den igen som .xlsx eller CSV.".into(),
            (Error::CorruptWorkbook, Lang::En) => "The Excel file is damaged and cannot be read. Open it in Excel and save it again as .xlsx or CSV.".into(),
            (Error::WorkbookTooLarge { limit_mb }, Lang::Da) => format!("Excel-filen fylder udpakket mere end {limit_mb} MB eller er pakket mistænkeligt tæt og læses ikke. Gem arket som CSV i Excel og prøv igen."),
            (Error::WorkbookTooLarge { limit_mb }, Lang::En) => format!("The Excel file unpacks to more than {limit_mb} MB or is packed suspiciously tightly and is not read. Save the sheet as CSV in Excel and try again."),
            (Error::NoSuchSheet(name), Lang::Da) => format!("Excel-filen har intet ark med navnet '{name}'."),
            (Error::NoSuchSheet(name), Lang::En) => format!("The Excel file has no sheet named '{name}'."),
            (Error::Sav, Lang::Da) => "SPSS-fil: filen er en SPSS-datafil (.sav), som ikke kan læses her. Gem den som CSV i SPSS eller PSPP (Filer > Gem som > CSV, med værdietiketter) og prøv igen.".into(),
            (Error::Sav, Lang::En) => "SPSS file: the file is an SPSS data file (.sav), which cannot be read here. Save it as CSV in SPSS or PSPP (File > Save As > CSV, with value labels) and try again.".into(),
            (Error::CorruptSav, Lang::Da) => "SPSS-filen er beskadiget eller ufuldstændig og kan ikke læses. Hent den igen fra spørgeskemaværktøjet, eller åbn den i SPSS eller PSPP og gem den som CSV.".into(),
            (Error::CorruptSav, Lang::En) => "The SPSS file is damaged or incomplete and cannot be read. Download it again from the survey tool, or open it in SPSS or PSPP and save it as CSV.".into(),
            (Error::UnsupportedSav(what), Lang::Da) => format!("SPSS-filen er gemt på en måde, der ikke kan læses her ({what}). Åbn den i SPSS eller PSPP og gem den som CSV (med værdietiketter) eller som en almindelig .sav-fil i UTF-8."),
            (Error::UnsupportedSav(what), Lang::En) => format!("The SPSS file is saved in a way that cannot be read here ({what}). Open it in SPSS or PSPP and save it as CSV (with value labels) or as a plain .sav file in UTF-8."),
            (Error::SavTooLarge { limit_mb }, Lang::Da) => format!("SPSS-filen fylder udpakket mere end {limit_mb} MB eller er pakket mistænkeligt tæt og læses ikke. Gem den som CSV i SPSS eller PSPP og prøv igen."),
            (Error::SavTooLarge { limit_mb }, Lang::En) => format!("The SPSS file unpacks to more than {limit_mb} MB or is packed suspiciously tightly and is not read. Save it as CSV in SPSS or PSPP and try again."),
            #[cfg(feature = "index")]
            (Error::IndexTooFewItems { index }, Lang::Da) => format!("Indekset «{index}» skal bygge på mindst to spørgsmål."),
            #[cfg(feature = "index")]
            (Error::IndexTooFewItems { index }, Lang::En) => format!("The index “{index}” must be built from at least two questions."),
            #[cfg(feature = "index")]
            (Error::IndexNameTaken { index }, Lang::Da) => format!("Indekset «{index}» hedder det samme som en kolonne i filen. Giv indekset et andet navn."),
            #[cfg(feature = "index")]
            (Error::IndexNameTaken { index }, Lang::En) => format!("The index “{index}” has the same name as a column of the file. Give the index another name."),
            #[cfg(feature = "index")]
            (Error::IndexItemNotFound { index, item }, Lang::Da) => format!("Indekset «{index}»: der er ingen kolonne, der hedder «{item}». Angiv spørgsmålene med deres overskrift, variabelnavn eller nummer."),
            #[cfg(feature = "index")]
            (Error::IndexItemNotFound { index, item }, Lang::En) => format!("The index “{index}”: there is no column named “{item}”. Give the questions by their header, variable name or number."),
            #[cfg(feature = "index")]
            (Error::IndexItemNotScale { index, item }, Lang::Da) => format!("Indekset «{index}»: «{item}» er ikke et skalaspørgsmål (eller er udeladt af analysen). Et indeks er gennemsnittet af skalaspørgsmål; angiv skalaen for spørgsmålet, eller tag det ud af indekset."),
            #[cfg(feature = "index")]
            (Error::IndexItemNotScale { index, item }, Lang::En) => format!("The index “{index}”: “{item}” is not a scale question (or is left out of the analysis). An index is the mean of scale questions; define the question's scale, or leave it out of the index."),
            #[cfg(feature = "index")]
            (Error::IndexScalesDiffer { index, first, expected, item, points }, Lang::Da) => format!("Indekset «{index}»: «{item}» har {points} svartrin, men «{first}» har {expected}. Et indeks kan kun lægge spørgsmål på samme skala sammen."),
            #[cfg(feature = "index")]
            (Error::IndexScalesDiffer { index, first, expected, item, points }, Lang::En) => format!("The index “{index}”: “{item}” has {points} answer steps, but “{first}” has {expected}. An index can only combine questions on the same scale."),
            #[cfg(feature = "index")]
            (Error::IndexTooManyScores { index, max }, Lang::Da) => format!("Indekset «{index}» får mere end {max} forskellige værdier. Byg det af færre spørgsmål."),
            #[cfg(feature = "index")]
            (Error::IndexTooManyScores { index, max }, Lang::En) => format!("The index “{index}” takes more than {max} different values. Build it from fewer questions."),
            (Error::IndexUnavailable, Lang::Da) => "Indeks kunne ikke beregnes her. Genindlæs siden og prøv igen.".into(),
            (Error::IndexUnavailable, Lang::En) => "The index could not be computed here. Reload the page and try again.".into(),
        }
    }
}

/// A spreadsheet format in Danish, by its extension.
fn spreadsheet_da(format: &str) -> &'static str {
    match format {
        "xlsb" => "en binær Excel-projektmappe (.xlsb)",
        "ods" => "et OpenDocument-regneark (.ods)",
        _ => "et Numbers-regneark (.numbers)",
    }
}

/// A spreadsheet format in English, by its extension.
fn spreadsheet_en(format: &str) -> &'static str {
    match format {
        "xlsb" => "a binary Excel workbook (.xlsb)",
        "ods" => "an OpenDocument spreadsheet (.ods)",
        _ => "a Numbers spreadsheet (.numbers)",
    }
}

/// The program that saves a spreadsheet format as .xlsx.
fn spreadsheet_app(format: &str) -> &'static str {
    match format {
        "xlsb" => "Excel",
        "ods" => "LibreOffice Calc",
        _ => "Numbers",
    }
}

/// Why a cross-table cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrosstabError {
    /// A column index beyond the dataset.
    NoSuchColumn(usize),
    /// The same column on both axes.
    SameColumn,
    /// The column holds personal data, free text or identifiers, which are never tabulated.
    Personal(String),
    /// The column has too many different values to tabulate.
    TooManyValues(String),
}

impl CrosstabError {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            CrosstabError::NoSuchColumn(_) => "no_such_column",
            CrosstabError::SameColumn => "same_column",
            CrosstabError::Personal(_) => "personal_column",
            CrosstabError::TooManyValues(_) => "too_many_values",
        }
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CrosstabError::NoSuchColumn(i), Lang::Da) => {
                format!("Der er ingen kolonne nummer {}.", i + 1)
            }
            (CrosstabError::NoSuchColumn(i), Lang::En) => {
                format!("There is no column number {}.", i + 1)
            }
            (CrosstabError::SameColumn, Lang::Da) => {
                "Vælg to forskellige kolonner til krydstabellen.".to_string()
            }
            (CrosstabError::SameColumn, Lang::En) => {
                "Choose two different columns for the cross-table.".to_string()
            }
            (CrosstabError::Personal(c), Lang::Da) => format!(
                "Kolonnen '{c}' indeholder personoplysninger, fritekst eller id-numre og kan ikke krydstabuleres."
            ),
            (CrosstabError::Personal(c), Lang::En) => format!(
                "The column '{c}' holds personal data, free text or identifiers and cannot be cross-tabulated."
            ),
            (CrosstabError::TooManyValues(c), Lang::Da) => format!(
                "Kolonnen '{c}' har for mange forskellige værdier til en krydstabel."
            ),
            (CrosstabError::TooManyValues(c), Lang::En) => format!(
                "The column '{c}' has too many different values for a cross-table."
            ),
        }
    }
}

impl std::fmt::Display for CrosstabError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for CrosstabError {}

/// Why weighted statistics cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeightError {
    /// A column index beyond the dataset.
    NoSuchColumn(usize),
    /// The same column chosen for two roles.
    SameColumn,
    /// The question is not a Likert question with a recognised scale.
    NotLikert(String),
    /// The weight column keeps neither row codes nor per-row numbers: identifiers or personal
    /// data, whose values are not kept per row.
    TooManyWeights(String),
    /// A value of the weight column is not a number.
    NotNumeric(String),
    /// A weight is negative.
    Negative(String),
    /// No answer has a positive weight.
    NoWeights(String),
    /// The grouping column holds personal data, free text or identifiers.
    PersonalGroup(String),
    /// The grouping column has too many different values to break down by.
    TooManyGroups(String),
}

impl WeightError {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            WeightError::NoSuchColumn(_) => "no_such_column",
            WeightError::SameColumn => "same_column",
            WeightError::NotLikert(_) => "not_likert",
            WeightError::TooManyWeights(_) => "too_many_weights",
            WeightError::NotNumeric(_) => "not_numeric",
            WeightError::Negative(_) => "negative_weight",
            WeightError::NoWeights(_) => "no_weights",
            WeightError::PersonalGroup(_) => "personal_group",
            WeightError::TooManyGroups(_) => "too_many_groups",
        }
    }

    fn da(&self) -> String {
        match self {
            WeightError::NoSuchColumn(i) => format!("Der er ingen kolonne nummer {}.", i + 1),
            WeightError::SameColumn => {
                "Vægtkolonnen, spørgsmålet og opdelingen skal være forskellige kolonner."
                    .to_string()
            }
            WeightError::NotLikert(c) => {
                format!("Kolonnen '{c}' er ikke et spørgsmål med en svarskala.")
            }
            WeightError::TooManyWeights(c) => format!(
                "Vægtkolonnen '{c}' ligner id-numre eller personoplysninger, hvis værdier ikke gemmes pr. række, og kan ikke bruges som vægt."
            ),
            WeightError::NotNumeric(c) => {
                format!("Vægtkolonnen '{c}' indeholder værdier, der ikke er tal.")
            }
            WeightError::Negative(c) => format!("Vægtkolonnen '{c}' indeholder negative vægte."),
            WeightError::NoWeights(c) => {
                format!("Ingen svar har en positiv vægt i vægtkolonnen '{c}'.")
            }
            WeightError::PersonalGroup(c) => format!(
                "Kolonnen '{c}' indeholder personoplysninger, fritekst eller id-numre og kan ikke bruges til opdeling."
            ),
            WeightError::TooManyGroups(c) => format!(
                "Kolonnen '{c}' har for mange forskellige værdier til at opdele efter."
            ),
        }
    }

    fn en(&self) -> String {
        match self {
            WeightError::NoSuchColumn(i) => format!("There is no column number {}.", i + 1),
            WeightError::SameColumn => {
                "The weight, the question and the grouping must be different columns.".to_string()
            }
            WeightError::NotLikert(c) => {
                format!("The column '{c}' is not a question with an answer scale.")
            }
            WeightError::TooManyWeights(c) => format!(
                "The weight column '{c}' looks like identifiers or personal data, whose values are not kept per row, and cannot be used as a weight."
            ),
            WeightError::NotNumeric(c) => {
                format!("The weight column '{c}' holds values that are not numbers.")
            }
            WeightError::Negative(c) => format!("The weight column '{c}' holds negative weights."),
            WeightError::NoWeights(c) => {
                format!("No answer has a positive weight in the weight column '{c}'.")
            }
            WeightError::PersonalGroup(c) => format!(
                "The column '{c}' holds personal data, free text or identifiers and cannot be used to break down by."
            ),
            WeightError::TooManyGroups(c) => format!(
                "The column '{c}' has too many different values to break down by."
            ),
        }
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Da => self.da(),
            Lang::En => self.en(),
        }
    }
}

impl std::fmt::Display for WeightError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for WeightError {}

/// What can go wrong at the browser boundary: a value handed over from JavaScript that does
/// not fit, a session used out of order, a canvas that cannot be drawn on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem<'a> {
    /// `Session::push` after the file was finished.
    Finished,
    /// A result asked for before the file was finished.
    NotFinished,
    /// Files with different columns asked to be combined.
    NotCombinable,
    /// A value handed over from JavaScript does not fit; `detail` says how.
    BadInput {
        /// What was handed over.
        input: Input,
        /// What did not fit.
        detail: &'a str,
    },
    /// A chart of a kind there is none of.
    UnknownChart(&'a str),
    /// The canvas has no 2D context.
    NoCanvas,
    /// Drawing failed.
    Draw(&'a str),
    /// A result could not be turned into JSON or passed on.
    Internal(&'a str),
    /// A result could not be handed over to JavaScript.
    Transfer(&'a str),
}

/// What JavaScript hands over to the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// The summary options.
    Options,
    /// Questions matched across waves.
    Mapping,
    /// A table for export.
    Table,
    /// A chart model.
    Chart,
    /// A report or slides for a Word or PowerPoint file.
    Report,
}

impl Problem<'_> {
    /// A stable code for programs.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Finished => "finished",
            Problem::NotFinished => "not_finished",
            Problem::NotCombinable => "not_combinable",
            Problem::BadInput { input, .. } => match input {
                Input::Options => "bad_options",
                Input::Mapping => "bad_mapping",
                Input::Table => "bad_table",
                Input::Chart => "bad_chart",
                Input::Report => "bad_report",
            },
            Problem::UnknownChart(_) => "bad_chart",
            Problem::NoCanvas => "no_canvas",
            Problem::Draw(_) => "draw",
            Problem::Internal(_) | Problem::Transfer(_) => "internal",
        }
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        match *self {
            Problem::Finished => lang
                .pick(
                    "Filen er allerede læst færdig.",
                    "The file has already been read to the end.",
                )
                .into(),
            Problem::NotFinished => lang
                .pick(
                    "Filen er ikke læst færdig endnu.",
                    "The file has not been read to the end yet.",
                )
                .into(),
            Problem::NotCombinable => lang
                .pick(
                    "Filerne har ikke de samme kolonner og kan ikke lægges sammen.",
                    "The files do not have the same columns and cannot be combined.",
                )
                .into(),
            Problem::BadInput { input, detail } => {
                let what = match input {
                    Input::Options => lang.pick("Ugyldige indstillinger", "Invalid settings"),
                    Input::Mapping => lang.pick(
                        "Ugyldig sammenkobling af spørgsmål",
                        "Invalid matching of questions",
                    ),
                    Input::Table => {
                        lang.pick("Tabellen kunne ikke læses", "The table could not be read")
                    }
                    Input::Chart => {
                        lang.pick("Diagrammet kunne ikke læses", "The chart could not be read")
                    }
                    Input::Report => {
                        lang.pick("Rapporten kunne ikke læses", "The report could not be read")
                    }
                };
                format!("{what}: {detail}")
            }
            Problem::UnknownChart(kind) if da => format!("Ukendt slags diagram: {kind}"),
            Problem::UnknownChart(kind) => format!("Unknown kind of chart: {kind}"),
            Problem::NoCanvas => lang
                .pick(
                    "Browseren kan ikke tegne på lærredet.",
                    "The browser cannot draw on the canvas.",
                )
                .into(),
            Problem::Draw(e) if da => format!("Diagrammet kunne ikke tegnes: {e}"),
            Problem::Draw(e) => format!("The chart could not be drawn: {e}"),
            Problem::Internal(e) if da => format!("Intern fejl: {e}"),
            Problem::Internal(e) => format!("Internal error: {e}"),
            Problem::Transfer(e) if da => format!("Intern fejl ved overførsel af resultatet: {e}"),
            Problem::Transfer(e) => format!("Internal error while passing on the result: {e}"),
        }
    }
}
