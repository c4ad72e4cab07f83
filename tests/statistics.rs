//! Statistics that never overclaim: Holm's correction across the tests read together, which
//! group differs, Cramér's V in words, Newcombe's interval for a wave change, nothing from too
//! few answers, and a simulation under a true null that the corrected procedure keeps its
//! familywise error rate.

use serde_json::Value;
use tilfreds::analyze::compute::groups_vs_rest;
use tilfreds::analyze::summary::Differs;
use tilfreds::analyze::waves;
use tilfreds::present::views;
use tilfreds::{Lang, SummaryOptions};

use crate::util::{assert_close, column, read_text, STEPS};

/// A CSV of `group;question 1;question 2`, each group with its counts per step (most positive
/// first) for both questions; the two lists of a group have the same total.
fn breakdown_csv(groups: &[(&str, [usize; 5], [usize; 5])]) -> String {
    let mut text = String::from("Ydelse;Spørgsmål 1;Spørgsmål 2\n");
    for (group, q1, q2) in groups {
        let answers = |counts: &[usize; 5]| -> Vec<&str> {
            STEPS
                .iter()
                .zip(counts)
                .flat_map(|(s, &n)| std::iter::repeat_n(*s, n))
                .collect()
        };
        for (a, b) in answers(q1).iter().zip(answers(q2)) {
            text.push_str(&format!("{group};{a};{b}\n"));
        }
    }
    text
}

fn by_group() -> SummaryOptions {
    SummaryOptions {
        by: Some("Ydelse".into()),
        ..SummaryOptions::default()
    }
}

#[test]
fn which_group_differs_and_holm_across_the_summary() {
    let text = breakdown_csv(&[
        (
            "Uddannelseshjælp",
            [20, 30, 20, 20, 10],
            [20, 30, 30, 10, 10],
        ),
        ("Kontanthjælp", [40, 40, 10, 5, 5], [20, 30, 30, 10, 10]),
        ("Sygedagpenge", [45, 40, 5, 5, 5], [20, 30, 30, 10, 10]),
    ]);
    let data = read_text(&text);
    let s = data.summary(&by_group());
    let q1 = column(&s, "Spørgsmål 1");
    let q2 = column(&s, "Spørgsmål 2");

    // Chi-square by hand (Python floats): X² = 39.31818181818182 on df = 8, whose upper tail
    // for even df is exp(-x/2) Σ_{i<4} (x/2)^i / i! = 4.290298352360437e-06; Cramér's V =
    // sqrt(X² / (300 · 2)) = 0.25598887286423805. The second question is the same in every
    // group: X² = 0, p = 1.
    let t1 = q1.test.as_ref().unwrap();
    assert_close(t1.chi_square, 39.31818181818182, 1e-9);
    assert_close(t1.p_value, 4.290298352360437e-06, 1e-15);
    // Holm over the summary's two tests: 2 · 4.29e-06, and max(that, 1 · 1) = 1.
    assert_eq!(t1.holm_tests, 2);
    assert_close(t1.p_adjusted, 2.0 * 4.290298352360437e-06, 1e-15);
    assert!(t1.significant);
    let t2 = q2.test.as_ref().unwrap();
    assert_eq!((t2.p_adjusted, t2.significant), (1.0, false));

    // Each group against the other two pooled: two-proportion z-test (pooled SE) by hand,
    // two-sided p = erfc(|z| / √2) in Python's math module:
    //   Uddannelseshjælp 50/100 vs 165/200 (82.5 %): z = -5.888847304169078,
    //     p = 3.888985564306062e-09;
    //   Kontanthjælp 80/100 vs 135/200 (67.5 %): z = 2.264941270834261, p = 0.02351628371314316;
    //   Sygedagpenge 85/100 vs 130/200 (65 %): z = 3.623906033334817,
    //     p = 0.00029018706942284287.
    // Holm over the three: 3 p(1), max(that, 2 p(2)), max(that, 1 p(3)).
    let by = q1.by.as_ref().unwrap();
    let g = |name: &str, field: &str| by[name][field].clone();
    assert_close(
        g("Uddannelseshjælp", "top2_vs_rest_p").as_f64().unwrap(),
        3.0 * 3.888985564306062e-09,
        1e-15,
    );
    assert_close(
        g("Sygedagpenge", "top2_vs_rest_p").as_f64().unwrap(),
        2.0 * 0.00029018706942284287,
        1e-12,
    );
    assert_close(
        g("Kontanthjælp", "top2_vs_rest_p").as_f64().unwrap(),
        0.02351628371314316,
        1e-12,
    );
    assert_close(
        g("Uddannelseshjælp", "top2_rest_pct").as_f64().unwrap(),
        82.5,
        1e-9,
    );
    assert_eq!(g("Uddannelseshjælp", "differs"), "lower");
    assert_eq!(g("Kontanthjælp", "differs"), "higher");
    assert_eq!(g("Sygedagpenge", "differs"), "higher");
    // The question whose own test is not significant calls no group different, and says so.
    for v in q2.by.as_ref().unwrap().values() {
        assert_eq!(v["differs"], Value::Null);
        assert_eq!(v["top2_vs_rest_p"], 1.0);
    }

    let view = views::summary::question(&s, q1.index, Lang::Da).unwrap();
    assert_eq!(
        view.test_text.as_deref(),
        Some("Forskellen mellem grupperne er statistisk signifikant efter korrektion for mange test (Holm), korrigeret p < 0,001 (ukorrigeret p < 0,001; χ² = 39,3, df = 8, Cramérs V = 0,26: svag sammenhæng).")
    );
    // In the groups' own order (by name here).
    assert_eq!(
        view.group_texts,
        vec![
            "Kontanthjælp ligger signifikant højere end de øvrige grupper (80,0\u{a0}% mod 67,5\u{a0}% positive svar, n = 100; Holm-korrigeret p = 0,024).",
            "Sygedagpenge ligger signifikant højere end de øvrige grupper (85,0\u{a0}% mod 65,0\u{a0}% positive svar, n = 100; Holm-korrigeret p < 0,001).",
            "Uddannelseshjælp ligger signifikant lavere end de øvrige grupper (50,0\u{a0}% mod 82,5\u{a0}% positive svar, n = 100; Holm-korrigeret p < 0,001).",
        ]
    );
    let view = views::summary::question(&s, q2.index, Lang::En).unwrap();
    assert!(view.group_texts.is_empty());
    assert_eq!(
        view.test_text.as_deref(),
        Some("The difference between the groups is not statistically significant after correction for multiple tests (Holm), adjusted p = 1.000 (unadjusted p = 1.000; χ² = 0.0, df = 8, Cramér's V = 0.00: negligible association).")
    );
}

#[test]
fn two_groups_are_one_test() {
    // With two groups, "A against the rest" and "B against the rest" are the same test: one
    // hypothesis, no correction. 30/50 vs 40/50 by hand: pooled 0.7, SE = sqrt(0.21 · 0.04),
    // z = 0.2 / √0.0084 = 2.182178902359924, p = erfc(z / √2) = 0.02909633174125221
    // (Python's math module).
    let out = groups_vs_rest(&[vec![10, 20, 10, 5, 5], vec![20, 20, 5, 3, 2]]);
    let (rest, p, differs) = out[0].unwrap();
    assert_close(rest, 80.0, 1e-12);
    assert_close(p, 0.02909633174125221, 1e-12);
    assert_eq!(differs, Some(Differs::Lower));
    assert_eq!(out[1].unwrap().2, Some(Differs::Higher));
    assert_close(out[1].unwrap().1, p, 0.0);
    // One group has no rest to be tested against; an empty group is not tested.
    assert_eq!(groups_vs_rest(&[vec![3, 2, 1]]), vec![None]);
    assert!(groups_vs_rest(&[vec![0, 0, 0], vec![1, 2, 3]])[0].is_none());
}

#[test]
fn too_few_answers_for_an_interval() {
    // Two answers: a standard deviation, no interval; one answer: neither.
    let two = read_text("Id;Hvor tilfreds er du?\n1;Meget tilfreds\n2;Tilfreds\n");
    let s = two.summary(&SummaryOptions {
        min_cell: 1,
        ..SummaryOptions::default()
    });
    let c = column(&s, "Hvor tilfreds er du?");
    let st = c.stats.as_ref().unwrap();
    assert_eq!(st.n_valid, 2);
    // By hand: values 5 and 4, mean 4.5, sd sqrt(0.5).
    assert_close(st.sd.unwrap(), 0.5f64.sqrt(), 1e-12);
    assert_eq!(st.mean_ci95, None);
    let json = serde_json::to_value(&s).unwrap();
    let col = &json["columns"][c.index];
    assert_eq!(col["mean_ci95"], Value::Null);
    let view = views::summary::question(&s, c.index, Lang::Da).unwrap();
    let mean = &view
        .facts
        .iter()
        .find(|f| f.0.starts_with("Gennemsnit"))
        .unwrap()
        .1;
    assert!(mean.contains("for få svar til et interval"), "{mean}");
    let view = views::summary::question(&s, c.index, Lang::En).unwrap();
    let mean = &view
        .facts
        .iter()
        .find(|f| f.0.starts_with("Mean"))
        .unwrap()
        .1;
    assert!(mean.contains("too few answers for an interval"), "{mean}");

    let one = tilfreds::analyze::compute::scale_stats(&[1, 0, 0, 0, 0], &{
        let d = read_text("Id;Hvor tilfreds er du?\n1;Meget tilfreds\n2;Tilfreds\n3;Utilfreds\n");
        d.columns[1].inferred.scale.clone().unwrap()
    });
    assert_eq!((one.sd, one.mean_ci95), (None, None));
    let three = tilfreds::analyze::compute::scale_stats(&[1, 1, 1, 0, 0], &{
        let d = read_text("Id;Hvor tilfreds er du?\n1;Meget tilfreds\n2;Tilfreds\n3;Utilfreds\n");
        d.columns[1].inferred.scale.clone().unwrap()
    });
    assert!(three.sd.is_some() && three.mean_ci95.is_some());
}

#[test]
fn no_mean_change_across_different_scales() {
    let five = read_text(&format!(
        "Id;Hvor tilfreds er du?\n{}",
        (0..50)
            .map(|i| format!("{i};{}\n", STEPS[i % 5]))
            .collect::<String>()
    ));
    // The same question on six steps (a fixture of the scale tests).
    let opts = SummaryOptions::default();
    let (a, b) = (
        five.summary(&opts),
        crate::util::summary_of("scales/six_point.csv", &opts),
    );
    let cmp = waves::compare(&[("2024", &a), ("2025", &b)], &[]);
    let q = cmp
        .questions
        .iter()
        .find(|q| q.question == "Hvor tilfreds er du?")
        .unwrap();
    assert_eq!(q.waves[0].as_ref().unwrap().points, 5);
    assert_eq!(q.waves[1].as_ref().unwrap().points, 6);
    let c = &q.changes[0];
    assert!(!c.comparable);
    assert_eq!(c.mean_diff, None);
    assert!(c.top2_test.is_none() && c.mean_test.is_none());
    assert_eq!(
        c.mean_da,
        "Gennemsnittene er på forskellige skalaer og kan ikke sammenlignes."
    );
    let json = serde_json::to_value(c).unwrap();
    assert_eq!(json["mean_diff"], Value::Null);
}

use crate::util::SplitMix;

#[test]
fn holm_keeps_the_familywise_rate_under_a_true_null() {
    // 200 summaries, each 5 questions broken down by 4 groups of 60, every answer drawn from
    // the same distribution: every null hypothesis is true, so any "significant" result is a
    // false one. The corrected procedure may reject in at most 5 % of families in expectation.
    const FAMILIES: usize = 200;
    const QUESTIONS: usize = 5;
    let probs = [0.3, 0.3, 0.2, 0.1, 0.1];
    let mut rng = SplitMix(20260512);
    let (mut corrected, mut uncorrected, mut group_calls, mut group_raw) = (0, 0, 0, 0);
    let mut mean_calls = 0;
    for _ in 0..FAMILIES {
        let mut text = String::from("Gruppe");
        for q in 0..QUESTIONS {
            text.push_str(&format!(";Spørgsmål {q}"));
        }
        text.push('\n');
        for group in ["A", "B", "C", "D"] {
            for _ in 0..60 {
                text.push_str(group);
                for _ in 0..QUESTIONS {
                    let u = rng.uniform();
                    let mut acc = 0.0;
                    let step = probs
                        .iter()
                        .position(|p| {
                            acc += p;
                            u < acc
                        })
                        .unwrap_or(4);
                    text.push(';');
                    text.push_str(STEPS[step]);
                }
                text.push('\n');
            }
        }
        let s = read_text(&text).summary(&SummaryOptions {
            by: Some("Gruppe".into()),
            ..SummaryOptions::default()
        });
        let tests: Vec<_> = s.columns.iter().filter_map(|c| c.test.as_ref()).collect();
        assert_eq!(tests.len(), QUESTIONS);
        assert!(tests.iter().all(|t| t.holm_tests == QUESTIONS as u64));
        let differs = s
            .columns
            .iter()
            .filter_map(|c| c.by.as_ref())
            .flat_map(|by| by.values())
            .any(|v| !v["differs"].is_null());
        // A group is called different only under a significant corrected test.
        let any = tests.iter().any(|t| t.significant);
        assert!(any || !differs);
        corrected += usize::from(any);
        uncorrected += usize::from(tests.iter().any(|t| t.p_value < 0.05));
        // Within each question, Holm over the four group tests on its own (without the
        // question's test as a gate) keeps its rate too.
        for c in s.columns.iter().filter(|c| c.test.is_some()) {
            let ps: Vec<f64> =
                c.by.as_ref()
                    .unwrap()
                    .values()
                    .map(|v| v["top2_vs_rest_p"].as_f64().unwrap())
                    .collect();
            group_calls += usize::from(ps.iter().any(|&p| p < 0.05));
            group_raw += 1;
            // The same for the groups' means (Welch's t against the rest, Holm).
            let means: Vec<f64> =
                c.by.as_ref()
                    .unwrap()
                    .values()
                    .map(|v| v["mean_vs_rest_p"].as_f64().unwrap())
                    .collect();
            mean_calls += usize::from(means.iter().any(|&p| p < 0.05));
        }
    }
    // Under the null the number of families with a rejection is binomial(200, α') with
    // α' ≤ 0.05: mean at most 10, standard deviation at most √(200 · 0.05 · 0.95) = 3.08.
    // Allowing three standard deviations of sampling slack, at most 19 families may reject;
    // P(X ≥ 20) for α' = 0.05 is about 0.003, and the seeded generator makes the run
    // repeatable, so this either always passes or always fails.
    assert!(
        corrected <= 19,
        "{corrected} of {FAMILIES} families rejected"
    );
    // Uncorrected, five tests reject somewhere in 1 − 0.95⁵ ≈ 23 % of families (mean 45):
    // the correction is what keeps the rate down.
    assert!(uncorrected >= 30, "uncorrected: {uncorrected}");
    assert!(uncorrected > corrected);
    // 1000 questions: at most 5 % (mean 50, sd √(1000 · 0.05 · 0.95) = 6.9) with a group
    // called different by the corrected group tests; three sd of slack gives 70.
    assert_eq!(group_raw, FAMILIES * QUESTIONS);
    assert!(group_calls <= 70, "{group_calls} of {group_raw} questions");
    assert!(
        mean_calls <= 70,
        "{mean_calls} of {group_raw} questions (means)"
    );
    eprintln!(
        "null simulation: corrected {corrected}, uncorrected {uncorrected}, group {group_calls}/{group_raw}, means {mean_calls}"
    );
}

/// 300 rows: "Hele" answered on the scale by all, "Delvis" by 100 with 200 "Ved ikke".
fn partly_answered_csv() -> String {
    let mut text = String::from("Hele;Delvis\n");
    for i in 0..300 {
        let whole = STEPS[i % 5];
        let part = if i < 100 { STEPS[i % 5] } else { "Ved ikke" };
        text.push_str(&format!("{whole};{part}\n"));
    }
    text
}

#[test]
fn margin_of_error_per_question_in_points_with_a_non_response_caution() {
    let data = read_text(&partly_answered_csv());
    let opts = SummaryOptions {
        invited: Some(1000),
        ..SummaryOptions::default()
    };
    let s = data.summary(&opts);
    // z·√(0,25/n)·√((N − n)/(N − 1)), z = scipy.stats.norm.ppf(0.975) = 1.959963984540054:
    // n = 300, N = 1000 gives 4.7361 points; n = 100 gives 9.3016 (not the 300 rows' 4.74).
    let z = 1.959963984540054f64;
    let want = |n: f64| z * (0.25 / n).sqrt() * ((1000.0 - n) / 999.0).sqrt() * 100.0;
    assert_close(
        column(&s, "Hele").margin_of_error_pp.unwrap(),
        want(300.0),
        1e-9,
    );
    assert_close(
        column(&s, "Delvis").margin_of_error_pp.unwrap(),
        want(100.0),
        1e-9,
    );
    assert_close(want(100.0), 9.301577436565598, 1e-9);
    // The response: 30 % answered, so the caution is given.
    let r = s.response.as_ref().unwrap();
    assert!(r.low_response);
    let w = s
        .warnings
        .iter()
        .find(|w| w.code == "low_response_rate")
        .unwrap();
    assert!(
        w.da.starts_with("Kun 30,0\u{a0}% af de inviterede har svaret."),
        "{}",
        w.da
    );
    // Without the number invited there is no correction, and no caution.
    let plain = data.summary(&SummaryOptions::default());
    assert_close(
        column(&plain, "Delvis").margin_of_error_pp.unwrap(),
        z * 0.05 * 100.0,
        1e-9,
    );
    assert!(plain.warnings.iter().all(|w| w.code != "low_response_rate"));
    // 600 of 1000 answered: no caution either.
    let mut twice = partly_answered_csv();
    twice.push_str(partly_answered_csv().split_once('\n').unwrap().1);
    let s = read_text(&twice).summary(&opts);
    assert!(!s.response.as_ref().unwrap().low_response);
    // The page says points, not per cent.
    let view = views::summary::question(&s, 1, Lang::Da).unwrap();
    let (label, value) = view
        .facts
        .iter()
        .find(|(l, _)| l.contains("usikkerhed"))
        .unwrap();
    assert_eq!(label, "Statistisk usikkerhed (95 %)");
    assert!(
        value.starts_with("± ") && value.ends_with(" procentpoint"),
        "{value}"
    );
    let view = views::summary::question(&s, 1, Lang::En).unwrap();
    assert!(view
        .facts
        .iter()
        .any(|(_, v)| v.ends_with(" percentage points")));
}

/// Counts per value 10, 9, …, 0 of the NPS worked example: 80 promoters (9–10), 60 passives
/// (7–8) and 60 detractors (0–6) of 200.
const NPS_COUNTS: [usize; 11] = [50, 30, 40, 20, 20, 10, 10, 5, 5, 5, 5];

fn zero_to_ten_csv() -> String {
    let mut text = String::from(
        "Gruppe;Hvor sandsynligt er det, at du vil anbefale jobcentret til andre? (0-10);Hvor tilfreds er du alt i alt? (0-10)\n",
    );
    let mut row = 0;
    for (k, &count) in NPS_COUNTS.iter().enumerate() {
        for _ in 0..count {
            let group = if row % 2 == 0 { "A" } else { "B" };
            text.push_str(&format!("{group};{};{}\n", 10 - k, 10 - k));
            row += 1;
        }
    }
    text
}

#[test]
fn net_promoter_score_with_its_interval() {
    let opts = SummaryOptions {
        by: Some("Gruppe".into()),
        ..SummaryOptions::default()
    };
    let s = read_text(&zero_to_ten_csv()).summary(&opts);
    let c = &s.columns[1];
    assert_eq!(c.headline, Some(tilfreds::analyze::summary::Headline::Nps));
    let nps = c.stats.as_ref().unwrap().nps.unwrap();
    // Worked by hand: p+ = 80/200 = 0,40, p- = 60/200 = 0,30, NPS = 0,10 = +10 points. The
    // variance of the difference of two shares of one multinomial sample (Rocks 2016, The
    // American Statistician 70(4):365–372): (p+ + p- − (p+ − p-)²)/n = (0,70 − 0,01)/200 =
    // 0,00345; se = 0,0587367; z·se = 1,959964 · 0,0587367 = 0,1151217.
    assert_close(nps.score, 10.0, 1e-12);
    assert_close(nps.promoters_pct, 40.0, 1e-12);
    assert_close(nps.passives_pct, 30.0, 1e-12);
    assert_close(nps.detractors_pct, 30.0, 1e-12);
    let half = 1.959963984540054 * (0.00345f64).sqrt() * 100.0;
    assert_close(half, 11.51217, 1e-4);
    assert_close(nps.ci95[0], 10.0 - half, 1e-9);
    assert_close(nps.ci95[1], 10.0 + half, 1e-9);
    // Each group has its own score: A has the even rows.
    let by = c.by.as_ref().unwrap();
    assert!(by["A"]["nps"]["score"].is_f64() && by["B"]["nps"]["score"].is_f64());
    // The page leads with the NPS and its three groups, not with top-2.
    let view = views::summary::question(&s, 1, Lang::Da).unwrap();
    assert_eq!(view.facts[1].0, "NPS (anbefalere minus kritikere)");
    assert_eq!(view.facts[1].1, "+10,0 (95 %-interval -1,5 til +21,5)");
    assert_eq!(view.facts[2].1, "40,0\u{a0}% / 30,0\u{a0}% / 30,0\u{a0}%");
    assert!(view.facts.iter().all(|(l, _)| !l.starts_with("Top-2")));
    let table = view.breakdown_table.unwrap();
    assert_eq!(
        table.header.last().unwrap(),
        "NPS (anbefalere minus kritikere)"
    );

    // Another 0–10 question leads with the mean and the distribution: no NPS, no top-2.
    let other = &s.columns[2];
    assert_eq!(
        other.headline,
        Some(tilfreds::analyze::summary::Headline::Mean)
    );
    assert!(other.stats.as_ref().unwrap().nps.is_none());
    let view = views::summary::question(&s, 2, Lang::En).unwrap();
    assert!(view.facts.iter().all(|(l, _)| !l.starts_with("Top-2")));
    assert!(view.facts[1].0.starts_with("Mean"));
    assert!(view.group_texts.is_empty());
    assert!(matches!(
        view.breakdown.unwrap().measure,
        tilfreds::present::chart::Measure::Mean { max: 10 }
    ));
    // The overview gives 0–10 questions no top-2 or bottom-2.
    let overview = views::summary::overview(&s, Lang::Da);
    for row in &overview.table.rows {
        let n = row.len();
        assert_eq!(
            (row[n - 3].as_str(), row[n - 2].as_str()),
            ("–", "–"),
            "{row:?}"
        );
    }
    // A five-step question keeps its top-2 share.
    let s5 = read_text(&partly_answered_csv()).summary(&SummaryOptions::default());
    assert_eq!(
        column(&s5, "Hele").headline,
        Some(tilfreds::analyze::summary::Headline::Top2)
    );
}

#[test]
fn nps_interval_edges() {
    use tilfreds::stats::{nps_interval, Z95};
    // All promoters: score 1, no spread, so the interval is the point.
    assert_eq!(nps_interval(10.0, 0.0, 10.0, Z95), (1.0, 1.0, 1.0));
    assert!(nps_interval(1.0, 1.0, 0.0, Z95).0.is_nan());
    assert!(nps_interval(6.0, 6.0, 10.0, Z95).0.is_nan());
    // Clipped to [-1, 1]: 9 detractors and 1 promoter of 10, se = √((1 − 0,64)/10) = 0,19.
    let (score, lo, hi) = nps_interval(1.0, 9.0, 10.0, Z95);
    assert_close(score, -0.8, 1e-12);
    assert_eq!(lo, -1.0);
    assert_close(hi, -0.8 + Z95 * 0.036f64.sqrt(), 1e-12);
}

/// A KL-style file: 1,000 answers, 500 "Meget tilfreds" and 330 "Tilfreds" (830 positive), 100
/// neutral, 30 + 20 negative and 20 "Ved ikke"; a grouping "Område" (even rows Nord, odd Syd)
/// and a category "Telefon" with 600 "Ja", 200 "Nej" and 200 "Ved ikke".
fn published_base_csv() -> String {
    let mut text = String::from("Område;Hvor tilfreds er du med kommunen som helhed?;Telefon\n");
    let answers = [
        ("Meget tilfreds", 500),
        ("Tilfreds", 330),
        ("Hverken tilfreds eller utilfreds", 100),
        ("Utilfreds", 30),
        ("Meget utilfreds", 20),
        ("Ved ikke", 20),
    ];
    let mut row = 0;
    for (answer, n) in answers {
        for _ in 0..n {
            let area = if row % 2 == 0 { "Nord" } else { "Syd" };
            let phone = match row % 5 {
                0..=2 => "Ja",
                3 => "Nej",
                _ => "Ved ikke",
            };
            text.push_str(&format!("{area};{answer};{phone}\n"));
            row += 1;
        }
    }
    text
}

#[test]
fn one_base_everywhere_and_a_setting_to_reproduce_published_figures() {
    use tilfreds::analyze::crosstab::crosstab_in_base;
    let data = read_text(&published_base_csv());
    let opts = |include: bool| SummaryOptions {
        by: Some("Område".into()),
        include_non_substantive: include,
        ..SummaryOptions::default()
    };
    let question = "Hvor tilfreds er du med kommunen som helhed?";
    // By default "Ved ikke" stays out: 830 / 980 = 84,69 %; included: 830 / 1000 = 83,0 %.
    let without = data.summary(&opts(false));
    let st = column(&without, question).stats.as_ref().unwrap();
    assert_eq!((st.n_valid, st.apart, st.base), (980, 20, 980));
    assert_close(st.top2_pct, 830.0 / 980.0 * 100.0, 1e-9);
    assert_close(st.top2_pct, 84.69, 0.01);
    let with = data.summary(&opts(true));
    assert!(with.include_non_substantive);
    let st = column(&with, question).stats.as_ref().unwrap();
    assert_eq!((st.n_valid, st.apart, st.base), (980, 20, 1000));
    assert_close(st.top2_pct, 83.0, 1e-9);
    // The mean is on the scale alone either way: (5·500 + 4·330 + 3·100 + 2·30 + 20)/980.
    let mean = (2500.0 + 1320.0 + 300.0 + 60.0 + 20.0) / 980.0;
    assert_close(st.mean, mean, 1e-12);
    // The Wilson interval is on the same base, 830 of 1000 (Wilson 1927, by hand):
    // centre (p + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p(1 − p)/n + z²/4n²).
    let (z, p, n) = (1.959963984540054f64, 0.83f64, 1000.0f64);
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z / (1.0 + z * z / n) * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    assert_close(st.top2_ci95[0], (centre - half) * 100.0, 1e-9);
    assert_close(st.top2_ci95[1], (centre + half) * 100.0, 1e-9);

    // Each group: Nord has the even rows, 10 of the 20 "Ved ikke".
    for (s, include) in [(&without, false), (&with, true)] {
        let by = column(s, question).by.as_ref().unwrap();
        let nord = &by["Nord"];
        let (n_valid, apart) = (
            nord["n_valid"].as_u64().unwrap(),
            nord["apart"].as_u64().unwrap(),
        );
        assert_eq!((n_valid, apart), (490, 10));
        let base = if include { 500 } else { 490 };
        assert_eq!(nord["base"], base);
        let top: u64 = nord["steps"].as_array().unwrap()[..2]
            .iter()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_close(
            nord["top2_pct"].as_f64().unwrap(),
            top as f64 * 100.0 / base as f64,
            1e-9,
        );
    }

    // Categories by the same rule: 600 "Ja" of 800 = 75 %, or of 1000 = 60 %.
    let phone = column(&without, "Telefon");
    assert_close(
        phone.pct.as_ref().unwrap()["Ja"].as_f64().unwrap(),
        75.0,
        1e-9,
    );
    assert!(phone.pct.as_ref().unwrap()["Ved ikke"].is_null());
    let phone = column(&with, "Telefon");
    assert_close(
        phone.pct.as_ref().unwrap()["Ja"].as_f64().unwrap(),
        60.0,
        1e-9,
    );
    assert_close(
        phone.pct.as_ref().unwrap()["Ved ikke"].as_f64().unwrap(),
        20.0,
        1e-9,
    );

    // The cross-table agrees with the breakdown: Nord's "Meget tilfreds" of Nord's base.
    let q = 1;
    for include in [false, true] {
        let ct = crosstab_in_base(&data, 0, q, 5, include).unwrap();
        let s = data.summary(&opts(include));
        let nord = &column(&s, question).by.as_ref().unwrap()["Nord"];
        let row = ct.rows.iter().find(|r| r.label == "Nord").unwrap();
        let first = nord["pct"][0].as_f64().unwrap();
        assert_close(row.cells[0].row_pct, first, 1e-9);
        // And the category: Telefon "Ja" by Område, 75 % or 60 % of Nord's answers overall.
        let ct = crosstab_in_base(&data, 0, 2, 5, include).unwrap();
        let ja = ct.columns.iter().position(|c| c.label == "Ja").unwrap();
        let total_ja: f64 = ct.rows.iter().map(|r| r.cells[ja].count as f64).sum();
        let total_base: f64 = ct
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().zip(&ct.columns))
            .filter(|(_, c)| include || c.substantive)
            .map(|(cell, _)| cell.count as f64)
            .sum();
        assert_close(
            total_ja / total_base * 100.0,
            if include { 60.0 } else { 75.0 },
            1e-9,
        );
        let row = &ct.rows[0];
        let base: u64 = row
            .cells
            .iter()
            .zip(&ct.columns)
            .filter(|(_, c)| include || c.substantive)
            .map(|(cell, _)| cell.count)
            .sum();
        assert_close(
            row.cells[ja].row_pct,
            row.cells[ja].count as f64 * 100.0 / base as f64,
            1e-9,
        );
    }

    // Every figure states its base, and the method note the rule.
    let view = views::summary::question(&without, 1, Lang::Da).unwrap();
    assert!(view
        .facts
        .iter()
        .any(|(l, v)| l == "Grundlag for procenterne"
            && v == "n = 980; 20 svarede «Ved ikke» o.l. og indgår ikke"));
    let view = views::summary::question(&with, 1, Lang::Da).unwrap();
    assert!(view
        .facts
        .iter()
        .any(|(_, v)| v == "n = 1.000; heraf 20 «Ved ikke» o.l., som indgår i basen"));
    let view = views::summary::question(&without, 2, Lang::En).unwrap();
    assert!(view
        .facts
        .iter()
        .any(|(_, v)| v.starts_with("n = 800; 200 answered")));
    assert!(tilfreds::words::messages::base_rule(false, Lang::Da).contains("indgår ikke"));
    assert!(tilfreds::words::messages::base_rule(true, Lang::En).contains("are included"));
}

#[test]
fn wave_changes_use_the_same_base_as_the_summaries() {
    // The second wave has 180 more "Ved ikke": on the scale the same 830 of 980, with "Ved
    // ikke" in the base 830 of 1,000 against 830 of 1,180.
    let first = published_base_csv();
    let mut second = first.clone();
    for i in 0..180 {
        let area = if i % 2 == 0 { "Nord" } else { "Syd" };
        second.push_str(&format!("{area};Ved ikke;Ja\n"));
    }
    let question = "Hvor tilfreds er du med kommunen som helhed?";
    for include in [false, true] {
        let opts = SummaryOptions {
            include_non_substantive: include,
            ..SummaryOptions::default()
        };
        let (a, b) = (
            read_text(&first).summary(&opts),
            read_text(&second).summary(&opts),
        );
        let cmp = waves::compare(&[("2024", &a), ("2025", &b)], &[]);
        let q = cmp
            .questions
            .iter()
            .find(|q| q.question == question)
            .unwrap();
        let c = &q.changes[0];
        let (n1, n2) = if include {
            (1000.0, 1180.0)
        } else {
            (980.0, 980.0)
        };
        assert_eq!(q.waves[1].as_ref().unwrap().base, n2 as u64);
        let (p1, p2) = (830.0 / n1, 830.0 / n2);
        assert_close(c.top2_pp, (p2 - p1) * 100.0, 1e-9);
        // The pooled two-proportion z statistic by hand.
        let pooled = 1660.0 / (n1 + n2);
        let z = (p2 - p1) / (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
        let t = c.top2_test.as_ref().unwrap();
        assert_close(t.statistic.abs(), z.abs(), 1e-9);
    }
}

#[test]
fn a_weighted_group_resting_on_few_weighted_answers_is_withheld() {
    use tilfreds::analyze::weights;
    // Ten answers per group. A: one with a positive weight (nine weighted 0). B: one weighted
    // 100 and nine weighted 1, so Kish's effective n = 109² / (100² + 9) = 11881 / 10009 =
    // 1,19. C: ten weighted 1 (n_eff = 10). D: every weight 0, Σw = 0.
    let mut text = String::from("Hvor tilfreds er du?;Vægt;Gruppe\n");
    for (group, weights) in [
        ("A", [1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        ("B", [100, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
        ("C", [1; 10]),
        ("D", [0; 10]),
    ] {
        for (i, w) in weights.iter().enumerate() {
            text.push_str(&format!("{};{w};{group}\n", STEPS[i % 5]));
        }
    }
    let d = read_text(&text);
    let (groups, withheld) = weights::weighted_by_group(&d, 0, 1, 2, 5).unwrap();
    let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, vec!["C"]);
    assert_eq!(withheld, 3);
    let c = &groups[0].stats;
    assert_close(c.n_eff, 10.0, 1e-12);
    // The rule itself, on its edges.
    use tilfreds::protect::weighted_too_thin;
    assert_close(11881.0 / 10009.0, 1.187032, 1e-6);
    assert!(weighted_too_thin(10, 11881.0 / 10009.0, 109.0, 5));
    assert!(weighted_too_thin(1, 1.0, 1.0, 5));
    assert!(weighted_too_thin(10, f64::NAN, 0.0, 5));
    assert!(!weighted_too_thin(5, 5.0, 5.0, 5));
    assert!(weighted_too_thin(5, 4.99, 5.0, 5));
}

#[test]
fn low_expected_counts_give_a_caution_in_the_summary() {
    // Two groups of 10, two answers on each step: every expected count is 10 · 4 / 20 = 2, so
    // all 10 cells (100 %) expect fewer than 5, beyond Cochran's 20 %.
    let counts = [2, 2, 2, 2, 2];
    let text = breakdown_csv(&[("A", counts, counts), ("B", counts, counts)]);
    let s = read_text(&text).summary(&by_group());
    let t = s.columns[1].test.as_ref().unwrap();
    assert_close(t.expected_below_5_pct, 100.0, 1e-12);
    let view = views::summary::question(&s, 1, Lang::Da).unwrap();
    let text = view.test_text.unwrap();
    assert!(
        text.ends_with(
            "100,0\u{a0}% af cellerne har en forventet værdi under 5, så p-værdien er usikker."
        ),
        "{text}"
    );
    // 50 answers per step in each group: expected 50, no caution.
    let counts = [50, 50, 50, 50, 50];
    let text = breakdown_csv(&[("A", counts, counts), ("B", counts, counts)]);
    let s = read_text(&text).summary(&by_group());
    let view = views::summary::question(&s, 1, Lang::Da).unwrap();
    assert!(!view.test_text.unwrap().contains("forventet værdi"));
}

#[test]
fn a_group_whose_mean_differs_from_the_rest() {
    use tilfreds::stats::{holm_adjust, welch_t_test};
    // A 0–10 question (not about recommending, so it leads with the mean). A answers 8, 9
    // and 10 ten times each (mean 9, sd √(20/29)); B and C answer 4, 5 and 6 ten times each
    // (mean 5, sd √(20/29)); the rest of A is B and C together (mean 5, sd √(40/59)).
    let mut text = String::from("Gruppe;Hvor tilfreds er du alt i alt? (0-10)\n");
    for (group, values) in [("A", [8, 9, 10]), ("B", [4, 5, 6]), ("C", [4, 5, 6])] {
        for v in values {
            text.push_str(&format!("{group};{v}\n").repeat(10));
        }
    }
    let opts = SummaryOptions {
        by: Some("Gruppe".into()),
        ..SummaryOptions::default()
    };
    let s = read_text(&text).summary(&opts);
    let c = &s.columns[1];
    assert_eq!(c.headline, Some(tilfreds::analyze::summary::Headline::Mean));
    let by = c.by.as_ref().unwrap();
    assert_close(by["A"]["mean_rest"].as_f64().unwrap(), 5.0, 1e-12);
    // B's rest: A and C, values 8, 9, 10, 4, 5, 6 ten times each: mean 7, and
    // Σ(x − 7)² = 10 · (1 + 4 + 9 + 9 + 4 + 1) = 280, sd √(280/59).
    assert_close(by["B"]["mean_rest"].as_f64().unwrap(), 7.0, 1e-12);
    // Welch's test (checked against scipy in src/stats) on these summaries, Holm over the
    // three groups.
    let (g, r) = ((20.0f64 / 29.0).sqrt(), (40.0f64 / 59.0).sqrt());
    let rb = (280.0f64 / 59.0).sqrt();
    let raw = [
        welch_t_test(5.0, r, 60.0, 9.0, g, 30.0).unwrap().p_value,
        welch_t_test(7.0, rb, 60.0, 5.0, g, 30.0).unwrap().p_value,
        welch_t_test(7.0, rb, 60.0, 5.0, g, 30.0).unwrap().p_value,
    ];
    let adjusted = holm_adjust(&raw);
    for (label, p) in ["A", "B", "C"].iter().zip(&adjusted) {
        assert_close(by[*label]["mean_vs_rest_p"].as_f64().unwrap(), *p, 1e-12);
    }
    assert_eq!(by["A"]["mean_differs"], "higher");
    assert_eq!(by["B"]["mean_differs"], "lower");
    let view = views::summary::question(&s, 1, Lang::Da).unwrap();
    assert!(
        view.group_texts[0].starts_with("A ligger signifikant højere end de øvrige grupper (gennemsnit 9,00 mod 5,00, n = 30; Holm-korrigeret p < 0,001)."),
        "{:?}",
        view.group_texts
    );
}

#[test]
fn weighted_figures_follow_the_same_base() {
    use tilfreds::analyze::weights::{weighted_by_group_in_base, weighted_scale_stats_in_base};
    // 6 "Meget tilfreds" weighted 2, 4 "Utilfreds" weighted 1 and 2 "Ved ikke" weighted 1, in
    // each of two groups: weighted top-2 12 / 16 = 75 %, or 12 / 18 = 66,7 % with "Ved ikke"
    // in the base; the weighted mean is on the scale alone, the same either way.
    let mut text = String::from("Hvor tilfreds er du?;Vægt;Gruppe\n");
    for group in ["A", "B"] {
        text.push_str(&format!("Meget tilfreds;2;{group}\n").repeat(6));
        text.push_str(&format!("Utilfreds;1;{group}\n").repeat(4));
        text.push_str(&format!("Ved ikke;1;{group}\n").repeat(2));
    }
    let d = read_text(&text);
    let mean = weighted_scale_stats_in_base(&d, 0, 1, false).unwrap().mean;
    for (include, top2) in [(false, 75.0), (true, 1200.0 / 18.0)] {
        let s = weighted_scale_stats_in_base(&d, 0, 1, include).unwrap();
        assert_close(s.top2_pct, top2, 1e-9);
        assert_close(s.mean, mean, 1e-12);
        assert_eq!(s.apart, 4);
        let (groups, withheld) = weighted_by_group_in_base(&d, 0, 1, 2, 5, include).unwrap();
        assert_eq!((groups.len(), withheld), (2, 0));
        assert_close(groups[0].stats.top2_pct, top2, 1e-9);
        assert_eq!(groups[0].stats.apart, 2);
        let facts = views::weighted::weighted_facts(&s, Lang::Da);
        let base = &facts
            .iter()
            .find(|(l, _)| l == "Grundlag for procenterne")
            .unwrap()
            .1;
        let want = if include {
            "n = 24; heraf 4 «Ved ikke» o.l., som indgår i basen"
        } else {
            "n = 20; 4 svarede «Ved ikke» o.l. og indgår ikke"
        };
        assert_eq!(base, want);
    }
}

/// Answers with continuous weights (every weight different): for each row the step (0 = most
/// positive), the weight and the group, and the file they make (weights written with a decimal
/// comma, or with a point as `english`).
fn continuous_weights(seed: u64, english: bool) -> (Vec<(usize, f64, &'static str)>, String) {
    let mut rng = SplitMix(seed);
    let mut rows = Vec::new();
    let mut text = String::from("Hvor tilfreds er du?;Kalibreringsvægt;Gruppe\n");
    for i in 0..3000 {
        let group = ["A", "B", "C"][i % 3];
        // Steps leaning to the positive end in A; weights from 0,2 to 3 with six decimals.
        let step = rng.pick(if group == "A" {
            &[4, 3, 1, 1, 1]
        } else {
            &[2, 2, 2, 2, 2]
        });
        let weight = (0.2 + 2.8 * rng.uniform() * 1e6).round() / 1e6;
        let written = format!("{weight:.6}");
        let written = if english {
            written
        } else {
            written.replace('.', ",")
        };
        text.push_str(&format!("{};{written};{group}\n", STEPS[step]));
        rows.push((step, weight, group));
    }
    // D: one answer weighted 50 and 39 weighted 0,01, so Kish's n_eff is about 1: withheld.
    for i in 0..40 {
        let weight = if i == 0 { 50.0 } else { 0.01 };
        text.push_str(&format!("{};{weight};D\n", STEPS[i % 5]));
        rows.push((i % 5, weight, "D"));
    }
    (rows, text)
}

#[test]
fn continuous_weights_give_the_weighted_mean_and_kish_n() {
    use tilfreds::analyze::weights::{weighted_by_group, weighted_scale_stats};
    for english in [false, true] {
        let (rows, text) = continuous_weights(20261203, english);
        let d = read_text(&text);
        assert!(
            d.columns[1].codes.is_none(),
            "thousands of distinct weights"
        );
        let s = weighted_scale_stats(&d, 0, 1).unwrap();
        // Written out the way numpy computes them: the weighted mean is
        // numpy.average(x, weights=w) = Σ w·x / Σ w, the weighted share of the top-2 steps
        // Σ w·[x ≥ 4] / Σ w, and Kish's effective sample size (Kish 1965, Survey Sampling,
        // §11.7) (Σ w)² / Σ w²; the design effect is n / n_eff.
        let expect = |rows: &[&(usize, f64, &str)]| {
            let sw: f64 = rows.iter().map(|r| r.1).sum();
            let sw2: f64 = rows.iter().map(|r| r.1 * r.1).sum();
            let swx: f64 = rows.iter().map(|r| r.1 * (5 - r.0) as f64).sum();
            let top: f64 = rows.iter().filter(|r| r.0 < 2).map(|r| r.1).sum();
            (swx / sw, top * 100.0 / sw, sw * sw / sw2, sw)
        };
        let all: Vec<&(usize, f64, &str)> = rows.iter().collect();
        let (mean, top2, n_eff, sum_w) = expect(&all);
        // The weights are kept to 7 significant digits (f32).
        assert_close(s.mean, mean, 1e-6);
        assert_close(s.top2_pct, top2, 1e-5);
        assert_close(s.n_eff, n_eff, 1e-3);
        assert_close(s.sum_weights, sum_w, 1e-3);
        assert_close(s.deff, rows.len() as f64 / n_eff, 1e-6);
        assert_eq!((s.n_valid, s.n_weighted), (3040, 3040));

        // Per group: A, B and C as computed by hand; D rests on one heavy weight and is
        // withheld (protect::weighted_too_thin).
        let (groups, withheld) = weighted_by_group(&d, 0, 1, 2, 5).unwrap();
        let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
        assert_eq!((labels, withheld), (vec!["A", "B", "C"], 1));
        for g in &groups {
            let mine: Vec<&(usize, f64, &str)> = rows.iter().filter(|r| r.2 == g.label).collect();
            let (mean, top2, n_eff, _) = expect(&mine);
            assert_close(g.stats.mean, mean, 1e-6);
            assert_close(g.stats.top2_pct, top2, 1e-5);
            assert_close(g.stats.n_eff, n_eff, 1e-3);
        }
        let d_rows: Vec<&(usize, f64, &str)> = rows.iter().filter(|r| r.2 == "D").collect();
        let d_eff = expect(&d_rows).2;
        assert!(d_eff < 2.0, "{d_eff}");
    }
}

#[test]
fn continuous_weights_read_an_ambiguous_value_the_way_the_column_writes_numbers() {
    use tilfreds::analyze::weights::weighted_scale_stats;
    // 300 weights written with three decimals and a point: "1.250" is one and a quarter
    // beside "0.750", the English way, although on its own it reads as 1250 the Danish way.
    // Every answer is on the top step but the one weighted 1.250, on the bottom step.
    let mut text = String::from("Hvor tilfreds er du?;Vægt\n");
    let mut sum = 0.0;
    for i in 0..300 {
        let w = 0.5 + i as f64 / 1000.0;
        sum += w;
        text.push_str(&format!("Meget tilfreds;{w:.3}\n"));
    }
    text.push_str("Meget utilfreds;1.250\n");
    let s = weighted_scale_stats(&read_text(&text), 0, 1).unwrap();
    assert_close(s.sum_weights, sum + 1.25, 1e-3);
    assert_close(s.bottom2_pct, 125.0 / (sum + 1.25), 1e-5);
}
