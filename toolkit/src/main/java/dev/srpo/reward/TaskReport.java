package dev.srpo.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        double[] failureRewards) {

    /**
     * One report per task of {@code batch}, in order of first appearance, for a reward that clusters nothing: its
     * successes, its failures and their {@code rewards}, with no clusters, fallback or distances.
     */
    static List<TaskReport> unclustered(List<TrajectoryEmbedding> batch, double[] rewards) {
        Map<String, List<Integer>> byTask = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byTask.computeIfAbsent(batch.get(i).task(), k -> new ArrayList<>()).add(i);
        }
        List<TaskReport> reports = new ArrayList<>();
        byTask.forEach((task, rows) -> {
            int successes =
                    (int) rows.stream().filter(i -> batch.get(i).success()).count();
            double[] failureRewards = rows.stream()
                    .filter(i -> !batch.get(i).success())
                    .mapToDouble(i -> rewards[i])
                    .toArray();
            reports.add(new TaskReport(
                    task, successes, failureRewards.length, 0, Fallback.NONE, 0, new double[0], failureRewards));
        });
        return List.copyOf(reports);
    }
}
