//! Changing a dataset: merged categories and user-defined scales, index scores derived from
//! scale questions, and files combined into one. Every change recounts and re-recognises the
//! columns it touches.

pub mod adjust;
pub mod concat;
pub mod index;
