package dev.srpo.encoder;

import dev.srpo.rollout.Video;
import java.util.List;

/**
 * Turns each trajectory's video into one embedding (SRPO Eq. 2: \( h_i = W(o^{(i)}_{0:T}) \)), batched over
 * trajectories. An empty video gives an empty embedding, which the reward treats as "no progress" (0).
 */
public interface TrajectoryEncoder extends AutoCloseable {

    /** A short name for tables and results, e.g. {@code pixels-8x16}. */
    String name();

    /** Length of every (non-empty) embedding. */
    int dimension();

    /** One embedding per video, in order. */
    double[][] encode(List<Video> videos);

    /** Releases native resources, if any. */
    @Override
    default void close() {}
}
