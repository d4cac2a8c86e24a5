package dev.srpo.tabletop;

import dev.srpo.tabletop.render.Primitive;
import dev.srpo.tabletop.render.Shape;
import java.util.List;

/**
 * The microwave: a box with an inside reached through a door on its front, hinged at the front-left corner.
 * The door opens towards the camera; pushing its free edge closes it.
 */
public final class Microwave implements Support {

    static final double HX = 0.11;
    static final double HY = 0.09;
    static final double HEIGHT = 0.16;
    static final double FLOOR = 0.02;
    static final double MAX_ANGLE = 1.7;

    final double x;
    final double y;
    /** Door angle, radians: 0 closed. */
    double door;

    Microwave(double x, double y, double door) {
        this.x = x;
        this.y = y;
        this.door = door;
    }

    /** Whether the door is closed. */
    public boolean isClosed() {
        return door < 0.08;
    }

    double hingeX() {
        return x - HX;
    }

    double hingeY() {
        return y - HY;
    }

    double doorLength() {
        return 2 * HX - 0.04;
    }

    double edgeX() {
        return hingeX() + Math.cos(door) * doorLength();
    }

    double edgeY() {
        return hingeY() - Math.sin(door) * doorLength();
    }

    boolean inside(double px, double py) {
        return Math.abs(px - (x - 0.02)) <= HX - 0.04 && py >= y - HY && py <= y + HY - 0.015;
    }

    /** Under the roof, through the open door: the floor; from above, or through a wall or a shut door: the roof. */
    @Override
    public double floorAt(double px, double py, double pz) {
        if (Math.abs(px - x) > HX || Math.abs(py - y) > HY) {
            return Double.NaN;
        }
        return !isClosed() && inside(px, py) && pz < HEIGHT - 0.02 ? FLOOR : HEIGHT;
    }

    /** Whether a body stands on the floor inside (not on the roof). */
    boolean holdsInside(Body b) {
        return b.support == this && Math.abs(b.z - FLOOR) < 1e-4 && inside(b.x, b.y);
    }

    void draw(List<Primitive> out) {
        int body = 0xD9D9D9;
        out.add(Primitive.box(x, y + HY - 0.01, HEIGHT / 2, HX, 0.01, HEIGHT / 2, body)); // back
        out.add(Primitive.box(x, y, HEIGHT - 0.01, HX, HY, 0.01, body)); // top
        out.add(Primitive.box(x, y, 0.01, HX, HY, 0.01, body)); // floor
        out.add(Primitive.box(x - HX + 0.01, y, HEIGHT / 2, 0.01, HY, HEIGHT / 2, body)); // left wall
        out.add(Primitive.box(x + HX - 0.03, y, HEIGHT / 2, 0.03, HY, HEIGHT / 2, 0x3A3A3A)); // control panel
        double mx = (hingeX() + edgeX()) / 2;
        double my = (hingeY() + edgeY()) / 2;
        out.add(new Primitive(
                Shape.BOX, mx, my, HEIGHT / 2, doorLength() / 2, 0.008, HEIGHT / 2 - 0.01, -door, 0x2E2E38));
    }
}
