//! Words the page, the tables, the charts and the command line repeat: each written once.

use crate::words::lang::Lang;

/// What a withheld group or value shows instead of its numbers.
pub fn too_few(lang: Lang) -> &'static str {
    lang.pick("for få svar", "too few answers")
}
