//! Stable sorting of the small lists the views and breakdowns order (groups, values,
//! questions), through one shared sort routine.
//!
//! `slice::sort_by` is instantiated anew for every element type and comparison; in the
//! WebAssembly module each instantiation costs several kilobytes. Here the sorting itself is
//! done once, on indices with a comparison behind a `dyn` reference, and the result is applied
//! to the list by swapping. The order is exactly that of `slice::sort_by`: stable, equal
//! elements keep their order.

use std::cmp::Ordering;

/// Sorts `v` by `compare`, stably; the same result as `v.sort_by(compare)`.
pub(crate) fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = v;
        sorted_indices(items.len(), &mut |a, b| compare(&items[a], &items[b]))
    };
    permute(v, order);
}

/// Sorts `v` by the key `key` gives, stably; the same result as `v.sort_by_key(key)`.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The indices `0..len` stably sorted by `compare`.
fn sorted_indices(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `v` so that position `k` holds the element that was at `order[k]`, following
/// each cycle of the permutation once.
pub(crate) fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != start {
            let next = order[k];
            v.swap(k, next);
            order[k] = k;
            k = next;
        }
        order[k] = k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // Pseudo-random lists with many equal keys, so that stability shows.
        let mut seed = 0x2545_f491_u32;
        for len in [0, 1, 2, 3, 7, 20, 33, 100, 257] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    (seed % 5, i)
                })
                .collect();
            let odd_first =
                |a: &(u32, usize), b: &(u32, usize)| (b.0 % 2).cmp(&(a.0 % 2)).then(a.0.cmp(&b.0));
            let mut expected = items.clone();
            expected.sort_by(odd_first);
            let mut got = items.clone();
            sort_by(&mut got, odd_first);
            assert_eq!(got, expected, "len {len}");
            let mut expected = items.clone();
            expected.sort_by_key(|x| x.0);
            let mut got = items;
            sort_by_key(&mut got, |x| x.0);
            assert_eq!(got, expected, "len {len}");
        }
    }

    #[test]
    fn any_permutation_is_applied() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        permute(&mut v, vec![3, 0, 5, 1, 2, 4]);
        assert_eq!(v, vec!['d', 'a', 'f', 'b', 'c', 'e']);
    }
}
