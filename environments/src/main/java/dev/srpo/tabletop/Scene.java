package dev.srpo.tabletop;

import dev.srpo.tabletop.render.Primitive;
import dev.srpo.tabletop.render.Shape;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tabletop world and its physics: a parallel gripper, the movable objects and the fixtures (cabinet, stove,
 * microwave). The physics is kinematic and deterministic, and just rich enough to make LIBERO's tasks real:
 * <ul>
 *   <li>the gripper moves by the action's Δposition (1 cm per step at full scale) and Δyaw; its two fingertips
 *       never enter a solid: a move into one is refused, and the fingers stop on any surface below them;</li>
 *   <li>closing the fingers around a graspable object (centred between them, at its height, no wider than the
 *       gap) grasps it; opening them releases it;</li>
 *   <li>a free object falls (3 cm per step) onto the highest surface under its centre: the table, another
 *       object's top, a container's inside, a drawer, the stove, the microwave, the cabinet top; what rests on
 *       something moves with it;</li>
 *   <li>closing on a drawer's handle and pulling opens it; pushing its front closes it; fingers around the stove's
 *       knob turn it with the gripper's yaw; pushing the microwave door's edge closes it; fingers low against the
 *       plate push it.</li>
 * </ul>
 * The gripper's roll and pitch (action[3], action[4]) have no effect: every task here is done from above.
 */
public final class Scene {

    /** Metres the gripper moves per step at action 1. */
    static final double SPEED = 0.01;
    /** Radians the gripper turns per step at action 1. */
    static final double TURN = 0.1;
    /** Finger gap when fully open, metres. */
    static final double MAX_GAP = 0.1;
    /** Change of the opening (0–1) per step. */
    static final double GRIP_RATE = 0.25;

    static final double FALL = 0.03;
    static final double EPS = 1e-6;

    final List<Body> bodies = new ArrayList<>();
    Cabinet cabinet;
    Stove stove;
    Microwave microwave;

    // The gripper: fingertip centre, yaw, opening (1 open, 0 closed) and what it holds.
    double gx;
    double gy;
    double gz;
    double gyaw;
    double opening = 1;
    Body held;
    Cabinet.Drawer pulling;

    Body add(String name, ObjectKind kind, double x, double y) {
        Body b = new Body(name, kind, x, y, 0);
        bodies.add(b);
        return b;
    }

    /** Every movable object, in the order the task's layout placed them (privileged: for studies only). */
    public List<Body> bodies() {
        return java.util.Collections.unmodifiableList(bodies);
    }

    /** The gripper's fingertip position, yaw and finger gap: {x, y, z, yaw, gap}. */
    public double[] gripperPose() {
        return new double[] {gx, gy, gz, gyaw, gap()};
    }

    /** The object the gripper holds, or null. */
    public Body held() {
        return held;
    }

    /** The body with this name. */
    public Body body(String name) {
        for (Body b : bodies) {
            if (b.name.equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no body named '" + name + "' in the scene");
    }

    /** Lets every object come to rest where it was placed (used once when a scene is built). */
    void settleAll() {
        for (int i = 0; i < 40; i++) {
            settle();
        }
    }

    /** One control step under a valid action. */
    void step(float[] a) {
        double gripCommand = a[6];
        double dx = a[0] * SPEED;
        double dy = a[1] * SPEED;
        double dz = a[2] * SPEED;
        double dyaw = a[5] * TURN;

        if (pulling != null) {
            pull(dy);
        } else {
            moveGripper(dx, dy, dz);
            turn(dyaw);
        }
        grip(gripCommand);
        settle();
    }

    // --- the gripper ---------------------------------------------------------------------------------------------

    double gap() {
        return MAX_GAP * opening;
    }

    private void moveGripper(double dx, double dy, double dz) {
        // horizontal: a move into a solid is refused; an allowed move pushes what it meets
        double nx = clamp(gx + dx, -0.48, 0.48);
        double ny = clamp(gy + dy, -0.45, 0.45);
        boolean moves = (nx != gx || ny != gy) && heldFits(nx, ny, gz);
        if (moves) {
            // a plate met below its rim is pushed out of the way first: fingers low enough to push it are below its
            // top, where it would otherwise count as a solid and refuse the move
            pushPlate(nx - gx, ny - gy);
        }
        if (moves && !fingersBlocked(nx, ny, gz, gyaw, gap())) {
            pushDrawers(ny - gy);
            pushDoor(nx - gx, ny - gy);
            moveHeld(nx - gx, ny - gy, 0);
            gx = nx;
            gy = ny;
        }
        // vertical: stop on whatever is under the fingers, or under the held object
        double z = clamp(gz + dz, 0.004, 0.6);
        z = Math.max(z, fingerFloor(gx, gy, gyaw) + 0.002);
        if (held != null) {
            double lift = gz - held.z;
            z = Math.max(z, floorUnder(held.x, held.y, held, held.z) + lift);
        }
        moveHeld(0, 0, z - gz);
        gz = z;
    }

    /**
     * The lowest the gripper could go over (x, y): its fingers on a surface, or the held object (carried along)
     * standing on one (what {@link #moveGripper} stops at).
     */
    double lowestGripperHeight(double x, double y) {
        double z = Math.max(0.004, fingerFloor(x, y, gyaw) + 0.002);
        if (held != null) {
            z = Math.max(z, floorUnder(held.x + x - gx, held.y + y - gy, held, held.z) + gz - held.z);
        }
        return z;
    }

    /** Puts the gripper at a start pose, lifted clear of anything its fingers would be inside. */
    void placeGripper(double x, double y, double z, double yaw) {
        gx = clamp(x, -0.48, 0.48);
        gy = clamp(y, -0.45, 0.45);
        gyaw = yaw;
        gz = clamp(z, 0.004, 0.6);
        gz = Math.max(gz, fingerFloor(gx, gy, gyaw) + 0.002);
    }

    private void turn(double dyaw) {
        if (dyaw == 0) {
            return;
        }
        double yaw = gyaw + dyaw;
        if (!fingersBlocked(gx, gy, gz, yaw, gap())) {
            if (stove != null && aroundKnob()) { // fingers around the knob turn it with them
                stove.knob = clamp(stove.knob + dyaw, 0, 1.6);
            }
            gyaw = yaw;
        }
    }

    private void grip(double command) {
        if (command > 0) { // close
            if (held == null && pulling == null) {
                double next = Math.max(0, opening - GRIP_RATE);
                Body target = graspable(next);
                if (target != null) {
                    held = target;
                    held.support = null;
                    moveWithLoad(held, gx - held.x, gy - held.y, 0); // closing fingers centre what they catch
                    opening = Math.max(next, target.widthAlong(fingerUx(), fingerUy()) / MAX_GAP);
                } else if (cabinet != null && atHandle() != null) {
                    pulling = atHandle();
                    opening = Math.max(next, 0.2);
                } else if (!fingersBlocked(gx, gy, gz, gyaw, MAX_GAP * next)) {
                    opening = next; // fingers close only as far as nothing is in their way
                }
            }
        } else if (command < 0) { // open
            held = null;
            pulling = null;
            opening = Math.min(1, opening + GRIP_RATE);
        }
    }

    /**
     * The object the closing fingers catch: centred between them (within 2 cm), at its height, narrower than the gap
     * and within 6 mm of each finger after this step's closing.
     */
    private Body graspable(double nextOpening) {
        for (Body b : bodies) {
            if (!b.kind.graspable) {
                continue;
            }
            double width = b.widthAlong(fingerUx(), fingerUy());
            boolean centred = Math.hypot(b.x - gx, b.y - gy) <= 0.02;
            boolean atHeight = gz >= b.z + 0.003 && gz <= b.top() - 0.004;
            boolean caught = width <= gap() && width + 0.012 >= MAX_GAP * nextOpening;
            if (centred && atHeight && caught) {
                return b;
            }
        }
        return null;
    }

    double fingerUx() {
        return Math.cos(gyaw);
    }

    double fingerUy() {
        return Math.sin(gyaw);
    }

    /** Whether a fingertip at (x, y, z), with this yaw and gap, would be inside a solid. */
    private boolean fingersBlocked(double x, double y, double z, double yaw, double gap) {
        double ux = Math.cos(yaw) * gap / 2;
        double uy = Math.sin(yaw) * gap / 2;
        return floorUnder(x + ux, y + uy, held, z) > z + 0.001 || floorUnder(x - ux, y - uy, held, z) > z + 0.001;
    }

    private double fingerFloor(double x, double y, double yaw) {
        double h = gap() / 2;
        double ux = Math.cos(yaw) * h;
        double uy = Math.sin(yaw) * h;
        return Math.max(floorUnder(x + ux, y + uy, held, gz), floorUnder(x - ux, y - uy, held, gz));
    }

    /** Whether the held object may move to where the gripper would be (it must not sink into a surface). */
    private boolean heldFits(double x, double y, double z) {
        if (held == null) {
            return true;
        }
        double hxNew = held.x + (x - gx);
        double hyNew = held.y + (y - gy);
        double bottom = held.z + (z - gz);
        return floorUnder(hxNew, hyNew, held, bottom) <= bottom + 0.002;
    }

    private void moveHeld(double dx, double dy, double dz) {
        if (held != null) {
            moveWithLoad(held, dx, dy, dz);
        }
    }

    // --- fixtures --------------------------------------------------------------------------------------------------

    private Cabinet.Drawer atHandle() {
        for (Cabinet.Drawer d : cabinet.drawers) {
            boolean near = Math.abs(gx - d.handleX()) <= 0.03 && Math.abs(gy - d.handleY()) <= 0.015;
            if (near && Math.abs(gz - d.handleZ()) <= 0.015) {
                return d;
            }
        }
        return null;
    }

    /** The gripper holds a drawer's handle: it moves along y only, and the drawer with it. */
    private void pull(double dy) {
        Cabinet.Drawer d = pulling;
        double open = clamp(d.open - dy, 0, Cabinet.MAX_OPEN);
        double moved = d.open - open; // > 0: the drawer went in (+y)
        d.open = open;
        moveLoadOf(d, 0, moved, 0);
        gy = d.handleY();
    }

    /** Fingers moving +y against a drawer's front push it in. */
    private void pushDrawers(double dy) {
        if (cabinet == null || dy <= 0 || pulling != null) {
            return;
        }
        for (Cabinet.Drawer d : cabinet.drawers) {
            boolean facing = Math.abs(gx - cabinet.x) <= Cabinet.HX && gz > d.bottom && gz < d.top;
            double face = d.face() - 0.012;
            if (facing && d.open > 0 && gy <= face && gy + dy > face) {
                double open = Math.max(0, d.open - (gy + dy - face));
                moveLoadOf(d, 0, d.open - open, 0);
                d.open = open;
            }
        }
    }

    private boolean aroundKnob() {
        double dx = gx - stove.knobX();
        double dy = gy - stove.knobY();
        return dx * dx + dy * dy <= 0.012 * 0.012 && gz < Stove.KNOB_TOP - 0.004 && gap() > 2 * Stove.KNOB_R;
    }

    /** Fingers moving against the microwave door's free edge swing it shut. */
    private void pushDoor(double dx, double dy) {
        Microwave m = microwave;
        if (m == null || m.isClosed() || gz > Microwave.HEIGHT) {
            return;
        }
        double nx = gx + dx;
        double ny = gy + dy;
        double near = Math.hypot(nx - m.edgeX(), ny - m.edgeY());
        if (near <= 0.03) {
            double angle = Math.atan2(-(ny - m.hingeY()), nx - m.hingeX());
            if (angle < m.door) {
                m.door = Math.max(0, angle);
            }
        }
    }

    /** Fingers low against the plate push it along. */
    private void pushPlate(double dx, double dy) {
        for (Body b : bodies) {
            if (!b.kind.pushable || gz >= b.top() + 0.002) {
                continue;
            }
            boolean entering = b.covers(gx + dx, gy + dy, 0.012) && !b.covers(gx, gy, 0.005);
            boolean towards = (b.x - gx) * dx + (b.y - gy) * dy > 0;
            if (entering && towards && fitsAt(b, b.x + dx, b.y + dy)) {
                moveWithLoad(b, dx, dy, 0);
            }
        }
    }

    /** Whether body {@code b} could stand at (x, y): nothing under its centre or rim rises above its bottom. */
    boolean fitsAt(Body b, double x, double y) {
        double r = Math.max(b.kind.hx, b.kind.hy);
        double[][] points = {{0, 0}, {r, 0}, {-r, 0}, {0, r}, {0, -r}};
        for (double[] d : points) {
            if (floorUnder(x + d[0], y + d[1], b, b.z) > b.z + 0.001) {
                return false;
            }
        }
        return true;
    }

    // --- falling and support -------------------------------------------------------------------------------------

    /** Every surface in the scene except {@code except} and what rests on it: bodies first, then fixtures. */
    private List<Support> supports(Body except) {
        List<Support> out = new ArrayList<>(bodies.size() + 6);
        for (Body b : bodies) {
            if (b != except && !restsOn(b, except)) {
                out.add(b);
            }
        }
        out.addAll(fixtures());
        return out;
    }

    /** The surfaces that never move across the table: the cabinet and its drawers, the stove, the microwave. */
    List<Support> fixtures() {
        List<Support> out = new ArrayList<>(6);
        if (cabinet != null) {
            out.addAll(List.of(cabinet.drawers));
            out.add(cabinet);
        }
        if (stove != null) {
            out.add(stove);
        }
        if (microwave != null) {
            out.add(microwave);
        }
        return out;
    }

    /** The highest surface under a point at height z over (x, y), ignoring {@code except} and what rests on it. */
    double floorUnder(double x, double y, Body except, double z) {
        double floor = 0;
        for (Support s : supports(except)) {
            floor = max(floor, s.floorAt(x, y, z));
        }
        return floor;
    }

    /** The support giving the surface at height {@code level} under (x, y); null for the table. */
    private Support supportAt(double x, double y, double level, Body self) {
        for (Support s : supports(self)) {
            if (near(s.floorAt(x, y, level), level)) {
                return s;
            }
        }
        return null;
    }

    /** Free objects fall onto what is under them, lowest first, so stacks settle in one pass. */
    private void settle() {
        List<Body> order = new ArrayList<>(bodies);
        order.sort(Comparator.comparingDouble((Body b) -> b.z).thenComparing(b -> b.name));
        for (Body b : order) {
            if (b == held || isInside(b)) {
                continue;
            }
            double floor = floorBelow(b);
            if (b.z > floor + EPS) {
                double dz = Math.max(floor, b.z - FALL) - b.z;
                moveWithLoad(b, 0, 0, dz);
                b.support = null;
            }
            if (b.z <= floor + EPS) {
                b.support = supportAt(b.x, b.y, floor, b);
            }
        }
    }

    /** The highest surface under a body's centre that is not above its bottom. */
    private double floorBelow(Body self) {
        double floor = floorUnder(self.x, self.y, self, self.z);
        if (floor <= self.z + 0.005) {
            return floor;
        }
        // something higher covers the centre (the body stands inside a container or drawer whose walls rise above
        // its bottom): take the highest surface at or below the bottom instead
        double best = 0;
        for (Support s : supports(self)) {
            double f = s.floorAt(self.x, self.y, self.z);
            if (f <= self.z + 0.005) {
                best = max(best, f);
            }
        }
        return best;
    }

    /** Objects inside a drawer or on the microwave's floor are held in place by it (they ride a drawer). */
    private boolean isInside(Body b) {
        return b.support instanceof Cabinet.Drawer || microwave != null && microwave.holdsInside(b);
    }

    /** Whether {@code b} rests, directly or through a stack, on {@code base}. */
    boolean restsOn(Body b, Body base) {
        if (base == null) {
            return false;
        }
        for (Support s = b.support; s != null; s = s instanceof Body sb ? sb.support : null) {
            if (s == base) {
                return true;
            }
        }
        return false;
    }

    void moveWithLoad(Body b, double dx, double dy, double dz) {
        b.x += dx;
        b.y += dy;
        b.z += dz;
        moveLoadOf(b, dx, dy, dz);
    }

    private void moveLoadOf(Support base, double dx, double dy, double dz) {
        for (Body other : bodies) {
            if (other.support == base && other != held) {
                moveWithLoad(other, dx, dy, dz);
            }
        }
    }

    // --- drawing ----------------------------------------------------------------------------------------------------

    /** The solids that make up the scene now, gripper included. */
    List<Primitive> primitives(List<Primitive> out) {
        out.clear();
        if (cabinet != null) {
            cabinet.draw(out);
        }
        if (stove != null) {
            stove.draw(out);
        }
        if (microwave != null) {
            microwave.draw(out);
        }
        for (Body b : bodies) {
            b.draw(out);
        }
        drawGripper(out);
        return out;
    }

    private void drawGripper(List<Primitive> out) {
        double h = gap() / 2 + 0.005;
        double ux = Math.cos(gyaw);
        double uy = Math.sin(gyaw);
        int metal = 0x9FA6AD;
        int finger = 0x4A4F55;
        out.add(new Primitive(Shape.BOX, gx, gy, gz + 0.06, 0.06, 0.018, 0.012, gyaw, metal));
        out.add(Primitive.cylinder(gx, gy, gz + 0.12, 0.025, 0.05, 0xE8E8E8)); // the wrist
        out.add(new Primitive(Shape.BOX, gx + ux * h, gy + uy * h, gz + 0.024, 0.005, 0.012, 0.024, gyaw, finger));
        out.add(new Primitive(Shape.BOX, gx - ux * h, gy - uy * h, gz + 0.024, 0.005, 0.012, 0.024, gyaw, finger));
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private static boolean near(double a, double b) {
        return Math.abs(a - b) <= 1e-4;
    }

    private static double max(double a, double b) {
        return Double.isNaN(b) ? a : Math.max(a, b);
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
