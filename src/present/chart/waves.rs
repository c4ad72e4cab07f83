//! Wave charts: grouped bars for two waves, trend lines for more, of the top-2 share or the mean
//! of each question.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use serde::Serialize;

use crate::analyze::waves::{Comparison, QuestionTrend};
use crate::present::chart::draw::{
    approx_width, clean, on_area, pct_whole, render_svg, DrawResult, Drawn, Metrics, Painter,
    Surface, AXIS, EMPTY_H, GRID, LABEL_PX, MUTED, PAD, SMALL_PX, TEXT, TITLE_H,
};
use crate::present::chart::{ChartStyle, Measure};
use crate::words::lang::{format_decimal, format_mean, format_pct, Lang};

/// One question in a wave chart.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct WaveSeries {
    /// The question text.
    pub label: String,
    /// Per wave: the value, or `None` when the wave lacks the question.
    pub values: Vec<Option<f64>>,
    /// Per wave: the answers behind the value.
    pub n: Vec<Option<u64>>,
}

/// A chart of questions across waves: grouped bars for two waves, trend lines for more.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct WaveChart {
    /// Chart title (may be empty).
    pub title: String,
    /// Wave names, in order.
    pub waves: Vec<String>,
    /// Percent (top-2) or mean.
    pub measure: Measure,
    /// The questions.
    pub series: Vec<WaveSeries>,
}

/// Which figure a wave chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaveMeasure {
    /// The top-2 share in percent.
    #[default]
    Top2,
    /// The mean.
    Mean,
}

/// The chart model of a comparison, for the questions at `only` (all when `None`).
pub fn wave_chart(
    cmp: &Comparison,
    measure: WaveMeasure,
    only: Option<&[usize]>,
    lang: Lang,
) -> WaveChart {
    let chosen: Vec<&QuestionTrend> = match only {
        Some(idx) => idx.iter().filter_map(|&i| cmp.questions.get(i)).collect(),
        None => cmp.questions.iter().collect(),
    };
    let max = chosen
        .iter()
        .flat_map(|q| q.waves.iter().flatten())
        .filter_map(|p| p.mean_scale_max)
        .max()
        .unwrap_or(5);
    let series = chosen
        .iter()
        .map(|q| WaveSeries {
            label: q.question.clone(),
            values: q
                .waves
                .iter()
                .map(|p| {
                    // An index score has a mean, no top-2 share.
                    p.as_ref()
                        .map(|p| match measure {
                            WaveMeasure::Top2 => p.top2_pct,
                            WaveMeasure::Mean => p.mean,
                        })
                        .filter(|v| v.is_finite())
                })
                .collect(),
            n: q.waves
                .iter()
                .map(|p| p.as_ref().map(|p| p.n_valid))
                .collect(),
        })
        .collect();
    let (measure, title) = match measure {
        WaveMeasure::Top2 => (
            Measure::Percent,
            lang.pick(
                "Andel positive svar (top-2) i hver runde",
                "Share of positive answers (top-2) in each wave",
            ),
        ),
        WaveMeasure::Mean => (
            Measure::Mean { max },
            lang.pick("Gennemsnit i hver runde", "Mean in each wave"),
        ),
    };
    WaveChart {
        title: title.to_string(),
        waves: cmp.waves.clone(),
        measure,
        series,
    }
}

/// Okabe–Ito colours (without yellow and black), distinguishable with every common
/// colour-vision deficiency; blue and orange first for the two-wave bars.
const SERIES: [(u8, u8, u8); 6] = [
    (0xE6, 0x9F, 0x00),
    (0x00, 0x72, 0xB2),
    (0x00, 0x9E, 0x73),
    (0xD5, 0x5E, 0x00),
    (0xCC, 0x79, 0xA7),
    (0x56, 0xB4, 0xE9),
];

const BAR_ROW_H: f64 = 44.0;
const LEGEND_H: f64 = 24.0;
const AXIS_H: f64 = 24.0;
const TREND_PLOT_H: f64 = 260.0;
const LEGEND_LINE_H: f64 = 20.0;

fn axis(measure: Measure) -> (f64, f64, Vec<f64>) {
    match measure {
        Measure::Percent => (0.0, 100.0, (0..=4).map(|i| i as f64 * 25.0).collect()),
        Measure::Mean { max } => {
            let hi = max.max(2);
            let step = (hi - 1).div_ceil(10).max(1);
            let ticks = (1..=hi).step_by(step as usize).map(f64::from).collect();
            (1.0, f64::from(hi), ticks)
        }
    }
}

fn value_text(v: f64, measure: Measure, lang: Lang) -> String {
    match measure {
        Measure::Percent => format_pct(v, lang),
        Measure::Mean { .. } => format_mean(v, lang),
    }
}

fn tick_text(v: f64, measure: Measure, lang: Lang) -> String {
    match measure {
        Measure::Percent => pct_whole(v, lang),
        Measure::Mean { .. } => format_decimal(v, 0, lang),
    }
}

/// Legend lines for the trend chart when wrapped into `avail` pixels.
fn legend_lines(labels: &[String], avail: f64) -> usize {
    let mut lines = 1;
    let mut x = 0.0;
    for l in labels {
        let w = 12.0 + 6.0 + approx_width(&clean(l), SMALL_PX, false).min(avail * 0.5);
        if x > 0.0 && x + w > avail {
            lines += 1;
            x = 0.0;
        }
        x += w + 16.0;
    }
    lines
}

/// Suggested height in CSS pixels of the wave chart drawn `width` CSS pixels wide.
pub fn waves_height(chart: &WaveChart, width: u32) -> u32 {
    let mut h = PAD;
    if !chart.title.trim().is_empty() {
        h += TITLE_H;
    }
    if chart.series.is_empty() || chart.waves.is_empty() {
        h += EMPTY_H;
    } else if chart.waves.len() == 2 {
        h += LEGEND_H + chart.series.len() as f64 * BAR_ROW_H + AXIS_H;
    } else {
        let labels: Vec<String> = chart.series.iter().map(|s| s.label.clone()).collect();
        let lines = legend_lines(&labels, width as f64 - 2.0 * PAD);
        h += TREND_PLOT_H + AXIS_H + 8.0 + lines as f64 * LEGEND_LINE_H;
    }
    (h + PAD).ceil() as u32
}

/// Draws the wave chart into `area`, sized in device pixels: for two waves a pair of bars per
/// question (earlier wave orange, later wave blue), for three or more one trend line per
/// question with a legend.
pub fn draw_waves<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &WaveChart,
    style: &ChartStyle,
) -> DrawResult<DB> {
    on_area(area, |s| draw_waves_with(s, chart, style, false))
}

fn draw_waves_with(area: &dyn Surface, chart: &WaveChart, style: &ChartStyle, svg: bool) -> Drawn {
    let Some(p) = Painter::start(area, style, svg, Metrics::Rough)? else {
        return Ok(());
    };
    let (w, h) = p.size();
    let y = p.title(&chart.title, w)?;
    if chart.series.is_empty() || chart.waves.is_empty() {
        return p.no_data(w, y);
    }
    if chart.waves.len() == 2 {
        draw_pairs(&p, chart, w, h, y)
    } else {
        draw_trend(&p, chart, w, h, y)
    }
}

fn draw_pairs(p: &Painter<'_>, chart: &WaveChart, w: f64, h: f64, top: f64) -> Drawn {
    let lang = p.lang;
    let pad = p.px(PAD);
    let label_style = p.font(LABEL_PX, FontStyle::Normal, TEXT, HPos::Left);
    let value_style = p.font(SMALL_PX, FontStyle::Normal, TEXT, HPos::Left);
    let tick_style = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Center);
    let legend_style = p.font(SMALL_PX, FontStyle::Normal, TEXT, HPos::Left);

    // Legend: one swatch per wave.
    let mut x = pad;
    let ly = top + p.px(LEGEND_H / 2.0);
    for (k, wave) in chart.waves.iter().enumerate() {
        let sw = p.px(12.0);
        p.rect(x, ly - sw / 2.0, x + sw, ly + sw / 2.0, SERIES[k])?;
        let text = p.fit(wave, &legend_style, w * 0.4);
        p.text(&text, x + sw + p.px(6.0), ly, &legend_style)?;
        x += sw + p.px(6.0) + p.text_width(&text, &legend_style) + p.px(18.0);
    }
    let rows_top = top + p.px(LEGEND_H);
    let label_max = (w * 0.35 - pad).max(p.px(40.0));
    let (labels, label_w) = p.fit_all(
        chart.series.iter().map(|s| s.label.as_str()),
        &label_style,
        label_max,
    );
    let (lo, hi, ticks) = axis(chart.measure);
    let value_room = p.text_width(&value_text(hi, chart.measure, lang), &value_style) + p.px(8.0);
    let bar_left = pad + label_w + p.px(12.0);
    let bar_right = (w - pad - value_room).max(bar_left + 1.0);
    let xv = |v: f64| bar_left + (v.clamp(lo, hi) - lo) / (hi - lo) * (bar_right - bar_left);
    let avail = h - rows_top - p.px(AXIS_H + PAD);
    let row_h = (avail / chart.series.len() as f64).clamp(p.px(16.0), p.px(BAR_ROW_H * 1.4));
    let rows_bottom = rows_top + row_h * chart.series.len() as f64;
    for &t in &ticks {
        let x = xv(t);
        p.rect(x, rows_top, x + p.px(1.0).max(1.0), rows_bottom, GRID)?;
        p.text(
            &tick_text(t, chart.measure, lang),
            x,
            rows_bottom + p.px(12.0),
            &tick_style,
        )?;
    }
    let bar_h = (row_h * 0.36).min(p.px(16.0));
    for (i, s) in chart.series.iter().enumerate() {
        let y0 = rows_top + row_h * i as f64;
        let cy = y0 + row_h / 2.0;
        p.text(&labels[i], pad, cy, &label_style)?;
        for (k, &color) in SERIES.iter().enumerate().take(2) {
            let by = cy
                + if k == 0 {
                    -bar_h - p.px(1.0)
                } else {
                    p.px(1.0)
                };
            match s.values.get(k).copied().flatten().filter(|v| v.is_finite()) {
                Some(v) => {
                    p.rect(xv(lo), by, xv(v), by + bar_h, color)?;
                    let text = value_text(v, chart.measure, lang);
                    p.text(&text, xv(v) + p.px(4.0), by + bar_h / 2.0, &value_style)?;
                }
                None => {
                    let st = p.font(SMALL_PX, FontStyle::Italic, MUTED, HPos::Left);
                    let text = lang.pick("ikke stillet", "not asked");
                    p.text(text, xv(lo) + p.px(4.0), by + bar_h / 2.0, &st)?;
                }
            }
        }
    }
    p.rect(
        xv(lo) - p.px(1.0),
        rows_top,
        xv(lo) + p.px(0.5),
        rows_bottom,
        AXIS,
    )?;
    Ok(())
}

fn draw_trend(p: &Painter<'_>, chart: &WaveChart, w: f64, h: f64, top: f64) -> Drawn {
    let lang = p.lang;
    let pad = p.px(PAD);
    let tick_style = p.font(SMALL_PX, FontStyle::Normal, MUTED, HPos::Right);
    let wave_style = p.font(SMALL_PX, FontStyle::Normal, TEXT, HPos::Center);
    let legend_style = p.font(SMALL_PX, FontStyle::Normal, TEXT, HPos::Left);
    let (lo, hi, ticks) = axis(chart.measure);
    let labels: Vec<String> = chart.series.iter().map(|s| s.label.clone()).collect();
    let lines = legend_lines(&labels, w / p.s - 2.0 * PAD);
    let legend_h = p.px(8.0 + lines as f64 * LEGEND_LINE_H);
    let plot_top = top + p.px(8.0);
    let plot_bottom = (h - pad - legend_h - p.px(AXIS_H)).max(plot_top + p.px(20.0));
    let tick_w = p.text_width(&tick_text(hi, chart.measure, lang), &tick_style);
    let plot_left = pad + tick_w + p.px(8.0);
    let n = chart.waves.len();
    let slot = (w - pad - plot_left) / n as f64;
    let xw = |k: usize| plot_left + slot * (k as f64 + 0.5);
    let yv = |v: f64| plot_bottom - (v.clamp(lo, hi) - lo) / (hi - lo) * (plot_bottom - plot_top);
    for &t in &ticks {
        let y = yv(t);
        p.rect(plot_left, y, w - pad, y + p.px(1.0).max(1.0), GRID)?;
        p.text(
            &tick_text(t, chart.measure, lang),
            plot_left - p.px(6.0),
            y,
            &tick_style,
        )?;
    }
    for (k, wave) in chart.waves.iter().enumerate() {
        let text = p.fit(wave, &wave_style, slot - p.px(4.0));
        p.text(&text, xw(k), plot_bottom + p.px(14.0), &wave_style)?;
    }
    let one_series = chart.series.len() == 1;
    for (i, s) in chart.series.iter().enumerate() {
        let color = SERIES[(i + 1) % SERIES.len()];
        let pts: Vec<Option<(f64, f64)>> = s
            .values
            .iter()
            .take(n)
            .enumerate()
            .map(|(k, v)| v.filter(|v| v.is_finite()).map(|v| (xw(k), yv(v))))
            .collect();
        for pair in pts.windows(2) {
            if let [Some(a), Some(b)] = pair {
                p.segment(*a, *b, p.px(2.5), color)?;
            }
        }
        for (k, pt) in pts.iter().enumerate() {
            if let Some((x, y)) = pt {
                p.dot(*x, *y, p.px(4.0), color)?;
                if one_series {
                    let v = s.values[k].unwrap_or(f64::NAN);
                    p.text(
                        &value_text(v, chart.measure, lang),
                        *x,
                        *y - p.px(12.0),
                        &wave_style,
                    )?;
                }
            }
        }
    }
    // Legend below the plot, wrapped.
    let mut x = pad;
    let mut ly = plot_bottom + p.px(AXIS_H + 8.0 + LEGEND_LINE_H / 2.0);
    for (i, s) in chart.series.iter().enumerate() {
        let color = SERIES[(i + 1) % SERIES.len()];
        let text = p.fit(&s.label, &legend_style, (w - 2.0 * pad) * 0.5);
        let item = p.px(18.0) + p.text_width(&text, &legend_style);
        if x > pad && x + item > w - pad {
            x = pad;
            ly += p.px(LEGEND_LINE_H);
        }
        let sw = p.px(12.0);
        p.rect(x, ly - p.px(1.5), x + sw, ly + p.px(1.5), color)?;
        p.dot(x + sw / 2.0, ly, p.px(3.5), color)?;
        p.text(&text, x + sw + p.px(6.0), ly, &legend_style)?;
        x += item + p.px(16.0);
    }
    Ok(())
}

/// The wave chart as an SVG document `width` pixels wide, at scale 1.0.
pub fn waves_svg(chart: &WaveChart, width: u32, lang: Lang) -> String {
    let style = ChartStyle {
        lang,
        ..ChartStyle::default()
    };
    render_svg(width.max(1), waves_height(chart, width).max(1), |s| {
        let _ = draw_waves_with(s, chart, &style, true);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_never_panic() {
        let series = |values: Vec<Option<f64>>| WaveSeries {
            label: "Spørgsmål\u{7} med et meget langt navn der skal forkortes".into(),
            n: values.iter().map(|v| v.map(|_| 10)).collect(),
            values,
        };
        for waves in [0usize, 1, 2, 3, 6] {
            for measure in [
                Measure::Percent,
                Measure::Mean { max: 5 },
                Measure::Mean { max: 0 },
            ] {
                let chart = WaveChart {
                    title: "T".into(),
                    waves: (0..waves).map(|i| format!("{}", 2020 + i)).collect(),
                    measure,
                    series: vec![
                        series(vec![Some(50.0), None, Some(f64::NAN), Some(1e9)]),
                        series(vec![]),
                    ],
                };
                for width in [0, 10, 600] {
                    let svg = waves_svg(&chart, width, Lang::Da);
                    assert!(svg.starts_with("<svg"));
                }
            }
        }
    }
}
