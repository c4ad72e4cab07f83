//! Charts: the models of every chart the app draws, the diverging Likert overview and the group
//! comparison chart drawn here, the heat map and the wave charts in their own files, and one
//! [`Chart`] enum through which the page and the command line draw any of them.
//!
//! The drawing code is generic over plotters' [`DrawingBackend`], so the browser draws the same
//! chart on a `<canvas>` as the native build writes to SVG. Every chart is built from plain
//! filled rectangles and text: backends disagree on stroke widths (the canvas backend ignores
//! them), but a filled rectangle looks the same everywhere.

pub(crate) mod draw;
pub use draw::ChartStyle;

use crate::analyze::crosstab::Crosstab;
#[cfg(feature = "wave-charts")]
use waves::WaveChart;
pub mod heatmap;
pub mod waves;

use crate::present::chart::draw::{
    clean, finite_or, metric_width, on_area, pct_whole, render_svg, text_on, DrawResult, Drawn,
    Metrics, Painter, Surface, AXIS as ZERO_LINE, EMPTY_H, GREY as SUPPRESSED, GRID, LABEL_PX,
    MUTED, PAD, SMALL_PX, TEXT, TITLE_H,
};
use crate::words::lang::{format_count, format_decimal, format_mean, format_pct, Lang};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

/// One question in the overview chart.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LikertRow {
    /// The question text.
    pub label: String,
    /// Percent per answer step, most positive first; sums to about 100.
    pub pct: Vec<f64>,
    /// Number of answers behind the percentages.
    pub n: u64,
    /// Share of answers in the two most positive steps, in percent.
    pub top2_pct: f64,
}

/// The Likert overview: one diverging stacked bar per question.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LikertChart {
    /// Chart title (may be empty).
    pub title: String,
    /// Step labels, most positive first. With mixed scales, the labels of the most common
    /// step count.
    pub legend: Vec<String>,
    /// Questions, top to bottom, in the order given.
    pub rows: Vec<LikertRow>,
}

/// One group in the group comparison chart.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GroupBar {
    /// Group name.
    pub label: String,
    /// The value; `None` means suppressed (too few answers): no bar and no number is drawn.
    pub value: Option<f64>,
    /// 95 % confidence interval, drawn as a whisker.
    pub ci: Option<(f64, f64)>,
    /// Number of answers in the group.
    pub n: u64,
}

/// What a group chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Measure {
    /// A share in percent, drawn on a 0–100 axis.
    Percent,
    /// A mean on a 1..=max scale.
    Mean {
        /// The highest scale value.
        max: u32,
    },
}

/// The group comparison chart: one horizontal bar per group.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GroupChart {
    /// Chart title (may be empty).
    pub title: String,
    /// Percent or mean.
    pub measure: Measure,
    /// The value for all respondents, drawn as a dashed reference line.
    pub overall: Option<f64>,
    /// Groups, top to bottom, in the order given.
    pub bars: Vec<GroupBar>,
}

/// Colours used besides the palette, as (r, g, b).
const ZEBRA: (u8, u8, u8) = (0xF5, 0xF6, 0xF8);
const NEUTRAL: (u8, u8, u8) = (0xCF, 0xCF, 0xCF);
/// Group bars: a mid blue light enough for the dark whisker to stay visible on top of it.
const GROUP_BAR: (u8, u8, u8) = (0x6A, 0x9F, 0xCF);
const WHISKER: (u8, u8, u8) = (0x1B, 0x1B, 0x1B);
const OVERALL_LINE: (u8, u8, u8) = (0x3A, 0x3A, 0x3A);

/// Positive (blue) and negative (orange/brown) ramps, strongest first. These are the blue end
/// of ColorBrewer RdBu and the orange end of PuOr: blue against orange stays distinct for all
/// common colour-vision deficiencies.
const BLUES: [(u8, u8, u8); 5] = [
    (0x05, 0x30, 0x61),
    (0x21, 0x66, 0xAC),
    (0x43, 0x93, 0xC3),
    (0x92, 0xC5, 0xDE),
    (0xD1, 0xE5, 0xF0),
];
const ORANGES: [(u8, u8, u8); 5] = [
    (0x7F, 0x3B, 0x08),
    (0xB3, 0x58, 0x06),
    (0xE0, 0x82, 0x14),
    (0xFD, 0xB8, 0x63),
    (0xFE, 0xE0, 0xB6),
];

/// Layout constants in CSS pixels (multiplied by the scale when drawing).
const LEGEND_PX: f64 = 12.0;
const LEGEND_LINE_H: f64 = 20.0;
const SWATCH: f64 = 12.0;
const HEADER_H: f64 = 20.0;
const LIKERT_ROW_H: f64 = 30.0;
const GROUP_ROW_H: f64 = 28.0;
const AXIS_H: f64 = 24.0;
const MAX_ROW_GROWTH: f64 = 1.4;
/// Share of the width the question labels may take.
const LABEL_SHARE: f64 = 0.35;
/// Segments narrower than this (in percent) get no number inside.
const MIN_LABELLED_PCT: f64 = 6.0;

/// The colour-blind-safe diverging palette for `steps` answer steps, most positive first, as
/// (r, g, b): blues for the positive half, light grey for a neutral middle step on odd
/// scales, oranges/browns for the negative half. The strongest colours sit at the ends.
pub fn palette(steps: usize) -> Vec<(u8, u8, u8)> {
    let half = steps / 2;
    let mut out = ramp(&BLUES, half);
    if steps % 2 == 1 {
        out.push(NEUTRAL);
    }
    let mut negative = ramp(&ORANGES, half);
    negative.reverse();
    out.extend(negative);
    out
}

/// `count` colours from a ramp, strongest first. Small counts use hand-picked stops so that
/// neighbouring steps differ clearly; larger ones sample the ramp evenly.
fn ramp(stops: &[(u8, u8, u8); 5], count: usize) -> Vec<(u8, u8, u8)> {
    match count {
        0 => Vec::new(),
        1 => vec![stops[1]],
        2 => vec![stops[1], stops[3]],
        3 => vec![stops[1], stops[2], stops[4]],
        _ => (0..count)
            .map(|i| {
                let t = i as f64 / (count - 1) as f64 * (stops.len() - 1) as f64;
                let lo = (t.floor() as usize).min(stops.len() - 2);
                let f = t - lo as f64;
                let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
                let (a, b) = (stops[lo], stops[lo + 1]);
                (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
            })
            .collect(),
    }
}

/// Number of legend lines when wrapped into `avail` pixels, given each item's width.
fn legend_lines(item_widths: &[f64], avail: f64, gap: f64) -> usize {
    let mut lines = 1;
    let mut x = 0.0;
    for &w in item_widths {
        if x > 0.0 && x + w > avail {
            lines += 1;
            x = 0.0;
        }
        x += w + gap;
    }
    lines
}

fn likert_top_height(chart: &LikertChart, width: u32) -> f64 {
    let mut h = PAD;
    if !chart.title.trim().is_empty() {
        h += TITLE_H;
    }
    if !chart.legend.is_empty() {
        let widths: Vec<f64> = chart
            .legend
            .iter()
            .map(|l| SWATCH + 6.0 + metric_width(&clean(l), LEGEND_PX, false))
            .collect();
        let lines = legend_lines(&widths, width as f64 - 2.0 * PAD, 18.0);
        h += lines as f64 * LEGEND_LINE_H + 8.0;
    }
    h
}

/// Suggested height in CSS pixels of the Likert overview drawn `width` CSS pixels wide.
pub fn likert_height(chart: &LikertChart, width: u32) -> u32 {
    let top = likert_top_height(chart, width);
    let body = if chart.rows.is_empty() {
        EMPTY_H
    } else {
        HEADER_H + chart.rows.len() as f64 * LIKERT_ROW_H + AXIS_H
    };
    (top + body + PAD).ceil() as u32
}

/// Suggested height in CSS pixels of the group chart drawn `width` CSS pixels wide.
pub fn group_height(chart: &GroupChart, width: u32) -> u32 {
    let _ = width;
    let mut h = PAD;
    if !chart.title.trim().is_empty() {
        h += TITLE_H;
    }
    h += if chart.bars.is_empty() {
        EMPTY_H
    } else {
        HEADER_H + chart.bars.len() as f64 * GROUP_ROW_H + AXIS_H
    };
    (h + PAD).ceil() as u32
}

/// One bar segment of a Likert row, in percent along the -100..100 axis.
struct Segment {
    step: usize,
    from: f64,
    to: f64,
    pct: f64,
}

/// Places the steps of one row around zero: positive steps right of zero (weakest nearest),
/// negative steps left, and on odd scales the neutral step centred on zero.
fn likert_segments(pct: &[f64]) -> Vec<Segment> {
    let k = pct.len();
    let mut values: Vec<f64> = pct.iter().map(|&p| finite_or(p, 0.0).max(0.0)).collect();
    let total: f64 = values.iter().sum();
    // Rounded inputs may add up to slightly more than 100; never draw past the axis.
    if total > 100.0 {
        values.iter_mut().for_each(|v| *v *= 100.0 / total);
    }
    let half = k / 2;
    let neutral = if k % 2 == 1 { Some(half) } else { None };
    let neutral_half = neutral.map_or(0.0, |i| values[i] / 2.0);
    let mut out = Vec::with_capacity(k);
    if let Some(i) = neutral {
        out.push(Segment {
            step: i,
            from: -neutral_half,
            to: neutral_half,
            pct: values[i],
        });
    }
    let mut x = neutral_half;
    for i in (0..half).rev() {
        out.push(Segment {
            step: i,
            from: x,
            to: x + values[i],
            pct: values[i],
        });
        x += values[i];
    }
    let mut x = -neutral_half;
    for (i, &v) in values.iter().enumerate().skip(k - half) {
        out.push(Segment {
            step: i,
            from: x - v,
            to: x,
            pct: v,
        });
        x -= v;
    }
    out
}

/// Draws the Likert overview (diverging stacked bars) into `area`, sized in device pixels.
pub fn draw_likert<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &LikertChart,
    style: &ChartStyle,
) -> DrawResult<DB> {
    on_area(area, |s| draw_likert_with(s, chart, style, false))
}

fn draw_likert_with(
    area: &dyn Surface,
    chart: &LikertChart,
    style: &ChartStyle,
    svg: bool,
) -> Drawn {
    let Some(p) = Painter::start(area, style, svg, Metrics::Arial)? else {
        return Ok(());
    };
    let (w, h) = p.size();
    let lang = style.lang;
    let pad = p.px(PAD);
    let mut y = p.title(&chart.title, w)?;

    // Legend: negative to positive, left to right, matching the bars below it.
    if !chart.legend.is_empty() {
        let colours = palette(chart.legend.len());
        let lstyle = p.font(LEGEND_PX, FontStyle::Normal, TEXT, HPos::Left);
        let gap = p.px(18.0);
        let avail = w - 2.0 * pad;
        let items: Vec<(String, (u8, u8, u8), f64)> = chart
            .legend
            .iter()
            .zip(colours)
            .rev()
            .map(|(label, colour)| {
                let text = p.fit(label, &lstyle, avail - p.px(SWATCH + 6.0));
                let width = p.px(SWATCH + 6.0) + p.text_width(&text, &lstyle);
                (text, colour, width)
            })
            .collect();
        let mut x = pad;
        let mut line_y = y + p.px(LEGEND_LINE_H / 2.0);
        for (text, colour, width) in &items {
            if x > pad && x + width > pad + avail {
                x = pad;
                line_y += p.px(LEGEND_LINE_H);
            }
            let half = p.px(SWATCH / 2.0);
            p.rect(x, line_y - half, x + p.px(SWATCH), line_y + half, *colour)?;
            p.text(text, x + p.px(SWATCH + 6.0), line_y, &lstyle)?;
            x += width + gap;
        }
        y = line_y + p.px(LEGEND_LINE_H / 2.0 + 8.0);
    }

    if chart.rows.is_empty() {
        return p.no_data(w, y);
    }

    let label_style = p.font(LABEL_PX, FontStyle::Normal, TEXT, HPos::Left);
    let small = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Right);
    let top2_style = p.font(LABEL_PX, FontStyle::Bold, TEXT, HPos::Right);
    let tick_style = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Center);

    // Right-hand columns: top-2 share, then n.
    let top2_head = lang.pick("Top 2", "Top 2");
    let top2_texts: Vec<String> = chart
        .rows
        .iter()
        .map(|r| format_pct(r.top2_pct, lang))
        .collect();
    let n_texts: Vec<String> = chart.rows.iter().map(|r| format_count(r.n, lang)).collect();
    let col_w = |head: &str, texts: &[String], st: &TextStyle| {
        texts
            .iter()
            .map(|t| p.text_width(t, st))
            .fold(p.text_width(head, &small), f64::max)
    };
    let n_w = col_w("n", &n_texts, &small);
    let top2_w = col_w(top2_head, &top2_texts, &top2_style);
    let col_gap = p.px(14.0);
    let n_right = w - pad;
    let top2_right = n_right - n_w - col_gap;

    let label_max = (w * LABEL_SHARE - pad).max(p.px(40.0));
    let (labels, label_w) = p.fit_all(
        chart.rows.iter().map(|r| r.label.as_str()),
        &label_style,
        label_max,
    );

    // Half a tick label of margin keeps "100 %" at both ends inside the bar area.
    let edge = p.text_width(&pct_whole(100.0, lang), &tick_style) / 2.0 + p.px(2.0);
    let bar_left = pad + label_w + p.px(12.0) + edge;
    let bar_right = (top2_right - top2_w - col_gap - edge).max(bar_left + 1.0);
    let zero = (bar_left + bar_right) / 2.0;
    let half_w = (bar_right - bar_left) / 2.0;
    let xp = |pct: f64| zero + pct.clamp(-100.0, 100.0) / 100.0 * half_w;

    // Column headers.
    let head_y = y + p.px(HEADER_H / 2.0);
    p.text(top2_head, top2_right, head_y, &small)?;
    p.text("n", n_right, head_y, &small)?;
    y += p.px(HEADER_H);

    let rows_top = y;
    let avail = h - rows_top - p.px(AXIS_H + PAD);
    let row_h =
        (avail / chart.rows.len() as f64).clamp(p.px(12.0), p.px(LIKERT_ROW_H * MAX_ROW_GROWTH));
    let rows_bottom = rows_top + row_h * chart.rows.len() as f64;
    let bar_h = (row_h * 0.66).min(p.px(24.0));

    for i in (1..chart.rows.len()).step_by(2) {
        let top = rows_top + row_h * i as f64;
        p.rect(pad / 2.0, top, w - pad / 2.0, top + row_h, ZEBRA)?;
    }
    for t in (-4..=4).map(|i| i as f64 * 25.0) {
        if t != 0.0 {
            p.vline(xp(t), rows_top, rows_bottom, p.line(1.0), GRID)?;
        }
    }
    // Under the bars, so it shows between rows without cutting through the neutral numbers.
    p.vline(
        zero,
        rows_top - p.px(4.0),
        rows_bottom + p.px(4.0),
        p.line(1.5),
        ZERO_LINE,
    )?;

    for (i, row) in chart.rows.iter().enumerate() {
        let cy = rows_top + row_h * (i as f64 + 0.5);
        p.text(&labels[i], pad, cy, &label_style)?;
        p.text(&top2_texts[i], top2_right, cy, &top2_style)?;
        p.text(&n_texts[i], n_right, cy, &small)?;

        let colours = palette(row.pct.len());
        for seg in likert_segments(&row.pct) {
            if seg.pct <= 0.0 {
                continue;
            }
            let (x0, x1) = (xp(seg.from), xp(seg.to));
            let colour = colours[seg.step];
            p.rect(x0, cy - bar_h / 2.0, x1, cy + bar_h / 2.0, colour)?;
            if seg.pct >= MIN_LABELLED_PCT {
                let st = p.font(SMALL_PX, FontStyle::Normal, text_on(colour), HPos::Center);
                let text = pct_whole(seg.pct, lang);
                if p.text_width(&text, &st) + p.px(4.0) <= x1.round() - x0.round() {
                    p.text(&text, (x0 + x1) / 2.0, cy, &st)?;
                }
            }
        }
    }

    // Fewer tick labels on narrow charts, so that neighbours never touch.
    let tick_room = p.text_width(&pct_whole(100.0, lang), &tick_style) + p.px(8.0);
    let label_every = [1, 2, 4]
        .into_iter()
        .find(|&k| half_w / 4.0 * k as f64 >= tick_room)
        .unwrap_or(4);
    for i in -4..=4i32 {
        let (t, x) = (i as f64 * 25.0, xp(i as f64 * 25.0));
        p.vline(
            x,
            rows_bottom + p.px(4.0),
            rows_bottom + p.px(7.0),
            p.line(1.0),
            ZERO_LINE,
        )?;
        if i % label_every == 0 {
            p.text(
                &pct_whole(t.abs(), lang),
                x,
                rows_bottom + p.px(15.0),
                &tick_style,
            )?;
        }
    }
    Ok(())
}

/// The axis range and tick values of a group chart.
fn group_axis(measure: Measure) -> (f64, f64, Vec<f64>) {
    match measure {
        Measure::Percent => (0.0, 100.0, (0..=4).map(|i| i as f64 * 25.0).collect()),
        Measure::Mean { max } => {
            let hi = max.max(2);
            let step = (hi - 1).div_ceil(10).max(1);
            let ticks = (1..=hi).step_by(step as usize).map(|v| v as f64).collect();
            (1.0, hi as f64, ticks)
        }
    }
}

fn format_value(value: f64, measure: Measure, lang: Lang) -> String {
    match measure {
        Measure::Percent => format_pct(value, lang),
        Measure::Mean { .. } => format_mean(value, lang),
    }
}

/// Draws the group comparison chart into `area`, sized in device pixels.
pub fn draw_groups<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &GroupChart,
    style: &ChartStyle,
) -> DrawResult<DB> {
    on_area(area, |s| draw_groups_with(s, chart, style, false))
}

fn draw_groups_with(
    area: &dyn Surface,
    chart: &GroupChart,
    style: &ChartStyle,
    svg: bool,
) -> Drawn {
    let Some(p) = Painter::start(area, style, svg, Metrics::Arial)? else {
        return Ok(());
    };
    let (w, h) = p.size();
    let lang = style.lang;
    let pad = p.px(PAD);
    let mut y = p.title(&chart.title, w)?;
    if chart.bars.is_empty() {
        return p.no_data(w, y);
    }

    let label_style = p.font(LABEL_PX, FontStyle::Normal, TEXT, HPos::Left);
    let value_style = p.font(LABEL_PX, FontStyle::Bold, TEXT, HPos::Right);
    let small = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Right);
    let tick_style = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Center);
    let suppressed_style = p.font(LABEL_PX, FontStyle::Italic, SUPPRESSED, HPos::Left);

    let (lo, hi, ticks) = group_axis(chart.measure);
    let values: Vec<Option<String>> = chart
        .bars
        .iter()
        .map(|b| b.value.map(|v| format_value(v, chart.measure, lang)))
        .collect();
    let n_texts: Vec<Option<String>> = chart
        .bars
        .iter()
        .map(|b| b.value.map(|_| format!("n = {}", format_count(b.n, lang))))
        .collect();
    let widest = |texts: &[Option<String>], st: &TextStyle| p.widest(texts.iter().flatten(), st);
    let col_gap = p.px(14.0);
    let n_right = w - pad;
    let value_right = n_right - widest(&n_texts, &small) - col_gap;

    let label_max = (w * LABEL_SHARE - pad).max(p.px(40.0));
    let (labels, label_w) = p.fit_all(
        chart.bars.iter().map(|b| b.label.as_str()),
        &label_style,
        label_max,
    );

    let tick_text = |v: f64| match chart.measure {
        Measure::Percent => pct_whole(v, lang),
        Measure::Mean { .. } => format_decimal(v, 0, lang),
    };
    let edge = p.text_width(&tick_text(hi), &tick_style) / 2.0 + p.px(2.0);
    let bar_left = pad + label_w + p.px(16.0);
    let bar_right =
        (value_right - widest(&values, &value_style) - col_gap - edge).max(bar_left + 1.0);
    let xv = |v: f64| bar_left + (v.clamp(lo, hi) - lo) / (hi - lo) * (bar_right - bar_left);

    let header_y = y + p.px(HEADER_H / 2.0);
    y += p.px(HEADER_H);
    let rows_top = y;
    let avail = h - rows_top - p.px(AXIS_H + PAD);
    let row_h =
        (avail / chart.bars.len() as f64).clamp(p.px(12.0), p.px(GROUP_ROW_H * MAX_ROW_GROWTH));
    let rows_bottom = rows_top + row_h * chart.bars.len() as f64;
    let bar_h = (row_h * 0.6).min(p.px(20.0));

    for i in (1..chart.bars.len()).step_by(2) {
        let top = rows_top + row_h * i as f64;
        p.rect(pad / 2.0, top, w - pad / 2.0, top + row_h, ZEBRA)?;
    }
    for &t in &ticks {
        if t > lo {
            p.vline(xv(t), rows_top, rows_bottom, p.line(1.0), GRID)?;
        }
    }

    for (i, bar) in chart.bars.iter().enumerate() {
        let cy = rows_top + row_h * (i as f64 + 0.5);
        p.text(&labels[i], pad, cy, &label_style)?;
        let Some(value) = bar.value else {
            let text = crate::words::phrases::too_few(lang);
            p.text(text, bar_left + p.px(6.0), cy, &suppressed_style)?;
            continue;
        };
        if value.is_finite() {
            p.rect(
                xv(lo),
                cy - bar_h / 2.0,
                xv(value),
                cy + bar_h / 2.0,
                GROUP_BAR,
            )?;
        }
        if let Some((a, b)) = bar.ci {
            if a.is_finite() && b.is_finite() {
                let (a, b) = (xv(a.min(b)), xv(a.max(b)));
                let thick = p.line(1.5);
                let cap = p.px(5.0);
                p.hline(a, b, cy, thick, WHISKER)?;
                p.vline(a, cy - cap, cy + cap, thick, WHISKER)?;
                p.vline(b, cy - cap, cy + cap, thick, WHISKER)?;
            }
        }
        if let Some(text) = &values[i] {
            p.text(text, value_right, cy, &value_style)?;
        }
        if let Some(text) = &n_texts[i] {
            p.text(text, n_right, cy, &small)?;
        }
    }

    p.vline(
        xv(lo),
        rows_top - p.px(4.0),
        rows_bottom + p.px(4.0),
        p.line(1.5),
        ZERO_LINE,
    )?;
    // Fewer tick labels on narrow charts, so that neighbours never touch.
    let spacing = (bar_right - bar_left) / (ticks.len().max(2) - 1) as f64;
    let tick_room = p.text_width(&tick_text(hi), &tick_style) + p.px(8.0);
    let label_every = (1..ticks.len().max(2))
        .find(|&k| spacing * k as f64 >= tick_room)
        .unwrap_or(ticks.len());
    for (i, &t) in ticks.iter().enumerate() {
        let x = xv(t);
        p.vline(
            x,
            rows_bottom + p.px(4.0),
            rows_bottom + p.px(7.0),
            p.line(1.0),
            ZERO_LINE,
        )?;
        if i % label_every == 0 {
            p.text(&tick_text(t), x, rows_bottom + p.px(15.0), &tick_style)?;
        }
    }

    if let Some(overall) = chart.overall.filter(|v| v.is_finite()) {
        let x = xv(overall);
        let (dash, gap) = (p.px(4.0), p.px(3.0));
        let mut y0 = rows_top - p.px(2.0);
        while y0 < rows_bottom {
            p.vline(
                x,
                y0,
                (y0 + dash).min(rows_bottom),
                p.line(1.5),
                OVERALL_LINE,
            )?;
            y0 += dash + gap;
        }
        let text = format!(
            "{} {}",
            lang.pick("I alt", "Total"),
            format_value(overall, chart.measure, lang)
        );
        let st = p.font(SMALL_PX, FontStyle::Normal, OVERALL_LINE, HPos::Center);
        let half = p.text_width(&text, &st) / 2.0;
        let cx = x.clamp(bar_left + half, (w - pad - half).max(bar_left + half));
        p.text(&text, cx, header_y, &st)?;
    }
    Ok(())
}

/// The Likert overview as an SVG document `width` pixels wide, at scale 1.0.
pub fn likert_svg(chart: &LikertChart, width: u32, lang: Lang) -> String {
    let style = ChartStyle {
        lang,
        ..ChartStyle::default()
    };
    render_svg(width, likert_height(chart, width), |s| {
        let _ = draw_likert_with(s, chart, &style, true);
    })
}

/// The group chart as an SVG document `width` pixels wide, at scale 1.0.
pub fn groups_svg(chart: &GroupChart, width: u32, lang: Lang) -> String {
    let style = ChartStyle {
        lang,
        ..ChartStyle::default()
    };
    render_svg(width, group_height(chart, width), |s| {
        let _ = draw_groups_with(s, chart, &style, true);
    })
}

/// Every chart the app draws: one draw entry and one SVG entry serve them all.
#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    /// The Likert overview of a summary's questions.
    Likert(LikertChart),
    /// A value per group (top-2 share or mean), with intervals.
    Groups(GroupChart),
    /// A cross-table as a heat map.
    Heatmap(Crosstab),
    /// Questions across waves (feature `wave-charts`: several files, so not in the first
    /// wasm module).
    #[cfg(feature = "wave-charts")]
    Waves(WaveChart),
}

impl Chart {
    /// The chart's height in CSS pixels when drawn `width` pixels wide.
    pub fn height(&self, width: u32) -> u32 {
        match self {
            Chart::Likert(c) => likert_height(c, width),
            Chart::Groups(c) => group_height(c, width),
            Chart::Heatmap(c) => heatmap::heatmap_height(c, width),
            #[cfg(feature = "wave-charts")]
            Chart::Waves(c) => waves::waves_height(c, width),
        }
    }

    /// Draws the chart on `area`.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        style: &ChartStyle,
    ) -> DrawResult<DB> {
        match self {
            Chart::Likert(c) => draw_likert(area, c, style),
            Chart::Groups(c) => draw_groups(area, c, style),
            Chart::Heatmap(c) => heatmap::draw_heatmap(area, c, style),
            #[cfg(feature = "wave-charts")]
            Chart::Waves(c) => waves::draw_waves(area, c, style),
        }
    }

    /// The chart as an SVG document, `width` pixels wide.
    pub fn svg(&self, width: u32, lang: Lang) -> String {
        match self {
            Chart::Likert(c) => likert_svg(c, width, lang),
            Chart::Groups(c) => groups_svg(c, width, lang),
            Chart::Heatmap(c) => heatmap::heatmap_svg(c, width, lang),
            #[cfg(feature = "wave-charts")]
            Chart::Waves(c) => waves::waves_svg(c, width, lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct SvgRect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: String,
    }

    fn attr(tag: &str, name: &str) -> Option<String> {
        let key = format!(" {name}=\"");
        let start = tag.find(&key)? + key.len();
        let len = tag[start..].find('"')?;
        Some(tag[start..start + len].to_string())
    }

    fn num(tag: &str, name: &str) -> f64 {
        attr(tag, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN)
    }

    fn rects(svg: &str) -> Vec<SvgRect> {
        svg.split("<rect")
            .skip(1)
            .map(|t| {
                let tag = &t[..t.find('>').unwrap()];
                SvgRect {
                    x: num(tag, "x"),
                    y: num(tag, "y"),
                    w: num(tag, "width"),
                    h: num(tag, "height"),
                    fill: attr(tag, "fill").unwrap_or_default(),
                }
            })
            .collect()
    }

    /// (y, text) of every text element, content trimmed as an SVG viewer collapses it.
    fn texts(svg: &str) -> Vec<(f64, String)> {
        svg.split("<text")
            .skip(1)
            .map(|t| {
                let open = t.find('>').unwrap();
                let close = t.find("</text>").unwrap();
                (num(&t[..open], "y"), t[open + 1..close].trim().to_string())
            })
            .collect()
    }

    fn has_text(svg: &str, text: &str) -> bool {
        texts(svg).iter().any(|(_, t)| t == text)
    }

    fn hex(c: (u8, u8, u8)) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn row(label: &str, pct: &[f64], n: u64) -> LikertRow {
        let top2 = pct.iter().take(2).sum();
        LikertRow {
            label: label.into(),
            pct: pct.to_vec(),
            n,
            top2_pct: top2,
        }
    }

    const XSS: &str = "<img src=x onerror=alert(1)>";

    fn sample() -> LikertChart {
        LikertChart {
            title: "Tilfredshed & trivsel".into(),
            legend: strings(&[
                "Meget enig",
                "Enig",
                "Hverken/eller",
                "Uenig",
                "Meget uenig",
            ]),
            rows: vec![
                row("Samlet tilfredshed", &[42.0, 39.3, 10.2, 5.5, 3.0], 1234),
                row("Tre trin", &[50.0, 30.0, 20.0], 40),
                row(XSS, &[60.0, 20.0, 0.0, 12.0, 8.0], 17177),
                row("Fire trin uden midte", &[25.0, 25.0, 25.0, 25.0], 88),
            ],
        }
    }

    /// Bar segments (in palette colours, taller than legend swatches), grouped by row.
    fn bar_rows(svg: &str, chart: &LikertChart) -> Vec<Vec<SvgRect>> {
        let colours: Vec<String> = chart
            .rows
            .iter()
            .flat_map(|r| palette(r.pct.len()))
            .map(hex)
            .collect();
        let bars: Vec<SvgRect> = rects(svg)
            .into_iter()
            .filter(|r| colours.contains(&r.fill) && r.h > SWATCH + 1.0)
            .collect();
        let mut ys: Vec<f64> = bars.iter().map(|r| r.y).collect();
        ys.sort_by(f64::total_cmp);
        ys.dedup();
        ys.iter()
            .map(|y| bars.iter().filter(|r| r.y == *y).cloned().collect())
            .collect()
    }

    #[test]
    fn every_nonzero_step_has_a_rect_in_its_palette_colour() {
        let chart = sample();
        let svg = likert_svg(&chart, 900, Lang::Da);
        let rows = bar_rows(&svg, &chart);
        assert_eq!(rows.len(), chart.rows.len());
        for (row, drawn) in chart.rows.iter().zip(&rows) {
            let colours = palette(row.pct.len());
            let mut want: Vec<String> = row
                .pct
                .iter()
                .zip(&colours)
                .filter(|(p, _)| **p > 0.0)
                .map(|(_, c)| hex(*c))
                .collect();
            let mut got: Vec<String> = drawn.iter().map(|r| r.fill.clone()).collect();
            want.sort();
            got.sort();
            assert_eq!(got, want, "row {:?}", row.label);
        }
    }

    #[test]
    fn positive_right_negative_left_and_neutral_centred() {
        let chart = sample();
        let svg = likert_svg(&chart, 900, Lang::Da);
        let zero = rects(&svg)
            .into_iter()
            .filter(|r| r.fill == hex(ZERO_LINE))
            .max_by(|a, b| a.h.total_cmp(&b.h))
            .expect("zero line");
        let zero_x = zero.x + zero.w / 2.0;
        for (row, drawn) in chart.rows.iter().zip(bar_rows(&svg, &chart)) {
            let colours = palette(row.pct.len());
            let k = row.pct.len();
            for (step, colour) in colours.iter().enumerate() {
                let Some(r) = drawn.iter().find(|r| r.fill == hex(*colour)) else {
                    continue;
                };
                if k % 2 == 1 && step == k / 2 {
                    assert!(
                        (r.x + r.w / 2.0 - zero_x).abs() <= 1.5,
                        "neutral centred: {r:?}"
                    );
                } else if step < k / 2 {
                    assert!(r.x >= zero_x - 1.0, "positive right of zero: {r:?}");
                } else {
                    assert!(r.x + r.w <= zero_x + 1.0, "negative left of zero: {r:?}");
                }
            }
        }
    }

    #[test]
    fn segment_widths_are_proportional() {
        let chart = sample();
        let svg = likert_svg(&chart, 900, Lang::Da);
        let drawn = &bar_rows(&svg, &chart)[2];
        let colours = palette(5);
        let width = |step: usize| {
            drawn
                .iter()
                .find(|r| r.fill == hex(colours[step]))
                .unwrap()
                .w
        };
        let ratio = width(0) / width(1);
        assert!((ratio - 3.0).abs() < 0.1, "60 % vs 20 %: ratio {ratio}");
        let ratio = width(3) / width(4);
        assert!((ratio - 1.5).abs() < 0.1, "12 % vs 8 %: ratio {ratio}");
    }

    #[test]
    fn labels_legend_and_numbers_are_present_and_escaped() {
        let chart = sample();
        let svg = likert_svg(&chart, 900, Lang::Da);
        for label in ["Samlet tilfredshed", "Tre trin", "Fire trin uden midte"] {
            assert!(has_text(&svg, label), "{label}");
        }
        assert!(has_text(&svg, "&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!svg.contains("<img"));
        assert!(has_text(&svg, "Tilfredshed &amp; trivsel"));
        for label in &chart.legend {
            assert!(has_text(&svg, label), "legend {label}");
        }
        for text in [
            "42\u{a0}%",
            "39\u{a0}%",
            "60\u{a0}%",
            "20\u{a0}%",
            "81,3\u{a0}%",
            "80,0\u{a0}%",
        ] {
            assert!(has_text(&svg, text), "{text}");
        }
        assert!(
            has_text(&svg, "17.177"),
            "n with Danish thousands separator"
        );
        assert!(
            has_text(&svg, "100\u{a0}%") && has_text(&svg, "0\u{a0}%"),
            "axis ticks"
        );
        // Below the 6 % threshold no number is written inside the segment.
        assert!(!has_text(&svg, "3\u{a0}%"));

        let en = likert_svg(&chart, 900, Lang::En);
        for text in ["42%", "81.3%", "17,177", "100%"] {
            assert!(has_text(&en, text), "{text}");
        }
    }

    #[test]
    fn legend_reads_from_negative_to_positive() {
        let chart = sample();
        let svg = likert_svg(&chart, 900, Lang::Da);
        let x_of = |label: &str| {
            let tag = svg
                .split("<text")
                .find(|t| t.contains(&format!(">\n{label}\n")))
                .unwrap();
            num(tag, "x")
        };
        assert!(x_of("Meget uenig") < x_of("Uenig"));
        assert!(x_of("Uenig") < x_of("Hverken/eller"));
        assert!(x_of("Enig") < x_of("Meget enig"));
    }

    #[test]
    fn long_labels_are_shortened() {
        let mut chart = sample();
        let long = "Jeg ved, hvem jeg skal kontakte, hvis jeg har spørgsmål eller ønsker at klage over hjælpen";
        chart.rows[0].label = long.into();
        let svg = likert_svg(&chart, 700, Lang::Da);
        assert!(!svg.contains(long));
        let shown = texts(&svg)
            .into_iter()
            .find(|(_, t)| t.starts_with("Jeg ved"))
            .unwrap()
            .1;
        assert!(shown.ends_with('…'), "{shown}");
        assert!(metric_width(&shown, LABEL_PX, false) <= 700.0 * LABEL_SHARE);
    }

    #[test]
    fn control_characters_never_reach_the_svg() {
        let mut chart = sample();
        chart.rows[0].label = "a\u{0}b\u{1b}c\nd".into();
        let svg = likert_svg(&chart, 900, Lang::Da);
        assert!(has_text(&svg, "a b c d"));
        assert!(!svg.chars().any(|c| c.is_control() && c != '\n'));
        chart.rows[0].label = "Ydelse \u{202E}kiv\u{202C} \u{2067}x\u{2069}".into();
        let svg = likert_svg(&chart, 900, Lang::Da);
        assert!(has_text(&svg, "Ydelse kiv x"));
        assert!(!svg.contains('\u{202E}') && !svg.contains('\u{2067}'));
    }

    fn groups() -> GroupChart {
        GroupChart {
            title: "Andel tilfredse".into(),
            measure: Measure::Percent,
            overall: Some(72.4),
            bars: vec![
                GroupBar {
                    label: "Nord".into(),
                    value: Some(81.3),
                    ci: Some((76.0, 86.1)),
                    n: 312,
                },
                GroupBar {
                    label: "Vest".into(),
                    value: None,
                    ci: None,
                    n: 3,
                },
                GroupBar {
                    label: "Syd".into(),
                    value: Some(60.0),
                    ci: Some((50.0, 70.0)),
                    n: 1280,
                },
                GroupBar {
                    label: "Øst".into(),
                    value: Some(30.0),
                    ci: Some((20.0, 40.0)),
                    n: 96,
                },
            ],
        }
    }

    #[test]
    fn groups_show_values_whiskers_and_suppression() {
        let chart = groups();
        let svg = groups_svg(&chart, 800, Lang::Da);
        for text in [
            "Nord",
            "Vest",
            "Syd",
            "Øst",
            "81,3\u{a0}%",
            "n = 312",
            "n = 1.280",
            "I alt 72,4\u{a0}%",
        ] {
            assert!(has_text(&svg, text), "{text}");
        }
        let all = texts(&svg);
        let y = all
            .iter()
            .find(|(_, t)| t == "for få svar")
            .expect("suppressed note")
            .0;
        let same_row: Vec<&str> = all
            .iter()
            .filter(|(ty, _)| *ty == y)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(
            same_row,
            ["Vest", "for få svar"],
            "no number for a suppressed group"
        );
        assert!(!svg.contains("n = 3\n"));
        assert_eq!(all.iter().filter(|(_, t)| t.starts_with("n = ")).count(), 3);

        let bars: Vec<SvgRect> = rects(&svg)
            .into_iter()
            .filter(|r| r.fill == hex(GROUP_BAR))
            .collect();
        assert_eq!(bars.len(), 3);
        let ratio = bars[2].w / bars[1].w;
        assert!(
            (ratio - 0.5).abs() < 0.02,
            "30 % bar is half a 60 % bar: {ratio}"
        );

        let whiskers: Vec<SvgRect> = rects(&svg)
            .into_iter()
            .filter(|r| r.fill == hex(WHISKER))
            .collect();
        assert_eq!(whiskers.len(), 3 * 3, "a line and two caps per shown group");
        // The 60 % group's whisker spans 50..70: a third of its bar's length.
        let line = whiskers.iter().filter(|r| r.w > r.h).nth(1).unwrap();
        assert!((line.w / bars[1].w - 20.0 / 60.0).abs() < 0.02);
        let dashes = rects(&svg)
            .into_iter()
            .filter(|r| r.fill == hex(OVERALL_LINE))
            .count();
        assert!(dashes > 5, "dashed overall line");

        let en = groups_svg(&chart, 800, Lang::En);
        assert!(has_text(&en, "too few answers") && has_text(&en, "Total 72.4%"));
    }

    #[test]
    fn mean_charts_use_the_scale_range() {
        let chart = GroupChart {
            title: String::new(),
            measure: Measure::Mean { max: 5 },
            overall: None,
            bars: vec![
                GroupBar {
                    label: "A".into(),
                    value: Some(3.0),
                    ci: Some((2.5, 3.5)),
                    n: 10,
                },
                GroupBar {
                    label: "B".into(),
                    value: Some(5.0),
                    ci: None,
                    n: 10,
                },
            ],
        };
        let svg = groups_svg(&chart, 600, Lang::Da);
        assert!(has_text(&svg, "3,00") && has_text(&svg, "5,00"));
        for tick in ["1", "2", "3", "4", "5"] {
            assert!(has_text(&svg, tick), "tick {tick}");
        }
        let bars: Vec<SvgRect> = rects(&svg)
            .into_iter()
            .filter(|r| r.fill == hex(GROUP_BAR))
            .collect();
        let ratio = bars[0].w / bars[1].w;
        assert!((ratio - 0.5).abs() < 0.02, "bars start at 1: {ratio}");
        assert_eq!(
            rects(&svg)
                .iter()
                .filter(|r| r.fill == hex(WHISKER))
                .count(),
            3
        );
        assert!(!svg.contains("I alt"));
    }

    #[test]
    fn empty_and_broken_input_never_panics() {
        let empty = LikertChart {
            title: String::new(),
            legend: vec![],
            rows: vec![],
        };
        assert!(has_text(&likert_svg(&empty, 500, Lang::Da), "Ingen data"));
        assert!(has_text(&likert_svg(&empty, 500, Lang::En), "No data"));
        let no_groups = GroupChart {
            title: "x".into(),
            measure: Measure::Percent,
            overall: Some(1.0),
            bars: vec![],
        };
        assert!(has_text(
            &groups_svg(&no_groups, 500, Lang::Da),
            "Ingen data"
        ));

        let broken = LikertChart {
            title: "\u{0}".into(),
            legend: strings(&["", ""]),
            rows: vec![
                row("nan", &[f64::NAN, f64::INFINITY, -5.0], 0),
                row("tom", &[], 0),
                row("én", &[100.0], 1),
                row(
                    "over",
                    &[
                        90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0, 90.0,
                    ],
                    1,
                ),
            ],
        };
        let bad = GroupChart {
            title: String::new(),
            measure: Measure::Mean { max: 0 },
            overall: Some(f64::NAN),
            bars: vec![
                GroupBar {
                    label: String::new(),
                    value: Some(f64::NAN),
                    ci: Some((f64::NAN, 2.0)),
                    n: 0,
                },
                GroupBar {
                    label: "x".into(),
                    value: Some(-40.0),
                    ci: Some((9.0, -3.0)),
                    n: 1,
                },
            ],
        };
        for width in [0, 1, 50, 300, 1200] {
            for lang in [Lang::Da, Lang::En] {
                likert_svg(&broken, width, lang);
                groups_svg(&bad, width, lang);
            }
        }
        for scale in [0.0, -1.0, f64::NAN, 3.0] {
            let style = ChartStyle {
                scale,
                ..ChartStyle::default()
            };
            let mut buf = String::new();
            let root = SVGBackend::with_string(&mut buf, (400, 300)).into_drawing_area();
            draw_likert(&root, &sample(), &style).unwrap();
            draw_groups(&root, &bad, &style).unwrap();
        }
    }

    #[test]
    fn output_is_deterministic() {
        assert_eq!(
            likert_svg(&sample(), 800, Lang::Da),
            likert_svg(&sample(), 800, Lang::Da)
        );
        assert_eq!(
            groups_svg(&groups(), 800, Lang::En),
            groups_svg(&groups(), 800, Lang::En)
        );
    }

    #[test]
    fn scale_multiplies_sizes() {
        let chart = sample();
        let draw = |scale: f64| {
            let (w, h) = (800, likert_height(&chart, 800));
            let size = ((w as f64 * scale) as u32, (h as f64 * scale) as u32);
            let mut buf = String::new();
            {
                let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
                let style = ChartStyle {
                    scale,
                    ..ChartStyle::default()
                };
                draw_likert(&root, &chart, &style).unwrap();
                root.present().unwrap();
            }
            buf
        };
        let (one, two) = (draw(1.0), draw(2.0));
        // The tallest rect in the strongest blue is a bar segment, not a legend swatch.
        let bar_h = |svg: &str| {
            rects(svg)
                .iter()
                .filter(|r| r.fill == hex(palette(5)[0]))
                .map(|r| r.h)
                .fold(0.0, f64::max)
        };
        assert_eq!(bar_h(&two), 2.0 * bar_h(&one));
        let swatch = |svg: &str| {
            rects(svg)
                .into_iter()
                .find(|r| r.fill == hex(palette(5)[4]))
                .unwrap()
        };
        assert_eq!(swatch(&two).w, 2.0 * swatch(&one).w);
        let size = |svg: &str| num(svg.split("<text").nth(1).unwrap(), "font-size");
        assert!((size(&two) / size(&one) - 2.0).abs() < 1e-9);
    }

    #[test]
    fn heights_grow_with_rows() {
        let mut chart = sample();
        let four = likert_height(&chart, 800);
        chart.rows.push(chart.rows[0].clone());
        assert_eq!(likert_height(&chart, 800), four + LIKERT_ROW_H as u32);
        let mut g = groups();
        let h = group_height(&g, 800);
        g.bars.pop();
        assert_eq!(group_height(&g, 800), h - GROUP_ROW_H as u32);
        assert!(
            likert_height(
                &LikertChart {
                    title: String::new(),
                    legend: vec![],
                    rows: vec![]
                },
                800
            ) > 0
        );
    }

    #[test]
    fn palette_is_diverging_blue_grey_orange() {
        for steps in 2..=11 {
            let p = palette(steps);
            assert_eq!(p.len(), steps);
            let half = steps / 2;
            for c in &p[..half] {
                assert!(c.2 > c.0, "positive steps are blue: {c:?}");
            }
            for c in &p[steps - half..] {
                assert!(c.0 > c.2, "negative steps are orange/brown: {c:?}");
            }
            if steps % 2 == 1 {
                assert_eq!(p[half], NEUTRAL);
            }
            let mut unique = p.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), steps, "distinct colours for {steps} steps");
        }
        assert!(palette(0).is_empty());
    }

    #[test]
    fn segment_text_contrasts_with_its_colour() {
        let p = palette(5);
        assert_eq!(text_on(p[0]), (0xFF, 0xFF, 0xFF));
        assert_eq!(text_on(p[1]), (0, 0, 0));
        assert_eq!(text_on(p[2]), (0, 0, 0));
        assert_eq!(text_on(p[4]), (0xFF, 0xFF, 0xFF));
    }
}
