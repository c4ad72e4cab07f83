//! Stage 3, analyze: the numbers the user asked for, as typed results. Nothing here draws or
//! lays out a table.

pub mod compute;
pub mod crosstab;
pub mod findings;
pub mod groups;
#[cfg(feature = "index")]
pub mod index;
pub mod multiselect;
pub mod summary;
pub(crate) mod tables;
pub mod waves;
pub mod weights;
