//! The record scanner: finds the fields of one record at a time in a byte buffer.
//!
//! The common case (unquoted fields, and quoted fields whose only oddity is doubled quotes) is
//! handled by a loop over 64-byte windows: each window is turned into a bit mask of its special
//! bytes (delimiter, quote, CR, LF) with SIMD, and the set bits are walked one by one, so a
//! field costs a few bit operations and copies nothing. A field with doubled quotes is
//! unescaped into the scanner's own buffer. Anything unusual — text after a closing quote, a
//! quote in the middle of an unquoted field, an unterminated quote at the end — is handed to
//! `csv_core` for that one record, so odd rows are read exactly as the `csv` crate reads them.
//! Tests check both paths agree.

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

/// Marks a field's start offset as one in the scanner's own buffer rather than the input.
pub const IN_SCRATCH: usize = 1 << (usize::BITS - 1);

/// The special bytes of up to 64 input bytes starting at `base`, as bit masks (bit `i` stands
/// for byte `base + i`).
#[derive(Debug, Clone, Copy)]
struct Window {
    base: usize,
    /// Special bytes not walked yet.
    pending: u64,
    /// Which of the bytes are the delimiter.
    delimiters: u64,
}

/// Scans records for one delimiter.
pub struct Scanner {
    delimiter: u8,
    /// False for a delimiter the fast path cannot tell apart (a quote or a line break).
    fast: bool,
    fallback: csv_core::Reader,
    /// Unescaped fields, or the whole record as `csv_core` wrote it.
    scratch: Vec<u8>,
    scratch_ends: Vec<usize>,
    /// Field (start, end) offsets of the last record: in the input, or in the scanner's own
    /// buffer when the start has `IN_SCRATCH` set (see `field`).
    pub fields: Vec<(usize, usize)>,
    max_record_bytes: usize,
    /// The window where the last record ended, for the next call to go on from.
    resume: Option<Resume>,
}

/// Where the last record ended, and what is left of its window.
#[derive(Debug, Clone, Copy)]
struct Resume {
    /// The buffer's address, only compared.
    data: usize,
    len: usize,
    end: usize,
    window: Window,
}

impl Scanner {
    /// A scanner for `delimiter`, accepting records up to `max_record_bytes`.
    pub fn new(delimiter: u8, max_record_bytes: usize) -> Self {
        Scanner {
            delimiter,
            fast: !matches!(delimiter, b'"' | b'\r' | b'\n'),
            fallback: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            scratch: vec![0; 4096],
            scratch_ends: vec![0; 64],
            fields: Vec::with_capacity(64),
            max_record_bytes,
            resume: None,
        }
    }

    /// The scanner's own buffer, which fields marked `IN_SCRATCH` refer to.
    pub fn scratch(&self) -> &[u8] {
        &self.scratch
    }

    /// Field `i` of the last record, which was scanned in `data`.
    #[inline]
    pub fn field<'a>(&'a self, data: &'a [u8], i: usize) -> &'a [u8] {
        let (src, a, b) = self.field_parts(data, i);
        &src[a..b]
    }

    /// Field `i` of the last record as (buffer, start, end): `data` or the scanner's own.
    #[inline(always)]
    pub fn field_parts<'a>(&'a self, data: &'a [u8], i: usize) -> (&'a [u8], usize, usize) {
        let (a, b) = self.fields[i];
        if a & IN_SCRATCH == 0 {
            (data, a, b)
        } else {
            (&self.scratch, a & !IN_SCRATCH, b)
        }
    }

    /// Scans the record starting at `pos`. `last` says no more input follows `data`.
    /// Returns `Err(offset)` when a record would exceed the size limit.
    ///
    /// A call that goes on where the previous record ended must pass the same buffer,
    /// unchanged: the special bytes found beyond that record are reused.
    pub fn next(&mut self, data: &[u8], pos: usize, last: bool) -> Result<Scan, usize> {
        let resume = self.resume.take();
        let scan = self.scan(data, pos, last, resume);
        if scan.is_err() {
            self.resume = None;
        }
        scan
    }

    fn scan(
        &mut self,
        data: &[u8],
        pos: usize,
        last: bool,
        resume: Option<Resume>,
    ) -> Result<Scan, usize> {
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
        if !self.fast {
            return self.fall_back(data, start, last);
        }
        // Bytes of `scratch` in use by unescaped fields.
        let mut scratch_len = 0;
        let mut field_start = p;
        let mut window = match resume {
            Some(r)
                if r.data == data.as_ptr() as usize
                    && r.len == data.len()
                    && r.end == pos
                    && p < r.window.base + 64 =>
            {
                let mut w = r.window;
                // Drop the bits before the record: the line end and blank lines.
                w.pending &= u64::MAX.checked_shl((p - w.base) as u32).unwrap_or(0);
                w
            }
            _ => self.window(data, p),
        };
        loop {
            if window.pending == 0 {
                let base = window.base + 64;
                if base >= n {
                    // No line end before the end of the buffer.
                    if !last {
                        return Ok(Scan::Incomplete(start));
                    }
                    self.fields.push((field_start, n));
                    return Ok(Scan::Record(n));
                }
                if base - start > self.max_record_bytes {
                    return Err(start);
                }
                window = self.window(data, base);
                continue;
            }
            let bit = window.pending & window.pending.wrapping_neg();
            window.pending ^= bit;
            let at = window.base + bit.trailing_zeros() as usize;
            if window.delimiters & bit != 0 {
                self.fields.push((field_start, at));
                field_start = at + 1;
                continue;
            }
            if data[at] != b'"' {
                // CR or LF.
                self.fields.push((field_start, at));
                let end = skip_terminator(data, at);
                self.resume = Some(Resume {
                    data: data.as_ptr() as usize,
                    len: data.len(),
                    end,
                    window,
                });
                return Ok(Scan::Record(end));
            }
            if at != field_start {
                // A quote inside an unquoted field.
                return self.fall_back(data, start, last);
            }
            // A quoted field: find its closing quote, stepping over doubled ones.
            let open = at + 1;
            let mut from = open;
            let mut doubled = false;
            let close = loop {
                let Some(offset) = memchr::memchr(b'"', &data[from..]) else {
                    if n - start > self.max_record_bytes {
                        return Err(start);
                    }
                    if !last {
                        return Ok(Scan::Incomplete(start));
                    }
                    return self.fall_back(data, start, last);
                };
                let close = from + offset;
                if data.get(close + 1) == Some(&b'"') {
                    doubled = true;
                    from = close + 2;
                } else {
                    break close;
                }
            };
            if close - start > self.max_record_bytes {
                return Err(start);
            }
            let after = data.get(close + 1).copied();
            let ends_record = match after {
                Some(b) if b == self.delimiter => false,
                Some(b'\r') | Some(b'\n') => true,
                None if last => true,
                None => return Ok(Scan::Incomplete(start)),
                // Text after the closing quote.
                Some(_) => return self.fall_back(data, start, last),
            };
            if doubled {
                self.push_unescaped(data, open, close, &mut scratch_len);
            } else {
                self.fields.push((open, close));
            }
            if ends_record {
                return Ok(Scan::Record(if after.is_some() {
                    skip_terminator(data, close + 1)
                } else {
                    n
                }));
            }
            field_start = close + 2;
            if field_start == n {
                if !last {
                    return Ok(Scan::Incomplete(start));
                }
                self.fields.push((n, n));
                return Ok(Scan::Record(n));
            }
            window = self.window(data, field_start);
        }
    }

    /// Records the quoted field `data[a..b]` with its doubled quotes made single, in
    /// `scratch`.
    fn push_unescaped(&mut self, data: &[u8], a: usize, b: usize, scratch_len: &mut usize) {
        let s = *scratch_len;
        let mut len = s;
        let mut rest = &data[a..b];
        while let Some(q) = memchr::memchr(b'"', rest) {
            // `q + 1` keeps one quote of the pair; the pair's second quote is skipped.
            self.scratch_put(len, &rest[..q + 1]);
            len += q + 1;
            rest = &rest[q + 2..];
        }
        self.scratch_put(len, rest);
        len += rest.len();
        *scratch_len = len;
        self.fields.push((s | IN_SCRATCH, len));
    }

    /// Writes `bytes` into `scratch` at `at`, growing it as needed.
    fn scratch_put(&mut self, at: usize, bytes: &[u8]) {
        let end = at + bytes.len();
        if self.scratch.len() < end {
            self.scratch.resize(end.next_power_of_two(), 0);
        }
        self.scratch[at..end].copy_from_slice(bytes);
    }

    /// The special bytes of `data[base..]`, up to 64 of them.
    #[inline(always)]
    fn window(&self, data: &[u8], base: usize) -> Window {
        let (pending, delimiters) = if base + 64 <= data.len() {
            special_masks(&data[base..base + 64], self.delimiter)
        } else {
            special_masks_short(&data[base..], self.delimiter)
        };
        Window {
            base,
            pending,
            delimiters,
        }
    }

    /// Reads the record at `start` with `csv_core`, into the scratch buffer.
    fn fall_back(&mut self, data: &[u8], start: usize, last: bool) -> Result<Scan, usize> {
        self.fallback.reset();
        self.fields.clear();
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
                        self.fields.push((field_start | IN_SCRATCH, end));
                        field_start = end;
                    }
                    return Ok(Scan::Record(data.len() - input.len()));
                }
                csv_core::ReadRecordResult::End => return Ok(Scan::End),
            }
        }
    }

    /// The delimiter this scanner splits on.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }
}

/// Masks of the special bytes (delimiter, quote, CR, LF) and of the delimiters alone in a block
/// of exactly 64 bytes, sixteen at a time with SSE2 (every x86-64 has it).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn special_masks(block: &[u8], delimiter: u8) -> (u64, u64) {
    use std::arch::x86_64::*;
    assert!(block.len() >= 64);
    let (mut any, mut delimiters) = (0u64, 0u64);
    // SAFETY: SSE2 is part of the x86-64 baseline; the four unaligned loads stay inside
    // `block`, which holds at least 64 bytes.
    unsafe {
        let d = _mm_set1_epi8(delimiter as i8);
        let q = _mm_set1_epi8(b'"' as i8);
        let cr = _mm_set1_epi8(b'\r' as i8);
        let lf = _mm_set1_epi8(b'\n' as i8);
        for k in 0..4 {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * k) as *const __m128i);
            let is_delimiter = _mm_cmpeq_epi8(v, d);
            let hits = _mm_or_si128(
                _mm_or_si128(is_delimiter, _mm_cmpeq_epi8(v, q)),
                _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)),
            );
            any |= u64::from(_mm_movemask_epi8(hits) as u16) << (16 * k);
            delimiters |= u64::from(_mm_movemask_epi8(is_delimiter) as u16) << (16 * k);
        }
    }
    (any, delimiters)
}

/// The same with WebAssembly SIMD (built with `+simd128`, which every current browser
/// supports).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn special_masks(block: &[u8], delimiter: u8) -> (u64, u64) {
    use core::arch::wasm32::*;
    assert!(block.len() >= 64);
    let d = u8x16_splat(delimiter);
    let q = u8x16_splat(b'"');
    let cr = u8x16_splat(b'\r');
    let lf = u8x16_splat(b'\n');
    let (mut any, mut delimiters) = (0u64, 0u64);
    for k in 0..4 {
        // SAFETY: `block` holds at least 64 bytes, and v128_load has no alignment requirement.
        let v = unsafe { v128_load(block.as_ptr().add(16 * k) as *const v128) };
        let is_delimiter = u8x16_eq(v, d);
        let hits = v128_or(
            v128_or(is_delimiter, u8x16_eq(v, q)),
            v128_or(u8x16_eq(v, cr), u8x16_eq(v, lf)),
        );
        any |= u64::from(u8x16_bitmask(hits)) << (16 * k);
        delimiters |= u64::from(u8x16_bitmask(is_delimiter)) << (16 * k);
    }
    (any, delimiters)
}

/// Other targets: byte by byte.
#[cfg(not(any(
    target_arch = "x86_64",
    all(target_arch = "wasm32", target_feature = "simd128")
)))]
#[inline]
fn special_masks(block: &[u8], delimiter: u8) -> (u64, u64) {
    special_masks_short(block, delimiter)
}

/// Masks of the special bytes and of the delimiters among the first (up to 64) bytes of
/// `bytes`, one byte at a time: for the end of a buffer, and as the tests' reference.
fn special_masks_short(bytes: &[u8], delimiter: u8) -> (u64, u64) {
    let (mut any, mut delimiters) = (0u64, 0u64);
    for (i, &b) in bytes.iter().take(64).enumerate() {
        let is_delimiter = u64::from(b == delimiter);
        let special = is_delimiter | u64::from(b == b'"' || b == b'\r' || b == b'\n');
        any |= special << i;
        delimiters |= is_delimiter << i;
    }
    (any, delimiters)
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
    use super::{Scan, Scanner};

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
                        records.push(
                            (0..s.fields.len())
                                .map(|i| s.field(&carry, i).to_vec())
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
    fn simd_masks_match_the_byte_loop() {
        let text: Vec<u8> = "Meget tilfreds æøå ".repeat(5).into_bytes();
        for special in [b';', b'"', b'\r', b'\n'] {
            for at in 0..64 {
                let mut data = text.clone();
                data[at] = special;
                data[(at * 7 + 3) % 64] = b';';
                let block = &data[..64];
                assert_eq!(
                    special_masks(block, b';'),
                    special_masks_short(block, b';'),
                    "special {special} at {at}"
                );
                let (any, _) = special_masks_short(block, b';');
                assert_ne!(any & (1 << at), 0);
            }
        }
        assert_eq!(special_masks_short(b"", b';'), (0, 0));
    }

    #[test]
    fn agrees_with_csv_core_on_odd_records() {
        let cases: [&[u8]; 15] = [
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
            b"id;tekst\n1;\"Han sagde: \"\"Du skal bare s\xc3\xb8ge flere job\"\".\"\n2;\"\"\"\"\"\"\"\n",
            b"a;\"\"\"\"",
            b"a;\"x\"\"",
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

        /// The same over records that cross the 64-byte windows, with doubled quotes, for
        /// every delimiter the reader recognises.
        #[test]
        fn windows_and_doubled_quotes_match_csv_core(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(&b"\"\""[..]), proptest::strategy::Just(&b"\""[..]),
                    proptest::strategy::Just(&b";"[..]), proptest::strategy::Just(&b","[..]),
                    proptest::strategy::Just(&b"\t"[..]), proptest::strategy::Just(&b"|"[..]),
                    proptest::strategy::Just(&b"\r\n"[..]), proptest::strategy::Just(&b"\n"[..]),
                    proptest::strategy::Just(&b"Hverken tilfreds eller utilfreds"[..]),
                    proptest::strategy::Just(&b"x"[..]),
                ],
                0..120,
            ),
            chunk in 1usize..200,
            delimiter in proptest::sample::select(vec![b';', b',', b'\t', b'|']),
        ) {
            let data: Vec<u8> = parts.concat();
            proptest::prop_assert_eq!(scan_all(&data, delimiter, chunk), core_all(&data, delimiter));
        }
    }
}
