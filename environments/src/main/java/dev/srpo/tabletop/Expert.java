package dev.srpo.tabletop;

import dev.srpo.env.Actions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A scripted expert: a plan of waypoints and gripper commands, followed with a proportional controller. Waypoints
 * are computed from the scene's privileged state when their phase starts, so the expert adapts to where things
 * are. With {@code noise > 0} it adds seeded Gaussian noise to the motion commands, for imperfect demonstrations
 * and labelled failures.
 */
public final class Expert {

    /**
     * One part of a plan: where to go (or null to stay), what the gripper does, how long at most, and for a
     * gripper-only phase when the fingers have done their work (null: only the step count ends it). A target that
     * comes back null skips the phase; every other phase acts at least once.
     */
    record Phase(Supplier<double[]> target, float grip, int maxSteps, BooleanSupplier settled) {}

    private final Scene scene;
    private final BooleanSupplier current;
    private final List<Phase> plan;
    private final double noise;
    private final SplittableRandom random;
    private int phase;
    private int stepsInPhase;
    private double[] target;
    private double best;
    private int sinceBest;

    Expert(Scene scene, List<Phase> plan, double noise, long seed, BooleanSupplier current) {
        this.scene = scene;
        this.current = current;
        this.plan = List.copyOf(plan);
        this.noise = noise;
        this.random = new SplittableRandom(seed);
    }

    /** Whether the plan is finished (the expert then stands still). */
    public boolean finished() {
        return phase >= plan.size();
    }

    /**
     * The next action.
     *
     * @throws IllegalStateException if its environment was reset since: an expert plans one episode
     */
    public float[] act() {
        if (!current.getAsBoolean()) {
            throw new IllegalStateException("this expert planned an earlier episode: ask env.expert(...) after reset");
        }
        float[] a = new float[Actions.DIM];
        while (!finished()) {
            Phase p = plan.get(phase);
            if (stepsInPhase == 0) {
                target = p.target() == null ? null : p.target().get();
                best = Double.MAX_VALUE;
                sinceBest = 0;
                if (p.target() != null && target == null) { // a move with nowhere to go this time
                    phase++;
                    continue;
                }
            }
            if (!phaseDone(p)) {
                a[Actions.GRIPPER] = p.grip();
                if (target != null) {
                    steer(a, target);
                }
                stepsInPhase++;
                remember();
                addNoise(a);
                return a;
            }
            phase++;
            stepsInPhase = 0;
        }
        a[Actions.GRIPPER] = scene.held != null ? Actions.CLOSE : Actions.OPEN;
        return a;
    }

    // proportional control towards to = {x, y, z[, yaw]}, one step's worth at most
    private void steer(float[] a, double[] to) {
        for (int i = 0; i < 3; i++) {
            a[i] = (float) Scene.clamp((to[i] - pos(i)) / Scene.SPEED, -1, 1);
        }
        if (to.length > 3) {
            a[5] = (float) Scene.clamp((to[3] - scene.gyaw) / Scene.TURN, -1, 1);
        }
    }

    private boolean phaseDone(Phase p) {
        if (stepsInPhase == 0) {
            return false;
        }
        if (stepsInPhase >= p.maxSteps()) {
            return true;
        }
        if (target == null) {
            return p.settled() != null && p.settled().getAsBoolean();
        }
        double d = distance();
        double turn = target.length > 3 ? Math.abs(target[3] - scene.gyaw) : 0;
        // with noise the controller jitters around its target: accept arrival within what the noise moves it
        double tolerance = 0.0015 + 0.02 * noise;
        // blocked (a closed drawer, a door at its stop) when it stops getting closer: that ends a move too, soon, as
        // every blocked step is a frame like the last with another label for a policy that clones the expert
        return (d < tolerance && turn < 0.01 + noise * 0.1) || sinceBest >= 3;
    }

    private double distance() {
        double d = Math.abs(target[0] - scene.gx) + Math.abs(target[1] - scene.gy) + Math.abs(target[2] - scene.gz);
        return target.length > 3 ? d + 0.05 * Math.abs(target[3] - scene.gyaw) : d;
    }

    private void remember() {
        if (target == null) {
            return;
        }
        double d = distance();
        if (d < best - 0.0005) {
            best = d;
            sinceBest = 0;
        } else {
            sinceBest++;
        }
    }

    private double pos(int i) {
        return i == 0 ? scene.gx : i == 1 ? scene.gy : scene.gz;
    }

    private void addNoise(float[] a) {
        if (noise <= 0) {
            return;
        }
        for (int i = 0; i < 3; i++) {
            a[i] = (float) Scene.clamp(a[i] + noise * gaussian(), -1, 1);
        }
        // the wrist turns only in phases that turn it: noise on an otherwise constant yaw would set that dimension's
        // whole token range (q01..q99 of the noise), and greedy decoding then drifts to an edge bin on every step
        if (target != null && target.length > 3) {
            a[5] = (float) Scene.clamp(a[5] + noise * gaussian(), -1, 1);
        }
    }

    private double gaussian() {
        // Box-Muller from the seeded generator, so noisy demonstrations are reproducible
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Builds plans from the moves every task is made of. */
    static final class Plan {

        private final Scene s;
        private final List<Phase> phases = new ArrayList<>();

        Plan(Scene scene) {
            this.s = scene;
        }

        List<Phase> phases() {
            return phases;
        }

        Plan move(Supplier<double[]> target, float grip) {
            phases.add(new Phase(target, grip, 160, null));
            return this;
        }

        /** Closes or opens the fingers for at most {@code steps} steps: until they hold something, or are fully open. */
        Plan grip(float command, int steps) {
            BooleanSupplier settled = command == Actions.CLOSE
                    ? () -> s.held != null || s.pulling != null || s.opening <= 0
                    : () -> s.opening >= 1;
            phases.add(new Phase(null, command, steps, settled));
            return this;
        }

        /**
         * Safe height to travel from the gripper's position to (x, y) at: above everything the fingers, or the held
         * object, pass over on the way, with a margin. Only what is on the way counts: a tall cabinet across the
         * table would otherwise send every move up to its top, far from where the frame shows the task.
         */
        double travel(Body carried, double x, double y) {
            double reach = 0.03 + (carried == null ? 0 : Math.max(carried.kind.hx, carried.kind.hy));
            double top = 0.12;
            for (Body b : s.bodies) {
                if (b != s.held // the carried body is the held one, or none is carried yet
                        && !s.restsOn(b, s.held)
                        && distanceToPath(b.x, b.y, x, y) <= reach + Math.max(b.kind.hx, b.kind.hy)) {
                    top = Math.max(top, b.top());
                }
            }
            List<Support> fixtures = s.fixtures();
            int samples = (int) Math.ceil(Math.hypot(x - s.gx, y - s.gy) / 0.01);
            for (int i = 0; i <= samples; i++) {
                double px = s.gx + (x - s.gx) * i / Math.max(1, samples);
                double py = s.gy + (y - s.gy) * i / Math.max(1, samples);
                for (double ox = -reach; ox <= reach + 1e-9; ox += reach) {
                    for (double oy = -reach; oy <= reach + 1e-9; oy += reach) {
                        for (Support f : fixtures) {
                            double floor = f.floorAt(px + ox, py + oy, 1);
                            if (!Double.isNaN(floor)) {
                                top = Math.max(top, floor);
                            }
                        }
                    }
                }
            }
            double load = carried == null ? 0 : 2 * carried.kind.hz;
            return top + load + 0.04;
        }

        /** Safe height to lift to where the gripper is. */
        double travel(Body carried) {
            return travel(carried, s.gx, s.gy);
        }

        private double distanceToPath(double px, double py, double x, double y) {
            double dx = x - s.gx;
            double dy = y - s.gy;
            double len2 = dx * dx + dy * dy;
            double t = len2 < 1e-12 ? 0 : Math.max(0, Math.min(1, ((px - s.gx) * dx + (py - s.gy) * dy) / len2));
            return Math.hypot(px - (s.gx + t * dx), py - (s.gy + t * dy));
        }

        /**
         * Goes to (x, y) at a height clear of what is on the way: straight up first when that height is above the
         * gripper (a diagonal climb would push the load into a fixture's side), then across.
         */
        Plan over(Supplier<double[]> xy, Body carried, float grip) {
            double[] to = new double[3];
            phases.add(new Phase(
                    () -> {
                        double[] p = xy.get();
                        to[0] = p[0];
                        to[1] = p[1];
                        to[2] = travel(carried, p[0], p[1]);
                        return to[2] > s.gz + 0.01 ? new double[] {s.gx, s.gy, to[2]} : null;
                    },
                    grip,
                    160,
                    null));
            move(() -> to.clone(), grip);
            return this;
        }

        /**
         * Where the fingertips close on a body: halfway up a low object (the middle of the band in which closing
         * catches it, so a cloned policy that closes a step early or late still holds it), 2 cm up a tall one.
         */
        static double graspHeight(Body b) {
            return b.z + Math.min(0.02, b.kind.hz);
        }

        Plan pick(Body b) {
            over(() -> new double[] {b.x, b.y}, null, Actions.OPEN);
            // no lower than the fingers can go (they may land on a rim or a neighbour first): a reachable target
            move(
                    () -> new double[] {b.x, b.y, Math.max(graspHeight(b), s.lowestGripperHeight(b.x, b.y))},
                    Actions.OPEN);
            grip(Actions.CLOSE, 4);
            move(() -> new double[] {s.gx, s.gy, travel(b)}, Actions.CLOSE);
            return this;
        }

        /** Carries the held body {@code b} over (x, y) and lowers it until it stands, then lets go. */
        Plan place(Body b, Supplier<double[]> xy) {
            over(xy, b, Actions.CLOSE);
            // down to where the object stands, a height it reaches and sees itself reach: pressing down until blocked
            // would show the cloned policy identical frames labelled "press on" and then "let go"; over where it goes,
            // not where the approach happened to end within its tolerance
            move(
                    () -> {
                        double[] p = xy.get();
                        return new double[] {p[0], p[1], s.lowestGripperHeight(p[0], p[1])};
                    },
                    Actions.CLOSE);
            grip(Actions.OPEN, 3);
            move(() -> new double[] {s.gx, s.gy, travel(null)}, Actions.OPEN);
            return this;
        }

        Plan pickAndPlace(Body b, Supplier<double[]> xy) {
            return pick(b).place(b, xy);
        }

        /** Pulls drawer {@code i} out by its handle. */
        Plan openDrawer(int i) {
            Cabinet.Drawer d = s.cabinet.drawers[i];
            over(() -> new double[] {d.handleX(), d.handleY() - 0.06}, null, Actions.OPEN);
            move(() -> new double[] {d.handleX(), d.handleY() - 0.06, d.handleZ()}, Actions.OPEN);
            move(() -> new double[] {d.handleX(), d.handleY(), d.handleZ()}, Actions.OPEN);
            grip(Actions.CLOSE, 4);
            move(() -> new double[] {d.handleX(), d.handleY() - 0.12, d.handleZ()}, Actions.CLOSE);
            grip(Actions.OPEN, 3);
            move(() -> new double[] {s.gx, s.gy - 0.04, s.gz}, Actions.OPEN);
            move(() -> new double[] {s.gx, s.gy, travel(null)}, Actions.OPEN);
            return this;
        }

        /** Pushes drawer {@code i} shut with closed fingers. */
        Plan closeDrawer(int i) {
            Cabinet.Drawer d = s.cabinet.drawers[i];
            over(() -> new double[] {d.handleX(), d.handleY() - 0.05}, null, Actions.CLOSE);
            move(() -> new double[] {d.handleX(), d.handleY() - 0.05, d.handleZ()}, Actions.CLOSE);
            move(() -> new double[] {d.handleX(), s.cabinet.front() + 0.02, d.handleZ()}, Actions.CLOSE);
            move(() -> new double[] {s.gx, s.gy - 0.06, s.gz}, Actions.CLOSE);
            move(() -> new double[] {s.gx, s.gy, travel(null)}, Actions.OPEN);
            return this;
        }

        /** Turns the stove's knob with open fingers around it. */
        Plan turnOnStove() {
            Stove st = s.stove;
            move(() -> new double[] {st.knobX(), st.knobY(), travel(null, st.knobX(), st.knobY()), 0}, Actions.OPEN);
            move(() -> new double[] {st.knobX(), st.knobY(), Stove.HEIGHT + 0.006, 0}, Actions.OPEN);
            move(() -> new double[] {s.gx, s.gy, s.gz, 0.9}, Actions.OPEN);
            move(() -> new double[] {s.gx, s.gy, travel(null), s.gyaw}, Actions.OPEN);
            return this;
        }

        /** Pushes the plate to (x, y) with closed fingers, low against the side away from where it goes. */
        Plan pushTo(Body plate, double x, double y) {
            double r = plate.kind.hx + 0.02;
            double[] dir = new double[2];
            double[] start = new double[2];
            move(
                    () -> {
                        double dx = x - plate.x;
                        double dy = y - plate.y;
                        double n = Math.max(1e-9, Math.hypot(dx, dy));
                        dir[0] = dx / n;
                        dir[1] = dy / n;
                        start[0] = plate.x - dir[0] * r;
                        start[1] = plate.y - dir[1] * r;
                        return new double[] {start[0], start[1], travel(null, start[0], start[1])};
                    },
                    Actions.CLOSE);
            move(() -> new double[] {start[0], start[1], 0.006}, Actions.CLOSE);
            move(() -> new double[] {x - dir[0] * r, y - dir[1] * r, 0.006}, Actions.CLOSE);
            move(() -> new double[] {s.gx - dir[0] * 0.03, s.gy - dir[1] * 0.03, 0.006}, Actions.CLOSE);
            move(() -> new double[] {s.gx, s.gy, travel(null)}, Actions.OPEN);
            return this;
        }

        /** Slides the held body into the microwave through its open door, sets it down and backs out. */
        Plan placeInMicrowave(Body b) {
            Microwave m = s.microwave;
            double carryZ = Microwave.FLOOR + 0.012 + (graspHeight(b) - b.z);
            double inX = m.x - 0.03;
            over(() -> new double[] {inX, m.y - Microwave.HY - 0.08}, b, Actions.CLOSE);
            move(() -> new double[] {inX, m.y - Microwave.HY - 0.08, carryZ}, Actions.CLOSE);
            move(() -> new double[] {inX, m.y + 0.005, carryZ}, Actions.CLOSE);
            grip(Actions.OPEN, 3);
            move(() -> new double[] {inX, m.y - Microwave.HY - 0.08, s.gz}, Actions.OPEN);
            return this;
        }

        /** Swings the microwave door shut by pushing its free edge along its arc. */
        Plan closeMicrowave() {
            Microwave m = s.microwave;
            double r = m.doorLength();
            double z = Microwave.HEIGHT / 2;
            move(
                    () -> {
                        double[] p = arc(m, Math.min(m.door + 0.3, Microwave.MAX_ANGLE + 0.2), r, 0);
                        p[2] = travel(null, p[0], p[1]);
                        return p;
                    },
                    Actions.CLOSE);
            move(() -> arc(m, Math.min(m.door + 0.3, Microwave.MAX_ANGLE + 0.2), r, z), Actions.CLOSE);
            for (int k = 12; k >= 0; k--) {
                double angle = k * 0.15;
                move(() -> arc(m, Math.min(angle, m.door + 0.3), r, z), Actions.CLOSE);
            }
            move(() -> new double[] {s.gx, s.gy - 0.05, s.gz}, Actions.CLOSE);
            move(() -> new double[] {s.gx, s.gy, travel(null)}, Actions.OPEN);
            return this;
        }

        private static double[] arc(Microwave m, double angle, double r, double z) {
            double x = m.hingeX() + Math.cos(angle) * r;
            double y = m.hingeY() - Math.max(Math.sin(angle) * r, 0.008);
            return new double[] {x, y, z};
        }
    }
}
