package dev.srpo.libero;

import dev.srpo.env.EnvOptions;

/**
 * How a LIBERO environment is opened: its frames, its starts and its episode budget.
 *
 * @param width frame width in pixels (16–1024)
 * @param height frame height in pixels (16–1024)
 * @param wrist whether the wrist camera is rendered too
 * @param trainingLayouts whether initial state <i>i</i> is training layout <i>i</i>: a fresh draw of LIBERO's own
 *     placement sampler, seeded by <i>i</i> (the bridge's {@code reset} with {@code layout: "training"}), instead
 *     of LIBERO's fixed evaluation state <i>i</i>; RL trains there so that it never trains where it is evaluated
 * @param maxSteps the episode budget; 0 for the suite's (LIBERO's 220/280/300/520). Shorter budgets are for tests
 *     and smoke runs: success rates under them are not comparable with the paper's
 */
public record LiberoOptions(int width, int height, boolean wrist, boolean trainingLayouts, int maxSteps) {

    /** 128×128 frames, no wrist camera, the evaluation states, the suite's budget. */
    public static final LiberoOptions DEFAULT = new LiberoOptions(128, 128, false, false, 0);

    public LiberoOptions {
        if (width < 16 || width > 1024 || height < 16 || height > 1024) {
            throw new IllegalArgumentException(
                    "LIBERO frames must be 16..1024 pixels a side, got " + width + "x" + height);
        }
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must be >= 0 (0: the suite's budget), got " + maxSteps);
        }
    }

    /**
     * These options with the toolkit's {@link EnvOptions} applied: a frame size (0 keeps ours), the wrist camera
     * (asked for: on; else ours) and the layouts.
     *
     * @throws IllegalArgumentException for a perturbation variant: the bridge opens LIBERO's own tasks
     */
    public LiberoOptions with(EnvOptions options) {
        if (options.hasVariant()) {
            throw new IllegalArgumentException(
                    "the LIBERO bridge opens LIBERO's own tasks, not the LIBERO-Plus variant " + options.variant()
                            + ": variants run on the embedded simulator (backend 'tabletop')");
        }
        int side = options.size();
        return new LiberoOptions(
                side == 0 ? width : side,
                side == 0 ? height : side,
                wrist || options.wrist(),
                options.trainingLayouts(),
                maxSteps);
    }

    /** The episode budget on {@code task}: ours if set, else the suite's. */
    public int budget(dev.srpo.env.Task task) {
        return maxSteps > 0 ? maxSteps : task.maxSteps();
    }

    /** These options with square frames of {@code side} pixels. */
    public LiberoOptions withSize(int side) {
        return new LiberoOptions(side, side, wrist, trainingLayouts, maxSteps);
    }

    /** These options with the wrist camera on or off. */
    public LiberoOptions withWrist(boolean wrist) {
        return new LiberoOptions(width, height, wrist, trainingLayouts, maxSteps);
    }

    /** These options on training layouts (true) or LIBERO's evaluation states (false). */
    public LiberoOptions withTrainingLayouts(boolean trainingLayouts) {
        return new LiberoOptions(width, height, wrist, trainingLayouts, maxSteps);
    }

    /** These options with an episode budget of {@code maxSteps} (0: the suite's). */
    public LiberoOptions withMaxSteps(int maxSteps) {
        return new LiberoOptions(width, height, wrist, trainingLayouts, maxSteps);
    }
}
