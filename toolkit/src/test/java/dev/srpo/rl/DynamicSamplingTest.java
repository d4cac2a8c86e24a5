package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.Suite;
import dev.srpo.reward.BinaryReward;
import dev.srpo.reward.RewardFunction;
import dev.srpo.reward.TrajectoryEmbedding;
import dev.srpo.reward.WorldProgressReward;
import dev.srpo.rollout.Group;
import dev.srpo.rollout.Rollout;
import dev.srpo.rollout.Start;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamicSamplingTest {

    static Group group(int successes, int size) {
        Start start = new Start(Suite.GOAL.task(0), 3);
        List<Rollout> rollouts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            rollouts.add(
                    new Rollout(start, i, 1.6f, false, List.of(), null, new float[0][], i < successes, 10, Map.of()));
        }
        return new Group(start, rollouts);
    }

    @Test
    void keepsGroupsWithASuccessAndAFailureAtTheReleasedWindow() {
        DynamicSampling.Result r = DynamicSampling.RELEASED_CODE.filter(
                List.of(group(0, 8), group(1, 8), group(4, 8), group(7, 8), group(8, 8), group(0, 1), group(1, 1)));
        assertEquals(3, r.kept().size());
        assertEquals(2, r.droppedLow()); // 0/8 and the singleton failure
        assertEquals(2, r.droppedHigh()); // 8/8 and the singleton success
        assertEquals(
                7,
                DynamicSampling.OFF
                        .filter(List.of(
                                group(0, 8),
                                group(8, 8),
                                group(1, 1),
                                group(0, 1),
                                group(2, 4),
                                group(3, 4),
                                group(4, 4)))
                        .kept()
                        .size());
        assertThrows(IllegalArgumentException.class, () -> new DynamicSampling(0.5, 0.4));
    }

    /** Every rollout of the groups as the reward sees it: rollout i of a group at (i, 0), successes far off at x = 10. */
    static List<TrajectoryEmbedding> seen(List<Group> groups) {
        List<TrajectoryEmbedding> seen = new ArrayList<>();
        for (Group g : groups) {
            for (int i = 0; i < g.size(); i++) {
                boolean success = g.rollouts().get(i).success();
                seen.add(new TrajectoryEmbedding(
                        g.start().task().id(), success, success ? new double[] {10, i} : new double[] {i, 0}));
            }
        }
        return seen;
    }

    @Test
    void afterTheRewardAGroupOfEqualRewardsIsDroppedAndSrpoKeepsAFailedGroupWhoseTaskSucceededElsewhere() {
        List<Group> groups = List.of(group(0, 8), group(3, 8), group(8, 8));
        // the window opened to [0, 1]: the reward decides
        RewardFunction srpo = WorldProgressReward.paper();
        DynamicSampling.Result r =
                DynamicSampling.varied(groups, srpo.apply(seen(groups)).rewards());
        assertEquals(List.of(groups.get(0), groups.get(1)), r.kept(), "the failed group's progress differs");
        assertEquals(0, r.droppedLow());
        assertEquals(1, r.droppedHigh());
        DynamicSampling.Result binary = DynamicSampling.varied(
                groups, new BinaryReward().apply(seen(groups)).rewards());
        assertEquals(List.of(groups.get(1)), binary.kept(), "a binary reward keeps the mixed groups only");
        assertEquals(1, binary.droppedLow());
        assertEquals(1, binary.droppedHigh());
        // a plain loop: a group is kept iff two of its rewards differ
        double[] rewards = {0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 1, 1};
        List<Group> fours = List.of(group(0, 4), group(0, 2), group(2, 2));
        List<Group> expected = new ArrayList<>();
        for (int g = 0, from = 0; g < fours.size(); from += fours.get(g).size(), g++) {
            double[] own = Arrays.copyOfRange(rewards, from, from + fours.get(g).size());
            if (Arrays.stream(own).distinct().count() > 1) {
                expected.add(fours.get(g));
            }
        }
        assertEquals(expected, DynamicSampling.varied(fours, rewards).kept());
        assertEquals(List.of(fours.get(1)), expected);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DynamicSampling.varied(groups, new double[3]));
        assertTrue(e.getMessage().contains("3 rewards for 24 rollouts"), e.getMessage());
    }
}
