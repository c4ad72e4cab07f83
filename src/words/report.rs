//! The words of the Word and PowerPoint report: headings, table headers, the sentence with each
//! question's figures, the source line and the methods appendix.

use crate::words::lang::{format_count, format_mean, format_pct, Lang};
use crate::words::messages::quoted;

/// The report's title.
pub fn title(lang: Lang) -> &'static str {
    lang.pick("Resultater af undersøgelsen", "Survey results")
}

/// The line under the title: the file, and the grouping when there is one.
pub fn subtitle(file: &str, by: Option<&str>, lang: Lang) -> String {
    match by {
        Some(by) => format!("{file}, {} {by}", lang.pick("opdelt efter", "by")),
        None => file.to_string(),
    }
}

/// A date as it is written in running text: "3. december 2026", "3 December 2026".
/// `month` is 1–12.
pub fn date(year: i64, month: u32, day: u32, lang: Lang) -> String {
    const DA: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let m = month.clamp(1, 12) as usize - 1;
    match lang {
        Lang::Da => format!("{day}. {} {year}", DA[m]),
        Lang::En => format!("{day} {} {year}", EN[m]),
    }
}

/// The heading of the main results.
pub fn findings_heading(lang: Lang) -> &'static str {
    lang.pick("Hovedresultater", "Main results")
}

/// What stands under the main results' heading when no rule found a sentence.
pub fn no_findings(lang: Lang) -> &'static str {
    lang.pick(
        "Der er ingen spørgsmål med en svarskala og nok svar til hovedresultater.",
        "There are no questions on an answer scale with enough answers for main results.",
    )
}

/// The heading of the section with one part per question.
pub fn questions_heading(lang: Lang) -> &'static str {
    lang.pick("Spørgsmål for spørgsmål", "Question by question")
}

/// The heading of the methods appendix.
pub fn methods_heading(lang: Lang) -> &'static str {
    lang.pick("Bilag: metode", "Appendix: methods")
}

/// The one term for the share in the two most positive steps.
pub fn share_positive(lang: Lang) -> &'static str {
    lang.pick("Andel positive (top-2)", "Share positive (top-2)")
}

/// The header of the mean's column.
pub fn mean(lang: Lang) -> &'static str {
    lang.pick("Gennemsnit", "Mean")
}

/// The header of the column of answers on the scale.
pub fn answers_on_scale(lang: Lang) -> &'static str {
    lang.pick("Svar på skalaen (n)", "Answers on the scale (n)")
}

/// The header of the column of the percentages' base.
pub fn base(lang: Lang) -> &'static str {
    lang.pick("Grundlag", "Base")
}

/// The row of every answer together, above the groups.
pub fn all_answers(lang: Lang) -> &'static str {
    lang.pick("Alle svar", "All answers")
}

/// The first column's header when there is no grouping.
pub fn answers(lang: Lang) -> &'static str {
    lang.pick("Svar", "Answers")
}

/// The caption of a question's table.
pub fn table_caption(question: &str, by: Option<&str>, lang: Lang) -> String {
    let q = quoted(question, lang);
    match (lang, by) {
        (Lang::Da, Some(by)) => format!("Nøgletal for {q} opdelt efter {by}"),
        (Lang::Da, None) => format!("Nøgletal for {q}"),
        (Lang::En, Some(by)) => format!("Key figures for {q} by {by}"),
        (Lang::En, None) => format!("Key figures for {q}"),
    }
}

/// The sentence with a question's figures: the share positive (when the question leads with
/// it), the mean and the base. `max` is the highest step of the mean's scale.
pub fn question_figures(
    positive_pct: Option<f64>,
    mean: f64,
    max: Option<u32>,
    n: u64,
    lang: Lang,
) -> String {
    let m = match max {
        Some(max) => format!(
            "{} {} {max}",
            format_mean(mean, lang),
            lang.pick("ud af", "out of")
        ),
        None => format_mean(mean, lang),
    };
    let n = format_count(n, lang);
    match (lang, positive_pct) {
        (Lang::Da, Some(p)) => format!(
            "{} svarer positivt (top-2); gennemsnittet er {m} (n = {n}).",
            format_pct(p, lang)
        ),
        (Lang::Da, None) => format!("Gennemsnittet er {m} (n = {n})."),
        (Lang::En, Some(p)) => format!(
            "{} answer positively (top-2); the mean is {m} (n = {n}).",
            format_pct(p, lang)
        ),
        (Lang::En, None) => format!("The mean is {m} (n = {n})."),
    }
}

/// The line at the foot of a slide or under a chart: source, n, date and grouping.
pub fn source_line(file: &str, rows: u64, date: &str, by: Option<&str>, lang: Lang) -> String {
    let mut line = format!(
        "{}: {file}; n = {}",
        lang.pick("Kilde", "Source"),
        format_count(rows, lang)
    );
    if !date.is_empty() {
        line.push_str("; ");
        line.push_str(date);
    }
    if let Some(by) = by {
        line.push_str(&format!("; {} {by}", lang.pick("opdelt efter", "by")));
    }
    line
}

/// The alternative text of a chart picture.
pub fn chart_alt(title: &str, lang: Lang) -> String {
    format!("{}: {title}", lang.pick("Diagram", "Chart"))
}

/// The methods appendix' sentence on withholding small numbers.
pub fn suppression_rule(min_cell: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Tal bygget på færre end {min_cell} svar vises ikke, og heller ikke tal, som de kunne regnes ud af (sekundær diskretionering), så ingen enkelt besvarelse kan genkendes."),
        Lang::En => format!("Figures based on fewer than {min_cell} answers are not shown, nor figures they could be worked out from (secondary suppression), so that no single response can be recognised."),
    }
}

/// The methods appendix' sentence on the share positive.
pub fn top2_rule(lang: Lang) -> &'static str {
    lang.pick(
        "Andel positive (top-2) er andelen af svarene i skalaens to mest positive trin (på en skala med 3 trin det mest positive). Gennemsnittet er på skalaen fra 1 til antallet af trin, det mest positive højest; spørgsmål på en skala fra 0 til 10 vises med gennemsnit.",
        "Share positive (top-2) is the share of answers in the scale's two most positive steps (on a 3-step scale the most positive one). The mean is on the scale from 1 to the number of steps, the most positive highest; questions on a 0 to 10 scale are shown by their mean.",
    )
}

/// The methods appendix' facts on the file: respondents, encoding, delimiter, header rows and
/// rows that could not be read.
pub fn file_facts(
    file: &str,
    rows: u64,
    encoding: &str,
    delimiter: &str,
    header_rows: usize,
    skipped: u64,
    lang: Lang,
) -> String {
    let delimiter = match delimiter {
        ";" => lang.pick("semikolon", "semicolon"),
        "," => lang.pick("komma", "comma"),
        "\t" => lang.pick("tabulator", "tab"),
        "|" => lang.pick("lodret streg", "vertical bar"),
        other => other,
    };
    let rows = format_count(rows, lang);
    let skipped = format_count(skipped, lang);
    match lang {
        Lang::Da => format!("Filen {}: {rows} besvarelser; tegnsæt {encoding}, felter adskilt med {delimiter}, {header_rows} overskriftsrække(r); {skipped} rækker kunne ikke læses.", quoted(file, lang)),
        Lang::En => format!("The file {}: {rows} responses; encoding {encoding}, fields separated by {delimiter}, {header_rows} header row(s); {skipped} rows could not be read.", quoted(file, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_running_text() {
        assert_eq!(date(2026, 12, 3, Lang::Da), "3. december 2026");
        assert_eq!(date(2026, 5, 17, Lang::En), "17 May 2026");
    }

    #[test]
    fn figures_in_both_languages() {
        assert_eq!(
            question_figures(Some(81.25), 4.3712, Some(5), 1234, Lang::Da),
            "81,3\u{a0}% svarer positivt (top-2); gennemsnittet er 4,37 ud af 5 (n = 1.234)."
        );
        assert_eq!(
            question_figures(None, 7.0, Some(10), 50, Lang::En),
            "The mean is 7.00 out of 10 (n = 50)."
        );
    }
}
