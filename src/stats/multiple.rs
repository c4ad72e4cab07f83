//! Corrections for many tests read together: Holm's step-down adjustment (the familywise error
//! rate) and Benjamini–Hochberg's step-up adjustment (the false discovery rate).

/// Holm's (1979) step-down adjusted p-values, in the order given.
///
/// With the m finite p-values sorted ascending, p(1) ≤ … ≤ p(m), the adjusted value of p(i) is
/// max over j ≤ i of min(1, (m − j + 1) · p(j)). Rejecting where the adjusted value is below α
/// keeps the probability of any false rejection at most α, whatever the dependence between the
/// tests. NaN (or otherwise non-finite or out-of-range) entries stay NaN and do not count in m.
/// Ties keep their input order, so the result does not depend on how equal values are sorted.
pub fn holm_adjust(p_values: &[f64]) -> Vec<f64> {
    let mut out = vec![f64::NAN; p_values.len()];
    let order = ascending(p_values);
    let m = order.len();
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        let scaled = ((m - rank) as f64 * p_values[i]).min(1.0);
        running = running.max(scaled);
        out[i] = running;
    }
    out
}

/// Benjamini and Hochberg's (1995) step-up adjusted p-values ("q-values"), in the order given.
///
/// With the m finite p-values sorted ascending, the adjusted value of p(i) is min over j ≥ i of
/// min(1, m · p(j) / j). Rejecting where it is below q keeps the expected share of false
/// rejections among the rejections at most q for independent (or positively dependent) tests.
/// NaN (or out-of-range) entries stay NaN and do not count in m.
pub fn benjamini_hochberg_adjust(p_values: &[f64]) -> Vec<f64> {
    let mut out = vec![f64::NAN; p_values.len()];
    let order = ascending(p_values);
    let m = order.len();
    let mut running: f64 = 1.0;
    for (rank, &i) in order.iter().enumerate().rev() {
        let scaled = (m as f64 * p_values[i] / (rank + 1) as f64).min(1.0);
        running = running.min(scaled);
        out[i] = running;
    }
    out
}

/// Indices of the valid p-values (finite, in [0, 1]), ascending by value, ties in input order.
fn ascending(p_values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p_values.len())
        .filter(|&i| (0.0..=1.0).contains(&p_values[i]))
        .collect();
    // Insertion sort, stable (equal p-values keep their input order): the lists are a few
    // dozen tests, and a `sort_by` instantiation would cost kilobytes of the wasm download.
    for i in 1..order.len() {
        let mut k = i;
        while k > 0 && p_values[order[k - 1]] > p_values[order[k]] {
            order.swap(k - 1, k);
            k -= 1;
        }
    }
    order
}
