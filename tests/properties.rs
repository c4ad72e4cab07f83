//! Properties that must hold for any input: reading never panics, and counts add up.

use proptest::prelude::*;
use tilfreds::{Analyzer, ReadOptions, SummaryOptions};

fn read_chunked(bytes: &[u8], chunk: usize) -> Result<tilfreds::Dataset, tilfreds::Error> {
    let mut a = Analyzer::new(ReadOptions {
        sniff_bytes: 64,
        ..ReadOptions::default()
    });
    for c in bytes.chunks(chunk.max(1)) {
        a.push(c)?;
    }
    a.finish()
}

/// Survey-like text: labels, delimiters, quotes and line endings in random order.
fn survey_like() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        Just(b"Meget tilfreds".to_vec()),
        Just(b"Tilfreds".to_vec()),
        Just(b"Ved ikke".to_vec()),
        Just(b"Sygedagpenge".to_vec()),
        Just(b"3".to_vec()),
        Just(b";".to_vec()),
        Just(b",".to_vec()),
        Just(b"\t".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(vec![0xF8]),
        Just("æøå".as_bytes().to_vec()),
        Just(b"010190-1234".to_vec()),
    ];
    proptest::collection::vec(token, 0..200).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_are_read_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), chunk in 1usize..300) {
        if let Ok(d) = read_chunked(&bytes, chunk) {
            let s = d.summary(&SummaryOptions { by: Some("1".into()), ..Default::default() });
            prop_assert!(serde_json::to_string(&s).is_ok());
        }
    }

    #[test]
    fn counts_add_up_to_rows(bytes in survey_like(), chunk in 1usize..100) {
        if let Ok(d) = read_chunked(&bytes, chunk) {
            let rows = d.facts.rows;
            for col in &d.columns {
                let p = &col.profile;
                let counted: u64 = p.values.iter().map(|(_, n)| n).sum();
                // Every row is either empty in this column or counted under some value
                // (or beyond the kept dictionary when the column overflowed).
                if !p.overflowed {
                    prop_assert_eq!(counted + p.empty, rows, "column {}", p.name);
                }
                if let Some(codes) = &col.codes {
                    prop_assert_eq!(codes.len() as u64, rows);
                }
            }
            let s = d.summary(&SummaryOptions::default());
            for c in &s.columns {
                if let Some(st) = &c.stats {
                    prop_assert_eq!(st.steps.iter().sum::<u64>(), st.n_valid);
                    prop_assert!(st.n_valid + c.non_substantive.unwrap_or(0) <= rows);
                }
            }
        }
    }

    #[test]
    fn chunking_never_changes_the_result(bytes in survey_like(), chunk in 1usize..50) {
        let whole = read_chunked(&bytes, usize::MAX).map(|d| d.summary(&SummaryOptions::default()));
        let parts = read_chunked(&bytes, chunk).map(|d| d.summary(&SummaryOptions::default()));
        prop_assert_eq!(whole, parts);
    }
}
