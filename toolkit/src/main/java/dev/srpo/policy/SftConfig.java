package dev.srpo.policy;

/**
 * Behaviour-cloning settings.
 *
 * <p>Two presets, because the right image augmentation depends on how much data there is. With one demonstration
 * per task, random shifts keep the model from memorising where on the frame that demonstration's objects were. A
 * shift moves the gripper and the objects together: it hides their place on the frame and keeps the offset between
 * them, which is what a reach needs. With many demonstrations the data already varies, and a shift only blurs the one
 * or two pixels that tell how high the gripper is above an object. The runs behind both presets are in
 * {@code docs/design-choices.md}.
 *
 * @param steps optimizer steps
 * @param batchSize samples (frame, chunk of actions) per step
 * @param learningRate Adam's peak learning rate (cosine decay to a tenth of it)
 * @param shift image augmentation: random translation of up to this many pixels (edges replicated); 0 for none
 * @param brightness image augmentation: random brightness scale within 1 ± this; 0 for none
 * @param seed seeds the sample order, the augmentation and the initial weights
 */
public record SftConfig(int steps, int batchSize, float learningRate, int shift, float brightness, long seed) {

    /** One demonstration per task: 6,000 steps of 32 samples, lr 1e-3, ±6 px shifts, ±10% brightness, seed 0. */
    public static final SftConfig ONE_SHOT = new SftConfig(6000, 32, 1e-3f, 6, 0.1f, 0);

    /**
     * Many demonstrations per task: 12,000 steps of 32 samples (more for a big set, see {@link #forDataset}), lr
     * 1e-3, no shift, ±10% brightness, seed 0.
     */
    public static final SftConfig FULL = new SftConfig(12000, 32, 1e-3f, 0, 0.1f, 0);

    /**
     * Passes over the samples that full SFT makes at least. With 50 demonstrations per task, 12,000 steps are about
     * 7 passes over LIBERO-Spatial, -Object or -Goal (51–56 k samples) but under 4 over LIBERO-Long, whose two-part
     * episodes give 101 k: six passes give Long 18,966 steps (what that gained: {@code docs/design-choices.md}).
     */
    public static final int FULL_EPOCHS = 6;

    /**
     * Pretraining on other suites' demonstrations before one-shot SFT (the role OpenVLA's pretraining plays for
     * OpenVLA*-One; optional, {@code srpo sft-baseline --pretrain N}): 8,000 steps of 32 samples, lr 1e-3, no shift, ±10%
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

    /**
     * The preset for a dataset: {@link #ONE_SHOT} for one demonstration per task, else {@link #FULL}, with the steps
     * raised to {@link #FULL_EPOCHS} passes when its 12,000 would make fewer.
     *
     * @param perTask demonstrations per task
     * @param samples the dataset's samples (its steps, e.g. {@code DemoDataset.steps()})
     */
    public static SftConfig forDataset(int perTask, long samples) {
        if (perTask < 1 || samples < 1) {
            throw new IllegalArgumentException(
                    "demonstrations per task and samples must be >= 1, got " + perTask + ", " + samples);
        }
        if (perTask == 1) {
            return ONE_SHOT;
        }
        long enough = (FULL_EPOCHS * samples + FULL.batchSize() - 1) / FULL.batchSize();
        return FULL.withSteps((int) Math.min(Integer.MAX_VALUE, Math.max(FULL.steps(), enough)));
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
