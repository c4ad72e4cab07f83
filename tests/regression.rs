//! One test per bug found by fuzzing or reported by users. Each input that made a fuzz target
//! fail is kept as a file in `tests/regression/` and read with `include_bytes!`, so the test
//! replays exactly the bytes that failed. See docs/FUZZING.md for how to add one.

use tilfreds::read::scan::reference::{core_all, scan_all, Records};

/// Replays an input of the `scan` fuzz target: byte 0 is the chunk size minus one, byte 1
/// picks the delimiter (0 → ';', 1 → ',', 2 → TAB, 3 → '|'), the rest is the file. Returns
/// (scanner records, csv_core records).
fn replay_scan(input: &[u8]) -> (Records, Records) {
    let [chunk, delimiter, file @ ..] = input else {
        panic!("a scan input has at least two control bytes");
    };
    let chunk = usize::from(*chunk) + 1;
    let delimiter = [b';', b',', b'\t', b'|'][usize::from(*delimiter) % 4];
    let text = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file);
    (scan_all(text, delimiter, chunk), core_all(file, delimiter))
}

// `scan` fuzz target, 2026-11-24: a UTF-8 byte order mark at the start of a later line.
//
// Input (tests/regression/scan_bom_at_line_start.bin): chunk 1, delimiter ';', file
// b"\n\xEF\xBB\xBF\"". The second line starts with a BOM followed by a quote, so the fast path
// hands the record to csv_core (`Scanner::fall_back`). `fall_back` calls
// `csv_core::Reader::reset`, and a reset csv_core reader strips a leading BOM again, so the
// scanner reads the record as an unterminated quoted empty field: [""]. csv_core over the whole
// file keeps the BOM and the quote as text: ["\xEF\xBB\xBF\""]. Any record that starts with a
// BOM and takes the slow path is affected, e.g. two exports joined with `copy /b a.csv+b.csv`:
// "\xEF\xBB\xBF\"x\";3" becomes ["x", "3"] instead of ["\xEF\xBB\xBF\"x\"", "3"].
// Fixed: `fall_back` now feeds csv_core one byte first, which marks it as started.
#[test]
fn scan_bom_at_line_start() {
    let (scanned, expected) = replay_scan(include_bytes!("regression/scan_bom_at_line_start.bin"));
    assert_eq!(scanned, expected);
}

// The same bug in a realistic row: the line after the header starts with a BOM and a quoted
// value.
#[test]
fn scan_bom_at_line_start_in_a_row() {
    let file = b"a;b\n\xEF\xBB\xBF\"x\";3\n";
    let (scanned, expected) = replay_scan(&[&[0xff, 0][..], &file[..]].concat());
    assert_eq!(
        expected[1],
        vec![b"\xEF\xBB\xBF\"x\"".to_vec(), b"3".to_vec()]
    );
    assert_eq!(scanned, expected);
}
