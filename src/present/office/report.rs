//! A summary laid out as a report ([`document`]) and as slides ([`slides`]): the main results
//! first, then per scale question its figures in a sentence, its chart and a table, then a
//! methods appendix. Every sentence comes from `words`, every figure from the summary as it was
//! published (withheld groups are not in it).
//!
//! The charts are pictures; how a chart becomes a PNG is the caller's ([`Raster`]): the command
//! line draws them, the page sends its own canvas pictures and builds the document itself.

use super::{Block, Cell, Document, Image, Slide, Slides};
use crate::analyze::summary::{ColumnSummary, FindingKind, Headline, ScaleStats, Summary};
use crate::model::kinds::Kind;
use crate::present::chart::{Chart, LikertChart, LikertRow};
use crate::present::views::summary::{overview, question};
use crate::words::lang::{format_count, format_mean, format_pct, Lang};
use crate::words::{messages, phrases, report as words};

/// What the report says about where its numbers come from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The file's name, without its folder.
    pub file: String,
    /// The date shown under the title and in the source lines ("3. december 2026").
    pub date: String,
    /// The author or unit; empty for none.
    pub author: String,
}

/// Draws a chart as a PNG: `(bytes, width, height)`, or `None` to leave it out.
pub type Raster<'a> = &'a mut dyn FnMut(&Chart) -> Option<(Vec<u8>, u32, u32)>;

/// The scale questions with answers, in file order.
fn scale_questions(summary: &Summary) -> Vec<(&ColumnSummary, &ScaleStats)> {
    summary
        .columns
        .iter()
        .filter(|c| c.kind == Kind::Likert && !c.excluded && c.part_of.is_none())
        .filter_map(|c| c.stats.as_ref().filter(|s| s.n_valid > 0).map(|s| (c, s)))
        .collect()
}

/// Whether a question leads with its share positive (0–10 questions lead with the mean).
fn leads_with_share(c: &ColumnSummary) -> bool {
    c.headline.is_none_or(|h| h == Headline::Top2)
}

/// The chart of one question: its breakdown when there is a grouping, else its distribution.
fn question_chart(summary: &Summary, c: &ColumnSummary, s: &ScaleStats, lang: Lang) -> Chart {
    if let Some(view) = question(summary, c.index, lang) {
        if let Some(groups) = view.breakdown {
            return Chart::Groups(groups);
        }
    }
    Chart::Likert(LikertChart {
        title: c.name.clone(),
        legend: c.scale.clone().unwrap_or_default(),
        rows: vec![LikertRow {
            label: c.name.clone(),
            pct: s.pct.clone(),
            n: s.n_valid,
            top2_pct: s.top2_pct,
        }],
    })
}

fn chart_title(chart: &Chart) -> &str {
    match chart {
        Chart::Likert(c) => &c.title,
        Chart::Groups(c) => &c.title,
        _ => "",
    }
}

fn picture(chart: &Chart, raster: Raster, lang: Lang) -> Option<Image> {
    let (png, width_px, height_px) = raster(chart)?;
    Some(Image {
        png,
        width_px,
        height_px,
        alt: words::chart_alt(chart_title(chart), lang),
    })
}

fn figures(c: &ColumnSummary, s: &ScaleStats, lang: Lang) -> String {
    let share = leads_with_share(c).then_some(s.top2_pct);
    words::question_figures(share, s.mean, c.mean_scale_max, s.n_valid, lang)
}

/// A row of a question's table: label, share positive, mean, n and base.
fn figure_row(label: String, c: &ColumnSummary, s: &ScaleStats, lang: Lang) -> Vec<Cell> {
    let share = match leads_with_share(c) {
        true => Cell::Number {
            value: s.top2_pct,
            text: format_pct(s.top2_pct, lang),
        },
        false => Cell::Text("–".into()),
    };
    vec![
        Cell::Text(label),
        share,
        Cell::Number {
            value: s.mean,
            text: format_mean(s.mean, lang),
        },
        Cell::Number {
            value: s.n_valid as f64,
            text: format_count(s.n_valid, lang),
        },
        Cell::Number {
            value: s.base as f64,
            text: format_count(s.base, lang),
        },
    ]
}

/// The report of `summary`: title, main results, question by question, methods.
pub fn document(summary: &Summary, facts: &Facts, lang: Lang, raster: Raster) -> Document {
    let by = summary.by.as_deref();
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: words::findings_heading(lang).into(),
    }];
    if summary.findings.is_empty() {
        blocks.push(Block::Paragraph {
            text: words::no_findings(lang).into(),
        });
    }
    for finding in &summary.findings {
        blocks.push(Block::Paragraph {
            text: finding.text(lang).into(),
        });
    }
    let questions = scale_questions(summary);
    let all = overview(summary, lang);
    if questions.len() > 1 {
        if let Some(image) = picture(&Chart::Likert(all.chart), raster, lang) {
            blocks.push(Block::Image(image));
        }
    }
    if !questions.is_empty() {
        blocks.push(Block::PageBreak);
        blocks.push(Block::Heading {
            level: 1,
            text: words::questions_heading(lang).into(),
        });
    }
    for (c, s) in &questions {
        blocks.push(Block::Heading {
            level: 2,
            text: c.name.clone(),
        });
        blocks.push(Block::Paragraph {
            text: figures(c, s, lang),
        });
        if let Some(view) = question(summary, c.index, lang) {
            for text in view.test_text.iter().chain(&view.group_texts) {
                blocks.push(Block::Paragraph { text: text.clone() });
            }
        }
        if let Some(image) = picture(&question_chart(summary, c, s, lang), raster, lang) {
            blocks.push(Block::Image(image));
        }
        let mut rows = vec![figure_row(words::all_answers(lang).into(), c, s, lang)];
        for (label, st) in &c.by_stats {
            rows.push(figure_row(phrases::label_in(label, lang), c, st, lang));
        }
        blocks.push(Block::Table {
            caption: words::table_caption(&c.name, by, lang),
            header: vec![
                by.unwrap_or(words::answers(lang)).to_string(),
                words::share_positive(lang).into(),
                words::mean(lang).into(),
                words::answers_on_scale(lang).into(),
                words::base(lang).into(),
            ],
            rows,
        });
        if let Some(note) = phrases::withheld_note(c.withheld_groups, summary.min_cell, lang) {
            blocks.push(Block::Paragraph { text: note });
        }
    }
    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading {
        level: 1,
        text: words::methods_heading(lang).into(),
    });
    let d = &summary.dialect;
    for text in [
        words::top2_rule(lang).to_string(),
        messages::base_rule(summary.include_non_substantive, lang),
        words::suppression_rule(summary.min_cell, lang),
        messages::statistics_method(lang),
        words::file_facts(
            &facts.file,
            summary.rows,
            &d.encoding,
            &d.delimiter,
            d.header_rows,
            summary.skipped_rows,
            lang,
        ),
    ] {
        blocks.push(Block::Paragraph { text });
    }
    Document {
        title: words::title(lang).into(),
        subtitle: words::subtitle(&facts.file, by, lang),
        date: facts.date.clone(),
        author: facts.author.clone(),
        lang,
        blocks,
    }
}

/// The slides of `summary`: the overview of every scale question with the main results, then
/// one slide per question with its chart and its findings (or its figures).
pub fn slides(summary: &Summary, facts: &Facts, lang: Lang, raster: Raster) -> Slides {
    let source = words::source_line(
        &facts.file,
        summary.rows,
        &facts.date,
        summary.by.as_deref(),
        lang,
    );
    let questions = scale_questions(summary);
    let mut slides = Vec::new();
    if questions.len() > 1 {
        let all = overview(summary, lang);
        let finding: Vec<&str> = summary
            .findings
            .iter()
            .filter(|f| f.kind != FindingKind::Group)
            .map(|f| f.text(lang))
            .collect();
        let title = all.chart.title.clone();
        slides.push(Slide {
            title,
            image: picture(&Chart::Likert(all.chart), raster, lang),
            source_line: source.clone(),
            finding: finding.join("\n"),
        });
    }
    for (c, s) in &questions {
        let found: Vec<&str> = summary
            .findings
            .iter()
            .filter(|f| f.column == Some(c.index) && f.kind != FindingKind::Highest)
            .filter(|f| f.kind != FindingKind::Lowest)
            .map(|f| f.text(lang))
            .collect();
        let finding = match found.is_empty() {
            true => figures(c, s, lang),
            false => found.join("\n"),
        };
        slides.push(Slide {
            title: c.name.clone(),
            image: picture(&question_chart(summary, c, s, lang), raster, lang),
            source_line: source.clone(),
            finding,
        });
    }
    Slides { lang, slides }
}
