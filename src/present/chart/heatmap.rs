//! The cross-table heat map: one cell per row and column value, coloured by the share it shows,
//! withheld rows grey and labelled "for få svar".

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::analyze::crosstab::Crosstab;
use crate::present::chart::draw::{
    clean, on_area, pct_whole, render_svg, text_on, DrawResult, Drawn, Metrics, Painter, Surface,
    EMPTY_H, GREY, LABEL_PX, MUTED, PAD, SMALL_PX, TEXT, TITLE_H,
};
use crate::present::chart::ChartStyle;
use crate::words::lang::{format_count, format_pct, Lang};

const WITHHELD_BG: (u8, u8, u8) = (0xF0, 0xF0, 0xF0);

/// ColorBrewer "Blues", light to dark: a single-hue sequential ramp that reads by lightness
/// alone, so it survives every colour-vision deficiency and greyscale printing.
const BLUES9: [(u8, u8, u8); 9] = [
    (0xF7, 0xFB, 0xFF),
    (0xDE, 0xEB, 0xF7),
    (0xC6, 0xDB, 0xEF),
    (0x9E, 0xCA, 0xE1),
    (0x6B, 0xAE, 0xD6),
    (0x42, 0x92, 0xC6),
    (0x21, 0x71, 0xB5),
    (0x08, 0x51, 0x9C),
    (0x08, 0x30, 0x6B),
];

const HEAT_HEADER_H: f64 = 36.0;
const HEAT_ROW_H: f64 = 36.0;
const HEAT_LEGEND_H: f64 = 40.0;
const LABEL_SHARE: f64 = 0.3;

/// The heat map colour for `t` in [0, 1] (0 lightest), interpolated along ColorBrewer Blues.
pub fn heat_colour(t: f64) -> (u8, u8, u8) {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let x = t * (BLUES9.len() - 1) as f64;
    let lo = (x.floor() as usize).min(BLUES9.len() - 2);
    let f = x - lo as f64;
    let (a, b) = (BLUES9[lo], BLUES9[lo + 1]);
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The heat map's title: "rows × columns".
fn heat_title(ct: &Crosstab) -> String {
    format!("{} × {}", ct.row_column, ct.col_column)
}

/// Suggested height in CSS pixels of the heat map drawn `width` CSS pixels wide.
pub fn heatmap_height(ct: &Crosstab, width: u32) -> u32 {
    let _ = width;
    let mut h = PAD + TITLE_H;
    h += if ct.rows.is_empty() || ct.columns.is_empty() {
        EMPTY_H
    } else {
        HEAT_HEADER_H + ct.rows.len() as f64 * HEAT_ROW_H + HEAT_LEGEND_H
    };
    (h + PAD).ceil() as u32
}

/// The largest row percentage among shown cells, rounded up to a multiple of 10: the top of
/// the colour scale, so that small percentages still get distinct shades.
fn heat_max(ct: &Crosstab) -> f64 {
    let max = ct
        .rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .map(|c| c.row_pct)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    ((max / 10.0).ceil() * 10.0).clamp(10.0, 100.0)
}

/// Draws the cross-table as a heat map into `area`, sized in device pixels: one cell per
/// combination shaded by its row percentage, with the count and the percentage written in
/// it. Withheld rows are grey and say "for få svar".
pub fn draw_heatmap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    ct: &Crosstab,
    style: &ChartStyle,
) -> DrawResult<DB> {
    on_area(area, |s| draw_heatmap_with(s, ct, style, false))
}

fn draw_heatmap_with(area: &dyn Surface, ct: &Crosstab, style: &ChartStyle, svg: bool) -> Drawn {
    let Some(p) = Painter::start(area, style, svg, Metrics::Rough)? else {
        return Ok(());
    };
    let lang = style.lang;
    let (w, h) = p.size();
    let pad = p.px(PAD);
    let mut y = p.title(&heat_title(ct), w)?;
    if ct.rows.is_empty() || ct.columns.is_empty() {
        return p.no_data(w, y);
    }

    let label_style = p.font(LABEL_PX, FontStyle::Normal, TEXT, HPos::Left);
    let head_style = p.font(SMALL_PX, FontStyle::Bold, TEXT, HPos::Center);
    let n_style = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Right);
    let withheld_style = p.font(LABEL_PX, FontStyle::Italic, GREY, HPos::Left);

    let n_texts: Vec<String> = ct
        .rows
        .iter()
        .map(|r| {
            r.total
                .map(|t| format!("n = {}", format_count(t, lang)))
                .unwrap_or_default()
        })
        .collect();
    let n_w = p.widest(&n_texts, &n_style);
    let label_max = (w * LABEL_SHARE - pad).max(p.px(40.0));
    let row_labels: Vec<String> = ct
        .rows
        .iter()
        .map(|r| crate::words::phrases::label_in(&r.label, lang))
        .collect();
    let (labels, label_w) = p.fit_all(
        row_labels.iter().map(String::as_str),
        &label_style,
        label_max,
    );
    let grid_left = pad + label_w + p.px(10.0);
    let grid_right = (w - pad - n_w - p.px(10.0)).max(grid_left + 1.0);
    let cols = ct.columns.len() as f64;
    let cell_w = (grid_right - grid_left) / cols;

    // Column headings: up to two lines each, shortened to the cell width.
    let header_h = p.px(HEAT_HEADER_H);
    for (m, c) in ct.columns.iter().enumerate() {
        let cx = grid_left + cell_w * (m as f64 + 0.5);
        let label = crate::words::phrases::label_in(&c.label, lang);
        let lines = two_lines(&p, &label, &head_style, cell_w - p.px(4.0));
        let line_h = p.px(SMALL_PX + 2.0);
        let first_y = y + header_h / 2.0 - line_h * (lines.len() as f64 - 1.0) / 2.0;
        for (k, line) in lines.iter().enumerate() {
            p.text(line, cx, first_y + line_h * k as f64, &head_style)?;
        }
    }
    y += header_h;

    let rows_top = y;
    let avail = h - rows_top - p.px(HEAT_LEGEND_H + PAD);
    let row_h = (avail / ct.rows.len() as f64).clamp(p.px(14.0), p.px(HEAT_ROW_H * 1.4));
    let top = heat_max(ct);
    let gap = p.px(1.0);
    for (k, row) in ct.rows.iter().enumerate() {
        let y0 = rows_top + row_h * k as f64;
        let cy = y0 + row_h / 2.0;
        p.text(&labels[k], pad, cy, &label_style)?;
        if row.cells.is_empty() {
            p.rect(
                grid_left,
                y0 + gap,
                grid_right,
                y0 + row_h - gap,
                WITHHELD_BG,
            )?;
            let text = crate::words::phrases::too_few(lang);
            p.text(text, grid_left + p.px(6.0), cy, &withheld_style)?;
            continue;
        }
        for (m, cell) in row.cells.iter().enumerate() {
            let x0 = grid_left + cell_w * m as f64;
            let bg = heat_colour(cell.row_pct / top);
            let in_base = ct.in_base(k, m);
            p.rect(x0 + gap, y0 + gap, x0 + cell_w - gap, y0 + row_h - gap, bg)?;
            let fg = text_on(bg);
            let count = format_count(cell.count, lang);
            let pct = match in_base {
                true => format_pct(cell.row_pct, lang),
                false => "–".to_string(),
            };
            let big = p.font(SMALL_PX, FontStyle::Bold, fg, HPos::Center);
            let small = p.font(SMALL_PX * 0.9, FontStyle::Normal, fg, HPos::Center);
            let cx = x0 + cell_w / 2.0;
            let room = cell_w - p.px(4.0);
            if row_h >= p.px(30.0) && p.text_width(&pct, &small) <= room {
                p.text(&count, cx, cy - p.px(7.0), &big)?;
                p.text(&pct, cx, cy + p.px(7.0), &small)?;
            } else if p.text_width(&pct, &small) <= room {
                p.text(&pct, cx, cy, &small)?;
            }
        }
        p.text(&n_texts[k], w - pad, cy, &n_style)?;
    }

    // Legend: the colour ramp from 0 to the top percentage.
    let ly = rows_top + row_h * ct.rows.len() as f64 + p.px(12.0);
    let legend_text = if ct.multi_select {
        lang.pick(
            "Farven viser andelen af gruppen, der har valgt svaret",
            "Colour shows the share of the group choosing the option",
        )
    } else {
        lang.pick("Farven viser rækkeprocent", "Colour shows row percent")
    };
    let note = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Left);
    p.text(legend_text, pad, ly + p.px(6.0), &note)?;
    let withheld = ct.withheld_rows + ct.withheld_columns;
    if let Some(text) = crate::words::phrases::withheld_note(withheld, ct.min_cell, lang) {
        p.text(&text, pad, ly + p.px(24.0), &note)?;
    }
    let ramp_left = pad + p.text_width(legend_text, &note) + p.px(12.0);
    let ramp_w = p.px(160.0).min(w - ramp_left - pad - p.px(40.0));
    if ramp_w > p.px(20.0) {
        let steps = 20;
        for i in 0..steps {
            let x0 = ramp_left + ramp_w * i as f64 / steps as f64;
            let x1 = ramp_left + ramp_w * (i + 1) as f64 / steps as f64;
            p.rect(
                x0,
                ly,
                x1 + 0.5,
                ly + p.px(12.0),
                heat_colour(i as f64 / (steps - 1) as f64),
            )?;
        }
        let tick = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Center);
        p.text(&pct_whole(0.0, lang), ramp_left, ly + p.px(22.0), &tick)?;
        p.text(
            &pct_whole(top, lang),
            ramp_left + ramp_w,
            ly + p.px(22.0),
            &tick,
        )?;
    }
    Ok(())
}

/// Splits a heading over at most two lines at a space, each shortened to `max_w`.
fn two_lines(p: &Painter<'_>, text: &str, style: &TextStyle, max_w: f64) -> Vec<String> {
    let text = clean(text);
    if p.text_width(&text, style) <= max_w {
        return vec![text];
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut first = String::new();
    let mut used = 0;
    for (k, word) in words.iter().enumerate() {
        let candidate = if first.is_empty() {
            (*word).to_string()
        } else {
            format!("{first} {word}")
        };
        if k > 0 && p.text_width(&candidate, style) > max_w {
            break;
        }
        first = candidate;
        used = k + 1;
    }
    let rest = words[used.min(words.len())..].join(" ");
    let mut out = vec![p.fit(&first, style, max_w)];
    if !rest.is_empty() {
        out.push(p.fit(&rest, style, max_w));
    }
    out
}

/// The heat map as an SVG document `width` pixels wide, at scale 1.0.
pub fn heatmap_svg(ct: &Crosstab, width: u32, lang: Lang) -> String {
    let style = ChartStyle {
        lang,
        ..ChartStyle::default()
    };
    render_svg(width.max(1), heatmap_height(ct, width).max(1), |s| {
        let _ = draw_heatmap_with(s, ct, &style, true);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::crosstab::crosstab;

    fn ds(csv: &str) -> crate::Dataset {
        crate::read_bytes(csv.as_bytes()).unwrap()
    }

    #[test]
    fn heat_colour_runs_light_to_dark() {
        assert_eq!(heat_colour(0.0), BLUES9[0]);
        assert_eq!(heat_colour(1.0), BLUES9[8]);
        assert_eq!(heat_colour(f64::NAN), BLUES9[0]);
        assert_eq!(heat_colour(0.5), BLUES9[4]);
        assert_eq!(text_on(BLUES9[8]), (0xFF, 0xFF, 0xFF));
        assert_eq!(text_on(BLUES9[0]), (0, 0, 0));
    }

    #[test]
    fn heatmap_svg_has_cells_and_never_panics() {
        let d = ds("K;S\na;x\na;y\nb;x\nb;x\nc;y\n");
        let ct = crosstab(&d, 0, 1, 2).unwrap();
        let svg = heatmap_svg(&ct, 500, Lang::Da);
        assert!(svg.starts_with("<svg"));
        assert!(
            svg.contains("2 grupper er ikke vist"),
            "the withheld groups are counted"
        );
        assert!(!svg.contains(">c<"), "and not named");
        for width in [0, 1, 30, 2000] {
            let _ = heatmap_svg(&ct, width, Lang::En);
        }
        let empty = Crosstab {
            row_column: "\u{7}".into(),
            col_column: String::new(),
            columns: Vec::new(),
            rows: Vec::new(),
            col_totals: Vec::new(),
            total: 0,
            missing: 0,
            min_cell: 5,
            withheld_rows: 0,
            withheld_columns: 0,
            test: None,
            multi_select: false,
            include_non_substantive: false,
        };
        assert!(heatmap_svg(&empty, 400, Lang::En).contains("No data"));
    }
}
