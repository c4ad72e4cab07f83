//! The text and JSON the command line prints.

use std::io::{self, Write};

use tilfreds::analyze::crosstab::Crosstab;
use tilfreds::analyze::summary::{ColumnSummary, IndexStats, IndexSummary};
use tilfreds::analyze::waves::Comparison;
use tilfreds::analyze::weights::{WeightedGroup, WeightedStats};
use tilfreds::data::concat::CombineCheck;
use tilfreds::model::kinds::Kind;
use tilfreds::present::export::Table;
use tilfreds::present::views::crosstab::{crosstab_table, crosstab_test_text, CellShow};
use tilfreds::present::views::waves::{change_texts, comparison_table};
use tilfreds::present::views::weighted::{weighted_breakdown, weighted_facts};
use tilfreds::words::lang::{format_count, format_decimal, format_mean, format_p, format_pct};
use tilfreds::words::phrases::{
    base_note, margin_of_error, margin_of_error_label, nps_label, nps_value,
};
use tilfreds::{Lang, Summary};

/// Writes `value` as pretty JSON and a line end.
pub fn json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// The summary as text: the file's facts, then one line per column and, for scale
/// questions, their figures and breakdown.
pub fn summary(out: &mut impl Write, s: &Summary, lang: Lang) -> io::Result<()> {
    findings(out, s, lang)?;
    let d = &s.dialect;
    let delim = if d.delimiter == "\t" {
        "TAB".to_string()
    } else {
        d.delimiter.clone()
    };
    writeln!(
        out,
        "{}: {}   {}: {}   {}: {delim}   {}: {}",
        lang.pick("Besvarelser", "Responses"),
        format_count(s.rows, lang),
        lang.pick("Tegnsæt", "Encoding"),
        d.encoding,
        lang.pick("Skilletegn", "Delimiter"),
        lang.pick("Overskriftsrækker", "Header rows"),
        d.header_rows
    )?;
    if let Some(r) = &s.response {
        writeln!(
            out,
            "{}: {} / {} = {} ({} {})",
            lang.pick("Svarprocent", "Response rate"),
            format_count(r.responded, lang),
            format_count(r.invited, lang),
            format_pct(r.rate_pct, lang),
            margin_of_error(r.margin_of_error_pct, lang),
            lang.pick("på alle svar", "on every response")
        )?;
    }
    for w in &s.warnings {
        writeln!(out, "! {}", lang.pick(&w.da, &w.en))?;
    }
    writeln!(out)?;
    for c in &s.columns {
        let kind = format!("{:?}", c.kind).to_lowercase();
        let mut flags = String::new();
        if c.personal_data {
            flags.push_str(lang.pick(" [personoplysninger]", " [personal data]"));
        }
        if c.excluded {
            flags.push_str(lang.pick(" [udeladt]", " [excluded]"));
        }
        let kind = match c.index_score {
            Some(_) => "index".to_string(),
            None => kind,
        };
        writeln!(out, "{:>3}  {:<9} {}{flags}", c.index + 1, kind, c.name)?;
        if let Some(ix) = &c.index_score {
            index(out, c, ix, s.min_cell, lang)?;
        }
        if let (Kind::Likert, Some(st)) = (c.kind, &c.stats) {
            writeln!(
                out,
                "     {}   top-2 = {}   {} = {}   {} = {} (sd {})",
                base_note(st.base, st.apart, s.include_non_substantive, lang),
                format_pct(st.top2_pct, lang),
                lang.pick("bund-2", "bottom-2"),
                format_pct(st.bottom2_pct, lang),
                lang.pick("gennemsnit", "mean"),
                format_mean(st.mean, lang),
                st.sd
                    .map_or_else(|| "–".to_string(), |sd| format_mean(sd, lang))
            )?;
            if let Some(nps) = &st.nps {
                writeln!(
                    out,
                    "     {} = {}",
                    nps_label(lang),
                    nps_value(nps.score, nps.ci95[0], nps.ci95[1], lang)
                )?;
            }
            if let Some(moe) = c.margin_of_error_pp {
                writeln!(
                    out,
                    "     {}: {}",
                    margin_of_error_label(lang),
                    margin_of_error(moe, lang)
                )?;
            }
            if let Some(by) = &c.by {
                for (group, v) in by {
                    match v.get("top2_pct").and_then(|x| x.as_f64()) {
                        Some(t) => writeln!(
                            out,
                            "       {group:<28} n = {:>6}   top-2 = {}",
                            format_count(
                                v.get("n_valid").and_then(|x| x.as_u64()).unwrap_or(0),
                                lang
                            ),
                            format_pct(t, lang)
                        )?,
                        None => writeln!(
                            out,
                            "       {group:<28} {}",
                            tilfreds::words::phrases::too_few(lang)
                        )?,
                    }
                }
                if let Some(t) = &c.test {
                    writeln!(
                        out,
                        "       χ² = {}, df = {}, {}, Holm {}, V = {}",
                        format_decimal(t.chi_square, 2, lang),
                        t.df,
                        format_p(t.p_value, lang),
                        format_p(t.p_adjusted, lang),
                        format_decimal(t.cramers_v, 3, lang)
                    )?;
                    if t.expected_below_5_pct > 20.0 {
                        writeln!(
                            out,
                            "       {}",
                            tilfreds::words::messages::low_expected_counts(
                                t.expected_below_5_pct,
                                lang
                            )
                        )?;
                    }
                }
            }
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        tilfreds::words::messages::base_rule(s.include_non_substantive, lang)
    )?;
    if s.columns.iter().any(|c| c.index_score.is_some()) {
        writeln!(out, "{}", tilfreds::words::messages::index_method(lang))?;
    }
    // The breakdowns' verdicts rest on the correction: say how, once.
    if s.by.is_some() {
        writeln!(
            out,
            "{}",
            tilfreds::words::messages::statistics_method(lang)
        )?;
    }
    Ok(())
}

/// An index score: its mean with the interval, on its scale and on 0–100, its items and rule,
/// and its groups.
fn index(
    out: &mut impl Write,
    c: &ColumnSummary,
    ix: &IndexSummary,
    min_cell: u64,
    lang: Lang,
) -> io::Result<()> {
    let mean = |st: &IndexStats| {
        let ci = |ci: Option<[f64; 2]>, f: &dyn Fn(f64) -> String| {
            ci.map_or_else(
                || tilfreds::words::phrases::too_few_for_interval(lang).to_string(),
                |[lo, hi]| format!("{}–{}", f(lo), f(hi)),
            )
        };
        let one = |v: f64| format_decimal(v, 1, lang);
        let two = |v: f64| format_mean(v, lang);
        format!(
            "{} ({})   0–100 = {} ({})",
            format_mean(st.mean, lang),
            ci(st.mean_ci95, &two),
            format_decimal(st.mean_100, 1, lang),
            ci(st.mean_ci95_100, &one)
        )
    };
    writeln!(
        out,
        "     n = {}   {} {}–{} = {}",
        format_count(ix.stats.n, lang),
        lang.pick("gennemsnit", "mean"),
        ix.scale_min,
        ix.scale_max,
        mean(&ix.stats)
    )?;
    writeln!(
        out,
        "     {}: {} ({})",
        lang.pick("Spørgsmål", "Questions"),
        ix.items.join(" · "),
        tilfreds::words::messages::index_rule(ix.min_items, ix.items.len(), lang)
    )?;
    for (group, st) in &c.index_by {
        writeln!(
            out,
            "       {group:<28} n = {:>6}   {}",
            format_count(st.n, lang),
            mean(st)
        )?;
    }
    if let Some(note) = tilfreds::words::phrases::withheld_note(c.withheld_groups, min_cell, lang) {
        writeln!(out, "       {note}")?;
    }
    Ok(())
}

/// Prints a table with aligned columns: the first left-aligned, the others right-aligned.
/// The main results first, one sentence a line.
fn findings(out: &mut impl Write, s: &Summary, lang: Lang) -> io::Result<()> {
    if s.findings.is_empty() {
        return Ok(());
    }
    writeln!(out, "{}", lang.pick("Hovedresultater", "Main results"))?;
    for f in &s.findings {
        writeln!(out, "- {}", f.text(lang))?;
    }
    writeln!(out)
}

fn table(out: &mut impl Write, table: &Table) -> io::Result<()> {
    let width = |s: &str| s.chars().count();
    let cols = table
        .rows
        .iter()
        .chain(std::iter::once(&table.header))
        .map(Vec::len)
        .max()
        .unwrap_or(0);
    let mut widths = vec![0usize; cols];
    for row in std::iter::once(&table.header).chain(&table.rows) {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell));
        }
    }
    if let Some(first) = widths.first_mut() {
        *first = (*first).min(48);
    }
    for row in std::iter::once(&table.header).chain(&table.rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let cell: String = if i == 0 && width(cell) > widths[0] {
                let mut s: String = cell.chars().take(widths[0].saturating_sub(1)).collect();
                s.push('…');
                s
            } else {
                cell.clone()
            };
            let pad = " ".repeat(widths[i].saturating_sub(width(&cell)));
            if i == 0 {
                line.push_str(&cell);
                line.push_str(&pad);
            } else {
                line.push_str("  ");
                line.push_str(&pad);
                line.push_str(&cell);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The cross-table as text: the cells as `show` asks (and the counts too when that is not
/// them), then the test.
pub fn crosstab(out: &mut impl Write, ct: &Crosstab, show: CellShow, lang: Lang) -> io::Result<()> {
    writeln!(out, "{} × {}", ct.row_column, ct.col_column)?;
    writeln!(
        out,
        "{}: {}   {}: {}",
        lang.pick(
            "Besvarelser med svar i begge",
            "Responses with both answers"
        ),
        format_count(ct.total, lang),
        lang.pick("uden svar i en af dem", "missing one of them"),
        format_count(ct.missing, lang)
    )?;
    writeln!(out)?;
    table(out, &crosstab_table(ct, show, lang))?;
    if show != CellShow::Counts {
        writeln!(out)?;
        table(out, &crosstab_table(ct, CellShow::Counts, lang))?;
    }
    writeln!(out)?;
    match crosstab_test_text(ct, lang) {
        Some(t) => writeln!(out, "{t}"),
        None => writeln!(
            out,
            "{}",
            lang.pick(
                "Der er for få grupper med svar til en test.",
                "Too few groups with answers for a test."
            )
        ),
    }
}

/// The weighted figures as text: per question, and per group when broken down.
pub fn weighted(
    out: &mut impl Write,
    weight: &str,
    questions: &[WeightedStats],
    groups: &[Option<(Vec<WeightedGroup>, u64)>],
    min_cell: u64,
    lang: Lang,
) -> io::Result<()> {
    writeln!(out, "{}: {}", lang.pick("Vægt", "Weight"), weight)?;
    if questions.is_empty() {
        writeln!(
            out,
            "{}",
            lang.pick(
                "Filen har ingen spørgsmål med en svarskala.",
                "The file has no questions with an answer scale."
            )
        )?;
    }
    for (s, g) in questions.iter().zip(groups) {
        writeln!(out)?;
        writeln!(out, "{}", s.question)?;
        for (k, v) in weighted_facts(s, lang) {
            writeln!(out, "    {k}: {v}")?;
        }
        if let Some((groups, withheld)) = g {
            writeln!(out)?;
            table(out, &weighted_breakdown(s, groups, lang).1)?;
            if let Some(note) = tilfreds::words::phrases::withheld_note(*withheld, min_cell, lang) {
                writeln!(out, "{note}")?;
            }
        }
    }
    Ok(())
}

/// The wave comparison as text: the waves, whether they can be combined, the table, then each
/// question's changes.
pub fn compare(
    out: &mut impl Write,
    cmp: &Comparison,
    check: &CombineCheck,
    lang: Lang,
) -> io::Result<()> {
    let rows: Vec<String> = cmp
        .waves
        .iter()
        .zip(&cmp.rows)
        .map(|(w, n)| match n {
            Some(n) => format!("{w} ({})", format_count(*n, lang)),
            None => format!("{w} ({})", tilfreds::words::phrases::too_few(lang)),
        })
        .collect();
    writeln!(
        out,
        "{}: {}",
        lang.pick("Runder (besvarelser)", "Waves (responses)"),
        rows.join(", ")
    )?;
    writeln!(out, "{}", lang.pick(&check.da, &check.en))?;
    writeln!(out)?;
    table(out, &comparison_table(cmp, lang))?;
    for q in &cmp.questions {
        if q.changes.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{}", q.question)?;
        if q.scale_changed {
            writeln!(
                out,
                "    {}",
                lang.pick(
                    "Bemærk: svarskalaens ordlyd er ændret mellem runderne.",
                    "Note: the wording of the answer scale changed between waves."
                )
            )?;
        }
        for text in change_texts(&cmp.waves, q, lang) {
            writeln!(out, "    {text}")?;
        }
    }
    Ok(())
}
