//! WebAssembly bindings of the Tilfreds survey analyzer for the browser app.
//!
//! The page runs two instances of this module:
//!
//! * a Web Worker holds a [`Session`]: it receives the file in chunks as they are read, keeps
//!   the parsed dataset, recomputes the summary when the user changes an option and lays out
//!   the views (tables, facts, chart models, test results) in the user's language;
//! * the main thread draws the views' chart models on `<canvas>` ([`draw_chart`]) and exports
//!   SVG, CSV and tab-separated text.
//!
//! Nothing here computes anything: every number, table and sentence comes from the `tilfreds`
//! core; this crate converts values across the boundary and draws on the canvas. Errors cross
//! the boundary as a `JsError` whose message is the JSON object `{"code", "da", "en"}`, so the
//! page can show the message in the user's language.

/// Talc instead of the standard library's dlmalloc: a smaller module (the allocator is in every
/// download) and, by its benchmarks, faster on WebAssembly.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use serde::{Deserialize, Serialize};
use tilfreds::model::kinds::Kind;
use tilfreds::present::chart::{Chart, ChartStyle};
use tilfreds::present::export::{self, Table};
use tilfreds::present::views;
use tilfreds::words::errors::{Input, Problem};
use tilfreds::{Analyzer, Dataset, Lang, ReadOptions, Summary, SummaryOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub mod analysis;
#[cfg(feature = "multi")]
pub mod multi;

/// Font family used for chart text on canvas: the system's sans-serif face, so no font file
/// is ever loaded.
const FONT_FAMILY: &str = "sans-serif";

/// Largest device-pixel ratio honoured when sizing a canvas (keeps memory bounded on zoom).
const MAX_DPR: f64 = 4.0;

/// A `JsError` carrying `{"code", "da", "en"}` as its message.
fn coded_error(code: &str, da: &str, en: &str) -> JsError {
    #[derive(Serialize)]
    struct Coded<'a> {
        code: &'a str,
        da: &'a str,
        en: &'a str,
    }
    let body = serde_json::to_string(&Coded { code, da, en }).unwrap_or_default();
    JsError::new(&body)
}

/// Converts a core error to a `JsError` with both languages' messages.
fn core_error(err: &tilfreds::Error) -> JsError {
    coded_error(err.code(), &err.message(Lang::Da), &err.message(Lang::En))
}

/// Converts a boundary problem to a `JsError` with both languages' messages.
fn problem(p: Problem) -> JsError {
    coded_error(p.code(), &p.message(Lang::Da), &p.message(Lang::En))
}

/// The error for a result that could not be handed over to JavaScript.
fn transfer_error(detail: &dyn std::fmt::Display) -> JsError {
    problem(Problem::Transfer(&detail.to_string()))
}

/// Serializes a value into a plain JavaScript object through JSON text, as a JSON document
/// has it: numbers that are not finite become `null`.
fn to_js_json<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| transfer_error(&e))?;
    js_sys::JSON::parse(&text).map_err(|_| transfer_error(&"JSON"))
}

/// Reads a value handed over from JavaScript as `input`. When it does not fit, the error says
/// what did not fit.
fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, input: Input) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        problem(Problem::BadInput {
            input,
            detail: &e.to_string(),
        })
    })
}

/// As [`from_js`], with `T`'s default for `undefined` or `null`.
fn from_js_or_default<T: serde::de::DeserializeOwned + Default>(
    value: JsValue,
    input: Input,
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        from_js(value, input)
    }
}

/// Reads a table handed back from JavaScript.
fn table_from_js(table: JsValue) -> Result<Table, JsError> {
    from_js(table, Input::Table)
}

/// Reading and analysing one file, fed chunk by chunk.
///
/// Call [`Session::push`] for every chunk, then [`Session::finish`] once; after that
/// [`Session::summary`] may be called any number of times with different options, and the views
/// of the latest summary are laid out by [`Session::overview`] and [`Session::question`].
#[wasm_bindgen]
pub struct Session {
    analyzer: Option<Analyzer>,
    dataset: Option<Dataset>,
    /// The dataset with the latest summary's merged categories and defined scales, when it
    /// had any: the cross-tables and weighted figures count the same categories.
    adjusted: Option<Dataset>,
    summary: Option<Summary>,
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

/// How the page asks for a file to be read: `{no_header, lang}`, each optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReadChoices {
    /// The file has no header row: its first row is answers (the page's "Første række er
    /// svar"), and the columns are named by place.
    no_header: bool,
    /// The language of those names: "da" ("Kolonne 1") or "en" ("Column 1").
    lang: Lang,
}

#[wasm_bindgen]
impl Session {
    /// Starts reading a new file with the default reading options.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Session {
        Session::reading(ReadOptions::default())
    }

    /// Starts reading a new file as `options` ask: `{no_header, lang}` (`undefined` or `null`
    /// for the defaults). With `no_header` the first row is counted as answers and the
    /// columns are named "Kolonne 1", "Kolonne 2", … ("Column 1", … in English).
    pub fn with_options(options: JsValue) -> Result<Session, JsError> {
        let choices: ReadChoices = from_js_or_default(options, Input::Options)?;
        Ok(Session::reading(ReadOptions {
            no_header: choices.no_header,
            lang: choices.lang,
            ..ReadOptions::default()
        }))
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

    /// Computes the summary with `options` (a `SummaryOptions` object: `{by, min_cell,
    /// invited, overrides, include_non_substantive, indices}`; `undefined` or `null` for the
    /// defaults), keeps it for the views and returns it as a JSON string. An index score that
    /// cannot be made (`indices: [{name, items}]` naming no scale question, or scales of
    /// different lengths) is an error `{code, da, en}` such as `index_scales_differ`. When the header row looked like answers, its
    /// `dialect.header_looks_like_data` is true and its first warning says so.
    pub fn summary(&mut self, options: JsValue) -> Result<String, JsError> {
        let dataset = self.dataset.as_ref().ok_or_else(not_finished)?;
        let options: SummaryOptions = from_js_or_default(options, Input::Options)?;
        let (adjusted, summary) = dataset
            .try_adjusted_summary(&options)
            .map_err(|e| core_error(&e))?;
        let json = serde_json::to_string(&summary)
            .map_err(|e| problem(Problem::Internal(&e.to_string())))?;
        self.adjusted = adjusted;
        self.summary = Some(summary);
        Ok(json)
    }

    /// Per column of the latest summary's dataset (merges applied), the answer values the
    /// user may merge or order into a scale: a JSON array with, per column, the values of a
    /// category or scale column that is not personal data, or `null`. For the user's own
    /// adjustments only: never part of the summary, a view, an export or the host's summary,
    /// where small values are pooled or withheld without their names.
    pub fn value_labels(&self) -> Result<String, JsError> {
        let dataset = self.dataset.as_ref().ok_or_else(not_finished)?;
        let ds = self.adjusted.as_ref().unwrap_or(dataset);
        let labels: Vec<Option<Vec<&str>>> = ds
            .columns
            .iter()
            .map(|c| {
                let kind = c.inferred.kind;
                let countable = matches!(kind, Kind::Category | Kind::Likert);
                (countable && !c.inferred.personal_data)
                    .then(|| c.profile.values.iter().map(|(v, _)| v.as_str()).collect())
            })
            .collect();
        serde_json::to_string(&labels).map_err(|e| problem(Problem::Internal(&e.to_string())))
    }

    /// The overview of all Likert questions in the latest summary: `{chart, table, columns}`.
    pub fn overview(&self, lang: &str) -> Result<JsValue, JsError> {
        let summary = self.summary.as_ref().ok_or_else(not_finished)?;
        to_js_json(&views::overview(summary, Lang::parse(lang)))
    }

    /// The views of the latest summary's multi-select questions, in its order: each
    /// `{chart, table, breakdown, breakdown_table}` (see `tilfreds::present::views::multiselect`).
    pub fn multi_select(&self, lang: &str) -> Result<JsValue, JsError> {
        let summary = self.summary.as_ref().ok_or_else(not_finished)?;
        let by = summary.by.as_deref().unwrap_or_default();
        let list: Vec<_> = summary
            .multi_select
            .iter()
            .map(|ms| {
                views::multiselect::multi_select_view(ms, by, summary.min_cell, Lang::parse(lang))
            })
            .collect();
        to_js_json(&list)
    }

    /// The view of column `index` in the latest summary, or `null` when it has none:
    /// `{index, title, facts, table, breakdown, breakdown_table, test_text}`.
    pub fn question(&self, index: usize, lang: &str) -> Result<JsValue, JsError> {
        let summary = self.summary.as_ref().ok_or_else(not_finished)?;
        match views::question(summary, index, Lang::parse(lang)) {
            Some(view) => to_js_json(&view),
            None => Ok(JsValue::NULL),
        }
    }
}

impl Session {
    /// Whether the latest summary counts "Ved ikke" and the like in the base (its option
    /// `include_non_substantive`); the analyses that follow it use the same base.
    #[cfg_attr(not(feature = "multi"), allow(dead_code))]
    fn include_non_substantive(&self) -> bool {
        self.summary
            .as_ref()
            .is_some_and(|s| s.include_non_substantive)
    }

    /// A session reading with `options`.
    fn reading(options: ReadOptions) -> Session {
        Session {
            analyzer: Some(Analyzer::new(options)),
            dataset: None,
            adjusted: None,
            summary: None,
        }
    }
}

fn already_finished() -> JsError {
    problem(Problem::Finished)
}

fn not_finished() -> JsError {
    problem(Problem::NotFinished)
}

/// Reads a chart model handed back from JavaScript (as found in a view).
fn chart_from_js<T: serde::de::DeserializeOwned>(chart: JsValue) -> Result<T, JsError> {
    from_js(chart, Input::Chart)
}

/// The chart model `model` of kind `kind` ("likert", "groups", "heatmap" or "waves": the
/// `chart`, `breakdown` or `crosstab` of a view), as handed back from JavaScript.
fn chart_of(kind: &str, model: JsValue) -> Result<Chart, JsError> {
    Ok(match kind {
        "likert" => Chart::Likert(chart_from_js(model)?),
        "groups" => Chart::Groups(chart_from_js(model)?),
        "heatmap" => Chart::Heatmap(chart_from_js(model)?),
        #[cfg(feature = "multi")]
        "waves" => Chart::Waves(chart_from_js(model)?),
        _ => return Err(problem(Problem::UnknownChart(kind))),
    })
}

/// Draws the chart `model` of kind `kind` (see [`chart_of`]) on `canvas`, `width` CSS pixels
/// wide and sharp at device-pixel ratio `dpr`. Sets the canvas's pixel size and returns the
/// chart's height in CSS pixels.
#[wasm_bindgen]
pub fn draw_chart(
    canvas: HtmlCanvasElement,
    kind: &str,
    model: JsValue,
    width: u32,
    lang: &str,
    dpr: f64,
) -> Result<u32, JsError> {
    let chart = chart_of(kind, model)?;
    let height = chart.height(width);
    draw(
        canvas,
        width,
        height,
        dpr,
        Lang::parse(lang),
        |area, style| chart.draw(area, style).map_err(|e| e.to_string()),
    )?;
    Ok(height)
}

/// The chart `model` of kind `kind` as an SVG document, `width` pixels wide. In the second
/// module only: the page fetches it when a chart is first downloaded as SVG.
#[cfg(feature = "multi")]
#[wasm_bindgen]
pub fn chart_svg(kind: &str, model: JsValue, width: u32, lang: &str) -> Result<String, JsError> {
    Ok(chart_of(kind, model)?.svg(width, Lang::parse(lang)))
}

/// The canvas backend, measuring text with the canvas's own `measureText`.
///
/// plotters' default text measurement in the browser inserts a `<span>` with a `style`
/// attribute into the document, which the page's Content-Security-Policy (`style-src 'self'`)
/// forbids and which would put file text into the DOM. Measuring on the canvas needs neither.
struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
}

impl MeasuredCanvas {
    fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(MeasuredCanvas { inner, context })
    }
}

/// The CSS font of a text style, written as the canvas backend writes it when drawing.
fn css_font<S: BackendTextStyle>(style: &S) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        style.size(),
        style.family().as_str()
    )
}

/// A drawing error of the canvas, as text.
#[derive(Debug)]
struct CanvasFailure(String);

impl std::fmt::Display for CanvasFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasFailure {}

/// Converts the canvas backend's error into [`CanvasFailure`].
fn lift<T, E: std::error::Error + Send + Sync>(
    result: Result<T, DrawingErrorKind<E>>,
) -> Result<T, DrawingErrorKind<CanvasFailure>> {
    result.map_err(|e| match e {
        DrawingErrorKind::DrawingError(inner) => {
            DrawingErrorKind::DrawingError(CanvasFailure(inner.to_string()))
        }
        DrawingErrorKind::FontError(inner) => DrawingErrorKind::FontError(inner),
    })
}

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasFailure;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        lift(self.inner.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        lift(self.inner.present())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        lift(self.inner.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        lift(self.inner.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        lift(self.inner.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        lift(self.inner.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        lift(self.inner.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        lift(self.inner.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasFailure>> {
        lift(self.inner.draw_text(text, style, pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasFailure>> {
        self.context.set_font(&css_font(style));
        let width = self
            .context
            .measure_text(text)
            .map_err(|e| DrawingErrorKind::DrawingError(CanvasFailure(format!("{e:?}"))))?
            .width();
        Ok((
            width.ceil().max(0.0) as u32,
            (style.size() * 1.2).ceil().max(0.0) as u32,
        ))
    }
}

/// Sizes `canvas` for `width`×`height` CSS pixels at ratio `dpr` and draws on it.
fn draw(
    canvas: HtmlCanvasElement,
    width: u32,
    height: u32,
    dpr: f64,
    lang: Lang,
    paint: impl FnOnce(&DrawingArea<MeasuredCanvas, Shift>, &ChartStyle) -> Result<(), String>,
) -> Result<(), JsError> {
    let scale = if dpr.is_finite() && dpr > 0.0 {
        dpr.min(MAX_DPR)
    } else {
        1.0
    };
    canvas.set_width((f64::from(width) * scale).round().max(1.0) as u32);
    canvas.set_height((f64::from(height) * scale).round().max(1.0) as u32);
    let backend = MeasuredCanvas::new(canvas).ok_or_else(|| problem(Problem::NoCanvas))?;
    let area = backend.into_drawing_area();
    let style = ChartStyle {
        lang,
        scale,
        font_family: FONT_FAMILY,
    };
    paint(&area, &style)
        .and_then(|()| area.present().map_err(|e| e.to_string()))
        .map_err(|e| problem(Problem::Draw(&e)))
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

/// A whole number typed by the user (the number invited), read by the core's one number
/// grammar: "17177", "17.177" (the Danish way), "17,177" or "17 177" are all 17177.
/// `undefined` for anything else.
#[wasm_bindgen]
pub fn parse_count(text: &str) -> Option<f64> {
    tilfreds::util::number::parse_count(text).map(|n| n as f64)
}
