//! What Tilfreds says, in Danish and English: the language, number formats, and every sentence a
//! user reads.

pub mod errors;
pub mod lang;
pub mod messages;
pub mod phrases;
#[cfg(feature = "office")]
pub mod report;
