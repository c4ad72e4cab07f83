//! Answer scales: labels matched against the known wordings, and numeric rating scales.

use super::*;
use crate::model::kinds::{Scale, ScaleFamily, ScaleSource, ValueRole};
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

/// The key under which two answers are the same answer: letters and digits in lower case, so
/// that only case, spacing and punctuation may differ.
pub(super) fn same_answer_key(label: &str) -> String {
    text::letters_and_digits(&text::lower(label))
}

/// What one answer means on a scale of opposites.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Meaning {
    /// The neutral midpoint; the family when its words name one.
    Mid(Option<ScaleFamily>),
    /// One side: `pair` indexes [`POLAR_PAIRS`], `score` is positive for the positive side and
    /// its size the intensity.
    Side { pair: usize, score: i8 },
}

impl Meaning {
    fn score(self) -> i8 {
        match self {
            Meaning::Mid(_) => 0,
            Meaning::Side { score, .. } => score,
        }
    }
    fn family(self) -> Option<ScaleFamily> {
        match self {
            Meaning::Mid(f) => f,
            Meaning::Side { pair, .. } => Some(POLAR_PAIRS[pair].2),
        }
    }
}

/// The meaning of an answer (its `label_key`) by its words: polarity × intensity, or the
/// midpoint. `None` for answers that are not on a scale of opposites.
pub(super) fn meaning(key: &str) -> Option<Meaning> {
    let words: Vec<&str> = key
        .split(|c: char| !text::is_letter(c))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    let polar = |w: &str| {
        POLAR_PAIRS
            .iter()
            .enumerate()
            .find_map(|(i, (pos, neg, _, _))| {
                if *pos == w {
                    Some((i, 1i8))
                } else if !neg.is_empty() && *neg == w {
                    Some((i, -1i8))
                } else {
                    None
                }
            })
    };
    if words.iter().any(|w| MIDPOINT_WORDS.contains(w)) || MIDPOINT_ANSWERS.contains(&key) {
        let families: Vec<ScaleFamily> = words
            .iter()
            .filter_map(|w| polar(w))
            .map(|(i, _)| POLAR_PAIRS[i].2)
            .collect();
        if families.windows(2).any(|f| f[0] != f[1]) {
            return None;
        }
        return Some(Meaning::Mid(families.first().copied()));
    }
    let mut side: Option<(usize, i8)> = None;
    let (mut level, mut negated, mut strong, mut weak, mut unknown) = (0u8, false, false, false, 0);
    for w in &words {
        if let Some(found) = polar(w) {
            if side.is_some_and(|(i, s)| POLAR_PAIRS[i].0 != POLAR_PAIRS[found.0].0 || s != found.1)
            {
                return None;
            }
            side.get_or_insert(found);
        } else if NEGATIONS.contains(w) {
            negated = true;
        } else if NEGATION_STRONG.contains(w) && !INTENSITY.iter().any(|(i, _)| i == w) {
            strong = true;
        } else if let Some((_, l)) = INTENSITY.iter().find(|(i, _)| i == w) {
            if NEGATION_WEAK.contains(w) {
                weak = true;
            }
            level = level.max(*l);
        } else if NEGATION_WEAK.contains(w) {
            weak = true;
        } else {
            unknown += 1;
        }
    }
    let (pair, mut sign) = side?;
    // A few words of filler ("jeg er", "to") are allowed; a sentence is not an answer step.
    if unknown > 2 {
        return None;
    }
    let level = if negated {
        sign = -sign;
        if strong {
            10
        } else if weak {
            4
        } else if level == 0 {
            6
        } else {
            // "Ikke helt enig" says too little to order.
            return None;
        }
    } else if strong {
        return None;
    } else if level == 0 {
        6
    } else {
        level
    };
    Some(Meaning::Side {
        pair,
        score: sign * level as i8,
    })
}

/// One answer of the column (or of the export's declared options) on a scale of opposites.
struct Answer {
    key: String,
    /// The same-answer key of the answer as written (codes included).
    same: String,
    meaning: Meaning,
}

/// A scale of opposites from the answers' meanings. `answers` are distinct by the
/// same-answer key; two that mean the same step make it no scale (never one step).
struct Built {
    /// Scores of the steps, most positive first.
    scores: Vec<i8>,
    /// Labels of the steps no answer used, made from the answers' words.
    made: Vec<Option<String>>,
    family: ScaleFamily,
    guessed: bool,
}

fn build_opposites(answers: &[Answer], complete: bool, substantive: u64) -> Option<Built> {
    let mut scores: Vec<i8> = answers.iter().map(|a| a.meaning.score()).collect();
    crate::util::sort::sort_by(&mut scores, |a, b| b.cmp(a));
    if scores.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    let families: Vec<ScaleFamily> = answers.iter().filter_map(|a| a.meaning.family()).collect();
    let family = *families.first()?;
    if families.iter().any(|f| *f != family) {
        return None;
    }
    let sides = answers.iter().filter(|a| a.meaning.score() != 0).count();
    if sides == 0 {
        return None;
    }
    let has_mid = scores.contains(&0);
    let mut made: Vec<(i8, String)> = Vec::new();
    let mut guessed = false;
    if !complete {
        let pos: Vec<&Answer> = sorted_side(answers, 1);
        let neg: Vec<&Answer> = sorted_side(answers, -1);
        let (long, short) = if pos.len() >= neg.len() {
            (&pos, &neg)
        } else {
            (&neg, &pos)
        };
        // The shorter side's answers are the mirrors of the longer side's closest ones; the
        // other steps of the longer side are mirrored into the missing steps.
        let matched = match_mirrors(long, short);
        for (i, a) in long.iter().enumerate() {
            if !matched.contains(&i) {
                made.push((-a.meaning.score(), mirror_label(a, answers)));
            }
        }
        let odd = if has_mid {
            true
        } else if !made.is_empty() {
            // Part of the scale is unused: a midpoint cannot be ruled out.
            true
        } else {
            // Every step but a midpoint was chosen. With many answers an unused midpoint is
            // unlikely; with few it is the usual wording. Either way it is a guess.
            guessed = true;
            substantive < 100
        };
        if odd && !has_mid {
            made.push((0, midpoint_label(answers)));
        }
    }
    for (score, _) in &made {
        scores.push(*score);
    }
    crate::util::sort::sort_by(&mut scores, |a, b| b.cmp(a));
    if scores.windows(2).any(|w| w[0] == w[1]) || scores.len() < 2 || scores.len() > 11 {
        return None;
    }
    let made = scores
        .iter()
        .map(|s| made.iter().find(|(m, _)| m == s).map(|(_, l)| l.clone()))
        .collect();
    Some(Built {
        scores,
        made,
        family,
        guessed,
    })
}

fn sorted_side(answers: &[Answer], sign: i8) -> Vec<&Answer> {
    let mut side: Vec<&Answer> = answers
        .iter()
        .filter(|a| a.meaning.score().signum() == sign)
        .collect();
    crate::util::sort::sort_by_key(&mut side, |a| {
        std::cmp::Reverse(a.meaning.score().unsigned_abs())
    });
    side
}

/// Which of `long`'s answers (by index) the answers of `short` mirror: order kept, the sum of
/// the differences in intensity smallest.
fn match_mirrors(long: &[&Answer], short: &[&Answer]) -> Vec<usize> {
    let (n, k) = (long.len(), short.len());
    let mut best: Option<(u32, Vec<usize>)> = None;
    // At most 5 steps a side: every choice of k of n is tried.
    for mask in 0u32..(1 << n.min(12)) {
        if mask.count_ones() as usize != k {
            continue;
        }
        let chosen: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
        let cost: u32 = chosen
            .iter()
            .zip(short)
            .map(|(&i, s)| {
                let a = long[i].meaning.score().unsigned_abs();
                let b = s.meaning.score().unsigned_abs();
                u32::from(a.abs_diff(b))
            })
            .sum();
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, chosen));
        }
    }
    best.map(|(_, c)| c).unwrap_or_default()
}

/// The label of the step opposite `a`: its answer word swapped for the opposite one
/// ("Meget tilfreds" → "Meget utilfreds"), or its negation dropped.
fn mirror_label(a: &Answer, all: &[Answer]) -> String {
    let Meaning::Side { pair, score } = a.meaning else {
        return String::new();
    };
    let (pos, neg, _, _) = POLAR_PAIRS[pair];
    let words: Vec<&str> = a.key.split(' ').filter(|w| !w.is_empty()).collect();
    let swapped: Vec<&str> = if words.contains(&pos) && !neg.is_empty() {
        words
            .iter()
            .map(|w| if *w == pos { neg } else { w })
            .collect()
    } else if words.contains(&neg) && !neg.is_empty() {
        words
            .iter()
            .map(|w| if *w == neg { pos } else { w })
            .collect()
    } else {
        words
            .iter()
            .copied()
            .filter(|w| !NEGATIONS.contains(w) && !NEGATION_STRONG.contains(w))
            .collect()
    };
    let label = capitalise(&swapped.join(" "));
    if all
        .iter()
        .any(|o| same_answer_key(&o.key) == same_answer_key(&label))
    {
        format!("{label} ({})", -score)
    } else {
        label
    }
}

/// The neutral midpoint in the answers' language: "Hverken tilfreds eller utilfreds",
/// "Neither agree nor disagree".
fn midpoint_label(answers: &[Answer]) -> String {
    let pair = answers.iter().find_map(|a| match a.meaning {
        Meaning::Side { pair, .. } => Some(pair),
        Meaning::Mid(_) => None,
    });
    let Some((pos, neg, _, lang)) = pair.map(|p| POLAR_PAIRS[p]) else {
        return "Neutral".to_string();
    };
    if neg.is_empty() {
        return "Neutral".to_string();
    }
    match lang {
        PolarLang::Da => format!("Hverken {pos} eller {neg}"),
        PolarLang::No => format!("Verken {pos} eller {neg}"),
        PolarLang::Sv => format!("Varken {pos} eller {neg}"),
        PolarLang::De => format!("Weder {pos} noch {neg}"),
        PolarLang::En => format!("Neither {pos} nor {neg}"),
    }
}

/// A scale of opposites recognised by the answers' meaning, or by the options the export
/// declares: every distinct answer (up to case, spacing and punctuation) its own step.
fn opposites_scale(
    p: &ColumnProfile,
    f: &Facts,
    keys: &[String],
) -> Option<(Scale, Vec<ValueRole>, u64)> {
    let same: Vec<String> = p.values.iter().map(|(v, _)| same_answer_key(v)).collect();
    // The export's own options, when it declares them and every one has a meaning.
    let declared: Vec<(String, Answer)> = p
        .declared
        .iter()
        .filter(|l| !is_non_substantive(l))
        .filter_map(|l| {
            let key = label_key(l);
            meaning(&key).map(|m| {
                let same = same_answer_key(l);
                (
                    l.trim().to_string(),
                    Answer {
                        key,
                        same,
                        meaning: m,
                    },
                )
            })
        })
        .collect();
    let declared_ok = declared.len() >= 2
        && declared.len() == p.declared.iter().filter(|l| !is_non_substantive(l)).count();
    let mut answers: Vec<Answer> = Vec::new();
    let mut answer_of: Vec<Option<usize>> = Vec::with_capacity(keys.len());
    let mut seen: Vec<&str> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        if f.ns_flags[i] {
            answer_of.push(None);
            continue;
        }
        if let Some(at) = seen.iter().position(|s| *s == same[i]) {
            answer_of.push(Some(at));
            continue;
        }
        match meaning(key) {
            Some(m) => {
                seen.push(&same[i]);
                answers.push(Answer {
                    key: key.clone(),
                    same: same[i].clone(),
                    meaning: m,
                });
                answer_of.push(Some(answers.len() - 1));
            }
            None => answer_of.push(None),
        }
    }
    let (built, source, labels_of_steps): (Built, ScaleSource, Vec<Option<String>>) = if declared_ok
    {
        let options: Vec<Answer> = declared
            .iter()
            .map(|(_, a)| Answer {
                key: a.key.clone(),
                same: a.same.clone(),
                meaning: a.meaning,
            })
            .collect();
        let built = build_opposites(&options, true, 0)?;
        let labels = built
            .scores
            .iter()
            .map(|s| {
                declared
                    .iter()
                    .find(|(_, a)| a.meaning.score() == *s)
                    .map(|(l, _)| l.clone())
            })
            .collect();
        (built, ScaleSource::Metadata, labels)
    } else {
        let substantive = f.substantive();
        let built = build_opposites(&answers, false, substantive)?;
        let labels = built.made.clone();
        (built, ScaleSource::Wording, labels)
    };
    // Each answer's step: by its score; with declared options only an answer that is one of
    // them (up to case, spacing and punctuation) is a step.
    let step_of_answer: Vec<Option<usize>> = answers
        .iter()
        .map(|a| {
            if declared_ok && !declared.iter().any(|(_, d)| d.same == a.same) {
                return None;
            }
            built.scores.iter().position(|s| *s == a.meaning.score())
        })
        .collect();
    let steps: Vec<Option<usize>> = answer_of
        .iter()
        .map(|a| a.and_then(|a| step_of_answer[a]))
        .collect();
    let covered: u64 = steps
        .iter()
        .zip(&p.values)
        .filter(|(s, _)| s.is_some())
        .map(|(_, (_, n))| *n)
        .sum();
    let used = step_of_answer.iter().flatten().count();
    if used < 2 && !declared_ok {
        return None;
    }
    let labels = step_labels(&steps, p, built.scores.len(), |s| {
        labels_of_steps[s].clone().unwrap_or_default()
    });
    let roles = roles_of(&steps, &f.ns_flags);
    let scale = Scale {
        family: built.family,
        labels,
        first_code: 1,
        source,
        guessed: built.guessed && source != ScaleSource::Metadata,
    };
    Some((scale, roles, covered))
}

/// Step labels: the file's own spelling (the most used one when it spells a step several
/// ways), else `otherwise(step)`.
fn step_labels(
    steps: &[Option<usize>],
    p: &ColumnProfile,
    points: usize,
    otherwise: impl Fn(usize) -> String,
) -> Vec<String> {
    (0..points)
        .map(|s| {
            steps
                .iter()
                .zip(&p.values)
                .filter(|(step, _)| **step == Some(s))
                .max_by_key(|(_, (_, n))| *n)
                .map(|(_, (v, _))| v.trim().to_string())
                .unwrap_or_else(|| otherwise(s))
        })
        .collect()
}

fn roles_of(steps: &[Option<usize>], ns: &[bool]) -> Vec<ValueRole> {
    steps
        .iter()
        .zip(ns)
        .map(|(step, ns)| match (step, ns) {
            (Some(s), _) => ValueRole::Step(*s),
            (None, true) => ValueRole::NonSubstantive,
            (None, false) => ValueRole::Other,
        })
        .collect()
}

pub(super) fn label_scale(p: &ColumnProfile, f: &Facts) -> Option<(Scale, Vec<ValueRole>)> {
    let substantive = f.substantive();
    if substantive == 0 {
        return None;
    }
    let keys: Vec<String> = p.values.iter().map(|(v, _)| label_key(v)).collect();
    let same: Vec<String> = p.values.iter().map(|(v, _)| same_answer_key(v)).collect();
    let enough = |covered: u64| covered.saturating_mul(10) >= substantive.saturating_mul(9);
    let opposites = opposites_scale(p, f, &keys).filter(|(_, _, c)| enough(*c));
    let mut best: Option<Fit> = None;
    for (vi, variant) in VARIANTS.iter().enumerate() {
        let mut fit = Fit {
            variant: vi,
            steps: Vec::with_capacity(keys.len()),
            covered: 0,
            used: 0,
            primary_hits: 0,
        };
        // The answer (by its same-answer key) each step holds: two different answers never
        // share a step.
        let mut holder: [Option<&str>; 16] = [None; 16];
        let mut clash = false;
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
                if let Some(slot) = holder.get_mut(s) {
                    match slot {
                        Some(h) if *h != same[i].as_str() => clash = true,
                        _ => *slot = Some(same[i].as_str()),
                    }
                }
                if variant.steps[s].first() == Some(&key.as_str()) {
                    fit.primary_hits += 1;
                }
            }
            fit.steps.push(step);
        }
        fit.used = holder.iter().filter(|u| u.is_some()).count();
        // A step label must cover at least 90 % of the substantive answers.
        if clash || fit.used < 2 || !enough(fit.covered) {
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
    match (opposites, best) {
        (Some((scale, roles, covered)), Some(fit)) if fit.covered > covered => {
            let _ = (scale, roles);
            Some(variant_scale(p, f, fit))
        }
        (Some((scale, roles, _)), _) => Some((scale, roles)),
        (None, Some(fit)) => Some(variant_scale(p, f, fit)),
        (None, None) => None,
    }
}

fn variant_scale(p: &ColumnProfile, f: &Facts, fit: Fit) -> (Scale, Vec<ValueRole>) {
    let variant = &VARIANTS[fit.variant];
    let labels = step_labels(&fit.steps, p, variant.steps.len(), |s| {
        capitalise(variant.steps[s].first().copied().unwrap_or(""))
    });
    let roles = roles_of(&fit.steps, &f.ns_flags);
    (
        Scale {
            family: variant.family,
            labels,
            first_code: 1,
            source: ScaleSource::Wording,
            guessed: false,
        },
        roles,
    )
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
    let mut code_99 = false;
    for (int, ns) in f.ints.iter().zip(&f.ns_flags) {
        if *ns {
            continue;
        }
        let v = (*int)?;
        if v == 99 {
            // A common code for "ved ikke": counted apart, never a step.
            code_99 = true;
            continue;
        }
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
    let core = codes[1..=5].iter().filter(|c| **c).count();
    let extra: Vec<i64> = (0..=10i64)
        .filter(|&c| codes[c as usize] && !(1..=5).contains(&c))
        .collect();
    // The range, strongest evidence first: the header, then the answers.
    let (lo, hi, source, guessed) = match header.range {
        Some((lo, hi)) => (lo, hi, ScaleSource::Header, false),
        None => {
            let (lo, hi) = match extra.as_slice() {
                [] if min >= 1 => (1, 5),
                // 0, 6 or 9 beside 1–5 may well mean "ved ikke": counted apart, and the
                // scale marked as guessed.
                [0] | [6] | [9]
                    if core >= 2 && (hinted || extra != [0]) && (extra != [6] || codes[5]) =>
                {
                    (1, 5)
                }
                _ if min >= 1 && max <= 7 => (1, 7),
                // Counts of 0–5 are far more common than 0–10 ratings that nobody scored
                // above 5.
                _ if max >= 6 || hinted => (0, 10),
                _ => return None,
            };
            (lo, hi, ScaleSource::Values, true)
        }
    };
    // Most answers must lie on the range.
    let on: u64 = f
        .ints
        .iter()
        .zip(&f.ns_flags)
        .filter(|(i, ns)| !**ns && i.is_some_and(|v| (lo..=hi).contains(&v)))
        .count() as u64;
    if on < 2 {
        return None;
    }
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
        source,
        guessed: guessed || code_99,
    };
    Some((scale, roles))
}
