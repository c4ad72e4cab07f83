//! Intervals and descriptive statistics: Wilson and t intervals, means and standard
//! deviations (weighted too), Kish's effective sample size, the margin of error.

use super::*;

/// Wilson score interval for a proportion, returned as fractions in `[0, 1]`.
///
/// `successes` out of `n` trials with critical value `z` (for example [`Z95`]); counts may be
/// fractional (weighted). `n == 0` gives the uninformative `(0.0, 1.0)`. NaN bounds if any
/// input is NaN or infinite, `n < 0`, or `successes` is outside `[0, n]`.
pub fn wilson_interval(successes: f64, n: f64, z: f64) -> (f64, f64) {
    let nan = (f64::NAN, f64::NAN);
    if !(successes.is_finite() && n.is_finite() && z.is_finite()) || n < 0.0 {
        return nan;
    }
    if !(0.0..=n).contains(&successes) {
        return nan;
    }
    if n == 0.0 {
        return (0.0, 1.0);
    }
    let z2 = z * z;
    let failures = n - successes;
    // (2x + z² ± z sqrt(z² + 4 x (n - x) / n)) / (2 (n + z²)): no division by small p.
    let centre = 2.0 * successes + z2;
    let spread = z.abs() * (z2 + 4.0 * successes * failures / n).sqrt();
    let denom = 2.0 * (n + z2);
    let lower = if successes == 0.0 {
        0.0
    } else {
        (centre - spread) / denom
    };
    let upper = if failures == 0.0 {
        1.0
    } else {
        (centre + spread) / denom
    };
    (lower.clamp(0.0, 1.0), upper.clamp(0.0, 1.0))
}

/// Mean and sample sd (n-1) from (value, weight/count) pairs. n<2 -> sd 0.0. Empty -> (NaN, NaN)
///
/// The counts are frequencies, so n is their sum (fractional counts allowed). Pairs with count
/// 0 are ignored; if no count is positive the result is `(NaN, NaN)`. A negative or non-finite
/// count, or a non-finite value with a positive count, gives `(NaN, NaN)`.
pub fn mean_sd(values_counts: &[(f64, f64)]) -> (f64, f64) {
    let nan = (f64::NAN, f64::NAN);
    let mut n = 0.0;
    let mut sum = 0.0;
    for &(v, c) in values_counts {
        if !(c.is_finite() && c >= 0.0) {
            return nan;
        }
        if c == 0.0 {
            continue;
        }
        if !v.is_finite() {
            return nan;
        }
        n += c;
        sum += c * v;
    }
    if n <= 0.0 {
        return nan;
    }
    let mean = sum / n;
    if n < 2.0 {
        return (mean, 0.0);
    }
    // Two passes: deviations from the mean avoid the cancellation of Σv² - n·mean².
    let ss: f64 = values_counts
        .iter()
        .filter(|&&(_, c)| c > 0.0)
        .map(|&(v, c)| c * (v - mean) * (v - mean))
        .sum();
    (mean, (ss / (n - 1.0)).sqrt())
}

/// t interval for a mean: mean ± t_{0.975, n-1} * sd/sqrt(n). n<2 -> (mean, mean)
///
/// `level` is the confidence level (0.95 gives the t_{0.975} quantile above). NaN bounds for
/// NaN input, negative `sd`, or `level` outside (0, 1).
pub fn mean_t_interval(mean: f64, sd: f64, n: f64, level: f64) -> (f64, f64) {
    let nan = (f64::NAN, f64::NAN);
    if mean.is_nan() || sd.is_nan() || n.is_nan() || level.is_nan() {
        return nan;
    }
    if n < 2.0 {
        return (mean, mean);
    }
    if sd < 0.0 || !(level > 0.0 && level < 1.0) {
        return nan;
    }
    let t = student_t_quantile(1.0 - 0.5 * (1.0 - level), n - 1.0);
    let half = t * sd / n.sqrt();
    (mean - half, mean + half)
}

/// Weighted mean and sd and effective n: (value, weight) pairs.
///
/// Weights are sampling (reliability) weights, not frequencies: the variance is
/// Σw(v - m)² / (Σw - Σw²/Σw), which equals the plain n-1 sample variance when all weights are
/// equal and is invariant to rescaling the weights. The effective n is Kish's (Σw)²/Σw².
/// Pairs with weight 0 are ignored. If the effective n is at most 1, the sd is 0.0. No positive weight gives `(NaN, NaN, 0.0)`; a negative or non-finite
/// weight, or a non-finite value with positive weight, gives `(NaN, NaN, NaN)`.
pub fn weighted_mean_sd(values_weights: &[(f64, f64)]) -> (f64, f64, f64) {
    let nan = (f64::NAN, f64::NAN, f64::NAN);
    let mut sum_w = 0.0;
    let mut sum_w2 = 0.0;
    let mut sum_wv = 0.0;
    for &(v, w) in values_weights {
        if !(w.is_finite() && w >= 0.0) {
            return nan;
        }
        if w == 0.0 {
            continue;
        }
        if !v.is_finite() {
            return nan;
        }
        sum_w += w;
        sum_w2 += w * w;
        sum_wv += w * v;
    }
    if sum_w <= 0.0 {
        return (f64::NAN, f64::NAN, 0.0);
    }
    let mean = sum_wv / sum_w;
    let n_eff = kish_effective_n(sum_w, sum_w2);
    let denom = sum_w - sum_w2 / sum_w;
    if n_eff <= 1.0 || denom <= 0.0 {
        return (mean, 0.0, n_eff);
    }
    let ss: f64 = values_weights
        .iter()
        .filter(|&&(_, w)| w > 0.0)
        .map(|&(v, w)| w * (v - mean) * (v - mean))
        .sum();
    (mean, (ss / denom).sqrt(), n_eff)
}

/// Kish effective sample size (sum w)^2 / sum w^2, and design effect n / n_eff, from weights.
///
/// This function returns the effective sample size; see [`design_effect`] for n / n_eff.
/// `sum_w = sum_w2 = 0` (no data) gives 0.0; negative, non-finite, or otherwise inconsistent
/// sums (`sum_w2 <= 0` with `sum_w != 0`) give NaN.
pub fn kish_effective_n(sum_w: f64, sum_w2: f64) -> f64 {
    if !(sum_w.is_finite() && sum_w2.is_finite()) || sum_w < 0.0 || sum_w2 < 0.0 {
        return f64::NAN;
    }
    if sum_w2 == 0.0 {
        return if sum_w == 0.0 { 0.0 } else { f64::NAN };
    }
    sum_w * sum_w / sum_w2
}

/// Kish design effect due to weighting, n / n_eff, for `n` answers whose weights sum to `sum_w`
/// with squares summing to `sum_w2`. Equal weights give 1.0. NaN if the effective n is not
/// positive or the input is invalid.
pub fn design_effect(n: f64, sum_w: f64, sum_w2: f64) -> f64 {
    let n_eff = kish_effective_n(sum_w, sum_w2);
    if n_eff.is_nan() || n_eff <= 0.0 || !n.is_finite() || n < 0.0 {
        return f64::NAN;
    }
    n / n_eff
}

/// Margin of error (half-width, as a fraction) of a 95% interval for share p with n answers
/// out of a population of `population`, with the finite population correction
/// sqrt((N-n)/(N-1)). population None -> no correction.
///
/// Computed as `Z95 * sqrt(p (1 - p) / n) * fpc`. Use p = 0.5 for the conservative (largest)
/// margin. A population equal to n (a full census) gives 0.0. NaN for p outside [0, 1],
/// `n <= 0`, a population smaller than n, or NaN/infinite n.
pub fn margin_of_error(p: f64, n: f64, population: Option<f64>) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) || !(n > 0.0 && n.is_finite()) {
        return f64::NAN;
    }
    let fpc = match population {
        None => 1.0,
        Some(big_n) if big_n.is_nan() || big_n < n => return f64::NAN,
        Some(big_n) if big_n == n => return 0.0,
        Some(big_n) if big_n.is_infinite() => 1.0,
        // Here big_n > n > 0; if n < 1 too, N - 1 can be 0 or negative: fall back to no fpc.
        Some(big_n) if big_n <= 1.0 => 1.0,
        Some(big_n) => ((big_n - n) / (big_n - 1.0)).sqrt(),
    };
    Z95 * (p * (1.0 - p) / n).sqrt() * fpc
}

/// Newcombe's hybrid score interval for the difference of two independent proportions,
/// p2 − p1 (method 10 of Newcombe 1998, Statistics in Medicine 17:873–890), as fractions in
/// [-1, 1].
///
/// With (l1, u1) and (l2, u2) the Wilson intervals of `x1`/`n1` and `x2`/`n2` at critical value
/// `z`, the limits are d − √((p2 − l2)² + (u1 − p1)²) and d + √((u2 − p2)² + (p1 − l1)²), d =
/// p2 − p1. Unlike the Wald interval it stays inside [-1, 1], is not degenerate at 0 or n, and
/// covers close to its nominal level in small samples. NaN bounds if either count is invalid
/// (see [`wilson_interval`]) or an n is not positive.
pub fn newcombe_difference_interval(x1: f64, n1: f64, x2: f64, n2: f64, z: f64) -> (f64, f64) {
    let nan = (f64::NAN, f64::NAN);
    if !(n1 > 0.0 && n2 > 0.0) {
        return nan;
    }
    let (l1, u1) = wilson_interval(x1, n1, z);
    let (l2, u2) = wilson_interval(x2, n2, z);
    if [l1, u1, l2, u2].iter().any(|v| v.is_nan()) {
        return nan;
    }
    let (p1, p2) = (x1 / n1, x2 / n2);
    let d = p2 - p1;
    let lower = d - ((p2 - l2).powi(2) + (u1 - p1).powi(2)).sqrt();
    let upper = d + ((u2 - p2).powi(2) + (p1 - l1).powi(2)).sqrt();
    (lower.clamp(-1.0, 1.0), upper.clamp(-1.0, 1.0))
}

/// The Net Promoter Score and its Wald interval, as fractions in [-1, 1]: `(score, lo, hi)`
/// with score = p₊ − p₋ for `promoters` and `detractors` out of `n` answers.
///
/// The two shares are of one multinomial sample, so the variance of their difference is
/// (p₊ + p₋ − (p₊ − p₋)²) / n (Rocks 2016, "Interval estimation for the 'Net Promoter
/// Score'", The American Statistician 70(4):365–372, the Wald interval of section 2). The
/// limits are clipped to [-1, 1]. NaN for `n <= 0` or counts outside [0, n].
pub fn nps_interval(promoters: f64, detractors: f64, n: f64, z: f64) -> (f64, f64, f64) {
    let valid = n > 0.0
        && n.is_finite()
        && promoters >= 0.0
        && detractors >= 0.0
        && promoters + detractors <= n;
    if !valid {
        return (f64::NAN, f64::NAN, f64::NAN);
    }
    let (plus, minus) = (promoters / n, detractors / n);
    let score = plus - minus;
    let variance = ((plus + minus - score * score) / n).max(0.0);
    let half = z * variance.sqrt();
    (score, (score - half).max(-1.0), (score + half).min(1.0))
}
