//! The deeper statistics: cross-tables, weights and waves, each checked against numbers
//! computed independently (scipy 1.17.1 / statsmodels 0.15.0, or by hand where written out).

use serde_json::Value;
use tilfreds::analyze::crosstab::{crosstab, crosstab_checked};
use tilfreds::analyze::waves;
use tilfreds::analyze::weights::{self, WeightError};
use tilfreds::data::concat;
use tilfreds::present::chart::heatmap;
use tilfreds::present::chart::waves::{self as chart_waves, WaveMeasure};
use tilfreds::present::views::crosstab::CellShow;
use tilfreds::present::views::{self, weighted};
use tilfreds::{Dataset, Lang, SummaryOptions};

use crate::util::{assert_close, csv, read_text, STEPS};

/// Kommune × Tilfredshed with counts per step (most positive first) and "Ved ikke".
fn kommune_data() -> Dataset {
    let table: [(&str, [usize; 5], usize); 4] = [
        ("Aarhus", [12, 18, 7, 4, 2], 3),
        ("Odense", [8, 15, 10, 6, 3], 1),
        ("Aalborg", [5, 9, 8, 7, 6], 0),
        ("Ærø", [1, 1, 1, 0, 0], 0),
    ];
    let mut rows: Vec<(String, usize)> = Vec::new();
    for (k, counts, ved_ikke) in table {
        for (step, &n) in STEPS.iter().zip(&counts) {
            rows.push((format!("{k};{step}"), n));
        }
        rows.push((format!("{k};Ved ikke"), ved_ikke));
    }
    // Respondents missing one of the two answers.
    rows.push((";Tilfreds".to_string(), 2));
    rows.push(("Aarhus;".to_string(), 1));
    let rows: Vec<(&str, usize)> = rows.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    read_text(&csv("Kommune;Hvor tilfreds er du med jobcentret?", &rows))
}

#[test]
fn crosstab_chi_square_matches_scipy() {
    let d = kommune_data();
    let ct = crosstab(&d, 0, 1, 1).expect("cross-table");
    // Columns along the scale, "Ved ikke" last and outside the test.
    let labels: Vec<&str> = ct.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(&labels[..5], &STEPS);
    assert_eq!(labels[5], "Ved ikke");
    assert!(!ct.columns[5].substantive && ct.columns[0].substantive);
    // Rows in natural order.
    let rows: Vec<&str> = ct.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(rows, vec!["Aalborg", "Aarhus", "Odense", "Ærø"]);
    assert_eq!(ct.total, 43 + 46 + 35 + 3);
    assert_eq!(ct.missing, 3);

    // scipy 1.17.1: chi2_contingency([[12,18,7,4,2],[8,15,10,6,3],[5,9,8,7,6],[1,1,1,0,0]],
    //   correction=False) -> statistic 10.30097741154274, pvalue 0.5895744233381512, dof 12;
    //   expected_freq < 5 in 9 of 20 cells (45 %), smallest 0.2682926829268293;
    //   Cramér's V = sqrt(10.30097741154274 / (123 * 3)) = 0.16708060313681022.
    let t = ct.test.as_ref().expect("test");
    assert_close(t.chi_square, 10.30097741154274, 1e-4);
    assert_close(t.p_value, 0.5895744233381512, 1e-4);
    assert_eq!(t.df, 12);
    assert_close(t.cramers_v, 0.16708060313681022, 1e-4);
    assert_close(t.min_expected, 0.2682926829268293, 1e-9);
    assert_eq!((t.cells_below_5, t.cells), (9, 20));
    assert_close(t.expected_below_5_pct, 45.0, 1e-9);
    assert!(!t.significant);
    // scipy expected_freq[0][0] (Aarhus, Meget tilfreds) = 9.08943089; Aarhus is row 1 here.
    let aarhus = &ct.rows[1];
    assert_close(aarhus.cells[0].expected.unwrap(), 9.08943089, 1e-8);
    assert!(!aarhus.cells[0].low_expected);
    assert!(aarhus.cells[4].low_expected); // expected 3.84552846
    assert_eq!(aarhus.cells[5].expected, None); // "Ved ikke" is not tested

    // Percentages by hand: Aarhus has 46 answers in the table, 43 on the scale and 3 "Ved
    // ikke", 12 "Meget tilfreds"; the column "Meget tilfreds" has 12 + 8 + 5 + 1 = 26; 123 of
    // the 127 are on the scale. "Ved ikke" is out of the base and has no share.
    assert_eq!(aarhus.total, Some(46));
    assert_close(aarhus.cells[0].row_pct, 1200.0 / 43.0, 1e-12);
    assert_close(aarhus.cells[0].col_pct, 1200.0 / 26.0, 1e-12);
    assert_close(aarhus.cells[0].total_pct, 1200.0 / 123.0, 1e-12);
    assert_eq!(aarhus.cells[5].row_pct, 0.0);
    assert!(ct.in_base(1, 0) && !ct.in_base(1, 5));
    assert_eq!(ct.col_totals, vec![26, 43, 26, 17, 11, 4]);
    // With "Ved ikke" in the base, as the option asks: of 46 and of 127.
    let all = tilfreds::analyze::crosstab::crosstab_in_base(&d, 0, 1, 1, true).unwrap();
    assert_close(all.rows[1].cells[0].row_pct, 1200.0 / 46.0, 1e-12);
    assert_close(all.rows[1].cells[0].total_pct, 1200.0 / 127.0, 1e-12);
    assert_close(all.rows[1].cells[5].row_pct, 300.0 / 46.0, 1e-12);
    assert!(all.in_base(1, 5));
    assert_eq!(all.test, ct.test);

    let text = views::crosstab::crosstab_test_text(&ct, Lang::Da).unwrap();
    assert!(text.starts_with("Sammenhængen mellem de to kolonner er ikke statistisk signifikant (p = 0,590; χ² = 10,3, df = 12"), "{text}");
    assert!(text.contains("45,0\u{a0}% af cellerne"), "{text}");
}

#[test]
fn crosstab_suppression_withholds_rows_like_the_summary() {
    let d = kommune_data();
    let ct = crosstab(&d, 0, 1, 5).expect("cross-table");
    // Ærø (3 answers) is below 5; being the only one, the next smallest (Aalborg, 35) goes
    // too, exactly as for the summary's breakdowns. Neither is in the table, not even by name.
    let labels: Vec<&str> = ct.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels.len(), 2, "{labels:?}");
    assert!(!labels.contains(&"Ærø") && !labels.contains(&"Aalborg"));
    assert_eq!(ct.withheld_rows, 2);
    let json = serde_json::to_string(&ct).unwrap();
    assert!(!json.contains("Ærø") && !json.contains("Aalborg"));

    // The test on the shown rows. scipy 1.17.1: chi2_contingency([[12,18,7,4,2],
    //   [8,15,10,6,3]], correction=False) -> statistic 2.1906775395147484,
    //   pvalue 0.7007363799508635, dof 4; 3 of 10 expected counts below 5;
    //   V = sqrt(2.1906775395147484 / 89) = 0.16053870852684604.
    let t = ct.test.as_ref().unwrap();
    assert_close(t.chi_square, 2.1906775395147484, 1e-4);
    assert_close(t.p_value, 0.7007363799508635, 1e-4);
    assert_eq!(t.df, 4);
    assert_close(t.cramers_v, 0.16053870852684604, 1e-4);
    assert_eq!((t.cells_below_5, t.cells), (3, 10));

    // The same test as the summary's breakdown by Kommune.
    let s = d.summary(&SummaryOptions {
        by: Some("Kommune".into()),
        ..SummaryOptions::default()
    });
    let st = s.columns[1].test.as_ref().unwrap();
    assert_close(st.chi_square, t.chi_square, 1e-12);
    assert_close(st.p_value, t.p_value, 1e-12);

    // The table view: the withheld rows are counted under the table, not named.
    let table = views::crosstab::crosstab_table(&ct, CellShow::RowPct, Lang::Da);
    assert_eq!(table.header.len(), 1 + 6 + 1);
    assert_eq!(
        table.rows.len(),
        2 + 3,
        "two groups, the total, the base, the note"
    );
    assert_eq!(
        table.rows[3][0],
        "n = 123; 4 svarede «Ved ikke» o.l. og indgår ikke"
    );
    assert!(table.rows[4][0].starts_with("2 grupper er ikke vist"));
    assert_eq!(table.rows[0][1], "27,9\u{a0}%"); // 12 / 43
    assert_eq!(table.rows[0][6], "–"); // "Ved ikke"
    assert_eq!(table.rows[0][7], "46");
    let en = views::crosstab::crosstab_table(&ct, CellShow::Counts, Lang::En);
    assert_eq!(en.rows[en.rows.len() - 2][0], "Total");
    assert_eq!(en.rows[en.rows.len() - 2][7], "127");

    let svg = heatmap::heatmap_svg(&ct, 720, Lang::Da);
    assert!(svg.contains("2 grupper er ikke vist") && svg.contains("Aarhus"));
    assert!(!svg.contains("Ærø") && !svg.contains("Aalborg"));
    // Withheld rows never show their numbers in the chart either: Ærø's three answers (one
    // per step, 33,3 %) appear nowhere.
    assert!(!svg.contains("33,3"));
}

#[test]
fn likert_rows_follow_the_scale_and_personal_columns_are_refused() {
    let d = kommune_data();
    let ct = crosstab(&d, 1, 0, 1).unwrap();
    let rows: Vec<&str> = ct.rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(&rows[..5], &STEPS);
    assert_eq!(rows[5], "Ved ikke");

    let p = read_text(
        "Navn;Tilfredshed\nAnne Hansen;Tilfreds\nBo Jensen;Utilfreds\nCarl Berg;Tilfreds\n",
    );
    let err = crosstab_checked(&p, 0, 1, 1).unwrap_err();
    assert!(err.message(Lang::Da).contains("personoplysninger"));
    assert!(crosstab(&p, 0, 1, 1).is_none());
}

/// Tilfredshed with weights: eight answers, one without a weight.
const WEIGHTED: &str = "Hvor tilfreds er du?;Vægt\n\
    Meget tilfreds;2\n\
    Meget tilfreds;1\n\
    Tilfreds;0,5\n\
    Tilfreds;1,5\n\
    Hverken tilfreds eller utilfreds;1\n\
    Utilfreds;2\n\
    Meget utilfreds;1\n\
    Tilfreds;\n";

#[test]
fn weighted_statistics_by_hand() {
    let d = read_text(WEIGHTED);
    let s = weights::weighted_scale_stats(&d, 0, 1).unwrap();
    // By hand. Weighted counts per step: Meget tilfreds 2 + 1 = 3, Tilfreds 0,5 + 1,5 = 2,
    // Hverken 1, Utilfreds 2, Meget utilfreds 1; Σw = 9. The eighth answer has no weight.
    assert_eq!((s.n_valid, s.n_weighted, s.n_without_weight), (8, 7, 1));
    assert_close(s.sum_weights, 9.0, 1e-12);
    for (got, want) in s.steps.iter().zip([3.0, 2.0, 1.0, 2.0, 1.0]) {
        assert_close(*got, want, 1e-12);
    }
    // Percent = weighted count / 9: 33,33 %, 22,22 %, 11,11 %, 22,22 %, 11,11 %.
    for (got, want) in s.pct.iter().zip([300.0, 200.0, 100.0, 200.0, 100.0]) {
        assert_close(*got, want / 9.0, 1e-12);
    }
    assert_close(s.top2_pct, 500.0 / 9.0, 1e-12); // (3 + 2) / 9
    assert_close(s.bottom2_pct, 300.0 / 9.0, 1e-12); // (2 + 1) / 9
                                                     // Mean = (3·5 + 2·4 + 1·3 + 2·2 + 1·1) / 9 = 31/9 = 3,4444.
    assert_close(s.mean, 31.0 / 9.0, 1e-12);
    // Σw² = 4 + 1 + 0,25 + 2,25 + 1 + 4 + 1 = 13,5; n_eff = 9² / 13,5 = 6; deff = 7 / 6.
    assert_close(s.n_eff, 6.0, 1e-12);
    assert_close(s.deff, 7.0 / 6.0, 1e-12);
    // Σw(v − m)² = (3·196 + 2·25 + 1·16 + 2·169 + 1·484) / 81 = 1476/81;
    // Σw − Σw²/Σw = 9 − 1,5 = 7,5; sd = √(1476/81 / 7,5) = 1,5587269259333494.
    assert_close(s.sd, 1.5587269259333494, 1e-12);
    // scipy 1.17.1: t.ppf(0.975, 5) = 2.5705818356363146;
    // mean ± 2.5705818356363146 · sd / √6 -> (1.8086608555044792, 5.08022803338441).
    assert_close(s.mean_ci95[0], 1.8086608555044792, 1e-9);
    assert_close(s.mean_ci95[1], 5.08022803338441, 1e-9);
    // statsmodels 0.15.0: proportion_confint(5/9*6, 6, method='wilson')
    //   -> (0.2226644593033325, 0.8450761753742047).
    assert_close(s.top2_ci95[0], 22.26644593033325, 1e-7);
    assert_close(s.top2_ci95[1], 84.50761753742047, 1e-7);
    // The unweighted numbers stay beside them: 2 + 3 of 8 in the top-2.
    assert_eq!(s.unweighted.n_valid, 8);
    assert_close(s.unweighted.top2_pct, 62.5, 1e-12);

    let facts = weighted::weighted_facts(&s, Lang::Da);
    assert!(facts
        .iter()
        .any(|(k, v)| k == "Designeffekt" && v == "1,17"));
    assert!(facts
        .iter()
        .any(|(k, v)| k == "Effektiv stikprøvestørrelse" && v == "6,0"));
}

#[test]
fn weighted_by_group_suppresses_small_groups() {
    // Group A holds exactly the rows of WEIGHTED; B six answers; C two.
    let mut text = String::from("Hvor tilfreds er du?;Vægt;Kommune\n");
    for line in WEIGHTED.lines().skip(1) {
        text.push_str(&format!("{line};A\n"));
    }
    for _ in 0..6 {
        text.push_str("Tilfreds;1;B\n");
    }
    text.push_str("Utilfreds;3;C\nMeget utilfreds;3;C\n");
    let d = read_text(&text);
    let (groups, withheld) = weights::weighted_by_group(&d, 0, 1, 2, 5).unwrap();
    // C (2 answers) is withheld and, so it cannot be worked out from the total, B too: the
    // groups the unweighted breakdown withholds. A has one answer without a weight, which
    // weighted beside unweighted figures would show: A is withheld as well.
    assert!(groups.is_empty());
    assert_eq!(withheld, 3);

    // With five answers without a weight, A is shown, with the figures of its rows alone.
    let extra = "Tilfreds;;A\n".repeat(4);
    let d = read_text(&format!("{text}{extra}"));
    let (groups, withheld) = weights::weighted_by_group(&d, 0, 1, 2, 5).unwrap();
    let labels: Vec<&str> = groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!((labels, withheld), (vec!["A"], 2));
    let alone = format!("{WEIGHTED}{}", "Tilfreds;\n".repeat(4));
    let whole = weights::weighted_scale_stats(&read_text(&alone), 0, 1).unwrap();
    assert_eq!(groups[0].stats, whole);
}

#[test]
fn weight_errors_are_explained_in_both_languages() {
    let d = read_text(
        "Hvor tilfreds er du?;Vægt;Kommune\nTilfreds;1;A\nUtilfreds;x;B\nTilfreds;-1;A\n",
    );
    let e = weights::weighted_scale_stats(&d, 0, 1).unwrap_err();
    assert_eq!(e, WeightError::NotNumeric("Vægt".into()));
    assert!(
        e.message(Lang::Da).contains("ikke er tal") && e.message(Lang::En).contains("not numbers")
    );
    let d = read_text("Hvor tilfreds er du?;Vægt\nTilfreds;1\nUtilfreds;-1\nTilfreds;2\n");
    assert_eq!(
        weights::weighted_scale_stats(&d, 0, 1),
        Err(WeightError::Negative("Vægt".into()))
    );
    // More than 254 different weights, one of them no number: the column is no weight.
    let mut text = String::from("Hvor tilfreds er du?;Vægt\n");
    for i in 0..300 {
        text.push_str(&format!("{};{}\n", STEPS[i % 5], 1.0 + i as f64 / 1000.0));
    }
    text.push_str("Tilfreds;ukendt\n");
    let e = weights::weighted_scale_stats(&read_text(&text), 0, 1).unwrap_err();
    assert_eq!(e, WeightError::NotNumeric("Vægt".into()));
    // An identifier never weights, however many distinct numbers it holds.
    let mut text = String::from("Hvor tilfreds er du?;Respondent-id\n");
    for i in 0..300 {
        text.push_str(&format!("{};{}\n", STEPS[i % 5], 100_000 + i));
    }
    let e = weights::weighted_scale_stats(&read_text(&text), 0, 1).unwrap_err();
    assert_eq!(e, WeightError::TooManyWeights("Respondent-id".into()));
    assert!(
        e.message(Lang::Da).contains("id-numre") && e.message(Lang::En).contains("identifiers")
    );
}

/// One wave: each question's counts per step (most positive first) as a CSV column, after a
/// column naming the unit (the reader wants at least two columns).
fn wave(columns: &[(&str, [usize; 5], [&str; 5])]) -> tilfreds::Summary {
    let header: Vec<&str> = std::iter::once("Afdeling")
        .chain(columns.iter().map(|c| c.0))
        .collect();
    let cells: Vec<Vec<&str>> = columns
        .iter()
        .map(|(_, counts, labels)| {
            labels
                .iter()
                .zip(counts)
                .flat_map(|(l, &n)| std::iter::repeat_n(*l, n))
                .collect()
        })
        .collect();
    let rows = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut text = header.join(";") + "\n";
    for r in 0..rows {
        let line: Vec<&str> = std::iter::once("Jobcenter")
            .chain(cells.iter().map(|c| c.get(r).copied().unwrap_or("")))
            .collect();
        text.push_str(&line.join(";"));
        text.push('\n');
    }
    read_text(&text).summary(&SummaryOptions::default())
}

const AGREE: [&str; 5] = [
    "Helt enig",
    "Enig",
    "Hverken enig eller uenig",
    "Uenig",
    "Helt uenig",
];

#[test]
fn waves_match_renamed_questions_and_test_changes() {
    let q1 = "Hvor tilfreds er du med din sagsbehandler?";
    let q1_new = "Hvor tilfreds er du med din rådgiver?";
    let q2 = "Jeg bliver behandlet med respekt";
    let w23 = wave(&[
        (q1, [30, 40, 15, 10, 5], STEPS),
        (q2, [20, 30, 20, 20, 10], AGREE),
    ]);
    let w24 = wave(&[
        (q1_new, [50, 60, 20, 12, 8], STEPS),
        (q2, [45, 55, 25, 15, 10], AGREE),
    ]);
    let w25 = wave(&[(
        "hvor tilfreds er du med din  Rådgiver?",
        [80, 70, 25, 15, 10],
        STEPS,
    )]);
    let mapping = vec![(q1.to_string(), q1_new.to_string())];
    let cmp = waves::compare(&[("2023", &w23), ("2024", &w24), ("2025", &w25)], &mapping);
    assert_eq!(cmp.waves, vec!["2023", "2024", "2025"]);
    assert_eq!(cmp.questions.len(), 2);

    let t1 = &cmp.questions[0];
    assert_eq!(t1.question, q1);
    let how: Vec<_> = t1
        .waves
        .iter()
        .map(|p| p.as_ref().unwrap().matched_by)
        .collect();
    assert_eq!(
        how,
        vec![
            waves::MatchedBy::First,
            waves::MatchedBy::Mapping,
            waves::MatchedBy::Normalised
        ]
    );
    // 2023: n = 100, top-2 = 70, mean = 380/100, sd = √(126/99).
    let p = t1.waves[0].as_ref().unwrap();
    assert_eq!((p.n_valid, p.top2), (100, 70));
    assert_close(p.mean, 3.8, 1e-12);
    assert_close(p.sd.unwrap(), 1.1281521496355325, 1e-12);
    assert_eq!(t1.changes.len(), 2);

    // statsmodels 0.15.0: proportions_ztest([110, 70], [150, 100]) -> z 0.575054632785295,
    //   p 0.5652543488803401 (pooled); change 73,33 − 70 = 3,33 pp.
    // scipy 1.17.1: ttest_ind_from_stats(3.88, 1.1227961261687704, 150, 3.8,
    //   1.1281521496355325, 100, equal_var=False) -> t 0.5503288566512906,
    //   p 0.5826742863736244.
    let c = &t1.changes[0];
    assert_eq!((c.from, c.to), (0, 1));
    assert_close(c.top2_pp, 3.3333333333333326, 1e-9);
    let z = c.top2_test.as_ref().unwrap();
    assert_close(z.statistic, 0.575054632785295, 1e-6);
    assert_close(z.p_value, 0.5652543488803401, 1e-6);
    let t = c.mean_test.as_ref().unwrap();
    assert_close(t.statistic, 0.5503288566512906, 1e-6);
    assert_close(t.p_value, 0.5826742863736244, 1e-6);
    assert_eq!(
        c.top2_da,
        "Stigningen på 3,3 procentpoint er ikke statistisk signifikant efter korrektion for mange test (Holm), korrigeret p = 1,000 (ukorrigeret p = 0,565)."
    );
    // 2024 → 2025: proportions_ztest([150, 110], [200, 150]) -> 0.3530493940568025,
    //   0.7240514106410427; ttest_ind_from_stats(3.975, 1.1317150235250752, 200, 3.88,
    //   1.1227961261687704, 150, equal_var=False) -> 0.780674502445041, 0.43556674850467864.
    let c = &t1.changes[1];
    assert_close(
        c.top2_test.as_ref().unwrap().statistic,
        0.3530493940568025,
        1e-6,
    );
    assert_close(
        c.top2_test.as_ref().unwrap().p_value,
        0.7240514106410427,
        1e-6,
    );
    assert_close(
        c.mean_test.as_ref().unwrap().statistic,
        0.780674502445041,
        1e-6,
    );
    assert_close(
        c.mean_test.as_ref().unwrap().p_value,
        0.43556674850467864,
        1e-6,
    );
    // First → last: proportions_ztest([150, 70], [200, 100]) -> 0.9231861823449963,
    //   0.3559101883710091; ttest_ind_from_stats(3.975, …, 200, 3.8, …, 100,
    //   equal_var=False) -> 1.265223690004, 0.20727310395376658.
    let o = t1.overall.as_ref().unwrap();
    assert_eq!((o.from, o.to), (0, 2));
    assert_close(o.top2_pp, 5.0, 1e-9);
    assert_close(
        o.top2_test.as_ref().unwrap().statistic,
        0.9231861823449963,
        1e-6,
    );
    assert_close(
        o.top2_test.as_ref().unwrap().p_value,
        0.3559101883710091,
        1e-6,
    );
    assert_close(
        o.mean_test.as_ref().unwrap().statistic,
        1.265223690004,
        1e-6,
    );
    assert_close(
        o.mean_test.as_ref().unwrap().p_value,
        0.20727310395376658,
        1e-6,
    );

    // The agreement question is only in 2023 and 2024. Its rise is significant on its own, but
    // not after Holm's correction over the comparison's 8 tests (see below).
    // statsmodels: proportions_ztest([100, 50], [150, 100]) -> 2.635231383473649,
    //   0.008407994577249306. The interval is Newcombe's hybrid score interval (method 10 of
    //   Newcombe 1998), derived by hand from the Wilson limits of 50/100 and 100/150 (Python
    //   floats): 4.235678920368187 to 28.587643593159772 percentage points.
    // scipy: ttest_ind_from_stats(3.7333333333333334, 1.1852939298856269, 150, 3.3,
    //   1.2752500250000494, 100, equal_var=False) -> 2.706812715118202,
    //   0.0073763145323791695; Welch–Satterthwaite df (v1 + v2)² / (v1²/99 + v2²/149) with
    //   v = sd²/n, computed in numpy: 201.47038642951773.
    let t2 = &cmp.questions[1];
    assert!(t2.waves[2].is_none());
    assert!(t2.overall.is_none());
    let c = &t2.changes[0];
    let z = c.top2_test.as_ref().unwrap();
    assert_close(z.statistic, 2.635231383473649, 1e-6);
    assert_close(z.p_value, 0.008407994577249306, 1e-7);
    assert_close(z.ci95[0], 4.235678920368187, 1e-9);
    assert_close(z.ci95[1], 28.587643593159772, 1e-9);
    // Holm by hand over the 8 p-values of the comparison (6 of the first question, all above
    // 0.2, and these two): 8 · 0.0073763145323791695 = 0.0590105…, then max(that,
    // 7 · 0.008407994577249306 = 0.0588560…); the rest are capped at 1.
    assert_eq!(z.holm_tests, 8);
    assert_close(z.p_adjusted, 0.059010516259033356, 1e-9);
    assert!(!z.significant);
    assert_close(
        c.mean_test.as_ref().unwrap().p_adjusted,
        0.059010516259033356,
        1e-9,
    );
    assert_eq!(t1.changes[0].top2_test.as_ref().unwrap().p_adjusted, 1.0);
    let t = c.mean_test.as_ref().unwrap();
    assert_close(t.statistic, 2.706812715118202, 1e-6);
    assert_close(t.p_value, 0.0073763145323791695, 1e-7);
    assert_close(t.df.unwrap(), 201.47038642951773, 1e-6);
    assert_eq!(
        c.top2_da,
        "Stigningen på 16,7 procentpoint er ikke statistisk signifikant efter korrektion for mange test (Holm), korrigeret p = 0,059 (ukorrigeret p = 0,008)."
    );
    assert_eq!(
        c.top2_en,
        "The increase of 16.7 percentage points is not statistically significant after correction for multiple tests (Holm), adjusted p = 0.059 (unadjusted p = 0.008)."
    );
    assert_eq!(
        c.mean_da,
        "Stigningen i gennemsnittet på 0,43 er ikke statistisk signifikant efter korrektion for mange test (Holm), korrigeret p = 0,059 (ukorrigeret p = 0,007)."
    );

    let table = views::waves::comparison_table(&cmp, Lang::Da);
    assert_eq!(table.header.len(), 1 + 3 * 3 + 4);
    assert_eq!(table.rows[0][3], "3,80");
    assert_eq!(table.rows[0][10], "+5,0");
    assert_eq!(table.rows[1][7], "–");

    // Charts: trend lines for three waves, bars for two.
    let chart = chart_waves::wave_chart(&cmp, WaveMeasure::Top2, None, Lang::Da);
    assert_eq!(chart.series.len(), 2);
    assert_eq!(chart.series[1].values[2], None);
    assert!(chart_waves::waves_svg(&chart, 640, Lang::Da).starts_with("<svg"));
    let two = waves::compare(&[("2023", &w23), ("2024", &w24)], &mapping);
    let chart = chart_waves::wave_chart(&two, WaveMeasure::Mean, Some(&[0]), Lang::En);
    let svg = chart_waves::waves_svg(&chart, 640, Lang::En);
    assert!(svg.contains("3.80") && svg.contains("3.88"));
}

#[test]
fn without_mapping_renamed_questions_stay_apart() {
    let w1 = wave(&[("Spørgsmål A", [30, 40, 15, 10, 5], STEPS)]);
    let w2 = wave(&[("Spørgsmål B", [30, 40, 15, 10, 5], STEPS)]);
    let cmp = waves::compare(&[("1", &w1), ("2", &w2)], &[]);
    assert_eq!(cmp.questions.len(), 2);
    assert!(cmp.questions.iter().all(|q| q.changes.is_empty()));
    let check = waves::can_combine(&[("1", &w1), ("2", &w2)]);
    assert!(!check.combinable);
}

#[test]
fn concat_merges_files_and_adds_a_file_column() {
    let a = csv(
        "Kommune;Hvor tilfreds er du?",
        &[
            ("Aarhus;Meget tilfreds", 30),
            ("Aarhus;Tilfreds", 40),
            ("Aarhus;Hverken tilfreds eller utilfreds", 15),
            ("Aarhus;Utilfreds", 10),
            ("Aarhus;Meget utilfreds", 5),
        ],
    );
    // The second file has the columns in the other order and a value the first lacks.
    let b = csv(
        "Hvor tilfreds er du?;Kommune",
        &[
            ("Meget tilfreds;Odense", 50),
            ("Tilfreds;Odense", 60),
            ("Hverken tilfreds eller utilfreds;Odense", 20),
            ("Utilfreds;Odense", 12),
            ("Meget utilfreds;Aarhus", 8),
            ("Ved ikke;Odense", 3),
        ],
    );
    let (da, db) = (read_text(&a), read_text(&b));
    let sa = da.summary(&SummaryOptions::default());
    let sb = db.summary(&SummaryOptions::default());
    let check = waves::can_combine(&[("a.csv", &sa), ("b.csv", &sb)]);
    assert!(check.combinable && check.reordered);

    let all = concat::concat(&[("a.csv", &da), ("b.csv", &db)]).unwrap();
    assert_eq!(all.facts.rows, 100 + 153);
    assert_eq!(all.columns.len(), 3);
    assert_eq!(all.columns[2].profile.name, "Fil");
    assert_eq!(
        all.columns[2].profile.values,
        vec![("a.csv".to_string(), 100), ("b.csv".to_string(), 153)]
    );
    let s = all.summary(&SummaryOptions::default());
    let q = &s.columns[1];
    assert_eq!(q.stats.as_ref().unwrap().steps, vec![80, 100, 35, 22, 13]);
    assert_eq!(q.non_substantive, Some(3));

    // The file column works as a grouping: the cross-table of file by answer is the 2 × 5
    // table [[30,40,15,10,5],[50,60,20,12,8]]. scipy 1.17.1: chi2_contingency(…,
    // correction=False) -> 0.6129287379287376, p 0.961616231671089, dof 4,
    // V = 0.049514795280955676.
    let ct = crosstab(&all, 2, 1, 5).unwrap();
    let t = ct.test.as_ref().unwrap();
    assert_close(t.chi_square, 0.6129287379287376, 1e-4);
    assert_close(t.p_value, 0.961616231671089, 1e-4);
    assert_close(t.cramers_v, 0.049514795280955676, 1e-4);
    // Kommune codes were renumbered across files: Aarhus has 100 + 8 rows.
    let kommune = &all.columns[0];
    assert_eq!(kommune.profile.values[0], ("Aarhus".to_string(), 108));
    let codes = kommune.codes.as_ref().unwrap();
    assert_eq!(codes.iter().filter(|&&c| c == 1).count(), 108);

    assert!(concat::concat(&[("a.csv", &da)]).is_none());
    let other = read_text("X;Y\n1;2\n");
    assert!(concat::concat(&[("a.csv", &da), ("x.csv", &other)]).is_none());
}

#[test]
fn nothing_panics_on_any_column_pair_of_the_fixtures() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv" || e == "txt"))
        .collect();
    files.sort();
    let mut summaries = Vec::new();
    for path in &files {
        let Ok(d) = tilfreds::read_bytes(&std::fs::read(path).unwrap()) else {
            continue;
        };
        let n = d.columns.len();
        for i in 0..=n {
            for j in 0..=n {
                if let Some(ct) = crosstab(&d, i, j, 5) {
                    let _ = views::crosstab::crosstab_table(&ct, CellShow::ColPct, Lang::En);
                    let _ = heatmap::heatmap_svg(&ct, 300, Lang::Da);
                }
                let _ = weights::weighted_scale_stats(&d, i, j);
                let _ = weights::weighted_by_group(&d, i, j, 0, 5);
            }
        }
        summaries.push((d.summary(&SummaryOptions::default()), d));
    }
    let named: Vec<(&str, &tilfreds::Summary)> = summaries.iter().map(|(s, _)| ("f", s)).collect();
    let cmp = waves::compare(&named, &[("a".into(), "b".into())]);
    let _ = views::waves::comparison_table(&cmp, Lang::Da);
    let _ = chart_waves::waves_svg(
        &chart_waves::wave_chart(&cmp, WaveMeasure::Top2, None, Lang::Da),
        500,
        Lang::Da,
    );
    let parts: Vec<(&str, &Dataset)> = summaries.iter().map(|(_, d)| ("f", d)).collect();
    let _ = concat::concat(&parts);
    let _ = concat::concat(&[(parts[0].0, parts[0].1), (parts[0].0, parts[0].1)]);
}

#[test]
fn command_line_subcommands() {
    let bin = env!("CARGO_BIN_EXE_tilfreds");
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin).args(args).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let f23 = format!("{dir}/waves_2023.csv");
    let f24 = format!("{dir}/waves_2024.csv");
    let f25 = format!("{dir}/waves_2025.csv");

    let (code, out) = run(&[
        "crosstab", &f23, "--rows", "Kommune", "--cols", "4", "--json",
    ]);
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["row_column"], "Kommune");
    assert_eq!(v["total"], 180);
    let (code, out) = run(&["crosstab", &f23, "--rows", "Kommune", "--cols", "4"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("I alt") && out.contains("Cramérs V"));

    let (code, out) = run(&[
        "summary", &f24, "--weight", "Vægt", "--by", "Kommune", "--json",
    ]);
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["questions"].as_array().unwrap().len(), 2);
    assert!(v["questions"][0]["by"].is_array());
    let (code, _) = run(&["weighted", &f24, "--weight", "Kommune"]);
    assert_eq!(code, Some(1));

    let map = "Hvor tilfreds er du med din sagsbehandler?=Hvor tilfreds er du med din rådgiver?";
    let (code, out) = run(&["compare", &f23, &f24, &f25, "--map", map, "--json"]);
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["comparison"]["questions"].as_array().unwrap().len(), 2);
    assert_eq!(v["combine"]["combinable"], false);
    let (code, out) = run(&["compare", &f24, &f25, "--lang", "en"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("can be combined"), "{out}");
    let (code, _) = run(&["compare", &f24]);
    assert_eq!(code, Some(2));
}
