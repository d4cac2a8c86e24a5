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

    /** Eq. 15 as a plain loop: every chunk's progress difference, standardised over the buffer. */
    @Test
    void advantagesMatchThePlainLoop() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] progress = new double[6][];
        for (int i = 0; i < progress.length; i++) {
            progress[i] = new double[2 + r.nextInt(8)];
            for (int c = 0; c < progress[i].length; c++) {
                progress[i][c] = r.nextDouble();
            }
        }
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
