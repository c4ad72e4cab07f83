//! The deeper analyses for the page: several files at once (a SurveyXact export, files combined
//! into one, or waves compared), cross-tables with a heat map, weighted figures and
//! multi-select questions.
//!
//! As in the rest of this crate, every number comes from the `tilfreds` core; this module only
//! moves models across the boundary and lays out small tables in the user's language.

use serde::Serialize;
use tilfreds::analyze::crosstab;
use tilfreds::analyze::multiselect::MultiSelectSummary;
use tilfreds::data::concat;
use tilfreds::present::views::crosstab::crosstab_view;
use tilfreds::present::views::multiselect::multi_select_view as multi_select_view_of;
use tilfreds::present::views::waves::waves_view;
use tilfreds::present::views::weighted::weighted_view;
use tilfreds::present::views::Texts;
use tilfreds::read::surveyxact;
use tilfreds::words::errors::{Input, Problem};
use tilfreds::{Dataset, Lang};
use wasm_bindgen::prelude::*;

use super::{
    chart_from_js, core_error, from_js_or_default, not_finished, problem, to_js_json, Session,
};

/// `{error: {da, en}}`: why an analysis cannot be made.
#[derive(Serialize)]
struct Refusal {
    error: Texts<String>,
}

fn refusal(da: String, en: String) -> Result<JsValue, JsError> {
    to_js_json(&Refusal {
        error: Texts { da, en },
    })
}

/// The bytes of each file handed over from JavaScript (`Uint8Array`s).
fn bytes_of(files: &js_sys::Array) -> Vec<Vec<u8>> {
    files
        .iter()
        .map(|v| js_sys::Uint8Array::new(&v).to_vec())
        .collect()
}

impl Session {
    /// The dataset the analyses count: with the latest summary's merges and scales applied.
    fn analysed(&self) -> Result<&Dataset, JsError> {
        self.adjusted
            .as_ref()
            .or(self.dataset.as_ref())
            .ok_or_else(not_finished)
    }
}

fn session_of(dataset: Dataset) -> Session {
    Session {
        analyzer: None,
        dataset: Some(dataset),
        adjusted: None,
        summary: None,
    }
}

#[wasm_bindgen]
impl Session {
    /// When `files` (with their `names`) are the three files of a SurveyXact export, reads and
    /// joins them into a finished session; `undefined` when they are not.
    pub fn surveyxact(
        names: Vec<String>,
        files: js_sys::Array,
    ) -> Result<Option<Session>, JsError> {
        let bytes = bytes_of(&files);
        let parts: Vec<(&str, &[u8])> = names
            .iter()
            .map(String::as_str)
            .zip(bytes.iter().map(Vec::as_slice))
            .collect();
        if surveyxact::recognise(&parts).is_none() {
            return Ok(None);
        }
        let dataset = surveyxact::read(&parts).map_err(|e| core_error(&e))?;
        Ok(Some(session_of(dataset)))
    }

    /// The cross-table of columns `row` × `col` (0-based): `{crosstab, tables: {counts, row_pct,
    /// col_pct}, test_text}`, or `{error: {da, en}}` when the two columns cannot be tabulated.
    /// Categories merged and scales defined in the latest summary's options count here too.
    pub fn crosstab(&self, row: usize, col: usize, min_cell: u32) -> Result<JsValue, JsError> {
        let ds = self.analysed()?;
        match crosstab::crosstab_checked(ds, row, col, u64::from(min_cell)) {
            Ok(ct) => to_js_json(&crosstab_view(&ct)),
            Err(e) => refusal(e.message(Lang::Da), e.message(Lang::En)),
        }
    }

    /// Weighted figures of every Likert question with `weight` as the weight column (with the
    /// latest summary's merges and scales), broken down by `by` when given: `{questions: [{index, question, facts, stats, groups, chart,
    /// table}]}` or `{error: {da, en}}`.
    pub fn weighted(
        &self,
        weight: usize,
        by: Option<usize>,
        min_cell: u32,
        lang: &str,
    ) -> Result<JsValue, JsError> {
        let ds = self.analysed()?;
        match weighted_view(ds, weight, by, u64::from(min_cell), Lang::parse(lang)) {
            Ok(view) => to_js_json(&view),
            Err(e) => refusal(e.message(Lang::Da), e.message(Lang::En)),
        }
    }

    /// Column headers of the dataset, in file order (for the header signature of a mapping).
    pub fn headers(&self) -> Result<Vec<String>, JsError> {
        let ds = self.dataset.as_ref().ok_or_else(not_finished)?;
        Ok(ds.columns.iter().map(|c| c.profile.name.clone()).collect())
    }
}

/// Several files read at once: combined into one dataset or compared as waves.
#[wasm_bindgen]
#[derive(Default)]
pub struct Waves {
    names: Vec<String>,
    datasets: Vec<Dataset>,
}

#[wasm_bindgen]
impl Waves {
    /// No files yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Waves {
        Waves::default()
    }

    /// Adds the finished `session` (which is used up) as the file `name`.
    pub fn add(&mut self, name: String, session: Session) -> Result<(), JsError> {
        let dataset = session.dataset.ok_or_else(not_finished)?;
        self.names.push(name);
        self.datasets.push(dataset);
        Ok(())
    }

    /// Files added.
    pub fn count(&self) -> usize {
        self.datasets.len()
    }

    /// Whether the files can be combined into one: `{combinable, reordered, missing, extra, da,
    /// en}`.
    pub fn check(&self) -> Result<JsValue, JsError> {
        let files: Vec<(&str, Vec<String>)> = self
            .names
            .iter()
            .zip(&self.datasets)
            .map(|(n, d)| {
                (
                    n.as_str(),
                    d.columns.iter().map(|c| c.profile.name.clone()).collect(),
                )
            })
            .collect();
        to_js_json(&concat::combine_check(&files))
    }

    /// The files as one dataset with a last column "Fil" naming each row's file.
    pub fn combine(&self) -> Result<Session, JsError> {
        let parts: Vec<(&str, &Dataset)> = self
            .names
            .iter()
            .map(String::as_str)
            .zip(&self.datasets)
            .collect();
        concat::concat(&parts)
            .map(session_of)
            .ok_or_else(|| problem(Problem::NotCombinable))
    }

    /// The files compared as waves (in the order added). `mapping` is a list of `[header,
    /// header]` pairs naming the same question. Returns `{waves, rows, comparison, table,
    /// overview: {top2, mean}, questions: [{question, present, scale_changed, texts, table,
    /// top2, mean}]}`.
    pub fn compare(&self, min_cell: u32, mapping: JsValue, lang: &str) -> Result<JsValue, JsError> {
        let lang = Lang::parse(lang);
        let mapping: Vec<(String, String)> = from_js_or_default(mapping, Input::Mapping)?;
        let files: Vec<(&str, &Dataset)> = self
            .names
            .iter()
            .map(String::as_str)
            .zip(&self.datasets)
            .collect();
        to_js_json(&waves_view(&files, u64::from(min_cell), &mapping, lang))
    }
}

/// A multi-select question as one question: `{chart, table, breakdown, breakdown_table}`. The
/// chart has one bar per option with the share of those who answered the question and a 95 %
/// Wilson interval; the table states the denominator. With a breakdown by the grouping column
/// `by` (groups under `min_cell` withheld), `breakdown` is a cross-table of groups × options for
/// `draw_heatmap`.
#[wasm_bindgen]
pub fn multi_select_view(
    question: JsValue,
    lang: &str,
    by: Option<String>,
    min_cell: u32,
) -> Result<JsValue, JsError> {
    let ms: MultiSelectSummary = chart_from_js(question)?;
    to_js_json(&multi_select_view_of(
        &ms,
        by.as_deref().unwrap_or_default(),
        u64::from(min_cell),
        Lang::parse(lang),
    ))
}
