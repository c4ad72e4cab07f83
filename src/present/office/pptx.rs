//! [`Slides`] as a PowerPoint file (.pptx, PresentationML), 16:9: per slide a title (the title
//! placeholder, which screen readers and the outline read), the chart picture with its
//! alternative text, the finding beside it and the source line at the foot.

use super::zip::ZipWriter;
use super::{
    content_types, core_properties, escape, fit, relationships, Image, Slide, Slides, CORE_TYPE,
    XML_HEAD,
};
use crate::words::lang::Lang;

/// The slide: 33.867 × 19.05 cm (PowerPoint's 16:9), in EMU.
const SLIDE_CX: u64 = 12_192_000;
const SLIDE_CY: u64 = 6_858_000;
/// The margin round the slide's content.
const MARGIN: u64 = 457_200;
/// The title's height, and where the body starts below it.
const TITLE_CY: u64 = 1_005_840;
const BODY_Y: u64 = MARGIN + TITLE_CY + 91_440;
/// The source line's height at the foot.
const SOURCE_CY: u64 = 365_760;
/// The chart's share of the body's width when a finding stands beside it.
const PICTURE_SHARE: f64 = 0.64;

const NAMESPACES: &str = "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

const PML: &str = "application/vnd.openxmlformats-officedocument.presentationml";

/// The PowerPoint file of `deck`; the first slide's title is the file's title property.
pub fn write(deck: &Slides) -> Vec<u8> {
    let n = deck.slides.len();
    let mut overrides = vec![
        (
            "/ppt/presentation.xml".to_string(),
            format!("{PML}.presentation.main+xml"),
        ),
        (
            "/ppt/slideMasters/slideMaster1.xml".into(),
            format!("{PML}.slideMaster+xml"),
        ),
        (
            "/ppt/slideLayouts/slideLayout1.xml".into(),
            format!("{PML}.slideLayout+xml"),
        ),
        (
            "/ppt/theme/theme1.xml".into(),
            "application/vnd.openxmlformats-officedocument.theme+xml".into(),
        ),
        ("/docProps/core.xml".into(), CORE_TYPE.into()),
    ];
    for i in 1..=n {
        overrides.push((
            format!("/ppt/slides/slide{i}.xml"),
            format!("{PML}.slide+xml"),
        ));
    }
    let overrides: Vec<(String, &str)> = overrides
        .iter()
        .map(|(part, kind)| (part.clone(), kind.as_str()))
        .collect();
    let mut zip = ZipWriter::default();
    zip.add("[Content_Types].xml", content_types(&overrides).as_bytes());
    zip.add(
        "_rels/.rels",
        relationships(&[
            (
                "rId1".into(),
                "officeDocument",
                "ppt/presentation.xml".into(),
            ),
            ("rId2".into(), "core-properties", "docProps/core.xml".into()),
        ])
        .as_bytes(),
    );
    let title = deck.slides.first().map_or("", |s| s.title.as_str());
    zip.add("docProps/core.xml", core_properties(title, "").as_bytes());
    let mut rels = vec![
        (
            "rId1".to_string(),
            "slideMaster",
            "slideMasters/slideMaster1.xml".to_string(),
        ),
        ("rId2".into(), "theme", "theme/theme1.xml".into()),
    ];
    for i in 1..=n {
        rels.push((
            format!("rId{}", i + 2),
            "slide",
            format!("slides/slide{i}.xml"),
        ));
    }
    zip.add(
        "ppt/_rels/presentation.xml.rels",
        relationships(&rels).as_bytes(),
    );
    zip.add("ppt/presentation.xml", presentation_xml(n).as_bytes());
    zip.add(
        "ppt/slideMasters/slideMaster1.xml",
        format!("{XML_HEAD}<p:sldMaster {NAMESPACES}><p:cSld>{}</p:cSld><p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/><p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst></p:sldMaster>", shape_tree("")).as_bytes(),
    );
    zip.add(
        "ppt/slideMasters/_rels/slideMaster1.xml.rels",
        relationships(&[
            (
                "rId1".into(),
                "slideLayout",
                "../slideLayouts/slideLayout1.xml".into(),
            ),
            ("rId2".into(), "theme", "../theme/theme1.xml".into()),
        ])
        .as_bytes(),
    );
    zip.add(
        "ppt/slideLayouts/slideLayout1.xml",
        format!("{XML_HEAD}<p:sldLayout {NAMESPACES} type=\"titleOnly\" preserve=\"1\"><p:cSld name=\"Title Only\">{}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>", shape_tree(&title_shape("", deck.lang))).as_bytes(),
    );
    zip.add(
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels",
        relationships(&[(
            "rId1".into(),
            "slideMaster",
            "../slideMasters/slideMaster1.xml".into(),
        )])
        .as_bytes(),
    );
    zip.add("ppt/theme/theme1.xml", THEME.as_bytes());
    for (i, slide) in deck.slides.iter().enumerate() {
        let i = i + 1;
        let mut rels = vec![(
            "rId1".to_string(),
            "slideLayout",
            "../slideLayouts/slideLayout1.xml".to_string(),
        )];
        if slide.image.is_some() {
            rels.push(("rId2".into(), "image", format!("../media/image{i}.png")));
        }
        zip.add(
            &format!("ppt/slides/_rels/slide{i}.xml.rels"),
            relationships(&rels).as_bytes(),
        );
        zip.add(
            &format!("ppt/slides/slide{i}.xml"),
            slide_xml(slide, deck.lang).as_bytes(),
        );
        if let Some(image) = &slide.image {
            zip.add(&format!("ppt/media/image{i}.png"), &image.png);
        }
    }
    zip.finish()
}

fn presentation_xml(slides: usize) -> String {
    let mut ids = String::new();
    if slides > 0 {
        ids.push_str("<p:sldIdLst>");
        for i in 0..slides {
            ids.push_str(&format!(
                "<p:sldId id=\"{}\" r:id=\"rId{}\"/>",
                256 + i,
                i + 3
            ));
        }
        ids.push_str("</p:sldIdLst>");
    }
    format!("{XML_HEAD}<p:presentation {NAMESPACES}><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>{ids}<p:sldSz cx=\"{SLIDE_CX}\" cy=\"{SLIDE_CY}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>")
}

/// A shape tree holding `shapes`.
fn shape_tree(shapes: &str) -> String {
    format!("<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>{shapes}</p:spTree>")
}

fn xfrm(x: u64, y: u64, cx: u64, cy: u64) -> String {
    format!("<a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>")
}

/// Paragraphs of `text` (one per line) at `size` hundredths of a point.
fn paragraphs(text: &str, size: u32, bold: bool, colour: &str, lang: Lang) -> String {
    let tag = match lang {
        Lang::Da => "da-DK",
        Lang::En => "en-GB",
    };
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        // Space between paragraphs: a finding's sentences read apart.
        let space = if i > 0 {
            "<a:pPr><a:spcBef><a:spcPts val=\"600\"/></a:spcBef></a:pPr>"
        } else {
            ""
        };
        out.push_str(&format!(
            "<a:p>{space}<a:r><a:rPr lang=\"{tag}\" sz=\"{size}\" b=\"{}\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill></a:rPr><a:t>{}</a:t></a:r></a:p>",
            u8::from(bold),
            escape(line)
        ));
    }
    out
}

/// The title placeholder holding `text`.
fn title_shape(text: &str, lang: Lang) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr><p:txBody><a:bodyPr wrap=\"square\" anchor=\"b\"><a:normAutofit/></a:bodyPr><a:lstStyle/>{}</p:txBody></p:sp>",
        xfrm(MARGIN, MARGIN, SLIDE_CX - 2 * MARGIN, TITLE_CY),
        paragraphs(text, 2800, true, "1F2937", lang)
    )
}

/// A text box.
fn text_box(
    id: u32,
    name: &str,
    area: (u64, u64, u64, u64),
    text: &str,
    size: u32,
    lang: Lang,
) -> String {
    let (x, y, cx, cy) = area;
    let colour = if name == "Source" { "4B5563" } else { "1F2937" };
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap=\"square\" anchor=\"t\"><a:normAutofit/></a:bodyPr><a:lstStyle/>{}</p:txBody></p:sp>",
        xfrm(x, y, cx, cy),
        paragraphs(text, size, false, colour, lang)
    )
}

fn picture(image: &Image, area: (u64, u64, u64, u64)) -> String {
    let (x, y, max_cx, max_cy) = area;
    let (cx, cy) = fit(image.width_px, image.height_px, max_cx, max_cy);
    format!(
        "<p:pic><p:nvPicPr><p:cNvPr id=\"3\" name=\"Diagram\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"rId2\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
        escape(&image.alt),
        xfrm(x, y, cx, cy)
    )
}

/// One slide's XML.
pub fn slide_xml(slide: &Slide, lang: Lang) -> String {
    let body_cx = SLIDE_CX - 2 * MARGIN;
    let body_cy = SLIDE_CY - BODY_Y - SOURCE_CY - MARGIN;
    let mut shapes = title_shape(&slide.title, lang);
    let finding_area = match &slide.image {
        Some(image) => {
            let picture_cx = (body_cx as f64 * PICTURE_SHARE) as u64;
            shapes.push_str(&picture(image, (MARGIN, BODY_Y, picture_cx, body_cy)));
            let gap = 228_600;
            (
                MARGIN + picture_cx + gap,
                BODY_Y,
                body_cx - picture_cx - gap,
                body_cy,
            )
        }
        None => (MARGIN, BODY_Y, body_cx, body_cy),
    };
    if !slide.finding.is_empty() {
        // Smaller for a longer text, so that it fits its box without a viewer's autofit.
        let size = match slide.finding.chars().count() {
            0..=300 => 1800,
            301..=600 => 1400,
            _ => 1100,
        };
        shapes.push_str(&text_box(
            4,
            "Finding",
            finding_area,
            &slide.finding,
            size,
            lang,
        ));
    }
    if !slide.source_line.is_empty() {
        let y = SLIDE_CY - MARGIN - SOURCE_CY;
        shapes.push_str(&text_box(
            5,
            "Source",
            (MARGIN, y, body_cx, SOURCE_CY),
            &slide.source_line,
            1100,
            lang,
        ));
    }
    format!(
        "{XML_HEAD}<p:sld {NAMESPACES}><p:cSld>{}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        shape_tree(&shapes)
    )
}

/// The smallest complete theme: colours, Arial for headings and text, and the three plain
/// fill, line, effect and background styles every theme must list.
const THEME: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Tilfreds\"><a:themeElements>",
    "<a:clrScheme name=\"Tilfreds\"><a:dk1><a:srgbClr val=\"000000\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1><a:dk2><a:srgbClr val=\"1F2937\"/></a:dk2><a:lt2><a:srgbClr val=\"F3F4F6\"/></a:lt2>",
    "<a:accent1><a:srgbClr val=\"0072B2\"/></a:accent1><a:accent2><a:srgbClr val=\"E69F00\"/></a:accent2><a:accent3><a:srgbClr val=\"009E73\"/></a:accent3><a:accent4><a:srgbClr val=\"CC79A7\"/></a:accent4><a:accent5><a:srgbClr val=\"56B4E9\"/></a:accent5><a:accent6><a:srgbClr val=\"D55E00\"/></a:accent6>",
    "<a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink><a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink></a:clrScheme>",
    "<a:fontScheme name=\"Tilfreds\"><a:majorFont><a:latin typeface=\"Arial\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont><a:minorFont><a:latin typeface=\"Arial\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>",
    "<a:fmtScheme name=\"Tilfreds\"><a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:fillStyleLst>",
    "<a:lnStyleLst><a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst>",
    "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>",
    "<a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme>",
    "</a:themeElements></a:theme>"
);
