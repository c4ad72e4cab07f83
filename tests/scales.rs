//! Answer scales: two different answers never become one step, and a range that rests on the
//! answers alone is said to be guessed. The fixtures are written by
//! tests/fixtures/scales/make_scale_fixtures.py; every expectation is counted by hand from the
//! counts listed there.

use tilfreds::analyze::summary::ColumnSummary;
use tilfreds::model::kinds::{Kind, ScaleSource};
use tilfreds::{Summary, SummaryOptions};

use crate::util::{close, column, count, summary_of};

fn scales(file: &str) -> Summary {
    summary_of(&format!("scales/{file}"), &SummaryOptions::default())
}

/// The steps, their counts, and the scale's provenance of a Likert column.
#[track_caller]
fn likert<'a>(s: &'a Summary, name: &str) -> (&'a ColumnSummary, Vec<u64>) {
    let c = column(s, name);
    assert_eq!(c.kind, Kind::Likert, "{name}");
    (c, c.stats.as_ref().expect("scale statistics").steps.clone())
}

fn warned(s: &Summary, name: &str) -> bool {
    s.warnings
        .iter()
        .any(|w| w.code == "scale_guessed" && w.column.as_deref() == Some(name))
}

#[test]
fn seven_point_scales_keep_seven_steps() {
    let s = scales("seven_point.csv");
    for (name, top) in [
        ("Q1 Hvor tilfreds er du?", "Yderst tilfreds"),
        ("Q2 Jeg blev hjulpet", "Helt enig"),
        ("Q3 Overall satisfaction", "Extremely satisfied"),
    ] {
        let (c, steps) = likert(&s, name);
        assert_eq!(steps, [5, 9, 8, 6, 4, 2, 1], "{name}");
        assert_eq!(c.scale.as_ref().unwrap()[0], top);
        assert_eq!(c.mean_scale_max, Some(7));
        let st = c.stats.as_ref().unwrap();
        // Top-2 is 5 + 9 of 35; the mean (5·7 + 9·6 + 8·5 + 6·4 + 4·3 + 2·2 + 1) / 35 = 170/35.
        assert!(close(st.top2_pct, 1400.0 / 35.0), "{name}");
        assert!(close(st.mean, 170.0 / 35.0), "{name}");
        assert_eq!(c.scale_source, Some(ScaleSource::Wording));
        assert!(!c.scale_guessed && !warned(&s, name));
    }
    let (c, _) = likert(&s, "Q1 Hvor tilfreds er du?");
    assert_eq!(count(c, "Meget tilfreds"), 9);
}

#[test]
fn surveyxact_enig_is_not_delvis_enig() {
    let s = scales("surveyxact_enig.csv");
    let (c, steps) = likert(&s, "Jeg blev mødt med respekt");
    assert_eq!(
        c.scale.as_deref().unwrap(),
        [
            "Enig",
            "Delvis enig",
            "Hverken eller",
            "Delvis uenig",
            "Uenig"
        ]
    );
    assert_eq!(steps, [12, 7, 3, 2, 1]);
    assert_eq!(c.non_substantive, Some(2));
    let st = c.stats.as_ref().unwrap();
    // (12·5 + 7·4 + 3·3 + 2·2 + 1) / 25 = 102/25; top-2 19 of 25.
    assert!(close(st.mean, 102.0 / 25.0));
    assert!(close(st.top2_pct, 76.0));
}

#[test]
fn surveyxact_labels_give_the_range_even_when_a_step_is_unused() {
    let mut dataset = String::from("s_1;s_2\n");
    // Codes 1 = Enig … 5 = Uenig; nobody chose 3. Enig 6, Delvis enig 4, Delvis uenig 2, Uenig 1.
    for (code, n) in [(1, 6), (2, 4), (4, 2), (5, 1)] {
        for _ in 0..n {
            dataset.push_str(&format!("{code};\n"));
        }
    }
    let structure =
        "questionName;variableName;questionType;subType;questionText;choiceValue;choiceText\n\
         s_1;s_1;Closed;Single;Jeg fik den hjælp, jeg havde brug for;;\n\
         s_2;s_2;Open;String;Kommentar;;\n";
    let labels = "s_1;1;Enig \ns_1;2;Delvis enig\ns_1;3;Hverken enig eller uenig\n\
                  s_1;4;Delvis uenig\ns_1;5;Uenig\ns_1;9;Ved ikke\n";
    let files = [
        ("dataset.csv", dataset.as_bytes()),
        ("structure.csv", structure.as_bytes()),
        ("labels.csv", labels.as_bytes()),
    ];
    let s = tilfreds::read::surveyxact::read(&files)
        .unwrap()
        .summary(&SummaryOptions::default());
    let (c, steps) = likert(&s, "Jeg fik den hjælp, jeg havde brug for");
    assert_eq!(
        c.scale.as_deref().unwrap(),
        [
            "Enig",
            "Delvis enig",
            "Hverken enig eller uenig",
            "Delvis uenig",
            "Uenig"
        ]
    );
    assert_eq!(steps, [6, 4, 0, 2, 1]);
    assert_eq!(c.scale_source, Some(ScaleSource::Metadata));
    assert!(!c.scale_guessed);
}

#[test]
fn six_point_scale_keeps_six_steps() {
    let s = scales("six_point.csv");
    let (c, steps) = likert(&s, "Hvor tilfreds er du?");
    assert_eq!(steps, [20, 25, 30, 20, 15, 10]);
    let st = c.stats.as_ref().unwrap();
    // Top-2 45 of 120; mean (20·6 + 25·5 + 30·4 + 20·3 + 15·2 + 10) / 120 = 465/120.
    assert!(close(st.top2_pct, 37.5));
    assert!(close(st.mean, 465.0 / 120.0));
    // No midpoint was chosen by 120 people: six steps, but only the answers say so.
    assert!(c.scale_guessed && warned(&s, "Hvor tilfreds er du?"));
    assert!(!s.warnings.iter().any(|w| w.code == "four_point_scale"));
}

#[test]
fn labels_with_codes_are_ordered_by_their_words() {
    let s = scales("limesurvey_agree_codes.csv");
    let (c, steps) = likert(&s, "Q5[SQ001]");
    assert_eq!(steps, [3, 6, 5, 4, 2, 1, 1]);
    assert_eq!(c.scale.as_ref().unwrap()[1], "Agree (6)");
    assert_eq!(c.scale.as_ref().unwrap()[2], "Somewhat agree (5)");
    assert!(close(c.stats.as_ref().unwrap().top2_pct, 900.0 / 22.0));
}

#[test]
fn no_midpoint_chosen_stays_five_points_and_is_marked_guessed() {
    let s = scales("no_midpoint.csv");
    let name = "Hvor tilfreds er du med mødet?";
    let (c, steps) = likert(&s, name);
    assert_eq!(steps, [7, 8, 0, 3, 2]);
    // (7·5 + 8·4 + 3·2 + 2) / 20 = 75/20.
    assert!(close(c.stats.as_ref().unwrap().mean, 3.75));
    assert_eq!(c.mean_scale_max, Some(5));
    assert!(c.scale_guessed && warned(&s, name));
}

#[test]
fn header_range_wins_over_the_answers_present() {
    let s = scales("seven_as_five.csv");
    for name in [
        "Hvor let var det at søge? (1-7)",
        "Hvor let var det at ringe? 1 = meget svært, 7 = meget let",
    ] {
        let (c, steps) = likert(&s, name);
        assert_eq!(steps, [0, 0, 4, 6, 5, 3, 2], "{name}");
        let st = c.stats.as_ref().unwrap();
        // Nobody answered 6 or 7; mean (2 + 3·2 + 5·3 + 6·4 + 4·5) / 20 = 67/20.
        assert!(close(st.top2_pct, 0.0));
        assert!(close(st.mean, 3.35));
        assert_eq!(c.scale_source, Some(ScaleSource::Header));
        assert!(!c.scale_guessed);
    }
}

#[test]
fn code_9_beside_one_to_five_is_not_a_step() {
    let s = scales("code9.csv");
    let (c, steps) = likert(&s, "Q5");
    assert_eq!(steps, [6, 4, 3, 2, 3]);
    assert_eq!(count(c, "9"), 4);
    assert_eq!(c.non_substantive, Some(4));
    // Top-2 10 of 18; mean (6·5 + 4·4 + 3·3 + 2·2 + 3) / 18 = 62/18.
    let st = c.stats.as_ref().unwrap();
    assert!(close(st.top2_pct, 1000.0 / 18.0));
    assert!(close(st.mean, 62.0 / 18.0));
    assert_eq!(c.scale_source, Some(ScaleSource::Values));
    assert!(c.scale_guessed && warned(&s, "Q5"));
}

#[test]
fn code_columns_get_no_mean() {
    let s = scales("code_columns.csv");
    for name in ["Uddannelsesniveau", "Husstandsstørrelse", "Ydelseskode"] {
        let c = column(&s, name);
        assert_eq!(c.kind, Kind::Category, "{name}");
        assert!(c.stats.is_none() && c.numeric.is_none(), "{name}");
    }
}

#[test]
fn a_guessed_scale_confirmed_by_the_user_is_no_longer_a_guess() {
    // A 5-step wording with nobody at the midpoint and few answers: the range is a guess.
    let text = crate::util::csv(
        "Løbenr;Hvor tilfreds er du?",
        &[
            ("1;Meget tilfreds", 6),
            ("2;Tilfreds", 5),
            ("3;Utilfreds", 3),
            ("4;Meget utilfreds", 2),
        ],
    );
    let ds = crate::util::read_text(&text);
    let plain = ds.summary(&tilfreds::SummaryOptions::default());
    assert!(plain.columns[1].scale_guessed, "guessed without a midpoint");
    assert!(plain.warnings.iter().any(|w| w.code == "scale_guessed"));
    let confirmed = ds.summary(&tilfreds::SummaryOptions {
        overrides: vec![tilfreds::analyze::summary::ColumnOverride {
            column: "Hvor tilfreds er du?".into(),
            scale_confirmed: true,
            ..Default::default()
        }],
        ..Default::default()
    });
    let c = &confirmed.columns[1];
    assert!(!c.scale_guessed);
    assert_eq!(
        c.scale, plain.columns[1].scale,
        "the same scale, now confirmed"
    );
    assert!(confirmed.warnings.iter().all(|w| w.code != "scale_guessed"));
}
