//! The summary contract: one JSON object the command-line program prints and the browser app
//! shows. Aggregates only: no cell value of a personal-data or free-text column ever enters it
//! unless the user explicitly includes that column.

use serde::{Deserialize, Serialize};
use serde_json::Map;

pub use crate::model::dataset::DialectInfo;
use crate::model::kinds::{Kind, PersonalReason, ScaleFamily, ScaleSource};
pub use crate::model::options::{ColumnOverride, IndexSpec, SummaryOptions};
use crate::words::lang::Lang;

/// A warning about the input, in both languages. Never contains cell values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Stable machine-readable code, e.g. "cpr_column", "ragged_rows".
    pub code: String,
    /// The column it concerns, if any (header text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// How many rows, cells or values it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// The first row (1-based line of the data, header rows included) it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// The message in Danish.
    pub da: String,
    /// The message in English.
    pub en: String,
}

/// Statistics of one group (or the whole file) on a Likert question.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScaleStats {
    /// Answers on the scale (non-substantive answers and blanks excluded).
    pub n_valid: u64,
    /// Count per step, most positive first.
    pub steps: Vec<u64>,
    /// Non-substantive answers ("Ved ikke", "Ikke relevant", …) of the same respondents:
    /// counted apart, and in `base` only when the summary's `include_non_substantive` is set.
    #[serde(default)]
    pub apart: u64,
    /// The base of every percentage here: `n_valid`, plus `apart` when non-substantive
    /// answers are included in the base. Means and standard deviations are on `n_valid`.
    #[serde(default)]
    pub base: u64,
    /// Percent of `base` per step, most positive first.
    pub pct: Vec<f64>,
    /// Percent in the two most positive steps (the positive half on 4-point scales).
    pub top2_pct: f64,
    /// Percent in the two most negative steps (the negative half on 4-point scales).
    pub bottom2_pct: f64,
    /// 95 % Wilson interval for `top2_pct`, in percent.
    pub top2_ci95: [f64; 2],
    /// Mean on 1..points with `points` the most positive step.
    pub mean: f64,
    /// Sample standard deviation on the same scale; `null` from fewer than 2 answers.
    pub sd: Option<f64>,
    /// 95 % t interval for the mean; `null` from fewer than 3 answers.
    pub mean_ci95: Option<[f64; 2]>,
    /// The Net Promoter Score, on a 0–10 question that asks how likely the respondent is to
    /// recommend something (see `ColumnSummary::headline`); `null` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nps: Option<Nps>,
    /// A group of a breakdown only: the top-2 share of the other shown groups together, in
    /// percent (what the group is tested against).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top2_rest_pct: Option<f64>,
    /// A group of a breakdown only: the p-value of the two-proportion z-test of the group's
    /// top-2 share against `top2_rest_pct` (pooled), Holm-corrected over the question's groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top2_vs_rest_p: Option<f64>,
    /// A group of a breakdown only: the mean of the other shown groups together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_rest: Option<f64>,
    /// A group of a breakdown only: the p-value of Welch's t-test of the group's mean against
    /// `mean_rest`, Holm-corrected over the question's groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_vs_rest_p: Option<f64>,
    /// A group of a breakdown only: "higher" or "lower" when the group's mean differs
    /// significantly from the other groups' (`mean_vs_rest_p` below 0.05 and the question's
    /// own test significant after its correction); `null` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_differs: Option<Differs>,
    /// A group of a breakdown only: "higher" or "lower" when the group's top-2 share differs
    /// significantly from the other groups' (`top2_vs_rest_p` below 0.05 and the question's
    /// own test significant after its correction); `null` otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub differs: Option<Differs>,
}

/// The Net Promoter Score: promoters (9–10) minus detractors (0–6) of the answers on a 0–10
/// scale, in points from −100 to 100.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Nps {
    /// `promoters_pct − detractors_pct`.
    pub score: f64,
    /// 95 % Wald interval of the score, in points, with the variance of a difference of two
    /// shares of one multinomial sample (Rocks 2016), clipped to [−100, 100].
    pub ci95: [f64; 2],
    /// Percent of the answers on the scale that are 9 or 10.
    pub promoters_pct: f64,
    /// Percent that are 7 or 8.
    pub passives_pct: f64,
    /// Percent that are 0 to 6.
    pub detractors_pct: f64,
}

/// The figure a scale question leads with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Headline {
    /// The share in the two most positive steps (label scales and short numeric scales).
    Top2,
    /// The mean and the distribution: a 0–10 question that is not about recommending, whose
    /// two top steps (9 and 10) are no natural "positive" group.
    Mean,
    /// The Net Promoter Score: a 0–10 question about recommending.
    Nps,
}

/// Which way a group differs from the other groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Differs {
    /// A higher top-2 share than the other groups together.
    Higher,
    /// A lower top-2 share than the other groups together.
    Lower,
}

/// A chi-square test of independence between a question and the grouping column.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndependenceTest {
    /// Pearson's chi-square statistic.
    pub chi_square: f64,
    /// Degrees of freedom.
    pub df: u64,
    /// p-value.
    pub p_value: f64,
    /// `p_value` after Holm's correction over every question's test against the grouping
    /// column in the same summary.
    pub p_adjusted: f64,
    /// How many tests that correction covers (1: the test stands alone).
    pub holm_tests: u64,
    /// Cramér's V.
    pub cramers_v: f64,
    /// Share of cells with an expected count below 5, in percent.
    pub expected_below_5_pct: f64,
    /// True when `p_adjusted` < 0.05.
    pub significant: bool,
}

/// Everything known about one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnSummary {
    /// Position in the file, 0-based.
    pub index: usize,
    /// Header text as the user wrote it (folded for multi-row headers).
    pub name: String,
    /// The export's variable name beside the header text (Qualtrics' "Q4"), when it has one;
    /// the command line and `by` find a column by it too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variable: Option<String>,
    /// The recognised (or user-chosen) kind.
    pub kind: Kind,
    /// True when the column holds personal data.
    pub personal_data: bool,
    /// Why it is personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_reason: Option<PersonalReason>,
    /// Survey-tool metadata rather than a question.
    #[serde(default)]
    pub metadata: bool,
    /// Left out of the analysis (personal data by default, or by the user).
    #[serde(default)]
    pub excluded: bool,
    /// Non-empty cells.
    pub answered: u64,
    /// Distinct non-empty values (a lower bound when there were very many).
    pub distinct: u64,
    /// Scale steps, most positive first (Likert only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Vec<String>>,
    /// Scale family (Likert only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_family: Option<ScaleFamily>,
    /// Where the scale comes from, strongest evidence first (Likert only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_source: Option<ScaleSource>,
    /// True when the scale is guessed from the answers and should be confirmed (Likert only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scale_guessed: bool,
    /// Count per value as it appears in the file, trimmed. Likert: steps first (most positive
    /// first), then non-substantive answers. Omitted for personal data and free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Map<String, serde_json::Value>>,
    /// Percent of answered per value (categories only), same order as `counts`. Named apart
    /// from the Likert `pct` list so both can be read back.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "percent")]
    pub pct: Option<Map<String, serde_json::Value>>,
    /// Answers that are not on the scale ("Ved ikke", "Ikke relevant", …), Likert only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_substantive: Option<u64>,
    /// Half-width of a 95 % interval for a 50 % share (the largest margin) on this question's
    /// own base (`n_valid` for scale questions, the answers counted for categories), in
    /// percentage points, with the finite population correction when the number invited is
    /// known. `null` when nothing was counted, or the base exceeds the number invited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin_of_error_pp: Option<f64>,
    /// Statistics on the scale (Likert only); flattened so `n_valid`, `top2_pct`, … sit at the
    /// top level as in the contract.
    #[serde(default, skip_serializing_if = "Option::is_none", flatten)]
    pub stats: Option<ScaleStats>,
    /// The figure the question leads with (Likert only): `top2`, `mean` (0–10 questions) or
    /// `nps` (0–10 questions about recommending).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<Headline>,
    /// Highest value of the mean's scale (5 on a 5-point scale, 4 on a 4-point scale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_scale_max: Option<u32>,
    /// Breakdown by the grouping column, in the grouping column's value order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Map<String, serde_json::Value>>,
    /// The same breakdown typed, for the views and the findings laid out from this summary.
    /// Not in the JSON, which has `by`: a summary read back from JSON has it empty, so views
    /// are laid out from summaries computed here, never from JSON.
    #[serde(skip)]
    pub by_stats: Vec<(String, ScaleStats)>,
    /// Test of independence against the grouping column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<IndependenceTest>,
    /// Values withheld from `counts` (fewer than min-cell respondents, or so that they cannot
    /// be worked out from the total); their labels are not published either.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub withheld_values: u64,
    /// Groups withheld from `by`, for the same reasons.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub withheld_groups: u64,
    /// Numbers only: mean and sd of the numeric cells (no minimum or maximum, which are single
    /// respondents' values; nothing when fewer than min-cell cells hold a number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numeric: Option<NumericStats>,
    /// CPR-like tokens found inside this column's cells (never the tokens themselves).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cpr_like: u64,
    /// The multi-select question this column is part of (see `Summary::multi_select`); such a
    /// column is not a question of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// Set when the column is an index score (`SummaryOptions::indices`): its items, the rule
    /// for missing answers and its statistics. Its breakdown is in `by`, one [`IndexStats`] per
    /// group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_score: Option<IndexSummary>,
    /// The index's breakdown typed, as `by_stats` is for a scale question. Not in the JSON.
    #[serde(skip)]
    pub index_by: Vec<(String, IndexStats)>,
}

/// Statistics of an index score, for the whole file or one group: the mean of the
/// respondents' scores on the items' scale, and the same on 0–100.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexStats {
    /// Respondents with a score.
    pub n: u64,
    /// Mean score on the items' scale (1–5 on a 5-point scale).
    pub mean: f64,
    /// Sample standard deviation of the scores; `null` from fewer than 2.
    pub sd: Option<f64>,
    /// 95 % t interval of the mean; `null` from fewer than 3 scores.
    pub mean_ci95: Option<[f64; 2]>,
    /// `mean` on 0–100: the scale's lowest value is 0 and its highest 100.
    pub mean_100: f64,
    /// `mean_ci95` on 0–100.
    pub mean_ci95_100: Option<[f64; 2]>,
    /// A group of a breakdown only: the mean of the other shown groups together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_rest: Option<f64>,
    /// A group of a breakdown only: Welch's t-test's p-value of the group's mean against
    /// `mean_rest`, Holm-corrected over the index's groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_vs_rest_p: Option<f64>,
    /// A group of a breakdown only: "higher" or "lower" when `mean_vs_rest_p` is below 0.05.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_differs: Option<Differs>,
}

/// What makes a column an index score, and its statistics.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexSummary {
    /// The items' headers.
    pub items: Vec<String>,
    /// Answered items a respondent needs for a score: half of the items, rounded up. "Ved
    /// ikke" and answers off the scale count as not answered.
    pub min_items: usize,
    /// The scale's lowest value.
    pub scale_min: i32,
    /// The scale's highest value.
    pub scale_max: i32,
    /// Respondents who answered some items, but too few for a score.
    pub too_few_items: u64,
    /// The statistics over every respondent with a score; flattened so `n`, `mean`, … sit in
    /// the index object itself.
    #[serde(flatten)]
    pub stats: IndexStats,
}

fn is_zero(v: &u64) -> bool {
    *v == 0
}

/// Descriptive statistics of a numeric column.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NumericStats {
    /// Cells that held a number.
    pub n: u64,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation.
    pub sd: f64,
    /// Cells that were neither a number nor a non-substantive answer, left out of `n`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unparsed: u64,
    /// The forms of those cells with counts, most first ("9 a" for "12 kr"; every run of
    /// digits '9', of letters 'a'), never the values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unparsed_forms: Vec<(String, u64)>,
}

/// Response rate from the number invited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResponseRate {
    /// Invited.
    pub invited: u64,
    /// Responded (rows).
    pub responded: u64,
    /// responded / invited in percent.
    pub rate_pct: f64,
    /// Half-width of a 95 % interval for a 50 % share on every row, in percentage points, with
    /// the finite population correction: the smallest margin any question can have. Each
    /// question's own margin, on its own base, is its `margin_of_error_pp`.
    pub margin_of_error_pct: f64,
    /// True when fewer than half of those invited answered: a warning `low_response_rate`
    /// then says that the margin of error covers chance only.
    #[serde(default)]
    pub low_response: bool,
}

/// The whole summary of one file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Respondents (data rows; header rows not included).
    pub rows: u64,
    /// How the file was read.
    pub dialect: DialectInfo,
    /// Rows skipped as unreadable.
    pub skipped_rows: u64,
    /// Rows with too few fields, padded with blanks.
    pub padded_rows: u64,
    /// Rows with too many fields, cut to the header's width.
    pub truncated_rows: u64,
    /// Warnings in plain words.
    pub warnings: Vec<Warning>,
    /// Minimum cell size used for suppression.
    pub min_cell: u64,
    /// Name of the grouping column used for `by`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The order the groups of every breakdown are shown in (the `by` maps hold them in the
    /// natural order).
    #[serde(default)]
    pub group_order: crate::model::options::GroupOrder,
    /// True when non-substantive answers are in the base of every percentage (the option of
    /// the same name); false when they are counted apart, the default.
    #[serde(default)]
    pub include_non_substantive: bool,
    /// Response rate, when the number invited is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ResponseRate>,
    /// The main results in a few sentences, with the figures behind them
    /// ([`findings`](crate::analyze::findings)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    /// Every column, in file order.
    pub columns: Vec<ColumnSummary>,
    /// Multi-select questions, each counted once across its columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub multi_select: Vec<crate::analyze::multiselect::MultiSelectSummary>,
}

/// What a finding says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The shares of positive and negative answers to a question.
    Overall,
    /// A group that differs significantly from the other groups.
    Group,
    /// The question with the highest share of positive answers.
    Highest,
    /// The question with the lowest share of positive answers.
    Lowest,
    /// How many of those invited answered.
    Response,
}

/// The figures a finding rests on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FindingNumbers {
    /// Share of positive answers (the two most positive steps), in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positive_pct: Option<f64>,
    /// Share of negative answers (the two most negative steps), in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub negative_pct: Option<f64>,
    /// The other shown groups' share of positive answers, in percent (group findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rest_pct: Option<f64>,
    /// The corrected p-value of the difference (group findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_adjusted: Option<f64>,
    /// The base: valid answers (or respondents, for the response rate).
    pub n: u64,
    /// Number invited (response findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invited: Option<u64>,
    /// Response rate in percent (response findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_pct: Option<f64>,
}

/// One sentence of the main results, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// What it says.
    pub kind: FindingKind,
    /// The question it is about (column index), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The group it names (group findings): always a shown group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The figures behind the sentence.
    pub numbers: FindingNumbers,
    /// The sentence in Danish.
    pub da: String,
    /// The sentence in English.
    pub en: String,
}

impl Finding {
    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Da => &self.da,
            Lang::En => &self.en,
        }
    }
}
