package dev.srpo.tabletop;

import dev.srpo.tabletop.render.Primitive;
import java.util.List;

/** The flat stove: a cooktop objects can stand on, and a knob at its front right that turns it on. */
public final class Stove implements Support {

    static final double HX = 0.1;
    static final double HY = 0.08;
    static final double HEIGHT = 0.02;
    static final double KNOB_R = 0.014;
    static final double KNOB_TOP = HEIGHT + 0.022;
    /** Knob angle (radians) from which the stove is on. */
    static final double ON_ANGLE = 0.6;

    final double x;
    final double y;
    double knob;

    Stove(double x, double y) {
        this.x = x;
        this.y = y;
    }

    /** Whether the stove is on. */
    public boolean isOn() {
        return knob >= ON_ANGLE;
    }

    double knobX() {
        return x + HX - 0.025;
    }

    double knobY() {
        return y - HY + 0.02;
    }

    double front() {
        return y - HY;
    }

    @Override
    public double floorAt(double px, double py, double pz) {
        if (Math.abs(px - x) > HX || Math.abs(py - y) > HY) {
            return Double.NaN;
        }
        double dx = px - knobX();
        double dy = py - knobY();
        return dx * dx + dy * dy <= KNOB_R * KNOB_R ? KNOB_TOP : HEIGHT;
    }

    void draw(List<Primitive> out) {
        out.add(Primitive.box(x, y, HEIGHT / 2, HX, HY, HEIGHT / 2, 0x202020));
        int burner = isOn() ? 0xE8461E : 0x555555;
        out.add(Primitive.cylinder(x - 0.02, y + 0.01, HEIGHT + 0.001, 0.05, 0.001, burner));
        out.add(Primitive.cylinder(x - 0.02, y + 0.01, HEIGHT + 0.002, 0.03, 0.001, 0x202020));
        out.add(Primitive.cylinder(
                knobX(), knobY(), (HEIGHT + KNOB_TOP) / 2, KNOB_R, (KNOB_TOP - HEIGHT) / 2, 0xC0C0C0));
        // a pointer on the knob that shows how far it is turned
        double px = knobX() + Math.cos(knob + Math.PI / 2) * KNOB_R * 0.7;
        double py = knobY() + Math.sin(knob + Math.PI / 2) * KNOB_R * 0.7;
        out.add(Primitive.box(px, py, KNOB_TOP + 0.001, 0.003, 0.003, 0.001, 0xD01010));
    }
}
