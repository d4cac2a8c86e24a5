package dev.srpo.reward;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smile.clustering.DBSCAN;

/**
 * SRPO's world-progress reward (arXiv 2511.15605, Sec. 3): successes earn 1; a failure earns more the closer its
 * trajectory embedding lies to the same task's successes in the batch. Per task:
 * <ol>
 *   <li>the successes are clustered with DBSCAN (Eq. 3) in the configured {@link ClusterSpace}; each cluster's
 *       centre is the mean of its members' embeddings; with no cluster, the one reference is the mean of all
 *       successes ({@link Fallback#NO_CLUSTER});</li>
 *   <li>a failure's distance is the L2 distance to its nearest centre (Eq. 4);</li>
 *   <li>distances become rewards by the {@link ProgressMapping} (Eq. 5): the paper's α·σ(−z) or the released
 *       code's 0.6·σ(10(0.5 − n)).</li>
 * </ol>
 * A task with no success gives its failures 0 ({@link Fallback#NO_SUCCESS}); a failure with an empty embedding
 * earns 0. The ablations replace the references ({@link References}).
 *
 * <p>DBSCAN's radius: by default half the median pairwise distance between the task's successes in the cluster
 * space, so clusters mean "closer than typical". The released code's eps = 0.5 in standardised space only groups
 * identical vectors for distinct trajectories (srpo-paper.md §2.3); {@code optSpace(STANDARDISED).optEps(0.5)}
 * reproduces it.
 */
public final class WorldProgressReward implements RewardFunction {

    /** The paper's progress-reward weight α. */
    public static final double PAPER_ALPHA = 0.8;

    private final ProgressMapping mapping;
    private final double alpha;
    private final ClusterSpace space;
    private final double eps;
    private final int minPts;
    private final References references;
    private final Map<String, List<double[]>> fixedReferences;

    private WorldProgressReward(Builder b) {
        this.mapping = b.mapping;
        this.alpha = b.alpha;
        this.space = b.space;
        this.eps = b.eps;
        this.minPts = b.minPts;
        this.references = b.references;
        this.fixedReferences = Map.copyOf(b.fixedReferences);
    }

    /** SRPO as the paper describes it: clusters of in-batch successes, the paper's mapping, α = 0.8. */
    public static WorldProgressReward paper() {
        return builder().build();
    }

    /** A builder; every setting starts at the paper's choice. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RewardBatch apply(List<TrajectoryEmbedding> batch) {
        double[] rewards = new double[batch.size()];
        Map<String, List<Integer>> byTask = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byTask.computeIfAbsent(batch.get(i).task(), k -> new ArrayList<>()).add(i);
        }
        List<TaskReport> reports = new ArrayList<>();
        for (var entry : byTask.entrySet()) {
            reports.add(task(entry.getKey(), entry.getValue(), batch, rewards));
        }
        return new RewardBatch(rewards, List.copyOf(reports));
    }

    private TaskReport task(String task, List<Integer> members, List<TrajectoryEmbedding> batch, double[] rewards) {
        List<double[]> successes = new ArrayList<>();
        List<Integer> failures = new ArrayList<>();
        int dim = -1;
        for (int i : members) {
            TrajectoryEmbedding t = batch.get(i);
            if (t.embedding().length > 0) {
                if (dim >= 0 && t.embedding().length != dim) {
                    throw new IllegalArgumentException("rollouts of " + task + " have embeddings of " + dim + " and "
                            + t.embedding().length + " numbers: one encoder must embed the whole batch");
                }
                dim = t.embedding().length;
            }
            if (t.success()) {
                rewards[i] = 1;
                if (t.embedding().length > 0) {
                    successes.add(t.embedding());
                }
            } else {
                failures.add(i);
            }
        }
        int nSuccess = members.size() - failures.size();
        if (failures.isEmpty()) {
            return new TaskReport(task, nSuccess, 0, 0, Fallback.NO_FAILURE, 0, new double[0], new double[0]);
        }
        Refs found = refs(task, successes);
        List<double[]> refs = found.points();
        int clusters = found.clusters();
        Fallback fallback = found.fallback();
        if (refs.isEmpty()) { // no success to compare with
            for (int i : failures) {
                rewards[i] = 0;
            }
            return new TaskReport(
                    task,
                    nSuccess,
                    failures.size(),
                    0,
                    Fallback.NO_SUCCESS,
                    0,
                    new double[0],
                    new double[failures.size()]);
        }
        // distances of the failures that have an embedding; an empty trajectory earns 0
        List<Integer> measured = new ArrayList<>();
        List<Double> distances = new ArrayList<>();
        for (int i : failures) {
            double[] e = batch.get(i).embedding();
            if (e.length > 0) {
                measured.add(i);
                distances.add(nearest(e, refs));
            }
        }
        double[] d = distances.stream().mapToDouble(Double::doubleValue).toArray();
        double[] shaped = mapping.rewards(d, alpha);
        for (int i : failures) {
            rewards[i] = 0;
        }
        for (int k = 0; k < measured.size(); k++) {
            rewards[measured.get(k)] = shaped[k];
        }
        double[] failureRewards = failures.stream().mapToDouble(i -> rewards[i]).toArray();
        return new TaskReport(
                task,
                nSuccess,
                failures.size(),
                clusters,
                fallback,
                failures.size() - measured.size(),
                d,
                failureRewards);
    }

    /**
     * The points a failure of {@code task} is measured against, given the task's successful embeddings: the
     * successes' cluster centres (or their mean when DBSCAN forms no cluster), the successes themselves ("w/o
     * cluster") or the fixed set ("w/o referential"); empty when there is nothing to compare with. Studies use it
     * to measure any embedding the way the reward measures failures.
     */
    public List<double[]> referencePoints(String task, List<double[]> successes) {
        return refs(task, successes).points();
    }

    /** The distance-to-reward mapping (Eq. 5). */
    ProgressMapping mapping() {
        return mapping;
    }

    /** The paper mapping's weight α. */
    double alpha() {
        return alpha;
    }

    /** The distance this reward gives an embedding: L2 to the nearest reference point (Eq. 4). */
    public static double distanceToNearest(double[] embedding, List<double[]> referencePoints) {
        if (referencePoints.isEmpty()) {
            throw new IllegalArgumentException("no reference points to measure a distance to");
        }
        return nearest(embedding, referencePoints);
    }

    /** The reference points of a task, how many DBSCAN clusters they came from, and the fallback used. */
    record Refs(List<double[]> points, int clusters, Fallback fallback) {}

    Refs refs(String task, List<double[]> successes) {
        switch (references) {
            case FIXED_SET -> {
                List<double[]> fixed = fixedReferences.get(task);
                if (fixed == null || fixed.isEmpty()) {
                    throw new IllegalArgumentException("no fixed references for task " + task
                            + " (references are given for " + fixedReferences.keySet() + ")");
                }
                return new Refs(fixed, 0, Fallback.NONE);
            }
            case NEAREST_SUCCESS -> {
                return new Refs(successes, 0, Fallback.NONE);
            }
            default -> {
                if (successes.isEmpty()) {
                    return new Refs(List.of(), 0, Fallback.NONE);
                }
                List<double[]> centres = clusterCentres(successes);
                return centres.isEmpty()
                        ? new Refs(List.of(mean(successes)), 0, Fallback.NO_CLUSTER)
                        : new Refs(centres, centres.size(), Fallback.NONE);
            }
        }
    }

    /** Centres (means in embedding space) of the DBSCAN clusters of the successes; empty if none formed. */
    private List<double[]> clusterCentres(List<double[]> successes) {
        if (successes.size() < Math.max(2, minPts)) {
            return List.of();
        }
        double[][] points = Spaces.project(space, successes);
        double radius = Double.isNaN(eps) ? 0.5 * Spaces.medianPairwiseDistance(points) : eps;
        if (!(radius > 0)) { // all successes identical: one cluster
            return List.of(mean(successes));
        }
        // minPts counts the point itself, as in scikit-learn's min_samples (the released code); Smile counts only
        // the other points in the radius, hence the - 1
        DBSCAN<double[]> dbscan = DBSCAN.fit(points, minPts - 1, radius);
        List<double[]> centres = new ArrayList<>();
        for (int c = 0; c < dbscan.k; c++) {
            List<double[]> membersOfC = new ArrayList<>();
            for (int i = 0; i < points.length; i++) {
                if (dbscan.y[i] == c) {
                    membersOfC.add(successes.get(i));
                }
            }
            if (!membersOfC.isEmpty()) {
                centres.add(mean(membersOfC));
            }
        }
        return centres;
    }

    static double[] mean(List<double[]> vectors) {
        double[] m = new double[vectors.get(0).length];
        for (double[] v : vectors) {
            for (int j = 0; j < m.length; j++) {
                m[j] += v[j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= vectors.size();
        }
        return m;
    }

    private static double nearest(double[] e, List<double[]> refs) {
        double best = Double.MAX_VALUE;
        for (double[] r : refs) {
            if (r.length != e.length) {
                throw new IllegalArgumentException(
                        "a reference has " + r.length + " numbers, the embedding " + e.length);
            }
            best = Math.min(best, Spaces.distance(e, r));
        }
        return best;
    }

    @Override
    public String toString() {
        return "WorldProgressReward[mapping=" + mapping + ", alpha=" + alpha + ", space=" + space + ", eps="
                + (Double.isNaN(eps) ? "auto" : eps) + ", minPts=" + minPts + ", references=" + references + "]";
    }

    /** Settings, each starting at the paper's choice; {@code build()} checks them. */
    public static final class Builder {
        private ProgressMapping mapping = ProgressMapping.PAPER;
        private double alpha = PAPER_ALPHA;
        private ClusterSpace space = ClusterSpace.STANDARDISED;
        private double eps = Double.NaN;
        private int minPts = 2;
        private References references = References.CLUSTER_CENTRES;
        private Map<String, List<double[]>> fixedReferences = Map.of();

        private Builder() {}

        /** The distance-to-reward mapping; default {@link ProgressMapping#PAPER}. */
        public Builder optMapping(ProgressMapping mapping) {
            this.mapping = mapping;
            return this;
        }

        /** The paper mapping's weight α, in (0, 1]; default 0.8. */
        public Builder optAlpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** The space DBSCAN runs in; default {@link ClusterSpace#STANDARDISED}, like the released code. */
        public Builder optSpace(ClusterSpace space) {
            this.space = space;
            return this;
        }

        /** DBSCAN's radius in the cluster space; default: half the median pairwise distance of the successes. */
        public Builder optEps(double eps) {
            this.eps = eps;
            return this;
        }

        /** DBSCAN's minimum neighbourhood size, the point itself included (scikit-learn's min_samples); default 2, like the released code. */
        public Builder optMinPts(int minPts) {
            this.minPts = minPts;
            return this;
        }

        /** What failures are compared with; default {@link References#CLUSTER_CENTRES}. */
        public Builder optReferences(References references) {
            this.references = references;
            return this;
        }

        /** Expert trajectory embeddings per task id, for {@link References#FIXED_SET}. */
        public Builder optFixedReferences(Map<String, List<double[]>> fixedReferences) {
            this.fixedReferences = fixedReferences;
            return this;
        }

        /**
         * The reward function.
         *
         * @throws IllegalArgumentException naming the setting and its allowed range
         */
        public WorldProgressReward build() {
            if (mapping == null || space == null || references == null || fixedReferences == null) {
                throw new IllegalArgumentException("mapping, space, references and fixedReferences must not be null");
            }
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
            }
            if (!Double.isNaN(eps) && !(eps > 0 && Double.isFinite(eps))) {
                throw new IllegalArgumentException("eps must be a positive number, got " + eps);
            }
            if (minPts < 2) {
                throw new IllegalArgumentException(
                        "minPts must be >= 2 (a cluster needs a point and a neighbour), got " + minPts);
            }
            if (references == References.FIXED_SET && fixedReferences.isEmpty()) {
                throw new IllegalArgumentException("references FIXED_SET needs optFixedReferences(...)");
            }
            return new WorldProgressReward(this);
        }
    }
}
