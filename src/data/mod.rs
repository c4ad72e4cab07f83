//! Changing a dataset: merged categories and user-defined scales, and files combined into one.
//! Every change recounts and re-recognises the columns it touches.

pub mod adjust;
pub mod concat;
