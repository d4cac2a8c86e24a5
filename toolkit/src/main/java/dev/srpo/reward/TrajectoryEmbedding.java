package dev.srpo.reward;

/**
 * One finished rollout as a reward function sees it: the task it ran (rollouts are compared with the same task's
 * successes), whether it succeeded, and its world-model embedding. One per rollout, never merged across rollouts
 * that share an initial state (the released SRPO code merges their frames; see srpo-paper.md §2.10).
 *
 * <p>What it drops from {@code rollout.Rollout}: everything but the task, the outcome and the embedding, so rewards
 * work on plain arrays and are tested without a simulator; {@code studies.LabelledTrajectory} is the benchmark's
 * trajectory before it is embedded.
 *
 * @param task the task's id, e.g. {@code libero_goal/3}
 * @param success whether the episode reached its goal
 * @param embedding the trajectory embedding; empty for a trajectory with no frames (it earns 0 if it failed)
 */
public record TrajectoryEmbedding(String task, boolean success, double[] embedding) {

    public TrajectoryEmbedding {
        if (task == null || embedding == null) {
            throw new IllegalArgumentException(
                    "a trajectory embedding needs a task and an embedding array (may be empty)");
        }
        for (int i = 0; i < embedding.length; i++) {
            if (!Double.isFinite(embedding[i])) {
                throw new IllegalArgumentException("embedding[" + i + "] of a rollout of " + task + " is "
                        + embedding[i] + ": the encoder produced a non-finite value");
            }
        }
    }
}
