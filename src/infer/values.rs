//! What a column's values look like: numbers, dates, e-mail addresses, lengths, counted once per
//! column.

use super::*;
use crate::model::profile::ColumnProfile;

/// Counts over the kept values, computed once per column.
pub(super) struct Facts {
    /// Non-empty cells (from the profile, or from the kept values if larger).
    pub(super) answered: u64,
    /// Cells covered by the kept distinct values.
    pub(super) kept: u64,
    /// Cells holding a non-substantive answer.
    pub(super) non_substantive: u64,
    /// Per kept value: whether it is non-substantive.
    pub(super) ns_flags: Vec<bool>,
    /// Per kept value: its integer value, if it is a plain integer.
    pub(super) ints: Vec<Option<i64>>,
    /// Substantive cells that are numbers (decimal point or comma).
    pub(super) numeric: u64,
    /// Substantive cells that are plain integers.
    pub(super) integer: u64,
    /// Cells that parse as a date or timestamp.
    pub(super) date: u64,
    /// Cells holding a space.
    pub(super) spaced: u64,
    /// Cells of at most 60 bytes.
    pub(super) short: u64,
    /// Cells holding an ASCII digit.
    pub(super) with_digit: u64,
    /// Cells that look like e-mail addresses.
    pub(super) email_cells: u64,
    /// Cells whose whole value is CPR-like.
    pub(super) cpr_cells: u64,
    /// Average cell length in bytes.
    pub(super) avg_len: f64,
    /// True when every kept value occurs once.
    pub(super) all_distinct: bool,
    /// True when more values existed than were kept.
    pub(super) overflowed: bool,
}

impl Facts {
    pub(super) fn new(p: &ColumnProfile) -> Facts {
        let mut f = Facts {
            answered: 0,
            kept: 0,
            non_substantive: 0,
            ns_flags: Vec::with_capacity(p.values.len()),
            ints: Vec::with_capacity(p.values.len()),
            numeric: 0,
            integer: 0,
            date: 0,
            spaced: 0,
            short: 0,
            with_digit: 0,
            email_cells: 0,
            cpr_cells: 0,
            avg_len: 0.0,
            all_distinct: true,
            overflowed: p.overflowed,
        };
        let mut kept_len: u64 = 0;
        let mut own_cpr: u64 = 0;
        for (value, count) in &p.values {
            let n = *count;
            f.kept = f.kept.saturating_add(n);
            kept_len = kept_len.saturating_add((value.len() as u64).saturating_mul(n));
            if n > 1 {
                f.all_distinct = false;
            }
            let ns = is_non_substantive(value);
            f.ns_flags.push(ns);
            let int = parse_int(value);
            f.ints.push(int);
            if ns {
                f.non_substantive = f.non_substantive.saturating_add(n);
            } else {
                if int.is_some() {
                    f.integer = f.integer.saturating_add(n);
                }
                if int.is_some() || parse_number(value) {
                    f.numeric = f.numeric.saturating_add(n);
                }
            }
            if looks_like_date(value) {
                f.date = f.date.saturating_add(n);
            }
            if value.contains(' ') {
                f.spaced = f.spaced.saturating_add(n);
            }
            if value.len() <= 60 {
                f.short = f.short.saturating_add(n);
            }
            if value.bytes().any(|b| b.is_ascii_digit()) {
                f.with_digit = f.with_digit.saturating_add(n);
            }
            if looks_like_email(value) {
                f.email_cells = f.email_cells.saturating_add(n);
            }
            if pii::is_cpr_like(value.as_bytes()) {
                own_cpr = own_cpr.saturating_add(n);
            }
        }
        f.answered = p.answered().max(f.kept);
        f.cpr_cells = own_cpr.max(p.cpr_cells);
        // Hidden e-mail addresses no longer look like ones: the profile remembers them.
        f.email_cells = f.email_cells.max(p.email_cells);
        let total_len = if p.total_len > 0 {
            p.total_len
        } else {
            kept_len
        };
        f.avg_len = if f.answered > 0 {
            total_len as f64 / f.answered as f64
        } else {
            0.0
        };
        // The reader's count also covers cells that were not kept, and number shapes this
        // module does not parse.
        f.numeric = f.numeric.max(p.numeric_cells.min(f.substantive()));
        f
    }

    /// Answered cells that are not non-substantive.
    pub(super) fn substantive(&self) -> u64 {
        self.answered.saturating_sub(self.non_substantive)
    }

    pub(super) fn share(&self, part: u64, whole: u64) -> f64 {
        if whole == 0 {
            0.0
        } else {
            part as f64 / whole as f64
        }
    }

    pub(super) fn distinct(&self) -> usize {
        self.ns_flags.len()
    }
}

/// A plain integer: optional sign and ASCII digits only.
pub(super) fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<i64>().ok()
}

/// A number of the one grammar (`util::number`): a decimal point or comma and optional
/// thousands grouping: "3,5", "3.5", "1.234.567,89", "1,234.5", "-12".
pub(super) fn parse_number(s: &str) -> bool {
    crate::util::number::scan_number(s.trim().as_bytes()).is_some()
}

pub(super) fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.trim().split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.contains(' ')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

/// A date or timestamp: 2024-03-01, 2024/03/01, 01-03-2024, 01.03.2024, 1/14/2026 14:54:44,
/// 2022/03/26 11:00:19 PM AST, 2024-03-01T12:34:56Z.
pub(super) fn looks_like_date(s: &str) -> bool {
    let t = s.trim();
    if t.len() < 8 || t.len() > 40 {
        return false;
    }
    let split = t.find([' ', 'T']).unwrap_or(t.len());
    let (date, time) = (&t[..split], &t[split..]);
    date_part(date) && (time.is_empty() || time_part(&time[1..]))
}

pub(super) fn date_part(d: &str) -> bool {
    let Some(sep) = d.bytes().find(|b| matches!(b, b'-' | b'/' | b'.')) else {
        return false;
    };
    let fields: Vec<&str> = d.trim_end_matches('.').split(sep as char).collect();
    if fields.len() != 3
        || !fields
            .iter()
            .all(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let num = |f: &str| f.parse::<u32>().unwrap_or(0);
    let (a, b, c) = (fields[0], fields[1], fields[2]);
    if a.len() == 4 {
        return b.len() <= 2 && c.len() <= 2 && valid_ymd(num(a), num(b), num(c));
    }
    if a.len() > 2 || b.len() > 2 {
        return false;
    }
    let year = match c.len() {
        4 => num(c),
        // Two-digit years only in the strict DD.MM.YY shape.
        2 if a.len() == 2 && b.len() == 2 => 2000 + num(c),
        _ => return false,
    };
    valid_ymd(year, num(b), num(a)) || (sep == b'/' && valid_ymd(year, num(a), num(b)))
}

pub(super) fn valid_ymd(year: u32, month: u32, day: u32) -> bool {
    if !(1900..=2100).contains(&year) {
        return false;
    }
    is_calendar_day(year, month, day)
}

/// True when `day` exists in `month` of `year` (Gregorian, leap years included).
pub(crate) fn is_calendar_day(year: u32, month: u32, day: u32) -> bool {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// "14:54:44", "11:00:19 PM AST", "12:34:56.789Z", "12:34+01:00".
pub(super) fn time_part(t: &str) -> bool {
    let t = t.trim();
    let hours = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&hours) || t.as_bytes().get(hours) != Some(&b':') {
        return false;
    }
    let minutes = t[hours + 1..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    minutes == 2
        && t.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b':' | b'.' | b',' | b'+' | b'-' | b' ')
        })
}
