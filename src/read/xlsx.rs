//! Excel workbooks (.xlsx): one sheet's rows, written as CSV (`;` between fields, quotes
//! doubled, after a `sep=;` line) into the same streaming reader as every other file, so a
//! workbook gives the same [`Dataset`] as the CSV Excel would save of it.
//!
//! What a cell shows is what is written: shared strings (rich text runs joined), inline
//! strings, numbers (shortest round-trip form), booleans (`TRUE`, `FALSE`), errors (`#N/A`),
//! formulas' cached values, and dates and times recognised by the cell's number format
//! (built-in 14–22, 27–36, 45–58, or a custom format with date or time letters), in the 1900
//! or 1904 date system, as `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` or `HH:MM`. Cells and rows left out
//! of the sheet are empty; empty rows are skipped; a merged cell in the first rows (a header
//! over several columns) is repeated across the merge. The sheet's `<dimension>` is never
//! read: exports claim `A1` for a whole sheet.
//!
//! [`crate::read_with`] reads a workbook with a chosen sheet ([`crate::ReadOptions::sheet`]).
//! Detection needs no feature ([`container`], [`prefix_error`], [`cfb_error`]); reading is
//! built with the `xlsx` feature.

use crate::words::errors::Error;

/// A binary container a file's first bytes show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A zip archive: an .xlsx workbook, or .xlsb, .ods, .numbers, or another zip.
    Zip,
    /// A Compound File (OLE): an old .xls, or a password-protected workbook of any age.
    Cfb,
    /// An SPSS data file (.sav `$FL2`, or zlib-compressed .zsav `$FL3`), read by
    /// [`crate::read::sav`].
    Sav,
}

/// Which container the file starting with `prefix` is, if any.
pub fn container(prefix: &[u8]) -> Option<Container> {
    if prefix.starts_with(b"PK\x03\x04") || prefix.starts_with(b"PK\x05\x06") {
        Some(Container::Zip)
    } else if prefix.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some(Container::Cfb)
    } else if prefix.starts_with(b"$FL2") || prefix.starts_with(b"$FL3") {
        Some(Container::Sav)
    } else {
        None
    }
}

/// What to say of a zip when workbooks are not read (without the `xlsx` feature), from its
/// first bytes only: the names of its first entries show what it is.
pub fn prefix_error(prefix: &[u8]) -> Error {
    let has = |s: &[u8]| memchr::memmem::find(prefix, s).is_some();
    if has(b"xl/workbook.bin") {
        Error::OtherSpreadsheet("xlsb")
    } else if has(b"application/vnd.oasis.opendocument.spreadsheet") {
        Error::OtherSpreadsheet("ods")
    } else if has(b"[Content_Types].xml") || has(b"xl/") {
        Error::Xlsx
    } else if has(b"Index/Document.iwa") {
        Error::OtherSpreadsheet("numbers")
    } else {
        Error::Binary
    }
}

/// What to say of a Compound File: a password-protected workbook (its `EncryptedPackage`
/// stream), an old Excel workbook (`Workbook` or `Book`), or not a workbook.
pub fn cfb_error(bytes: &[u8]) -> Error {
    let utf16 = |s: &str| -> Vec<u8> { s.bytes().flat_map(|b| [b, 0]).collect() };
    let has = |s: &str| memchr::memmem::find(bytes, &utf16(s)).is_some();
    if has("EncryptedPackage") {
        Error::EncryptedWorkbook
    } else if has("Workbook") || has("Book\0") {
        Error::OldExcel
    } else {
        Error::Binary
    }
}

#[cfg(feature = "xlsx")]
pub use reading::{csv_into, sheets, surveyxact_sheets, to_csv};

#[cfg(test)]
mod detection_tests {
    use super::*;

    #[test]
    fn first_bytes_tell_the_container_and_what_to_say() {
        let xlsx = b"PK\x03\x04\x14\0\0\0\x08\0[Content_Types].xml...";
        assert_eq!(container(xlsx), Some(Container::Zip));
        assert_eq!(prefix_error(xlsx), Error::Xlsx);
        assert_eq!(
            prefix_error(b"PK\x03\x04..[Content_Types].xml..xl/workbook.bin"),
            Error::OtherSpreadsheet("xlsb")
        );
        assert_eq!(
            prefix_error(b"PK\x03\x04..mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
            Error::OtherSpreadsheet("ods")
        );
        assert_eq!(prefix_error(b"PK\x03\x04..data.csv"), Error::Binary);
        assert_eq!(container(b"a;b\n"), None);
        let cfb = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
        assert_eq!(container(cfb), Some(Container::Cfb));
        assert_eq!(cfb_error(cfb), Error::Binary);
        assert_eq!(container(b"$FL2@(#) SPSS"), Some(Container::Sav));
        assert_eq!(container(b"$FL3@(#) SPSS"), Some(Container::Sav));
        assert_eq!(container(b"$FL;a\n"), None);
    }

    /// Without the `xlsx` feature a workbook is named as one at once, not called binary.
    #[cfg(not(feature = "xlsx"))]
    #[test]
    fn without_the_feature_a_workbook_is_named() {
        let mut a = crate::Analyzer::new(crate::ReadOptions::default());
        let r = a.push(b"PK\x03\x04\x14\0\0\0\x08\0[Content_Types].xml");
        let r = r.and_then(|()| a.finish().map(|_| ()));
        assert_eq!(r, Err(Error::Xlsx));
    }
}

#[cfg(feature = "xlsx")]
mod reading {
    use std::borrow::Cow;
    use std::io::BufRead;

    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;

    use crate::read::zip::Archive;
    use crate::words::errors::Error;

    /// The first rows in which a merged cell is repeated across its merge (the header).
    const HEADER_ROWS: usize = 5;
    /// Most columns a sheet can have (XFD).
    const MAX_COLUMNS: u32 = 16_384;

    /// The names of the visible sheets that hold data, in the workbook's order.
    pub fn sheets(bytes: &[u8]) -> Result<Vec<String>, Error> {
        let mut book = Workbook::open(bytes)?;
        let mut names = Vec::new();
        for i in 0..book.sheets.len() {
            if !book.sheets[i].hidden && book.has_data(i)? {
                names.push(book.sheets[i].name.clone());
            }
        }
        Ok(names)
    }

    /// One sheet of the workbook `bytes` as CSV: `sheet` by name (hidden or not), or the first
    /// visible sheet with data. The CSV starts with `sep=;` and has `;` between fields.
    pub fn to_csv(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        csv_into(bytes, sheet, &mut |part| {
            out.extend_from_slice(part);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`to_csv`] handed to `sink` a part at a time as the sheet is decompressed and read, so
    /// that neither the sheet's XML nor its CSV is ever held whole.
    pub fn csv_into(
        bytes: &[u8],
        sheet: Option<&str>,
        sink: &mut dyn FnMut(&[u8]) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut book = Workbook::open(bytes)?;
        match sheet {
            Some(name) => {
                let i = book
                    .sheets
                    .iter()
                    .position(|s| s.name == name)
                    .or_else(|| {
                        let lower = name.to_lowercase();
                        book.sheets
                            .iter()
                            .position(|s| s.name.to_lowercase() == lower)
                    })
                    .ok_or_else(|| Error::NoSuchSheet(name.to_string()))?;
                book.write_csv(i, sink)
            }
            None => {
                for i in 0..book.sheets.len() {
                    if !book.sheets[i].hidden && book.has_data(i)? {
                        return book.write_csv(i, sink);
                    }
                }
                Err(Error::Empty)
            }
        }
    }

    const SEP: &[u8] = b"sep=;\n";

    /// What a sheet of SurveyXact's Excel export holds, by its name: `Dataset` (or its parts
    /// `Dataset(1)`, `Dataset(2)`, … when large), `Structure` and `Labels`.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum SurveyXactSheet {
        Dataset,
        Structure,
        Labels,
    }

    fn surveyxact_sheet(name: &str) -> Option<SurveyXactSheet> {
        let lower = name.trim().to_lowercase();
        let part = |rest: &str| {
            let rest = rest
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim();
            rest.is_empty() || rest.bytes().all(|b| b.is_ascii_digit())
        };
        if lower.strip_prefix("dataset").is_some_and(part) {
            Some(SurveyXactSheet::Dataset)
        } else if lower == "structure" || lower == "struktur" {
            Some(SurveyXactSheet::Structure)
        } else if lower == "labels" || lower == "etiketter" {
            Some(SurveyXactSheet::Labels)
        } else {
            None
        }
    }

    /// SurveyXact's Excel export as its three CSV files (dataset, structure, labels), to be
    /// joined like them; `None` for any other workbook. The parts of a large dataset are
    /// joined in order, each part's repeated header row left out.
    pub fn surveyxact_sheets(bytes: &[u8]) -> Result<Option<[Vec<u8>; 3]>, Error> {
        let mut book = Workbook::open(bytes)?;
        let roles: Vec<Option<SurveyXactSheet>> = book
            .sheets
            .iter()
            .map(|s| surveyxact_sheet(&s.name))
            .collect();
        let has = |r: SurveyXactSheet| roles.contains(&Some(r));
        if !(has(SurveyXactSheet::Dataset)
            && has(SurveyXactSheet::Structure)
            && has(SurveyXactSheet::Labels))
        {
            return Ok(None);
        }
        let (mut dataset, mut structure, mut labels) = (Vec::new(), Vec::new(), Vec::new());
        let mut header: Option<Vec<u8>> = None;
        for (i, role) in roles.iter().enumerate() {
            let Some(role) = role else { continue };
            let csv = book.csv(i)?;
            let body = csv.strip_prefix(SEP).unwrap_or(&csv);
            match role {
                SurveyXactSheet::Dataset => {
                    let line_end = body
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(body.len(), |e| e + 1);
                    let (first, rest) = body.split_at(line_end);
                    match &header {
                        None => {
                            header = Some(first.to_vec());
                            dataset.extend_from_slice(SEP);
                            dataset.extend_from_slice(body);
                        }
                        Some(h) if h.as_slice() == first => dataset.extend_from_slice(rest),
                        Some(_) => dataset.extend_from_slice(body),
                    }
                    if !dataset.ends_with(b"\n") {
                        dataset.push(b'\n');
                    }
                }
                // These two are read by their own parser, which sniffs the delimiter.
                SurveyXactSheet::Structure => structure = body.to_vec(),
                SurveyXactSheet::Labels => labels = body.to_vec(),
            }
        }
        Ok(Some([dataset, structure, labels]))
    }

    struct SheetRef {
        name: String,
        path: String,
        hidden: bool,
    }

    /// How a number format shows a number.
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Shown {
        Number,
        Date,
        Time,
    }

    struct Workbook<'a> {
        zip: Archive<'a>,
        sheets: Vec<SheetRef>,
        date1904: bool,
        shared_path: Option<String>,
        styles_path: Option<String>,
        shared: Option<Vec<String>>,
        /// How each cell style (`s`) shows numbers.
        styles: Option<Vec<Shown>>,
    }

    /// A part's path from a relationship's target, relative to the folder `base` (`xl/`).
    fn resolve(base: &str, target: &str) -> String {
        let joined = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("{base}{target}"),
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in joined.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                p => parts.push(p),
            }
        }
        parts.join("/")
    }

    fn xml_error(_: quick_xml::Error) -> Error {
        Error::CorruptWorkbook
    }

    fn attr<'b>(e: &'b BytesStart<'_>, local: &[u8]) -> Option<Cow<'b, str>> {
        e.attributes().flatten().find_map(|a| {
            (a.key.local_name().as_ref() == local)
                .then(|| a.unescape_value().ok())
                .flatten()
        })
    }

    fn reader<R: BufRead>(xml: R) -> Reader<R> {
        let mut r = Reader::from_reader(xml);
        r.config_mut().trim_text(false);
        r.config_mut().check_end_names = false;
        r
    }

    impl<'a> Workbook<'a> {
        fn open(bytes: &'a [u8]) -> Result<Workbook<'a>, Error> {
            let mut zip = Archive::open(bytes)?;
            let workbook_path = match zip.read("_rels/.rels")? {
                Some(rels) => relationships(&rels, "")?
                    .into_iter()
                    .find(|(_, kind, _)| kind.ends_with("/officeDocument"))
                    .map(|(_, _, target)| target),
                None => None,
            }
            .filter(|p| p.ends_with(".xml") && zip.contains(p))
            .unwrap_or_else(|| "xl/workbook.xml".to_string());
            let Some(workbook) = zip.read(&workbook_path)? else {
                return Err(other_format(&zip));
            };
            let base = match workbook_path.rfind('/') {
                Some(i) => workbook_path[..=i].to_string(),
                None => String::new(),
            };
            let rels_path = format!("{base}_rels/{}.rels", &workbook_path[base.len()..]);
            let rels = match zip.read(&rels_path)? {
                Some(r) => relationships(&r, &base)?,
                None => Vec::new(),
            };
            let (listed, date1904) = parse_workbook(&workbook)?;
            let mut sheets = Vec::new();
            for (n, (name, id, hidden)) in listed.into_iter().enumerate() {
                let path = match rels.iter().find(|(rid, _, _)| *rid == id) {
                    Some((_, kind, _)) if !kind.ends_with("/worksheet") => continue,
                    Some((_, _, target)) => target.clone(),
                    None => format!("{base}worksheets/sheet{}.xml", n + 1),
                };
                sheets.push(SheetRef { name, path, hidden });
            }
            let part = |suffix: &str| {
                rels.iter()
                    .find(|(_, kind, _)| kind.ends_with(suffix))
                    .map(|(_, _, t)| t.clone())
            };
            Ok(Workbook {
                shared_path: part("/sharedStrings"),
                styles_path: part("/styles"),
                zip,
                sheets,
                date1904,
                shared: None,
                styles: None,
            })
        }

        fn load(&mut self) -> Result<(), Error> {
            if self.shared.is_none() {
                let path = self
                    .shared_path
                    .clone()
                    .unwrap_or_else(|| "xl/sharedStrings.xml".into());
                self.shared = Some(match self.zip.read(&path)? {
                    Some(xml) => parse_shared(&xml)?,
                    None => Vec::new(),
                });
            }
            if self.styles.is_none() {
                let path = self
                    .styles_path
                    .clone()
                    .unwrap_or_else(|| "xl/styles.xml".into());
                self.styles = Some(match self.zip.read(&path)? {
                    Some(xml) => parse_styles(&xml)?,
                    None => Vec::new(),
                });
            }
            Ok(())
        }

        fn has_data(&mut self, i: usize) -> Result<bool, Error> {
            let mut found = false;
            self.each_row(i, |_, _| {
                found = true;
                false
            })?;
            Ok(found)
        }

        /// Calls `f` with each row that has a value (its number and its cells, by column) until
        /// `f` says stop; returns the merged ranges of the sheet when read to the end.
        fn each_row(
            &mut self,
            i: usize,
            f: impl FnMut(u64, &[(u32, Cow<'_, str>)]) -> bool,
        ) -> Result<Vec<Merge>, Error> {
            self.load()?;
            let path = self.sheets[i].path.clone();
            let mut entry = self.zip.stream(&path)?.ok_or(Error::CorruptWorkbook)?;
            let cells = Cells {
                shared: self.shared.as_deref().unwrap_or_default(),
                styles: self.styles.as_deref().unwrap_or_default(),
                date1904: self.date1904,
            };
            let result = parse_sheet(&mut entry, &cells, f);
            self.zip.spend(&entry);
            match (result, entry.failure()) {
                (Err(_), Some(e)) => Err(e),
                (result, _) => result,
            }
        }

        /// The merged ranges of sheet `i`. They come after the cells in the sheet's XML, but
        /// the header rows they fill are written first: so the sheet is decompressed once
        /// without parsing, to find them, before it is read.
        fn merges(&mut self, i: usize) -> Result<Vec<Merge>, Error> {
            const NEEDLE: &[u8] = b"mergeCell";
            let path = self.sheets[i].path.clone();
            let mut entry = self.zip.stream(&path)?.ok_or(Error::CorruptWorkbook)?;
            // The end of the previous buffer (a needle may straddle two) and, once found, the
            // rest of the XML from the element's `<`.
            let mut window: Vec<u8> = Vec::new();
            let mut tail: Option<Vec<u8>> = None;
            loop {
                let chunk = match entry.fill_buf() {
                    Ok(c) => c,
                    Err(_) => return Err(entry.failure().unwrap_or(Error::CorruptWorkbook)),
                };
                if chunk.is_empty() {
                    break;
                }
                let n = chunk.len();
                match &mut tail {
                    Some(t) => t.extend_from_slice(chunk),
                    None => {
                        window.extend_from_slice(chunk);
                        if let Some(at) = memchr::memmem::find(&window, NEEDLE) {
                            let start = memchr::memrchr(b'<', &window[..at]).unwrap_or(at);
                            tail = Some(window[start..].to_vec());
                        } else {
                            let keep = window.len().saturating_sub(NEEDLE.len() + 16);
                            window.drain(..keep);
                        }
                    }
                }
                entry.consume(n);
            }
            let Some(mut tail) = tail else {
                return Ok(Vec::new());
            };
            // Up to the last merge element's end: the sheet's closing tags after it have no
            // opening tag in the tail.
            if let Some(last) = memchr::memmem::rfind(&tail, NEEDLE) {
                let end = memchr::memchr(b'>', &tail[last..]).map_or(tail.len(), |e| last + e + 1);
                tail.truncate(end);
            }
            let cells = Cells {
                shared: &[],
                styles: &[],
                date1904: false,
            };
            parse_sheet(&tail[..], &cells, |_, _| true)
        }

        /// Sheet `i` as CSV, whole.
        fn csv(&mut self, i: usize) -> Result<Vec<u8>, Error> {
            let mut out = Vec::new();
            self.write_csv(i, &mut |part| {
                out.extend_from_slice(part);
                Ok(())
            })?;
            Ok(out)
        }

        /// Sheet `i` as CSV (see [`to_csv`]) handed to `sink` a part at a time. The first
        /// [`HEADER_ROWS`] rows are held until the merged header cells are filled in; every row
        /// is padded to their width (a cell right of it comes through as an extra field, which
        /// the reader reports).
        fn write_csv(
            &mut self,
            i: usize,
            sink: &mut dyn FnMut(&[u8]) -> Result<(), Error>,
        ) -> Result<(), Error> {
            /// Bytes of CSV handed to the sink at a time.
            const PART: usize = 256 << 10;
            let merges = self.merges(i)?;
            let mut head: Vec<(u64, Vec<String>)> = Vec::new();
            let mut head_done = false;
            let mut width = 0u32;
            let mut out = Vec::with_capacity(PART + 4096);
            out.extend_from_slice(SEP);
            let mut failed: Option<Error> = None;
            let flush_head = |head: &mut Vec<(u64, Vec<String>)>, out: &mut Vec<u8>, width: u32| {
                fill_merges(head, &merges, width);
                for (_, line) in head.iter() {
                    for (col, v) in line.iter().enumerate() {
                        if col > 0 {
                            out.push(b';');
                        }
                        crate::read::write_csv_field(out, v);
                    }
                    out.extend(std::iter::repeat_n(
                        b';',
                        (width as usize).saturating_sub(line.len()),
                    ));
                    out.push(b'\n');
                }
            };
            self.each_row(i, |row, cells| {
                let last = cells.iter().map(|c| c.0).max().unwrap_or(0);
                if !head_done {
                    width = width.max(last + 1);
                    let mut line = vec![String::new(); last as usize + 1];
                    for (col, v) in cells {
                        line[*col as usize] = v.to_string();
                    }
                    head.push((row, line));
                    if head.len() == HEADER_ROWS {
                        flush_head(&mut head, &mut out, width);
                        head_done = true;
                    }
                } else {
                    let mut col = 0;
                    for (c, v) in cells {
                        while col < *c {
                            out.push(b';');
                            col += 1;
                        }
                        crate::read::write_csv_field(&mut out, v);
                    }
                    out.extend(std::iter::repeat_n(
                        b';',
                        width.saturating_sub(last + 1) as usize,
                    ));
                    out.push(b'\n');
                }
                if out.len() >= PART {
                    if let Err(e) = sink(&out) {
                        failed = Some(e);
                        return false;
                    }
                    out.clear();
                }
                true
            })?;
            if let Some(e) = failed {
                return Err(e);
            }
            if !head_done {
                flush_head(&mut head, &mut out, width);
            }
            sink(&out)
        }
    }

    /// What a zip without an Office Open XML workbook is.
    fn other_format(zip: &Archive<'_>) -> Error {
        if zip.contains("xl/workbook.bin") {
            Error::OtherSpreadsheet("xlsb")
        } else if zip.contains("content.xml") || zip.contains("mimetype") {
            Error::OtherSpreadsheet("ods")
        } else if zip.contains("Index/Document.iwa") {
            Error::OtherSpreadsheet("numbers")
        } else if zip.entries().iter().any(|e| e.name.starts_with("xl/")) {
            Error::CorruptWorkbook
        } else {
            Error::Binary
        }
    }

    /// `(Id, Type, resolved Target)` of each relationship.
    fn relationships(xml: &[u8], base: &str) -> Result<Vec<(String, String, String)>, Error> {
        let mut r = reader(xml);
        let mut out = Vec::new();
        loop {
            match r.read_event().map_err(xml_error)? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                    if attr(&e, b"TargetMode").is_some_and(|m| m == "External") {
                        continue;
                    }
                    if let (Some(id), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                        let kind = attr(&e, b"Type").unwrap_or_default().into_owned();
                        out.push((id.into_owned(), kind, resolve(base, &target)));
                    }
                }
                Event::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    /// The sheets `(name, relationship id, hidden)` in order, and the 1904 date system.
    #[allow(clippy::type_complexity)]
    fn parse_workbook(xml: &[u8]) -> Result<(Vec<(String, String, bool)>, bool), Error> {
        let mut r = reader(xml);
        let mut sheets = Vec::new();
        let mut date1904 = false;
        loop {
            match r.read_event().map_err(xml_error)? {
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"sheet" => {
                        let name = attr(&e, b"name").unwrap_or_default().into_owned();
                        let id = attr(&e, b"id").unwrap_or_default().into_owned();
                        let hidden = attr(&e, b"state").is_some_and(|s| s != "visible");
                        sheets.push((name, id, hidden));
                    }
                    b"workbookPr" => {
                        date1904 = attr(&e, b"date1904").is_some_and(|v| v == "1" || v == "true");
                    }
                    _ => {}
                },
                Event::Eof => return Ok((sheets, date1904)),
                _ => {}
            }
        }
    }

    /// The shared strings, rich text runs joined, phonetic runs (`rPh`) left out.
    fn parse_shared(xml: &[u8]) -> Result<Vec<String>, Error> {
        let mut r = reader(xml);
        let mut out = Vec::new();
        let mut text = String::new();
        let (mut in_t, mut in_rph) = (false, false);
        loop {
            match r.read_event().map_err(xml_error)? {
                Event::Start(e) => match e.local_name().as_ref() {
                    b"si" => text.clear(),
                    b"t" => in_t = true,
                    b"rPh" => in_rph = true,
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"si" => out.push(clean(&text)),
                    b"t" => in_t = false,
                    b"rPh" => in_rph = false,
                    _ => {}
                },
                Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
                Event::Text(t) if in_t && !in_rph => {
                    text.push_str(&t.unescape().map_err(xml_error)?)
                }
                Event::CData(t) if in_t && !in_rph => {
                    text.push_str(&String::from_utf8_lossy(&t.into_inner()))
                }
                Event::Eof => return Ok(out),
                _ => {}
            }
        }
    }

    /// How each cell style shows numbers, from `numFmts` and `cellXfs`.
    fn parse_styles(xml: &[u8]) -> Result<Vec<Shown>, Error> {
        let mut r = reader(xml);
        let mut formats: Vec<(u32, Shown)> = Vec::new();
        let mut styles = Vec::new();
        let mut in_xfs = false;
        loop {
            match r.read_event().map_err(xml_error)? {
                Event::Start(ref e) | Event::Empty(ref e) => match e.local_name().as_ref() {
                    b"numFmt" => {
                        if let Some(id) = attr(e, b"numFmtId").and_then(|v| v.parse().ok()) {
                            let code = attr(e, b"formatCode").unwrap_or_default();
                            formats.push((id, shown_by_code(&code)));
                        }
                    }
                    b"cellXfs" => in_xfs = true,
                    b"xf" if in_xfs => {
                        let id: u32 = attr(e, b"numFmtId")
                            .and_then(|v| v.parse().ok())
                            .unwrap_or(0);
                        let shown = formats
                            .iter()
                            .rev()
                            .find(|f| f.0 == id)
                            .map_or_else(|| shown_builtin(id), |f| f.1);
                        styles.push(shown);
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_xfs = false,
                Event::Eof => return Ok(styles),
                _ => {}
            }
        }
    }

    fn shown_builtin(id: u32) -> Shown {
        match id {
            14..=17 | 22 | 27..=36 | 50..=58 => Shown::Date,
            18..=21 | 45..=47 => Shown::Time,
            _ => Shown::Number,
        }
    }

    /// Whether a custom format code shows a date, a time or a number: its first section's
    /// letters outside quotes, escapes and brackets (`[h]` counts as a time).
    fn shown_by_code(code: &str) -> Shown {
        let section = code.split(';').next().unwrap_or_default();
        let (mut date, mut time) = (false, false);
        let mut chars = section.chars();
        while let Some(c) = chars.next() {
            match c.to_ascii_lowercase() {
                '"' => {
                    for c in chars.by_ref() {
                        if c == '"' {
                            break;
                        }
                    }
                }
                '\\' | '_' | '*' => {
                    chars.next();
                }
                '[' => {
                    let inner: String = chars.by_ref().take_while(|&c| c != ']').collect();
                    let inner = inner.to_ascii_lowercase();
                    if !inner.is_empty() && inner.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                        time = true;
                    }
                }
                'y' | 'd' | 'm' => date = true,
                'h' | 's' => time = true,
                _ => {}
            }
        }
        if date && !time && section.to_ascii_lowercase().contains("general") {
            return Shown::Number;
        }
        match (date, time) {
            (_, true) if !section.chars().any(|c| matches!(c, 'y' | 'Y' | 'd' | 'D')) => {
                Shown::Time
            }
            (true, _) | (_, true) => Shown::Date,
            _ => Shown::Number,
        }
    }

    /// What a cell's value means.
    struct Cells<'s> {
        shared: &'s [String],
        styles: &'s [Shown],
        date1904: bool,
    }

    /// A merged range in one row's columns `first..=last` (the row of its top-left cell).
    struct Merge {
        row: u64,
        first: u32,
        last: u32,
    }

    /// `B12` as (column 1, row 12); either may be missing.
    fn cell_ref(r: &str) -> (Option<u32>, Option<u64>) {
        let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
        let mut col: Option<u32> = None;
        if letters > 0 && letters <= 3 {
            let mut n = 0u32;
            for b in r[..letters].bytes() {
                n = n * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
            }
            col = Some(n - 1);
        }
        (col, r[letters..].parse().ok())
    }

    /// Fills the empty header cells that `merges` cover with their merged cell's value, up to
    /// `width` columns.
    fn fill_merges(head: &mut [(u64, Vec<String>)], merges: &[Merge], width: u32) {
        for merge in merges {
            if let Some((_, line)) = head.iter_mut().find(|(r, _)| *r == merge.row) {
                let value = line.get(merge.first as usize).cloned().unwrap_or_default();
                if value.is_empty() {
                    continue;
                }
                for col in merge.first + 1..=merge.last.min(width.saturating_sub(1)) {
                    let col = col as usize;
                    if line.len() <= col {
                        line.resize(col + 1, String::new());
                    }
                    if line[col].is_empty() {
                        line[col].clone_from(&value);
                    }
                }
            }
        }
    }

    fn parse_sheet<'s, R: BufRead>(
        xml: R,
        cells: &Cells<'s>,
        mut f: impl FnMut(u64, &[(u32, Cow<'s, str>)]) -> bool,
    ) -> Result<Vec<Merge>, Error> {
        let mut r = reader(xml);
        let mut buf = Vec::new();
        let mut merges = Vec::new();
        // A shared string is borrowed, not copied: most cells of a survey are shared strings.
        let mut row: Vec<(u32, Cow<'s, str>)> = Vec::new();
        let mut row_number = 0u64;
        let mut col = 0u32;
        let mut in_row = false;
        // The cell being read: type, style, value text, inline text.
        let mut kind = CellType::Number;
        let mut style = 0usize;
        let mut value = String::new();
        let mut inline: Option<String> = None;
        let (mut in_v, mut in_t, mut in_is, mut in_rph) = (false, false, false, false);
        let end_cell = |row: &mut Vec<(u32, Cow<'s, str>)>,
                        col: u32,
                        kind: CellType,
                        style: usize,
                        value: &str,
                        inline: Option<String>| {
            let text = match inline {
                Some(t) => Cow::Owned(clean(&t)),
                None => cells.text(kind, style, value),
            };
            if !text.trim().is_empty() && col < MAX_COLUMNS {
                match row.last_mut() {
                    Some(last) if last.0 == col => last.1 = text,
                    Some(last) if last.0 > col => {
                        let at = row.partition_point(|c| c.0 < col);
                        if row.get(at).is_some_and(|c| c.0 == col) {
                            row[at].1 = text;
                        } else {
                            row.insert(at, (col, text));
                        }
                    }
                    _ => row.push((col, text)),
                }
            }
        };
        let mut next_col = 0u32;
        loop {
            buf.clear();
            let event = r.read_event_into(&mut buf).map_err(xml_error)?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let empty = matches!(event, Event::Empty(_));
                    match e.local_name().as_ref() {
                        b"row" => {
                            row.clear();
                            row_number = attr(e, b"r")
                                .and_then(|v| v.trim().parse().ok())
                                .unwrap_or(row_number + 1);
                            next_col = 0;
                            in_row = !empty;
                        }
                        b"c" if in_row => {
                            // One pass over the cell's attributes; their values are ASCII.
                            let (mut at, mut t, mut s) = (None, CellType::Number, 0usize);
                            for a in e.attributes().flatten() {
                                let v = std::str::from_utf8(&a.value).unwrap_or("").trim();
                                match a.key.local_name().as_ref() {
                                    b"r" => at = cell_ref(v).0,
                                    b"t" => t = CellType::of(v),
                                    b"s" => s = v.parse().unwrap_or(0),
                                    _ => {}
                                }
                            }
                            col = at.unwrap_or(next_col);
                            next_col = col.saturating_add(1);
                            kind = t;
                            style = s;
                            value.clear();
                            inline = None;
                            if empty {
                                continue;
                            }
                        }
                        b"v" if !empty => in_v = true,
                        b"is" if !empty => {
                            in_is = true;
                            inline = Some(String::new());
                        }
                        b"t" if in_is && !empty => in_t = true,
                        b"rPh" if !empty => in_rph = true,
                        b"mergeCell" => {
                            if let Some(range) = attr(e, b"ref") {
                                let (a, b) = range.split_once(':').unwrap_or((&range, &range));
                                if let ((Some(first), Some(row)), (Some(last), _)) =
                                    (cell_ref(a), cell_ref(b))
                                {
                                    if last > first {
                                        merges.push(Merge { row, first, last });
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"v" => in_v = false,
                    b"t" => in_t = false,
                    b"is" => in_is = false,
                    b"rPh" => in_rph = false,
                    b"c" if in_row => {
                        end_cell(&mut row, col, kind, style, &value, inline.take());
                    }
                    b"row" if in_row => {
                        in_row = false;
                        if !row.is_empty() && !f(row_number, &row) {
                            return Ok(merges);
                        }
                    }
                    _ => {}
                },
                Event::Text(t) if in_v || (in_t && !in_rph) => {
                    let s = t.unescape().map_err(xml_error)?;
                    match (&mut inline, in_t) {
                        (Some(i), true) => i.push_str(&s),
                        _ => value.push_str(&s),
                    }
                }
                Event::CData(t) if in_v || (in_t && !in_rph) => {
                    let s = String::from_utf8_lossy(&t.into_inner()).into_owned();
                    match (&mut inline, in_t) {
                        (Some(i), true) => i.push_str(&s),
                        _ => value.push_str(&s),
                    }
                }
                Event::Eof => return Ok(merges),
                _ => {}
            }
        }
    }

    /// A cell's type (its `t` attribute).
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum CellType {
        /// `s`: an index into the shared strings.
        Shared,
        /// `str`, `e`, `inlineStr`: text in the cell.
        Text,
        /// `b`: a boolean.
        Bool,
        /// `d`: an ISO date.
        Date,
        /// `n` or none: a number.
        Number,
    }

    impl CellType {
        fn of(t: &str) -> CellType {
            match t {
                "s" => CellType::Shared,
                "str" | "e" | "inlineStr" => CellType::Text,
                "b" => CellType::Bool,
                "d" => CellType::Date,
                _ => CellType::Number,
            }
        }
    }

    impl<'s> Cells<'s> {
        /// The text of a cell of type `kind` and style `style` holding `value`.
        fn text(&self, kind: CellType, style: usize, value: &str) -> Cow<'s, str> {
            match kind {
                CellType::Shared => value
                    .trim()
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| self.shared.get(i))
                    .map_or(Cow::Borrowed(""), |s| Cow::Borrowed(s.as_str())),
                CellType::Text => Cow::Owned(clean(value)),
                CellType::Bool => Cow::Borrowed(match value.trim() {
                    "1" | "true" => "TRUE",
                    _ => "FALSE",
                }),
                CellType::Date => Cow::Owned(iso_text(value.trim())),
                CellType::Number => {
                    let raw = value.trim();
                    // Whole numbers (codes, counts) are written as they are.
                    if !raw.is_empty() && raw.len() <= 15 && raw.bytes().all(|b| b.is_ascii_digit())
                    {
                        let shown = self.styles.get(style).copied().unwrap_or(Shown::Number);
                        if shown == Shown::Number && (raw == "0" || !raw.starts_with('0')) {
                            return Cow::Owned(raw.to_string());
                        }
                    }
                    let Ok(x) = raw.parse::<f64>() else {
                        return Cow::Owned(clean(raw));
                    };
                    let shown = self.styles.get(style).copied().unwrap_or(Shown::Number);
                    if shown != Shown::Number {
                        if let Some(d) = serial_text(x, self.date1904, shown) {
                            return Cow::Owned(d);
                        }
                    }
                    Cow::Owned(number_text(x))
                }
            }
        }
    }

    /// A number in its shortest round-trip form (`0.1`, not `0.10000000000000001`).
    fn number_text(x: f64) -> String {
        if x == 0.0 {
            "0".into()
        } else {
            format!("{x}")
        }
    }

    /// An ISO date cell (`t="d"`) as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM`.
    fn iso_text(v: &str) -> String {
        let Some((date, time)) = v.split_once('T') else {
            return clean(v);
        };
        let hm = time.get(..5).unwrap_or(time);
        if hm == "00:00" && time[5..].trim_start_matches([':', '0', '.']).is_empty() {
            date.to_string()
        } else {
            format!("{date} {hm}")
        }
    }

    /// A date serial as text, or `None` when out of Excel's range.
    fn serial_text(x: f64, date1904: bool, shown: Shown) -> Option<String> {
        if !x.is_finite() || !(0.0..2_958_466.0).contains(&x) {
            return None;
        }
        let minutes = (x * 1440.0).round() as i64;
        let (days, minute) = (minutes / 1440, minutes % 1440);
        if shown == Shown::Time {
            return Some(format!("{:02}:{:02}", minutes / 60, minutes % 60));
        }
        let date = if date1904 {
            civil(days_from_civil(1904, 1, 1) + days)
        } else if days == 60 {
            // Excel's 29 February 1900, which never was.
            (1900, 2, 29)
        } else if days < 60 {
            civil(days_from_civil(1899, 12, 31) + days)
        } else {
            civil(days_from_civil(1899, 12, 30) + days)
        };
        let (y, m, d) = date;
        Some(if minute == 0 {
            format!("{y:04}-{m:02}-{d:02}")
        } else {
            format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", minute / 60, minute % 60)
        })
    }

    /// Days since 1970-01-01 of a date in the proleptic Gregorian calendar.
    fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date of a day since 1970-01-01.
    fn civil(z: i64) -> (i64, i64, i64) {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (yoe + era * 400 + i64::from(m <= 2), m, d)
    }

    /// Text as shown: `_xHHHH_` escapes decoded, control characters other than tab and line
    /// breaks dropped.
    fn clean(s: &str) -> String {
        let decoded: Cow<str> = if s.contains("_x") {
            let mut out = String::with_capacity(s.len());
            let mut rest = s;
            while let Some(i) = rest.find("_x") {
                out.push_str(&rest[..i]);
                let tail = &rest[i..];
                let code = tail
                    .get(2..6)
                    .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32);
                match code {
                    Some(c) => {
                        out.push(c);
                        rest = &tail[7..];
                    }
                    None => {
                        out.push_str("_x");
                        rest = &tail[2..];
                    }
                }
            }
            out.push_str(rest);
            Cow::Owned(out)
        } else {
            Cow::Borrowed(s)
        };
        decoded
            .chars()
            .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .collect()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn serials_become_dates() {
            assert_eq!(
                serial_text(45_292.0, false, Shown::Date).as_deref(),
                Some("2024-01-01")
            );
            assert_eq!(
                serial_text(45_292.5, false, Shown::Date).as_deref(),
                Some("2024-01-01 12:00")
            );
            assert_eq!(
                serial_text(43_830.0, true, Shown::Date).as_deref(),
                Some("2024-01-01")
            );
            assert_eq!(
                serial_text(1.0, false, Shown::Date).as_deref(),
                Some("1900-01-01")
            );
            assert_eq!(
                serial_text(61.0, false, Shown::Date).as_deref(),
                Some("1900-03-01")
            );
            assert_eq!(
                serial_text(0.75, false, Shown::Time).as_deref(),
                Some("18:00")
            );
        }

        #[test]
        fn format_codes() {
            assert_eq!(shown_by_code("yyyy-mm-dd"), Shown::Date);
            assert_eq!(shown_by_code("[$-406]d. mmmm yyyy;@"), Shown::Date);
            assert_eq!(shown_by_code("[h]:mm"), Shown::Time);
            assert_eq!(shown_by_code("hh:mm:ss"), Shown::Time);
            assert_eq!(shown_by_code("0.00\" dage\""), Shown::Number);
            assert_eq!(shown_by_code("[Red]0.0"), Shown::Number);
            assert_eq!(shown_by_code("General"), Shown::Number);
            assert_eq!(shown_by_code("#,##0"), Shown::Number);
            assert_eq!(shown_by_code("0.00E+00"), Shown::Number);
        }

        #[test]
        fn text_is_cleaned() {
            assert_eq!(clean("a_x000D_b"), "a\rb");
            assert_eq!(clean("a_x0001_b\u{7}"), "ab");
            assert_eq!(clean("_x"), "_x");
            assert_eq!(clean("x_x00e6_"), "xæ");
        }

        #[test]
        fn references() {
            assert_eq!(cell_ref("A1"), (Some(0), Some(1)));
            assert_eq!(cell_ref("AB12"), (Some(27), Some(12)));
            assert_eq!(cell_ref("XFD1048576"), (Some(16_383), Some(1_048_576)));
            assert_eq!(cell_ref("12"), (None, Some(12)));
            assert_eq!(
                resolve("xl/", "worksheets/sheet1.xml"),
                "xl/worksheets/sheet1.xml"
            );
            assert_eq!(
                resolve("xl/", "/xl/worksheets/s.xml"),
                "xl/worksheets/s.xml"
            );
            assert_eq!(resolve("xl/", "../x.xml"), "x.xml");
        }
    }
}
