//! A small reader of zip archives held in memory, enough for Office workbooks: the central
//! directory (with its zip64 extensions), stored and deflated entries, and caps on what may be
//! decompressed so that a zip bomb is refused instead of filling the memory.
//!
//! Only [`crate::read::xlsx`] uses it. Checksums are not checked: a damaged entry shows as a
//! deflate error or as XML that does not parse, both reported as a damaged workbook.

use std::io::{self, BufRead, Read};

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use crate::words::errors::Error;

/// Most bytes decompressed from one archive, all entries together.
pub const MAX_TOTAL_BYTES: u64 = 1 << 30;
/// An entry may decompress to this much whatever its compression ratio.
pub const FREE_ENTRY_BYTES: u64 = 8 << 20;
/// Above [`FREE_ENTRY_BYTES`], the largest ratio of decompressed to compressed bytes.
pub const MAX_RATIO: u64 = 200;

/// One file of the archive, as the central directory describes it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The path inside the archive (`xl/workbook.xml`), decoded lossily.
    pub name: String,
    method: u16,
    flags: u16,
    compressed: u64,
    size: u64,
    offset: u64,
}

/// An archive held in memory, with what is left of its decompression budget.
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    budget: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

impl<'a> Archive<'a> {
    /// Reads the central directory. A file that is not a zip, or whose directory is damaged,
    /// is [`Error::CorruptWorkbook`].
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, Error> {
        let entries = read_directory(bytes).ok_or(Error::CorruptWorkbook)?;
        Ok(Archive {
            bytes,
            entries,
            budget: MAX_TOTAL_BYTES,
        })
    }

    /// The entries, in the directory's order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether an entry of that name exists (names compared without regard to ASCII case).
    pub fn contains(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name).or_else(|| {
            self.entries
                .iter()
                .find(|e| e.name.eq_ignore_ascii_case(name))
        })
    }

    /// The entry `name` read as it is decompressed, a buffer at a time (for the sheets, which
    /// may be far larger than the rest); `None` when there is none. What it decompresses counts
    /// against the archive's budget once [`Self::spend`] is told.
    pub fn stream(&self, name: &str) -> Result<Option<EntryReader<'a>>, Error> {
        let Some(entry) = self.find(name) else {
            return Ok(None);
        };
        if entry.flags & 1 != 0 {
            return Err(Error::EncryptedWorkbook);
        }
        let data = entry_data(self.bytes, entry).ok_or(Error::CorruptWorkbook)?;
        let limit = self
            .budget
            .min(FREE_ENTRY_BYTES.max((data.len() as u64).saturating_mul(MAX_RATIO)));
        let inflater = match entry.method {
            0 => None,
            8 => Some(InflateState::new_boxed(DataFormat::Raw)),
            _ => return Err(Error::CorruptWorkbook),
        };
        Ok(Some(EntryReader {
            input: data,
            inflater,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            limit,
            produced: 0,
            done: false,
            failure: None,
        }))
    }

    /// Counts what `reader` decompressed against the budget of the archive.
    pub fn spend(&mut self, reader: &EntryReader<'_>) {
        self.budget = self.budget.saturating_sub(reader.produced);
    }

    /// The decompressed bytes of the entry `name`; `None` when there is none.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let Some(entry) = self.find(name).cloned() else {
            return Ok(None);
        };
        if entry.flags & 1 != 0 {
            return Err(Error::EncryptedWorkbook);
        }
        let data = entry_data(self.bytes, &entry).ok_or(Error::CorruptWorkbook)?;
        let too_large = Error::WorkbookTooLarge {
            limit_mb: MAX_TOTAL_BYTES >> 20,
        };
        let limit = self
            .budget
            .min(FREE_ENTRY_BYTES.max((data.len() as u64).saturating_mul(MAX_RATIO)));
        if entry.size > limit {
            return Err(too_large);
        }
        let out = match entry.method {
            0 => data.to_vec(),
            8 => {
                let limit = usize::try_from(limit).unwrap_or(usize::MAX);
                match decompress_to_vec_with_limit(data, limit) {
                    Ok(out) => out,
                    Err(e) if e.status == TINFLStatus::HasMoreOutput => return Err(too_large),
                    Err(_) => return Err(Error::CorruptWorkbook),
                }
            }
            _ => return Err(Error::CorruptWorkbook),
        };
        if out.len() as u64 > limit {
            return Err(too_large);
        }
        self.budget -= out.len() as u64;
        Ok(Some(out))
    }
}

/// The bytes of one entry as they are decompressed (see [`Archive::stream`]): a [`BufRead`]
/// that holds one buffer of output at a time, and stops with an error past the entry's cap.
pub struct EntryReader<'a> {
    /// What is left of the entry's compressed (or stored) bytes.
    input: &'a [u8],
    /// `None` for a stored entry, read in place.
    inflater: Option<Box<InflateState>>,
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Most bytes the entry may decompress to.
    limit: u64,
    produced: u64,
    done: bool,
    /// Why reading stopped early, for the caller (an XML reader sees only an I/O error).
    failure: Option<Error>,
}

/// Output decompressed at a time.
const STREAM_BUFFER: usize = 64 << 10;

impl EntryReader<'_> {
    /// Why reading stopped early: the cap ([`Error::WorkbookTooLarge`]) or damaged data
    /// ([`Error::CorruptWorkbook`]).
    pub fn failure(&self) -> Option<Error> {
        self.failure.clone()
    }

    fn fail(&mut self, e: Error) -> io::Error {
        self.failure = Some(e);
        io::Error::other("entry")
    }
}

impl Read for EntryReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for EntryReader<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        let too_large = || Error::WorkbookTooLarge {
            limit_mb: MAX_TOTAL_BYTES >> 20,
        };
        let Some(state) = self.inflater.as_mut() else {
            // Stored: the entry's own bytes, at most the cap.
            if self.input.len() as u64 > self.limit {
                return Err(self.fail(too_large()));
            }
            self.produced = self.produced.max(self.input.len() as u64);
            return Ok(self.input);
        };
        if self.pos < self.end || self.done {
            return Ok(&self.buf[self.pos..self.end]);
        }
        self.buf.resize(STREAM_BUFFER, 0);
        loop {
            let result = inflate(state, self.input, &mut self.buf, MZFlush::None);
            self.input = &self.input[result.bytes_consumed..];
            self.produced += result.bytes_written as u64;
            match result.status {
                Ok(MZStatus::StreamEnd) => self.done = true,
                Ok(_) => {}
                // No progress possible: the input ended before the stream did.
                Err(MZError::Buf) if result.bytes_written == 0 => {
                    return Err(self.fail(Error::CorruptWorkbook))
                }
                Err(MZError::Buf) => {}
                Err(_) => return Err(self.fail(Error::CorruptWorkbook)),
            }
            if !self.done && result.bytes_consumed == 0 && result.bytes_written == 0 {
                return Err(self.fail(Error::CorruptWorkbook));
            }
            if self.produced > self.limit {
                return Err(self.fail(too_large()));
            }
            if result.bytes_written > 0 || self.done {
                self.pos = 0;
                self.end = result.bytes_written;
                return Ok(&self.buf[..self.end]);
            }
        }
    }

    fn consume(&mut self, n: usize) {
        if self.inflater.is_some() {
            self.pos = (self.pos + n).min(self.end);
        } else {
            self.input = &self.input[n.min(self.input.len())..];
        }
    }
}

/// The compressed bytes of `entry`, found through its local header.
fn entry_data<'b>(bytes: &'b [u8], entry: &Entry) -> Option<&'b [u8]> {
    let at = usize::try_from(entry.offset).ok()?;
    if u32_at(bytes, at)? != 0x0403_4b50 {
        return None;
    }
    let name_len = u16_at(bytes, at + 26)? as usize;
    let extra_len = u16_at(bytes, at + 28)? as usize;
    let start = at.checked_add(30 + name_len + extra_len)?;
    let end = start.checked_add(usize::try_from(entry.compressed).ok()?)?;
    bytes.get(start..end)
}

/// The entries of the central directory, or `None` when it cannot be read.
fn read_directory(bytes: &[u8]) -> Option<Vec<Entry>> {
    const EOCD: &[u8] = b"PK\x05\x06";
    if bytes.len() < 22 {
        return None;
    }
    // The end record is within the last 22 + 65535 bytes (its comment is at most 65535).
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let eocd = from + memchr::memmem::rfind(&bytes[from..], EOCD)?;
    let mut count = u64::from(u16_at(bytes, eocd + 10)?);
    let mut dir_size = u64::from(u32_at(bytes, eocd + 12)?);
    let mut dir_offset = u64::from(u32_at(bytes, eocd + 16)?);
    if count == 0xFFFF || dir_size == 0xFFFF_FFFF || dir_offset == 0xFFFF_FFFF {
        // Zip64: a locator just before the end record points to the zip64 end record.
        let locator = eocd.checked_sub(20)?;
        if u32_at(bytes, locator)? == 0x0706_4b50 {
            let at = usize::try_from(u64_at(bytes, locator + 8)?).ok()?;
            if u32_at(bytes, at)? != 0x0606_4b50 {
                return None;
            }
            count = u64_at(bytes, at + 32)?;
            dir_size = u64_at(bytes, at + 40)?;
            dir_offset = u64_at(bytes, at + 48)?;
        }
    }
    let start = usize::try_from(dir_offset).ok()?;
    let end = start.checked_add(usize::try_from(dir_size).ok()?)?;
    let dir = bytes.get(start..end)?;
    // Every entry takes at least 46 bytes, so a false count cannot allocate much.
    let mut entries = Vec::with_capacity((count as usize).min(dir.len() / 46));
    let mut at = 0usize;
    for _ in 0..count {
        if u32_at(dir, at)? != 0x0201_4b50 {
            return None;
        }
        let flags = u16_at(dir, at + 8)?;
        let method = u16_at(dir, at + 10)?;
        let mut compressed = u64::from(u32_at(dir, at + 20)?);
        let mut size = u64::from(u32_at(dir, at + 24)?);
        let name_len = u16_at(dir, at + 28)? as usize;
        let extra_len = u16_at(dir, at + 30)? as usize;
        let comment_len = u16_at(dir, at + 32)? as usize;
        let mut offset = u64::from(u32_at(dir, at + 42)?);
        let name = dir.get(at + 46..at + 46 + name_len)?;
        let extra = dir.get(at + 46 + name_len..at + 46 + name_len + extra_len)?;
        zip64_sizes(extra, &mut size, &mut compressed, &mut offset);
        entries.push(Entry {
            name: String::from_utf8_lossy(name).into_owned(),
            method,
            flags,
            compressed,
            size,
            offset,
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(entries)
}

/// Replaces the sizes and offset that say 0xFFFFFFFF by those of the zip64 extra field.
fn zip64_sizes(mut extra: &[u8], size: &mut u64, compressed: &mut u64, offset: &mut u64) {
    while extra.len() >= 4 {
        let id = u16::from_le_bytes([extra[0], extra[1]]);
        let len = u16::from_le_bytes([extra[2], extra[3]]) as usize;
        let Some(body) = extra.get(4..4 + len) else {
            return;
        };
        if id == 1 {
            let mut values = body
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
            for field in [size, compressed, offset] {
                if *field == 0xFFFF_FFFF {
                    match values.next() {
                        Some(v) => *field = v,
                        None => return,
                    }
                }
            }
            return;
        }
        extra = &extra[4 + len..];
    }
}
