//! An attacker for the disclosure control: does what the tool publishes, across every view,
//! let anyone work out a number it withholds?
//!
//! # Method
//! This is a complementary-suppression audit as τ-ARGUS and R's sdcTable run them (the
//! "attacker's problem" of Fischetti & Salazar-González): the unknowns are the joint counts of
//! the full cross-classification of a few categorical columns (for example Kommune × the answer
//! to a question × the file a row came from), every "atom" one combination of values, blanks
//! and "Ved ikke" included. Every number the tool publishes is a linear statement about the
//! atoms:
//!
//! * a count is an equality over a sum of atoms;
//! * a percentage or a mean is a ratio of two such sums and, because of rounding, a pair of
//!   linear inequalities: `num − (r + h)·den ≤ 0 ≤ num − (r − h)·den` with `h` half the last
//!   shown digit (or a tiny tolerance for the unrounded floats of the JSON results);
//! * a weighted figure is the same with the weights as coefficients;
//! * a label that is published at all is a value somebody gave (count ≥ 1);
//! * an "Øvrige …" entry is the sum over the values of its column that its table does not name.
//!
//! The collector works from what is published (the labels that appear, with their numbers),
//! so that it keeps working when withheld entries disappear, labels are pooled or new fields
//! appear. Whatever is missing, `null` or `"suppressed": true` is unknown; each such entry (a
//! withheld group's size and its count per answer, a withheld value's count, per table) is a
//! target. For each target the attacker minimises and maximises it by linear programming
//! (microlp) over all constraints of all views, atoms non-negative, and rounds the bounds to
//! integers. A target is disclosed when both bounds meet.
//!
//! A test fails when a target that belongs to a sensitive unit — a group or value with at
//! least 1 and fewer than `min_cell` respondents — and whose true value is above 0 is
//! determined exactly, or when all answers of such a group are. The thresholds: Danish
//! practice hides groups below 5 (the default `min_cell`); Statistics Denmark's
//! discretionary rule is that no published cell may rest on fewer than 3 units. Cells that
//! are 0 and pinned to 0 (negative knowledge) and cells of units of `min_cell` or more
//! (secondary suppressions) are reported, not failed.
//!
//! Before anything is solved every published statement is checked against the true rows: a
//! statement the true data does not satisfy is a collector bug (or a wrong number) and panics.

use std::collections::{BTreeMap, HashMap, HashSet};

use microlp::{ComparisonOp, OptimizationDirection, Problem};
use serde_json::{Map, Value};
use tilfreds::analyze::crosstab::crosstab;
use tilfreds::analyze::summary::ColumnOverride;
use tilfreds::present::export::table_to_csv;
use tilfreds::present::views::crosstab::{crosstab_table, CellShow};
use tilfreds::{Dataset, Lang, SummaryOptions};

use crate::util::{self, STEPS};

const MIN_CELL: u64 = 5;
/// Tolerance on the unrounded floats of the JSON results (relative to the value's size).
const FLOAT_TOL: f64 = 1e-7;

// ------------------------------------------------------------------------------------------
// Published statements
// ------------------------------------------------------------------------------------------

/// Rows whose value in `col` is (or, with `not`, is not) one of `labels`.
#[derive(Debug, Clone, PartialEq)]
struct Pick {
    col: String,
    labels: Vec<String>,
    not: bool,
}

fn is(col: &str, labels: &[&str]) -> Pick {
    Pick {
        col: col.to_string(),
        labels: labels.iter().map(|s| s.to_string()).collect(),
        not: false,
    }
}

fn is_any(col: &str, labels: Vec<String>) -> Pick {
    Pick {
        col: col.to_string(),
        labels,
        not: false,
    }
}

fn not_any(col: &str, labels: Vec<String>) -> Pick {
    Pick {
        col: col.to_string(),
        labels,
        not: true,
    }
}

/// Rows with an answer in `col`.
fn answered(col: &str) -> Pick {
    not_any(col, vec![String::new()])
}

type Sel = Vec<Pick>;

/// `coef` × (number of rows matching `sel`), each row counted with its weight when `weight`
/// names the weight column.
#[derive(Debug, Clone)]
struct Term {
    sel: Sel,
    coef: f64,
    weight: Option<String>,
}

/// `lo ≤ Σ terms ≤ hi`.
#[derive(Debug, Clone)]
struct Fact {
    src: String,
    terms: Vec<Term>,
    lo: f64,
    hi: f64,
    /// For a ratio: its numerator and denominator (the fact adds nothing when both are
    /// published counts).
    parts: Option<(Vec<Term>, Vec<Term>)>,
}

/// A withheld number: `cell` (a sum of atoms) of the unit `unit` (the group or value withheld).
#[derive(Debug, Clone)]
struct Target {
    src: String,
    what: String,
    cell: Vec<Term>,
    unit: Vec<Term>,
    group: String,
}

/// The true rows: the attacker's universe (every column's values, blanks as "").
struct Universe {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The weight column's values as numbers (blank and unreadable as 0).
    weights: HashMap<String, HashMap<String, f64>>,
}

impl Universe {
    fn new(header: &[&str], rows: Vec<Vec<String>>, weight: Option<&str>) -> Universe {
        let header: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        let mut weights = HashMap::new();
        if let Some(w) = weight {
            let i = header.iter().position(|h| h == w).unwrap();
            let map = rows
                .iter()
                .map(|r| {
                    let v = r[i].replace(',', ".").parse::<f64>().unwrap_or(0.0);
                    (r[i].clone(), v)
                })
                .collect();
            weights.insert(w.to_string(), map);
        }
        Universe {
            header,
            rows,
            weights,
        }
    }

    fn index(&self, col: &str) -> Option<usize> {
        self.header.iter().position(|h| h == col)
    }

    /// The values of `col`, blank ("") included when it occurs, in first-seen order.
    fn domain(&self, col: &str) -> Vec<String> {
        let i = self.index(col).unwrap();
        let mut out: Vec<String> = Vec::new();
        for r in &self.rows {
            if !out.contains(&r[i]) {
                out.push(r[i].clone());
            }
        }
        out
    }

    fn weight_of(&self, col: &str, label: &str) -> f64 {
        self.weights
            .get(col)
            .and_then(|m| m.get(label))
            .copied()
            .unwrap_or(0.0)
    }

    fn matches(&self, row: &[String], sel: &Sel) -> bool {
        sel.iter().all(|p| {
            let i = self.index(&p.col).unwrap();
            p.labels.contains(&row[i]) != p.not
        })
    }

    /// The terms' true value, and the sum of the absolute contributions (for tolerances).
    fn eval(&self, terms: &[Term]) -> (f64, f64) {
        let (mut v, mut abs) = (0.0, 0.0);
        for t in terms {
            let w_i = t.weight.as_deref().map(|w| self.index(w).unwrap());
            for r in &self.rows {
                if self.matches(r, &t.sel) {
                    let w = w_i.map_or(1.0, |i| self.weight_of(&self.header[i], &r[i]));
                    v += t.coef * w;
                    abs += (t.coef * w).abs();
                }
            }
        }
        (v, abs)
    }
}

// ------------------------------------------------------------------------------------------
// The collector: every number a view publishes, as facts; every withheld entry, as targets
// ------------------------------------------------------------------------------------------

struct Collect<'u> {
    u: &'u Universe,
    facts: Vec<Fact>,
    targets: Vec<Target>,
    /// The merges of the view being read: (column, from, to).
    merges: Vec<(String, String, String)>,
    /// Restriction of the view being read (a wave's file).
    fixed: Sel,
    src: String,
}

fn f64_of(v: &Value, key: &str) -> Option<f64> {
    v.get(key).and_then(Value::as_f64)
}

fn strings(v: Option<&Value>) -> Option<Vec<String>> {
    v?.as_array()?
        .iter()
        .map(|x| x.as_str().map(str::to_string))
        .collect()
}

fn numbers(v: Option<&Value>) -> Vec<Option<f64>> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().map(Value::as_f64).collect())
        .unwrap_or_default()
}

fn is_withheld(v: &Value) -> bool {
    v.is_null() || v.get("suppressed").and_then(Value::as_bool) == Some(true)
}

/// Steps at each end of a scale for top-2 / bottom-2 (the end step on 2- and 3-point scales).
fn ends(points: usize) -> usize {
    if points >= 4 {
        2
    } else {
        1
    }
}

impl<'u> Collect<'u> {
    fn new(u: &'u Universe) -> Collect<'u> {
        Collect {
            u,
            facts: Vec::new(),
            targets: Vec::new(),
            merges: Vec::new(),
            fixed: Vec::new(),
            src: String::new(),
        }
    }

    /// Starts reading a view: its name, its merges and its restriction.
    fn view(&mut self, src: &str, merges: &[(&str, &str, &str)], fixed: Sel) {
        self.src = src.to_string();
        self.merges = merges
            .iter()
            .map(|(c, f, t)| (c.to_string(), f.to_string(), t.to_string()))
            .collect();
        self.fixed = fixed;
    }

    fn known(&self, col: &str) -> bool {
        self.u.index(col).is_some()
    }

    /// The original values a published label of `col` stands for (itself and what was merged
    /// into it).
    fn expand(&self, col: &str, label: &str) -> Vec<String> {
        let mut v = vec![label.to_string()];
        for (c, from, to) in &self.merges {
            if c == col && to == label {
                v.push(from.clone());
            }
        }
        v
    }

    /// The rows a published label of `col` stands for in a table that names `named`: an
    /// "Øvrige …" entry is every answer the table does not name.
    fn pick(&self, col: &str, label: &str, named: &[String]) -> Pick {
        if label.starts_with("Øvrige") {
            let mut out = vec![String::new()];
            for n in named.iter().filter(|n| !n.starts_with("Øvrige")) {
                out.extend(self.expand(col, n));
            }
            not_any(col, out)
        } else {
            is_any(col, self.expand(col, label))
        }
    }

    fn count(&self, picks: &[Pick]) -> Vec<Term> {
        let mut sel = self.fixed.clone();
        sel.extend(picks.iter().cloned());
        vec![Term {
            sel,
            coef: 1.0,
            weight: None,
        }]
    }

    fn wcount(&self, picks: &[Pick], weight: &str) -> Vec<Term> {
        let mut t = self.count(picks);
        t[0].weight = Some(weight.to_string());
        t
    }

    fn usable(&self, terms: &[Term]) -> bool {
        terms.iter().all(|t| {
            t.sel.iter().all(|p| self.known(&p.col))
                && t.weight.as_deref().is_none_or(|w| self.known(w))
        })
    }

    fn between(&mut self, what: &str, terms: Vec<Term>, lo: f64, hi: f64) {
        if !self.usable(&terms) || !lo.is_finite() && !hi.is_finite() {
            return;
        }
        self.facts.push(Fact {
            src: format!("{}: {what}", self.src),
            terms,
            lo,
            hi,
            parts: None,
        });
    }

    fn eq(&mut self, what: &str, terms: Vec<Term>, v: f64) {
        self.between(what, terms, v, v);
    }

    fn at_least_one(&mut self, what: &str, terms: Vec<Term>) {
        self.between(what, terms, 1.0, f64::INFINITY);
    }

    /// `num / den` shown as `r` ± `half` (den > 0 or both 0).
    fn ratio(&mut self, what: &str, num: Vec<Term>, den: Vec<Term>, r: f64, half: f64) {
        let scaled = |k: f64| {
            let mut t = num.clone();
            t.extend(den.iter().cloned().map(|mut d| {
                d.coef *= -k;
                d
            }));
            t
        };
        let before = self.facts.len();
        self.between(what, scaled(r + half), f64::NEG_INFINITY, 0.0);
        self.between(what, scaled(r - half), 0.0, f64::INFINITY);
        for f in &mut self.facts[before..] {
            f.parts = Some((num.clone(), den.clone()));
        }
    }

    /// A percentage from the JSON results (unrounded).
    fn pct(&mut self, what: &str, num: Vec<Term>, den: Vec<Term>, p: f64) {
        self.ratio(what, num, den, p / 100.0, FLOAT_TOL);
    }

    fn target(&mut self, what: String, cell: Vec<Term>, unit: Vec<Term>, group: &str) {
        if !self.usable(&cell) || !self.usable(&unit) {
            return;
        }
        self.targets.push(Target {
            src: self.src.clone(),
            what,
            cell,
            unit,
            group: format!("{}: {group}", self.src),
        });
    }

    /// The values of `col` (blank left out) the shown labels do not account for, one set per
    /// withheld unit (values merged into the same label together).
    fn uncovered(&self, col: &str, shown: &[String], named: &[String]) -> Vec<Vec<String>> {
        let picks: Vec<Pick> = shown.iter().map(|l| self.pick(col, l, named)).collect();
        let mut units: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for v in self.u.domain(col) {
            if v.is_empty() || picks.iter().any(|p| p.labels.contains(&v) != p.not) {
                continue;
            }
            let image = self
                .merges
                .iter()
                .find(|(c, f, _)| c == col && *f == v)
                .map_or(v.clone(), |(_, _, t)| t.clone());
            units.entry(image).or_default().push(v);
        }
        units.into_values().collect()
    }

    /// Targets for the withheld units of `g` in a breakdown of `q`: each unit's count per
    /// answer of `q` and its size (`base` answers of `q`).
    fn withheld_groups(
        &mut self,
        g: &str,
        shown: &[String],
        named: &[String],
        q: &str,
        base: Pick,
    ) {
        let values: Vec<String> = self
            .u
            .domain(q)
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect();
        for unit in self.uncovered(g, shown, named) {
            let gp = is_any(g, unit.clone());
            let size = self.count(&[gp.clone(), base.clone()]);
            let key = format!("{g}={unit:?} × {q}");
            self.target(
                format!("size of {g}={unit:?} in {q}"),
                size.clone(),
                size.clone(),
                &key,
            );
            for v in &values {
                let cell = self.count(&[gp.clone(), is(q, &[v])]);
                self.target(format!("{g}={unit:?} × {q}={v}"), cell, size.clone(), &key);
            }
        }
    }

    /// A map label → count (and label → percent of `den`) of `col` within `extra`.
    fn value_counts(
        &mut self,
        col: &str,
        extra: &[Pick],
        counts: &Map<String, Value>,
        pct: Option<&Map<String, Value>>,
        scale: Option<&[String]>,
    ) {
        let named: Vec<String> = counts.keys().cloned().collect();
        let mut shown = Vec::new();
        let den = {
            let mut p = extra.to_vec();
            p.push(answered(col));
            self.count(&p)
        };
        for (label, v) in counts {
            let pick = self.pick(col, label, &named);
            if !scale.is_some_and(|s| s.contains(label)) {
                self.at_least_one(
                    &format!("{col}: {label} is published"),
                    self.count(std::slice::from_ref(&pick)),
                );
            }
            let mut p = extra.to_vec();
            p.push(pick);
            if let Some(n) = v.as_f64() {
                shown.push(label.clone());
                self.eq(&format!("{col}={label} {extra:?}"), self.count(&p), n);
            }
            if let Some(x) = pct.and_then(|m| m.get(label)).and_then(Value::as_f64) {
                self.pct(&format!("% {col}={label}"), self.count(&p), den.clone(), x);
            }
        }
        // A value withheld (or left out) here: its count here, a unit of its whole count.
        for unit in self.uncovered(col, &shown, &named) {
            let mut p = extra.to_vec();
            p.push(is_any(col, unit.clone()));
            let cell = self.count(&p);
            let size = self.count(&[is_any(col, unit.clone())]);
            // One withheld value's distribution over the groups of `extra`'s columns.
            let by: Vec<&str> = extra.iter().map(|p| p.col.as_str()).collect();
            let key = format!("{col}={unit:?} by {by:?}");
            self.target(format!("{col}={unit:?} {extra:?}"), cell, size, &key);
        }
    }

    /// The statistics of a scale question `q` within `extra` (`n_valid`, `steps`, `pct`,
    /// `top2_pct`, `bottom2_pct`, `mean`).
    fn scale_stats(
        &mut self,
        q: &str,
        scale: &[String],
        max: Option<f64>,
        s: &Value,
        extra: &[Pick],
    ) {
        let with = |c: &Collect, p: Option<Pick>| {
            let mut v = extra.to_vec();
            v.extend(p);
            c.count(&v)
        };
        let step = |c: &Collect, k: usize| with(c, Some(c.pick(q, &scale[k], scale)));
        let steps_of = |c: &Collect, ks: &[usize]| -> Vec<Term> {
            ks.iter().flat_map(|&k| step(c, k)).collect()
        };
        let all: Vec<usize> = (0..scale.len()).collect();
        let base = steps_of(self, &all);
        let tag = format!("{q} {extra:?}");
        if let Some(n) = f64_of(s, "n_valid") {
            self.eq(&format!("n_valid {tag}"), base.clone(), n);
        }
        // The non-substantive answers of the same respondents, published with each figure's
        // base (the generated answers beside a scale are all non-substantive).
        if let Some(n) = f64_of(s, "apart") {
            let mut off = scale.to_vec();
            off.push(String::new());
            let mut sel = extra.to_vec();
            sel.push(not_any(q, off));
            self.eq(&format!("apart {tag}"), self.count(&sel), n);
        }
        for (k, n) in numbers(s.get("steps"))
            .into_iter()
            .enumerate()
            .take(scale.len())
        {
            if let Some(n) = n {
                self.eq(&format!("steps[{k}] {tag}"), step(self, k), n);
            }
        }
        for (k, p) in numbers(s.get("pct"))
            .into_iter()
            .enumerate()
            .take(scale.len())
        {
            if let Some(p) = p {
                self.pct(&format!("pct[{k}] {tag}"), step(self, k), base.clone(), p);
            }
        }
        let e = ends(scale.len());
        if let Some(p) = f64_of(s, "top2_pct") {
            let top: Vec<usize> = (0..e).collect();
            self.pct(
                &format!("top2 {tag}"),
                steps_of(self, &top),
                base.clone(),
                p,
            );
        }
        if let Some(p) = f64_of(s, "bottom2_pct") {
            let bottom: Vec<usize> = (scale.len() - e..scale.len()).collect();
            self.pct(
                &format!("bottom2 {tag}"),
                steps_of(self, &bottom),
                base.clone(),
                p,
            );
        }
        if let (Some(m), Some(max)) = (f64_of(s, "mean"), max) {
            let num: Vec<Term> = (0..scale.len())
                .flat_map(|k| {
                    step(self, k).into_iter().map(move |mut t| {
                        t.coef = max - k as f64;
                        t
                    })
                })
                .collect();
            self.ratio(
                &format!("mean {tag}"),
                num,
                base,
                m,
                FLOAT_TOL * m.abs().max(1.0),
            );
        }
    }

    /// A summary (`Summary` as JSON).
    fn summary(&mut self, s: &Value) {
        if let Some(r) = f64_of(s, "rows") {
            self.eq("rows", self.count(&[]), r);
        }
        let by = s.get("by").and_then(Value::as_str).map(str::to_string);
        let empty = Vec::new();
        let columns = s.get("columns").and_then(Value::as_array).unwrap_or(&empty);
        let names: Vec<String> = columns
            .iter()
            .map(|c| {
                c.get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        for c in columns {
            let Some(name) = c.get("name").and_then(Value::as_str) else {
                continue;
            };
            if !self.known(name) {
                continue;
            }
            if let Some(a) = f64_of(c, "answered") {
                self.eq(
                    &format!("answered {name}"),
                    self.count(&[answered(name)]),
                    a,
                );
            }
            let scale = strings(c.get("scale"));
            let max = f64_of(c, "mean_scale_max");
            if let Some(m) = c.get("counts").and_then(Value::as_object) {
                let pct = c.get("percent").and_then(Value::as_object);
                self.value_counts(name, &[], m, pct, scale.as_deref());
            }
            if let Some(scale) = &scale {
                self.scale_stats(name, scale, max, c, &[]);
                if let Some(n) = f64_of(c, "non_substantive") {
                    let mut out = scale.clone();
                    out.push(String::new());
                    self.eq(
                        &format!("non_substantive {name}"),
                        self.count(&[not_any(name, out)]),
                        n,
                    );
                }
            }
            if let (Some(g), Some(m)) = (&by, c.get("by").and_then(Value::as_object)) {
                if self.known(g) {
                    self.breakdown(g, name, scale.as_deref(), max, m);
                }
            }
        }
        if let Some(ms) = s.get("multi_select").and_then(Value::as_array) {
            for m in ms {
                self.multi_select(m, &names, by.as_deref());
            }
        }
    }

    /// A column's breakdown by `g`: group label → statistics, or withheld.
    fn breakdown(
        &mut self,
        g: &str,
        q: &str,
        scale: Option<&[String]>,
        max: Option<f64>,
        m: &Map<String, Value>,
    ) {
        let named: Vec<String> = m.keys().cloned().collect();
        let mut shown = Vec::new();
        for (label, v) in m {
            let gp = self.pick(g, label, &named);
            self.at_least_one(
                &format!("{g}: {label} is published"),
                self.count(std::slice::from_ref(&gp)),
            );
            if is_withheld(v) || !v.is_object() {
                continue;
            }
            match scale {
                Some(scale) if v.get("n_valid").is_some() => {
                    shown.push(label.clone());
                    self.scale_stats(q, scale, max, v, &[gp]);
                }
                _ => {
                    let mut any = false;
                    if let Some(n) = f64_of(v, "n") {
                        any = true;
                        self.eq(
                            &format!("n {g}={label} {q}"),
                            self.count(&[gp.clone(), answered(q)]),
                            n,
                        );
                    }
                    if let Some(c) = v.get("counts").and_then(Value::as_object) {
                        any = true;
                        self.value_counts(q, &[gp], c, None, None);
                    }
                    if any {
                        shown.push(label.clone());
                    }
                }
            }
        }
        let base = match scale {
            Some(s) => is_any(q, s.to_vec()),
            None => answered(q),
        };
        self.withheld_groups(g, &shown, &named, q, base);
    }

    /// A multi-select question of a summary; `names` are the summary's column headers.
    fn multi_select(&mut self, m: &Value, names: &[String], by: Option<&str>) {
        let Some(cols): Option<Vec<String>> = m.get("columns").and_then(Value::as_array).map(|a| {
            a.iter()
                .filter_map(|i| i.as_u64())
                .map(|i| names[i as usize].clone())
                .collect()
        }) else {
            return;
        };
        let unchosen = || vec![String::new(), "0".to_string()];
        let answered_in = |c: &Collect, extra: &[Pick]| {
            let mut t = c.count(extra);
            let mut none = extra.to_vec();
            none.extend(cols.iter().map(|col| is_any(col, unchosen())));
            t.extend(c.count(&none).into_iter().map(|mut x| {
                x.coef = -1.0;
                x
            }));
            t
        };
        let chosen = |c: &Collect, extra: &[Pick], i: usize| {
            let mut p = extra.to_vec();
            p.push(not_any(&cols[i], unchosen()));
            c.count(&p)
        };
        let stats = |c: &mut Collect, v: &Value, extra: &[Pick]| {
            let den = answered_in(c, extra);
            if let Some(a) = f64_of(v, "answered") {
                c.eq(&format!("multi answered {extra:?}"), den.clone(), a);
            }
            for (i, n) in numbers(v.get("counts"))
                .into_iter()
                .enumerate()
                .take(cols.len())
            {
                if let Some(n) = n {
                    c.eq(
                        &format!("multi {} {extra:?}", cols[i]),
                        chosen(c, extra, i),
                        n,
                    );
                }
            }
            for (i, p) in numbers(v.get("pct"))
                .into_iter()
                .enumerate()
                .take(cols.len())
            {
                if let Some(p) = p {
                    c.pct(
                        &format!("multi % {} {extra:?}", cols[i]),
                        chosen(c, extra, i),
                        den.clone(),
                        p,
                    );
                }
            }
        };
        stats(self, m, &[]);
        let (Some(g), Some(map)) = (by, m.get("by").and_then(Value::as_object)) else {
            return;
        };
        if !self.known(g) {
            return;
        }
        let named: Vec<String> = map.keys().cloned().collect();
        let mut shown = Vec::new();
        for (label, v) in map {
            let gp = self.pick(g, label, &named);
            self.at_least_one(
                &format!("{g}: {label} is published"),
                self.count(std::slice::from_ref(&gp)),
            );
            if !is_withheld(v) && v.get("answered").is_some() {
                shown.push(label.clone());
                stats(self, v, &[gp]);
            }
        }
        for unit in self.uncovered(g, &shown, &named) {
            let gp = is_any(g, unit.clone());
            let size = answered_in(self, std::slice::from_ref(&gp));
            let key = format!("{g}={unit:?} × multi-select");
            for (i, option) in cols.iter().enumerate() {
                let cell = chosen(self, std::slice::from_ref(&gp), i);
                self.target(format!("{g}={unit:?} × {option}"), cell, size.clone(), &key);
            }
        }
    }

    /// A cross-table (`Crosstab` as JSON).
    fn crosstab(&mut self, ct: &Value) {
        if ct.get("multi_select").and_then(Value::as_bool) == Some(true) {
            return;
        }
        let (Some(r), Some(c)) = (
            ct.get("row_column").and_then(Value::as_str),
            ct.get("col_column").and_then(Value::as_str),
        ) else {
            return;
        };
        let cols: Vec<String> = ct
            .get("columns")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.get("label")?.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let col_picks: Vec<Pick> = cols.iter().map(|l| self.pick(c, l, &cols)).collect();
        for (l, p) in cols.iter().zip(&col_picks) {
            self.at_least_one(
                &format!("{c}: {l} is published"),
                self.count(std::slice::from_ref(p)),
            );
        }
        let both = [answered(r), answered(c)];
        if let Some(t) = f64_of(ct, "total") {
            self.eq(&format!("total {r}×{c}"), self.count(&both), t);
        }
        if let Some(m) = f64_of(ct, "missing") {
            let mut t = self.count(&[]);
            t.extend(self.count(&both).into_iter().map(|mut x| {
                x.coef = -1.0;
                x
            }));
            self.eq(&format!("missing {r}×{c}"), t, m);
        }
        let col_total = |s: &Collect, j: usize| s.count(&[answered(r), col_picks[j].clone()]);
        let totals = numbers(ct.get("col_totals"));
        if totals.len() == cols.len() {
            for (j, t) in totals.iter().enumerate() {
                if let Some(t) = t {
                    self.eq(
                        &format!("col total {c}={}", cols[j]),
                        col_total(self, j),
                        *t,
                    );
                }
            }
        }
        let empty = Vec::new();
        let rows = ct.get("rows").and_then(Value::as_array).unwrap_or(&empty);
        let named: Vec<String> = rows
            .iter()
            .filter_map(|x| x.get("label")?.as_str().map(str::to_string))
            .collect();
        // The bases of the percentages: without the non-substantive lines ("Ved ikke") of the
        // other axis unless they are included (`in_base` in src/analyze/crosstab.rs).
        let include = ct
            .get("include_non_substantive")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let col_ns = apart_lines(ct.get("columns"), include);
        let row_ns = apart_lines(ct.get("rows"), include);
        let ns_row_picks: Vec<Pick> = rows
            .iter()
            .zip(&row_ns)
            .filter(|(_, ns)| **ns)
            .filter_map(|(x, _)| x.get("label")?.as_str())
            .map(|l| self.pick(r, l, &named))
            .collect();
        let row_base = |s: &Collect, rp: &Pick| {
            let mut t = s.count(&[rp.clone(), answered(c)]);
            for (cp, _) in col_picks.iter().zip(&col_ns).filter(|(_, ns)| **ns) {
                t = minus(t, s.count(&[rp.clone(), cp.clone()]));
            }
            t
        };
        let col_base = |s: &Collect, j: usize| {
            let mut t = col_total(s, j);
            for rp in &ns_row_picks {
                t = minus(t, s.count(&[rp.clone(), col_picks[j].clone()]));
            }
            t
        };
        let total_base = {
            let mut t = self.count(&both);
            for j in (0..cols.len()).filter(|&j| col_ns[j]) {
                t = minus(t, col_total(self, j));
            }
            for rp in &ns_row_picks {
                t = minus(t, row_base(self, rp));
            }
            t
        };
        let mut shown = Vec::new();
        for (k, row) in rows.iter().enumerate() {
            let Some(label) = row.get("label").and_then(Value::as_str) else {
                continue;
            };
            let rp = self.pick(r, label, &named);
            self.at_least_one(
                &format!("{r}: {label} is published"),
                self.count(std::slice::from_ref(&rp)),
            );
            let row_total = self.count(&[rp.clone(), answered(c)]);
            if let Some(t) = f64_of(row, "total") {
                self.eq(&format!("row total {r}={label}"), row_total.clone(), t);
            }
            let cells = row.get("cells").and_then(Value::as_array).unwrap_or(&empty);
            if cells.len() != cols.len()
                || cells.is_empty()
                || is_withheld(row) && row.get("total").is_none()
            {
                continue;
            }
            shown.push(label.to_string());
            let base = row_base(self, &rp);
            for (j, cell) in cells.iter().enumerate() {
                let here = self.count(&[rp.clone(), col_picks[j].clone()]);
                let what = format!("{r}={label} × {c}={}", cols[j]);
                if let Some(n) = f64_of(cell, "count") {
                    self.eq(&what, here.clone(), n);
                }
                // A cell outside the base publishes no share (its percentages are 0).
                if row_ns.get(k).copied().unwrap_or(false) || col_ns[j] {
                    continue;
                }
                if let Some(p) = f64_of(cell, "row_pct") {
                    self.pct(&format!("row% {what}"), here.clone(), base.clone(), p);
                }
                if let Some(p) = f64_of(cell, "col_pct") {
                    self.pct(&format!("col% {what}"), here.clone(), col_base(self, j), p);
                }
                if let Some(p) = f64_of(cell, "total_pct") {
                    self.pct(
                        &format!("total% {what}"),
                        here.clone(),
                        total_base.clone(),
                        p,
                    );
                }
            }
        }
        self.withheld_groups(r, &shown, &named, c, answered(c));
        // Columns left out: their totals and their cells in the shown rows.
        for unit in self.uncovered(c, &cols, &cols) {
            let cp = is_any(c, unit.clone());
            let size = self.count(&[answered(r), cp.clone()]);
            let key = format!("{c}={unit:?} × {r}");
            self.target(
                format!("column {c}={unit:?}"),
                size.clone(),
                size.clone(),
                &key,
            );
            for l in &shown {
                let cell = self.count(&[self.pick(r, l, &named), cp.clone()]);
                self.target(format!("{r}={l} × {c}={unit:?}"), cell, size.clone(), &key);
            }
        }
    }

    /// A cross-table's CSV export (`crosstab_table` written by `table_to_csv`, Danish).
    fn crosstab_csv(&mut self, r: &str, c: &str, show: CellShow, bytes: &[u8], ct: &Value) {
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim_start_matches('\u{feff}');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let records: Vec<Vec<String>> = reader
            .records()
            .filter_map(Result::ok)
            .map(|r| r.iter().map(str::to_string).collect())
            .collect();
        let Some((header, body)) = records.split_first() else {
            return;
        };
        if header.len() < 2 {
            return;
        }
        let cols: Vec<String> = header[1..header.len() - 1].to_vec();
        let rows_named: Vec<String> = body
            .iter()
            .map(|r| r[0].clone())
            .filter(|l| l != "I alt")
            .collect();
        let col_picks: Vec<Pick> = cols.iter().map(|l| self.pick(c, l, &cols)).collect();
        let both = [answered(r), answered(c)];
        let include = ct
            .get("include_non_substantive")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let col_ns = apart_lines(ct.get("columns"), include);
        let empty = Vec::new();
        let json_rows = ct.get("rows").and_then(Value::as_array).unwrap_or(&empty);
        let ns_row_picks: Vec<Pick> = json_rows
            .iter()
            .zip(apart_lines(ct.get("rows"), include))
            .filter(|(_, ns)| *ns)
            .filter_map(|(x, _)| x.get("label")?.as_str())
            .map(|l| self.pick(r, l, &rows_named))
            .collect();
        for line in body {
            let label = &line[0];
            let total_line = label == "I alt";
            let rp = (!total_line).then(|| self.pick(r, label, &rows_named));
            let row_sel: Vec<Pick> = rp.iter().cloned().chain([answered(c)]).collect();
            let row_total = self.count(&row_sel);
            // The row's base: without its non-substantive columns (the total line: without
            // theirs in every row). Cells outside the base show "–".
            let mut row_base = row_total.clone();
            for (cp, _) in col_picks.iter().zip(&col_ns).filter(|(_, ns)| **ns) {
                let mut sel: Vec<Pick> = rp.iter().cloned().collect();
                sel.push(cp.clone());
                if total_line {
                    sel.push(answered(r));
                }
                row_base = minus(row_base, self.count(&sel));
            }
            let table_base = if total_line {
                let mut t = self.count(&both);
                for (cp, _) in col_picks.iter().zip(&col_ns).filter(|(_, ns)| **ns) {
                    t = minus(t, self.count(&[answered(r), cp.clone()]));
                }
                t
            } else {
                self.count(&both)
            };
            for (j, text) in line.iter().enumerate().skip(1) {
                let Some((x, half)) = parse_shown(text) else {
                    continue;
                };
                let what = format!("csv {show:?} {r}={label} col {j}");
                if j == line.len() - 1 && j == cols.len() + 1 {
                    // The row's n.
                    let sel = if total_line {
                        self.count(&both)
                    } else {
                        row_total.clone()
                    };
                    self.between(&what, sel, x - half, x + half);
                    continue;
                }
                let Some(cp) = col_picks.get(j - 1) else {
                    continue;
                };
                let mut here_sel: Vec<Pick> = rp.iter().cloned().collect();
                here_sel.push(cp.clone());
                if total_line {
                    here_sel.push(answered(r));
                }
                let here = self.count(&here_sel);
                let mut col_total = self.count(&[answered(r), cp.clone()]);
                for rp in &ns_row_picks {
                    col_total = minus(col_total, self.count(&[rp.clone(), cp.clone()]));
                }
                match show {
                    CellShow::Counts => self.between(&what, here, x - half, x + half),
                    CellShow::RowPct if total_line => self.ratio(
                        &what,
                        here,
                        table_base.clone(),
                        x / 100.0,
                        half / 100.0 + 1e-9,
                    ),
                    CellShow::RowPct => self.ratio(
                        &what,
                        here,
                        row_base.clone(),
                        x / 100.0,
                        half / 100.0 + 1e-9,
                    ),
                    CellShow::ColPct if !total_line => {
                        self.ratio(&what, here, col_total, x / 100.0, half / 100.0 + 1e-9)
                    }
                    CellShow::TotalPct => self.ratio(
                        &what,
                        here,
                        self.count(&both),
                        x / 100.0,
                        half / 100.0 + 1e-9,
                    ),
                    _ => {}
                }
            }
        }
    }

    /// A weighted view (`WeightedView` as JSON) with weight column `w`, broken down by `by`.
    fn weighted(&mut self, v: &Value, w: &str, by: Option<&str>) {
        let empty = Vec::new();
        for q in v
            .get("questions")
            .and_then(Value::as_array)
            .unwrap_or(&empty)
        {
            let Some(name) = q.get("question").and_then(Value::as_str) else {
                continue;
            };
            if let Some(s) = q.get("stats") {
                self.weighted_stats(name, w, s, &[], true);
            }
            let (Some(g), Some(groups)) = (by, q.get("groups").and_then(Value::as_array)) else {
                continue;
            };
            let named: Vec<String> = groups
                .iter()
                .filter_map(|x| x.get("label")?.as_str().map(str::to_string))
                .collect();
            let mut shown = Vec::new();
            let mut scale = None;
            for grp in groups {
                let Some(label) = grp.get("label").and_then(Value::as_str) else {
                    continue;
                };
                let gp = self.pick(g, label, &named);
                self.at_least_one(
                    &format!("{g}: {label} is published"),
                    self.count(std::slice::from_ref(&gp)),
                );
                if let Some(s) = grp
                    .get("stats")
                    .filter(|s| s.is_object() && !is_withheld(grp))
                {
                    shown.push(label.to_string());
                    scale = scale.or(strings(s.get("scale")));
                    self.weighted_stats(name, w, s, &[gp], false);
                }
            }
            if let Some(scale) =
                scale.or_else(|| strings(q.get("stats").and_then(|s| s.get("scale"))))
            {
                self.withheld_groups(g, &shown, &named, name, is_any(name, scale));
            }
        }
    }

    fn weighted_stats(&mut self, q: &str, w: &str, s: &Value, extra: &[Pick], overall: bool) {
        let Some(scale) = strings(s.get("scale")) else {
            return;
        };
        let positive: Vec<String> = self
            .u
            .weights
            .get(w)
            .map(|m| {
                m.iter()
                    .filter(|(_, &x)| x > 0.0)
                    .map(|(k, _)| k.clone())
                    .collect()
            })
            .unwrap_or_default();
        let with = |extra: &[Pick], more: Vec<Pick>| -> Vec<Pick> {
            extra.iter().cloned().chain(more).collect()
        };
        let valid = is_any(q, scale.clone());
        let tag = format!("weighted {q} {extra:?}");
        if let Some(n) = f64_of(s, "n_valid") {
            self.eq(
                &format!("n_valid {tag}"),
                self.count(&with(extra, vec![valid.clone()])),
                n,
            );
        }
        if let Some(n) = f64_of(s, "n_weighted") {
            let sel = with(extra, vec![valid.clone(), is_any(w, positive.clone())]);
            self.eq(&format!("n_weighted {tag}"), self.count(&sel), n);
        }
        let without = not_any(w, positive.clone());
        if let Some(n) = f64_of(s, "n_without_weight") {
            let sel = with(extra, vec![valid.clone(), without.clone()]);
            self.eq(&format!("n_without_weight {tag}"), self.count(&sel), n);
        }
        if overall {
            // The respondents without a weight are a group of their own.
            let size = self.count(&with(extra, vec![valid.clone(), without.clone()]));
            for step in &scale {
                let cell = self.count(&with(extra, vec![is(q, &[step]), without.clone()]));
                self.target(
                    format!("without a weight × {q}={step}"),
                    cell,
                    size.clone(),
                    &format!("without a weight × {q}"),
                );
            }
        }
        let tol = |x: f64| FLOAT_TOL * x.abs().max(1.0);
        let wsum = |c: &Collect, ks: &[usize]| -> Vec<Term> {
            ks.iter()
                .flat_map(|&k| c.wcount(&with(extra, vec![is(q, &[&scale[k]])]), w))
                .collect()
        };
        let all: Vec<usize> = (0..scale.len()).collect();
        let den = wsum(self, &all);
        if let Some(x) = f64_of(s, "sum_weights") {
            self.between(
                &format!("sum_weights {tag}"),
                den.clone(),
                x - tol(x),
                x + tol(x),
            );
        }
        for (k, x) in numbers(s.get("steps"))
            .into_iter()
            .enumerate()
            .take(scale.len())
        {
            if let Some(x) = x {
                self.between(
                    &format!("steps[{k}] {tag}"),
                    wsum(self, &[k]),
                    x - tol(x),
                    x + tol(x),
                );
            }
        }
        for (k, p) in numbers(s.get("pct"))
            .into_iter()
            .enumerate()
            .take(scale.len())
        {
            if let Some(p) = p {
                self.pct(&format!("pct[{k}] {tag}"), wsum(self, &[k]), den.clone(), p);
            }
        }
        let e = ends(scale.len());
        if let Some(p) = f64_of(s, "top2_pct") {
            let top: Vec<usize> = (0..e).collect();
            self.pct(&format!("top2 {tag}"), wsum(self, &top), den.clone(), p);
        }
        if let Some(p) = f64_of(s, "bottom2_pct") {
            let bottom: Vec<usize> = (scale.len() - e..scale.len()).collect();
            self.pct(
                &format!("bottom2 {tag}"),
                wsum(self, &bottom),
                den.clone(),
                p,
            );
        }
        // Step values: the most positive step highest, counting from 1.
        let max = scale.len() as f64;
        if let Some(m) = f64_of(s, "mean") {
            let num: Vec<Term> = (0..scale.len())
                .flat_map(|k| {
                    wsum(self, &[k]).into_iter().map(move |mut t| {
                        t.coef = max - k as f64;
                        t
                    })
                })
                .collect();
            self.ratio(&format!("mean {tag}"), num, den.clone(), m, tol(m));
        }
        if let Some(un) = s.get("unweighted") {
            self.scale_stats(q, &scale, Some(max), un, extra);
        }
    }

    /// A wave comparison (`Comparison` as JSON); waves are the values of `file_col`.
    fn comparison(&mut self, cmp: &Value, file_col: &str) {
        let names = strings(cmp.get("waves")).unwrap_or_default();
        for (i, r) in numbers(cmp.get("rows")).into_iter().enumerate() {
            if let (Some(r), Some(name)) = (r, names.get(i)) {
                self.eq(
                    &format!("rows of wave {name}"),
                    self.count(&[is(file_col, &[name])]),
                    r,
                );
            }
        }
        let empty = Vec::new();
        for q in cmp
            .get("questions")
            .and_then(Value::as_array)
            .unwrap_or(&empty)
        {
            let points = q.get("waves").and_then(Value::as_array).unwrap_or(&empty);
            // Per wave: (column, scale, mean_scale_max, top2_pct, mean) when shown.
            let mut known: Vec<Option<WaveFigures>> = vec![None; names.len()];
            for (i, p) in points.iter().enumerate().take(names.len()) {
                let (Some(col), Some(scale)) = (
                    p.get("column").and_then(Value::as_str),
                    strings(p.get("scale")),
                ) else {
                    continue;
                };
                if !self.known(col) {
                    continue;
                }
                let max = f64_of(p, "mean_scale_max").unwrap_or(scale.len() as f64);
                let wave = is(file_col, &[&names[i]]);
                self.scale_stats(col, &scale, Some(max), p, std::slice::from_ref(&wave));
                if let Some(t) = f64_of(p, "top2") {
                    let top: Vec<Term> = scale[..ends(scale.len())]
                        .iter()
                        .flat_map(|s| self.count(&[wave.clone(), is(col, &[s])]))
                        .collect();
                    self.eq(&format!("top2 {col} wave {}", names[i]), top, t);
                }
                known[i] = Some((
                    col.to_string(),
                    scale,
                    max,
                    f64_of(p, "top2_pct"),
                    f64_of(p, "mean"),
                ));
            }
            // A change published beside one shown wave gives the other.
            let changes = q
                .get("changes")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let overall: Vec<Value> = q
                .get("overall")
                .filter(|o| o.is_object())
                .cloned()
                .into_iter()
                .collect();
            for ch in changes.iter().chain(&overall) {
                let (Some(from), Some(to)) = (
                    ch.get("from").and_then(Value::as_u64).map(|x| x as usize),
                    ch.get("to").and_then(Value::as_u64).map(|x| x as usize),
                ) else {
                    continue;
                };
                for (shown, hidden, sign) in [(from, to, 1.0), (to, from, -1.0)] {
                    let (Some(Some(k)), Some(None)) = (known.get(shown), known.get(hidden)) else {
                        continue;
                    };
                    let (col, scale, max) = (k.0.clone(), k.1.clone(), k.2);
                    let mut derived = Map::new();
                    if let (Some(pp), Some(t)) = (f64_of(ch, "top2_pp"), k.3) {
                        derived.insert("top2_pct".into(), Value::from(t + sign * pp));
                    }
                    if let (Some(d), Some(m)) = (f64_of(ch, "mean_diff"), k.4) {
                        derived.insert("mean".into(), Value::from(m + sign * d));
                    }
                    let wave = is(file_col, &[&names[hidden]]);
                    self.scale_stats(&col, &scale, Some(max), &Value::Object(derived), &[wave]);
                }
            }
            // Waves left out while others are shown.
            if let Some(Some((col, scale, ..))) = known.iter().find(|k| k.is_some()).cloned() {
                for (i, k) in known.iter().enumerate() {
                    if k.is_none() {
                        let wave = is(file_col, &[&names[i]]);
                        let size = self.count(&[wave.clone(), is_any(&col, scale.clone())]);
                        for v in self.u.domain(&col).into_iter().filter(|v| !v.is_empty()) {
                            let cell = self.count(&[wave.clone(), is(&col, &[&v])]);
                            self.target(
                                format!("wave {} × {col}={v}", names[i]),
                                cell,
                                size.clone(),
                                &format!("wave {} × {col}", names[i]),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// One wave's question as published: column, scale, mean_scale_max, top2_pct, mean.
type WaveFigures = (String, Vec<String>, f64, Option<f64>, Option<f64>);

/// A number as a table shows it ("1.234", "12,5 %", "3,42") and half its last digit.
/// `a − b`.
fn minus(mut a: Vec<Term>, b: Vec<Term>) -> Vec<Term> {
    a.extend(b.into_iter().map(|mut t| {
        t.coef = -t.coef;
        t
    }));
    a
}

/// Per line of a cross-table axis (its `columns` or `rows`): whether it is outside the base
/// of the percentages, a non-substantive line when those are not included.
fn apart_lines(lines: Option<&Value>, include: bool) -> Vec<bool> {
    lines.and_then(Value::as_array).map_or_else(Vec::new, |a| {
        a.iter()
            .map(|x| !include && x.get("substantive").and_then(Value::as_bool) == Some(false))
            .collect()
    })
}

fn parse_shown(text: &str) -> Option<(f64, f64)> {
    let t = text
        .trim()
        .trim_end_matches('%')
        .trim_end_matches(['\u{a0}', ' ']);
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || c == '-')
    {
        return None;
    }
    let t = t.replace('.', "");
    let decimals = t.split_once(',').map_or(0, |(_, d)| d.len());
    let x: f64 = t.replace(',', ".").parse().ok()?;
    let half = if decimals == 0 && !text.contains('%') {
        0.0
    } else {
        0.5 * 10f64.powi(-(decimals as i32))
    };
    Some((x, half))
}

// ------------------------------------------------------------------------------------------
// The attack: linear programs over the atoms of a model
// ------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Finding {
    src: String,
    what: String,
    group: String,
    truth: f64,
    unit: f64,
    lo: f64,
    hi: f64,
}

impl Finding {
    fn determined(&self) -> bool {
        self.lo == self.hi
    }
    fn sensitive(&self) -> bool {
        self.unit > 0.5 && self.unit < MIN_CELL as f64 - 0.5
    }
}

/// Checks every published statement against the true rows.
fn check_truth(c: &Collect) {
    for f in &c.facts {
        let (v, abs) = c.u.eval(&f.terms);
        let tol = 1e-6 * (1.0 + abs);
        assert!(
            v >= f.lo - tol && v <= f.hi + tol,
            "collector bug or wrong number: {} is {v}, published as [{}, {}]",
            f.src,
            f.lo,
            f.hi
        );
    }
}

/// One constraint over the atoms: (atom, coefficient) pairs, lower and upper bound.
type Row = (Vec<(usize, f64)>, f64, f64);

/// Coefficients over the atoms of the model `dims` (`None` when a column is outside it).
fn coefficients(
    u: &Universe,
    dims: &[String],
    cats: &[Vec<String>],
    atoms: &[Vec<usize>],
    terms: &[Term],
) -> Option<Vec<f64>> {
    let mut out = vec![0.0; atoms.len()];
    for t in terms {
        let masks: Vec<(usize, Vec<bool>)> = t
            .sel
            .iter()
            .map(|p| {
                let d = dims.iter().position(|x| *x == p.col)?;
                Some((
                    d,
                    cats[d]
                        .iter()
                        .map(|v| p.labels.contains(v) != p.not)
                        .collect(),
                ))
            })
            .collect::<Option<_>>()?;
        let w = match &t.weight {
            Some(w) => Some(dims.iter().position(|x| x == w)?),
            None => None,
        };
        for (a, atom) in atoms.iter().enumerate() {
            if masks.iter().all(|(d, m)| m[atom[*d]]) {
                let wv = w.map_or(1.0, |d| u.weight_of(&dims[d], &cats[d][atom[d]]));
                out[a] += t.coef * wv;
            }
        }
    }
    Some(out)
}

/// Bounds of every target of `c` inside the model `dims`, by linear programming (integer
/// atoms when `integer`, else the bounds of the relaxation rounded to integers).
fn attack(c: &Collect, dims: &[&str], integer: bool) -> Vec<Finding> {
    let u = c.u;
    let dims: Vec<String> = dims.iter().map(|s| s.to_string()).collect();
    let cats: Vec<Vec<String>> = dims.iter().map(|d| u.domain(d)).collect();
    let mut atoms: Vec<Vec<usize>> = vec![Vec::new()];
    for cat in &cats {
        atoms = atoms
            .into_iter()
            .flat_map(|a| {
                (0..cat.len()).map(move |k| {
                    let mut b = a.clone();
                    b.push(k);
                    b
                })
            })
            .collect();
    }
    let rows = u.rows.len() as f64;
    // Constraints, each once.
    let mut seen = HashSet::new();
    let mut constraints: Vec<Row> = Vec::new();
    let mut published = HashSet::new();
    for f in c.facts.iter().filter(|f| f.lo == f.hi) {
        if let Some(coef) = coefficients(u, &dims, &cats, &atoms, &f.terms) {
            published.insert(format!("{coef:?}"));
        }
    }
    let known = |terms: &[Term]| {
        coefficients(u, &dims, &cats, &atoms, terms)
            .is_some_and(|c| published.contains(&format!("{c:?}")))
    };
    for f in &c.facts {
        if f.parts.as_ref().is_some_and(|(n, d)| known(n) && known(d)) {
            continue;
        }
        let Some(coef) = coefficients(u, &dims, &cats, &atoms, &f.terms) else {
            continue;
        };
        let sparse: Vec<(usize, f64)> = coef
            .iter()
            .copied()
            .enumerate()
            .filter(|(_, x)| x.abs() > 1e-12)
            .collect();
        if sparse.is_empty() {
            continue;
        }
        let key = format!("{sparse:?}{}{}", f.lo, f.hi);
        if seen.insert(key) {
            constraints.push((sparse, f.lo, f.hi));
        }
    }
    // Targets, each once.
    let mut unique: Vec<(Vec<f64>, Finding)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut findings = Vec::new();
    for t in &c.targets {
        let (Some(obj), Some(_)) = (
            coefficients(u, &dims, &cats, &atoms, &t.cell),
            coefficients(u, &dims, &cats, &atoms, &t.unit),
        ) else {
            continue;
        };
        let finding = Finding {
            src: t.src.clone(),
            what: t.what.clone(),
            group: t.group.clone(),
            truth: u.eval(&t.cell).0,
            unit: u.eval(&t.unit).0,
            lo: f64::NAN,
            hi: f64::NAN,
        };
        let key = format!("{obj:?}");
        let k = *index.entry(key).or_insert_with(|| {
            unique.push((obj, finding.clone()));
            unique.len() - 1
        });
        findings.push((k, finding));
    }
    let solve = |obj: &[f64], dir: OptimizationDirection| -> Option<f64> {
        let mut p = Problem::new(dir);
        let vars: Vec<_> = obj
            .iter()
            .map(|&o| {
                if integer {
                    p.add_integer_var(o, (0, rows as i32))
                } else {
                    p.add_var(o, (0.0, rows))
                }
            })
            .collect();
        for (sparse, lo, hi) in &constraints {
            let expr: Vec<_> = sparse.iter().map(|&(a, x)| (vars[a], x)).collect();
            if lo == hi {
                p.add_constraint(expr.as_slice(), ComparisonOp::Eq, *lo);
            } else {
                if lo.is_finite() {
                    p.add_constraint(expr.as_slice(), ComparisonOp::Ge, *lo);
                }
                if hi.is_finite() {
                    p.add_constraint(expr.as_slice(), ComparisonOp::Le, *hi);
                }
            }
        }
        match p.solve() {
            Ok(outcome) => outcome.into_solution().ok().map(|s| s.objective()),
            Err(microlp::Error::Infeasible) => {
                panic!("the published numbers admit no table: collector bug ({dims:?})")
            }
            Err(e) => {
                eprintln!("attacker: LP failed ({e:?}) in model {dims:?}; target left open");
                None
            }
        }
    };
    let started = std::time::Instant::now();
    let bounds: Vec<(f64, f64)> = unique
        .iter()
        .map(|(obj, f)| {
            let lo = solve(obj, OptimizationDirection::Minimize)
                .map_or(0.0, |x| (x - 1e-6).ceil() + 0.0);
            // Below the truth it is not determined: the upper bound is only wanted for the
            // report, and left open to halve the work.
            if lo < f.truth - 0.5 {
                return (lo, f64::INFINITY);
            }
            let hi = solve(obj, OptimizationDirection::Maximize)
                .map_or(f64::INFINITY, |x| (x + 1e-6).floor());
            (lo, hi)
        })
        .collect();
    eprintln!(
        "attacker: model {dims:?}: {} atoms, {} constraints, {} targets, {:?}",
        atoms.len(),
        constraints.len(),
        unique.len(),
        started.elapsed()
    );
    findings
        .into_iter()
        .map(|(k, mut f)| {
            f.lo = bounds[k].0;
            f.hi = bounds[k].1;
            f
        })
        .collect()
}

/// The failures among `findings` (printed with the narrowest interval found).
fn judge(run: &str, findings: &[Finding]) -> Vec<String> {
    let mut failures = Vec::new();
    let mut reported = HashSet::new();
    for f in findings.iter().filter(|f| f.determined()) {
        let line = format!(
            "{}: {} = {} determined (unit of {})",
            f.src, f.what, f.truth, f.unit
        );
        if !reported.insert(line.clone()) {
            continue;
        }
        if f.sensitive() && f.truth > 0.5 {
            failures.push(line);
        } else {
            eprintln!("attacker {run}: note: {line}");
        }
    }
    // Whole answer distributions of sensitive groups.
    let mut groups: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        groups.entry(&f.group).or_default().push(f);
    }
    for (g, fs) in groups {
        if fs.iter().all(|f| f.determined()) && fs.iter().any(|f| f.sensitive()) {
            failures.push(format!("whole distribution of {g} determined"));
        }
    }
    // The narrowest interval among those computed in full, else the highest lower bound.
    let narrowest = findings
        .iter()
        .filter(|f| f.sensitive() && f.truth > 0.5)
        .min_by(|a, b| {
            let key = |f: &Finding| (f.hi - f.lo, f.truth - f.lo);
            key(a)
                .partial_cmp(&key(b))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    match narrowest {
        Some(f) => eprintln!(
            "attacker {run}: narrowest interval [{}, {}] (true {}) for {}: {} ({} targets)",
            f.lo,
            f.hi,
            f.truth,
            f.src,
            f.what,
            findings.len()
        ),
        None => eprintln!(
            "attacker {run}: no sensitive target ({} targets)",
            findings.len()
        ),
    }
    failures
}

/// Runs the attacker over `models` and asserts nothing sensitive is disclosed.
#[track_caller]
fn assert_protected(run: &str, c: &Collect, models: &[&[&str]], integer: bool) {
    check_truth(c);
    let findings: Vec<Finding> = models.iter().flat_map(|m| attack(c, m, integer)).collect();
    assert!(
        !findings.is_empty(),
        "{run}: the collector found nothing withheld"
    );
    if std::env::var("ATTACK_DEBUG").is_ok() {
        for f in &findings {
            eprintln!(
                "{run}: {} {} [{}, {}] true {} unit {}",
                f.src, f.what, f.lo, f.hi, f.truth, f.unit
            );
        }
    }
    let failures = judge(run, &findings);
    let shown: Vec<&str> = failures.iter().take(40).map(String::as_str).collect();
    assert!(
        failures.is_empty(),
        "{run}: {} withheld numbers worked out from what is published:\n  {}{}",
        failures.len(),
        shown.join("\n  "),
        if failures.len() > 40 { "\n  …" } else { "" }
    );
}

// ------------------------------------------------------------------------------------------
// Views
// ------------------------------------------------------------------------------------------

fn json<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap()
}

fn col(ds: &Dataset, name: &str) -> usize {
    ds.find_column(name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

fn opts(by: Option<&str>) -> SummaryOptions {
    SummaryOptions {
        by: by.map(str::to_string),
        min_cell: MIN_CELL,
        ..SummaryOptions::default()
    }
}

/// The summary by `by` (none for `None`).
fn collect_summary(c: &mut Collect, ds: &Dataset, by: Option<&str>) {
    c.view(&format!("summary by {by:?}"), &[], Vec::new());
    c.summary(&json(&ds.summary(&opts(by))));
}

/// The cross-table `r` × `c2` and its three CSV exports.
fn collect_crosstab(
    c: &mut Collect,
    ds: &Dataset,
    r: &str,
    c2: &str,
    merges: &[(&str, &str, &str)],
) {
    let Some(ct) = crosstab(ds, col(ds, r), col(ds, c2), MIN_CELL) else {
        return;
    };
    c.view(&format!("crosstab {r} × {c2}"), merges, Vec::new());
    c.crosstab(&json(&ct));
    for show in [CellShow::Counts, CellShow::RowPct, CellShow::ColPct] {
        c.view(&format!("csv {show:?} {r} × {c2}"), merges, Vec::new());
        let bytes = table_to_csv(&crosstab_table(&ct, show, Lang::Da), Lang::Da);
        c.crosstab_csv(r, c2, show, &bytes, &json(&ct));
    }
}

/// The summary by `by` with `merges` of `col` (from, to) and the cross-table by the merged
/// column.
fn collect_merged(
    c: &mut Collect,
    ds: &Dataset,
    column: &str,
    merges: &[(&str, &str)],
    by: &str,
    with: &[&str],
) {
    let o = SummaryOptions {
        overrides: vec![ColumnOverride {
            column: column.to_string(),
            merge: merges
                .iter()
                .map(|(f, t)| (f.to_string(), t.to_string()))
                .collect(),
            ..ColumnOverride::default()
        }],
        ..opts(Some(by))
    };
    let m: Vec<(&str, &str, &str)> = merges.iter().map(|(f, t)| (column, *f, *t)).collect();
    let (adjusted, s) = ds.adjusted_summary(&o);
    c.view(
        &format!("merged summary by {by} ({merges:?})"),
        &m,
        Vec::new(),
    );
    c.summary(&json(&s));
    let adjusted = adjusted.expect("a merge adjusts the dataset");
    for q in with {
        collect_crosstab(c, &adjusted, column, q, &m);
        collect_crosstab(c, &adjusted, q, column, &m);
    }
}

/// The weighted view with weight `w`, by `by`.
fn collect_weighted(c: &mut Collect, ds: &Dataset, w: &str, by: Option<&str>) {
    let view = tilfreds::present::views::weighted::weighted_view(
        ds,
        col(ds, w),
        by.map(|b| col(ds, b)),
        MIN_CELL,
        Lang::Da,
    )
    .expect("weighted view");
    c.view(&format!("weighted by {by:?}"), &[], Vec::new());
    c.weighted(&json(&view), w, by);
}

/// The waves compared (`compare` on each file's summary, and the waves view's row counts),
/// and the files combined with a "Fil" column: summary by it and its cross-tables.
fn collect_waves(c: &mut Collect, files: &[(&str, Dataset)], questions: &[&str]) {
    let summaries: Vec<_> = files.iter().map(|(_, d)| d.summary(&opts(None))).collect();
    let input: Vec<(&str, &tilfreds::Summary)> =
        files.iter().map(|(n, _)| *n).zip(&summaries).collect();
    let cmp = tilfreds::analyze::waves::compare(&input, &[]);
    c.view("wave comparison", &[], Vec::new());
    c.comparison(&json(&cmp), "Fil");
    let parts: Vec<(&str, &Dataset)> = files.iter().map(|(n, d)| (*n, d)).collect();
    let view = tilfreds::present::views::waves::waves_view(&parts, MIN_CELL, &[], Lang::Da);
    c.view("waves view", &[], Vec::new());
    let rows: Vec<Value> = view.rows.iter().map(|&r| Value::from(r)).collect();
    let names: Vec<Value> = view.waves.iter().map(|w| Value::from(w.as_str())).collect();
    c.comparison(&serde_json::json!({ "waves": names, "rows": rows }), "Fil");
    let combined = tilfreds::data::concat::concat(&parts).expect("combinable");
    c.view("combined summary by Fil", &[], Vec::new());
    c.summary(&json(&combined.summary(&opts(Some("Fil")))));
    for q in questions {
        collect_crosstab(c, &combined, "Fil", q, &[]);
        collect_crosstab(c, &combined, q, "Fil", &[]);
    }
}

// ------------------------------------------------------------------------------------------
// Generated surveys
// ------------------------------------------------------------------------------------------

use crate::util::SplitMix as Rng;

const Q1: &str = "Hvor tilfreds er du med sagsbehandlingen?";
const Q2: &str = "Hvor tilfreds er du med ventetiden?";
const MS: [&str; 3] = [
    "Hvor har du hørt om os? – Avis",
    "Hvor har du hørt om os? – Nettet",
    "Hvor har du hørt om os? – Venner",
];
const HEADER: [&str; 9] = [
    "Kommune",
    Q1,
    Q2,
    "Kontaktform",
    "Alder",
    "Vægt",
    MS[0],
    MS[1],
    MS[2],
];
const WAVES: [&str; 3] = ["2023", "2024", "2025"];

/// A survey of 60–300 rows with small groups, each row with its wave.
fn generate(seed: u64) -> (Vec<Vec<String>>, Vec<usize>) {
    let mut rng = Rng(seed);
    let kommuner = [
        "Aabenraa", "Billund", "Fanø", "Herning", "Læsø", "Odder", "Samsø", "Tønder", "Vejle",
        "Ærø",
    ];
    let k = 6 + rng.below(3) as usize;
    let small = 1 + rng.below(3) as usize;
    let sizes: Vec<u64> = (0..k)
        .map(|i| {
            if i < small {
                1 + rng.below(4)
            } else {
                8 + rng.below(30)
            }
        })
        .collect();
    // The small groups are spread over the alphabet.
    let mut names: Vec<&str> = kommuner[..k].to_vec();
    names.rotate_left(rng.below(k as u64) as usize);
    let answer = |rng: &mut Rng| -> String {
        match rng.pick(&[20, 35, 15, 12, 8, 5, 5]) {
            i @ 0..=4 => STEPS[i].to_string(),
            5 => "Ved ikke".to_string(),
            _ => String::new(),
        }
    };
    let mut rows = Vec::new();
    let mut waves = Vec::new();
    let brev = 1 + rng.below(3);
    for (name, &n) in names.iter().zip(&sizes) {
        for _ in 0..n {
            let kontakt = ["Telefon", "Mail", "Møde", ""][rng.pick(&[45, 35, 15, 5])].to_string();
            let alder = ["18-29", "30-49", "50-64", "65+"][rng.pick(&[20, 35, 30, 15])].to_string();
            let vaegt = ["0,8", "1", "1,2", "1,5", ""][rng.pick(&[25, 35, 20, 12, 8])].to_string();
            let ms: Vec<String> = (0..3)
                .map(|_| {
                    if rng.below(3) == 0 {
                        "1".to_string()
                    } else {
                        String::new()
                    }
                })
                .collect();
            let mut row = vec![
                name.to_string(),
                answer(&mut rng),
                answer(&mut rng),
                kontakt,
                alder,
                vaegt,
            ];
            row.extend(ms);
            rows.push(row);
            waves.push(rng.pick(&[30, 40, 30]));
        }
    }
    // "Brev": 1–3 rows, in random places.
    for _ in 0..brev {
        let i = rng.below(rows.len() as u64) as usize;
        rows[i][3] = "Brev".to_string();
    }
    (rows, waves)
}

fn csv_text(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = header.join(";");
    out.push('\n');
    for r in rows {
        out.push_str(&r.join(";"));
        out.push('\n');
    }
    out
}

fn generated(seed: u64) {
    let (rows, waves) = generate(seed);
    let ds = util::read_text(&csv_text(&HEADER, &rows));
    let mut header: Vec<&str> = HEADER.to_vec();
    header.push("Fil");
    let full: Vec<Vec<String>> = rows
        .iter()
        .zip(&waves)
        .map(|(r, &w)| {
            let mut r = r.clone();
            r.push(WAVES[w].to_string());
            r
        })
        .collect();
    let u = Universe::new(&header, full, Some("Vægt"));
    let mut c = Collect::new(&u);

    for by in [
        None,
        Some("Kommune"),
        Some("Kontaktform"),
        Some("Alder"),
        Some(Q1),
        Some(Q2),
    ] {
        collect_summary(&mut c, &ds, by);
    }
    let cols = ["Kommune", Q1, Q2, "Kontaktform", "Alder"];
    for a in cols {
        for b in cols {
            if a != b {
                collect_crosstab(&mut c, &ds, a, b, &[]);
            }
        }
    }
    for by in [None, Some("Kommune"), Some("Kontaktform"), Some("Alder")] {
        collect_weighted(&mut c, &ds, "Vægt", by);
    }
    // Waves: the rows split into three files, compared and combined.
    let files: Vec<(&str, Dataset)> = WAVES
        .iter()
        .enumerate()
        .map(|(w, name)| {
            let part: Vec<Vec<String>> = rows
                .iter()
                .zip(&waves)
                .filter(|(_, &x)| x == w)
                .map(|(r, _)| r.clone())
                .collect();
            (*name, util::read_text(&csv_text(&HEADER, &part)))
        })
        .collect();
    collect_waves(&mut c, &files, &[Q1]);
    // Merges of neighbouring groups: the first group into the second, and the two last.
    let mut names: Vec<String> = u.domain("Kommune");
    names.sort();
    let n = names.len();
    collect_merged(
        &mut c,
        &ds,
        "Kommune",
        &[(&names[0], &names[1])],
        "Kommune",
        &[Q1],
    );
    collect_merged(
        &mut c,
        &ds,
        "Kommune",
        &[(&names[n - 1], &names[n - 2])],
        "Kommune",
        &[Q1],
    );

    let models: [&[&str]; 6] = [
        &["Kommune", Q1, "Fil"],
        &["Kommune", Q1, "Kontaktform"],
        &["Kommune", Q2, "Alder"],
        &["Kommune", Q1, "Vægt"],
        &["Kommune", MS[0], MS[1], MS[2]],
        &["Kontaktform", Q2, "Alder"],
    ];
    assert_protected(&format!("generated survey {seed}"), &c, &models, false);
}

#[test]
fn generated_survey_1() {
    generated(1);
}

#[test]
fn generated_survey_2() {
    generated(20_250_917);
}

#[test]
fn generated_survey_3() {
    generated(0xdecaf);
}

// ------------------------------------------------------------------------------------------
// The eight known attacks, each on a small hand-written export. The small group is "Læsø":
// 3 respondents, 2 × "Meget utilfreds" and 1 × "Utilfreds"; min_cell is 5.
// ------------------------------------------------------------------------------------------

const KQ: &str = "Kommune;Hvor tilfreds er du med sagsbehandlingen?";

/// The rows of `util::csv(header, spec)` as the attacker's universe sees them.
fn rows_of(spec: &[(&str, usize)]) -> Vec<Vec<String>> {
    spec.iter()
        .flat_map(|(cells, times)| {
            let row: Vec<String> = cells.split(';').map(str::to_string).collect();
            std::iter::repeat_n(row, *times)
        })
        .collect()
}

/// `group`'s answers as rows: one count per step of `STEPS` (most positive first).
fn answers(group: &str, steps: [usize; 5]) -> Vec<(String, usize)> {
    steps
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(k, &n)| (format!("{group};{}", STEPS[k]), n))
        .collect()
}

/// Four large groups (every answer given at least 5 times overall) and Læsø.
fn base_groups() -> Vec<(String, usize)> {
    let mut out = Vec::new();
    out.extend(answers("Aarhus", [4, 4, 2, 1, 1]));
    out.extend(answers("Odense", [3, 3, 2, 1, 1]));
    out.extend(answers("Vejle", [2, 2, 2, 2, 1]));
    out.extend(answers("Herning", [1, 1, 1, 2, 2]));
    out.extend(answers("Læsø", [0, 0, 0, 1, 2]));
    out
}

/// The dataset and the attacker's universe of an export with header `header`.
fn small(header: &str, spec: &[(String, usize)], weight: Option<&str>) -> (Dataset, Universe) {
    let spec: Vec<(&str, usize)> = spec.iter().map(|(c, n)| (c.as_str(), *n)).collect();
    let ds = util::read_text(&util::csv(header, &spec));
    let cols: Vec<&str> = header.split(';').collect();
    (ds, Universe::new(&cols, rows_of(&spec), weight))
}

/// The control: the summary by Kommune alone gives nothing away (the collector sees no leak
/// where there is none), before the attack adds the view that does.
fn control(u: &Universe, ds: &Dataset, by: Option<&str>, model: &[&str]) {
    let mut c = Collect::new(u);
    collect_summary(&mut c, ds, by);
    assert_protected("control", &c, &[model], true);
}

#[test]
fn attack_1_crosstab_with_axes_swapped_and_its_csv_export() {
    // The question as rows, the groups as columns: every answer row is large, so every cell of
    // the Læsø column is shown, in the table and in its CSV export.
    let (ds, u) = small(KQ, &base_groups(), None);
    control(&u, &ds, Some("Kommune"), &["Kommune", Q1]);
    let mut c = Collect::new(&u);
    collect_summary(&mut c, &ds, Some("Kommune"));
    collect_crosstab(&mut c, &ds, Q1, "Kommune", &[]);
    assert_protected("attack 1", &c, &[&["Kommune", Q1]], true);
}

#[test]
fn attack_2_breakdown_by_the_question() {
    // Broken down by the question, the groups are category values: Læsø's count per answer.
    let (ds, u) = small(KQ, &base_groups(), None);
    control(&u, &ds, Some("Kommune"), &["Kommune", Q1]);
    let mut c = Collect::new(&u);
    collect_summary(&mut c, &ds, Some("Kommune"));
    collect_summary(&mut c, &ds, Some(Q1));
    assert_protected("attack 2", &c, &[&["Kommune", Q1]], true);
}

#[test]
fn attack_3_withheld_category_value_in_its_breakdown() {
    // Kontaktform "Brev" (2 rows) is withheld in the summary but counted in every group of
    // the breakdown by Kommune.
    let mut spec = Vec::new();
    for (group, telefon, mail, mode, brev) in [
        ("Aarhus", 6, 5, 0, 1),
        ("Odense", 5, 4, 0, 1),
        ("Vejle", 4, 4, 2, 0),
        ("Herning", 0, 3, 4, 0),
    ] {
        for (value, n) in [
            ("Telefon", telefon),
            ("Mail", mail),
            ("Møde", mode),
            ("Brev", brev),
        ] {
            if n > 0 {
                spec.push((format!("{group};{value}"), n));
            }
        }
    }
    let (ds, u) = small("Kommune;Kontaktform", &spec, None);
    control(&u, &ds, None, &["Kommune", "Kontaktform"]);
    let mut c = Collect::new(&u);
    collect_summary(&mut c, &ds, None);
    collect_summary(&mut c, &ds, Some("Kommune"));
    assert_protected("attack 3", &c, &[&["Kommune", "Kontaktform"]], true);
}

#[test]
fn attack_4_two_views_two_bases() {
    // Læsø: 3 answers on the scale and 2 × "Ved ikke". The summary counts 3 valid answers and
    // withholds the group; the cross-table counts 5 answers with "Ved ikke" and shows it.
    let mut spec = base_groups();
    spec.push(("Læsø;Ved ikke".to_string(), 2));
    let (ds, u) = small(KQ, &spec, None);
    control(&u, &ds, Some("Kommune"), &["Kommune", Q1]);
    let mut c = Collect::new(&u);
    collect_summary(&mut c, &ds, Some("Kommune"));
    collect_crosstab(&mut c, &ds, "Kommune", Q1, &[]);
    assert_protected("attack 4", &c, &[&["Kommune", Q1]], true);
}

#[test]
fn attack_5_two_singletons_without_a_secondary() {
    // Two groups of 1, both withheld as primary, so no secondary: the total less the shown
    // groups leaves 2, and each published label is at least 1.
    let mut spec: Vec<(String, usize)> = base_groups()
        .into_iter()
        .filter(|(r, _)| !r.starts_with("Læsø"))
        .collect();
    spec.extend(answers("Fanø", [0, 0, 0, 0, 1]));
    spec.extend(answers("Samsø", [0, 0, 0, 0, 1]));
    let (ds, u) = small(KQ, &spec, None);
    let mut c = Collect::new(&u);
    collect_summary(&mut c, &ds, None);
    collect_summary(&mut c, &ds, Some("Kommune"));
    assert_protected("attack 5", &c, &[&["Kommune", Q1]], true);
}

#[test]
fn attack_6_a_merge_moves_the_secondary_suppression() {
    // Unmerged, Samsø (6) is the secondary of Læsø; with Samsø merged into Fanø the secondary
    // moves to Herning, and merged less unmerged Fanø gives Samsø, then Læsø.
    let mut spec = Vec::new();
    spec.extend(answers("Aarhus", [4, 4, 2, 1, 1]));
    spec.extend(answers("Odense", [3, 3, 2, 1, 1]));
    spec.extend(answers("Herning", [2, 2, 2, 1, 1]));
    spec.extend(answers("Fanø", [2, 2, 1, 1, 1]));
    spec.extend(answers("Samsø", [2, 2, 1, 1, 0]));
    spec.extend(answers("Læsø", [0, 0, 0, 1, 2]));
    let (ds, u) = small(KQ, &spec, None);
    control(&u, &ds, Some("Kommune"), &["Kommune", Q1]);
    let mut c = Collect::new(&u);
    collect_summary(&mut c, &ds, Some("Kommune"));
    collect_merged(&mut c, &ds, "Kommune", &[("Samsø", "Fanø")], "Kommune", &[]);
    assert_protected("attack 6", &c, &[&["Kommune", Q1]], true);
}

#[test]
fn attack_7_waves_apply_no_minimum() {
    // The 2025 wave has 3 respondents: the wave comparison shows its n, top-2 and mean (which
    // pin 2 × "Meget utilfreds" and 1 × "Utilfreds"), while the combined file withholds it.
    let mut all: Vec<(&str, Vec<(String, usize)>)> = Vec::new();
    let mut a = answers("Aarhus", [4, 4, 2, 1, 1]);
    a.extend(answers("Odense", [3, 3, 1, 1, 0]));
    all.push(("2023", a));
    let mut b = answers("Aarhus", [3, 3, 2, 1, 1]);
    b.extend(answers("Odense", [2, 2, 1, 0, 0]));
    all.push(("2024", b));
    all.push(("2025", answers("Læsø", [0, 0, 0, 1, 2])));
    let mut rows = Vec::new();
    let mut files = Vec::new();
    for (name, spec) in &all {
        let spec: Vec<(&str, usize)> = spec.iter().map(|(c, n)| (c.as_str(), *n)).collect();
        files.push((*name, util::read_text(&util::csv(KQ, &spec))));
        for mut r in rows_of(&spec) {
            r.push(name.to_string());
            rows.push(r);
        }
    }
    let u = Universe::new(&["Kommune", Q1, "Fil"], rows, None);
    let mut c = Collect::new(&u);
    collect_waves(&mut c, &files, &[]);
    assert_protected("attack 7", &c, &[&["Fil", Q1]], true);
}

#[test]
fn attack_8_weights_reveal_the_answers_of_respondents_without_a_weight() {
    // 3 respondents without a weight: the unweighted counts less the weighted ones are theirs.
    let mut spec = Vec::new();
    for (k, n) in [6, 7, 5, 4, 3].iter().enumerate() {
        spec.push((format!("{};1", STEPS[k]), *n));
    }
    spec.push((format!("{};", STEPS[3]), 1));
    spec.push((format!("{};", STEPS[4]), 2));
    let header = format!("{Q1};Vægt");
    let (ds, u) = small(&header, &spec, Some("Vægt"));
    let mut c = Collect::new(&u);
    collect_summary(&mut c, &ds, None);
    collect_weighted(&mut c, &ds, "Vægt", None);
    // The three answers without a weight are the target whatever the views publish.
    let without = not_any("Vægt", vec!["1".to_string()]);
    let valid = is_any(Q1, STEPS.iter().map(|s| s.to_string()).collect());
    let size = c.count(&[valid, without.clone()]);
    for step in STEPS {
        let cell = c.count(&[is(Q1, &[step]), without.clone()]);
        c.target(
            format!("without a weight × {step}"),
            cell,
            size.clone(),
            "without a weight",
        );
    }
    assert_protected("attack 8", &c, &[&[Q1, "Vægt"]], true);
}
