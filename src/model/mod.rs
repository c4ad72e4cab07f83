//! The data model every stage shares: a read dataset, its columns' profiles, and what each column
//! was recognised as.

pub mod dataset;
pub mod kinds;
pub mod options;
pub mod profile;
