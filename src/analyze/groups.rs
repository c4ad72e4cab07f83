//! The order groups and values are shown in: along the scale when a column is a scale, else
//! naturally ("2" before "10", "18-29" before "30-39").

use crate::model::dataset::ColumnData;
use crate::model::kinds::{Kind, ValueRole};

/// Orders groups: along the scale when the grouping column is itself a scale, else by label.
pub(crate) fn order_groups<T>(groups: &mut [(String, T)], group: &ColumnData) {
    if let (Some(_), roles) = (&group.inferred.scale, &group.inferred.roles) {
        let rank = |label: &str| {
            group
                .profile
                .values
                .iter()
                .position(|(v, _)| v == label)
                .and_then(|i| roles.get(i))
                .map(|r| match r {
                    ValueRole::Step(k) => *k,
                    _ => usize::MAX,
                })
                .unwrap_or(usize::MAX)
        };
        crate::util::sort::sort_by_key(groups, |(l, _)| rank(l));
    } else {
        let labels: Vec<&str> = groups.iter().map(|(l, _)| l.as_str()).collect();
        let keys = ordinal_keys(&labels);
        let mut ranked: Vec<usize> = (0..groups.len()).collect();
        crate::util::sort::sort_by(&mut ranked, |&a, &b| {
            compare_ranked(&labels, keys.as_deref(), a, b)
        });
        crate::util::sort::permute(groups, ranked);
    }
}

/// Labels without an ordinal key come after those with one; then by key, then by name.
fn compare_ranked(
    labels: &[&str],
    keys: Option<&[Option<f64>]>,
    a: usize,
    b: usize,
) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let key = |i: usize| keys.and_then(|k| k[i]);
    let last = |i: usize| crate::infer::is_non_substantive(labels[i]);
    last(a)
        .cmp(&last(b))
        .then_with(|| match (key(a), key(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| natural_cmp(labels[a], labels[b]))
}

/// Where each label sits on the quantity it names, when at least two of them name one: age
/// bands ("18-29", "60 år eller ældre"), case lengths ("Under 6 måneder", "1-2 år", "Over 2
/// år"), counts ("Ingen", "1-2 gange", "Mere end 5 gange"). A band sits at its lower bound,
/// "under N" just below N, "over N" and "N+" just above it. Units (days, weeks, months, years)
/// are compared as days only when the labels mix them.
pub(crate) fn ordinal_keys(labels: &[&str]) -> Option<Vec<Option<f64>>> {
    let parsed: Vec<Option<(f64, Option<f64>, f64)>> =
        labels.iter().map(|l| ordinal_parts(l)).collect();
    let units: Vec<f64> = parsed.iter().flatten().filter_map(|p| p.1).collect();
    let mixed = units.iter().any(|u| *u != units[0]);
    let keys: Vec<Option<f64>> = parsed
        .iter()
        .map(|p| {
            p.map(|(n, unit, nudge)| (n + nudge) * if mixed { unit.unwrap_or(1.0) } else { 1.0 })
        })
        .collect();
    (keys.iter().flatten().count() >= 2).then_some(keys)
}

/// A label's number, its unit in days if it names one, and a nudge below or above the number.
fn ordinal_parts(label: &str) -> Option<(f64, Option<f64>, f64)> {
    let lower = crate::util::text::lower(label.trim());
    let words: Vec<&str> = lower
        .split(|c: char| !crate::util::text::is_letter_or_digit(c))
        .filter(|w| !w.is_empty())
        .collect();
    let none = ["ingen", "none", "never", "aldrig", "intet", "ingenting"];
    let number = lower
        .split(|c: char| !c.is_ascii_digit() && c != ',' && c != '.')
        .find_map(|t| crate::util::number::parse_number(t.trim_matches([',', '.']).as_bytes()));
    let n = match number {
        Some(n) => n,
        None if words.first().is_some_and(|w| none.contains(w)) => return Some((0.0, None, 0.0)),
        None => return None,
    };
    const UNITS: [(&str, f64); 16] = [
        ("dag", 1.0),
        ("dage", 1.0),
        ("day", 1.0),
        ("days", 1.0),
        ("uge", 7.0),
        ("uger", 7.0),
        ("week", 7.0),
        ("weeks", 7.0),
        ("måned", 30.44),
        ("måneder", 30.44),
        ("mdr", 30.44),
        ("month", 30.44),
        ("months", 30.44),
        ("år", 365.25),
        ("year", 365.25),
        ("years", 365.25),
    ];
    let unit = words
        .iter()
        .find_map(|w| UNITS.iter().find(|(u, _)| u == w).map(|&(_, d)| d));
    let has = |phrase: &str| {
        let p: Vec<&str> = phrase.split(' ').collect();
        words.windows(p.len()).any(|w| w == p.as_slice())
    };
    let below = [
        "under",
        "mindre end",
        "less than",
        "below",
        "op til",
        "up to",
        "højst",
        "færre end",
        "fewer than",
        "younger than",
        "yngre end",
    ];
    let above = [
        "over",
        "mere end",
        "more than",
        "above",
        "flere end",
        "ældre end",
        "older than",
        "eller ældre",
        "eller derover",
        "og derover",
        "eller mere",
        "or more",
        "or older",
        "and over",
        "og over",
        "mindst",
        "at least",
    ];
    let nudge = if below.iter().any(|p| has(p)) {
        -0.5
    } else if lower.contains('+') || above.iter().any(|p| has(p)) {
        0.5
    } else {
        0.0
    };
    Some((n, unit, nudge))
}

/// Compares labels so that "2" < "10" and "18-29" < "30-39" while text sorts by character.
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let lead = |s: &str| {
        s.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse::<u64>()
            .ok()
    };
    match (lead(a), lead(b)) {
        (Some(x), Some(y)) if x != y => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        _ => a.cmp(b),
    }
}

/// Indices into the column's values in display order, each with whether it is substantive.
/// Likert columns: scale steps most positive first, then the answers beside the scale in file
/// order. Others: natural order ("2" before "10", "18-29" before "30-39").
pub(crate) fn value_order(col: &ColumnData) -> Vec<(usize, bool)> {
    let values = &col.profile.values;
    let likert = col.inferred.kind == Kind::Likert && col.inferred.scale.is_some();
    let mut order: Vec<(usize, bool)> = (0..values.len()).map(|i| (i, true)).collect();
    if likert {
        let rank = |i: usize| match col.inferred.roles.get(i) {
            Some(ValueRole::Step(k)) => (0, *k),
            _ => (1, i),
        };
        crate::util::sort::sort_by_key(&mut order, |&(i, _)| rank(i));
        for entry in &mut order {
            entry.1 = matches!(col.inferred.roles.get(entry.0), Some(ValueRole::Step(_)));
        }
    } else {
        let labels: Vec<&str> = values.iter().map(|(l, _)| l.as_str()).collect();
        let keys = ordinal_keys(&labels);
        crate::util::sort::sort_by(&mut order, |a, b| {
            compare_ranked(&labels, keys.as_deref(), a.0, b.0)
        });
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_of_age_bands() {
        let mut v = vec!["60+", "18-29", "30-39", "Ukendt", "5"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, vec!["5", "18-29", "30-39", "60+", "Ukendt"]);
    }

    /// The labels in the order [`ordinal_keys`] and [`compare_ranked`] give them.
    fn ordered<'a>(labels: &[&'a str]) -> Vec<&'a str> {
        let keys = ordinal_keys(labels);
        let mut idx: Vec<usize> = (0..labels.len()).collect();
        idx.sort_by(|&a, &b| compare_ranked(labels, keys.as_deref(), a, b));
        idx.into_iter().map(|i| labels[i]).collect()
    }

    #[test]
    fn age_bands_in_order_with_the_oldest_in_words() {
        let v = [
            "30-39 år",
            "50-59 år",
            "Ved ikke",
            "40-49 år",
            "18-29 år",
            "60 år eller ældre",
        ];
        assert_eq!(
            ordered(&v),
            [
                "18-29 år",
                "30-39 år",
                "40-49 år",
                "50-59 år",
                "60 år eller ældre",
                "Ved ikke"
            ]
        );
        let v = ["25 og derover", "Under 18", "18-24"];
        assert_eq!(ordered(&v), ["Under 18", "18-24", "25 og derover"]);
    }

    #[test]
    fn case_lengths_compare_months_with_years() {
        let v = ["Over 2 år", "1-2 år", "Under 6 måneder", "6-12 måneder"];
        assert_eq!(
            ordered(&v),
            ["Under 6 måneder", "6-12 måneder", "1-2 år", "Over 2 år"]
        );
        let v = ["More than 3 years", "1-3 years", "Less than 1 year"];
        assert_eq!(
            ordered(&v),
            ["Less than 1 year", "1-3 years", "More than 3 years"]
        );
    }

    #[test]
    fn counts_start_at_none() {
        let v = ["Mere end 5 gange", "3-5 gange", "Ingen", "1-2 gange"];
        assert_eq!(
            ordered(&v),
            ["Ingen", "1-2 gange", "3-5 gange", "Mere end 5 gange"]
        );
    }

    #[test]
    fn names_stay_alphabetical_and_one_number_is_no_order() {
        let v = ["Randers", "Aarhus", "Viborg"];
        assert_eq!(ordered(&v), ["Aarhus", "Randers", "Viborg"]);
        assert!(ordinal_keys(&["Team 2", "Nord", "Syd"]).is_none());
    }

    #[test]
    fn natural_order_puts_numbers_first() {
        let mut v = vec!["60+", "18-29", "Ukendt", "5", "30-39"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, vec!["5", "18-29", "30-39", "60+", "Ukendt"]);
    }
}
