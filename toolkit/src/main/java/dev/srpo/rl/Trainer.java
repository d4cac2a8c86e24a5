package dev.srpo.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.Seeds;
import dev.srpo.encoder.LatentEncoder;
import dev.srpo.encoder.PixelEncoder;
import dev.srpo.encoder.TrajectoryEncoder;
import dev.srpo.encoder.VJepa2Encoder;
import dev.srpo.env.Env;
import dev.srpo.env.EnvOptions;
import dev.srpo.env.Envs;
import dev.srpo.env.Task;
import dev.srpo.io.ProgressBar;
import dev.srpo.metrics.ProgressMetrics;
import dev.srpo.policy.SmallVla;
import dev.srpo.policy.VlaPolicy;
import dev.srpo.reward.BinaryReward;
import dev.srpo.reward.Fallback;
import dev.srpo.reward.OracleProgressReward;
import dev.srpo.reward.ProgressMapping;
import dev.srpo.reward.RewardBatch;
import dev.srpo.reward.RewardFunction;
import dev.srpo.reward.TaskReport;
import dev.srpo.reward.TrajectoryEmbedding;
import dev.srpo.reward.WorldProgressReward;
import dev.srpo.rollout.Decoding;
import dev.srpo.rollout.Group;
import dev.srpo.rollout.Rollout;
import dev.srpo.rollout.RolloutCollector;
import dev.srpo.rollout.Start;
import dev.srpo.rollout.Video;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * SRPO's (and GRPO's) training loop, one {@link #run()} that reads top to bottom. Each step:
 * <ol>
 *   <li><b>collect</b> {@code promptsPerStep} groups of M rollouts from <em>training layouts</em> (never the
 *       evaluation's initial states), sampled at the rollout temperature;</li>
 *   <li><b>dynamic sampling</b> keeps the groups with successes and failures, collecting a bounded number of extra
 *       rounds when too few are kept;</li>
 *   <li><b>encode</b> every kept rollout's video with the world model (Eq. 2);</li>
 *   <li><b>reward</b>: successes 1, failures by their latent distance to the batch's successes (Eq. 3–5), or 0 for
 *       GRPO's binary reward (or, for studies, α times the simulator's own progress: {@link OracleProgressReward});
 *       with {@code dropEqualRewards}, a group whose rewards are all equal is dropped
 *       ({@link DynamicSampling#varied});</li>
 *   <li><b>advantage</b> normalised within each group (Eq. 6);</li>
 *   <li><b>update</b> with the clipped PPO loss (Eq. 7–8) against the log-probs recorded at sampling time;</li>
 *   <li>greedy <b>evaluation</b> every {@code evalEvery} steps, a <b>metrics</b> row ({@link Metrics}), and a
 *       <b>checkpoint</b> every {@code checkpointEvery} steps.</li>
 * </ol>
 * Files under the output folder: {@code run.json} (config, commit, seed), {@code metrics.jsonl}, {@code
 * checkpoints/} ({@link Checkpoints}), and {@code policy.vla} at the end.
 */
public final class Trainer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainerConfig config;
    private final VlaPolicy policy;
    private final Function<Task, ? extends Env> trainEnvs;
    private final Function<Task, ? extends Env> evalEnvs;
    private final TrajectoryEncoder encoder;
    private final RewardFunction reward;
    private final Path out;
    private final List<Task> tasks;
    private PrintStream log = System.err;
    private String commit = "unknown";
    private Consumer<ObjectNode> listener = row -> {};

    /**
     * @param config the run's settings (validated here)
     * @param policy the policy to train (from the starting checkpoint)
     * @param trainEnvs environments whose initial states are training layouts
     * @param evalEnvs environments on the evaluation's initial states
     * @param encoder the trajectory encoder (unused, may be null, when the reward uses no embeddings)
     * @param reward the reward function
     * @param out the run's folder
     */
    public Trainer(
            TrainerConfig config,
            VlaPolicy policy,
            Function<Task, ? extends Env> trainEnvs,
            Function<Task, ? extends Env> evalEnvs,
            TrajectoryEncoder encoder,
            RewardFunction reward,
            Path out) {
        this.config = config.validate();
        if (reward.usesEmbeddings() && encoder == null) {
            throw new IllegalArgumentException("the reward needs embeddings: give a trajectory encoder");
        }
        this.policy = policy;
        this.trainEnvs = trainEnvs;
        this.evalEnvs = evalEnvs;
        this.encoder = encoder;
        this.reward = reward;
        this.out = out;
        List<Task> all = config.suiteValue().tasks();
        this.tasks = config.tasks().isEmpty()
                ? all
                : config.tasks().stream().map(all::get).toList();
    }

    /** The environments of {@code config.env()} (training layouts for RL, evaluation states for evaluation). */
    public static Function<Task, Env> envs(TrainerConfig config, int size, boolean trainingLayouts) {
        return envs(config.env(), size, trainingLayouts);
    }

    /** The environments of a backend, frames of {@code size}, on training layouts or the evaluation states. */
    public static Function<Task, Env> envs(String backend, int size, boolean trainingLayouts) {
        EnvOptions options = EnvOptions.DEFAULT.withSize(size).withTrainingLayouts(trainingLayouts);
        return task -> Envs.create(backend, task, options);
    }

    /** The reward function {@code config.reward()} names. */
    public static RewardFunction reward(TrainerConfig config) {
        if (config.reward().equals("grpo")) {
            return new BinaryReward();
        }
        if (config.reward().equals("oracle")) {
            return new OracleProgressReward(config.alpha());
        }
        return worldProgress(config.mapping(), config.alpha());
    }

    /** The world-progress reward of the config keys {@code mapping} ({@code paper} or {@code released-code}) and α. */
    static WorldProgressReward worldProgress(String mapping, double alpha) {
        return WorldProgressReward.builder()
                .optMapping(mapping.equals("paper") ? ProgressMapping.PAPER : ProgressMapping.RELEASED_CODE)
                .optAlpha(alpha)
                .build();
    }

    /** The trajectory encoder {@code config.encoder()} names. */
    public static TrajectoryEncoder encoder(TrainerConfig config) {
        return encoder(config.encoder());
    }

    /**
     * The trajectory encoder a config key names: {@code pixels}, a shipped latent encoder, or {@code vjepa2:FILE.pt}
     * (a V-JEPA 2 TorchScript export from {@code tools/vjepa2/export_vjepa2.py}).
     */
    public static TrajectoryEncoder encoder(String name) {
        if (name.startsWith(Configs.VJEPA2)) {
            return VJepa2Encoder.load(Path.of(name.substring(Configs.VJEPA2.length())));
        }
        return name.equals("pixels") ? new PixelEncoder(8, 16) : LatentEncoder.shipped(name);
    }

    /**
     * A trainer built from a config alone: the policy from {@code config.init()}, the environments of its backend,
     * its encoder and reward. Checks everything before any rollout.
     *
     * @throws IllegalArgumentException for a bad config or a missing, corrupt or non-finite starting checkpoint
     */
    public static Trainer fromConfig(TrainerConfig config, Path out) {
        config.validate();
        if (!Envs.backends().contains(config.env())) {
            throw new IllegalArgumentException("key 'env' = " + config.env() + " is not valid: use one of "
                    + Envs.backends() + " (the environment backends on the classpath)");
        }
        if (config.init() == null) {
            throw new IllegalArgumentException("no starting checkpoint: set 'init' (--init FILE.vla)");
        }
        SmallVla policy = SmallVla.load(Path.of(config.init()));
        int size = policy.config().imageSize();
        RewardFunction reward = reward(config);
        TrajectoryEncoder encoder = reward.usesEmbeddings() ? encoder(config) : null;
        Function<Task, Env> evalEnvs = envs(config, size, config.evaluatesOnTrainingLayouts());
        return new Trainer(config, policy, envs(config, size, true), evalEnvs, encoder, reward, out);
    }

    /** Where progress and the config table go (default standard error; null: nowhere). */
    public Trainer log(PrintStream log) {
        this.log = log;
        return this;
    }

    /** Called with every metrics row as it is written (a notebook's live chart). */
    public Trainer onStep(Consumer<ObjectNode> listener) {
        this.listener = listener;
        return this;
    }

    /** The policy being trained. */
    public VlaPolicy policy() {
        return policy;
    }

    /**
     * What a run produced.
     *
     * @param rows every metrics row, step 0 (the evaluation before training) first
     * @param out the run's folder
     * @param seconds wall time of this call
     */
    public record Result(List<ObjectNode> rows, Path out, double seconds) {

        /** The last evaluation's success, or NaN if none. */
        public double finalEvalSuccess() {
            for (int i = rows.size() - 1; i >= 0; i--) {
                if (rows.get(i).has(Metrics.EVAL_SUCCESS)) {
                    return rows.get(i).get(Metrics.EVAL_SUCCESS).asDouble();
                }
            }
            return Double.NaN;
        }

        /** The metrics as a table, one row per step. */
        public Table table() {
            return Trainer.table(rows);
        }
    }

    /**
     * A copy of the policy whose parameters record no gradient: π_ref is a constant of the KL term, and its forward
     * pass, which runs inside the update's gradient collector, then adds nothing to the autograd graph.
     */
    static VlaPolicy frozenCopy(VlaPolicy policy) {
        VlaPolicy copy = policy.copy();
        copy.model()
                .getBlock()
                .getParameters()
                .forEach(p -> p.getValue().getArray().setRequiresGradient(false));
        return copy;
    }

    /** Trains from the start; the output folder must not hold a run yet. */
    public Result run() {
        return run(false);
    }

    /**
     * Trains, or continues the run in the output folder from its last checkpoint ({@code resume}); a resumed run
     * gives exactly what the uninterrupted run gives.
     *
     * @throws IllegalArgumentException if the folder holds another run, or (resuming) a run of another config
     * @throws NonFiniteException if a loss, gradient or advantage becomes non-finite, naming the step and the last
     *     good checkpoint
     */
    public Result run(boolean resume) {
        long t0 = System.nanoTime();
        prepareFolder(resume);
        Checkpoints checkpoints = new Checkpoints(out.resolve("checkpoints"), config.keepCheckpoints());
        VlaPolicy reference = config.klBeta() > 0 ? frozenCopy(policy) : null; // π_ref: the starting policy
        try (GroupPpoUpdater updater = new GroupPpoUpdater(policy, reference, config.updateSettings())) {
            List<ObjectNode> rows = new ArrayList<>();
            int first = 1;
            if (resume && checkpoints.latest() != null) {
                Checkpoints.Saved saved = checkpoints.restore(policy, updater.optimizer());
                rows.addAll(saved.rows());
                first = saved.step() + 1;
                say("resuming from " + saved.dir() + " (step " + saved.step() + ")");
            }
            printConfig();
            if (first == 1 && config.evalEvery() > 0) {
                rows.add(evaluationRow(0));
                writeMetrics(rows);
                listener.accept(rows.get(0));
            }
            ProgressBar bar = new ProgressBar(log, "train", config.steps()).startingAt(first - 1);
            for (int step = first; step <= config.steps(); step++) {
                ObjectNode row;
                try {
                    row = step(step, updater);
                } catch (NonFiniteException e) {
                    Path last = checkpoints.latest();
                    throw new NonFiniteException("step " + step + ": " + e.getMessage() + "; nothing of this step was"
                            + " saved, the last good checkpoint is "
                            + (last == null ? "none (the starting policy)" : last)
                            + " (lower the learningRate, then resume)");
                }
                rows.add(row);
                writeMetrics(rows);
                if (step % config.checkpointEvery() == 0 || step == config.steps()) {
                    checkpoints.save(step, policy, updater.optimizer(), rows);
                }
                listener.accept(row);
                bar.update(step, status(row));
            }
            policy.save(out.resolve("policy.vla"));
            return new Result(List.copyOf(rows), out, (System.nanoTime() - t0) / 1e9);
        } finally {
            if (reference != null) {
                reference.close();
            }
        }
    }

    /** One RL step; its metrics row. */
    private ObjectNode step(int step, GroupPpoUpdater updater) {
        long stepStart = System.nanoTime();
        ObjectNode row = JSON.createObjectNode().put(Metrics.STEP, step);

        // 1–2. Collect groups from training layouts (T = 1.6) and keep those with a success and a failure.
        RolloutCollector collector = new RolloutCollector(trainEnvs)
                .threads(config.threads())
                .maxBatch(config.maxBatch())
                .keepFrames(framesToKeep(reward));
        DynamicSampling sampling = config.dynamicSampling();
        List<Group> kept = new ArrayList<>();
        int groups = 0;
        int low = 0;
        int high = 0;
        int rollouts = 0;
        int successes = 0;
        int round = 0;
        double rolloutSeconds = 0;
        double policySeconds = 0;
        while (true) {
            Decoding decoding = Decoding.sample(config.temperature(), Seeds.derive(config.seed(), step, round));
            List<Group> collected = collector.collectGroups(policy, prompts(step, round), config.groupSize(), decoding);
            rolloutSeconds += collector.lastTiming().seconds();
            policySeconds += collector.lastTiming().policySeconds();
            DynamicSampling.Result filtered = sampling.filter(collected);
            kept.addAll(filtered.kept());
            groups += collected.size();
            low += filtered.droppedLow();
            high += filtered.droppedHigh();
            for (Group g : collected) {
                rollouts += g.size();
                successes += g.successes();
            }
            if (kept.size() >= config.minGroups() || round >= config.maxExtraRounds()) {
                break;
            }
            round++;
        }
        row.put(Metrics.ROLLOUT_SUCCESS, (double) successes / rollouts)
                .put(Metrics.ROLLOUTS, rollouts)
                .put(Metrics.GROUPS, groups)
                .put(Metrics.EXTRA_ROUNDS, round);
        double encodeSeconds = 0;
        double rewardSeconds = 0;
        double updateSeconds = 0;
        List<Rollout> batch = new ArrayList<>();
        double[] keptReward = new double[0];
        List<TaskReport> reports = List.of();
        if (!kept.isEmpty()) {
            kept.forEach(group -> batch.addAll(group.rollouts()));

            // 3. Encode each rollout's own video (Eq. 2): h_i = W(o_0:T of rollout i), never merged across rollouts.
            long t = System.nanoTime();
            double[][] embeddings = embed(batch);
            encodeSeconds = (System.nanoTime() - t) / 1e9;

            // 4. Reward (Eq. 3–5): successes 1; failures by latent distance to the task's success centres.
            t = System.nanoTime();
            List<TrajectoryEmbedding> seen = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Rollout r = batch.get(i);
                seen.add(new TrajectoryEmbedding(r.task().id(), r.success(), embeddings[i]));
            }
            RewardBatch rewards = reward.apply(seen);
            double[] all = rewards.rewards();
            reports = rewards.reports();
            for (int i = 0; i < batch.size(); i++) {
                if (!Double.isFinite(all[i])) {
                    throw new NonFiniteException("the reward of rollout " + i + " ("
                            + batch.get(i).task().id() + ") is " + all[i]);
                }
            }
            keptReward = all;
            if (config.dropEqualRewards()) {
                // A group whose rewards are all equal has zero advantages and no gradient: dropped, with its rewards.
                DynamicSampling.Result varied = DynamicSampling.varied(kept, all);
                low += varied.droppedLow();
                high += varied.droppedHigh();
                double[] survivors = new double[all.length];
                batch.clear();
                int n = 0;
                int next = 0; // varied keeps the groups in order, so one pass with identity finds the survivors
                for (int g = 0, from = 0; g < kept.size(); from += kept.get(g).size(), g++) {
                    Group group = kept.get(g);
                    if (next < varied.kept().size() && varied.kept().get(next) == group) {
                        batch.addAll(group.rollouts());
                        System.arraycopy(all, from, survivors, n, group.size());
                        n += group.size();
                        next++;
                    }
                }
                if (next != varied.kept().size()) {
                    throw new IllegalStateException("dynamic sampling reordered the groups it kept");
                }
                keptReward = Arrays.copyOf(survivors, n);
                kept = varied.kept();
            }
            rewardSeconds = (System.nanoTime() - t) / 1e9;
        }
        row.put(Metrics.GROUPS_KEPT, kept.size())
                .put(
                        Metrics.GROUPS_KEPT_NO_SUCCESS,
                        kept.stream().filter(k -> k.successes() == 0).count())
                .put(Metrics.GROUPS_DROPPED_LOW, low)
                .put(Metrics.GROUPS_DROPPED_HIGH, high)
                .put(Metrics.UPDATE_SKIPPED, kept.isEmpty() ? 1 : 0);
        if (!kept.isEmpty()) {
            long t = System.nanoTime();
            // 5. Group-normalised advantage (Eq. 6), one scalar per rollout.
            double[] advantages = new double[batch.size()];
            for (int g = 0, from = 0; g < kept.size(); from += kept.get(g).size(), g++) {
                int m = kept.get(g).size();
                double[] a = GroupAdvantage.of(
                        Arrays.copyOfRange(keptReward, from, from + m),
                        config.advantageNormalisation(),
                        GroupAdvantage.EPS);
                System.arraycopy(a, 0, advantages, from, m);
            }
            rewardSeconds += (System.nanoTime() - t) / 1e9;
            rewardMetrics(row, batch, keptReward, reports, advantages);

            // 6. PPO update (Eq. 7–8), the advantage broadcast to every valid token of its rollout, each rollout's
            //    tokens weighted as the loss aggregation says (token-mean: 1).
            long[] lengths = batch.stream().mapToLong(Rollout::validTokens).toArray();
            double[] weights = config.lossAggregationValue().weights(lengths);
            List<PpoSample> samples = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (!Double.isFinite(advantages[i])) {
                    throw new NonFiniteException("the advantage of rollout " + i + " ("
                            + batch.get(i).task().id() + ") is " + advantages[i]);
                }
                for (Rollout.Chunk c : batch.get(i).chunks()) {
                    samples.add(new PpoSample(
                            c.observation(), c.tokens(), c.logProbs(), c.validTokens(), advantages[i], weights[i]));
                }
            }
            GroupPpoUpdater.Stats u = updater.update(samples, Seeds.derive(config.seed(), step, -1));
            updateSeconds = u.seconds();
            PpoLoss.Diagnostics d = u.diagnostics();
            row.put(Metrics.PG_LOSS, d.meanPgLoss())
                    .put(Metrics.CLIP_FRACTION, d.clipFraction())
                    .put(Metrics.APPROX_KL, d.meanApproxKl())
                    .put(Metrics.REF_KL, d.meanRefKl())
                    .put(Metrics.ENTROPY, d.meanEntropy())
                    .put(Metrics.RATIO_MIN, d.tokens() == 0 ? 1 : d.ratioMin())
                    .put(Metrics.RATIO_MAX, d.tokens() == 0 ? 1 : d.ratioMax())
                    .put(Metrics.GRAD_NORM, u.gradNorm())
                    .put(Metrics.OPTIMIZER_STEPS, u.optimizerSteps())
                    .put(Metrics.UPDATE_SAMPLES, u.samples());
        }

        // 7. Greedy evaluation on the evaluation's initial states.
        double evalSeconds = 0;
        if (config.evalEvery() > 0 && (step % config.evalEvery() == 0 || step == config.steps())) {
            long t = System.nanoTime();
            evaluate(row);
            evalSeconds = (System.nanoTime() - t) / 1e9;
        }
        return row.put(Metrics.TIME_ROLLOUT, rolloutSeconds)
                .put(Metrics.TIME_ROLLOUT_POLICY, policySeconds)
                .put(Metrics.TIME_ENCODE, encodeSeconds)
                .put(Metrics.TIME_REWARD, rewardSeconds)
                .put(Metrics.TIME_UPDATE, updateSeconds)
                .put(Metrics.TIME_EVAL, evalSeconds)
                .put(Metrics.TIME_STEP, (System.nanoTime() - stepStart) / 1e9);
    }

    /**
     * The prompts of a step's collection round: tasks in turn from a random offset (so every task gets its share),
     * {@code promptsPerTask} prompts each, every prompt on a random training layout.
     */
    List<Start> prompts(int step, int round) {
        SplittableRandom random = new SplittableRandom(Seeds.derive(config.seed(), step, round, 1));
        int offset = random.nextInt(tasks.size());
        List<Start> prompts = new ArrayList<>();
        for (int p = 0; p < config.promptsPerStep(); p++) {
            Task task = tasks.get((offset + p / config.promptsPerTask()) % tasks.size());
            prompts.add(new Start(task, random.nextInt(Task.INITIAL_STATES)));
        }
        return prompts;
    }

    /**
     * Rollouts of a step whose frames the collector keeps: all for a reward that reads embeddings, none for one
     * that does not (binary, oracle). A video is most of a rollout's memory: a Long episode's 521 frames at 192 px
     * are 57 MB, so a step of 128 rollouts would hold over 6 GB that GRPO never reads (a chunk's first frame is
     * also its observation, which the update needs).
     */
    static int framesToKeep(RewardFunction reward) {
        return reward.usesEmbeddings() ? Integer.MAX_VALUE : 0;
    }

    private double[][] embed(List<Rollout> batch) {
        if (reward instanceof OracleProgressReward) { // the simulator's progress stands in for the embedding
            double[][] progress = new double[batch.size()][];
            for (int i = 0; i < progress.length; i++) {
                double p = batch.get(i).progress();
                if (!Double.isFinite(p)) {
                    throw new IllegalStateException("the oracle reward needs each rollout's task progress, and a"
                            + " rollout of " + batch.get(i).task().id() + " reported none: run it on env tabletop");
                }
                progress[i] = new double[] {p};
            }
            return progress;
        }
        if (!reward.usesEmbeddings()) {
            return new double[batch.size()][0];
        }
        List<Video> videos = new ArrayList<>();
        for (Rollout r : batch) {
            videos.add(r.video());
        }
        return encoder.encode(videos);
    }

    private static void rewardMetrics(
            ObjectNode row, List<Rollout> batch, double[] rewards, List<TaskReport> reports, double[] adv) {
        double sum = 0;
        double failSum = 0;
        double failMax = 0;
        double advSuccess = 0;
        double advFailure = 0;
        double advAbs = 0;
        int fails = 0;
        int positive = 0;
        for (int i = 0; i < batch.size(); i++) {
            double g = rewards[i];
            sum += g;
            advAbs += Math.abs(adv[i]);
            if (batch.get(i).success()) {
                advSuccess += adv[i];
            } else {
                fails++;
                failSum += g;
                failMax = Math.max(failMax, g);
                advFailure += adv[i];
                positive += adv[i] > 0 ? 1 : 0;
            }
        }
        int n = batch.size();
        int wins = n - fails;
        // Each kept failure's reward, with its final stage and progress where the environment reports them (NaN if
        // not).
        ArrayNode failureRewards = row.putArray(Metrics.FAILURE_REWARDS);
        double[] failureReward = new double[fails];
        double[] failureStage = new double[fails];
        double[] failureProgress = new double[fails];
        for (int i = 0, f = 0; i < n; i++) {
            Rollout r = batch.get(i);
            if (!r.success()) {
                failureRewards.add(Math.round(rewards[i] * 1e4) / 1e4); // 4 decimals: enough for a histogram
                failureReward[f] = rewards[i];
                failureStage[f] =
                        r.info().get(Metrics.STAGE_INFO) instanceof Number stage ? stage.doubleValue() : Double.NaN;
                failureProgress[f++] = r.progress();
            }
        }
        if (fails > 0 && Arrays.stream(failureStage).allMatch(Double::isFinite)) {
            ArrayNode stages = row.putArray(Metrics.FAILURE_STAGES);
            Arrays.stream(failureStage).forEach(stage -> stages.add((int) stage));
            putSpearman(row, Metrics.FAILURE_STAGE_SPEARMAN, failureReward, failureStage);
        }
        if (fails > 0 && Arrays.stream(failureProgress).allMatch(Double::isFinite)) {
            putSpearman(row, Metrics.FAILURE_PROGRESS_SPEARMAN, failureReward, failureProgress);
        }
        row.put(Metrics.REWARD_MEAN, sum / n)
                .put(Metrics.FAILURE_REWARD_MEAN, fails == 0 ? 0 : failSum / fails)
                .put(Metrics.FAILURE_REWARD_MAX, failMax)
                .put(
                        Metrics.CLUSTERS,
                        reports.stream().mapToInt(TaskReport::clusters).sum())
                .put(
                        Metrics.FALLBACKS,
                        reports.stream()
                                .filter(r -> r.fallback() == Fallback.NO_CLUSTER)
                                .count())
                .put(Metrics.ADVANTAGE_SUCCESS, wins == 0 ? 0 : advSuccess / wins)
                .put(Metrics.ADVANTAGE_FAILURE, fails == 0 ? 0 : advFailure / fails)
                .put(Metrics.FAILURES_POSITIVE, fails == 0 ? 0 : (double) positive / fails)
                .put(Metrics.ADVANTAGE_ABS, advAbs / n);
    }

    /** Puts the Spearman correlation of x with y under key, unless it is undefined (y or x all equal). */
    private static void putSpearman(ObjectNode row, String key, double[] x, double[] y) {
        double rho = ProgressMetrics.spearman(x, y);
        if (Double.isFinite(rho)) {
            row.put(key, rho);
        }
    }

    private ObjectNode evaluationRow(int step) {
        ObjectNode row = JSON.createObjectNode().put(Metrics.STEP, step);
        long t = System.nanoTime();
        evaluate(row);
        return row.put(Metrics.TIME_EVAL, (System.nanoTime() - t) / 1e9);
    }

    private void evaluate(ObjectNode row) {
        RunFolder.evaluate(row, policy, evalEnvs, tasks, config.evalStates(), config.threads());
    }

    private static String status(ObjectNode row) {
        StringBuilder sb = new StringBuilder();
        if (row.has(Metrics.ROLLOUT_SUCCESS)) {
            sb.append(String.format(
                    "rollout %.0f%%", 100 * row.get(Metrics.ROLLOUT_SUCCESS).asDouble()));
        }
        if (row.has(Metrics.EVAL_SUCCESS)) {
            sb.append(String.format(
                    " eval %.1f%%", 100 * row.get(Metrics.EVAL_SUCCESS).asDouble()));
        }
        return sb.toString();
    }

    private void prepareFolder(boolean resume) {
        ObjectNode run = JSON.createObjectNode().put("seed", config.seed());
        run.set("config", config.toJson());
        commit = RunFolder.prepare(
                out, resume, saved -> TrainerConfig.saved(saved).asMap(), config.asMap(), Set.of("steps"), run);
    }

    private void writeMetrics(List<ObjectNode> rows) {
        RunFolder.writeMetrics(out, rows);
    }

    private void printConfig() {
        if (log == null) {
            return;
        }
        log.println("srpo train: " + out.toAbsolutePath() + " (commit " + commit + ")");
        config.asMap().forEach((k, v) -> log.printf("  %-16s %s%n", k, v));
    }

    private void say(String s) {
        if (log != null) {
            log.println(s);
        }
    }

    /** Metrics rows as a table: one row per step, a column per numeric metric. */
    public static Table table(List<ObjectNode> rows) {
        List<String> names = new ArrayList<>();
        for (ObjectNode r : rows) {
            r.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n) && r.get(n).isNumber()) {
                    names.add(n);
                }
            });
        }
        Table t = Table.create("metrics");
        for (String n : names) {
            DoubleColumn c = DoubleColumn.create(n);
            for (ObjectNode r : rows) {
                JsonNode v = r.get(n);
                if (v == null || !v.isNumber()) {
                    c.appendMissing();
                } else {
                    c.append(v.asDouble());
                }
            }
            t.addColumns(c);
        }
        return t;
    }

    /** Reads a run's {@code metrics.jsonl}. */
    public static List<ObjectNode> readMetrics(Path runDir) {
        if (!Files.isRegularFile(runDir.resolve(Checkpoints.METRICS))) {
            throw new IllegalArgumentException(runDir + " is not a training run: it has no " + Checkpoints.METRICS);
        }
        try {
            List<ObjectNode> rows = new ArrayList<>();
            for (String line : Files.readAllLines(runDir.resolve(Checkpoints.METRICS))) {
                if (!line.isBlank()) {
                    rows.add((ObjectNode) JSON.readTree(line));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metrics of " + runDir, e);
        }
    }
}
