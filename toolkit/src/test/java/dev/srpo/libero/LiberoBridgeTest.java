package dev.srpo.libero;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.srpo.data.DemoDataset;
import dev.srpo.data.Episode;
import dev.srpo.env.Actions;
import dev.srpo.env.Observation;
import dev.srpo.env.StepResult;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.env.VectorEnv;
import dev.srpo.eval.EpisodeResult;
import dev.srpo.eval.EvalResult;
import dev.srpo.eval.Evaluator;
import dev.srpo.policy.PolicyConfig;
import dev.srpo.policy.Sft;
import dev.srpo.policy.SftConfig;
import dev.srpo.policy.SmallVla;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bridge against the real LIBERO: a server process from {@code .venv-libero} (built by
 * {@code environments/libero-server/setup.sh}, which `make test` runs), driven from Java. Skipped, saying why, only
 * when that virtualenv is absent.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LiberoBridgeTest {

    private static LiberoServer server;
    private static LiberoClient client;

    private static final String NO_VENV = "no LIBERO virtualenv (.venv-libero): run environments/libero-server/"
            + "setup.sh (make setup-libero) to run the LIBERO bridge tests";

    @BeforeAll
    static void startServer() {
        if (LiberoServer.findPython().isEmpty()) {
            System.err.println("LiberoBridgeTest skipped: " + NO_VENV);
            return;
        }
        server = LiberoServer.start(2);
        client = LiberoClient.connect(server.address(), null);
    }

    @BeforeEach
    void needsLibero() { // per test, so every test is reported as skipped, with the reason
        assumeTrue(server != null, NO_VENV);
    }

    @AfterAll
    static void stopServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theServersFortyTasksAreTheToolkitsCatalog() {
        List<Task> tasks = client.tasks();
        List<Task> expected = new ArrayList<>();
        for (Suite s : Suite.values()) {
            expected.addAll(s.tasks());
        }
        assertEquals(40, tasks.size());
        assertEquals(expected, tasks);
        assertEquals(2, client.workers());
    }

    @Test
    void oneTaskPerSuiteResetsToInitialState0AndSteps30NoOps() {
        for (Suite[] pair : new Suite[][] {{Suite.SPATIAL, Suite.OBJECT}, {Suite.GOAL, Suite.LONG}}) {
            List<LiberoEnv> envs = new ArrayList<>();
            for (Suite s : pair) {
                envs.add(client.open(s.task(0), 128, 96, false));
            }
            try (VectorEnv vec = new VectorEnv(envs, 2)) { // both workers at once, over one connection
                Observation[] first = vec.reset(new int[] {0, 0});
                StepResult[] last = null;
                for (int t = 0; t < 30; t++) {
                    last = vec.step(new float[][] {Actions.noOp(), Actions.noOp()});
                    for (StepResult r : last) {
                        assertFalse(
                                r.success(),
                                "a no-op must not solve " + r.info().get("task"));
                        assertFalse(r.done());
                    }
                }
                for (int i = 0; i < 2; i++) {
                    Task task = envs.get(i).task();
                    Observation o = last[i].observation();
                    assertEquals(128, o.width());
                    assertEquals(96, o.height());
                    assertEquals(128 * 96 * 3, o.agentview().length);
                    assertEquals(task.language(), o.instruction());
                    assertEquals(8, o.proprio().length);
                    for (float v : o.proprio()) {
                        assertTrue(Float.isFinite(v), "proprio of " + task.id());
                    }
                    assertTrue(variety(o.agentview()) > 20, "a rendered scene, not a blank frame: " + task.id());
                    assertEquals(30, envs.get(i).elapsedSteps());
                    assertEquals(30, last[i].info().get("step"));
                    assertEquals(server.address(), last[i].info().get(LiberoEnv.INFO_SERVER));
                    // the gripper holds still under no-ops: the end effector barely moves after warm-up
                    float[] p0 = first[i].proprio();
                    float[] p1 = o.proprio();
                    for (int k = 0; k < 3; k++) {
                        assertEquals(p0[k], p1[k], 0.01, "end effector drifted on " + task.id());
                    }
                }
            }
        }
    }

    @Test
    void sameInitialStateGivesTheSameFrameAndAChunkStepsInOneCall() {
        try (LiberoEnv env = client.open(Suite.GOAL.task(1), 64, 64, true)) {
            Observation a = env.reset(3);
            Observation b = env.reset(3);
            assertArrayEquals(a.agentview(), b.agentview());
            assertArrayEquals(a.proprio(), b.proprio());
            assertEquals(64 * 64 * 3, a.wrist().length);
            float[][] chunk = new float[8][];
            for (int i = 0; i < 8; i++) {
                chunk[i] = new float[] {0, 0, 0.5f, 0, 0, 0, -1}; // up
            }
            List<StepResult> steps = env.stepChunk(chunk);
            StepResult r = steps.get(steps.size() - 1);
            assertEquals(8, env.elapsedSteps());
            assertEquals(8, steps.size(), "one result per step, the frames sent along in the same round trip");
            assertEquals(64 * 64 * 3, steps.get(3).observation().agentview().length);
            assertTrue(steps.get(3).observation().proprio()[2] < r.observation().proprio()[2], "still rising");
            assertEquals(24, ((float[]) r.info().get(LiberoEnv.INFO_EEF_PATH)).length);
            assertTrue(r.observation().proprio()[2] > a.proprio()[2] + 0.01, "moving up raises the end effector");
            assertNotEquals(0, r.observation().agentview().length);
        }
    }

    @Test
    void badRequestsGetErrorRepliesAndTheServerKeepsServing() {
        LiberoException unknown =
                assertThrows(LiberoException.class, () -> client.open(new Task(Suite.GOAL, 42, "no such task")));
        assertEquals("unknown_task", unknown.kind());
        assertTrue(unknown.getMessage().contains("libero_goal"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains(server.address()), unknown.getMessage());

        try (LiberoEnv env = client.open(Suite.SPATIAL.task(2))) {
            env.reset(0);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("env", env.id());
            step.put("actions", new float[][] {{0, 0, 0, 0, 0, 0}});
            LiberoException shortAction = assertThrows(LiberoException.class, () -> client.request("step", step));
            assertEquals("bad_action", shortAction.kind());
            assertTrue(shortAction.getMessage().contains("has 6 numbers, expected 7"), shortAction.getMessage());
            assertThrows(IllegalArgumentException.class, () -> env.step(new float[6])); // checked here first too
            env.step(Actions.noOp()); // the environment still steps
        }

        Map<String, Object> big = client.requestRaw(new byte[client.maxMessageBytes() + 1024]);
        assertEquals("too_large", error(big).get("kind"));

        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("op", "hello");
        hello.put("id", 0);
        hello.put("protocol", 99);
        Map<String, Object> version = client.requestRaw(Msgpack.encode(hello));
        assertEquals("version_mismatch", error(version).get("kind"));
        assertTrue(error(version).get("message").toString().contains("speaks 1"));

        Map<String, Object> garbage = client.requestRaw(new byte[] {(byte) 0xc1, 1, 2});
        assertEquals("bad_request", error(garbage).get("kind"));
        LiberoException op = assertThrows(LiberoException.class, () -> client.request("fly", Map.of()));
        assertEquals("unknown_op", op.kind());

        assertTrue(client.isAlive());
        client.request("ping", Map.of());
        assertEquals(40, client.tasks().size()); // still serving, on the same connection
    }

    @Test
    void aKilledWorkerIsAnErrorReplyAndAFreshWorkerTakesItsPlace() {
        Map<String, Object> open = new LinkedHashMap<>();
        open.put("suite", "libero_goal");
        open.put("task", 7);
        Map<String, Object> opened = client.request("open", open);
        long env = ((Number) opened.get("env")).longValue();
        long pid = ((Number) opened.get("pid")).longValue();
        client.request("reset", Map.of("env", env, "init_state", 0));
        // SIGKILL closes the worker's pipe at once (it stays a zombie until the server reaps it: no waiting here)
        assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());

        Map<String, Object> step = new LinkedHashMap<>();
        step.put("env", env);
        step.put("actions", new float[][] {Actions.noOp()});
        LiberoException died = assertThrows(LiberoException.class, () -> client.request("step", step));
        assertEquals(LiberoException.WORKER_DIED, died.kind());
        assertTrue(died.getMessage().contains("libero_goal/7"), died.getMessage());
        assertTrue(client.isAlive()); // the connection and the server go on
        assertEquals(
                "unknown_env",
                assertThrows(LiberoException.class, () -> client.request("step", step))
                        .kind());

        try (LiberoEnv again = client.open(Suite.GOAL.task(7))) { // a fresh worker serves the next environment
            again.reset(0);
            assertFalse(again.step(Actions.noOp()).success());
        }
    }

    @Test
    void aKilledServerFailsItsEnvironmentByNameAndThePoolOpensAnotherElsewhere() {
        LiberoServer doomed = LiberoServer.start(1);
        // ties go to the first server listed: the first env lands on the 2-worker server, the second on `doomed`
        try (LiberoPool pool = new LiberoPool(List.of(doomed.address(), server.address()), null, 64, 64, false)) {
            Task task = Suite.OBJECT.task(4);
            LiberoEnv safe = pool.open(Suite.OBJECT.task(1));
            LiberoEnv victim = pool.open(task);
            assertEquals(server.address(), safe.server());
            assertEquals(doomed.address(), victim.server());
            victim.reset(0);
            victim.step(Actions.noOp());

            doomed.kill(); // mid-episode
            LiberoException e = assertThrows(LiberoException.class, () -> victim.step(Actions.noOp()));
            assertTrue(e.isLost(), e.kind());
            assertTrue(e.getMessage().contains(doomed.address()), e.getMessage());
            assertTrue(e.getMessage().contains(task.id()), e.getMessage());
            assertTrue(victim.isLost());
            assertEquals(List.of(victim), pool.lost());
            assertEquals(List.of(server.address()), pool.liveServers());
            assertThrows(LiberoException.class, () -> victim.reset(0)); // stays lost

            LiberoEnv retry = pool.open(task); // the caller retries elsewhere
            assertEquals(server.address(), retry.server());
            retry.reset(0);
            assertFalse(retry.step(Actions.noOp()).done());
        } finally {
            doomed.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> reply) {
        assertEquals(Boolean.FALSE, reply.get("ok"), "expected an error reply: " + reply);
        return (Map<String, Object>) reply.get("error");
    }

    private static int variety(byte[] rgb) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int i = 0; i + 2 < rgb.length; i += 3 * 7) {
            colours.add(((rgb[i] & 0xff) << 16) | ((rgb[i + 1] & 0xff) << 8) | (rgb[i + 2] & 0xff));
        }
        return colours.size();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void anSftPolicyRunsAGreedyEpisodeOfTheRealLiberoThroughTheHarness() {
        // a policy behaviour-cloned (briefly) on the shipped one-shot demonstration of LIBERO-Spatial task 0; the
        // evaluation harness runs it on the real task exactly as it runs the embedded simulator
        Task task = Suite.SPATIAL.task(0);
        List<Episode> demos = DemoDataset.open(Path.of("../datasets/demos/one-shot/libero_spatial")).readAll().stream()
                .filter(e -> e.task().equals(task.id()))
                .toList();
        assertEquals(1, demos.size(), "one demonstration of " + task.id());
        try (SmallVla policy = Sft.newPolicy(demos, PolicyConfig.DEFAULT, List.of(), 3);
                LiberoPool pool = new LiberoPool(
                        List.of(server.address()),
                        null,
                        PolicyConfig.DEFAULT.imageSize(),
                        PolicyConfig.DEFAULT.imageSize(),
                        false)) {
            Sft.train(policy, demos, SftConfig.ONE_SHOT.withSteps(10).withBatchSize(16), null);
            EvalResult result = new Evaluator(pool::open).initialStates(0).evaluate(policy, List.of(task));
            assertEquals(1, result.episodes().size());
            EpisodeResult episode = result.episodes().get(0);
            assertEquals(task, episode.task());
            assertTrue(
                    episode.success() ? episode.steps() <= task.maxSteps() : episode.steps() == task.maxSteps(),
                    "an episode ends on success or at LIBERO's budget of " + task.maxSteps() + ", not after "
                            + episode.steps() + " steps");
            assertTrue(pool.lost().isEmpty());
        }
    }
}
