package dev.srpo.reward;

import java.util.List;

/** Turns a batch of finished rollouts into one reward each. */
@FunctionalInterface
public interface RewardFunction {

    /**
     * Rewards for {@code batch}, in its order.
     *
     * @throws IllegalArgumentException if the embeddings of one task's rollouts differ in length
     */
    RewardBatch apply(List<TrajectoryEmbedding> batch);

    /** Whether the rewards depend on the embeddings (if not, a trainer need not encode the videos). */
    default boolean usesEmbeddings() {
        return true;
    }
}
