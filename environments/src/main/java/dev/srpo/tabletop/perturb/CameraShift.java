package dev.srpo.tabletop.perturb;

/**
 * A camera-viewpoint perturbation, parameterised like LIBERO-Plus's {@code _view_{az}_{el}_{dist%}_{rotZ}_{rotY}}:
 * the agentview camera orbits its look-at point by an azimuth and an elevation, moves closer or farther, turns its
 * look direction (yaw, pitch) and rolls about it (a MuJoCo camera looks along its own −z, so LIBERO-Plus's
 * {@code rotZ} is a roll and {@code rotY} a turn of the look direction).
 *
 * @param azimuthDeg horizontal orbit about the look-at point, degrees
 * @param elevationDeg vertical orbit, degrees
 * @param distanceScale distance to the look-at point relative to the default (1 = unchanged)
 * @param lookYawDeg rotation of the look direction about the vertical axis, degrees
 * @param lookPitchDeg rotation of the look direction up or down, degrees
 * @param rollDeg rotation of the image about the look direction, degrees
 */
public record CameraShift(
        double azimuthDeg,
        double elevationDeg,
        double distanceScale,
        double lookYawDeg,
        double lookPitchDeg,
        double rollDeg) {

    public CameraShift {
        Checks.finite("camera shift", "azimuthDeg", azimuthDeg);
        Checks.finite("camera shift", "elevationDeg", elevationDeg);
        Checks.finite("camera shift", "lookYawDeg", lookYawDeg);
        Checks.finite("camera shift", "lookPitchDeg", lookPitchDeg);
        Checks.finite("camera shift", "rollDeg", rollDeg);
        if (!(distanceScale >= 0.2 && distanceScale <= 5)) {
            throw new IllegalArgumentException(
                    "camera shift distanceScale must be within 0.2..5, got " + distanceScale);
        }
    }
}
