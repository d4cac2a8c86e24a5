package dev.srpo.env;

/**
 * A one-dimensional world for testing the protocol: the gripper slides along a line, action[0] moves it by
 * 0.1 × action, and the task succeeds once it reaches 1. Initial state i starts it at −0.01·i. Its step info
 * reports a stage: 1 once past the halfway mark 0.5, like a two-step task's first step; and a progress: x in [0, 1].
 */
public final class LineEnv extends StepwiseEnv {

    double x;
    int advances;

    public LineEnv(Task task) {
        super(task);
    }

    @Override
    protected void restore(int initialState) {
        x = -0.01 * initialState;
        advances = 0;
    }

    @Override
    protected void advance(float[] action) {
        x += 0.1 * action[0];
        advances++;
    }

    @Override
    protected Observation observe() {
        byte shade = (byte) Math.max(0, Math.min(255, Math.round(x * 255)));
        return new Observation(
                new byte[] {shade, shade, shade}, 1, 1, null, new float[] {(float) x}, task().language());
    }

    @Override
    public java.util.Map<String, Object> info() {
        return java.util.Map.of("stage", x >= 0.5 ? 1 : 0, "progress", Math.max(0, Math.min(1, x)));
    }

    @Override
    protected boolean isSuccess() {
        return x >= 1.0 - 1e-9;
    }
}
