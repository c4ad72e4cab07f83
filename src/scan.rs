//! The record scanner: finds the fields of one record at a time in a byte buffer.
//!
//! The common case (unquoted fields, and quoted fields without doubled quotes) is handled by a
//! tight loop over a byte-class table that returns field positions inside the caller's buffer,
//! copying nothing. Anything unusual — a doubled quote, text after a closing quote, a quote in
//! the middle of an unquoted field — is handed to `csv_core` for that one record, so odd rows
//! are read exactly as the `csv` crate reads them. Tests check both paths agree.

/// Byte classes of the fast loop.
const PLAIN: u8 = 0;
const DELIM: u8 = 1;
const CR: u8 = 2;
const LF: u8 = 3;
const QUOTE: u8 = 4;

/// What scanning one record found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scan {
    /// A record ends at this offset; its fields are in `Scanner::fields`.
    Record(usize),
    /// No complete record before the end of the buffer: keep the bytes from this offset and
    /// call again with more.
    Incomplete(usize),
    /// Only blank lines remained up to the end of the input.
    End,
}

/// Where the fields of the last record live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldSource {
    /// Slices of the buffer that was scanned.
    Input,
    /// Slices of the scanner's own buffer (records read through `csv_core`).
    Scratch,
}

/// Scans records for one delimiter.
pub struct Scanner {
    class: [u8; 256],
    delimiter: u8,
    fallback: csv_core::Reader,
    scratch: Vec<u8>,
    scratch_ends: Vec<usize>,
    /// Field (start, end) offsets of the last record, in `source`.
    pub fields: Vec<(usize, usize)>,
    /// Which buffer `fields` refers to.
    pub source: FieldSource,
    max_record_bytes: usize,
}

impl Scanner {
    /// A scanner for `delimiter`, accepting records up to `max_record_bytes`.
    pub fn new(delimiter: u8, max_record_bytes: usize) -> Self {
        let mut class = [PLAIN; 256];
        class[delimiter as usize] = DELIM;
        class[b'\r' as usize] = CR;
        class[b'\n' as usize] = LF;
        class[b'"' as usize] = QUOTE;
        Scanner {
            class,
            delimiter,
            fallback: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            scratch: vec![0; 4096],
            scratch_ends: vec![0; 64],
            fields: Vec::with_capacity(64),
            source: FieldSource::Input,
            max_record_bytes,
        }
    }

    /// The scanner's own buffer, for fields when `source` is `Scratch`.
    pub fn scratch(&self) -> &[u8] {
        &self.scratch
    }

    /// Scans the record starting at `pos`. `last` says no more input follows `data`.
    /// Returns `Err(offset)` when a record would exceed the size limit.
    pub fn next(&mut self, data: &[u8], pos: usize, last: bool) -> Result<Scan, usize> {
        let n = data.len();
        let mut p = pos;
        // Blank lines are not records.
        while p < n && (data[p] == b'\r' || data[p] == b'\n') {
            p += 1;
        }
        if p == n {
            return Ok(if last { Scan::End } else { Scan::Incomplete(p) });
        }
        let start = p;
        self.fields.clear();
        self.source = FieldSource::Input;
        loop {
            if data[p] == b'"' {
                let open = p + 1;
                let Some(off) = memchr::memchr(b'"', &data[open..]) else {
                    return self.fall_back(data, start, last);
                };
                let close = open + off;
                match data.get(close + 1).map(|b| self.class[*b as usize]) {
                    Some(DELIM) => {
                        self.fields.push((open, close));
                        p = close + 2;
                        if p == n {
                            return self.at_end(start, n, last);
                        }
                    }
                    Some(CR) | Some(LF) => {
                        self.fields.push((open, close));
                        return Ok(Scan::Record(skip_terminator(data, close + 1)));
                    }
                    None if last => {
                        self.fields.push((open, close));
                        return Ok(Scan::Record(n));
                    }
                    None => return Ok(Scan::Incomplete(start)),
                    // A doubled quote or text after the closing quote.
                    _ => return self.fall_back(data, start, last),
                }
            } else {
                let field_start = p;
                p = self.find_special(data, p);
                if p == n {
                    if !last {
                        return Ok(Scan::Incomplete(start));
                    }
                    self.fields.push((field_start, n));
                    return Ok(Scan::Record(n));
                }
                match self.class[data[p] as usize] {
                    DELIM => {
                        self.fields.push((field_start, p));
                        p += 1;
                        if p == n {
                            return self.at_end(start, n, last);
                        }
                    }
                    CR | LF => {
                        self.fields.push((field_start, p));
                        return Ok(Scan::Record(skip_terminator(data, p)));
                    }
                    _ => return self.fall_back(data, start, last),
                }
            }
            if p - start > self.max_record_bytes {
                return Err(start);
            }
        }
    }

    /// A delimiter was the last byte: the record ends with an empty field at end of input.
    fn at_end(&mut self, start: usize, n: usize, last: bool) -> Result<Scan, usize> {
        if last {
            self.fields.push((n, n));
            Ok(Scan::Record(n))
        } else {
            Ok(Scan::Incomplete(start))
        }
    }

    /// Reads the record at `start` with `csv_core`, into the scratch buffer.
    fn fall_back(&mut self, data: &[u8], start: usize, last: bool) -> Result<Scan, usize> {
        self.fallback.reset();
        self.fields.clear();
        self.source = FieldSource::Scratch;
        let mut input = &data[start..];
        let (mut out_len, mut ends_len) = (0, 0);
        // csv_core strips a byte-order mark from the first bytes it ever sees, and `reset`
        // makes it think it has seen none; one byte on its own marks it as started.
        let mut first = true;
        loop {
            let feed = if first {
                &input[..input.len().min(1)]
            } else {
                input
            };
            first = false;
            let (result, read, written, ends) = self.fallback.read_record(
                feed,
                &mut self.scratch[out_len..],
                &mut self.scratch_ends[ends_len..],
            );
            input = &input[read..];
            out_len += written;
            ends_len += ends;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {
                    if input.is_empty() && !last {
                        return Ok(Scan::Incomplete(start));
                    }
                    // More input follows, or an empty input tells csv_core the data has ended.
                }
                csv_core::ReadRecordResult::OutputFull => {
                    if self.scratch.len() >= self.max_record_bytes {
                        return Err(start);
                    }
                    let grown = (self.scratch.len() * 2).min(self.max_record_bytes);
                    self.scratch.resize(grown, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let grown = self.scratch_ends.len() * 2;
                    self.scratch_ends.resize(grown, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    let mut field_start = 0;
                    for &end in &self.scratch_ends[..ends_len] {
                        self.fields.push((field_start, end));
                        field_start = end;
                    }
                    return Ok(Scan::Record(data.len() - input.len()));
                }
                csv_core::ReadRecordResult::End => return Ok(Scan::End),
            }
        }
    }

    /// Offset of the first delimiter, quote, CR or LF at or after `p` (or the end).
    #[inline]
    fn find_special(&self, data: &[u8], p: usize) -> usize {
        let p = find_special_wide(data, p, self.delimiter);
        self.find_special_bytes(data, p)
    }

    /// The byte-at-a-time tail of `find_special`.
    #[inline]
    fn find_special_bytes(&self, data: &[u8], mut p: usize) -> usize {
        while p < data.len() && self.class[data[p] as usize] == PLAIN {
            p += 1;
        }
        p
    }

    /// The delimiter this scanner splits on.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }
}

/// Sixteen bytes at a time with SSE2 (every x86-64 has it): compares against the four special
/// bytes and takes the lowest set bit of the mask. Stops where fewer than 16 bytes remain.
#[cfg(target_arch = "x86_64")]
#[inline]
fn find_special_wide(data: &[u8], mut p: usize, delimiter: u8) -> usize {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of the x86-64 baseline; loads are unaligned and stay inside `data`
    // because `p + 16 <= data.len()`.
    unsafe {
        let d = _mm_set1_epi8(delimiter as i8);
        let q = _mm_set1_epi8(b'"' as i8);
        let cr = _mm_set1_epi8(b'\r' as i8);
        let lf = _mm_set1_epi8(b'\n' as i8);
        while p + 16 <= data.len() {
            let v = _mm_loadu_si128(data.as_ptr().add(p) as *const __m128i);
            let hits = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, q)),
                _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)),
            );
            let mask = _mm_movemask_epi8(hits) as u32;
            if mask != 0 {
                return p + mask.trailing_zeros() as usize;
            }
            p += 16;
        }
    }
    p
}

/// Sixteen bytes at a time with WebAssembly SIMD (built with `+simd128`, which every current
/// browser supports).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
fn find_special_wide(data: &[u8], mut p: usize, delimiter: u8) -> usize {
    use core::arch::wasm32::*;
    let d = u8x16_splat(delimiter);
    let q = u8x16_splat(b'"');
    let cr = u8x16_splat(b'\r');
    let lf = u8x16_splat(b'\n');
    while p + 16 <= data.len() {
        // SAFETY: `p + 16 <= data.len()`, and v128_load has no alignment requirement.
        let v = unsafe { v128_load(data.as_ptr().add(p) as *const v128) };
        let hits = v128_or(
            v128_or(u8x16_eq(v, d), u8x16_eq(v, q)),
            v128_or(u8x16_eq(v, cr), u8x16_eq(v, lf)),
        );
        let mask = u8x16_bitmask(hits) as u32;
        if mask != 0 {
            return p + mask.trailing_zeros() as usize;
        }
        p += 16;
    }
    p
}

/// Eight bytes at a time in a plain `u64` on other targets.
#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
#[inline]
fn find_special_wide(data: &[u8], p: usize, delimiter: u8) -> usize {
    find_special_swar(data, p, delimiter)
}

/// A zero byte in `word ^ broadcast(c)` marks a match of `c`; stops where fewer than 8 bytes
/// remain. Compiled everywhere so the tests check it on every platform.
#[cfg_attr(
    any(
        target_arch = "x86_64",
        all(target_arch = "wasm32", target_feature = "simd128")
    ),
    allow(dead_code)
)]
#[inline]
fn find_special_swar(data: &[u8], mut p: usize, delimiter: u8) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let (d, q) = (LO * u64::from(delimiter), LO * u64::from(b'"'));
    let (cr, lf) = (LO * u64::from(b'\r'), LO * u64::from(b'\n'));
    while p + 8 <= data.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&data[p..p + 8]);
        let w = u64::from_le_bytes(word);
        // The lowest marked byte is exact; borrows only mark bytes above a real match.
        let m = zero_bytes(w ^ d) | zero_bytes(w ^ q) | zero_bytes(w ^ cr) | zero_bytes(w ^ lf);
        if m != 0 {
            return p + (m.trailing_zeros() / 8) as usize;
        }
        p += 8;
    }
    p
}

/// Skips one line ending (CR, LF or CRLF) at `p`.
fn skip_terminator(data: &[u8], p: usize) -> usize {
    if data[p] == b'\r' && data.get(p + 1) == Some(&b'\n') {
        p + 2
    } else {
        p + 1
    }
}

/// Whole-buffer readers that tests and the fuzz targets use to check that the scanner reads
/// every input exactly as `csv_core` does.
pub mod reference {
    use super::{FieldSource, Scan, Scanner};

    /// Records as lists of fields.
    pub type Records = Vec<Vec<Vec<u8>>>;

    /// All records of `data` through the scanner, feeding it in chunks like the reader does.
    pub fn scan_all(data: &[u8], delimiter: u8, chunk: usize) -> Records {
        // No record limit: the point is to compare with csv_core, which has none.
        let mut s = Scanner::new(delimiter, usize::MAX / 2);
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
                let Ok(step) = s.next(&carry, pos, last) else {
                    return records;
                };
                match step {
                    Scan::Record(end) => {
                        let src = match s.source {
                            FieldSource::Input => &carry[..],
                            FieldSource::Scratch => s.scratch(),
                        };
                        records.push(s.fields.iter().map(|&(a, b)| src[a..b].to_vec()).collect());
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

    /// The same records as read by csv_core alone.
    pub fn core_all(data: &[u8], delimiter: u8) -> Records {
        let mut r = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let mut out = vec![0u8; data.len() + 16];
        let mut ends = vec![0usize; data.len() + 16];
        let mut input = data;
        let mut records = Vec::new();
        let (mut o, mut e) = (0, 0);
        loop {
            let (res, read, written, nends) = r.read_record(input, &mut out[o..], &mut ends[e..]);
            input = &input[read..];
            o += written;
            e += nends;
            match res {
                csv_core::ReadRecordResult::Record => {
                    let mut start = 0;
                    let mut rec = Vec::new();
                    for &end in &ends[..e] {
                        rec.push(out[start..end].to_vec());
                        start = end;
                    }
                    records.push(rec);
                    o = 0;
                    e = 0;
                }
                csv_core::ReadRecordResult::End => return records,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::reference::{core_all, scan_all};
    use super::*;

    #[test]
    fn wide_searches_find_the_first_special_byte() {
        let scanner = Scanner::new(b';', 1 << 20);
        let mut text: Vec<u8> = "Meget tilfreds æøå ".repeat(5).into_bytes();
        for special in [b';', b'"', b'\r', b'\n'] {
            for at in 0..text.len() {
                let mut data = text.clone();
                data[at] = special;
                for start in 0..=at {
                    // The wide search may stop short of the end; the byte loop finishes it.
                    let wide = scanner.find_special(&data, start);
                    let swar =
                        scanner.find_special_bytes(&data, find_special_swar(&data, start, b';'));
                    assert_eq!(
                        (wide, swar),
                        (at, at),
                        "special {special} at {at} from {start}"
                    );
                }
            }
        }
        text.clear();
        assert_eq!(scanner.find_special(&text, 0), 0);
    }

    #[test]
    fn agrees_with_csv_core_on_odd_records() {
        let cases: [&[u8]; 12] = [
            b"a;b;c\r\n1;2;3\r\n",
            b"a;b\n\"x;y\";\"line\nbreak\"\n",
            b"a;b\n\"he said \"\"hi\"\"\";2\n",
            b"a;b\n\"abc\"def;2\n",
            b"a;b\nab\"c;2\n",
            b"a;b;\n1;2;\n",
            b"a;b\r\r\n\n1;2",
            b"a;\"b",
            b"\"\";\"\"\n;\n",
            b"a;b\r1;2\r3;4",
            b";;;\r\n",
            b"\"a\"\"\";\"b\"\r\n",
        ];
        for case in cases {
            let expected = core_all(case, b';');
            for chunk in [1, 2, 3, 5, 1000] {
                assert_eq!(
                    scan_all(case, b';', chunk),
                    expected,
                    "{:?} chunk {chunk}",
                    String::from_utf8_lossy(case)
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]

        /// The fast path and csv_core read every input identically, whatever the chunking.
        #[test]
        fn fast_path_matches_csv_core(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(&b"abc"[..]), proptest::strategy::Just(&b";"[..]),
                    proptest::strategy::Just(&b"\""[..]), proptest::strategy::Just(&b"\r\n"[..]),
                    proptest::strategy::Just(&b"\n"[..]), proptest::strategy::Just(&b"\r"[..]),
                    proptest::strategy::Just(&b" "[..]), proptest::strategy::Just(&b"Meget tilfreds"[..]),
                    proptest::strategy::Just(&b","[..]),
                ],
                0..60,
            ),
            chunk in 1usize..40,
        ) {
            let data: Vec<u8> = parts.concat();
            proptest::prop_assert_eq!(scan_all(&data, b';', chunk), core_all(&data, b';'));
        }
    }
}
