//! The one number grammar: plain numbers, a decimal point or a decimal comma, Danish grouping
//! ("1.234.567,5") and English grouping ("1,234,567.5"), read from bytes without allocating.
//!
//! One shape is ambiguous: a single separator followed by exactly three digits ("1.234",
//! "12,500") is a thousands grouping in one convention and a decimal in the other. Such a value
//! is decided by the column it stands in ([`ShapeTally`]): the column's other values say which
//! convention it is written in (a "3,5" is Danish, a "3.25" English); without any, the file's
//! other columns say, then the language of its headers; else the Danish reading holds
//! ("17.177" is 17177).

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberShape {
    /// Digits with an optional sign: "7", "-12", "0042".
    Plain,
    /// One decimal comma: "3,5", "0,125", "1234,5".
    DecimalComma,
    /// One decimal point: "3.25", "0.125", "1234.5".
    DecimalPoint,
    /// Points between groups of three digits, perhaps a decimal comma: "1.234.567", "1.234,5".
    DanishGrouped,
    /// Commas between groups of three digits, perhaps a decimal point: "1,234,567", "1,234.5".
    EnglishGrouped,
    /// "1.234": a Danish thousands point, or an English decimal point.
    AmbiguousPoint,
    /// "1,234": an English thousands comma, or a Danish decimal comma.
    AmbiguousComma,
}

/// Which way a column writes its numbers: the Danish way (a decimal comma, points between
/// thousands) or the English way (a decimal point, commas between thousands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Convention {
    /// "1.234,5".
    #[default]
    Danish,
    /// "1,234.5".
    English,
}

/// A number as read: its shape and its digits, so an ambiguous value can be read either way.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scanned {
    /// How it is written.
    pub shape: NumberShape,
    negative: bool,
    /// The first 19 significant digits as one whole number.
    mantissa: u64,
    /// Significant digits in `mantissa`.
    digits: u32,
    /// Digits of the whole part past the 19th: they only scale the number.
    dropped: i32,
    /// Digits of `mantissa` after the decimal mark (0 for a grouping reading of an ambiguous
    /// value).
    decimals: i32,
}

impl Scanned {
    /// The value read in the convention `convention` (only ambiguous shapes depend on it).
    pub fn value(&self, convention: Convention) -> f64 {
        let decimal = match (self.shape, convention) {
            (NumberShape::AmbiguousPoint, Convention::English)
            | (NumberShape::AmbiguousComma, Convention::Danish) => true,
            (NumberShape::AmbiguousPoint | NumberShape::AmbiguousComma, _) => false,
            _ => true,
        };
        let decimals = if decimal { self.decimals } else { 0 };
        let magnitude = if self.digits <= 15 && self.dropped == 0 && decimals <= 22 {
            // Both exact in an f64, so one division rounds correctly, as the standard parser
            // would (and without the standard parser's tables in the download).
            self.mantissa as f64 / POWERS_OF_TEN[decimals as usize]
        } else {
            // More than 15 significant digits (identifiers, not measurements): off by at most
            // a unit or two in the last place.
            self.mantissa as f64 * 10f64.powi(self.dropped - decimals)
        };
        if self.negative {
            -magnitude
        } else {
            magnitude
        }
    }

    /// The value with an ambiguous shape read as a decimal, as a lone value with no column
    /// around it reads ("1.5", "2.675", "3,125").
    pub fn lone_value(&self) -> f64 {
        match self.shape {
            NumberShape::AmbiguousPoint => self.value(Convention::English),
            _ => self.value(Convention::Danish),
        }
    }
}

/// Reads a number in any shape of the grammar; `None` for anything else ("1.2.3", "12a",
/// "1,23,4", " 1"). An ambiguous shape ("1.234") carries both readings.
pub fn scan_number(bytes: &[u8]) -> Option<Scanned> {
    if bytes.is_empty() || bytes.len() > 32 {
        return None;
    }
    // Whole numbers (respondent numbers, codes, counts) are most cells: exact without the
    // general float parser up to 15 digits.
    if bytes.len() <= 15 && bytes.iter().all(u8::is_ascii_digit) {
        let whole = bytes
            .iter()
            .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'));
        let digits = bytes.iter().skip_while(|&&b| b == b'0').count() as u32;
        return Some(Scanned {
            shape: NumberShape::Plain,
            negative: false,
            mantissa: whole,
            digits,
            dropped: 0,
            decimals: 0,
        });
    }
    let (negative, body) = match bytes[0] {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let (mut mantissa, mut digits, mut dropped) = (0u64, 0u32, 0i32);
    // Digits since the last separator: kept in the mantissa, and dropped past the 19th.
    let (mut kept_after, mut dropped_after, mut after) = (0i32, 0i32, 0usize);
    let mut any_digit = false;
    let mut separators = 0u32;
    let mut first: Option<(usize, u8)> = None;
    let mut last: Option<(usize, u8)> = None;
    for (i, &b) in body.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                any_digit = true;
                after += 1;
                if digits < 19 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if mantissa > 0 {
                        digits += 1;
                    }
                    kept_after += 1;
                } else {
                    dropped += 1;
                    dropped_after += 1;
                }
            }
            b'.' | b',' => {
                if let Some((at, mark)) = last {
                    // The separator before this one groups thousands: the first one's mark,
                    // three digits since it.
                    if first.is_some_and(|(_, m)| m != mark) || i - at != 4 {
                        return None;
                    }
                }
                separators += 1;
                first.get_or_insert((i, b));
                last = Some((i, b));
                (kept_after, dropped_after, after) = (0, 0, 0);
            }
            _ => return None,
        }
    }
    if !any_digit {
        return None;
    }
    let scanned = |shape, decimals, dropped| {
        Some(Scanned {
            shape,
            negative,
            mantissa,
            digits,
            dropped,
            decimals,
        })
    };
    let (Some((lead, first_mark)), Some((_, last_mark))) = (first, last) else {
        return scanned(NumberShape::Plain, 0, dropped);
    };
    // A group of thousands is led by one to three digits, not by a zero.
    let grouping_lead = (1..=3).contains(&lead) && body[0] != b'0';
    let decimal_shape = |mark| {
        if mark == b',' {
            NumberShape::DecimalComma
        } else {
            NumberShape::DecimalPoint
        }
    };
    if separators == 1 {
        if grouping_lead && after == 3 {
            let shape = if first_mark == b'.' {
                NumberShape::AmbiguousPoint
            } else {
                NumberShape::AmbiguousComma
            };
            return scanned(shape, kept_after, dropped - dropped_after);
        }
        return scanned(
            decimal_shape(first_mark),
            kept_after,
            dropped - dropped_after,
        );
    }
    if !grouping_lead {
        return None;
    }
    let grouped = if first_mark == b'.' {
        NumberShape::DanishGrouped
    } else {
        NumberShape::EnglishGrouped
    };
    if last_mark == first_mark {
        // Only thousands: the last group has three digits too.
        return (after == 3).then_some(()).and(scanned(grouped, 0, dropped));
    }
    // The last separator is the decimal mark.
    (after >= 1)
        .then_some(())
        .and(scanned(grouped, kept_after, dropped - dropped_after))
}

/// Parses a number of any shape of the grammar as a lone value: an ambiguous "1.234" or
/// "1,234" is read as a decimal. Values of a column are read with the column's convention
/// instead ([`ShapeTally::convention`]).
pub fn parse_number(bytes: &[u8]) -> Option<f64> {
    scan_number(bytes).map(|s| s.lone_value())
}

/// Parses a count typed by a person, such as the number invited: a whole number written
/// plainly or grouped either way ("17177", "17.177", "17,177", "17 177"); `None` for anything
/// else, decimals included.
pub fn parse_count(text: &str) -> Option<u64> {
    let t = text.trim();
    // A space (or a no-break space) between groups of thousands, the way it is often typed.
    let mut compact = [0u8; 32];
    let mut len = 0;
    for c in t.chars() {
        if c == ' ' || c == '\u{a0}' || c == '\u{202f}' {
            continue;
        }
        if !c.is_ascii() || len == compact.len() {
            return None;
        }
        compact[len] = c as u8;
        len += 1;
    }
    let s = scan_number(&compact[..len])?;
    let value = match s.shape {
        NumberShape::Plain | NumberShape::AmbiguousPoint | NumberShape::AmbiguousComma => {
            // A count has no decimals: "17.177" and "17,177" are both seventeen thousand.
            s.value(Convention::Danish)
                .max(s.value(Convention::English))
        }
        NumberShape::DanishGrouped | NumberShape::EnglishGrouped if s.decimals == 0 => {
            s.value(Convention::Danish)
        }
        _ => return None,
    };
    (!s.negative && value <= 1e15).then_some(value as u64)
}

/// The convention of a column from its distinct values and their counts: what its values say,
/// else the Danish way.
pub fn column_convention<'a>(values: impl IntoIterator<Item = (&'a [u8], u64)>) -> Convention {
    let mut tally = ShapeTally::default();
    for (bytes, count) in values {
        if let Some(s) = scan_number(bytes) {
            tally.add(s.shape, count);
        }
    }
    tally.convention().unwrap_or_default()
}

/// The evidence of a column's values for its convention, counted over its cells.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShapeTally {
    /// Cells written the Danish way only: a decimal comma ("3,5") or Danish grouping.
    pub danish: u64,
    /// Cells written the English way only: a decimal point ("3.25") or English grouping.
    pub english: u64,
    /// Cells of an ambiguous shape ("1.234", "1,234").
    pub ambiguous: u64,
}

impl ShapeTally {
    /// Counts `count` cells of shape `shape`.
    #[inline]
    pub fn add(&mut self, shape: NumberShape, count: u64) {
        match shape {
            NumberShape::DecimalComma | NumberShape::DanishGrouped => self.danish += count,
            NumberShape::DecimalPoint | NumberShape::EnglishGrouped => self.english += count,
            NumberShape::AmbiguousPoint | NumberShape::AmbiguousComma => self.ambiguous += count,
            NumberShape::Plain => {}
        }
    }

    /// Both tallies together.
    pub fn merged(self, other: ShapeTally) -> ShapeTally {
        ShapeTally {
            danish: self.danish + other.danish,
            english: self.english + other.english,
            ambiguous: self.ambiguous + other.ambiguous,
        }
    }

    /// The convention the evidence points to, `None` when it points nowhere (no unambiguous
    /// decimal or grouping, or as many of each).
    pub fn convention(&self) -> Option<Convention> {
        match self.danish.cmp(&self.english) {
            std::cmp::Ordering::Greater => Some(Convention::Danish),
            std::cmp::Ordering::Less => Some(Convention::English),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// 10^0 to 10^24, each exact in an f64 up to 10^22 (the rest only serve inputs of more than
/// 15 significant digits, which are rounded anyway).
const POWERS_OF_TEN: [f64; 25] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_match_the_standard_parser_to_the_last_bit() {
        // Every value of up to 15 significant digits must equal `str::parse::<f64>` exactly.
        let mut cases: Vec<String> = vec![
            "0".into(),
            "7".into(),
            "-12.25".into(),
            "3,5".into(),
            "+4".into(),
            ".5".into(),
            "5.".into(),
            "-.75".into(),
            "0.1".into(),
            "0,3".into(),
            "123456789012345".into(),
            "1234567.89012345".into(),
            "0.000000000000001".into(),
            "00012.500".into(),
            "999999999999999".into(),
            "-0.0".into(),
            "2.675".into(),
            "1.005".into(),
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = 1 + (x % 15) as usize;
            let text = format!("{:015}", x % 1_000_000_000_000_000);
            let text = &text[15 - digits..];
            let point = (x >> 40) as usize % (digits + 1);
            cases.push(format!("{}.{}", &text[..point], &text[point..]));
        }
        for case in &cases {
            let expected: f64 = case.replace(',', ".").parse().unwrap();
            assert_eq!(
                parse_number(case.as_bytes()).map(f64::to_bits),
                Some(expected.to_bits()),
                "{case}"
            );
        }
        for bad in [
            "", ".", "-", "+", "1.2.3", "1,2,3", "12a", "--1", "1-", " 1",
        ] {
            assert_eq!(parse_number(bad.as_bytes()), None, "{bad:?}");
        }
        // Long values (identifiers) come out within a unit in the last places.
        let long = parse_number(b"12345678901234567890.5").unwrap();
        assert!((long / 1.2345678901234567e19 - 1.0).abs() < 1e-15);
    }

    #[test]
    fn parses_danish_and_english_numbers() {
        assert_eq!(parse_number(b"3,5"), Some(3.5));
        assert_eq!(parse_number(b"-12.25"), Some(-12.25));
        assert_eq!(parse_number(b"7"), Some(7.0));
        assert_eq!(parse_number(b"007"), Some(7.0));
        assert_eq!(
            parse_number(b"999999999999999"),
            Some(999_999_999_999_999.0)
        );
        assert_eq!(
            parse_number(b"1234567890123456"),
            Some(1_234_567_890_123_456.0)
        );
        assert_eq!(parse_number(b"1.234,5"), Some(1234.5));
        assert_eq!(parse_number(b"1,234.5"), Some(1234.5));
        assert_eq!(parse_number(b"abc"), None);
        assert_eq!(parse_number(b"-"), None);
    }

    #[test]
    fn shapes_of_the_grammar() {
        use NumberShape::*;
        let shape = |t: &str| scan_number(t.as_bytes()).map(|s| s.shape);
        for (text, want) in [
            ("17", Some(Plain)),
            ("-17", Some(Plain)),
            ("3,5", Some(DecimalComma)),
            ("0,125", Some(DecimalComma)),
            ("1234,567", Some(DecimalComma)),
            ("3.25", Some(DecimalPoint)),
            ("0.125", Some(DecimalPoint)),
            (".5", Some(DecimalPoint)),
            ("1.234.567", Some(DanishGrouped)),
            ("1.234,5", Some(DanishGrouped)),
            ("-12.345.678,25", Some(DanishGrouped)),
            ("1,234,567", Some(EnglishGrouped)),
            ("1,234.5", Some(EnglishGrouped)),
            ("1.234", Some(AmbiguousPoint)),
            ("123.456", Some(AmbiguousPoint)),
            ("1,234", Some(AmbiguousComma)),
            ("1.234.56", None),
            ("1.23.456", None),
            ("1,234.567,8", None),
            ("1.234,", None),
            ("0.123.456", None),
            ("1234.567.890", None),
            ("12 kr", None),
        ] {
            assert_eq!(shape(text), want, "{text}");
        }
    }

    #[test]
    fn ambiguous_values_follow_the_convention() {
        let read = |t: &str, c| scan_number(t.as_bytes()).unwrap().value(c);
        assert_eq!(read("17.177", Convention::Danish), 17177.0);
        assert_eq!(read("17.177", Convention::English), 17.177);
        assert_eq!(read("1,234", Convention::Danish), 1.234);
        assert_eq!(read("1,234", Convention::English), 1234.0);
        assert_eq!(read("-1.234", Convention::Danish), -1234.0);
        // Unambiguous shapes read the same in both.
        for c in [Convention::Danish, Convention::English] {
            assert_eq!(read("1.234,5", c), 1234.5);
            assert_eq!(read("1,234.5", c), 1234.5);
            assert_eq!(read("3,5", c), 3.5);
            assert_eq!(read("3.25", c), 3.25);
            assert_eq!(read("1.234.567", c), 1_234_567.0);
        }
        let mut tally = ShapeTally::default();
        assert_eq!(tally.convention(), None);
        tally.add(NumberShape::AmbiguousPoint, 5);
        tally.add(NumberShape::Plain, 9);
        assert_eq!(tally.convention(), None);
        tally.add(NumberShape::DecimalPoint, 1);
        assert_eq!(tally.convention(), Some(Convention::English));
        tally.add(NumberShape::DanishGrouped, 2);
        assert_eq!(tally.convention(), Some(Convention::Danish));
    }

    #[test]
    fn counts_typed_by_people() {
        for (text, want) in [
            ("17177", Some(17177)),
            ("17.177", Some(17177)),
            ("17,177", Some(17177)),
            (" 17 177 ", Some(17177)),
            ("1.234.567", Some(1_234_567)),
            ("1,234,567", Some(1_234_567)),
            ("850", Some(850)),
            ("17,5", None),
            ("17.5", None),
            ("1.234,5", None),
            ("-17", None),
            ("sytten", None),
            ("", None),
        ] {
            assert_eq!(parse_count(text), want, "{text:?}");
        }
    }
}
