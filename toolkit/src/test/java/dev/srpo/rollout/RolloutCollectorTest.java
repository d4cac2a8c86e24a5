package dev.srpo.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.Engines;
import dev.srpo.env.Env;
import dev.srpo.env.LineEnv;
import dev.srpo.env.Observation;
import dev.srpo.env.StepResult;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.policy.SmallVla;
import dev.srpo.rl.TinyPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
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

    /** A line world whose simulator goes away after some steps, as when a LIBERO server dies mid-batch. */
    static final class DyingEnv implements Env {
        final LineEnv inner;
        final int dieAfter;
        final boolean lostForGood;
        int steps;
        boolean lost;

        DyingEnv(Task task, int dieAfter, boolean lostForGood) {
            this.inner = new LineEnv(task);
            this.dieAfter = dieAfter;
            this.lostForGood = lostForGood;
        }

        @Override
        public Task task() {
            return inner.task();
        }

        @Override
        public Observation reset(int initialState) {
            return inner.reset(initialState);
        }

        @Override
        public StepResult step(float[] action) {
            if (++steps > dieAfter) {
                lost = lostForGood;
                throw new IllegalStateException("simulator gone after " + dieAfter + " steps");
            }
            return inner.step(action);
        }

        @Override
        public int elapsedSteps() {
            return inner.elapsedSteps();
        }

        @Override
        public boolean isDone() {
            return inner.isDone();
        }

        @Override
        public boolean isLost() {
            return lost;
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** Environments of which the first made dies after 5 steps (lost, or failing while still there). */
    private static Function<Task, Env> firstDies(AtomicInteger made, boolean lost) {
        return task -> made.getAndIncrement() == 0 ? new DyingEnv(task, 5, lost) : new LineEnv(task);
    }

    @Test
    void aBatchThatLosesAnEnvironmentIsCollectedAgainAsIfNothingHappened() {
        Decoding d = Decoding.sample(1.6f, 3);
        List<Rollout> clean = new RolloutCollector(LineEnv::new).threads(2).collect(policy, starts(), d);
        AtomicInteger made = new AtomicInteger();
        List<Rollout> retried =
                new RolloutCollector(firstDies(made, true)).threads(2).collect(policy, starts(), d);
        assertEquals(2 * starts().size(), made.get(), "the batch was made twice: once lost, once whole");
        for (int i = 0; i < clean.size(); i++) {
            assertEquals(clean.get(i).steps(), retried.get(i).steps());
            assertEquals(clean.get(i).success(), retried.get(i).success());
            for (int c = 0; c < clean.get(i).chunks().size(); c++) {
                assertArrayEquals(
                        clean.get(i).chunks().get(c).tokens(),
                        retried.get(i).chunks().get(c).tokens());
            }
        }
        RuntimeException noRetry = assertThrows(
                RuntimeException.class,
                () -> new RolloutCollector(firstDies(new AtomicInteger(), true))
                        .retries(0)
                        .collect(policy, starts(), d));
        assertTrue(noRetry.getMessage().contains("simulator gone"), noRetry.getMessage());
        AtomicInteger once = new AtomicInteger(); // a failure without a loss is a bug to report, not to retry
        assertThrows(
                IllegalStateException.class,
                () -> new RolloutCollector(firstDies(once, false)).collect(policy, starts(), d));
        assertEquals(starts().size(), once.get());
    }
}
