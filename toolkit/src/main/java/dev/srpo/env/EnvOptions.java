package dev.srpo.env;

/**
 * What a trainer or evaluator asks of any backend's environment, beside the task. Every backend takes the same
 * options ({@link EnvProvider#create(Task, EnvOptions)}); one that cannot honour an option says which.
 *
 * @param size side of the square frames to render, in pixels; 0 for the backend's default
 * @param wrist whether to render the wrist camera beside the agent view
 * @param trainingLayouts whether initial state <i>i</i> is training layout <i>i</i> (RL and demonstrations) rather
 *     than evaluation initial state <i>i</i>: training never starts where an evaluation does
 * @param variant a LIBERO-Plus perturbation variant of the task by its id ({@code <suite>/<task>/<dimension>/L<level>/<k>},
 *     e.g. {@code libero_goal/1/camera/L3/0}, as listed in {@code datasets/libero-plus-variants/}); empty for the
 *     clean task
 */
public record EnvOptions(int size, boolean wrist, boolean trainingLayouts, String variant) {

    /** The backend's default frames, no wrist camera, the evaluation's initial states, the clean task. */
    public static final EnvOptions DEFAULT = new EnvOptions(0, false, false, "");

    public EnvOptions {
        if (size < 0) {
            throw new IllegalArgumentException("frame size must be >= 0 (0: the backend's default), got " + size);
        }
        variant = variant == null ? "" : variant.trim();
    }

    /** The same options with frames of {@code size × size}. */
    public EnvOptions withSize(int size) {
        return new EnvOptions(size, wrist, trainingLayouts, variant);
    }

    /** The same options with or without the wrist camera. */
    public EnvOptions withWrist(boolean wrist) {
        return new EnvOptions(size, wrist, trainingLayouts, variant);
    }

    /** The same options on the training layouts (true) or the evaluation's initial states (false). */
    public EnvOptions withTrainingLayouts(boolean trainingLayouts) {
        return new EnvOptions(size, wrist, trainingLayouts, variant);
    }

    /** The same options on a LIBERO-Plus variant of the task (its id; empty: the clean task). */
    public EnvOptions withVariant(String variant) {
        return new EnvOptions(size, wrist, trainingLayouts, variant);
    }

    /** Whether these options ask for a perturbation variant. */
    public boolean hasVariant() {
        return !variant.isEmpty();
    }
}
