//! Excel workbooks (.xlsx), written here by a tiny writer (a zip with stored and deflated
//! entries): the same dataset as the CSV, every kind of cell, the sheet chosen, and bad input
//! refused with the right error, never a panic.

use serde_json::Value;
use tilfreds::read::xlsx;
use tilfreds::{Analyzer, Error, ReadOptions, SummaryOptions};

use crate::util::fixture;

/// A zip of `entries` (`(name, bytes, deflate)`), without checksums (the reader checks none).
pub fn zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data, deflate) in entries {
        let offset = out.len() as u32;
        let body = if *deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.to_vec()
        };
        let method: u16 = if *deflate { 8 } else { 0 };
        let mut header = Vec::new();
        header.extend_from_slice(&20u16.to_le_bytes()); // version needed
        header.extend_from_slice(&0u16.to_le_bytes()); // flags
        header.extend_from_slice(&method.to_le_bytes());
        header.extend_from_slice(&[0; 4]); // time, date
        header.extend_from_slice(&0u32.to_le_bytes()); // crc
        header.extend_from_slice(&(body.len() as u32).to_le_bytes());
        header.extend_from_slice(&(data.len() as u32).to_le_bytes());
        header.extend_from_slice(&(name.len() as u16).to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&header);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&body);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&header);
        central.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let dir_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    let n = (entries.len() as u16).to_le_bytes();
    out.extend_from_slice(&n);
    out.extend_from_slice(&n);
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&dir_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A sheet of a workbook being written.
pub struct Sheet {
    name: String,
    hidden: bool,
    xml: String,
}

impl Sheet {
    /// A visible sheet whose `<sheetData>` holds `rows` (and `extra` after it, such as
    /// `<mergeCells>`); its dimension claims A1, as Microsoft Forms' exports do.
    pub fn new(name: &str, rows: &str, extra: &str) -> Sheet {
        Sheet {
            name: name.into(),
            hidden: false,
            xml: format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1"/><sheetData>{rows}</sheetData>{extra}</worksheet>"#
            ),
        }
    }

    /// The same sheet, hidden.
    pub fn hidden(mut self) -> Sheet {
        self.hidden = true;
        self
    }
}

/// A workbook of `sheets` with `shared` strings, custom `formats` (`(id, code)`), cell styles
/// `xfs` (each a numFmtId) and the 1904 date system if `date1904`.
pub fn workbook(
    sheets: &[Sheet],
    shared: &[&str],
    formats: &[(u32, &str)],
    xfs: &[u32],
    date1904: bool,
) -> Vec<u8> {
    let parts = workbook_parts(sheets, shared, formats, xfs, date1904);
    let entries: Vec<(&str, &[u8], bool)> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice(), n.starts_with("xl/")))
        .collect();
    zip(&entries)
}

/// The parts of the workbook [`workbook`] zips: `(name, bytes)`.
fn workbook_parts(
    sheets: &[Sheet],
    shared: &[&str],
    formats: &[(u32, &str)],
    xfs: &[u32],
    date1904: bool,
) -> Vec<(String, Vec<u8>)> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
    );
    if date1904 {
        book.push_str(r#"<workbookPr date1904="1"/>"#);
    }
    book.push_str("<sheets>");
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, s) in sheets.iter().enumerate() {
        let state = if s.hidden { r#" state="hidden""# } else { "" };
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{}"{state} r:id="rId{}"/>"#,
            esc(&s.name),
            i + 1,
            i + 10
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.xml"/>"#,
            i + 10,
            i + 1
        ));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str(r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>"#);
    let mut sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">"#,
        shared.len()
    );
    for s in shared {
        if s.starts_with('<') {
            // Already XML: rich text runs.
            sst.push_str(&format!("<si>{s}</si>"));
        } else {
            sst.push_str(&format!(
                r#"<si><t xml:space="preserve">{}</t></si>"#,
                esc(s)
            ));
        }
    }
    sst.push_str("</sst>");
    let mut styles = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    styles.push_str("<numFmts>");
    for (id, code) in formats {
        styles.push_str(&format!(
            r#"<numFmt numFmtId="{id}" formatCode="{}"/>"#,
            esc(code)
        ));
    }
    styles.push_str(
        r#"</numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs>"#,
    );
    styles.push_str(r#"<xf numFmtId="0"/>"#);
    for id in xfs {
        styles.push_str(&format!(r#"<xf numFmtId="{id}" applyNumberFormat="1"/>"#));
    }
    styles.push_str("</cellXfs></styleSheet>");
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let names: Vec<String> = (1..=sheets.len())
        .map(|i| format!("xl/worksheets/sheet{i}.xml"))
        .collect();
    let mut parts: Vec<(String, Vec<u8>)> = [
        ("[Content_Types].xml", types),
        ("_rels/.rels", root_rels),
        ("xl/workbook.xml", &book),
        ("xl/_rels/workbook.xml.rels", &rels),
        ("xl/sharedStrings.xml", &sst),
        ("xl/styles.xml", &styles),
    ]
    .iter()
    .map(|(n, b)| (n.to_string(), b.as_bytes().to_vec()))
    .collect();
    for (name, s) in names.into_iter().zip(sheets) {
        parts.push((name, s.xml.as_bytes().to_vec()));
    }
    parts
}

/// The column letters of the 0-based column `i`.
fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// A workbook holding the records of `csv` (delimiter `delim`): numbers as numbers, the rest
/// as shared strings, empty cells left out.
fn workbook_of_csv(csv: &[u8], delim: u8) -> Vec<u8> {
    workbook_of_sheets(&[("Ark1", csv.to_vec(), delim)])
}

/// A workbook with one sheet per `(name, csv, delimiter)`, each as [`workbook_of_csv`] writes it.
fn workbook_of_sheets(sheets: &[(&str, Vec<u8>, u8)]) -> Vec<u8> {
    let mut shared: Vec<String> = Vec::new();
    let written: Vec<Sheet> = sheets
        .iter()
        .map(|(name, csv, delim)| Sheet::new(name, &sheet_rows(csv, *delim, &mut shared), ""))
        .collect();
    let shared: Vec<&str> = shared.iter().map(String::as_str).collect();
    workbook(&written, &shared, &[], &[], false)
}

/// The `<row>` elements of `csv`, its strings added to `shared`.
fn sheet_rows(csv: &[u8], delim: u8, shared: &mut Vec<String>) -> String {
    let text = match std::str::from_utf8(csv) {
        Ok(t) => t.to_string(),
        Err(_) => tilfreds::read::decode::decode_windows_1252(csv),
    };
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = String::new();
    for (r, record) in reader.records().enumerate() {
        let record = record.unwrap();
        rows.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, field) in record.iter().enumerate() {
            if field.is_empty() {
                continue;
            }
            let at = format!("{}{}", letters(c), r + 1);
            match field.parse::<f64>() {
                Ok(x) if format!("{x}") == field => {
                    rows.push_str(&format!(r#"<c r="{at}"><v>{field}</v></c>"#))
                }
                _ => {
                    let i = shared.iter().position(|s| s == field).unwrap_or_else(|| {
                        shared.push(field.to_string());
                        shared.len() - 1
                    });
                    rows.push_str(&format!(r#"<c r="{at}" t="s"><v>{i}</v></c>"#));
                }
            }
        }
        rows.push_str("</row>");
    }
    rows
}

/// The summary as JSON without what tells how the file was written (its dialect).
fn summary_json(ds: &tilfreds::Dataset, opts: &SummaryOptions) -> Value {
    let mut v = serde_json::to_value(ds.summary(opts)).unwrap();
    v.as_object_mut().unwrap().remove("dialect");
    v
}

/// The rows of the first sheet as the reader would get them (the CSV after `sep=;`).
fn csv_of(book: &[u8], sheet: Option<&str>) -> String {
    let csv = xlsx::to_csv(book, sheet).unwrap();
    String::from_utf8(csv)
        .unwrap()
        .strip_prefix("sep=;\n")
        .unwrap()
        .to_string()
}

#[test]
fn a_workbook_gives_the_same_summary_as_its_csv() {
    for (file, delim, by) in [
        ("enalyzer_excel_utf8_bom.csv", b';', "Kommune"),
        ("surveymonkey_2_header_rows.csv", b',', ""),
        ("qualtrics_3_header_rows.csv", b',', ""),
        ("msforms_excel_cp1252_semicolon.csv", b';', ""),
    ] {
        let bytes = fixture(file);
        let csv = tilfreds::read_bytes(&bytes).unwrap();
        let book = tilfreds::read_bytes(&workbook_of_csv(&bytes, delim)).unwrap();
        let opts = SummaryOptions {
            by: (!by.is_empty()).then(|| by.to_string()),
            ..SummaryOptions::default()
        };
        assert_eq!(
            csv.dialect.header_rows, book.dialect.header_rows,
            "{file}: header rows"
        );
        assert_eq!(
            summary_json(&csv, &opts),
            summary_json(&book, &opts),
            "{file}"
        );
    }
}

/// SurveyXact's Excel export: `Dataset` in two parts (each with its header row), `Structure` and
/// `Labels` give the same summary as its three CSV files.
#[test]
fn surveyxact_sheets_join_like_its_three_files() {
    let dir = "surveyxact_semicolon";
    let read = |n: &str| fixture(&format!("{dir}/{n}"));
    let (dataset, structure, labels) = (
        read("dataset.csv"),
        read("structure.csv"),
        read("labels.csv"),
    );
    let files = [
        ("dataset.csv", dataset.as_slice()),
        ("structure.csv", structure.as_slice()),
        ("labels.csv", labels.as_slice()),
    ];
    let from_files = tilfreds::read::surveyxact::read(&files).unwrap();
    // The dataset split after its header and 5 rows; the second part repeats the header.
    let text = tilfreds::read::decode::decode_windows_1252(&dataset);
    let lines: Vec<&str> = text.lines().collect();
    let first = lines[..6].join("\n") + "\n";
    let second = format!("{}\n{}\n", lines[0], lines[6..].join("\n"));
    let book = workbook_of_sheets(&[
        ("Dataset(1)", first.into_bytes(), b';'),
        ("Dataset(2)", second.into_bytes(), b';'),
        ("Structure", structure.clone(), b';'),
        ("Labels", labels.clone(), b';'),
    ]);
    let from_book = tilfreds::read_bytes(&book).unwrap();
    assert_eq!(from_book.dialect.source.as_deref(), Some("surveyxact"));
    assert_eq!(from_book.facts.rows, from_files.facts.rows);
    assert_eq!(from_book.facts.invited, from_files.facts.invited);
    let opts = SummaryOptions::default();
    assert_eq!(
        summary_json(&from_files, &opts),
        summary_json(&from_book, &opts)
    );
}

#[test]
fn strings_of_every_kind() {
    let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Inline</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><r><t>Ri</t></r><r><rPr><b/></rPr><t>ch</t></r><rPh><t>x</t></rPh></is></c><c r="C2" t="str"><f>A2&amp;"!"</f><v>a; "b"</v></c></row>"#;
    let book = workbook(
        &[Sheet::new("Ark1", rows, "")],
        &[
            "Navn",
            "Svar",
            "<r><t>Bo</t></r><r><rPr><i/></rPr><t xml:space=\"preserve\"> &amp; Co</t></r><rPh><t>ignored</t></rPh>",
        ],
        &[],
        &[],
        false,
    );
    assert_eq!(
        csv_of(&book, None),
        "Navn;Svar;Inline\nBo & Co;Rich;\"a; \"\"b\"\"\"\n"
    );
}

#[test]
fn numbers_booleans_and_errors() {
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c><c r="D1" t="inlineStr"><is><t>d</t></is></c></row>
<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="n"><v>0.10000000000000001</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c></row>
<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3"><v>-3.5E-2</v></c><c r="C3" t="b"><v>0</v></c><c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>"#;
    let book = workbook(&[Sheet::new("Ark1", rows, "")], &[], &[], &[], false);
    assert_eq!(
        csv_of(&book, None),
        "a;b;c;d\n1;0.1;TRUE;#N/A\n2;-0.035;FALSE;#DIV/0!\n"
    );
}

#[test]
fn dates_by_number_format_in_both_systems() {
    // Styles: 1 built-in 14 (date), 2 custom date, 3 built-in 22 (date and time), 4 time,
    // 5 a number format that is not a date.
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>d</t></is></c><c r="B1" t="inlineStr"><is><t>e</t></is></c><c r="C1" t="inlineStr"><is><t>f</t></is></c><c r="D1" t="inlineStr"><is><t>g</t></is></c><c r="E1" t="inlineStr"><is><t>h</t></is></c></row>
<row r="2"><c r="A2" s="1"><v>45292</v></c><c r="B2" s="2"><v>45293</v></c><c r="C2" s="3"><v>45292.5</v></c><c r="D2" s="4"><v>0.3958333333333333</v></c><c r="E2" s="5"><v>45292</v></c></row>"#;
    let formats = [(164, "dd/mm/yyyy;@"), (165, "[h]:mm"), (166, "0.0\" kr\"")];
    let sheet = || Sheet::new("Ark1", rows, "");
    let book = workbook(&[sheet()], &[], &formats, &[14, 164, 22, 165, 166], false);
    assert_eq!(
        csv_of(&book, None),
        "d;e;f;g;h\n2024-01-01;2024-01-02;2024-01-01 12:00;09:30;45292\n"
    );
    let book = workbook(&[sheet()], &[], &formats, &[14, 164, 22, 165, 166], true);
    assert_eq!(
        csv_of(&book, None),
        "d;e;f;g;h\n2028-01-02;2028-01-03;2028-01-02 12:00;09:30;45292\n"
    );
}

#[test]
fn gaps_in_cells_and_rows_and_a_lying_dimension() {
    let rows = r#"<row r="3"><c r="A3" t="inlineStr"><is><t>a</t></is></c><c r="C3" t="inlineStr"><is><t>c</t></is></c><c r="D3" t="inlineStr"><is><t>d</t></is></c></row>
<row r="4" spans="1:4"><c r="B4"><v>2</v></c><c r="C4" s="0"/></row>
<row r="9"><c r="A9"><v>1</v></c><c><v>2</v></c></row>
<row><c r="D10"><v>4</v></c></row>"#;
    let book = workbook(&[Sheet::new("Ark1", rows, "")], &[], &[], &[], false);
    assert_eq!(csv_of(&book, None), "a;;c;d\n;2;;\n1;2;;\n;;;4\n");
}

#[test]
fn merged_header_cells_are_repeated() {
    let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>Kommune</t></is></c><c r="B1" t="inlineStr"><is><t>Hvilke kanaler?</t></is></c></row>
<row r="2"><c r="B2" t="inlineStr"><is><t>Telefon</t></is></c><c r="C2" t="inlineStr"><is><t>E-mail</t></is></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>Aarhus</t></is></c><c r="B3" t="inlineStr"><is><t>Telefon</t></is></c></row>"#;
    let merges = r#"<mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>"#;
    let book = workbook(&[Sheet::new("Ark1", rows, merges)], &[], &[], &[], false);
    assert_eq!(
        csv_of(&book, None),
        "Kommune;Hvilke kanaler?;Hvilke kanaler?\n;Telefon;E-mail\nAarhus;Telefon;\n"
    );
    // Read as a question over its sub-items: two header rows, one respondent.
    let ds = tilfreds::read_bytes(&book).unwrap();
    assert_eq!(ds.dialect.header_rows, 2);
    assert_eq!(ds.facts.rows, 1);
    let names: Vec<&str> = ds.columns.iter().map(|c| c.profile.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Kommune",
            "Hvilke kanaler? – Telefon",
            "Hvilke kanaler? – E-mail"
        ]
    );
}

fn small_sheet(header: &str, value: &str) -> String {
    format!(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>{header}</t></is></c><c r="B1" t="inlineStr"><is><t>Hvor tilfreds er du?</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>{value}</t></is></c><c r="B2" t="inlineStr"><is><t>Tilfreds</t></is></c></row>"#
    )
}

#[test]
fn hidden_and_empty_sheets_are_skipped_and_a_sheet_is_chosen_by_name() {
    let book = workbook(
        &[
            Sheet::new("Skjult", &small_sheet("Hemmelig", "x"), "").hidden(),
            Sheet::new("Tom", "", ""),
            Sheet::new("Svar", &small_sheet("Ydelse", "Sygedagpenge"), ""),
            Sheet::new("Andet", &small_sheet("Afdeling", "Nord"), ""),
        ],
        &[],
        &[],
        &[],
        false,
    );
    assert_eq!(xlsx::sheets(&book).unwrap(), ["Svar", "Andet"]);
    let ds = tilfreds::read_bytes(&book).unwrap();
    assert_eq!(ds.columns[0].profile.name, "Ydelse");
    let read = |sheet: &str| {
        tilfreds::read_with(
            &book,
            &ReadOptions {
                sheet: Some(sheet.into()),
                ..ReadOptions::default()
            },
        )
    };
    assert_eq!(read("Andet").unwrap().columns[0].profile.name, "Afdeling");
    assert_eq!(read("Skjult").unwrap().columns[0].profile.name, "Hemmelig");
    assert_eq!(
        read("Ingen").unwrap_err(),
        Error::NoSuchSheet("Ingen".into())
    );
    assert_eq!(read("Ingen").unwrap_err().code(), "no_such_sheet");
}

#[test]
fn the_streaming_reader_reads_a_workbook_in_any_chunks() {
    let bytes = fixture("enalyzer_excel_utf8_bom.csv");
    let book = workbook_of_csv(&bytes, b';');
    let whole = tilfreds::read_bytes(&book).unwrap();
    for chunk in [1, 7, 1000] {
        let mut a = Analyzer::new(ReadOptions::default());
        for part in book.chunks(chunk) {
            a.push(part).unwrap();
        }
        let ds = a.finish().unwrap();
        assert_eq!(ds.facts.rows, whole.facts.rows);
        assert_eq!(
            summary_json(&ds, &SummaryOptions::default()),
            summary_json(&whole, &SummaryOptions::default())
        );
    }
}

#[test]
fn the_command_line_reads_a_workbook_and_a_sheet() {
    let dir = std::env::temp_dir().join(format!("tilfreds-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Named .csv on purpose: the bytes decide.
    let path = dir.join("svar.csv");
    let book = workbook(
        &[
            Sheet::new("Svar", &small_sheet("Ydelse", "Sygedagpenge"), ""),
            Sheet::new("Andet", &small_sheet("Afdeling", "Nord"), ""),
        ],
        &[],
        &[],
        &[],
        false,
    );
    std::fs::write(&path, &book).unwrap();
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tilfreds"))
            .arg("summary")
            .arg(&path)
            .args(["--json"])
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, _) = run(&[]);
    assert_eq!(code, Some(0));
    assert!(out.contains("\"Ydelse\""), "{out}");
    let (code, out, _) = run(&["--sheet", "Andet"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("\"Afdeling\""), "{out}");
    let (code, _, err) = run(&["--sheet", "Ingen", "--lang", "en"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no sheet named 'Ingen'"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_workbooks_give_the_right_errors() {
    let code = |bytes: &[u8]| tilfreds::read_bytes(bytes).unwrap_err().code();
    let book = workbook(
        &[Sheet::new(
            "Svar",
            &small_sheet("Ydelse", "Sygedagpenge"),
            "",
        )],
        &[],
        &[],
        &[],
        false,
    );
    // Cut off: the central directory is gone.
    assert_eq!(code(&book[..book.len() / 2]), "corrupt_workbook");
    assert_eq!(code(b"PK\x03\x04 not really a zip"), "corrupt_workbook");
    // A deflated part whose bytes are damaged.
    let mut damaged = book.clone();
    let at = damaged
        .windows(15)
        .position(|w| w == b"xl/workbook.xml")
        .unwrap();
    for b in &mut damaged[at + 15..at + 40] {
        *b = 0xFF;
    }
    assert_eq!(code(&damaged), "corrupt_workbook");
    // Compound files: encrypted, old .xls, something else.
    let cfb = |stream: &str| {
        let mut f = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        f.extend(std::iter::repeat_n(0u8, 500));
        f.extend(stream.bytes().flat_map(|b| [b, 0]));
        f.extend(std::iter::repeat_n(0u8, 500));
        f
    };
    assert_eq!(code(&cfb("EncryptedPackage")), "encrypted_workbook");
    assert_eq!(code(&cfb("Workbook")), "old_excel");
    assert_eq!(code(&cfb("WordDocument")), "binary");
    // Other spreadsheets, and a zip that is no spreadsheet.
    let xlsb = zip(&[
        ("[Content_Types].xml", b"<Types/>", false),
        ("xl/workbook.bin", b"\0\0", false),
    ]);
    assert_eq!(
        tilfreds::read_bytes(&xlsb).unwrap_err(),
        Error::OtherSpreadsheet("xlsb")
    );
    let ods = zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
            false,
        ),
        ("content.xml", b"<office:document-content/>", true),
    ]);
    assert_eq!(
        tilfreds::read_bytes(&ods).unwrap_err(),
        Error::OtherSpreadsheet("ods")
    );
    assert_eq!(code(&zip(&[("data.csv", b"a;b\n1;2\n", true)])), "binary");
    // A workbook whose only sheet is empty.
    let empty = workbook(&[Sheet::new("Ark1", "", "")], &[], &[], &[], false);
    assert_eq!(code(&empty), "empty");
    // Every message is worded in both languages.
    for e in [
        Error::Xlsx,
        Error::OtherSpreadsheet("xlsb"),
        Error::OtherSpreadsheet("ods"),
        Error::OtherSpreadsheet("numbers"),
        Error::EncryptedWorkbook,
        Error::OldExcel,
        Error::CorruptWorkbook,
        Error::WorkbookTooLarge { limit_mb: 1024 },
        Error::NoSuchSheet("Ark2".into()),
    ] {
        for lang in [tilfreds::Lang::Da, tilfreds::Lang::En] {
            assert!(e.message(lang).len() > 20, "{e:?}");
        }
    }
}

#[test]
fn a_zip_bomb_is_refused() {
    // 40 MB of one repeated row deflates to a few tens of KB: far above 200:1.
    let row = r#"<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>"#;
    let rows = row.repeat((40 << 20) / row.len());
    let book = workbook(&[Sheet::new("Ark1", &rows, "")], &[], &[], &[], false);
    assert!(book.len() < (40 << 20) / 200, "{}", book.len());
    let err = tilfreds::read_bytes(&book).unwrap_err();
    assert_eq!(err.code(), "workbook_too_large");
    // Listing the sheets decompresses each only up to its first row: the bomb is not set off.
    assert_eq!(xlsx::sheets(&book).unwrap(), ["Ark1"]);
}

/// A sheet of 30,000 rows (megabytes of XML, deflated) with a merged header cell: read a buffer
/// at a time, it gives the same dataset as its CSV, and the merged cell still fills the header.
#[test]
fn a_large_sheet_is_read_as_it_is_decompressed() {
    let steps = ["Meget tilfreds", "Tilfreds", "Utilfreds", "Meget utilfreds"];
    let groups = ["Kontanthjælp", "Dagpenge", "Sygedagpenge"];
    let mut csv = String::from("Ydelse;Tilfredshed;\nYdelse;Kontakten;Mødet\n");
    for i in 0..30_000 {
        csv.push_str(&format!(
            "{};{};{}\n",
            groups[i % 3],
            steps[i % 4],
            steps[(i / 7) % 4]
        ));
    }
    let mut shared = Vec::new();
    let rows = sheet_rows(csv.as_bytes(), b';', &mut shared);
    let shared: Vec<&str> = shared.iter().map(String::as_str).collect();
    // "Tilfredshed" spans B1:C1.
    let merged = r#"<mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>"#;
    let book = workbook(
        &[Sheet::new("Ark1", &rows, merged)],
        &shared,
        &[],
        &[],
        false,
    );
    assert!(
        rows.len() > 2 << 20,
        "the sheet's XML spans many buffers: {}",
        rows.len()
    );
    let filled = csv.replacen("Tilfredshed;\n", "Tilfredshed;Tilfredshed\n", 1);
    let from_csv = tilfreds::read_bytes(filled.as_bytes()).unwrap();
    let from_book = tilfreds::read_bytes(&book).unwrap();
    assert_eq!(from_book.facts.rows, 30_000);
    assert_eq!(from_book.dialect.header_rows, from_csv.dialect.header_rows);
    assert_eq!(
        summary_json(&from_book, &SummaryOptions::default()),
        summary_json(&from_csv, &SummaryOptions::default())
    );
    // The CSV handed over in parts is the same as the whole.
    let mut parts = 0;
    let mut joined = Vec::new();
    xlsx::csv_into(&book, None, &mut |part| {
        parts += 1;
        joined.extend_from_slice(part);
        Ok(())
    })
    .unwrap();
    assert!(parts > 1, "{parts} parts");
    assert_eq!(joined, xlsx::to_csv(&book, None).unwrap());
    assert!(String::from_utf8(joined)
        .unwrap()
        .starts_with("sep=;\nYdelse;Tilfredshed;Tilfredshed\n"));
}

#[test]
fn mutated_workbooks_never_panic() {
    // Stored (not deflated), so that most mutations reach the XML.
    let rows = r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>Hvor tilfreds</t></r></is></c><c r="C1" s="1"><v>45292.5</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c></row><row r="3"><c r="A3"><v>3.5</v></c></row>"#;
    let merges = r#"<mergeCells><mergeCell ref="A1:C1"/></mergeCells>"#;
    let parts = workbook_parts(
        &[
            Sheet::new("Ark1", rows, merges),
            Sheet::new("Ark2", rows, "").hidden(),
        ],
        &["Ydelse", "Sygedagpenge"],
        &[(164, "yyyy-mm-dd hh:mm")],
        &[164],
        false,
    );
    let entries: Vec<(&str, &[u8], bool)> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice(), false))
        .collect();
    let book = zip(&entries);
    assert!(tilfreds::read_bytes(&book).is_ok());
    // A small deterministic generator: the same cases every run.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let mut m = book.clone();
        for _ in 0..1 + next() % 4 {
            let at = (next() % m.len() as u64) as usize;
            match next() % 3 {
                0 => m[at] = next() as u8,
                1 => m.truncate(at.max(1)),
                _ => m.insert(at, next() as u8),
            }
        }
        let _ = tilfreds::read_bytes(&m);
        let _ = xlsx::sheets(&m);
    }
}
