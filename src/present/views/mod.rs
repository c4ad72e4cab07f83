//! Views: what the page and the command line show of each result, as chart models and tables in
//! the user's language.

pub mod crosstab;
pub mod summary;
pub mod waves;

pub use summary::*;
