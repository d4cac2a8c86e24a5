package dev.srpo.rl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.reward.WorldProgressReward;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything an offline training run is ({@code srpo offline train}): the buffer, the starting policy, the method
 * and its AWR settings, evaluation. Saved in the run's {@code run.json}; resuming takes the same keys.
 *
 * @param env environment backend of the evaluation ({@code tabletop})
 * @param buffer the rollout buffer's folder ({@code srpo offline collect})
 * @param init the starting checkpoint (the one-shot SFT policy that collected the buffer)
 * @param method {@code srpo} (per-step world progress, Eq. 15), {@code binary-awr} (the trajectory's 0/1
 *     success, standardised over the buffer), {@code filtered-bc} (behaviour cloning on the successes) or
 *     {@code stage-awr} or {@code progress-awr} (ablations: offline SRPO with the simulator's own stage or dense task
 *     progress); see {@link OfflineMethod}
 * @param mapping distance → progress: {@code paper} (α σ(−z)) or {@code released-code}
 * @param alpha the paper's progress weight α
 * @param beta AWR's temperature β (ours: pilots, see {@link #DEFAULTS})
 * @param maxWeight AWR's weight clip w_max
 * @param positiveOnly whether chunks of negative advantage get weight 0 (ours, not the paper's: the regression then
 *     fits only chunks that did at least as well as average, no longer the many failed chunks near A = 0; false by
 *     default)
 * @param advantage the progress a chunk is credited with, for the methods with progress: {@code step}
 *     (the progress made while it ran, Eq. 15; the default) or {@code to-go} (ours: the progress made from it to the
 *     trajectory's end, AWR's return; {@link ProgressAdvantage.Horizon})
 * @param baseline what that credit is measured against, for the methods with progress: {@code buffer} (the
 *     buffer's mean, Eq. 15; the default) or {@code progress} (ours: the mean credit of the chunks that started from
 *     about the same progress, a value baseline; {@link ProgressAdvantage.Baseline})
 * @param keepFailures for the methods with progress, the fraction of each task's failed rollouts that keep their
 *     weights: those that ended with the most progress, the method's own ({@link OfflineMethod#keptRollouts}); the
 *     others get weight 0, while the advantages stay standardised over the whole buffer. 1 (the default, Eq. 15)
 *     keeps every failure; 0 keeps the successes only, so that progress only ranks their chunks (ours, not the
 *     paper's: filtered BC's choice of rollouts with offline SRPO's weights)
 * @param passes passes over the buffer's weighted chunks (per round)
 * @param rounds rounds of collect-then-train: round 1 trains on {@code buffer}; every further round collects a new
 *     buffer like it (same settings, a seed of its own: other training layouts) with the policy the last round
 *     ended with, under the run's {@code rounds/<r>/buffer}, and trains {@code passes} more passes on that buffer
 *     alone (ours, as the "further rounds"; the paper trains on one buffer)
 * @param learningRate Adam's step size
 * @param miniBatch chunks per optimizer step
 * @param microBatch chunks per forward/backward pass (memory only)
 * @param gradClip global gradient-norm bound; 0 for none
 * @param evalEvery greedy evaluation every this many passes (and before training and at the end); 0: never
 * @param evalStates evaluation initial states per task (the first n of the 50)
 * @param evalLayouts {@code evaluation} (held-out states: results) or {@code training} (training layouts: pilots)
 * @param seed shuffles the chunks
 * @param threads environment threads of the evaluation
 */
public record OfflineConfig(
        String env,
        String buffer,
        String init,
        String method,
        String mapping,
        double alpha,
        double beta,
        double maxWeight,
        boolean positiveOnly,
        String advantage,
        String baseline,
        double keepFailures,
        int passes,
        int rounds,
        double learningRate,
        int miniBatch,
        int microBatch,
        double gradClip,
        int evalEvery,
        int evalStates,
        String evalLayouts,
        long seed,
        int threads) {

    /**
     * The defaults. β, w_max, the passes and the learning rate are ours (the paper gives none), from pilots on
     * training layouts of {@code libero_object} ({@code results/offline-srpo/README.md}): at lr 1e-4 no method
     * moved beyond the evaluation's noise in 4 passes; at 1e-3 filtered BC and SRPO did. Evaluation every 2 passes
     * (and before and after) keeps a run of all 500 evaluation episodes of a suite affordable.
     */
    public static final OfflineConfig DEFAULTS = new OfflineConfig(
            "tabletop",
            null,
            null,
            "srpo",
            "paper",
            WorldProgressReward.PAPER_ALPHA,
            1.0,
            20,
            false,
            "step",
            "buffer",
            1,
            4,
            1,
            1e-3,
            64,
            64,
            1.0,
            2,
            50,
            "evaluation",
            1,
            1);

    /**
     * Checks every value, naming the first bad key.
     *
     * @throws IllegalArgumentException naming the key and what it accepts
     */
    public OfflineConfig validate() {
        if (buffer == null) {
            throw new IllegalArgumentException("no buffer: set 'buffer' (--buffer DIR, from srpo offline collect)");
        }
        if (init == null) {
            throw new IllegalArgumentException("no starting checkpoint: set 'init' (--init FILE.vla)");
        }
        Configs.oneOf("method", method, "srpo", "binary-awr", "filtered-bc", "stage-awr", "progress-awr");
        Configs.oneOf("mapping", mapping, "paper", "released-code");
        Configs.oneOf("advantage", advantage, "step", "to-go");
        if (advantage.equals("to-go") && !methodValue().usesProgress()) {
            throw Configs.bad(
                    "advantage", advantage, "step with method " + method + " (to-go credits per-step progress)");
        }
        Configs.oneOf("baseline", baseline, "buffer", "progress");
        if (baseline.equals("progress") && !methodValue().usesProgress()) {
            throw Configs.bad(
                    "baseline", baseline, "buffer with method " + method + " (a progress baseline needs progress)");
        }
        Configs.range("keepFailures", keepFailures, 0, 1);
        if (keepFailures < 1 && !methodValue().usesProgress()) {
            throw Configs.bad(
                    "keepFailures",
                    keepFailures,
                    "1 with method " + method + " (only srpo, stage-awr and progress-awr rank failures by"
                            + " progress; filtered-bc keeps none, binary-awr all)");
        }
        Configs.oneOf("evalLayouts", evalLayouts, "evaluation", "training");
        Configs.range("alpha", alpha, 1e-9, 1);
        Configs.range("beta", beta, 1e-3, 1e3);
        Configs.range("maxWeight", maxWeight, 1, 1e6);
        Configs.atLeast("passes", passes, 1);
        Configs.atLeast("rounds", rounds, 1);
        if (!(learningRate > 0) || learningRate > 1) {
            throw Configs.bad("learningRate", learningRate, "a number in (0, 1]");
        }
        if (miniBatch < 1 || miniBatch > 65536) {
            throw Configs.bad("miniBatch", miniBatch, "1..65536");
        }
        if (microBatch < 1 || microBatch > 1024) {
            throw Configs.bad("microBatch", microBatch, "1..1024 (memory grows with it)");
        }
        Configs.range("gradClip", gradClip, 0, 1e6);
        Configs.atLeast("evalEvery", evalEvery, 0);
        if (evalStates < 1 || evalStates > 50) {
            throw Configs.bad("evalStates", evalStates, "1..50");
        }
        if (threads < 1 || threads > 1024) {
            throw Configs.bad("threads", threads, "1..1024");
        }
        return this;
    }

    /** This config on another buffer (a further round's), as {@link OfflineTrainer#prepare} names it. */
    public OfflineConfig withBuffer(Path buffer) {
        return with(Configs.JSON.createObjectNode().put("buffer", buffer.toString()));
    }

    /** The method. */
    public OfflineMethod methodValue() {
        return OfflineMethod.of(method);
    }

    /** The progress a chunk is credited with ({@link #validate} has checked the name). */
    public ProgressAdvantage.Horizon advantageValue() {
        return Configs.constant(ProgressAdvantage.Horizon.class, advantage);
    }

    /** What a chunk's credit is measured against ({@link #validate} has checked the name). */
    public ProgressAdvantage.Baseline baselineValue() {
        return Configs.constant(ProgressAdvantage.Baseline.class, baseline);
    }

    /** The AWR weights' settings. */
    public AwrLoss awr() {
        return new AwrLoss(beta, maxWeight, positiveOnly);
    }

    /** Whether evaluations run on training layouts (pilots). */
    public boolean evaluatesOnTrainingLayouts() {
        return evalLayouts.equals("training");
    }

    /** This config with the keys of {@code overrides} replaced, validated. */
    public OfflineConfig with(ObjectNode overrides) {
        return Configs.with(this, overrides, OfflineConfig.class).validate();
    }

    /** This config as JSON (what {@code run.json} holds). */
    public ObjectNode toJson() {
        return Configs.JSON.valueToTree(this);
    }

    /** Key → value, for the table a run prints at its start. */
    public Map<String, String> asMap() {
        return Configs.asMap(this);
    }
}
