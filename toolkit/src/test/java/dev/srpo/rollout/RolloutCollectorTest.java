package dev.srpo.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.Engines;
import dev.srpo.env.LineEnv;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.policy.SmallVla;
import dev.srpo.rl.TinyPolicies;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RolloutCollectorTest {

    static SmallVla policy;

    @BeforeAll
    static void init() {
        Engines.stayOffline();
        policy = TinyPolicies.create(4);
    }

    @AfterAll
    static void close() {
        policy.close();
    }

    private static List<Start> starts() {
        List<Start> s = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            s.add(new Start(Suite.SPATIAL.task(i % 3), i));
        }
        return s;
    }

    @Test
    void recordsEveryChunkWithItsTokensLogProbsAndValidSteps() {
        RolloutCollector c = new RolloutCollector(LineEnv::new).threads(2);
        List<Rollout> rollouts = c.collect(policy, starts(), Decoding.sample(1.6f, 9));
        assertEquals(6, rollouts.size());
        for (int i = 0; i < rollouts.size(); i++) {
            Rollout r = rollouts.get(i);
            assertEquals(starts().get(i), r.start());
            int steps = 0;
            for (Rollout.Chunk ch : r.chunks()) {
                assertEquals(steps, ch.frame(), "a chunk decides from the frame after the steps before it");
                assertEquals(56, ch.tokens().length);
                assertEquals(56, ch.logProbs().length);
                assertTrue(ch.validSteps() >= 1 && ch.validSteps() <= 8);
                steps += ch.validSteps();
            }
            assertEquals(r.steps(), steps);
            assertEquals(steps, r.info().get(dev.srpo.env.AbstractEnv.INFO_STEP), "the last step's info is kept");
            assertEquals(r.task().id(), r.info().get(dev.srpo.env.AbstractEnv.INFO_TASK));
            assertEquals(steps + 1, r.video().length(), "the first frame and one per step");
            assertEquals(steps + 1, r.path().length);
            Rollout.Chunk lastChunk = r.chunks().get(r.chunks().size() - 1);
            assertTrue(r.success() || r.steps() == Suite.SPATIAL.maxSteps());
            assertTrue(lastChunk.validSteps() == 8 || r.success() || r.steps() == Suite.SPATIAL.maxSteps());
            assertEquals(1.6f, r.temperature());
        }
        assertEquals(
                c.lastTiming().policySamples(),
                rollouts.stream().mapToInt(r -> r.chunks().size()).sum());
    }

    @Test
    void aRolloutsTokensDependOnItsSeedOnlyNotOnThreadsOrBatchMates() {
        Decoding d = Decoding.sample(1.6f, 5);
        List<Rollout> two = new RolloutCollector(LineEnv::new).threads(2).collect(policy, starts(), d);
        List<Rollout> one =
                new RolloutCollector(LineEnv::new).threads(1).maxBatch(1).collect(policy, starts(), d);
        for (int i = 0; i < two.size(); i++) {
            assertEquals(two.get(i).steps(), one.get(i).steps());
            assertArrayEquals(
                    two.get(i).chunks().get(0).tokens(),
                    one.get(i).chunks().get(0).tokens());
            assertArrayEquals(
                    two.get(i).path()[two.get(i).steps()],
                    one.get(i).path()[one.get(i).steps()]);
        }
        // two rollouts of one start (a group) differ: each has its own seed
        Task t = Suite.SPATIAL.task(0);
        List<Group> g = new RolloutCollector(LineEnv::new)
                .collectGroups(policy, List.of(new Start(t, 0)), 4, Decoding.sample(1.6f, 5));
        assertEquals(4, g.get(0).size());
        assertNotEquals(
                g.get(0).rollouts().get(0).seed(), g.get(0).rollouts().get(1).seed());
        assertTrue(!java.util.Arrays.equals(
                g.get(0).rollouts().get(0).chunks().get(0).tokens(),
                g.get(0).rollouts().get(1).chunks().get(0).tokens()));
    }

    @Test
    void greedyRecordsLogProbsAtTemperatureOneAndFramesOnlyWhereAsked() {
        List<Rollout> r = new RolloutCollector(LineEnv::new)
                .keepFrames(2)
                .executeSteps(3)
                .collect(policy, starts(), Decoding.greedy());
        assertTrue(r.get(0).greedy());
        assertEquals(1f, r.get(0).temperature());
        assertTrue(r.get(1).video() != null);
        assertNull(r.get(2).video());
        assertTrue(r.get(3).chunks().stream().allMatch(c -> c.validSteps() <= 3));
    }
}
