//! Exports of the survey tools municipalities use, written byte for byte as each tool writes
//! them (tests/fixtures/make_tool_fixtures.py). Every expected number below is counted by hand
//! from the literal rows in that script; the comments show the counting.

use tilfreds::analyze::multiselect::{self, MultiSelectSummary, BASE_ANSWERED};
use tilfreds::analyze::summary::ColumnSummary;
use tilfreds::infer::multiselect::{MultiSelect, Shape};
use tilfreds::model::kinds::{Kind, PersonalReason};
use tilfreds::{read::surveyxact, Error, Lang, Summary, SummaryOptions};

use crate::util::{close, column, count, fixture, read_fixture, summary_of};

fn all_close(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| close(*x, *y))
}

/// The one multi-select question of a summary.
fn only_multi(s: &Summary) -> &MultiSelectSummary {
    assert_eq!(s.multi_select.len(), 1, "{:#?}", s.multi_select);
    &s.multi_select[0]
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Checks a Likert column: steps (most positive first), top-2 and mean.
fn likert(c: &ColumnSummary, steps: &[u64], top2: f64, mean: f64) {
    assert_eq!(c.kind, Kind::Likert, "{}", c.name);
    let st = c.stats.as_ref().unwrap();
    assert_eq!(st.steps, steps, "{}", c.name);
    assert_eq!(st.n_valid, steps.iter().sum::<u64>(), "{}", c.name);
    assert!(close(st.top2_pct, top2), "{}: top2 {}", c.name, st.top2_pct);
    assert!(close(st.mean, mean), "{}: mean {}", c.name, st.mean);
}

/// The multi-select's member columns are no questions of their own in the overview.
fn members_not_in_overview(s: &Summary) {
    let overview = tilfreds::present::views::overview(s, Lang::Da);
    for m in &s.multi_select {
        for &c in &m.columns {
            assert_eq!(s.columns[c].part_of.as_deref(), Some(m.name.as_str()));
            assert!(!overview.columns.contains(&c));
            assert!(tilfreds::present::views::question(s, c, Lang::Da).is_none());
        }
    }
}

fn personal(c: &ColumnSummary, reason: PersonalReason) {
    assert!(c.personal_data, "{} should be personal", c.name);
    assert_eq!(c.personal_reason, Some(reason), "{}", c.name);
    assert!(c.excluded, "{} should be left out", c.name);
    assert!(
        c.counts.is_none(),
        "{}: values must not reach the summary",
        c.name
    );
}

fn json_lacks(s: &Summary, secrets: &[&str]) {
    let json = serde_json::to_string(s).unwrap();
    for secret in secrets {
        assert!(!json.contains(secret), "{secret} leaked into the summary");
    }
}

const Q3_CHANNELS: &str = "Hvordan har du været i kontakt med jobcentret? (vælg gerne flere)";

#[test]
fn qualtrics_choice_text_export() {
    let s = summary_of("qualtrics_choice_text.csv", &SummaryOptions::default());
    assert_eq!(s.dialect.encoding, "utf-8-bom");
    assert_eq!(s.dialect.header_rows, 3);
    assert_eq!(s.dialect.source.as_deref(), Some("qualtrics"));
    assert_eq!(s.rows, 8);

    // Meget tilfreds rows 1,5; Tilfreds 2,3,8; neutral 6; Utilfreds 4; Ved ikke 7.
    // n = 7, top-2 = 5/7, mean = (2·5 + 3·4 + 3 + 2) / 7 = 27/7.
    let q1 = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    likert(q1, &[2, 3, 1, 1, 0], 500.0 / 7.0, 27.0 / 7.0);
    assert_eq!(count(q1, "Ved ikke"), 1);
    // Matrix: Helt enig 1,3,7; Enig 2,5,8; neutral 6; Uenig 4: top-2 6/8, mean 32/8.
    let q4 = "Hvor enig er du i følgende udsagn? - ";
    let respect = column(&s, &format!("{q4}Jeg bliver mødt med respekt"));
    likert(respect, &[3, 3, 1, 1, 0], 75.0, 4.0);
    // Helt enig 7; Enig 1,2,5; neutral 6; Uenig 3; Helt uenig 4; Ikke relevant 8:
    // n = 7, top-2 = 4/7, mean = (5 + 12 + 3 + 2 + 1) / 7 = 23/7.
    let help = column(&s, &format!("{q4}Jeg får den hjælp, jeg har brug for"));
    likert(help, &[1, 3, 1, 1, 1], 400.0 / 7.0, 23.0 / 7.0);
    assert_eq!(help.non_substantive, Some(1));
    assert!(respect.part_of.is_none() && help.part_of.is_none());

    // Telefon rows 1,2,4,7,8; E-mail 2,3,7; Fysisk møde 1,5,7; Andet 4; row 6 chose nothing.
    let m = only_multi(&s);
    assert_eq!(m.name, Q3_CHANNELS);
    assert_eq!(m.shape, Shape::Expanded);
    assert_eq!(
        m.options,
        strings(&["Telefon", "E-mail", "Fysisk møde", "Andet"])
    );
    assert_eq!(m.columns, vec![15, 16, 17, 18]);
    assert_eq!((m.rows, m.answered), (8, 7));
    assert_eq!(m.base, BASE_ANSWERED);
    assert_eq!(m.counts, vec![5, 3, 3, 1]);
    assert!(all_close(
        &m.pct,
        &[500.0 / 7.0, 300.0 / 7.0, 300.0 / 7.0, 100.0 / 7.0]
    ));
    members_not_in_overview(&s);
    let text = column(&s, &format!("{Q3_CHANNELS} - Andet - Text"));
    assert!(text.part_of.is_none() && text.kind == Kind::Text && text.excluded);

    for name in [
        "Start Date",
        "End Date",
        "Response Type",
        "Duration (in seconds)",
        "Response ID",
        "Recorded Date",
        "Location Latitude",
    ] {
        assert!(column(&s, name).metadata, "{name} is metadata");
    }
    for name in ["IP Address", "Location Latitude", "Location Longitude"] {
        personal(column(&s, name), PersonalReason::IpOrLocation);
    }
    json_lacks(&s, &["192.0.2.2", "55.676", "Via min a-kasse"]);
}

#[test]
fn qualtrics_numeric_values_export() {
    let s = summary_of(
        "qualtrics_numeric_values.csv",
        &SummaryOptions {
            min_cell: 1,
            ..Default::default()
        },
    );
    assert_eq!(s.dialect.header_rows, 3);
    assert_eq!(s.rows, 7);
    // Codes 5,4,2,4,3,5,1 (5 = Meget tilfreds): n = 7, top-2 = 4/7,
    // mean = (2·5 + 2·4 + 3 + 2 + 1) / 7 = 24/7.
    let q1 = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    likert(q1, &[2, 2, 1, 1, 1], 400.0 / 7.0, 24.0 / 7.0);
    assert_eq!(
        q1.scale.as_deref(),
        Some(&strings(&["5", "4", "3", "2", "1"])[..])
    );
    // Second statement: 4,4,3,2,4,3,1: top-2 = 3/7, mean = (12 + 6 + 2 + 1) / 7 = 3.
    let help = column(
        &s,
        "Hvor enig er du i følgende udsagn? - Jeg får den hjælp, jeg har brug for",
    );
    likert(help, &[0, 3, 2, 1, 1], 300.0 / 7.0, 3.0);
    // Benefit codes: 1 in rows 1,4,7; 2 in rows 2,6; 3 in rows 3,5.
    let q2 = column(&s, "Hvilken ydelse modtager du?");
    assert_eq!((count(q2, "1"), count(q2, "2"), count(q2, "3")), (3, 2, 2));

    // A chosen choice holds its recode (1–4). Telefon rows 1,2,4,7; E-mail 2,3,7;
    // Fysisk møde 1,5,7; Andet 4; row 6 none: 6 answered.
    let m = only_multi(&s);
    assert_eq!(m.name, Q3_CHANNELS);
    assert_eq!(
        m.options,
        strings(&["Telefon", "E-mail", "Fysisk møde", "Andet"])
    );
    assert_eq!((m.answered, m.counts.clone()), (6, vec![4, 3, 3, 1]));
    assert!(all_close(&m.pct, &[400.0 / 6.0, 50.0, 50.0, 100.0 / 6.0]));
    members_not_in_overview(&s);
    personal(column(&s, "IP Address"), PersonalReason::IpOrLocation);
    personal(
        column(&s, "Location Longitude"),
        PersonalReason::IpOrLocation,
    );
    assert!(column(&s, "Response ID").metadata);
    json_lacks(&s, &["Brev fra kommunen", "192.0.2.2"]);
}

const SM_CHANNELS: &str =
    "Hvilke kanaler har du brugt til at kontakte jobcentret? (Vælg alle relevante)";

#[test]
fn surveymonkey_expanded_export() {
    let s = summary_of("surveymonkey_expanded.csv", &SummaryOptions::default());
    assert_eq!(s.dialect.header_rows, 2);
    assert_eq!(s.dialect.source.as_deref(), Some("surveymonkey"));
    assert_eq!(s.rows, 8);
    // Meget tilfreds 2,7; Tilfreds 1,4,6; neutral 8; Utilfreds 3; Meget utilfreds 5:
    // top-2 = 5/8, mean = (10 + 12 + 3 + 2 + 1) / 8 = 3.5.
    let q = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    likert(q, &[2, 3, 1, 1, 1], 62.5, 3.5);

    // Telefon 1,3,5,7; E-mail 2,3,7; Fysisk møde 1,4,7; Other 3,8 (row 8 only "Other");
    // row 6 chose nothing: 7 answered.
    let m = only_multi(&s);
    assert_eq!(m.name, SM_CHANNELS);
    assert_eq!(
        m.options,
        strings(&["Telefon", "E-mail", "Fysisk møde", "Other (please specify)"])
    );
    assert_eq!((m.answered, m.counts.clone()), (7, vec![4, 3, 3, 2]));
    assert!(all_close(
        &m.pct,
        &[400.0 / 7.0, 300.0 / 7.0, 300.0 / 7.0, 200.0 / 7.0]
    ));
    members_not_in_overview(&s);

    for name in [
        "Respondent ID",
        "Collector ID",
        "Start Date",
        "Custom Data 1",
    ] {
        assert!(column(&s, name).metadata, "{name}");
    }
    personal(column(&s, "IP Address"), PersonalReason::IpOrLocation);
    personal(column(&s, "Email Address"), PersonalReason::Email);
    personal(column(&s, "First Name"), PersonalReason::Name);
    personal(column(&s, "Last Name"), PersonalReason::Name);
    json_lacks(
        &s,
        &["sagsbehandlers mobil", "ringede tilbage", "192.0.2.4"],
    );
}

#[test]
fn surveymonkey_multi_select_by_group_with_suppression() {
    let opts = |min_cell| SummaryOptions {
        by: Some("Hvilken kommune bor du i?".into()),
        min_cell,
        ..Default::default()
    };
    let s = summary_of("surveymonkey_expanded.csv", &opts(2));
    let by = only_multi(&s).by.clone().unwrap();
    let keys: Vec<&String> = by.keys().collect();
    assert_eq!(keys, ["Aarhus", "Odense", "Vejle"]);
    // Aarhus rows 1,3,6,8 (6 chose nothing): Telefon 1,3; E-mail 3; Fysisk møde 1; Other 3,8.
    assert_eq!(by["Aarhus"]["answered"], 3);
    assert_eq!(by["Aarhus"]["counts"], serde_json::json!([2, 1, 1, 2]));
    assert!(close(by["Aarhus"]["pct"][0].as_f64().unwrap(), 200.0 / 3.0));
    // Odense rows 4 (Fysisk møde), 7 (all three); Vejle rows 2 (E-mail), 5 (Telefon).
    assert_eq!(by["Odense"]["counts"], serde_json::json!([1, 1, 2, 0]));
    assert_eq!(by["Vejle"]["counts"], serde_json::json!([1, 1, 0, 0]));
    // min 3: both groups of 2 are small; together (4) they reach 3, so they are shown as
    // one group, unnamed.
    let s = summary_of("surveymonkey_expanded.csv", &opts(3));
    let by = only_multi(&s).by.clone().unwrap();
    assert_eq!(by["Aarhus"]["answered"], 3);
    assert!(by.get("Odense").is_none() && by.get("Vejle").is_none());
    assert_eq!(by["Øvrige (under 3)"]["answered"], 4);
    assert_eq!(
        by["Øvrige (under 3)"]["counts"],
        serde_json::json!([2, 2, 2, 0])
    );
    // The default minimum of 5: every group is small, all seven answers in one.
    let s = summary_of("surveymonkey_expanded.csv", &opts(5));
    let by = only_multi(&s).by.clone().unwrap();
    let names: Vec<&String> = by.keys().collect();
    assert_eq!(names, ["Øvrige (under 5)"]);
}

#[test]
fn multi_select_breakdown_as_a_cross_table_for_the_heat_map() {
    let opts = |min_cell| SummaryOptions {
        by: Some("Hvilken kommune bor du i?".into()),
        min_cell,
        ..Default::default()
    };
    let s = summary_of("surveymonkey_expanded.csv", &opts(2));
    let ms = only_multi(&s);
    let ct = tilfreds::analyze::multiselect::breakdown_crosstab(ms, "Hvilken kommune bor du i?", 2)
        .unwrap();
    assert_eq!(ct.row_column, "Hvilken kommune bor du i?");
    assert_eq!(ct.col_column, ms.name);
    let options: Vec<&str> = ct.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        options,
        ms.options.iter().map(String::as_str).collect::<Vec<_>>()
    );
    // The same figures as above, by hand: Aarhus has 3 answering, Telefon chosen by 2 of them.
    let aarhus = &ct.rows[0];
    assert_eq!((aarhus.label.as_str(), aarhus.total), ("Aarhus", Some(3)));
    let counts: Vec<u64> = aarhus.cells.iter().map(|c| c.count).collect();
    assert_eq!(counts, [2, 1, 1, 2]);
    assert!(close(aarhus.cells[0].row_pct, 200.0 / 3.0));
    // Shares of a group may add up to more than 100 %.
    let sum: f64 = aarhus.cells.iter().map(|c| c.row_pct).sum();
    assert!(sum > 100.0, "{sum}");
    assert!(ct.test.is_none() && ct.multi_select);
    let svg = tilfreds::present::chart::heatmap::heatmap_svg(&ct, 600, tilfreds::Lang::Da);
    assert!(
        svg.contains("andelen af gruppen, der har valgt svaret"),
        "legend of the heat map"
    );
    // Withheld groups stay withheld, without numbers.
    let s = summary_of("surveymonkey_expanded.csv", &opts(3));
    let ct =
        tilfreds::analyze::multiselect::breakdown_crosstab(only_multi(&s), "Kommune", 3).unwrap();
    assert!(
        ct.rows.iter().all(|r| r.label != "Odense"),
        "pooled, not named"
    );
    assert!(ct.rows.iter().any(|r| r.label == "Øvrige (under 3)"));
    // No breakdown, no table.
    let s = summary_of("surveymonkey_expanded.csv", &SummaryOptions::default());
    assert!(tilfreds::analyze::multiselect::breakdown_crosstab(only_multi(&s), "", 5).is_none());
}

#[test]
fn google_forms_checkboxes_joined_by_comma() {
    let s = summary_of("google_forms_checkboxes.csv", &SummaryOptions::default());
    assert_eq!(
        (s.dialect.encoding.as_str(), s.dialect.delimiter.as_str()),
        ("utf-8", ",")
    );
    assert_eq!(s.rows, 9);
    assert!(column(&s, "Tidsstempel").metadata);
    // Meget tilfreds 1,5; Tilfreds 2,3,7; neutral 8; Utilfreds 4,9; Ved ikke 6:
    // n = 8, top-2 = 5/8, bottom-2 = 2/8, mean = (10 + 12 + 3 + 4) / 8 = 29/8.
    let q = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    likert(q, &[2, 3, 1, 2, 0], 62.5, 29.0 / 8.0);
    assert!(close(q.stats.as_ref().unwrap().bottom2_pct, 25.0));
    // Linear scale 5,4,3,2,4,–,5,3,1: top-2 = 4/8, mean = 27/8.
    let scale = column(
        &s,
        "Hvor let var det at finde information på jobcentrets hjemmeside? (1-5)",
    );
    likert(scale, &[2, 2, 2, 1, 1], 50.0, 27.0 / 8.0);

    // Telefon 1,2,4,5,8,9; E-mail 1,3,5,9; Fysisk møde 3,4; Digital post 4,7; row 6 blank;
    // row 8 also typed "Min mentor fra kommunen" (an "Andet" answer, never shown).
    let m = only_multi(&s);
    assert_eq!(m.name, "Hvilke kanaler har du brugt?");
    assert_eq!(m.shape, Shape::Joined);
    assert_eq!(
        m.options,
        strings(&["Telefon", "E-mail", "Fysisk møde", "Digital post"])
    );
    assert_eq!((m.answered, m.other), (8, 1));
    assert_eq!(m.counts, vec![6, 4, 2, 2]);
    assert!(all_close(&m.pct, &[75.0, 50.0, 25.0, 25.0]));
    let sum: f64 = m.pct.iter().sum();
    assert!(
        sum > 100.0,
        "shares of a multi-select add up to more than 100 %"
    );
    members_not_in_overview(&s);
    json_lacks(&s, &["Min mentor"]);

    // Aarhus rows 1,2,5,7,9; Vejle rows 3,4,8 answered (6 blank).
    let opts = SummaryOptions {
        by: Some("Hvilken kommune bor du i?".into()),
        min_cell: 3,
        ..Default::default()
    };
    let s = summary_of("google_forms_checkboxes.csv", &opts);
    let by = only_multi(&s).by.clone().unwrap();
    assert_eq!(by["Aarhus"]["answered"], 5);
    assert_eq!(by["Aarhus"]["counts"], serde_json::json!([4, 3, 0, 1]));
    assert_eq!(by["Vejle"]["answered"], 3);
    assert_eq!(by["Vejle"]["counts"], serde_json::json!([2, 1, 2, 1]));
}

#[test]
fn google_forms_timestamp_and_semicolon_joined() {
    let csv = "\"Timestamp\",\"How satisfied are you?\",\"Which channels did you use?\"\r\n\
               \"2024/04/02 10:15:03 AM CEST\",\"Very satisfied\",\"Phone;Email\"\r\n\
               \"2024/04/02 10:21:47 AM CEST\",\"Satisfied\",\"Phone\"\r\n\
               \"2024/04/02 11:02:10 AM CEST\",\"Satisfied\",\"Email;In person\"\r\n\
               \"2024/04/02 1:45:33 PM CEST\",\"Dissatisfied\",\"Phone;In person\"\r\n\
               \"2024/04/03 8:05:12 AM CEST\",\"Very satisfied\",\"Email\"\r\n";
    let s = tilfreds::read_bytes(csv.as_bytes())
        .unwrap()
        .summary(&SummaryOptions::default());
    assert!(column(&s, "Timestamp").metadata);
    // Phone 1,2,4; Email 1,3,5; In person 3,4: all 5 answered.
    let m = only_multi(&s);
    assert_eq!(m.options, strings(&["Phone", "Email", "In person"]));
    assert_eq!((m.answered, m.counts.clone()), (5, vec![3, 3, 2]));
    assert!(all_close(&m.pct, &[60.0, 60.0, 40.0]));
}

#[test]
fn single_choice_with_commas_is_not_a_multi_select() {
    let csv = "Ydelse,Svar\n\
               \"Kontanthjælp, jobparat\",Tilfreds\n\
               \"Kontanthjælp, aktivitetsparat\",Tilfreds\n\
               \"Uddannelseshjælp, aktivitetsparat\",Utilfreds\n\
               \"Uddannelseshjælp, uddannelsesparat\",Tilfreds\n\
               A-dagpenge,Tilfreds\n\
               \"Kontanthjælp, jobparat\",Utilfreds\n";
    let s = tilfreds::read_bytes(csv.as_bytes())
        .unwrap()
        .summary(&SummaryOptions::default());
    assert!(s.multi_select.is_empty(), "{:#?}", s.multi_select);
    assert!(!serde_json::to_string(&s).unwrap().contains("part_of"));
}

#[test]
fn likert_matrix_is_not_a_multi_select() {
    let csv = "Q – Respekt;Q – Hjælp;Q – Tid\n\
               Helt enig;Enig;Uenig\n\
               Enig;Helt enig;Enig\n\
               Uenig;Enig;Helt enig\n";
    let s = tilfreds::read_bytes(csv.as_bytes())
        .unwrap()
        .summary(&SummaryOptions::default());
    assert!(s.multi_select.is_empty());
    assert!(s.columns.iter().all(|c| c.part_of.is_none()));
}

#[test]
fn limesurvey_answer_codes() {
    let s = summary_of(
        "limesurvey_codes.csv",
        &SummaryOptions {
            min_cell: 1,
            ..Default::default()
        },
    );
    assert_eq!(s.dialect.delimiter, ",");
    assert_eq!(s.rows, 7);
    // Answer codes carry no scale: a category of codes. A1 rows 1,7; A2 2,3; A3 5; A4 4; A6 6.
    let q1 = column(&s, "Q1");
    assert_eq!(q1.kind, Kind::Category);
    let codes: Vec<u64> = ["A1", "A2", "A3", "A4", "A6"]
        .iter()
        .map(|c| count(q1, c))
        .collect();
    assert_eq!(codes, vec![2, 2, 1, 1, 1]);
    // Q2[SQ001] "Y" rows 1,3,4,6; SQ002 rows 2,3; SQ003 rows 1,5; other row 4; row 7 none.
    let m = only_multi(&s);
    assert_eq!(m.name, "Q2");
    assert_eq!(m.options, strings(&["SQ001", "SQ002", "SQ003", "other"]));
    assert_eq!((m.answered, m.counts.clone()), (6, vec![4, 2, 2, 1]));
    assert!(all_close(
        &m.pct,
        &[400.0 / 6.0, 100.0 / 3.0, 100.0 / 3.0, 100.0 / 6.0]
    ));
    members_not_in_overview(&s);
    for name in ["id", "submitdate", "lastpage", "startlanguage", "seed"] {
        assert!(column(&s, name).metadata, "{name}");
    }
    personal(column(&s, "ipaddr"), PersonalReason::IpOrLocation);
    assert_eq!(column(&s, "Q4").kind, Kind::Text);
    json_lacks(&s, &["lang ventetid", "192.0.2.6"]);
}

#[test]
fn limesurvey_full_answers() {
    let s = summary_of("limesurvey_full_text.csv", &SummaryOptions::default());
    assert_eq!(s.dialect.delimiter, ";");
    // The same answers as labels: Meget tilfreds 1,7; Tilfreds 2,3; neutral 5; Utilfreds 4;
    // Ved ikke 6: n = 6, top-2 = 4/6, mean = (10 + 8 + 3 + 2) / 6 = 23/6.
    let q1 = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    likert(q1, &[2, 2, 1, 1, 0], 400.0 / 6.0, 23.0 / 6.0);
    assert_eq!(count(q1, "Ved ikke"), 1);
    let m = only_multi(&s);
    assert_eq!(m.name, "Hvordan har du været i kontakt med jobcentret?");
    assert_eq!(
        m.options,
        strings(&["Telefon", "E-mail", "Fysisk møde", "Andet"])
    );
    assert_eq!((m.answered, m.counts.clone()), (6, vec![4, 2, 2, 1]));
    members_not_in_overview(&s);
    assert!(column(&s, "Response ID").metadata);
    assert!(column(&s, "Date submitted").metadata);
    personal(column(&s, "IP address"), PersonalReason::IpOrLocation);
    json_lacks(&s, &["Jobnet", "lang ventetid"]);
}

const SX_CHANNELS: &str = "Hvordan har du været i kontakt med jobcentret? (sæt gerne flere kryds)";

fn surveyxact_files(dir: &str) -> Vec<(String, Vec<u8>)> {
    ["dataset.csv", "structure.csv", "labels.csv"]
        .iter()
        .map(|n| (format!("{dir}/{n}"), fixture(&format!("{dir}/{n}"))))
        .collect()
}

fn as_refs(files: &[(String, Vec<u8>)]) -> Vec<(&str, &[u8])> {
    files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect()
}

fn check_surveyxact(dir: &str, encoding: &str, delimiter: &str) {
    let files = surveyxact_files(dir);
    let refs = as_refs(&files);
    assert_eq!(
        surveyxact::recognise(&refs),
        Some(surveyxact::Triple {
            dataset: 0,
            structure: 1,
            labels: 2
        })
    );
    let dataset = surveyxact::read(&refs).unwrap();
    let s = dataset.summary(&SummaryOptions {
        min_cell: 1,
        ..Default::default()
    });
    assert_eq!(s.dialect.encoding, encoding, "{dir}");
    assert_eq!(s.dialect.delimiter, delimiter, "{dir}");
    assert_eq!(s.dialect.source.as_deref(), Some("surveyxact"));

    // 12 invited: 8 Gennemført + 1 Delvist besvaret answered; Distribueret, Ny, Frafaldet not.
    assert_eq!(s.rows, 9, "{dir}");
    let r = s.response.as_ref().unwrap();
    assert_eq!((r.invited, r.responded), (12, 9));
    assert!(close(r.rate_pct, 75.0));
    assert!(s
        .warnings
        .iter()
        .any(|w| w.code == "non_respondents" && w.count == Some(3)));

    let names: Vec<&str> = s.columns.iter().take(7).map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Hvilken ydelse modtager du?",
            "Hvor tilfreds er du samlet set med jobcentret?",
            &format!("{SX_CHANNELS} – Telefon"),
            &format!("{SX_CHANNELS} – E-mail"),
            &format!("{SX_CHANNELS} – Fysisk møde"),
            "Hvor enig er du i følgende udsagn? - Jeg bliver mødt med respekt",
            "Har du andre kommentarer?",
        ]
    );
    // Codes 1,2,3,1,2,3,1,3,2 → labels (trailing spaces trimmed).
    let ydelse = column(&s, "Hvilken ydelse modtager du?");
    assert_eq!(ydelse.kind, Kind::Category);
    for label in ["A-dagpenge", "Kontanthjælp", "Sygedagpenge"] {
        assert_eq!(count(ydelse, label), 3, "{dir} {label}");
    }
    // Codes 1,2,2,4,1,3,6,1,5: Meget tilfreds 3, Tilfreds 2, neutral 1, Utilfreds 1,
    // Meget utilfreds 1, "Ved ikke " 1. n = 8, top-2 = 5/8,
    // mean = (3·5 + 2·4 + 3 + 2 + 1) / 8 = 29/8.
    let q = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    likert(q, &[3, 2, 1, 1, 1], 62.5, 29.0 / 8.0);
    assert_eq!(q.non_substantive, Some(1));
    assert_eq!(count(q, "Ved ikke"), 1);
    // Codes 1,2,1,4,2,3,6,1 and a blank (partial): Helt enig 3, Enig 2, neutral 1, Uenig 1,
    // Ikke relevant 1: n = 7, top-2 = 5/7, mean = (15 + 8 + 3 + 2) / 7 = 4.
    let respect = column(
        &s,
        "Hvor enig er du i følgende udsagn? - Jeg bliver mødt med respekt",
    );
    likert(respect, &[3, 2, 1, 1, 0], 500.0 / 7.0, 4.0);
    assert_eq!(count(respect, "Ikke relevant"), 1);

    // The 0/1 choice variables are one question. Telefon rows 1,2,4,7,8; E-mail 2,3,7;
    // Fysisk møde 1,5,7; rows 6 and 9 chose nothing: 7 answered.
    let m = only_multi(&s);
    assert_eq!(m.name, SX_CHANNELS);
    assert_eq!(m.options, strings(&["Telefon", "E-mail", "Fysisk møde"]));
    assert_eq!((m.rows, m.answered), (9, 7));
    assert_eq!(m.counts, vec![5, 3, 3]);
    assert!(all_close(&m.pct, &[500.0 / 7.0, 300.0 / 7.0, 300.0 / 7.0]));
    members_not_in_overview(&s);

    for c in s.columns.iter().skip(7) {
        assert!(
            c.name.starts_with("Samlet status – ") && c.metadata,
            "{}",
            c.name
        );
        assert!(c.part_of.is_none());
    }
    let comments = column(&s, "Har du andre kommentarer?");
    assert_eq!((comments.kind, comments.answered), (Kind::Text, 2));
    assert!(comments.personal_data && comments.excluded);
    json_lacks(&s, &["Lang ventetid", "Godt møde"]);

    // By benefit (min 2): A-dagpenge rows 1,4,7 → [3,1,2]; Kontanthjælp rows 2,5 (9 chose
    // nothing) → [1,1,1]; Sygedagpenge rows 3,8 (6 chose nothing) → [1,1,0].
    let by = dataset.summary(&SummaryOptions {
        by: Some("Hvilken ydelse modtager du?".into()),
        min_cell: 2,
        ..Default::default()
    });
    let by = only_multi(&by).by.clone().unwrap();
    assert_eq!(by["A-dagpenge"]["answered"], 3);
    assert_eq!(by["A-dagpenge"]["counts"], serde_json::json!([3, 1, 2]));
    assert_eq!(by["Kontanthjælp"]["counts"], serde_json::json!([1, 1, 1]));
    assert_eq!(by["Sygedagpenge"]["counts"], serde_json::json!([1, 1, 0]));
}

#[test]
fn surveyxact_semicolon_windows_1252() {
    check_surveyxact("surveyxact_semicolon", "windows-1252", ";");
}

#[test]
fn surveyxact_comma_windows_1252() {
    check_surveyxact("surveyxact_comma", "windows-1252", ",");
}

#[test]
fn surveyxact_unicode_text_utf16_tab() {
    check_surveyxact("surveyxact_utf16", "utf-16le", "\t");
}

#[test]
fn surveyxact_files_recognised_by_content() {
    let files = surveyxact_files("surveyxact_semicolon");
    let renamed = [
        ("Export A.csv", files[2].1.as_slice()),
        ("Export B.csv", files[0].1.as_slice()),
        ("svar.xlsx", b"PK\x03\x04".as_slice()),
        ("Export C.csv", files[1].1.as_slice()),
    ];
    assert_eq!(
        surveyxact::recognise(&renamed),
        Some(surveyxact::Triple {
            dataset: 1,
            structure: 3,
            labels: 0
        })
    );
    assert_eq!(surveyxact::read(&renamed).unwrap().facts.rows, 9);
    // Two of three, or an unrelated export, are not a SurveyXact export.
    assert_eq!(surveyxact::recognise(&renamed[..2]), None);
    let other = fixture("google_forms_checkboxes.csv");
    let mixed = [
        ("dataset.csv", other.as_slice()),
        ("structure.csv", files[1].1.as_slice()),
        ("labels.csv", files[2].1.as_slice()),
    ];
    assert_eq!(surveyxact::recognise(&mixed), None);
    assert_eq!(
        surveyxact::read(&mixed).err(),
        Some(Error::NotSurveyXact("dataset"))
    );
}

#[test]
fn surveyxact_dataset_alone_still_groups_choices() {
    // Without structure and labels: codes, every invited row, variable names.
    let s = summary_of(
        "surveyxact_semicolon/dataset.csv",
        &SummaryOptions::default(),
    );
    assert_eq!(s.rows, 12);
    let m = only_multi(&s);
    assert_eq!(m.name, "v_3");
    assert_eq!(m.options, strings(&["1", "2", "3"]));
    // Non-respondents have 0 everywhere, so the counts match the joined file.
    assert_eq!((m.answered, m.counts.clone()), (7, vec![5, 3, 3]));
    assert!(column(&s, "stato_4").metadata && column(&s, "stato_4").part_of.is_none());
}

#[test]
fn surveyxact_bad_companions_are_errors() {
    let files = surveyxact_files("surveyxact_semicolon");
    let dataset = read_fixture("surveyxact_semicolon/dataset.csv");
    assert_eq!(
        surveyxact::join(dataset.clone(), b"a;b\n1;2\n", &files[2].1).err(),
        Some(Error::NotSurveyXact("structure"))
    );
    assert_eq!(
        surveyxact::join(dataset.clone(), &files[1].1, b"\x89PNG\r\n\x1a\n\0\0").err(),
        Some(Error::NotSurveyXact("labels"))
    );
    assert_eq!(Error::NotSurveyXact("labels").code(), "not_surveyxact");
    // Empty labels (no closed questions) are fine: codes stay codes.
    let joined = surveyxact::join(dataset, &files[1].1, b"").unwrap();
    assert_eq!(joined.facts.rows, 9);
}

#[test]
fn microsoft_forms_saved_from_excel_semicolon_windows_1252() {
    let s = summary_of(
        "msforms_excel_cp1252_semicolon.csv",
        &SummaryOptions::default(),
    );
    assert_eq!(s.dialect.encoding, "windows-1252");
    assert_eq!(s.dialect.delimiter, ";");
    assert_eq!(s.rows, 8);
    // Meget tilfreds 1; Tilfreds 2,4,7; neutral 8; Utilfreds 3; Meget utilfreds 6;
    // Ved ikke 5: n = 7, top-2 = 4/7, mean = (5 + 12 + 3 + 2 + 1) / 7 = 23/7.
    let q = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    likert(q, &[1, 3, 1, 1, 1], 400.0 / 7.0, 23.0 / 7.0);
    // "Telefon;E-mail;" etc.: Telefon 1,2,3,6,8; E-mail 1,4,6,7; Fysisk møde 3,6,7;
    // row 5 blank: 7 answered.
    let m = only_multi(&s);
    assert_eq!(m.shape, Shape::Joined);
    assert_eq!(m.name, "Hvilke kanaler har du brugt?");
    assert_eq!(m.options, strings(&["Telefon", "E-mail", "Fysisk møde"]));
    assert_eq!(
        (m.answered, m.counts.clone(), m.other),
        (7, vec![5, 4, 3], 0)
    );
    assert!(all_close(&m.pct, &[500.0 / 7.0, 400.0 / 7.0, 300.0 / 7.0]));
    members_not_in_overview(&s);
    assert!(column(&s, "Id").metadata);
    personal(column(&s, "Mail"), PersonalReason::Email);
    personal(column(&s, "Navn"), PersonalReason::Name);
    json_lacks(&s, &["example.dk", "Anne Jensen", "Rasmussen"]);
}

#[test]
fn enalyzer_saved_from_excel_utf8_bom() {
    let s = summary_of("enalyzer_excel_utf8_bom.csv", &SummaryOptions::default());
    assert_eq!(s.dialect.encoding, "utf-8-bom");
    assert_eq!(s.dialect.delimiter, ";");
    assert_eq!(s.columns[0].name, "RespondentId");
    assert_eq!(s.rows, 6);
    // Meget tilfreds 2,6; Tilfreds 1,4; neutral 5; Utilfreds 3: top-2 = 4/6,
    // mean = (10 + 8 + 3 + 2) / 6 = 23/6.
    let q = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    likert(q, &[2, 2, 1, 1, 0], 400.0 / 6.0, 23.0 / 6.0);
    // Helt enig 1,5; Enig 2; neutral 4; Uenig 3; Ved ikke 6: top-2 = 3/5, mean = 19/5.
    let r = column(&s, "Jeg bliver mødt med respekt");
    likert(r, &[2, 1, 1, 1, 0], 60.0, 3.8);
    // 1 = chosen. Virksomhedspraktik 1,3,6; Løntilskud 2,3; Kursus 1,5; row 4 none.
    let m = only_multi(&s);
    assert_eq!(m.name, "Hvilke tilbud har du deltaget i?");
    assert_eq!(
        m.options,
        strings(&["Virksomhedspraktik", "Løntilskud", "Kursus"])
    );
    assert_eq!((m.answered, m.counts.clone()), (5, vec![3, 2, 2]));
    assert!(all_close(&m.pct, &[60.0, 40.0, 40.0]));
    members_not_in_overview(&s);
    assert!(column(&s, "RespondentId").metadata);
    personal(column(&s, "E-mail"), PersonalReason::Email);
    json_lacks(&s, &["example.dk"]);
}

#[test]
fn summary_json_stays_backward_compatible() {
    // A file without multi-selects serialises exactly the old fields.
    let s = summary_of("excel_cp1252_semicolon.csv", &SummaryOptions::default());
    let json = serde_json::to_value(&s).unwrap();
    let text = json.to_string();
    assert!(!text.contains("multi_select") && !text.contains("part_of"));
    // Summary JSON without the new fields still reads.
    let mut old = json;
    old["columns"] = serde_json::json!([]);
    let old: Summary = serde_json::from_value(old).unwrap();
    assert!(old.multi_select.is_empty());
    // The new parts round-trip.
    let s = summary_of("google_forms_checkboxes.csv", &SummaryOptions::default());
    let m = only_multi(&s);
    let back: MultiSelectSummary =
        serde_json::from_str(&serde_json::to_string(m).unwrap()).unwrap();
    assert_eq!(&back, m);
    let member = &s.columns[m.columns[0]];
    let back: ColumnSummary =
        serde_json::from_str(&serde_json::to_string(member).unwrap()).unwrap();
    assert_eq!(back.part_of, member.part_of);
}

#[test]
fn odd_multi_selects_never_panic() {
    let d = read_fixture("surveymonkey_expanded.csv");
    let bogus = MultiSelect {
        name: "x".into(),
        columns: vec![0, 999],
        options: vec!["a".into()],
        shape: Shape::Expanded,
        separator: String::new(),
        own_words: vec![],
    };
    let s = multiselect::summarize(&d, &bogus, Some(999), 0);
    assert_eq!(s.options.len(), 1);
    let joined = MultiSelect {
        columns: vec![],
        shape: Shape::Joined,
        ..bogus
    };
    let _ = multiselect::summarize(&d, &joined, Some(14), 5);
    // A dataset cut to fewer rows than its codes, and back again.
    let mut d = read_fixture("google_forms_checkboxes.csv");
    surveyxact::retain_rows(&mut d, &[true, false]);
    assert_eq!(d.facts.rows, 8);
    let _ = d.summary(&SummaryOptions {
        by: Some("Hvilken kommune bor du i?".into()),
        ..Default::default()
    });
    for garbage in [
        &b""[..],
        b"\0\0\0",
        b";;;\n;;;",
        b"\xff\xfe",
        b"a,b\n\"unclosed",
    ] {
        let _ = surveyxact::parse_structure(garbage);
        let _ = surveyxact::parse_labels(garbage);
        let _ = surveyxact::recognise(&[("dataset.csv", garbage), ("structure.csv", garbage)]);
    }
}

mod never_panics {
    use proptest::prelude::*;
    use tilfreds::{read::surveyxact, SummaryOptions};

    const STRUCTURE: &str = "(questionName;variableName;questionType;subType;questionText;\
                             choiceValue;choiceText\r?\n)?([a-z_0-9]{1,8};(stato_[1-5]|s_[0-9]|\
                             v_1_[1-3]|statoverall);(Closed|Open);(Single|Multiple);\
                             [A-Za-zæø ?–-]{0,14};[0-9]{0,2};[A-Za-z ]{0,10}\r?\n){0,8}";
    const LABELS: &str = "((stato_[1-5]|s_[0-9]|v_1_[1-3]|statoverall);[0-9]{1,2};\
                          (Valgt|Ikke valgt|Ny|Gennemført|Ved ikke |[A-Za-z ]{0,8})\r?\n){0,12}";
    const DATASET: &str = "(stato_[1-5]|s_[0-9]|v_1_[1-3]|statoverall)(;(stato_[1-5]|s_[0-9]|\
                           v_1_[1-3]|statoverall)){1,6}\n([0-9]{0,2}(;[0-9, ]{0,3}){1,6}\n){1,10}";

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(96))]

        #[test]
        fn joins_and_summaries_of_odd_exports(
            structure in STRUCTURE,
            labels in LABELS,
            data in DATASET,
            noise in proptest::collection::vec(any::<u8>(), 0..64),
        ) {
            let files = [
                ("dataset.csv", data.as_bytes()),
                ("structure.csv", structure.as_bytes()),
                ("labels.csv", labels.as_bytes()),
                ("x.csv", noise.as_slice()),
            ];
            let _ = surveyxact::recognise(&files);
            if let Ok(d) = tilfreds::read_bytes(data.as_bytes()) {
                let by = Some(d.columns[0].profile.name.clone());
                let opts = SummaryOptions { by, min_cell: 1, ..Default::default() };
                let _ = d.summary(&opts);
                for (s, l) in [(structure.as_bytes(), labels.as_bytes()), (&noise[..], &noise[..])] {
                    if let Ok(joined) = surveyxact::join(d.clone(), s, l) {
                        prop_assert!(joined.facts.rows <= d.facts.rows);
                        let s = joined.summary(&opts);
                        for m in &s.multi_select {
                            prop_assert!(m.counts.iter().all(|&c| c <= m.answered));
                        }
                    }
                }
            }
        }
    }
}
