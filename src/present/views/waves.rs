//! The wave comparison as a table.

use crate::analyze::waves::Comparison;
use crate::present::export::Table;
use crate::words::lang::{format_count, format_mean, format_p, format_pct, signed, Lang};

/// The comparison as a table: one line per question with each wave's n, top-2 and mean, and
/// the change from the first to the last wave with its p-value.
pub fn comparison_table(cmp: &Comparison, lang: Lang) -> Table {
    let mut header = vec![lang.pick("Spørgsmål", "Question").to_string()];
    for w in &cmp.waves {
        header.push(format!("{w}: n"));
        header.push(format!("{w}: {}", lang.pick("top-2", "top-2")));
        header.push(format!("{w}: {}", lang.pick("gennemsnit", "mean")));
    }
    header.push(
        lang.pick("Ændring top-2 (pp)", "Change top-2 (pp)")
            .to_string(),
    );
    header.push(lang.pick("p (top-2)", "p (top-2)").to_string());
    header.push(lang.pick("Ændring gennemsnit", "Change mean").to_string());
    header.push(lang.pick("p (gennemsnit)", "p (mean)").to_string());
    let rows = cmp
        .questions
        .iter()
        .map(|q| {
            let mut row = vec![q.question.clone()];
            for p in &q.waves {
                match p {
                    Some(p) => {
                        row.push(format_count(p.n_valid, lang));
                        row.push(format_pct(p.top2_pct, lang));
                        row.push(format_mean(p.mean, lang));
                    }
                    None => row.extend(["–".to_string(), "–".to_string(), "–".to_string()]),
                }
            }
            let last = q.overall.as_ref().or(q.changes.last());
            match last {
                Some(c) => {
                    row.push(signed(c.top2_pp, 1, lang));
                    row.push(
                        c.top2_test
                            .as_ref()
                            .map(|t| format_p(t.p_value, lang))
                            .unwrap_or_else(|| "–".into()),
                    );
                    row.push(signed(c.mean_diff, 2, lang));
                    row.push(
                        c.mean_test
                            .as_ref()
                            .map(|t| format_p(t.p_value, lang))
                            .unwrap_or_else(|| "–".into()),
                    );
                }
                None => row.extend(std::iter::repeat_n("–".to_string(), 4)),
            }
            row
        })
        .collect();
    Table { header, rows }
}

#[cfg(test)]
mod tests {}
