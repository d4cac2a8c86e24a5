package dev.srpo.reward;

/**
 * What a reward function did for one task of a batch.
 *
 * @param task the task's id
 * @param successes successful rollouts of the task in the batch
 * @param failures failed rollouts
 * @param clusters clusters DBSCAN found among the successes (0 when it did not run or found none)
 * @param fallback the fallback used, {@link Fallback#NONE} if none
 * @param emptyTrajectories failed rollouts with an empty embedding (each earned 0)
 * @param distances each failure's distance to its nearest reference, in batch order (empty when not computed)
 * @param failureRewards each failure's reward, in batch order
 */
public record TaskReport(
        String task,
        int successes,
        int failures,
        int clusters,
        Fallback fallback,
        int emptyTrajectories,
        double[] distances,
        double[] failureRewards) {}
