//! The Excel workbook reader on arbitrary bytes.
//!
//! Input layout: byte 0 chooses what the rest is: 0–3 replace one part of a small stored
//! workbook (0 the sheet, 1 the shared strings, 2 the styles, 3 the workbook part), so the
//! XML readers are reached; anything else is the whole file, so the zip reader is.
//!
//! Nothing may panic, hang or run out of memory: reading either fails with a typed error or
//! yields a dataset.

#![no_main]

use libfuzzer_sys::fuzz_target;

/// A zip of stored `entries` (no checksums: the reader checks none).
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let mut header = Vec::new();
        header.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        header.extend_from_slice(&(data.len() as u32).to_le_bytes());
        header.extend_from_slice(&(data.len() as u32).to_le_bytes());
        header.extend_from_slice(&(name.len() as u16).to_le_bytes());
        header.extend_from_slice(&[0, 0]);
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&header);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(b"PK\x01\x02\x14\0");
        central.extend_from_slice(&header);
        central.extend_from_slice(&[0; 10]);
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let dir = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    let n = (entries.len() as u16).to_le_bytes();
    out.extend_from_slice(&n);
    out.extend_from_slice(&n);
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&dir.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

const SHEET: &[u8] = br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Hvor tilfreds?</t></is></c></row><row r="2"><c r="A2" s="1"><v>45292</v></c><c r="B2" t="s"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#;
const SHARED: &[u8] = br#"<sst><si><t>Dato</t></si><si><r><t>Til</t></r><r><t>freds</t></r></si></sst>"#;
const STYLES: &[u8] = br#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>"#;
const BOOK: &[u8] = br#"<workbook xmlns:r="r"><workbookPr date1904="0"/><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &[u8] = br#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

fuzz_target!(|data: &[u8]| {
    let Some((&control, rest)) = data.split_first() else {
        return;
    };
    let mut parts: [&[u8]; 4] = [SHEET, SHARED, STYLES, BOOK];
    let file = if (control as usize) < parts.len() {
        parts[control as usize] = rest;
        zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/worksheets/sheet1.xml", parts[0]),
            ("xl/sharedStrings.xml", parts[1]),
            ("xl/styles.xml", parts[2]),
            ("xl/workbook.xml", parts[3]),
            ("xl/_rels/workbook.xml.rels", RELS),
        ])
    } else {
        rest.to_vec()
    };
    let _ = tilfreds::read::xlsx::sheets(&file);
    if let Ok(ds) = tilfreds::read_bytes(&file) {
        let _ = ds.summary(&tilfreds::SummaryOptions::default());
    }
});
