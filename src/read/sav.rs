//! SPSS data files (.sav, and zlib-compressed .zsav), as the GNU PSPP manual documents the
//! system file format: written as CSV (`;` between fields, after a `sep=;` line) into the same
//! streaming reader as every other file, with what a CSV cannot carry put where the recognition
//! finds it.
//!
//! * **Headers** are the variables' labels (the question text), else their long names.
//! * **Values** are the value labels ("Meget tilfreds") when every value a variable holds has
//!   one, else the numbers (a scale labelled only at its ends stays a scale of numbers). The
//!   labels, in code order, become the column's declared options
//!   ([`crate::model::profile::ColumnProfile::declared`]), so the scale is the questionnaire's,
//!   in its order, whether every option was chosen or not.
//! * **Missing-value definitions** (discrete codes and ranges) make an answer non-substantive:
//!   it shows its label when the recognition knows the label as one ("Ved ikke"), else
//!   "Uoplyst" ("No answer" in an English file), and is left out of the declared options.
//!   System-missing values are empty cells.
//! * **Dates** (a variable with a date or time format) are written `YYYY-MM-DD`,
//!   `YYYY-MM-DD HH:MM` or `HH:MM`.
//! * **Text** is decoded as the encoding record (subtype 20) or else the character code
//!   (subtype 3) says: UTF-8, or Windows-1252 (and its subsets ASCII and Latin-1); a file that
//!   says neither is UTF-8 when it is valid UTF-8, else Windows-1252.
//!
//! Read: the header record (`$FL2`, `$FL3`), variable records with continuations, very long
//! strings (subtype 14), long variable names (subtype 13), value labels (type 3 and 4),
//! documents (skipped), every other extension record skipped by its size, uncompressed,
//! bytecode-compressed and zlib-compressed data, either byte order. Every count and size is
//! checked against the bytes left, so a lying header allocates nothing; a .zsav inflates to at
//! most 1 GiB and, above 16 MiB, at most 200 times its compressed data.
//!
//! Not read: value labels and missing values of strings longer than 8 bytes (subtypes 21 and
//! 22: such strings show their text), multiple-response sets, the weight variable (a column
//! like any other), EBCDIC files and text encodings other than UTF-8 and Windows-1252 (an
//! [`Error::UnsupportedSav`](crate::words::errors::Error::UnsupportedSav) that says which).
//!
//! Detection needs no feature ([`crate::read::xlsx::container`]); reading is built with the
//! `sav` feature.

#[cfg(feature = "sav")]
pub use reading::{complete, to_csv, Extra};

#[cfg(test)]
mod detection_tests {
    /// Without the `sav` feature an SPSS file is named as one at once, not called binary.
    #[cfg(not(feature = "sav"))]
    #[test]
    fn without_the_feature_an_spss_file_is_named() {
        let mut a = crate::Analyzer::new(crate::ReadOptions::default());
        let r = a.push(b"$FL2@(#) SPSS DATA FILE");
        let r = r.and_then(|()| a.finish().map(|_| ()));
        assert_eq!(r, Err(crate::words::errors::Error::Sav));
    }
}

#[cfg(feature = "sav")]
mod reading {
    use std::collections::{HashMap, HashSet};

    use crate::infer::{is_non_substantive, labels};
    use crate::model::dataset::Dataset;
    use crate::read::decode::decode_windows_1252;
    use crate::words::errors::Error;
    use crate::words::phrases;

    /// Bytes of the header record.
    const HEADER_BYTES: usize = 176;
    /// CSV bytes gathered before they are pushed into the reader.
    const PUSH_BYTES: usize = 1 << 20;
    /// Most bytes a .zsav file's data decompresses to.
    const MAX_INFLATED_BYTES: usize = 1 << 30;
    /// Above 16 MiB, the largest ratio of decompressed to compressed data bytes.
    const MAX_RATIO: usize = 200;
    /// Bytes of each segment of a very long string that hold text (all but the last).
    const SEGMENT_BYTES: usize = 252;

    fn corrupt<T>() -> Result<T, Error> {
        Err(Error::CorruptSav)
    }

    /// The bytes of the file, read in its byte order.
    struct Cursor<'a> {
        bytes: &'a [u8],
        at: usize,
        big_endian: bool,
    }

    impl<'a> Cursor<'a> {
        fn left(&self) -> usize {
            self.bytes.len() - self.at
        }

        fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
            if n > self.left() {
                return corrupt();
            }
            let s = &self.bytes[self.at..self.at + n];
            self.at += n;
            Ok(s)
        }

        fn take8(&mut self) -> Result<[u8; 8], Error> {
            let mut out = [0u8; 8];
            out.copy_from_slice(self.take(8)?);
            Ok(out)
        }

        fn i32(&mut self) -> Result<i32, Error> {
            let mut b = [0u8; 4];
            b.copy_from_slice(self.take(4)?);
            Ok(if self.big_endian {
                i32::from_be_bytes(b)
            } else {
                i32::from_le_bytes(b)
            })
        }

        fn i64(&mut self) -> Result<i64, Error> {
            let b = self.take8()?;
            Ok(if self.big_endian {
                i64::from_be_bytes(b)
            } else {
                i64::from_le_bytes(b)
            })
        }

        /// A count or size: never negative, and at most what `unit` bytes each of the bytes
        /// left could hold.
        fn count(&mut self, unit: usize) -> Result<usize, Error> {
            let n = usize::try_from(self.i32()?).or_else(|_| corrupt())?;
            if n.saturating_mul(unit.max(1)) > self.left() {
                return corrupt();
            }
            Ok(n)
        }
    }

    /// How text in the file is decoded.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum TextCode {
        Utf8,
        Windows1252,
    }

    impl TextCode {
        fn decode(self, bytes: &[u8]) -> String {
            match self {
                TextCode::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
                TextCode::Windows1252 => decode_windows_1252(bytes),
            }
        }

        /// Decodes `bytes` onto the end of `out`.
        fn decode_into(self, bytes: &[u8], out: &mut String) {
            match (self, std::str::from_utf8(bytes)) {
                (TextCode::Utf8, Ok(s)) => out.push_str(s),
                (TextCode::Utf8, Err(_)) => out.push_str(&String::from_utf8_lossy(bytes)),
                (TextCode::Windows1252, Ok(s)) if s.is_ascii() => out.push_str(s),
                (TextCode::Windows1252, _) => out.push_str(&decode_windows_1252(bytes)),
            }
        }

        fn name(self) -> &'static str {
            match self {
                TextCode::Utf8 => "utf-8",
                TextCode::Windows1252 => "windows-1252",
            }
        }
    }

    /// The encoding an encoding record names.
    fn by_name(name: &[u8]) -> Result<TextCode, Error> {
        let key: String = name
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
        match key.as_str() {
            "utf8" => Ok(TextCode::Utf8),
            "windows1252" | "cp1252" | "iso88591" | "latin1" | "l1" | "iso885915" | "latin9"
            | "ascii" | "usascii" | "ansix341968" | "ibm819" | "cp819" => Ok(TextCode::Windows1252),
            _ => Err(Error::UnsupportedSav(format!(
                "text encoding {}",
                shown_name(name)
            ))),
        }
    }

    /// A name from the file, safe to show: printable ASCII, at most 40 characters.
    fn shown_name(name: &[u8]) -> String {
        name.iter()
            .filter(|b| b.is_ascii_graphic())
            .take(40)
            .map(|&b| char::from(b))
            .collect()
    }

    /// The encoding a character code (of the integer info record) names.
    fn by_code(code: i32) -> Result<Option<TextCode>, Error> {
        match code {
            65001 => Ok(Some(TextCode::Utf8)),
            // Windows-1252, ISO-8859-1, ISO-8859-15, 7-bit and 8-bit ASCII, US-ASCII.
            1252 | 28591 | 28605 | 2 | 3 | 20127 => Ok(Some(TextCode::Windows1252)),
            // Not said.
            0 | -1 => Ok(None),
            1 => Err(Error::UnsupportedSav("EBCDIC text".into())),
            other => Err(Error::UnsupportedSav(format!("code page {other}"))),
        }
    }

    /// Which values of a variable are user-missing.
    #[derive(Debug, Default, Clone)]
    struct Missing {
        discrete: Vec<[u8; 8]>,
        range: Option<(f64, f64)>,
    }

    /// One variable of the dictionary (a string's continuation records folded in).
    struct Var {
        short_name: Vec<u8>,
        long_name: Option<Vec<u8>>,
        label: Option<Vec<u8>>,
        /// 0 for a number, else the string's width in bytes.
        width: usize,
        /// 8-byte units the variable takes in each case.
        units: usize,
        /// The print format's type (dates and times are shown as such).
        format: u8,
        missing: Missing,
        /// `(value, label)` of each value label, the value as 8 raw bytes.
        labels: Vec<([u8; 8], Vec<u8>)>,
        /// For the first segment of a very long string: the whole string's width.
        long_width: Option<usize>,
        /// A later segment of a very long string, read into the first.
        segment: bool,
    }

    /// What the dictionary says.
    struct Dictionary {
        vars: Vec<Var>,
        compression: i32,
        bias: f64,
        cases: Option<u64>,
        sysmis: f64,
        text: TextCode,
        big_endian: bool,
        /// Where the data starts.
        data_at: usize,
    }

    fn read_header(c: &mut Cursor<'_>) -> Result<(bool, i32, Option<u64>, f64), Error> {
        if c.bytes.len() < HEADER_BYTES {
            return corrupt();
        }
        let zsav = match &c.bytes[..4] {
            b"$FL2" => false,
            b"$FL3" => true,
            _ => return corrupt(),
        };
        let layout = &c.bytes[64..68];
        let le = i32::from_le_bytes(layout.try_into().unwrap_or([0; 4]));
        let be = i32::from_be_bytes(layout.try_into().unwrap_or([0; 4]));
        c.big_endian = match (le, be) {
            (2 | 3, _) => false,
            (_, 2 | 3) => true,
            _ => return corrupt(),
        };
        c.at = 68;
        let _nominal_case_size = c.i32()?;
        let compression = c.i32()?;
        let _weight_index = c.i32()?;
        let cases = c.i32()?;
        let bias = f64_of(c.take8()?, c.big_endian);
        c.at = HEADER_BYTES;
        match (compression, zsav) {
            (0 | 1, _) | (2, true) => {}
            (2, false) => return corrupt(),
            (other, _) => {
                return Err(Error::UnsupportedSav(format!("compression {other}")));
            }
        }
        let cases = u64::try_from(cases).ok();
        Ok((zsav, compression, cases, bias))
    }

    fn f64_of(b: [u8; 8], big_endian: bool) -> f64 {
        if big_endian {
            f64::from_be_bytes(b)
        } else {
            f64::from_le_bytes(b)
        }
    }

    fn parse_dictionary(bytes: &[u8]) -> Result<Dictionary, Error> {
        let mut c = Cursor {
            bytes,
            at: 0,
            big_endian: false,
        };
        let (_zsav, compression, cases, bias) = read_header(&mut c)?;
        let mut vars: Vec<Var> = Vec::new();
        // The variable of each 8-byte unit of a case, for the value labels' references.
        let mut unit_var: Vec<usize> = Vec::new();
        let mut encoding_name: Option<&[u8]> = None;
        let mut character_code: Option<i32> = None;
        let mut sysmis = -f64::MAX;
        let mut long_names: Option<&[u8]> = None;
        let mut very_long: Option<&[u8]> = None;
        loop {
            match c.i32()? {
                2 => {
                    let kind = c.i32()?;
                    let has_label = c.i32()?;
                    let n_missing = c.i32()?;
                    let print = c.i32()?;
                    let _write = c.i32()?;
                    let name = c.take(8)?;
                    let label = if has_label == 1 {
                        let len = c.count(1)?;
                        let padded = len.div_ceil(4) * 4;
                        let raw = c.take(padded)?;
                        Some(raw[..len].to_vec())
                    } else if has_label == 0 {
                        None
                    } else {
                        return corrupt();
                    };
                    let n = match n_missing {
                        0..=3 => n_missing as usize,
                        -2 | -3 => (-n_missing) as usize,
                        _ => return corrupt(),
                    };
                    let mut values = Vec::with_capacity(n);
                    for _ in 0..n {
                        values.push(c.take8()?);
                    }
                    if kind == -1 {
                        // A continuation of the string before.
                        let Some(last) = vars.last_mut().filter(|v| v.width > 0) else {
                            return corrupt();
                        };
                        last.units += 1;
                        unit_var.push(vars.len() - 1);
                        continue;
                    }
                    let width = match usize::try_from(kind) {
                        Ok(w) if w <= 255 => w,
                        _ => return corrupt(),
                    };
                    let mut missing = Missing::default();
                    if n_missing < 0 {
                        if width > 0 {
                            return corrupt();
                        }
                        let lo = f64_of(values[0], c.big_endian);
                        let hi = f64_of(values[1], c.big_endian);
                        missing.range = Some((lo, hi));
                        missing.discrete = values[2..].to_vec();
                    } else {
                        missing.discrete = values;
                    }
                    let mut short_name = name.to_vec();
                    trim_end(&mut short_name);
                    vars.push(Var {
                        short_name,
                        long_name: None,
                        label,
                        width,
                        units: 1,
                        format: ((print >> 16) & 0xFF) as u8,
                        missing,
                        labels: Vec::new(),
                        long_width: None,
                        segment: false,
                    });
                    unit_var.push(vars.len() - 1);
                }
                3 => {
                    // Each label takes at least 16 bytes (8 of value, 1 of length, padding).
                    let n = c.count(16)?;
                    let mut set = Vec::with_capacity(n);
                    for _ in 0..n {
                        let value = c.take8()?;
                        let len = usize::from(c.take(1)?[0]);
                        let padded = (len + 1).div_ceil(8) * 8 - 1;
                        let raw = c.take(padded)?;
                        set.push((value, raw[..len].to_vec()));
                    }
                    if c.i32()? != 4 {
                        return corrupt();
                    }
                    let n = c.count(4)?;
                    for _ in 0..n {
                        let unit = usize::try_from(c.i32()?).or_else(|_| corrupt())?;
                        let Some(&v) = unit.checked_sub(1).and_then(|u| unit_var.get(u)) else {
                            return corrupt();
                        };
                        let var = &mut vars[v];
                        if var.width > 8 {
                            // Labels of long strings come in an extension record (skipped).
                            continue;
                        }
                        for (value, label) in &set {
                            if !var.labels.iter().any(|(v, _)| v == value) {
                                var.labels.push((*value, label.clone()));
                            }
                        }
                    }
                }
                6 => {
                    let n = c.count(80)?;
                    c.take(n * 80)?;
                }
                7 => {
                    let subtype = c.i32()?;
                    let size = c.count(1)?;
                    let count = c.count(size)?;
                    let data = c.take(size * count)?;
                    let int = |i: usize| -> Option<i32> {
                        let b: [u8; 4] = data.get(i * 4..i * 4 + 4)?.try_into().ok()?;
                        Some(if c.big_endian {
                            i32::from_be_bytes(b)
                        } else {
                            i32::from_le_bytes(b)
                        })
                    };
                    match subtype {
                        3 if size == 4 && count >= 8 => {
                            // 2 and 3: IBM and VAX floating point.
                            if matches!(int(4), Some(2 | 3)) {
                                let what = "floating point other than IEEE 754";
                                return Err(Error::UnsupportedSav(what.into()));
                            }
                            character_code = int(7);
                        }
                        4 if size == 8 && count >= 1 => {
                            let mut b = [0u8; 8];
                            b.copy_from_slice(&data[..8]);
                            sysmis = f64_of(b, c.big_endian);
                        }
                        13 => long_names = Some(data),
                        14 => very_long = Some(data),
                        20 => encoding_name = Some(data),
                        _ => {}
                    }
                }
                999 => {
                    c.i32()?;
                    break;
                }
                _ => return corrupt(),
            }
        }
        if vars.is_empty() {
            return Err(Error::Empty);
        }
        let text = match encoding_name {
            Some(name) => by_name(name)?,
            None => match character_code.map(by_code).transpose()?.flatten() {
                Some(t) => t,
                None => guess_text(&vars),
            },
        };
        // Each variable by its short name, in capitals (the records name them so).
        let by_short: HashMap<Vec<u8>, usize> = vars
            .iter()
            .enumerate()
            .map(|(i, v)| (v.short_name.to_ascii_uppercase(), i))
            .collect();
        if let Some(names) = long_names {
            for pair in names.split(|&b| b == b'\t') {
                let Some(eq) = pair.iter().position(|&b| b == b'=') else {
                    continue;
                };
                let (short, long) = (&pair[..eq], &pair[eq + 1..]);
                if let Some(&i) = by_short.get(&short.to_ascii_uppercase()) {
                    vars[i].long_name = Some(long.to_vec());
                }
            }
        }
        if let Some(list) = very_long {
            join_segments(&mut vars, &by_short, list)?;
        }
        Ok(Dictionary {
            vars,
            compression,
            bias,
            cases,
            sysmis,
            text,
            big_endian: c.big_endian,
            data_at: c.at,
        })
    }

    /// Marks the segments of each very long string (`SHORT=00300\0\t…`): its first variable
    /// gets the whole width, the ones after it are read into it.
    fn join_segments(
        vars: &mut [Var],
        by_short: &HashMap<Vec<u8>, usize>,
        list: &[u8],
    ) -> Result<(), Error> {
        for pair in list.split(|&b| b == b'\t') {
            let pair: &[u8] = {
                let end = pair.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
                &pair[..end]
            };
            let Some(eq) = pair.iter().position(|&b| b == b'=') else {
                continue;
            };
            let (short, width) = (&pair[..eq], &pair[eq + 1..]);
            let width: usize = std::str::from_utf8(width)
                .ok()
                .and_then(|w| w.trim().parse().ok())
                .ok_or(Error::CorruptSav)?;
            let Some(&first) = by_short.get(&short.to_ascii_uppercase()) else {
                continue;
            };
            let segments = width.div_ceil(SEGMENT_BYTES);
            if width <= 255 || first + segments > vars.len() {
                return corrupt();
            }
            if vars[first..first + segments]
                .iter()
                .any(|v| v.width == 0 || v.segment || v.long_width.is_some())
            {
                return corrupt();
            }
            vars[first].long_width = Some(width);
            for v in &mut vars[first + 1..first + segments] {
                v.segment = true;
            }
        }
        Ok(())
    }

    /// The encoding of a file that names none: UTF-8 when its names and labels are valid UTF-8.
    fn guess_text(vars: &[Var]) -> TextCode {
        let valid = vars.iter().all(|v| {
            v.label
                .as_deref()
                .is_none_or(|l| std::str::from_utf8(l).is_ok())
                && v.labels.iter().all(|(_, l)| std::str::from_utf8(l).is_ok())
        });
        if valid {
            TextCode::Utf8
        } else {
            TextCode::Windows1252
        }
    }

    /// Drops trailing spaces and NULs (a string's padding).
    fn trim_end(bytes: &mut Vec<u8>) {
        let end = bytes
            .iter()
            .rposition(|&b| b != b' ' && b != 0)
            .map_or(0, |i| i + 1);
        bytes.truncate(end);
    }

    /// The 8-byte units of the cases, one after the other.
    enum Units<'a> {
        Raw(&'a [u8]),
        Bytecode {
            data: &'a [u8],
            commands: [u8; 8],
            next: usize,
            bias: f64,
            sysmis: f64,
            big_endian: bool,
        },
    }

    impl Units<'_> {
        /// The next case into `case` (whole units); `false` at the end of the data, an error
        /// when the data ends within a case.
        fn fill(&mut self, case: &mut [u8]) -> Result<bool, Error> {
            if let Units::Raw(data) = self {
                if data.len() < case.len() {
                    return if data.len() < 8 { Ok(false) } else { corrupt() };
                }
                case.copy_from_slice(&data[..case.len()]);
                *data = &data[case.len()..];
                return Ok(true);
            }
            for (u, unit) in case.chunks_exact_mut(8).enumerate() {
                let unit: &mut [u8; 8] = unit.try_into().or_else(|_| corrupt())?;
                if !self.next(unit)? {
                    return if u == 0 { Ok(false) } else { corrupt() };
                }
            }
            Ok(true)
        }

        /// The next unit into `out`; `false` at the end of the data.
        #[inline]
        fn next(&mut self, out: &mut [u8; 8]) -> Result<bool, Error> {
            match self {
                Units::Raw(data) => {
                    if data.len() < 8 {
                        return Ok(false);
                    }
                    out.copy_from_slice(&data[..8]);
                    *data = &data[8..];
                    Ok(true)
                }
                Units::Bytecode {
                    data,
                    commands,
                    next,
                    bias,
                    sysmis,
                    big_endian,
                } => loop {
                    if *next == 8 {
                        if data.len() < 8 {
                            return Ok(false);
                        }
                        commands.copy_from_slice(&data[..8]);
                        *data = &data[8..];
                        *next = 0;
                    }
                    let code = commands[*next];
                    *next += 1;
                    let number = |x: f64| {
                        if *big_endian {
                            x.to_be_bytes()
                        } else {
                            x.to_le_bytes()
                        }
                    };
                    match code {
                        0 => continue,
                        252 => {
                            *data = &[];
                            *next = 8;
                            return Ok(false);
                        }
                        253 => {
                            if data.len() < 8 {
                                return corrupt();
                            }
                            out.copy_from_slice(&data[..8]);
                            *data = &data[8..];
                        }
                        254 => *out = *b"        ",
                        255 => *out = number(*sysmis),
                        n => *out = number(f64::from(n) - *bias),
                    }
                    return Ok(true);
                },
            }
        }
    }

    /// The data of a .zsav file: its zlib blocks, inflated one after the other.
    fn inflate_zsav(bytes: &[u8], at: usize, big_endian: bool) -> Result<Vec<u8>, Error> {
        let mut c = Cursor {
            bytes,
            at,
            big_endian,
        };
        let header_at = c.i64()?;
        let trailer_at = c.i64()?;
        let trailer_len = c.i64()?;
        if usize::try_from(header_at).ok() != Some(at) {
            return corrupt();
        }
        let trailer_at = usize::try_from(trailer_at).or_else(|_| corrupt())?;
        let trailer_len = usize::try_from(trailer_len).or_else(|_| corrupt())?;
        if trailer_at < c.at || trailer_at.saturating_add(trailer_len) > bytes.len() {
            return corrupt();
        }
        let mut t = Cursor {
            bytes: &bytes[..trailer_at + trailer_len],
            at: trailer_at,
            big_endian,
        };
        let _bias = t.i64()?;
        let _zero = t.i64()?;
        let _block_size = t.i32()?;
        let blocks = t.count(24)?;
        let mut out = Vec::new();
        let mut compressed_total = 0usize;
        for _ in 0..blocks {
            let _uncompressed_at = t.i64()?;
            let compressed_at = usize::try_from(t.i64()?).or_else(|_| corrupt())?;
            let size = usize::try_from(t.i32()?).or_else(|_| corrupt())?;
            let compressed = usize::try_from(t.i32()?).or_else(|_| corrupt())?;
            let end = compressed_at
                .checked_add(compressed)
                .ok_or(Error::CorruptSav)?;
            if compressed_at < c.at || end > trailer_at {
                return corrupt();
            }
            compressed_total += compressed;
            let limit = MAX_INFLATED_BYTES
                .min((16 << 20).max(compressed_total.saturating_mul(MAX_RATIO)))
                .saturating_sub(out.len());
            if size > limit {
                return Err(too_large());
            }
            let block = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(
                &bytes[compressed_at..end],
                size,
            )
            .or_else(|_| corrupt())?;
            if block.len() != size {
                return corrupt();
            }
            out.extend_from_slice(&block);
        }
        Ok(out)
    }

    fn too_large() -> Error {
        Error::SavTooLarge {
            limit_mb: (MAX_INFLATED_BYTES >> 20) as u64,
        }
    }

    /// Format types of dates, date-times and times (the manual's table of formats).
    fn shown_as(format: u8) -> Shown {
        match format {
            20 | 23 | 24 | 28 | 29 | 30 | 38 | 39 => Shown::Date,
            22 | 41 => Shown::DateTime,
            21 | 25 => Shown::Time,
            _ => Shown::Number,
        }
    }

    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Shown {
        Number,
        Date,
        DateTime,
        Time,
    }

    /// Days from 1970-01-01 to SPSS's day 0, 14 October 1582.
    const SPSS_EPOCH_DAYS: i64 = -141_428;

    /// The date of a day since 1970-01-01 (proleptic Gregorian).
    fn civil(z: i64) -> (i64, i64, i64) {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    /// A number as the cell shows it.
    fn number_text(x: f64, shown: Shown, out: &mut String) {
        use std::fmt::Write;
        // Seconds within the years 1582 to 9999.
        let in_range = (0.0..2.6e11).contains(&x);
        match shown {
            Shown::Date | Shown::DateTime if in_range => {
                let minutes = (x / 60.0).round() as i64;
                let (y, m, d) = civil(SPSS_EPOCH_DAYS + minutes.div_euclid(1440));
                let minute = minutes.rem_euclid(1440);
                let _ = write!(out, "{y:04}-{m:02}-{d:02}");
                if shown == Shown::DateTime && minute != 0 {
                    let _ = write!(out, " {:02}:{:02}", minute / 60, minute % 60);
                }
            }
            Shown::Time if in_range => {
                let minutes = (x / 60.0).round() as i64;
                let _ = write!(out, "{:02}:{:02}", minutes / 60, minutes % 60);
            }
            _ if x == 0.0 => out.push('0'),
            _ => {
                let _ = write!(out, "{x}");
            }
        }
    }

    /// How each column is written: its header, and whether its values are its labels.
    struct Column {
        var: usize,
        header: String,
        use_labels: bool,
        /// Decoded labels, by the position in `Var::labels`.
        labels: Vec<String>,
        /// Whether each label is a non-substantive answer the recognition knows.
        known_missing: Vec<bool>,
    }

    /// What the CSV of an SPSS file cannot carry, for [`complete`].
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Extra {
        /// Each column's declared options (its value labels in code order, missing values
        /// left out); empty for a column shown without its labels.
        pub declared: Vec<Vec<String>>,
        /// The text encoding of the file ("utf-8", "windows-1252").
        pub encoding: &'static str,
    }

    /// Writes the SPSS data file `bytes` as CSV into `sink`, in pieces of about 1 MiB: a
    /// `sep=;` line, the header row, one row per case. The reader reads the pieces and hands
    /// the dataset, unpublished, to [`complete`] with what this returns.
    pub fn to_csv(
        bytes: &[u8],
        sink: &mut dyn FnMut(&[u8]) -> Result<(), Error>,
    ) -> Result<Extra, Error> {
        let dict = parse_dictionary(bytes)?;
        let inflated;
        let data: &[u8] = if dict.compression == 2 {
            inflated = inflate_zsav(bytes, dict.data_at, dict.big_endian)?;
            &inflated
        } else {
            &bytes[dict.data_at..]
        };
        let units_of = || match dict.compression {
            0 => Units::Raw(data),
            _ => Units::Bytecode {
                data,
                commands: [0; 8],
                next: 8,
                bias: dict.bias,
                sysmis: dict.sysmis,
                big_endian: dict.big_endian,
            },
        };
        let case_units: usize = dict.vars.iter().map(|v| v.units).sum();
        // Where each variable's units start in a case.
        let mut starts = Vec::with_capacity(dict.vars.len());
        let mut at = 0usize;
        for v in &dict.vars {
            starts.push(at);
            at += v.units;
        }
        let text = dict.text;
        let shown: Vec<usize> = (0..dict.vars.len())
            .filter(|&i| !dict.vars[i].segment)
            .collect();

        // First pass: which variables hold a value without a label.
        let mut unlabelled = vec![false; dict.vars.len()];
        let cases_of = |f: &mut dyn FnMut(&[u8]) -> Result<(), Error>| -> Result<(), Error> {
            let mut units = units_of();
            let mut n = 0u64;
            let mut case = vec![0u8; case_units * 8];
            loop {
                if dict.cases.is_some_and(|c| n >= c) || !units.fill(&mut case)? {
                    return Ok(());
                }
                f(&case)?;
                n += 1;
            }
        };
        // A string's bytes go into `s`.
        let value_of = |case: &[u8], i: usize, s: &mut Vec<u8>| -> Value {
            let v = &dict.vars[i];
            let start = starts[i] * 8;
            if v.width == 0 {
                let raw: [u8; 8] = case[start..start + 8].try_into().unwrap_or([0; 8]);
                let x = f64_of(raw, dict.big_endian);
                if x.is_nan() || x == dict.sysmis {
                    return Value::Empty;
                }
                let label = v
                    .labels
                    .iter()
                    .position(|(l, _)| f64_of(*l, dict.big_endian) == x);
                let missing = v
                    .missing
                    .discrete
                    .iter()
                    .any(|m| f64_of(*m, dict.big_endian) == x)
                    || v.missing.range.is_some_and(|(lo, hi)| lo <= x && x <= hi);
                Value::Number { x, label, missing }
            } else {
                string_of(case, &dict.vars, &starts, i, s);
                let mut padded = [b' '; 8];
                let head = &s[..s.len().min(8)];
                padded[..head.len()].copy_from_slice(head);
                let fits = s.len() <= 8;
                let label = fits
                    .then(|| v.labels.iter().position(|(l, _)| *l == padded))
                    .flatten();
                let missing = fits && v.missing.discrete.contains(&padded);
                trim_end(s);
                if s.is_empty() && label.is_none() {
                    return Value::Empty;
                }
                Value::Text { label, missing }
            }
        };
        let labelled: Vec<usize> = shown
            .iter()
            .copied()
            .filter(|&i| !dict.vars[i].labels.is_empty())
            .collect();
        let mut scratch = Vec::new();
        if !labelled.is_empty() {
            cases_of(&mut |case: &[u8]| {
                for &i in &labelled {
                    if unlabelled[i] {
                        continue;
                    }
                    unlabelled[i] = match value_of(case, i, &mut scratch) {
                        Value::Number { label, missing, .. } | Value::Text { label, missing } => {
                            label.is_none() && !missing
                        }
                        Value::Empty => false,
                    };
                }
                Ok(())
            })?;
        }

        // The columns.
        let mut columns: Vec<Column> = Vec::with_capacity(shown.len());
        let mut headers: Vec<String> = Vec::with_capacity(shown.len());
        let mut used: HashSet<String> = HashSet::new();
        for &i in &shown {
            let v = &dict.vars[i];
            let name = text.decode(v.long_name.as_deref().unwrap_or(&v.short_name));
            let label = v
                .label
                .as_deref()
                .map(|l| text.decode(l).trim().to_string())
                .filter(|l| !l.is_empty());
            let mut header = label.unwrap_or_else(|| name.clone());
            if !used.insert(header.clone()) {
                // Two variables with the same label: the name tells them apart.
                header = format!("{header} ({name})");
                used.insert(header.clone());
            }
            headers.push(header.clone());
            let labels: Vec<String> = v
                .labels
                .iter()
                .map(|(_, l)| text.decode(l).trim().to_string())
                .collect();
            columns.push(Column {
                var: i,
                header,
                use_labels: !v.labels.is_empty() && !unlabelled[i],
                known_missing: labels.iter().map(|l| is_non_substantive(l)).collect(),
                labels,
            });
        }

        let mut out = Vec::with_capacity(PUSH_BYTES + 4096);
        out.extend_from_slice(b"sep=;\n");
        for (n, col) in columns.iter().enumerate() {
            if n > 0 {
                out.push(b';');
            }
            crate::read::write_csv_field(&mut out, &col.header);
        }
        out.push(b'\n');
        let mut cell = String::new();
        // Said in the language of the questions.
        let lang = labels::file_lang(headers.iter().map(String::as_str));
        cases_of(&mut |case: &[u8]| {
            for (n, col) in columns.iter().enumerate() {
                if n > 0 {
                    out.push(b';');
                }
                cell.clear();
                let v = &dict.vars[col.var];
                match value_of(case, col.var, &mut scratch) {
                    Value::Empty => {}
                    Value::Number { label, missing, .. } | Value::Text { label, missing }
                        if missing =>
                    {
                        match label {
                            Some(l) if col.known_missing[l] => cell.push_str(&col.labels[l]),
                            _ => cell.push_str(phrases::missing_answer(lang)),
                        }
                    }
                    Value::Number { x, label, .. } => match label {
                        Some(l) if col.use_labels => cell.push_str(&col.labels[l]),
                        _ => number_text(x, shown_as(v.format), &mut cell),
                    },
                    Value::Text { label, .. } => match label {
                        Some(l) if col.use_labels => cell.push_str(&col.labels[l]),
                        _ => text.decode_into(&scratch, &mut cell),
                    },
                }
                crate::read::write_csv_field(&mut out, &cell);
            }
            out.push(b'\n');
            if out.len() >= PUSH_BYTES {
                sink(&out)?;
                out.clear();
            }
            Ok(())
        })?;
        sink(&out)?;
        let declared = columns
            .iter()
            .map(|col| match col.use_labels {
                true => declared(&dict.vars[col.var], col, dict.big_endian),
                false => Vec::new(),
            })
            .collect();
        Ok(Extra {
            declared,
            encoding: text.name(),
        })
    }

    /// Gives the columns of the SPSS file's dataset, read unpublished from its CSV, their
    /// declared options; `publish`: then cleans, hides and recognises their labels and headers,
    /// as the reader's `finish` does.
    pub fn complete(dataset: &mut Dataset, extra: Extra, publish: bool) {
        if dataset.columns.len() == extra.declared.len() {
            for (col, declared) in dataset.columns.iter_mut().zip(extra.declared) {
                col.profile.declared = declared;
            }
        }
        if publish {
            let lang = labels::file_lang(dataset.columns.iter().map(|c| c.profile.name.as_str()));
            for col in &mut dataset.columns {
                labels::publish_column(col, lang);
            }
        }
        dataset.dialect.encoding = extra.encoding.to_string();
        dataset.dialect.source = Some("spss".to_string());
        // The header row is the dictionary's: never a row of answers.
        dataset.dialect.header_looks_like_data = false;
    }

    /// The labels of the values that are not missing, in code order, each once.
    fn declared(v: &Var, col: &Column, big_endian: bool) -> Vec<String> {
        let mut coded: Vec<(usize, &[u8; 8])> = v
            .labels
            .iter()
            .enumerate()
            .filter(|(_, (value, _))| {
                if v.width > 0 {
                    return !v.missing.discrete.contains(value);
                }
                let x = f64_of(*value, big_endian);
                !(v.missing
                    .discrete
                    .iter()
                    .any(|m| f64_of(*m, big_endian) == x)
                    || v.missing.range.is_some_and(|(lo, hi)| lo <= x && x <= hi))
            })
            .map(|(i, (value, _))| (i, value))
            .collect();
        if v.width == 0 {
            coded.sort_by(|a, b| f64_of(*a.1, big_endian).total_cmp(&f64_of(*b.1, big_endian)));
        } else {
            coded.sort_by(|a, b| a.1.cmp(b.1));
        }
        let mut out: Vec<String> = Vec::with_capacity(coded.len());
        for (i, _) in coded {
            let label = &col.labels[i];
            if !label.is_empty() && !out.contains(label) {
                out.push(label.clone());
            }
        }
        out
    }

    /// A string variable's bytes in a case, its very long segments joined, into `s`.
    fn string_of(case: &[u8], vars: &[Var], starts: &[usize], i: usize, s: &mut Vec<u8>) {
        let v = &vars[i];
        let piece = |j: usize| -> &[u8] {
            let start = starts[j] * 8;
            let len = vars[j].width.min(vars[j].units * 8);
            &case[start..start + len]
        };
        s.clear();
        match v.long_width {
            None => s.extend_from_slice(piece(i)),
            Some(width) => {
                let segments = width.div_ceil(SEGMENT_BYTES);
                for j in i..i + segments {
                    let p = piece(j);
                    if j + 1 < i + segments {
                        s.extend_from_slice(&p[..p.len().min(SEGMENT_BYTES)]);
                    } else {
                        s.extend_from_slice(p);
                    }
                }
                s.truncate(width);
            }
        }
    }

    /// One variable's value in one case.
    enum Value {
        Empty,
        Number {
            x: f64,
            label: Option<usize>,
            missing: bool,
        },
        /// The bytes are in the scratch buffer.
        Text {
            label: Option<usize>,
            missing: bool,
        },
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn spss_day_zero_is_14_october_1582() {
            assert_eq!(civil(SPSS_EPOCH_DAYS), (1582, 10, 14));
            // 1970-01-01 is 12,219,379,200 s after SPSS's day zero (the offset ReadStat and
            // haven use), and 1 January 2024 is day 19,723 after 1970-01-01.
            let mut s = String::new();
            number_text(12_219_379_200.0 + 19_723.0 * 86_400.0, Shown::Date, &mut s);
            assert_eq!(s, "2024-01-01");
            s.clear();
            number_text(12_219_379_200.0 + 90.0 * 60.0, Shown::DateTime, &mut s);
            assert_eq!(s, "1970-01-01 01:30");
        }

        #[test]
        fn encodings_by_name_and_code() {
            assert_eq!(by_name(b"UTF-8").unwrap(), TextCode::Utf8);
            assert_eq!(by_name(b"windows-1252").unwrap(), TextCode::Windows1252);
            assert_eq!(by_name(b"ISO-8859-1").unwrap(), TextCode::Windows1252);
            assert_eq!(
                by_name(b"windows-1250").unwrap_err().code(),
                "unsupported_sav"
            );
            assert_eq!(by_code(65001).unwrap(), Some(TextCode::Utf8));
            assert_eq!(by_code(1252).unwrap(), Some(TextCode::Windows1252));
            assert_eq!(by_code(0).unwrap(), None);
            assert!(by_code(1250).is_err());
        }
    }
}
