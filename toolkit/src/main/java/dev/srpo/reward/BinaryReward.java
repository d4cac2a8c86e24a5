package dev.srpo.reward;

import java.util.List;

/** GRPO's sparse reward: 1 for a success, 0 for a failure, whatever the failure achieved. */
public final class BinaryReward implements RewardFunction {

    @Override
    public boolean usesEmbeddings() {
        return false;
    }

    @Override
    public RewardBatch apply(List<TrajectoryEmbedding> batch) {
        double[] rewards = new double[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            rewards[i] = batch.get(i).success() ? 1 : 0;
        }
        return new RewardBatch(rewards, TaskReport.unclustered(batch, rewards));
    }
}
