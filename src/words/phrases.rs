//! Words the page, the tables, the charts and the command line repeat: each written once.

use crate::words::lang::Lang;

/// What a withheld group or value shows instead of its numbers.
pub fn too_few(lang: Lang) -> &'static str {
    lang.pick("for få svar", "too few answers")
}

/// What a mean shows instead of its interval when fewer than three answers (or, for the
/// standard deviation, fewer than two) leave nothing to estimate the spread from.
pub fn too_few_for_interval(lang: Lang) -> &'static str {
    lang.pick(
        "for få svar til et interval",
        "too few answers for an interval",
    )
}

/// A margin of error in percentage points: "± 3,1 procentpoint", "± 3.1 percentage points"
/// (never "%", which would read as a share of the share).
pub fn margin_of_error(points: f64, lang: Lang) -> String {
    format!(
        "± {} {}",
        crate::words::lang::format_decimal(points, 1, lang),
        lang.pick("procentpoint", "percentage points")
    )
}

/// The label of a margin of error: "Statistisk usikkerhed (95 %)".
pub fn margin_of_error_label(lang: Lang) -> &'static str {
    lang.pick("Statistisk usikkerhed (95 %)", "Margin of error (95%)")
}

/// The base of a figure and what became of the non-substantive answers ("Ved ikke", "Ikke
/// relevant", …): "n = 5.671; 107 svarede «Ved ikke» o.l. og indgår ikke" or, when they are
/// in the base, "n = 5.778; heraf 107 «Ved ikke» o.l., som indgår i basen".
pub fn base_note(base: u64, apart: u64, included: bool, lang: Lang) -> String {
    use crate::words::lang::format_count;
    let (n, a) = (format_count(base, lang), format_count(apart, lang));
    match (lang, apart, included) {
        (_, 0, _) => format!("n = {n}"),
        (Lang::Da, _, false) => format!("n = {n}; {a} svarede «Ved ikke» o.l. og indgår ikke"),
        (Lang::Da, _, true) => format!("n = {n}; heraf {a} «Ved ikke» o.l., som indgår i basen"),
        (Lang::En, _, false) => {
            format!("n = {n}; {a} answered “Don't know” or similar and are not included")
        }
        (Lang::En, _, true) => {
            format!("n = {n}; of these {a} “Don't know” or similar, included in the base")
        }
    }
}

/// The label of a figure's base: "Grundlag for procenterne".
pub fn base_label(lang: Lang) -> &'static str {
    lang.pick("Grundlag for procenterne", "Base of the percentages")
}

/// The label of a Net Promoter Score: "NPS (anbefalere minus kritikere)".
pub fn nps_label(lang: Lang) -> &'static str {
    lang.pick(
        "NPS (anbefalere minus kritikere)",
        "NPS (promoters minus detractors)",
    )
}

/// A Net Promoter Score with its interval, in points: "+10,0 (95 %-interval -1,5 til +21,5)".
pub fn nps_value(score: f64, lo: f64, hi: f64, lang: Lang) -> String {
    use crate::words::lang::signed;
    format!(
        "{} ({} {} {} {})",
        signed(score, 1, lang),
        lang.pick("95 %-interval", "95% interval"),
        signed(lo, 1, lang),
        lang.pick("til", "to"),
        signed(hi, 1, lang)
    )
}

/// The label of a Net Promoter question's three groups.
pub fn nps_groups_label(lang: Lang) -> &'static str {
    lang.pick(
        "Anbefalere (9–10) / passive (7–8) / kritikere (0–6)",
        "Promoters (9–10) / passives (7–8) / detractors (0–6)",
    )
}

/// The one label the small values of a column are published under when together they reach
/// the minimum: "Øvrige (under 5)". Which values it holds is never said.
pub fn pooled(min_cell: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Øvrige (under {min_cell})"),
        Lang::En => format!("Other (under {min_cell})"),
    }
}

/// A label as shown in `lang`: the pool of small values ([`pooled`]) in that language, any other
/// label as it is (labels are the file's own words).
pub fn label_in(label: &str, lang: Lang) -> String {
    let stem = |l: Lang| match l {
        Lang::Da => "Øvrige (under ",
        Lang::En => "Other (under ",
    };
    for from in [Lang::Da, Lang::En] {
        if let Some(n) = label
            .strip_prefix(stem(from))
            .and_then(|rest| rest.strip_suffix(')'))
            .and_then(|n| n.parse::<u64>().ok())
        {
            return pooled(n, lang);
        }
    }
    label.to_string()
}

/// The note under a table that withheld `groups` groups or values, never naming them:
/// "2 grupper er ikke vist: færre end 5 svar, eller de kunne ellers regnes ud af de viste
/// tal." `None` when nothing was withheld.
pub fn withheld_note(groups: u64, min_cell: u64, lang: Lang) -> Option<String> {
    (groups > 0).then(|| match (lang, groups) {
        (Lang::Da, 1) => format!(
            "1 gruppe er ikke vist: færre end {min_cell} svar, eller den kunne ellers regnes ud af de viste tal."
        ),
        (Lang::Da, n) => format!(
            "{n} grupper er ikke vist: færre end {min_cell} svar, eller de kunne ellers regnes ud af de viste tal."
        ),
        (Lang::En, 1) => format!(
            "1 group is not shown: fewer than {min_cell} answers, or it could otherwise be worked out from the numbers shown."
        ),
        (Lang::En, n) => format!(
            "{n} groups are not shown: fewer than {min_cell} answers, or they could otherwise be worked out from the numbers shown."
        ),
    })
}

/// The label an answer gets when it looked like personal data (a CPR number, an e-mail address
/// or a telephone number): "Skjult svar (personoplysning) 1". The number keeps different
/// answers apart, so they are never counted as one.
pub fn hidden_answer(number: u64, lang: Lang) -> String {
    format!("{} {number}", hidden_answer_stem(lang))
}

fn hidden_answer_stem(lang: Lang) -> &'static str {
    lang.pick(
        "Skjult svar (personoplysning)",
        "Hidden answer (personal data)",
    )
}

/// The number and language of a label made by [`hidden_answer`], or `None` for any other
/// label.
pub fn hidden_answer_number(label: &str) -> Option<(u64, Lang)> {
    [Lang::Da, Lang::En].into_iter().find_map(|lang| {
        let rest = label.strip_prefix(hidden_answer_stem(lang))?;
        Some((rest.strip_prefix(' ')?.parse().ok()?, lang))
    })
}

/// The one label every "other, namely …" answer with typed text (and every long typed answer)
/// of a column is counted under: "Andet (fritekst)".
pub fn free_text_answer(lang: Lang) -> &'static str {
    lang.pick("Andet (fritekst)", "Other (free text)")
}

/// The name of column `number` (1-based) of a file read without a header row: "Kolonne 1",
/// "Column 1". It depends on the place alone, never on the file's content.
pub fn column_number(number: usize, lang: Lang) -> String {
    format!("{} {number}", lang.pick("Kolonne", "Column"))
}

/// The answer an SPSS value gets when the file declares it missing and its label (if any) is
/// not one the recognition knows as non-substantive: "Uoplyst", "No answer", both known.
pub fn missing_answer(lang: Lang) -> &'static str {
    lang.pick("Uoplyst", "No answer")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_pool_is_named_in_the_reader_s_language() {
        use super::*;
        assert_eq!(label_in("Øvrige (under 5)", Lang::En), "Other (under 5)");
        assert_eq!(label_in("Other (under 12)", Lang::Da), "Øvrige (under 12)");
        assert_eq!(
            label_in("Øvrige (under fem)", Lang::En),
            "Øvrige (under fem)"
        );
        assert_eq!(label_in("Aarhus", Lang::En), "Aarhus");
    }

    use super::*;

    #[test]
    fn columns_without_headers_are_named_by_place() {
        assert_eq!(column_number(1, Lang::Da), "Kolonne 1");
        assert_eq!(column_number(12, Lang::En), "Column 12");
    }

    #[test]
    fn hidden_answers_are_numbered_and_read_back() {
        assert_eq!(
            hidden_answer(1, Lang::Da),
            "Skjult svar (personoplysning) 1"
        );
        assert_eq!(
            hidden_answer(12, Lang::En),
            "Hidden answer (personal data) 12"
        );
        for lang in [Lang::Da, Lang::En] {
            assert_eq!(
                hidden_answer_number(&hidden_answer(7, lang)),
                Some((7, lang))
            );
        }
        assert_eq!(hidden_answer_number("Skjult svar (personoplysning)"), None);
        assert_eq!(
            hidden_answer_number("Skjult svar (personoplysning) x"),
            None
        );
        assert_eq!(hidden_answer_number("Meget tilfreds"), None);
    }
}
