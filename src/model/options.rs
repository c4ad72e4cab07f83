//! What the user asks for: the grouping column, the minimum group size, the number invited and
//! the choices made per column. Holds no respondent data.

use serde::{Deserialize, Serialize};

use crate::model::kinds::Kind;

/// A user's choice for one column, keyed by header text. Holds no respondent data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnOverride {
    /// Header text of the column, or the variable name kept beside it (Qualtrics' "Q4") when
    /// no header reads so.
    pub column: String,
    /// Kind to use instead of the recognised one.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// Leave the column out of the analysis.
    #[serde(default)]
    pub exclude: bool,
    /// Include a personal-data or free-text column anyway (an explicit action, never stored).
    #[serde(default)]
    pub include_personal: bool,
    /// Answer categories merged before counting: each `(from, to)` counts the value `from` as
    /// `to` (for example age bands "18-24" and "25-29" both as "18-29").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merge: Vec<(String, String)>,
    /// The answer scale the user defined for the column: labels most positive first, as they
    /// appear in the file (after any merge). The column is then counted as a scale question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Vec<String>>,
    /// The user confirmed the scale recognition guessed for the column (one step on the page):
    /// it is counted as recognised and no longer marked as a guess.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scale_confirmed: bool,
}

/// What to compute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryOptions {
    /// Header text of the grouping column for breakdowns.
    pub by: Option<String>,
    /// Groups with fewer valid answers are withheld (default 5).
    pub min_cell: u64,
    /// Number invited, for the response rate.
    pub invited: Option<u64>,
    /// The user's column choices.
    pub overrides: Vec<ColumnOverride>,
    /// Count non-substantive answers ("Ved ikke", "Ikke relevant", "Ønsker ikke at svare")
    /// in the base of every percentage, as many published figures do. By default (false)
    /// they are counted apart and left out of the base. Means never include them.
    pub include_non_substantive: bool,
    /// The order groups are shown in, in every breakdown.
    pub group_order: GroupOrder,
    /// Index scores: each the mean of chosen scale questions, counted as a question of its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indices: Vec<IndexSpec>,
}

/// A named index score: per respondent the mean of the answered `items` (scale questions on
/// the same number of steps), when at least half of them are answered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexSpec {
    /// The index's name ("Mødet"), shown as its header.
    pub name: String,
    /// The items by header text or variable name, as `by` finds a column.
    pub items: Vec<String>,
}

/// The order of the groups of a breakdown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupOrder {
    /// The groups' own order: along the scale, by the numbers in age bands and case lengths
    /// ("Under 1 år", "1-2 år", "Over 2 år"), else by name; answers such as "Ved ikke" last.
    #[default]
    Natural,
    /// By result: the highest share of positive answers first.
    Result,
    /// Alphabetically by name.
    Name,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            by: None,
            min_cell: 5,
            invited: None,
            overrides: Vec::new(),
            include_non_substantive: false,
            group_order: GroupOrder::Natural,
            indices: Vec::new(),
        }
    }
}
