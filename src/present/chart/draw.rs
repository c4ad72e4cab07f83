//! Drawing helpers shared by the charts (Likert overview, group bars, cross-table heat map,
//! wave comparison): colours, layout sizes, text measurement and a [`Painter`] that draws
//! filled shapes and text onto a plotters drawing area.
//!
//! The charts draw through [`Surface`], an object-safe view of a drawing area, so each chart is
//! compiled once for every backend (the canvas in the browser, SVG for export) instead of once
//! per backend.

use std::cell::RefCell;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::util::text;
pub(crate) use crate::util::text::clean;
use crate::words::lang::{format_decimal, Lang};

/// What the public chart drawing functions return.
pub(crate) type DrawResult<DB> =
    Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A drawing operation failed; the backend's error is kept by the [`Surface`] and returned
/// by [`on_area`].
pub(crate) struct Failed(());

/// What drawing on a [`Surface`] returns.
pub(crate) type Drawn = Result<(), Failed>;

/// The drawing operations the charts use, on one drawing area.
pub(crate) trait Surface {
    /// Width and height in device pixels.
    fn size(&self) -> (u32, u32);
    /// Fills the whole area.
    fn fill(&self, color: &RGBColor) -> Drawn;
    /// The text's size as the backend measures it, `None` when it cannot.
    fn text_size(&self, text: &str, style: &TextStyle) -> Option<(u32, u32)>;
    /// Draws the text at `pos`.
    fn text(&self, text: &str, style: &TextStyle, pos: (i32, i32)) -> Drawn;
    /// A filled rectangle between two corners.
    fn rect(&self, corners: [(i32, i32); 2], color: RGBColor) -> Drawn;
    /// A filled polygon.
    fn polygon(&self, points: Vec<(i32, i32)>, color: RGBColor) -> Drawn;
    /// A filled circle.
    fn circle(&self, center: (i32, i32), radius: i32, color: RGBColor) -> Drawn;
}

/// A plotters drawing area as a [`Surface`], keeping the backend's latest error.
struct AreaSurface<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    error: RefCell<Option<DrawingAreaErrorKind<DB::ErrorType>>>,
}

impl<DB: DrawingBackend> AreaSurface<'_, DB> {
    fn keep(&self, result: Result<(), DrawingAreaErrorKind<DB::ErrorType>>) -> Drawn {
        result.map_err(|e| {
            *self.error.borrow_mut() = Some(e);
            Failed(())
        })
    }
}

impl<DB: DrawingBackend> Surface for AreaSurface<'_, DB> {
    fn size(&self) -> (u32, u32) {
        self.area.dim_in_pixel()
    }

    fn fill(&self, color: &RGBColor) -> Drawn {
        self.keep(self.area.fill(color))
    }

    fn text_size(&self, text: &str, style: &TextStyle) -> Option<(u32, u32)> {
        self.area.estimate_text_size(text, style).ok()
    }

    fn text(&self, text: &str, style: &TextStyle, pos: (i32, i32)) -> Drawn {
        self.keep(self.area.draw_text(text, style, pos))
    }

    fn rect(&self, corners: [(i32, i32); 2], color: RGBColor) -> Drawn {
        self.keep(self.area.draw(&Rectangle::new(corners, color.filled())))
    }

    fn polygon(&self, points: Vec<(i32, i32)>, color: RGBColor) -> Drawn {
        self.keep(self.area.draw(&Polygon::new(points, color.filled())))
    }

    fn circle(&self, center: (i32, i32), radius: i32, color: RGBColor) -> Drawn {
        self.keep(self.area.draw(&Circle::new(center, radius, color.filled())))
    }
}

/// Runs `draw` on `area` and returns the backend's error if drawing failed.
pub(crate) fn on_area<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    draw: impl FnOnce(&dyn Surface) -> Drawn,
) -> DrawResult<DB> {
    let surface = AreaSurface {
        area,
        error: RefCell::new(None),
    };
    match draw(&surface) {
        Ok(()) => Ok(()),
        // `Failed` is only made by `AreaSurface::keep`, which has stored the error.
        Err(Failed(())) => Err(surface
            .error
            .into_inner()
            .unwrap_or(DrawingAreaErrorKind::LayoutError)),
    }
}

/// How a chart is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    /// Language of the texts and number formats.
    pub lang: Lang,
    /// Device pixel ratio: every size, font and line width is multiplied by it.
    pub scale: f64,
    /// CSS font family, normally "sans-serif".
    pub font_family: &'static str,
}

impl Default for ChartStyle {
    fn default() -> Self {
        ChartStyle {
            lang: Lang::Da,
            scale: 1.0,
            font_family: "sans-serif",
        }
    }
}

/// Body text, as (r, g, b).
pub(crate) const TEXT: (u8, u8, u8) = (0x22, 0x22, 0x22);
/// Secondary text: axis ticks, notes.
pub(crate) const MUTED: (u8, u8, u8) = (0x66, 0x66, 0x66);
/// Withheld (suppressed) values and the "no data" note.
pub(crate) const GREY: (u8, u8, u8) = (0x80, 0x80, 0x80);
/// Grid lines.
pub(crate) const GRID: (u8, u8, u8) = (0xE2, 0xE2, 0xE2);
/// Axis and zero lines.
pub(crate) const AXIS: (u8, u8, u8) = (0x55, 0x55, 0x55);

/// Outer padding, in CSS pixels (multiplied by the scale when drawing), as all sizes below.
pub(crate) const PAD: f64 = 16.0;
/// Title font size.
pub(crate) const TITLE_PX: f64 = 16.0;
/// Height taken by a title.
pub(crate) const TITLE_H: f64 = 28.0;
/// Label font size.
pub(crate) const LABEL_PX: f64 = 12.5;
/// Font size of numbers, ticks and notes.
pub(crate) const SMALL_PX: f64 = 11.0;
/// Height of the "no data" note.
pub(crate) const EMPTY_H: f64 = 48.0;

/// plotters' SVG backend writes `font-size = size / 1.24` while the canvas backend uses the
/// size as CSS pixels; SVG output passes this factor so both render text at the same size.
const SVG_TEXT_FACTOR: f64 = 1.24;

/// The plotters colour for (r, g, b).
pub(crate) fn rgb(c: (u8, u8, u8)) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Black or white, whichever contrasts more with the background (WCAG contrast ratio).
pub(crate) fn text_on(bg: (u8, u8, u8)) -> (u8, u8, u8) {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let l = 0.2126 * lin(bg.0) + 0.7152 * lin(bg.1) + 0.0722 * lin(bg.2);
    if 1.05 / (l + 0.05) > (l + 0.05) / 0.05 {
        (0xFF, 0xFF, 0xFF)
    } else {
        (0x00, 0x00, 0x00)
    }
}

/// A whole-number percentage for text inside bars and on axes ("42 %" / "42%").
pub(crate) fn pct_whole(value: f64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{}\u{a0}%", format_decimal(value, 0, lang)),
        Lang::En => format!("{}%", format_decimal(value, 0, lang)),
    }
}

/// Advance widths of printable ASCII (32..=126) in 1/1000 em, as in Helvetica/Arial, the
/// metrics most "sans-serif" fonts resemble.
const ASCII_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// Text width in pixels from built-in font metrics. Used for SVG output, whose viewer's font
/// is unknown anyway, so the same chart gives the same SVG on every platform; a few percent
/// of slack covers fonts wider than Arial.
pub(crate) fn metric_width(text: &str, px: f64, bold: bool) -> f64 {
    let units: u32 = text
        .chars()
        .map(|c| match c {
            ' '..='~' => ASCII_WIDTHS[c as usize - 32] as u32,
            '\u{a0}' => 278,
            'æ' => 889,
            'Æ' | '…' | '—' | '‰' => 1000,
            'ø' | 'ß' => 611,
            'Ø' | 'Œ' => 778,
            'Å' | 'Ä' | 'Ö' | 'Ü' | 'É' | 'À' | 'Á' => 722,
            '–' | '€' => 556,
            c if (c as u32) < 0x250 && text::is_letter(c) && text::lower_char(c) == c => 556,
            c if (c as u32) < 0x250 => 667,
            _ => 1000,
        })
        .sum();
    let bold_factor = if bold { 1.08 } else { 1.0 };
    units as f64 / 1000.0 * px * bold_factor * 1.04
}

/// The drawing scale, clamped to 0.25..=8; 1.0 when it is not a positive number.
pub(crate) fn sane_scale(scale: f64) -> f64 {
    if scale.is_finite() && scale > 0.0 {
        scale.clamp(0.25, 8.0)
    } else {
        1.0
    }
}

/// The value, or `fallback` when it is NaN or infinite.
pub(crate) fn finite_or(value: f64, fallback: f64) -> f64 {
    if value.is_finite() {
        value
    } else {
        fallback
    }
}

/// Text width in pixels from rough sans-serif metrics, used for SVG output whose viewer's
/// font is unknown anyway (and so the same chart gives the same SVG everywhere).
pub(crate) fn approx_width(text: &str, px: f64, bold: bool) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | ' ' | '\u{a0}' => 0.278,
            'f' | 't' | 'r' | 'I' | '(' | ')' | '-' | '[' | ']' => 0.333,
            'm' | 'w' | 'M' | 'W' | 'æ' | 'Æ' | '%' | '@' | '…' | '—' => 0.889,
            c if c.is_ascii_digit() => 0.556,
            c if c.is_uppercase() => 0.7,
            c if (c as u32) < 0x250 => 0.556,
            _ => 1.0,
        })
        .sum();
    em * px * if bold { 1.08 } else { 1.0 } * 1.04
}

/// How a [`Painter`] measures SVG text and shortens text that has no room at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Metrics {
    /// Helvetica/Arial advance widths ([`metric_width`]); a text with no room becomes "…".
    Arial,
    /// Rough sans-serif character classes ([`approx_width`]); a text with no room is left out.
    Rough,
}

/// Drawing helpers bound to one area and style. Every chart is plain filled shapes and text,
/// which look the same on every backend.
pub(crate) struct Painter<'a> {
    /// The area drawn on, sized in device pixels.
    area: &'a dyn Surface,
    /// Device pixels per CSS pixel.
    pub(crate) s: f64,
    /// Set for SVG output: font size factor of the SVG backend, and built-in font metrics.
    pub(crate) svg: bool,
    /// CSS font family of every text.
    pub(crate) family: &'static str,
    /// Language of the built-in texts.
    pub(crate) lang: Lang,
    /// SVG text measurement and the shortening rule.
    pub(crate) metrics: Metrics,
}

impl<'a> Painter<'a> {
    /// A painter for `area` at the style's (sanitised) scale.
    pub(crate) fn new(
        area: &'a dyn Surface,
        style: &ChartStyle,
        svg: bool,
        metrics: Metrics,
    ) -> Self {
        Painter {
            area,
            s: sane_scale(style.scale),
            svg,
            family: style.font_family,
            lang: style.lang,
            metrics,
        }
    }

    /// Clears `area` to white and returns a painter for it; `None` when the area is empty.
    pub(crate) fn start(
        area: &'a dyn Surface,
        style: &ChartStyle,
        svg: bool,
        metrics: Metrics,
    ) -> Result<Option<Self>, Failed> {
        let (w, h) = area.size();
        if w == 0 || h == 0 {
            return Ok(None);
        }
        area.fill(&WHITE)?;
        Ok(Some(Painter::new(area, style, svg, metrics)))
    }

    /// Width and height of the area in device pixels.
    pub(crate) fn size(&self) -> (f64, f64) {
        let (w, h) = self.area.size();
        (w as f64, h as f64)
    }

    /// CSS pixels to device pixels.
    pub(crate) fn px(&self, v: f64) -> f64 {
        v * self.s
    }

    /// A stroke width in device pixels, never thinner than one pixel.
    pub(crate) fn line(&self, v: f64) -> i32 {
        (v * self.s).round().max(1.0) as i32
    }

    /// A text style of `px` CSS pixels, vertically centred and aligned by `h`.
    pub(crate) fn font(
        &self,
        px: f64,
        weight: FontStyle,
        color: (u8, u8, u8),
        h: HPos,
    ) -> TextStyle<'static> {
        let factor = if self.svg { SVG_TEXT_FACTOR } else { 1.0 };
        FontDesc::new(FontFamily::Name(self.family), px * self.s * factor, weight)
            .color(&rgb(color))
            .pos(Pos::new(h, VPos::Center))
    }

    /// Built-in estimate of the text's width in pixels at font size `px`.
    fn estimate(&self, text: &str, px: f64, bold: bool) -> f64 {
        match self.metrics {
            Metrics::Arial => metric_width(text, px, bold),
            Metrics::Rough => approx_width(text, px, bold),
        }
    }

    /// The text's width in device pixels: built-in metrics for SVG, the backend's otherwise.
    pub(crate) fn text_width(&self, text: &str, style: &TextStyle) -> f64 {
        let bold = matches!(style.font.get_style(), FontStyle::Bold);
        if self.svg {
            return self.estimate(text, style.font.get_size() / SVG_TEXT_FACTOR, bold);
        }
        match self.area.text_size(text, style) {
            Some((w, _)) => w as f64,
            None => self.estimate(text, style.font.get_size(), bold),
        }
    }

    /// The width in pixels of the widest of `texts` (0 for none).
    pub(crate) fn widest<T: AsRef<str>>(
        &self,
        texts: impl IntoIterator<Item = T>,
        style: &TextStyle,
    ) -> f64 {
        texts
            .into_iter()
            .map(|t| self.text_width(t.as_ref(), style))
            .fold(0.0, f64::max)
    }

    /// Each text shortened to fit `max_w` pixels, and the width of the widest result.
    pub(crate) fn fit_all<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
        style: &TextStyle,
        max_w: f64,
    ) -> (Vec<String>, f64) {
        let fitted: Vec<String> = texts
            .into_iter()
            .map(|t| self.fit(t, style, max_w))
            .collect();
        let widest = self.widest(&fitted, style);
        (fitted, widest)
    }

    /// The text, shortened with "…" if needed to fit `max_w` pixels.
    pub(crate) fn fit(&self, text: &str, style: &TextStyle, max_w: f64) -> String {
        let text = clean(text);
        if self.text_width(&text, style) <= max_w {
            return text;
        }
        let chars: Vec<char> = text.chars().collect();
        let shortened = |k: usize| {
            let mut s: String = chars[..k].iter().collect();
            s.truncate(s.trim_end().len());
            s.push('…');
            s
        };
        // Largest prefix length that fits; measured by the backend, so search instead of
        // measuring every prefix.
        let (mut lo, mut hi) = (0usize, chars.len());
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if self.text_width(&shortened(mid), style) <= max_w {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo == 0 && self.metrics == Metrics::Rough {
            return String::new();
        }
        shortened(lo)
    }

    /// Draws the text at (x, y); nothing for empty text or a non-finite position.
    pub(crate) fn text(&self, text: &str, x: f64, y: f64, style: &TextStyle) -> Drawn {
        if text.is_empty() || !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        self.area
            .text(&clean(text), style, (x.round() as i32, y.round() as i32))
    }

    /// A filled rectangle, snapped to whole pixels; nothing if empty or not finite.
    pub(crate) fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, color: (u8, u8, u8)) -> Drawn {
        if ![x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            return Ok(());
        }
        let (x0, x1) = (x0.round() as i32, x1.round() as i32);
        let (y0, y1) = (y0.round() as i32, y1.round() as i32);
        if x1 <= x0 || y1 <= y0 {
            return Ok(());
        }
        self.area.rect([(x0, y0), (x1, y1)], rgb(color))
    }

    /// A vertical line of `width` device pixels centred on x.
    pub(crate) fn vline(&self, x: f64, y0: f64, y1: f64, width: i32, color: (u8, u8, u8)) -> Drawn {
        let left = x.round() - (width / 2) as f64;
        self.rect(left, y0, left + width as f64, y1, color)
    }

    /// A horizontal line of `width` device pixels centred on y.
    pub(crate) fn hline(&self, x0: f64, x1: f64, y: f64, width: i32, color: (u8, u8, u8)) -> Drawn {
        let top = y.round() - (width / 2) as f64;
        self.rect(x0, top, x1, top + width as f64, color)
    }

    /// A straight line of `width` device pixels drawn as a filled quadrilateral, which every
    /// backend renders alike (stroke widths are not).
    pub(crate) fn segment(
        &self,
        a: (f64, f64),
        b: (f64, f64),
        width: f64,
        color: (u8, u8, u8),
    ) -> Drawn {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = (dx * dx + dy * dy).sqrt();
        if !len.is_finite() || len == 0.0 {
            return Ok(());
        }
        let (nx, ny) = (-dy / len * width / 2.0, dx / len * width / 2.0);
        let pt = |x: f64, y: f64| (x.round() as i32, y.round() as i32);
        let points = vec![
            pt(a.0 + nx, a.1 + ny),
            pt(b.0 + nx, b.1 + ny),
            pt(b.0 - nx, b.1 - ny),
            pt(a.0 - nx, a.1 - ny),
        ];
        self.area.polygon(points, rgb(color))
    }

    /// A filled circle of `radius` device pixels centred on (x, y).
    pub(crate) fn dot(&self, x: f64, y: f64, radius: f64, color: (u8, u8, u8)) -> Drawn {
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        self.area.circle(
            (x.round() as i32, y.round() as i32),
            radius.round().max(1.0) as i32,
            rgb(color),
        )
    }

    /// Draws the title if any; returns the y where the content starts.
    pub(crate) fn title(&self, title: &str, width: f64) -> Result<f64, Failed> {
        let mut y = self.px(PAD);
        if !title.trim().is_empty() {
            let style = self.font(TITLE_PX, FontStyle::Bold, TEXT, HPos::Left);
            let shown = self.fit(title, &style, width - 2.0 * self.px(PAD));
            self.text(&shown, self.px(PAD), y + self.px(TITLE_PX * 0.6), &style)?;
            y += self.px(TITLE_H);
        }
        Ok(y)
    }

    /// The "no data" note, centred below `top`.
    pub(crate) fn no_data(&self, width: f64, top: f64) -> Drawn {
        let style = self.font(LABEL_PX, FontStyle::Italic, GREY, HPos::Center);
        let text = self.lang.pick("Ingen data", "No data");
        self.text(text, width / 2.0, top + self.px(EMPTY_H / 2.0), &style)
    }
}

/// Renders an SVG document of `width` × `height` pixels.
pub(crate) fn render_svg(width: u32, height: u32, draw: impl FnOnce(&dyn Surface)) -> String {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, (width, height)).into_drawing_area();
        draw(&AreaSurface {
            area: &root,
            error: RefCell::new(None),
        });
        // An SVG string has no I/O that could fail; a drawing error leaves a partial chart.
        let _ = root.present();
    }
    buf
}
