package dev.srpo.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StageProgressTest {

    private static StageProgress.Trajectory t(String task, boolean success, int... stages) {
        return new StageProgress.Trajectory(task, success, stages);
    }

    /** R_{i,0} = 0, R_{i,c} = s_{i,c} / n with n the stage the task's successes end in, 1 at a success's end. */
    @Test
    void progressMatchesThePlainLoop() {
        SplittableRandom r = new SplittableRandom(5);
        List<StageProgress.Trajectory> buffer = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String task = i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : "c"; // c: three stages, no success
            int n = task.equals("a") ? 2 : 3;
            boolean success = !task.equals("c") && r.nextInt(2) == 0 || i < 2;
            int[] s = new int[2 + r.nextInt(4)];
            for (int c = 0; c < s.length; c++) {
                s[c] = r.nextInt(n); // failures wander below n, stages may fall back
            }
            if (success) {
                s[s.length - 1] = n;
            }
            buffer.add(t(task, success, s));
        }
        double[][] got = StageProgress.of(buffer);
        for (int i = 0; i < buffer.size(); i++) {
            StageProgress.Trajectory x = buffer.get(i);
            int n = 0;
            for (StageProgress.Trajectory y : buffer) {
                if (y.task().equals(x.task()) && y.success()) {
                    n = Math.max(n, y.stages()[y.stages().length - 1]);
                }
            }
            if (n == 0) {
                assertNull(got[i], "task " + x.task() + " has no success: skipped");
                continue;
            }
            double[] want = new double[x.stages().length + 1];
            for (int c = 0; c < x.stages().length; c++) {
                want[c + 1] = x.stages()[c] / (double) n;
            }
            if (x.success()) {
                want[want.length - 1] = 1;
            }
            assertArrayEquals(want, got[i], 1e-12, "trajectory " + i);
        }
        assertTrue(got[0] != null && got[1] != null);
    }

    @Test
    void missingOrImpossibleStagesAreNamedErrors() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new StageProgress.Trajectory("a", false, null));
        assertTrue(e.getMessage().contains("reports stages"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> StageProgress.of(List.of(t("a", true, 0, 1), t("a", false, 0, 2))));
        assertTrue(e.getMessage().contains("stage 2 where the task's successes end in stage 1"), e.getMessage());
    }
}
