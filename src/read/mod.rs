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

/// Writes `v` as one field of the `;`-separated CSV the workbook and SPSS readers hand to the
/// text reader, quoted when it must be.
#[cfg(any(feature = "xlsx", feature = "sav"))]
pub(crate) fn write_csv_field(out: &mut Vec<u8>, v: &str) {
    if v.bytes().any(|b| matches!(b, b';' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in v.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(v.as_bytes());
    }
}
