package dev.srpo.rollout;

import dev.srpo.Seeds;

/**
 * How a rollout's action tokens are chosen: greedily (evaluation) or drawn at a temperature (RL rollouts; the
 * paper's 1.6). A sampled collection gives rollout <i>i</i> its own seed, {@link #rolloutSeed(int)}, and chunk
 * <i>c</i> of it the noise seed {@link #chunkSeed(long, int)}, so a rollout's tokens do not depend on which other
 * rollouts shared its forward passes.
 *
 * @param temperature the sampling temperature, or 0 for greedy decoding
 * @param seed the collection's seed (unused when greedy)
 */
public record Decoding(float temperature, long seed) {

    public Decoding {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException(
                    "temperature must be a finite number >= 0 (0: greedy), got " + temperature);
        }
    }

    /** The most likely tokens (LIBERO's evaluation decodes greedily). */
    public static Decoding greedy() {
        return new Decoding(0, 0);
    }

    /**
     * Draws at {@code temperature} from seed {@code seed}.
     *
     * @throws IllegalArgumentException unless the temperature is finite and &gt; 0
     */
    public static Decoding sample(float temperature, long seed) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException(
                    "a sampling temperature must be > 0, got " + temperature + " (use Decoding.greedy())");
        }
        return new Decoding(temperature, seed);
    }

    /** Whether tokens are the most likely ones. */
    public boolean isGreedy() {
        return temperature == 0;
    }

    /** The sampling seed of rollout {@code index} of a collection. */
    public long rolloutSeed(int index) {
        return Seeds.derive(seed, index);
    }

    /** The noise seed of chunk {@code chunk} of a rollout with seed {@code rolloutSeed}. */
    public static long chunkSeed(long rolloutSeed, int chunk) {
        return Seeds.derive(rolloutSeed, chunk);
    }

    @Override
    public String toString() {
        return isGreedy() ? "greedy" : "sample(T=" + temperature + ", seed=" + seed + ")";
    }
}
