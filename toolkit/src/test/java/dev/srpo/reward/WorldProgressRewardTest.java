package dev.srpo.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WorldProgressRewardTest {

    static TrajectoryEmbedding ok(String task, double... e) {
        return new TrajectoryEmbedding(task, true, e);
    }

    static TrajectoryEmbedding fail(String task, double... e) {
        return new TrajectoryEmbedding(task, false, e);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void binaryRewardIgnoresProgress() {
        RewardBatch b = new BinaryReward().apply(List.of(ok("t", 0, 0), fail("t", 0.1, 0), fail("t", 9, 9)));
        assertArrayEquals(new double[] {1, 0, 0}, b.rewards());
        assertEquals(1, b.reports().get(0).successes());
        assertEquals(2, b.reports().get(0).failures());
    }

    @Test
    void paperMappingRewardsCloserFailuresMoreWithinZeroToAlpha() {
        // successes around the origin; failures at distance 1, 2, 3 from their mean
        var batch = List.of(ok("t", 0, 0.1), ok("t", 0, -0.1), fail("t", 1, 0), fail("t", 2, 0), fail("t", 3, 0));
        RewardBatch b =
                WorldProgressReward.builder().optSpace(ClusterSpace.RAW).build().apply(batch);
        double[] r = b.rewards();
        assertEquals(1, r[0]);
        assertEquals(1, r[1]);
        assertTrue(r[2] > r[3] && r[3] > r[4], java.util.Arrays.toString(r));
        // distances 1, 2, 3: mean 2, population std sqrt(2/3); the middle one sits at z = 0
        assertEquals(0.8 * 0.5, r[3], 1e-9);
        assertEquals(0.8 * sigmoid(1 / Math.sqrt(2.0 / 3)), r[2], 1e-9);
        assertArrayEquals(new double[] {1, 2, 3}, b.reports().get(0).distances(), 1e-9);
    }

    @Test
    void releasedCodeMappingUsesMinMaxAndCapsAtPointSix() {
        var batch = List.of(ok("t", 0, 0), fail("t", 1, 0), fail("t", 2, 0), fail("t", 3, 0));
        WorldProgressReward code = WorldProgressReward.builder()
                .optMapping(ProgressMapping.RELEASED_CODE)
                .optSpace(ClusterSpace.RAW)
                .build();
        double[] r = code.apply(batch).rewards();
        assertEquals(0.6 * sigmoid(5), r[1], 1e-12);
        assertEquals(0.3, r[2], 1e-12);
        assertEquals(0.6 * sigmoid(-5), r[3], 1e-12);
        // a single failure has no range: n = 0.5
        assertEquals(0.3, code.apply(List.of(ok("t", 0, 0), fail("t", 5, 5))).rewards()[1], 1e-12);
    }

    @Test
    void aFailureIsMeasuredAgainstTheNearestClusterNotTheMeanOfAllSuccesses() {
        // two ways to succeed, far apart; the failure sits right next to strategy B
        List<TrajectoryEmbedding> batch = new ArrayList<>();
        Random r = new Random(1);
        for (int i = 0; i < 4; i++) {
            batch.add(ok("t", 10 + 0.1 * r.nextGaussian(), 0.1 * r.nextGaussian()));
            batch.add(ok("t", -10 + 0.1 * r.nextGaussian(), 0.1 * r.nextGaussian()));
        }
        batch.add(fail("t", -10.5, 0));
        batch.add(fail("t", 0, 6));
        RewardBatch b =
                WorldProgressReward.builder().optSpace(ClusterSpace.RAW).build().apply(batch);
        TaskReport report = b.reports().get(0);
        assertEquals(2, report.clusters());
        assertEquals(Fallback.NONE, report.fallback());
        assertTrue(
                report.distances()[0] < 1,
                "distance to cluster B, not to the overall mean (~10): " + report.distances()[0]);
        assertTrue(b.rewards()[8] > b.rewards()[9]);
    }

    @Test
    void theReleasedCodesSettingsFallBackToTheMeanForDistinctTrajectories() {
        // eps = 0.5 in standardised space groups only near-identical vectors (srpo-paper.md §2.3)
        List<TrajectoryEmbedding> batch = new ArrayList<>();
        Random r = new Random(2);
        for (int i = 0; i < 6; i++) {
            double[] e = new double[64];
            for (int j = 0; j < e.length; j++) {
                e[j] = r.nextGaussian();
            }
            batch.add(new TrajectoryEmbedding("t", i < 4, e));
        }
        RewardBatch b = WorldProgressReward.builder()
                .optSpace(ClusterSpace.STANDARDISED)
                .optEps(0.5)
                .build()
                .apply(batch);
        assertEquals(Fallback.NO_CLUSTER, b.reports().get(0).fallback());
        assertEquals(1, b.count(Fallback.NO_CLUSTER));
    }

    @Test
    void fallbacksAreNamedAndCounted() {
        var batch = List.of(
                fail("no success", 1, 1),
                fail("no success", 2, 2),
                ok("no failure", 1, 1),
                ok("mixed", 0, 0),
                fail("mixed"),
                fail("mixed", 1, 0));
        RewardBatch b = WorldProgressReward.paper().apply(batch);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0.4}, b.rewards(), 1e-12);
        assertEquals(Fallback.NO_SUCCESS, b.reports().get(0).fallback());
        assertEquals(Fallback.NO_FAILURE, b.reports().get(1).fallback());
        assertEquals(1, b.reports().get(2).emptyTrajectories(), "the empty failure earned 0");
        assertEquals(3, b.reports().size());
    }

    @Test
    void tasksAreShapedSeparately() {
        var batch = List.of(ok("a", 0, 0), fail("a", 1, 0), ok("b", 100, 100), fail("b", 100, 101));
        RewardBatch b =
                WorldProgressReward.builder().optSpace(ClusterSpace.RAW).build().apply(batch);
        assertEquals(1, b.reports().get(0).distances()[0], 1e-9, "task a's failure against task a's success");
        assertEquals(1, b.reports().get(1).distances()[0], 1e-9, "task b's failure against task b's success");
    }

    @Test
    void rolloutsOfOneInitialStateKeepTheirOwnRewards() {
        // the released code merges frames of rollouts sharing an initial state and gives them one embedding;
        // here each rollout keeps its own, so two failures of the same start earn different rewards
        var batch = List.of(ok("t", 0, 0), ok("t", 0.2, 0), fail("t", 1, 0), fail("t", 4, 0));
        double[] r = WorldProgressReward.builder()
                .optSpace(ClusterSpace.RAW)
                .build()
                .apply(batch)
                .rewards();
        assertTrue(r[2] > r[3]);
    }

    @Test
    void ablationsChangeTheReferences() {
        var batch = List.of(ok("t", 0, 0), ok("t", 2, 0), fail("t", 1.9, 0));
        double toCentre = WorldProgressReward.builder()
                .optSpace(ClusterSpace.RAW)
                .optEps(5)
                .build()
                .apply(batch)
                .reports()
                .get(0)
                .distances()[0];
        double toNearest = WorldProgressReward.builder()
                .optReferences(References.NEAREST_SUCCESS)
                .build()
                .apply(batch)
                .reports()
                .get(0)
                .distances()[0];
        assertEquals(0.9, toCentre, 1e-9);
        assertEquals(0.1, toNearest, 1e-9);
        var fixed = WorldProgressReward.builder()
                .optReferences(References.FIXED_SET)
                .optFixedReferences(Map.of("t", List.of(new double[] {1.9, 1})))
                .build();
        RewardBatch b = fixed.apply(List.of(fail("t", 1.9, 0)));
        assertEquals(1.0, b.reports().get(0).distances()[0], 1e-9, "no in-batch success needed");
        var e = assertThrows(IllegalArgumentException.class, () -> fixed.apply(List.of(fail("u", 0, 0))));
        assertTrue(e.getMessage().contains("no fixed references for task u"), e.getMessage());
    }

    @Test
    void pcaSpaceKeepsDistancesBetweenFewPoints() {
        Random r = new Random(3);
        double[][] x = new double[5][300];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] p = Spaces.pca(x, 8); // 5 points span 4 dimensions: all distances survive
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                assertEquals(Spaces.distance(x[a], x[b]), Spaces.distance(p[a], p[b]), 1e-6);
            }
        }
    }

    @Test
    void badInputIsNamed() {
        assertThrows(
                IllegalArgumentException.class,
                () -> WorldProgressReward.builder().optAlpha(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> WorldProgressReward.builder().optEps(-1).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> WorldProgressReward.builder()
                        .optReferences(References.FIXED_SET)
                        .build());
        var nan = assertThrows(IllegalArgumentException.class, () -> fail("t", 0, Double.NaN));
        assertTrue(nan.getMessage().contains("embedding[1]"), nan.getMessage());
        var dims = assertThrows(
                IllegalArgumentException.class,
                () -> WorldProgressReward.paper().apply(List.of(ok("t", 0, 0), fail("t", 0, 0, 0))));
        assertTrue(dims.getMessage().contains("embeddings of 2 and 3 numbers"), dims.getMessage());
    }

    @Test
    void referencePointsAreWhatFailuresAreMeasuredAgainst() {
        // two tight pairs far apart → two clusters, their centres are the references (raw space: standardising
        // would blow the pairs' tiny vertical spread up to the size of the gap between them)
        WorldProgressReward reward =
                WorldProgressReward.builder().optSpace(ClusterSpace.RAW).build();
        List<double[]> successes =
                List.of(new double[] {0, 0}, new double[] {0, 0.2}, new double[] {10, 0}, new double[] {10, 0.2});
        List<double[]> refs = reward.referencePoints("t", successes);
        assertEquals(2, refs.size());
        assertEquals(1.0, WorldProgressReward.distanceToNearest(new double[] {9, 0.1}, refs), 1e-9);
        // the w/o-cluster variant measures against every success
        WorldProgressReward nearest = WorldProgressReward.builder()
                .optReferences(References.NEAREST_SUCCESS)
                .build();
        assertEquals(4, nearest.referencePoints("t", successes).size());
        assertTrue(reward.referencePoints("t", List.of()).isEmpty());
        assertThrows(
                IllegalArgumentException.class,
                () -> WorldProgressReward.distanceToNearest(new double[] {1}, List.of()));
    }
}
