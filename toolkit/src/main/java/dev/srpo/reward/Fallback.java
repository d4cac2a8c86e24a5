package dev.srpo.reward;

/** Which fallback shaped a task's failures; counted in every batch's report (no silent fallbacks). */
public enum Fallback {
    /** Failures were compared with references as configured. */
    NONE,
    /** The task had no success in the batch: its failures get 0. */
    NO_SUCCESS,
    /** The task had no failure in the batch: nothing to shape. */
    NO_FAILURE,
    /** DBSCAN found no cluster among the successes: the single reference is their mean. */
    NO_CLUSTER
}
