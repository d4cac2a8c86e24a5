package dev.srpo.reward;

/** The space DBSCAN clusters a task's successes in; cluster centres are always means in the embedding space. */
public enum ClusterSpace {
    /** The embeddings as they are. */
    RAW,
    /** Each dimension standardised over the task's successes, like the released code's StandardScaler. */
    STANDARDISED,
    /** The successes' leading principal components (up to 8), a low-noise space for few points. */
    PCA
}
