package dev.srpo.tabletop.render;

/** The solids the tabletop is drawn with: exact meshes are not needed, distinct shapes and colours are. */
public enum Shape {
    /** A box with half-extents (hx, hy, hz), turned by yaw about its vertical axis. */
    BOX,
    /** An upright cylinder of radius hx and half-height hz (hy is ignored). */
    CYLINDER
}
