package dev.srpo.metrics;

import java.util.Arrays;

/**
 * The five metrics of the paper's progress-reward benchmark, plus the helpers they need. The paper leaves the MMD
 * kernel and the JS binning unstated; the choices here are named on each method (and in reward-studies/README.md).
 */
public final class ProgressMetrics {

    /** MMD's Gaussian kernel bandwidth: progress values live in [0, 1]. */
    public static final double MMD_BANDWIDTH = 0.2;
    /** JS histograms: equal-width bins over [0, 1]. */
    public static final int JS_BINS = 10;

    private ProgressMetrics() {}

    /**
     * Spearman's rank correlation: Pearson's correlation of the ranks (ties get their average rank). NaN when either
     * series is constant (no ranking to correlate).
     */
    public static double spearman(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series of " + x.length + " and " + y.length + " values");
        }
        return pearson(ranks(x), ranks(y));
    }

    /** Pearson's correlation; NaN when either series has fewer than 2 values or no spread. */
    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks from 1, ties sharing their average rank. */
    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    /** Mono: the fraction of consecutive steps where the curve strictly rises; NaN for fewer than 2 points. */
    public static double monotonicity(double[] curve) {
        if (curve.length < 2) {
            return Double.NaN;
        }
        int rises = 0;
        for (int t = 1; t < curve.length; t++) {
            if (curve[t] > curve[t - 1]) {
                rises++;
            }
        }
        return (double) rises / (curve.length - 1);
    }

    /**
     * MMD²: the squared distance between the kernel mean embeddings of two samples, Gaussian kernel
     * exp(−(x − y)² / 2σ²) with σ = {@code bandwidth}, the biased (V-statistic) estimate, so never negative. 0 for
     * equal samples; at most 2.
     */
    public static double mmd(double[] a, double[] b, double bandwidth) {
        if (a.length == 0 || b.length == 0) {
            return Double.NaN;
        }
        if (!(bandwidth > 0)) {
            throw new IllegalArgumentException("MMD bandwidth must be > 0, got " + bandwidth);
        }
        return Math.max(0, kernelMean(a, a, bandwidth) + kernelMean(b, b, bandwidth) - 2 * kernelMean(a, b, bandwidth));
    }

    private static double kernelMean(double[] x, double[] y, double bandwidth) {
        double s = 0;
        for (double u : x) {
            for (double v : y) {
                s += Math.exp(-(u - v) * (u - v) / (2 * bandwidth * bandwidth));
            }
        }
        return s / ((double) x.length * y.length);
    }

    /**
     * Jensen–Shannon divergence (natural log, so at most ln 2 ≈ 0.693 for disjoint samples) between the histograms of
     * two samples of values in [0, 1], {@code bins} equal-width bins (values outside are clamped into the end bins).
     */
    public static double jensenShannon(double[] a, double[] b, int bins) {
        if (a.length == 0 || b.length == 0) {
            return Double.NaN;
        }
        double[] p = histogram(a, bins);
        double[] q = histogram(b, bins);
        double js = 0;
        for (int i = 0; i < bins; i++) {
            double m = 0.5 * (p[i] + q[i]);
            if (p[i] > 0) {
                js += 0.5 * p[i] * Math.log(p[i] / m);
            }
            if (q[i] > 0) {
                js += 0.5 * q[i] * Math.log(q[i] / m);
            }
        }
        return js;
    }

    static double[] histogram(double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("need at least one bin, got " + bins);
        }
        double[] h = new double[bins];
        for (double v : values) {
            int i = (int) Math.floor(v * bins);
            h[Math.min(bins - 1, Math.max(0, i))] += 1.0 / values.length;
        }
        return h;
    }

    /**
     * Standardised mean difference (μ_success − μ_failure) / σ_pooled, σ_pooled² = ((n−1)σ_s² + (m−1)σ_f²) / (n+m−2).
     * NaN with fewer than 3 values in all or no spread at all (the ratio is undefined, not large).
     */
    public static double smd(double[] success, double[] failure) {
        int n = success.length;
        int m = failure.length;
        if (n < 1 || m < 1 || n + m < 3) {
            return Double.NaN;
        }
        double pooled = ((n - 1) * variance(success) + (m - 1) * variance(failure)) / (n + m - 2);
        return pooled == 0 ? Double.NaN : (mean(success) - mean(failure)) / Math.sqrt(pooled);
    }

    /**
     * A progress curve from distances to a goal (App. B): min-max normalised and reversed, so the largest distance
     * maps to 0 and the smallest to 1. A constant series carries no progress and maps to all zeros.
     */
    public static double[] progressFromDistances(double[] distances) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : distances) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        double[] p = new double[distances.length];
        if (max > min) {
            for (int i = 0; i < p.length; i++) {
                p[i] = (max - distances[i]) / (max - min);
            }
        }
        return p;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample variance (n − 1); 0 for a single value. */
    static double variance(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.length - 1);
    }

    /** The mean of the finite values; NaN if none (tables average per-task metrics this way). */
    public static double finiteMean(double... values) {
        double s = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
