package dev.srpo.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OracleProgressRewardTest {

    @Test
    void successesEarnOneAndFailuresAlphaTimesTheirProgressAsAPlainLoopSays() {
        Random random = new Random(7);
        List<TrajectoryEmbedding> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batch.add(
                    new TrajectoryEmbedding("t" + (i % 3), random.nextInt(4) == 0, new double[] {random.nextDouble()}));
        }
        double alpha = 0.8;
        RewardBatch b = new OracleProgressReward(alpha).apply(batch);
        double[] expected = new double[batch.size()];
        for (int i = 0; i < expected.length; i++) { // the plain twin of g_i = 1 if success, α p_i otherwise
            TrajectoryEmbedding t = batch.get(i);
            expected[i] = t.success() ? 1 : alpha * t.embedding()[0];
        }
        assertArrayEquals(expected, b.rewards(), 0);
        assertEquals(3, b.reports().size());
        for (TaskReport r : b.reports()) {
            long successes = batch.stream()
                    .filter(t -> t.task().equals(r.task()) && t.success())
                    .count();
            assertEquals(successes, r.successes(), r.task());
            double[] failureRewards = batch.stream()
                    .filter(t -> t.task().equals(r.task()) && !t.success())
                    .mapToDouble(t -> alpha * t.embedding()[0])
                    .toArray();
            assertArrayEquals(failureRewards, r.failureRewards(), 0, r.task());
            assertEquals(Fallback.NONE, r.fallback());
        }
        assertFalse(new OracleProgressReward(alpha).usesEmbeddings(), "needs no encoder");
    }

    @Test
    void aFailureWithoutItsProgressIsANamedError() {
        OracleProgressReward oracle = new OracleProgressReward(0.8);
        for (double[] bad : List.of(new double[0], new double[] {0.5, 0.5}, new double[] {1.5}, new double[] {-0.1})) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> oracle.apply(List.of(new TrajectoryEmbedding("libero_goal/3", false, bad))));
            assertTrue(
                    e.getMessage().contains("libero_goal/3") && e.getMessage().contains("tabletop"), e.getMessage());
        }
        // a success needs no progress
        assertArrayEquals(
                new double[] {1},
                oracle.apply(List.of(new TrajectoryEmbedding("t", true, new double[0])))
                        .rewards());
        assertThrows(IllegalArgumentException.class, () -> new OracleProgressReward(1.5));
    }
}
