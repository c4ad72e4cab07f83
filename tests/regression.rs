//! One test per bug found by fuzzing or reported by users. Each input that made a fuzz target
//! fail is kept as a file in `tests/regression/` and read with `include_bytes!`, so the test
//! replays exactly the bytes that failed. See docs/FUZZING.md for how to add one.

use tilfreds::scan::{FieldSource, Scan, Scanner};

/// Records as lists of fields.
type Records = Vec<Vec<Vec<u8>>>;

/// All records of `data` through the `Scanner`, fed `chunk` bytes at a time with the unfinished
/// record carried over, as the reader does.
fn scan_all(data: &[u8], delimiter: u8, chunk: usize) -> Records {
    let mut scanner = Scanner::new(delimiter, 1 << 20);
    let mut records = Vec::new();
    let mut carry: Vec<u8> = Vec::new();
    let mut fed = 0;
    loop {
        let take = chunk.min(data.len() - fed);
        carry.extend_from_slice(&data[fed..fed + take]);
        fed += take;
        let last = fed == data.len();
        let mut pos = 0;
        loop {
            match scanner.next(&carry, pos, last).expect("record under 1 MiB") {
                Scan::Record(end) => {
                    let src = match scanner.source {
                        FieldSource::Input => &carry[..],
                        FieldSource::Scratch => scanner.scratch(),
                    };
                    records.push(
                        scanner
                            .fields
                            .iter()
                            .map(|&(a, b)| src[a..b].to_vec())
                            .collect(),
                    );
                    pos = end;
                }
                Scan::Incomplete(at) => {
                    pos = at;
                    break;
                }
                Scan::End => {
                    pos = carry.len();
                    break;
                }
            }
        }
        carry.drain(..pos);
        if last {
            return records;
        }
    }
}

/// The same records as read by `csv_core` alone.
fn core_all(data: &[u8], delimiter: u8) -> Records {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut out = vec![0u8; data.len() + 16];
    let mut ends = vec![0usize; data.len() + 16];
    let mut input = data;
    let mut records = Vec::new();
    let (mut o, mut e) = (0, 0);
    loop {
        let (res, read, written, n_ends) = reader.read_record(input, &mut out[o..], &mut ends[e..]);
        input = &input[read..];
        o += written;
        e += n_ends;
        match res {
            csv_core::ReadRecordResult::Record => {
                let mut start = 0;
                let mut record = Vec::new();
                for &end in &ends[..e] {
                    record.push(out[start..end].to_vec());
                    start = end;
                }
                records.push(record);
                o = 0;
                e = 0;
            }
            csv_core::ReadRecordResult::End => return records,
            _ => {}
        }
    }
}

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
