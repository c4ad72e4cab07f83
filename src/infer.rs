//! placeholder
pub fn normalize_label(s: &str) -> String { s.to_string() }
