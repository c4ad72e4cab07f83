//! Comparing survey waves: the same questions asked in two or more files (for example the
//! satisfaction survey of 2023, 2024 and 2025). Questions are matched by header text; per
//! question and wave the key figures are set side by side, and each change is tested.
//!
//! The waves are treated as independent samples (new respondents each time), which is how
//! repeated satisfaction surveys are normally run: the top-2 share is compared with a
//! two-proportion z-test and the mean with Welch's t-test.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use serde::Serialize;

use crate::analyze::summary::{ColumnSummary, Summary};
use crate::infer::infer_column;
use crate::model::dataset::{ColumnData, Dataset, NumericAcc, ReadFacts};
use crate::model::kinds::{Inferred, Kind};
use crate::model::profile::ColumnProfile;
use crate::present::chart::draw::{
    approx_width, clean, on_area, pct_whole, render_svg, DrawResult, Drawn, Metrics, Painter,
    Surface, AXIS, EMPTY_H, GRID, LABEL_PX, MUTED, PAD, SMALL_PX, TEXT, TITLE_H,
};
use crate::present::chart::{ChartStyle, Measure};
use crate::present::export::Table;
use crate::present::views::p_text;
use crate::stats;
use crate::util::text;
use crate::words::lang::{format_count, format_decimal, format_mean, format_pct, Lang};

/// How a question in a later wave was matched to the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The first wave the question appears in.
    First,
    /// The same header text.
    Exact,
    /// The same header ignoring case and spaces.
    Normalised,
    /// The user's mapping of renamed questions.
    Mapping,
}

/// One question in one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WavePoint {
    /// The column's header in this wave.
    pub column: String,
    /// How it was matched.
    pub matched_by: MatchedBy,
    /// Answers on the scale.
    pub n_valid: u64,
    /// Answers in the top-2 steps (the positive end step on 2- and 3-point scales).
    pub top2: u64,
    /// Top-2 in percent.
    pub top2_pct: f64,
    /// 95 % Wilson interval for the top-2 share, in percent.
    pub top2_ci95: [f64; 2],
    /// Mean on the scale's numbering.
    pub mean: f64,
    /// Sample standard deviation.
    pub sd: f64,
    /// Steps on the scale.
    pub points: usize,
    /// Highest value of the mean's scale.
    pub mean_scale_max: Option<u32>,
    /// Step labels, most positive first.
    pub scale: Vec<String>,
}

/// A test of one change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeTest {
    /// z (top-2) or t (mean).
    pub statistic: f64,
    /// Degrees of freedom (Welch–Satterthwaite); `None` for the z-test.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub df: Option<f64>,
    /// Two-sided p-value.
    pub p_value: f64,
    /// 95 % interval of the change (percentage points for top-2).
    pub ci95: [f64; 2],
    /// True when p < 0.05.
    pub significant: bool,
}

/// The change of one question between two waves, later minus earlier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Index of the earlier wave.
    pub from: usize,
    /// Index of the later wave.
    pub to: usize,
    /// False when the two waves use scales of different length: then nothing is tested.
    pub comparable: bool,
    /// Change in the top-2 share, in percentage points.
    pub top2_pp: f64,
    /// Two-proportion z-test on the top-2 share.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top2_test: Option<ChangeTest>,
    /// Change in the mean.
    pub mean_diff: f64,
    /// Welch's t-test on the means.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_test: Option<ChangeTest>,
    /// The top-2 change in words, in Danish.
    pub top2_da: String,
    /// The top-2 change in words, in English.
    pub top2_en: String,
    /// The change of the mean in words, in Danish.
    pub mean_da: String,
    /// The change of the mean in words, in English.
    pub mean_en: String,
}

/// One question across the waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionTrend {
    /// The question's header in the first wave it appears in.
    pub question: String,
    /// Per wave: the question's figures, or `None` when the wave does not have it.
    pub waves: Vec<Option<WavePoint>>,
    /// True when the scale's wording differs between waves.
    pub scale_changed: bool,
    /// Changes between consecutive waves that both have the question.
    pub changes: Vec<Change>,
    /// The change from the first to the last wave with the question, when there are more
    /// than two such waves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<Change>,
}

/// The comparison of two or more waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The waves' names (normally file names), in order.
    pub waves: Vec<String>,
    /// Respondents per wave.
    pub rows: Vec<u64>,
    /// The questions, in order of first appearance.
    pub questions: Vec<QuestionTrend>,
}

/// Header text for matching: lowercase, without whitespace.
pub fn normalise_header(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(text::lower_char)
        .collect()
}

/// A rule saying whether two headers name the same question.
type SameHeader<'a> = dyn Fn(&str, &str) -> bool + 'a;

/// The Likert questions of a summary that have answers and are analysed.
fn questions_of(s: &Summary) -> Vec<&ColumnSummary> {
    s.columns
        .iter()
        .filter(|c| c.kind == Kind::Likert && !c.excluded && c.stats.is_some())
        .collect()
}

fn point(c: &ColumnSummary, matched_by: MatchedBy) -> Option<WavePoint> {
    let st = c.stats.as_ref()?;
    let points = st.steps.len();
    let ends = if points >= 4 { 2 } else { 1 };
    Some(WavePoint {
        column: c.name.clone(),
        matched_by,
        n_valid: st.n_valid,
        top2: st.steps.iter().take(ends).sum(),
        top2_pct: st.top2_pct,
        top2_ci95: st.top2_ci95,
        mean: st.mean,
        sd: st.sd,
        points,
        mean_scale_max: c.mean_scale_max,
        scale: c.scale.clone().unwrap_or_default(),
    })
}

/// Compares the waves `(name, summary)`, in the order given. `mapping` pairs header texts of
/// renamed questions (either direction, ignoring case and spaces): `("Hvor tilfreds er du med
/// din sagsbehandler?", "Hvor tilfreds er du med din rådgiver?")`.
///
/// A column is matched to a question of an earlier wave by exact header first, then by header
/// ignoring case and spaces, then by the mapping; unmatched columns start new questions.
pub fn compare(waves: &[(&str, &Summary)], mapping: &[(String, String)]) -> Comparison {
    let n = waves.len();
    // Per question: per wave the matched column.
    let mut found: Vec<Vec<Option<(&ColumnSummary, MatchedBy)>>> = Vec::new();
    let mapped = |a: &str, b: &str| {
        let (a, b) = (normalise_header(a), normalise_header(b));
        mapping.iter().any(|(x, y)| {
            let (x, y) = (normalise_header(x), normalise_header(y));
            (x == a && y == b) || (x == b && y == a)
        })
    };
    for (w, (_, summary)) in waves.iter().enumerate() {
        let mut left: Vec<&ColumnSummary> = questions_of(summary);
        let passes: [(MatchedBy, &SameHeader); 3] = [
            (MatchedBy::Exact, &|a: &str, b: &str| a == b),
            (MatchedBy::Normalised, &|a: &str, b: &str| {
                normalise_header(a) == normalise_header(b)
            }),
            (MatchedBy::Mapping, &mapped),
        ];
        for (how, same) in passes {
            let mut k = 0;
            while k < left.len() {
                let c = left[k];
                let target = found.iter().position(|q| {
                    q[w].is_none()
                        && q[..w]
                            .iter()
                            .flatten()
                            .any(|(prev, _)| same(&prev.name, &c.name))
                });
                match target {
                    Some(q) => {
                        found[q][w] = Some((c, how));
                        left.remove(k);
                    }
                    None => k += 1,
                }
            }
        }
        for c in left {
            let mut q = vec![None; n];
            q[w] = Some((c, MatchedBy::First));
            found.push(q);
        }
    }
    let questions = found
        .into_iter()
        .map(|q| {
            let points: Vec<Option<WavePoint>> = q
                .iter()
                .map(|m| m.and_then(|(c, how)| point(c, how)))
                .collect();
            trend(points)
        })
        .filter(|t| t.waves.iter().any(Option::is_some))
        .collect();
    Comparison {
        waves: waves.iter().map(|(name, _)| name.to_string()).collect(),
        rows: waves.iter().map(|(_, s)| s.rows).collect(),
        questions,
    }
}

fn trend(points: Vec<Option<WavePoint>>) -> QuestionTrend {
    let present: Vec<usize> = (0..points.len()).filter(|&i| points[i].is_some()).collect();
    let question = present
        .first()
        .and_then(|&i| points[i].as_ref())
        .map(|p| p.column.clone())
        .unwrap_or_default();
    let changes: Vec<Change> = present
        .windows(2)
        .filter_map(|w| change(&points, w[0], w[1]))
        .collect();
    let overall = match (present.first(), present.last()) {
        (Some(&a), Some(&b)) if present.len() > 2 => change(&points, a, b),
        _ => None,
    };
    let scale_changed = {
        let mut scales = points.iter().flatten().map(|p| &p.scale);
        let first = scales.next();
        scales.any(|s| Some(s) != first)
    };
    QuestionTrend {
        question,
        waves: points,
        scale_changed,
        changes,
        overall,
    }
}

/// Compares wave `from` with wave `to` of one question.
pub fn change(points: &[Option<WavePoint>], from: usize, to: usize) -> Option<Change> {
    let a = points.get(from)?.as_ref()?;
    let b = points.get(to)?.as_ref()?;
    let comparable = a.points == b.points;
    let top2_pp = b.top2_pct - a.top2_pct;
    let mean_diff = b.mean - a.mean;
    let top2_test = comparable
        .then(|| {
            stats::two_proportion_z_test(
                a.top2 as f64,
                a.n_valid as f64,
                b.top2 as f64,
                b.n_valid as f64,
            )
        })
        .flatten()
        .map(|t| ChangeTest {
            statistic: t.statistic,
            df: None,
            p_value: t.p_value,
            ci95: [t.ci95.0 * 100.0, t.ci95.1 * 100.0],
            significant: t.p_value < 0.05,
        });
    let mean_test = comparable
        .then(|| {
            stats::welch_t_test(
                a.mean,
                a.sd,
                a.n_valid as f64,
                b.mean,
                b.sd,
                b.n_valid as f64,
            )
        })
        .flatten()
        .map(|t| ChangeTest {
            statistic: t.statistic,
            df: Some(t.df),
            p_value: t.p_value,
            ci95: [t.ci95.0, t.ci95.1],
            significant: t.p_value < 0.05,
        });
    let words = |lang: Lang| {
        if !comparable {
            let text = lang.pick(
                "Skalaen har et andet antal trin i de to runder, så ændringen kan ikke testes.",
                "The scale has a different number of steps in the two waves, so the change cannot be tested.",
            );
            return (text.to_string(), text.to_string());
        }
        (
            change_words(top2_pp, top2_test.as_ref(), Subject::Top2, lang),
            change_words(mean_diff, mean_test.as_ref(), Subject::Mean, lang),
        )
    };
    let (top2_da, mean_da) = words(Lang::Da);
    let (top2_en, mean_en) = words(Lang::En);
    Some(Change {
        from,
        to,
        comparable,
        top2_pp,
        top2_test,
        mean_diff,
        mean_test,
        top2_da,
        top2_en,
        mean_da,
        mean_en,
    })
}

#[derive(Clone, Copy)]
enum Subject {
    Top2,
    Mean,
}

/// "Stigningen på 4,2 procentpoint er statistisk signifikant (p = 0,003)." and the like.
fn change_words(diff: f64, test: Option<&ChangeTest>, subject: Subject, lang: Lang) -> String {
    let (amount, shown_zero) = match subject {
        Subject::Top2 => {
            let text = format_decimal(diff.abs(), 1, lang);
            let unit = lang.pick("procentpoint", "percentage points");
            let zero = format_decimal(0.0, 1, lang);
            (format!("{text} {unit}"), text == zero)
        }
        Subject::Mean => {
            let text = format_mean(diff.abs(), lang);
            (text.clone(), text == format_mean(0.0, lang))
        }
    };
    let p = test.map(|t| p_text(t.p_value, lang));
    let significant = test.is_some_and(|t| t.significant);
    if !diff.is_finite() {
        return lang
            .pick(
                "Ændringen kan ikke beregnes.",
                "The change cannot be computed.",
            )
            .to_string();
    }
    let what_da = match subject {
        Subject::Top2 => "Andelen positive svar",
        Subject::Mean => "Gennemsnittet",
    };
    let what_en = match subject {
        Subject::Top2 => "The share of positive answers",
        Subject::Mean => "The mean",
    };
    if shown_zero {
        return match (lang, p) {
            (Lang::Da, Some(p)) => format!("{what_da} er uændret ({p})."),
            (Lang::Da, None) => format!("{what_da} er uændret."),
            (Lang::En, Some(p)) => format!("{what_en} is unchanged ({p})."),
            (Lang::En, None) => format!("{what_en} is unchanged."),
        };
    }
    let up = diff > 0.0;
    let noun = match (lang, subject, up) {
        (Lang::Da, Subject::Top2, true) => "Stigningen".to_string(),
        (Lang::Da, Subject::Top2, false) => "Faldet".to_string(),
        (Lang::Da, Subject::Mean, true) => "Stigningen i gennemsnittet".to_string(),
        (Lang::Da, Subject::Mean, false) => "Faldet i gennemsnittet".to_string(),
        (Lang::En, Subject::Top2, true) => "The increase".to_string(),
        (Lang::En, Subject::Top2, false) => "The decrease".to_string(),
        (Lang::En, Subject::Mean, true) => "The increase in the mean".to_string(),
        (Lang::En, Subject::Mean, false) => "The decrease in the mean".to_string(),
    };
    let verdict = match (lang, significant) {
        (Lang::Da, true) => "er statistisk signifikant",
        (Lang::Da, false) => "er ikke statistisk signifikant",
        (Lang::En, true) => "is statistically significant",
        (Lang::En, false) => "is not statistically significant",
    };
    let of = lang.pick("på", "of");
    match p {
        Some(p) => format!("{noun} {of} {amount} {verdict} ({p})."),
        None => match lang {
            Lang::Da => format!("{noun} {of} {amount} kan ikke testes (for få svar)."),
            Lang::En => format!("{noun} {of} {amount} cannot be tested (too few answers)."),
        },
    }
}

/// The comparison as a table: one line per question with each wave's n, top-2 and mean, and
/// the change from the first to the last wave with its p-value.
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
    header.push(lang.pick("p (top-2)", "p (top-2)").to_string());
    header.push(lang.pick("Ændring gennemsnit", "Change mean").to_string());
    header.push(lang.pick("p (gennemsnit)", "p (mean)").to_string());
    let rows = cmp
        .questions
        .iter()
        .map(|q| {
            let mut row = vec![q.question.clone()];
            for p in &q.waves {
                match p {
                    Some(p) => {
                        row.push(format_count(p.n_valid, lang));
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
                            .map(|t| p_text(t.p_value, lang))
                            .unwrap_or_else(|| "–".into()),
                    );
                    row.push(signed(c.mean_diff, 2, lang));
                    row.push(
                        c.mean_test
                            .as_ref()
                            .map(|t| p_text(t.p_value, lang))
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

/// A number with an explicit sign: "+4,2", "-3,1", "0,0".
pub fn signed(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format_decimal(value, decimals, lang);
    if value > 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        format!("+{text}")
    } else {
        text
    }
}

// ---------------------------------------------------------------------------------------------
// Combining files
// ---------------------------------------------------------------------------------------------

/// Whether several files can be combined into one: they must have the same headers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombineCheck {
    /// True when every file has the same headers as the first (in any order).
    pub combinable: bool,
    /// True when the headers are the same but in a different order.
    pub reordered: bool,
    /// Per file after the first: headers of the first file it lacks.
    pub missing: Vec<Vec<String>>,
    /// Per file after the first: headers the first file lacks.
    pub extra: Vec<Vec<String>>,
    /// The verdict in Danish.
    pub da: String,
    /// The verdict in English.
    pub en: String,
}

/// Checks whether files with these headers (`(name, headers)`) can be combined.
pub fn combine_check(files: &[(&str, Vec<String>)]) -> CombineCheck {
    let first: Vec<String> = files.first().map(|f| f.1.clone()).unwrap_or_default();
    let mut missing = Vec::new();
    let mut extra = Vec::new();
    let mut reordered = false;
    for (_, headers) in files.iter().skip(1) {
        let mut rest = headers.clone();
        let mut lacks = Vec::new();
        for h in &first {
            match rest.iter().position(|x| x == h) {
                Some(i) => {
                    rest.remove(i);
                }
                None => lacks.push(h.clone()),
            }
        }
        reordered |= lacks.is_empty() && rest.is_empty() && *headers != first;
        missing.push(lacks);
        extra.push(rest);
    }
    let combinable =
        files.len() >= 2 && missing.iter().all(Vec::is_empty) && extra.iter().all(Vec::is_empty);
    let (da, en) = if files.len() < 2 {
        (
            "Vælg mindst to filer at lægge sammen.".to_string(),
            "Choose at least two files to combine.".to_string(),
        )
    } else if combinable {
        (
            "Filerne har de samme kolonner og kan lægges sammen.".to_string(),
            "The files have the same columns and can be combined.".to_string(),
        )
    } else {
        let (file, list) = missing
            .iter()
            .zip(&extra)
            .enumerate()
            .find(|(_, (m, e))| !m.is_empty() || !e.is_empty())
            .map(|(i, (m, e))| {
                let mut all: Vec<String> = m.iter().chain(e).map(|h| format!("'{h}'")).collect();
                let more = all.len().saturating_sub(3);
                all.truncate(3);
                let mut list = all.join(", ");
                if more > 0 {
                    list.push_str(&format!(" (+{more})"));
                }
                (files[i + 1].0.to_string(), list)
            })
            .unwrap_or_default();
        (
            format!("Filerne har ikke de samme kolonner og kan ikke lægges sammen. '{file}' adskiller sig i {list}."),
            format!("The files do not have the same columns and cannot be combined. '{file}' differs in {list}."),
        )
    };
    CombineCheck {
        combinable,
        reordered,
        missing,
        extra,
        da,
        en,
    }
}

/// [`combine_check`] on summaries.
pub fn can_combine(waves: &[(&str, &Summary)]) -> CombineCheck {
    let files: Vec<(&str, Vec<String>)> = waves
        .iter()
        .map(|(name, s)| (*name, s.columns.iter().map(|c| c.name.clone()).collect()))
        .collect();
    combine_check(&files)
}

/// The header of the column that names each row's file.
pub const FILE_COLUMN: &str = "Fil";

/// Combines datasets with the same headers into one, as if their rows had been in one file:
/// dictionaries and counts merged, row codes re-numbered, kinds recognised anew on the merged
/// values, and a last column "Fil" naming each row's file. Columns are matched by header, so
/// their order may differ; the first file's order is kept. `None` when the headers differ or
/// fewer than two files are given.
pub fn concat(parts: &[(&str, &Dataset)]) -> Option<Dataset> {
    let headers: Vec<(&str, Vec<String>)> = parts
        .iter()
        .map(|(n, d)| {
            (
                *n,
                d.columns.iter().map(|c| c.profile.name.clone()).collect(),
            )
        })
        .collect();
    if !combine_check(&headers).combinable {
        return None;
    }
    let first = parts[0].1;
    // Per part: for each of the first file's columns, the matching column (the k-th column
    // of a repeated header matches the k-th one).
    let mut maps: Vec<Vec<usize>> = Vec::with_capacity(parts.len());
    for (_, d) in parts {
        let mut used = vec![false; d.columns.len()];
        let mut map = Vec::with_capacity(first.columns.len());
        for c in &first.columns {
            let j = (0..d.columns.len())
                .find(|&j| !used[j] && d.columns[j].profile.name == c.profile.name)?;
            used[j] = true;
            map.push(j);
        }
        maps.push(map);
    }
    let mut columns: Vec<ColumnData> = (0..first.columns.len())
        .map(|i| {
            let cols: Vec<&ColumnData> = parts
                .iter()
                .zip(&maps)
                .map(|((_, d), m)| &d.columns[m[i]])
                .collect();
            merge_columns(&cols)
        })
        .collect();
    let rows: u64 = parts.iter().map(|(_, d)| d.facts.rows).sum();
    for c in &mut columns {
        c.profile.rows = rows;
    }
    columns.push(file_column(parts, &columns, rows));
    let mut facts = ReadFacts::default();
    for (_, d) in parts {
        let f = &d.facts;
        facts.rows += f.rows;
        facts.blank_rows += f.blank_rows;
        facts.padded_rows += f.padded_rows;
        facts.truncated_rows += f.truncated_rows;
        facts.invalid_values += f.invalid_values;
        facts.first_padded_row = facts.first_padded_row.or(f.first_padded_row);
        facts.first_truncated_row = facts.first_truncated_row.or(f.first_truncated_row);
    }
    Some(Dataset {
        dialect: first.dialect.clone(),
        facts,
        columns,
    })
}

fn merge_columns(cols: &[&ColumnData]) -> ColumnData {
    let name = cols[0].profile.name.clone();
    let mut values: Vec<(String, u64)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Per part: old code → new code.
    let mut remaps: Vec<Vec<usize>> = Vec::with_capacity(cols.len());
    let mut profile = ColumnProfile {
        name,
        ..ColumnProfile::default()
    };
    let mut numeric = NumericAcc::default();
    for c in cols {
        let p = &c.profile;
        let mut remap = vec![0usize];
        for (v, count) in &p.values {
            let i = *index.entry(v.clone()).or_insert_with(|| {
                values.push((v.clone(), 0));
                values.len() - 1
            });
            values[i].1 += count;
            remap.push(i + 1);
        }
        remaps.push(remap);
        profile.empty += p.empty;
        profile.overflowed |= p.overflowed;
        profile.cpr_cells += p.cpr_cells;
        profile.cpr_tokens += p.cpr_tokens;
        profile.numeric_cells += p.numeric_cells;
        profile.max_len = profile.max_len.max(p.max_len);
        profile.total_len += p.total_len;
        merge_numeric(&mut numeric, &c.numeric);
    }
    profile.values = values;
    let fits = profile.values.len() < 255;
    let codes = if fits && cols.iter().all(|c| c.codes.is_some()) {
        let mut out = Vec::new();
        for (c, remap) in cols.iter().zip(&remaps) {
            for &code in c.codes.as_deref().unwrap_or_default() {
                out.push(remap.get(code as usize).map_or(255, |&n| n as u8));
            }
        }
        Some(out)
    } else {
        None
    };
    let inferred = infer_column(&profile);
    ColumnData {
        profile,
        inferred,
        codes,
        numeric,
    }
}

fn merge_numeric(acc: &mut NumericAcc, other: &NumericAcc) {
    if other.n == 0.0 {
        return;
    }
    if acc.n == 0.0 {
        *acc = *other;
        return;
    }
    acc.n += other.n;
    acc.sum += other.sum;
    acc.sum_sq += other.sum_sq;
    acc.min = acc.min.min(other.min);
    acc.max = acc.max.max(other.max);
}

/// The "Fil" column: each row's file name (made unique), a category by construction.
fn file_column(parts: &[(&str, &Dataset)], columns: &[ColumnData], rows: u64) -> ColumnData {
    let mut name = FILE_COLUMN.to_string();
    let mut k = 2;
    while columns.iter().any(|c| c.profile.name == name) {
        name = format!("{FILE_COLUMN} ({k})");
        k += 1;
    }
    let mut values: Vec<(String, u64)> = Vec::new();
    for (file, d) in parts {
        let mut label = clean(file.trim());
        if label.is_empty() {
            label = format!("{}", values.len() + 1);
        }
        let base = label.clone();
        let mut k = 2;
        while values.iter().any(|(v, _)| *v == label) {
            label = format!("{base} ({k})");
            k += 1;
        }
        values.push((label, d.facts.rows));
    }
    let codes = (values.len() < 255).then(|| {
        parts
            .iter()
            .enumerate()
            .flat_map(|(i, (_, d))| std::iter::repeat_n(i as u8 + 1, d.facts.rows as usize))
            .collect()
    });
    let profile = ColumnProfile {
        name,
        max_len: values.iter().map(|(v, _)| v.len()).max().unwrap_or(0),
        total_len: values.iter().map(|(v, c)| v.len() as u64 * c).sum(),
        values,
        rows,
        ..ColumnProfile::default()
    };
    ColumnData {
        profile,
        inferred: Inferred {
            kind: Kind::Category,
            personal_data: false,
            personal_reason: None,
            metadata: false,
            scale: None,
            roles: Vec::new(),
        },
        codes,
        numeric: NumericAcc::default(),
    }
}

// ---------------------------------------------------------------------------------------------
// Charts
// ---------------------------------------------------------------------------------------------

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
                    p.as_ref().map(|p| match measure {
                        WaveMeasure::Top2 => p.top2_pct,
                        WaveMeasure::Mean => p.mean,
                    })
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
    fn headers_normalise_case_and_space() {
        assert_eq!(
            normalise_header("  Hvor  Tilfreds\u{a0}er du? "),
            "hvortilfredserdu?"
        );
    }

    #[test]
    fn signed_numbers() {
        assert_eq!(signed(4.25, 1, Lang::Da), "+4,3");
        assert_eq!(signed(-3.1, 1, Lang::En), "-3.1");
        assert_eq!(signed(0.01, 1, Lang::Da), "0,0");
    }

    #[test]
    fn change_words_in_both_languages() {
        let t = ChangeTest {
            statistic: 3.0,
            df: None,
            p_value: 0.003,
            ci95: [1.0, 7.0],
            significant: true,
        };
        assert_eq!(
            change_words(4.2, Some(&t), Subject::Top2, Lang::Da),
            "Stigningen på 4,2 procentpoint er statistisk signifikant (p = 0,003)."
        );
        assert_eq!(
            change_words(4.2, Some(&t), Subject::Top2, Lang::En),
            "The increase of 4.2 percentage points is statistically significant (p = 0.003)."
        );
        let ns = ChangeTest {
            p_value: 0.214,
            significant: false,
            ..t.clone()
        };
        assert_eq!(
            change_words(-3.1, Some(&ns), Subject::Top2, Lang::Da),
            "Faldet på 3,1 procentpoint er ikke statistisk signifikant (p = 0,214)."
        );
        assert_eq!(
            change_words(-0.15, Some(&ns), Subject::Mean, Lang::En),
            "The decrease in the mean of 0.15 is not statistically significant (p = 0.214)."
        );
        assert_eq!(
            change_words(0.01, Some(&ns), Subject::Top2, Lang::Da),
            "Andelen positive svar er uændret (p = 0,214)."
        );
        assert_eq!(
            change_words(f64::NAN, None, Subject::Mean, Lang::En),
            "The change cannot be computed."
        );
    }

    #[test]
    fn combine_check_reports_differences() {
        let a = vec!["A".to_string(), "B".to_string()];
        let b = vec!["B".to_string(), "A".to_string()];
        let c = vec!["A".to_string(), "C".to_string()];
        let ok = combine_check(&[("a.csv", a.clone()), ("b.csv", b)]);
        assert!(ok.combinable && ok.reordered);
        let bad = combine_check(&[("a.csv", a.clone()), ("c.csv", c)]);
        assert!(!bad.combinable);
        assert_eq!(bad.missing, vec![vec!["B".to_string()]]);
        assert_eq!(bad.extra, vec![vec!["C".to_string()]]);
        assert!(bad.da.contains("'c.csv'") && bad.en.contains("'B'"));
        assert!(!combine_check(&[("a.csv", a)]).combinable);
        assert!(!combine_check(&[]).combinable);
    }

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
