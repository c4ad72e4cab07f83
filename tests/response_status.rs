//! SurveyXact's one-file export: the status columns decide who answered; the rows that were
//! only invited are left out of every base and give the number invited.

use tilfreds::SummaryOptions;

use crate::util::{read_text, STEPS};

/// A one-file export with `header` status columns: 10 only distributed, 2 dropped out, 3 partly
/// answered and 7 complete; the answers of the partial and complete rows are hand-counted below.
fn export(prefix: &str, names: [&str; 5]) -> String {
    let mut text = format!(
        "Respondent;{}",
        names.map(|n| format!("{prefix} - {n}")).join(";")
    );
    text.push_str(";Hvor tilfreds er du med jobcentret?;Kommentar\n");
    let mut id = 0;
    let mut row = |status: usize, answer: &str, text: &mut String| {
        id += 1;
        let flags: Vec<&str> = (0..5)
            .map(|i| if i == status { "1" } else { "0" })
            .collect();
        text.push_str(&format!("{id};{};{answer};\n", flags.join(";")));
    };
    for _ in 0..10 {
        row(1, "", &mut text);
    }
    for _ in 0..2 {
        row(4, "", &mut text);
    }
    // Partial: 2 × Meget tilfreds, 1 × blank. Complete: 3 × Tilfreds, 2 × Utilfreds, 2 × Meget tilfreds.
    for a in [STEPS[0], STEPS[0], ""] {
        row(2, a, &mut text);
    }
    for a in [
        STEPS[1], STEPS[1], STEPS[1], STEPS[3], STEPS[3], STEPS[0], STEPS[0],
    ] {
        row(3, a, &mut text);
    }
    text
}

fn check(text: &str) {
    let data = read_text(text);
    assert_eq!(
        data.facts.rows, 10,
        "the partial and complete rows are the respondents"
    );
    assert_eq!(data.facts.invited, Some(22));
    assert_eq!(
        (data.facts.completed, data.facts.partial),
        (Some(7), Some(3))
    );
    let s = data.summary(&SummaryOptions::default());
    let response = s
        .response
        .as_ref()
        .expect("the response rate from the status columns");
    assert_eq!((response.responded, response.invited), (10, 22));
    let codes: Vec<&str> = s.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(codes.contains(&"response_status"), "{codes:?}");
    assert!(codes.contains(&"non_respondents"), "{codes:?}");
    for c in &s.columns[1..6] {
        assert!(c.metadata, "{} is a status column", c.name);
    }
    let q = &s.columns[6];
    let counts = q.counts.as_ref().expect("counts");
    assert_eq!(counts[STEPS[0]], 4);
    assert_eq!(counts[STEPS[1]], 3);
    assert_eq!(counts[STEPS[3]], 2);
    assert_eq!(q.answered, 9);
}

#[test]
fn danish_status_columns_leave_the_invited_out() {
    check(&export(
        "Samlet status",
        [
            "Ny",
            "Distribueret",
            "Nogen svar",
            "Gennemført",
            "Frafaldet",
        ],
    ));
}

#[test]
fn english_status_columns_leave_the_invited_out() {
    check(&export(
        "Overall Status",
        [
            "New",
            "Distributed",
            "Partially Complete",
            "Complete",
            "Dropped out",
        ],
    ));
}

#[test]
fn a_file_without_status_columns_is_unchanged() {
    let text = "Status;Hvor tilfreds er du?\n1;Tilfreds\n0;Utilfreds\n";
    let data = read_text(text);
    assert_eq!(data.facts.rows, 2);
    assert_eq!(data.facts.invited, None);
    assert_eq!(data.facts.completed, None);
}
