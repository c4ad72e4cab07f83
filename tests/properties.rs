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

/// A scale wording as a survey tool might write it: polarity × intensity × an optional
/// midpoint, in Danish or English. The steps, most positive first.
fn scale_wording(danish: bool, pair: usize, levels: u8, midpoint: bool) -> Vec<String> {
    // (positive, negative, midpoint)
    let pairs: [(&str, &str, &str); 3] = if danish {
        [
            ("tilfreds", "utilfreds", "Hverken tilfreds eller utilfreds"),
            ("enig", "uenig", "Hverken enig eller uenig"),
            ("god", "dårlig", "Hverken god eller dårlig"),
        ]
    } else {
        [
            (
                "satisfied",
                "dissatisfied",
                "Neither satisfied nor dissatisfied",
            ),
            ("agree", "disagree", "Neither agree nor disagree"),
            ("good", "poor", "Neither good nor poor"),
        ]
    };
    // Intensities from the strongest; "" is the bare word.
    let intensities: [&str; 5] = if danish {
        ["helt", "meget", "", "delvis", "lidt"]
    } else if pair == 1 {
        ["strongly", "", "", "somewhat", "slightly"]
    } else {
        ["extremely", "very", "", "somewhat", "slightly"]
    };
    let (pos, neg, mid) = pairs[pair];
    let chosen: Vec<&str> = (0..5)
        .filter(|i| levels & (1 << i) != 0)
        .map(|i| intensities[i])
        .collect::<Vec<_>>();
    let mut chosen = chosen;
    chosen.dedup();
    let word = |intensity: &str, w: &str| {
        let text = if intensity.is_empty() {
            w.to_string()
        } else {
            format!("{intensity} {w}")
        };
        let mut c = text.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    };
    let mut steps: Vec<String> = chosen.iter().map(|i| word(i, pos)).collect();
    if midpoint {
        steps.push(mid.to_string());
    }
    steps.extend(chosen.iter().rev().map(|i| word(i, neg)));
    steps
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// For any generated wording and any subset of its steps answered, each answer is its own
    /// step with its own count, in the wording's order; with every step answered the steps are
    /// exactly the wording's (a wording without a midpoint may get one, marked as guessed).
    #[test]
    fn generated_scales_keep_their_steps_and_counts(
        danish in any::<bool>(),
        pair in 0usize..3,
        levels in 1u8..32,
        midpoint in any::<bool>(),
        counts in proptest::collection::vec(0u64..4, 11),
    ) {
        let steps = scale_wording(danish, pair, levels, midpoint);
        prop_assume!(steps.len() >= 3);
        let counts = &counts[..steps.len()];
        let answered: Vec<usize> = (0..steps.len()).filter(|&i| counts[i] > 0).collect();
        prop_assume!(answered.len() >= 2);
        // Rows interleaved: one of each answered step in turn.
        let mut csv = String::from("Løbenr;Spørgsmål\n");
        let mut left = counts.to_vec();
        let mut row = 0;
        while left.iter().any(|&n| n > 0) {
            for (i, n) in left.iter_mut().enumerate() {
                if *n > 0 {
                    *n -= 1;
                    row += 1;
                    csv.push_str(&format!("{row};{}\n", steps[i]));
                }
            }
        }
        let d = tilfreds::read_bytes(csv.as_bytes()).unwrap();
        let s = d.summary(&SummaryOptions { min_cell: 1, ..Default::default() });
        let c = s.columns.iter().find(|c| c.name == "Spørgsmål").unwrap();
        prop_assert_eq!(c.kind, tilfreds::model::kinds::Kind::Likert, "{:?}", steps);
        let labels = c.scale.clone().unwrap();
        let st = c.stats.as_ref().unwrap();
        // Every answer is one step of its own, counted as often as it was written.
        let mut positions = Vec::new();
        for &i in &answered {
            let at = labels.iter().position(|l| *l == steps[i]);
            prop_assert!(at.is_some(), "{} not a step of {:?} (wording {:?})", steps[i], labels, steps);
            let at = at.unwrap();
            prop_assert_eq!(st.steps[at], counts[i], "{} in {:?}", steps[i], labels);
            positions.push(at);
        }
        // In the wording's order, most positive first.
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "{:?} for {:?}", labels, steps);
        prop_assert_eq!(st.steps.iter().sum::<u64>(), counts.iter().sum::<u64>());
        if answered.len() == steps.len() && midpoint {
            prop_assert_eq!(&labels, &steps);
        } else if answered.len() == steps.len() {
            // Without a midpoint the answers cannot tell a 4-point scale from a 5-point one
            // nobody answered in the middle: either reading, never in silence.
            let mut with_mid = steps.clone();
            with_mid.insert(steps.len() / 2, labels[steps.len() / 2].clone());
            prop_assert!(labels == steps || labels == with_mid, "{:?} for {:?}", labels, steps);
            prop_assert!(c.scale_guessed, "{:?} not marked guessed", labels);
        }
    }
}
