//! A [`Document`] as a Word file (.docx, WordprocessingML): headings in Word's heading styles,
//! native tables with a repeated header row, pictures as inline DrawingML with their
//! alternative text, and page breaks. A4 portrait.

use super::zip::ZipWriter;
use super::{
    content_types, core_properties, escape, fit, relationships, Block, Cell, Document, Image,
    CORE_TYPE, XML_HEAD,
};
use crate::words::lang::Lang;

/// Text width on A4 with 2.5 cm margins: 16 cm in twentieths of a point and in EMU.
const TEXT_TWIPS: u64 = 9070;
const TEXT_EMU: u64 = 5_760_000;
/// The tallest picture: 2/3 of the text height, so a caption and a sentence fit beside it.
const MAX_PICTURE_EMU: u64 = 5_800_000;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The Word file of `doc`.
pub fn write(doc: &Document) -> Vec<u8> {
    let images: Vec<&Image> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image(i) => Some(i),
            _ => None,
        })
        .collect();
    let mut zip = ZipWriter::default();
    zip.add(
        "[Content_Types].xml",
        content_types(&[
            (
                "/word/document.xml".into(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            ),
            (
                "/word/styles.xml".into(),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
            ),
            ("/docProps/core.xml".into(), CORE_TYPE),
        ])
        .as_bytes(),
    );
    zip.add(
        "_rels/.rels",
        relationships(&[
            ("rId1".into(), "officeDocument", "word/document.xml".into()),
            ("rId2".into(), "core-properties", "docProps/core.xml".into()),
        ])
        .as_bytes(),
    );
    zip.add(
        "docProps/core.xml",
        core_properties(&doc.title, &doc.author).as_bytes(),
    );
    let mut rels = vec![("rId1".to_string(), "styles", "styles.xml".to_string())];
    for i in 1..=images.len() {
        rels.push((
            format!("rIdImage{i}"),
            "image",
            format!("media/image{i}.png"),
        ));
    }
    zip.add(
        "word/_rels/document.xml.rels",
        relationships(&rels).as_bytes(),
    );
    let tag = match doc.lang {
        Lang::Da => "da-DK",
        Lang::En => "en-GB",
    };
    zip.add("word/styles.xml", STYLES.replace("da-DK", tag).as_bytes());
    zip.add("word/document.xml", document_xml(doc).as_bytes());
    for (i, image) in images.iter().enumerate() {
        zip.add(&format!("word/media/image{}.png", i + 1), &image.png);
    }
    zip.finish()
}

/// `word/document.xml`: the body, blocks in order, then the A4 section.
pub fn document_xml(doc: &Document) -> String {
    let mut body = String::new();
    let title_lines = [
        ("Title", &doc.title),
        ("Subtitle", &doc.subtitle),
        ("Subtitle", &doc.date),
        ("Subtitle", &doc.author),
    ];
    for (style, text) in title_lines {
        if !text.is_empty() {
            paragraph(&mut body, Some(style), false, text);
        }
    }
    let mut image_no = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        // A sentence stays on the page of the table or picture it introduces.
        let keep_next = matches!(
            doc.blocks.get(i + 1),
            Some(Block::Table { .. } | Block::Image(_))
        );
        match block {
            Block::Heading { level, text } => {
                let style = if *level <= 1 { "Heading1" } else { "Heading2" };
                paragraph(&mut body, Some(style), true, text);
            }
            Block::Paragraph { text } => paragraph(&mut body, None, keep_next, text),
            Block::Table {
                caption,
                header,
                rows,
            } => {
                if !caption.is_empty() {
                    paragraph(&mut body, Some("Caption"), true, caption);
                }
                table(&mut body, header, rows);
            }
            Block::Image(image) => {
                image_no += 1;
                picture(&mut body, image, image_no);
            }
            Block::PageBreak => body.push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
        }
    }
    format!(
        "{XML_HEAD}<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1418\" w:right=\"1418\" w:bottom=\"1418\" w:left=\"1418\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    )
}

/// Runs of `text`, a line break for each line feed.
fn runs(out: &mut String, text: &str, bold: bool) {
    out.push_str("<w:r>");
    if bold {
        out.push_str("<w:rPr><w:b/></w:rPr>");
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        out.push_str("<w:t xml:space=\"preserve\">");
        out.push_str(&escape(line));
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

fn paragraph(out: &mut String, style: Option<&str>, keep_next: bool, text: &str) {
    out.push_str("<w:p>");
    if style.is_some() || keep_next {
        out.push_str("<w:pPr>");
        if let Some(style) = style {
            out.push_str(&format!("<w:pStyle w:val=\"{style}\"/>"));
        }
        if keep_next {
            out.push_str("<w:keepNext/>");
        }
        out.push_str("</w:pPr>");
    }
    runs(out, text, false);
    out.push_str("</w:p>");
}

/// A table as wide as the text: the first column half as wide again as the others (it holds
/// the labels), the header row repeated on each page, no row split across pages, numbers right.
fn table(out: &mut String, header: &[String], rows: &[Vec<Cell>]) {
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1) as u64;
    let unit = TEXT_TWIPS * 2 / (2 * columns + 1);
    let width = |c: u64| match c {
        0 => TEXT_TWIPS - unit * (columns - 1),
        _ => unit,
    };
    out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    for c in 0..columns {
        out.push_str(&format!("<w:gridCol w:w=\"{}\"/>", width(c)));
    }
    out.push_str("</w:tblGrid>");
    let cell = |out: &mut String, c: u64, text: &str, bold: bool, right: bool| {
        out.push_str(&format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/>",
            width(c)
        ));
        if right {
            out.push_str("<w:jc w:val=\"right\"/>");
        }
        out.push_str("</w:pPr>");
        runs(out, text, bold);
        out.push_str("</w:p></w:tc>");
    };
    if !header.is_empty() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for c in 0..columns {
            let text = header.get(c as usize).map_or("", String::as_str);
            cell(out, c, text, true, c > 0);
        }
        out.push_str("</w:tr>");
    }
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for c in 0..columns {
            match row.get(c as usize) {
                Some(v) => cell(out, c, v.text(), false, matches!(v, Cell::Number { .. })),
                None => cell(out, c, "", false, false),
            }
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // Word needs a paragraph between two tables, and after the last one of a body.
    out.push_str("<w:p/>");
}

/// An inline picture, as wide as the text (or as tall as allowed), with its alternative text
/// in the drawing's description.
fn picture(out: &mut String, image: &Image, number: usize) {
    let (cx, cy) = fit(image.width_px, image.height_px, TEXT_EMU, MAX_PICTURE_EMU);
    let alt = escape(&image.alt);
    out.push_str(&format!(
        "<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{number}\" name=\"Diagram {number}\" descr=\"{alt}\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{number}\" name=\"image{number}.png\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdImage{number}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    ));
}

/// The styles the document uses: Normal, Title, Subtitle, Heading 1 and 2 (with outline
/// levels, so they make Word's navigation pane and table of contents), Caption and a table
/// grid, in Arial (on every Windows and Mac; LibreOffice substitutes a metric twin). The
/// language tag `da-DK` is replaced by the document's.
const STYLES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:cs=\"Arial\" w:eastAsia=\"Arial\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"da-DK\"/></w:rPr></w:rPrDefault>",
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:sz w:val=\"52\"/><w:szCs w:val=\"52\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:rPr><w:color w:val=\"595959\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after=\"60\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>",
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/></w:tblBorders></w:tblPr></w:style>",
    "</w:styles>"
);
