//! The report's charts as PNG pictures: the core's SVG charts rasterised with resvg, their
//! text in the system's fonts (the `chart-png` feature).

use resvg::{tiny_skia, usvg};
use tilfreds::present::chart::Chart;
use tilfreds::Lang;

/// The width the charts are laid out at, in CSS pixels: that of the page's charts.
const LAYOUT_WIDTH: u32 = 800;
/// Pixels per CSS pixel: 2,400 pixels wide, 300 dpi across 8 inches of paper.
const SCALE: f32 = 3.0;

/// Rasterises charts; the system's fonts are read once.
pub struct Rasteriser {
    options: usvg::Options<'static>,
    lang: Lang,
}

impl Rasteriser {
    /// A rasteriser with the system's fonts, or `None` when the system has none (the charts'
    /// text could not be drawn, so the report goes without them).
    pub fn new(lang: Lang) -> Option<Rasteriser> {
        let mut options = usvg::Options::default();
        let fonts = options.fontdb_mut();
        fonts.load_system_fonts();
        let families: Vec<String> = fonts
            .faces()
            .filter_map(|f| f.families.first().map(|(name, _)| name.clone()))
            .collect();
        // The charts ask for "sans-serif": a common sans face, else any face there is.
        let sans = [
            "Liberation Sans",
            "DejaVu Sans",
            "Arial",
            "Helvetica",
            "Noto Sans",
        ]
        .iter()
        .map(|s| s.to_string())
        .find(|want| families.contains(want))
        .or_else(|| families.first().cloned())?;
        fonts.set_sans_serif_family(sans.clone());
        options.font_family = sans;
        Some(Rasteriser { options, lang })
    }

    /// `chart` as a PNG: `(bytes, width, height)`.
    pub fn png(&self, chart: &Chart) -> Option<(Vec<u8>, u32, u32)> {
        let svg = chart.svg(LAYOUT_WIDTH, self.lang);
        let tree = usvg::Tree::from_str(&svg, &self.options).ok()?;
        let size = tree.size();
        let (w, h) = (
            (size.width() * SCALE).ceil() as u32,
            (size.height() * SCALE).ceil() as u32,
        );
        let mut pixmap = tiny_skia::Pixmap::new(w, h)?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(SCALE, SCALE),
            &mut pixmap.as_mut(),
        );
        Some((pixmap.encode_png().ok()?, w, h))
    }
}
