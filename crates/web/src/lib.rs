//! WebAssembly bindings of the Tilfreds survey analyzer for the browser app.
//!
//! The page runs two instances of this module:
//!
//! * a Web Worker holds a [`Session`]: it receives the file in chunks as they are read, keeps
//!   the parsed dataset and recomputes the summary when the user changes an option;
//! * the main thread holds a [`Report`] built from the summary JSON: it lays out the views
//!   (tables, facts, test results), draws the charts on `<canvas>` and exports SVG, CSV and
//!   tab-separated text.
//!
//! Nothing here computes anything: every number comes from the `tilfreds` core. Errors cross
//! the boundary as a `JsError` whose message is the JSON object `{"code", "da", "en"}`, so the
//! page can show the message in the user's language.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_canvas::CanvasBackend;
use serde::Serialize;
use tilfreds::chart::{self, ChartStyle};
use tilfreds::export::{self, Table};
use tilfreds::{views, Analyzer, Dataset, Lang, ReadOptions, Summary, SummaryOptions};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Font family used for chart text on canvas: the system's sans-serif face, so no font file
/// is ever loaded.
const FONT_FAMILY: &str = "sans-serif";

/// Largest device-pixel ratio honoured when sizing a canvas (keeps memory bounded on zoom).
const MAX_DPR: f64 = 4.0;

/// A `JsError` carrying `{"code", "da", "en"}` as its message.
fn coded_error(code: &str, da: &str, en: &str) -> JsError {
    let body = serde_json::json!({ "code": code, "da": da, "en": en });
    JsError::new(&body.to_string())
}

/// Converts a core error to a `JsError` with both languages' messages.
fn core_error(err: &tilfreds::Error) -> JsError {
    coded_error(err.code(), &err.message(Lang::Da), &err.message(Lang::En))
}

/// Serializes a value into a plain JavaScript object (maps become objects, not `Map`s).
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            coded_error(
                "internal",
                &format!("Intern fejl ved overførsel af resultatet: {e}"),
                &format!("Internal error while passing on the result: {e}"),
            )
        })
}

/// Reads a table handed back from JavaScript.
fn table_from_js(table: JsValue) -> Result<Table, JsError> {
    serde_wasm_bindgen::from_value(table).map_err(|e| {
        coded_error(
            "bad_table",
            &format!("Tabellen kunne ikke læses: {e}"),
            &format!("The table could not be read: {e}"),
        )
    })
}

/// Reading and analysing one file, fed chunk by chunk.
///
/// Call [`Session::push`] for every chunk, then [`Session::finish`] once; after that
/// [`Session::summary`] may be called any number of times with different options.
#[wasm_bindgen]
pub struct Session {
    analyzer: Option<Analyzer>,
    dataset: Option<Dataset>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

#[wasm_bindgen]
impl Session {
    /// Starts reading a new file with the default reading options.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        Session {
            analyzer: Some(Analyzer::new(ReadOptions::default())),
            dataset: None,
        }
    }

    /// Feeds the next chunk of the file (any size).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsError> {
        let analyzer = self.analyzer.as_mut().ok_or_else(already_finished)?;
        analyzer.push(chunk).map_err(|e| core_error(&e))
    }

    /// Bytes received so far.
    pub fn bytes_seen(&self) -> f64 {
        self.analyzer.as_ref().map_or(0, Analyzer::bytes_seen) as f64
    }

    /// Ends the file. After an error the session cannot be used any more.
    pub fn finish(&mut self) -> Result<(), JsError> {
        let analyzer = self.analyzer.take().ok_or_else(already_finished)?;
        self.dataset = Some(analyzer.finish().map_err(|e| core_error(&e))?);
        Ok(())
    }

    /// The summary as a JSON string, computed with `options` (a `SummaryOptions` object:
    /// `{by, min_cell, invited, overrides}`; `undefined` or `null` for the defaults).
    pub fn summary(&self, options: JsValue) -> Result<String, JsError> {
        let dataset = self.dataset.as_ref().ok_or_else(|| {
            coded_error(
                "not_finished",
                "Filen er ikke læst færdig endnu.",
                "The file has not been read to the end yet.",
            )
        })?;
        let options: SummaryOptions = if options.is_undefined() || options.is_null() {
            SummaryOptions::default()
        } else {
            serde_wasm_bindgen::from_value(options).map_err(|e| {
                coded_error(
                    "bad_options",
                    &format!("Ugyldige indstillinger: {e}"),
                    &format!("Invalid settings: {e}"),
                )
            })?
        };
        serde_json::to_string(&dataset.summary(&options)).map_err(|e| {
            coded_error(
                "internal",
                &format!("Intern fejl: {e}"),
                &format!("Internal error: {e}"),
            )
        })
    }
}

fn already_finished() -> JsError {
    coded_error(
        "finished",
        "Filen er allerede læst færdig.",
        "The file has already been read to the end.",
    )
}

/// The views of one summary, for the page: tables, facts, charts and exports.
#[wasm_bindgen]
pub struct Report {
    summary: Summary,
}

#[wasm_bindgen]
impl Report {
    /// Builds the report from the JSON string returned by [`Session::summary`].
    #[wasm_bindgen(constructor)]
    pub fn new(summary_json: &str) -> Result<Report, JsError> {
        let summary = serde_json::from_str(summary_json).map_err(|e| {
            coded_error(
                "bad_summary",
                &format!("Resultatet kunne ikke læses: {e}"),
                &format!("The result could not be read: {e}"),
            )
        })?;
        Ok(Report { summary })
    }

    /// The overview of all Likert questions: `{chart, table}`.
    pub fn overview(&self, lang: &str) -> Result<JsValue, JsError> {
        to_js(&views::overview(&self.summary, Lang::parse(lang)))
    }

    /// The view of the question in column `index`, or `null` when that column is no question:
    /// `{title, facts, table, breakdown, breakdown_table, test_text}`.
    pub fn question(&self, index: usize, lang: &str) -> Result<JsValue, JsError> {
        match views::question(&self.summary, index, Lang::parse(lang)) {
            Some(view) => to_js(&view),
            None => Ok(JsValue::NULL),
        }
    }

    /// Draws the overview chart on `canvas`, `width` CSS pixels wide, sharp at device-pixel
    /// ratio `dpr`. Sets the canvas's pixel size and returns the chart's height in CSS pixels.
    pub fn draw_overview(
        &self,
        canvas: HtmlCanvasElement,
        width: u32,
        lang: &str,
        dpr: f64,
    ) -> Result<u32, JsError> {
        let lang = Lang::parse(lang);
        let view = views::overview(&self.summary, lang);
        let height = chart::likert_height(&view.chart, width);
        draw(canvas, width, height, dpr, lang, |area, style| {
            chart::draw_likert(area, &view.chart, style).map_err(|e| e.to_string())
        })?;
        Ok(height)
    }

    /// Draws the breakdown chart of the question in column `index` on `canvas` (see
    /// [`Report::draw_overview`]). Returns the height in CSS pixels, 0 when there is none.
    pub fn draw_breakdown(
        &self,
        canvas: HtmlCanvasElement,
        index: usize,
        width: u32,
        lang: &str,
        dpr: f64,
    ) -> Result<u32, JsError> {
        let lang = Lang::parse(lang);
        let Some(group_chart) =
            views::question(&self.summary, index, lang).and_then(|v| v.breakdown)
        else {
            return Ok(0);
        };
        let height = chart::group_height(&group_chart, width);
        draw(canvas, width, height, dpr, lang, |area, style| {
            chart::draw_groups(area, &group_chart, style).map_err(|e| e.to_string())
        })?;
        Ok(height)
    }

    /// The overview chart as an SVG document, `width` pixels wide.
    pub fn overview_svg(&self, width: u32, lang: &str) -> String {
        let lang = Lang::parse(lang);
        chart::likert_svg(&views::overview(&self.summary, lang).chart, width, lang)
    }

    /// The breakdown chart of the question in column `index` as an SVG document; empty when
    /// there is none.
    pub fn breakdown_svg(&self, index: usize, width: u32, lang: &str) -> String {
        let lang = Lang::parse(lang);
        views::question(&self.summary, index, lang)
            .and_then(|v| v.breakdown)
            .map(|c| chart::groups_svg(&c, width, lang))
            .unwrap_or_default()
    }
}

/// Sizes `canvas` for `width`×`height` CSS pixels at ratio `dpr` and draws on it.
fn draw(
    canvas: HtmlCanvasElement,
    width: u32,
    height: u32,
    dpr: f64,
    lang: Lang,
    paint: impl FnOnce(&DrawingArea<CanvasBackend, Shift>, &ChartStyle) -> Result<(), String>,
) -> Result<(), JsError> {
    let scale = if dpr.is_finite() && dpr > 0.0 {
        dpr.min(MAX_DPR)
    } else {
        1.0
    };
    canvas.set_width((f64::from(width) * scale).round().max(1.0) as u32);
    canvas.set_height((f64::from(height) * scale).round().max(1.0) as u32);
    let backend = CanvasBackend::with_canvas_object(canvas).ok_or_else(|| {
        coded_error(
            "no_canvas",
            "Browseren kan ikke tegne på lærredet.",
            "The browser cannot draw on the canvas.",
        )
    })?;
    let area = backend.into_drawing_area();
    let style = ChartStyle {
        lang,
        scale,
        font_family: FONT_FAMILY,
    };
    paint(&area, &style)
        .and_then(|()| area.present().map_err(|e| e.to_string()))
        .map_err(|e| {
            coded_error(
                "draw",
                &format!("Diagrammet kunne ikke tegnes: {e}"),
                &format!("The chart could not be drawn: {e}"),
            )
        })
}

/// A table from a view as CSV bytes in the conventions of the given language (the core's
/// `export::table_to_csv`: text cells are protected against spreadsheet formulas).
#[wasm_bindgen]
pub fn table_csv(table: JsValue, lang: &str) -> Result<Vec<u8>, JsError> {
    Ok(export::table_to_csv(
        &table_from_js(table)?,
        Lang::parse(lang),
    ))
}

/// A table from a view as tab-separated text, for the clipboard.
#[wasm_bindgen]
pub fn table_tsv(table: JsValue) -> Result<String, JsError> {
    Ok(export::table_to_tsv(&table_from_js(table)?))
}
