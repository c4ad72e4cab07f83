//! Every sentence of a result, worded in Danish and English: the summary's warnings, test
//! results, wave changes and verdicts. The analysis says which [`Notice`] applies and with which
//! numbers; the sentence is made here, and nowhere else. Errors are worded in
//! [`errors`](crate::words::errors).

use crate::model::kinds::PersonalReason;
use crate::words::lang::{format_count, format_decimal, format_mean, format_p, format_pct, Lang};

/// Something the user should know about the file or a column, with the numbers it rests on.
/// Never holds a cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice<'a> {
    /// Rows with too few fields, padded with blanks; `first` is the first such row.
    PaddedRows { rows: u64, first: u64 },
    /// Rows with too many fields, the extra ones not counted.
    TruncatedRows { rows: u64, first: u64 },
    /// Empty rows skipped.
    BlankRows { rows: u64 },
    /// Invited people who did not answer (SurveyXact statuses).
    NonRespondents { missing: u64, invited: u64 },
    /// The export's status says how many of the respondents completed and how many answered
    /// in part.
    ResponseStatus { completed: u64, partial: u64 },
    /// Cells with bytes that are not valid in the file's `encoding`.
    InvalidBytes { cells: u64, encoding: &'a str },
    /// The grouping column has too many values to break down by.
    ByTooManyGroups { column: &'a str },
    /// There is no grouping column of that name.
    ByNotFound { column: &'a str },
    /// More responses than people invited.
    MoreRowsThanInvited { responded: u64, invited: u64 },
    /// Fewer than half of those invited answered (`rate_pct` percent): the margin of error
    /// covers chance only, not who chose to answer.
    LowResponseRate { rate_pct: f64 },
    /// A free-text column: only how many answered is shown.
    FreeText { column: &'a str, answered: u64 },
    /// A column of CPR numbers, left out.
    CprColumn { column: &'a str },
    /// A column of other personal data, left out.
    PersonalColumn {
        column: &'a str,
        reason: PersonalReason,
    },
    /// CPR-like numbers inside a column's answers.
    CprInText { column: &'a str, count: u64 },
    /// Answers of a scale question that are not on its scale.
    NotOnScale { column: &'a str, answers: u64 },
    /// A 4-point scale without a midpoint.
    FourPointScale { column: &'a str },
    /// A scale whose range rests on the answers present alone, or on a code that may mean
    /// "ved ikke": `points` steps were assumed and the user should confirm them.
    ScaleGuessed { column: &'a str, points: usize },
    /// Answer labels and headers that looked like personal data (a CPR number, an e-mail
    /// address or a telephone number): the labels are shown as "Skjult svar (personoplysning)
    /// 1", 2, …, and the personal part of the headers is masked.
    PersonalLabelsHidden { labels: u64, headers: u64 },
    /// "Andet: …" answers with typed text, and long typed answers, counted under one
    /// "Andet (fritekst)" line without their text.
    FreeTextLabels { column: &'a str, labels: u64 },
    /// The header row looks like a respondent's answers: the file may have no header row.
    HeaderLooksLikeData,
    /// Cells of a column of numbers that are no number: left out of the mean, with the forms
    /// they had ("9 a, 9.9.9").
    NumbersNotRead {
        column: &'a str,
        cells: u64,
        forms: &'a str,
    },
}

impl Notice<'_> {
    /// The stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Notice::PaddedRows { .. } => "padded_rows",
            Notice::TruncatedRows { .. } => "truncated_rows",
            Notice::BlankRows { .. } => "blank_rows",
            Notice::NonRespondents { .. } => "non_respondents",
            Notice::ResponseStatus { .. } => "response_status",
            Notice::InvalidBytes { .. } => "invalid_bytes",
            Notice::ByTooManyGroups { .. } => "by_too_many_groups",
            Notice::ByNotFound { .. } => "by_not_found",
            Notice::MoreRowsThanInvited { .. } => "more_rows_than_invited",
            Notice::LowResponseRate { .. } => "low_response_rate",
            Notice::FreeText { .. } => "free_text",
            Notice::CprColumn { .. } => "cpr_column",
            Notice::PersonalColumn { .. } => "personal_column",
            Notice::CprInText { .. } => "cpr_in_text",
            Notice::NotOnScale { .. } => "not_on_scale",
            Notice::FourPointScale { .. } => "four_point_scale",
            Notice::ScaleGuessed { .. } => "scale_guessed",
            Notice::PersonalLabelsHidden { .. } => "personal_labels_hidden",
            Notice::FreeTextLabels { .. } => "free_text_labels",
            Notice::HeaderLooksLikeData => "header_looks_like_data",
            Notice::NumbersNotRead { .. } => "numbers_not_read",
        }
    }

    /// The warning in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        let count = |n: u64| format_count(n, lang);
        let rows = |n: u64| match (da, n == 1) {
            (true, true) => "række",
            (true, false) => "rækker",
            (false, true) => "row",
            (false, false) => "rows",
        };
        match *self {
            Notice::PaddedRows { rows: n, first } => {
                if da {
                    format!("{} {} havde for få felter og er fyldt op med tomme svar (første: række {first}).", count(n), rows(n))
                } else {
                    format!("{} {} had too few fields and were padded with blank answers (first: row {first}).", count(n), rows(n))
                }
            }
            Notice::TruncatedRows { rows: n, first } => {
                if da {
                    format!("{} {} havde for mange felter; de overskydende felter er ikke talt med (første: række {first}).", count(n), rows(n))
                } else {
                    format!("{} {} had too many fields; the extra fields were not counted (first: row {first}).", count(n), rows(n))
                }
            }
            Notice::BlankRows { rows: n } => {
                if da {
                    format!("{} tomme {} er sprunget over.", count(n), rows(n))
                } else {
                    format!("{} empty {} were skipped.", count(n), rows(n))
                }
            }
            Notice::ResponseStatus { completed, partial } => {
                if da {
                    format!("Efter filens status har {} gennemført og {} svaret delvist; begge er med i tallene.", count(completed), count(partial))
                } else {
                    format!("By the file's status, {} completed and {} answered in part; both are in the figures.", count(completed), count(partial))
                }
            }
            Notice::NonRespondents { missing, invited } => {
                if da {
                    format!("{} af {invited} inviterede har ikke svaret (status ny, distribueret eller frafaldet); de er ikke med i tallene.", count(missing))
                } else {
                    format!("{} of the {invited} invited did not answer (status new, distributed or dropped out); they are not in the figures.", count(missing))
                }
            }
            Notice::InvalidBytes { cells, encoding } => {
                if da {
                    let noun = if cells == 1 { "celle" } else { "celler" };
                    format!("{} {noun} indeholdt tegn, der ikke kan læses som {encoding}; de vises med �.", count(cells))
                } else {
                    let noun = if cells == 1 { "cell" } else { "cells" };
                    format!("{} {noun} held characters that are not valid {encoding}; they are shown as �.", count(cells))
                }
            }
            Notice::ByTooManyGroups { column } => {
                if da {
                    format!("Kolonnen '{column}' har for mange forskellige værdier til at opdele efter.")
                } else {
                    format!("The column '{column}' has too many different values to break down by.")
                }
            }
            Notice::ByNotFound { column } => {
                if da {
                    format!("Der er ingen kolonne ved navn '{column}' at opdele efter.")
                } else {
                    format!("There is no column named '{column}' to break down by.")
                }
            }
            Notice::MoreRowsThanInvited { responded, invited } => {
                if da {
                    format!("Filen har {responded} besvarelser, flere end de {invited} inviterede.")
                } else {
                    format!("The file has {responded} responses, more than the {invited} invited.")
                }
            }
            Notice::LowResponseRate { rate_pct } => {
                let rate = format_pct(rate_pct, lang);
                if da {
                    format!("Kun {rate} af de inviterede har svaret. De, der ikke svarede, kan mene noget andet end de, der svarede; den statistiske usikkerhed tager kun højde for tilfældigheder, ikke for hvem der valgte at svare.")
                } else {
                    format!("Only {rate} of those invited answered. Those who did not answer may think differently from those who did; the margin of error covers chance only, not who chose to answer.")
                }
            }
            Notice::FreeText { column, answered } => {
                if da {
                    format!(
                        "Kolonnen '{column}' er fritekst. Svarene vises ikke; kun antallet: {}.",
                        count(answered)
                    )
                } else {
                    format!("The column '{column}' is free text. The answers are not shown; only how many: {}.", count(answered))
                }
            }
            Notice::CprColumn { column } => {
                if da {
                    format!("Kolonnen '{column}' ligner CPR-numre og er udeladt.")
                } else {
                    format!("The column '{column}' looks like CPR numbers and is left out.")
                }
            }
            Notice::PersonalColumn { column, reason } => {
                let what = personal_data(reason, lang);
                if da {
                    format!(
                        "Kolonnen '{column}' indeholder personoplysninger ({what}) og er udeladt."
                    )
                } else {
                    format!("The column '{column}' holds personal data ({what}) and is left out.")
                }
            }
            Notice::CprInText { column, count: n } => {
                if da {
                    format!("Kolonnen '{column}' indeholder {} tal, der ligner CPR-numre. De vises aldrig.", count(n))
                } else {
                    format!("The column '{column}' contains {} numbers that look like CPR numbers. They are never shown.", count(n))
                }
            }
            Notice::NotOnScale { column, answers } => {
                if da {
                    format!("Kolonnen '{column}': {answers} svar passer ikke til skalaen og er talt for sig.")
                } else {
                    format!("The column '{column}': {answers} answers do not fit the scale and are counted apart.")
                }
            }
            Notice::FourPointScale { column } => {
                if da {
                    format!("Kolonnen '{column}' har en 4-punktsskala uden midte: gennemsnittet er på 1–4, og top-2 og bund-2 er de to halvdele.")
                } else {
                    format!("The column '{column}' has a 4-point scale without a midpoint: the mean is on 1–4, and top-2 and bottom-2 are the two halves.")
                }
            }
            Notice::ScaleGuessed { column, points } => {
                if da {
                    format!("Skalaen for «{column}» er gættet ud fra svarene ({points} trin) – bekræft den.")
                } else {
                    format!("The scale of “{column}” is guessed from the answers ({points} steps) – please confirm it.")
                }
            }
            Notice::PersonalLabelsHidden { labels, headers } => {
                let what_da = match (labels, headers) {
                    (1, 0) => "1 svar".to_string(),
                    (_, 0) => format!("{} svar", count(labels)),
                    (0, 1) => "1 kolonneoverskrift".to_string(),
                    (0, _) => format!("{} kolonneoverskrifter", count(headers)),
                    (_, 1) => format!("{} svar og 1 kolonneoverskrift", count(labels)),
                    _ => format!(
                        "{} svar og {} kolonneoverskrifter",
                        count(labels),
                        count(headers)
                    ),
                };
                let what_en = match (labels, headers) {
                    (1, 0) => "1 answer".to_string(),
                    (_, 0) => format!("{} answers", count(labels)),
                    (0, 1) => "1 column header".to_string(),
                    (0, _) => format!("{} column headers", count(headers)),
                    (1, 1) => "1 answer and 1 column header".to_string(),
                    (1, _) => format!("1 answer and {} column headers", count(headers)),
                    (_, 1) => format!("{} answers and 1 column header", count(labels)),
                    _ => format!(
                        "{} answers and {} column headers",
                        count(labels),
                        count(headers)
                    ),
                };
                if da {
                    format!("{what_da} lignede personoplysninger (CPR-nummer, e-mail eller telefonnummer) og er skjult: svar vises som »Skjult svar (personoplysning)«, og i overskrifter er det personlige erstattet af •.")
                } else {
                    let are = if labels + headers == 1 { "is" } else { "are" };
                    format!("{what_en} looked like personal data (a CPR number, e-mail address or telephone number) and {are} hidden: answers show as “Hidden answer (personal data)”, and in headers the personal part is replaced by •.")
                }
            }
            Notice::FreeTextLabels { column, labels } => {
                if da {
                    format!("Kolonnen '{column}': {} svar med skrevet tekst (»Andet: …« eller lange svar) er talt sammen som »Andet (fritekst)«; teksten vises ikke.", count(labels))
                } else {
                    format!("The column '{column}': {} answers with typed text (“Other: …” or long answers) are counted together as “Other (free text)”; the text is not shown.", count(labels))
                }
            }
            Notice::NumbersNotRead {
                column,
                cells,
                forms,
            } => {
                let shown = |text: &str| {
                    if forms.is_empty() {
                        String::new()
                    } else {
                        format!(" ({text}: {forms})")
                    }
                };
                if da {
                    format!("Kolonnen '{column}': {} celler kunne ikke læses som tal og indgår ikke i gennemsnittet{}.", count(cells), shown("form"))
                } else {
                    format!("The column '{column}': {} cells could not be read as numbers and are left out of the mean{}.", count(cells), shown("form"))
                }
            }
            Notice::HeaderLooksLikeData => {
                if da {
                    "Første række ligner svar, ikke overskrifter. Vælg »Første række er svar«, hvis filen ikke har overskrifter.".to_string()
                } else {
                    "The first row looks like answers, not headers. Choose “First row is answers” if the file has no headers.".to_string()
                }
            }
        }
    }
}

/// What kind of personal data a column holds, for a sentence ("navne", "e-mail addresses").
pub fn personal_data(reason: PersonalReason, lang: Lang) -> &'static str {
    let (da, en) = match reason {
        PersonalReason::Name => ("navne", "names"),
        PersonalReason::Email => ("e-mailadresser", "e-mail addresses"),
        PersonalReason::Phone => ("telefonnumre", "telephone numbers"),
        PersonalReason::Address => ("adresser", "addresses"),
        PersonalReason::IpOrLocation => {
            ("IP-adresser eller positioner", "IP addresses or locations")
        }
        _ => ("personoplysninger", "personal data"),
    };
    lang.pick(da, en)
}

/// Which figure changed between two waves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measured {
    /// The top-2 share, in percentage points.
    Top2,
    /// The mean.
    Mean,
}

/// A test's verdict as the sentences need it: the p-value, the p-value adjusted for the tests
/// read with it, how many tests the adjustment covers, and whether the adjusted value is below
/// the 5 % level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Verdict {
    /// The test's own p-value.
    pub p: f64,
    /// The p-value after Holm's correction over the `tests` tests read together.
    pub p_adjusted: f64,
    /// How many tests the correction covers; 1 means none was needed.
    pub tests: usize,
    /// True when `p_adjusted` is below 0.05.
    pub significant: bool,
}

impl Verdict {
    /// A test read on its own: no correction.
    pub fn single(p: f64) -> Verdict {
        Verdict {
            p,
            p_adjusted: p,
            tests: 1,
            significant: p < 0.05,
        }
    }

    fn corrected(&self) -> bool {
        self.tests > 1
    }
}

/// "er statistisk signifikant efter korrektion for mange test (Holm), korrigeret p = 0,012"
/// and the like: the verdict and the p-value it rests on; the uncorrected p-value (when
/// corrected) and `more` (other figures) go inside the parenthesis at the end.
fn verdict_words(v: &Verdict, more: &str, lang: Lang) -> String {
    let base = match (lang, v.significant) {
        (Lang::Da, true) => "er statistisk signifikant",
        (Lang::Da, false) => "er ikke statistisk signifikant",
        (Lang::En, true) => "is statistically significant",
        (Lang::En, false) => "is not statistically significant",
    };
    let sep = if more.is_empty() { "" } else { "; " };
    if v.corrected() {
        let (after, adjusted, raw) = match lang {
            Lang::Da => (
                "efter korrektion for mange test (Holm)",
                "korrigeret",
                "ukorrigeret",
            ),
            Lang::En => (
                "after correction for multiple tests (Holm)",
                "adjusted",
                "unadjusted",
            ),
        };
        format!(
            "{base} {after}, {adjusted} {} ({raw} {}{sep}{more})",
            format_p(v.p_adjusted, lang),
            format_p(v.p, lang)
        )
    } else {
        format!("{base} ({}{sep}{more})", format_p(v.p, lang))
    }
}

/// "Stigningen på 4,2 procentpoint er statistisk signifikant (p = 0,003)." and the like: the
/// change `diff` of `subject` with its test's verdict, when there is one. When the verdict is
/// corrected for the other changes of the comparison, the sentence says so and gives both
/// p-values.
pub fn wave_change(diff: f64, test: Option<Verdict>, subject: Measured, lang: Lang) -> String {
    let (amount, shown_zero) = match subject {
        Measured::Top2 => {
            let text = format_decimal(diff.abs(), 1, lang);
            let unit = lang.pick("procentpoint", "percentage points");
            let zero = format_decimal(0.0, 1, lang);
            (format!("{text} {unit}"), text == zero)
        }
        Measured::Mean => {
            let text = format_mean(diff.abs(), lang);
            (text.clone(), text == format_mean(0.0, lang))
        }
    };
    if !diff.is_finite() {
        return lang
            .pick(
                "Ændringen kan ikke beregnes.",
                "The change cannot be computed.",
            )
            .to_string();
    }
    let what_da = match subject {
        Measured::Top2 => "Andelen positive svar",
        Measured::Mean => "Gennemsnittet",
    };
    let what_en = match subject {
        Measured::Top2 => "The share of positive answers",
        Measured::Mean => "The mean",
    };
    if shown_zero {
        let p = test.map(|v| format_p(v.p, lang));
        return match (lang, p) {
            (Lang::Da, Some(p)) => format!("{what_da} er uændret ({p})."),
            (Lang::Da, None) => format!("{what_da} er uændret."),
            (Lang::En, Some(p)) => format!("{what_en} is unchanged ({p})."),
            (Lang::En, None) => format!("{what_en} is unchanged."),
        };
    }
    let up = diff > 0.0;
    let noun = match (lang, subject, up) {
        (Lang::Da, Measured::Top2, true) => "Stigningen",
        (Lang::Da, Measured::Top2, false) => "Faldet",
        (Lang::Da, Measured::Mean, true) => "Stigningen i gennemsnittet",
        (Lang::Da, Measured::Mean, false) => "Faldet i gennemsnittet",
        (Lang::En, Measured::Top2, true) => "The increase",
        (Lang::En, Measured::Top2, false) => "The decrease",
        (Lang::En, Measured::Mean, true) => "The increase in the mean",
        (Lang::En, Measured::Mean, false) => "The decrease in the mean",
    };
    let of = lang.pick("på", "of");
    match test {
        Some(v) => format!("{noun} {of} {amount} {}.", verdict_words(&v, "", lang)),
        None => match lang {
            Lang::Da => format!("{noun} {of} {amount} kan ikke testes (for få svar)."),
            Lang::En => format!("{noun} {of} {amount} cannot be tested (too few answers)."),
        },
    }
}

/// Why a change between two waves is not tested: the scale has a different number of steps
/// (or numbering), so neither the share nor the mean is compared by a test.
pub fn scale_changed(lang: Lang) -> String {
    lang.pick(
        "Skalaen har et andet antal trin i de to runder, så ændringen kan ikke testes.",
        "The scale has a different number of steps in the two waves, so the change cannot be tested.",
    )
    .to_string()
}

/// Why no change of the mean is given between two waves: their scales differ, and a mean on
/// one scale cannot be subtracted from a mean on another.
pub fn mean_not_comparable(lang: Lang) -> String {
    lang.pick(
        "Gennemsnittene er på forskellige skalaer og kan ikke sammenlignes.",
        "The means are on different scales and cannot be compared.",
    )
    .to_string()
}

/// A file chosen twice among files to combine or compare.
pub fn duplicate_files(earlier: &str, later: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("'{later}' indeholder de samme svar som '{earlier}': den samme fil er valgt to gange. Vælg hver fil kun én gang; filerne lægges ikke sammen, og en sammenligning af dem viser ingen forskel."),
        Lang::En => format!("'{later}' holds the same answers as '{earlier}': the same file was chosen twice. Choose each file once; the files are not combined, and comparing them shows no difference."),
    }
}

/// Whether `files` files can be combined into one, in words: `difference` names the first file
/// that differs and the headers it differs in.
pub fn combine_verdict(
    files: usize,
    combinable: bool,
    (file, list): (&str, &str),
    lang: Lang,
) -> String {
    let da = lang == Lang::Da;
    if files < 2 {
        lang.pick(
            "Vælg mindst to filer at lægge sammen.",
            "Choose at least two files to combine.",
        )
        .to_string()
    } else if combinable {
        lang.pick(
            "Filerne har de samme kolonner og kan lægges sammen.",
            "The files have the same columns and can be combined.",
        )
        .to_string()
    } else if da {
        format!("Filerne har ikke de samme kolonner og kan ikke lægges sammen. '{file}' adskiller sig i {list}.")
    } else {
        format!("The files do not have the same columns and cannot be combined. '{file}' differs in {list}.")
    }
}

/// What a chi-square test of independence is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Association {
    /// A question broken down by groups.
    Groups,
    /// Any two columns of a cross-table.
    Columns,
}

/// The strength of an association in words, by Cramér's V (see
/// [`CRAMERS_V_STEPS`](crate::words::messages::CRAMERS_V_STEPS)): "svag sammenhæng".
pub fn effect_size(v: f64, lang: Lang) -> Option<&'static str> {
    let [weak, moderate, strong] = CRAMERS_V_STEPS;
    if v.is_nan() || v < 0.0 {
        return None;
    }
    Some(if v < weak {
        lang.pick("ubetydelig sammenhæng", "negligible association")
    } else if v < moderate {
        lang.pick("svag sammenhæng", "weak association")
    } else if v < strong {
        lang.pick("moderat sammenhæng", "moderate association")
    } else {
        lang.pick("stærk sammenhæng", "strong association")
    })
}

/// Where Cramér's V changes from one word to the next (Cohen's conventional 0.1, 0.3 and 0.5):
/// below 0.1 negligible, below 0.3 weak, below 0.5 moderate, otherwise strong. The same steps
/// as `stats::CRAMERS_V_STEPS`, which this room may not import.
pub const CRAMERS_V_STEPS: [f64; 3] = [0.1, 0.3, 0.5];

/// The chi-square test in words: "Forskellen mellem grupperne er statistisk signifikant
/// (p = 0,003; χ² = 14,2, df = 4, Cramérs V = 0,21: svag sammenhæng)." When the verdict is
/// corrected for the other questions' tests, the sentence says so and gives both p-values.
pub fn chi_square_test(
    about: Association,
    verdict: Verdict,
    chi_square: f64,
    df: u64,
    cramers_v: f64,
    lang: Lang,
) -> String {
    let subject = match about {
        Association::Groups => lang.pick(
            "Forskellen mellem grupperne",
            "The difference between the groups",
        ),
        Association::Columns => lang.pick(
            "Sammenhængen mellem de to kolonner",
            "The association between the two columns",
        ),
    };
    let strength = effect_size(cramers_v, lang)
        .map(|w| format!(": {w}"))
        .unwrap_or_default();
    let more = format!(
        "χ² = {}, df = {df}, {} = {}{strength}",
        format_decimal(chi_square, 1, lang),
        lang.pick("Cramérs V", "Cramér's V"),
        format_decimal(cramers_v, 2, lang)
    );
    format!("{subject} {}.", verdict_words(&verdict, &more, lang))
}

/// A group whose top-2 share differs significantly from that of the other shown groups
/// together (two-proportion z-test, Holm-corrected over the question's groups): "Uddannelses-
/// hjælp ligger signifikant lavere end de øvrige grupper (64 % mod 82 % positive svar, n = 412;
/// korrigeret p = 0,004)." Only for a significant difference: a difference that is not
/// significant is never called one.
pub fn group_differs(
    group: &str,
    higher: bool,
    group_pct: f64,
    rest_pct: f64,
    n: u64,
    p_adjusted: f64,
    lang: Lang,
) -> String {
    let (g, r, n, p) = (
        format_pct(group_pct, lang),
        format_pct(rest_pct, lang),
        format_count(n, lang),
        format_p(p_adjusted, lang),
    );
    match (lang, higher) {
        (Lang::Da, true) => format!("{group} ligger signifikant højere end de øvrige grupper ({g} mod {r} positive svar, n = {n}; Holm-korrigeret {p})."),
        (Lang::Da, false) => format!("{group} ligger signifikant lavere end de øvrige grupper ({g} mod {r} positive svar, n = {n}; Holm-korrigeret {p})."),
        (Lang::En, true) => format!("{group} is significantly higher than the other groups ({g} vs {r} positive answers, n = {n}; Holm-adjusted {p})."),
        (Lang::En, false) => format!("{group} is significantly lower than the other groups ({g} vs {r} positive answers, n = {n}; Holm-adjusted {p})."),
    }
}

/// A group whose mean differs significantly from that of the other shown groups together
/// (Welch's t-test, Holm-corrected over the question's groups): "Nord ligger signifikant
/// højere end de øvrige grupper (gennemsnit 7,40 mod 6,10, n = 412; Holm-korrigeret
/// p = 0,004)." Only for a significant difference.
pub fn group_mean_differs(
    group: &str,
    higher: bool,
    group_mean: f64,
    rest_mean: f64,
    n: u64,
    p_adjusted: f64,
    lang: Lang,
) -> String {
    let (g, r, n, p) = (
        format_mean(group_mean, lang),
        format_mean(rest_mean, lang),
        format_count(n, lang),
        format_p(p_adjusted, lang),
    );
    match (lang, higher) {
        (Lang::Da, true) => format!("{group} ligger signifikant højere end de øvrige grupper (gennemsnit {g} mod {r}, n = {n}; Holm-korrigeret {p})."),
        (Lang::Da, false) => format!("{group} ligger signifikant lavere end de øvrige grupper (gennemsnit {g} mod {r}, n = {n}; Holm-korrigeret {p})."),
        (Lang::En, true) => format!("{group} is significantly higher than the other groups (mean {g} vs {r}, n = {n}; Holm-adjusted {p})."),
        (Lang::En, false) => format!("{group} is significantly lower than the other groups (mean {g} vs {r}, n = {n}; Holm-adjusted {p})."),
    }
}

/// The method note on the tests, for a report or the command line: what is tested, how the
/// tests read together are corrected, and what the words for Cramér's V mean.
pub fn statistics_method(lang: Lang) -> String {
    lang.pick(
        "Når mange test læses sammen, er p-værdierne korrigeret med Holms metode, så risikoen for blot én fejlagtig signifikant forskel højst er 5 %: på tværs af alle spørgsmåls test mod opdelingen, på tværs af alle ændringer i en sammenligning af målinger, og for hvert spørgsmål på tværs af grupperne, hvor hver gruppes andel positive svar er testet mod de øvrige gruppers samlet (z-test for to andele) og hver gruppes gennemsnit mod de øvriges (Welchs t-test); en gruppe kaldes kun højere eller lavere, når spørgsmålets egen test også er signifikant. Intervallet for en ændring i andel er Newcombes score-interval. Cramérs V under 0,1 kaldes en ubetydelig sammenhæng, under 0,3 svag, under 0,5 moderat og ellers stærk (Cohens tommelfingerregler). Et gennemsnit får intet interval ved færre end 3 svar og ingen spredning ved færre end 2.",
        "When many tests are read together, the p-values are corrected with Holm's method, so that the risk of even one false significant difference is at most 5%: across every question's test against the grouping, across all changes in a comparison of waves, and within each question across the groups, where each group's share of positive answers is tested against the other groups together (two-proportion z-test) and each group's mean against theirs (Welch's t-test); a group is called higher or lower only when the question's own test is significant too. The interval of a change in a share is Newcombe's score interval. A Cramér's V below 0.1 is called a negligible association, below 0.3 weak, below 0.5 moderate and otherwise strong (Cohen's rules of thumb). A mean gets no interval from fewer than 3 answers and no standard deviation from fewer than 2.",
    )
    .to_string()
}

/// The method note on index scores: how a respondent's score is made, the rule for missing
/// answers, the 0–100 scale and the interval.
pub fn index_method(lang: Lang) -> String {
    lang.pick(
        "Et indeks er for hver besvarelse gennemsnittet af svarene på indeksets spørgsmål på deres fælles skala (fx 1–5, hvor 5 er mest positiv). Har en besvarelse ikke svaret på alle spørgsmålene, er indekset gennemsnittet af dem, der er besvaret, når mindst halvdelen er besvaret; ellers får besvarelsen intet indeks. «Ved ikke» og lignende svar tæller som ikke besvaret. Indekset på 0–100 er det samme gennemsnit, hvor skalaens laveste værdi er 0 og den højeste 100. Intervallet er 95 %-t-intervallet for gennemsnittet af besvarelsernes indeks, og hver gruppes gennemsnit er testet mod de øvrige gruppers samlet (Welchs t-test, Holm-korrigeret på tværs af grupperne).",
        "For each response, an index is the mean of the answers to the index's questions on their common scale (e.g. 1–5, 5 being the most positive). When a response has not answered every question, its index is the mean of those answered, provided at least half are answered; otherwise the response has no index. “Don't know” and similar answers count as not answered. The index on 0–100 is the same mean with the scale's lowest value as 0 and its highest as 100. The interval is the 95% t interval of the mean of the responses' indices, and each group's mean is tested against the other groups together (Welch's t-test, Holm-corrected across the groups).",
    )
    .to_string()
}

/// The count of items a score needs, in words: "mindst 2 af 3 spørgsmål besvaret".
pub fn index_rule(min_items: usize, items: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("mindst {min_items} af {items} spørgsmål besvaret"),
        Lang::En => format!("at least {min_items} of {items} questions answered"),
    }
}

/// The method note on the base of the percentages: "Ved ikke" and the like are counted apart
/// and left out of every percentage, or, when `included`, counted in the base of every one.
pub fn base_rule(included: bool, lang: Lang) -> String {
    match included {
        false => lang.pick(
            "Svar som «Ved ikke», «Ikke relevant» og «Ønsker ikke at svare» tælles for sig og indgår ikke i grundlaget for nogen procent (i oversigten, kategorierne, krydstabellerne, de vægtede tal, målingerne og spørgsmål med flere svar); hvert tal siger sit grundlag. Gennemsnit er altid kun på svarene på skalaen.",
            "Answers such as “Don't know”, “Not applicable” and “Prefer not to say” are counted apart and left out of the base of every percentage (in the overview, the categories, the cross-tables, the weighted figures, the waves and multi-select questions); each figure states its base. Means are always on the answers on the scale alone.",
        ),
        true => lang.pick(
            "Svar som «Ved ikke», «Ikke relevant» og «Ønsker ikke at svare» indgår i grundlaget for hver procent, som i mange offentliggjorte tal; hvert tal siger sit grundlag. Gennemsnit er altid kun på svarene på skalaen.",
            "Answers such as “Don't know”, “Not applicable” and “Prefer not to say” are included in the base of every percentage, as in many published figures; each figure states its base. Means are always on the answers on the scale alone.",
        ),
    }
    .to_string()
}

/// The caution when `share_pct` percent of a table's cells expect fewer than 5 answers.
pub fn low_expected_counts(share_pct: f64, lang: Lang) -> String {
    let share = format_pct(share_pct, lang);
    match lang {
        Lang::Da => {
            format!("{share} af cellerne har en forventet værdi under 5, så p-værdien er usikker.")
        }
        Lang::En => format!(
            "{share} of the cells have an expected count below 5, so the p-value is uncertain."
        ),
    }
}

/// The title of a multi-select question's chart: the base and that shares may add up to more
/// than 100 %.
pub fn multi_select_base(answered: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Andel af de {}, der har svaret; flere svar mulige",
            format_count(answered, lang)
        ),
        Lang::En => format!(
            "Share of the {} who answered; several answers possible",
            format_count(answered, lang)
        ),
    }
}

/// A question or answer quoted in a sentence: «…» in Danish, “…” in English.
pub fn quoted(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("«{text}»"),
        Lang::En => format!("“{text}”"),
    }
}

/// Answers joined with "eller" / "or", each quoted: «Meget tilfreds» eller «Tilfreds».
fn quoted_or(labels: &[&str], lang: Lang) -> String {
    let quoted: Vec<String> = labels.iter().map(|l| quoted(l, lang)).collect();
    quoted.join(lang.pick(" eller ", " or "))
}

/// A finding of the main results: the shares of positive and negative answers to a question,
/// with its base: «Hvor tilfreds er du samlet set?»: 81,3 % svarer «Meget tilfreds» eller
/// «Tilfreds»; 5,2 % svarer «Utilfreds» eller «Meget utilfreds» (n = 5.671; 107 svar som «Ved
/// ikke» indgår ikke).
#[allow(clippy::too_many_arguments)]
pub fn finding_overall(
    question: &str,
    positive_pct: f64,
    positive: &[&str],
    negative_pct: f64,
    negative: &[&str],
    n: u64,
    outside_scale: u64,
    lang: Lang,
) -> String {
    let base = if outside_scale > 0 {
        match lang {
            Lang::Da => format!(
                "n = {}; {} svar som «Ved ikke» indgår ikke",
                format_count(n, lang),
                format_count(outside_scale, lang)
            ),
            Lang::En => format!(
                "n = {}; {} answers such as “Don't know” are not included",
                format_count(n, lang),
                format_count(outside_scale, lang)
            ),
        }
    } else {
        format!("n = {}", format_count(n, lang))
    };
    let (q, p, pos, neg_pct, neg) = (
        quoted(question, lang),
        format_pct(positive_pct, lang),
        quoted_or(positive, lang),
        format_pct(negative_pct, lang),
        quoted_or(negative, lang),
    );
    match lang {
        Lang::Da => format!("{q}: {p} svarer {pos}; {neg_pct} svarer {neg} ({base})."),
        Lang::En => format!("{q}: {p} answer {pos}; {neg_pct} answer {neg} ({base})."),
    }
}

/// A finding of the main results: the question with the highest or lowest share of positive
/// answers.
pub fn finding_ranked(
    question: &str,
    highest: bool,
    positive_pct: f64,
    n: u64,
    lang: Lang,
) -> String {
    let (q, p, n) = (
        quoted(question, lang),
        format_pct(positive_pct, lang),
        format_count(n, lang),
    );
    match (lang, highest) {
        (Lang::Da, true) => format!("Højeste andel positive svar: {q} ({p}, n = {n})."),
        (Lang::Da, false) => format!("Laveste andel positive svar: {q} ({p}, n = {n})."),
        (Lang::En, true) => format!("Highest share of positive answers: {q} ({p}, n = {n})."),
        (Lang::En, false) => format!("Lowest share of positive answers: {q} ({p}, n = {n})."),
    }
}

/// A finding of the main results: how many of those invited answered.
pub fn finding_response(responded: u64, invited: u64, rate_pct: f64, lang: Lang) -> String {
    let (r, i, p) = (
        format_count(responded, lang),
        format_count(invited, lang),
        format_pct(rate_pct, lang),
    );
    match lang {
        Lang::Da => format!("{r} af {i} inviterede har svaret ({p})."),
        Lang::En => format!("{r} of {i} invited answered ({p})."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_labels_and_free_text_are_worded_in_both_languages() {
        let n = Notice::PersonalLabelsHidden {
            labels: 3,
            headers: 1,
        };
        assert_eq!(n.code(), "personal_labels_hidden");
        assert!(n
            .message(Lang::Da)
            .starts_with("3 svar og 1 kolonneoverskrift lignede"));
        assert!(n
            .message(Lang::En)
            .starts_with("3 answers and 1 column header looked"));
        let one = Notice::PersonalLabelsHidden {
            labels: 1,
            headers: 0,
        };
        assert!(one.message(Lang::En).starts_with("1 answer looked"));
        assert!(one.message(Lang::En).contains(") and is hidden"));
        let f = Notice::FreeTextLabels {
            column: "Kanal",
            labels: 4,
        };
        assert_eq!(f.code(), "free_text_labels");
        assert!(f.message(Lang::Da).contains("'Kanal': 4 svar"));
        assert!(f.message(Lang::En).contains("“Other (free text)”"));
    }

    #[test]
    fn wave_changes_in_both_languages() {
        let t = Verdict::single(0.003);
        assert_eq!(
            wave_change(4.2, Some(t), Measured::Top2, Lang::Da),
            "Stigningen på 4,2 procentpoint er statistisk signifikant (p = 0,003)."
        );
        assert_eq!(
            wave_change(4.2, Some(t), Measured::Top2, Lang::En),
            "The increase of 4.2 percentage points is statistically significant (p = 0.003)."
        );
        let ns = Verdict::single(0.214);
        assert_eq!(
            wave_change(-3.1, Some(ns), Measured::Top2, Lang::Da),
            "Faldet på 3,1 procentpoint er ikke statistisk signifikant (p = 0,214)."
        );
        assert_eq!(
            wave_change(-0.15, Some(ns), Measured::Mean, Lang::En),
            "The decrease in the mean of 0.15 is not statistically significant (p = 0.214)."
        );
        assert_eq!(
            wave_change(0.01, Some(ns), Measured::Top2, Lang::Da),
            "Andelen positive svar er uændret (p = 0,214)."
        );
        assert_eq!(
            wave_change(f64::NAN, None, Measured::Mean, Lang::En),
            "The change cannot be computed."
        );
        // Significant alone, not after the correction: the sentence says which.
        let corrected = Verdict {
            p: 0.03,
            p_adjusted: 0.09,
            tests: 3,
            significant: false,
        };
        assert_eq!(
            wave_change(4.2, Some(corrected), Measured::Top2, Lang::Da),
            "Stigningen på 4,2 procentpoint er ikke statistisk signifikant efter korrektion for mange test (Holm), korrigeret p = 0,090 (ukorrigeret p = 0,030)."
        );
        assert_eq!(
            wave_change(4.2, Some(corrected), Measured::Top2, Lang::En),
            "The increase of 4.2 percentage points is not statistically significant after correction for multiple tests (Holm), adjusted p = 0.090 (unadjusted p = 0.030)."
        );
    }

    #[test]
    fn chi_square_with_strength_and_correction() {
        let v = Verdict {
            p: 0.003,
            p_adjusted: 0.012,
            tests: 4,
            significant: true,
        };
        assert_eq!(
            chi_square_test(Association::Groups, v, 14.2, 4, 0.21, Lang::Da),
            "Forskellen mellem grupperne er statistisk signifikant efter korrektion for mange test (Holm), korrigeret p = 0,012 (ukorrigeret p = 0,003; χ² = 14,2, df = 4, Cramérs V = 0,21: svag sammenhæng)."
        );
        assert_eq!(
            chi_square_test(
                Association::Columns,
                Verdict::single(0.4),
                1.5,
                2,
                0.05,
                Lang::En
            ),
            "The association between the two columns is not statistically significant (p = 0.400; χ² = 1.5, df = 2, Cramér's V = 0.05: negligible association)."
        );
        assert_eq!(effect_size(0.3, Lang::Da), Some("moderat sammenhæng"));
        assert_eq!(effect_size(0.5, Lang::En), Some("strong association"));
        assert_eq!(CRAMERS_V_STEPS, crate::stats::CRAMERS_V_STEPS);
    }

    #[test]
    fn group_differences_in_both_languages() {
        assert_eq!(
            group_differs("Uddannelseshjælp", false, 64.0, 82.0, 412, 0.004, Lang::Da),
            "Uddannelseshjælp ligger signifikant lavere end de øvrige grupper (64,0\u{a0}% mod 82,0\u{a0}% positive svar, n = 412; Holm-korrigeret p = 0,004)."
        );
        assert_eq!(
            group_differs("Seniors", true, 91.5, 80.26, 1200, 0.0001, Lang::En),
            "Seniors is significantly higher than the other groups (91.5% vs 80.3% positive answers, n = 1,200; Holm-adjusted p < 0.001)."
        );
    }
}
