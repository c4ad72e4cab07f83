//! The streaming reader: bytes in, per-column dictionaries out, in one pass.
//!
//! The first chunk (up to `ReadOptions::sniff_bytes`) is held back to decide the encoding, the
//! delimiter and the header rows; after that every chunk is parsed as it arrives and dropped.
//! Each column keeps a small dictionary of its distinct byte values with counts, and one byte
//! per row naming the value (its "code"), so breakdowns by any column need no second pass.
//! No cell allocates: a cell costs one hash lookup of a short slice.

use crate::infer::{header_row, infer_column, labels, pii};
use crate::model::dataset::{
    ColumnData, Dataset, DialectInfo, PendingNumbers, ReadFacts, CODE_EMPTY,
};
use crate::model::kinds::Kind;
use crate::model::profile::ColumnProfile;
use crate::read::decode::{sniff_encoding, TextEncoding, Utf16Decoder};
use crate::read::dialect::{self, HeaderLayout};
use crate::read::dict::ByteDict;
#[cfg(feature = "sav")]
use crate::read::sav;
use crate::read::scan::{Scan, Scanner};
use crate::read::xlsx::{self, Container};
#[cfg(feature = "weights")]
use crate::util::number::NumberShape;
use crate::util::number::{scan_number, Convention, Scanned, ShapeTally};
use crate::words::errors::Error;
use crate::words::lang::Lang;
use crate::words::phrases;

/// Limits and tuning for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Bytes held back to sniff encoding, delimiter and header rows.
    pub sniff_bytes: usize,
    /// Largest field accepted, in bytes (an unclosed quote otherwise swallows the file).
    pub max_field_bytes: usize,
    /// Most columns accepted.
    pub max_columns: usize,
    /// Distinct values kept per column; more make the column "overflowed" (free text, ids).
    pub max_distinct: usize,
    /// Bytes of distinct values kept per column.
    pub max_distinct_bytes: usize,
    /// The file has no header row: its first row is a respondent's answers and is counted. The
    /// columns are then named by place in `lang` ("Kolonne 1", "Column 1"), whatever the file
    /// holds. For files whose header row looks like answers
    /// ([`DialectInfo::header_looks_like_data`]).
    pub no_header: bool,
    /// The language of the names the reader gives columns without a header ([`Self::no_header`]).
    pub lang: Lang,
    /// The sheet of an Excel workbook to read, by name (`None`: the first visible sheet with
    /// data). Only read with the `xlsx` feature; text files ignore it.
    pub sheet: Option<String>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            sniff_bytes: 64 * 1024,
            max_field_bytes: 16 * 1024 * 1024,
            max_columns: 5_000,
            max_distinct: 2_000,
            max_distinct_bytes: 256 * 1024,
            no_header: false,
            lang: Lang::Da,
            sheet: None,
        }
    }
}

/// One column while the file streams through.
///
/// While the column keeps one code per row (`codes`), a cell costs one dictionary lookup and
/// one byte: its counts, empty cells and lengths follow from the codes and are worked out by
/// `settle` when needed. Once the codes are given up, cells are counted directly.
struct ColumnAcc {
    dict: ByteDict,
    counts: Vec<u64>,
    empty: u64,
    overflowed: bool,
    codes: Option<Vec<u8>>,
    max_len: usize,
    total_len: u64,
    /// Numbers among the cells that did not fit in the dictionary.
    overflow_numeric: PendingNumbers,
    /// Cells that did not fit in the dictionary, held a digit and were no number ("12 kr").
    overflow_unparsed: u64,
    overflow_cpr_cells: u64,
    overflow_cpr_tokens: u64,
    /// Per row, the cell's number: started when the codes are given up in a column whose
    /// values so far are all numbers, and dropped at the first cell that is no number.
    numbers: Option<RowNumbers>,
}

/// The numbers of a column's rows while the file streams through (see
/// [`ColumnData::row_numbers`]). An ambiguous "1.234" is kept in its decimal reading, with its
/// row and its grouping reading beside it, until the column's convention is known.
#[cfg(feature = "weights")]
#[derive(Default)]
struct RowNumbers {
    /// Per row, the number (NaN for an empty cell).
    values: Vec<f32>,
    /// Per dictionary value, its number.
    keys: Vec<Scanned>,
    /// Rows holding "1.234" with the point as a thousands point: 1234.
    grouped_point: Vec<(u32, f32)>,
    /// Rows holding "1,234" with the comma as a thousands comma: 1234.
    grouped_comma: Vec<(u32, f32)>,
}

/// Without continuous weights (the browser's first module) no row keeps its number: a type
/// with no value, so every use of one is dead code and the reading loop pays nothing.
#[cfg(not(feature = "weights"))]
enum RowNumbers {}

#[cfg(not(feature = "weights"))]
impl RowNumbers {
    fn from_codes(_: &ByteDict, _: &[u8]) -> Option<RowNumbers> {
        None
    }
    fn push_empty(&mut self) {
        match *self {}
    }
    fn push_key(&mut self, _: usize) {
        match *self {}
    }
    fn push_dict_key(&mut self, _: Scanned) {
        match *self {}
    }
    fn push(&mut self, _: Scanned) {
        match *self {}
    }
    fn finish(self, _: Convention, _: u64) -> Option<Vec<f32>> {
        match self {}
    }
}

#[cfg(feature = "weights")]
impl RowNumbers {
    /// A new dictionary value's number.
    #[inline]
    fn push_dict_key(&mut self, s: Scanned) {
        self.keys.push(s);
    }

    /// The numbers of the rows so far, from their codes; `None` when a value is no number.
    fn from_codes(dict: &ByteDict, codes: &[u8]) -> Option<RowNumbers> {
        let mut numbers = RowNumbers {
            values: Vec::with_capacity(codes.len() * 2),
            keys: (0..dict.len())
                .map(|i| scan_number(dict.key(i)))
                .collect::<Option<_>>()?,
            ..RowNumbers::default()
        };
        for &code in codes {
            match code {
                CODE_EMPTY => numbers.push_empty(),
                c => numbers.push_key(c as usize - 1),
            }
        }
        Some(numbers)
    }

    #[inline]
    fn push_empty(&mut self) {
        self.values.push(f32::NAN);
    }

    #[inline]
    fn push_key(&mut self, idx: usize) {
        let s = self.keys[idx];
        self.push(s);
    }

    #[inline]
    fn push(&mut self, s: Scanned) {
        let row = self.values.len() as u32;
        match s.shape {
            NumberShape::AmbiguousPoint => self
                .grouped_point
                .push((row, s.value(Convention::Danish) as f32)),
            NumberShape::AmbiguousComma => self
                .grouped_comma
                .push((row, s.value(Convention::English) as f32)),
            _ => {}
        }
        self.values.push(s.lone_value() as f32);
    }

    /// The rows' numbers with the ambiguous ones read in `convention`; `None` unless there is
    /// one per row.
    fn finish(mut self, convention: Convention, rows: u64) -> Option<Vec<f32>> {
        if self.values.len() as u64 != rows {
            return None;
        }
        let grouped = match convention {
            Convention::Danish => &self.grouped_point,
            Convention::English => &self.grouped_comma,
        };
        for &(row, value) in grouped {
            self.values[row as usize] = value;
        }
        Some(self.values)
    }
}

impl ColumnAcc {
    fn new() -> Self {
        ColumnAcc {
            dict: ByteDict::default(),
            counts: Vec::new(),
            empty: 0,
            overflowed: false,
            codes: Some(Vec::new()),
            max_len: 0,
            total_len: 0,
            overflow_numeric: PendingNumbers::default(),
            overflow_unparsed: 0,
            overflow_cpr_cells: 0,
            overflow_cpr_tokens: 0,
            numbers: None,
        }
    }

    /// Adds the cell `src[a..b]`.
    #[inline]
    fn add(&mut self, src: &[u8], a: usize, b: usize, opts: &ReadOptions) {
        if let Some(codes) = &mut self.codes {
            if a == b {
                codes.push(CODE_EMPTY);
                return;
            }
            // Keys are trimmed, so a value with spaces around it misses here and is found
            // after trimming. While there are codes, every index is below 254.
            if let Some(idx) = self.dict.get_in(src, a, b) {
                codes.push(idx as u8 + 1);
                return;
            }
        }
        self.add_slow(src[a..b].trim_ascii(), opts);
    }

    /// A cell that is empty, or new to the dictionary, or in a column without codes.
    #[inline(never)]
    fn add_slow(&mut self, value: &[u8], opts: &ReadOptions) {
        if let Some(codes) = &mut self.codes {
            if value.is_empty() {
                codes.push(CODE_EMPTY);
                return;
            }
            if let Some(idx) = self.dict.get(value) {
                codes.push(idx as u8 + 1);
                return;
            }
        } else {
            if value.is_empty() {
                self.empty += 1;
                if let Some(numbers) = &mut self.numbers {
                    numbers.push_empty();
                }
                return;
            }
            self.max_len = self.max_len.max(value.len());
            self.total_len += value.len() as u64;
            if self.overflowed {
                // Free text and identifiers: the kept values are a sample; the rest is only
                // checked for CPR numbers and numbers.
                self.add_overflow(value);
                return;
            }
            if let Some(idx) = self.dict.get(value) {
                self.counts[idx as usize] += 1;
                if let Some(numbers) = &mut self.numbers {
                    numbers.push_key(idx as usize);
                }
                return;
            }
        }
        if self.dict.len() < opts.max_distinct
            && self.dict.key_bytes() + value.len() <= opts.max_distinct_bytes
        {
            let idx = self.dict.insert(value);
            self.counts.push(0);
            if let Some(codes) = &mut self.codes {
                if idx < 254 {
                    codes.push(idx as u8 + 1);
                    return;
                }
                // Too many distinct values to group by: stop spending a byte per row.
                self.settle();
                self.max_len = self.max_len.max(value.len());
                self.total_len += value.len() as u64;
            } else if let Some(numbers) = &mut self.numbers {
                match scan_number(value) {
                    Some(s) => numbers.push_dict_key(s),
                    None => self.numbers = None,
                }
            }
            self.counts[idx as usize] += 1;
            if let Some(numbers) = &mut self.numbers {
                numbers.push_key(idx as usize);
            }
        } else {
            self.settle();
            self.max_len = self.max_len.max(value.len());
            self.total_len += value.len() as u64;
            self.overflowed = true;
            self.add_overflow(value);
        }
    }

    /// Works out counts, empty cells and lengths from the codes, and gives the codes up; a
    /// column of numbers keeps its rows' numbers instead.
    fn settle(&mut self) {
        self.tally_codes();
        if let Some(codes) = self.codes.take() {
            self.numbers = RowNumbers::from_codes(&self.dict, &codes);
        }
    }

    /// Adds what the codes say to the counts, empty cells and lengths.
    fn tally_codes(&mut self) {
        let ColumnAcc {
            dict,
            counts,
            empty,
            codes: Some(codes),
            max_len,
            total_len,
            ..
        } = self
        else {
            return;
        };
        // Four interleaved histograms: runs of one code would otherwise wait on each other's
        // increments.
        let mut lanes = [[0u64; 256]; 4];
        let mut quads = codes.chunks_exact(4);
        for quad in &mut quads {
            for (lane, &code) in lanes.iter_mut().zip(quad) {
                lane[code as usize] += 1;
            }
        }
        for &code in quads.remainder() {
            lanes[0][code as usize] += 1;
        }
        let histogram: Vec<u64> = (0..256).map(|c| lanes.iter().map(|l| l[c]).sum()).collect();
        *empty += histogram[CODE_EMPTY as usize];
        for (i, count) in counts.iter_mut().enumerate() {
            let n = histogram[i + 1];
            *count += n;
            if n > 0 {
                let len = dict.key(i).len();
                *max_len = (*max_len).max(len);
                *total_len += len as u64 * n;
            }
        }
    }

    fn add_overflow(&mut self, value: &[u8]) {
        let tokens = pii::count_cpr_tokens(value);
        self.overflow_cpr_tokens += u64::from(tokens);
        // Nine digits hold no token but may be a CPR number that lost its leading zero.
        if (tokens > 0 || value.trim_ascii().len() == 9) && pii::is_cpr_like(value) {
            self.overflow_cpr_cells += 1;
        }
        match scan_number(value) {
            Some(s) => {
                self.overflow_numeric.add_scanned(s, 1);
                if let Some(numbers) = &mut self.numbers {
                    numbers.push(s);
                }
            }
            None => {
                self.numbers = None;
                if value.iter().any(u8::is_ascii_digit) {
                    self.overflow_unparsed += 1;
                }
            }
        }
    }
}

enum Phase {
    /// Holding back the first bytes until the dialect is known.
    Sniffing,
    /// Parsing chunk by chunk.
    Streaming,
    /// A binary container (a workbook, an SPSS file), held whole until the end: a workbook's
    /// directory is at the end, an SPSS file's labels are needed before its first case.
    Container(Container, Vec<u8>),
}

/// Most bytes of a workbook or SPSS file held in memory.
const MAX_CONTAINER_BYTES: usize = 1 << 30;

/// Reads an export incrementally: `push` chunks of any size, then `finish`.
pub struct Analyzer {
    opts: ReadOptions,
    phase: Phase,
    prefix: Vec<u8>,
    bytes_seen: u64,
    encoding: TextEncoding,
    transcoder: Option<Utf16Decoder>,
    transcoded: Vec<u8>,
    raw_to_skip: usize,
    text_to_skip: usize,
    dialect: Option<dialect::Dialect>,
    layout: HeaderLayout,
    scanner: Scanner,
    /// The unfinished record at the end of the last chunk.
    carry: Vec<u8>,
    header_rows_left: usize,
    records: u64,
    width: usize,
    names: Vec<String>,
    /// Per column, the variable name kept beside the question text (Qualtrics' "Q4").
    variables: Vec<Option<String>>,
    columns: Vec<ColumnAcc>,
    facts: ReadFacts,
}

impl Analyzer {
    /// A reader with the given limits.
    pub fn new(opts: ReadOptions) -> Self {
        Analyzer {
            opts,
            phase: Phase::Sniffing,
            prefix: Vec::new(),
            bytes_seen: 0,
            encoding: TextEncoding::Utf8,
            transcoder: None,
            transcoded: Vec::new(),
            raw_to_skip: 0,
            text_to_skip: 0,
            dialect: None,
            layout: HeaderLayout::SINGLE,
            scanner: Scanner::new(b',', 0),
            carry: Vec::new(),
            header_rows_left: 0,
            records: 0,
            width: 0,
            names: Vec::new(),
            variables: Vec::new(),
            columns: Vec::new(),
            facts: ReadFacts::default(),
        }
    }

    /// Bytes pushed so far.
    pub fn bytes_seen(&self) -> u64 {
        self.bytes_seen
    }

    /// Data rows read so far.
    pub fn rows(&self) -> u64 {
        self.facts.rows
    }

    /// Feeds the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.bytes_seen += chunk.len() as u64;
        match self.phase {
            Phase::Sniffing => {
                self.prefix.extend_from_slice(chunk);
                if self.sniff_len(&self.prefix).is_some() {
                    self.start(false)?;
                }
                Ok(())
            }
            Phase::Streaming => self.feed(chunk, false),
            Phase::Container(kind, ref mut bytes) => {
                if bytes.len() + chunk.len() > MAX_CONTAINER_BYTES {
                    let limit_mb = (MAX_CONTAINER_BYTES >> 20) as u64;
                    return Err(match kind {
                        Container::Sav => Error::SavTooLarge { limit_mb },
                        _ => Error::WorkbookTooLarge { limit_mb },
                    });
                }
                bytes.extend_from_slice(chunk);
                Ok(())
            }
        }
    }

    /// Ends the input and returns what was read.
    pub fn finish(self) -> Result<Dataset, Error> {
        self.finish_with(true)
    }

    /// How many bytes of `prefix` to sniff: at least `sniff_bytes` and at least through the
    /// eighth line break, so a header row longer than the window (thousands of long question
    /// texts) is read whole; never more than `max_field_bytes`. `None` while more bytes are
    /// needed. The answer depends only on the file's bytes, never on how they were chunked.
    fn sniff_len(&self, prefix: &[u8]) -> Option<usize> {
        const LINES: usize = 8;
        if prefix.len() < self.opts.sniff_bytes {
            return None;
        }
        let limit = prefix.len().min(self.opts.max_field_bytes);
        let mut breaks = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', &prefix[..limit]) {
            if prefix[i] == b'\r' {
                match prefix.get(i + 1) {
                    // Half of a CRLF: the LF is the break.
                    Some(b'\n') => continue,
                    // A CR at the very end may be half a CRLF: wait for the next byte.
                    None => return None,
                    // Old Mac files end lines with CR alone.
                    Some(_) => {}
                }
            }
            breaks += 1;
            if breaks == LINES {
                return Some((i + 1).max(self.opts.sniff_bytes));
            }
        }
        (prefix.len() >= self.opts.max_field_bytes).then_some(self.opts.max_field_bytes)
    }

    /// Decides encoding, dialect and header from the held-back prefix, then parses it.
    fn start(&mut self, complete: bool) -> Result<(), Error> {
        let prefix = std::mem::take(&mut self.prefix);
        if let Some(kind) = xlsx::container(&prefix) {
            return self.start_container(kind, prefix);
        }
        if prefix.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::Empty);
        }
        // Decide on exactly the first `sniff_bytes`, so chunk sizes never change the result.
        let cut = self.sniff_len(&prefix).unwrap_or(prefix.len());
        let complete = complete && prefix.len() <= cut;
        let head = &prefix[..cut];
        self.encoding = sniff_encoding(head, complete)?;
        let bom = self.encoding.bom_len();
        let sample: std::borrow::Cow<[u8]> = match self.encoding.transcoder() {
            Some(mut decoder) => {
                let mut text = Vec::with_capacity(head.len() * 3 / 2);
                decoder.decode(&head[bom.min(head.len())..], complete, &mut text);
                std::borrow::Cow::Owned(text)
            }
            None => std::borrow::Cow::Borrowed(&head[bom.min(head.len())..]),
        };
        if sample.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(Error::Empty);
        }
        let dialect = dialect::sniff(&sample, complete);
        let mut header_sample = dialect::sample_records(
            &sample[dialect.skip_bytes..],
            dialect.delimiter,
            dialect::LAYOUT_SAMPLE_ROWS,
        );
        if !complete && header_sample.len() < dialect::LAYOUT_SAMPLE_ROWS && header_sample.len() > 3
        {
            // The sample ended inside its last record.
            header_sample.pop();
        }
        let decoded: Vec<Vec<String>> = header_sample
            .iter()
            .map(|r| r.iter().map(|f| self.encoding.decode_value(f).0).collect())
            .collect();
        if decoded.is_empty() {
            return Err(Error::Empty);
        }
        let filled_width = |r: &[String]| {
            r.iter()
                .rposition(|c| !c.trim().is_empty())
                .map_or(0, |i| i + 1)
        };
        let width = if self.opts.no_header {
            // No header to take the width from: the widest of the first rows.
            self.layout = HeaderLayout {
                rows: 0,
                ..HeaderLayout::SINGLE
            };
            dialect::sample_records(&sample[dialect.skip_bytes..], dialect.delimiter, 60)
                .iter()
                .map(|r| {
                    let cells: Vec<String> =
                        r.iter().map(|f| self.encoding.decode_value(f).0).collect();
                    filled_width(&cells)
                })
                .max()
                .unwrap_or(0)
        } else {
            self.layout = dialect::header_layout(&decoded);
            decoded
                .iter()
                .take(self.layout.rows)
                .map(|r| filled_width(r))
                .max()
                .unwrap_or(0)
        };
        if width > self.opts.max_columns {
            return Err(Error::TooManyColumns(width, self.opts.max_columns));
        }
        if width <= 1 {
            return Err(Error::OneColumn);
        }
        self.names = if self.opts.no_header {
            (1..=width)
                .map(|n| phrases::column_number(n, self.opts.lang))
                .collect()
        } else {
            dialect::fold_headers(&decoded, &self.layout, width)
        };
        self.variables = dialect::header_variables(&decoded, &self.layout, &self.names);
        self.width = width;
        self.columns = (0..width).map(|_| ColumnAcc::new()).collect();
        self.header_rows_left = self.layout.rows;
        self.scanner = Scanner::new(dialect.delimiter, self.opts.max_field_bytes);
        self.transcoder = self.encoding.transcoder();
        self.raw_to_skip = bom;
        self.text_to_skip = dialect.skip_bytes;
        self.dialect = Some(dialect);
        self.phase = Phase::Streaming;
        self.feed(&prefix, false)
    }

    fn feed(&mut self, mut raw: &[u8], last: bool) -> Result<(), Error> {
        let skip = self.raw_to_skip.min(raw.len());
        raw = &raw[skip..];
        self.raw_to_skip -= skip;
        if let Some(mut decoder) = self.transcoder.take() {
            let mut text = std::mem::take(&mut self.transcoded);
            text.clear();
            decoder.decode(raw, last, &mut text);
            self.transcoder = Some(decoder);
            let parsed = self.parse(&text, last);
            self.transcoded = text;
            parsed
        } else {
            self.parse(raw, last)
        }
    }

    fn parse(&mut self, mut input: &[u8], last: bool) -> Result<(), Error> {
        let skip = self.text_to_skip.min(input.len());
        input = &input[skip..];
        self.text_to_skip -= skip;
        if self.carry.is_empty() {
            return self.parse_direct(input, last);
        }
        // Complete the carried record with as few copied bytes as possible, then go on in place.
        let carried = self.carry.len();
        let mut taken = 0;
        loop {
            let want = (taken * 2).max(4096).min(input.len());
            self.carry.extend_from_slice(&input[taken..want]);
            taken = want;
            let all = taken == input.len();
            let buf = std::mem::take(&mut self.carry);
            let consumed = self.scan_records(&buf, last && all);
            let consumed = match consumed {
                Ok(c) => c,
                Err(e) => {
                    self.carry = buf;
                    return Err(e);
                }
            };
            if consumed > carried {
                self.carry = buf;
                self.carry.clear();
                return self.parse_direct(&input[consumed - carried..], last);
            }
            self.carry = buf;
            if all {
                if consumed > 0 {
                    self.carry.drain(..consumed);
                }
                return self.check_carry();
            }
        }
    }

    fn parse_direct(&mut self, input: &[u8], last: bool) -> Result<(), Error> {
        let consumed = self.scan_records(input, last)?;
        self.carry.extend_from_slice(&input[consumed..]);
        self.check_carry()
    }

    fn check_carry(&self) -> Result<(), Error> {
        if self.carry.len() > self.opts.max_field_bytes {
            return Err(self.too_large());
        }
        Ok(())
    }

    fn too_large(&self) -> Error {
        Error::FieldTooLarge {
            row: self.records + 1,
            limit_mb: (self.opts.max_field_bytes / (1024 * 1024)) as u64,
        }
    }

    /// Counts every complete record of `data`; returns the offset where an unfinished one starts.
    fn scan_records(&mut self, data: &[u8], last: bool) -> Result<usize, Error> {
        let mut pos = 0;
        loop {
            match self.scanner.next(data, pos, last) {
                Ok(Scan::Record(end)) => {
                    self.record(data);
                    pos = end;
                }
                Ok(Scan::Incomplete(at)) => return Ok(at),
                Ok(Scan::End) => return Ok(data.len()),
                Err(_) => return Err(self.too_large()),
            }
        }
    }

    /// Counts the record the scanner just found into the columns.
    fn record(&mut self, data: &[u8]) {
        self.records += 1;
        if self.header_rows_left > 0 {
            self.header_rows_left -= 1;
            return;
        }
        let scanner = &self.scanner;
        let nfields = scanner.fields.len();
        let blank = |i: usize| scanner.field(data, i).iter().all(u8::is_ascii_whitespace);
        if (0..nfields).all(blank) {
            // Rows of only delimiters: Excel writes them below the data.
            self.facts.blank_rows += 1;
            return;
        }
        self.facts.rows += 1;
        if nfields < self.width {
            self.facts.padded_rows += 1;
            self.facts.first_padded_row.get_or_insert(self.records);
        } else if nfields > self.width && !(self.width..nfields).all(blank) {
            self.facts.truncated_rows += 1;
            self.facts.first_truncated_row.get_or_insert(self.records);
        }
        for (i, column) in self.columns.iter_mut().enumerate() {
            if i < nfields {
                let (src, a, b) = scanner.field_parts(data, i);
                column.add(src, a, b, &self.opts);
            } else {
                column.add(data, 0, 0, &self.opts);
            }
        }
    }

    /// Ends the input and returns what was read, with the file's own labels and headers: not
    /// yet cleaned or hidden, and not recognised. For readers that relabel the columns first
    /// (SurveyXact's codes), which must then call [`labels::publish_column`] on each.
    pub(crate) fn finish_unpublished(self) -> Result<Dataset, Error> {
        self.finish_with(false)
    }

    /// A zip, Compound File or SPSS file: held whole when it can be read at the end (a zip
    /// with the `xlsx` feature, an SPSS file with the `sav` feature), refused at once when its
    /// first bytes already say why it cannot.
    fn start_container(&mut self, kind: Container, prefix: Vec<u8>) -> Result<(), Error> {
        match kind {
            Container::Zip if !cfg!(feature = "xlsx") => return Err(xlsx::prefix_error(&prefix)),
            Container::Sav if !cfg!(feature = "sav") => return Err(Error::Sav),
            Container::Sav => {}
            Container::Cfb => match xlsx::cfb_error(&prefix) {
                Error::Binary => {}
                known => return Err(known),
            },
            Container::Zip => {}
        }
        self.phase = Phase::Container(kind, prefix);
        Ok(())
    }

    /// Ends the input; `publish`: clean, hide and recognise the columns' labels and headers.
    fn finish_with(mut self, publish: bool) -> Result<Dataset, Error> {
        if let Phase::Sniffing = self.phase {
            self.start(true)?;
        }
        if let Phase::Container(kind, bytes) = std::mem::replace(&mut self.phase, Phase::Sniffing) {
            return self.finish_container(kind, &bytes, publish);
        }
        self.feed(&[], true)?;
        if self.facts.rows == 0 {
            return Err(Error::NoRows);
        }
        Ok(self.into_dataset_with(publish))
    }

    /// Reads a whole container: a workbook's sheet, or an SPSS file, as CSV through a reader
    /// of the same options.
    fn finish_container(
        self,
        kind: Container,
        bytes: &[u8],
        publish: bool,
    ) -> Result<Dataset, Error> {
        match kind {
            Container::Cfb => Err(xlsx::cfb_error(bytes)),
            #[cfg(feature = "xlsx")]
            Container::Zip => {
                if self.opts.sheet.is_none() && publish {
                    if let Some([dataset, structure, labels]) = xlsx::surveyxact_sheets(bytes)? {
                        // SurveyXact's Excel export: its three sheets join like its three files.
                        let mut inner = Analyzer::new(ReadOptions {
                            sheet: None,
                            ..self.opts
                        });
                        inner.push(&dataset)?;
                        let coded = inner.finish_unpublished()?;
                        return crate::read::surveyxact::join(coded, &structure, &labels);
                    }
                }
                let sheet = self.opts.sheet.clone();
                let mut inner = Analyzer::new(ReadOptions {
                    sheet: None,
                    ..self.opts
                });
                // The sheet goes to the reader as it is read: its CSV is never held whole.
                xlsx::csv_into(bytes, sheet.as_deref(), &mut |csv| inner.push(csv))?;
                inner.finish_with(publish)
            }
            #[cfg(not(feature = "xlsx"))]
            Container::Zip => {
                let _ = publish;
                Err(xlsx::prefix_error(bytes))
            }
            #[cfg(feature = "sav")]
            Container::Sav => {
                let mut inner = Analyzer::new(ReadOptions {
                    sheet: None,
                    no_header: false,
                    ..self.opts
                });
                let extra = sav::to_csv(bytes, &mut |csv| inner.push(csv))?;
                let mut dataset = inner.finish_unpublished()?;
                sav::complete(&mut dataset, extra, publish);
                Ok(dataset)
            }
            #[cfg(not(feature = "sav"))]
            Container::Sav => Err(Error::Sav),
        }
    }

    fn into_dataset_with(self, publish: bool) -> Dataset {
        let lang = if self.opts.no_header {
            self.opts.lang
        } else {
            labels::file_lang(self.names.iter().map(String::as_str))
        };
        let encoding = self.encoding;
        let dialect = self.dialect.expect("dialect is known after start");
        let rows = self.facts.rows;
        let mut invalid_values = 0u64;
        let mut variables = self.variables.into_iter();
        let read: Vec<_> = self
            .columns
            .into_iter()
            .zip(self.names)
            .map(|(acc, name)| {
                let variable = variables.next().flatten();
                let mut acc = acc;
                acc.tally_codes();
                let mut numbers = acc.overflow_numeric;
                let mut cpr_cells = acc.overflow_cpr_cells;
                let mut cpr_tokens = acc.overflow_cpr_tokens;
                let mut not_numbers = Vec::new();
                let mut values = Vec::with_capacity(acc.dict.len());
                for (i, &count) in acc.counts.iter().enumerate() {
                    let key = acc.dict.key(i);
                    let (text, bad) = encoding.decode_value(key);
                    if bad {
                        invalid_values += count;
                    }
                    if pii::is_cpr_like(key) {
                        cpr_cells += count;
                    }
                    cpr_tokens += u64::from(pii::count_cpr_tokens(key)) * count;
                    if !numbers.add(key, count) {
                        not_numbers.push(i);
                    }
                    values.push((text, count));
                }
                let (unparsed_numbers, unparsed_forms) = unparsed_numbers(
                    &values,
                    &not_numbers,
                    numbers.cells,
                    rows.saturating_sub(acc.empty),
                    acc.overflow_unparsed,
                );
                let profile = ColumnProfile {
                    name,
                    variable,
                    values,
                    rows,
                    empty: acc.empty,
                    overflowed: acc.overflowed,
                    cpr_cells,
                    cpr_tokens,
                    numeric_cells: numbers.cells,
                    unparsed_numbers,
                    unparsed_forms,
                    max_len: acc.max_len,
                    total_len: acc.total_len,
                    ..ColumnProfile::default()
                };
                (profile, acc.codes, numbers, acc.numbers)
            })
            .collect();
        // A column whose own values do not say how it writes numbers is read the way the
        // file's other columns write them, else the way of the language of its headers.
        let file_shapes = read
            .iter()
            .fold(ShapeTally::default(), |t, (_, _, n, _)| t.merged(n.tally));
        let header_convention = if !self.opts.no_header && lang == Lang::En {
            Convention::English
        } else {
            Convention::Danish
        };
        // Judged on the headers as the file has them, before any is cleaned or masked; a
        // layout of a known survey tool, or no header at all, is never in doubt.
        let header_looks_like_data = self.layout.rows == 1 && self.layout.source.is_none() && {
            let profiles: Vec<&ColumnProfile> = read.iter().map(|(p, _, _, _)| p).collect();
            header_row::header_looks_like_data(&profiles)
        };
        let columns = read
            .into_iter()
            .map(|(profile, codes, numbers, row_numbers)| {
                let convention = numbers.convention(file_shapes, header_convention);
                let numeric = numbers.settle(convention);
                let row_numbers = row_numbers.and_then(|r| r.finish(convention, rows));
                if publish {
                    let mut col = labels::published_column(profile, codes, numeric, lang);
                    // Identifiers and personal data never weight: their numbers are not kept.
                    let weighs = !col.inferred.personal_data
                        && !matches!(col.inferred.kind, Kind::Id | Kind::Text);
                    col.row_numbers = row_numbers.filter(|_| weighs);
                    return col;
                }
                let inferred = infer_column(&profile);
                ColumnData {
                    profile,
                    inferred,
                    codes,
                    numeric,
                    row_numbers,
                    pre_merge: None,
                }
            })
            .collect();
        let mut facts = self.facts;
        facts.invalid_values = invalid_values;
        let mut dataset = Dataset {
            dialect: DialectInfo {
                encoding: encoding.name().to_string(),
                delimiter: (dialect.delimiter as char).to_string(),
                header_rows: self.layout.rows,
                line_ending: dialect.line_ending.to_string(),
                source: self.layout.source.map(str::to_string),
                header_looks_like_data,
            },
            facts,
            columns,
        };
        if publish {
            // SurveyXact's one-file export lists everyone invited, with status columns.
            crate::read::surveyxact::apply_status_columns(&mut dataset, lang);
        }
        dataset
    }
}

/// Cells of a column of numbers that are no number and no non-substantive answer ("Ved
/// ikke"): how many, and how many of each form ("9 a" for "12 kr", "9.9.9" for "1.2.3"), most
/// first, at most eight forms. `not_numbers` indexes the kept `values` that are no number;
/// `overflow` counts cells past the kept values that held a digit and were no number. Nothing
/// for a column where fewer than half the `answered` cells are numbers: that is no column of
/// numbers.
fn unparsed_numbers(
    values: &[(String, u64)],
    not_numbers: &[usize],
    numbers: u64,
    answered: u64,
    overflow: u64,
) -> (u64, Vec<(String, u64)>) {
    const MOST_FORMS: usize = 8;
    if numbers == 0 || numbers.saturating_mul(2) < answered {
        return (0, Vec::new());
    }
    let mut forms: Vec<(String, u64)> = Vec::new();
    let mut total = overflow;
    for &i in not_numbers {
        let (text, count) = &values[i];
        if crate::infer::is_non_substantive(text) {
            continue;
        }
        total += count;
        let form = header_row::form(text);
        match forms.iter_mut().find(|(f, _)| *f == form) {
            Some((_, n)) => *n += count,
            None => forms.push((form, *count)),
        }
    }
    crate::util::sort::sort_by(&mut forms, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    forms.truncate(MOST_FORMS);
    (total, forms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_in_chunks(bytes: &[u8], chunk: usize) -> Result<Dataset, Error> {
        let mut a = Analyzer::new(ReadOptions {
            sniff_bytes: 16,
            ..ReadOptions::default()
        });
        for c in bytes.chunks(chunk.max(1)) {
            a.push(c)?;
        }
        a.finish()
    }

    #[test]
    fn spaces_around_values_and_blank_cells_count_like_the_trimmed_value() {
        // Padded before and after the plain value is first seen; a cell of spaces is empty.
        let csv = "id;svar\n1; Tilfreds\n2;Tilfreds\n3;Tilfreds  \n4;   \n5;\n6;Utilfreds\n";
        for chunk in [1, 5, 4096] {
            let d = read_in_chunks(csv.as_bytes(), chunk).unwrap();
            let svar = &d.columns[1];
            assert_eq!(
                svar.profile.values,
                vec![("Tilfreds".into(), 3), ("Utilfreds".into(), 1)],
                "chunk {chunk}"
            );
            assert_eq!(svar.profile.empty, 2);
            assert_eq!(svar.profile.max_len, 9);
            assert_eq!(svar.profile.total_len, 3 * 8 + 9);
            assert_eq!(svar.codes.as_deref(), Some(&[1, 1, 1, 0, 0, 2][..]));
        }
    }

    #[test]
    fn counts_stay_exact_when_a_column_gives_up_its_codes() {
        // 300 distinct values, each twice, with empty cells between: past 254 distinct values
        // the column counts directly, and the counts from the codes must carry over.
        let mut csv = String::from("id;v\n");
        for round in 0..2 {
            for i in 0..300 {
                csv.push_str(&format!("{i};værdi {i}\n"));
                if i % 50 == round {
                    csv.push_str("x;\n");
                }
            }
        }
        let d = read_in_chunks(csv.as_bytes(), 333).unwrap();
        let v = &d.columns[1];
        assert!(v.codes.is_none());
        assert_eq!(v.profile.values.len(), 300);
        assert!(v.profile.values.iter().all(|(_, n)| *n == 2));
        assert_eq!(v.profile.empty, 12);
        let bytes: u64 = (0..300).map(|i| format!("værdi {i}").len() as u64).sum();
        assert_eq!(v.profile.total_len, 2 * bytes);
    }

    #[test]
    fn a_column_of_many_numbers_keeps_each_rows_number() {
        // 2,500 distinct numbers (past the codes at 254 and the dictionary at 2,000), an empty
        // cell every 100 rows, a short row at the end.
        let mut csv = String::from("svar;vægt\n");
        let mut want = Vec::new();
        for i in 0..2500 {
            if i % 100 == 7 {
                csv.push_str("Tilfreds;\n");
                want.push(f32::NAN);
            } else {
                csv.push_str(&format!("Tilfreds;{},{:03}\n", i / 1000, i % 1000));
                want.push((i as f64 / 1000.0) as f32);
            }
        }
        csv.push_str("Tilfreds\n");
        want.push(f32::NAN);
        for chunk in [777, 1 << 20] {
            let d = read_in_chunks(csv.as_bytes(), chunk).unwrap();
            let got = d.columns[1].row_numbers.as_deref().expect("numbers kept");
            assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                assert!(g == w || (g.is_nan() && w.is_nan()), "{g} {w}");
            }
            assert!(d.columns[0].row_numbers.is_none());
        }
        // One cell that is no number, before or after the dictionary is full: none are kept.
        for at in [300, 2400] {
            let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
            lines[at] = "Tilfreds;mange".into();
            let d = read_in_chunks(lines.join("\n").as_bytes(), 4096).unwrap();
            assert!(d.columns[1].row_numbers.is_none(), "at {at}");
        }
    }

    #[test]
    fn counts_values_across_chunk_boundaries() {
        let csv = "Ydelse;Svar\r\nA-dagpenge;Tilfreds\r\n\"Kontant;hjælp\";\"Meget\r\ntilfreds\"\r\nA-dagpenge; Tilfreds \r\n;;\r\n";
        for chunk in [1, 2, 3, 7, 64, 4096] {
            let d = read_in_chunks(csv.as_bytes(), chunk).unwrap();
            assert_eq!(d.facts.rows, 3, "chunk {chunk}");
            assert_eq!(d.facts.blank_rows, 1);
            let svar = &d.columns[1].profile;
            assert_eq!(
                svar.values,
                vec![("Tilfreds".into(), 2), ("Meget\r\ntilfreds".into(), 1)]
            );
            assert_eq!(d.columns[0].profile.values[1].0, "Kontant;hjælp");
            assert_eq!(d.columns[1].codes.as_deref(), Some(&[1, 2, 1][..]));
        }
    }

    #[test]
    fn utf16_and_windows_1252() {
        let text = "Køn\tSvar\r\nKvinde\tTilfreds\r\nMand\tUtilfreds\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        for chunk in [1, 3, 5, 1000] {
            let d = read_in_chunks(&bytes, chunk).unwrap();
            assert_eq!(d.dialect.encoding, "utf-16le");
            assert_eq!(d.dialect.delimiter, "\t");
            assert_eq!(d.columns[0].profile.name, "Køn");
            assert_eq!(d.facts.rows, 2);
        }
        let d = read_in_chunks(b"K\xF8n;Svar\nKvinde;Fysisk m\xF8de\n", 4).unwrap();
        assert_eq!(d.dialect.encoding, "windows-1252");
        assert_eq!(d.columns[0].profile.name, "Køn");
        assert_eq!(d.columns[1].profile.values[0].0, "Fysisk møde");
    }

    #[test]
    fn ragged_rows_are_padded_or_cut_and_reported() {
        let d = read_in_chunks(b"a;b;c\n1;2\n1;2;3;4\n1;2;3;\n", 5).unwrap();
        assert_eq!(d.facts.rows, 3);
        assert_eq!(d.facts.padded_rows, 1);
        assert_eq!(d.facts.truncated_rows, 1);
        assert_eq!(d.facts.first_padded_row, Some(2));
        assert_eq!(d.facts.first_truncated_row, Some(3));
    }

    #[test]
    fn bad_input_gives_errors_not_panics() {
        assert_eq!(read_in_chunks(b"", 1).err(), Some(Error::Empty));
        assert_eq!(read_in_chunks(b" \r\n", 1).err(), Some(Error::Empty));
        assert_eq!(read_in_chunks(b"a", 1).err(), Some(Error::OneColumn));
        assert_eq!(read_in_chunks(b"a;b\n", 1).err(), Some(Error::NoRows));
        assert_eq!(
            read_in_chunks(b"\x89PNG\r\n\x1a\nxxxx", 3).err(),
            Some(Error::Binary)
        );
        let mut a = Analyzer::new(ReadOptions {
            max_field_bytes: 1 << 20,
            ..Default::default()
        });
        a.push(b"a;b\n1;\"").unwrap();
        let big = vec![b'x'; 1 << 16];
        let mut result = Ok(());
        for _ in 0..40 {
            result = a.push(&big);
            if result.is_err() {
                break;
            }
        }
        assert_eq!(
            result,
            Err(Error::FieldTooLarge {
                row: 2,
                limit_mb: 1
            })
        );
    }

    #[test]
    fn header_longer_than_the_sniff_window_is_read_whole() {
        // 3,000 columns with long question texts: about 150 KB of header.
        let names: Vec<String> = (0..3000)
            .map(|i| format!("Spørgsmål nummer {i:05} om jobcentret"))
            .collect();
        let mut csv = names.join(";");
        csv.push('\n');
        for _ in 0..10 {
            csv.push_str(&vec!["Tilfreds"; 3000].join(";"));
            csv.push('\n');
        }
        for chunk in [1000, 65536, 1 << 20] {
            let d = read_in_chunks(csv.as_bytes(), chunk).unwrap();
            assert_eq!(d.columns.len(), 3000, "chunk {chunk}");
            assert_eq!(d.columns[2999].profile.name, names[2999]);
            assert_eq!(d.facts.rows, 10);
            assert_eq!(d.facts.truncated_rows + d.facts.padded_rows, 0);
        }
        // 20,000 columns is no survey export: a clear refusal, not a partial read.
        let wide = format!(
            "{}\n{}\n",
            vec!["q"; 20_000].join(";"),
            vec!["1"; 20_000].join(";")
        );
        let mut a = Analyzer::new(ReadOptions::default());
        let result = a
            .push(wide.as_bytes())
            .and_then(|()| a.finish().map(|_| ()));
        assert_eq!(result, Err(Error::TooManyColumns(20_000, 5_000)));
    }
}
