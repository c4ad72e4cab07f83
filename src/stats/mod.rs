//! Statistics for survey results: confidence intervals, distribution functions and tests.
//!
//! Everything here is pure `f64` arithmetic with no dependencies beyond `std`, so it behaves the
//! same natively and in WebAssembly. No function panics: invalid input (NaN, negative counts,
//! empty data, ...) yields NaN, `None` or the documented fallback instead.

use std::f64::consts::PI;

/// Two-sided 95% critical value of the standard normal distribution, `normal_quantile(0.975)`.
pub const Z95: f64 = 1.959963984540054;

/// ln(sqrt(2 pi)).
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// Smallest magnitude allowed in the modified Lentz continued-fraction evaluation.
const LENTZ_TINY: f64 = f64::MIN_POSITIVE / f64::EPSILON;

/// Upper bound on series / continued-fraction terms. Near the centre of the distribution both
/// need O(sqrt(shape)) terms; larger shapes are handled by asymptotic expansions instead.
const MAX_ITER: usize = 1_000_000;

/// From this shape on, the incomplete gamma function uses Temme's uniform asymptotic
/// expansion, which is accurate to about 1e-12 there and needs no iteration.
const GAMMA_TEMME_A: f64 = 1e7;

/// Largest beta parameter accepted; beyond it the continued fraction would not converge
/// within `MAX_ITER` terms.
const BETA_MAX_PARAM: f64 = 1e11;

/// From this many degrees of freedom on, the t tail is computed with Hill's normalizing
/// transformation instead of the incomplete beta function, whose continued fraction loses
/// accuracy (and gets slow) as df grows. Hill's error is below 1e-15 relative from here on for
/// every tail probability above 1e-300.
const T_HILL_DF: f64 = 1e5;

// ---------------------------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------------------------

/// Remainder of Stirling's series, `ln Γ(a) - [(a - 1/2) ln a - a + ln sqrt(2π)]`, for `a >= 10`.
///
/// Truncated after the 1/a^13 term, whose successor is below 1e-17 at a = 10.
fn stirling_error(a: f64) -> f64 {
    let r = 1.0 / a;
    let r2 = r * r;
    r * (1.0 / 12.0
        - r2 * (1.0 / 360.0
            - r2 * (1.0 / 1260.0
                - r2 * (1.0 / 1680.0
                    - r2 * (1.0 / 1188.0 - r2 * (691.0 / 360_360.0 - r2 / 156.0))))))
}

/// Lanczos approximation (g = 7, 9 terms) of ln Γ(x) for `x >= 0.5`.
fn ln_gamma_lanczos(x: f64) -> f64 {
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
fn ln_gamma_prefactor(a: f64, x: f64) -> f64 {
    if a >= 10.0 {
        // Written around x = a so that a ln x - x - ln Γ(a) does not cancel for large a.
        let d = (x - a) / a;
        -a * (d - d.ln_1p()) + 0.5 * a.ln() - LN_SQRT_2PI - stirling_error(a)
    } else {
        a * x.ln() - x - ln_gamma(a)
    }
}

/// Lower regularized incomplete gamma P(a, x) by its power series; meant for `x < a + 1`.
fn gamma_p_series(a: f64, x: f64) -> f64 {
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
fn gamma_q_continued_fraction(a: f64, x: f64) -> f64 {
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
fn gamma_pq_temme(a: f64, x: f64) -> (f64, f64) {
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
fn regularized_gamma_pq(a: f64, x: f64) -> (f64, f64) {
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
fn beta_continued_fraction(a: f64, b: f64, x: f64, y: f64) -> f64 {
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
fn beta_inc(x: f64, y: f64, ln_x: f64, ln_y: f64, a: f64, b: f64) -> f64 {
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

// ---------------------------------------------------------------------------------------------
// Normal distribution
// ---------------------------------------------------------------------------------------------

/// Standard normal cumulative distribution function Φ(x).
///
/// Evaluated through the incomplete gamma function (erfc(y) = Q(1/2, y²)), so the lower tail
/// keeps full relative precision until it underflows near x = -38.
pub fn normal_cdf(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    let (p, q) = regularized_gamma_pq(0.5, 0.5 * x * x);
    if x < 0.0 {
        0.5 * q
    } else {
        0.5 + 0.5 * p
    }
}

/// Standard normal upper tail 1 - Φ(x), accurate also where it is tiny.
pub fn normal_sf(x: f64) -> f64 {
    normal_cdf(-x)
}

/// Standard normal quantile Φ⁻¹(p).
///
/// Acklam's rational approximation (relative error 1.15e-9) followed by one Halley step on
/// Φ, giving about 1e-15 relative accuracy. `p = 0` gives -∞, `p = 1` gives +∞, and `p`
/// outside [0, 1] or NaN gives NaN.
pub fn normal_quantile(p: f64) -> f64 {
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if p > 0.5 {
        // 1 - p is exact for p in (0.5, 1), and the refinement is accurate in the lower tail.
        return -normal_quantile_lower(1.0 - p);
    }
    normal_quantile_lower(p)
}

/// Φ⁻¹(p) for `0 < p <= 0.5`.
fn normal_quantile_lower(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    let x = if p < 0.02425 {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    // Halley step: e / φ(x) written with exp(x²/2) so it stays finite deep in the tail.
    let e = normal_cdf(x) - p;
    let u = e * (2.0 * PI).sqrt() * (0.5 * x * x).exp();
    let refined = x - u / (1.0 + 0.5 * x * u);
    if refined.is_finite() {
        refined
    } else {
        x
    }
}

// ---------------------------------------------------------------------------------------------
// Student's t distribution
// ---------------------------------------------------------------------------------------------

/// P(T > s) for `s >= 0` and finite `df > 0`.
fn t_upper_tail(s: f64, df: f64) -> f64 {
    let s2 = s * s;
    if df >= T_HILL_DF {
        // G. W. Hill (1970), Algorithm 395: Student's t-distribution, CACM 13(10), 617-619:
        // z = f(y) sqrt(y) with y = (df - 1/2) ln(1 + t²/df) is standard normal to O(df^-3).
        let a = df - 0.5;
        let b = 48.0 * a * a;
        let y = a * (s2 / df).ln_1p();
        let z =
            (((((-0.4 * y - 3.3) * y - 24.0) * y - 85.5) / (0.8 * y * y + 100.0 + b) + y + 3.0)
                / b
                + 1.0)
                * y.sqrt();
        return normal_sf(z);
    }
    let a = 0.5 * df;
    if !s2.is_finite() {
        // x = df / s² < 1e-300: the leading term x^a / (2 a B(a, 1/2)) is exact to double
        // precision, and log space keeps it representable.
        return (a * (df.ln() - 2.0 * s.ln()) - (2.0 * a).ln() - ln_beta(a, 0.5)).exp();
    }
    let den = df + s2;
    // ln x = -ln(1 + s²/df) stays accurate when x is close to 1 (large df).
    let ln_x = -(s2 / df).ln_1p();
    let ln_y = s2.ln() - den.ln();
    0.5 * beta_inc(df / den, s2 / den, ln_x, ln_y, a, 0.5)
}

/// Density of the t distribution at `s` for finite `df > 0`.
fn t_pdf(s: f64, df: f64) -> f64 {
    (-(0.5 * (df + 1.0)) * (s * s / df).ln_1p() - 0.5 * df.ln() - ln_beta(0.5 * df, 0.5)).exp()
}

/// Cumulative distribution function of Student's t distribution with `df` degrees of freedom.
///
/// Uses P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2) / 2, and for df >= 1e5 Hill's (1970) normal
/// transformation. `df` may be fractional (Welch tests); `df = ∞` gives the normal
/// distribution. NaN for NaN input or `df <= 0`.
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    if t.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if df.is_infinite() {
        return normal_cdf(t);
    }
    if t.is_infinite() {
        return if t > 0.0 { 1.0 } else { 0.0 };
    }
    let tail = t_upper_tail(t.abs(), df);
    if t < 0.0 {
        tail
    } else {
        1.0 - tail
    }
}

/// Quantile (inverse cdf) of Student's t distribution with `df` degrees of freedom.
///
/// Closed forms for df = 1 and df = 2; otherwise a Cornish–Fisher or tail-asymptotic start
/// refined by safeguarded Newton steps on ln P(T > s) against ln s, which converge to about
/// 1e-13 relative accuracy. `p = 0` / `p = 1` give ∓∞; NaN for `p` outside [0, 1], NaN or
/// `df <= 0`. `df = ∞` gives the normal quantile.
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    if p.is_nan() || df.is_nan() || df <= 0.0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    if df.is_infinite() {
        return normal_quantile(p);
    }
    // Work with the smaller tail; 1 - p is exact for p >= 0.5.
    let (q, sign) = if p < 0.5 { (p, -1.0) } else { (1.0 - p, 1.0) };
    if q == 0.5 {
        return 0.0;
    }
    let s = if df == 2.0 {
        std::f64::consts::SQRT_2 * (0.5 - q) / (q * (1.0 - q)).sqrt()
    } else {
        t_upper_quantile(q, df)
    };
    sign * s
}

/// Cornish–Fisher expansion of the t quantile around the normal quantile `z`
/// (Abramowitz & Stegun 26.7.5).
fn cornish_fisher_t(z: f64, df: f64) -> f64 {
    let z2 = z * z;
    let g1 = (z2 + 1.0) * z / 4.0;
    let g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
    let g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
    let g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
    z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df
}

/// The `s > 0` with P(T > s) = q, for `0 < q < 0.5` and finite `df > 0`.
fn t_upper_quantile(q: f64, df: f64) -> f64 {
    let target = q.ln();
    let objective = |s: f64| t_upper_tail(s, df).ln() - target;

    // Two starting points: Cornish–Fisher is good for moderate df and tails, the leading term
    // of the tail expansion, P(T > s) ≈ x^a / (2 a B(a, 1/2)) with x = df/(df+s²), for small
    // df far out. Keep whichever is closer.
    let a = 0.5 * df;
    let ln_x = ((2.0 * q).ln() + a.ln() + ln_beta(a, 0.5)) / a;
    let candidates = [
        cornish_fisher_t(-normal_quantile(q), df),
        (df * (-ln_x).exp_m1()).sqrt(),
    ];
    let mut start = 1.0;
    let mut best = f64::INFINITY;
    for s in candidates {
        if s.is_finite() && s > 0.0 {
            let h = objective(s).abs();
            if h < best {
                best = h;
                start = s;
            }
        }
    }

    // Newton on h(u) = ln P(T > e^u) - ln q, which is nearly linear in u in the far tail.
    // [lo, hi] brackets the root once both signs of h have been seen.
    let mut u = start.ln();
    let mut lo = f64::NEG_INFINITY;
    let mut hi = f64::INFINITY;
    for _ in 0..200 {
        let s = u.exp();
        let tail = t_upper_tail(s, df);
        let h = tail.ln() - target;
        if h.is_nan() {
            return f64::NAN;
        }
        if h == 0.0 {
            return s;
        }
        if h > 0.0 {
            lo = u;
        } else {
            hi = u;
        }
        let slope = -s * t_pdf(s, df) / tail;
        let mut next = u - h / slope;
        if !(next > lo && next < hi) {
            next = match (lo.is_finite(), hi.is_finite()) {
                (true, true) => 0.5 * (lo + hi),
                (true, false) => lo + 2.0,
                (false, true) => hi - 2.0,
                (false, false) => return f64::NAN,
            };
        }
        if (next - u).abs() <= 1e-15 * u.abs().max(1.0) || hi - lo <= 1e-15 * u.abs().max(1.0) {
            return next.exp();
        }
        u = next;
    }
    u.exp()
}

// ---------------------------------------------------------------------------------------------
// Chi-square distribution
// ---------------------------------------------------------------------------------------------

/// Upper tail P(X > x) of the chi-square distribution with `df` degrees of freedom,
/// Q(df/2, x/2).
///
/// Keeps relative precision for tiny p-values (down to about 1e-300) and for large `df`
/// (tested up to 10000). `x <= 0` gives 1; NaN for NaN input or `df <= 0`.
pub fn chi_square_sf(x: f64, df: f64) -> f64 {
    if x.is_nan() || df.is_nan() || df <= 0.0 {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    regularized_gamma_q(0.5 * df, 0.5 * x)
}

// ---------------------------------------------------------------------------------------------
// Intervals and descriptive statistics
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Hypothesis tests
// ---------------------------------------------------------------------------------------------

/// Result of a Pearson chi-square test of independence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChiSquare {
    /// Pearson's X² = Σ (O - E)² / E over the non-empty rows and columns.
    pub statistic: f64,
    /// Degrees of freedom (r' - 1)(c' - 1) after dropping empty rows and columns.
    pub df: u64,
    /// Upper-tail p-value of `statistic` under the chi-square distribution with `df`.
    pub p_value: f64,
    /// Cramér's V = sqrt(X² / (N (min(r', c') - 1))), in [0, 1].
    pub cramers_v: f64,
    /// Smallest expected cell count.
    pub min_expected: f64,
    /// Percentage (0–100) of cells with expected count below 5; the usual rule of thumb
    /// wants at most 20.
    pub expected_below_5_pct: f64,
}

/// Pearson chi-square test of independence on an r x c table of counts (rows = groups, cols =
/// answers). Rows or columns whose total is 0 are dropped before computing (so df =
/// (r'-1)(c'-1)). If fewer than 2 non-empty rows or columns, return None.
///
/// No continuity correction. Counts may be fractional (weighted). Also `None` if the table is
/// ragged (rows of different lengths) or holds a negative or non-finite count.
pub fn chi_square_independence(table: &[Vec<f64>]) -> Option<ChiSquare> {
    let cols = table.first()?.len();
    if table.iter().any(|row| row.len() != cols) {
        return None;
    }
    if table
        .iter()
        .flatten()
        .any(|&v| !(v.is_finite() && v >= 0.0))
    {
        return None;
    }
    let row_totals: Vec<f64> = table.iter().map(|row| row.iter().sum()).collect();
    let col_totals: Vec<f64> = (0..cols)
        .map(|j| table.iter().map(|row| row[j]).sum())
        .collect();
    let rows_kept: Vec<usize> = (0..table.len()).filter(|&i| row_totals[i] > 0.0).collect();
    let cols_kept: Vec<usize> = (0..cols).filter(|&j| col_totals[j] > 0.0).collect();
    let (r, c) = (rows_kept.len(), cols_kept.len());
    if r < 2 || c < 2 {
        return None;
    }
    let total: f64 = row_totals.iter().sum();
    if !total.is_finite() {
        return None;
    }

    let mut statistic = 0.0;
    let mut min_expected = f64::INFINITY;
    let mut below_5 = 0usize;
    for &i in &rows_kept {
        for &j in &cols_kept {
            let expected = row_totals[i] * col_totals[j] / total;
            let diff = table[i][j] - expected;
            statistic += diff * diff / expected;
            min_expected = min_expected.min(expected);
            if expected < 5.0 {
                below_5 += 1;
            }
        }
    }
    let df = ((r - 1) * (c - 1)) as u64;
    let k = r.min(c) as f64;
    let cramers_v = (statistic / (total * (k - 1.0))).sqrt().min(1.0);
    Some(ChiSquare {
        statistic,
        df,
        p_value: chi_square_sf(statistic, df as f64),
        cramers_v,
        min_expected,
        expected_below_5_pct: 100.0 * below_5 as f64 / (r * c) as f64,
    })
}

/// Result of a two-group comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TestResult {
    /// Test statistic: z for the proportion test, t for Welch's test.
    pub statistic: f64,
    /// Degrees of freedom; `f64::INFINITY` for z-tests (the normal is t with infinite df).
    pub df: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Estimated difference, group 2 minus group 1.
    pub difference: f64,
    /// 95% confidence interval of `difference`.
    pub ci95: (f64, f64),
}

/// Two-proportion z-test (pooled SE for the test, unpooled for the CI of the difference p2-p1),
/// two-sided.
///
/// `x1` successes of `n1` in group 1, `x2` of `n2` in group 2; counts may be fractional. The
/// CI is the Wald interval (p2 - p1) ± Z95 · SE_unpooled, clipped to [-1, 1]. When both groups
/// are all-0 or all-1 the pooled SE is 0 and the observed difference is exactly 0: the result
/// is z = 0, p = 1. `None` if `n1` or `n2` is not positive, or a count is negative, above its
/// n, or not finite.
pub fn two_proportion_z_test(x1: f64, n1: f64, x2: f64, n2: f64) -> Option<TestResult> {
    let valid =
        |x: f64, n: f64| x.is_finite() && n.is_finite() && n > 0.0 && (0.0..=n).contains(&x);
    if !valid(x1, n1) || !valid(x2, n2) {
        return None;
    }
    let p1 = x1 / n1;
    let p2 = x2 / n2;
    let difference = p2 - p1;
    let pooled = (x1 + x2) / (n1 + n2);
    let se_pooled = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    let (statistic, p_value) = if se_pooled > 0.0 {
        let z = difference / se_pooled;
        (z, (2.0 * normal_cdf(-z.abs())).min(1.0))
    } else {
        (0.0, 1.0)
    };
    let se = (p1 * (1.0 - p1) / n1 + p2 * (1.0 - p2) / n2).sqrt();
    let ci95 = (
        (difference - Z95 * se).clamp(-1.0, 1.0),
        (difference + Z95 * se).clamp(-1.0, 1.0),
    );
    Some(TestResult {
        statistic,
        df: f64::INFINITY,
        p_value,
        difference,
        ci95,
    })
}

/// Welch's unequal-variance t-test for mean2-mean1, two-sided, Welch–Satterthwaite df.
///
/// Takes each group's mean, sample sd (n-1) and size. The CI is
/// (mean2 - mean1) ± t_{0.975, df} · SE. `None` if either n is below 2, an sd is negative,
/// any input is not finite, or both sds are 0 (the test is undefined).
pub fn welch_t_test(
    mean1: f64,
    sd1: f64,
    n1: f64,
    mean2: f64,
    sd2: f64,
    n2: f64,
) -> Option<TestResult> {
    let inputs = [mean1, sd1, n1, mean2, sd2, n2];
    if inputs.iter().any(|v| !v.is_finite()) || n1 < 2.0 || n2 < 2.0 || sd1 < 0.0 || sd2 < 0.0 {
        return None;
    }
    let v1 = sd1 * sd1 / n1;
    let v2 = sd2 * sd2 / n2;
    let var = v1 + v2;
    if var <= 0.0 {
        return None;
    }
    let se = var.sqrt();
    let df = var * var / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0));
    let difference = mean2 - mean1;
    let t = difference / se;
    let p_value = (2.0 * student_t_cdf(-t.abs(), df)).min(1.0);
    let half = student_t_quantile(0.975, df) * se;
    Some(TestResult {
        statistic: t,
        df,
        p_value,
        difference,
        ci95: (difference - half, difference + half),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference values: scipy 1.17.1 / statsmodels 0.15.0 unless stated otherwise, printed with
    // repr(float(...)).

    #[track_caller]
    fn close(got: f64, expected: f64, rel: f64) {
        let err = if expected == 0.0 {
            got.abs()
        } else {
            ((got - expected) / expected).abs()
        };
        assert!(
            err <= rel,
            "got {got:e}, expected {expected:e}, relative error {err:e}"
        );
    }

    #[test]
    fn z95_is_the_normal_quantile() {
        // scipy: scipy.stats.norm.ppf(0.975) = 1.959963984540054
        assert_eq!(Z95, 1.959963984540054);
        close(normal_quantile(0.975), Z95, 1e-15);
    }

    #[test]
    fn wilson_matches_newcombe_and_statsmodels() {
        // Newcombe (1998), Statistics in Medicine 17:857-872, Table I, example (a): 81/263,
        // score method without continuity correction: 0.2553 to 0.3662.
        let (lo, hi) = wilson_interval(81.0, 263.0, Z95);
        assert!((lo - 0.2553).abs() < 5e-5 && (hi - 0.3662).abs() < 5e-5);
        // statsmodels: proportion_confint(81, 263, alpha=0.05, method='wilson')
        close(lo, 0.2552885198782742, 1e-12);
        close(hi, 0.36620957698280004, 1e-12);
    }

    #[test]
    fn wilson_edges() {
        // statsmodels: proportion_confint(0, 10, method='wilson') = (0.0, 0.27753279986288926)
        let (lo, hi) = wilson_interval(0.0, 10.0, Z95);
        assert_eq!(lo, 0.0);
        close(hi, 0.27753279986288926, 1e-12);
        // statsmodels: proportion_confint(10, 10, method='wilson') = (0.7224672001371106, 1.0)
        let (lo, hi) = wilson_interval(10.0, 10.0, Z95);
        close(lo, 0.7224672001371106, 1e-12);
        assert_eq!(hi, 1.0);
        assert_eq!(wilson_interval(0.0, 0.0, Z95), (0.0, 1.0));
        assert!(wilson_interval(11.0, 10.0, Z95).0.is_nan());
        assert!(wilson_interval(-1.0, 10.0, Z95).1.is_nan());
        assert!(wilson_interval(f64::NAN, 10.0, Z95).0.is_nan());
    }

    #[test]
    fn response_rate_1960_of_17177() {
        // A real survey: 1960 answers from 17177 invited citizens.
        // statsmodels: proportion_confint(1960, 17177, method='wilson')
        let (lo, hi) = wilson_interval(1960.0, 17177.0, Z95);
        close(lo, 0.10943744038923332, 1e-12);
        close(hi, 0.11894726755568415, 1e-12);
        // numpy: norm.ppf(0.975) * sqrt(0.25/1960) * sqrt((17177-1960)/(17177-1))
        close(
            margin_of_error(0.5, 1960.0, Some(17177.0)),
            0.020835002853461272,
            1e-12,
        );
        // numpy: norm.ppf(0.975) * sqrt(0.25/1960)
        close(
            margin_of_error(0.5, 1960.0, None),
            0.02213553686802006,
            1e-12,
        );
    }

    #[test]
    fn margin_of_error_edges() {
        assert_eq!(margin_of_error(0.5, 100.0, Some(100.0)), 0.0);
        assert!(margin_of_error(0.5, 100.0, Some(50.0)).is_nan());
        assert!(margin_of_error(1.5, 100.0, None).is_nan());
        assert!(margin_of_error(0.5, 0.0, None).is_nan());
        assert_eq!(margin_of_error(0.0, 10.0, None), 0.0);
        close(
            margin_of_error(0.5, 100.0, Some(f64::INFINITY)),
            margin_of_error(0.5, 100.0, None),
            0.0,
        );
    }

    #[test]
    fn normal_cdf_values() {
        // scipy: scipy.stats.norm.cdf(x)
        close(normal_cdf(-1.96), 0.024997895148220435, 1e-13);
        close(normal_cdf(0.5), 0.6914624612740131, 1e-14);
        close(normal_cdf(-10.0), 7.61985302416047e-24, 1e-12);
        close(normal_cdf(-37.5), 4.605353009581954e-308, 1e-11);
        close(normal_cdf(3.0), 0.9986501019683699, 1e-14);
        assert_eq!(normal_cdf(0.0), 0.5);
        assert_eq!(normal_cdf(f64::INFINITY), 1.0);
        assert_eq!(normal_cdf(f64::NEG_INFINITY), 0.0);
        close(normal_sf(1.96), 0.024997895148220435, 1e-13);
    }

    #[test]
    fn normal_quantile_values() {
        // scipy: scipy.stats.norm.ppf(p)
        let cases = [
            (1e-300, -37.0470962993612),
            (1e-10, -6.361340902404056),
            (0.02, -2.053748910631823),
            (0.3, -0.5244005127080409),
            (0.975, 1.959963984540054),
            (1.0 - 1e-10, 6.361340889697422),
        ];
        for (p, x) in cases {
            close(normal_quantile(p), x, 1e-13);
        }
        assert_eq!(normal_quantile(0.5), 0.0);
        assert_eq!(normal_quantile(0.0), f64::NEG_INFINITY);
        assert_eq!(normal_quantile(1.0), f64::INFINITY);
        assert!(normal_quantile(1.5).is_nan());
    }

    #[test]
    fn student_t_cdf_values() {
        // scipy: scipy.stats.t.cdf(t, df)
        let cases = [
            (2.0, 3.0, 0.9303370157205785),
            (-1.5, 10.5, 0.08153437895922226),
            (-50.0, 2.5, 4.065247542479361e-05),
            (0.3, 1e5, 0.6179111104048312),
            (-4.0, 1.0, 0.07797913037736932),
            (1.0, 2.0, 0.7886751345948129),
            (-2.0, 1e7, 0.02275014544592148),
        ];
        for (t, df, p) in cases {
            close(student_t_cdf(t, df), p, 1e-11);
        }
        assert_eq!(student_t_cdf(0.0, 5.0), 0.5);
        assert_eq!(student_t_cdf(f64::INFINITY, 5.0), 1.0);
        close(student_t_cdf(1.0, f64::INFINITY), normal_cdf(1.0), 0.0);
    }

    #[test]
    fn student_t_quantile_values() {
        // scipy: scipy.stats.t.ppf(p, df). For (0.975, 4) mpmath (40 digits, findroot on
        // betainc) gives 2.7764451051977943578.
        let cases = [
            (0.975, 4.0, 2.7764451051977934),
            (0.975, 1.0, 12.706204736174694),
            (0.025, 2.0, -4.302652729749464),
            (0.995, 7.3, 3.451031655622185),
            (1e-12, 3.0, -10331.108244292487),
            (0.6, 30.0, 0.2556053649519128),
            (0.975, 1e6, 1.959966356814107),
            (0.975, 150.25, 1.9758785952855722),
        ];
        for (p, df, t) in cases {
            close(student_t_quantile(p, df), t, 1e-12);
        }
        assert_eq!(student_t_quantile(0.5, 7.0), 0.0);
        // One degree of freedom is the Cauchy distribution, whose quantile has the closed form
        // t = -cot(π p); the engine finds it like any other df, without trigonometry.
        for p in [
            1e-10, 1e-6, 0.001, 0.025, 0.1, 0.3, 0.45, 0.4999, 0.7, 0.999,
        ] {
            close(student_t_quantile(p, 1.0), -1.0 / (PI * p).tan(), 1e-12);
        }
        for df in [1.0, 2.5, 9.0, 40.0, 3e5] {
            for p in [1e-8, 0.01, 0.2, 0.45, 0.9] {
                close(student_t_cdf(student_t_quantile(p, df), df), p, 1e-11);
            }
        }
    }

    #[test]
    fn chi_square_sf_values() {
        // scipy: scipy.stats.chi2.sf(x, df)
        let cases = [
            (10.5, 3.0, 0.014760897143990665),
            (0.001, 5.0, 0.9999999983185123),
            (1380.0, 1.0, 4.661158455674e-302),
            (10500.0, 10000.0, 0.00024794736798936033),
            (9500.0, 10000.0, 0.9998356138356412),
            (12500.0, 10000.0, 1.0807344507601445e-60),
            (3.84, 1.0, 0.05004352124870519),
        ];
        for (x, df, p) in cases {
            close(chi_square_sf(x, df), p, 1e-11);
        }
        assert_eq!(chi_square_sf(0.0, 3.0), 1.0);
        assert_eq!(chi_square_sf(f64::INFINITY, 3.0), 0.0);
        assert!(chi_square_sf(1.0, 0.0).is_nan());
    }

    #[test]
    fn special_functions() {
        // scipy: scipy.special.gammaincc(a, x)
        close(regularized_gamma_q(0.5, 2.0), 0.04550026389635857, 1e-13);
        close(regularized_gamma_q(3.0, 1.0), 0.9196986029286058, 1e-14);
        close(regularized_gamma_q(100.0, 90.0), 0.84177901081357, 1e-13);
        close(regularized_gamma_q(2.5, 40.0), 8.391825114831597e-16, 1e-12);
        // scipy: scipy.special.gammainc(3, 1)
        close(regularized_gamma_p(3.0, 1.0), 0.08030139707139418, 1e-13);
        // scipy: scipy.special.betainc(a, b, x)
        close(regularized_beta(0.3, 2.0, 3.0), 0.34829999999999994, 1e-14);
        close(regularized_beta(0.999, 0.5, 0.5), 0.9798649583666235, 1e-13);
        close(regularized_beta(0.5, 50.0, 50.0), 0.5000000000000007, 1e-13);
        close(regularized_beta(0.1, 0.1, 10.0), 0.9761439492556259, 1e-13);
        close(
            regularized_beta(0.31, 300.0, 700.0),
            0.7564186827315443,
            1e-11,
        );
        close(
            regularized_beta(0.28, 300.0, 700.0),
            0.0823909765105907,
            1e-11,
        );
        // scipy: scipy.special.gammaln(x)
        close(ln_gamma(0.001), 6.907178885383853, 1e-14);
        close(ln_gamma(0.5), 0.5723649429247, 1e-14);
        close(ln_gamma(3.7), 1.428072326665388, 1e-14);
        close(ln_gamma(25.0), 54.78472939811232, 1e-15);
        close(ln_gamma(1e6), 12815504.569147611, 1e-15);
        assert!(regularized_beta(1.5, 1.0, 1.0).is_nan());
        assert!(regularized_gamma_q(-1.0, 1.0).is_nan());
    }

    #[test]
    fn mean_sd_from_counts() {
        // numpy on the expanded data [1]*3 + [3]*5 + [4]*10 + [5]*7: mean, std(ddof=1)
        let counts = [(1.0, 3.0), (2.0, 0.0), (3.0, 5.0), (4.0, 10.0), (5.0, 7.0)];
        let (mean, sd) = mean_sd(&counts);
        close(mean, 3.72, 1e-15);
        close(sd, 1.2423096769056148, 1e-14);
        assert_eq!(mean_sd(&[(4.0, 1.0)]), (4.0, 0.0));
        let (m, s) = mean_sd(&[]);
        assert!(m.is_nan() && s.is_nan());
        assert!(mean_sd(&[(1.0, -1.0)]).0.is_nan());
        assert!(mean_sd(&[(1.0, 0.0)]).0.is_nan());
    }

    #[test]
    fn t_interval_for_mean() {
        // scipy: scipy.stats.t.interval(0.95, 24, loc=3.72, scale=sd/sqrt(25)) for the data of
        // mean_sd_from_counts
        let (lo, hi) = mean_t_interval(3.72, 1.2423096769056148, 25.0, 0.95);
        close(lo, 3.2071997689475853, 1e-13);
        close(hi, 4.2328002310524155, 1e-13);
        // scipy: scipy.stats.t.interval(0.90, 9, loc=3.2, scale=1.1/sqrt(10))
        let (lo, hi) = mean_t_interval(3.2, 1.1, 10.0, 0.90);
        close(lo, 2.5623506716944986, 1e-13);
        close(hi, 3.8376493283055018, 1e-13);
        assert_eq!(mean_t_interval(2.0, 0.0, 1.0, 0.95), (2.0, 2.0));
        assert!(mean_t_interval(2.0, 1.0, 10.0, 1.0).0.is_nan());
    }

    #[test]
    fn chi_square_3x5_matches_scipy() {
        let table = vec![
            vec![12.0, 25.0, 30.0, 18.0, 5.0],
            vec![8.0, 14.0, 22.0, 30.0, 16.0],
            vec![3.0, 6.0, 9.0, 20.0, 27.0],
        ];
        // scipy: scipy.stats.chi2_contingency(table, correction=False) -> statistic, pvalue,
        // dof; expected_freq.min(); Cramér's V = sqrt(stat / (N * (3 - 1))), N = 245
        let res = chi_square_independence(&table).unwrap();
        close(res.statistic, 44.895821156646264, 1e-12);
        close(res.p_value, 3.851126523163625e-07, 1e-10);
        assert_eq!(res.df, 8);
        close(res.cramers_v, 0.30269477169168646, 1e-12);
        close(res.min_expected, 6.1020408163265305, 1e-14);
        assert_eq!(res.expected_below_5_pct, 0.0);
    }

    #[test]
    fn chi_square_drops_empty_rows_and_columns() {
        let table = vec![
            vec![5.0, 0.0, 3.0],
            vec![0.0, 0.0, 0.0],
            vec![1.0, 0.0, 9.0],
        ];
        // scipy: chi2_contingency([[5, 3], [1, 9]], correction=False)
        let res = chi_square_independence(&table).unwrap();
        close(res.statistic, 5.5125, 1e-13);
        close(res.p_value, 0.018881040156098833, 1e-11);
        assert_eq!(res.df, 1);
        close(res.min_expected, 2.6666666666666665, 1e-14);
        assert_eq!(res.expected_below_5_pct, 50.0);
        assert!(chi_square_independence(&[vec![1.0, 2.0], vec![0.0, 0.0]]).is_none());
        assert!(chi_square_independence(&[vec![1.0, 2.0], vec![3.0]]).is_none());
        assert!(chi_square_independence(&[vec![1.0, -2.0], vec![3.0, 1.0]]).is_none());
        assert!(chi_square_independence(&[]).is_none());
    }

    #[test]
    fn two_proportions() {
        // statsmodels: proportions_ztest([45, 60], [120, 130]) gives z for p1 - p2 (sign flipped
        // here) and the p-value; confint_proportions_2indep(60, 130, 45, 120, method='wald',
        // compare='diff') gives the CI of p2 - p1.
        let res = two_proportion_z_test(45.0, 120.0, 60.0, 130.0).unwrap();
        close(res.statistic, 1.3850416168510054, 1e-13);
        close(res.p_value, 0.1660397423150114, 1e-12);
        close(res.difference, 0.08653846153846156, 1e-14);
        close(res.ci95.0, -0.035307989041887894, 1e-12);
        close(res.ci95.1, 0.20838491211881102, 1e-12);
        let same = two_proportion_z_test(0.0, 10.0, 0.0, 20.0).unwrap();
        assert_eq!(
            (same.statistic, same.p_value, same.difference),
            (0.0, 1.0, 0.0)
        );
        assert!(two_proportion_z_test(5.0, 0.0, 1.0, 2.0).is_none());
        assert!(two_proportion_z_test(5.0, 4.0, 1.0, 2.0).is_none());
    }

    #[test]
    fn welch_from_summaries() {
        // scipy: ttest_ind_from_stats(3.1, 1.2, 40, 3.6, 0.9, 25, equal_var=False), with the sign
        // flipped for mean2 - mean1; CI from t.ppf(0.975, df) * se.
        let res = welch_t_test(3.1, 1.2, 40.0, 3.6, 0.9, 25.0).unwrap();
        close(res.statistic, 1.9117977822546814, 1e-13);
        close(res.p_value, 0.06061909848720582, 1e-11);
        close(res.df, 60.78359417161359, 1e-13);
        close(res.ci95.0, -0.023007086411871325, 1e-10);
        close(res.ci95.1, 1.0230070864118712, 1e-12);
    }

    #[test]
    fn welch_matches_scipy_on_raw_data() {
        // scipy: ttest_ind(b, a, equal_var=False) with its confidence_interval(0.95), for
        // a = [3,4,2,5,4,3,4,5,1,3], b = [4,5,5,3,4,5,5,4]
        let a = [3.0, 4.0, 2.0, 5.0, 4.0, 3.0, 4.0, 5.0, 1.0, 3.0];
        let b = [4.0, 5.0, 5.0, 3.0, 4.0, 5.0, 5.0, 4.0];
        let (m1, s1) = mean_sd(&a.map(|v| (v, 1.0)));
        let (m2, s2) = mean_sd(&b.map(|v| (v, 1.0)));
        let res = welch_t_test(m1, s1, 10.0, m2, s2, 8.0).unwrap();
        close(res.statistic, 2.036576333758584, 1e-12);
        close(res.p_value, 0.05988414330594848, 1e-11);
        close(res.df, 14.887776684895565, 1e-12);
        close(res.ci95.0, -0.04609038951117017, 1e-10);
        close(res.ci95.1, 1.9960903895111703, 1e-12);
        assert!(welch_t_test(1.0, 0.0, 5.0, 1.0, 0.0, 5.0).is_none());
        assert!(welch_t_test(1.0, 1.0, 1.0, 1.0, 1.0, 5.0).is_none());
    }

    #[test]
    fn weights() {
        // numpy: np.average(x, weights=w), np.sqrt(np.cov(x, aweights=w)), w.sum()**2/(w**2).sum()
        let pairs = [(1.0, 0.5), (2.0, 1.5), (4.0, 2.0), (5.0, 0.7), (3.0, 0.0)];
        let (mean, sd, n_eff) = weighted_mean_sd(&pairs);
        close(mean, 3.1914893617021276, 1e-14);
        close(sd, 1.5905349177252637, 1e-13);
        close(n_eff, 3.1602288984263236, 1e-14);
        // Equal weights reduce to the unweighted n-1 sd.
        let (m, s, n) = weighted_mean_sd(&[(1.0, 2.0), (2.0, 2.0), (6.0, 2.0)]);
        let (m0, s0) = mean_sd(&[(1.0, 1.0), (2.0, 1.0), (6.0, 1.0)]);
        close(m, m0, 1e-15);
        close(s, s0, 1e-14);
        close(n, 3.0, 1e-15);
        close(kish_effective_n(4.7, 7.23), 4.7 * 4.7 / 7.23, 1e-15);
        assert_eq!(kish_effective_n(0.0, 0.0), 0.0);
        assert!(kish_effective_n(-1.0, 1.0).is_nan());
        close(
            design_effect(4.0, 4.7, 7.23),
            4.0 / (4.7 * 4.7 / 7.23),
            1e-15,
        );
        assert_eq!(design_effect(3.0, 3.0, 3.0), 1.0);
        let (m, s, n) = weighted_mean_sd(&[]);
        assert!(m.is_nan() && s.is_nan() && n == 0.0);
    }

    #[test]
    fn never_panics() {
        let odd = [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -1.0,
            0.0,
            1e-320,
            0.5,
            1.0,
            2.0,
            1e300,
        ];
        for &a in &odd {
            let _ = (normal_cdf(a), normal_quantile(a), ln_gamma(a));
            let _ = (
                mean_sd(&[(a, a), (1.0, 2.0)]),
                weighted_mean_sd(&[(a, a), (1.0, 2.0)]),
            );
            for &b in &odd {
                let _ = (
                    student_t_cdf(a, b),
                    student_t_quantile(a, b),
                    chi_square_sf(a, b),
                );
                let _ = (
                    regularized_gamma_q(a, b),
                    regularized_gamma_p(a, b),
                    ln_beta(a, b),
                );
                let _ = (wilson_interval(a, b, Z95), kish_effective_n(a, b));
                let _ = (margin_of_error(a, b, Some(b)), margin_of_error(a, b, None));
                let _ = (
                    mean_t_interval(a, b, b, 0.95),
                    mean_t_interval(1.0, 1.0, a, b),
                );
                let _ = two_proportion_z_test(a, b, a, b);
                let _ = welch_t_test(a, b, b, a, 1.0, 5.0);
                let _ = chi_square_independence(&[vec![a, b], vec![b, a]]);
                for &c in &odd {
                    let _ = regularized_beta(a, b, c);
                }
            }
        }
    }
}
