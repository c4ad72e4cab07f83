//! `tilfreds`: the survey analyzer on the command line, for batch use and tests.
//!
//! ```text
//! tilfreds summary FILE [--by COLUMN] [--min-cell N] [--invited N] [--json] [--lang da|en]
//! ```
//!
//! Cross-tables, weights and wave comparisons (`crosstab`, `weighted`, `summary --weight`,
//! `compare`) are described in `analysis_cli.rs`.

mod analysis_cli;

use std::io::{Read, Write};
use std::process::ExitCode;

use tilfreds::i18n::{format_count, format_mean, format_pct};
use tilfreds::kinds::Kind;
use tilfreds::{Analyzer, Lang, ReadOptions, Summary, SummaryOptions};

const USAGE: &str = "usage: tilfreds summary FILE [--by COLUMN] [--min-cell N] [--invited N] [--json] [--lang da|en]";

struct Args {
    file: String,
    options: SummaryOptions,
    json: bool,
    lang: Lang,
}

fn parse_args() -> Result<Args, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut command = None;
    let mut file = None;
    let mut options = SummaryOptions::default();
    let mut json = false;
    let mut lang = Lang::Da;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("by") => {
                options.by = Some(
                    parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .map_err(|_| "--by: not valid text")?,
                )
            }
            Long("min-cell") => {
                options.min_cell = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .parse()
                    .map_err(|e| format!("--min-cell: {e}"))?
            }
            Long("invited") => {
                options.invited = Some(
                    parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .parse()
                        .map_err(|e| format!("--invited: {e}"))?,
                )
            }
            Long("json") => json = true,
            Long("lang") => {
                lang = Lang::parse(
                    &parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .unwrap_or_default(),
                )
            }
            Short('h') | Long("help") => return Err(USAGE.to_string()),
            Value(v) if command.is_none() => {
                command = Some(v.string().map_err(|_| "command: not valid text")?)
            }
            Value(v) if file.is_none() => {
                file = Some(v.string().map_err(|_| "file name: not valid text")?)
            }
            other => return Err(format!("{}\n{USAGE}", other.unexpected())),
        }
    }
    match command.as_deref() {
        Some("summary") => {}
        Some(other) => return Err(format!("unknown command '{other}'\n{USAGE}")),
        None => return Err(USAGE.to_string()),
    }
    let file = file.ok_or_else(|| format!("missing FILE\n{USAGE}"))?;
    Ok(Args {
        file,
        options,
        json,
        lang,
    })
}

fn main() -> ExitCode {
    if let Some(code) = analysis_cli::dispatch() {
        return code;
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("tilfreds: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let mut file = std::fs::File::open(&args.file).map_err(|e| format!("{}: {e}", args.file))?;
    let mut analyzer = Analyzer::new(ReadOptions::default());
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| format!("{}: {e}", args.file))?;
        if n == 0 {
            break;
        }
        analyzer
            .push(&buf[..n])
            .map_err(|e| format!("{}: {}", args.file, e.message(args.lang)))?;
    }
    let dataset = analyzer
        .finish()
        .map_err(|e| format!("{}: {}", args.file, e.message(args.lang)))?;
    let summary = dataset.summary(&args.options);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &summary)
            .map_err(|e| e.to_string())
            .and_then(|_| writeln!(out).map_err(|e| e.to_string()))
    } else {
        print_table(&mut out, &summary, args.lang).map_err(|e| e.to_string())
    };
    match written {
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.contains("Broken pipe") => Ok(()),
        other => other,
    }
}

fn print_table(out: &mut impl Write, s: &Summary, lang: Lang) -> std::io::Result<()> {
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
            "{}: {} / {} = {} (± {})",
            lang.pick("Svarprocent", "Response rate"),
            format_count(r.responded, lang),
            format_count(r.invited, lang),
            format_pct(r.rate_pct, lang),
            format_pct(r.margin_of_error_pct, lang)
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
        writeln!(out, "{:>3}  {:<9} {}{flags}", c.index + 1, kind, c.name)?;
        if let (Kind::Likert, Some(st)) = (c.kind, &c.stats) {
            writeln!(
                out,
                "     n = {}   top-2 = {}   {} = {}   {} = {} (sd {})",
                format_count(st.n_valid, lang),
                format_pct(st.top2_pct, lang),
                lang.pick("bund-2", "bottom-2"),
                format_pct(st.bottom2_pct, lang),
                lang.pick("gennemsnit", "mean"),
                format_mean(st.mean, lang),
                format_mean(st.sd, lang)
            )?;
            if let Some(by) = &c.by {
                for (group, v) in by {
                    match v.get("top2_pct").and_then(|x| x.as_f64()) {
                        Some(t) => writeln!(
                            out,
                            "       {group:<28} n = {:>6}   top-2 = {}",
                            v.get("n_valid").and_then(|x| x.as_u64()).unwrap_or(0),
                            format_pct(t, lang)
                        )?,
                        None => writeln!(
                            out,
                            "       {group:<28} {}",
                            lang.pick("for få svar", "too few answers")
                        )?,
                    }
                }
                if let Some(t) = &c.test {
                    writeln!(
                        out,
                        "       χ² = {:.2}, df = {}, p = {:.4}, V = {:.3}",
                        t.chi_square, t.df, t.p_value, t.cramers_v
                    )?;
                }
            }
        }
    }
    Ok(())
}
