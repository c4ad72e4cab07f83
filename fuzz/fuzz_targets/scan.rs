//! The record scanner must read every input exactly as `csv_core` does, whatever the chunking.
//!
//! Input layout: byte 0 gives the chunk size (1–256 bytes), byte 1 chooses the delimiter
//! (`;`, `,`, TAB or `|`); the rest is the file.

#![no_main]

use libfuzzer_sys::fuzz_target;
use tilfreds::read::scan::reference::{core_all, scan_all};

const DELIMITERS: [u8; 4] = [b';', b',', b'\t', b'|'];

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
