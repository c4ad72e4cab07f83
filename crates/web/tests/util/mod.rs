//! Helpers shared by the browser tests: the satisfaction scale, JSON to JavaScript values, and
//! canvases to draw on and count painted pixels of.

use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// The five steps of the satisfaction scale, most positive first.
pub const STEPS: [&str; 5] = [
    "Meget tilfreds",
    "Tilfreds",
    "Hverken tilfreds eller utilfreds",
    "Utilfreds",
    "Meget utilfreds",
];

/// `value` as the page sends it: plain objects, not `Map`s.
pub fn js(value: &Value) -> JsValue {
    use serde::Serialize;
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

/// A new canvas in the document.
pub fn canvas() -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// Pixels that are neither transparent nor white.
pub fn painted_pixels(canvas: &HtmlCanvasElement) -> usize {
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = context
        .get_image_data(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .unwrap()
        .data();
    data.chunks_exact(4)
        .filter(|p| p[3] > 0 && !(p[0] > 245 && p[1] > 245 && p[2] > 245))
        .count()
}
