package dev.srpo.tabletop;

import dev.srpo.tabletop.render.Primitive;
import dev.srpo.tabletop.render.Shape;
import java.util.List;

/** A movable object on the table: its kind, where its bottom centre is, and what it rests on. */
public final class Body implements Support {

    /** Unique name in the scene, e.g. "black bowl 2". */
    public final String name;
    /** What it is. */
    public final ObjectKind kind;

    double x;
    double y;
    double z;
    /** What the body rests on: another body, a fixture part, or null for the table (or while held). */
    Support support;

    Body(String name, ObjectKind kind, double x, double y, double z) {
        this.name = name;
        this.kind = kind;
        this.x = x;
        this.y = y;
        this.z = z;
    }

    /** Bottom-centre x. */
    public double x() {
        return x;
    }

    /** Bottom-centre y. */
    public double y() {
        return y;
    }

    /** Height of the bottom above the table. */
    public double z() {
        return z;
    }

    /** Height of the top. */
    public double top() {
        return z + 2 * kind.hz;
    }

    /** What the body rests on (null: the table, or the gripper holds it). */
    public Support support() {
        return support;
    }

    /** Whether (px, py) lies within the outline grown by {@code margin}. */
    boolean covers(double px, double py, double margin) {
        double dx = px - x;
        double dy = py - y;
        if (kind.shape == Shape.CYLINDER) {
            double r = kind.hx + margin;
            return dx * dx + dy * dy <= r * r;
        }
        return Math.abs(dx) <= kind.hx + margin && Math.abs(dy) <= kind.hy + margin;
    }

    /** Whether (px, py) lies inside a container's walls. */
    boolean insideRim(double px, double py) {
        double dx = px - x;
        double dy = py - y;
        if (kind.shape == Shape.CYLINDER) {
            double r = kind.hx - kind.rim;
            return dx * dx + dy * dy <= r * r;
        }
        return Math.abs(dx) <= kind.hx - kind.rim && Math.abs(dy) <= kind.hy - kind.rim;
    }

    @Override
    public double floorAt(double px, double py, double pz) {
        if (!covers(px, py, 0)) {
            return Double.NaN;
        }
        return kind.isContainer() && insideRim(px, py) ? z + kind.innerFloor : top();
    }

    /** Extent across the gripper's fingers when they close along direction (ux, uy). */
    double widthAlong(double ux, double uy) {
        if (kind.shape == Shape.CYLINDER) {
            return 2 * kind.hx;
        }
        return 2 * (Math.abs(ux) * kind.hx + Math.abs(uy) * kind.hy);
    }

    void draw(List<Primitive> out) {
        double cz = z + kind.hz;
        if (kind.shape == Shape.CYLINDER) {
            out.add(Primitive.cylinder(x, y, cz, kind.hx, kind.hz, kind.rgb));
            if (kind.isContainer()) { // the inside, a darker disc just below the rim
                out.add(Primitive.cylinder(x, y, z + kind.innerFloor, kind.hx - kind.rim, 0.001, kind.accent));
            } else { // a label band or lid in the accent colour
                out.add(Primitive.cylinder(x, y, z + 1.4 * kind.hz, kind.hx * 1.01, kind.hz * 0.25, kind.accent));
            }
            if (kind == ObjectKind.WHITE_MUG || kind == ObjectKind.YELLOW_WHITE_MUG) {
                out.add(Primitive.box(x + kind.hx + 0.008, y, cz, 0.008, 0.004, kind.hz * 0.6, kind.accent));
            }
        } else if (kind.isContainer()) { // floor and four walls
            double t = kind.rim / 2;
            out.add(Primitive.box(x, y, z + kind.innerFloor / 2, kind.hx, kind.hy, kind.innerFloor / 2, kind.accent));
            out.add(Primitive.box(x - kind.hx + t, y, cz, t, kind.hy, kind.hz, kind.rgb));
            out.add(Primitive.box(x + kind.hx - t, y, cz, t, kind.hy, kind.hz, kind.rgb));
            out.add(Primitive.box(x, y - kind.hy + t, cz, kind.hx, t, kind.hz, kind.rgb));
            out.add(Primitive.box(x, y + kind.hy - t, cz, kind.hx, t, kind.hz, kind.rgb));
            if (kind == ObjectKind.CADDY) { // the divider between front and back compartments
                out.add(Primitive.box(x, y, cz, kind.hx, t, kind.hz, kind.rgb));
            }
        } else {
            out.add(Primitive.box(x, y, cz, kind.hx, kind.hy, kind.hz, kind.rgb));
            out.add(Primitive.box(x, y - kind.hy - 0.0005, cz, kind.hx * 0.7, 0.0006, kind.hz * 0.55, kind.accent));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
