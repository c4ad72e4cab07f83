//! The command line's usage errors and plain summary, which the subcommand test in
//! `analysis` does not reach: usage errors exit with 2 and print the usage, failures exit
//! with 1 and name the file.

/// Runs the `tilfreds` binary: exit code, standard output, standard error.
fn tilfreds(args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tilfreds"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fixture_path(file: &str) -> String {
    format!("{}/tests/fixtures/{file}", env!("CARGO_MANIFEST_DIR"))
}

const SUMMARY_USAGE: &str = "usage: tilfreds summary FILE [--by COLUMN] [--min-cell N [--raw-data-holder]] [--invited N] [--sheet NAME] [--no-header] [--json] [--lang da|en]
FILE: a CSV or text export, an Excel workbook (.xlsx) or an SPSS data file (.sav, .zsav), told by its bytes, not its name\n";

#[test]
fn usage_errors_exit_with_2() {
    let f = fixture_path("waves_2023.csv");
    assert_eq!(
        tilfreds(&[]),
        (Some(2), String::new(), SUMMARY_USAGE.into())
    );
    assert_eq!(tilfreds(&["--help"]).2, SUMMARY_USAGE);
    let (code, out, err) = tilfreds(&["frobnicate", &f]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert_eq!(
        err,
        format!("unknown command 'frobnicate'\n{SUMMARY_USAGE}")
    );
    let (code, _, err) = tilfreds(&["summary"]);
    assert_eq!(
        (code, err),
        (Some(2), format!("missing FILE\n{SUMMARY_USAGE}"))
    );
    let (code, _, err) = tilfreds(&["summary", &f, "--bogus"]);
    assert_eq!(code, Some(2));
    assert_eq!(err, format!("invalid option '--bogus'\n{SUMMARY_USAGE}"));
    let (code, _, err) = tilfreds(&["summary", &f, "--min-cell", "x"]);
    assert_eq!(code, Some(2));
    assert!(err.starts_with("--min-cell: "), "{err}");

    // The deeper statistics print their own, longer usage.
    let (code, _, err) = tilfreds(&["crosstab", &f, "--rows", "Kommune"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("crosstab: --rows and --cols are required\nusage:\n  tilfreds crosstab")
    );
    let (code, _, err) = tilfreds(&[
        "crosstab", &f, "--rows", "1", "--cols", "2", "--weight", "3",
    ]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("invalid option '--weight'\nusage:\n"),
        "{err}"
    );
    let (code, _, err) = tilfreds(&["weighted", &f]);
    assert_eq!(code, Some(2));
    assert!(err.starts_with("weighted: --weight is required\n"), "{err}");
    let (code, _, err) = tilfreds(&["summary", &f, "--weight", "Vægt", "--invited", "9"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("invalid option '--invited'\nusage:\n"),
        "{err}"
    );
    let (code, _, err) = tilfreds(&["compare", &f, &f, "--measure", "median"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("--measure: unknown value 'median'\n"),
        "{err}"
    );
}

#[test]
fn failures_exit_with_1_and_name_the_file() {
    let missing = fixture_path("no_such_file.csv");
    let (code, out, err) = tilfreds(&["summary", &missing]);
    assert_eq!((code, out.as_str()), (Some(1), ""));
    assert!(err.starts_with(&format!("tilfreds: {missing}: ")), "{err}");
    let f = fixture_path("waves_2023.csv");
    let (code, _, err) = tilfreds(&[
        "crosstab", &f, "--rows", "nope", "--cols", "1", "--lang", "en",
    ]);
    assert_eq!(code, Some(1));
    assert_eq!(err, "tilfreds: there is no column named 'nope'\n");
}

#[test]
fn summary_prints_text_and_json() {
    let f = fixture_path("waves_2023.csv");
    let (code, text, _) = tilfreds(&["summary", &f, "--lang", "en"]);
    assert_eq!(code, Some(0));
    assert!(text.starts_with("Responses: 180   Encoding: "), "{text}");
    let (code, out, _) = tilfreds(&["summary", &f, "--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rows"], 180);
    // Options may also come before the command word of the plain summary.
    assert_eq!(tilfreds(&["--json", "summary", &f]).1, out);
}

#[test]
fn no_header_reads_the_first_row_as_answers() {
    let bytes = std::fs::read(fixture_path("waves_2023.csv")).unwrap();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap();
    let path = std::env::temp_dir().join(format!("tilfreds-no-header-{}.csv", std::process::id()));
    std::fs::write(&path, &bytes[at + 1..]).unwrap();
    let f = path.to_str().unwrap();
    // Read with the first row as header: one answer fewer, and a warning first.
    let (code, out, _) = tilfreds(&["summary", f, "--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rows"], 179);
    assert_eq!(v["dialect"]["header_looks_like_data"], true);
    assert_eq!(v["warnings"][0]["code"], "header_looks_like_data");
    let (_, text, _) = tilfreds(&["summary", f, "--lang", "en"]);
    assert!(text.contains("First row is answers"), "{text}");
    // With --no-header: every row is an answer, the columns are named by place.
    let (code, out, _) = tilfreds(&["summary", f, "--no-header", "--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rows"], 180);
    assert_eq!(v["dialect"]["header_rows"], 0);
    assert_eq!(v["columns"][0]["name"], "Kolonne 1");
    assert!(v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["code"] != "header_looks_like_data"));
    let (_, out, _) = tilfreds(&["summary", "--no-header", f, "--json", "--lang", "en"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["columns"][1]["name"], "Column 2");
    // The other commands say it on standard error, and take the flag too.
    let (code, _, err) = tilfreds(&["crosstab", f, "--rows", "1", "--cols", "2"]);
    assert_eq!(code, Some(0));
    assert!(
        err.contains("Første række ligner svar") && err.contains("--no-header"),
        "{err}"
    );
    let (code, _, err) = tilfreds(&[
        "crosstab",
        f,
        "--rows",
        "Kolonne 1",
        "--cols",
        "Kolonne 2",
        "--no-header",
    ]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    std::fs::remove_file(&path).ok();
}
