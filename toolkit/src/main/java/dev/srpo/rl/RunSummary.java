package dev.srpo.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.env.Suite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one training run reached, read back from its folder ({@code run.json} and {@code metrics.jsonl}): the row of
 * a comparison table and of {@code results/srpo-vs-grpo/summary.json}. Success rates are fractions of the evaluated
 * episodes (all 500 of a suite when {@code evalStates} is 50).
 *
 * @param suite the suite id, e.g. {@code libero_object}
 * @param method the reward, {@code srpo} or {@code grpo}
 * @param seed the run's seed
 * @param steps the last RL step in the metrics
 * @param startSuccess greedy success before any update (step 0)
 * @param finalSuccess greedy success at the last evaluation
 * @param finalStep the step of that evaluation (equal to {@code steps} once a run has finished)
 * @param bestSuccess the best greedy success of any evaluation, step 0 included
 * @param stepsTo90 the first evaluated step with success ≥ 90%, or {@code null} if none reached it
 * @param wallSeconds the run's time: every step's wall time plus the evaluation before training (summed over
 *     resumed sittings, without start-up)
 * @param evalEpisodes episodes per evaluation (tasks × evalStates)
 * @param evalLayouts what was evaluated: {@code evaluation} (the held-out evaluation states: a result) or
 *     {@code training} (training layouts: a pilot)
 * @param commit the commit of the run's first start ({@code run.json}'s {@code commit}; a resumed run lists the
 *     commit of each later sitting under {@code resumes})
 */
public record RunSummary(
        String suite,
        String method,
        long seed,
        int steps,
        double startSuccess,
        double finalSuccess,
        int finalStep,
        double bestSuccess,
        Integer stepsTo90,
        double wallSeconds,
        int evalEpisodes,
        String evalLayouts,
        String commit) {

    /** The success level whose first crossing {@link #stepsTo90} reports. */
    public static final double TARGET = 0.9;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Summarises the run in {@code runDir}; a folder without {@code run.json} or evaluations is a named error. */
    public static RunSummary of(Path runDir) {
        JsonNode run = readRun(runDir); // first, so that a folder without run.json is named as not a run
        return of(runDir, run, Trainer.readMetrics(runDir));
    }

    /** A run folder's {@code run.json}; a folder without one is a named error. */
    static JsonNode readRun(Path runDir) {
        Path runFile = runDir.resolve("run.json");
        if (!Files.isRegularFile(runFile)) {
            throw new IllegalArgumentException(runDir + " is not a training run: it has no run.json");
        }
        try {
            return JSON.readTree(runFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + runFile, e);
        }
    }

    /** Summarises the run in {@code runDir} from its metrics rows, read once by the caller. */
    public static RunSummary of(Path runDir, List<ObjectNode> rows) {
        return of(runDir, readRun(runDir), rows);
    }

    /** Summarises a run from its {@code run.json} and metrics rows, both read once by the caller. */
    static RunSummary of(Path runDir, JsonNode run, List<ObjectNode> rows) {
        JsonNode config = run.path("config");
        int steps = 0;
        double wall = 0;
        Double start = null;
        double last = Double.NaN;
        int lastStep = 0;
        double best = Double.NEGATIVE_INFINITY;
        Integer to90 = null;
        for (ObjectNode r : rows) {
            int step = r.path(Metrics.STEP).asInt();
            steps = Math.max(steps, step);
            wall += Metrics.wallSeconds(r);
            if (!r.has(Metrics.EVAL_SUCCESS)) {
                continue;
            }
            double s = r.get(Metrics.EVAL_SUCCESS).asDouble();
            if (step == 0) {
                start = s;
            }
            last = s;
            lastStep = step;
            best = Math.max(best, s);
            if (to90 == null && s >= TARGET) {
                to90 = step;
            }
        }
        if (start == null) {
            throw new IllegalArgumentException(runDir + ": metrics.jsonl has no evaluation at step 0");
        }
        int tasks = config.path("tasks").size() > 0
                ? config.path("tasks").size()
                : Suite.of(config.path("suite").asText()).tasks().size();
        return new RunSummary(
                config.path("suite").asText(),
                config.path("reward").asText(),
                run.path("seed").asLong(),
                steps,
                start,
                last,
                lastStep,
                best,
                to90,
                wall,
                tasks * config.path("evalStates").asInt(),
                config.path("evalLayouts").asText(TrainerConfig.BEFORE_THE_KEY.get("evalLayouts")),
                run.path("commit").asText());
    }

    /** This summary as a JSON object, with the keys of {@code summary.json} ({@code snake_case}). */
    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode()
                .put("suite", suite)
                .put("method", method)
                .put("seed", seed)
                .put("steps", steps)
                .put("final_success", round(finalSuccess))
                .put("final_step", finalStep)
                .put("best_success", round(bestSuccess))
                .put("start_success", round(startSuccess));
        if (stepsTo90 == null) {
            o.putNull("steps_to_90");
        } else {
            o.put("steps_to_90", stepsTo90);
        }
        return o.put("wall_s", Math.round(wallSeconds))
                .put("eval_episodes", evalEpisodes)
                .put("eval_layouts", evalLayouts)
                .put("commit", commit);
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
