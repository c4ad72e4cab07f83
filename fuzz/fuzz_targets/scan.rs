//! The record scanner must read every input exactly as `csv_core` does, whatever the chunking.
//!
//! Input layout: byte 0 gives the chunk size (1–256 bytes), byte 1 chooses the delimiter
//! (`;`, `,`, TAB or `|`); the rest is the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tilfreds::scan::{FieldSource, Scan, Scanner};

const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

/// Records as lists of fields.
type Records = Vec<Vec<Vec<u8>>>;

fuzz_target!(|data: &[u8]| {
    let [chunk, delimiter, file @ ..] = data else {
        return;
    };
    let chunk = usize::from(*chunk) + 1;
    let delimiter = DELIMITERS[usize::from(*delimiter) % DELIMITERS.len()];
    // csv_core drops one UTF-8 byte order mark at the start; the reader removes it before the
    // scanner sees the text.
    let text = file.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file);
    assert_eq!(scan_all(text, delimiter, chunk), core_all(file, delimiter));
});

/// All records through the `Scanner`, fed in chunks with the unfinished record carried over,
/// as the reader does.
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
                    assert!(end > pos, "no progress at {pos}");
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
        assert!(!last || pos == carry.len(), "input left over at the end");
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
