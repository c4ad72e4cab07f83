//! The wave comparison as a table.

use serde::Serialize;

use crate::analyze::summary::{Summary, SummaryOptions};
use crate::analyze::waves::{compare, Comparison, QuestionTrend};
use crate::model::dataset::Dataset;
use crate::present::chart::waves::{wave_chart, WaveChart, WaveMeasure};
use crate::present::export::Table;
use crate::words::lang::{format_count, format_mean, format_p, format_pct, signed, Lang};

/// The comparison as a table: one line per question with each wave's n, top-2 and mean, and
/// the change from the first to the last wave with its Holm-corrected p-value.
pub fn comparison_table(cmp: &Comparison, lang: Lang) -> Table {
    let mut header = vec![lang.pick("Spørgsmål", "Question").to_string()];
    for w in &cmp.waves {
        header.push(format!("{w}: n"));
        header.push(format!("{w}: {}", lang.pick("top-2", "top-2")));
        header.push(format!("{w}: {}", lang.pick("gennemsnit", "mean")));
    }
    header.push(
        lang.pick("Ændring top-2 (pp)", "Change top-2 (pp)")
            .to_string(),
    );
    header.push(
        lang.pick("Holm-korrigeret p (top-2)", "Holm-adjusted p (top-2)")
            .to_string(),
    );
    header.push(lang.pick("Ændring gennemsnit", "Change mean").to_string());
    header.push(
        lang.pick("Holm-korrigeret p (gennemsnit)", "Holm-adjusted p (mean)")
            .to_string(),
    );
    let rows = cmp
        .questions
        .iter()
        .map(|q| {
            let mut row = vec![q.question.clone()];
            for p in &q.waves {
                match p {
                    Some(p) => {
                        row.push(format_count(p.base, lang));
                        row.push(format_pct(p.top2_pct, lang));
                        row.push(format_mean(p.mean, lang));
                    }
                    None => row.extend(["–".to_string(), "–".to_string(), "–".to_string()]),
                }
            }
            let last = q.overall.as_ref().or(q.changes.last());
            match last {
                Some(c) => {
                    row.push(signed(c.top2_pp, 1, lang));
                    row.push(
                        c.top2_test
                            .as_ref()
                            .map(|t| format_p(t.p_adjusted, lang))
                            .unwrap_or_else(|| "–".into()),
                    );
                    row.push(
                        c.mean_diff
                            .map(|d| signed(d, 2, lang))
                            .unwrap_or_else(|| "–".into()),
                    );
                    row.push(
                        c.mean_test
                            .as_ref()
                            .map(|t| format_p(t.p_adjusted, lang))
                            .unwrap_or_else(|| "–".into()),
                    );
                }
                None => row.extend(std::iter::repeat_n("–".to_string(), 4)),
            }
            row
        })
        .collect();
    Table { header, rows }
}

/// One question across the waves, as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct WaveQuestion {
    /// The question (its header in the first wave that has it).
    pub question: String,
    /// Per wave: the header the question has there, or `None` when the wave lacks it.
    pub present: Vec<Option<String>>,
    /// True when the scale differs between the waves.
    pub scale_changed: bool,
    /// Each change in words, see [`change_texts`].
    pub texts: Vec<String>,
    /// The change of the top-2 share from the first to the last wave, in percentage points.
    pub top2_pp: Option<f64>,
    /// A line per wave, see [`wave_table`].
    pub table: Table,
    /// The top-2 share per wave.
    pub top2: WaveChart,
    /// The mean per wave.
    pub mean: WaveChart,
}

/// Every question's top-2 share and mean across the waves.
#[derive(Debug, Clone, Serialize)]
pub struct WaveOverview {
    /// The top-2 shares.
    pub top2: WaveChart,
    /// The means.
    pub mean: WaveChart,
}

/// Waves compared, as the page shows them.
#[derive(Debug, Clone, Serialize)]
pub struct WavesView {
    /// Wave names, in order.
    pub waves: Vec<String>,
    /// Rows per wave; `None` for a withheld wave.
    pub rows: Vec<Option<u64>>,
    /// Every question, see [`comparison_table`].
    pub table: Table,
    /// The overview charts.
    pub overview: WaveOverview,
    /// Each question.
    pub questions: Vec<WaveQuestion>,
}

/// The files `(name, dataset)` compared as waves, in order, with groups under `min_cell`
/// withheld. `mapping` pairs headers that name the same question.
pub fn waves_view(
    files: &[(&str, &Dataset)],
    min_cell: u64,
    mapping: &[(String, String)],
    lang: Lang,
) -> WavesView {
    let options = SummaryOptions {
        min_cell: min_cell.max(1),
        ..SummaryOptions::default()
    };
    let summaries: Vec<Summary> = files.iter().map(|(_, d)| d.summary(&options)).collect();
    let input: Vec<(&str, &Summary)> = files.iter().map(|(n, _)| *n).zip(&summaries).collect();
    let cmp = compare(&input, mapping);
    let questions = cmp
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut top2 = wave_chart(&cmp, WaveMeasure::Top2, Some(&[i]), lang);
            top2.title = q.question.clone();
            let mut mean = wave_chart(&cmp, WaveMeasure::Mean, Some(&[i]), lang);
            mean.title = q.question.clone();
            WaveQuestion {
                question: q.question.clone(),
                present: q
                    .waves
                    .iter()
                    .map(|p| p.as_ref().map(|p| p.column.clone()))
                    .collect(),
                scale_changed: q.scale_changed,
                texts: change_texts(&cmp.waves, q, lang),
                top2_pp: q.overall.as_ref().or(q.changes.last()).map(|c| c.top2_pp),
                table: wave_table(&cmp.waves, q, lang),
                top2,
                mean,
            }
        })
        .collect();
    WavesView {
        table: comparison_table(&cmp, lang),
        overview: WaveOverview {
            top2: wave_chart(&cmp, WaveMeasure::Top2, None, lang),
            mean: wave_chart(&cmp, WaveMeasure::Mean, None, lang),
        },
        questions,
        waves: cmp.waves,
        rows: cmp.rows,
    }
}

/// Each change of a question in words, the change from the first to the last wave last:
/// "2023 → 2025: Stigningen på 4,2 procentpoint er … Gennemsnittet …".
pub fn change_texts(waves: &[String], q: &QuestionTrend, lang: Lang) -> Vec<String> {
    q.changes
        .iter()
        .chain(&q.overall)
        .map(|c| {
            let top2 = lang.pick(&c.top2_da, &c.top2_en);
            let mut text = format!("{} → {}: {top2}", waves[c.from], waves[c.to]);
            // Scales that differ: one sentence says why nothing is compared.
            if c.comparable {
                // An index has no top-2 sentence, only its mean's.
                if !top2.is_empty() {
                    text.push(' ');
                }
                text.push_str(lang.pick(&c.mean_da, &c.mean_en));
            }
            text
        })
        .collect()
}

/// One question across the waves: a line per wave with n, top-2 and its interval, the mean.
pub fn wave_table(names: &[String], q: &QuestionTrend, lang: Lang) -> Table {
    let header = vec![
        lang.pick("Måling", "Wave").to_string(),
        "n".to_string(),
        lang.pick("Top-2", "Top-2").to_string(),
        lang.pick("95 %-interval", "95% interval").to_string(),
        lang.pick("Gennemsnit", "Mean").to_string(),
    ];
    let rows = names
        .iter()
        .zip(&q.waves)
        .map(|(name, p)| match p {
            Some(p) => vec![
                name.clone(),
                format_count(p.base, lang),
                format_pct(p.top2_pct, lang),
                format!(
                    "{}–{}",
                    format_pct(p.top2_ci95[0], lang),
                    format_pct(p.top2_ci95[1], lang)
                ),
                format_mean(p.mean, lang),
            ],
            None => vec![name.clone(), "–".into(), "–".into(), "–".into(), "–".into()],
        })
        .collect();
    Table { header, rows }
}

#[cfg(test)]
mod tests {}
