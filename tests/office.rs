//! The report as Word and PowerPoint files: well-formed parts, escaped text, native tables,
//! pictures with their alternative text, the report's order (main results first) and no
//! withheld group; and LibreOffice's own reading of the files the command line writes
//! (converted to PDF headless, then read back with pdftotext).

use std::collections::BTreeMap;

use tilfreds::present::office::{docx, pptx, report, Block, Cell, Document, Image, Slide, Slides};
use tilfreds::read::zip::Archive;
use tilfreds::words::lang::{format_mean, Lang};
use tilfreds::{Summary, SummaryOptions};

use crate::util::SplitMix;

/// The question whose text holds the characters XML must escape.
const ESCAPED_QUESTION: &str = "Hvor tilfreds er du med hjælp & service (pris < 5 kr.)?";
/// A group with too few answers to be shown anywhere.
const SMALL_GROUP: &str = "Jobafklaring";

/// A survey made up here: three questions on the satisfaction scale by "Ydelse", one group far
/// more satisfied than the others, one group too small to show.
fn survey_csv() -> String {
    let steps = crate::util::STEPS;
    let mut rng = SplitMix(19);
    let mut out = format!(
        "Ydelse;Hvor tilfreds er du samlet set med jobcentret?;Hvor let er det at komme i kontakt med jobcentret?;{ESCAPED_QUESTION}\n"
    );
    let groups: [(&str, usize, [u64; 5]); 4] = [
        ("Sygedagpenge", 70, [40, 35, 10, 10, 5]),
        ("Kontanthjælp", 70, [10, 25, 25, 25, 15]),
        ("Fleksjob", 50, [20, 30, 20, 20, 10]),
        (SMALL_GROUP, 2, [20, 20, 20, 20, 20]),
    ];
    for (group, rows, weights) in groups {
        for _ in 0..rows {
            out.push_str(group);
            for q in 0..3u64 {
                // Each question a little less positive than the one before.
                let mut w = weights;
                w[4] += 5 * q;
                out.push(';');
                out.push_str(steps[rng.pick(&w)]);
            }
            out.push('\n');
        }
    }
    out
}

fn summary() -> Summary {
    let ds = crate::util::read_text(&survey_csv());
    ds.summary(&SummaryOptions {
        by: Some("Ydelse".into()),
        ..SummaryOptions::default()
    })
}

fn facts() -> report::Facts {
    report::Facts {
        file: "tilfredshed.csv".into(),
        date: "3. december 2026".into(),
        author: "Jobcenter Syd".into(),
    }
}

/// A PNG of `w` × `h` white pixels, written here (signature, IHDR, IDAT, IEND; PNG spec
/// section 5), so the tests need no picture files.
fn png(w: u32, h: u32) -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = !0u32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = (c >> 1) ^ (0xEDB8_8320 & (c & 1).wrapping_neg());
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc(&body).to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    let mut raw = Vec::new();
    for _ in 0..h {
        raw.push(0); // no filter
        raw.extend(std::iter::repeat_n(255u8, w as usize * 3));
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(
        &mut out,
        b"IDAT",
        &miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6),
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Every part of a zip archive.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = Archive::open(bytes).expect("a zip archive");
    let names: Vec<String> = archive.entries().iter().map(|e| e.name.clone()).collect();
    names
        .into_iter()
        .map(|n| {
            let data = archive.read(&n).unwrap().unwrap();
            (n, data)
        })
        .collect()
}

fn text_of(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts[name].clone()).unwrap()
}

/// Reads `xml` to its end with an XML parser that checks every end tag against its start tag;
/// returns the text content, unescaped.
fn well_formed(name: &str, xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut depth, mut text) = (0i64, String::new());
    loop {
        match reader.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth -= 1,
            Ok(Event::Text(t)) => text.push_str(&t.unescape().expect("escaped text")),
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} is not well-formed: {e}"),
        }
    }
    assert_eq!(depth, 0, "{name}: unclosed elements");
    text
}

/// Every XML part of an Office file parsed; the text of them all.
fn all_well_formed(parts: &BTreeMap<String, Vec<u8>>) -> String {
    let mut text = String::new();
    for (name, data) in parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            text.push_str(&well_formed(name, std::str::from_utf8(data).unwrap()));
            text.push('\n');
        }
    }
    text
}

fn no_raster(_: &tilfreds::present::chart::Chart) -> Option<(Vec<u8>, u32, u32)> {
    None
}

#[test]
fn the_report_opens_with_the_findings_and_names_no_withheld_group() {
    let s = summary();
    assert!(!s.findings.is_empty(), "the survey has main results");
    assert!(
        s.columns[1].withheld_groups > 0,
        "the small group is withheld"
    );
    let doc = report::document(&s, &facts(), Lang::Da, &mut no_raster);
    let Block::Heading { level: 1, text } = &doc.blocks[0] else {
        panic!("the report opens with a heading: {:?}", doc.blocks[0]);
    };
    assert_eq!(text, "Hovedresultater");
    for (i, f) in s.findings.iter().enumerate() {
        assert_eq!(doc.blocks[1 + i], Block::Paragraph { text: f.da.clone() });
    }
    // One heading and one table per question, the table with a row for all answers and one
    // per shown group.
    let questions: Vec<_> = s.columns.iter().filter(|c| c.stats.is_some()).collect();
    assert_eq!(questions.len(), 3);
    for c in &questions {
        let at = doc
            .blocks
            .iter()
            .position(|b| {
                *b == Block::Heading {
                    level: 2,
                    text: c.name.clone(),
                }
            })
            .unwrap_or_else(|| panic!("no heading for {}", c.name));
        let table = doc.blocks[at..]
            .iter()
            .find_map(|b| match b {
                Block::Table { rows, .. } => Some(rows),
                _ => None,
            })
            .unwrap();
        assert_eq!(table.len(), 1 + c.by_stats.len());
        let stats = c.stats.as_ref().unwrap();
        assert_eq!(
            table[0][2],
            Cell::Number {
                value: stats.mean,
                text: format_mean(stats.mean, Lang::Da)
            }
        );
    }
    let json = serde_json::to_string(&doc).unwrap();
    assert!(!json.contains(SMALL_GROUP), "a withheld group is named");
    // The methods appendix comes last and states the suppression rule.
    let last = doc
        .blocks
        .iter()
        .rposition(|b| matches!(b, Block::Heading { level: 1, .. }));
    assert_eq!(
        doc.blocks[last.unwrap()],
        Block::Heading {
            level: 1,
            text: "Bilag: metode".into()
        }
    );
    assert!(json.contains(&format!("færre end {} svar", s.min_cell)));
}

#[test]
fn a_document_read_back_from_json_is_the_same() {
    let doc = Document {
        title: "T".into(),
        blocks: vec![
            Block::Table {
                caption: String::new(),
                header: vec!["a".into(), "b".into()],
                rows: vec![vec![
                    Cell::Text("x".into()),
                    Cell::Number {
                        value: 4.37,
                        text: "4,37".into(),
                    },
                ]],
            },
            Block::Image(Image {
                png: png(3, 2),
                width_px: 3,
                height_px: 2,
                alt: "Diagram".into(),
            }),
            Block::PageBreak,
        ],
        ..Document::default()
    };
    let json = serde_json::to_string(&doc).unwrap();
    assert!(json.contains(r#"{"value":4.37,"text":"4,37"}"#), "{json}");
    assert!(json.contains(r#""png":"iVBORw0KGgo"#), "base64 PNG: {json}");
    assert_eq!(serde_json::from_str::<Document>(&json).unwrap(), doc);
    // A page's JSON as written by hand: a cell as a plain string, no optional fields.
    let page = r#"{"title":"R","blocks":[{"type":"heading","level":1,"text":"H"},{"type":"table","header":["a"],"rows":[["x"],[{"value":1,"text":"1"}]]},{"type":"page_break"}]}"#;
    let read: Document = serde_json::from_str(page).unwrap();
    assert_eq!(read.blocks.len(), 3);
}

#[test]
fn word_parts_are_well_formed_with_native_tables_styles_and_pictures() {
    let s = summary();
    let mut raster = |_: &tilfreds::present::chart::Chart| Some((png(40, 20), 40, 20));
    let mut doc = report::document(&s, &facts(), Lang::Da, &mut raster);
    doc.blocks.push(Block::Paragraph {
        text: "a < b & c > \"d\" 'e'\u{1}".into(),
    });
    let files = parts(&docx::write(&doc));
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
    ] {
        assert!(files.contains_key(part), "no {part}");
    }
    let text = all_well_formed(&files);
    assert!(
        text.contains("a < b & c > \"d\" 'e'"),
        "escaped text read back"
    );
    let body = text_of(&files, "word/document.xml");
    // Every table: a header row marked to repeat, then one row per body row.
    let tables: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table { .. }))
        .collect();
    let rows: usize = tables
        .iter()
        .map(|b| match b {
            Block::Table { rows, .. } => rows.len() + 1,
            _ => 0,
        })
        .sum();
    assert_eq!(body.matches("<w:tbl>").count(), tables.len());
    assert_eq!(body.matches("<w:tr>").count(), rows);
    assert_eq!(body.matches("<w:tblHeader/>").count(), tables.len());
    // Numbers sit right in their cells, as the Danish text.
    let c = &s.columns[1];
    let mean = format_mean(c.stats.as_ref().unwrap().mean, Lang::Da);
    assert!(body.contains(&format!(
        "<w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{mean}</w:t>"
    )));
    // Headings in Word's heading styles, which styles.xml defines with outline levels.
    assert!(body.contains("<w:pStyle w:val=\"Heading1\"/>"));
    assert!(body.contains("<w:pStyle w:val=\"Heading2\"/>"));
    let styles = text_of(&files, "word/styles.xml");
    assert!(
        styles.contains("w:styleId=\"Heading1\"") && styles.contains("<w:outlineLvl w:val=\"1\"/>")
    );
    // One picture per image block, each with its alternative text and its part.
    let images = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Image(_)))
        .count();
    assert_eq!(images, 4, "the overview and one chart per question");
    assert_eq!(body.matches("<wp:inline").count(), images);
    assert!(body.contains("descr=\"Diagram: Alle spørgsmål, sorteret efter andel positive svar\""));
    for i in 1..=images {
        assert_eq!(files[&format!("word/media/image{i}.png")], png(40, 20));
    }
    assert_eq!(body.matches("<w:br w:type=\"page\"/>").count(), 2);
    assert!(body.contains("&amp; service (pris &lt; 5 kr.)?"));
}

#[test]
fn slides_are_16_to_9_with_a_picture_title_source_and_finding_each() {
    let s = summary();
    let mut raster = |_: &tilfreds::present::chart::Chart| Some((png(40, 20), 40, 20));
    let deck = report::slides(&s, &facts(), Lang::En, &mut raster);
    assert_eq!(deck.slides.len(), 4, "the overview and one per question");
    let files = parts(&pptx::write(&deck));
    let text = all_well_formed(&files);
    let presentation = text_of(&files, "ppt/presentation.xml");
    assert!(presentation.contains("<p:sldSz cx=\"12192000\" cy=\"6858000\"/>"));
    assert_eq!(presentation.matches("<p:sldId ").count(), 4);
    for (i, slide) in deck.slides.iter().enumerate() {
        let xml = text_of(&files, &format!("ppt/slides/slide{}.xml", i + 1));
        assert!(xml.contains("<p:ph type=\"title\"/>"));
        assert!(xml.contains("<p:pic>") && xml.contains("descr=\"Chart: "));
        assert!(files.contains_key(&format!("ppt/media/image{}.png", i + 1)));
        assert!(text.contains(&slide.source_line));
        assert!(slide
            .source_line
            .starts_with("Source: tilfredshed.csv; n = 192"));
    }
    // Every finding is on a slide.
    for f in &s.findings {
        assert!(
            deck.slides.iter().any(|sl| sl.finding.contains(&f.en)),
            "{}",
            f.en
        );
    }
    // A slide without a picture has no picture part and its finding takes the width.
    let bare = Slides {
        lang: Lang::Da,
        slides: vec![Slide {
            title: "Kun tekst & tal".into(),
            finding: "4,37".into(),
            ..Slide::default()
        }],
    };
    let files = parts(&pptx::write(&bare));
    assert!(all_well_formed(&files).contains("Kun tekst & tal"));
    assert!(!files.keys().any(|k| k.starts_with("ppt/media/")));
}

/// Text without white space (line ends, no-break spaces) and hyphens: pdftotext joins a word
/// hyphenated at a line's end, and a hyphen of the text itself may end a line.
fn flat(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// Converts the files the command line writes with LibreOffice, headless, in one run, and reads
/// the PDFs back. Skipped with a note where LibreOffice is missing, unless
/// TILFREDS_REQUIRE_OFFICE=1 (as `./build.sh test` sets, after installing it).
#[test]
fn libreoffice_reads_the_word_and_powerpoint_files() {
    // Found when it starts at all (pdftotext has no --version, and says so).
    let found = |tool: &str| std::process::Command::new(tool).arg("-v").output().is_ok();
    if !found("soffice") || !found("pdftotext") {
        assert!(
            std::env::var("TILFREDS_REQUIRE_OFFICE").as_deref() != Ok("1"),
            "TILFREDS_REQUIRE_OFFICE=1 but soffice or pdftotext is missing"
        );
        println!("note: soffice or pdftotext is missing; the LibreOffice test is skipped");
        return;
    }
    let dir = std::env::temp_dir().join(format!("tilfreds-office-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("tilfredshed.csv");
    std::fs::write(&csv, survey_csv()).unwrap();
    let (docx_path, pptx_path) = (dir.join("rapport.docx"), dir.join("slides.pptx"));
    for out in [&docx_path, &pptx_path] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_tilfreds"))
            .args(["report", csv.to_str().unwrap(), "--by", "Ydelse", "--out"])
            .arg(out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let converted = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&docx_path)
        .arg(&pptx_path)
        .output()
        .unwrap();
    assert!(converted.status.success(), "{converted:?}");
    let pdf_text = |name: &str| {
        let out = std::process::Command::new("pdftotext")
            .arg(dir.join(name))
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success(), "pdftotext {name}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let (word_text, slides_text) = (pdf_text("rapport.pdf"), pdf_text("slides.pdf"));
    let (word, slides) = (flat(&word_text), flat(&slides_text));
    // The words of the Word file one space apart, to find a number as a word of its own.
    let word_words = format!(
        " {} ",
        word_text.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let s = summary();
    for c in s.columns.iter().filter(|c| c.stats.is_some()) {
        assert!(word.contains(&flat(&c.name)), "Word: no {}", c.name);
        assert!(slides.contains(&flat(&c.name)), "PowerPoint: no {}", c.name);
        // The mean in the table, with a decimal comma.
        let mean = format_mean(c.stats.as_ref().unwrap().mean, Lang::Da);
        assert!(mean.contains(','));
        assert!(
            word_words.contains(&format!(" {mean} ")),
            "Word: no mean {mean}"
        );
    }
    for f in &s.findings {
        assert!(word.contains(&flat(&f.da)), "Word: no finding {}", f.da);
        assert!(
            slides.contains(&flat(&f.da)),
            "PowerPoint: no finding {}",
            f.da
        );
    }
    assert!(word_words.contains(" Hovedresultater ") && word_words.contains(" Bilag: metode "));
    assert!(!word.contains(SMALL_GROUP) && !slides.contains(SMALL_GROUP));
    let _ = std::fs::remove_dir_all(&dir);
}
