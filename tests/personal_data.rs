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
