//! The one number grammar: a decimal point or a decimal comma, read from bytes without
//! allocating.

/// Parses a number written with a decimal point or a decimal comma ("3,5", "-12.25", "7").
pub fn parse_number(bytes: &[u8]) -> Option<f64> {
    if bytes.is_empty() || bytes.len() > 24 {
        return None;
    }
    // Whole numbers (respondent numbers, codes, counts) are most cells: exact without the
    // general float parser up to 15 digits.
    if bytes.len() <= 15 && bytes.iter().all(u8::is_ascii_digit) {
        let whole = bytes
            .iter()
            .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'));
        return Some(whole as f64);
    }
    let (negative, digits_and_sep) = match bytes[0] {
        b'-' => (true, &bytes[1..]),
        b'+' => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    // The digits as one whole number, and how many of them follow the separator. Past 19
    // digits the rest only scale the number.
    let (mut mantissa, mut digits, mut decimals, mut dropped) = (0u64, 0u32, 0i32, 0i32);
    let mut seen_sep = false;
    for &b in digits_and_sep {
        match b {
            b'0'..=b'9' => {
                if digits < 19 {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    if mantissa > 0 {
                        digits += 1;
                    }
                    decimals += i32::from(seen_sep);
                } else if !seen_sep {
                    dropped += 1;
                }
            }
            b'.' | b',' if !seen_sep => seen_sep = true,
            _ => return None,
        }
    }
    if !digits_and_sep.iter().any(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = if digits <= 15 && dropped == 0 && decimals <= 22 {
        // Both exact in an f64, so one division rounds correctly, as the standard parser
        // would (and without the standard parser's tables in the download).
        mantissa as f64 / POWERS_OF_TEN[decimals as usize]
    } else {
        // More than 15 significant digits (identifiers, not measurements): off by at most a
        // unit or two in the last place.
        mantissa as f64 * 10f64.powi(dropped - decimals)
    };
    Some(if negative { -magnitude } else { magnitude })
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
        assert_eq!(parse_number(b"1.234,5"), None);
        assert_eq!(parse_number(b"abc"), None);
        assert_eq!(parse_number(b"-"), None);
    }
}
