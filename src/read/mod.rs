//! Stage 1, read: bytes to a dataset. Encoding, delimiter and header layout are sniffed, records
//! are scanned in one pass, and each column's values are counted in a byte dictionary. An Excel
//! workbook (`xlsx`, with the `xlsx` feature) and an SPSS data file (`sav`, with the `sav`
//! feature) are written as CSV into the same reader.

pub mod decode;
pub mod dialect;
pub mod dict;
pub mod reader;
pub mod sav;
pub mod scan;
pub mod surveyxact;
pub mod xlsx;
#[cfg(feature = "xlsx")]
pub mod zip;
