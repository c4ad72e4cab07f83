//! Browser tests of the deeper analyses' bindings: waves compared and combined, the
//! cross-table and its heat map, weighted figures and multi-select questions.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use tilfreds_web::multi::Waves;
use tilfreds_web::Session;
use tilfreds_web::{chart_svg, draw_chart};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod util;
use util::{canvas, js, painted_pixels, STEPS};

/// 200 respondents; in wave `shift` more of them answer positively. A weight column of two
/// values (0,8 and 1,25).
fn wave_csv(shift: usize) -> String {
    let mut csv = String::from("Køn;Vægt;Hvor tilfreds er du samlet set?\r\n");
    for i in 0..200 {
        let woman = i % 5 < 3;
        let step = (i * 7 + if i % 10 < shift { 0 } else { 3 }) % 5;
        csv.push_str(&format!(
            "{};{};{}\r\n",
            if woman { "Kvinde" } else { "Mand" },
            if woman { "0,8" } else { "1,25" },
            STEPS[step]
        ));
    }
    csv
}

fn session(csv: &str) -> Session {
    let mut s = Session::new();
    s.push(csv.as_bytes()).unwrap();
    s.finish().unwrap();
    s
}

fn json(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).unwrap()
}

#[wasm_bindgen_test]
fn waves_compare_and_combine() {
    let mut waves = Waves::new();
    waves.add("2024.csv".into(), session(&wave_csv(2))).unwrap();
    waves.add("2025.csv".into(), session(&wave_csv(6))).unwrap();
    assert_eq!(waves.count(), 2);
    assert_eq!(
        json(waves.check().unwrap())["combinable"],
        Value::Bool(true)
    );

    let cmp = json(waves.compare(5, JsValue::NULL, "da").unwrap());
    let q = &cmp["questions"][0];
    assert_eq!(q["question"], "Hvor tilfreds er du samlet set?");
    let text = q["texts"][0].as_str().unwrap();
    assert!(text.starts_with("2024.csv → 2025.csv: "), "{text}");
    assert!(text.contains("procentpoint"), "{text}");

    let canvas = canvas();
    let chart = js(&q["top2"]);
    let height = draw_chart(canvas.clone(), "waves", chart, 400, "da", 2.0).unwrap();
    assert_eq!(canvas.width(), 800);
    assert_eq!(canvas.height(), height * 2);
    assert!(painted_pixels(&canvas) > 1000);

    let combined = waves.combine().unwrap();
    let headers = combined.headers().unwrap();
    assert_eq!(headers.last().map(String::as_str), Some("Fil"));
}

#[wasm_bindgen_test]
fn crosstab_and_heat_map() {
    let s = session(&wave_csv(3));
    let result = json(s.crosstab(0, 2, 5).unwrap());
    let ct = &result["crosstab"];
    assert_eq!(ct["total"], 200);
    assert!(result["test_text"]["da"]
        .as_str()
        .unwrap()
        .starts_with("Sammenhængen mellem de to kolonner"));
    assert_eq!(result["tables"]["en"]["counts"]["rows"][2][0], "Total");

    let model = js(ct);
    let canvas = canvas();
    draw_chart(canvas.clone(), "heatmap", model.clone(), 500, "da", 1.5).unwrap();
    assert_eq!(canvas.width(), 750);
    assert!(painted_pixels(&canvas) > 1000);
    assert!(chart_svg("heatmap", model, 500, "en")
        .unwrap()
        .contains("<svg"));

    // The same column twice cannot be tabulated: an error in both languages, not a throw.
    let same = json(s.crosstab(0, 0, 5).unwrap());
    assert!(same["error"]["da"]
        .as_str()
        .unwrap()
        .contains("to forskellige"));
}

#[wasm_bindgen_test]
fn weighted_figures_and_errors() {
    let s = session(&wave_csv(3));
    let result = json(s.weighted(1, Some(0), 5, "da").unwrap());
    let q = &result["questions"][0];
    assert_eq!(q["index"], 2);
    assert_eq!(q["stats"]["n_valid"], 200);
    let n_eff = q["stats"]["n_eff"].as_f64().unwrap();
    assert!(n_eff < 200.0 && n_eff > 150.0, "{n_eff}");
    assert_eq!(q["groups"].as_array().unwrap().len(), 2);
    // A text column is no weight.
    let bad = json(s.weighted(0, None, 5, "da").unwrap());
    assert!(bad["error"]["en"].as_str().is_some());
}

/// `wave_csv` with an age column of three bands in front.
fn aged_csv() -> String {
    let mut csv = String::new();
    for (i, line) in wave_csv(3).lines().enumerate() {
        let age = match i {
            0 => "Alder",
            i if i % 3 == 0 => "18-29",
            i if i % 3 == 1 => "30-49",
            _ => "50+",
        };
        csv.push_str(&format!("{age};{line}\r\n"));
    }
    csv
}

#[wasm_bindgen_test]
fn cross_tables_and_weights_follow_the_summarys_merges() {
    let mut s = session(&aged_csv());
    let merged = js(&serde_json::json!({
        "overrides": [{"column": "Alder", "merge": [["30-49", "30+"], ["50+", "30+"]]}]
    }));
    s.summary(merged).unwrap();
    let rows = |s: &Session| -> Vec<(String, u64)> {
        json(s.crosstab(0, 3, 5).unwrap())["crosstab"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let label = r["label"].as_str().unwrap().to_string();
                (label, r["total"].as_u64().unwrap_or(0))
            })
            .collect()
    };
    // Rows 1 to 200: the 66 multiples of three are 18-29, the other 134 are 30+.
    assert_eq!(
        rows(&s),
        [("18-29".to_string(), 66), ("30+".to_string(), 134)]
    );
    let weighted = json(s.weighted(2, Some(0), 5, "da").unwrap());
    let groups: Vec<&str> = weighted["questions"][0]["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["label"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["18-29", "30+"]);
    // A summary without the merge brings the file's own bands back.
    s.summary(JsValue::UNDEFINED).unwrap();
    assert_eq!(rows(&s).len(), 3);
}

#[wasm_bindgen_test]
fn multi_select_states_its_denominator() {
    // Google Forms' checkboxes: "Telefon, E-mail" in one cell; 8 of 9 answered the question.
    let mut s = session(include_str!(
        "../../../tests/fixtures/google_forms_checkboxes.csv"
    ));
    s.summary(js(&serde_json::json!({ "min_cell": 3 })))
        .unwrap();
    let views = json(s.multi_select("da").unwrap());
    let view = &views[0];
    assert_eq!(
        view["chart"]["title"],
        "Andel af de 8, der har svaret; flere svar mulige"
    );
    // Telefon 6 of 8, E-mail 4 of 8.
    assert_eq!(view["table"]["rows"][0][2], "75,0\u{a0}%");
    assert_eq!(view["chart"]["bars"][1]["n"], 4);
    assert!(view["breakdown"].is_null());

    // Broken down by a group column: a heat map of groups × options.
    let by = "Hvilken kommune bor du i?";
    s.summary(js(&serde_json::json!({ "min_cell": 3, "by": by })))
        .unwrap();
    let views = json(s.multi_select("da").unwrap());
    let breakdown = &views[0]["breakdown"];
    assert_eq!(breakdown["row_column"], by);
    assert_eq!(breakdown["multi_select"], true);
    assert_eq!(breakdown["rows"].as_array().unwrap().len(), 2);
    let canvas = canvas();
    draw_chart(canvas.clone(), "heatmap", js(breakdown), 500, "da", 1.0).unwrap();
    assert!(painted_pixels(&canvas) > 1000);
}
