package dev.srpo.tabletop.render;

/**
 * A pinhole camera: where it is, what it looks at, its vertical field of view, a roll about the viewing axis,
 * and the image size. Up is +z (world), before the roll.
 */
public record Camera(
        double eyeX,
        double eyeY,
        double eyeZ,
        double targetX,
        double targetY,
        double targetZ,
        double fovYDeg,
        double rollDeg,
        int width,
        int height) {

    /** LIBERO's "agentview": in front of the table, looking down at the workspace and the robot behind it. */
    public static Camera agentview(int width, int height) {
        return new Camera(0, -0.95, 0.78, 0, 0.08, 0.02, 45, 0, width, height);
    }

    /** The same camera with another image size. */
    public Camera withSize(int width, int height) {
        return new Camera(eyeX, eyeY, eyeZ, targetX, targetY, targetZ, fovYDeg, rollDeg, width, height);
    }
}
