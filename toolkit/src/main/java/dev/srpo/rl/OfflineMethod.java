package dev.srpo.rl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How an offline run weighs each chunk of its buffer: offline SRPO and the two baselines that show what per-step
 * world progress adds. Every method gives a weight per chunk; chunks of weight 0 are not trained on.
 */
public enum OfflineMethod {
    /**
     * Offline SRPO: w = min(exp(A/β), w_max) with A the per-chunk progress advantage of Eq. 15
     * ({@link ProgressAdvantage}; or, with {@code advantage=to-go}, the progress from the chunk to the end; with
     * {@code baseline=progress}, measured against chunks that started from the same progress).
     * Trajectories of a task with no success in the buffer have no progress and are skipped; with
     * {@code keepFailures} &lt; 1 only the failures that ended with the most progress keep their weights
     * ({@link #keptRollouts}).
     */
    SRPO,
    /**
     * AWR with the binary reward: every chunk of trajectory i gets w = min(exp(A_i/β), w_max) with
     * A_i = (r_i − μ)/(σ + ε), r_i ∈ {0, 1} its success, μ and σ over the buffer's trajectories.
     */
    BINARY_AWR,
    /** Behaviour cloning on the successes: weight 1 for every chunk of a success, 0 otherwise. */
    FILTERED_BC,
    /**
     * An ablation with privileged progress: offline SRPO's weights with the simulator's own stage progress
     * ({@link dev.srpo.reward.StageProgress}) in place of world progress. It asks what a perfect per-step progress
     * signal would give this AWR recipe; it needs a buffer collected in an environment that reports stages.
     */
    STAGE_AWR,
    /**
     * The dense twin of {@link #STAGE_AWR}: offline SRPO's weights with the simulator's task progress after each
     * chunk (the tabletop's {@code Goal.progress}: stages done plus how near the next one is, the oracle reward's
     * p; {@code Rollout#chunkProgress}) in place of world progress. It skips the same trajectories as offline SRPO
     * (tasks without a success in the buffer), so that only the progress signal differs; it needs a buffer
     * collected in an environment that reports progress.
     */
    PROGRESS_AWR;

    /**
     * The method a config names ({@code srpo}, {@code binary-awr}, {@code filtered-bc}, {@code stage-awr},
     * {@code progress-awr}).
     */
    public static OfflineMethod of(String name) {
        try {
            return Configs.constant(OfflineMethod.class, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown offline method '" + name
                            + "': use srpo, binary-awr, filtered-bc, stage-awr or progress-awr",
                    e);
        }
    }

    /** Whether it weighs chunks by per-step progress (so that a task without a success is skipped). */
    public boolean usesProgress() {
        return this == SRPO || this == STAGE_AWR || this == PROGRESS_AWR;
    }

    /** The name a config uses. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Each chunk's weight.
     *
     * @param success per trajectory whether it succeeded
     * @param chunks per trajectory its number of chunks
     * @param progress per trajectory its progress at every chunk boundary, null rows for skipped trajectories:
     *     world progress ({@link dev.srpo.reward.StepProgress}) for {@link #SRPO}, stage progress for
     *     {@link #STAGE_AWR}, the simulator's task progress for {@link #PROGRESS_AWR}; unused by the others
     * @param horizon the progress a chunk is credited with (the methods that {@link #usesProgress})
     * @param baseline what that credit is measured against (likewise)
     * @param awr β and w_max
     * @return per trajectory one weight per chunk (all 0 for a skipped trajectory)
     */
    public double[][] weights(
            boolean[] success,
            int[] chunks,
            double[][] progress,
            ProgressAdvantage.Horizon horizon,
            ProgressAdvantage.Baseline baseline,
            AwrLoss awr) {
        int n = success.length;
        double[][] w = new double[n][];
        switch (this) {
            case SRPO, STAGE_AWR, PROGRESS_AWR -> {
                double[][] a = ProgressAdvantage.of(progress, horizon, baseline);
                for (int i = 0; i < n; i++) {
                    w[i] = new double[chunks[i]];
                    for (int c = 0; a[i] != null && c < chunks[i]; c++) {
                        w[i][c] = awr.weight(a[i][c]);
                    }
                }
            }
            case BINARY_AWR -> {
                double mean = 0;
                for (boolean s : success) {
                    mean += s ? 1 : 0;
                }
                mean /= Math.max(1, n);
                double std = Math.sqrt(mean * (1 - mean)); // of 0/1 values
                for (int i = 0; i < n; i++) {
                    double a = ((success[i] ? 1 : 0) - mean) / (std + ProgressAdvantage.EPS);
                    w[i] = new double[chunks[i]];
                    java.util.Arrays.fill(w[i], awr.weight(a));
                }
            }
            case FILTERED_BC -> {
                for (int i = 0; i < n; i++) {
                    w[i] = new double[chunks[i]];
                    java.util.Arrays.fill(w[i], success[i] ? 1 : 0);
                }
            }
        }
        return w;
    }

    /**
     * Which rollouts keep their weights when only a fraction of the failures does ({@code keepFailures}, ours, not
     * the paper's). Per task, its failed rollouts are ranked by the progress they ended with,
     * R<sub>i,C<sub>i</sub></sub>, and the ⌈f · n<sub>task</sub>⌉ of most progress are kept (ties: the earlier in the
     * buffer); every success is kept; a skipped rollout (null progress: its task has no success) is not.
     *
     * @param tasks per rollout its task's id
     * @param success per rollout whether it succeeded
     * @param progress per rollout its progress at every chunk boundary, null rows for skipped rollouts
     * @param keepFailures f in [0, 1]: 1 keeps every failure, 0 none
     * @return per rollout whether it keeps its weights
     */
    public static boolean[] keptRollouts(String[] tasks, boolean[] success, double[][] progress, double keepFailures) {
        if (!(keepFailures >= 0 && keepFailures <= 1)) {
            throw new IllegalArgumentException("keepFailures must be in [0, 1], got " + keepFailures);
        }
        int n = success.length;
        boolean[] kept = new boolean[n];
        Map<String, List<Integer>> failures = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (progress[i] == null) {
                continue;
            }
            if (success[i]) {
                kept[i] = true;
            } else {
                failures.computeIfAbsent(tasks[i], t -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> f : failures.values()) {
            // a stable sort, most progress first, so that ties keep their buffer order
            f.sort(Comparator.comparingDouble((Integer i) -> progress[i][progress[i].length - 1])
                    .reversed());
            // ⌈f n⌉ less a hair: 0.14 of 50 is 7, not 8 from the double 7.000000000000001
            int keep = (int) Math.ceil(keepFailures * f.size() - 1e-9);
            for (int k = 0; k < keep; k++) {
                kept[f.get(k)] = true;
            }
        }
        return kept;
    }
}
