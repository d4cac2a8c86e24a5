package dev.srpo.tabletop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.Actions;
import dev.srpo.env.StepResult;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.tabletop.render.Renderer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The scripted experts solve every task from every initial state; doing nothing solves none. */
class ExpertTest {

    /** Physics does not depend on pictures: these sweeps skip rendering. */
    static final Renderer BLANK = (solids, camera, lighting, backdrop, out) -> {};

    static List<Task> allTasks() {
        List<Task> tasks = new ArrayList<>();
        for (Suite s : Suite.values()) {
            tasks.addAll(s.tasks());
        }
        return tasks;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTasks")
    void expertSucceedsFromAllFiftyInitialStates(Task task) {
        List<Integer> failed = new ArrayList<>();
        TabletopEnv env = new TabletopEnv(task, TabletopOptions.DEFAULT.withSize(32, 32), BLANK);
        for (int i = 0; i < Task.INITIAL_STATES; i++) {
            env.reset(i);
            assertFalse(
                    env.predicates().containsValue(true),
                    "initial state " + i + " of " + task + ": " + env.predicates());
            Expert expert = env.expert(0, 0);
            StepResult r = null;
            while (!env.isDone()) {
                r = env.step(expert.act());
            }
            if (!r.success()) {
                failed.add(i);
            }
        }
        assertEquals(List.of(), failed, "initial states where the expert failed on " + task);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTasks")
    void standingStillNeverSucceeds(Task task) {
        TabletopEnv env = new TabletopEnv(task, TabletopOptions.DEFAULT.withSize(32, 32), BLANK);
        for (int i = 0; i < Task.INITIAL_STATES; i++) {
            env.reset(i);
            StepResult r = null;
            while (!env.isDone()) {
                r = env.step(Actions.noOp());
            }
            assertFalse(r.success(), task + " from initial state " + i);
            assertEquals(task.maxSteps(), env.elapsedSteps());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTasks")
    void aNoisyExpertStillMostlySucceedsAndIsReproducible(Task task) {
        List<List<Float>> runs = new ArrayList<>();
        int ok = 0;
        for (int run = 0; run < 2; run++) {
            TabletopEnv env = new TabletopEnv(task, TabletopOptions.DEFAULT.withSize(32, 32), BLANK);
            List<Float> finalX = new ArrayList<>();
            ok = 0;
            for (int i = 0; i < 10; i++) {
                env.reset(i);
                Expert expert = env.expert(0.15, i);
                StepResult r = null;
                while (!env.isDone()) {
                    r = env.step(expert.act());
                }
                ok += r.success() ? 1 : 0;
                finalX.add(r.observation().proprio()[0]);
            }
            runs.add(finalX);
        }
        assertEquals(runs.get(0), runs.get(1), "the same seeds must give the same noisy demonstrations");
        assertTrue(ok >= 7, ok + "/10 noisy demonstrations succeeded on " + task);
    }

    /**
     * A policy that clones the expert sees only the frame: steps where nothing moves look alike, so the expert must
     * not sit still for long (pressing until blocked, waiting out a timer) before doing something else.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allTasks")
    void theExpertNeverHoldsStillForMoreThanThreeSteps(Task task) {
        TabletopEnv env = new TabletopEnv(task, TabletopOptions.DEFAULT.withSize(32, 32), BLANK);
        for (int i = 0; i < 10; i++) {
            float[] previous = env.reset(i).proprio();
            Expert expert = env.expert(0, 0);
            int still = 0;
            while (!env.isDone() && !expert.finished()) {
                float[] now = env.step(expert.act()).observation().proprio();
                still = Arrays.equals(now, previous) ? still + 1 : 0;
                previous = now;
                assertTrue(
                        still <= 3,
                        task + " from initial state " + i + ": the expert held still for " + still + " steps at step "
                                + env.elapsedSteps());
            }
        }
    }

    /**
     * The expert travels only as high as what is on its way: carrying the bowl from the table's centre to the plate
     * stays below the top of the cabinet behind them, carrying it from the cabinet's top starts above it.
     */
    @ParameterizedTest(name = "initial state {0}")
    @MethodSource("someInitialStates")
    void theExpertClimbsOnlyOverWhatIsOnItsWay(int initialState) {
        assertTrue(highestCarry(Suite.SPATIAL.task(2), initialState) < Cabinet.HEIGHT, "from the table centre");
        assertTrue(highestCarry(Suite.SPATIAL.task(9), initialState) > Cabinet.HEIGHT, "from the wooden cabinet");
    }

    static List<Integer> someInitialStates() {
        return List.of(0, 1, 2);
    }

    /** The highest the gripper goes while it holds something. */
    private static double highestCarry(Task task, int initialState) {
        TabletopEnv env = new TabletopEnv(task, TabletopOptions.DEFAULT.withSize(32, 32), BLANK);
        env.reset(initialState);
        Expert expert = env.expert(0, 0);
        double top = 0;
        while (!env.isDone() && !expert.finished()) {
            env.step(expert.act());
            if (env.scene().held() != null) {
                top = Math.max(top, env.scene().gripperPose()[2]);
            }
        }
        return top;
    }
}
