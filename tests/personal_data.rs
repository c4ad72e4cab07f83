//! Personal data caught in every shape a real export holds: a column of CPR numbers is left out
//! whichever way they are spelled, and nothing of it reaches the summary.

use tilfreds::model::kinds::PersonalReason;
use tilfreds::SummaryOptions;

use crate::util::column;

/// A file whose column "Løbenr" holds `values` (one per row) beside a scale question.
fn export(values: &[String]) -> String {
    let mut csv = String::from("Løbenr;Hvor tilfreds er du?\n");
    for (i, v) in values.iter().enumerate() {
        let answer = ["Meget tilfreds", "Tilfreds", "Utilfreds"][i % 3];
        csv.push_str(&format!("{v};{answer}\n"));
    }
    csv
}

/// 300 valid CPR numbers (more than the 254 values a column's dictionary keeps, so the rest
/// are counted as they stream past), spelled by `spell` from (day, month, year, serial).
fn cpr_numbers(spell: impl Fn(u32, u32, u32, u32) -> String) -> Vec<String> {
    (0..300u32)
        .map(|i| spell(1 + i % 28, 1 + i % 12, 40 + i % 50, 1000 + i))
        .collect()
}

/// Writes a CPR number from (day, month, year, serial).
type Spell = fn(u32, u32, u32, u32) -> String;

#[test]
fn cpr_columns_are_left_out_in_every_spelling() {
    let spellings: [(&str, Spell); 7] = [
        ("DD.MM.YY-SSSS", |d, m, y, s| {
            format!("{d:02}.{m:02}.{y:02}-{s}")
        }),
        ("DD-MM-YY-SSSS", |d, m, y, s| {
            format!("{d:02}-{m:02}-{y:02}-{s}")
        }),
        ("DDMMYY/SSSS", |d, m, y, s| {
            format!("{d:02}{m:02}{y:02}/{s}")
        }),
        ("DDMMYY–SSSS", |d, m, y, s| {
            format!("{d:02}{m:02}{y:02}\u{2013}{s}")
        }),
        ("DDMMYY NBSP SSSS", |d, m, y, s| {
            format!("{d:02}{m:02}{y:02}\u{a0}{s}")
        }),
        ("DD MM YY SSSS", |d, m, y, s| {
            format!("{d:02} {m:02} {y:02} {s}")
        }),
        // Excel drops the leading zero of a day below 10.
        ("DMMYYSSSS", |d, m, y, s| {
            format!("{}", d % 10 + 1) + &format!("{m:02}{y:02}{s}")
        }),
    ];
    for (name, spell) in spellings {
        let csv = export(&cpr_numbers(spell));
        let ds = tilfreds::read_bytes(csv.as_bytes()).expect("readable");
        let s = ds.summary(&SummaryOptions::default());
        let c = column(&s, "Løbenr");
        assert_eq!(
            c.personal_reason,
            Some(PersonalReason::CprValues),
            "{name}: recognised as {:?}",
            c.kind
        );
        assert!(c.excluded && c.counts.is_none(), "{name}: shown");
        let json = serde_json::to_string(&s).unwrap();
        assert!(
            !json.contains("1001"),
            "{name}: a serial reached the summary"
        );
    }
}

/// Everything a user can see or take away from a file: the summary JSON with and without a
/// breakdown, the overview, every question's tables, a cross-table, as CSV and TSV.
fn everything_shown(ds: &tilfreds::Dataset, by: &[&str]) -> String {
    use tilfreds::present::export::{table_to_csv, table_to_tsv, Table};
    use tilfreds::present::views::crosstab::{crosstab_table, CellShow};
    use tilfreds::present::views::summary::{overview, question};
    let mut out = String::new();
    let mut tables: Vec<Table> = Vec::new();
    for by in std::iter::once(None).chain(by.iter().map(|b| Some(b.to_string()))) {
        let opts = SummaryOptions {
            by,
            min_cell: 1,
            ..SummaryOptions::default()
        };
        let s = ds.summary(&opts);
        out.push_str(&serde_json::to_string(&s).unwrap());
        for lang in [tilfreds::Lang::Da, tilfreds::Lang::En] {
            let o = overview(&s, lang);
            out.push_str(&serde_json::to_string(&o).unwrap());
            tables.push(o.table);
            for i in 0..s.columns.len() {
                if let Some(q) = question(&s, i, lang) {
                    out.push_str(&serde_json::to_string(&q).unwrap());
                    tables.push(q.table);
                    tables.extend(q.breakdown_table);
                }
            }
        }
    }
    for a in 0..ds.columns.len() {
        for b in 0..ds.columns.len() {
            if let Some(ct) = tilfreds::analyze::crosstab::crosstab(ds, a, b, 1) {
                tables.push(crosstab_table(&ct, CellShow::Counts, tilfreds::Lang::Da));
            }
        }
    }
    for t in &tables {
        out.push_str(&String::from_utf8_lossy(&table_to_csv(
            t,
            tilfreds::Lang::Da,
        )));
        out.push_str(&table_to_tsv(t));
    }
    out
}

#[test]
fn labels_and_headers_never_show_personal_data() {
    let header = "Løbenr;Kommune;Sagsbehandler;Kanal;Ring til 41 22 33 44 \u{2013} fik du svar?;\
                  Q1\u{202E} Hvor tilfreds er du?";
    let caseworkers = [
        "Kirstine Zylberg",
        "Bo Hansen",
        "Anne Marie Jensen",
        "Peter Møller",
        "Søren Østergaard",
        "Mette Nygaard",
    ];
    let kommuner = ["Aarhus", "Odense", "Randers"];
    let kanaler = ["Telefon", "Fysisk møde", "Video"];
    let steps = ["Meget tilfreds", "Tilfreds", "Utilfreds"];
    let mut csv = format!("{header}\n");
    for i in 0..90 {
        let kommune = match i {
            0 => "jens.zakariassen@eksempel-mail.dk",
            1 => "Aar\u{200B}hus",
            2 => "\u{202E}Odense",
            3 => "+45 87 65 43 21",
            _ => kommuner[i % 3],
        };
        let kanal = match i {
            0 => "Andet: ring på +45 41 22 33 44",
            1 => "Andet: skriv til jens.zakariassen@eksempel-mail.dk",
            2 => "Andet: min datter Freja Zakariassen ringer",
            3 => "Jeg ringede til jobcentret tre gange, men Freja Zakariassen tog den aldrig",
            _ => kanaler[i % 3],
        };
        let svar = ["Ja", "Nej"][i % 2];
        csv.push_str(&format!(
            "{};{kommune};{};{kanal};{svar};{}\n",
            1000 + i,
            caseworkers[i % 6],
            steps[i % 3]
        ));
    }
    let ds = tilfreds::read_bytes(csv.as_bytes()).expect("readable");
    // Minimum 1, so the single hidden answers are counted here (with the default they are
    // withheld like any small value, labels and all).
    let s = ds.summary(&SummaryOptions {
        min_cell: 1,
        ..SummaryOptions::default()
    });

    // The headers: masked and cleaned where they enter, so overrides match the shown name.
    let names: Vec<&str> = s.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names[4], "Ring til •• •• •• •• \u{2013} fik du svar?");
    assert_eq!(names[5], "Q1 Hvor tilfreds er du?");
    assert_eq!(
        column(&s, names[5]).kind,
        tilfreds::model::kinds::Kind::Likert
    );

    // Hidden answers keep their counts apart; cleaned look-alikes are one answer.
    let kommune = column(&s, "Kommune");
    // 28 plain, and one each written with a zero-width space and a bidi override.
    assert_eq!(crate::util::count(kommune, "Aarhus"), 29);
    assert_eq!(crate::util::count(kommune, "Odense"), 30);
    let counts = kommune.counts.as_ref().unwrap();
    assert!(counts.contains_key("Skjult svar (personoplysning) 1"));
    assert!(counts.contains_key("Skjult svar (personoplysning) 2"));
    assert_eq!(counts.len(), 5, "{counts:?}");

    // Typed "Andet" answers and long answers: one line, no text.
    let kanal = column(&s, "Kanal");
    let counts = kanal.counts.as_ref().unwrap();
    assert!(counts.contains_key("Andet (fritekst)"), "{counts:?}");
    assert_eq!(counts.len(), 4, "{counts:?}");

    // Caseworkers under a neutral header are names: left out.
    let sb = column(&s, "Sagsbehandler");
    assert_eq!(sb.personal_reason, Some(PersonalReason::Name));
    assert!(sb.excluded && sb.counts.is_none());

    let codes: Vec<&str> = s.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(codes.contains(&"personal_labels_hidden"), "{codes:?}");
    assert!(codes.contains(&"free_text_labels"), "{codes:?}");
    let hidden = s
        .warnings
        .iter()
        .find(|w| w.code == "personal_labels_hidden")
        .unwrap();
    // Two answers in "Kommune" and one header.
    assert_eq!(hidden.count, Some(3));

    let shown = everything_shown(&ds, &["Kommune", "Kanal", "Sagsbehandler"]);
    for secret in [
        "41 22 33 44",
        "41223344",
        "87 65 43 21",
        "zakariassen",
        "Zakariassen",
        "Freja",
        "eksempel-mail",
        "Kirstine",
        "Zylberg",
        "Østergaard",
        "\u{200B}",
        "\u{202E}",
    ] {
        assert!(!shown.contains(secret), "{secret:?} reached what is shown");
    }
}

#[test]
fn overrides_name_the_masked_header() {
    let mut csv = String::from("Kommune;Svar fra 010170-1234\n");
    for i in 0..20 {
        csv.push_str(&format!(
            "{};{}\n",
            ["Aarhus", "Odense"][i % 2],
            ["Ja", "Nej"][i % 3 % 2]
        ));
    }
    let ds = tilfreds::read_bytes(csv.as_bytes()).unwrap();
    let name = ds.columns[1].profile.name.clone();
    assert_eq!(name, "Svar fra ••••••-••••");
    let opts = SummaryOptions {
        overrides: vec![tilfreds::analyze::summary::ColumnOverride {
            column: name.clone(),
            exclude: true,
            ..Default::default()
        }],
        ..SummaryOptions::default()
    };
    assert!(column(&ds.summary(&opts), &name).excluded);
    let json = serde_json::to_string(&ds.summary(&SummaryOptions::default())).unwrap();
    assert!(!json.contains("1234") && !json.contains("010170"));
}

#[test]
fn hidden_answers_of_combined_files_stay_apart() {
    let file = |secret: &str| {
        let mut csv = String::from("Kommune;Svar\n");
        for i in 0..20 {
            csv.push_str(&format!("{};Ja\n", ["Aarhus", "Odense"][i % 2]));
        }
        csv.push_str(&format!("{secret};Nej\n"));
        tilfreds::read_bytes(csv.as_bytes()).unwrap()
    };
    let (a, b) = (file("anna@eksempel.dk"), file("bo@eksempel.dk"));
    let both = tilfreds::data::concat::concat(&[("a.csv", &a), ("b.csv", &b)]).unwrap();
    let hidden: Vec<&(String, u64)> = both.columns[0]
        .profile
        .values
        .iter()
        .filter(|(v, _)| v.starts_with("Skjult svar"))
        .collect();
    assert_eq!(hidden.len(), 2, "{:?}", both.columns[0].profile.values);
    assert!(hidden.iter().all(|(_, n)| *n == 1));
    let s = both.summary(&SummaryOptions::default());
    let w = s
        .warnings
        .iter()
        .find(|w| w.code == "personal_labels_hidden");
    assert_eq!(w.and_then(|w| w.count), Some(2));
}
