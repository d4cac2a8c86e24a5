package dev.srpo.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GRPO's sparse reward: 1 for a success, 0 for a failure, whatever the failure achieved. */
public final class BinaryReward implements RewardFunction {

    @Override
    public boolean usesEmbeddings() {
        return false;
    }

    @Override
    public RewardBatch apply(List<TrajectoryEmbedding> batch) {
        double[] rewards = new double[batch.size()];
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            TrajectoryEmbedding t = batch.get(i);
            rewards[i] = t.success() ? 1 : 0;
            counts.computeIfAbsent(t.task(), k -> new int[2])[t.success() ? 0 : 1]++;
        }
        List<TaskReport> reports = new ArrayList<>();
        counts.forEach((task, c) ->
                reports.add(new TaskReport(task, c[0], c[1], 0, Fallback.NONE, 0, new double[0], new double[c[1]])));
        return new RewardBatch(rewards, List.copyOf(reports));
    }
}
