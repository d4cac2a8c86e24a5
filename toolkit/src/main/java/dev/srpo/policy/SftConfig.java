package dev.srpo.policy;

/**
 * Behaviour-cloning settings.
 *
 * <p>Two presets, because the right image augmentation depends on how much data there is. With one demonstration
 * per task, random shifts keep the model from memorising that demonstration's pixels (one-shot LIBERO-Goal at
 * 128×128: 9% with no shift, 36% with ±2 px, 30% with ±4 px; the preset's ±3 px is the same fraction of a 192×192
 * frame). With many demonstrations the data already varies, and a shift only blurs the one or two pixels that tell
 * how high the gripper is above an object (10 demonstrations per task: 52% with ±4 px, 73% with none).
 *
 * @param steps optimizer steps
 * @param batchSize samples (frame, chunk of actions) per step
 * @param learningRate Adam's peak learning rate (cosine decay to a tenth of it)
 * @param shift image augmentation: random translation of up to this many pixels (edges replicated); 0 for none
 * @param brightness image augmentation: random brightness scale within 1 ± this; 0 for none
 * @param seed seeds the sample order, the augmentation and the initial weights
 */
public record SftConfig(int steps, int batchSize, float learningRate, int shift, float brightness, long seed) {

    /** One demonstration per task: 6,000 steps of 32 samples, lr 1e-3, ±3 px shifts, ±10% brightness, seed 0. */
    public static final SftConfig ONE_SHOT = new SftConfig(6000, 32, 1e-3f, 3, 0.1f, 0);

    /** Many demonstrations per task: 12,000 steps of 32 samples, lr 1e-3, no shift, ±10% brightness, seed 0. */
    public static final SftConfig FULL = new SftConfig(12000, 32, 1e-3f, 0, 0.1f, 0);

    /**
     * Pretraining on other suites' demonstrations before one-shot SFT (the role OpenVLA's pretraining plays for
     * OpenVLA*-One; optional, see {@code SftBaseline}): 8,000 steps of 32 samples, lr 1e-3, no shift, ±10%
     * brightness, seed 0.
     */
    public static final SftConfig PRETRAIN = new SftConfig(8000, 32, 1e-3f, 0, 0.1f, 0);

    public SftConfig {
        if (steps < 1 || batchSize < 1) {
            throw new IllegalArgumentException("steps and batchSize must be >= 1, got " + steps + ", " + batchSize);
        }
        if (!(learningRate > 0) || shift < 0 || !(brightness >= 0) || brightness >= 1) {
            throw new IllegalArgumentException("learningRate must be > 0, shift >= 0 and brightness in [0, 1), got "
                    + learningRate + ", " + shift + ", " + brightness);
        }
    }

    /** The preset for a dataset with this many demonstrations per task: {@link #ONE_SHOT} for 1, else {@link #FULL}. */
    public static SftConfig forDemonstrationsPerTask(int perTask) {
        if (perTask < 1) {
            throw new IllegalArgumentException("demonstrations per task must be >= 1, got " + perTask);
        }
        return perTask == 1 ? ONE_SHOT : FULL;
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
