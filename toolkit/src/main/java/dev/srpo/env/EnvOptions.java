package dev.srpo.env;

/**
 * What a trainer or evaluator asks of any backend's environment, beside the task.
 *
 * @param size side of the square frames to render, in pixels; 0 for the backend's default
 * @param trainingLayouts whether initial state <i>i</i> is training layout <i>i</i> (RL and demonstrations) rather
 *     than evaluation initial state <i>i</i>: training never starts where an evaluation does
 */
public record EnvOptions(int size, boolean trainingLayouts) {

    /** The backend's default frames, the evaluation's initial states. */
    public static final EnvOptions DEFAULT = new EnvOptions(0, false);

    public EnvOptions {
        if (size < 0) {
            throw new IllegalArgumentException("frame size must be >= 0 (0: the backend's default), got " + size);
        }
    }

    /** The same options with frames of {@code size × size}. */
    public EnvOptions withSize(int size) {
        return new EnvOptions(size, trainingLayouts);
    }

    /** The same options on the training layouts (true) or the evaluation's initial states (false). */
    public EnvOptions withTrainingLayouts(boolean trainingLayouts) {
        return new EnvOptions(size, trainingLayouts);
    }
}
