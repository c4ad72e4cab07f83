//! The SPSS data file reader on arbitrary bytes.
//!
//! Input layout: byte 0 chooses what the rest is: 0–2 the data after a small valid dictionary
//! (0 uncompressed, 1 bytecode-compressed, 2 zlib-compressed with its zlib header, blocks and
//! trailer in the rest), 3 every record after a valid header record (variables, labels,
//! extension records, the data), so each parser is reached; anything else is the whole file.
//!
//! Nothing may panic, hang or run out of memory: reading either fails with a typed error or
//! yields a dataset.

#![no_main]

use libfuzzer_sys::fuzz_target;

fn i32s(out: &mut Vec<u8>, values: &[i32]) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn padded(text: &[u8], len: usize) -> Vec<u8> {
    let mut b = text.to_vec();
    b.resize(len, b' ');
    b
}

/// The header record of a little-endian file with `compression`.
fn header(compression: i32) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(if compression == 2 { b"$FL3" } else { b"$FL2" });
    out.extend_from_slice(&padded(b"@(#) SPSS DATA FILE fuzz", 60));
    i32s(&mut out, &[2, 3, compression, 0, -1]);
    out.extend_from_slice(&100f64.to_le_bytes());
    out.extend_from_slice(&padded(b"", 9 + 8 + 64 + 3));
    out
}

/// The records of a dictionary: a labelled number with a missing 9 and a 12-byte string, their
/// long names, UTF-8, and the end of the dictionary.
fn records() -> Vec<u8> {
    let mut out = Vec::new();
    let fmt = (5 << 16) | (8 << 8);
    i32s(&mut out, &[2, 0, 1, 1, fmt, fmt]);
    out.extend_from_slice(b"Q1      ");
    i32s(&mut out, &[12]);
    out.extend_from_slice(b"Hvor tilfreds");
    out.extend_from_slice(&[b' '; 3]);
    out.extend_from_slice(&9f64.to_le_bytes());
    let fmt = (1 << 16) | (12 << 8);
    i32s(&mut out, &[2, 12, 0, 0, fmt, fmt]);
    out.extend_from_slice(b"YDELSE  ");
    i32s(&mut out, &[2, -1, 0, 0, 0, 0]);
    out.extend_from_slice(b"        ");
    i32s(&mut out, &[3, 3]);
    for (value, label) in [(1f64, "Utilfreds"), (2.0, "Tilfreds"), (9.0, "Ved ikke")] {
        out.extend_from_slice(&value.to_le_bytes());
        out.push(label.len() as u8);
        let len = (label.len() + 1).div_ceil(8) * 8 - 1;
        out.extend_from_slice(&padded(label.as_bytes(), len));
    }
    i32s(&mut out, &[4, 1, 1]);
    i32s(&mut out, &[7, 3, 4, 8, 1, 0, 0, -1, 1, 1, 2, 65001]);
    let names = b"Q1=tilfredshed\tYDELSE=ydelse";
    i32s(&mut out, &[7, 13, 1, names.len() as i32]);
    out.extend_from_slice(names);
    i32s(&mut out, &[7, 20, 1, 5]);
    out.extend_from_slice(b"UTF-8");
    i32s(&mut out, &[999, 0]);
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&control, rest)) = data.split_first() else {
        return;
    };
    let file = match control {
        0..=2 => {
            let mut f = header(i32::from(control));
            f.extend_from_slice(&records());
            f.extend_from_slice(rest);
            f
        }
        3 => {
            let mut f = header(1);
            f.extend_from_slice(rest);
            f
        }
        _ => rest.to_vec(),
    };
    if let Ok(ds) = tilfreds::read_bytes(&file) {
        let _ = ds.summary(&tilfreds::SummaryOptions::default());
    }
});
