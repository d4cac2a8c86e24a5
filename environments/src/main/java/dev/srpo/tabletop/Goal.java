package dev.srpo.tabletop;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A task's goal as BDDL-like predicates over the scene: each holds exactly when the scene says so (what an object
 * rests on, where it is, how far a drawer is open). A goal of several predicates is a multi-stage task; its stage
 * is the number of leading predicates that hold.
 */
public final class Goal {

    /**
     * One named condition, e.g. {@code On(black bowl 1, plate)}.
     *
     * @param name the predicate as text
     * @param subject the object the condition is about (the one a layout perturbation displaces), or null
     * @param test whether it holds
     * @param closeness how near the scene is to the condition, 0 to 1 (see {@link Goal#progress})
     */
    public record Condition(String name, String subject, Predicate<Scene> test, ToDoubleFunction<Scene> closeness) {
        /** Whether it holds in the scene. */
        public boolean holds(Scene scene) {
            return test.test(scene);
        }

        /** How near the scene is to this condition: 1 when it holds, else its closeness kept in [0, 0.99]. */
        public double progress(Scene scene) {
            if (holds(scene)) {
                return 1;
            }
            return Math.min(0.99, clamp(closeness.applyAsDouble(scene)));
        }
    }

    private final List<Condition> conditions;

    Goal(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    /** The object the task is about: the first subject among its conditions (null when none has one: a drawer, the knob). */
    public String target() {
        return conditions.stream()
                .map(Condition::subject)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /** The conditions, in the order a task's stages reach them. */
    public List<Condition> conditions() {
        return conditions;
    }

    /** Whether every condition holds. */
    public boolean holds(Scene scene) {
        return conditions.stream().allMatch(c -> c.holds(scene));
    }

    /** How many leading conditions hold (0 to the number of conditions). */
    public int stage(Scene scene) {
        int n = 0;
        while (n < conditions.size() && conditions.get(n).holds(scene)) {
            n++;
        }
        return n;
    }

    /**
     * The task's dense progress, privileged: a shaped signal for studies that ask what the simulator's own progress
     * would give (the oracle reward), never for the policy. With s the stage, n the number of conditions and
     * c<sub>s</sub> the closeness of the first condition that does not hold:
     *
     * <pre>
     *   progress = (s + c_s) / n            1 once every condition holds
     *   c = 0.2 reach + 0.2 held + 0.6 carry    a condition about an object (On, In, RightOf, ...)
     *   reach = 1 − |gripper − object top| / 0.3 m,  held = 1 while the gripper holds it,
     *   carry = 1 − |object − place|_xy / 0.3 m     (each clamped to [0, 1])
     *   c = the fixture's travel towards the goal   Open, Closed, TurnOn (drawer, knob, door)
     * </pre>
     *
     * where the place is the xy the object must reach (the other object, the container, the stove, ...). The
     * weights and the 0.3 m scale are our choice; a group's rollouts share their layout, so only the order they
     * put a group's failures in matters to a group-normalised reward.
     */
    public double progress(Scene scene) {
        int s = stage(scene);
        return s == conditions.size() ? 1 : (s + conditions.get(s).progress(scene)) / conditions.size();
    }

    // --- the predicates ------------------------------------------------------------------------------------------
    // A held body has no support, so "support == x" also says "not held".

    /** {@code a} rests directly on body {@code b}. */
    static Condition on(String a, String b) {
        return new Condition(
                "On(" + a + ", " + b + ")",
                a,
                s -> s.body(a).support == s.body(b),
                s -> carry(s, a, s.body(b).x, s.body(b).y));
    }

    /** {@code a} stands on the inside floor of the container {@code container} (not on its rim). */
    static Condition in(String a, String container) {
        return new Condition(
                "In(" + a + ", " + container + ")",
                a,
                s -> onInsideFloor(s.body(a), s.body(container)),
                s -> carry(s, a, s.body(container).x, s.body(container).y));
    }

    /** {@code a} stands in the caddy's back compartment (the half away from the camera). */
    static Condition inBackCompartment(String a, String caddy) {
        return new Condition(
                "In(" + a + ", " + caddy + " back compartment)",
                a,
                s -> {
                    Body body = s.body(a);
                    Body c = s.body(caddy);
                    return onInsideFloor(body, c) && body.y > c.y + 0.01;
                },
                s -> carry(s, a, s.body(caddy).x, s.body(caddy).y + 0.03));
    }

    /** {@code a} rests on the stove. */
    static Condition onStove(String a) {
        return new Condition(
                "On(" + a + ", stove)", a, s -> s.body(a).support == s.stove, s -> carry(s, a, s.stove.x, s.stove.y));
    }

    /** {@code a} rests on top of the cabinet. */
    static Condition onCabinet(String a) {
        return new Condition(
                "On(" + a + ", cabinet)",
                a,
                s -> s.body(a).support == s.cabinet,
                s -> carry(s, a, s.cabinet.x, s.cabinet.y));
    }

    /** {@code a} stands on the floor of drawer {@code i} (0 top, 1 middle, 2 bottom), not on its walls. */
    static Condition inDrawer(String a, int i) {
        return new Condition(
                "In(" + a + ", " + Cabinet.name(i) + ")",
                a,
                s -> s.cabinet.drawers[i].holds(s.body(a)),
                s -> carry(s, a, s.cabinet.x, s.cabinet.front() - s.cabinet.drawers[i].open / 2));
    }

    /** Drawer {@code i} is pulled out at least 8 cm. */
    static Condition open(int i) {
        return new Condition(
                "Open(" + Cabinet.name(i) + ")",
                null,
                s -> s.cabinet.drawers[i].open >= 0.08,
                s -> s.cabinet.drawers[i].open / 0.08);
    }

    /** Drawer {@code i} is pushed in to within 1 cm. */
    static Condition closed(int i) {
        return new Condition(
                "Closed(" + Cabinet.name(i) + ")",
                null,
                s -> s.cabinet.drawers[i].open <= 0.01,
                s -> 1 - s.cabinet.drawers[i].open / Cabinet.MAX_OPEN);
    }

    /** The stove is on. */
    static Condition stoveOn() {
        return new Condition("TurnOn(stove)", null, s -> s.stove.isOn(), s -> s.stove.knob / Stove.ON_ANGLE);
    }

    /** {@code a} stands on the microwave's floor, inside (not on its roof). */
    static Condition inMicrowave(String a) {
        return new Condition(
                "In(" + a + ", microwave)",
                a,
                s -> s.microwave.holdsInside(s.body(a)),
                s -> carry(s, a, s.microwave.x, s.microwave.y));
    }

    /** The microwave's door is closed. */
    static Condition microwaveClosed() {
        return new Condition(
                "Closed(microwave)",
                null,
                s -> s.microwave.isClosed(),
                s -> 1 - s.microwave.door / Microwave.MAX_ANGLE);
    }

    /** {@code a} stands on the table in front of the stove (between it and the camera). */
    static Condition inFrontOfStove(String a) {
        return new Condition(
                "InFrontOf(" + a + ", stove)",
                a,
                s -> {
                    Body b = s.body(a);
                    double gapToStove = s.stove.front() - b.y;
                    return onTable(s, b)
                            && Math.abs(b.x - s.stove.x) <= 0.07
                            && gapToStove >= 0.04
                            && gapToStove <= 0.16;
                },
                s -> carry(s, a, s.stove.x, s.stove.front() - 0.1));
    }

    /** {@code a} stands on the table to the right of {@code b}, level with it. */
    static Condition rightOf(String a, String b) {
        return new Condition(
                "RightOf(" + a + ", " + b + ")",
                a,
                s -> {
                    Body body = s.body(a);
                    Body ref = s.body(b);
                    double right = ref.x + ref.kind.hx;
                    return onTable(s, body)
                            && body.x >= right + 0.01
                            && body.x <= right + 0.15
                            && Math.abs(body.y - ref.y) <= 0.07;
                },
                s -> carry(s, a, s.body(b).x + s.body(b).kind.hx + 0.08, s.body(b).y));
    }

    /** The closeness of moving object {@code a} to (px, py): reach it, hold it, carry it there (weights above). */
    private static double carry(Scene s, String a, double px, double py) {
        Body b = s.body(a);
        double reach = 1 - Math.sqrt(sq(s.gx - b.x) + sq(s.gy - b.y) + sq(s.gz - b.top())) / SCALE;
        double held = s.held == b ? 1 : 0;
        double carry = 1 - Math.hypot(b.x - px, b.y - py) / SCALE;
        return 0.2 * clamp(reach) + 0.2 * held + 0.6 * clamp(carry);
    }

    /** Distances at which reach and carry fall to 0, metres: about the reach of a tabletop task. */
    private static final double SCALE = 0.3;

    private static double sq(double v) {
        return v * v;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** Standing on the table: not held, not falling, not on anything. */
    private static boolean onTable(Scene s, Body b) {
        return b.support == null && b != s.held && b.z < 1e-4;
    }

    private static boolean onInsideFloor(Body b, Body container) {
        return b.support == container
                && container.insideRim(b.x, b.y)
                && Math.abs(b.z - (container.z + container.kind.innerFloor)) < 1e-4;
    }
}
