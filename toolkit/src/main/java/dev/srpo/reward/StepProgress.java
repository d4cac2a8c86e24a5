package dev.srpo.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-step world progress, the signal of offline SRPO (arXiv 2511.15605, Eq. 15 and App. G): the progress
 * R<sub>i,t</sub> of every prefix of every trajectory in a buffer, measured the way the online reward measures a
 * whole failure. Per task:
 *
 * <pre>
 *   C        = the reference points of the task's successful whole trajectories (DBSCAN centres, or their mean;
 *              {@link WorldProgressReward#referencePoints})
 *   d_{i,t}  = min_{c ∈ C} ‖ h(o^{(i)}_{0:t}) − c ‖₂         the prefix embedding's distance (Eq. 4)
 *   R_{i,t}  = mapping(d_{i,t}; all prefixes of the task's trajectories, α)     (Eq. 5, e.g. α σ(−z))
 *   R_{i,T}  = 1 at the last prefix of a success
 * </pre>
 *
 * for successes and failures alike. A task with no success in the buffer has no references, so its progress is
 * undefined: its trajectories are <b>skipped</b> (progress {@code null}, counted in {@link TaskProgress}), never
 * given a made-up signal.
 */
public final class StepProgress {

    private final WorldProgressReward reward;

    /** Progress with this reward's references, mapping and α (the online reward's: {@link WorldProgressReward#paper()}). */
    public StepProgress(WorldProgressReward reward) {
        this.reward = reward;
    }

    /**
     * One trajectory of a buffer as progress sees it.
     *
     * @param task the task's id
     * @param success whether it reached its goal
     * @param prefixes the embeddings of its measured prefixes, shortest first; the last is the whole trajectory's
     */
    public record Trajectory(String task, boolean success, double[][] prefixes) {

        public Trajectory {
            if (task == null || prefixes == null || prefixes.length == 0) {
                throw new IllegalArgumentException(
                        "a trajectory of " + task + " needs at least one prefix embedding (the whole trajectory's)");
            }
        }

        /** The whole trajectory's embedding. */
        public double[] whole() {
            return prefixes[prefixes.length - 1];
        }
    }

    /**
     * What progress found for one task.
     *
     * @param task the task's id
     * @param trajectories its trajectories in the buffer
     * @param successes of which successes
     * @param references reference points the prefixes were measured against (0: none, the task was skipped)
     * @param clusters DBSCAN clusters among the successes (0 when none formed)
     * @param fallback {@link Fallback#NO_SUCCESS} (skipped), {@link Fallback#NO_CLUSTER} (one reference, the mean of
     *     the successes) or {@link Fallback#NONE}
     */
    public record TaskProgress(
            String task, int trajectories, int successes, int references, int clusters, Fallback fallback) {}

    /**
     * Progress of a whole buffer.
     *
     * @param progress per trajectory (buffer order) its R at every measured prefix, or null when skipped
     * @param tasks one report per task, in order of first appearance
     */
    public record Result(double[][] progress, List<TaskProgress> tasks) {

        /** Trajectories skipped because their task had no success. */
        public int skipped() {
            int n = 0;
            for (double[] p : progress) {
                n += p == null ? 1 : 0;
            }
            return n;
        }
    }

    /**
     * R<sub>i,t</sub> of every prefix of every trajectory.
     *
     * @throws IllegalArgumentException if the embeddings of one task differ in length, or one is not finite
     */
    public Result compute(List<Trajectory> buffer) {
        Map<String, List<Integer>> byTask = new LinkedHashMap<>();
        for (int i = 0; i < buffer.size(); i++) {
            byTask.computeIfAbsent(buffer.get(i).task(), k -> new ArrayList<>()).add(i);
        }
        double[][] progress = new double[buffer.size()][];
        List<TaskProgress> reports = new ArrayList<>();
        for (var entry : byTask.entrySet()) {
            reports.add(task(entry.getKey(), entry.getValue(), buffer, progress));
        }
        return new Result(progress, List.copyOf(reports));
    }

    private TaskProgress task(String task, List<Integer> members, List<Trajectory> buffer, double[][] progress) {
        int dim = buffer.get(members.get(0)).whole().length;
        List<double[]> successes = new ArrayList<>();
        for (int i : members) {
            Trajectory t = buffer.get(i);
            for (double[] p : t.prefixes()) {
                check(task, p, dim);
            }
            if (t.success()) {
                successes.add(t.whole());
            }
        }
        if (successes.isEmpty()) {
            return new TaskProgress(task, members.size(), 0, 0, 0, Fallback.NO_SUCCESS);
        }
        WorldProgressReward.Refs found = reward.refs(task, successes);
        List<double[]> refs = found.points();
        // every prefix's distance to its nearest reference, then one mapping over all of the task's prefixes
        List<Double> distances = new ArrayList<>();
        for (int i : members) {
            for (double[] p : buffer.get(i).prefixes()) {
                distances.add(WorldProgressReward.distanceToNearest(p, refs));
            }
        }
        double[] mapped = reward.mapping()
                .rewards(distances.stream().mapToDouble(Double::doubleValue).toArray(), reward.alpha());
        int k = 0;
        for (int i : members) {
            Trajectory t = buffer.get(i);
            double[] r = new double[t.prefixes().length];
            for (int j = 0; j < r.length; j++) {
                r[j] = mapped[k++];
            }
            if (t.success()) {
                r[r.length - 1] = 1;
            }
            progress[i] = r;
        }
        return new TaskProgress(
                task, members.size(), successes.size(), refs.size(), found.clusters(), found.fallback());
    }

    private static void check(String task, double[] e, int dim) {
        if (e.length != dim) {
            throw new IllegalArgumentException("trajectories of " + task + " have embeddings of " + dim + " and "
                    + e.length + " numbers: one encoder must embed the whole buffer");
        }
        for (double v : e) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a prefix embedding of a trajectory of " + task + " holds " + v
                        + ": the encoder produced a non-finite value");
            }
        }
    }
}
