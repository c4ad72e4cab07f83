//! The command-line subcommands for the deeper statistics:
//!
//! ```text
//! tilfreds crosstab FILE --rows COLUMN --cols COLUMN [--min-cell N] [--show counts|row|col|total]
//!                   [--svg OUT.svg] [--json] [--lang da|en]
//! tilfreds weighted FILE --weight COLUMN [--question COLUMN] [--by COLUMN] [--min-cell N]
//!                   [--json] [--lang da|en]
//! tilfreds summary FILE --weight COLUMN ...      (the same as `weighted`)
//! tilfreds compare FILE1 FILE2 [FILE3 ...] [--map 'OLD=NEW']... [--measure top2|mean]
//!                   [--svg OUT.svg] [--json] [--lang da|en]
//! ```
//!
//! Columns are named by header text or 1-based position.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::process::ExitCode;

use serde_json::{json, Value};
use tilfreds::crosstab::{self, CellShow};
use tilfreds::export::Table;
use tilfreds::i18n::{format_count, format_decimal, format_mean, format_pct};
use tilfreds::waves::{self, WaveMeasure};
use tilfreds::weights::{self, WeightedStats};
use tilfreds::{Analyzer, Dataset, Lang, ReadOptions, SummaryOptions};

const USAGE: &str = "usage:
  tilfreds crosstab FILE --rows COLUMN --cols COLUMN [--min-cell N] [--show counts|row|col|total] [--svg OUT.svg] [--json] [--lang da|en]
  tilfreds weighted FILE --weight COLUMN [--question COLUMN] [--by COLUMN] [--min-cell N] [--json] [--lang da|en]
  tilfreds summary FILE --weight COLUMN [--by COLUMN] [--min-cell N] [--json] [--lang da|en]
  tilfreds compare FILE1 FILE2 [FILE3 ...] [--map 'OLD=NEW']... [--measure top2|mean] [--svg OUT.svg] [--json] [--lang da|en]";

/// Runs `crosstab`, `weighted`, `compare` or `summary --weight`; `None` for every other
/// command line, which the summary command handles.
pub fn dispatch() -> Option<ExitCode> {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let command = args.first()?.to_str()?.to_string();
    let weighted_summary = command == "summary"
        && args
            .iter()
            .any(|a| a == "--weight" || a.to_str().is_some_and(|s| s.starts_with("--weight=")));
    if !matches!(command.as_str(), "crosstab" | "weighted" | "compare") && !weighted_summary {
        return None;
    }
    let opts = match parse(&command, args[1..].to_vec()) {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("{msg}");
            return Some(ExitCode::from(2));
        }
    };
    let result = match command.as_str() {
        "crosstab" => run_crosstab(&opts),
        "compare" => run_compare(&opts),
        _ => run_weighted(&opts),
    };
    Some(match result {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("tilfreds: {msg}");
            ExitCode::FAILURE
        }
    })
}

#[derive(Default)]
struct Opts {
    files: Vec<String>,
    rows: Option<String>,
    cols: Option<String>,
    weight: Option<String>,
    question: Option<String>,
    by: Option<String>,
    min_cell: u64,
    show: CellShow,
    measure: WaveMeasure,
    mapping: Vec<(String, String)>,
    svg: Option<String>,
    json: bool,
    lang: Lang,
}

fn parse(command: &str, args: Vec<OsString>) -> Result<Opts, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut o = Opts {
        min_cell: SummaryOptions::default().min_cell,
        ..Opts::default()
    };
    let text = |v: Result<OsString, lexopt::Error>, flag: &str| -> Result<String, String> {
        v.map_err(|e| e.to_string())?
            .into_string()
            .map_err(|_| format!("{flag}: not valid text"))
    };
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("rows") if command == "crosstab" => o.rows = Some(text(parser.value(), "--rows")?),
            Long("cols") if command == "crosstab" => o.cols = Some(text(parser.value(), "--cols")?),
            Long("show") if command == "crosstab" => {
                o.show = match text(parser.value(), "--show")?.as_str() {
                    "counts" | "n" => CellShow::Counts,
                    "row" => CellShow::RowPct,
                    "col" => CellShow::ColPct,
                    "total" => CellShow::TotalPct,
                    other => return Err(format!("--show: unknown value '{other}'\n{USAGE}")),
                }
            }
            Long("weight") if command != "crosstab" && command != "compare" => {
                o.weight = Some(text(parser.value(), "--weight")?)
            }
            Long("question") if command != "crosstab" && command != "compare" => {
                o.question = Some(text(parser.value(), "--question")?)
            }
            Long("by") if command != "crosstab" && command != "compare" => {
                o.by = Some(text(parser.value(), "--by")?)
            }
            Long("min-cell") if command != "compare" => {
                o.min_cell = text(parser.value(), "--min-cell")?
                    .parse()
                    .map_err(|e| format!("--min-cell: {e}"))?
            }
            Long("map") if command == "compare" => {
                let m = text(parser.value(), "--map")?;
                let (a, b) = m
                    .split_once('=')
                    .ok_or_else(|| format!("--map: expected 'OLD=NEW', got '{m}'"))?;
                o.mapping.push((a.trim().to_string(), b.trim().to_string()));
            }
            Long("measure") if command == "compare" => {
                o.measure = match text(parser.value(), "--measure")?.as_str() {
                    "top2" => WaveMeasure::Top2,
                    "mean" => WaveMeasure::Mean,
                    other => return Err(format!("--measure: unknown value '{other}'\n{USAGE}")),
                }
            }
            Long("svg") if command == "crosstab" || command == "compare" => {
                o.svg = Some(text(parser.value(), "--svg")?)
            }
            Long("json") => o.json = true,
            Long("lang") => o.lang = Lang::parse(&text(parser.value(), "--lang")?),
            Short('h') | Long("help") => return Err(USAGE.to_string()),
            Value(v) => o.files.push(
                v.into_string()
                    .map_err(|_| "file name: not valid text".to_string())?,
            ),
            other => return Err(format!("{}\n{USAGE}", other.unexpected())),
        }
    }
    let need = if command == "compare" { 2 } else { 1 };
    if o.files.len() < need || (command != "compare" && o.files.len() > 1) {
        return Err(format!("{command}: wrong number of files\n{USAGE}"));
    }
    match command {
        "crosstab" if o.rows.is_none() || o.cols.is_none() => {
            Err(format!("crosstab: --rows and --cols are required\n{USAGE}"))
        }
        "weighted" | "summary" if o.weight.is_none() => {
            Err(format!("{command}: --weight is required\n{USAGE}"))
        }
        _ => Ok(o),
    }
}

fn read_dataset(path: &str, lang: Lang) -> Result<Dataset, String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut analyzer = Analyzer::new(ReadOptions::default());
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).map_err(|e| format!("{path}: {e}"))?;
        if n == 0 {
            break;
        }
        analyzer
            .push(&buf[..n])
            .map_err(|e| format!("{path}: {}", e.message(lang)))?;
    }
    analyzer
        .finish()
        .map_err(|e| format!("{path}: {}", e.message(lang)))
}

fn column(ds: &Dataset, key: &str, lang: Lang) -> Result<usize, String> {
    ds.find_column(key).ok_or_else(|| {
        lang.pick(
            &format!("der er ingen kolonne ved navn '{key}'"),
            &format!("there is no column named '{key}'"),
        )
        .to_string()
    })
}

fn io(e: std::io::Error) -> String {
    e.to_string()
}

fn print_json(value: &impl serde::Serialize) -> Result<(), String> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| e.to_string())?;
    writeln!(out).map_err(io)
}

/// Prints a table with aligned columns: the first left-aligned, the others right-aligned.
fn print_table(out: &mut impl Write, table: &Table) -> std::io::Result<()> {
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

fn write_svg(path: &str, svg: &str) -> Result<(), String> {
    std::fs::write(path, svg).map_err(|e| format!("{path}: {e}"))
}

fn run_crosstab(o: &Opts) -> Result<(), String> {
    let lang = o.lang;
    let ds = read_dataset(&o.files[0], lang)?;
    let r = column(&ds, o.rows.as_deref().unwrap_or_default(), lang)?;
    let c = column(&ds, o.cols.as_deref().unwrap_or_default(), lang)?;
    let ct = crosstab::crosstab_checked(&ds, r, c, o.min_cell).map_err(|e| e.message(lang))?;
    if let Some(path) = &o.svg {
        write_svg(path, &crosstab::heatmap_svg(&ct, 800, lang))?;
    }
    if o.json {
        return print_json(&ct);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let write = |out: &mut std::io::StdoutLock| -> std::io::Result<()> {
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
        print_table(out, &crosstab::crosstab_table(&ct, o.show, lang))?;
        if o.show != CellShow::Counts {
            writeln!(out)?;
            print_table(out, &crosstab::crosstab_table(&ct, CellShow::Counts, lang))?;
        }
        writeln!(out)?;
        match crosstab::crosstab_test_text(&ct, lang) {
            Some(t) => writeln!(out, "{t}")?,
            None => writeln!(
                out,
                "{}",
                lang.pick(
                    "Der er for få grupper med svar til en test.",
                    "Too few groups with answers for a test."
                )
            )?,
        }
        Ok(())
    };
    write(&mut out).map_err(io)
}

fn run_weighted(o: &Opts) -> Result<(), String> {
    let lang = o.lang;
    let ds = read_dataset(&o.files[0], lang)?;
    let w = column(&ds, o.weight.as_deref().unwrap_or_default(), lang)?;
    let questions: Vec<WeightedStats> = match &o.question {
        Some(q) => {
            let q = column(&ds, q, lang)?;
            vec![weights::weighted_scale_stats(&ds, q, w).map_err(|e| e.message(lang))?]
        }
        None => weights::weighted_all(&ds, w).map_err(|e| e.message(lang))?,
    };
    let by = o.by.as_deref().map(|b| column(&ds, b, lang)).transpose()?;
    let mut groups = Vec::new();
    for s in &questions {
        let g = match by {
            Some(g) => {
                let q = ds.find_column(&s.question).unwrap_or(0);
                Some(
                    weights::weighted_by_group(&ds, q, w, g, o.min_cell)
                        .map_err(|e| e.message(lang))?,
                )
            }
            None => None,
        };
        groups.push(g);
    }
    if o.json {
        let items: Vec<Value> = questions
            .iter()
            .zip(&groups)
            .map(|(s, g)| {
                let mut v = serde_json::to_value(s).unwrap_or(Value::Null);
                if let (Some(g), Some(map)) = (g, v.as_object_mut()) {
                    map.insert("by".into(), serde_json::to_value(g).unwrap_or(Value::Null));
                }
                v
            })
            .collect();
        return print_json(&json!({
            "weight": ds.columns[w].profile.name,
            "by": by.map(|g| ds.columns[g].profile.name.clone()),
            "min_cell": o.min_cell.max(1),
            "questions": items,
        }));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let write = |out: &mut std::io::StdoutLock| -> std::io::Result<()> {
        writeln!(
            out,
            "{}: {}",
            lang.pick("Vægt", "Weight"),
            ds.columns[w].profile.name
        )?;
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
        for (s, g) in questions.iter().zip(&groups) {
            writeln!(out)?;
            writeln!(out, "{}", s.question)?;
            for (k, v) in weights::weighted_facts(s, lang) {
                writeln!(out, "    {k}: {v}")?;
            }
            if let Some(groups) = g {
                for group in groups {
                    match &group.stats {
                        Some(st) => writeln!(
                            out,
                            "      {:<28} n = {:>6}   n_eff = {:>7}   top-2 = {}   {} = {}",
                            group.label,
                            format_count(st.n_valid, lang),
                            format_decimal(st.n_eff, 1, lang),
                            format_pct(st.top2_pct, lang),
                            lang.pick("gennemsnit", "mean"),
                            format_mean(st.mean, lang)
                        )?,
                        None => writeln!(
                            out,
                            "      {:<28} {}",
                            group.label,
                            lang.pick("for få svar", "too few answers")
                        )?,
                    }
                }
            }
        }
        Ok(())
    };
    write(&mut out).map_err(io)
}

fn run_compare(o: &Opts) -> Result<(), String> {
    let lang = o.lang;
    let mut summaries = Vec::with_capacity(o.files.len());
    for f in &o.files {
        let ds = read_dataset(f, lang)?;
        summaries.push(ds.summary(&SummaryOptions {
            min_cell: o.min_cell,
            ..SummaryOptions::default()
        }));
    }
    let names: Vec<String> = o
        .files
        .iter()
        .map(|f| {
            std::path::Path::new(f)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| f.clone())
        })
        .collect();
    let waves_in: Vec<(&str, &tilfreds::Summary)> =
        names.iter().map(String::as_str).zip(&summaries).collect();
    let cmp = waves::compare(&waves_in, &o.mapping);
    let check = waves::can_combine(&waves_in);
    if let Some(path) = &o.svg {
        let chart = waves::wave_chart(&cmp, o.measure, None, lang);
        write_svg(path, &waves::waves_svg(&chart, 800, lang))?;
    }
    if o.json {
        return print_json(&json!({ "comparison": cmp, "combine": check }));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let write = |out: &mut std::io::StdoutLock| -> std::io::Result<()> {
        let rows: Vec<String> = cmp
            .waves
            .iter()
            .zip(&cmp.rows)
            .map(|(w, n)| format!("{w} ({})", format_count(*n, lang)))
            .collect();
        writeln!(
            out,
            "{}: {}",
            lang.pick("Runder (besvarelser)", "Waves (responses)"),
            rows.join(", ")
        )?;
        writeln!(out, "{}", lang.pick(&check.da, &check.en))?;
        writeln!(out)?;
        print_table(out, &waves::comparison_table(&cmp, lang))?;
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
            for c in q.changes.iter().chain(&q.overall) {
                writeln!(
                    out,
                    "    {} → {}: {} {}",
                    cmp.waves[c.from],
                    cmp.waves[c.to],
                    lang.pick(&c.top2_da, &c.top2_en),
                    if c.comparable {
                        lang.pick(&c.mean_da, &c.mean_en)
                    } else {
                        ""
                    }
                )?;
            }
        }
        Ok(())
    };
    write(&mut out).map_err(io)
}
