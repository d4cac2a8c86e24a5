package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProgressAdvantageTest {

    /** n trajectories of 1–8 chunks, progress uniform in [0, 1). */
    static double[][] randomProgress(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] progress = new double[n][];
        for (int i = 0; i < n; i++) {
            progress[i] = new double[2 + r.nextInt(8)];
            for (int c = 0; c < progress[i].length; c++) {
                progress[i][c] = r.nextDouble();
            }
        }
        return progress;
    }

    /** Eq. 15 as a plain loop: every chunk's progress difference, standardised over the buffer. */
    @Test
    void advantagesMatchThePlainLoop() {
        double[][] progress = randomProgress(5, 6);
        progress[3] = null; // a skipped trajectory
        List<Double> d = new ArrayList<>();
        for (double[] p : progress) {
            for (int c = 0; p != null && c + 1 < p.length; c++) {
                d.add(p[c + 1] - p[c]);
            }
        }
        double mu = d.stream().mapToDouble(x -> x).average().orElseThrow();
        double sigma =
                Math.sqrt(d.stream().mapToDouble(x -> (x - mu) * (x - mu)).sum() / d.size());
        double[][] a = ProgressAdvantage.of(progress);
        for (int i = 0; i < progress.length; i++) {
            if (progress[i] == null) {
                assertNull(a[i]);
                continue;
            }
            double[] expected = new double[progress[i].length - 1];
            for (int c = 0; c < expected.length; c++) {
                expected[c] = (progress[i][c + 1] - progress[i][c] - mu) / (sigma + ProgressAdvantage.EPS);
            }
            assertArrayEquals(expected, a[i], 1e-12);
        }
        double mean = 0;
        for (double[] row : a) {
            for (int c = 0; row != null && c < row.length; c++) {
                mean += row[c];
            }
        }
        assertEquals(0, mean, 1e-9, "standardised: the advantages sum to 0");
    }

    /** The progress to go as a plain loop: from each chunk to the end, standardised over the buffer. */
    @Test
    void toGoMatchesThePlainLoop() {
        double[][] progress = randomProgress(7, 5);
        progress[1] = null;
        List<Double> g = new ArrayList<>();
        for (double[] p : progress) {
            for (int c = 0; p != null && c + 1 < p.length; c++) {
                double sum = 0;
                for (int k = c; k + 1 < p.length; k++) {
                    sum += p[k + 1] - p[k]; // the return of the per-chunk reward D, γ = 1
                }
                g.add(sum);
            }
        }
        double mu = g.stream().mapToDouble(x -> x).average().orElseThrow();
        double sigma =
                Math.sqrt(g.stream().mapToDouble(x -> (x - mu) * (x - mu)).sum() / g.size());
        double[][] a = ProgressAdvantage.of(progress, ProgressAdvantage.Horizon.TO_GO);
        int j = 0;
        for (int i = 0; i < progress.length; i++) {
            if (progress[i] == null) {
                assertNull(a[i]);
                continue;
            }
            assertEquals(progress[i].length - 1, a[i].length);
            for (double v : a[i]) {
                assertEquals((g.get(j++) - mu) / (sigma + ProgressAdvantage.EPS), v, 1e-9);
            }
        }
    }

    @Test
    void toGoCreditsEveryChunkOfASuccessAboveAFailureThatGotNowhere() {
        double[][] progress = {{0.1, 0.5, 0.4, 1.0}, {0.1, 0.3, 0.2, 0.1}};
        double[][] a = ProgressAdvantage.of(progress, ProgressAdvantage.Horizon.TO_GO);
        for (double success : a[0]) {
            for (double failure : a[1]) {
                assertTrue(success > failure, java.util.Arrays.deepToString(a));
            }
        }
        double[][] step = ProgressAdvantage.of(progress);
        assertTrue(
                step[0][1] < step[1][0],
                "by Eq. 15 the success's second chunk lost progress, the failure's first gained");
    }

    @Test
    void aChunkThatMadeProgressBeatsOneThatLostIt() {
        double[][] a = ProgressAdvantage.of(new double[][] {{0.1, 0.5, 0.4, 1.0}});
        assertTrue(a[0][0] > 0 && a[0][1] < 0 && a[0][2] > a[0][0], java.util.Arrays.toString(a[0]));
    }

    @Test
    void badProgressIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> ProgressAdvantage.of(new double[][] {{0.5}}));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ProgressAdvantage.of(new double[][] {{0.5, Double.NaN}}));
        assertTrue(e.getMessage().contains("trajectory 0"), e.getMessage());
    }
}
