//! A header row that is really a row of answers: noticed, never for a real export, and read
//! as answers when asked.

use std::path::{Path, PathBuf};

use tilfreds::{Analyzer, Dataset, Lang, ReadOptions, SummaryOptions};

/// Every CSV and text file under `dir`, depth first.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("csv" | "txt" | "tsv")
        ) {
            out.push(path);
        }
    }
}

/// Every export the tests hold, and the page's example data.
fn every_fixture() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    files_under(&root.join("tests/fixtures"), &mut files);
    files.push(root.join("www/eksempel.csv"));
    files
}

/// `bytes` read with `opts`.
fn read_with(bytes: &[u8], opts: ReadOptions) -> Result<Dataset, tilfreds::Error> {
    let mut analyzer = Analyzer::new(opts);
    analyzer.push(bytes)?;
    analyzer.finish()
}

/// The file without its first line (and without a byte-order mark).
fn without_first_line(bytes: &[u8]) -> Vec<u8> {
    let at = bytes.iter().position(|&b| b == b'\n').unwrap();
    bytes[at + 1..].to_vec()
}

/// SurveyXact's `labels.csv` has no header row by design (variable, code, label): it is read
/// only as part of the export, never on its own.
fn headerless_by_design(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "labels.csv")
}

#[test]
fn no_fixture_header_looks_like_answers() {
    for path in every_fixture() {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(d) = tilfreds::read_bytes(&bytes) else {
            continue;
        };
        let flagged = d.dialect.header_looks_like_data;
        assert_eq!(flagged, headerless_by_design(&path), "{}", path.display());
        if !flagged {
            let s = d.summary(&SummaryOptions::default());
            assert!(
                s.warnings
                    .iter()
                    .all(|w| w.code != "header_looks_like_data"),
                "{}",
                path.display()
            );
        }
    }
    // The SurveyXact exports read as exports: the dataset's variable names are headers.
    for dir in [
        "surveyxact_comma",
        "surveyxact_semicolon",
        "surveyxact_utf16",
    ] {
        let root = format!("{}/tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
        let files: Vec<(String, Vec<u8>)> = ["dataset.csv", "structure.csv", "labels.csv"]
            .iter()
            .map(|f| (f.to_string(), std::fs::read(format!("{root}/{f}")).unwrap()))
            .collect();
        let refs: Vec<(&str, &[u8])> = files
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let d = tilfreds::read::surveyxact::read(&refs).unwrap();
        assert!(!d.dialect.header_looks_like_data, "{dir}");
    }
}

/// Exports of every tool with their header row cut off.
const CUT: &[&str] = &[
    "enalyzer_excel_utf8_bom.csv",
    "excel_cp1252_semicolon.csv",
    "google_forms_checkboxes.csv",
    "limesurvey_codes.csv",
    "limesurvey_full_text.csv",
    "msforms_excel_cp1252_semicolon.csv",
    "utf8_bom_comma_codes.csv",
    "waves_2023.csv",
    "waves_2024.csv",
    "waves_2025.csv",
    "scales/surveyxact_enig.csv",
    "scales/seven_point.csv",
];

#[test]
fn an_export_without_its_header_row_is_noticed_and_warned_about() {
    for file in CUT {
        let bytes = without_first_line(&crate::util::fixture(file));
        let d = tilfreds::read_bytes(&bytes).unwrap();
        assert!(d.dialect.header_looks_like_data, "{file}");
        let s = d.summary(&SummaryOptions::default());
        let flagged: Vec<_> = s
            .warnings
            .iter()
            .filter(|w| w.code == "header_looks_like_data")
            .collect();
        assert_eq!(flagged.len(), 1, "{file}: once");
        assert_eq!(
            s.warnings[0].code, "header_looks_like_data",
            "{file}: first"
        );
        assert!(flagged[0].da.starts_with("Første række ligner svar"));
        assert!(flagged[0].en.contains("First row is answers"));
        // The flag travels with the summary's JSON, for the page.
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["dialect"]["header_looks_like_data"], true, "{file}");
    }
    // Read as a file with headers, the flag is not written at all.
    let s = crate::util::summary_of("waves_2023.csv", &SummaryOptions::default());
    let json = serde_json::to_value(&s).unwrap();
    assert!(json["dialect"].get("header_looks_like_data").is_none());
}

#[test]
fn read_without_a_header_the_first_row_is_an_answer() {
    for file in CUT {
        let original = tilfreds::read_bytes(&crate::util::fixture(file)).unwrap();
        let cut = without_first_line(&crate::util::fixture(file));
        let as_header = tilfreds::read_bytes(&cut).unwrap();
        // In small chunks, so the rows stream past a small sniffing window.
        let mut analyzer = Analyzer::new(ReadOptions {
            no_header: true,
            sniff_bytes: 16,
            ..ReadOptions::default()
        });
        for chunk in cut.chunks(7) {
            analyzer.push(chunk).unwrap();
        }
        let d = analyzer.finish().unwrap();
        assert_eq!(d.facts.rows, as_header.facts.rows + 1, "{file}: one more");
        assert_eq!(d.facts.rows, original.facts.rows, "{file}");
        assert_eq!(d.dialect.header_rows, 0);
        assert!(!d.dialect.header_looks_like_data);
        assert_eq!(d.columns.len(), original.columns.len(), "{file}");
        for (i, (col, orig)) in d.columns.iter().zip(&original.columns).enumerate() {
            assert_eq!(col.profile.name, format!("Kolonne {}", i + 1), "{file}");
            // The same answers with the same counts as under the file's own header (the kinds
            // may differ: a header such as "RespondentId" says what the values alone do not).
            assert_eq!(
                col.profile.values, orig.profile.values,
                "{file}: column {i}"
            );
            assert_eq!(col.profile.empty, orig.profile.empty, "{file}: column {i}");
        }
        let s = d.summary(&SummaryOptions::default());
        assert!(s
            .warnings
            .iter()
            .all(|w| w.code != "header_looks_like_data"));
        assert_eq!(s.rows, original.facts.rows);
    }
}

#[test]
fn names_without_a_header_depend_on_the_place_alone() {
    let read = |text: &str, lang: Lang| {
        read_with(
            text.as_bytes(),
            ReadOptions {
                no_header: true,
                lang,
                ..ReadOptions::default()
            },
        )
        .unwrap()
    };
    let names =
        |d: &Dataset| -> Vec<String> { d.columns.iter().map(|c| c.profile.name.clone()).collect() };
    let a = read("1;Tilfreds\n2;Utilfreds\n", Lang::En);
    let b = read("7;Meget tilfreds\n8;Tilfreds\n", Lang::En);
    assert_eq!(names(&a), ["Column 1", "Column 2"]);
    assert_eq!(names(&a), names(&b));
    assert_eq!(a.facts.rows, 2);
    // The widest of the first rows sets the width; a first row of blanks at its end is
    // still counted.
    let d = read("1;Tilfreds;;\n2;Utilfreds;Ja\n3;Tilfreds\n", Lang::Da);
    assert_eq!(names(&d), ["Kolonne 1", "Kolonne 2", "Kolonne 3"]);
    assert_eq!(d.facts.rows, 3);
    assert_eq!(d.facts.padded_rows, 1);
    let svar = &d.columns[1].profile;
    assert_eq!(
        svar.values,
        vec![("Tilfreds".to_string(), 2), ("Utilfreds".to_string(), 1)]
    );
    // A file of one column stays refused, header or not.
    assert_eq!(
        read_with(
            b"Tilfreds\nUtilfreds\n",
            ReadOptions {
                no_header: true,
                ..ReadOptions::default()
            }
        )
        .err(),
        Some(tilfreds::Error::OneColumn)
    );
}
