//! Combining files: whether several exports have the same columns, and one dataset of all their
//! rows with a column naming each row's file.

use serde::Serialize;

use crate::infer::infer_column;
use crate::model::dataset::{ColumnData, Dataset, NumericAcc, ReadFacts};
use crate::model::kinds::{Inferred, Kind};
use crate::model::profile::ColumnProfile;
use crate::util::text::clean;
use crate::words::lang::Lang;
use crate::words::messages::combine_verdict;
use crate::words::phrases::{hidden_answer, hidden_answer_number};

/// Whether several files can be combined into one: they must have the same headers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombineCheck {
    /// True when every file has the same headers as the first (in any order).
    pub combinable: bool,
    /// True when the headers are the same but in a different order.
    pub reordered: bool,
    /// Per file after the first: headers of the first file it lacks.
    pub missing: Vec<Vec<String>>,
    /// Per file after the first: headers the first file lacks.
    pub extra: Vec<Vec<String>>,
    /// Files chosen twice: `(earlier, later)` names of files with the very same answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<(String, String)>,
    /// The verdict in Danish.
    pub da: String,
    /// The verdict in English.
    pub en: String,
}

/// Checks whether files with these headers (`(name, headers)`) can be combined.
pub fn combine_check(files: &[(&str, Vec<String>)]) -> CombineCheck {
    let first: Vec<String> = files.first().map(|f| f.1.clone()).unwrap_or_default();
    let mut missing = Vec::new();
    let mut extra = Vec::new();
    let mut reordered = false;
    for (_, headers) in files.iter().skip(1) {
        let mut rest = headers.clone();
        let mut lacks = Vec::new();
        for h in &first {
            match rest.iter().position(|x| x == h) {
                Some(i) => {
                    rest.remove(i);
                }
                None => lacks.push(h.clone()),
            }
        }
        reordered |= lacks.is_empty() && rest.is_empty() && *headers != first;
        missing.push(lacks);
        extra.push(rest);
    }
    let combinable =
        files.len() >= 2 && missing.iter().all(Vec::is_empty) && extra.iter().all(Vec::is_empty);
    let difference = missing
        .iter()
        .zip(&extra)
        .enumerate()
        .find(|(_, (m, e))| !m.is_empty() || !e.is_empty())
        .map(|(i, (m, e))| {
            let mut all: Vec<String> = m.iter().chain(e).map(|h| format!("'{h}'")).collect();
            let more = all.len().saturating_sub(3);
            all.truncate(3);
            let mut list = all.join(", ");
            if more > 0 {
                list.push_str(&format!(" (+{more})"));
            }
            (files[i + 1].0, list)
        })
        .unwrap_or_default();
    let (file, list) = &difference;
    let verdict = |lang| combine_verdict(files.len(), combinable, (file, list), lang);
    let (da, en) = (verdict(Lang::Da), verdict(Lang::En));
    CombineCheck {
        combinable,
        reordered,
        missing,
        extra,
        duplicates: Vec::new(),
        da,
        en,
    }
}

/// [`combine_check`] on read files, which also finds a file chosen twice (the same answers,
/// whatever its name): such files are not combined, and comparing them says so.
pub fn combine_check_files(parts: &[(&str, &Dataset)]) -> CombineCheck {
    let headers: Vec<(&str, Vec<String>)> = parts
        .iter()
        .map(|(n, d)| {
            (
                *n,
                d.columns.iter().map(|c| c.profile.name.clone()).collect(),
            )
        })
        .collect();
    let mut check = combine_check(&headers);
    for (j, (later, b)) in parts.iter().enumerate() {
        if let Some((earlier, _)) = parts[..j].iter().find(|(_, a)| same_answers(a, b)) {
            check
                .duplicates
                .push((earlier.to_string(), later.to_string()));
        }
    }
    if let Some((earlier, later)) = check.duplicates.first() {
        check.combinable = false;
        check.da = crate::words::messages::duplicate_files(earlier, later, Lang::Da);
        check.en = crate::words::messages::duplicate_files(earlier, later, Lang::En);
    }
    check
}

/// True when two files hold the same answers in the same rows: the same headers, row count,
/// values with their counts, and per-row codes. Files with hidden or folded answers (personal
/// data, free text, very many values) are never called the same: what is hidden may differ.
fn same_answers(a: &Dataset, b: &Dataset) -> bool {
    let comparable = |d: &Dataset| {
        d.columns.iter().all(|c| {
            c.profile.hidden_labels == 0
                && c.profile.free_text_labels == 0
                && !c.profile.overflowed
                && !c.profile.header_masked
        })
    };
    comparable(a)
        && comparable(b)
        && a.facts.rows == b.facts.rows
        && a.columns.len() == b.columns.len()
        && a.columns.iter().zip(&b.columns).all(|(x, y)| {
            x.profile.name == y.profile.name
                && x.profile.values == y.profile.values
                && x.profile.empty == y.profile.empty
                && x.codes == y.codes
        })
}

/// The header of the column that names each row's file.
pub const FILE_COLUMN: &str = "Fil";

/// Combines datasets with the same headers into one, as if their rows had been in one file:
/// dictionaries and counts merged, row codes re-numbered, kinds recognised anew on the merged
/// values, and a last column "Fil" naming each row's file. Columns are matched by header, so
/// their order may differ; the first file's order is kept. `None` when the headers differ or
/// fewer than two files are given.
pub fn concat(parts: &[(&str, &Dataset)]) -> Option<Dataset> {
    let headers: Vec<(&str, Vec<String>)> = parts
        .iter()
        .map(|(n, d)| {
            (
                *n,
                d.columns.iter().map(|c| c.profile.name.clone()).collect(),
            )
        })
        .collect();
    if !combine_check(&headers).combinable || !combine_check_files(parts).combinable {
        return None;
    }
    let first = parts[0].1;
    // Per part: for each of the first file's columns, the matching column (the k-th column
    // of a repeated header matches the k-th one).
    let mut maps: Vec<Vec<usize>> = Vec::with_capacity(parts.len());
    for (_, d) in parts {
        let mut used = vec![false; d.columns.len()];
        let mut map = Vec::with_capacity(first.columns.len());
        for c in &first.columns {
            let j = (0..d.columns.len())
                .find(|&j| !used[j] && d.columns[j].profile.name == c.profile.name)?;
            used[j] = true;
            map.push(j);
        }
        maps.push(map);
    }
    let mut columns: Vec<ColumnData> = (0..first.columns.len())
        .map(|i| {
            let cols: Vec<&ColumnData> = parts
                .iter()
                .zip(&maps)
                .map(|((_, d), m)| &d.columns[m[i]])
                .collect();
            merge_columns(&cols)
        })
        .collect();
    let rows: u64 = parts.iter().map(|(_, d)| d.facts.rows).sum();
    for c in &mut columns {
        c.profile.rows = rows;
    }
    columns.push(file_column(parts, &columns, rows));
    let mut facts = ReadFacts::default();
    for (_, d) in parts {
        let f = &d.facts;
        facts.rows += f.rows;
        facts.blank_rows += f.blank_rows;
        facts.padded_rows += f.padded_rows;
        facts.truncated_rows += f.truncated_rows;
        facts.invalid_values += f.invalid_values;
        facts.first_padded_row = facts.first_padded_row.or(f.first_padded_row);
        facts.first_truncated_row = facts.first_truncated_row.or(f.first_truncated_row);
    }
    Some(Dataset {
        dialect: first.dialect.clone(),
        facts,
        columns,
    })
}

fn merge_columns(cols: &[&ColumnData]) -> ColumnData {
    let name = cols[0].profile.name.clone();
    let mut values: Vec<(String, u64)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Per part: old code → new code.
    let mut remaps: Vec<Vec<usize>> = Vec::with_capacity(cols.len());
    let mut profile = ColumnProfile {
        name,
        variable: cols[0].profile.variable.clone(),
        ..ColumnProfile::default()
    };
    let mut numeric = NumericAcc::default();
    let mut hidden_count = 0u64;
    for c in cols {
        let p = &c.profile;
        let mut remap = vec![0usize];
        for (v, count) in &p.values {
            // Hidden answers are numbered per file: the same number in two files is two
            // different answers, so each is numbered anew.
            let hidden = hidden_answer_number(v).map(|(_, lang)| {
                hidden_count += 1;
                hidden_answer(hidden_count, lang)
            });
            let v = hidden.as_ref().unwrap_or(v);
            let i = *index.entry(v.clone()).or_insert_with(|| {
                values.push((v.clone(), 0));
                values.len() - 1
            });
            values[i].1 += count;
            remap.push(i + 1);
        }
        remaps.push(remap);
        profile.empty += p.empty;
        profile.overflowed |= p.overflowed;
        profile.cpr_cells += p.cpr_cells;
        profile.cpr_tokens += p.cpr_tokens;
        profile.numeric_cells += p.numeric_cells;
        profile.unparsed_numbers += p.unparsed_numbers;
        for (form, n) in &p.unparsed_forms {
            match profile.unparsed_forms.iter_mut().find(|(f, _)| f == form) {
                Some((_, m)) => *m += n,
                None => profile.unparsed_forms.push((form.clone(), *n)),
            }
        }
        profile.max_len = profile.max_len.max(p.max_len);
        profile.total_len += p.total_len;
        profile.email_cells += p.email_cells;
        profile.header_masked |= p.header_masked;
        profile.free_text_labels += p.free_text_labels;
        numeric.merge(&c.numeric);
    }
    profile.values = values;
    profile.hidden_labels = hidden_count;
    let fits = profile.values.len() < 255;
    let codes = if fits && cols.iter().all(|c| c.codes.is_some()) {
        let mut out = Vec::new();
        for (c, remap) in cols.iter().zip(&remaps) {
            for &code in c.codes.as_deref().unwrap_or_default() {
                out.push(remap.get(code as usize).map_or(255, |&n| n as u8));
            }
        }
        Some(out)
    } else {
        None
    };
    // A column of many distinct numbers keeps its numbers per row when every part has them.
    let row_numbers = match codes {
        Some(_) => None,
        None => cols
            .iter()
            .map(|c| c.numbers_per_row())
            .collect::<Option<Vec<Vec<f32>>>>()
            .map(|parts| parts.concat()),
    };
    let inferred = infer_column(&profile);
    ColumnData {
        profile,
        inferred,
        codes,
        numeric,
        row_numbers,
        pre_merge: None,
    }
}

/// The "Fil" column: each row's file name (made unique), a category by construction.
fn file_column(parts: &[(&str, &Dataset)], columns: &[ColumnData], rows: u64) -> ColumnData {
    let mut name = FILE_COLUMN.to_string();
    let mut k = 2;
    while columns.iter().any(|c| c.profile.name == name) {
        name = format!("{FILE_COLUMN} ({k})");
        k += 1;
    }
    let mut values: Vec<(String, u64)> = Vec::new();
    for (file, d) in parts {
        let mut label = clean(file.trim());
        if label.is_empty() {
            label = format!("{}", values.len() + 1);
        }
        let base = label.clone();
        let mut k = 2;
        while values.iter().any(|(v, _)| *v == label) {
            label = format!("{base} ({k})");
            k += 1;
        }
        values.push((label, d.facts.rows));
    }
    let codes = (values.len() < 255).then(|| {
        parts
            .iter()
            .enumerate()
            .flat_map(|(i, (_, d))| std::iter::repeat_n(i as u8 + 1, d.facts.rows as usize))
            .collect()
    });
    let profile = ColumnProfile {
        name,
        max_len: values.iter().map(|(v, _)| v.len()).max().unwrap_or(0),
        total_len: values.iter().map(|(v, c)| v.len() as u64 * c).sum(),
        values,
        rows,
        ..ColumnProfile::default()
    };
    ColumnData {
        profile,
        inferred: Inferred::plain(Kind::Category),
        codes,
        numeric: NumericAcc::default(),
        row_numbers: None,
        pre_merge: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combine_check_reports_differences() {
        let a = vec!["A".to_string(), "B".to_string()];
        let b = vec!["B".to_string(), "A".to_string()];
        let c = vec!["A".to_string(), "C".to_string()];
        let ok = combine_check(&[("a.csv", a.clone()), ("b.csv", b)]);
        assert!(ok.combinable && ok.reordered);
        let bad = combine_check(&[("a.csv", a.clone()), ("c.csv", c)]);
        assert!(!bad.combinable);
        assert_eq!(bad.missing, vec![vec!["B".to_string()]]);
        assert_eq!(bad.extra, vec![vec!["C".to_string()]]);
        assert!(bad.da.contains("'c.csv'") && bad.en.contains("'B'"));
        assert!(!combine_check(&[("a.csv", a)]).combinable);
        assert!(!combine_check(&[]).combinable);
    }

    #[test]
    fn a_file_chosen_twice_is_found_whatever_its_name() {
        let read = |t: &str| crate::read_bytes(t.as_bytes()).unwrap();
        let a = read("Kommune;Svar\nAarhus;Tilfreds\nOdense;Utilfreds\n");
        let same = read("Kommune;Svar\nAarhus;Tilfreds\nOdense;Utilfreds\n");
        let other = read("Kommune;Svar\nAarhus;Utilfreds\nOdense;Utilfreds\n");
        let twice = combine_check_files(&[("2024.csv", &a), ("kopi af 2024.csv", &same)]);
        assert!(!twice.combinable);
        assert_eq!(
            twice.duplicates,
            vec![("2024.csv".to_string(), "kopi af 2024.csv".to_string())]
        );
        assert!(twice.da.contains("to gange") && twice.en.contains("twice"));
        assert!(concat(&[("2024.csv", &a), ("kopi af 2024.csv", &same)]).is_none());
        let fine = combine_check_files(&[("2024.csv", &a), ("2025.csv", &other)]);
        assert!(fine.combinable && fine.duplicates.is_empty());
        assert!(concat(&[("2024.csv", &a), ("2025.csv", &other)]).is_some());
    }
}
