package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.srpo.rl.GroupAdvantage.Normalisation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupAdvantageTest {

    /** Eq. 6 written as plainly as possible: the twin the class is checked against. */
    private static double[] plain(double[] g, Normalisation n, double eps) {
        int m = g.length;
        double mu = 0;
        for (int i = 0; i < m; i++) {
            mu += g[i] / m;
        }
        double ss = 0;
        for (int i = 0; i < m; i++) {
            ss += (g[i] - mu) * (g[i] - mu);
        }
        double[] a = new double[m];
        for (int i = 0; i < m; i++) {
            if (n == Normalisation.PAPER) {
                a[i] = (g[i] - mu) / Math.sqrt(ss / m + eps);
            } else if (n == Normalisation.RELEASED_CODE) {
                a[i] = m == 1 ? g[i] : (g[i] - mu) / (Math.sqrt(ss / (m - 1)) + eps);
            } else {
                a[i] = g[i] - mu;
            }
        }
        return a;
    }

    @Test
    void matchesThePlainLoopForEveryNormalisation() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + r.nextInt(9);
            double[] g = new double[m];
            for (int i = 0; i < m; i++) {
                g[i] = r.nextBoolean() ? 1 : 0.8 * r.nextDouble();
            }
            for (Normalisation n : Normalisation.values()) {
                assertArrayEquals(plain(g, n, 1e-6), GroupAdvantage.of(g, n, 1e-6), 1e-12, n + " m=" + m);
            }
        }
    }

    @Test
    void oneSuccessAmongFailuresGetsTheLargestAdvantageAndTheyCentreOnZero() {
        double[] a = GroupAdvantage.of(new double[] {1, 0, 0, 0, 0, 0, 0, 0}, Normalisation.PAPER, 1e-6);
        double sum = 0;
        for (double v : a) {
            sum += v;
        }
        assertEquals(0, sum, 1e-9);
        assertEquals(Math.sqrt(7), a[0], 1e-4); // (1 − 1/8) / sqrt(7/64)
        assertEquals(-1 / Math.sqrt(7), a[1], 1e-4);
    }

    @Test
    void equalRewardsAndSingletonsGiveZeroUnderThePaperAndTheRewardUnderTheCode() {
        assertArrayEquals(new double[] {0, 0, 0}, GroupAdvantage.of(new double[] {1, 1, 1}, Normalisation.PAPER, 1e-6));
        assertArrayEquals(new double[] {0}, GroupAdvantage.of(new double[] {0.7}, Normalisation.PAPER, 1e-6));
        assertArrayEquals(new double[] {0.7}, GroupAdvantage.of(new double[] {0.7}, Normalisation.RELEASED_CODE, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> GroupAdvantage.of(new double[0], Normalisation.PAPER, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> GroupAdvantage.of(new double[] {1, Double.NaN}, Normalisation.PAPER, 0));
    }
}
