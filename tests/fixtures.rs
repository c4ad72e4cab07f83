//! Fixture exports in every dialect the reader supports, written byte for byte as the exporting
//! programs write them (see tests/fixtures/make_fixtures.py). Every expected number below is
//! counted by hand from the literal rows in that script.

use tilfreds::model::kinds::Kind;
use tilfreds::{Summary, SummaryOptions};

use crate::util::{close, column, count, summary_of};

#[test]
fn danish_excel_windows_1252_semicolon() {
    let s = summary_of("excel_cp1252_semicolon.csv", &SummaryOptions::default());
    assert_eq!(s.rows, 12);
    assert_eq!(s.dialect.encoding, "windows-1252");
    assert_eq!(s.dialect.delimiter, ";");
    assert_eq!(s.dialect.header_rows, 1);
    assert_eq!(s.dialect.line_ending, "crlf");
    assert_eq!(s.columns[0].name, "Løbenr");

    // Rows 1,5,6 "Meget tilfreds" (one lower-case); 2,3,10,12 "Tilfreds" (one with a trailing
    // space); 8 neutral; 4 "Utilfreds"; 9 "Meget utilfreds"; 7 "Ved ikke"; 11 blank.
    let q = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    assert_eq!(q.kind, Kind::Likert);
    let st = q.stats.as_ref().unwrap();
    assert_eq!(st.n_valid, 10);
    assert_eq!(st.steps, vec![3, 4, 1, 1, 1]);
    assert_eq!(count(q, "Ved ikke"), 1);
    assert_eq!(count(q, "Tilfreds"), 4);
    assert!(close(st.top2_pct, 70.0));
    assert!(close(st.bottom2_pct, 20.0));
    // (3·5 + 4·4 + 3 + 2 + 1) / 10 = 3.7; sd = sqrt((153 − 10·3.7²) / 9) = sqrt(16.1 / 9).
    assert!(close(st.mean, 3.7));
    assert!(close(st.sd.unwrap(), (16.1f64 / 9.0).sqrt()));

    // Helt enig 4, Overvejende enig 3, neutral 1, Overvejende uenig 1, Helt uenig 2, Ved ikke 1.
    let r = column(&s, "Jeg bliver mødt med respekt");
    let st = r.stats.as_ref().unwrap();
    assert_eq!(st.steps, vec![4, 3, 1, 1, 2]);
    assert!(close(st.top2_pct, 700.0 / 11.0));
    assert!(close(st.mean, 39.0 / 11.0));

    let cpr = column(&s, "CPR-nummer");
    assert!(cpr.personal_data);
    assert!(cpr.excluded);
    assert!(
        cpr.counts.is_none(),
        "CPR values must never reach the summary"
    );
    assert!(s
        .warnings
        .iter()
        .any(|w| w.code == "cpr_column" && w.da.contains("CPR-nummer")));

    let comment = column(&s, "Kommentar");
    assert_eq!(comment.kind, Kind::Text);
    assert!(comment.personal_data);
    assert!(comment.counts.is_none());
    assert_eq!(comment.answered, 4);
    assert_eq!(comment.cpr_like, 1);
    assert!(s.warnings.iter().any(|w| w.code == "cpr_in_text"));

    let json = serde_json::to_string(&s).unwrap();
    for cpr_number in ["010190-1234", "0101901234", "121212-2345"] {
        assert!(
            !json.contains(cpr_number),
            "{cpr_number} leaked into the summary"
        );
    }
    assert!(
        !json.contains("sagsbehandler i går"),
        "free text leaked into the summary"
    );
}

#[test]
fn breakdown_suppresses_small_groups_with_secondary_suppression() {
    let opts = SummaryOptions {
        by: Some("Ydelse".into()),
        min_cell: 2,
        ..Default::default()
    };
    let s = summary_of("excel_cp1252_semicolon.csv", &opts);
    assert_eq!(s.by.as_deref(), Some("Ydelse"));
    let q = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    let by = q.by.as_ref().unwrap();
    // Fleksjob has one respondent in the file; Kontanthjælp (3), the smallest other value, is
    // withheld with it so Fleksjob cannot be recovered from the total. The same two groups are
    // withheld in every table, and neither is named.
    assert!(by.get("Fleksjob").is_none() && by.get("Kontanthjælp").is_none());
    assert_eq!(q.withheld_groups, 2);
    // A-dagpenge: three answers on the scale.
    assert_eq!(by["A-dagpenge"]["n_valid"], 3);
    // Sygedagpenge: Meget tilfreds, Tilfreds, neutral (row 11 is blank).
    assert_eq!(by["Sygedagpenge"]["n_valid"], 3);
    let default = summary_of(
        "excel_cp1252_semicolon.csv",
        &SummaryOptions {
            by: Some("ydelse".into()),
            ..Default::default()
        },
    );
    // With the default minimum of 5 every value is small; together (12) they reach it, so
    // they are shown as one group, "Øvrige (under 5)", and none is named.
    let q = column(&default, "Hvor tilfreds er du samlet set med jobcentret?");
    let by = q.by.as_ref().unwrap();
    let names: Vec<&String> = by.keys().collect();
    assert_eq!(names, ["Øvrige (under 5)"]);
    let total = q.stats.as_ref().unwrap().n_valid;
    assert_eq!(by["Øvrige (under 5)"]["n_valid"], total);
}

#[test]
fn utf8_bom_comma_numeric_codes() {
    let s = summary_of("utf8_bom_comma_codes.csv", &SummaryOptions::default());
    assert_eq!(s.dialect.encoding, "utf-8-bom");
    assert_eq!(s.dialect.delimiter, ",");
    assert_eq!(s.rows, 8);
    assert_eq!(
        s.columns[0].name, "Kommune",
        "the BOM must not stick to the first header"
    );
    // 5,4,3,2,5,1,4 and a blank: top-2 = 4/7, bottom-2 = 2/7, mean = 24/7.
    let q = column(
        &s,
        "Hvor let er det at komme i kontakt med jobcentret? (1-5)",
    );
    assert_eq!(q.kind, Kind::Likert);
    assert_eq!(
        q.scale.as_deref(),
        Some(&["5", "4", "3", "2", "1"].map(String::from)[..])
    );
    let st = q.stats.as_ref().unwrap();
    assert!(close(st.top2_pct, 400.0 / 7.0));
    assert!(close(st.bottom2_pct, 200.0 / 7.0));
    assert!(close(st.mean, 24.0 / 7.0));
    // 4,4,5,Ved ikke,3,2,5,5: n = 7, top-2 = 5/7, mean = 28/7 = 4.
    let v = column(&s, "Vurder din sagsbehandler 1-5");
    let st = v.stats.as_ref().unwrap();
    assert_eq!(st.n_valid, 7);
    assert_eq!(count(v, "Ved ikke"), 1);
    assert!(close(st.top2_pct, 500.0 / 7.0));
    assert!(close(st.mean, 4.0));
    assert_eq!(column(&s, "Kommune").kind, Kind::Category);
}

#[test]
fn excel_unicode_text_utf16_tab() {
    let s = summary_of("utf16le_tab.txt", &SummaryOptions::default());
    assert_eq!(s.dialect.encoding, "utf-16le");
    assert_eq!(s.dialect.delimiter, "\t");
    assert_eq!(s.rows, 6);
    // Strongly agree 2, Agree 1, Neither 1, Disagree 1, Don't know 1.
    let q = column(&s, "I was treated with respect");
    let st = q.stats.as_ref().unwrap();
    assert_eq!(st.steps, vec![2, 1, 1, 1, 0]);
    assert!(close(st.top2_pct, 60.0));
    assert!(close(st.mean, 3.8));
}

#[test]
fn qualtrics_three_header_rows() {
    let s = summary_of("qualtrics_3_header_rows.csv", &SummaryOptions::default());
    assert_eq!(s.dialect.header_rows, 3);
    assert_eq!(s.dialect.source.as_deref(), Some("qualtrics"));
    assert_eq!(s.rows, 5);
    let q = column(&s, "How satisfied are you with the service?");
    let st = q.stats.as_ref().unwrap();
    // Very satisfied 2, Satisfied 1, Neither 1, Dissatisfied 1.
    assert_eq!(st.steps, vec![2, 1, 1, 1, 0]);
    assert!(close(st.top2_pct, 60.0));
    assert!(close(st.mean, 3.8));
    let ip = column(&s, "IP Address");
    assert!(ip.personal_data && ip.excluded && ip.counts.is_none());
    assert!(column(&s, "Response ID").metadata);
}

#[test]
fn surveymonkey_two_header_rows() {
    let s = summary_of("surveymonkey_2_header_rows.csv", &SummaryOptions::default());
    assert_eq!(s.dialect.header_rows, 2);
    assert_eq!(s.rows, 4);
    let names: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Respondent ID",
            "Collector ID",
            "Hvor tilfreds er du med jobcentret?",
            "Hvilke kanaler har du brugt? – Telefon",
            "Hvilke kanaler har du brugt? – E-mail",
            "Hvilke kanaler har du brugt? – Fysisk møde",
        ]
    );
    let st = column(&s, "Hvor tilfreds er du med jobcentret?")
        .stats
        .clone()
        .unwrap();
    assert!(close(st.top2_pct, 75.0));
}

#[test]
fn cr_line_endings_blank_and_ragged_rows() {
    let s = summary_of("cr_ragged.csv", &SummaryOptions::default());
    assert_eq!(s.dialect.line_ending, "cr");
    assert_eq!(s.rows, 3);
    assert_eq!(s.padded_rows, 1);
    assert_eq!(s.truncated_rows, 1);
    assert_eq!(s.skipped_rows, 1);
    assert!(s
        .warnings
        .iter()
        .any(|w| w.code == "padded_rows" && w.da.contains("for få felter")));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.code == "truncated_rows" && w.en.contains("too many fields")));
}

#[test]
fn response_rate_from_invited() {
    let opts = SummaryOptions {
        invited: Some(24),
        ..Default::default()
    };
    let s = summary_of("excel_cp1252_semicolon.csv", &opts);
    let r = s.response.unwrap();
    assert_eq!((r.invited, r.responded), (24, 12));
    assert!(close(r.rate_pct, 50.0));
}

#[test]
fn summary_json_reads_back() {
    let s = summary_of(
        "excel_cp1252_semicolon.csv",
        &SummaryOptions {
            by: Some("Ydelse".into()),
            min_cell: 1,
            ..Default::default()
        },
    );
    let json = serde_json::to_string(&s).unwrap();
    let mut back: Summary = serde_json::from_str(&json).unwrap();
    // The typed copy of each breakdown is not part of the JSON (it is the same as `by`).
    assert!(back.columns.iter().all(|c| c.by_stats.is_empty()));
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    for (b, c) in back.columns.iter_mut().zip(&s.columns) {
        b.by_stats.clone_from(&c.by_stats);
    }
    assert_eq!(back, s);
}

#[test]
fn small_categories_are_withheld_with_secondary_suppression() {
    // Ydelse: Sygedagpenge 4, Kontanthjælp 3, A-dagpenge 4, Fleksjob 1. With minimum 2, only
    // Fleksjob is below; the next-smallest (Kontanthjælp, 3) is withheld too, so Fleksjob
    // cannot be recovered as 12 − 4 − 4 − 3.
    let s = summary_of(
        "excel_cp1252_semicolon.csv",
        &SummaryOptions {
            min_cell: 2,
            ..Default::default()
        },
    );
    let y = column(&s, "Ydelse");
    let counts = y.counts.as_ref().unwrap();
    // Withheld values are not published, not even by name: labels can be personal.
    assert!(counts.get("Fleksjob").is_none() && counts.get("Kontanthjælp").is_none());
    assert_eq!(y.withheld_values, 2);
    assert_eq!(counts["Sygedagpenge"], 4);
    assert_eq!(counts["A-dagpenge"], 4);
}
