package dev.srpo.policy;

/**
 * Behaviour-cloning settings.
 *
 * <p>Two presets, because the right image augmentation depends on how much data there is. With one demonstration
 * per task, random shifts keep the model from memorising where on the frame that demonstration's objects were. A
 * shift moves the gripper and the objects together: it hides their place on the frame and keeps the offset between
 * them, which is what a reach needs. One-shot Spatial / Object / Goal / Long at 192×192: 38.4 / 24.6 / 35.0 / 22.0%
 * with ±3 px, 48.4 / 34.4 / 43.2 / 20.2% with ±6 px (at 128×128, Goal with none: 9%). With many demonstrations the
 * data already varies, and a shift only blurs the one or two pixels that tell how high the gripper is above an
 * object (10 demonstrations per task at 128×128: 52% with ±4 px, 73% with none).
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
     * episodes give 101 k. Six passes give Long 18,966 steps, which took its full SFT from 83.4% to 85.6% (87.2% in
     * a run of 18,000 steps); most of the gain is on the stove-and-moka-pot task (44% to 62%), whose misses turn the
     * wrist 1.2–2 cm from the knob, mostly in depth.
     */
    public static final int FULL_EPOCHS = 6;

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
