package dev.srpo.tabletop;

import dev.srpo.tabletop.render.Primitive;
import java.util.List;

/**
 * The wooden cabinet: a body with three drawers (top, middle, bottom) that slide out towards the camera (−y),
 * and a flat top objects can stand on.
 */
public final class Cabinet implements Support {

    static final double HX = 0.1;
    static final double HY = 0.09;
    static final double HEIGHT = 0.3;
    static final double DRAWER_HEIGHT = 0.09;
    /** How far a drawer slides out. */
    static final double MAX_OPEN = 0.14;

    private static final int WOOD = 0x8B5A2B;
    private static final int FRONT = 0xA0703C;
    private static final int HANDLE = 0xD4AF37;

    final double x;
    final double y;
    /** Top (0), middle (1) and bottom (2) drawers. */
    public final Drawer[] drawers = new Drawer[3];

    Cabinet(double x, double y) {
        this.x = x;
        this.y = y;
        for (int i = 0; i < 3; i++) {
            double top = HEIGHT - 0.03 - i * DRAWER_HEIGHT;
            drawers[i] = new Drawer(i, top - DRAWER_HEIGHT, top);
        }
    }

    /** The cabinet's front face (y), where a closed drawer's front sits. */
    double front() {
        return y - HY;
    }

    @Override
    public double floorAt(double px, double py, double pz) {
        return Math.abs(px - x) <= HX && Math.abs(py - y) <= HY ? HEIGHT : Double.NaN;
    }

    /** "top drawer", "middle drawer" or "bottom drawer". */
    static String name(int index) {
        return new String[] {"top drawer", "middle drawer", "bottom drawer"}[index];
    }

    void draw(List<Primitive> out) {
        out.add(Primitive.box(x, y, HEIGHT / 2, HX, HY, HEIGHT / 2, WOOD));
        for (Drawer d : drawers) {
            d.draw(out);
        }
    }

    /** One drawer: its height range and how far it is pulled out. */
    public final class Drawer implements Support {

        /** 0 top, 1 middle, 2 bottom. */
        public final int index;

        final double bottom;
        final double top;
        double open;

        Drawer(int index, double bottom, double top) {
            this.index = index;
            this.bottom = bottom;
            this.top = top;
        }

        /** How far the drawer is pulled out, metres (0 closed). */
        public double open() {
            return open;
        }

        /** The drawer front's y. */
        double face() {
            return front() - open;
        }

        double floor() {
            return bottom + 0.012;
        }

        /** Where the handle is: the gripper closes on it to pull. */
        double handleX() {
            return x;
        }

        double handleY() {
            return face() - 0.012;
        }

        double handleZ() {
            return (bottom + top) / 2;
        }

        /** Whether a body stands on this drawer's floor (not on a wall). */
        boolean holds(Body b) {
            return b.support == this && Math.abs(b.z - floor()) < 1e-4;
        }

        /** Inside the pulled-out part: the floor; on its walls: the wall top. */
        @Override
        public double floorAt(double px, double py, double pz) {
            if (open <= 0 || Math.abs(px - x) > HX - 0.005 || py < face() || py > front()) {
                return Double.NaN;
            }
            boolean inside = Math.abs(px - x) <= HX - 0.02 && py >= face() + 0.015;
            return inside ? floor() : top - 0.01;
        }

        void draw(List<Primitive> out) {
            double cz = (bottom + top) / 2;
            double hz = (top - bottom) / 2 - 0.004;
            if (open > 0) { // the part that sticks out: floor and side walls
                double cy = front() - open / 2;
                out.add(Primitive.box(x, cy, floor() - 0.006, HX - 0.01, open / 2, 0.006, FRONT));
                out.add(Primitive.box(x - HX + 0.015, cy, cz - 0.008, 0.006, open / 2, hz - 0.008, FRONT));
                out.add(Primitive.box(x + HX - 0.015, cy, cz - 0.008, 0.006, open / 2, hz - 0.008, FRONT));
            }
            out.add(Primitive.box(x, face() - 0.006, cz, HX - 0.006, 0.006, hz, FRONT));
            out.add(Primitive.box(x, handleY(), cz, 0.03, 0.006, 0.008, HANDLE));
        }

        @Override
        public String toString() {
            return name(index);
        }
    }
}
