//! Views: what the page and the command line show of each result, as chart models and tables in
//! the user's language.

pub mod crosstab;
pub mod summary;
pub mod waves;
pub mod weighted;

pub use summary::*;
pub mod multiselect;

use serde::Serialize;

/// A Danish and an English version of the same thing: `{da, en}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Texts<T> {
    /// In Danish.
    pub da: T,
    /// In English.
    pub en: T,
}

impl<T> Texts<T> {
    /// Both versions, made by `f` for each language.
    pub fn both(f: impl Fn(crate::Lang) -> T) -> Texts<T> {
        Texts {
            da: f(crate::Lang::Da),
            en: f(crate::Lang::En),
        }
    }
}
