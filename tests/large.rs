//! A large export made inside the test, with counts known by construction: row i answers step
//! (i mod 5) on Q1 and (i mod 7 → steps and "Ved ikke") on Q2, and belongs to group (i mod 3).

use tilfreds::{Analyzer, ReadOptions, SummaryOptions};

use crate::util::STEPS;

const GROUPS: [&str; 3] = ["A-dagpenge", "Kontanthjælp", "Sygedagpenge"];

fn export(rows: usize) -> Vec<u8> {
    let mut out =
        String::from("Ydelse;Hvor tilfreds er du?;Hvor tilfreds er du med sagsbehandleren?\r\n");
    for i in 0..rows {
        let q2 = if i % 7 >= 5 { "Ved ikke" } else { STEPS[i % 7] };
        out.push_str(&format!("{};{};{}\r\n", GROUPS[i % 3], STEPS[i % 5], q2));
    }
    out.into_bytes()
}

#[test]
fn three_hundred_thousand_rows_in_odd_chunks() {
    let rows = 300_000;
    let bytes = export(rows);
    let mut analyzer = Analyzer::new(ReadOptions::default());
    for chunk in bytes.chunks(65_521) {
        analyzer.push(chunk).unwrap();
    }
    let d = analyzer.finish().unwrap();
    let s = d.summary(&SummaryOptions {
        by: Some("Ydelse".into()),
        ..Default::default()
    });
    assert_eq!(s.rows, rows as u64);
    let q1 = s.columns[1].stats.as_ref().unwrap();
    // 300,000 is divisible by 5: 60,000 per step; top-2 = 40 %, mean = 3.
    assert_eq!(q1.steps, vec![60_000; 5]);
    assert!((q1.top2_pct - 40.0).abs() < 1e-9);
    assert!((q1.mean - 3.0).abs() < 1e-12);
    // i mod 7 in 0..5 are steps: 300,000 = 7·42,857 + 1, so step 0 gets 42,858, others 42,857;
    // "Ved ikke" takes residues 5 and 6: 2·42,857.
    let q2 = &s.columns[2];
    let st = q2.stats.as_ref().unwrap();
    assert_eq!(st.steps, vec![42_858, 42_857, 42_857, 42_857, 42_857]);
    assert_eq!(q2.non_substantive, Some(85_714));
    // Groups: i mod 3 and i mod 5 are independent over 15-row cycles: 20,000 per cell.
    let by = s.columns[1].by.as_ref().unwrap();
    for g in GROUPS {
        assert_eq!(
            by[g]["steps"],
            serde_json::json!([20_000, 20_000, 20_000, 20_000, 20_000])
        );
    }
    let test = s.columns[1].test.as_ref().unwrap();
    assert!(test.chi_square.abs() < 1e-9 && (test.p_value - 1.0).abs() < 1e-9);
}
