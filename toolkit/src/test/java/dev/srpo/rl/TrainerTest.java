package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.Engines;
import dev.srpo.encoder.PixelEncoder;
import dev.srpo.env.LineEnv;
import dev.srpo.policy.SmallVla;
import dev.srpo.reward.BinaryReward;
import dev.srpo.reward.WorldProgressReward;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    /** A small SRPO run on the line world: 3 prompts × 4 rollouts, evaluation on 2 states of 2 tasks. */
    static TrainerConfig small(int steps) {
        return TrainerConfig.DEFAULTS
                .with("suite", "libero_spatial")
                .with("tasks", List.of(0, 1))
                .with("steps", steps)
                .with("promptsPerStep", 3)
                .with("groupSize", 4)
                .with("miniBatch", 32)
                .with("microBatch", 16)
                .with("learningRate", 1e-3)
                .with("evalEvery", 2)
                .with("evalStates", 2)
                .with("checkpointEvery", 2)
                .with("env", "line")
                .with("lossAggregation", System.getProperty("agg", "sequence-mean"));
    }

    static Trainer trainer(TrainerConfig config, SmallVla policy, Path out) {
        return new Trainer(
                        config,
                        policy,
                        LineEnv::new,
                        LineEnv::new,
                        new PixelEncoder(4, 4),
                        WorldProgressReward.paper(),
                        out)
                .log(null);
    }

    @BeforeAll
    static void offline() {
        Engines.stayOffline();
    }

    static List<float[]> weights(SmallVla p) {
        List<float[]> w = new ArrayList<>();
        for (Pair<String, Parameter> e : p.model().getBlock().getParameters()) {
            w.add(e.getValue().getArray().toFloatArray());
        }
        return w;
    }

    static List<String> withoutTimes(List<ObjectNode> rows) {
        List<String> out = new ArrayList<>();
        for (ObjectNode r : rows) {
            ObjectNode c = r.deepCopy();
            List<String> names = new ArrayList<>();
            c.fieldNames().forEachRemaining(names::add);
            names.stream().filter(Metrics::isTime).forEach(c::remove);
            out.add(c.toString());
        }
        return out;
    }

    static void assertSameRun(List<float[]> w1, List<float[]> w2, List<ObjectNode> r1, List<ObjectNode> r2) {
        assertEquals(withoutTimes(r1), withoutTimes(r2));
        assertEquals(w1.size(), w2.size());
        for (int i = 0; i < w1.size(); i++) {
            assertArrayEquals(w1.get(i), w2.get(i), "parameter " + i + " bit for bit");
        }
    }

    @Test
    void fourStepsEqualTwoStepsThenResumeThenTwoMoreBitForBit(@TempDir Path dir) throws Exception {
        List<float[]> straight;
        List<ObjectNode> rows;
        try (SmallVla p = TinyPolicies.create(1)) {
            Trainer.Result r = trainer(small(4), p, dir.resolve("a")).run();
            straight = weights(p);
            rows = r.rows();
            assertEquals(5, rows.size(), "step 0 (evaluation) and four steps");
            assertTrue(rows.get(1).has(Metrics.PG_LOSS)
                    || rows.get(1).get(Metrics.UPDATE_SKIPPED).asInt() == 1);
            assertTrue(rows.get(4).has(Metrics.EVAL_SUCCESS));
            assertEquals(rows.toString(), Trainer.readMetrics(dir.resolve("a")).toString());
            for (ObjectNode row : rows) { // each kept failure's reward comes with the stage the environment reported
                if (row.has(Metrics.FAILURE_REWARDS)) {
                    assertEquals(
                            row.get(Metrics.FAILURE_REWARDS).size(),
                            row.get(Metrics.FAILURE_STAGES).size());
                    row.get(Metrics.FAILURE_STAGES)
                            .forEach(s -> assertTrue(s.asInt() == 0 || s.asInt() == 1, row.toString()));
                }
                if (row.has(Metrics.FAILURE_STAGE_SPEARMAN)) {
                    double rho = row.get(Metrics.FAILURE_STAGE_SPEARMAN).asDouble();
                    assertTrue(rho >= -1 && rho <= 1, row.toString());
                }
            }
        }
        try (SmallVla p = TinyPolicies.create(1)) {
            trainer(small(2), p, dir.resolve("b")).run();
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode first = (ObjectNode) json.readTree(dir.resolve("b/run.json").toFile());
        assertFalse(first.has("resumes"));
        try (SmallVla p = TinyPolicies.create(1)) { // a fresh process would start from the initial weights again
            Trainer.Result r = trainer(small(4), p, dir.resolve("b")).run(true);
            assertSameRun(straight, weights(p), rows, r.rows());
        }
        assertTrue(Files.exists(dir.resolve("b/checkpoints/step-000004/policy.vla")));
        // the resumed run keeps its first start and commit, lists the resume, and records the new length
        ObjectNode resumed =
                (ObjectNode) json.readTree(dir.resolve("b/run.json").toFile());
        assertEquals(first.get("started"), resumed.get("started"));
        assertEquals(first.get("commit"), resumed.get("commit"));
        assertEquals(1, resumed.get("resumes").size(), resumed.toString());
        assertTrue(resumed.get("resumes")
                        .get(0)
                        .get("started")
                        .asText()
                        .compareTo(first.get("started").asText())
                >= 0);
        assertEquals(4, resumed.get("config").get("steps").asInt());
    }

    @Test
    void aFolderWithARunIsNotOverwrittenAndAnotherConfigCannotResumeIt(@TempDir Path dir) {
        try (SmallVla p = TinyPolicies.create(1)) {
            trainer(small(1).with("evalEvery", 0), p, dir).run();
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> trainer(small(1), p, dir).run());
            assertTrue(e.getMessage().contains("resume it with --resume"), e.getMessage());
            e = assertThrows(
                    IllegalArgumentException.class,
                    () -> trainer(small(2).with("evalEvery", 0).with("learningRate", 0.1), p, dir)
                            .run(true));
            assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
        }
    }

    @Test
    void allSuccessAllFailureAndSingletonGroupsSkipTheUpdateAndSaySo(@TempDir Path dir) {
        try (SmallVla p = TinyPolicies.create(1)) {
            // group size 1: every group has success rate 0 or 1, so dynamic sampling drops them all
            Trainer.Result r = trainer(
                            small(1).with("groupSize", 1).with("evalEvery", 0).with("maxExtraRounds", 1),
                            p,
                            dir.resolve("one"))
                    .run();
            ObjectNode row = r.rows().get(0);
            assertEquals(1, row.get(Metrics.UPDATE_SKIPPED).asInt());
            assertEquals(0, row.get(Metrics.GROUPS_KEPT).asInt());
            assertEquals(1, row.get(Metrics.EXTRA_ROUNDS).asInt());
            assertEquals(6, row.get(Metrics.GROUPS).asInt(), "3 prompts, then one extra round of 3");
            assertEquals(
                    6,
                    row.get(Metrics.GROUPS_DROPPED_LOW).asInt()
                            + row.get(Metrics.GROUPS_DROPPED_HIGH).asInt());
            // with the window open, the reward decides: a binary reward keeps only the mixed groups; SRPO also keeps
            // a failed group when its task succeeded in another group of the step (3 prompts of one task per step)
            for (String name : List.of("grpo", "srpo")) {
                boolean srpo = name.equals("srpo");
                Trainer.Result open = new Trainer(
                                small(6).with("evalEvery", 0)
                                        .with("tasks", List.of(0))
                                        .with("promptsPerTask", 3)
                                        .with("minSuccessRate", 0.0)
                                        .with("maxSuccessRate", 1.0)
                                        .with("dropEqualRewards", true)
                                        .with("reward", name),
                                p,
                                LineEnv::new,
                                LineEnv::new,
                                srpo ? new PixelEncoder(4, 4) : null,
                                srpo ? WorldProgressReward.paper() : new BinaryReward(),
                                dir.resolve("open-" + name))
                        .log(null)
                        .run();
                int noSuccess = 0;
                for (ObjectNode step : open.rows().subList(1, open.rows().size())) {
                    assertEquals(
                            step.get(Metrics.GROUPS).asInt(),
                            step.get(Metrics.GROUPS_KEPT).asInt()
                                    + step.get(Metrics.GROUPS_DROPPED_LOW).asInt()
                                    + step.get(Metrics.GROUPS_DROPPED_HIGH).asInt(),
                            step.toString());
                    noSuccess += step.get(Metrics.GROUPS_KEPT_NO_SUCCESS).asInt();
                }
                assertEquals(srpo, noSuccess > 0, name + ": kept groups without a success " + noSuccess);
            }
            // without dropEqualRewards the open window keeps every group, whatever its rewards
            Trainer.Result all = trainer(
                            small(2).with("evalEvery", 0)
                                    .with("minSuccessRate", 0.0)
                                    .with("maxSuccessRate", 1.0),
                            p,
                            dir.resolve("all"))
                    .run();
            for (ObjectNode step : all.rows().subList(1, all.rows().size())) {
                assertEquals(
                        step.get(Metrics.GROUPS).asInt(),
                        step.get(Metrics.GROUPS_KEPT).asInt(),
                        step.toString());
            }
        }
    }

    @Test
    void theOracleRewardsEachFailureAlphaTimesTheProgressItsEnvironmentReported(@TempDir Path dir) {
        try (SmallVla p = TinyPolicies.create(1)) {
            TrainerConfig c = small(3).with("evalEvery", 0).with("reward", "oracle");
            Trainer.Result r = new Trainer(
                            c, p, LineEnv::new, LineEnv::new, null, Trainer.reward(c), dir.resolve("oracle"))
                    .log(null)
                    .run();
            int failures = 0;
            for (ObjectNode row : r.rows().subList(1, r.rows().size())) {
                if (!row.has(Metrics.FAILURE_REWARDS)) {
                    continue;
                }
                for (var g : row.get(Metrics.FAILURE_REWARDS)) {
                    // LineEnv's progress is its position in [0, 1): a failure earns α x, never the success's 1
                    assertTrue(g.asDouble() >= 0 && g.asDouble() < c.alpha(), row.toString());
                    failures++;
                }
                if (row.has(Metrics.FAILURE_PROGRESS_SPEARMAN)) { // the reward is the progress, rescaled
                    assertEquals(1, row.get(Metrics.FAILURE_PROGRESS_SPEARMAN).asDouble(), 1e-9, row.toString());
                }
            }
            assertTrue(failures > 0, "some kept failure was rewarded");
            assertTrue(
                    r.rows().stream().anyMatch(row -> row.has(Metrics.FAILURE_PROGRESS_SPEARMAN)),
                    "the progress ranking is measured");
        }
    }

    @Test
    void onlyARewardThatReadsEmbeddingsMakesTheCollectorKeepVideos() {
        TrainerConfig c = TrainerConfig.DEFAULTS;
        assertEquals(Integer.MAX_VALUE, Trainer.framesToKeep(Trainer.reward(c.with("reward", "srpo"))));
        assertEquals(0, Trainer.framesToKeep(Trainer.reward(c.with("reward", "grpo"))), "binary: no videos");
        assertEquals(0, Trainer.framesToKeep(Trainer.reward(c.with("reward", "oracle"))), "oracle: progress only");
    }

    @Test
    void promptsPerTaskGivesEachTaskOfAStepThatManyLayouts(@TempDir Path dir) {
        try (SmallVla p = TinyPolicies.create(1)) {
            TrainerConfig one = small(1).with("tasks", List.of(0, 1, 2)).with("promptsPerStep", 4);
            List<dev.srpo.rollout.Start> a = trainer(one, p, dir.resolve("a")).prompts(5, 0);
            List<dev.srpo.rollout.Start> b =
                    trainer(one.with("promptsPerTask", 2), p, dir.resolve("b")).prompts(5, 0);
            assertEquals(4, b.size());
            assertEquals(b.get(0).task(), b.get(1).task());
            assertEquals(b.get(2).task(), b.get(3).task());
            assertFalse(b.get(1).task().equals(b.get(2).task()), "the next task in turn");
            // the same random offset and layouts as one prompt per task, only the tasks repeat
            assertEquals(a.get(0), b.get(0));
            for (int i = 0; i < 4; i++) {
                assertEquals(a.get(i).initialState(), b.get(i).initialState());
                assertEquals(a.get(i / 2).task(), b.get(i).task());
            }
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> small(1).with("promptsPerTask", 2));
        assertTrue(
                e.getMessage().contains("'promptsPerTask'") && e.getMessage().contains("promptsPerStep (3)"),
                e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> small(1).with("groupSize", 1).with("dropEqualRewards", true));
        assertTrue(
                e.getMessage().contains("'dropEqualRewards'") && e.getMessage().contains("groupSize 1"),
                e.getMessage());
    }

    /** A policy whose logits turn NaN on demand, as a diverging run's would. */
    static final class Poisoned implements dev.srpo.policy.VlaPolicy {
        final SmallVla inner;
        volatile boolean poisoned;

        Poisoned(SmallVla inner) {
            this.inner = inner;
        }

        @Override
        public int chunk() {
            return inner.chunk();
        }

        @Override
        public dev.srpo.policy.ActionTokenizer actionTokenizer() {
            return inner.actionTokenizer();
        }

        @Override
        public dev.srpo.policy.InstructionTokenizer instructionTokenizer() {
            return inner.instructionTokenizer();
        }

        @Override
        public ai.djl.ndarray.NDArray logits(
                ai.djl.ndarray.NDManager m, List<dev.srpo.env.Observation> batch, boolean training) {
            ai.djl.ndarray.NDArray l = inner.logits(m, batch, training);
            return poisoned && training ? l.mul(Float.NaN) : l;
        }

        @Override
        public ai.djl.Model model() {
            return inner.model();
        }

        @Override
        public void save(Path file) {
            inner.save(file);
        }

        @Override
        public void loadWeights(Path file) {
            inner.loadWeights(file);
        }

        @Override
        public dev.srpo.policy.VlaPolicy copy() {
            return inner.copy();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aNonFiniteStepStopsWithItsNameAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) {
        try (Poisoned p = new Poisoned(TinyPolicies.create(1))) {
            // every group of a step on one task and the window open: SRPO's reward varies in every group of a step
            // with a success, so such a step updates (step 4 of this seed does)
            TrainerConfig c = small(5).with("evalEvery", 0)
                    .with("checkpointEvery", 1)
                    .with("tasks", List.of(0))
                    .with("promptsPerTask", 3)
                    .with("minSuccessRate", 0.0)
                    .with("maxSuccessRate", 1.0)
                    .with("advantage", "no-std");
            Trainer t = new Trainer(
                            c, p, LineEnv::new, LineEnv::new, new PixelEncoder(4, 4), WorldProgressReward.paper(), dir)
                    .log(null)
                    .onStep(row -> p.poisoned = row.get(Metrics.STEP).asInt() == 3);
            NonFiniteException e = assertThrows(NonFiniteException.class, t::run);
            Path last = new Checkpoints(dir.resolve("checkpoints"), 3).latest();
            assertEquals("step-000003", last.getFileName().toString());
            assertTrue(e.getMessage().startsWith("step 4: the PPO loss is NaN"), e.getMessage());
            assertTrue(e.getMessage().contains(last.toString()), e.getMessage());
            SmallVla.load(last.resolve(Checkpoints.POLICY)).close(); // the kept checkpoint is whole and finite
            assertFalse(Files.exists(dir.resolve("checkpoints/step-000004")));
        }
    }

    @Test
    void sequenceMeanChangesTheUpdateAndARunSavedBeforeTheKeyExistedResumes(@TempDir Path dir) throws Exception {
        List<float[]> tokenMean;
        List<float[]> sequenceMean;
        try (SmallVla p = TinyPolicies.create(1)) {
            trainer(small(1).with("evalEvery", 0).with("lossAggregation", "token-mean"), p, dir.resolve("token"))
                    .run();
            tokenMean = weights(p);
        }
        try (SmallVla p = TinyPolicies.create(1)) {
            trainer(small(1).with("evalEvery", 0).with("lossAggregation", "sequence-mean"), p, dir.resolve("seq"))
                    .run();
            sequenceMean = weights(p);
        }
        boolean differ = false;
        for (int i = 0; i < tokenMean.size(); i++) {
            differ |= !java.util.Arrays.equals(tokenMean.get(i), sequenceMean.get(i));
        }
        assertTrue(differ, "successes end early and failures run on: weighting rollouts equally changes the update");

        // run.json of a run made before lossAggregation and evalLayouts existed: it ran token-mean, not today's
        // default, and resumes only as that
        Path runFile = dir.resolve("token/run.json");
        ObjectNode run = (ObjectNode) new ObjectMapper().readTree(runFile.toFile());
        ((ObjectNode) run.get("config")).remove(List.of("lossAggregation", "evalLayouts"));
        Files.writeString(runFile, run.toString());
        TrainerConfig old = TrainerConfig.saved((ObjectNode) run.get("config"));
        assertEquals("token-mean", old.lossAggregation());
        assertEquals("evaluation", old.evalLayouts());
        try (SmallVla p = TinyPolicies.create(1)) {
            TrainerConfig today = small(2).with("evalEvery", 0).with("lossAggregation", "sequence-mean");
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> trainer(today, p, dir.resolve("token")).run(true));
            assertTrue(e.getMessage().contains("lossAggregation"), e.getMessage());
            var r = trainer(today.with("lossAggregation", "token-mean"), p, dir.resolve("token"))
                    .run(true);
            assertEquals(2, r.rows().get(r.rows().size() - 1).get(Metrics.STEP).asInt());
        }
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TrainerConfig.DEFAULTS.with("lossAggregation", "mean"));
        assertTrue(e.getMessage().contains("token-mean, sequence-mean"), e.getMessage());
    }

    @Test
    void configErrorsNameTheKey(@TempDir Path dir) throws Exception {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TrainerConfig.DEFAULTS.with("stpes", 3));
        assertTrue(
                e.getMessage().contains("unknown key 'stpes'") && e.getMessage().contains("steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.DEFAULTS.with("steps", "abc"));
        assertTrue(e.getMessage().contains("key 'steps' has the wrong type"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.DEFAULTS.with("reward", "ppo"));
        assertTrue(
                e.getMessage().contains("'reward'") && e.getMessage().contains("srpo, grpo, oracle"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> TrainerConfig.DEFAULTS.with("env", "libero").with("reward", "oracle"));
        assertTrue(e.getMessage().contains("'reward'") && e.getMessage().contains("env libero"), e.getMessage());
        Path yaml = dir.resolve("c.yaml");
        Files.writeString(yaml, "suite: libero_goal\nsteps: 7\nlearningRate: 1.0e-4\n");
        TrainerConfig c = TrainerConfig.read(yaml);
        assertEquals(7, c.steps());
        assertEquals("libero_goal", c.suite());
        assertEquals(TrainerConfig.GROUP_SIZE, c.groupSize());
        Path json = dir.resolve("c.json");
        Files.writeString(json, "{\"steps\": 3, \"bogus\": 1}");
        e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.read(json));
        assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains("'bogus'"), e.getMessage());
        assertEquals(c, TrainerConfig.DEFAULTS.with(c.toJson()));
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Trainer.fromConfig(
                        TrainerConfig.DEFAULTS
                                .with("env", "line")
                                .with("init", dir.resolve("none.vla").toString()),
                        dir.resolve("out")));
        assertTrue(e.getMessage().contains("no checkpoint at"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written before the checks pass");
        e = assertThrows(
                IllegalArgumentException.class,
                () -> Trainer.fromConfig(TrainerConfig.DEFAULTS.with("env", "holodeck"), dir.resolve("out")));
        assertTrue(
                e.getMessage().contains("key 'env' = holodeck")
                        && e.getMessage().contains("line"),
                e.getMessage());
    }

    @Test
    void aRunKilledWithSigkillResumesToTheUninterruptedResult(@TempDir Path dir) throws Exception {
        Path init = dir.resolve("init.vla");
        List<float[]> straight;
        List<ObjectNode> rows;
        TrainerConfig config = small(6).with("init", init.toString()).with("encoder", "pixels");
        try (SmallVla p = TinyPolicies.create(5)) {
            p.save(init);
        }
        Trainer t = Trainer.fromConfig(config, dir.resolve("straight")).log(null);
        try (var p = t.policy()) {
            rows = t.run().rows();
            straight = weights((SmallVla) p);
        }
        Path out = dir.resolve("killed");
        Files.writeString(dir.resolve("config.json"), config.toJsonString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"));
        for (String key : List.of(Engines.TORCH_THREADS, Engines.TORCH_INTEROP_THREADS)) {
            if (System.getProperty(key) != null) { // the same libtorch threads, so the same floats as in here
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "dev.srpo.cli.Srpo",
                "train",
                "--config",
                dir.resolve("config.json").toString(),
                "--out",
                out.toString()));
        Process child = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        Path latest = out.resolve("checkpoints").resolve(Checkpoints.LATEST);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        // Kill at the first checkpoint seen, whichever it is: waiting for one step's checkpoint made the test fail
        // whenever a loaded machine kept this thread from polling while that checkpoint was the latest.
        while (!Files.exists(latest) && System.nanoTime() < deadline && child.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child died on its own: " + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly(); // SIGKILL
        child.waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(latest), "it checkpointed before the kill");
        assertFalse(
                Files.readString(latest).contains("step-000006"),
                "killed before its last step, so that there is something to resume");
        Trainer resumed = Trainer.fromConfig(config, out).log(null);
        try (var p = resumed.policy()) {
            Trainer.Result r = resumed.run(true);
            assertSameRun(straight, weights((SmallVla) p), rows, r.rows());
        }
        assertFalse(new File(out.toFile(), "checkpoints").list().length == 0);
    }
}
