package dev.srpo.libero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.Engines;
import dev.srpo.env.Env;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.policy.SmallVla;
import dev.srpo.reward.WorldProgressReward;
import dev.srpo.rl.Metrics;
import dev.srpo.rl.TinyPolicies;
import dev.srpo.rl.Trainer;
import dev.srpo.rl.TrainerConfig;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SRPO on the real LIBERO through a fleet: {@link LiberoFleet} starts the fleet launcher
 * ({@code python -m srpo_libero_server.fleet}), a private Ray on this machine with 2 bridge servers × 2 workers on
 * loopback; a 2-step SRPO run on one LIBERO task
 * (training layouts, 16×16 frames, a 16-step budget, the tiny V-JEPA 2 export as the encoder) trains through the
 * pool that follows the fleet's file. In step 2 the Ray actor under one environment is killed: the batch is collected
 * again on the other server, the run finishes, and the fleet brings the server back under a new address.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LiberoFleetTest {

    @TempDir
    static Path dir;

    private static LiberoFleet fleet;

    @BeforeAll
    static void startFleet() {
        if (LiberoServer.findPython().isEmpty()) {
            System.err.println("LiberoFleetTest skipped: no LIBERO virtualenv (.venv-libero)");
            return;
        }
        Engines.stayOffline();
        fleet = LiberoFleet.start(2, 2, dir.resolve("fleet"));
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
            assertTrue(fleet.servers().isEmpty(), "a stopped fleet lists no server");
        }
    }

    private static long actorPid(JsonNode doc, String address) {
        for (JsonNode s : doc.get("servers")) {
            if (s.get("address").asText().equals(address)) {
                return s.get("actor_pid").asLong();
            }
        }
        throw new AssertionError(address + " is not in the fleet file " + doc);
    }

    private static Path tinyVJepa2() throws URISyntaxException {
        return Path.of(LiberoFleetTest.class
                .getResource("/dev/srpo/encoder/vjepa2/vjepa2-tiny.pt")
                .toURI());
    }

    @Test
    void srpoTrainsThroughAFleetAndSurvivesAServerKilledMidStep() throws Exception {
        assumeTrue(fleet != null, "no LIBERO virtualenv (.venv-libero): run make setup-libero");
        JsonNode first = fleet.read();
        List<String> killed = new ArrayList<>();
        AtomicInteger opened = new AtomicInteger();
        TrainerConfig config = TrainerConfig.DEFAULTS
                .with("suite", "libero_goal")
                .with("tasks", List.of(0))
                .with("steps", 2)
                .with("promptsPerStep", 1)
                .with("groupSize", 2)
                .with("minSuccessRate", 0.0) // keep all-failure groups: the reward (and V-JEPA 2) runs every step
                .with("maxSuccessRate", 1.0)
                .with("miniBatch", 8)
                .with("microBatch", 8)
                .with("evalEvery", 0)
                .with("checkpointEvery", 1)
                .with("env", "libero")
                .with("encoder", "vjepa2:" + tinyVJepa2());
        Path out = dir.resolve("run");
        try (LiberoPool pool = fleet.pool(LiberoOptions.DEFAULT.withSize(16).withMaxSteps(16))
                .waitForCapacity(Duration.ofSeconds(120))) {
            Function<Task, Env> envs = task -> {
                LiberoEnv env = pool.open(task, pool.options().withTrainingLayouts(true));
                if (opened.incrementAndGet() == 3) { // step 2's first environment: its server's actor dies now
                    long pid = actorPid(fleet.read(), env.server());
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    killed.add(env.server());
                }
                return env;
            };
            try (SmallVla policy = TinyPolicies.create(2)) {
                Trainer trainer = new Trainer(
                                config,
                                policy,
                                envs,
                                envs,
                                Trainer.encoder(config.encoder()),
                                WorldProgressReward.paper(),
                                out)
                        .log(null);
                Trainer.Result r = trainer.run();
                List<ObjectNode> rows = r.rows();
                assertEquals(2, rows.get(rows.size() - 1).get(Metrics.STEP).asInt(), rows.toString());
                for (ObjectNode row : rows) {
                    if (row.get(Metrics.STEP).asInt() > 0) {
                        assertEquals(2, row.get(Metrics.ROLLOUTS).asInt(), row.toString());
                        assertTrue(row.has(Metrics.REWARD_MEAN), "the world-progress reward ran: " + row);
                    }
                }
            }
        }
        assertEquals(1, killed.size());
        assertTrue(opened.get() >= 6, "step 2 was collected again on fresh environments: " + opened.get() + " opened");
        assertTrue(Files.exists(out.resolve("policy.vla")));
        assertTrue(Files.exists(out.resolve("checkpoints/step-000001")), "step 1's checkpoint was kept");
        // Ray restarted the actor: its new server is in the file under another address
        long oldPid = actorPid(first, killed.get(0));
        JsonNode after = fleet.await(
                d -> d.get("servers").size() == 2
                        && d.findValues("actor_pid").stream().noneMatch(p -> p.asLong() == oldPid),
                Duration.ofMinutes(4),
                "the killed actor's replacement");
        assertFalse(
                after.findValues("address").stream().anyMatch(a -> a.asText().equals(killed.get(0))));
    }

    @Test
    void aFleetFileOfAnotherVersionOrWithoutAddressesIsRefusedByName() throws IOException {
        Path bad = Files.writeString(dir.resolve("v2.json"), "{\"version\": 2, \"servers\": []}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiberoPool.readFleet(bad));
        assertTrue(e.getMessage().contains("v2.json") && e.getMessage().contains("version 2"), e.getMessage());
        Path noAddress = Files.writeString(dir.resolve("na.json"), "{\"version\": 1, \"servers\": [{\"actor\": 0}]}");
        e = assertThrows(IllegalArgumentException.class, () -> LiberoPool.readFleet(noAddress));
        assertTrue(e.getMessage().contains("ws://"), e.getMessage());
        Path missing = dir.resolve("none.json");
        e = assertThrows(
                IllegalArgumentException.class, () -> LiberoPool.fromFleet(missing, null, LiberoOptions.DEFAULT));
        assertTrue(e.getMessage().contains("none.json"), e.getMessage());
        assertEquals(
                List.of("ws://10.0.0.1:1", "ws://10.0.0.2:2"),
                LiberoPool.readFleet(Files.writeString(
                        dir.resolve("ok.json"),
                        "{\"version\": 1, \"servers\": [{\"address\": \"ws://10.0.0.1:1\"},"
                                + " {\"address\": \"ws://10.0.0.2:2\"}]}")));
    }

    @Test
    void aPoolThatHoldsEveryWorkerOrHasTheWrongTokenSaysSoAtOnce() throws Exception {
        assumeTrue(fleet != null, "no LIBERO virtualenv (.venv-libero): run make setup-libero");
        try (LiberoPool wrong = LiberoPool.fromFleet(fleet.file(), "not-the-token", LiberoOptions.DEFAULT)) {
            LiberoException e = assertThrows(LiberoException.class, () -> wrong.open(Suite.GOAL.task(0)));
            assertEquals("unauthorized", e.kind(), e.getMessage());
        }
        try (LiberoPool pool = fleet.pool(LiberoOptions.DEFAULT.withSize(16))) {
            List<LiberoEnv> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // 2 servers x 2 workers
                held.add(pool.open(Suite.GOAL.task(0)));
            }
            long start = System.nanoTime();
            LiberoException e = assertThrows(LiberoException.class, () -> pool.open(Suite.GOAL.task(0)));
            assertTrue(e.getMessage().contains("already holds 4 environments"), e.getMessage());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "no waiting for itself");
            held.forEach(LiberoEnv::close);
            assertTrue(pool.open(Suite.GOAL.task(0)) != null, "closed environments give their workers back");
        }
    }

    @Test
    void trainingLayoutsAreLiberosOwnDrawsNotItsEvaluationStates() throws Exception {
        assumeTrue(fleet != null, "no LIBERO virtualenv (.venv-libero): run make setup-libero");
        try (LiberoPool pool = fleet.pool(LiberoOptions.DEFAULT.withSize(32))) {
            Task task = Suite.GOAL.task(0);
            try (LiberoEnv training = pool.open(task, pool.options().withTrainingLayouts(true));
                    LiberoEnv evaluation = pool.open(task, pool.options())) {
                float[] t0 = training.reset(0).proprio();
                float[] e0 = evaluation.reset(0).proprio();
                float[] t0again = training.reset(0).proprio();
                assertEquals(
                        java.util.Arrays.toString(t0), java.util.Arrays.toString(t0again), "same layout, same start");
                byte[] tf = training.reset(3).agentview();
                byte[] ef = evaluation.reset(3).agentview();
                assertFalse(java.util.Arrays.equals(tf, ef), "training layout 3 is not evaluation state 3");
                assertTrue(e0.length == 8 && t0.length == 8);
            }
        }
    }
}
