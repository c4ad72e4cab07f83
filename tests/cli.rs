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

const SUMMARY_USAGE: &str = "usage: tilfreds summary FILE [--by COLUMN] [--min-cell N [--raw-data-holder]] [--invited N] [--include-dont-know] [--index 'NAME=Q1,Q2,...']... [--sheet NAME] [--no-header] [--json] [--lang da|en]
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
    // The main results first, then the file's facts.
    assert!(text.starts_with("Main results\n- "), "{text}");
    assert!(text.contains("\n\nResponses: 180   Encoding: "), "{text}");
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

/// Writes `text` to a file of its own in the temporary directory and returns its path.
fn temp_csv(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("tilfreds-{name}-{}.csv", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// A breakdown where group A is far more satisfied than group B: 60 × A with 50 "Meget
/// tilfreds" and 10 "Utilfreds", 60 × B with 10 and 50.
fn contrast_csv() -> String {
    let mut text = String::from("Gruppe;Hvor tilfreds er du med servicen?\n");
    for (group, good, bad) in [("A", 50, 10), ("B", 10, 50)] {
        for _ in 0..good {
            text.push_str(&format!("{group};Meget tilfreds\n"));
        }
        for _ in 0..bad {
            text.push_str(&format!("{group};Utilfreds\n"));
        }
    }
    text
}

#[test]
fn the_text_summary_formats_numbers_as_the_page_does() {
    let f = temp_csv("formats", &contrast_csv());
    let (code, da, _) = tilfreds(&["summary", &f, "--by", "Gruppe"]);
    assert_eq!(code, Some(0));
    // χ² on [[50, 10], [10, 50]] is 53.33 (scipy.stats.chi2_contingency(correction=False)),
    // p = 2.8e-13: printed as the page prints it, never "p = 0.0000".
    assert!(
        da.contains("χ² = 53,33, df = 1, p < 0,001, Holm p < 0,001, V = 0,667"),
        "{da}"
    );
    assert!(!da.contains("0.0000"), "{da}");
    // Only two labels are in the file, so the scale is taken as two steps (2 and 1): top-2
    // is 60 of 120 = 50,0 %, the mean (2·60 + 1·60)/120 = 1,50 and the sd
    // √(120 · 0,25 / 119) = 0,50.
    assert!(da.contains("top-2 = 50,0\u{a0}%"), "{da}");
    assert!(da.contains("gennemsnit = 1,50 (sd 0,50)"), "{da}");
    assert!(da.contains("n =     60   top-2 = 83,3\u{a0}%"), "{da}");
    let (_, en, _) = tilfreds(&["summary", &f, "--by", "Gruppe", "--lang", "en"]);
    assert!(
        en.contains("χ² = 53.33, df = 1, p < 0.001, Holm p < 0.001, V = 0.667"),
        "{en}"
    );
    assert!(
        en.contains("top-2 = 50.0%") && en.contains("mean = 1.50 (sd 0.50)"),
        "{en}"
    );
}

#[test]
fn the_text_summary_gives_the_nps_and_the_margin_in_points() {
    // 80 promoters (9–10), 60 passives (7–8), 60 detractors (0–6) of 200: NPS +10,0, and the
    // Wald interval ± 1,959964 · √((0,70 − 0,01)/200) = ± 11,5 (Rocks 2016).
    let counts = [50, 30, 40, 20, 20, 10, 10, 5, 5, 5, 5];
    let mut text = String::from("Id;Hvor sandsynligt er det, at du vil anbefale os? (0-10)\n");
    let mut id = 0;
    for (k, n) in counts.iter().enumerate() {
        for _ in 0..*n {
            id += 1;
            text.push_str(&format!("{id};{}\n", 10 - k));
        }
    }
    let f = temp_csv("nps", &text);
    let (code, out, _) = tilfreds(&["summary", &f, "--invited", "400"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("NPS (anbefalere minus kritikere) = +10,0 (95 %-interval -1,5 til +21,5)"),
        "{out}"
    );
    // 200 of 400 invited: 1,959964 · √(0,25/200) · √(200/399) · 100 = 4,9 points.
    assert!(
        out.contains("Statistisk usikkerhed (95 %): ± 4,9 procentpoint"),
        "{out}"
    );
    assert!(out.contains("(± 4,9 procentpoint på alle svar)"), "{out}");
}

#[test]
fn include_dont_know_puts_them_in_the_base() {
    // 83 positive, 15 others on the scale and 2 "Ved ikke": 83/98 = 84,7 %, or 83/100 = 83,0 %.
    let mut text = String::from("Gruppe;Hvor tilfreds er du?\n");
    let answers = [
        ("Meget tilfreds", 50),
        ("Tilfreds", 33),
        ("Hverken tilfreds eller utilfreds", 10),
        ("Utilfreds", 3),
        ("Meget utilfreds", 2),
        ("Ved ikke", 2),
    ];
    let mut id = 0;
    for (answer, n) in answers {
        for _ in 0..n {
            id += 1;
            let group = if id % 2 == 0 { "A" } else { "B" };
            text.push_str(&format!("{group};{answer}\n"));
        }
    }
    let f = temp_csv("dont-know", &text);
    let (_, out, _) = tilfreds(&["summary", &f]);
    assert!(
        out.contains("n = 98; 2 svarede «Ved ikke» o.l. og indgår ikke   top-2 = 84,7\u{a0}%"),
        "{out}"
    );
    assert!(
        out.contains("indgår ikke i grundlaget for nogen procent"),
        "{out}"
    );
    let (code, out, _) = tilfreds(&["summary", &f, "--include-dont-know"]);
    assert_eq!(code, Some(0));
    assert!(
        out.contains("n = 100; heraf 2 «Ved ikke» o.l., som indgår i basen   top-2 = 83,0\u{a0}%"),
        "{out}"
    );
    let (_, json, _) = tilfreds(&["summary", &f, "--include-dont-know", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["include_non_substantive"], true);
    assert_eq!(v["columns"][1]["base"], 100);
    let (code, out, _) = tilfreds(&[
        "crosstab",
        &f,
        "--rows",
        "1",
        "--cols",
        "2",
        "--include-dont-know",
    ]);
    assert_eq!(code, Some(0));
    // The total line: 50 "Meget tilfreds" of 100, or of the 98 on the scale.
    let total = |out: &str| {
        out.lines()
            .find(|l| l.starts_with("I alt"))
            .unwrap()
            .to_string()
    };
    assert!(total(&out).contains("50,0\u{a0}%"), "{out}");
    let (_, out, _) = tilfreds(&["crosstab", &f, "--rows", "1", "--cols", "2"]);
    assert!(
        total(&out).contains("51,0\u{a0}%") && total(&out).contains('–'),
        "{out}"
    );
    assert!(
        out.contains("n = 98; 2 svarede «Ved ikke» o.l. og indgår ikke"),
        "{out}"
    );
}
