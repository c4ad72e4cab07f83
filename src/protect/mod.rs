//! Stage 4, protect: disclosure control, the one gate every published count passes.
//!
//! Two decisions, both on the analysed data before the user's merges:
//! - **Per value** ([`guard_values`]), once per column: a value with fewer than `min_cell`
//!   respondents is pooled with the other small values into "Øvrige" when together they reach
//!   `min_cell`, otherwise withheld, together with as many of the next-smallest values as it
//!   takes for the withheld remainder to be at least `min_cell` and spread over two values. The
//!   same fates hold in every table the column appears in, as rows, columns or categories.
//! - **Per table** ([`table`]), for every grouping axis: a group (a value, or the pool) with
//!   fewer than `min_cell` valid answers in that table is withheld, with the same complementary
//!   rule. The decision is made on the values as they are in the file, one unit per value, and
//!   a merged group is withheld when any of its values is: so a merge only ever publishes sums
//!   of numbers that were already published, and cannot open a difference.
//!
//! Scale steps are answers, not groups: an axis of scale steps is not guarded (a scale used as
//! a grouping shows every step). What passes is a [`Protected`] table, which only this module
//! can build; the analyses read their published counts from it.

/// The lowest minimum the page and the command line accept: Statistics Denmark's rule for
/// researchers is that no published cell rests on fewer than 3 persons.
pub const MIN_CELL_FLOOR: u64 = 3;

/// True when a figure resting on `n` respondents may be published on its own (a mean of a
/// number column, for instance).
pub fn enough(n: u64, min_cell: u64) -> bool {
    n >= min_cell.max(1)
}

/// True when a difference of two published figures would single out `n` respondents: more
/// than none, fewer than the minimum (answers without a weight, for instance).
pub fn difference_discloses(n: u64, min_cell: u64) -> bool {
    n > 0 && !enough(n, min_cell)
}

/// True when a weighted group must be withheld although its unweighted answers reach the
/// minimum: fewer than `min_cell` of them carry a positive weight, its weights sum to zero
/// (or are not a number), or its effective sample size (Kish, (Σw)² / Σw²) is below
/// `min_cell`, so that one or two heavily weighted answers would make up its figures.
pub fn weighted_too_thin(n_weighted: u64, n_eff: f64, sum_weights: f64, min_cell: u64) -> bool {
    let enough_eff = n_eff.is_finite() && n_eff >= min_cell.max(1) as f64;
    let positive_sum = sum_weights.is_finite() && sum_weights > 0.0;
    !(enough(n_weighted, min_cell) && positive_sum && enough_eff)
}

/// What the gate decided for one value or group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// Published on its own.
    Shown,
    /// Published only inside the pool "Øvrige (under min-cell)", never by name.
    Pooled,
    /// Not published at all, not even its label.
    Withheld,
}

/// The per-value decision for a column whose values were counted `counts` times (all
/// respondents, before merges): see the module documentation.
pub fn guard_values(counts: &[u64], min_cell: u64) -> Vec<Fate> {
    let m = min_cell.max(1);
    let small: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i] > 0 && counts[i] < m)
        .collect();
    let small_total: u64 = small.iter().map(|&i| counts[i]).sum();
    let mut fates = vec![Fate::Shown; counts.len()];
    if small.len() >= 2 && small_total >= m {
        for &i in &small {
            fates[i] = Fate::Pooled;
        }
        return fates;
    }
    let mut withheld: Vec<bool> = counts.iter().map(|&n| n < m).collect();
    complement(counts, &mut withheld, m);
    for (fate, &w) in fates.iter_mut().zip(&withheld) {
        if w {
            *fate = Fate::Withheld;
        }
    }
    fates
}

/// Complementary suppression over units of sizes `sizes`: while the withheld units hold
/// answers but fewer than `m` in all, or all in one unit, the smallest shown unit with answers
/// is withheld too. Then no withheld unit equals a difference of shown numbers and a total.
fn complement(sizes: &[u64], withheld: &mut [bool], m: u64) {
    loop {
        let held = || (0..sizes.len()).filter(|&u| withheld[u] && sizes[u] > 0);
        let total: u64 = held().map(|u| sizes[u]).sum();
        if total == 0 || (held().count() >= 2 && total >= m) {
            return;
        }
        let next = (0..sizes.len())
            .filter(|&u| !withheld[u] && sizes[u] > 0)
            .min_by_key(|&u| (sizes[u], u));
        match next {
            Some(u) => withheld[u] = true,
            None => return,
        }
    }
}

/// One axis of a table: how the values in the file are counted into the lines shown, and
/// whether the axis is a grouping the gate guards.
#[derive(Debug, Clone)]
pub struct Axis {
    /// Per value in the file: the line it is counted in, or `None` when not counted.
    fold: Vec<Option<usize>>,
    /// Per line: whether it is part of the base (valid answers) of the other axis' groups.
    in_base: Vec<bool>,
    /// Per value in the file: its fate from [`guard_values`]; `None` for an axis not guarded.
    fates: Option<Vec<Fate>>,
}

impl Axis {
    /// A grouping axis: value `i` of the file is counted in line `fold[i]` of `lines`, and
    /// `fates` (from [`guard_values`], one per value) are applied before the table's own rule.
    pub fn grouping(fold: Vec<Option<usize>>, lines: usize, fates: Vec<Fate>) -> Axis {
        Axis {
            fold,
            in_base: vec![true; lines],
            fates: Some(fates),
        }
    }

    /// An axis of answers that is not guarded (scale steps, multi-select options): value `i`
    /// is counted in line `fold[i]`; `in_base[line]` says whether the line counts as a valid
    /// answer for the other axis' groups ("Ved ikke" does not).
    pub fn answers(fold: Vec<Option<usize>>, in_base: Vec<bool>) -> Axis {
        Axis {
            fold,
            in_base,
            fates: None,
        }
    }

    fn lines(&self) -> usize {
        self.in_base.len()
    }
}

/// A published line of a protected table: one line of the axis, or the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// The axis line with this index.
    Own(usize),
    /// "Øvrige (under min-cell)": the small values, unnamed.
    Pool,
}

/// A table that passed the gate: only its shown lines, their counts and how many were
/// withheld. Built only by [`table`].
#[derive(Debug, Clone)]
pub struct Protected {
    rows: Vec<(Line, Vec<usize>)>,
    cols: Vec<(Line, Vec<usize>)>,
    cells: Vec<Vec<u64>>,
    row_base: Vec<u64>,
    col_base: Vec<u64>,
    row_all: Vec<u64>,
    col_all: Vec<u64>,
    withheld_rows: u64,
    withheld_cols: u64,
}

impl Protected {
    /// The shown rows in line order (the pool last).
    pub fn rows(&self) -> impl Iterator<Item = Line> + '_ {
        self.rows.iter().map(|(l, _)| *l)
    }

    /// The shown columns in line order (the pool last).
    pub fn cols(&self) -> impl Iterator<Item = Line> + '_ {
        self.cols.iter().map(|(l, _)| *l)
    }

    /// The values in the file that shown row `r` counts (for figures the caller computes from
    /// rows itself, such as weighted ones).
    pub fn row_members(&self, r: usize) -> &[usize] {
        &self.rows[r].1
    }

    /// The counts of shown row `r` in the shown columns.
    pub fn cells(&self, r: usize) -> &[u64] {
        &self.cells[r]
    }

    /// Valid answers in shown row `r`, withheld columns included: its base.
    pub fn row_base(&self, r: usize) -> u64 {
        self.row_base[r]
    }

    /// Valid answers in shown column `c`, withheld rows included.
    pub fn col_base(&self, c: usize) -> u64 {
        self.col_base[c]
    }

    /// Everyone in shown row `r`, in any line of the other axis, withheld or not.
    pub fn row_all(&self, r: usize) -> u64 {
        self.row_all[r]
    }

    /// Everyone in shown column `c`, in any line of the other axis, withheld or not.
    pub fn col_all(&self, c: usize) -> u64 {
        self.col_all[c]
    }

    /// Groups with answers withheld on the row axis (the pool counts as one).
    pub fn withheld_rows(&self) -> u64 {
        self.withheld_rows
    }

    /// Groups with answers withheld on the column axis.
    pub fn withheld_cols(&self) -> u64 {
        self.withheld_cols
    }
}

/// The fates of one axis' lines in a table whose values in the file hold `sizes` valid
/// answers, and how many lines with answers are withheld.
fn decide(axis: &Axis, sizes: &[u64], m: u64) -> (Vec<Fate>, u64) {
    let lines = axis.lines();
    let Some(fates) = &axis.fates else {
        return (vec![Fate::Shown; lines], 0);
    };
    // One unit per value in the file, the pooled values together as the last unit.
    let pool = sizes.len();
    let unit_of = |v: usize| match fates.get(v) {
        Some(Fate::Pooled) => pool,
        _ => v,
    };
    let mut unit_sizes = vec![0u64; pool + 1];
    let mut withheld = vec![false; pool + 1];
    for (v, &n) in sizes.iter().enumerate() {
        if axis.fold.get(v).copied().flatten().is_some() {
            unit_sizes[unit_of(v)] += n;
            withheld[v] |= fates.get(v) == Some(&Fate::Withheld);
        }
    }
    let pooled = fates.contains(&Fate::Pooled);
    for u in 0..=pool {
        if (u < pool && fates.get(u) != Some(&Fate::Pooled)) || (u == pool && pooled) {
            withheld[u] |= unit_sizes[u] < m;
        }
    }
    complement(&unit_sizes, &mut withheld, m);
    // Per line: its units with answers. A line is one value unless the user merged values.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); lines];
    for v in 0..sizes.len() {
        if let Some(line) = axis.fold.get(v).copied().flatten() {
            let u = unit_of(v);
            if unit_sizes[u] > 0 && !members[line].contains(&u) {
                members[line].push(u);
            }
        }
    }
    // A line holding withheld units publishes their sum (its count less the shown units'): it
    // may be shown only when that sum is itself protected, as is what stays withheld.
    let protected_sum = |units: &[usize]| {
        let total: u64 = units.iter().map(|&u| unit_sizes[u]).sum();
        total == 0 || (units.len() >= 2 && total >= m)
    };
    let piece = |line: usize| -> Vec<usize> {
        members[line]
            .iter()
            .copied()
            .filter(|&u| withheld[u])
            .collect()
    };
    let mut shown: Vec<bool> = (0..lines).map(|l| protected_sum(&piece(l))).collect();
    loop {
        let rest: Vec<usize> = (0..=pool)
            .filter(|&u| withheld[u] && unit_sizes[u] > 0)
            .filter(|u| !(0..lines).any(|l| shown[l] && members[l].contains(u)))
            .collect();
        if protected_sum(&rest) {
            break;
        }
        // Withdraw the mixed line with the smallest withheld sum.
        let next = (0..lines)
            .filter(|&l| shown[l] && !piece(l).is_empty())
            .min_by_key(|&l| (piece(l).iter().map(|&u| unit_sizes[u]).sum::<u64>(), l));
        match next {
            Some(l) => shown[l] = false,
            None => break,
        }
    }
    let mut line_fates = vec![Fate::Shown; lines];
    for (line, fate) in line_fates.iter_mut().enumerate() {
        *fate = if !shown[line] {
            Fate::Withheld
        } else if members[line].contains(&pool) {
            Fate::Pooled
        } else {
            Fate::Shown
        };
    }
    let withheld_count = (0..lines)
        .filter(|&l| !shown[l] && !members[l].is_empty())
        .count() as u64;
    (line_fates, withheld_count)
}

/// The shown lines of an axis with their members (lines of the axis), the pool last.
fn shown_lines(fates: &[Fate]) -> Vec<(Line, Vec<usize>)> {
    let mut out: Vec<(Line, Vec<usize>)> = (0..fates.len())
        .filter(|&l| fates[l] == Fate::Shown)
        .map(|l| (Line::Own(l), vec![l]))
        .collect();
    let pooled: Vec<usize> = (0..fates.len())
        .filter(|&l| fates[l] == Fate::Pooled)
        .collect();
    if !pooled.is_empty() {
        out.push((Line::Pool, pooled));
    }
    out
}

/// The gate for one table: `counts[r][c]` respondents have value `r` of the row column and
/// value `c` of the column column (values as in the file, before merges). Lines with no answers
/// are left out without being counted as withheld.
pub fn table(counts: &[Vec<u64>], rows: &Axis, cols: &Axis, min_cell: u64) -> Protected {
    let m = min_cell.max(1);
    let n_cols = counts.first().map_or(0, Vec::len);
    let col_in_base = |c: usize| {
        cols.fold
            .get(c)
            .copied()
            .flatten()
            .is_some_and(|l| cols.in_base[l])
    };
    let row_in_base = |r: usize| {
        rows.fold
            .get(r)
            .copied()
            .flatten()
            .is_some_and(|l| rows.in_base[l])
    };
    let row_sizes: Vec<u64> = counts
        .iter()
        .map(|row| {
            (0..n_cols)
                .filter(|&c| col_in_base(c))
                .map(|c| row[c])
                .sum()
        })
        .collect();
    let col_sizes: Vec<u64> = (0..n_cols)
        .map(|c| {
            (0..counts.len())
                .filter(|&r| row_in_base(r))
                .map(|r| counts[r][c])
                .sum()
        })
        .collect();
    let (row_fates, withheld_rows) = decide(rows, &row_sizes, m);
    let (col_fates, withheld_cols) = decide(cols, &col_sizes, m);

    // The table by lines, every line of both axes, then only the shown ones kept.
    let mut by_line = vec![vec![0u64; cols.lines()]; rows.lines()];
    let mut row_base_line = vec![0u64; rows.lines()];
    let mut col_base_line = vec![0u64; cols.lines()];
    let mut row_all_line = vec![0u64; rows.lines()];
    let mut col_all_line = vec![0u64; cols.lines()];
    for (r, row) in counts.iter().enumerate() {
        let Some(rl) = rows.fold.get(r).copied().flatten() else {
            continue;
        };
        for (c, &n) in row.iter().enumerate() {
            let Some(cl) = cols.fold.get(c).copied().flatten() else {
                continue;
            };
            by_line[rl][cl] += n;
            row_all_line[rl] += n;
            col_all_line[cl] += n;
            if cols.in_base[cl] {
                row_base_line[rl] += n;
            }
            if rows.in_base[rl] {
                col_base_line[cl] += n;
            }
        }
    }
    let shown_rows = shown_lines(&row_fates);
    let shown_cols = shown_lines(&col_fates);
    let has_answers = |lines: &[usize], base: &[u64]| lines.iter().any(|&l| base[l] > 0);
    let shown_rows: Vec<_> = shown_rows
        .into_iter()
        .filter(|(_, ls)| has_answers(ls, &row_base_line) || rows.fates.is_none())
        .collect();
    let shown_cols: Vec<_> = shown_cols
        .into_iter()
        .filter(|(_, ls)| has_answers(ls, &col_base_line) || cols.fates.is_none())
        .collect();
    let cells = shown_rows
        .iter()
        .map(|(_, rls)| {
            shown_cols
                .iter()
                .map(|(_, cls)| {
                    rls.iter()
                        .flat_map(|&r| cls.iter().map(move |&c| (r, c)))
                        .map(|(r, c)| by_line[r][c])
                        .sum()
                })
                .collect()
        })
        .collect();
    let sum = |ls: &[usize], base: &[u64]| ls.iter().map(|&l| base[l]).sum();
    Protected {
        row_base: shown_rows
            .iter()
            .map(|(_, ls)| sum(ls, &row_base_line))
            .collect(),
        col_base: shown_cols
            .iter()
            .map(|(_, ls)| sum(ls, &col_base_line))
            .collect(),
        row_all: shown_rows
            .iter()
            .map(|(_, ls)| sum(ls, &row_all_line))
            .collect(),
        col_all: shown_cols
            .iter()
            .map(|(_, ls)| sum(ls, &col_all_line))
            .collect(),
        rows: shown_rows,
        cols: shown_cols,
        cells,
        withheld_rows,
        withheld_cols,
    }
}

/// The gate for one column's own counts: `counts[v]` respondents gave value `v` (as in the
/// file), counted in line `fold[v]` of `lines`.
pub fn counts(counts: &[u64], fold: Vec<Option<usize>>, lines: usize, min_cell: u64) -> Protected {
    let fates = guard_values(counts, min_cell);
    let rows = Axis::grouping(fold, lines, fates);
    let one = Axis::answers(vec![Some(0)], vec![true]);
    let table: Vec<Vec<u64>> = counts.iter().map(|&n| vec![n]).collect();
    self::table(&table, &rows, &one, min_cell)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(n: usize) -> Vec<Option<usize>> {
        (0..n).map(Some).collect()
    }

    #[test]
    fn small_values_are_pooled_when_together_they_reach_min_cell() {
        use Fate::*;
        assert_eq!(
            guard_values(&[40, 3, 2, 20], 5),
            [Shown, Pooled, Pooled, Shown]
        );
        // One small value: withheld with the next-smallest, so neither follows from the total.
        assert_eq!(
            guard_values(&[100, 3, 40, 20], 5),
            [Shown, Withheld, Shown, Withheld]
        );
        // Two singletons: 2 in all is below 5, so the next-smallest goes too.
        assert_eq!(
            guard_values(&[100, 1, 1, 20], 5),
            [Shown, Withheld, Withheld, Withheld]
        );
        assert_eq!(guard_values(&[100, 50], 5), [Shown, Shown]);
    }

    #[test]
    fn a_group_small_in_one_table_is_withheld_with_a_complement() {
        // Groups a (10 in the file) and b, c; in this table a has 3 valid answers.
        let counts = vec![vec![2, 1, 0], vec![10, 5, 4], vec![8, 8, 1]];
        let rows = Axis::grouping(identity(3), 3, vec![Fate::Shown; 3]);
        let cols = Axis::answers(identity(3), vec![true, true, false]);
        let p = table(&counts, &rows, &cols, 5);
        // a (3) is withheld; alone it would be the total minus the rest, so b (15) goes too.
        assert_eq!(p.rows().collect::<Vec<_>>(), [Line::Own(2)]);
        assert_eq!(p.withheld_rows(), 2);
        assert_eq!(p.cells(0), [8, 8, 1]);
        assert_eq!(p.row_base(0), 16);
    }

    #[test]
    fn a_merge_never_shows_a_withheld_value() {
        // Values a (3), b (40), c (30), d (2) — a and d pooled; then a merged into b.
        let counts = vec![vec![3], vec![40], vec![30], vec![2]];
        let fold = vec![Some(0), Some(0), Some(1), Some(2)];
        let fates = guard_values(&[3, 40, 30, 2], 5);
        let rows = Axis::grouping(fold, 3, fates);
        let one = Axis::answers(vec![Some(0)], vec![true]);
        let p = table(&counts, &rows, &one, 5);
        // "a+b" holds a pooled value, so it is in the pool: c alone is shown, by name.
        assert_eq!(p.rows().collect::<Vec<_>>(), [Line::Own(1), Line::Pool]);
        assert_eq!(p.cells(1), [45]);
    }
}
