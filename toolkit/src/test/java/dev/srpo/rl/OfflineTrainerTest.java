package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.Engines;
import dev.srpo.io.AtomicFiles;
import dev.srpo.policy.SmallVla;
import dev.srpo.rollout.ObservationFile;
import dev.srpo.rollout.Rollout;
import dev.srpo.rollout.RolloutBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline SRPO end to end on the line world: collect a buffer, continue it, train on it, and its bad input. */
class OfflineTrainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    static Path init;
    static Path buffer;

    @BeforeAll
    static void collectOnce() {
        Engines.stayOffline();
        init = shared.resolve("tiny.vla");
        try (SmallVla p = TinyPolicies.create(7)) {
            p.save(init);
        }
        buffer = shared.resolve("buffer");
        new BufferCollector(collect()).log(null).collect(buffer);
    }

    /** 10 tasks × 2 layouts × 3 rollouts, in batches of 4 layouts, pixel embeddings. */
    static CollectConfig collect() {
        ObjectNode keys = JSON.createObjectNode()
                .put("env", "line")
                .put("suite", "libero_spatial")
                .put("init", init.toString())
                .put("encoder", "pixels")
                .put("layoutsPerTask", 2)
                .put("groupSize", 3)
                .put("promptsPerBatch", 4);
        return CollectConfig.DEFAULTS.with(keys);
    }

    static OfflineConfig train(String method) {
        ObjectNode keys = JSON.createObjectNode()
                .put("env", "line")
                .put("buffer", buffer.toString())
                .put("init", init.toString())
                .put("method", method)
                .put("passes", 2)
                .put("learningRate", 1e-3)
                .put("miniBatch", 32)
                .put("microBatch", 16)
                .put("evalStates", 2);
        return OfflineConfig.DEFAULTS.with(keys);
    }

    @Test
    void theBufferHoldsEveryRolloutWithAPrefixEmbeddingPerChunkBoundary() {
        RolloutBuffer b = RolloutBuffer.open(buffer);
        assertEquals(60, b.size());
        assertEquals(5, b.batches());
        List<RolloutBuffer.Stored> all = b.readAll();
        assertTrue(b.successes() > 0 && b.successes() < 60, "successes and failures: " + b.successes());
        Map<Object, Double> startProgress = new HashMap<>();
        for (RolloutBuffer.Stored s : all) {
            Rollout r = s.rollout();
            assertEquals(r.chunks().size() + 1, s.prefixes().length);
            assertEquals(b.dimension(), s.prefixes()[0].length);
            assertTrue(r.chunks().stream().allMatch(c -> c.tokens().length == 56 && c.logProbs().length == 56));
            // the line world's stage after each chunk, kept for the stage-awr ablation: 1 at a success's end
            int[] stages = r.chunkStages();
            assertEquals(r.chunks().size(), stages.length);
            assertTrue(Arrays.stream(stages).allMatch(st -> st == 0 || st == 1), Arrays.toString(stages));
            assertTrue(!r.success() || stages[stages.length - 1] == 1, Arrays.toString(stages));
            // and its dense progress at the start and after each chunk, for progress-awr: in [0, 1], 1 at a success
            double[] progress = r.chunkProgress();
            assertEquals(r.chunks().size() + 1, progress.length);
            assertTrue(Arrays.stream(progress).allMatch(p -> p >= 0 && p <= 1), Arrays.toString(progress));
            assertEquals(r.success(), progress[progress.length - 1] == 1, Arrays.toString(progress));
            assertEquals(
                    startProgress.computeIfAbsent(r.start(), k -> progress[0]),
                    progress[0],
                    "rollouts of one layout start from the same progress");
        }
        // layouts are training layouts, drawn per task; rollouts of one layout differ by their seeds
        assertNotEquals(all.get(0).rollout().seed(), all.get(1).rollout().seed());
        assertEquals(all.get(0).rollout().start(), all.get(1).rollout().start());
    }

    @Test
    void anInterruptedCollectionContinuesToTheSameBuffer(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("buffer");
        Files.createDirectories(copy.resolve("batches"));
        for (int k = 0; k < 2; k++) { // the first two batches, as if the run died during the third
            String name = String.format("batches/%05d.rollouts", k);
            Files.copy(buffer.resolve(name), copy.resolve(name));
        }
        keepFirstBatches(buffer, copy, 2);
        RolloutBuffer resumed = new BufferCollector(collect()).log(null).collect(copy);
        assertEquals(60, resumed.size());
        List<RolloutBuffer.Stored> a = RolloutBuffer.open(buffer).readAll();
        List<RolloutBuffer.Stored> c = resumed.readAll();
        for (int i = 0; i < a.size(); i++) {
            Rollout x = a.get(i).rollout();
            Rollout y = c.get(i).rollout();
            assertEquals(x.success(), y.success(), "rollout " + i);
            assertEquals(x.steps(), y.steps(), "rollout " + i);
            assertTrue(
                    Arrays.equals(x.chunks().get(0).tokens(), y.chunks().get(0).tokens()), "rollout " + i);
        }
        // other settings, or another encoder, cannot continue it
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new BufferCollector(collect().with(JSON.createObjectNode().put("groupSize", 4)))
                        .log(null)
                        .collect(copy));
        assertTrue(e.getMessage().contains("other settings"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new BufferCollector(collect().with(JSON.createObjectNode().put("encoder", "world-model")))
                        .log(null)
                        .collect(copy));
        assertTrue(e.getMessage().contains("one encoder per buffer"), e.getMessage());
    }

    @Test
    void everyMethodTrainsAndEvaluatesAndResumes(@TempDir Path dir) throws Exception {
        for (String method : List.of("srpo", "binary-awr", "filtered-bc")) {
            OfflineConfig config = train(method);
            OfflineTrainer.Result r =
                    new OfflineTrainer(config, dir.resolve(method)).log(null).run(false);
            assertEquals(3, r.rows().size(), method);
            ObjectNode first = r.rows().get(0);
            assertEquals(60, first.get(OfflineTrainer.BUFFER_ROLLOUTS).asInt());
            assertTrue(first.has(Metrics.EVAL_SUCCESS), method);
            assertTrue(r.rows().get(2).get(OfflineTrainer.AWR_LOSS).asDouble() > 0, method);
            assertTrue(Files.exists(dir.resolve(method).resolve("policy.vla")));
            assertFalse(Files.exists(dir.resolve(method).resolve("observations.tmp")), "the spilled frames are gone");
        }
        // filtered BC trains on the successes' chunks only; SRPO and binary AWR on every chunk they can weigh
        OfflineTrainer.Prepared bcPrepared = OfflineTrainer.prepare(train("filtered-bc"), RolloutBuffer.open(buffer));
        OfflineTrainer.Prepared binaryPrepared =
                OfflineTrainer.prepare(train("binary-awr"), RolloutBuffer.open(buffer));
        int bc = bcPrepared.chunks().size();
        int binary = binaryPrepared.chunks().size();
        assertTrue(bc < binary, bc + " vs " + binary);
        assertEquals(0, bcPrepared.rows().get(OfflineTrainer.WEIGHT_ON_FAILURES).asDouble(), "BC fits successes only");
        double onFailures =
                binaryPrepared.rows().get(OfflineTrainer.WEIGHT_ON_FAILURES).asDouble();
        assertTrue(onFailures > 0 && onFailures < 1, "binary AWR weighs failures down, not out: " + onFailures);
        // the report reads the runs back: one row per method, the success of their last evaluations
        List<Path> runs = List.of(dir.resolve("srpo"), dir.resolve("binary-awr"), dir.resolve("filtered-bc"));
        OfflineReport.write(dir.resolve("results"), runs, null);
        List<OfflineReport.Summary> read = OfflineReport.read(dir.resolve("results"));
        assertEquals(
                List.of("binary-awr", "filtered-bc", "srpo"),
                read.stream().map(OfflineReport.Summary::method).toList());
        for (OfflineReport.Summary s : read) {
            List<ObjectNode> rows = Trainer.readMetrics(dir.resolve(s.method()));
            assertEquals(rows.get(2).get(Metrics.EVAL_SUCCESS).asDouble(), s.finalSuccess(), 1e-12);
            assertEquals(60, s.episodes());
            assertEquals("libero_spatial", s.suite());
            assertEquals(rows.get(0).get(OfflineTrainer.WEIGHT_ON_FAILURES).asDouble(), s.weightOnFailures(), 1e-12);
        }
        var shares = OfflineReport.ofRuns(runs, null).table().doubleColumn("weight on failures %");
        assertEquals(0, shares.get(1), "filtered BC's row: no weight on failures");
        assertTrue(shares.get(0) > 0, "binary AWR's row: some");
        Path summary = dir.resolve("results").resolve(OfflineReport.SUMMARY);
        Files.writeString(summary, Files.readString(summary).replaceAll("\"weight_on_failures\" : [^,]*,", ""));
        assertNull(OfflineReport.read(dir.resolve("results")).get(0).weightOnFailures(), "a run from before the key");
        assertTrue(Files.exists(dir.resolve("results/libero_spatial.png")));
        // a finished run continues to more passes
        OfflineConfig more = train("srpo").with(JSON.createObjectNode().put("passes", 3));
        OfflineTrainer.Result r =
                new OfflineTrainer(more, dir.resolve("srpo")).log(null).run(true);
        assertEquals(4, r.rows().size());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new OfflineTrainer(more.with(JSON.createObjectNode().put("beta", 2.0)), dir.resolve("srpo"))
                        .log(null)
                        .run(true));
        assertTrue(e.getMessage().contains("beta"), e.getMessage());
    }

    @Test
    void aFurtherRoundCollectsWithThePolicySoFarAndTrainsOnItsOwnBuffer(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("rounds");
        Path firstBufferCopy = dir.resolve("first-buffer"); // a copy this test may take apart
        try (var files = Files.walk(buffer)) {
            for (Path f : files.toList()) {
                Files.copy(f, firstBufferCopy.resolve(buffer.relativize(f).toString()));
            }
        }
        OfflineConfig one = train("srpo").with(JSON.createObjectNode().put("buffer", firstBufferCopy.toString()));
        new OfflineTrainer(one, run).log(null).run(false);
        Path afterRoundOne = dir.resolve("after-round-1.vla");
        Files.copy(run.resolve("policy.vla"), afterRoundOne);
        // a finished one-round run continues to a second round
        OfflineTrainer.Result r = new OfflineTrainer(
                        one.with(JSON.createObjectNode().put("rounds", 2)), run)
                .log(null)
                .run(true);
        List<ObjectNode> rows = r.rows();
        assertEquals(5, rows.size());
        assertEquals(
                List.of(1, 1, 2, 2),
                rows.subList(1, 5).stream()
                        .map(x -> x.get(OfflineTrainer.ROUND).asInt())
                        .toList());
        assertEquals(
                List.of(1, 2, 3, 4),
                rows.subList(1, 5).stream()
                        .map(x -> x.get(Metrics.STEP).asInt())
                        .toList());
        assertFalse(Files.exists(run.resolve("observations.tmp")), "the spilled frames are gone");
        ObjectNode second = rows.get(3); // the second round's first pass carries its buffer
        assertEquals(60, second.get(OfflineTrainer.BUFFER_ROLLOUTS).asInt());
        assertTrue(second.get(OfflineTrainer.TIME_COLLECT).asDouble() > 0);
        assertTrue(
                rows.get(2).has(Metrics.EVAL_SUCCESS) && rows.get(4).has(Metrics.EVAL_SUCCESS),
                "every round ends evaluated");
        // the round's buffer: collected by the policy round 1 ended with, on other training layouts
        try (SmallVla a = SmallVla.load(afterRoundOne);
                SmallVla b = SmallVla.load(run.resolve("rounds/2/collector.vla"))) {
            assertTrue(Arrays.equals(
                    Engines.parameterBytes(a.model().getBlock()),
                    Engines.parameterBytes(b.model().getBlock())));
        }
        RolloutBuffer next = RolloutBuffer.open(run.resolve("rounds/2/buffer"));
        assertEquals(60, next.size());
        List<RolloutBuffer.Stored> firstBuffer = RolloutBuffer.open(buffer).readAll();
        List<RolloutBuffer.Stored> nextBuffer = next.readAll();
        boolean otherLayouts = false;
        for (int i = 0; i < firstBuffer.size(); i++) {
            otherLayouts |= !firstBuffer
                    .get(i)
                    .rollout()
                    .start()
                    .equals(nextBuffer.get(i).rollout().start());
        }
        assertTrue(otherLayouts, "the second round draws its own training layouts");
        // a run that died during the second round resumes in it, on its buffer, to the same pass, and does not
        // read the first round's rollouts again (only its index)
        AtomicFiles.deleteTree(firstBufferCopy.resolve("batches"));
        AtomicFiles.deleteTree(run.resolve("checkpoints/step-000004"));
        Files.writeString(run.resolve("checkpoints").resolve(Checkpoints.LATEST), "step-000003");
        List<ObjectNode> again = new OfflineTrainer(
                        one.with(JSON.createObjectNode().put("rounds", 2)), run)
                .log(null)
                .run(true)
                .rows();
        assertEquals(5, again.size());
        assertEquals(
                rows.get(4).get(OfflineTrainer.AWR_LOSS).asDouble(),
                again.get(4).get(OfflineTrainer.AWR_LOSS).asDouble(),
                1e-9);
        // the report counts both buffers
        OfflineReport.Summary s =
                OfflineReport.ofRuns(List.of(run), null).runs().get(0).summary();
        assertEquals(2, s.rounds());
        assertEquals(4, s.passes());
        assertEquals(120, s.episodes());
        assertEquals(RolloutBuffer.open(buffer).successes() + next.successes(), s.bufferSuccesses());
        // and gives each round's last evaluation
        OfflineReport.write(dir.resolve("results"), List.of(run), null);
        var table = OfflineReport.ofRuns(List.of(dir.resolve("results").resolve(s.name())), null)
                .roundsTable();
        assertEquals(List.of("suite", "method", "start", "round 1", "round 2", "episodes"), table.columnNames());
        assertEquals(
                Math.round(1000 * rows.get(2).get(Metrics.EVAL_SUCCESS).asDouble()) / 10.0,
                table.doubleColumn("round 1").get(0),
                1e-9);
        assertEquals(
                Math.round(1000 * again.get(4).get(Metrics.EVAL_SUCCESS).asDouble()) / 10.0,
                table.doubleColumn("round 2").get(0),
                1e-9);
        assertTrue(Files.exists(dir.resolve("results/rounds.md")));
    }

    @Test
    void twoRoundsInOneGoResumeFromADeathInTheCollectionToTheSameRows(@TempDir Path dir) throws Exception {
        OfflineConfig two = train("srpo").with(JSON.createObjectNode().put("rounds", 2));
        Path run = dir.resolve("run");
        List<String> whole = TrainerTest.withoutTimes(
                new OfflineTrainer(two, run).log(null).run(false).rows());
        assertEquals(5, whole.size());
        // the same as one round extended by a second
        Path extended = dir.resolve("extended");
        new OfflineTrainer(train("srpo"), extended).log(null).run(false);
        assertEquals(
                whole,
                TrainerTest.withoutTimes(
                        new OfflineTrainer(two, extended).log(null).run(true).rows()));
        // killed while collecting the second round's buffer, after two of its five batches
        for (String step : List.of("step-000003", "step-000004")) {
            AtomicFiles.deleteTree(run.resolve("checkpoints").resolve(step));
        }
        Files.writeString(run.resolve("checkpoints").resolve(Checkpoints.LATEST), "step-000002");
        Path buffer2 = run.resolve("rounds/2/buffer");
        keepFirstBatches(buffer2, buffer2, 2);
        assertEquals(
                whole,
                TrainerTest.withoutTimes(
                        new OfflineTrainer(two, run).log(null).run(true).rows()));
        // fewer passes per round from here on: the next round has one, and the run ends
        List<ObjectNode> three = new OfflineTrainer(
                        two.with(JSON.createObjectNode().put("rounds", 3).put("passes", 1)), run)
                .log(null)
                .run(true)
                .rows();
        assertEquals(6, three.size());
        assertEquals(3, three.get(5).get(OfflineTrainer.ROUND).asInt());
        assertTrue(three.get(5).has(Metrics.EVAL_SUCCESS), "the round ends evaluated");
    }

    /** A buffer on disk in {@code dir} holding these rollouts, described as the test's buffer. */
    private static RolloutBuffer bufferOf(Path dir, List<RolloutBuffer.Stored> rollouts) {
        RolloutBuffer b = RolloutBuffer.create(dir, RolloutBuffer.open(buffer).description());
        b.append(rollouts, 0);
        return b;
    }

    @Test
    void theFramesOfThePreparedChunksAreSpilledInTheirOrderAndDeletedAtClose(@TempDir Path dir) {
        List<RolloutBuffer.Stored> all = RolloutBuffer.open(buffer).readAll();
        // filtered BC keeps some rollouts' chunks, not all: chunk k's frame must still be observation k
        OfflineTrainer.Prepared bc = OfflineTrainer.prepare(train("filtered-bc"), RolloutBuffer.open(buffer));
        Path file = dir.resolve("run/observations.tmp");
        try (ObservationFile frames = ObservationFile.create(file)) {
            OfflineTrainer.writeFrames(bc, RolloutBuffer.open(buffer), frames);
            assertEquals(bc.chunks().size(), frames.size());
            for (int k = 0; k < bc.chunks().size(); k++) {
                OfflineTrainer.WeightedChunk w = bc.chunks().get(k);
                Rollout.Chunk c = all.get(w.rollout()).rollout().chunks().get(w.chunk());
                assertTrue(all.get(w.rollout()).rollout().success(), "BC trains on successes");
                assertArrayEquals(c.tokens(), w.tokens(), "chunk " + k);
                assertArrayEquals(c.observation().agentview(), frames.read(k).agentview(), "chunk " + k);
                assertArrayEquals(c.observation().proprio(), frames.read(k).proprio(), "chunk " + k);
            }
            // a buffer that is not the one prepared from (here: its failures only) is a named error
            RolloutBuffer other = bufferOf(
                    dir.resolve("other"),
                    all.stream().filter(st -> !st.rollout().success()).toList());
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> OfflineTrainer.writeFrames(bc, other, frames));
            assertTrue(e.getMessage().contains("no longer holds the chunks prepared from it"), e.getMessage());
        }
        assertFalse(Files.exists(file));
    }

    /** Writes into {@code to} the index of {@code from} cut to its first {@code n} batches: a collection that died. */
    private static void keepFirstBatches(Path from, Path to, int n) throws java.io.IOException {
        ObjectNode index =
                (ObjectNode) JSON.readTree(from.resolve(RolloutBuffer.INDEX).toFile());
        ArrayNode batches = (ArrayNode) index.get("batches");
        while (batches.size() > n) {
            batches.remove(n);
        }
        Files.write(to.resolve(RolloutBuffer.INDEX), JSON.writeValueAsBytes(index));
    }

    @Test
    void stageAwrWeighsChunksByTheSimulatorsStagesAndNeedsThem(@TempDir Path dir) {
        List<RolloutBuffer.Stored> all = RolloutBuffer.open(buffer).readAll();
        OfflineTrainer.Prepared stage = OfflineTrainer.prepare(train("stage-awr"), RolloutBuffer.open(buffer));
        OfflineTrainer.Prepared world = OfflineTrainer.prepare(train("srpo"), RolloutBuffer.open(buffer));
        assertEquals(world.chunks().size(), stage.chunks().size(), "both weigh every chunk of tasks with a success");
        double differ = 0;
        for (int k = 0; k < stage.chunks().size(); k++) {
            differ += Math.abs(
                    stage.chunks().get(k).weight() - world.chunks().get(k).weight());
        }
        assertTrue(differ > 0, "stage progress is another signal than world progress");
        // a buffer without stages (the real LIBERO's, or one collected before they were kept) is a named error
        List<RolloutBuffer.Stored> without = all.stream()
                .map(s -> {
                    Rollout r = s.rollout();
                    Map<String, Object> info = new HashMap<>(r.info());
                    info.remove(Rollout.CHUNK_STAGES);
                    return new RolloutBuffer.Stored(r.withInfo(info), s.prefixes());
                })
                .toList();
        RolloutBuffer withoutStages = bufferOf(dir, without);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> OfflineTrainer.prepare(train("stage-awr"), withoutStages));
        assertTrue(e.getMessage().contains("has no stage after each chunk"), e.getMessage());
        assertTrue(
                OfflineTrainer.prepare(train("srpo"), withoutStages).chunks().size() > 0, "world progress needs none");
    }

    @Test
    void progressAwrWeighsChunksByTheSimulatorsTaskProgressAndNeedsIt(@TempDir Path dir) {
        List<RolloutBuffer.Stored> all = RolloutBuffer.open(buffer).readAll();
        OfflineConfig config = train("progress-awr");
        OfflineTrainer.Prepared prepared = OfflineTrainer.prepare(config, RolloutBuffer.open(buffer));
        // the plain twin: Eq. 15 on each rollout's recorded progress, for the rollouts offline SRPO keeps
        OfflineTrainer.Prepared world = OfflineTrainer.prepare(train("srpo"), RolloutBuffer.open(buffer));
        double[][] progress = new double[all.size()][];
        boolean[] success = new boolean[all.size()];
        int[] chunks = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            Rollout r = all.get(i).rollout();
            progress[i] = world.progress().progress()[i] == null ? null : r.chunkProgress();
            success[i] = r.success();
            chunks[i] = r.chunks().size();
        }
        double[][] a =
                ProgressAdvantage.of(progress, ProgressAdvantage.Horizon.STEP, ProgressAdvantage.Baseline.BUFFER);
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int c = 0; a[i] != null && c < chunks[i]; c++) {
                double w = Math.min(Math.exp(a[i][c] / config.beta()), config.maxWeight());
                if (w > 0 && all.get(i).rollout().chunks().get(c).validTokens() > 0) {
                    expected.add(w);
                }
            }
        }
        assertEquals(expected.size(), prepared.chunks().size(), "the same chunks as offline SRPO");
        assertEquals(world.chunks().size(), prepared.chunks().size());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k), prepared.chunks().get(k).weight(), 1e-9, "chunk " + k);
        }
        // a buffer without task progress (the real LIBERO's, or one collected before it was kept) is a named error
        RolloutBuffer without = bufferOf(dir.resolve("without"), withProgress(all, null));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OfflineTrainer.prepare(config, without));
        assertTrue(e.getMessage().contains("has no task progress per chunk"), e.getMessage());
        // and so is progress outside [0, 1]
        RolloutBuffer broken = bufferOf(dir.resolve("broken"), withProgress(all, 1.5));
        e = assertThrows(IllegalArgumentException.class, () -> OfflineTrainer.prepare(config, broken));
        assertTrue(e.getMessage().contains("reports task progress 1.5, outside [0, 1]"), e.getMessage());
    }

    @Test
    void keepFailuresLeavesOnlyTheFailuresOfMostProgressWithTheirWeights() {
        OfflineTrainer.Prepared all = OfflineTrainer.prepare(train("srpo"), RolloutBuffer.open(buffer));
        OfflineConfig none = train("srpo").with(JSON.createObjectNode().put("keepFailures", 0));
        OfflineTrainer.Prepared successes = OfflineTrainer.prepare(none, RolloutBuffer.open(buffer));
        OfflineTrainer.Prepared bc = OfflineTrainer.prepare(train("filtered-bc"), RolloutBuffer.open(buffer));
        List<RolloutBuffer.Stored> stored = RolloutBuffer.open(buffer).readAll();
        int failures = 0;
        for (int i = 0; i < stored.size(); i++) {
            failures += all.progress().progress()[i] != null
                            && !stored.get(i).rollout().success()
                    ? 1
                    : 0;
        }
        assertTrue(failures > 0, "the line world's buffer has failures of tasks with a success");
        assertEquals(
                failures, successes.rows().get(OfflineTrainer.DROPPED_FAILURES).asInt());
        assertEquals(0, all.rows().get(OfflineTrainer.DROPPED_FAILURES).asInt());
        assertEquals(
                0.0, successes.rows().get(OfflineTrainer.WEIGHT_ON_FAILURES).asDouble());
        // keepFailures=0: filtered BC's chunks, each with the weight offline SRPO gives it (Eq. 15 over the buffer)
        assertEquals(bc.chunks().size(), successes.chunks().size(), "the chunks of the successes");
        Map<String, Double> weightOf = new HashMap<>();
        for (OfflineTrainer.WeightedChunk c : all.chunks()) {
            weightOf.put(c.rollout() + "/" + c.chunk(), c.weight());
        }
        for (int k = 0; k < successes.chunks().size(); k++) {
            OfflineTrainer.WeightedChunk c = successes.chunks().get(k);
            assertEquals(bc.chunks().get(k).rollout(), c.rollout());
            assertEquals(bc.chunks().get(k).chunk(), c.chunk());
            assertEquals(weightOf.get(c.rollout() + "/" + c.chunk()), c.weight(), 1e-12, "chunk " + k);
        }
        // a fraction keeps some failures: between the two
        OfflineConfig half = train("srpo").with(JSON.createObjectNode().put("keepFailures", 0.5));
        int kept = OfflineTrainer.prepare(half, RolloutBuffer.open(buffer))
                .chunks()
                .size();
        assertTrue(kept > successes.chunks().size() && kept < all.chunks().size(), kept + " chunks");
        // the methods without progress cannot rank failures: a named error
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> train("filtered-bc").with(JSON.createObjectNode().put("keepFailures", 0.5)));
        assertTrue(e.getMessage().contains("'keepFailures' = 0.5"), e.getMessage());
    }

    /** The rollouts with their per-chunk progress removed (null) or its first value set to {@code first}. */
    private static List<RolloutBuffer.Stored> withProgress(List<RolloutBuffer.Stored> all, Double first) {
        return all.stream()
                .map(s -> {
                    Rollout r = s.rollout();
                    Map<String, Object> info = new HashMap<>(r.info());
                    if (first == null) {
                        info.remove(Rollout.CHUNK_PROGRESS);
                    } else {
                        List<Object> p = new ArrayList<>((List<?>) info.get(Rollout.CHUNK_PROGRESS));
                        p.set(0, first);
                        info.put(Rollout.CHUNK_PROGRESS, p);
                    }
                    return new RolloutBuffer.Stored(r.withInfo(info), s.prefixes());
                })
                .toList();
    }

    @Test
    void anEmptyBufferOrOneWithoutSuccessIsANamedError(@TempDir Path dir) {
        RolloutBuffer.create(dir.resolve("empty"), collect().toJson().put("dimension", 384));
        ObjectNode keys =
                JSON.createObjectNode().put("buffer", dir.resolve("empty").toString());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new OfflineTrainer(train("srpo").with(keys), dir.resolve("run"))
                        .log(null)
                        .run(false));
        assertTrue(e.getMessage().contains("holds no rollouts"), e.getMessage());
        List<RolloutBuffer.Stored> failureList = RolloutBuffer.open(buffer).readAll().stream()
                .filter(s -> !s.rollout().success())
                .toList();
        RolloutBuffer failures = bufferOf(dir.resolve("failures"), failureList);
        e = assertThrows(IllegalArgumentException.class, () -> OfflineTrainer.prepare(train("filtered-bc"), failures));
        assertTrue(e.getMessage().contains("0 of " + failures.size()), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OfflineTrainer.prepare(train("srpo"), failures));
        assertTrue(e.getMessage().contains("learns from successes"), e.getMessage());
        assertTrue(
                OfflineTrainer.prepare(train("binary-awr"), failures).chunks().size() > 0);
        e = assertThrows(IllegalArgumentException.class, () -> RolloutBuffer.open(dir.resolve("nothing")));
        assertTrue(e.getMessage().contains("no rollout buffer"), e.getMessage());
    }
}
