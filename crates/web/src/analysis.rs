//! The deeper analyses of one file for the page: cross-tables with a heat map, weighted figures
//! and multi-select questions (several files at once are in `multi`).
//!
//! As in the rest of this crate, every number comes from the `tilfreds` core; this module only
//! moves models across the boundary and lays out small tables in the user's language.

#[cfg(feature = "multi")]
use serde::Serialize;
#[cfg(feature = "multi")]
use tilfreds::analyze::crosstab;
#[cfg(feature = "multi")]
use tilfreds::present::views::crosstab::crosstab_view;
#[cfg(feature = "multi")]
use tilfreds::present::views::weighted::weighted_view_in_base;
#[cfg(feature = "multi")]
use tilfreds::present::views::Texts;
#[cfg(feature = "multi")]
use tilfreds::Dataset;
#[cfg(feature = "multi")]
use tilfreds::Lang;
use wasm_bindgen::prelude::*;

#[cfg(feature = "multi")]
use super::to_js_json;
use super::{not_finished, Session};

/// `{error: {da, en}}`: why an analysis cannot be made.
#[cfg(feature = "multi")]
#[derive(Serialize)]
struct Refusal {
    error: Texts<String>,
}

#[cfg(feature = "multi")]
fn refusal(da: String, en: String) -> Result<JsValue, JsError> {
    to_js_json(&Refusal {
        error: Texts { da, en },
    })
}

#[cfg(feature = "multi")]
impl Session {
    /// The dataset the analyses count: with the latest summary's merges and scales applied.
    fn analysed(&self) -> Result<&Dataset, JsError> {
        self.adjusted
            .as_ref()
            .or(self.dataset.as_ref())
            .ok_or_else(not_finished)
    }
}

// Cross-tables and weights are in the second module (feature `multi`), like several files: the
// first download stays within its size budget, and the worker reads the file into the second
// module the first time one is asked for (www/analysis-worker.js).
#[cfg(feature = "multi")]
#[wasm_bindgen]
impl Session {
    /// The cross-table of columns `row` × `col` (0-based): `{crosstab, tables: {counts, row_pct,
    /// col_pct}, test_text}`, or `{error: {da, en}}` when the two columns cannot be tabulated.
    /// Categories merged and scales defined in the latest summary's options count here too, and
    /// its `include_non_substantive` decides the base of the percentages.
    pub fn crosstab(&self, row: usize, col: usize, min_cell: u32) -> Result<JsValue, JsError> {
        let ds = self.analysed()?;
        let include = self.include_non_substantive();
        match crosstab::crosstab_in_base(ds, row, col, u64::from(min_cell), include) {
            Ok(ct) => to_js_json(&crosstab_view(&ct)),
            Err(e) => refusal(e.message(Lang::Da), e.message(Lang::En)),
        }
    }

    /// Weighted figures of every Likert question with `weight` as the weight column (with the
    /// latest summary's merges, scales and base), broken down by `by` when given: `{questions: [{index, question, facts, stats, groups, chart,
    /// table}]}` or `{error: {da, en}}`.
    pub fn weighted(
        &self,
        weight: usize,
        by: Option<usize>,
        min_cell: u32,
        lang: &str,
    ) -> Result<JsValue, JsError> {
        let ds = self.analysed()?;
        let include = self.include_non_substantive();
        let min_cell = u64::from(min_cell);
        match weighted_view_in_base(ds, weight, by, min_cell, include, Lang::parse(lang)) {
            Ok(view) => to_js_json(&view),
            Err(e) => refusal(e.message(Lang::Da), e.message(Lang::En)),
        }
    }
}

#[wasm_bindgen]
impl Session {
    /// Column headers of the dataset, in file order (for the header signature of a mapping).
    pub fn headers(&self) -> Result<Vec<String>, JsError> {
        let ds = self.dataset.as_ref().ok_or_else(not_finished)?;
        Ok(ds.columns.iter().map(|c| c.profile.name.clone()).collect())
    }
}
