package dev.srpo.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StepProgressTest {

    private static double[] point(SplittableRandom r, double centre) {
        return new double[] {centre + 0.05 * r.nextGaussian(), centre + 0.05 * r.nextGaussian()};
    }

    /** A trajectory whose prefixes walk from (0, 0) towards (to, to) in {@code n} steps. */
    private static StepProgress.Trajectory walk(String task, boolean success, double to, int n, SplittableRandom r) {
        double[][] p = new double[n][];
        for (int t = 0; t < n; t++) {
            p[t] = point(r, to * t / (n - 1));
        }
        return new StepProgress.Trajectory(task, success, p);
    }

    /** R_{i,t} = α σ(−z) over all the task's prefix distances to the nearest reference, 1 at a success's end. */
    @Test
    void progressMatchesThePlainLoop() {
        SplittableRandom r = new SplittableRandom(3);
        List<StepProgress.Trajectory> buffer = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            buffer.add(walk("a", true, 1.0, 6, r));
            buffer.add(walk("a", false, 0.4 + 0.1 * i, 5 + i, r));
        }
        WorldProgressReward reward = WorldProgressReward.paper();
        StepProgress.Result result = new StepProgress(reward).compute(buffer);

        List<double[]> successes = new ArrayList<>();
        buffer.stream().filter(StepProgress.Trajectory::success).forEach(t -> successes.add(t.whole()));
        List<double[]> refs = reward.referencePoints("a", successes);
        List<Double> d = new ArrayList<>();
        for (StepProgress.Trajectory t : buffer) {
            for (double[] p : t.prefixes()) {
                double best = Double.MAX_VALUE;
                for (double[] c : refs) {
                    best = Math.min(best, Math.hypot(p[0] - c[0], p[1] - c[1]));
                }
                d.add(best);
            }
        }
        double mean = d.stream().mapToDouble(x -> x).average().orElseThrow();
        double std =
                Math.sqrt(d.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / d.size());
        int k = 0;
        for (int i = 0; i < buffer.size(); i++) {
            StepProgress.Trajectory t = buffer.get(i);
            double[] expected = new double[t.prefixes().length];
            for (int j = 0; j < expected.length; j++) {
                expected[j] = 0.8 / (1 + Math.exp((d.get(k++) - mean) / std));
            }
            if (t.success()) {
                expected[expected.length - 1] = 1;
            }
            assertArrayEquals(expected, result.progress()[i], 1e-12, "trajectory " + i);
        }
        // a success's prefixes approach its references: progress rises along the way
        double[] s = result.progress()[0];
        assertTrue(s[4] > s[0], "progress rises towards the successes: " + java.util.Arrays.toString(s));
        assertEquals(0, result.skipped());
    }

    @Test
    void aTaskWithoutSuccessIsSkippedAndSaidSo() {
        SplittableRandom r = new SplittableRandom(4);
        List<StepProgress.Trajectory> buffer = List.of(
                walk("a", true, 1, 4, r),
                walk("a", false, 0.5, 4, r),
                walk("b", false, 0.5, 4, r),
                walk("b", false, 0.2, 3, r));
        StepProgress.Result result = new StepProgress(WorldProgressReward.paper()).compute(buffer);
        assertNull(result.progress()[2]);
        assertNull(result.progress()[3]);
        assertEquals(2, result.skipped());
        StepProgress.TaskProgress b = result.tasks().get(1);
        assertEquals("b", b.task());
        assertEquals(Fallback.NO_SUCCESS, b.fallback());
        assertEquals(0, b.references());
        assertEquals(1.0, result.progress()[0][3]);
    }

    @Test
    void embeddingsOfAnotherSizeOrNotFiniteAreNamed() {
        double[][] two = {{0, 0}, {1, 1}};
        double[][] three = {{0, 0, 0}, {1, 1, 1}};
        StepProgress p = new StepProgress(WorldProgressReward.paper());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> p.compute(List.of(
                        new StepProgress.Trajectory("a", true, two), new StepProgress.Trajectory("a", false, three))));
        assertTrue(e.getMessage().contains("one encoder"), e.getMessage());
        double[][] nan = {{0, Double.NaN}, {1, 1}};
        e = assertThrows(
                IllegalArgumentException.class, () -> p.compute(List.of(new StepProgress.Trajectory("a", true, nan))));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StepProgress.Trajectory("a", true, new double[0][]));
    }
}
