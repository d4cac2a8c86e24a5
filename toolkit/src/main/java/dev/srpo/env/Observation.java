package dev.srpo.env;

/**
 * What the policy sees after a step: the third-person ("agentview") camera frame, optionally the wrist camera's,
 * the proprioceptive state, and the instruction. Frames are RGB bytes, {@code [height, width, 3]}, top row first
 * and upright (LIBERO's upside-down frames are flipped by the bridge, not by the policy).
 *
 * @param agentview the third-person frame
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param wrist the wrist-camera frame of the same size, or {@code null} when the env renders none
 * @param proprio end-effector position (3), rotation as axis-angle (3), gripper opening (2), like LIBERO's 8-D state
 * @param instruction the task's instruction as the policy receives it (a paraphrase under a language perturbation)
 */
public record Observation(byte[] agentview, int width, int height, byte[] wrist, float[] proprio, String instruction) {

    public Observation {
        long bytes = 3L * width * height;
        if (width <= 0 || height <= 0 || agentview == null || agentview.length != bytes) {
            throw new IllegalArgumentException(String.format(
                    "agentview frame of %dx%d needs %d RGB bytes, got %s",
                    width, height, bytes, agentview == null ? "null" : agentview.length));
        }
        if (wrist != null && wrist.length != bytes) {
            throw new IllegalArgumentException(String.format(
                    "wrist frame must match the agentview's %dx%d (%d bytes), got %d",
                    width, height, bytes, wrist.length));
        }
        if (proprio == null || instruction == null) {
            throw new IllegalArgumentException("an observation needs a proprio vector and an instruction");
        }
    }
}
