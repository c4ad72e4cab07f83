//! `tilfreds`: the survey analyzer on the command line, for batch use and tests.
//!
//! ```text
//! tilfreds summary FILE [--by COLUMN] [--min-cell N] [--invited N] [--include-dont-know]
//!                   [--index 'NAME=Q1,Q2,...']... [--sheet NAME] [--no-header] [--json] [--lang da|en]
//! tilfreds crosstab FILE --rows COLUMN --cols COLUMN [--min-cell N] [--show counts|row|col|total]
//!                   [--include-dont-know] [--svg OUT.svg] [--sheet NAME] [--no-header] [--json]
//!                   [--lang da|en]
//! tilfreds weighted FILE --weight COLUMN [--question COLUMN] [--by COLUMN] [--min-cell N]
//!                   [--include-dont-know] [--sheet NAME] [--no-header] [--json] [--lang da|en]
//! tilfreds summary FILE --weight COLUMN ...      (the same as `weighted`)
//! tilfreds compare FILE1 FILE2 [FILE3 ...] [--map 'OLD=NEW']... [--index 'NAME=Q1,Q2,...']...
//!                   [--measure top2|mean]
//!                   [--include-dont-know] [--svg OUT.svg] [--sheet NAME] [--no-header] [--json] [--lang da|en]
//! tilfreds report FILE --out REPORT.docx|REPORT.pptx [--by COLUMN] [--author TEXT] [--min-cell N]
//!                   [--invited N] [--include-dont-know] [--sheet NAME] [--no-header] [--lang da|en]
//! ```
//!
//! `report` writes the report as a Word file (main results, question by question with a chart
//! and a table, a methods appendix) or as PowerPoint slides (one per chart), told by the name
//! `--out` ends in.
//!
//! `--index NAME=Q1,Q2,...` adds an index score: per respondent the mean of the scale questions
//! named (by header, variable name or position), when at least half of them are answered.
//!
//! `--include-dont-know` counts "Ved ikke", "Ikke relevant" and the like in the base of every
//! percentage, as many published figures have them; by default they are counted apart (`summary`,
//! `crosstab`, `weighted`, `compare`).
//!
//! FILE is a CSV or text export, an Excel workbook (.xlsx, whatever its name), read from its
//! first visible sheet with data or from the sheet `--sheet` names, or an SPSS data file (.sav,
//! .zsav, whatever its name), its value labels as the answers.
//!
//! Columns are named by header text or 1-based position. `--no-header` reads files without a
//! header row: the first row is answers, and the columns are "Kolonne 1", "Kolonne 2", …
//! ("Column 1", … with `--lang en`). When a header row looks like answers, `summary` says so
//! among its warnings and the other commands on standard error. Usage errors exit with 2, failures
//! (a file that cannot be read, a column that is not there) with 1.

mod args;
#[cfg(feature = "chart-png")]
mod png;
mod print;

use std::io::{self, Read};
use std::process::ExitCode;

use serde_json::{json, Value};
use tilfreds::analyze::{crosstab, waves, weights};
use tilfreds::present::chart::heatmap;
use tilfreds::present::chart::waves as chart_waves;
use tilfreds::{Analyzer, Dataset, Lang};

use args::{Args, Command};

fn main() -> ExitCode {
    let args = match args::parse(std::env::args_os().skip(1).collect()) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    if args.min_cell < tilfreds::protect::MIN_CELL_FLOOR && !args.raw_data_holder {
        let floor = tilfreds::protect::MIN_CELL_FLOOR;
        eprintln!(
            "{}",
            args.lang.pick(
                &format!("--min-cell: mindst {floor} (Danmarks Statistiks regel). Kun den, der selv har rådata, kan gå lavere, med --raw-data-holder."),
                &format!("--min-cell: at least {floor} (Statistics Denmark's rule). Only those who hold the raw data themselves may go lower, with --raw-data-holder."),
            )
        );
        return ExitCode::from(2);
    }
    let result = match args.command {
        Command::Summary => run_summary(&args),
        Command::Crosstab => run_crosstab(&args),
        Command::Weighted => run_weighted(&args),
        Command::Compare => run_compare(&args),
        Command::Report => run_report(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("tilfreds: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the file at `path` in 1 MB chunks, as the browser feeds the analyzer, with the
/// reading options of `a`. Messages name the file.
fn read_dataset(path: &str, a: &Args) -> Result<Dataset, String> {
    let lang = a.lang;
    let mut file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut analyzer = Analyzer::new(a.read_options());
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

/// Says on standard error, naming the file, when its header row looks like answers: for the
/// commands whose output has no warnings.
fn note_header(path: &str, ds: &Dataset, lang: Lang) {
    if ds.dialect.header_looks_like_data {
        let notice = tilfreds::words::messages::Notice::HeaderLooksLikeData;
        let hint = lang.pick(
            "(--no-header læser første række som svar)",
            "(--no-header reads the first row as answers)",
        );
        eprintln!("tilfreds: {path}: {} {hint}", notice.message(lang));
    }
}

/// The column named `key` (header text or 1-based position).
fn column(ds: &Dataset, key: &str, lang: Lang) -> Result<usize, String> {
    ds.find_column(key).ok_or_else(|| {
        lang.pick(
            &format!("der er ingen kolonne ved navn '{key}'"),
            &format!("there is no column named '{key}'"),
        )
        .to_string()
    })
}

/// Writes to standard output with `write`.
fn output(write: impl FnOnce(&mut io::StdoutLock) -> io::Result<()>) -> Result<(), String> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match write(&mut out) {
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| e.to_string()),
    }
}

fn write_svg(path: &str, svg: &str) -> Result<(), String> {
    std::fs::write(path, svg).map_err(|e| format!("{path}: {e}"))
}

fn run_summary(a: &Args) -> Result<(), String> {
    let summary = read_dataset(&a.files[0], a)?
        .try_adjusted_summary(&a.summary_options())
        .map_err(|e| e.message(a.lang))?
        .1;
    output(|out| {
        if a.json {
            print::json(out, &summary)
        } else {
            print::summary(out, &summary, a.lang)
        }
    })
}

fn run_crosstab(a: &Args) -> Result<(), String> {
    let lang = a.lang;
    let ds = read_dataset(&a.files[0], a)?;
    note_header(&a.files[0], &ds, lang);
    let r = column(&ds, a.rows.as_deref().unwrap_or_default(), lang)?;
    let c = column(&ds, a.cols.as_deref().unwrap_or_default(), lang)?;
    let ct = crosstab::crosstab_in_base(&ds, r, c, a.min_cell, a.include_dont_know)
        .map_err(|e| e.message(lang))?;
    if let Some(path) = &a.svg {
        write_svg(path, &heatmap::heatmap_svg(&ct, 800, lang))?;
    }
    output(|out| {
        if a.json {
            print::json(out, &ct)
        } else {
            print::crosstab(out, &ct, a.show, lang)
        }
    })
}

fn run_weighted(a: &Args) -> Result<(), String> {
    let lang = a.lang;
    let ds = read_dataset(&a.files[0], a)?;
    note_header(&a.files[0], &ds, lang);
    let w = column(&ds, a.weight.as_deref().unwrap_or_default(), lang)?;
    let questions = match &a.question {
        Some(q) => {
            let q = column(&ds, q, lang)?;
            vec![
                weights::weighted_scale_stats_in_base(&ds, q, w, a.include_dont_know)
                    .map_err(|e| e.message(lang))?,
            ]
        }
        None => weights::weighted_all_in_base(&ds, w, a.include_dont_know)
            .map_err(|e| e.message(lang))?,
    };
    // Fewer answers without a weight than the minimum: weighted beside unweighted figures
    // would show those answers (the page's weighted view leaves the same questions out).
    let min_cell = a.min_cell.max(1);
    let questions: Vec<_> = questions
        .into_iter()
        .filter(|s| !tilfreds::protect::difference_discloses(s.n_without_weight, min_cell))
        .collect();
    let by = a.by.as_deref().map(|b| column(&ds, b, lang)).transpose()?;
    let mut groups = Vec::new();
    for s in &questions {
        let g = match by {
            Some(g) => {
                let q = ds.find_column(&s.question).unwrap_or(0);
                Some(
                    weights::weighted_by_group_in_base(
                        &ds,
                        q,
                        w,
                        g,
                        a.min_cell,
                        a.include_dont_know,
                    )
                    .map_err(|e| e.message(lang))?,
                )
            }
            None => None,
        };
        groups.push(g);
    }
    let weight = &ds.columns[w].profile.name;
    if !a.json {
        return output(|out| print::weighted(out, weight, &questions, &groups, min_cell, lang));
    }
    let items: Vec<Value> = questions
        .iter()
        .zip(&groups)
        .map(|(s, g)| {
            let mut v = serde_json::to_value(s).unwrap_or(Value::Null);
            if let (Some((groups, withheld)), Some(map)) = (g, v.as_object_mut()) {
                map.insert(
                    "by".into(),
                    serde_json::to_value(groups).unwrap_or(Value::Null),
                );
                map.insert("withheld_groups".into(), Value::from(*withheld));
            }
            v
        })
        .collect();
    let report = json!({
        "weight": weight,
        "by": by.map(|g| ds.columns[g].profile.name.clone()),
        "min_cell": a.min_cell.max(1),
        "questions": items,
    });
    output(|out| print::json(out, &report))
}

fn run_compare(a: &Args) -> Result<(), String> {
    let lang = a.lang;
    let mut summaries = Vec::with_capacity(a.files.len());
    for f in &a.files {
        let ds = read_dataset(f, a)?;
        note_header(f, &ds, lang);
        let (_, summary) = ds
            .try_adjusted_summary(&a.summary_options())
            .map_err(|e| format!("{f}: {}", e.message(lang)))?;
        summaries.push(summary);
    }
    // Waves are named by file name, without the directory.
    let names: Vec<String> = a
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
    let cmp = waves::compare(&waves_in, &a.mapping);
    let check = waves::can_combine(&waves_in);
    if let Some(path) = &a.svg {
        let chart = chart_waves::wave_chart(&cmp, a.measure, None, lang);
        write_svg(path, &chart_waves::waves_svg(&chart, 800, lang))?;
    }
    output(|out| {
        if a.json {
            print::json(out, &json!({ "comparison": cmp, "combine": check }))
        } else {
            print::compare(out, &cmp, &check, lang)
        }
    })
}

/// Today's date, from the system clock (UTC), in running text.
fn today(lang: Lang) -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    tilfreds::words::report::date(y, m, d, lang)
}

/// The proleptic Gregorian date of `days` since 1970-01-01 (Howard Hinnant's `civil_from_days`,
/// "chrono-Compatible Low-Level Date Algorithms").
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn run_report(a: &Args) -> Result<(), String> {
    use tilfreds::present::office::{docx, pptx, report};
    let lang = a.lang;
    let path = &a.files[0];
    let ds = read_dataset(path, a)?;
    note_header(path, &ds, lang);
    if let Some(by) = &a.by {
        column(&ds, by, lang)?;
    }
    let summary = ds.summary(&a.summary_options());
    let facts = report::Facts {
        file: std::path::Path::new(path)
            .file_name()
            .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned()),
        date: today(lang),
        author: a.author.clone().unwrap_or_default(),
    };
    #[cfg(feature = "chart-png")]
    let rasteriser = png::Rasteriser::new(lang);
    #[cfg(feature = "chart-png")]
    let mut raster = |chart: &tilfreds::present::chart::Chart| rasteriser.as_ref()?.png(chart);
    #[cfg(not(feature = "chart-png"))]
    let mut raster = |_: &tilfreds::present::chart::Chart| None;
    let out = a.out.as_deref().unwrap_or_default();
    let bytes = if out.to_ascii_lowercase().ends_with(".pptx") {
        pptx::write(&report::slides(&summary, &facts, lang, &mut raster))
    } else {
        docx::write(&report::document(&summary, &facts, lang, &mut raster))
    };
    std::fs::write(out, bytes).map_err(|e| format!("{out}: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_become_dates() {
        // Known days: the epoch, a leap day, and 2026-12-03 (20,790 days after the epoch).
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(super::civil_from_days(20_790), (2026, 12, 3));
    }
}
