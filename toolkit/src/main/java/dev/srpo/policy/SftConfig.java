package dev.srpo.policy;

/**
 * Behaviour-cloning settings.
 *
 * @param steps optimizer steps
 * @param batchSize samples (frame, chunk of actions) per step
 * @param learningRate Adam's peak learning rate (cosine decay to a tenth of it)
 * @param shift image augmentation: random translation of up to this many pixels (edges replicated); 0 for none
 * @param brightness image augmentation: random brightness scale within 1 ± this; 0 for none
 * @param seed seeds the sample order, the augmentation and the initial weights
 */
public record SftConfig(int steps, int batchSize, float learningRate, int shift, float brightness, long seed) {

    /** 1,500 steps of 64 samples, lr 1e-3, ±4 px shifts, ±10% brightness, seed 0. */
    public static final SftConfig DEFAULT = new SftConfig(1500, 64, 1e-3f, 4, 0.1f, 0);

    public SftConfig {
        if (steps < 1 || batchSize < 1) {
            throw new IllegalArgumentException("steps and batchSize must be >= 1, got " + steps + ", " + batchSize);
        }
        if (!(learningRate > 0) || shift < 0 || !(brightness >= 0) || brightness >= 1) {
            throw new IllegalArgumentException("learningRate must be > 0, shift >= 0 and brightness in [0, 1), got "
                    + learningRate + ", " + shift + ", " + brightness);
        }
    }

    /** The same settings with another step count. */
    public SftConfig withSteps(int steps) {
        return new SftConfig(steps, batchSize, learningRate, shift, brightness, seed);
    }

    /** The same settings with another batch size. */
    public SftConfig withBatchSize(int batchSize) {
        return new SftConfig(steps, batchSize, learningRate, shift, brightness, seed);
    }

    /** The same settings with another seed. */
    public SftConfig withSeed(long seed) {
        return new SftConfig(steps, batchSize, learningRate, shift, brightness, seed);
    }
}
