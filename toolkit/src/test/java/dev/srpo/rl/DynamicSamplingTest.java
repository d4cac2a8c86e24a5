package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.srpo.env.Suite;
import dev.srpo.rollout.Group;
import dev.srpo.rollout.Rollout;
import dev.srpo.rollout.Start;
import java.util.ArrayList;
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
}
