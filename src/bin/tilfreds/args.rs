//! The command line, parsed once: the subcommand and its options.

use std::ffi::OsString;

use tilfreds::analyze::summary::IndexSpec;
use tilfreds::present::chart::waves::WaveMeasure;
use tilfreds::present::views::crosstab::CellShow;
use tilfreds::{Lang, ReadOptions, SummaryOptions};

/// Usage of `summary` without weights.
const SUMMARY_USAGE: &str = "usage: tilfreds summary FILE [--by COLUMN] [--min-cell N [--raw-data-holder]] [--invited N] [--include-dont-know] [--index 'NAME=Q1,Q2,...']... [--sheet NAME] [--no-header] [--json] [--lang da|en]
FILE: a CSV or text export, an Excel workbook (.xlsx) or an SPSS data file (.sav, .zsav), told by its bytes, not its name";

/// Usage of the deeper statistics.
const ANALYSIS_USAGE: &str = "usage:
  tilfreds crosstab FILE --rows COLUMN --cols COLUMN [--min-cell N [--raw-data-holder]] [--show counts|row|col|total] [--include-dont-know] [--svg OUT.svg] [--sheet NAME] [--no-header] [--json] [--lang da|en]
  tilfreds weighted FILE --weight COLUMN [--question COLUMN] [--by COLUMN] [--min-cell N [--raw-data-holder]] [--include-dont-know] [--sheet NAME] [--no-header] [--json] [--lang da|en]
  tilfreds summary FILE --weight COLUMN [--by COLUMN] [--min-cell N [--raw-data-holder]] [--sheet NAME] [--no-header] [--json] [--lang da|en]
  tilfreds compare FILE1 FILE2 [FILE3 ...] [--map 'OLD=NEW']... [--index 'NAME=Q1,Q2,...']... [--measure top2|mean] [--include-dont-know] [--svg OUT.svg] [--sheet NAME] [--no-header] [--json] [--lang da|en]
  tilfreds report FILE --out REPORT.docx|REPORT.pptx [--by COLUMN] [--author TEXT] [--min-cell N [--raw-data-holder]] [--invited N] [--include-dont-know] [--sheet NAME] [--no-header] [--lang da|en]
FILE: a CSV or text export, an Excel workbook (.xlsx) or an SPSS data file (.sav, .zsav), told by its bytes, not its name";

/// What to compute.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Command {
    /// `summary FILE`: every column's counts and statistics.
    Summary,
    /// `crosstab FILE --rows A --cols B`.
    Crosstab,
    /// `weighted FILE --weight W`, also written `summary FILE --weight W`.
    Weighted,
    /// `compare FILE1 FILE2 ...`: waves of the same survey.
    Compare,
    /// `report FILE --out OUT.docx|OUT.pptx`: the report as a Word or PowerPoint file.
    Report,
}

/// The parsed command line. Options a command does not take are refused while parsing, so
/// each command reads only its own.
pub struct Args {
    /// The subcommand.
    pub command: Command,
    /// The input files: one, or two and more for `compare`.
    pub files: Vec<String>,
    /// `--rows` of `crosstab`.
    pub rows: Option<String>,
    /// `--cols` of `crosstab`.
    pub cols: Option<String>,
    /// `--weight` of `weighted`.
    pub weight: Option<String>,
    /// `--question` of `weighted`: one question instead of all.
    pub question: Option<String>,
    /// `--by`: the breakdown column of `summary` and `weighted`.
    pub by: Option<String>,
    /// `--min-cell`: the smallest group shown.
    pub min_cell: u64,
    /// `--raw-data-holder`: allows `--min-cell` below the floor of 3, for those who hold the
    /// raw data anyway; never for numbers that are published.
    pub raw_data_holder: bool,
    /// `--invited` of `summary`: for the response rate.
    pub invited: Option<u64>,
    /// `--show` of `crosstab`.
    pub show: CellShow,
    /// `--measure` of `compare`.
    pub measure: WaveMeasure,
    /// `--map OLD=NEW` of `compare`: questions renamed between waves.
    pub mapping: Vec<(String, String)>,
    /// `--index NAME=Q1,Q2,...` of `summary` and `compare`: index scores, each the mean of
    /// the scale questions named (by header, variable name or number).
    pub indices: Vec<IndexSpec>,
    /// `--svg`: where `crosstab` and `compare` also write their chart.
    pub svg: Option<String>,
    /// `--out` of `report`: the Word (.docx) or PowerPoint (.pptx) file to write.
    pub out: Option<String>,
    /// `--author` of `report`: the author or unit under the title.
    pub author: Option<String>,
    /// `--json`: the results as JSON instead of text.
    pub json: bool,
    /// `--include-dont-know` of `summary`, `crosstab`, `weighted` and `compare`: "Ved ikke", "Ikke
    /// relevant" and the like in the base of every percentage, as many published figures
    /// have them (left out by default).
    pub include_dont_know: bool,
    /// `--no-header`: the files have no header row; their first row is answers and the
    /// columns are named "Kolonne 1", "Kolonne 2", … ("Column 1", … with `--lang en`).
    pub no_header: bool,
    /// `--sheet`: the sheet of an Excel workbook to read, by name (the first visible sheet
    /// with data without it).
    pub sheet: Option<String>,
    /// `--lang`: the language of text output and messages.
    pub lang: Lang,
}

impl Args {
    /// How to read the files.
    pub fn read_options(&self) -> ReadOptions {
        ReadOptions {
            no_header: self.no_header,
            lang: self.lang,
            sheet: self.sheet.clone(),
            ..ReadOptions::default()
        }
    }

    /// The options of `summary` (and the per-wave summaries of `compare`).
    pub fn summary_options(&self) -> SummaryOptions {
        SummaryOptions {
            by: self.by.clone(),
            min_cell: self.min_cell,
            invited: self.invited,
            include_non_substantive: self.include_dont_know,
            indices: self.indices.clone(),
            ..SummaryOptions::default()
        }
    }
}

/// An index score as `--index` writes it: `NAME=ITEM,ITEM,...`, the items by header, variable
/// name or number (a header with a comma is given by its variable name or number).
fn index_spec(text: &str) -> Result<IndexSpec, String> {
    let (name, items) = text
        .split_once('=')
        .ok_or_else(|| format!("--index: expected 'NAME=Q1,Q2,...', got '{text}'"))?;
    let items: Vec<String> = items
        .split(',')
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .map(str::to_string)
        .collect();
    if name.trim().is_empty() || items.is_empty() {
        return Err(format!("--index: expected 'NAME=Q1,Q2,...', got '{text}'"));
    }
    Ok(IndexSpec {
        name: name.trim().to_string(),
        items,
    })
}

/// Parses the arguments after the program name. `Err` holds the message for a usage error
/// (the usage itself for `--help`).
///
/// Two syntaxes, kept as they were: `summary` without `--weight` takes options before and
/// after the command word and has the short usage; the deeper statistics (`crosstab`,
/// `weighted`, `compare`, `summary --weight`) take the command word first and have the long
/// usage, and their messages word a bad value differently.
pub fn parse(args: Vec<OsString>) -> Result<Args, String> {
    use lexopt::prelude::*;
    let first = args
        .first()
        .and_then(|a| a.to_str())
        .unwrap_or_default()
        .to_string();
    let weighted_summary = first == "summary"
        && args
            .iter()
            .any(|a| a == "--weight" || a.to_str().is_some_and(|s| s.starts_with("--weight=")));
    // `None`: the plain summary, whose command word is read in the loop.
    let command = match first.as_str() {
        "crosstab" => Some(Command::Crosstab),
        "weighted" => Some(Command::Weighted),
        "compare" => Some(Command::Compare),
        "report" => Some(Command::Report),
        "summary" if weighted_summary => Some(Command::Weighted),
        _ => None,
    };
    let analysis = command.is_some();
    let (usage, args) = if analysis {
        (ANALYSIS_USAGE, args[1..].to_vec())
    } else {
        (SUMMARY_USAGE, args)
    };
    let command_word = if analysis { first } else { String::new() };
    let mut parser = lexopt::Parser::from_args(args);
    let mut a = Args {
        command: Command::Summary,
        files: Vec::new(),
        rows: None,
        cols: None,
        weight: None,
        question: None,
        by: None,
        min_cell: SummaryOptions::default().min_cell,
        raw_data_holder: false,
        invited: None,
        show: CellShow::default(),
        measure: WaveMeasure::default(),
        mapping: Vec::new(),
        indices: Vec::new(),
        svg: None,
        out: None,
        author: None,
        json: false,
        include_dont_know: false,
        no_header: false,
        sheet: None,
        lang: Lang::Da,
    };
    let mut summary_word = None;
    let text = |v: Result<OsString, lexopt::Error>, flag: &str| -> Result<String, String> {
        v.map_err(|e| e.to_string())?
            .into_string()
            .map_err(|_| format!("{flag}: not valid text"))
    };
    let is = |c: Command| command == Some(c);
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Long("rows") if is(Command::Crosstab) => a.rows = Some(text(parser.value(), "--rows")?),
            Long("cols") if is(Command::Crosstab) => a.cols = Some(text(parser.value(), "--cols")?),
            Long("show") if is(Command::Crosstab) => {
                a.show = match text(parser.value(), "--show")?.as_str() {
                    "counts" | "n" => CellShow::Counts,
                    "row" => CellShow::RowPct,
                    "col" => CellShow::ColPct,
                    "total" => CellShow::TotalPct,
                    other => return Err(format!("--show: unknown value '{other}'\n{usage}")),
                }
            }
            Long("weight") if is(Command::Weighted) => {
                a.weight = Some(text(parser.value(), "--weight")?)
            }
            Long("question") if is(Command::Weighted) => {
                a.question = Some(text(parser.value(), "--question")?)
            }
            Long("by") if !is(Command::Crosstab) && !is(Command::Compare) => {
                a.by = Some(text(parser.value(), "--by")?)
            }
            Long("min-cell") if !is(Command::Compare) => {
                a.min_cell = if analysis {
                    text(parser.value(), "--min-cell")?
                        .parse()
                        .map_err(|e| format!("--min-cell: {e}"))?
                } else {
                    parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .parse()
                        .map_err(|e| format!("--min-cell: {e}"))?
                }
            }
            Long("invited") if !analysis || is(Command::Report) => {
                // Typed the Danish way ("17.177") or the English way ("17,177").
                let typed = text(parser.value(), "--invited")?;
                a.invited = Some(
                    tilfreds::util::number::parse_count(&typed)
                        .ok_or_else(|| format!("--invited: not a whole number: {typed}"))?,
                )
            }
            Long("map") if is(Command::Compare) => {
                let m = text(parser.value(), "--map")?;
                let (old, new) = m
                    .split_once('=')
                    .ok_or_else(|| format!("--map: expected 'OLD=NEW', got '{m}'"))?;
                a.mapping
                    .push((old.trim().to_string(), new.trim().to_string()));
            }
            Long("index") if !analysis || is(Command::Compare) => a
                .indices
                .push(index_spec(&text(parser.value(), "--index")?)?),
            Long("measure") if is(Command::Compare) => {
                a.measure = match text(parser.value(), "--measure")?.as_str() {
                    "top2" => WaveMeasure::Top2,
                    "mean" => WaveMeasure::Mean,
                    other => return Err(format!("--measure: unknown value '{other}'\n{usage}")),
                }
            }
            Long("svg") if is(Command::Crosstab) || is(Command::Compare) => {
                a.svg = Some(text(parser.value(), "--svg")?)
            }
            Long("out") if is(Command::Report) => a.out = Some(text(parser.value(), "--out")?),
            Long("author") if is(Command::Report) => {
                a.author = Some(text(parser.value(), "--author")?)
            }
            Long("json") if !is(Command::Report) => a.json = true,
            Long("include-dont-know") => a.include_dont_know = true,
            Long("raw-data-holder") => a.raw_data_holder = true,
            Long("no-header") => a.no_header = true,
            Long("sheet") => a.sheet = Some(text(parser.value(), "--sheet")?),
            Long("lang") if analysis => a.lang = Lang::parse(&text(parser.value(), "--lang")?),
            // The plain summary has always taken a --lang that is not text as the default.
            Long("lang") => {
                a.lang = Lang::parse(
                    &parser
                        .value()
                        .map_err(|e| e.to_string())?
                        .string()
                        .unwrap_or_default(),
                )
            }
            Short('h') | Long("help") => return Err(usage.to_string()),
            Value(v) if !analysis && summary_word.is_none() => {
                summary_word = Some(v.string().map_err(|_| "command: not valid text")?)
            }
            Value(v) if analysis || a.files.is_empty() => a.files.push(
                v.into_string()
                    .map_err(|_| "file name: not valid text".to_string())?,
            ),
            other => return Err(format!("{}\n{usage}", other.unexpected())),
        }
    }
    if !analysis {
        match summary_word.as_deref() {
            Some("summary") => {}
            Some(other) => return Err(format!("unknown command '{other}'\n{usage}")),
            None => return Err(usage.to_string()),
        }
        if a.files.is_empty() {
            return Err(format!("missing FILE\n{usage}"));
        }
        return Ok(a);
    }
    a.command = command.unwrap_or(Command::Summary);
    let need = if is(Command::Compare) { 2 } else { 1 };
    if a.files.len() < need || (!is(Command::Compare) && a.files.len() > 1) {
        return Err(format!("{command_word}: wrong number of files\n{usage}"));
    }
    if is(Command::Crosstab) && (a.rows.is_none() || a.cols.is_none()) {
        return Err(format!("crosstab: --rows and --cols are required\n{usage}"));
    }
    if is(Command::Report) {
        let out = a.out.as_deref().unwrap_or_default().to_ascii_lowercase();
        if !out.ends_with(".docx") && !out.ends_with(".pptx") {
            return Err(format!(
                "report: --out must name a .docx or a .pptx file\n{usage}"
            ));
        }
    }
    if is(Command::Weighted) && a.weight.is_none() {
        return Err(format!("{command_word}: --weight is required\n{usage}"));
    }
    Ok(a)
}
