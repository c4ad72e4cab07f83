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
        crate::util::sort::sort_by(groups, |a, b| natural_cmp(&a.0, &b.0));
    }
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
        crate::util::sort::sort_by(&mut order, |a, b| {
            natural_cmp(&values[a.0].0, &values[b.0].0)
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

    #[test]
    fn natural_order_puts_numbers_first() {
        let mut v = vec!["60+", "18-29", "Ukendt", "5", "30-39"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, vec!["5", "18-29", "30-39", "60+", "Ukendt"]);
    }
}
