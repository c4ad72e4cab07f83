//! Hovedresultater: the rules that choose the sentences, and that a withheld group or a
//! difference that is not significant is never named.

use tilfreds::analyze::findings::FindingKind;
use tilfreds::{Summary, SummaryOptions};

use crate::util::{read_text, STEPS};

/// A survey of `groups` (label, counts per step most positive first, for the main question),
/// with a second and third question answered the same by everyone.
fn survey(groups: &[(&str, [usize; 5])]) -> tilfreds::Dataset {
    let mut text = String::from(
        "Ydelse;Hvor tilfreds er du samlet set med jobcentret?;Hvor let er det at komme i kontakt?;Jeg bliver mødt med respekt\n",
    );
    for (group, counts) in groups {
        for (k, (&step, &n)) in STEPS.iter().zip(counts).enumerate() {
            for i in 0..n {
                // The other questions: mostly positive, with one step of spread.
                let second = STEPS[(i + k) % 3];
                let third = STEPS[(i % 2) + 1];
                text.push_str(&format!("{group};{step};{second};{third}\n"));
            }
        }
    }
    read_text(&text)
}

fn summary_by(data: &tilfreds::Dataset, invited: Option<u64>) -> Summary {
    data.summary(&SummaryOptions {
        by: Some("Ydelse".to_string()),
        invited,
        ..SummaryOptions::default()
    })
}

fn of_kind(s: &Summary, kind: FindingKind) -> Vec<&str> {
    s.findings
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.da.as_str())
        .collect()
}

#[test]
fn the_main_question_in_words_with_its_base() {
    let data = survey(&[
        ("Kontanthjælp", [30, 30, 20, 10, 10]),
        ("Sygedagpenge", [35, 30, 15, 10, 10]),
    ]);
    let s = summary_by(&data, Some(1000));
    let overall = of_kind(&s, FindingKind::Overall);
    // Only the main question ("samlet set"), not every question.
    assert_eq!(overall.len(), 1);
    // (30+30+35+30) / 200 = 62.5 % positive; (10+10+10+10) / 200 = 20 % negative.
    assert_eq!(
        overall[0],
        "«Hvor tilfreds er du samlet set med jobcentret?»: 62,5\u{a0}% svarer «Meget tilfreds» eller «Tilfreds»; 20,0\u{a0}% svarer «Utilfreds» eller «Meget utilfreds» (n = 200)."
    );
    let f = s
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::Overall)
        .unwrap();
    assert_eq!(f.numbers.n, 200);
    assert_eq!(f.numbers.positive_pct, Some(62.5));
    assert_eq!(
        of_kind(&s, FindingKind::Response),
        ["200 af 1.000 inviterede har svaret (20,0\u{a0}%)."]
    );
    // Three questions: the highest and the lowest are named.
    assert_eq!(of_kind(&s, FindingKind::Highest).len(), 1);
    assert_eq!(of_kind(&s, FindingKind::Lowest).len(), 1);
    // Nothing differs significantly here (65 % against 60 %, n = 100 each).
    assert!(
        of_kind(&s, FindingKind::Group).is_empty(),
        "{:?}",
        s.findings
    );
}

#[test]
fn a_group_that_differs_is_named_and_a_withheld_one_never() {
    let data = survey(&[
        ("Kontanthjælp", [40, 40, 10, 5, 5]),
        ("Sygedagpenge", [40, 42, 8, 5, 5]),
        ("Uddannelseshjælp", [10, 15, 25, 25, 25]),
        // Three answers, all negative: withheld by the gate, so never named.
        ("Jobafklaring", [0, 0, 0, 1, 2]),
    ]);
    let s = summary_by(&data, None);
    let groups = of_kind(&s, FindingKind::Group);
    assert!(
        groups
            .iter()
            .any(|t| t.starts_with("Uddannelseshjælp ligger signifikant lavere")),
        "{groups:?}"
    );
    let all: String = s
        .findings
        .iter()
        .map(|f| format!("{} {}\n", f.da, f.en))
        .collect();
    assert!(
        !all.contains("Jobafklaring"),
        "a withheld group is named: {all}"
    );
    // Every named group is called different only where the summary's corrected test says so.
    for f in s.findings.iter().filter(|f| f.kind == FindingKind::Group) {
        let p = f.numbers.p_adjusted.expect("p");
        assert!(p < 0.05, "{f:?}");
        let diff = (f.numbers.positive_pct.unwrap() - f.numbers.rest_pct.unwrap()).abs();
        assert!(diff >= tilfreds::analyze::findings::MIN_POINTS);
    }
    assert!(s.response.is_none());
    assert!(of_kind(&s, FindingKind::Response).is_empty());
}

#[test]
fn no_main_question_gives_every_question() {
    let text: String = std::iter::once("Ydelse;Spørgsmål A;Spørgsmål B\n".to_string())
        .chain((0..60).map(|i| format!("G{};{};{}\n", i % 2, STEPS[i % 5], STEPS[(i / 2) % 5])))
        .collect();
    let s = read_text(&text).summary(&SummaryOptions::default());
    assert_eq!(of_kind(&s, FindingKind::Overall).len(), 2);
    // Fewer than three questions: no highest and lowest.
    assert!(of_kind(&s, FindingKind::Highest).is_empty());
    // The JSON carries both languages and the numbers.
    let json = serde_json::to_value(&s).unwrap();
    let first = &json["findings"][0];
    assert_eq!(first["kind"], "overall");
    assert!(first["en"].as_str().unwrap().contains("answer"));
    assert_eq!(first["numbers"]["n"], 60);
}
