//! Hypothesis tests: chi-square independence with Cramér's V, the two-proportion z-test and
//! Welch's t-test.

use super::*;

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

/// How strong an association is by Cramér's V, in Cohen's (1988) conventional steps for
/// w = 0.1, 0.3 and 0.5 read directly on V.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EffectSize {
    /// V below 0.1.
    Negligible,
    /// V from 0.1 to below 0.3.
    Weak,
    /// V from 0.3 to below 0.5.
    Moderate,
    /// V of 0.5 or more.
    Strong,
}

/// The thresholds of [`EffectSize`]: V below the first is negligible, below the second weak,
/// below the third moderate, otherwise strong.
pub const CRAMERS_V_STEPS: [f64; 3] = [0.1, 0.3, 0.5];

/// The step of Cramér's V `v` (see [`CRAMERS_V_STEPS`]); `None` for NaN or a negative V.
pub fn cramers_v_size(v: f64) -> Option<EffectSize> {
    if v.is_nan() || v < 0.0 {
        return None;
    }
    let [weak, moderate, strong] = CRAMERS_V_STEPS;
    Some(if v < weak {
        EffectSize::Negligible
    } else if v < moderate {
        EffectSize::Weak
    } else if v < strong {
        EffectSize::Moderate
    } else {
        EffectSize::Strong
    })
}
