package dev.srpo.reward;

import java.util.List;

/**
 * Rewards for a batch of rollouts, in the batch's order, with a report per task (clusters found, fallback used,
 * the failures' distances and rewards, for histograms).
 *
 * @param rewards one reward per rollout: 1 for a success, the shaped progress reward (or 0) for a failure
 * @param reports one report per task in the batch, in order of first appearance
 */
public record RewardBatch(double[] rewards, List<TaskReport> reports) {

    /** How many tasks of the batch used each fallback. */
    public long count(Fallback fallback) {
        return reports.stream().filter(r -> r.fallback() == fallback).count();
    }
}
