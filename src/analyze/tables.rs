//! How the analyses hand their tables to the disclosure gate: counts by the values as they are
//! in the file (before the user's merges), and each column as an axis whose lines are its
//! values as shown. Every count an analysis publishes comes out of [`protect::table`].

use crate::model::dataset::{ColumnData, CODE_OTHER};
use crate::model::kinds::{Kind, ValueRole};
use crate::protect::{self, Axis, Line, Protected};
use crate::words::lang::Lang;

/// A column's row codes as in the file and, per value in the file, the value (index into
/// `profile.values`) it is counted as. `None` without per-row codes.
pub(crate) fn file_codes(col: &ColumnData) -> Option<(&[u8], Vec<usize>, Vec<u64>)> {
    let (values, codes, merged_into) = col.file_values()?;
    let counts = values.iter().map(|(_, n)| *n).collect();
    Some((codes, merged_into, counts))
}

/// True when the column's values are the steps of a scale: answers, not groups.
pub(crate) fn is_scale(col: &ColumnData) -> bool {
    col.inferred.kind == Kind::Likert && col.inferred.scale.is_some()
}

/// A column as the grouping axis of a table whose lines are the column's values in `order`
/// (indices into `profile.values`). A scale's steps are shown as they are; any other column is
/// guarded by the value rule, decided on its counts in the file.
pub(crate) fn group_axis(col: &ColumnData, order: &[usize], min_cell: u64) -> Option<Axis> {
    let (_, merged_into, counts) = file_codes(col)?;
    let line_of = line_positions(order, col.profile.values.len());
    let fold: Vec<Option<usize>> = merged_into
        .iter()
        .map(|&v| line_of.get(v).copied().flatten())
        .collect();
    Some(if is_scale(col) {
        Axis::answers(fold, vec![true; order.len()])
    } else {
        Axis::grouping(fold, order.len(), protect::guard_values(&counts, min_cell))
    })
}

/// A column as an axis of a cross-table, its lines the values in `order` (index into
/// `profile.values`, and whether the value is a valid answer). A scale's values are answers,
/// shown as they are; any other column is guarded like a grouping.
pub(crate) fn table_axis(col: &ColumnData, order: &[(usize, bool)], min_cell: u64) -> Option<Axis> {
    let values: Vec<usize> = order.iter().map(|&(v, _)| v).collect();
    if !is_scale(col) {
        return group_axis(col, &values, min_cell);
    }
    let (_, merged_into, _) = file_codes(col)?;
    let line_of = line_positions(&values, col.profile.values.len());
    let fold = merged_into
        .iter()
        .map(|&v| line_of.get(v).copied().flatten())
        .collect();
    Some(Axis::answers(fold, order.iter().map(|&(_, s)| s).collect()))
}

/// A scale question as the answer axis: each value in the file counted in its step, and one
/// more line after the steps: the non-substantive answers
/// ("Ved ikke", …), counted but not in the base, so the gate decides as without them.
pub(crate) fn step_axis_with_apart(col: &ColumnData, points: usize) -> Option<Axis> {
    let (_, merged_into, _) = file_codes(col)?;
    let fold = merged_into
        .iter()
        .map(|&v| match col.inferred.roles.get(v) {
            Some(ValueRole::Step(k)) if *k < points => Some(*k),
            Some(ValueRole::NonSubstantive) => Some(points),
            _ => None,
        })
        .collect();
    let mut in_base = vec![true; points];
    in_base.push(false);
    Some(Axis::answers(fold, in_base))
}

/// Per value of the column: its position in `order`.
fn line_positions(order: &[usize], values: usize) -> Vec<Option<usize>> {
    let mut line_of = vec![None; values];
    for (line, &v) in order.iter().enumerate() {
        if let Some(slot) = line_of.get_mut(v) {
            *slot = Some(line);
        }
    }
    line_of
}

/// Respondents per (row value, column value), values as in the file; empty cells and values
/// past the first 254 are not counted. One pass over the rows.
pub(crate) fn joint(rows: &ColumnData, cols: &ColumnData) -> Option<Vec<Vec<u64>>> {
    let (r_codes, r_into, _) = file_codes(rows)?;
    let (c_codes, c_into, _) = file_codes(cols)?;
    let (nr, nc) = (r_into.len().min(254), c_into.len().min(254));
    // One flat table indexed by both codes, every row counted without a branch. Row codes past
    // the column's values (only "other", 255) share one spare row, so the table is as small as
    // the column; 256 columns keep every column code in bounds.
    let stride = 256;
    let spare = nr + 1;
    let mut flat = vec![0u64; stride * (spare + 1)];
    for (&a, &b) in r_codes.iter().zip(c_codes) {
        flat[(a as usize).min(spare) * stride + b as usize] += 1;
    }
    let mut table = vec![vec![0u64; nc]; nr];
    for (r, row) in table.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            if r + 1 != CODE_OTHER as usize && c + 1 != CODE_OTHER as usize {
                *cell = flat[(r + 1) * stride + c + 1];
            }
        }
    }
    Some(table)
}

/// The gate for a column's own counts, its lines the values in `order`.
pub(crate) fn own_counts(col: &ColumnData, order: &[usize], min_cell: u64) -> Option<Protected> {
    let (_, merged_into, counts) = file_codes(col).or_else(|| {
        // Without row codes (very many values) the values are counted as they are.
        let counts: Vec<u64> = col.profile.values.iter().map(|(_, n)| *n).collect();
        Some((&[][..], (0..counts.len()).collect(), counts))
    })?;
    let line_of = line_positions(order, col.profile.values.len());
    let fold = merged_into
        .iter()
        .map(|&v| line_of.get(v).copied().flatten())
        .collect();
    Some(protect::counts(&counts, fold, order.len(), min_cell))
}

/// The label a published line is shown under: its value, or the pool of small values.
pub(crate) fn line_label(line: Line, values: &[(String, u64)], min_cell: u64) -> String {
    match line {
        Line::Own(v) => values.get(v).map(|(l, _)| l.clone()).unwrap_or_default(),
        Line::Pool => crate::words::phrases::pooled(min_cell, Lang::Da),
    }
}

/// A line of an axis whose lines are `order[line]`, as a line of the column's values.
pub(crate) fn line_value(line: Line, order: &[usize]) -> Line {
    match line {
        Line::Own(l) => Line::Own(order[l]),
        Line::Pool => Line::Pool,
    }
}

/// The column's values in the order groups are shown in (see [`order_groups`](crate::analyze::groups::order_groups)).
pub(crate) fn group_order(group: &ColumnData) -> Vec<usize> {
    let mut order: Vec<(String, usize)> = group
        .profile
        .values
        .iter()
        .enumerate()
        .take(254)
        .map(|(i, (label, _))| (label.clone(), i))
        .collect();
    crate::analyze::groups::order_groups(&mut order, group);
    order.into_iter().map(|(_, i)| i).collect()
}

#[cfg(feature = "index")]
/// An index score as the answer axis: each score a line, every one in the base. Scores are
/// answers, like scale steps, so the axis is not guarded; the groups are.
pub(crate) fn score_axis(col: &ColumnData) -> Option<Axis> {
    let (_, merged_into, _) = file_codes(col)?;
    let lines = col.profile.values.len();
    Some(Axis::answers(
        merged_into.into_iter().map(Some).collect(),
        vec![true; lines],
    ))
}
