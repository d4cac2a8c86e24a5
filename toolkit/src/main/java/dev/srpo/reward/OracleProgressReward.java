package dev.srpo.reward;

import java.util.Arrays;
import java.util.List;

/**
 * The oracle reward of studies: SRPO's reward shape with the simulator's own dense progress in place of the world
 * model's latent distance, to ask how far a privileged progress signal would take the policy. With p<sub>i</sub> in
 * [0, 1) the task progress rollout i's last state reached (the embedded simulator's {@code progress} step info:
 * goal conditions done, plus how near the next one is):
 *
 * <pre>
 *   g_i = 1           if rollout i succeeded
 *   g_i = α · p_i     otherwise
 * </pre>
 *
 * the same range as the world-progress reward's α σ(−z). Privileged: the real LIBERO reports no such number, so
 * it is never a reward for a policy meant for anything but this comparison.
 *
 * <p>Each trajectory's "embedding" is its progress, one number: the trainer fills it from the rollout, so the
 * reward needs no encoder.
 */
public final class OracleProgressReward implements RewardFunction {

    private final double alpha;

    /** The oracle with failures' rewards scaled by {@code alpha} (the world-progress reward's α). */
    public OracleProgressReward(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    public boolean usesEmbeddings() {
        return false;
    }

    @Override
    public RewardBatch apply(List<TrajectoryEmbedding> batch) {
        double[] rewards = new double[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            TrajectoryEmbedding t = batch.get(i);
            if (t.success()) {
                rewards[i] = 1;
                continue;
            }
            double[] e = t.embedding();
            if (e.length != 1 || e[0] < 0 || e[0] > 1) {
                throw new IllegalArgumentException("the oracle reward needs each rollout's task progress, one number"
                        + " in [0, 1]; rollout " + i + " of " + t.task() + " has " + Arrays.toString(e)
                        + ": run it on the embedded simulator (env tabletop), which reports progress");
            }
            rewards[i] = alpha * e[0];
        }
        return new RewardBatch(rewards, TaskReport.unclustered(batch, rewards));
    }
}
