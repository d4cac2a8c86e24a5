package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which rollouts {@code keepFailures} keeps: a hand-made case and a plain-loop twin on random buffers. */
class OfflineMethodTest {

    @Test
    void theFailuresOfMostProgressAreKeptPerTask() {
        String[] tasks = {"a", "a", "a", "a", "a", "b", "b", "b", "c"};
        boolean[] success = {true, false, false, false, false, false, false, true, false};
        double[][] progress = {
            {0, 1},
            {0, 0.2},
            {0, 0.7},
            {0, 0.4},
            {0, 0.7}, // a: the failures end at 0.2, 0.7, 0.4, 0.7
            {0, 0.1},
            {0, 0.3}, // b: ranked among b's failures only, though 0.3 is below all of a's but one
            {0, 1},
            null // c: skipped (its task has no success): never kept
        };
        assertArrayEquals(
                new boolean[] {true, false, false, false, false, false, false, true, false},
                OfflineMethod.keptRollouts(tasks, success, progress, 0));
        // half of a's four failures: the two ending at 0.7; half of b's two: the one ending at 0.3
        assertArrayEquals(
                new boolean[] {true, false, true, false, true, false, true, true, false},
                OfflineMethod.keptRollouts(tasks, success, progress, 0.5));
        // a quarter of four is one: of the tie at 0.7, the earlier; a quarter of two rounds up to one
        assertArrayEquals(
                new boolean[] {true, false, true, false, false, false, true, true, false},
                OfflineMethod.keptRollouts(tasks, success, progress, 0.25));
        assertArrayEquals(
                new boolean[] {true, true, true, true, true, true, true, true, false},
                OfflineMethod.keptRollouts(tasks, success, progress, 1));
        // ⌈0.28 · 25⌉ is 7, though 0.28 · 25 is 7.000000000000001 in doubles
        String[] one = new String[25];
        boolean[] failed = new boolean[25];
        double[][] ramp = new double[25][];
        for (int i = 0; i < 25; i++) {
            one[i] = "d";
            ramp[i] = new double[] {0, i / 25.0};
        }
        boolean[] kept = OfflineMethod.keptRollouts(one, failed, ramp, 0.28);
        for (int i = 0; i < 25; i++) {
            assertEquals(i >= 18, kept[i], "rollout " + i + ": the seven of most progress");
        }
        assertThrows(IllegalArgumentException.class, () -> OfflineMethod.keptRollouts(tasks, success, progress, 1.5));
    }

    @Test
    void aPlainLoopKeepsTheSameRollouts() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(30);
            String[] tasks = new String[n];
            boolean[] success = new boolean[n];
            double[][] progress = new double[n][];
            for (int i = 0; i < n; i++) {
                tasks[i] = "t" + random.nextInt(3);
                success[i] = random.nextInt(4) == 0;
                int chunks = 1 + random.nextInt(4);
                progress[i] = random.nextInt(8) == 0 ? null : new double[chunks + 1];
                for (int c = 0; progress[i] != null && c <= chunks; c++) {
                    progress[i][c] = random.nextInt(5) / 4.0; // coarse, so that ties happen
                }
            }
            double f = random.nextInt(5) / 4.0;
            assertArrayEquals(
                    plainKept(tasks, success, progress, f),
                    OfflineMethod.keptRollouts(tasks, success, progress, f),
                    "trial " + trial);
        }
    }

    /**
     * A failure is kept when, among its task's failures, fewer than ⌈f n⌉ end with more progress, or end with as much
     * and come earlier in the buffer.
     */
    private static boolean[] plainKept(String[] tasks, boolean[] success, double[][] progress, double f) {
        int n = tasks.length;
        boolean[] kept = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (progress[i] == null) {
                continue;
            }
            if (success[i]) {
                kept[i] = true;
                continue;
            }
            double mine = progress[i][progress[i].length - 1];
            int failures = 0;
            int ahead = 0;
            for (int j = 0; j < n; j++) {
                if (progress[j] == null || success[j] || !tasks[j].equals(tasks[i])) {
                    continue;
                }
                failures++;
                double theirs = progress[j][progress[j].length - 1];
                if (theirs > mine || (theirs == mine && j < i)) {
                    ahead++;
                }
            }
            kept[i] = ahead < Math.ceil(f * failures - 1e-9);
        }
        return kept;
    }
}
