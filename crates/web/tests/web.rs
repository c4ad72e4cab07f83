//! Browser tests of the bindings: the summary computed through a [`Session`] fed in small
//! chunks equals the core's own summary of the same bytes, and the charts paint pixels.
//!
//! Run with `./build.sh test` (headless Chromium through chromedriver and
//! `wasm-bindgen-test-runner`).
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use tilfreds::SummaryOptions;
use tilfreds_web::{chart_svg, draw_chart, table_csv, table_tsv, Session};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod util;
use util::{canvas, js, painted_pixels, STEPS};

const GROUPS: [&str; 3] = ["Sygedagpenge", "Kontanthjælp", "A-dagpenge"];

/// A small semicolon-separated export: 120 respondents, one group column, two questions.
fn survey_csv() -> String {
    let mut csv = String::from(
        "ydelse;Hvor tilfreds er du samlet set med jobcentret?;\
         Jeg bliver mødt med respekt\r\n",
    );
    let agree = [
        "Helt enig",
        "Overvejende enig",
        "Hverken enig eller uenig",
        "Overvejende uenig",
        "Helt uenig",
    ];
    for i in 0..120usize {
        let group = GROUPS[i % 3];
        let sat = if i % 17 == 0 {
            "Ved ikke"
        } else {
            STEPS[(i * 7 + i / 3) % 5]
        };
        let resp = agree[(i * 3 + i / 5) % 5];
        csv.push_str(&format!("{group};{sat};{resp}\r\n"));
    }
    csv
}

/// Count of each answer to the first question, straight from the generated rows.
fn expected_counts() -> Vec<(String, u64)> {
    let mut counts = vec![0u64; 6];
    for i in 0..120usize {
        if i % 17 == 0 {
            counts[5] += 1;
        } else {
            counts[(i * 7 + i / 3) % 5] += 1;
        }
    }
    let mut labels: Vec<String> = STEPS.iter().map(|s| s.to_string()).collect();
    labels.push("Ved ikke".into());
    labels.into_iter().zip(counts).collect()
}

fn session_summary(bytes: &[u8], chunk: usize, options: JsValue) -> String {
    read(bytes, chunk, options).1
}

fn read(bytes: &[u8], chunk: usize, options: JsValue) -> (Session, String) {
    let mut session = Session::new();
    for part in bytes.chunks(chunk) {
        assert!(session.push(part).is_ok(), "push failed");
    }
    assert_eq!(session.bytes_seen(), bytes.len() as f64);
    assert!(session.finish().is_ok(), "finish failed");
    let json = session
        .summary(options)
        .unwrap_or_else(|_| panic!("summary failed"));
    (session, json)
}

fn get(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap()
}

#[wasm_bindgen_test]
fn session_summary_equals_core_summary() {
    let csv = survey_csv();
    let native = tilfreds::read_bytes(csv.as_bytes()).unwrap();
    for chunk in [1, 7, 4096] {
        let json = session_summary(csv.as_bytes(), chunk, JsValue::UNDEFINED);
        let got: Value = serde_json::from_str(&json).unwrap();
        let want = serde_json::to_value(native.summary(&SummaryOptions::default())).unwrap();
        assert_eq!(got, want, "chunk size {chunk}");
    }
}

#[wasm_bindgen_test]
fn session_counts_and_breakdown_match_the_rows() {
    let csv = survey_csv();
    let options = js(&serde_json::json!({ "by": "ydelse", "min_cell": 5 }));
    let json = session_summary(csv.as_bytes(), 64, options);
    let summary: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(summary["rows"], 120);
    assert_eq!(summary["by"], "ydelse");
    let q1 = &summary["columns"][1];
    assert_eq!(q1["kind"], "likert");
    for (label, n) in expected_counts() {
        assert_eq!(q1["counts"][&label], n, "count of {label}");
    }
    let by = q1["by"].as_object().expect("breakdown");
    for group in GROUPS {
        assert!(by.contains_key(group), "group {group}");
    }

    let native = tilfreds::read_bytes(csv.as_bytes()).unwrap();
    let options = SummaryOptions {
        by: Some("ydelse".into()),
        ..SummaryOptions::default()
    };
    let want = serde_json::to_value(native.summary(&options)).unwrap();
    assert_eq!(summary, want);
}

#[wasm_bindgen_test]
fn bad_input_gives_a_coded_error_in_both_languages() {
    let mut session = Session::new();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let pushed = session.push(png);
    let err = match pushed {
        Err(e) => e,
        Ok(()) => match session.finish() {
            Err(e) => e,
            Ok(()) => panic!("a PNG file was accepted"),
        },
    };
    let value: JsValue = err.into();
    let message = js_sys::Reflect::get(&value, &"message".into())
        .unwrap()
        .as_string()
        .unwrap();
    let body: Value = serde_json::from_str(&message).unwrap();
    assert!(body["code"].as_str().is_some_and(|c| !c.is_empty()));
    assert!(body["da"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(body["en"].as_str().is_some_and(|t| !t.is_empty()));
}

#[wasm_bindgen_test]
fn charts_paint_pixels_at_device_pixel_ratio() {
    let csv = survey_csv();
    let options = js(&serde_json::json!({ "by": "ydelse" }));
    let (session, _) = read(csv.as_bytes(), 4096, options);

    let likert = get(
        &session
            .overview("da")
            .unwrap_or_else(|_| panic!("overview")),
        "chart",
    );
    let overview = canvas();
    let height = draw_chart(overview.clone(), "likert", likert.clone(), 600, "da", 2.0)
        .unwrap_or_else(|_| panic!("draw"));
    assert!(height > 0);
    assert_eq!(overview.width(), 1200);
    assert_eq!(overview.height(), height * 2);
    assert!(painted_pixels(&overview) > 1000, "overview chart is blank");

    let view = session.question(1, "en").unwrap_or_else(|_| panic!("view"));
    let breakdown = get(&view, "breakdown");
    assert!(
        !breakdown.is_null() && !breakdown.is_undefined(),
        "no breakdown chart"
    );
    let groups = canvas();
    let height = draw_chart(groups.clone(), "groups", breakdown.clone(), 500, "en", 1.0)
        .unwrap_or_else(|_| panic!("draw"));
    assert!(height > 0);
    assert!(painted_pixels(&groups) > 1000, "breakdown chart is blank");

    assert!(chart_svg("likert", likert, 600, "da")
        .unwrap_or_else(|_| panic!("svg"))
        .contains("<svg"));
    assert!(chart_svg("groups", breakdown, 600, "en")
        .unwrap_or_else(|_| panic!("svg"))
        .contains("<svg"));
}

#[wasm_bindgen_test]
fn views_and_table_exports_round_trip() {
    let csv = survey_csv();
    let (session, _) = read(csv.as_bytes(), 4096, JsValue::UNDEFINED);
    let view = session.question(1, "da").unwrap_or_else(|_| panic!("view"));
    assert!(!view.is_null());
    assert_eq!(
        get(&view, "title").as_string().unwrap(),
        "Hvor tilfreds er du samlet set med jobcentret?"
    );
    let table = get(&view, "table");
    let tsv = table_tsv(table.clone()).unwrap_or_else(|_| panic!("tsv"));
    assert!(tsv.contains("Meget tilfreds\t"), "{tsv}");
    let csv_bytes = table_csv(table, "da").unwrap_or_else(|_| panic!("csv"));
    assert!(String::from_utf8_lossy(&csv_bytes).contains("Meget tilfreds"));
    assert!(session
        .question(99, "da")
        .unwrap_or_else(|_| panic!("view"))
        .is_null());
}
