//! Stage 4, protect: disclosure control. Which groups and values are withheld because too few
//! answered, and which more must be withheld so the small ones cannot be worked out from the
//! totals.

/// Which groups to withhold: groups below `min_cell` (primary); and when exactly one group with
/// answers is withheld, the next-smallest too (secondary), so it cannot be recovered by
/// subtracting the shown groups from the total.
pub fn suppress(sizes: &[u64], min_cell: u64) -> Vec<Option<&'static str>> {
    let mut out: Vec<Option<&'static str>> = sizes
        .iter()
        .map(|&n| if n < min_cell { Some("primary") } else { None })
        .collect();
    let primary_with_answers = sizes.iter().filter(|&&n| n > 0 && n < min_cell).count();
    if primary_with_answers == 1 {
        let next = sizes
            .iter()
            .enumerate()
            .filter(|(i, _)| out[*i].is_none())
            .min_by_key(|(i, &n)| (n, *i))
            .map(|(i, _)| i);
        if let Some(i) = next {
            out[i] = Some("secondary");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secondary_suppression_protects_a_lone_small_group() {
        assert_eq!(
            suppress(&[100, 3, 40, 20], 5),
            vec![None, Some("primary"), None, Some("secondary")]
        );
        assert_eq!(
            suppress(&[100, 3, 2, 20], 5),
            vec![None, Some("primary"), Some("primary"), None]
        );
        assert_eq!(suppress(&[100, 50], 5), vec![None, None]);
        assert_eq!(
            suppress(&[100, 0, 50], 5),
            vec![None, Some("primary"), None]
        );
    }
}
