//! Answer scales: labels matched against the known wordings, and numeric rating scales.

use super::*;
use crate::model::kinds::{Scale, ScaleFamily, ValueRole};
use crate::model::profile::ColumnProfile;

/// How one variant fits a column.
pub(super) struct Fit {
    pub(super) variant: usize,
    /// Step of each kept value, if any.
    pub(super) steps: Vec<Option<usize>>,
    pub(super) covered: u64,
    pub(super) used: usize,
    pub(super) primary_hits: usize,
}

impl Fit {
    /// Even scales win only when the column uses every step (a true scale without a
    /// midpoint); a partly used even scale loses to the odd one covering the same labels.
    pub(super) fn shape_rank(&self) -> u8 {
        let points = VARIANTS[self.variant].steps.len();
        if points % 2 == 1 {
            1
        } else if self.used == points {
            2
        } else {
            0
        }
    }
}

pub(super) fn label_scale(p: &ColumnProfile, f: &Facts) -> Option<(Scale, Vec<ValueRole>)> {
    let substantive = f.substantive();
    if substantive == 0 {
        return None;
    }
    let keys: Vec<String> = p.values.iter().map(|(v, _)| label_key(v)).collect();
    let mut best: Option<Fit> = None;
    for (vi, variant) in VARIANTS.iter().enumerate() {
        let mut fit = Fit {
            variant: vi,
            steps: Vec::with_capacity(keys.len()),
            covered: 0,
            used: 0,
            primary_hits: 0,
        };
        let mut used = [false; 16];
        for (i, key) in keys.iter().enumerate() {
            let step = if f.ns_flags[i] {
                None
            } else {
                variant
                    .steps
                    .iter()
                    .position(|syn| syn.contains(&key.as_str()))
            };
            if let Some(s) = step {
                fit.covered = fit.covered.saturating_add(p.values[i].1);
                if s < used.len() {
                    used[s] = true;
                }
                if variant.steps[s].first() == Some(&key.as_str()) {
                    fit.primary_hits += 1;
                }
            }
            fit.steps.push(step);
        }
        fit.used = used.iter().filter(|u| **u).count();
        // A step label must cover at least 90 % of the substantive answers.
        if fit.used < 2 || fit.covered.saturating_mul(10) < substantive.saturating_mul(9) {
            continue;
        }
        let better = match &best {
            None => true,
            Some(b) => {
                (fit.covered, fit.shape_rank(), fit.primary_hits)
                    > (b.covered, b.shape_rank(), b.primary_hits)
            }
        };
        if better {
            best = Some(fit);
        }
    }
    let fit = best?;
    let variant = &VARIANTS[fit.variant];
    let labels = variant
        .steps
        .iter()
        .enumerate()
        .map(|(s, syn)| {
            // The file's own spelling; the most used one if it spells a step several ways.
            let own = fit
                .steps
                .iter()
                .zip(&p.values)
                .filter(|(step, _)| **step == Some(s))
                .max_by_key(|(_, (_, n))| *n)
                .map(|(_, (v, _))| v.trim().to_string());
            own.unwrap_or_else(|| capitalise(syn.first().copied().unwrap_or("")))
        })
        .collect();
    let roles = fit
        .steps
        .iter()
        .zip(&f.ns_flags)
        .map(|(step, ns)| match (step, ns) {
            (Some(s), _) => ValueRole::Step(*s),
            (None, true) => ValueRole::NonSubstantive,
            (None, false) => ValueRole::Other,
        })
        .collect();
    Some((
        Scale {
            family: variant.family,
            labels,
            first_code: 1,
        },
        roles,
    ))
}

/// A built-in scale wording with its first letter in upper case. Every built-in wording
/// begins with an ASCII letter (a test checks this), so ASCII upper-casing is exact; it keeps
/// Unicode's upper-case table out of the WebAssembly module.
pub(super) fn capitalise(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Numeric scales.

pub(super) fn numeric_scale(f: &Facts, header: &HeaderHints) -> Option<(Scale, Vec<ValueRole>)> {
    if header.blocks_scale() {
        return None;
    }
    let mut codes = [false; 11];
    let (mut min, mut max) = (i64::MAX, i64::MIN);
    let mut any = false;
    for (int, ns) in f.ints.iter().zip(&f.ns_flags) {
        if *ns {
            continue;
        }
        let v = (*int)?;
        if !(0..=10).contains(&v) {
            return None;
        }
        codes[v as usize] = true;
        min = min.min(v);
        max = max.max(v);
        any = true;
    }
    if !any {
        return None;
    }
    let distinct = codes.iter().filter(|c| **c).count();
    let hinted = header.rating || header.range.is_some();
    if distinct < 2 || (!hinted && distinct < 3) {
        return None;
    }
    let from_header = header.range.filter(|(lo, hi)| min >= *lo && max <= *hi);
    let (lo, hi) = match from_header {
        Some(range) => range,
        None if min >= 1 && max <= 5 => (1, 5),
        None if min >= 1 && max <= 7 => (1, 7),
        // Counts of 0–5 are far more common than 0–10 ratings that nobody scored above 5.
        None if max >= 6 || hinted => (0, 10),
        None => return None,
    };
    let labels = (lo..=hi).rev().map(|c| c.to_string()).collect();
    let roles = f
        .ints
        .iter()
        .zip(&f.ns_flags)
        .map(|(int, ns)| match int {
            _ if *ns => ValueRole::NonSubstantive,
            Some(v) if (lo..=hi).contains(v) => ValueRole::Step((hi - v) as usize),
            _ => ValueRole::Other,
        })
        .collect();
    let scale = Scale {
        family: ScaleFamily::Numeric,
        labels,
        first_code: lo as i32,
    };
    Some((scale, roles))
}
