package dev.srpo.reward;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own per-step progress: the privileged signal that {@link StepProgress}'s world progress estimates
 * from video, for an ablation that asks how far offline SRPO would get with a perfect progress signal. With
 * s<sub>i,c</sub> the task stage after chunk c of trajectory i (the tabletop's goal conditions holding, in order)
 * and n the task's number of stages (the stage its successes end in):
 *
 * <pre>
 *   R_{i,0} = 0                  no goal condition holds at a layout's start
 *   R_{i,c} = s_{i,c} / n        after chunk c
 *   R_{i,C} = 1                  at the end of a success
 * </pre>
 *
 * Exact but coarse: a task of one goal condition (every Spatial and Object task of the embedded suites) stays at 0
 * until a success's last chunk, so the ablation says most on multi-stage tasks (nine of Long's ten have two).
 *
 * <p>A task with no success in the buffer has no known n: its trajectories are skipped (null rows), as
 * {@link StepProgress} skips them. Never a reward for the policy outside such studies: the real LIBERO reports no
 * stage.
 */
public final class StageProgress {

    private StageProgress() {}

    /**
     * One trajectory as stage progress sees it.
     *
     * @param task the task's id
     * @param success whether it reached its goal
     * @param stages the stage after each of its chunks
     */
    public record Trajectory(String task, boolean success, int[] stages) {

        public Trajectory {
            if (task == null || stages == null || stages.length == 0) {
                throw new IllegalArgumentException("a trajectory of " + task + " needs the stage after each of its"
                        + " chunks: collect the buffer again with an environment that reports stages (the embedded"
                        + " simulator)");
            }
        }
    }

    /**
     * R<sub>i,c</sub> for every trajectory: C<sub>i</sub> + 1 values (before the first chunk and after each).
     *
     * @return per trajectory its progress, or null when its task has no success in the buffer
     * @throws IllegalArgumentException if a trajectory reports a stage outside 0..n of its task
     */
    public static double[][] of(List<Trajectory> buffer) {
        Map<String, Integer> stagesOf = new HashMap<>(); // n per task: the stage its successes end in
        for (Trajectory t : buffer) {
            if (t.success()) {
                stagesOf.merge(t.task(), t.stages()[t.stages().length - 1], Math::max);
            }
        }
        double[][] progress = new double[buffer.size()][];
        for (int i = 0; i < progress.length; i++) {
            Trajectory t = buffer.get(i);
            Integer n = stagesOf.get(t.task());
            if (n == null) {
                continue;
            }
            double[] r = new double[t.stages().length + 1];
            for (int c = 0; c < t.stages().length; c++) {
                int s = t.stages()[c];
                if (s < 0 || s > n || n == 0) {
                    throw new IllegalArgumentException("trajectory " + i + " of " + t.task() + " reports stage " + s
                            + " where the task's successes end in stage " + n);
                }
                r[c + 1] = (double) s / n;
            }
            if (t.success()) {
                r[r.length - 1] = 1;
            }
            progress[i] = r;
        }
        return progress;
    }
}
