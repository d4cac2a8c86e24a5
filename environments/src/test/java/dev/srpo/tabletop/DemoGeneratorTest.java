package dev.srpo.tabletop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.data.DemoDataset;
import dev.srpo.data.Episode;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.eval.EvalResult;
import dev.srpo.eval.Evaluator;
import dev.srpo.policy.PolicyConfig;
import dev.srpo.policy.Sft;
import dev.srpo.policy.SmallVla;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoGeneratorTest {

    @Test
    void generatesSuccessfulReproducibleDemonstrationsWithACard(@TempDir Path dir) throws Exception {
        List<Task> tasks = List.of(Suite.GOAL.task(7), Suite.OBJECT.task(0));
        DemoDataset a = DemoGenerator.generate(dir.resolve("a"), tasks, 2, 0.1, 3, 32, null);
        DemoDataset b = DemoGenerator.generate(dir.resolve("b"), tasks, 2, 0.1, 3, 32, null);
        assertEquals(4, a.size());
        assertEquals(
                List.of(0, 1, 0, 1),
                a.entries().stream().map(DemoDataset.Entry::initialState).toList());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(
                    Files.readAllBytes(a.dir().resolve(a.entries().get(i).file())),
                    Files.readAllBytes(b.dir().resolve(b.entries().get(i).file())));
        }
        Episode e = a.episode(0);
        assertTrue(e.success());
        assertEquals("libero_goal/7", e.task());
        assertEquals("turn on the stove", e.instruction());
        assertEquals(32, e.width());
        assertEquals(8, e.proprioDim());
        assertTrue(e.length() > 10);
        // replaying the recorded actions from the same initial state reproduces the success
        // demonstrations start from training layouts, never from an evaluation's initial state
        TabletopEnv eval = new TabletopEnv(Suite.GOAL.task(7), TabletopOptions.DEFAULT.withSize(32, 32));
        for (int i = 0; i < Task.INITIAL_STATES; i++) {
            assertFalse(Arrays.equals(e.frames().get(0), eval.reset(i).agentview()), "evaluation state " + i);
        }
        TabletopEnv env = new TabletopEnv(
                Suite.GOAL.task(7), TabletopOptions.DEFAULT.withSize(32, 32).withTrainingLayouts(true));
        assertArrayEquals(e.frames().get(0), env.reset(0).agentview());
        boolean success = false;
        for (float[] action : e.actions()) {
            success = env.step(action).success();
        }
        assertTrue(success);
        String card = Files.readString(dir.resolve("a/README.md"));
        assertTrue(card.contains("4 episodes") && card.contains("σ = 0.100") && card.contains("training layout"), card);
        assertEquals(0.1, a.description().path("noise").asDouble());
    }

    @Test
    void aPolicyTrainedOnDemonstrationsRunsThroughTheEvaluator(@TempDir Path dir) {
        List<Task> tasks = List.of(Suite.GOAL.task(7));
        DemoDataset ds = DemoGenerator.generate(dir, tasks, 1, 0.0, 0, 32, null);
        var config = new PolicyConfig(32, 4, 4, 8, 32, 8);
        try (SmallVla policy = Sft.newPolicy(ds.readAll(), config, List.of(), 0)) {
            Sft.train(
                    policy,
                    ds.readAll(),
                    dev.srpo.policy.SftConfig.ONE_SHOT.withSteps(5).withBatchSize(8),
                    null);
            EvalResult r = new Evaluator(t -> new TabletopEnv(t, TabletopOptions.DEFAULT.withSize(32, 32)))
                    .firstStates(2)
                    .evaluate(policy, tasks);
            assertEquals(2, r.episodes().size());
            for (var ep : r.episodes()) {
                assertTrue(ep.steps() >= 1 && ep.steps() <= Suite.GOAL.maxSteps(), "steps " + ep.steps());
            }
        }
    }

    /** The shipped one-shot sets are what the generator makes today (regenerate them as their card says). */
    @Test
    void shippedOneShotSetsAreCurrent(@TempDir Path dir) throws Exception {
        for (Suite suite : Suite.values()) {
            DemoDataset shipped = DemoDataset.open(Path.of("..", "datasets", "demos", "one-shot", suite.id()));
            assertEquals(10, shipped.size(), suite.id());
            assertTrue(shipped.entries().stream().allMatch(DemoDataset.Entry::success), suite.id());
            assertEquals(
                    DemoGenerator.DEFAULT_NOISE,
                    shipped.description().path("noise").asDouble(),
                    suite.id());
        }
        Path shippedGoal = Path.of("..", "datasets", "demos", "one-shot", "libero_goal");
        DemoDataset fresh = DemoGenerator.generate(
                dir,
                Suite.GOAL.tasks().subList(0, 2),
                1,
                DemoGenerator.DEFAULT_NOISE,
                0,
                PolicyConfig.DEFAULT.imageSize(),
                null);
        for (int i = 0; i < fresh.size(); i++) {
            assertArrayEquals(
                    Files.readAllBytes(
                            shippedGoal.resolve(fresh.entries().get(i).file())),
                    Files.readAllBytes(
                            fresh.dir().resolve(fresh.entries().get(i).file())),
                    "episode " + i
                            + " of the shipped libero_goal set is stale: regenerate it (datasets/demos/README.md)");
        }
    }
}
