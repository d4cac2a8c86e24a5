package dev.srpo.studies;

/**
 * One trajectory's progress as an encoder sees it (paper App. B): the progress of every prefix, and the
 * trajectory's final progress among its task's trajectories.
 *
 * @param task task id
 * @param policy who acted
 * @param variant LIBERO-Plus variant id or null
 * @param success whether the task was done
 * @param prefixLengths the prefixes measured, in frames
 * @param progress progress of each prefix in [0, 1] (min-max over this trajectory, closest to the goal = 1)
 * @param stages the true task stage at the end of each prefix
 * @param distance the whole trajectory's distance to its task's success references (NaN if there were none)
 * @param finalProgress that distance as progress within the task, in [0, 1] (NaN if none)
 * @param embedding the whole trajectory's embedding
 */
public record ProgressCurve(
        String task,
        String policy,
        String variant,
        boolean success,
        int[] prefixLengths,
        double[] progress,
        int[] stages,
        double distance,
        double finalProgress,
        double[] embedding) {}
