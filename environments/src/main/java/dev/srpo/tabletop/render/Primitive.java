package dev.srpo.tabletop.render;

/**
 * One solid to draw, in world coordinates (metres; the table top is z = 0, x points right and y away from the
 * agentview camera, z up).
 *
 * @param shape box or upright cylinder
 * @param x centre x
 * @param y centre y
 * @param z centre z
 * @param hx half-extent along the solid's own x (a cylinder's radius)
 * @param hy half-extent along the solid's own y (ignored for a cylinder)
 * @param hz half-height
 * @param yaw rotation about the vertical axis, radians
 * @param rgb colour, 0xRRGGBB
 */
public record Primitive(
        Shape shape, double x, double y, double z, double hx, double hy, double hz, double yaw, int rgb) {

    /** An axis-aligned box. */
    public static Primitive box(double x, double y, double z, double hx, double hy, double hz, int rgb) {
        return new Primitive(Shape.BOX, x, y, z, hx, hy, hz, 0, rgb);
    }

    /** An upright cylinder. */
    public static Primitive cylinder(double x, double y, double z, double radius, double hz, int rgb) {
        return new Primitive(Shape.CYLINDER, x, y, z, radius, radius, hz, 0, rgb);
    }
}
