package dev.srpo.encoder;

/**
 * Picks which frames of a trajectory a video encoder sees, the way the released SRPO code feeds V-JEPA 2: a
 * trajectory of at least {@code count} frames gives {@code count} indices evenly spaced over it, first and last
 * included (linspace, truncated to integers); a shorter one is cycled from its start until there are
 * {@code count}.
 */
public final class FrameSampler {

    private final int count;

    /** A sampler of {@code count} frames (V-JEPA 2's clips are 64). */
    public FrameSampler(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("frame count must be >= 1, got " + count);
        }
        this.count = count;
    }

    /** Frames per sample. */
    public int count() {
        return count;
    }

    /**
     * The frame indices for a trajectory of {@code length} frames.
     *
     * @throws IllegalArgumentException if the trajectory is empty
     */
    public int[] indices(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("cannot sample frames from an empty trajectory");
        }
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = length >= count ? (int) (count == 1 ? 0 : (double) i * (length - 1) / (count - 1)) : i % length;
        }
        return idx;
    }
}
