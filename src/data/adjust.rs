//! The user's adjustments: answer categories merged into one, and scales the user defined.

use crate::model::dataset::{ColumnData, Dataset, PreMerge, CODE_EMPTY, CODE_OTHER};
use crate::model::kinds::{Kind, Scale, ScaleFamily, ScaleSource, ValueRole};
use crate::model::options::{ColumnOverride, SummaryOptions};
use crate::util::text;

/// The column with the values `merge` names counted as one: `(from, to)` turns every cell
/// `from` into `to`, which may be another value of the column or a new one. The values keep
/// their order of first appearance and the kind is recognised anew. `None` when nothing is
/// merged or the column keeps no per-row codes.
fn merged_column(col: &ColumnData, merge: &[(String, String)]) -> Option<ColumnData> {
    let codes = col.codes.as_ref()?;
    let codes_in_file: &[u8] = codes;
    let target = |v: &str| {
        merge
            .iter()
            .find(|(from, _)| from.trim() == v.trim())
            .map_or(v, |(_, to)| to.trim())
            .to_string()
    };
    let mut values: Vec<(String, u64)> = Vec::new();
    // Per old code (index + 1): the new code.
    let mut remap = vec![CODE_EMPTY; col.profile.values.len() + 1];
    for (i, (value, count)) in col.profile.values.iter().enumerate() {
        let name = target(value);
        let k = match values.iter().position(|(v, _)| *v == name) {
            Some(k) => {
                values[k].1 += count;
                k
            }
            None => {
                values.push((name, *count));
                values.len() - 1
            }
        };
        remap[i + 1] = u8::try_from(k + 1).ok().filter(|&c| c != CODE_OTHER)?;
    }
    if values.len() == col.profile.values.len() {
        return None;
    }
    let mut profile = col.profile.clone();
    profile.values = values;
    let codes = codes
        .iter()
        .map(|&c| remap.get(c as usize).copied().unwrap_or(c))
        .collect();
    let inferred = crate::infer::infer_column(&profile);
    // Disclosure control decides on the values in the file: keep them, and where each went.
    let new_index = |old: usize| remap[old + 1] as usize - 1;
    let pre_merge = match &col.pre_merge {
        Some(p) => PreMerge {
            values: p.values.clone(),
            codes: p.codes.clone(),
            merged_into: p.merged_into.iter().map(|&i| new_index(i)).collect(),
        },
        None => PreMerge {
            values: col.profile.values.clone(),
            codes: codes_in_file.to_vec(),
            merged_into: (0..col.profile.values.len()).map(new_index).collect(),
        },
    };
    Some(ColumnData {
        profile,
        inferred,
        codes: Some(codes),
        numeric: col.numeric,
        row_numbers: None,
        pre_merge: Some(Box::new(pre_merge)),
    })
}

/// The labels of a user-defined scale, trimmed, without blanks or repeats (compared
/// case-insensitively). `None` when fewer than two remain.
fn scale_labels(labels: &[String]) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for label in labels.iter().map(|l| l.trim()).filter(|l| !l.is_empty()) {
        if !out.iter().any(|o| text::lower(o) == text::lower(label)) {
            out.push(label.to_string());
        }
    }
    (out.len() >= 2).then_some(out)
}

/// The column counted on the scale the user defined: every distinct value that matches a
/// label (trimmed, case-insensitive) is that step; the rest are non-substantive ("Ved ikke")
/// or other answers, counted apart.
fn scaled_column(col: &ColumnData, labels: Vec<String>) -> ColumnData {
    let key = |v: &str| text::lower(v.trim());
    let roles = col
        .profile
        .values
        .iter()
        .map(
            |(value, _)| match labels.iter().position(|l| key(l) == key(value)) {
                Some(k) => ValueRole::Step(k),
                None if crate::infer::is_non_substantive(value) => ValueRole::NonSubstantive,
                None => ValueRole::Other,
            },
        )
        .collect();
    let mut col = col.clone();
    col.inferred.kind = Kind::Likert;
    col.inferred.scale = Some(Scale {
        family: ScaleFamily::Other,
        labels,
        first_code: 1,
        source: ScaleSource::User,
        guessed: false,
    });
    col.inferred.roles = roles;
    col
}

impl Dataset {
    /// The dataset with the answer categories `overrides` merge counted as one and the scales
    /// they define applied, or `None` when they ask for neither. Cross-tables and weighted
    /// figures are computed on it, so they count the same categories as the summary.
    pub fn adjusted(&self, overrides: &[ColumnOverride]) -> Option<Dataset> {
        let mut adjusted: Option<Dataset> = None;
        for o in overrides {
            // By header, or by the variable name kept beside it.
            let Some(i) =
                (self.columns.iter().position(|c| c.profile.name == o.column)).or_else(|| {
                    self.columns
                        .iter()
                        .position(|c| c.profile.variable.as_deref() == Some(o.column.as_str()))
                })
            else {
                continue;
            };
            if !o.merge.is_empty() {
                if let Some(col) = merged_column(&self.columns[i], &o.merge) {
                    adjusted.get_or_insert_with(|| self.clone()).columns[i] = col;
                }
            }
            if let Some(labels) = o.scale.as_deref().and_then(scale_labels) {
                let ds = adjusted.get_or_insert_with(|| self.clone());
                ds.columns[i] = scaled_column(&ds.columns[i], labels);
            }
        }
        adjusted
    }

    /// `opts` for the [`adjusted`](Dataset::adjusted) dataset: without the merges and scales,
    /// which are in the data then, and with a column given a scale counted as a scale question.
    pub fn unadjusted_options(&self, opts: &SummaryOptions) -> SummaryOptions {
        let mut plain = opts.clone();
        for p in &mut plain.overrides {
            p.merge.clear();
            let defines_scale = p.scale.take().and_then(|l| scale_labels(&l)).is_some();
            if defines_scale && self.columns.iter().any(|c| c.profile.name == p.column) {
                p.kind = Some(Kind::Likert);
            }
        }
        plain
    }
}
