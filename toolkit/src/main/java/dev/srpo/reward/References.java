package dev.srpo.reward;

/** What a failure is compared with: SRPO's choice and the paper's two ablations. */
public enum References {
    /** SRPO: the centres of DBSCAN clusters of the same task's successes in the batch (Eq. 3–4). */
    CLUSTER_CENTRES,
    /** Ablation "w/o cluster": the nearest single success of the same task in the batch. */
    NEAREST_SUCCESS,
    /** Ablation "w/o referential": a fixed set of expert trajectories per task, not the batch's successes. */
    FIXED_SET
}
