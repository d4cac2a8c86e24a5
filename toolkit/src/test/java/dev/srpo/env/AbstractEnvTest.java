package dev.srpo.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AbstractEnvTest {

    static float[] move(float dx) {
        float[] a = Actions.noOp();
        a[0] = dx;
        return a;
    }

    @Test
    void resetRestoresTheInitialStateThenRunsTheWarmUp() {
        LineEnv env = new LineEnv(Suite.GOAL.task(0));
        Observation first = env.reset(7);
        assertEquals(Env.WARMUP_STEPS, env.advances);
        assertEquals(-0.07f, first.proprio()[0], 1e-6f);
        assertEquals("open the middle drawer of the cabinet", first.instruction());
        assertEquals(0, env.elapsedSteps());
        assertFalse(env.isDone());
    }

    @Test
    void successEndsTheEpisodeWithRewardOne() {
        LineEnv env = new LineEnv(Suite.GOAL.task(0));
        env.reset(0);
        StepResult r = null;
        for (int i = 0; i < 10; i++) {
            r = env.step(move(1f));
        }
        assertTrue(r.success());
        assertTrue(r.done());
        assertEquals(1f, r.reward());
        assertEquals(10, r.info().get("step"));
        assertEquals("libero_goal/0", r.info().get("task"));
        var e = assertThrows(IllegalStateException.class, () -> env.step(move(1f)));
        assertTrue(e.getMessage().contains("step after the episode ended on task libero_goal/0"), e.getMessage());
    }

    @Test
    void theSuiteBudgetEndsAFailedEpisode() {
        LineEnv env = new LineEnv(Suite.SPATIAL.task(3));
        env.reset(0);
        StepResult r = null;
        int steps = 0;
        while (!env.isDone()) {
            r = env.step(move(0f));
            steps++;
        }
        assertEquals(220, steps);
        assertFalse(r.success());
        assertEquals(0f, r.reward());
    }

    @Test
    void actionsAreClippedBeforeTheWorldSeesThem() {
        LineEnv env = new LineEnv(Suite.GOAL.task(0));
        env.reset(0);
        env.step(move(50f));
        assertEquals(0.1, env.x, 1e-9);
    }

    @Test
    void misuseIsNamed() {
        LineEnv env = new LineEnv(Suite.OBJECT.task(2));
        var before = assertThrows(IllegalStateException.class, () -> env.step(move(0f)));
        assertTrue(before.getMessage().contains("step before reset on task libero_object/2"), before.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.reset(-1));
        env.reset(0);
        assertThrows(IllegalArgumentException.class, () -> env.step(new float[6]));
    }
}
