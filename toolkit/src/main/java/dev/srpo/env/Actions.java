package dev.srpo.env;

import java.util.Arrays;

/**
 * LIBERO's action convention: 7 numbers in [-1, 1], Δ end-effector position (x, y, z), Δ rotation as an axis-angle
 * vector, and the gripper command (−1 open, +1 close). Values outside [-1, 1] are clipped, as LIBERO's
 * controller does; a wrong length or a non-finite value is an error.
 */
public final class Actions {

    /** Numbers in one action. */
    public static final int DIM = 7;
    /** Index of the gripper command. */
    public static final int GRIPPER = 6;
    /** Gripper command that opens the gripper. */
    public static final float OPEN = -1f;
    /** Gripper command that closes the gripper. */
    public static final float CLOSE = 1f;

    private Actions() {}

    /** The action evaluators send while objects settle after a reset: stand still, gripper open. */
    public static float[] noOp() {
        float[] a = new float[DIM];
        a[GRIPPER] = OPEN;
        return a;
    }

    /**
     * Validates an action and returns a clipped copy.
     *
     * @throws IllegalArgumentException if the action is null, has another length than 7, or holds NaN or infinity
     */
    public static float[] checkAndClip(float[] action) {
        if (action == null) {
            throw new IllegalArgumentException(
                    "action is null: expected 7 numbers (Δposition 3, Δrotation 3, gripper 1)");
        }
        if (action.length != DIM) {
            throw new IllegalArgumentException("action has " + action.length
                    + " numbers, expected 7 (Δposition 3, Δrotation 3, gripper 1): " + Arrays.toString(action));
        }
        float[] clipped = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            if (!Float.isFinite(action[i])) {
                throw new IllegalArgumentException(
                        "action[" + i + "] is " + action[i] + ": " + Arrays.toString(action));
            }
            clipped[i] = Math.max(-1f, Math.min(1f, action[i]));
        }
        return clipped;
    }
}
