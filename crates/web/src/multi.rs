//! Several files at once, for the page: a SurveyXact export's three files joined, files combined
//! into one, or files compared as waves; Excel workbooks (.xlsx), whose sheets are listed and
//! read here; SPSS data files (.sav, .zsav), read by the same `Session.xlsx`; and the report as
//! Word and PowerPoint files ([`office_docx`], [`office_pptx`]).
//!
//! Built only with the `multi` feature, into the second wasm module that the page fetches when
//! the user drops several files (`www/pkg/multi/`); the first module, which reads and analyses
//! one file, stays small without it.

use tilfreds::data::concat;
use tilfreds::present::office::{docx, pptx, Document, Slides};
use tilfreds::present::views::waves::waves_view;
use tilfreds::read::{surveyxact, xlsx};
use tilfreds::words::errors::{Input, Problem};
use tilfreds::{Dataset, Lang, ReadOptions};
use wasm_bindgen::prelude::*;

use super::{core_error, from_js_or_default, not_finished, problem, to_js_json, Session};

/// The bytes of each file handed over from JavaScript (`Uint8Array`s).
fn bytes_of(files: &js_sys::Array) -> Vec<Vec<u8>> {
    files
        .iter()
        .map(|v| js_sys::Uint8Array::new(&v).to_vec())
        .collect()
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

    /// Reads the Excel workbook `bytes` into a finished session: the sheet named `sheet`, or
    /// the first visible sheet with data. An SPSS data file (.sav, .zsav) is read here too, told
    /// by its bytes (`sheet` does not apply). Errors as `{code, da, en}`, as for any file
    /// (`corrupt_workbook`, `encrypted_workbook`, `no_such_sheet`, `corrupt_sav`, …).
    pub fn xlsx(bytes: &[u8], sheet: Option<String>) -> Result<Session, JsError> {
        let options = ReadOptions {
            sheet,
            ..ReadOptions::default()
        };
        let dataset = tilfreds::read_with(bytes, &options).map_err(|e| core_error(&e))?;
        Ok(session_of(dataset))
    }
}

/// The names of the visible sheets with data of the Excel workbook `bytes`, in the workbook's
/// order, for the page to offer a choice when there are several.
#[wasm_bindgen]
pub fn xlsx_sheets(bytes: &[u8]) -> Result<Vec<String>, JsError> {
    xlsx::sheets(bytes).map_err(|e| core_error(&e))
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
        let parts: Vec<(&str, &Dataset)> = self
            .names
            .iter()
            .map(String::as_str)
            .zip(&self.datasets)
            .collect();
        to_js_json(&concat::combine_check_files(&parts))
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

/// The Word file (.docx) of a report: `document_json` is a `Document` as JSON (`{title,
/// subtitle, date, author, lang, blocks: [{type: "heading", level, text} | {type: "paragraph",
/// text} | {type: "table", caption, header, rows} | {type: "image", png (base64), width_px,
/// height_px, alt} | {type: "page_break"}]}`, a table cell a string or `{value, text}`).
/// Errors as `{code: "bad_report", da, en}`.
#[wasm_bindgen]
pub fn office_docx(document_json: &str) -> Result<Vec<u8>, JsError> {
    let document: Document = report_of(document_json)?;
    Ok(docx::write(&document))
}

/// The PowerPoint file (.pptx) of slides: `slides_json` is `{lang, slides: [{title, image,
/// source_line, finding}]}` as JSON, `image` as in [`office_docx`] or `null`.
#[wasm_bindgen]
pub fn office_pptx(slides_json: &str) -> Result<Vec<u8>, JsError> {
    let slides: Slides = report_of(slides_json)?;
    Ok(pptx::write(&slides))
}

fn report_of<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, JsError> {
    serde_json::from_str(json).map_err(|e| {
        problem(Problem::BadInput {
            input: Input::Report,
            detail: &e.to_string(),
        })
    })
}
