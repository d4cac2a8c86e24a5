package dev.srpo.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.Seeds;
import dev.srpo.env.Env;
import dev.srpo.env.Observation;
import dev.srpo.env.Task;
import dev.srpo.io.AtomicFiles;
import dev.srpo.io.ProgressBar;
import dev.srpo.policy.SmallVla;
import dev.srpo.reward.StageProgress;
import dev.srpo.reward.StepProgress;
import dev.srpo.reward.WorldProgressReward;
import dev.srpo.rollout.ObservationFile;
import dev.srpo.rollout.Rollout;
import dev.srpo.rollout.RolloutBuffer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Offline SRPO (arXiv 2511.15605, Eq. 15, App. G), one {@link #run} that reads top to bottom:
 * <ol>
 *   <li><b>read</b> the buffer ({@code srpo offline collect}): rollouts of the starting policy on training
 *       layouts with their prefix embeddings;</li>
 *   <li><b>progress</b> R<sub>i,c</sub> of every trajectory at every chunk boundary ({@link StepProgress});</li>
 *   <li><b>weights</b> per chunk by the method ({@link OfflineMethod}): exp(A/β) of the progress advantage
 *       (Eq. 15) for SRPO, of the standardised success for binary AWR, 1 on successes for filtered BC;</li>
 *   <li><b>AWR</b> passes over the weighted chunks in shuffled mini-batches ({@link AwrLoss}, Adam, the gradient
 *       norm clipped), a <b>checkpoint</b> after every pass, greedy <b>evaluation</b> every {@code evalEvery}
 *       passes and at the end of every round;</li>
 *   <li>further <b>rounds</b> ({@code rounds} above 1): <b>collect</b> a new buffer like the first with the policy
 *       the last round ended with, and go to 2 with it.</li>
 * </ol>
 * Files under the output folder, as the online trainer writes them: {@code run.json} (config, first buffer's
 * description, commit), {@code metrics.jsonl} (row 0: the buffer's statistics and the evaluation before training;
 * then one row per pass, numbered across rounds, each with its round; a round's first row also has its buffer's
 * statistics and collection time), {@code checkpoints/}, {@code policy.vla}; per further round
 * {@code rounds/<r>/collector.vla} (the collecting policy) and {@code rounds/<r>/buffer/}; while it trains,
 * {@code observations.tmp} (the frames of the chunks trained on, uncompressed, read back a mini-batch at a time).
 */
public final class OfflineTrainer {

    /** Metrics of an offline run beyond the online ones ({@link Metrics}). */
    public static final String AWR_LOSS = "awr_loss";
    /** Rollouts in the buffer. */
    public static final String BUFFER_ROLLOUTS = "buffer_rollouts";
    /** Successful rollouts in the buffer. */
    public static final String BUFFER_SUCCESSES = "buffer_successes";
    /** Rollouts left out because their task had no success (SRPO: no progress). */
    public static final String SKIPPED_ROLLOUTS = "skipped_rollouts";
    /** Failed rollouts left out by {@code keepFailures} (weight 0 for each of their chunks). */
    public static final String DROPPED_FAILURES = "dropped_failures";
    /** Chunks trained on (weight above 0). */
    public static final String CHUNKS = "chunks";
    /** Mean weight of the chunks trained on. */
    public static final String WEIGHT_MEAN = "weight_mean";
    /** Fraction of the chunks trained on whose weight was clipped at w_max. */
    public static final String WEIGHT_CLIPPED = "weight_clipped";
    /** Share of the total weight on chunks of failed rollouts (filtered BC: 0). */
    public static final String WEIGHT_ON_FAILURES = "weight_on_failures";
    /** The round a pass belongs to (1: the given buffer). */
    public static final String ROUND = "round";
    /** Seconds a further round's buffer took to collect (on the round's first row). */
    public static final String TIME_COLLECT = "time_collect";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OfflineConfig config;
    private final Path out;
    private PrintStream log = System.err;
    private Consumer<ObjectNode> listener = row -> {};

    public OfflineTrainer(OfflineConfig config, Path out) {
        this.config = config.validate();
        this.out = out;
    }

    /** Where progress and the config table go (default standard error; null: nowhere). */
    public OfflineTrainer log(PrintStream log) {
        this.log = log;
        return this;
    }

    /** Called with every metrics row as it is written (a notebook's live chart). */
    public OfflineTrainer onStep(Consumer<ObjectNode> listener) {
        this.listener = listener;
        return this;
    }

    /**
     * One chunk to train on: where it is in the buffer, the tokens the policy chose, how many were executed, its
     * weight. Its observation is read back from disk when a mini-batch needs it ({@link #writeFrames}).
     */
    public record WeightedChunk(int rollout, int chunk, int[] tokens, int validTokens, double weight) {}

    /**
     * The buffer turned into weighted chunks, with what it took.
     *
     * @param chunks the chunks of weight above 0, in buffer order
     * @param temperature the temperature the buffer was sampled at: the likelihood is taken at it, so that with
     *     equal weights the policy already fits its own samples and only the weights move it (at T = 1 the
     *     regression would also pull the policy towards the flatter sampling distribution)
     * @param progress the progress of every rollout (null rows: skipped)
     * @param rows statistics for the metrics' first row
     */
    public record Prepared(
            List<WeightedChunk> chunks, float temperature, StepProgress.Result progress, ObjectNode rows) {}

    /**
     * Steps 1–3: reads the buffer, computes progress and the weights. Streams the buffer and keeps no frame, so it
     * needs memory for the embeddings and tokens only; {@link #writeFrames} reads the frames of the chunks kept.
     *
     * @throws IllegalArgumentException for an empty buffer, or when no chunk gets a weight (naming why)
     */
    public static Prepared prepare(OfflineConfig config, RolloutBuffer buffer) {
        if (buffer.size() == 0) {
            throw new IllegalArgumentException(
                    "the buffer " + config.buffer() + " holds no rollouts: collect first (srpo offline collect)");
        }
        OfflineMethod method = config.methodValue();
        List<StepProgress.Trajectory> trajectories = new ArrayList<>();
        List<StageProgress.Trajectory> stages = new ArrayList<>();
        List<double[]> taskProgress = new ArrayList<>(); // PROGRESS_AWR: the simulator's progress per chunk
        List<List<WeightedChunk>> chunkLists = new ArrayList<>(); // the chunks without their frames, weight 0 for now
        float[] temperature = {Float.NaN};
        buffer.forEach(s -> {
            Rollout r = s.rollout();
            if (Float.isNaN(temperature[0])) {
                temperature[0] = r.temperature();
            } else if (r.temperature() != temperature[0]) {
                throw new IllegalArgumentException("the buffer " + config.buffer() + " mixes rollouts sampled at "
                        + temperature[0] + " and " + r.temperature() + ": one temperature per buffer");
            }
            trajectories.add(new StepProgress.Trajectory(r.task().id(), r.success(), s.prefixes()));
            if (method == OfflineMethod.STAGE_AWR) {
                stages.add(stageTrajectory(config, r));
            } else if (method == OfflineMethod.PROGRESS_AWR) {
                taskProgress.add(chunkProgress(config, r));
            }
            List<WeightedChunk> light = new ArrayList<>(r.chunks().size());
            for (Rollout.Chunk c : r.chunks()) {
                light.add(new WeightedChunk(chunkLists.size(), light.size(), c.tokens(), c.validTokens(), 0));
            }
            chunkLists.add(light);
        });
        int n = trajectories.size();
        boolean[] success = new boolean[n];
        int[] chunks = new int[n];
        for (int i = 0; i < n; i++) {
            success[i] = trajectories.get(i).success();
            chunks[i] = chunkLists.get(i).size();
        }
        // 2. Per-step progress R_{i,c} (Eq. 15 with the online reward's references, mapping and α).
        WorldProgressReward reward = Trainer.worldProgress(config.mapping(), config.alpha());
        StepProgress.Result progress = new StepProgress(reward).compute(trajectories);
        double[][] signal = switch (method) {
            case STAGE_AWR -> StageProgress.of(stages);
            case PROGRESS_AWR -> sameRows(progress.progress(), taskProgress);
            default -> progress.progress();
        };

        // 3. A weight per chunk; chunks of weight 0 (filtered BC's failures, skipped rollouts, failures keepFailures
        // drops) are not trained on.
        AwrLoss awr = config.awr();
        double[][] w = method.weights(success, chunks, signal, config.advantageValue(), config.baselineValue(), awr);
        int droppedFailures = 0;
        if (config.keepFailures() < 1) { // only the failures of most progress keep their weights (ours)
            String[] tasks =
                    trajectories.stream().map(StepProgress.Trajectory::task).toArray(String[]::new);
            boolean[] keep = OfflineMethod.keptRollouts(tasks, success, signal, config.keepFailures());
            for (int i = 0; i < n; i++) {
                if (!keep[i] && signal[i] != null) {
                    Arrays.fill(w[i], 0);
                    droppedFailures++;
                }
            }
        }
        List<WeightedChunk> kept = new ArrayList<>();
        double sum = 0;
        double onFailures = 0;
        int clipped = 0;
        for (int i = 0; i < n; i++) {
            for (WeightedChunk chunk : chunkLists.get(i)) {
                int c = chunk.chunk();
                if (w[i][c] > 0 && chunk.validTokens() > 0) {
                    kept.add(new WeightedChunk(i, c, chunk.tokens(), chunk.validTokens(), w[i][c]));
                    sum += w[i][c];
                    onFailures += success[i] ? 0 : w[i][c];
                    clipped += w[i][c] >= awr.maxWeight() ? 1 : 0;
                }
            }
        }
        int successes = 0;
        for (boolean s : success) {
            successes += s ? 1 : 0;
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no chunk of the buffer " + config.buffer() + " gets a weight with "
                    + config.method() + ": " + successes + " of " + n + " rollouts succeeded"
                    + (method == OfflineMethod.BINARY_AWR ? "" : " (this method learns from successes)"));
        }
        int skipped = method.usesProgress() ? progress.skipped() : 0; // both skip the tasks without a success
        ObjectNode stats = JSON.createObjectNode()
                .put(BUFFER_ROLLOUTS, n)
                .put(BUFFER_SUCCESSES, successes)
                .put(SKIPPED_ROLLOUTS, skipped)
                .put(DROPPED_FAILURES, droppedFailures)
                .put(CHUNKS, kept.size())
                .put(WEIGHT_MEAN, sum / kept.size())
                .put(WEIGHT_CLIPPED, (double) clipped / kept.size())
                .put(WEIGHT_ON_FAILURES, onFailures / sum);
        return new Prepared(List.copyOf(kept), temperature[0], progress, stats);
    }

    /** A rollout's stage after each chunk ({@link StageProgress}), for {@link OfflineMethod#STAGE_AWR}. */
    private static StageProgress.Trajectory stageTrajectory(OfflineConfig config, Rollout r) {
        int[] stages = r.chunkStages();
        if (stages == null) {
            throw new IllegalArgumentException("the buffer " + config.buffer() + " has no stage after each chunk"
                    + " (a rollout of " + r.task().id() + " has none): stage-awr needs a buffer collected by this"
                    + " version of srpo offline collect in the embedded simulator");
        }
        return new StageProgress.Trajectory(r.task().id(), r.success(), stages);
    }

    /** A rollout's task progress at the start and after each chunk, for {@link OfflineMethod#PROGRESS_AWR}. */
    private static double[] chunkProgress(OfflineConfig config, Rollout r) {
        double[] p = r.chunkProgress();
        if (p == null) {
            throw new IllegalArgumentException("the buffer " + config.buffer() + " has no task progress per chunk"
                    + " (a rollout of " + r.task().id() + " has none): progress-awr needs a buffer collected by this"
                    + " version of srpo offline collect in the embedded simulator");
        }
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("a rollout of " + r.task().id() + " in the buffer " + config.buffer()
                        + " reports task progress " + v + ", outside [0, 1]");
            }
        }
        return p;
    }

    /** {@code signal}'s rows where {@code like} has one, null where it skips (the tasks without a success). */
    private static double[][] sameRows(double[][] like, List<double[]> signal) {
        double[][] out = new double[like.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = like[i] == null ? null : signal.get(i);
        }
        return out;
    }

    /**
     * Writes the frames of the prepared chunks to {@code frames}, replacing what it held, in the order of
     * {@link Prepared#chunks} (frame k is chunk k's), by reading the buffer once more: training then holds a
     * mini-batch of frames in memory, not the buffer's gigabytes (on disk they take about 110 KB per chunk).
     *
     * @throws IllegalArgumentException if the buffer no longer holds the chunks {@code prepared} was made from
     */
    public static void writeFrames(Prepared prepared, RolloutBuffer buffer, ObservationFile frames) {
        frames.clear();
        List<WeightedChunk> chunks = prepared.chunks();
        int[] next = {0}; // the next chunk to write; chunks are in buffer order
        int[] rollout = {0};
        buffer.forEach(s -> {
            List<Rollout.Chunk> list = s.rollout().chunks();
            for (; next[0] < chunks.size() && chunks.get(next[0]).rollout() == rollout[0]; next[0]++) {
                WeightedChunk w = chunks.get(next[0]);
                if (w.chunk() >= list.size()
                        || !Arrays.equals(list.get(w.chunk()).tokens(), w.tokens())) {
                    throw changed(buffer, "rollout " + w.rollout() + ", chunk " + w.chunk());
                }
                frames.append(list.get(w.chunk()).observation());
            }
            rollout[0]++;
        });
        if (next[0] != chunks.size()) {
            throw changed(buffer, next[0] + " of " + chunks.size() + " chunks found");
        }
    }

    private static IllegalArgumentException changed(RolloutBuffer buffer, String where) {
        return new IllegalArgumentException("the buffer " + buffer.dir()
                + " no longer holds the chunks prepared from it (" + where + "): was it collected again?");
    }

    /**
     * What a run produced.
     *
     * @param rows every metrics row, row 0 (the buffer and the evaluation before training) first
     * @param out the run's folder
     * @param seconds wall time of this call
     */
    public record Result(List<ObjectNode> rows, Path out, double seconds) {}

    /**
     * Trains, or continues the run in the output folder from its last pass ({@code resume}).
     *
     * @throws IllegalArgumentException if the folder holds another run, the buffer is empty or gives no weights
     * @throws NonFiniteException if a loss or a gradient becomes non-finite, naming where
     */
    public Result run(boolean resume) {
        long t0 = System.nanoTime();
        // 1. The buffer, checked before anything is written. A resumed run reads its round's buffer only if passes
        // remain in that round. Every read goes through the buffer twice: for the weights, then for the frames.
        RolloutBuffer buffer = RolloutBuffer.open(Path.of(config.buffer()));
        Checkpoints checkpoints = new Checkpoints(out.resolve("checkpoints"), 3);
        boolean resuming = resume && checkpoints.latest() != null;
        Prepared prepared = resuming ? null : prepare(config, buffer);
        CollectConfig collect = CollectConfig.of(buffer.description());
        List<Task> tasks = collect.suiteValue().tasks();
        prepareFolder(resume, buffer);
        try (ObservationFile frames = ObservationFile.create(out.resolve("observations.tmp"));
                SmallVla policy = SmallVla.load(Path.of(config.init()))) {
            List<Pair<String, Parameter>> params = new ArrayList<>();
            policy.model().getBlock().getParameters().forEach(params::add);
            Function<Task, Env> evalEnvs =
                    Trainer.envs(config.env(), policy.config().imageSize(), config.evaluatesOnTrainingLayouts());
            try (Adam adam = new Adam(params, config.learningRate(), 0.9, 0.999, 1e-8, 0)) {
                List<ObjectNode> rows = new ArrayList<>();
                int step = 0; // passes done, over all rounds
                int round = 1;
                int inRound = 0; // passes done in this round
                if (resuming) {
                    Checkpoints.Saved saved = checkpoints.restore(policy, adam);
                    rows.addAll(saved.rows());
                    step = saved.step();
                    round = rows.get(rows.size() - 1).path(ROUND).asInt(1);
                    for (ObjectNode r : rows) {
                        inRound +=
                                r.get(Metrics.STEP).asInt() > 0 && r.path(ROUND).asInt(1) == round ? 1 : 0;
                    }
                    say("resuming from " + saved.dir() + " (pass " + step + ", round " + round + ")");
                    if (inRound < config.passes()) {
                        // later rounds' folders, left by a run that had gone on with fewer passes, are not ours
                        for (int later = round + 1; Files.exists(roundFolder(later)); later++) {
                            AtomicFiles.deleteTree(roundFolder(later));
                        }
                        // a later round's buffer was collected before its first pass
                        prepared = round > 1 ? prepareRound(round) : prepare(config, buffer);
                    }
                }
                if (round == 1 && prepared != null) {
                    reportTasksWithoutSuccess(prepared, 1);
                }
                if (step == 0) {
                    ObjectNode row = prepared.rows().deepCopy().put(Metrics.STEP, 0);
                    if (config.evalEvery() > 0) {
                        evaluate(row, policy, evalEnvs, tasks);
                    }
                    rows.add(row);
                    write(rows);
                    listener.accept(row);
                }
                if (prepared != null && inRound < config.passes()) {
                    writeFrames(prepared, round > 1 ? roundBuffer(round) : buffer, frames);
                }
                int total = step
                        + Math.max(0, config.passes() - inRound)
                        + Math.max(0, config.rounds() - round) * config.passes();
                ProgressBar bar = new ProgressBar(log, "awr", total).startingAt(step);
                while (inRound < config.passes() || round < config.rounds()) {
                    ObjectNode roundStats = null;
                    if (inRound >= config.passes()) {
                        // 5. A further round: a new buffer, collected by the policy as it is now.
                        round++;
                        inRound = 0;
                        double seconds =
                                collectRound(round, step, policy, collect).seconds();
                        prepared = prepareRound(round);
                        writeFrames(prepared, roundBuffer(round), frames);
                        roundStats = prepared.rows().deepCopy().put(TIME_COLLECT, seconds);
                    }
                    // 4. One AWR pass over the weighted chunks.
                    step++;
                    inRound++;
                    long t = System.nanoTime();
                    ObjectNode row = pass(policy, adam, prepared, frames, step).put(ROUND, round);
                    if (roundStats != null) {
                        row.setAll(roundStats);
                    }
                    row.put(Metrics.TIME_UPDATE, (System.nanoTime() - t) / 1e9);
                    if (config.evalEvery() > 0 && (step % config.evalEvery() == 0 || inRound == config.passes())) {
                        evaluate(row, policy, evalEnvs, tasks);
                    }
                    row.put(Metrics.TIME_STEP, (System.nanoTime() - t) / 1e9);
                    rows.add(row);
                    write(rows);
                    checkpoints.save(step, policy, adam, rows);
                    listener.accept(row);
                    bar.update(
                            step,
                            row.has(Metrics.EVAL_SUCCESS)
                                    ? String.format(
                                            "%seval %.1f%%",
                                            config.rounds() > 1 ? "round " + round + ", " : "",
                                            100 * row.get(Metrics.EVAL_SUCCESS).asDouble())
                                    : config.rounds() > 1 ? "round " + round : "");
                }
                policy.save(out.resolve("policy.vla"));
                return new Result(List.copyOf(rows), out, (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /** A further round's buffer. */
    private RolloutBuffer roundBuffer(int round) {
        return RolloutBuffer.open(roundFolder(round).resolve("buffer"));
    }

    /** A further round's folder: {@code rounds/<r>/} with its collecting policy and its buffer. */
    private Path roundFolder(int round) {
        return out.resolve("rounds").resolve(Integer.toString(round));
    }

    /** A further round's buffer turned into weighted chunks, its tasks without a success said. */
    private Prepared prepareRound(int round) {
        Path dir = roundFolder(round).resolve("buffer");
        Prepared p;
        try {
            p = prepare(config.withBuffer(dir), RolloutBuffer.open(dir));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "round " + round + ": " + e.getMessage() + "; the run can end at the round before (--rounds "
                            + (round - 1) + ")",
                    e);
        }
        reportTasksWithoutSuccess(p, round);
        return p;
    }

    /**
     * Collects a further round's buffer with the policy as it is now (saved as the round's collecting policy, after
     * pass {@code step}), with the first buffer's settings and a seed of the round's. An interrupted collection is
     * continued with the settings it recorded.
     */
    private RolloutBuffer collectRound(int round, int step, SmallVla policy, CollectConfig first) {
        Path dir = roundFolder(round);
        Path buffer = dir.resolve("buffer");
        CollectConfig settings;
        if (Files.exists(buffer.resolve(RolloutBuffer.INDEX))) { // its collector is the policy after this step
            settings = CollectConfig.of(RolloutBuffer.open(buffer).description());
        } else {
            Path collector = dir.resolve("collector.vla");
            policy.save(collector);
            settings = first.with(JSON.createObjectNode()
                    .put("init", collector.toString())
                    .put("seed", Seeds.derive(first.seed(), round)));
        }
        say("round " + round + ": collecting a new buffer with the policy after pass " + step);
        ObjectNode threads = JSON.createObjectNode().put("threads", config.threads());
        return new BufferCollector(settings.with(threads)).log(log).collect(buffer);
    }

    private void reportTasksWithoutSuccess(Prepared prepared, int round) {
        for (StepProgress.TaskProgress t : prepared.progress().tasks()) {
            if (t.references() == 0 && log != null) {
                log.printf(
                        "  %s%s: no success among its %d rollouts: %s%n",
                        config.rounds() > 1 ? "round " + round + ", " : "",
                        t.task(),
                        t.trajectories(),
                        config.methodValue().usesProgress() ? "no progress, skipped" : "weighted as failures");
            }
        }
    }

    /**
     * One pass: shuffled mini-batches, each the weighted log-likelihood of its chunks at the buffer's temperature,
     * the gradient norm clipped, one Adam step.
     */
    private ObjectNode pass(SmallVla policy, Adam adam, Prepared prepared, ObservationFile frames, int pass) {
        List<WeightedChunk> chunks = prepared.chunks();
        int[] order = GroupPpoUpdater.shuffled(chunks.size(), new SplittableRandom(Seeds.derive(config.seed(), pass)));
        double lossSum = 0;
        double normSum = 0;
        int steps = 0;
        for (int from = 0, mb = 0; from < order.length; from += config.miniBatch(), mb++) {
            List<WeightedChunk> batch = new ArrayList<>();
            List<Observation> observations = new ArrayList<>();
            for (int j = from; j < Math.min(order.length, from + config.miniBatch()); j++) {
                batch.add(chunks.get(order[j]));
                observations.add(frames.read(order[j]));
            }
            long tokens = batch.stream().mapToLong(WeightedChunk::validTokens).sum();
            String where = "pass " + pass + ", mini-batch " + mb;
            adam.zeroGradients();
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                for (int m0 = 0; m0 < batch.size(); m0 += config.microBatch()) {
                    List<WeightedChunk> micro = batch.subList(m0, Math.min(batch.size(), m0 + config.microBatch()));
                    List<Observation> obs = observations.subList(m0, m0 + micro.size());
                    int[][] tok = new int[micro.size()][];
                    float[] weights = new float[micro.size()];
                    int[] valid = new int[micro.size()];
                    for (int i = 0; i < micro.size(); i++) {
                        tok[i] = micro.get(i).tokens();
                        weights[i] = (float) micro.get(i).weight();
                        valid[i] = micro.get(i).validTokens();
                    }
                    try (NDManager m = policy.model().getNDManager().newSubManager()) {
                        NDArray logProbs = policy.score(m, obs, tok, prepared.temperature(), true)
                                .logProbs();
                        NDArray loss = AwrLoss.compute(logProbs, weights, valid, tokens);
                        float value = loss.getFloat();
                        if (!Float.isFinite(value)) {
                            throw new NonFiniteException("the AWR loss is " + value + " at " + where);
                        }
                        collector.backward(loss);
                        lossSum += value;
                    }
                }
            }
            normSum += adam.stepClipped(config.gradClip(), where);
            steps++;
        }
        return JSON.createObjectNode()
                .put(Metrics.STEP, pass)
                .put(AWR_LOSS, lossSum / Math.max(1, steps))
                .put(Metrics.GRAD_NORM, normSum / Math.max(1, steps))
                .put(Metrics.OPTIMIZER_STEPS, steps)
                .put(Metrics.UPDATE_SAMPLES, chunks.size());
    }

    private void evaluate(ObjectNode row, SmallVla policy, Function<Task, Env> envs, List<Task> tasks) {
        long t = System.nanoTime();
        RunFolder.evaluate(row, policy, envs, tasks, config.evalStates(), config.threads());
        row.put(Metrics.TIME_EVAL, (System.nanoTime() - t) / 1e9);
    }

    private void prepareFolder(boolean resume, RolloutBuffer buffer) {
        ObjectNode run = JSON.createObjectNode().put("seed", config.seed());
        run.set("config", config.toJson());
        run.set("buffer", buffer.description().deepCopy().put("collect_seconds", buffer.seconds()));
        RunFolder.prepare(
                out,
                resume,
                saved -> OfflineConfig.DEFAULTS.with(saved).asMap(),
                config.asMap(),
                Set.of("passes", "rounds", "threads"),
                run);
        if (log != null) {
            log.println("srpo offline train: " + out.toAbsolutePath());
            config.asMap().forEach((k, v) -> log.printf("  %-16s %s%n", k, v));
        }
    }

    private void write(List<ObjectNode> rows) {
        RunFolder.writeMetrics(out, rows);
    }

    private void say(String s) {
        if (log != null) {
            log.println(s);
        }
    }
}
