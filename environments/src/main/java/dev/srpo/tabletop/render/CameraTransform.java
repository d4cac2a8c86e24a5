package dev.srpo.tabletop.render;

/**
 * A camera's precomputed view basis and projection: world to camera coordinates, camera to pixels, and the
 * reverse ray per pixel. Camera coordinates: x right, y up, z forward (depth), all in metres.
 */
final class CameraTransform {

    /** Points closer than this to the eye (along the view axis) are clipped away. */
    static final double NEAR = 0.01;

    final Camera camera;
    final int width;
    final int height;
    final double ex;
    final double ey;
    final double ez;
    // right, up and forward unit vectors in world coordinates, roll included
    final double rx;
    final double ry;
    final double rz;
    final double ux;
    final double uy;
    final double uz;
    final double fx;
    final double fy;
    final double fz;
    /** Pixels per unit of x/z (or y/z) on the image plane. */
    final double focal;
    /** The image centre in pixels. */
    final double cx;

    final double cy;

    CameraTransform(Camera c) {
        if (c.width() <= 0 || c.height() <= 0) {
            throw new IllegalArgumentException("camera image size must be positive: " + c.width() + "x" + c.height());
        }
        if (!(c.fovYDeg() > 0 && c.fovYDeg() < 180)) {
            throw new IllegalArgumentException("camera fovYDeg must be in (0, 180): " + c.fovYDeg());
        }
        camera = c;
        width = c.width();
        height = c.height();
        ex = c.eyeX();
        ey = c.eyeY();
        ez = c.eyeZ();
        double dx = c.targetX() - ex;
        double dy = c.targetY() - ey;
        double dz = c.targetZ() - ez;
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        if (!(len > 1e-9)) {
            throw new IllegalArgumentException("camera eye and target coincide");
        }
        fx = dx / len;
        fy = dy / len;
        fz = dz / len;
        // right = forward x worldUp(0,0,1); straight up/down views fall back to world +x as right
        double r0x = fy;
        double r0y = -fx;
        double r0z = 0;
        double rl = Math.sqrt(r0x * r0x + r0y * r0y);
        if (rl < 1e-9) {
            r0x = 1;
            r0y = 0;
            rl = 1;
        }
        r0x /= rl;
        r0y /= rl;
        // up0 = right0 x forward
        double u0x = r0y * fz - r0z * fy;
        double u0y = r0z * fx - r0x * fz;
        double u0z = r0x * fy - r0y * fx;
        // a positive roll turns the camera counter-clockwise about its view axis (the image turns clockwise)
        double roll = Math.toRadians(c.rollDeg());
        double cr = Math.cos(roll);
        double sr = Math.sin(roll);
        rx = cr * r0x + sr * u0x;
        ry = cr * r0y + sr * u0y;
        rz = cr * r0z + sr * u0z;
        ux = -sr * r0x + cr * u0x;
        uy = -sr * r0y + cr * u0y;
        uz = -sr * r0z + cr * u0z;
        focal = 0.5 * height / Math.tan(Math.toRadians(c.fovYDeg()) / 2);
        cx = 0.5 * width;
        cy = 0.5 * height;
    }

    /** Camera-space x of a world point. */
    double camX(double x, double y, double z) {
        return (x - ex) * rx + (y - ey) * ry + (z - ez) * rz;
    }

    /** Camera-space y of a world point. */
    double camY(double x, double y, double z) {
        return (x - ex) * ux + (y - ey) * uy + (z - ez) * uz;
    }

    /** Camera-space depth of a world point. */
    double camZ(double x, double y, double z) {
        return (x - ex) * fx + (y - ey) * fy + (z - ez) * fz;
    }

    /** Pixel column of a camera-space point (zc must be positive). */
    double screenX(double xc, double zc) {
        return cx + focal * xc / zc;
    }

    /** Pixel row of a camera-space point, rows growing downwards. */
    double screenY(double yc, double zc) {
        return cy - focal * yc / zc;
    }

    /**
     * Coefficients (a, b, c) such that 1/depth = a*sx + b*sy + c over the world plane n·p = d, where sx and sy are
     * pixel coordinates; {@code null} if the plane passes through the eye.
     */
    double[] inverseDepthPlane(double nx, double ny, double nz, double d, double[] abc) {
        double dist = d - (nx * ex + ny * ey + nz * ez);
        if (Math.abs(dist) < 1e-12) {
            return null;
        }
        double nr = nx * rx + ny * ry + nz * rz;
        double nu = nx * ux + ny * uy + nz * uz;
        double nf = nx * fx + ny * fy + nz * fz;
        // p = eye + depth * (forward + right*(sx-cx)/f - up*(sy-cy)/f), substituted into n·p = d
        abc[0] = nr / (focal * dist);
        abc[1] = -nu / (focal * dist);
        abc[2] = (nf - nr * cx / focal + nu * cy / focal) / dist;
        return abc;
    }
}
