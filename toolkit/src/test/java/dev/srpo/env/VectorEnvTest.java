package dev.srpo.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorEnvTest {

    static VectorEnv lines(int n, int threads) {
        List<LineEnv> envs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            envs.add(new LineEnv(Suite.GOAL.task(i % 10)));
        }
        return new VectorEnv(envs, threads);
    }

    /** Runs every env to the end with speed 0.1·(i+1) and returns each env's final position and step count. */
    static List<String> runToTheEnd(VectorEnv venv) {
        int n = venv.size();
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = i;
        }
        venv.reset(starts);
        float[][] actions = new float[n][];
        StepResult[] results = null;
        while (!venv.allDone()) {
            for (int i = 0; i < n; i++) {
                actions[i] = AbstractEnvTest.move(0.1f * (i + 1));
            }
            results = venv.step(actions);
        }
        List<String> out = new ArrayList<>();
        for (StepResult r : results) {
            out.add(r.observation().proprio()[0] + "@" + r.info().get("step") + ":" + r.success());
        }
        return out;
    }

    @Test
    void threadsDoNotChangeResults() {
        try (VectorEnv one = lines(6, 1);
                VectorEnv two = lines(6, 2)) {
            List<String> sequential = runToTheEnd(one);
            assertEquals(sequential, runToTheEnd(two));
            assertTrue(sequential.get(5).endsWith(":true"), sequential.toString());
        }
    }

    @Test
    void finishedEnvsSitOut() {
        try (VectorEnv venv = lines(2, 2)) {
            venv.reset(new int[] {0, 0});
            StepResult[] r = null;
            for (int i = 0; i < 10; i++) {
                r = venv.step(new float[][] {AbstractEnvTest.move(1f), AbstractEnvTest.move(0f)});
            }
            assertTrue(r[0].done() && r[0].success());
            StepResult[] next = venv.step(new float[][] {null, AbstractEnvTest.move(0f)});
            assertSame(r[0], next[0]);
            assertEquals(11, next[1].info().get("step"));
        }
    }

    @Test
    void anEnvironmentListedTwiceIsRefused() {
        LineEnv env = new LineEnv(Suite.GOAL.task(0));
        var e = assertThrows(IllegalArgumentException.class, () -> new VectorEnv(List.of(env, env), 2));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }

    @Test
    void errorsNameTheEnv() {
        try (VectorEnv venv = lines(3, 2)) {
            var e = assertThrows(IllegalArgumentException.class, () -> venv.reset(new int[] {0, 99, 0}));
            assertTrue(e.getMessage().startsWith("env 1 (libero_goal/1): initial state 99"), e.getMessage());
            venv.reset(new int[] {0, 0, 0});
            var a = assertThrows(
                    IllegalArgumentException.class,
                    () -> venv.step(new float[][] {AbstractEnvTest.move(0f), new float[3], AbstractEnvTest.move(0f)}));
            assertTrue(a.getMessage().startsWith("env 1 (libero_goal/1): action has 3 numbers"), a.getMessage());
            var n = assertThrows(IllegalArgumentException.class, () -> venv.step(new float[2][]));
            assertTrue(n.getMessage().contains("actions has 2 entries for 3 environments"), n.getMessage());
            // a bad action for one environment steps none of them
            assertEquals(0, venv.env(0).elapsedSteps());
            assertEquals(0, venv.env(2).elapsedSteps());
        }
    }
}
