//! SPSS data files (.sav, .zsav), written here by a small writer that follows the GNU PSPP
//! manual's description of the system file format: the same summary as the CSV SPSS would save
//! with value labels, in every compression and both text encodings; the value labels as the
//! scale in code order; missing values as non-substantive answers; bad files refused with the
//! right error, never a panic.

use serde_json::Value;
use tilfreds::model::kinds::ScaleSource;
use tilfreds::{Analyzer, ReadOptions, SummaryOptions};

use crate::util::{column, count, SplitMix, STEPS};

/// One cell of a variable.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// A number.
    N(f64),
    /// A string.
    S(String),
    /// System-missing (an empty cell).
    Sys,
}

/// One variable of a file being written.
#[derive(Clone, Debug)]
pub struct Var {
    /// Its name (a long name when over 8 bytes).
    pub name: String,
    /// Its label (the question text).
    pub label: Option<String>,
    /// 0 for numbers, else the string's width.
    pub width: usize,
    /// The print format type (5 = F, 20 = DATE).
    pub format: u8,
    /// One cell per case.
    pub cells: Vec<Cell>,
    /// Value labels.
    pub labels: Vec<(Cell, String)>,
    /// Discrete missing values.
    pub missing: Vec<Cell>,
    /// A missing range (numbers only).
    pub range: Option<(f64, f64)>,
}

impl Var {
    fn number(name: &str, label: Option<&str>, cells: Vec<Cell>) -> Var {
        Var {
            name: name.into(),
            label: label.map(str::to_string),
            width: 0,
            format: 5,
            cells,
            labels: Vec::new(),
            missing: Vec::new(),
            range: None,
        }
    }

    fn string(name: &str, label: Option<&str>, width: usize, cells: Vec<Cell>) -> Var {
        Var {
            width,
            format: 1,
            ..Var::number(name, label, cells)
        }
    }

    fn labelled(mut self, labels: &[(f64, &str)]) -> Var {
        self.labels = labels
            .iter()
            .map(|(v, l)| (Cell::N(*v), l.to_string()))
            .collect();
        self
    }

    fn units(&self) -> usize {
        if self.width == 0 {
            1
        } else {
            segments(self.width)
                .iter()
                .map(|w| w.div_ceil(8))
                .sum::<usize>()
        }
    }
}

/// The widths of a string's segments: one up to 255 bytes, else 255-byte segments holding 252
/// bytes each and the rest.
fn segments(width: usize) -> Vec<usize> {
    if width <= 255 {
        return vec![width];
    }
    let n = width.div_ceil(252);
    let mut out = vec![255; n - 1];
    out.push(width - 252 * (n - 1));
    out
}

/// How the file says its text encoding.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Encoding {
    /// UTF-8, in an encoding record (subtype 20).
    Utf8Record,
    /// Windows-1252, in an encoding record.
    Windows1252Record,
    /// Windows-1252 by the character code of the integer info record only (older files).
    Windows1252Code,
    /// A name the reader does not read.
    Named(&'static str),
}

/// How the data is written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Compression {
    /// Uncompressed (0).
    None,
    /// Bytecode-compressed (1).
    Bytecode,
    /// zlib-compressed (.zsav, 2) in blocks of this many bytes.
    Zlib(usize),
}

fn encode(s: &str, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8Record | Encoding::Named(_) => s.as_bytes().to_vec(),
        _ => encoding_rs::WINDOWS_1252.encode(s).0.into_owned(),
    }
}

fn padded(mut b: Vec<u8>, len: usize) -> Vec<u8> {
    b.truncate(len);
    b.resize(len, b' ');
    b
}

fn i32s(out: &mut Vec<u8>, big: bool, values: &[i32]) {
    for v in values {
        out.extend_from_slice(&if big {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        });
    }
}

fn num(x: f64, big: bool) -> [u8; 8] {
    if big {
        x.to_be_bytes()
    } else {
        x.to_le_bytes()
    }
}

fn long(x: i64, big: bool) -> [u8; 8] {
    if big {
        x.to_be_bytes()
    } else {
        x.to_le_bytes()
    }
}

fn cell_bytes(cell: &Cell, width: usize, enc: Encoding, big: bool) -> [u8; 8] {
    match cell {
        Cell::N(x) => num(*x, big),
        Cell::Sys => num(-f64::MAX, big),
        Cell::S(s) => {
            let mut b = [b' '; 8];
            let e = padded(encode(s, enc), width.min(8));
            b[..e.len()].copy_from_slice(&e);
            b
        }
    }
}

/// An SPSS system file of `vars` (all with the same number of cells), little-endian.
/// `cases_known`: the header says how many cases there are (else -1).
pub fn sav(vars: &[Var], enc: Encoding, compression: Compression, cases_known: bool) -> Vec<u8> {
    sav_in(vars, enc, compression, cases_known, false)
}

/// [`sav`] in either byte order (`big`: big-endian, as SPSS on SPARC and old Macs wrote).
pub fn sav_in(
    vars: &[Var],
    enc: Encoding,
    compression: Compression,
    cases_known: bool,
    big: bool,
) -> Vec<u8> {
    let cases = vars.first().map_or(0, |v| v.cells.len());
    let units: usize = vars.iter().map(Var::units).sum();
    let mut out = Vec::new();
    out.extend_from_slice(if matches!(compression, Compression::Zlib(_)) {
        b"$FL3"
    } else {
        b"$FL2"
    });
    out.extend_from_slice(&padded(b"@(#) SPSS DATA FILE tilfreds tests".to_vec(), 60));
    let code = match compression {
        Compression::None => 0,
        Compression::Bytecode => 1,
        Compression::Zlib(_) => 2,
    };
    let n = if cases_known { cases as i32 } else { -1 };
    i32s(&mut out, big, &[2, units as i32, code, 0, n]);
    out.extend_from_slice(&num(100.0, big));
    out.extend_from_slice(b"03 Dec 2601:02:03");
    out.extend_from_slice(&padded(Vec::new(), 64));
    out.extend_from_slice(&[0; 3]);
    assert_eq!(out.len(), 176);

    let mut long_names = Vec::new();
    let mut very_long = Vec::new();
    let mut unit = 1usize;
    let mut label_records = Vec::new();
    for (i, v) in vars.iter().enumerate() {
        let short = format!("V{}", i + 1);
        long_names.push(format!("{short}={}", v.name));
        if v.width > 255 {
            very_long.extend_from_slice(format!("{short}={:05}\0\t", v.width).as_bytes());
        }
        for (s, &w) in segments(v.width.max(1)).iter().enumerate() {
            let name = if s == 0 {
                short.clone()
            } else {
                format!("V{}S{s}", i + 1)
            };
            let w = if v.width == 0 { 0 } else { w };
            let label = if s == 0 { v.label.as_deref() } else { None };
            // A range and at most one discrete value: -2 or -3.
            let n_missing = match (s, v.range) {
                (0, Some(_)) => -2 - v.missing.len() as i32,
                (0, None) => v.missing.len() as i32,
                _ => 0,
            };
            let fmt = (i32::from(v.format) << 16) | ((w.clamp(8, 40) as i32) << 8);
            i32s(
                &mut out,
                big,
                &[2, w as i32, label.is_some() as i32, n_missing, fmt, fmt],
            );
            out.extend_from_slice(&padded(name.into_bytes(), 8));
            if let Some(l) = label {
                let b = encode(l, enc);
                i32s(&mut out, big, &[b.len() as i32]);
                let len = b.len().div_ceil(4) * 4;
                out.extend_from_slice(&padded(b, len));
            }
            if s == 0 {
                if let Some((lo, hi)) = v.range {
                    out.extend_from_slice(&num(lo, big));
                    out.extend_from_slice(&num(hi, big));
                }
                for m in &v.missing {
                    out.extend_from_slice(&cell_bytes(m, v.width, enc, big));
                }
            }
            if s == 0 && !v.labels.is_empty() {
                label_records.push((unit, v.labels.clone(), v.width));
            }
            unit += 1;
            for _ in 1..w.div_ceil(8) {
                i32s(&mut out, big, &[2, -1, 0, 0, 0, 0]);
                out.extend_from_slice(b"        ");
                unit += 1;
            }
        }
    }
    for (at, labels, width) in label_records {
        i32s(&mut out, big, &[3, labels.len() as i32]);
        for (value, label) in labels {
            out.extend_from_slice(&cell_bytes(&value, width, enc, big));
            let b = encode(&label, enc);
            out.push(b.len() as u8);
            let len = (b.len() + 1).div_ceil(8) * 8 - 1;
            out.extend_from_slice(&padded(b, len));
        }
        i32s(&mut out, big, &[4, 1, at as i32]);
    }
    // A document record, skipped.
    i32s(&mut out, big, &[6, 1]);
    out.extend_from_slice(&padded(b"Made by the tests.".to_vec(), 80));
    let character_code = match enc {
        Encoding::Utf8Record => 65001,
        _ => 1252,
    };
    let endianness = if big { 1 } else { 2 };
    i32s(
        &mut out,
        big,
        &[7, 3, 4, 8, 1, 0, 0, -1, 1, 1, endianness, character_code],
    );
    i32s(&mut out, big, &[7, 4, 8, 3]);
    for x in [-f64::MAX, f64::MAX, -f64::MAX.next_up()] {
        out.extend_from_slice(&num(x, big));
    }
    // Display parameters (subtype 11), skipped by size.
    i32s(&mut out, big, &[7, 11, 4, 3, 1, 8, 0]);
    let names = long_names.join("\t");
    let names = encode(&names, enc);
    i32s(&mut out, big, &[7, 13, 1, names.len() as i32]);
    out.extend_from_slice(&names);
    if !very_long.is_empty() {
        i32s(&mut out, big, &[7, 14, 1, very_long.len() as i32]);
        out.extend_from_slice(&very_long);
    }
    let name: Option<&str> = match enc {
        Encoding::Utf8Record => Some("UTF-8"),
        Encoding::Windows1252Record => Some("windows-1252"),
        Encoding::Windows1252Code => None,
        Encoding::Named(n) => Some(n),
    };
    if let Some(name) = name {
        i32s(&mut out, big, &[7, 20, 1, name.len() as i32]);
        out.extend_from_slice(name.as_bytes());
    }
    i32s(&mut out, big, &[999, 0]);

    // The cases as 8-byte units, each with whether it is a number.
    let mut data: Vec<([u8; 8], bool)> = Vec::new();
    for row in 0..cases {
        for v in vars {
            let cell = &v.cells[row];
            if v.width == 0 {
                data.push((cell_bytes(cell, 0, enc, big), true));
                continue;
            }
            let text = match cell {
                Cell::S(s) => encode(s, enc),
                _ => Vec::new(),
            };
            let mut rest = &text[..];
            for w in segments(v.width) {
                let used = if w == 255 && v.width > 255 { 252 } else { w };
                let take = rest.len().min(used);
                let seg = padded(rest[..take].to_vec(), w.div_ceil(8) * 8);
                rest = &rest[take..];
                for chunk in seg.chunks(8) {
                    data.push((chunk.try_into().unwrap(), false));
                }
            }
        }
    }
    match compression {
        Compression::None => {
            for (u, _) in &data {
                out.extend_from_slice(u);
            }
        }
        Compression::Bytecode => out.extend_from_slice(&bytecode(&data, big)),
        Compression::Zlib(block) => {
            let stream = bytecode(&data, big);
            let header_at = out.len() as i64;
            let blocks: Vec<&[u8]> = stream.chunks(block).collect();
            let packed: Vec<Vec<u8>> = blocks
                .iter()
                .map(|b| miniz_oxide::deflate::compress_to_vec_zlib(b, 6))
                .collect();
            let trailer_at = header_at + 24 + packed.iter().map(Vec::len).sum::<usize>() as i64;
            let trailer_len = 24 + 24 * blocks.len() as i64;
            for x in [header_at, trailer_at, trailer_len] {
                out.extend_from_slice(&long(x, big));
            }
            for p in &packed {
                out.extend_from_slice(p);
            }
            out.extend_from_slice(&long(-100, big));
            out.extend_from_slice(&long(0, big));
            i32s(&mut out, big, &[block as i32, blocks.len() as i32]);
            let (mut raw_at, mut packed_at) = (header_at, header_at + 24);
            for (b, p) in blocks.iter().zip(&packed) {
                out.extend_from_slice(&long(raw_at, big));
                out.extend_from_slice(&long(packed_at, big));
                i32s(&mut out, big, &[b.len() as i32, p.len() as i32]);
                raw_at += b.len() as i64;
                packed_at += p.len() as i64;
            }
        }
    }
    out
}

/// Bytecode compression with bias 100: command blocks of 8, raw units after each block.
fn bytecode(data: &[([u8; 8], bool)], big: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for block in data.chunks(8) {
        let mut commands = [0u8; 8];
        let mut raw = Vec::new();
        for (i, (unit, numeric)) in block.iter().enumerate() {
            let x = if big {
                f64::from_be_bytes(*unit)
            } else {
                f64::from_le_bytes(*unit)
            };
            commands[i] = if *numeric && x == -f64::MAX {
                255
            } else if *numeric && x.fract() == 0.0 && (-99.0..=151.0).contains(&x) {
                (x + 100.0) as u8
            } else if !*numeric && unit == b"        " {
                254
            } else {
                raw.extend_from_slice(unit);
                253
            };
        }
        out.extend_from_slice(&commands);
        out.extend_from_slice(&raw);
    }
    out.extend_from_slice(&[252, 0, 0, 0, 0, 0, 0, 0]);
    out
}

/// The summary as JSON without what tells how the file was written (its dialect).
fn summary_json(ds: &tilfreds::Dataset, opts: &SummaryOptions) -> Value {
    let mut v = serde_json::to_value(ds.summary(opts)).unwrap();
    v.as_object_mut().unwrap().remove("dialect");
    v
}

/// The CSV SPSS saves of `vars` with value labels shown: `;` between fields.
fn csv_of(vars: &[Var]) -> String {
    let field = |s: &str| {
        if s.contains([';', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out: Vec<String> = vec![vars
        .iter()
        .map(|v| field(v.label.as_deref().unwrap_or(&v.name)))
        .collect::<Vec<_>>()
        .join(";")];
    for row in 0..vars[0].cells.len() {
        let cells: Vec<String> = vars
            .iter()
            .map(|v| {
                let c = &v.cells[row];
                if let Some((_, l)) = v.labels.iter().find(|(value, _)| value == c) {
                    return field(l);
                }
                match c {
                    Cell::N(x) => format!("{x}"),
                    Cell::S(s) => field(s.trim_end()),
                    Cell::Sys => String::new(),
                }
            })
            .collect();
        out.push(cells.join(";"));
    }
    out.join("\n") + "\n"
}

/// A survey of `rows` answers: a satisfaction scale labelled 1–5 with "Ved ikke" as a missing
/// 9, a grouping as a labelled code, free text with Danish letters, an age, a yes/no string, a
/// scale by a long variable name without a label, and a very long comment.
fn survey(rows: usize, seed: u64) -> Vec<Var> {
    let mut rng = SplitMix(seed);
    let mut scale = Vec::new();
    let mut kommune = Vec::new();
    let mut ydelse = Vec::new();
    let mut alder = Vec::new();
    let mut ja = Vec::new();
    let mut enig = Vec::new();
    let mut kommentar = Vec::new();
    for r in 0..rows {
        scale.push(match rng.pick(&[2, 5, 8, 10, 6, 2, 1]) {
            5 => Cell::N(9.0),
            6 => Cell::Sys,
            i => Cell::N(i as f64 + 1.0),
        });
        kommune.push(Cell::N([101.0, 147.0, 751.0][rng.pick(&[5, 3, 4])]));
        ydelse.push(Cell::S(
            [
                "Sygedagpenge",
                "Kontanthjælp",
                "Førtidspension",
                "Ældrepleje; hjemmehjælp",
            ][rng.pick(&[4, 3, 2, 2])]
            .into(),
        ));
        alder.push(if r % 17 == 0 {
            Cell::Sys
        } else {
            Cell::N(18.0 + rng.below(60) as f64)
        });
        ja.push(Cell::S(["J", "N"][rng.pick(&[3, 1])].into()));
        enig.push(Cell::N(1.0 + rng.pick(&[1, 2, 4, 6, 3]) as f64));
        kommentar.push(if r % 5 == 0 {
            Cell::S(format!(
                "Svar {r}: {}",
                "sagsbehandleren var venlig og hurtig, men ventetiden var lang. ".repeat(5)
            ))
        } else {
            Cell::S(String::new())
        });
    }
    let steps: Vec<(f64, &str)> = STEPS
        .iter()
        .rev()
        .enumerate()
        .map(|(i, s)| (i as f64 + 1.0, *s))
        .collect();
    let mut with_dont_know = steps.clone();
    with_dont_know.push((9.0, "Ved ikke"));
    let mut satisfaction = Var::number(
        "q1",
        Some("Hvor tilfreds er du alt i alt med forløbet?"),
        scale,
    )
    .labelled(&with_dont_know);
    satisfaction.missing = vec![Cell::N(9.0)];
    let mut ja_nej = Var::string("q4", Some("Fik du svar på dit spørgsmål?"), 1, ja);
    ja_nej.labels = vec![
        (Cell::S("J".into()), "Ja".into()),
        (Cell::S("N".into()), "Nej".into()),
    ];
    vec![
        satisfaction,
        Var::number("kommune", Some("Kommune"), kommune).labelled(&[
            (101.0, "København"),
            (147.0, "Frederiksberg"),
            (751.0, "Aarhus"),
        ]),
        Var::string("ydelse", Some("Hvilken ydelse modtager du?"), 40, ydelse),
        Var::number("alder", Some("Alder"), alder),
        ja_nej,
        Var::number("enig_med_sagsbehandler_vurdering", None, enig).labelled(&[
            (1.0, "Helt uenig"),
            (2.0, "Uenig"),
            (3.0, "Hverken enig eller uenig"),
            (4.0, "Enig"),
            (5.0, "Helt enig"),
        ]),
        Var::string("kommentar", Some("Uddyb gerne dit svar"), 400, kommentar),
    ]
}

const VARIANTS: [(Encoding, Compression, bool); 6] = [
    (Encoding::Utf8Record, Compression::None, true),
    (Encoding::Utf8Record, Compression::Bytecode, false),
    (Encoding::Windows1252Record, Compression::Bytecode, true),
    (Encoding::Windows1252Code, Compression::None, false),
    (Encoding::Utf8Record, Compression::Zlib(512), true),
    (Encoding::Windows1252Code, Compression::Zlib(1 << 20), false),
];

#[test]
fn a_sav_file_gives_the_same_summary_as_its_csv() {
    let vars = survey(240, 7);
    let csv = tilfreds::read_bytes(csv_of(&vars).as_bytes()).unwrap();
    for (enc, compression, known) in VARIANTS {
        let file = sav(&vars, enc, compression, known);
        let ds =
            tilfreds::read_bytes(&file).unwrap_or_else(|e| panic!("{enc:?} {compression:?}: {e}"));
        assert_eq!(ds.facts.rows, 240, "{enc:?} {compression:?}");
        assert_eq!(ds.dialect.source.as_deref(), Some("spss"));
        for by in [None, Some("Kommune")] {
            let opts = SummaryOptions {
                by: by.map(str::to_string),
                ..SummaryOptions::default()
            };
            let (a, b) = (summary_json(&csv, &opts), summary_json(&ds, &opts));
            let (ac, bc) = (&a["columns"], &b["columns"]);
            for i in 0..vars.len() {
                let (mut x, mut y) = (ac[i].clone(), bc[i].clone());
                // The file declares its scales: known, not guessed from the answers.
                for v in [&mut x, &mut y] {
                    v.as_object_mut().unwrap().remove("scale_source");
                    v.as_object_mut().unwrap().remove("scale_guessed");
                }
                assert_eq!(x, y, "{enc:?} {compression:?} column {i}");
            }
            let (mut a, mut b) = (a, b);
            a.as_object_mut().unwrap().remove("columns");
            b.as_object_mut().unwrap().remove("columns");
            assert_eq!(a, b, "{enc:?} {compression:?}");
        }
    }
}

#[test]
fn a_big_endian_file_reads_like_a_little_endian_one() {
    let vars = survey(100, 13);
    for compression in [
        Compression::None,
        Compression::Bytecode,
        Compression::Zlib(256),
    ] {
        let le = tilfreds::read_bytes(&sav_in(
            &vars,
            Encoding::Utf8Record,
            compression,
            true,
            false,
        ))
        .unwrap();
        let file = sav_in(&vars, Encoding::Utf8Record, compression, true, true);
        // The layout code 2 in the header, big-endian.
        assert_eq!(file[64..68], [0, 0, 0, 2]);
        let be = tilfreds::read_bytes(&file).unwrap();
        let opts = SummaryOptions::default();
        assert_eq!(
            summary_json(&le, &opts),
            summary_json(&be, &opts),
            "{compression:?}"
        );
    }
}

#[test]
fn labels_headers_and_text_are_read_as_spss_shows_them() {
    let vars = survey(120, 11);
    for (enc, compression, known) in VARIANTS {
        let ds = tilfreds::read_bytes(&sav(&vars, enc, compression, known)).unwrap();
        let s = ds.summary(&SummaryOptions::default());
        let names: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Hvor tilfreds er du alt i alt med forløbet?",
                "Kommune",
                "Hvilken ydelse modtager du?",
                "Alder",
                "Fik du svar på dit spørgsmål?",
                "enig_med_sagsbehandler_vurdering",
                "Uddyb gerne dit svar",
            ],
            "{enc:?} {compression:?}"
        );
        let q1 = column(&s, names[0]);
        let want: Vec<String> = STEPS.iter().map(|s| s.to_string()).collect();
        assert_eq!(q1.scale.as_ref(), Some(&want), "{enc:?} {compression:?}");
        let dont_know = vars[0].cells.iter().filter(|c| **c == Cell::N(9.0)).count();
        assert!(dont_know > 0);
        assert_eq!(q1.non_substantive, Some(dont_know as u64));
        let ydelse = column(&s, names[2]);
        let care = vars[2]
            .cells
            .iter()
            .filter(|c| **c == Cell::S("Ældrepleje; hjemmehjælp".into()))
            .count();
        assert_eq!(count(ydelse, "Ældrepleje; hjemmehjælp"), care as u64);
        assert!(count(column(&s, "Kommune"), "København") > 0);
        let ja = vars[4]
            .cells
            .iter()
            .filter(|c| **c == Cell::S("J".into()))
            .count();
        assert_eq!(count(column(&s, names[4]), "Ja"), ja as u64);
        // The very long comment is read whole.
        let comment = ds.columns[6]
            .profile
            .values
            .iter()
            .map(|(v, _)| v.len())
            .max()
            .unwrap();
        let longest = vars[6]
            .cells
            .iter()
            .map(|c| match c {
                Cell::S(s) => s.trim_end().len(),
                _ => 0,
            })
            .max()
            .unwrap();
        assert!(longest > 255);
        assert_eq!(comment, longest, "{enc:?} {compression:?}");
    }
}

#[test]
fn the_value_labels_are_the_scale_in_code_order_chosen_or_not() {
    // Nobody chose "Meget utilfreds" or "Utilfreds": the scale still has five steps, as the
    // questionnaire has, in the labels' code order.
    let cells: Vec<Cell> = (0..60).map(|i| Cell::N([3.0, 4.0, 5.0][i % 3])).collect();
    let steps: Vec<(f64, &str)> = STEPS
        .iter()
        .rev()
        .enumerate()
        .map(|(i, s)| (i as f64 + 1.0, *s))
        .collect();
    let vars = vec![
        Var::number("q1", Some("Hvor tilfreds er du?"), cells.clone()).labelled(&steps),
        Var::number("id", None, (0..60).map(|i| Cell::N(i as f64)).collect()),
    ];
    let ds = tilfreds::read_bytes(&sav(
        &vars,
        Encoding::Utf8Record,
        Compression::Bytecode,
        true,
    ))
    .unwrap();
    let s = ds.summary(&SummaryOptions::default());
    let q = column(&s, "Hvor tilfreds er du?");
    let want: Vec<String> = STEPS.iter().map(|s| s.to_string()).collect();
    assert_eq!(q.scale.as_ref(), Some(&want));
    assert_eq!(q.scale_source, Some(ScaleSource::Metadata));
    assert!(!q.scale_guessed);
    assert_eq!(count(q, "Meget tilfreds"), 20);
    assert_eq!(count(q, "Utilfreds"), 0);
    assert_eq!(
        ds.columns[0].profile.declared,
        STEPS.iter().rev().copied().collect::<Vec<_>>()
    );
    // The CSV of the same answers has only their wording to go by.
    let csv = tilfreds::read_bytes(csv_of(&vars).as_bytes()).unwrap();
    let c = csv.summary(&SummaryOptions::default());
    assert_ne!(
        column(&c, "Hvor tilfreds er du?").scale_source,
        Some(ScaleSource::Metadata)
    );
}

#[test]
fn a_scale_coded_from_its_positive_end_is_shown_most_positive_first() {
    // 1 = "Meget tilfreds" … 5 = "Meget utilfreds": the orientation comes from the meaning.
    let steps: Vec<(f64, &str)> = STEPS
        .iter()
        .enumerate()
        .map(|(i, s)| (i as f64 + 1.0, *s))
        .collect();
    let cells: Vec<Cell> = (0..40).map(|i| Cell::N((i % 5 + 1) as f64)).collect();
    let vars = vec![
        Var::number("q1", Some("Hvor tilfreds er du?"), cells).labelled(&steps),
        Var::number("id", None, (0..40).map(|i| Cell::N(i as f64)).collect()),
    ];
    let ds =
        tilfreds::read_bytes(&sav(&vars, Encoding::Utf8Record, Compression::None, true)).unwrap();
    assert_eq!(ds.columns[0].profile.declared, STEPS);
    let s = ds.summary(&SummaryOptions::default());
    let q = column(&s, "Hvor tilfreds er du?");
    let want: Vec<String> = STEPS.iter().map(|s| s.to_string()).collect();
    assert_eq!(q.scale.as_ref(), Some(&want));
    assert_eq!(q.scale_source, Some(ScaleSource::Metadata));
    assert!(!ds.dialect.header_looks_like_data);
}

#[test]
fn missing_values_are_non_substantive_answers() {
    // 1–5 labelled; 9 missing with no label; -9 to -1 a missing range, labelled "Ved ikke" at
    // -1 and "Ikke spurgt" (not a word the recognition knows) at -5.
    let mut cells = Vec::new();
    for i in 0..80 {
        cells.push(match i % 8 {
            0 => Cell::N(9.0),
            1 => Cell::N(-1.0),
            2 => Cell::N(-5.0),
            k => Cell::N((k - 2) as f64),
        });
    }
    let steps: Vec<(f64, &str)> = STEPS
        .iter()
        .rev()
        .enumerate()
        .map(|(i, s)| (i as f64 + 1.0, *s))
        .chain([(-1.0, "Ved ikke"), (-5.0, "Ikke spurgt")])
        .collect();
    let mut q = Var::number("q1", Some("Hvor tilfreds er du?"), cells).labelled(&steps);
    q.missing = vec![Cell::N(9.0)];
    q.range = Some((-9.0, -1.0));
    let vars = vec![
        q,
        Var::number("id", None, (0..80).map(|i| Cell::N(i as f64)).collect()),
    ];
    for compression in [Compression::None, Compression::Bytecode] {
        let ds =
            tilfreds::read_bytes(&sav(&vars, Encoding::Utf8Record, compression, true)).unwrap();
        let s = ds.summary(&SummaryOptions::default());
        let c = column(&s, "Hvor tilfreds er du?");
        assert_eq!(c.non_substantive, Some(30), "{compression:?}");
        assert_eq!(count(c, "Ved ikke"), 10);
        assert_eq!(count(c, "Uoplyst"), 20);
        assert_eq!(c.scale.as_ref().map(Vec::len), Some(5));
        assert_eq!(c.answered, 80);
    }
}

#[test]
fn a_scale_labelled_only_at_its_ends_stays_numbers() {
    let cells: Vec<Cell> = (0..50).map(|i| Cell::N((i % 5 + 1) as f64)).collect();
    let vars = vec![
        Var::number("q1", Some("Giv en karakter fra 1 til 5"), cells)
            .labelled(&[(1.0, "Meget dårligt"), (5.0, "Meget godt")]),
        Var::number("id", None, (0..50).map(|i| Cell::N(i as f64)).collect()),
    ];
    let ds =
        tilfreds::read_bytes(&sav(&vars, Encoding::Utf8Record, Compression::None, true)).unwrap();
    let mut values: Vec<&str> = ds.columns[0]
        .profile
        .values
        .iter()
        .map(|(v, _)| v.as_str())
        .collect();
    values.sort();
    assert_eq!(values, ["1", "2", "3", "4", "5"]);
    assert!(ds.columns[0].profile.declared.is_empty());
}

#[test]
fn dates_are_written_as_dates() {
    // 1970-01-01 is 12,219,379,200 s after SPSS's day zero, 14 October 1582.
    let day = |d: f64| Cell::N(12_219_379_200.0 + d * 86_400.0);
    let mut date = Var::number("dato", Some("Dato"), vec![day(19_723.0), day(19_724.0)]);
    date.format = 20;
    let vars = vec![
        date,
        Var::number("id", None, vec![Cell::N(1.0), Cell::N(2.0)]),
    ];
    let ds =
        tilfreds::read_bytes(&sav(&vars, Encoding::Utf8Record, Compression::None, true)).unwrap();
    let values: Vec<&str> = ds.columns[0]
        .profile
        .values
        .iter()
        .map(|(v, _)| v.as_str())
        .collect();
    assert_eq!(values, ["2024-01-01", "2024-01-02"]);
}

#[test]
fn the_streaming_reader_reads_a_sav_file_in_any_chunks() {
    let vars = survey(90, 3);
    let file = sav(&vars, Encoding::Utf8Record, Compression::Bytecode, true);
    let whole = tilfreds::read_bytes(&file).unwrap();
    for chunk in [1, 7, 1000] {
        let mut a = Analyzer::new(ReadOptions::default());
        for part in file.chunks(chunk) {
            a.push(part).unwrap();
        }
        let ds = a.finish().unwrap();
        assert_eq!(
            summary_json(&ds, &SummaryOptions::default()),
            summary_json(&whole, &SummaryOptions::default())
        );
    }
}

#[test]
fn the_command_line_reads_a_sav_file_by_its_bytes() {
    let dir = std::env::temp_dir().join(format!("tilfreds-sav-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Named .csv on purpose: the bytes decide.
    let path = dir.join("svar.csv");
    let file = sav(
        &survey(40, 5),
        Encoding::Windows1252Record,
        Compression::Bytecode,
        true,
    );
    std::fs::write(&path, &file).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tilfreds"))
        .arg("summary")
        .arg(&path)
        .arg("--json")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Hvilken ydelse modtager du?"), "{stdout}");
    assert!(stdout.contains("Kontanthjælp"), "{stdout}");
    std::fs::write(&path, &file[..file.len() / 3]).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tilfreds"))
        .args(["summary", "--lang", "en"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("SPSS file is damaged"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_sav_files_give_the_right_errors() {
    let code = |bytes: &[u8]| tilfreds::read_bytes(bytes).unwrap_err().code();
    let vars = survey(30, 9);
    let file = sav(&vars, Encoding::Utf8Record, Compression::None, true);
    assert_eq!(code(&file[..100]), "corrupt_sav");
    assert_eq!(code(&file[..file.len() / 2]), "corrupt_sav");
    assert_eq!(code(b"$FL2"), "corrupt_sav");
    // Compression 3 does not exist.
    let mut other = file.clone();
    other[72] = 3;
    assert_eq!(code(&other), "unsupported_sav");
    let err = tilfreds::read_bytes(&other).unwrap_err();
    assert!(err.message(tilfreds::Lang::En).contains("compression 3"));
    assert!(err.message(tilfreds::Lang::Da).contains("CSV"));
    // A text encoding not read.
    let east = sav(
        &vars,
        Encoding::Named("windows-1250"),
        Compression::None,
        true,
    );
    let err = tilfreds::read_bytes(&east).unwrap_err();
    assert_eq!(err.code(), "unsupported_sav");
    assert!(err.message(tilfreds::Lang::En).contains("windows-1250"));
    // A header that claims two billion cases and a value-label record that claims two billion
    // labels: refused or read without allocating what they claim.
    let mut lying = file.clone();
    lying[80..84].copy_from_slice(&i32::MAX.to_le_bytes());
    let ds = tilfreds::read_bytes(&lying).unwrap();
    assert_eq!(ds.facts.rows, 30);
    let at = memchr::memmem::find(&file, &[3, 0, 0, 0, 6, 0, 0, 0]).unwrap();
    let mut lying = file.clone();
    lying[at + 4..at + 8].copy_from_slice(&i32::MAX.to_le_bytes());
    assert_eq!(code(&lying), "corrupt_sav");
    // A zsav whose block claims to inflate to 2 GB.
    let z = sav(
        &vars,
        Encoding::Utf8Record,
        Compression::Zlib(1 << 20),
        true,
    );
    let mut big = z.clone();
    let n = big.len();
    big[n - 8..n - 4].copy_from_slice(&i32::MAX.to_le_bytes());
    assert_eq!(code(&big), "sav_too_large");
}

#[test]
fn mutated_sav_files_never_panic() {
    let vars = survey(12, 1);
    let mut rng = SplitMix(0x5A5A_0017);
    for compression in [
        Compression::None,
        Compression::Bytecode,
        Compression::Zlib(64),
    ] {
        let file = sav(&vars, Encoding::Windows1252Code, compression, true);
        assert!(tilfreds::read_bytes(&file).is_ok());
        for _ in 0..1500 {
            let mut m = file.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(m.len() as u64) as usize;
                match rng.below(4) {
                    0 => m[at] = rng.next() as u8,
                    1 => m.truncate(at.max(4)),
                    2 => m.insert(at, rng.next() as u8),
                    // A count or size made large.
                    _ => {
                        let at = at.min(m.len().saturating_sub(4));
                        m[at..at + 4].copy_from_slice(&(rng.next() as i32).to_le_bytes());
                    }
                }
            }
            let _ = tilfreds::read_bytes(&m);
        }
    }
}
