//! The Rust number formats against the fixture the page's formatter is tested with too
//! (tests/js/number-format.test.mjs), so the page and the core write every number alike.

use serde_json::Value;
use tilfreds::words::lang::{format_count, format_decimal, format_pct};
use tilfreds::Lang;

fn cases(kind: &str) -> Vec<Value> {
    let all: Value =
        serde_json::from_slice(&crate::util::fixture("number_format.json")).expect("JSON");
    all[kind].as_array().expect("a list of cases").clone()
}

fn lang(case: &Value) -> Lang {
    Lang::parse(case["lang"].as_str().expect("lang"))
}

fn expected(case: &Value) -> &str {
    case["expected"].as_str().expect("expected")
}

#[test]
fn decimals_match_the_shared_fixture() {
    let cases = cases("decimal");
    assert!(cases.len() > 20);
    for case in &cases {
        let value = case["value"].as_f64().expect("value");
        let decimals = case["decimals"].as_u64().expect("decimals") as usize;
        assert_eq!(
            format_decimal(value, decimals, lang(case)),
            expected(case),
            "{case}"
        );
    }
}

#[test]
fn percentages_match_the_shared_fixture() {
    for case in &cases("pct") {
        let value = case["value"].as_f64().expect("value");
        assert_eq!(format_pct(value, lang(case)), expected(case), "{case}");
    }
}

#[test]
fn counts_match_the_shared_fixture() {
    for case in &cases("count") {
        let value = case["value"].as_u64().expect("value");
        assert_eq!(format_count(value, lang(case)), expected(case), "{case}");
    }
}
