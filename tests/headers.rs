//! Header layouts of real exports: Qualtrics' legacy variable row over question texts, questions
//! spanning their sub-items over blank cells, variable names kept beside the question text, and
//! every fixture keeping the layout it had. The exports are written here; every count is the
//! number of rows written with that answer.

use tilfreds::model::kinds::Kind;
use tilfreds::{Summary, SummaryOptions};

use crate::util::{close, column, count, read_text};

/// Rows of `cells` repeated `times`, joined by `sep`, below the `header` lines.
fn export(header: &[&str], rows: &[(&str, usize)]) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str(line);
        out.push('\n');
    }
    for (cells, times) in rows {
        for _ in 0..*times {
            out.push_str(cells);
            out.push('\n');
        }
    }
    out
}

/// The summary with every count shown (a minimum cell size of one).
fn summary(text: &str, by: Option<&str>) -> Summary {
    read_text(text).summary(&SummaryOptions {
        by: by.map(str::to_string),
        min_cell: 1,
        ..SummaryOptions::default()
    })
}

/// A legacy Qualtrics export: `V1 … V10, Q1, Q2, Q3_1, Q3_2` over the labels.
fn legacy_qualtrics() -> String {
    let variables = "V1,V2,V3,V4,V5,V6,V7,V8,V9,V10,Q1,Q2,Q3_1,Q3_2";
    let labels = "ResponseID,ResponseSet,Name,ExternalDataReference,EmailAddress,IPAddress,\
                  Status,StartDate,EndDate,Finished,\
                  Hvor tilfreds er du samlet set med jobcentret?,Hvilken ydelse modtager du?,\
                  Hvor enig er du i følgende? - Jeg blev mødt med respekt,\
                  Hvor enig er du i følgende? - Jeg fik den hjælp jeg havde brug for";
    let mut out = format!("{variables}\n{labels}\n");
    // Q1: Meget tilfreds 3, Tilfreds 4, Hverken tilfreds eller utilfreds 2, Utilfreds 1.
    // Q2: Dagpenge 6 (rows 0–5), Kontanthjælp 4 (rows 6–9).
    let q1 = [
        "Meget tilfreds",
        "Meget tilfreds",
        "Meget tilfreds",
        "Tilfreds",
        "Tilfreds",
        "Tilfreds",
        "Tilfreds",
        "Hverken tilfreds eller utilfreds",
        "Hverken tilfreds eller utilfreds",
        "Utilfreds",
    ];
    for (i, answer) in q1.iter().enumerate() {
        let ydelse = if i < 6 { "Dagpenge" } else { "Kontanthjælp" };
        let enig = if i % 2 == 0 { "Enig" } else { "Uenig" };
        out.push_str(&format!(
            "R_{i:02}abc,Default Response Set,Anonymous,,,192.0.2.{i},0,\
             2024-03-0{d} 10:00:00,2024-03-0{d} 10:05:00,1,{answer},{ydelse},{enig},Enig\n",
            d = 1 + i % 9
        ));
    }
    out
}

#[test]
fn legacy_qualtrics_variable_row_over_labels() {
    let text = legacy_qualtrics();
    let s = summary(&text, None);
    assert_eq!(s.dialect.header_rows, 2);
    assert_eq!(s.dialect.source.as_deref(), Some("qualtrics"));
    // Ten respondents: the label row is no respondent.
    assert_eq!(s.rows, 10);
    let q1 = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    assert_eq!(q1.variable.as_deref(), Some("Q1"));
    assert_eq!(q1.kind, Kind::Likert);
    let st = q1.stats.as_ref().unwrap();
    assert_eq!(st.steps, vec![3, 4, 2, 1, 0]);
    // Top-2 is 7 of 10; the mean (3·5 + 4·4 + 2·3 + 1·2) / 10 = 3.9.
    assert!(close(st.top2_pct, 70.0));
    assert!(close(st.mean, 3.9));
    let ydelse = column(&s, "Hvilken ydelse modtager du?");
    assert_eq!(ydelse.variable.as_deref(), Some("Q2"));
    assert_eq!(count(ydelse, "Dagpenge"), 6);
    assert_eq!(count(ydelse, "Kontanthjælp"), 4);
    let respect = column(
        &s,
        "Hvor enig er du i følgende? - Jeg blev mødt med respekt",
    );
    assert_eq!(respect.variable.as_deref(), Some("Q3_1"));
    assert_eq!(count(respect, "Enig"), 5);
    assert_eq!(count(respect, "Uenig"), 5);
    let id = column(&s, "ResponseID");
    assert_eq!(id.variable.as_deref(), Some("V1"));
    assert!(id.metadata || id.kind == Kind::Id);
    // No label is counted as an answer.
    assert_eq!(count(ydelse, "Hvilken ydelse modtager du?"), 0);
}

#[test]
fn qualtrics_without_its_import_id_row_is_read_the_same_way() {
    // The current export with its third row deleted by hand.
    let text = export(
        &[
            "StartDate;EndDate;Status;ResponseId;Q4;Q39_1;Q39_2",
            "Start Date;End Date;Response Type;Response ID;Hvor tilfreds er du?;\
             Hvor enig er du? - Respekt;Hvor enig er du? - Hjælp",
        ],
        &[
            (
                "2024-01-01 09:00;2024-01-01 09:05;0;R_1;Tilfreds;Enig;Uenig",
                3,
            ),
            (
                "2024-01-02 09:00;2024-01-02 09:05;0;R_2;Utilfreds;Uenig;Enig",
                2,
            ),
        ],
    );
    let d = read_text(&text);
    assert_eq!(d.dialect.header_rows, 2);
    assert_eq!(d.facts.rows, 5);
    let q = d.find_column("Q39_2").expect("found by its variable name");
    assert_eq!(d.columns[q].profile.name, "Hvor enig er du? - Hjælp");
    // The display name first, ignoring case; then the variable name, ignoring case.
    assert_eq!(d.find_column("hvor tilfreds er du?"), d.find_column("q4"));
    assert_eq!(
        d.columns[d.find_column("Q4").unwrap()].profile.values[0].0,
        "Tilfreds"
    );
}

#[test]
fn another_tools_codes_over_question_texts() {
    // LimeSurvey's question codes over the question texts (two heading rows kept in a sheet).
    let text = export(
        &[
            "id,submitdate,Q1,Q2[SQ001],Q2[SQ002]",
            "Svar-ID,Dato for afsendelse,Hvor tilfreds er du?,Hvad har du brugt? [Telefon],\
             Hvad har du brugt? [E-mail]",
        ],
        &[
            ("1,2024-05-06 10:01:44,Tilfreds,Ja,Nej", 2),
            ("2,2024-05-06 11:01:44,Utilfreds,Nej,Ja", 3),
        ],
    );
    let d = read_text(&text);
    assert_eq!(d.dialect.header_rows, 2);
    assert_eq!(d.dialect.source, None);
    assert_eq!(d.facts.rows, 5);
    let q = d.find_column("Q2[SQ002]").unwrap();
    assert_eq!(d.columns[q].profile.name, "Hvad har du brugt? [E-mail]");
    assert_eq!(d.columns[q].profile.variable.as_deref(), Some("Q2[SQ002]"));
}

#[test]
fn three_row_qualtrics_keeps_its_variable_names() {
    let s = summary(
        &String::from_utf8(crate::util::fixture("qualtrics_3_header_rows.csv")).unwrap(),
        Some("Q2"),
    );
    let q1 = column(&s, "How satisfied are you with the service?");
    assert_eq!(q1.variable.as_deref(), Some("Q1"));
    assert_eq!(
        column(&s, "Start Date").variable.as_deref(),
        Some("StartDate")
    );
    // `by` finds the column by its variable name.
    let age = column(&s, "What is your age group?");
    assert_eq!(age.variable.as_deref(), Some("Q2"));
    assert!(s.warnings.iter().all(|w| w.code != "by_not_found"));
    assert!(q1.by.is_some(), "a breakdown by Q2");
    // The JSON carries the variable name; a column without one has none.
    let json = serde_json::to_value(&s).unwrap();
    let cols = json["columns"].as_array().unwrap();
    assert!(cols.iter().any(|c| c["variable"] == "Q1"));
}

#[test]
fn the_command_line_takes_a_variable_name_for_by() {
    let path = std::env::temp_dir().join(format!("tilfreds-legacy-{}.csv", std::process::id()));
    std::fs::write(&path, legacy_qualtrics()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tilfreds"))
        .args([
            "summary",
            path.to_str().unwrap(),
            "--by",
            "Q2",
            "--min-cell",
            "3",
            "--json",
        ])
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Summary = serde_json::from_slice(&out.stdout).unwrap();
    let q1 = column(&s, "Hvor tilfreds er du samlet set med jobcentret?");
    let by = q1.by.as_ref().expect("a breakdown by Q2");
    assert!(by.contains_key("Dagpenge") && by.contains_key("Kontanthjælp"));
}

/// A LimeSurvey sheet re-saved in Excel: each question over blank cells, its sub-items below.
fn spanning() -> String {
    export(
        &[
            "Løbenr;Hvor tilfreds er du med …;;;Køn;Har du andre kommentarer?",
            ";Sagsbehandleren;Ventetiden;Informationen;;",
        ],
        &[
            ("1;Meget tilfreds;Tilfreds;Utilfreds;Kvinde;", 1),
            ("2;Tilfreds;Tilfreds;Meget utilfreds;Mand;Lang ventetid", 1),
            (
                "3;Tilfreds;Hverken tilfreds eller utilfreds;Utilfreds;Kvinde;",
                1,
            ),
            ("4;Meget tilfreds;Utilfreds;Tilfreds;Mand;", 1),
            ("5;Utilfreds;Tilfreds;Tilfreds;Kvinde;Fint", 1),
            (
                "6;Tilfreds;Meget tilfreds;Hverken tilfreds eller utilfreds;Kvinde;",
                1,
            ),
        ],
    )
}

#[test]
fn spanning_question_rows_fold_to_question_and_sub_item() {
    let s = summary(&spanning(), None);
    assert_eq!(s.dialect.header_rows, 2);
    assert_eq!(s.rows, 6);
    let names: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Løbenr",
            "Hvor tilfreds er du med … – Sagsbehandleren",
            "Hvor tilfreds er du med … – Ventetiden",
            "Hvor tilfreds er du med … – Informationen",
            "Køn",
            "Har du andre kommentarer?",
        ]
    );
    // Sagsbehandleren: Meget tilfreds 2, Tilfreds 3, Utilfreds 1.
    let c = column(&s, "Hvor tilfreds er du med … – Sagsbehandleren");
    assert_eq!(c.stats.as_ref().unwrap().steps, vec![2, 3, 0, 1, 0]);
    // Informationen: Tilfreds 2, Hverken 1, Utilfreds 2, Meget utilfreds 1.
    let c = column(&s, "Hvor tilfreds er du med … – Informationen");
    assert_eq!(c.stats.as_ref().unwrap().steps, vec![0, 2, 1, 2, 1]);
    assert_eq!(count(column(&s, "Køn"), "Kvinde"), 4);
    assert!(s.columns.iter().all(|c| c.variable.is_none()));
}

#[test]
fn a_question_repeated_over_its_sub_items_folds_the_same_way() {
    // Merged cells written out: the question in every cell of its span.
    let text = export(
        &[
            "Løbenr;Hvor tilfreds er du med …;Hvor tilfreds er du med …;Køn",
            ";Sagsbehandleren;Ventetiden;",
        ],
        &[
            ("1;Tilfreds;Utilfreds;Kvinde", 2),
            ("2;Meget tilfreds;Tilfreds;Mand", 3),
        ],
    );
    let d = read_text(&text);
    assert_eq!(d.dialect.header_rows, 2);
    assert_eq!(d.facts.rows, 5);
    let names: Vec<&str> = d.columns.iter().map(|c| c.profile.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Løbenr",
            "Hvor tilfreds er du med … – Sagsbehandleren",
            "Hvor tilfreds er du med … – Ventetiden",
            "Køn"
        ]
    );
}

#[test]
fn one_header_row_with_blank_or_coded_headers_stays_one_row() {
    // Blank headers over answers, a first answer row that is text, numbers, ids or scale
    // steps: each of these is one header row with every row a respondent.
    let cases = [
        export(
            &["Løbenr;Hvor tilfreds er du?;;Køn"],
            &[("1;Tilfreds;x;Kvinde", 3), ("2;Utilfreds;;Mand", 3)],
        ),
        export(
            &["Navn;Spørgsmål;;By"],
            &[
                ("Anna;Meget tilfreds;Godt;Aarhus", 1),
                ("Bo;Tilfreds;Skidt;Vejle", 5),
            ],
        ),
        export(
            &["Q1;Q2;Q3"],
            &[
                ("Meget tilfreds;Dagpenge;Ja", 2),
                ("Tilfreds;Kontanthjælp;Nej", 4),
            ],
        ),
        export(
            &["ID;Q1;Q2"],
            &[
                ("R_1;Godt nok men langsom sagsbehandling;Dagpenge", 1),
                ("R_2;Meget venlig medarbejder i telefonen;Dagpenge", 1),
                ("R_3;Jeg ved ikke hvad jeg skal skrive;Kontanthjælp", 1),
            ],
        ),
        export(&["V1;V2;Q1;Q2"], &[("1;2;3;4", 2), ("5;6;7;8", 2)]),
        export(
            &["Løbenr;Kommentar;Kommentar"],
            &[("1;Fint;Godt", 1), ("2;Fint;Skidt", 1), ("3;Ok;Godt", 1)],
        ),
        export(
            &["Kommune;Spørgsmål 1;;"],
            &[(";;Ved ikke;", 1), ("Aarhus;Tilfreds;Ved ikke;", 4)],
        ),
    ];
    for text in &cases {
        let d = read_text(text);
        let rows = text.lines().count() as u64 - 1;
        assert_eq!(d.dialect.header_rows, 1, "{text}");
        assert_eq!(d.facts.rows, rows, "{text}");
    }
}

#[test]
fn every_fixture_keeps_its_layout() {
    // Header rows of each fixture export; every other file has one.
    let multi_row = [
        ("qualtrics_3_header_rows.csv", 3),
        ("qualtrics_choice_text.csv", 3),
        ("qualtrics_numeric_values.csv", 3),
        ("surveymonkey_2_header_rows.csv", 2),
        ("surveymonkey_expanded.csv", 2),
    ];
    let root = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "",
        "scales",
        "surveyxact_comma",
        "surveyxact_semicolon",
        "surveyxact_utf16",
    ] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "csv" || ext == "txt" {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 30, "{} fixtures", files.len());
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let want = multi_row
            .iter()
            .find(|(f, _)| *f == name)
            .map_or(1, |(_, n)| *n);
        let d = tilfreds::read_bytes(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(d.dialect.header_rows, want, "{}", path.display());
    }
}

#[test]
fn adjustments_find_a_column_by_its_variable_name() {
    use tilfreds::model::options::ColumnOverride;
    let d = read_text(&legacy_qualtrics());
    let opts = SummaryOptions {
        min_cell: 1,
        overrides: vec![
            ColumnOverride {
                column: "Q2".into(),
                merge: vec![
                    ("Kontanthjælp".into(), "Ydelse".into()),
                    ("Dagpenge".into(), "Ydelse".into()),
                ],
                ..ColumnOverride::default()
            },
            ColumnOverride {
                column: "Q3_2".into(),
                exclude: true,
                ..ColumnOverride::default()
            },
        ],
        ..SummaryOptions::default()
    };
    let s = d.summary(&opts);
    let ydelse = column(&s, "Hvilken ydelse modtager du?");
    assert_eq!(count(ydelse, "Ydelse"), 10);
    assert_eq!(count(ydelse, "Dagpenge"), 0);
    assert!(
        column(
            &s,
            "Hvor enig er du i følgende? - Jeg fik den hjælp jeg havde brug for"
        )
        .excluded
    );
}

#[test]
fn a_title_over_the_sheet_is_no_question() {
    // A sheet saved from Excel with its title in the first cell and the headers below it.
    let text = export(
        &[
            "Tilfredshedsundersøgelse 2024;;;",
            "Løbenr;Køn;Hvor tilfreds er du?;Kommune",
        ],
        &[
            ("1;Kvinde;Tilfreds;Aarhus", 1),
            ("2;Mand;Meget tilfreds;Vejle", 1),
            ("3;Kvinde;Utilfreds;Aarhus", 1),
        ],
    );
    let d = read_text(&text);
    assert_eq!(d.dialect.header_rows, 2);
    assert_eq!(d.facts.rows, 3);
    let names: Vec<&str> = d.columns.iter().map(|c| c.profile.name.as_str()).collect();
    assert_eq!(names, ["Løbenr", "Køn", "Hvor tilfreds er du?", "Kommune"]);
}
