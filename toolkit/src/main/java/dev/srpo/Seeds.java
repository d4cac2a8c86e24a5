package dev.srpo;

/**
 * Seeds derived from a run's seed and the position of the work they drive (step, round, rollout, chunk), so that
 * any part of a run can be redone alone and give the same numbers: nothing depends on a generator's history, and
 * a resumed run needs no saved generator state.
 */
public final class Seeds {

    private Seeds() {}

    /** A well-mixed seed for {@code parts} under {@code seed} (SplitMix64's finaliser, applied part by part). */
    public static long derive(long seed, long... parts) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (long p : parts) {
            h = mix(h + 0x9E3779B97F4A7C15L + p);
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
