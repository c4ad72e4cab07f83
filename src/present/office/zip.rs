//! A zip archive of stored (uncompressed) entries, as Office files are: the smallest writer
//! that Word, PowerPoint and LibreOffice open. The parts are small XML and PNG files that are
//! compressed already, so deflate would save little for its code.

/// The CRC-32 of `bytes` (IEEE 802.3, the polynomial zip uses), bit by bit: the parts are
/// small and a table would be 1 KB of code.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// Builds a zip archive in memory, entry by entry.
#[derive(Default)]
pub(crate) struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

/// 1 January 2026, 00:00 in MS-DOS time: a fixed stamp, so the same report gives the same bytes.
const DOS_DATE: u16 = ((2026 - 1980) << 9) | (1 << 5) | 1;

impl ZipWriter {
    /// Adds the file `name` holding `data`, stored.
    pub(crate) fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32(data);
        let size = data.len() as u32;
        let offset = self.out.len() as u32;
        let name = name.as_bytes();
        // Local file header.
        let mut fields = Vec::with_capacity(26);
        push16(&mut fields, 20); // version needed: 2.0
        push16(&mut fields, 0x0800); // flags: the name is UTF-8
        push16(&mut fields, 0); // stored
        push16(&mut fields, 0); // time
        push16(&mut fields, DOS_DATE);
        push32(&mut fields, crc);
        push32(&mut fields, size);
        push32(&mut fields, size);
        push16(&mut fields, name.len() as u16);
        push16(&mut fields, 0); // extra field
        push32(&mut self.out, 0x0403_4b50);
        self.out.extend_from_slice(&fields);
        self.out.extend_from_slice(name);
        self.out.extend_from_slice(data);
        // Central directory entry: the same fields after "version made by".
        push32(&mut self.central, 0x0201_4b50);
        push16(&mut self.central, 20);
        self.central.extend_from_slice(&fields);
        push16(&mut self.central, 0); // comment
        push16(&mut self.central, 0); // disk
        push16(&mut self.central, 0); // internal attributes
        push32(&mut self.central, 0); // external attributes
        push32(&mut self.central, offset);
        self.central.extend_from_slice(name);
        self.entries += 1;
    }

    /// The finished archive.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        let offset = self.out.len() as u32;
        let size = self.central.len() as u32;
        self.out.extend_from_slice(&self.central);
        push32(&mut self.out, 0x0605_4b50);
        push16(&mut self.out, 0); // this disk
        push16(&mut self.out, 0); // disk of the directory
        push16(&mut self.out, self.entries);
        push16(&mut self.out, self.entries);
        push32(&mut self.out, size);
        push32(&mut self.out, offset);
        push16(&mut self.out, 0); // comment
        self.out
    }
}

fn push16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn push32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_the_check_string() {
        // The standard check value of CRC-32/ISO-HDLC (the catalogue of parametrised CRC
        // algorithms, reveng.sourceforge.io): "123456789" → 0xCBF43926.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn the_archive_ends_with_its_directory() {
        let mut zip = ZipWriter::default();
        zip.add("a.txt", b"hello");
        zip.add("b/c.xml", b"<x/>");
        let bytes = zip.finish();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let end = &bytes[bytes.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
    }
}
