package dev.srpo.tabletop;

import dev.srpo.tabletop.perturb.CameraShift;
import dev.srpo.tabletop.render.Camera;

/** Moves a camera the way LIBERO-Plus's viewpoint variants do: orbit its look-at point, zoom, turn and roll the gaze. */
final class Viewpoint {

    private Viewpoint() {}

    static Camera shifted(Camera c, CameraShift s) {
        if (s == null) {
            return c;
        }
        double dx = c.eyeX() - c.targetX();
        double dy = c.eyeY() - c.targetY();
        double dz = c.eyeZ() - c.targetZ();
        double r = Math.sqrt(dx * dx + dy * dy + dz * dz) * s.distanceScale();
        double azimuth = Math.atan2(dy, dx) + Math.toRadians(s.azimuthDeg());
        double elevation =
                clamp(Math.asin(dz / Math.sqrt(dx * dx + dy * dy + dz * dz)) + Math.toRadians(s.elevationDeg()));
        double ex = c.targetX() + r * Math.cos(elevation) * Math.cos(azimuth);
        double ey = c.targetY() + r * Math.cos(elevation) * Math.sin(azimuth);
        double ez = c.targetZ() + r * Math.sin(elevation);
        // turn the gaze: rotate the look direction about the vertical, then tilt it
        double lx = c.targetX() - ex;
        double ly = c.targetY() - ey;
        double lz = c.targetZ() - ez;
        double yaw = Math.toRadians(s.lookYawDeg());
        double rx = lx * Math.cos(yaw) - ly * Math.sin(yaw);
        double ry = lx * Math.sin(yaw) + ly * Math.cos(yaw);
        double horizontal = Math.hypot(rx, ry);
        double pitch = Math.atan2(lz, horizontal) + Math.toRadians(s.lookPitchDeg());
        double length = Math.sqrt(rx * rx + ry * ry + lz * lz);
        double tx = ex + rx / horizontal * Math.cos(pitch) * length;
        double ty = ey + ry / horizontal * Math.cos(pitch) * length;
        double tz = ez + Math.sin(pitch) * length;
        return new Camera(ex, ey, ez, tx, ty, tz, c.fovYDeg(), c.rollDeg() + s.rollDeg(), c.width(), c.height());
    }

    private static double clamp(double elevation) {
        return Math.max(Math.toRadians(5), Math.min(Math.toRadians(85), elevation));
    }
}
