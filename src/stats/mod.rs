//! Statistics for survey results: confidence intervals, distribution functions, tests and
//! corrections for many tests.
//!
//! Everything here is pure `f64` arithmetic with no dependencies beyond `std`, so it behaves the
//! same natively and in WebAssembly. No function panics: invalid input (NaN, negative counts,
//! empty data, ...) yields NaN, `None` or the documented fallback instead.

mod dist;
mod hypothesis;
mod interval;
mod multiple;
mod special;

pub use dist::*;
pub use hypothesis::*;
pub use interval::*;
pub use multiple::*;
pub use special::*;

#[cfg(test)]
mod tests {
    use super::*;
    use std::f64::consts::PI;

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
    fn holm_by_hand_and_benjamini_hochberg_1995() {
        // By hand: sorted 0.005, 0.01, 0.03, 0.04 with m = 4 gives 4·0.005 = 0.02, 3·0.01 =
        // 0.03, 2·0.03 = 0.06 and max(0.06, 1·0.04) = 0.06, returned in the input order.
        let adj = holm_adjust(&[0.01, 0.04, 0.03, 0.005]);
        for (got, want) in adj.iter().zip([0.03, 0.06, 0.06, 0.02]) {
            close(*got, want, 1e-15);
        }
        // By hand: a NaN stays NaN and is not counted in m = 3: 3·0.01, 2·0.02, 1·0.5.
        let adj = holm_adjust(&[0.5, f64::NAN, 0.01, 0.02]);
        close(adj[0], 0.5, 0.0);
        assert!(adj[1].is_nan());
        close(adj[2], 0.03, 1e-15);
        close(adj[3], 0.04, 1e-15);
        assert!(holm_adjust(&[]).is_empty());
        close(holm_adjust(&[0.2])[0], 0.2, 0.0);
        // By hand: 2·0.6 = 1.2 is capped at 1, and the next stays at least 1.
        assert_eq!(holm_adjust(&[0.7, 0.6]), vec![1.0, 1.0]);

        // Benjamini & Hochberg (1995), J. R. Statist. Soc. B 57:289-300, section 4: the 15
        // p-values of Neuhaus et al. At level 0.05 their procedure rejects the four smallest,
        // while the Bonferroni-type procedures (Holm's among them) reject three.
        let p = [
            0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262,
            0.5719, 0.6528, 0.7590, 1.000,
        ];
        let rejected = |adj: Vec<f64>| adj.iter().filter(|&&q| q < 0.05).count();
        assert_eq!(rejected(benjamini_hochberg_adjust(&p)), 4);
        assert_eq!(rejected(holm_adjust(&p)), 3);
        // By hand: BH q(4) = min over j >= 4 of 15 p(j) / j = 15 · 0.0095 / 4 = 0.035625 (the
        // later terms are larger: 15 · 0.0201 / 5 = 0.0603, …); Holm's fourth is 12 · 0.0095.
        close(benjamini_hochberg_adjust(&p)[3], 0.035625, 1e-12);
        close(holm_adjust(&p)[3], 0.114, 1e-12);
        // By hand: BH on 0.01, 0.04, 0.03, 0.005 (m = 4): q(4) = 0.04, q(3) = min(0.04,
        // 4·0.03/3) = 0.04, q(2) = min(0.04, 4·0.01/2) = 0.02, q(1) = min(0.02, 4·0.005) = 0.02.
        let adj = benjamini_hochberg_adjust(&[0.01, 0.04, 0.03, 0.005]);
        for (got, want) in adj.iter().zip([0.02, 0.04, 0.04, 0.02]) {
            close(*got, want, 1e-15);
        }
    }

    #[test]
    fn newcombe_hybrid_score_interval() {
        // Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (score
        // interval without continuity correction), for p1 - p2; here called as p2 - p1.
        // (a) 56/70 - 48/80: 0.0524 to 0.3339; (b) 9/10 - 3/10: 0.1705 to 0.8090.
        let (lo, hi) = newcombe_difference_interval(48.0, 80.0, 56.0, 70.0, Z95);
        assert!(
            (lo - 0.0524).abs() < 5e-5 && (hi - 0.3339).abs() < 5e-5,
            "{lo} {hi}"
        );
        let (lo, hi) = newcombe_difference_interval(3.0, 10.0, 9.0, 10.0, Z95);
        assert!(
            (lo - 0.1705).abs() < 5e-5 && (hi - 0.8090).abs() < 5e-5,
            "{lo} {hi}"
        );
        // Derived by hand from the Wilson limits (Newcombe's formula, in Python floats):
        // 5/56 - 0/29: -0.03813714790353688 to 0.19256001385511157; 0/10 - 0/20:
        // -0.16112515805281938 to 0.2775327998628892; 10/10 - 0/20: 0.6790860371419147 to 1.
        let (lo, hi) = newcombe_difference_interval(0.0, 29.0, 5.0, 56.0, Z95);
        close(lo, -0.03813714790353688, 1e-12);
        close(hi, 0.19256001385511157, 1e-12);
        let (lo, hi) = newcombe_difference_interval(0.0, 20.0, 0.0, 10.0, Z95);
        close(lo, -0.16112515805281938, 1e-12);
        close(hi, 0.2775327998628892, 1e-12);
        let (lo, hi) = newcombe_difference_interval(0.0, 20.0, 10.0, 10.0, Z95);
        close(lo, 0.6790860371419147, 1e-12);
        assert_eq!(hi, 1.0);
        // Swapping the groups mirrors the interval.
        let (a, b) = newcombe_difference_interval(56.0, 70.0, 48.0, 80.0, Z95);
        let (c, d) = newcombe_difference_interval(48.0, 80.0, 56.0, 70.0, Z95);
        close(a, -d, 1e-15);
        close(b, -c, 1e-15);
        assert!(newcombe_difference_interval(1.0, 0.0, 1.0, 2.0, Z95)
            .0
            .is_nan());
        assert!(newcombe_difference_interval(3.0, 2.0, 1.0, 2.0, Z95)
            .1
            .is_nan());
    }

    #[test]
    fn cramers_v_in_steps() {
        assert_eq!(cramers_v_size(0.0), Some(EffectSize::Negligible));
        assert_eq!(cramers_v_size(0.0999), Some(EffectSize::Negligible));
        assert_eq!(cramers_v_size(0.1), Some(EffectSize::Weak));
        assert_eq!(cramers_v_size(0.3027), Some(EffectSize::Moderate));
        assert_eq!(cramers_v_size(0.5), Some(EffectSize::Strong));
        assert_eq!(cramers_v_size(f64::NAN), None);
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
                let _ = newcombe_difference_interval(a, b, b, a, Z95);
                let _ = (holm_adjust(&[a, b]), benjamini_hochberg_adjust(&[a, b]));
                let _ = cramers_v_size(a);
                let _ = welch_t_test(a, b, b, a, 1.0, 5.0);
                let _ = chi_square_independence(&[vec![a, b], vec![b, a]]);
                for &c in &odd {
                    let _ = regularized_beta(a, b, c);
                }
            }
        }
    }
}
