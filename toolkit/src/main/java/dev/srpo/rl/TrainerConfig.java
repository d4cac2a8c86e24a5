package dev.srpo.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.srpo.env.Suite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an SRPO or GRPO run is, in one record: read from a JSON or YAML file, every key optional (missing
 * keys take the defaults below), saved with the run. The defaults are the released code's where it has one
 * (srpo-paper.md §3.3) and measured on the embedded simulator where our model differs (the learning rate, the
 * batch sizes, the loss aggregation: see the constants).
 *
 * @param env environment backend ({@code tabletop})
 * @param suite the suite trained and evaluated
 * @param tasks task indices of the suite (empty: all ten)
 * @param init the starting checkpoint (one-shot SFT)
 * @param reward {@code srpo} (world-progress reward), {@code grpo} (binary reward) or, for studies on the embedded
 *     simulator, {@code oracle} (SRPO's reward shape with the simulator's own task progress, privileged)
 * @param mapping distance → reward for SRPO: {@code paper} (α σ(−z)) or {@code released-code} (0.6 σ(10(0.5 − n)))
 * @param alpha the paper's progress-reward weight α
 * @param encoder trajectory encoder for SRPO: {@code world-model} (shipped CPU world model), {@code image-ssl},
 *     {@code pixels}, or {@code vjepa2:FILE.pt} (a V-JEPA 2 TorchScript export, the paper's encoder)
 * @param steps RL steps
 * @param promptsPerStep (task, training layout) prompts per step (the paper's 64)
 * @param promptsPerTask prompts of one task in a step, each on its own training layout (1: as many tasks as
 *     prompts). SRPO's references are the task's successes in the step's batch, so with 1 a failed group's only
 *     references are its own group's successes; the paper's 64 prompts over 10 tasks give each task about 6
 *     groups, whose successes serve every group of the task
 * @param groupSize rollouts per prompt, M
 * @param temperature rollout sampling temperature (and of the PPO log-probs)
 * @param learningRate Adam's step size
 * @param ppoEpochs passes over a step's samples
 * @param miniBatch samples (chunks) per optimizer step
 * @param microBatch samples per forward/backward pass (memory only)
 * @param gradClip global gradient-norm bound
 * @param clipLow PPO ε_low
 * @param clipHigh PPO ε_high
 * @param logRatioClamp bound on the PPO log-ratio
 * @param klBeta weight of the KL to the initial policy (0: none, as released)
 * @param klEstimator {@code k1} or {@code k3}
 * @param entropyCoef entropy bonus weight
 * @param lossAggregation how token losses are averaged: {@code sequence-mean} (the default: every rollout of the
 *     step weighs the same, whatever its length) or {@code token-mean} (the released code's: every valid token weighs
 *     the same, so a long failure outweighs a short success); see {@link LossAggregation}
 * @param advantage {@code paper}, {@code released-code} or {@code no-std} (see {@link GroupAdvantage})
 * @param minSuccessRate dynamic sampling's lower bound
 * @param maxSuccessRate dynamic sampling's upper bound
 * @param dropEqualRewards after the reward, drop every group whose rewards are all equal (zero advantages, no
 *     gradient; {@link DynamicSampling#varied}; needs groupSize ≥ 2). At the released window it drops nothing; with
 *     the window opened to [0, 1] it keeps GRPO's mixed groups and also SRPO's failed groups whose task succeeded
 *     elsewhere in the step
 * @param minGroups groups wanted after dynamic sampling before extra rounds stop (counted at the window, before the
 *     reward drops groups of equal rewards: with the window opened, such groups count)
 * @param maxExtraRounds extra collection rounds at most per step when fewer than {@code minGroups} are kept
 * @param evalEvery greedy evaluation every this many steps (and at the start and the end); 0: never
 * @param evalStates evaluation initial states per task (the first n of the 50)
 * @param evalLayouts {@code evaluation} (the 50 held-out evaluation states: results) or {@code training} (the
 *     first {@code evalStates} training layouts: pilots that choose settings without looking at the evaluation)
 * @param checkpointEvery checkpoint every this many steps (and at the end)
 * @param keepCheckpoints checkpoints kept (the latest)
 * @param seed the run's seed: every random choice derives from it and the step
 * @param threads environment threads
 * @param maxBatch observations per policy forward pass during rollouts
 */
public record TrainerConfig(
        String env,
        String suite,
        List<Integer> tasks,
        String init,
        String reward,
        String mapping,
        double alpha,
        String encoder,
        int steps,
        int promptsPerStep,
        int promptsPerTask,
        int groupSize,
        float temperature,
        double learningRate,
        int ppoEpochs,
        int miniBatch,
        int microBatch,
        double gradClip,
        double clipLow,
        double clipHigh,
        double logRatioClamp,
        double klBeta,
        String klEstimator,
        double entropyCoef,
        String lossAggregation,
        String advantage,
        double minSuccessRate,
        double maxSuccessRate,
        boolean dropEqualRewards,
        int minGroups,
        int maxExtraRounds,
        int evalEvery,
        int evalStates,
        String evalLayouts,
        int checkpointEvery,
        int keepCheckpoints,
        long seed,
        int threads,
        int maxBatch) {

    /** The released code's rollout temperature. */
    public static final float TEMPERATURE = 1.6f;
    /** Rollouts per prompt, M (paper and code). */
    public static final int GROUP_SIZE = 8;
    /** PPO's asymmetric clip (released code). */
    public static final double CLIP_LOW = 0.2;
    /** PPO's asymmetric clip (released code). */
    public static final double CLIP_HIGH = 0.28;
    /**
     * Adam's step size for the 2.9 M-parameter default policy (the paper's 5e-6 is for a 7B model). Pilots on
     * one-shot libero_object (28.8% greedy), 8 prompts × 8, mini-batches of 64, 30 steps, same seed: at 3e-4 the
     * token entropy rose from 0.94 to 1.2 and rollout success stayed flat (SRPO) or fell (GRPO, 26% → 18%); at 1e-4
     * entropy stayed near 1.0 and rollout success rose (SRPO 31% → 40%, GRPO 27% → 38%, steps 1–10 vs 21–30).
     * The probe had 1e-3 collapse within 5 steps.
     */
    public static final double LEARNING_RATE = 1e-4;
    /** Prompts per step on a 2-core machine (the paper's 64 needs a cluster): 64 rollouts. */
    public static final int PROMPTS_PER_STEP = 8;
    /**
     * Every rollout of a step weighs the same in the loss, not every token (the released code's token-mean). Pilots
     * on training layouts (SRPO, 8 prompts × 8, lr 1e-4, T 1.6, seed 1, 30 steps, greedy success on 20 training
     * layouts per task, {@code results/pilots-loss-aggregation/}): on libero_10, where a failure runs to the step
     * budget with 2.1× a success's tokens, token-mean fell from 27.0% to 14.0% and sequence-mean held (25.5%; its
     * rollout success rose from 13% to 21% over the run, token-mean's fell from 15% to 12%); on libero_object both
     * reached about 40% from 32.5%.
     */
    public static final String LOSS_AGGREGATION = "sequence-mean";
    /** Chunks per optimizer step (the probe's 64). */
    public static final int MINI_BATCH = 64;

    /** The defaults: SRPO on LIBERO-Object's embedded twin, 200 steps. */
    public static final TrainerConfig DEFAULTS = new TrainerConfig(
            "tabletop",
            "libero_object",
            List.of(),
            null,
            "srpo",
            "paper",
            0.8,
            "world-model",
            200,
            PROMPTS_PER_STEP,
            1,
            GROUP_SIZE,
            TEMPERATURE,
            LEARNING_RATE,
            1,
            MINI_BATCH,
            64,
            1.0,
            CLIP_LOW,
            CLIP_HIGH,
            20,
            0,
            "k3",
            0,
            LOSS_AGGREGATION,
            "paper",
            0.1,
            0.9,
            false,
            1,
            2,
            10,
            50,
            "evaluation",
            10,
            3,
            0,
            2,
            64);

    private static final ObjectMapper JSON = Configs.JSON;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public TrainerConfig {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /**
     * Checks every value, naming the first bad key and what it accepts.
     *
     * @throws IllegalArgumentException naming the key
     */
    public TrainerConfig validate() {
        Suite s = Suite.of(suite);
        for (int t : tasks) {
            if (t < 0 || t >= s.tasks().size()) {
                throw bad("tasks", t, "task indices 0.." + (s.tasks().size() - 1));
            }
        }
        oneOf("reward", reward, "srpo", "grpo", "oracle");
        if (reward.equals("oracle") && env.equals("libero")) {
            throw bad(
                    "reward",
                    reward,
                    "srpo or grpo with env libero (the oracle reads the simulator's own task"
                            + " progress, which the real LIBERO does not report; the embedded simulator, env tabletop, does)");
        }
        oneOf("mapping", mapping, "paper", "released-code");
        Configs.encoder("encoder", encoder);
        oneOf("klEstimator", klEstimator, "k1", "k3");
        oneOf("advantage", advantage, "paper", "released-code", "no-std");
        oneOf("lossAggregation", lossAggregation, "token-mean", "sequence-mean");
        oneOf("evalLayouts", evalLayouts, "evaluation", "training");
        range("alpha", alpha, 0, 1);
        atLeast("steps", steps, 1);
        atLeast("promptsPerStep", promptsPerStep, 1);
        if (promptsPerTask < 1 || promptsPerStep % promptsPerTask != 0) {
            throw bad("promptsPerTask", promptsPerTask, "a divisor of promptsPerStep (" + promptsPerStep + ")");
        }
        if (groupSize < 1 || groupSize > 256) {
            throw bad("groupSize", groupSize, "1..256");
        }
        if (dropEqualRewards && groupSize < 2) {
            // A group of one always has equal rewards, yet the released code's normalisation gives it a non-zero
            // advantage (its reward): dropping it would change the update, not just skip a zero.
            throw bad("dropEqualRewards", true, "false with groupSize 1 (a group of one has no rewards to compare)");
        }
        if (!(temperature > 0) || temperature > 100) {
            throw bad("temperature", temperature, "a number in (0, 100]");
        }
        if (!(learningRate > 0) || learningRate > 1) {
            throw bad("learningRate", learningRate, "a number in (0, 1]");
        }
        if (ppoEpochs < 1 || ppoEpochs > 100) {
            throw bad("ppoEpochs", ppoEpochs, "1..100");
        }
        if (miniBatch < 1 || miniBatch > 65536) {
            throw bad("miniBatch", miniBatch, "1..65536");
        }
        if (microBatch < 1 || microBatch > 1024) {
            throw bad("microBatch", microBatch, "1..1024 (memory grows with it)");
        }
        range("gradClip", gradClip, 0, 1e6);
        if (!(clipLow > 0 && clipLow < 1)) {
            throw bad("clipLow", clipLow, "a number in (0, 1)");
        }
        range("clipHigh", clipHigh, 1e-9, 100);
        range("logRatioClamp", logRatioClamp, 1e-9, 100);
        range("klBeta", klBeta, 0, 1e6);
        range("entropyCoef", entropyCoef, 0, 1e6);
        range("minSuccessRate", minSuccessRate, 0, 1);
        range("maxSuccessRate", maxSuccessRate, minSuccessRate, 1);
        atLeast("minGroups", minGroups, 0);
        if (maxExtraRounds < 0 || maxExtraRounds > 100) {
            throw bad("maxExtraRounds", maxExtraRounds, "0..100");
        }
        atLeast("evalEvery", evalEvery, 0);
        if (evalStates < 1 || evalStates > 50) {
            throw bad("evalStates", evalStates, "1..50");
        }
        atLeast("checkpointEvery", checkpointEvery, 1);
        atLeast("keepCheckpoints", keepCheckpoints, 1);
        if (threads < 1 || threads > 1024) {
            throw bad("threads", threads, "1..1024");
        }
        if (maxBatch < 1 || maxBatch > 4096) {
            throw bad("maxBatch", maxBatch, "1..4096");
        }
        return this;
    }

    /** The suite. */
    public Suite suiteValue() {
        return Suite.of(suite);
    }

    /** The PPO loss these settings describe. */
    public PpoLoss ppoLoss() {
        return new PpoLoss(
                clipLow, clipHigh, logRatioClamp, klBeta, Configs.constant(PpoLoss.Kl.class, klEstimator), entropyCoef);
    }

    /** The advantage normalisation. */
    public GroupAdvantage.Normalisation advantageNormalisation() {
        return Configs.constant(GroupAdvantage.Normalisation.class, advantage);
    }

    /** How the PPO loss averages its tokens. */
    public LossAggregation lossAggregationValue() {
        return Configs.constant(LossAggregation.class, lossAggregation);
    }

    /** Whether evaluations run on training layouts (pilots) rather than the held-out evaluation states. */
    public boolean evaluatesOnTrainingLayouts() {
        return evalLayouts.equals("training");
    }

    /** The dynamic-sampling window. */
    public DynamicSampling dynamicSampling() {
        return new DynamicSampling(minSuccessRate, maxSuccessRate);
    }

    /** The update's settings. */
    public GroupPpoUpdater.Settings updateSettings() {
        return new GroupPpoUpdater.Settings(
                learningRate, 0.9, 0.999, 1e-8, 0, ppoEpochs, miniBatch, microBatch, gradClip, temperature, ppoLoss());
    }

    /** The keys a config file may hold, in order. */
    public static List<String> keys() {
        return Configs.keys(DEFAULTS);
    }

    /** This config as a JSON tree (what {@code config.json} holds). */
    public ObjectNode toJson() {
        return JSON.valueToTree(this);
    }

    /** This config as indented JSON text. */
    public String toJsonString() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Key → value, for the table a run prints at its start. */
    public Map<String, String> asMap() {
        return Configs.asMap(this);
    }

    /**
     * Reads a config file ({@code .json}, {@code .yaml} or {@code .yml}); missing keys take the defaults.
     *
     * @throws IllegalArgumentException naming the file and, for an unknown or ill-typed key, the key and the
     *     valid ones
     */
    public static TrainerConfig read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper reader = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : JSON;
        JsonNode tree;
        try {
            tree = reader.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no config file at " + file, e);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "config " + file + " is not valid " + (reader == YAML ? "YAML" : "JSON") + ": " + e.getMessage(),
                    e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return DEFAULTS;
        }
        if (!tree.isObject()) {
            throw new IllegalArgumentException(
                    "config " + file + " must hold an object of keys, got " + tree.getNodeType());
        }
        try {
            return DEFAULTS.with((ObjectNode) tree);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The config a run saved in its {@code run.json}. A key added after the run was made takes the value runs made
     * before it used ({@link #BEFORE_THE_KEY}), not today's default, so that resuming continues the same run.
     *
     * @throws IllegalArgumentException for an unknown or ill-typed key
     */
    public static TrainerConfig saved(ObjectNode config) {
        ObjectNode filled = config.deepCopy();
        BEFORE_THE_KEY.forEach((key, value) -> {
            if (!filled.has(key)) {
                filled.put(key, value);
            }
        });
        return DEFAULTS.with(filled);
    }

    /** Keys added after runs were saved, with the value those runs used. */
    static final Map<String, String> BEFORE_THE_KEY =
            Map.of("lossAggregation", "token-mean", "evalLayouts", "evaluation");

    /**
     * This config with the keys of {@code overrides} replaced.
     *
     * @throws IllegalArgumentException for an unknown key (listing the valid ones) or a value of the wrong type
     */
    public TrainerConfig with(ObjectNode overrides) {
        return Configs.with(this, overrides, TrainerConfig.class).validate();
    }

    /** This config with one key replaced (for command-line flags). */
    public TrainerConfig with(String key, Object value) {
        ObjectNode o = JSON.createObjectNode();
        o.set(key, JSON.valueToTree(value));
        return with(o);
    }

    private static void oneOf(String key, String value, String... allowed) {
        Configs.oneOf(key, value, allowed);
    }

    private static void range(String key, double v, double lo, double hi) {
        Configs.range(key, v, lo, hi);
    }

    private static void atLeast(String key, int v, int lo) {
        Configs.atLeast(key, v, lo);
    }

    private static IllegalArgumentException bad(String key, Object value, String accepted) {
        return Configs.bad(key, value, accepted);
    }
}
