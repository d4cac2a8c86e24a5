package dev.srpo.tabletop;

/** Anything an object can stand on: a body, a drawer, the stove, the microwave's floor, the cabinet's top. */
public interface Support {

    /** Height of the surface at (x, y), or NaN where this support is not under the point. */
    double floorAt(double x, double y);
}
