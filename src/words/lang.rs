//! Languages and number formatting: Danish first (81,3 %, 3,42), English second (81.3%, 3.42).

use serde::{Deserialize, Serialize};

/// The language of the user interface and of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Danish (default).
    #[default]
    Da,
    /// English.
    En,
}

impl Lang {
    /// Parses "da" or "en" (anything else is Danish).
    pub fn parse(code: &str) -> Lang {
        if code.trim().eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Da
        }
    }

    /// Picks the Danish or the English text.
    pub fn pick<'a>(self, da: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }
}

/// Formats a number with a fixed number of decimals and the language's decimal mark.
/// Danish uses a decimal comma and a dot between thousands; English the reverse.
pub fn format_decimal(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    // Half away from zero, as spreadsheets round (81,25 → 81,3), not half to even.
    let factor = 10f64.powi(decimals as i32);
    let plain = format!("{:.*}", decimals, (value.abs() * factor).round() / factor);
    let (int_part, frac_part) = match plain.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (plain.as_str(), None),
    };
    let (thousands, decimal_mark) = match lang {
        Lang::Da => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::with_capacity(int_part.len() + int_part.len() / 3 + 4);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(ch);
    }
    let negative = value < 0.0 && plain.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(frac) = frac_part {
        out.push(decimal_mark);
        out.push_str(frac);
    }
    out
}

/// A percentage with one decimal: "81,3 %" in Danish, "81.3%" in English.
pub fn format_pct(value: f64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{}\u{a0}%", format_decimal(value, 1, lang)),
        Lang::En => format!("{}%", format_decimal(value, 1, lang)),
    }
}

/// A mean with two decimals: "3,42" in Danish, "3.42" in English.
pub fn format_mean(value: f64, lang: Lang) -> String {
    format_decimal(value, 2, lang)
}

/// A count with thousands separators: "17.177" in Danish, "17,177" in English.
pub fn format_count(value: u64, lang: Lang) -> String {
    format_decimal(value as f64, 0, lang)
}

/// p-value in the user's format: "p < 0,001" or "p = 0,034".
pub fn format_p(p: f64, lang: Lang) -> String {
    if p < 0.001 {
        format!("p < {}", format_decimal(0.001, 3, lang))
    } else {
        format!("p = {}", format_decimal(p, 3, lang))
    }
}

/// A number with an explicit sign: "+4,2", "-3,1", "0,0".
pub fn signed(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format_decimal(value, decimals, lang);
    if value > 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        format!("+{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_and_english_formats() {
        assert_eq!(format_pct(81.25, Lang::En), "81.3%");
        assert_eq!(format_pct(81.34, Lang::Da), "81,3\u{a0}%");
        assert_eq!(format_mean(3.4167, Lang::Da), "3,42");
        assert_eq!(format_mean(3.4167, Lang::En), "3.42");
        assert_eq!(format_count(17177, Lang::Da), "17.177");
        assert_eq!(format_count(17177, Lang::En), "17,177");
        assert_eq!(format_count(999, Lang::En), "999");
        assert_eq!(format_decimal(-0.04, 1, Lang::Da), "0,0");
        assert_eq!(format_decimal(-1234.5, 1, Lang::Da), "-1.234,5");
    }

    #[test]
    fn signed_numbers() {
        assert_eq!(signed(4.25, 1, Lang::Da), "+4,3");
        assert_eq!(signed(-3.1, 1, Lang::En), "-3.1");
        assert_eq!(signed(0.01, 1, Lang::Da), "0,0");
    }
}
