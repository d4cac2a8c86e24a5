package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunSummary and Comparison on hand-written run folders: the figures of summary.json, and the results folder. */
public class ComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run folder as the trainer writes it, with evaluations (step, success) every other step. */
    public static Path run(Path dir, String method, double[][] evals) throws Exception {
        return run(dir, method, evals, 0);
    }

    /** {@link #run} with {@code promptsPerStep} in the config and every step's rollouts (0: the defaults, none). */
    static Path run(Path dir, String method, double[][] evals, int promptsPerStep) throws Exception {
        Files.createDirectories(dir);
        var config = TrainerConfig.DEFAULTS.with("reward", method).with("evalStates", 50);
        if (promptsPerStep > 0) {
            config = config.with("promptsPerStep", promptsPerStep);
        }
        int rollouts = promptsPerStep * config.groupSize();
        Files.writeString(
                dir.resolve("run.json"),
                JSON.createObjectNode()
                        .put("commit", "abc")
                        .put("seed", 7)
                        .set("config", config.toJson())
                        .toString());
        StringBuilder lines = new StringBuilder();
        for (double[] e : evals) {
            int step = (int) e[0];
            var row = JSON.createObjectNode().put(Metrics.STEP, step).put(Metrics.EVAL_SUCCESS, e[1]);
            row.putObject(Metrics.EVAL_TASKS).put("libero_object/0", e[1]).put("libero_object/10", 1 - e[1]);
            row.put(step == 0 ? Metrics.TIME_EVAL : Metrics.TIME_STEP, 10.0);
            if (step > 0 && rollouts > 0) {
                row.put(Metrics.ROLLOUTS, rollouts);
            }
            lines.append(row).append('\n');
            if (step > 0) { // a step without evaluation
                var plain = JSON.createObjectNode().put(Metrics.STEP, step + 1).put(Metrics.TIME_STEP, 5.0);
                if (rollouts > 0) {
                    plain.put(Metrics.ROLLOUTS, rollouts);
                }
                lines.append(plain).append('\n');
            }
        }
        Files.writeString(dir.resolve(Checkpoints.METRICS), lines);
        return dir;
    }

    @Test
    void summaryFindsTheFirstCrossingOf90(@TempDir Path tmp) throws Exception {
        Path dir = run(tmp.resolve("a"), "srpo", new double[][] {{0, 0.3}, {2, 0.91}, {4, 0.85}, {6, 0.95}});
        RunSummary s = RunSummary.of(dir);
        assertEquals("libero_object", s.suite());
        assertEquals("srpo", s.method());
        assertEquals(7, s.seed());
        assertEquals(7, s.steps()); // the last row is step 6 + 1
        assertEquals(0.3, s.startSuccess());
        assertEquals(0.95, s.finalSuccess());
        assertEquals(6, s.finalStep());
        assertEquals(0.95, s.bestSuccess());
        assertEquals(2, s.stepsTo90());
        assertEquals(10 + 3 * (10 + 5), s.wallSeconds(), 1e-9);
        assertEquals(500, s.evalEpisodes());
        assertEquals("evaluation", s.evalLayouts());

        Path pilot = run(tmp.resolve("p"), "srpo", new double[][] {{0, 0.3}});
        ObjectNode runJson =
                (ObjectNode) JSON.readTree(pilot.resolve("run.json").toFile());
        ((ObjectNode) runJson.get("config")).put("evalLayouts", "training");
        Files.writeString(pilot.resolve("run.json"), runJson.toString());
        assertEquals(
                "training", RunSummary.of(pilot).toJson().get("eval_layouts").asText(), "a pilot says so");
        ((ObjectNode) runJson.get("config")).remove("evalLayouts"); // a run made before the key existed
        Files.writeString(pilot.resolve("run.json"), runJson.toString());
        assertEquals("evaluation", RunSummary.of(pilot).evalLayouts());

        RunSummary never = RunSummary.of(run(tmp.resolve("b"), "grpo", new double[][] {{0, 0.3}, {2, 0.89}}));
        assertNull(never.stepsTo90());
        assertTrue(never.toJson().get("steps_to_90").isNull());
    }

    @Test
    void resultsFolderRoundTrips(@TempDir Path tmp) throws Exception {
        Path srpo = run(tmp.resolve("a"), "srpo", new double[][] {{0, 0.3}, {2, 0.6}});
        Path grpo = run(tmp.resolve("b"), "grpo", new double[][] {{0, 0.3}, {2, 0.4}});
        var levels = Map.of("libero_object", Map.of("full SFT", 0.86));
        Comparison written = Comparison.write(tmp.resolve("results"), List.of(srpo, grpo), levels);
        Path results = tmp.resolve("results");
        for (String f : List.of(
                "summary.json",
                "libero_object.png",
                "libero_object-srpo/eval.csv",
                "libero_object-grpo/metrics.jsonl",
                "libero_object-grpo/run.json")) {
            assertTrue(Files.isRegularFile(results.resolve(f)), f);
        }
        JsonNode summary = JSON.readTree(results.resolve("summary.json").toFile());
        assertEquals("grpo", summary.path("runs").get(0).path("method").asText()); // sorted by suite, then method
        assertEquals(0.6, summary.path("runs").get(1).path("final_success").asDouble());
        assertEquals(
                0.86,
                summary.path("levels").path("libero_object").path("full SFT").asDouble());
        assertEquals(
                "step,success,libero_object/0,libero_object/10\n0,0.3,0.3,0.7\n2,0.6,0.6,0.4\n",
                Files.readString(results.resolve("libero_object-srpo/eval.csv")));

        Comparison read = Comparison.read(results);
        assertEquals(written.summaryJson(), read.summaryJson());
        assertEquals(List.of("libero_object"), read.suites());
        assertEquals(2, read.table().rowCount());
        var tasks = read.taskTable("libero_object");
        assertEquals(List.of("task", "start %", "grpo %", "srpo %"), tasks.columnNames());
        assertEquals(60.0, tasks.doubleColumn("srpo %").get(0));
        assertEquals(3, read.curve("libero_object").getSeriesMap().size()); // two methods and one level
        assertTrue(read.curve("libero_object").getTitle().endsWith("on the evaluation states"));
        // pilots evaluated on training layouts: the title says so, and the evaluation states' levels are left out
        ObjectNode runJson = (ObjectNode) JSON.readTree(srpo.resolve("run.json").toFile());
        ((ObjectNode) runJson.get("config")).put("evalLayouts", "training");
        Files.writeString(srpo.resolve("run.json"), runJson.toString());
        Comparison pilot = Comparison.write(tmp.resolve("pilot"), List.of(srpo), levels);
        assertEquals(1, pilot.curve("libero_object").getSeriesMap().size());
        assertTrue(pilot.curve("libero_object").getTitle().contains("training layouts"));

        // a results folder holds one comparison: writing another drops the runs it no longer has
        Comparison.write(results, List.of(srpo), levels);
        assertFalse(Files.exists(results.resolve("libero_object-grpo")));
        assertEquals(1, Comparison.read(results).runs().size());
    }

    @Test
    void diagnosticsSummariseTheTrainingSteps(@TempDir Path tmp) throws Exception {
        Path dir = run(tmp.resolve("a"), "srpo", new double[][] {{0, 0.3}});
        StringBuilder lines = new StringBuilder(Files.readString(dir.resolve(Checkpoints.METRICS)));
        int steps = 25;
        for (int step = 1; step <= steps; step++) {
            var row = JSON.createObjectNode()
                    .put(Metrics.STEP, step)
                    .put(Metrics.GROUPS, 8)
                    .put(Metrics.GROUPS_DROPPED_LOW, step % 2) // odd steps: 13 of 200 groups
                    .put(Metrics.GROUPS_DROPPED_HIGH, 0)
                    .put(Metrics.ROLLOUT_SUCCESS, step / 100.0)
                    .put(Metrics.TIME_STEP, 2.0 * step);
            if (step % 10 == 0) {
                row.put(Metrics.TIME_EVAL, 5.0); // two evaluations, spread over 25 steps
            }
            if (step != 3) { // step 3 skipped its update: no entropy, no ranking
                row.put(Metrics.ENTROPY, step).put(Metrics.FAILURE_STAGE_SPEARMAN, 0.5);
            }
            lines.append(row).append('\n');
        }
        Files.writeString(dir.resolve(Checkpoints.METRICS), lines);
        var d = Comparison.ofRuns(List.of(dir), Map.of()).diagnostics();
        assertEquals(List.of("libero_object-srpo"), d.stringColumn("run").asList());
        assertEquals(100.0 * 13 / 200, d.doubleColumn("dropped low %").get(0), 1e-9);
        assertEquals(0.0, d.doubleColumn("dropped high %").get(0));
        assertEquals(26.0, d.doubleColumn("s/step").get(0), 1e-9); // mean of 2, 4, ..., 50
        assertEquals(0.4, d.doubleColumn("eval s").get(0), 1e-9);
        assertEquals(0.5, d.doubleColumn("stage rho").get(0), 1e-9);
        assertEquals(24, d.doubleColumn("stage rho steps").get(0), "defined on every step but the 3rd");
        // first ten steps without step 3: (1 + 2 + 4 + ... + 10) / 9; last ten: steps 16..25
        assertEquals(52.0 / 9, d.doubleColumn("entropy first").get(0), 1e-3);
        assertEquals(20.5, d.doubleColumn("entropy last").get(0), 1e-9);
        assertEquals(5.5, d.doubleColumn("rollout success first %").get(0), 1e-9);
        assertEquals(20.5, d.doubleColumn("rollout success last %").get(0), 1e-9);
        assertTrue(d.doubleColumn("clusters/step").isMissing(0), "a metric no row has is missing");

        Comparison.write(tmp.resolve("results"), List.of(dir), Map.of());
        String csv = Files.readString(tmp.resolve("results").resolve(Comparison.DIAGNOSTICS));
        assertTrue(csv.startsWith("run,s/step,"), csv);
        assertEquals(2, csv.lines().count());
    }

    @Test
    void aStudyAgainstAnotherComparesTheMeansOfTheLastEvaluations(@TempDir Path tmp) throws Exception {
        double[][] longer = {{0, 0.3}, {2, 0.4}, {4, 0.5}, {6, 0.6}, {8, 0.7}, {10, 0.8}, {12, 0.9}};
        var kl = Comparison.ofRuns(
                List.of(
                        run(tmp.resolve("kl-srpo"), "srpo", longer),
                        run(tmp.resolve("kl-grpo"), "grpo", new double[][] {{0, 0.3}, {2, 0.2}})),
                Map.of());
        var base = Comparison.ofRuns(
                List.of(run(tmp.resolve("srpo"), "srpo", new double[][] {{0, 0.3}, {2, 0.5}, {4, 0.1}})), Map.of());

        var t = kl.against("KL", base, "no KL");
        assertEquals(1, t.rowCount(), "GRPO is only in one study");
        assertEquals("srpo", t.stringColumn("method").get(0));
        assertEquals(30.0, t.doubleColumn("start %").get(0));
        assertEquals(13, t.intColumn("KL steps").get(0));
        assertEquals(5, t.intColumn("no KL steps").get(0));
        assertEquals(90.0, t.doubleColumn("KL final %").get(0));
        double mean = 0; // the plain mean of the last five evaluations
        for (int i = longer.length - Comparison.LAST_EVALS; i < longer.length; i++) {
            mean += longer[i][1] / Comparison.LAST_EVALS;
        }
        assertEquals(
                Math.round(1000 * mean) / 10.0, t.doubleColumn("KL last 5 %").get(0), 1e-9);
        assertEquals(10.0, t.doubleColumn("no KL final %").get(0));
        assertEquals(30.0, t.doubleColumn("no KL last 5 %").get(0), 1e-9, "fewer than five: all of them");
        assertEquals(
                Math.round(1000 * (mean - 0.3)) / 10.0,
                t.doubleColumn("Δ last 5 points").get(0),
                1e-9);

        var same = assertThrows(IllegalArgumentException.class, () -> kl.against("KL", base, "KL"));
        assertTrue(same.getMessage().contains("both studies are named 'KL'"), same.getMessage());
        var chart = kl.curveAgainst("libero_object", "KL", base, "no KL");
        assertEquals(3, chart.getSeriesMap().size());
        assertEquals(
                org.knowm.xchart.style.lines.SeriesLines.DASH_DASH,
                chart.getSeriesMap().get("SRPO, no KL").getLineStyle());
    }

    @Test
    void studiesWithStepsOfDifferentSizesLineUpByEpisodes(@TempDir Path tmp) throws Exception {
        // evaluations at steps 0, 2 and 4 of 16 prompts x 8 and of 8 x 8; run() writes a step row after each
        // evaluation but none for step 1
        var big = Comparison.ofRuns(
                List.of(run(tmp.resolve("p16"), "srpo", new double[][] {{0, 0.3}, {2, 0.4}, {4, 0.5}}, 16)), Map.of());
        var small = Comparison.ofRuns(
                List.of(run(tmp.resolve("p8"), "srpo", new double[][] {{0, 0.3}, {2, 0.35}, {4, 0.45}}, 8)), Map.of());
        var chart = big.curveAgainst("libero_object", "16 prompts", small, "8 prompts");
        assertEquals("episodes collected", chart.getXAxisTitle());
        // the rows before each evaluation: step 2's is the first step row, step 4's follows steps 2 and 3
        assertArrayEquals(
                new double[] {0, 128, 3 * 128},
                chart.getSeriesMap().get("SRPO, 16 prompts").getXData());
        assertArrayEquals(
                new double[] {0, 64, 3 * 64},
                chart.getSeriesMap().get("SRPO, 8 prompts").getXData());

        var stepless = Comparison.ofRuns(
                List.of(run(tmp.resolve("p4"), "srpo", new double[][] {{0, 0.3}, {2, 0.6}})),
                Map.of()); // the defaults' 8 prompts, and no rollouts in its rows
        var unknown = assertThrows(
                IllegalArgumentException.class, () -> big.curveAgainst("libero_object", "a", stepless, "b"));
        assertTrue(unknown.getMessage().contains("step 2 has no rollouts"), unknown.getMessage());

        var same = Comparison.ofRuns(
                List.of(run(tmp.resolve("p16b"), "srpo", new double[][] {{0, 0.3}, {2, 0.6}}, 16)), Map.of());
        assertEquals(
                "RL step", big.curveAgainst("libero_object", "a", same, "b").getXAxisTitle());
    }

    @Test
    void badFoldersAreNamed(@TempDir Path tmp) throws Exception {
        var notRun = assertThrows(IllegalArgumentException.class, () -> RunSummary.of(tmp));
        assertTrue(notRun.getMessage().contains("no run.json"), notRun.getMessage());
        Path a = run(tmp.resolve("a"), "srpo", new double[][] {{0, 0.3}});
        Path b = run(tmp.resolve("b"), "srpo", new double[][] {{0, 0.3}});
        var twice = assertThrows(IllegalArgumentException.class, () -> Comparison.ofRuns(List.of(a, b), Map.of()));
        assertTrue(twice.getMessage().contains("two runs of libero_object-srpo"), twice.getMessage());
        assertTrue(
                twice.getMessage().contains(a.toString()) && twice.getMessage().contains("--against"),
                twice.getMessage());
        var noSummary = assertThrows(IllegalArgumentException.class, () -> Comparison.read(tmp));
        assertTrue(noSummary.getMessage().contains("summary.json"), noSummary.getMessage());
        Path c = run(tmp.resolve("c"), "grpo", new double[][] {{0, 0.3}});
        var config = JSON.readTree(c.resolve("run.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("config")).put("learningRate", 3e-4);
        Files.writeString(c.resolve("run.json"), config.toString());
        var unlike = assertThrows(IllegalArgumentException.class, () -> Comparison.ofRuns(List.of(a, c), Map.of()));
        assertTrue(unlike.getMessage().contains("differ in more than the reward"), unlike.getMessage());
    }
}
