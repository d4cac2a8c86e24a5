package dev.srpo.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProgressMetricsTest {

    @Test
    void spearmanRanksWithTies() {
        double[] x = {1, 2, 3, 4, 5};
        assertEquals(
                1, ProgressMetrics.spearman(x, new double[] {0.1, 0.2, 0.5, 0.9, 10}), 1e-12); // monotone, not linear
        assertEquals(-1, ProgressMetrics.spearman(x, new double[] {5, 4, 3, 2, 1}), 1e-12);
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, ProgressMetrics.ranks(new double[] {1, 2, 2, 3}), 1e-12);
        // hand computed: ranks of y are 1, 2.5, 2.5, 4 against 1, 2, 3, 4 → r = 4.5 / sqrt(5 * 4.5)
        assertEquals(
                4.5 / Math.sqrt(5 * 4.5),
                ProgressMetrics.spearman(new double[] {1, 2, 3, 4}, new double[] {1, 2, 2, 3}),
                1e-12);
        assertTrue(Double.isNaN(ProgressMetrics.spearman(x, new double[] {1, 1, 1, 1, 1})));
        assertThrows(IllegalArgumentException.class, () -> ProgressMetrics.spearman(x, new double[] {1}));
    }

    @Test
    void monotonicityCountsStrictRises() {
        assertEquals(1, ProgressMetrics.monotonicity(new double[] {0, 0.1, 0.5, 1}));
        assertEquals(2.0 / 4, ProgressMetrics.monotonicity(new double[] {0, 0.5, 0.5, 0.4, 1}));
        assertEquals(0, ProgressMetrics.monotonicity(new double[] {1, 0.5, 0}));
        assertTrue(Double.isNaN(ProgressMetrics.monotonicity(new double[] {1})));
    }

    @Test
    void mmdOfGaussianKernelByHand() {
        assertEquals(0, ProgressMetrics.mmd(new double[] {0.3, 0.7}, new double[] {0.7, 0.3}, 0.2), 1e-12);
        // one point each: k(a,a) + k(b,b) - 2 k(a,b) = 2 - 2 exp(-d²/2σ²)
        double expected = 2 - 2 * Math.exp(-0.25 / (2 * 0.04));
        assertEquals(expected, ProgressMetrics.mmd(new double[] {0.5}, new double[] {1.0}, 0.2), 1e-12);
        // far apart samples approach the maximum of 2
        assertEquals(2, ProgressMetrics.mmd(new double[] {0, 0}, new double[] {1, 1}, 0.01), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ProgressMetrics.mmd(new double[] {0}, new double[] {1}, 0));
    }

    @Test
    void jensenShannonIsZeroForSameHistogramAndLn2ForDisjoint() {
        assertEquals(0, ProgressMetrics.jensenShannon(new double[] {0.05, 0.55}, new double[] {0.51, 0.01}, 10), 1e-12);
        assertEquals(
                Math.log(2),
                ProgressMetrics.jensenShannon(new double[] {0.95, 1.0}, new double[] {0, 0.02}, 10),
                1e-12);
        // half overlapping: P = (1/2, 1/2, 0), Q = (0, 1/2, 1/2) → JS = 1/2 ln 2
        double js = ProgressMetrics.jensenShannon(new double[] {0.1, 0.5}, new double[] {0.5, 0.9}, 3);
        assertEquals(0.5 * Math.log(2), js, 1e-12);
    }

    @Test
    void smdUsesThePooledDeviation() {
        // means 2 and 0; variances 1 and 1 → pooled 1 → SMD 2
        assertEquals(2, ProgressMetrics.smd(new double[] {1, 2, 3}, new double[] {-1, 0, 1}), 1e-12);
        // unequal sizes: s = {0, 2} (var 2), f = {0, 0, 3} (var 3) → pooled (2 + 2·3) / 3
        double pooled = Math.sqrt((1 * 2.0 + 2 * 3.0) / 3);
        assertEquals((1 - 1) / pooled, ProgressMetrics.smd(new double[] {0, 2}, new double[] {0, 0, 3}), 1e-12);
        assertTrue(Double.isNaN(ProgressMetrics.smd(new double[] {1, 1}, new double[] {0, 0})));
    }

    @Test
    void progressReversesAndNormalisesDistances() {
        assertArrayEquals(
                new double[] {0, 0.5, 1}, ProgressMetrics.progressFromDistances(new double[] {4, 3, 2}), 1e-12);
        assertArrayEquals(new double[] {0, 0}, ProgressMetrics.progressFromDistances(new double[] {1, 1}), 0);
        assertEquals(1.5, ProgressMetrics.finiteMean(1, Double.NaN, 2), 1e-12);
        assertTrue(Double.isNaN(ProgressMetrics.finiteMean(Double.NaN)));
    }
}
