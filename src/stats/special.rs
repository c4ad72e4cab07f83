//! Special functions: log-gamma, log-beta, the regularised incomplete gamma and beta
//! functions, and the constants the distributions share.

use std::f64::consts::PI;

use super::*;

/// Two-sided 95% critical value of the standard normal distribution, `normal_quantile(0.975)`.
pub const Z95: f64 = 1.959963984540054;

/// ln(sqrt(2 pi)).
pub(super) const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// Smallest magnitude allowed in the modified Lentz continued-fraction evaluation.
pub(super) const LENTZ_TINY: f64 = f64::MIN_POSITIVE / f64::EPSILON;

/// Upper bound on series / continued-fraction terms. Near the centre of the distribution both
/// need O(sqrt(shape)) terms; larger shapes are handled by asymptotic expansions instead.
pub(super) const MAX_ITER: usize = 1_000_000;

/// From this shape on, the incomplete gamma function uses Temme's uniform asymptotic
/// expansion, which is accurate to about 1e-12 there and needs no iteration.
pub(super) const GAMMA_TEMME_A: f64 = 1e7;

/// Largest beta parameter accepted; beyond it the continued fraction would not converge
/// within `MAX_ITER` terms.
pub(super) const BETA_MAX_PARAM: f64 = 1e11;

/// From this many degrees of freedom on, the t tail is computed with Hill's normalizing
/// transformation instead of the incomplete beta function, whose continued fraction loses
/// accuracy (and gets slow) as df grows. Hill's error is below 1e-15 relative from here on for
/// every tail probability above 1e-300.
pub(super) const T_HILL_DF: f64 = 1e5;

/// Remainder of Stirling's series, `ln Γ(a) - [(a - 1/2) ln a - a + ln sqrt(2π)]`, for `a >= 10`.
///
/// Truncated after the 1/a^13 term, whose successor is below 1e-17 at a = 10.
pub(super) fn stirling_error(a: f64) -> f64 {
    let r = 1.0 / a;
    let r2 = r * r;
    r * (1.0 / 12.0
        - r2 * (1.0 / 360.0
            - r2 * (1.0 / 1260.0
                - r2 * (1.0 / 1680.0
                    - r2 * (1.0 / 1188.0 - r2 * (691.0 / 360_360.0 - r2 / 156.0))))))
}

/// Lanczos approximation (g = 7, 9 terms) of ln Γ(x) for `x >= 0.5`.
pub(super) fn ln_gamma_lanczos(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    let z = x - 1.0;
    let mut sum = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        sum += c / (z + i as f64);
    }
    let t = z + 7.5;
    LN_SQRT_2PI + (z + 0.5) * t.ln() - t + sum.ln()
}

/// Natural logarithm of the gamma function for `x > 0`; NaN for `x <= 0` or NaN.
pub fn ln_gamma(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        f64::NAN
    } else if x.is_infinite() {
        f64::INFINITY
    } else if x >= 10.0 {
        (x - 0.5) * x.ln() - x + LN_SQRT_2PI + stirling_error(x)
    } else if x < 0.5 {
        // Γ(x) = Γ(x + 1) / x keeps the Lanczos sum in its accurate range.
        ln_gamma_lanczos(x + 1.0) - x.ln()
    } else {
        ln_gamma_lanczos(x)
    }
}

/// Natural logarithm of the beta function B(a, b) for `a, b > 0`; NaN otherwise.
pub fn ln_beta(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() || a <= 0.0 || b <= 0.0 {
        return f64::NAN;
    }
    let (small, large) = if a < b { (a, b) } else { (b, a) };
    if large.is_infinite() {
        return f64::NEG_INFINITY;
    }
    if large >= 10.0 {
        // ln Γ(large) - ln Γ(large + small) through Stirling's series, which avoids
        // subtracting two huge, nearly equal logarithms.
        let diff = -(large - 0.5) * (small / large).ln_1p() - small * (large + small).ln()
            + small
            + stirling_error(large)
            - stirling_error(large + small);
        ln_gamma(small) + diff
    } else {
        ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b)
    }
}

/// ln(x^a e^(-x) / Γ(a)), the common factor of both incomplete gamma expansions.
pub(super) fn ln_gamma_prefactor(a: f64, x: f64) -> f64 {
    if a >= 10.0 {
        // Written around x = a so that a ln x - x - ln Γ(a) does not cancel for large a.
        let d = (x - a) / a;
        -a * (d - d.ln_1p()) + 0.5 * a.ln() - LN_SQRT_2PI - stirling_error(a)
    } else {
        a * x.ln() - x - ln_gamma(a)
    }
}

/// Lower regularized incomplete gamma P(a, x) by its power series; meant for `x < a + 1`.
pub(super) fn gamma_p_series(a: f64, x: f64) -> f64 {
    let mut ap = a;
    let mut term = 1.0 / a;
    let mut sum = term;
    for _ in 0..MAX_ITER {
        ap += 1.0;
        term *= x / ap;
        sum += term;
        if term.abs() <= sum.abs() * f64::EPSILON {
            return (ln_gamma_prefactor(a, x) + sum.ln()).exp();
        }
    }
    f64::NAN
}

/// Upper regularized incomplete gamma Q(a, x) by its continued fraction (modified Lentz);
/// meant for `x >= a + 1`.
pub(super) fn gamma_q_continued_fraction(a: f64, x: f64) -> f64 {
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / LENTZ_TINY;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..MAX_ITER {
        let i = i as f64;
        let an = -i * (i - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < LENTZ_TINY {
            d = LENTZ_TINY;
        }
        c = b + an / c;
        if c.abs() < LENTZ_TINY {
            c = LENTZ_TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() <= f64::EPSILON {
            return (ln_gamma_prefactor(a, x) + h.ln()).exp();
        }
    }
    f64::NAN
}

/// `(P(a, x), Q(a, x))` for large `a` by Temme's uniform expansion (DLMF 8.12.3-8.12.8) with
/// its first correction term: Q = erfc(η sqrt(a/2))/2 + e^(-aη²/2)/sqrt(2πa) c₀(η), where
/// λ = x/a, η = sign(λ - 1) sqrt(2(λ - 1 - ln λ)) and c₀(η) = 1/(λ - 1) - 1/η.
pub(super) fn gamma_pq_temme(a: f64, x: f64) -> (f64, f64) {
    let d = (x - a) / a;
    let eta = (2.0 * (d - d.ln_1p())).sqrt().copysign(d);
    // The closed form of c₀ cancels near λ = 1; use its Taylor series there (DLMF 8.12.8).
    let c0 = if eta.abs() < 1e-2 {
        -1.0 / 3.0 + eta / 12.0 - 2.0 * eta * eta / 135.0
    } else {
        1.0 / d - 1.0 / eta
    };
    let r = (-0.5 * a * eta * eta).exp() / (2.0 * PI * a).sqrt() * c0;
    let y = eta * a.sqrt();
    if eta < 0.0 {
        let p = normal_cdf(y) - r;
        (p, 1.0 - p)
    } else {
        let q = normal_sf(y) + r;
        (1.0 - q, q)
    }
}

/// Both regularized incomplete gammas `(P(a, x), Q(a, x))`, each computed directly in the
/// range where it is the smaller one so that tiny tails keep full relative precision.
pub(super) fn regularized_gamma_pq(a: f64, x: f64) -> (f64, f64) {
    if a.is_nan() || x.is_nan() || a <= 0.0 || x < 0.0 {
        return (f64::NAN, f64::NAN);
    }
    if x == 0.0 || a.is_infinite() {
        return (0.0, 1.0);
    }
    if x.is_infinite() {
        return (1.0, 0.0);
    }
    if a >= GAMMA_TEMME_A {
        return gamma_pq_temme(a, x);
    }
    if x < a + 1.0 {
        let p = gamma_p_series(a, x);
        (p, 1.0 - p)
    } else {
        let q = gamma_q_continued_fraction(a, x);
        (1.0 - q, q)
    }
}

/// Lower regularized incomplete gamma function P(a, x) = γ(a, x) / Γ(a).
///
/// Requires `a > 0` and `x >= 0`; returns NaN otherwise.
pub fn regularized_gamma_p(a: f64, x: f64) -> f64 {
    regularized_gamma_pq(a, x).0
}

/// Upper regularized incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 - P(a, x).
///
/// Series for `x < a + 1`, continued fraction otherwise, with the prefactor evaluated in log
/// space, so results down to about 1e-300 keep close to full relative precision; for
/// `a >= 1e7` Temme's uniform asymptotic expansion. Requires `a > 0` and `x >= 0`; returns
/// NaN otherwise.
pub fn regularized_gamma_q(a: f64, x: f64) -> f64 {
    regularized_gamma_pq(a, x).1
}

/// Continued fraction for the incomplete beta function (modified Lentz), as in Numerical
/// Recipes `betacf`; converges quickly for `x < (a + 1) / (a + b + 2)`. `y = 1 - x`.
pub(super) fn beta_continued_fraction(a: f64, b: f64, x: f64, y: f64) -> f64 {
    let qab = a + b;
    let qap = a + 1.0;
    let qam = a - 1.0;
    let mut c = 1.0;
    // 1 - (a + b) x / (a + 1), rearranged to avoid cancellation when x is close to 1.
    let mut d = (1.0 - b + qab * y) / qap;
    if d.abs() < LENTZ_TINY {
        d = LENTZ_TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..MAX_ITER {
        let m = m as f64;
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < LENTZ_TINY {
            d = LENTZ_TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < LENTZ_TINY {
            c = LENTZ_TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < LENTZ_TINY {
            d = LENTZ_TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < LENTZ_TINY {
            c = LENTZ_TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() <= f64::EPSILON {
            return h;
        }
    }
    f64::NAN
}

/// I_x(a, b) given `x`, `y = 1 - x` and their logarithms, so callers that know these more
/// accurately than `1 - x` and `x.ln()` (the t distribution with large df or far out in a
/// tail) do not lose that precision. Arguments must be valid.
pub(super) fn beta_inc(x: f64, y: f64, ln_x: f64, ln_y: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if y <= 0.0 {
        return 1.0;
    }
    let ln_front = a * ln_x + b * ln_y - ln_beta(a, b);
    if x < (a + 1.0) / (a + b + 2.0) {
        (ln_front + beta_continued_fraction(a, b, x, y).ln() - a.ln()).exp()
    } else {
        1.0 - (ln_front + beta_continued_fraction(b, a, y, x).ln() - b.ln()).exp()
    }
}

/// Regularized incomplete beta function I_x(a, b).
///
/// Requires `0 <= x <= 1` and `0 < a, b <= 1e11`; returns NaN otherwise.
pub fn regularized_beta(x: f64, a: f64, b: f64) -> f64 {
    if x.is_nan() || !(a > 0.0 && b > 0.0) || !(0.0..=1.0).contains(&x) {
        return f64::NAN;
    }
    if a > BETA_MAX_PARAM || b > BETA_MAX_PARAM {
        return f64::NAN;
    }
    beta_inc(x, 1.0 - x, x.ln(), (-x).ln_1p(), a, b)
}
