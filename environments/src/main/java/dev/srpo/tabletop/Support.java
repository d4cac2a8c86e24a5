package dev.srpo.tabletop;

/** Anything an object can stand on: a body, a drawer, the stove, the microwave, the cabinet's top. */
public interface Support {

    /**
     * Height of the surface under a point at height {@code z} over (x, y), or NaN where this support is not under
     * the point. A result above {@code z} means the point is inside the solid. Only the microwave depends on
     * {@code z}: below its roof, through its open door, the surface is its floor; from above, its roof.
     */
    double floorAt(double x, double y, double z);
}
