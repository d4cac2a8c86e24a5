package dev.srpo.rl;

import static dev.srpo.rl.ProgressAdvantage.Baseline.BUFFER;
import static dev.srpo.rl.ProgressAdvantage.Baseline.PROGRESS;
import static dev.srpo.rl.ProgressAdvantage.Horizon.STEP;
import static dev.srpo.rl.ProgressAdvantage.Horizon.TO_GO;
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
        double[][] a = ProgressAdvantage.of(progress, TO_GO, BUFFER);
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

    /**
     * The progress baseline as a plain loop: the chunks' starting progress cut at its deciles, each chunk's credit
     * less its decile's mean credit, then standardised.
     */
    @Test
    void progressBaselineMatchesThePlainLoop() {
        double[][] progress = randomProgress(11, 40);
        progress[2] = null;
        for (double[] p : progress) {
            for (int c = 0; p != null && c < p.length; c++) {
                p[c] = Math.round(p[c] * 20) / 20.0; // ties: chunks of equal progress must share a bin
            }
        }
        for (ProgressAdvantage.Horizon horizon : ProgressAdvantage.Horizon.values()) {
            List<double[]> chunks = new ArrayList<>(); // {start, credit}
            for (double[] p : progress) {
                for (int c = 0; p != null && c + 1 < p.length; c++) {
                    chunks.add(new double[] {p[c], (horizon == STEP ? p[c + 1] : p[p.length - 1]) - p[c]});
                }
            }
            double[] sorted = chunks.stream().mapToDouble(x -> x[0]).sorted().toArray();
            int[] bin = new int[chunks.size()]; // how many decile edges lie at or below the chunk's start
            for (int k = 0; k < bin.length; k++) {
                for (int b = 1; b < ProgressAdvantage.BINS; b++) {
                    bin[k] += sorted[b * sorted.length / ProgressAdvantage.BINS] <= chunks.get(k)[0] ? 1 : 0;
                }
            }
            List<Double> residual = new ArrayList<>();
            for (int k = 0; k < bin.length; k++) {
                double sum = 0;
                int n = 0;
                for (int other = 0; other < bin.length; other++) {
                    if (bin[other] == bin[k]) {
                        sum += chunks.get(other)[1];
                        n++;
                    }
                }
                residual.add(chunks.get(k)[1] - sum / n);
            }
            double mu = residual.stream().mapToDouble(x -> x).average().orElseThrow();
            double sigma = Math.sqrt(
                    residual.stream().mapToDouble(x -> (x - mu) * (x - mu)).sum() / residual.size());
            assertEquals(0, mu, 1e-12, "each bin's residuals sum to 0");
            double[][] a = ProgressAdvantage.of(progress, horizon, PROGRESS);
            int j = 0;
            for (int i = 0; i < progress.length; i++) {
                if (progress[i] == null) {
                    assertNull(a[i]);
                    continue;
                }
                for (double v : a[i]) {
                    assertEquals((residual.get(j++) - mu) / (sigma + ProgressAdvantage.EPS), v, 1e-9, horizon + "");
                }
            }
        }
    }

    /** From the same progress, a success's last chunk ranks above a failure's: G's shrinking no longer counts. */
    @Test
    void progressBaselineRanksChunksFromTheSameStart() {
        double[][] progress = new double[40][];
        for (int i = 0; i < progress.length; i++) {
            boolean success = i % 2 == 0;
            progress[i] = new double[] {0.1, 0.5, 0.9, success ? 1.0 : 0.6};
        }
        progress[1] = new double[] {0.1, 0.2, 0.3, 0.35}; // a failure that never got far
        double[][] buffer = ProgressAdvantage.of(progress, TO_GO, BUFFER);
        assertTrue(buffer[0][2] < buffer[1][0], "the buffer's mean: a success's last chunk below a poor start");
        double[][] value = ProgressAdvantage.of(progress, TO_GO, PROGRESS);
        assertTrue(value[0][2] > value[1][0], "the progress baseline: the success's last chunk above the poor start");
        assertTrue(value[0][2] > value[3][2], "same start, the success ahead");
        assertTrue(value[0][2] > 0 && value[0][0] > 0, "every chunk of a success is above its start's value");
        assertTrue(value[3][2] < 0, "a failure's chunk is below it");
    }

    @Test
    void toGoCreditsEveryChunkOfASuccessAboveAFailureThatGotNowhere() {
        double[][] progress = {{0.1, 0.5, 0.4, 1.0}, {0.1, 0.3, 0.2, 0.1}};
        double[][] a = ProgressAdvantage.of(progress, TO_GO, BUFFER);
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
