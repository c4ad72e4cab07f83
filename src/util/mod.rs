//! Small utilities with no knowledge of surveys: letter classes and case by code point, and the
//! one stable sort the crate uses.

pub mod number;
pub mod sort;
pub mod text;
