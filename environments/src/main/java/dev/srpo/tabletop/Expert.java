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
     * gripper-only phase when the fingers have done their work (null: only the step count ends it). Every phase
     * acts at least once.
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
            }
            if (!phaseDone(p)) {
                a[Actions.GRIPPER] = p.grip();
                if (target != null) {
                    for (int i = 0; i < 3; i++) {
                        a[i] = (float) Scene.clamp((target[i] - pos(i)) / Scene.SPEED, -1, 1);
                    }
                    if (target.length > 3) {
                        a[5] = (float) Scene.clamp((target[3] - scene.gyaw) / Scene.TURN, -1, 1);
                    }
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

        /** Safe height to travel at: above everything in the scene, the held object included. */
        double travel(Body carried) {
            double top = 0.12;
            if (s.cabinet != null) {
                top = Cabinet.HEIGHT;
            } else if (s.microwave != null) {
                top = Microwave.HEIGHT;
            }
            for (Body b : s.bodies) {
                if (b != s.held) {
                    top = Math.max(top, b.top());
                }
            }
            double load = carried == null ? 0 : 2 * carried.kind.hz;
            return top + load + 0.04;
        }

        /** Where the fingertips close on a body: low enough to hold it, high enough to clear what it stands on. */
        static double graspHeight(Body b) {
            return b.z + Math.min(0.02, 2 * b.kind.hz - 0.008);
        }

        Plan pick(Body b) {
            move(() -> new double[] {b.x, b.y, travel(b)}, Actions.OPEN);
            // no lower than the fingers can go (they may land on a rim or a neighbour first): a reachable target
            move(() -> new double[] {b.x, b.y, Math.max(graspHeight(b), s.lowestGripperHeight())}, Actions.OPEN);
            grip(Actions.CLOSE, 4);
            move(() -> new double[] {s.gx, s.gy, travel(b)}, Actions.CLOSE);
            return this;
        }

        /** Carries the held body {@code b} over (x, y) and lowers it until it stands, then lets go. */
        Plan place(Body b, Supplier<double[]> xy) {
            move(
                    () -> {
                        double[] p = xy.get();
                        return new double[] {p[0], p[1], travel(b)};
                    },
                    Actions.CLOSE);
            // down to where the object stands, a height it reaches and sees itself reach: pressing down until blocked
            // would show the cloned policy identical frames labelled "press on" and then "let go"
            move(() -> new double[] {s.gx, s.gy, s.lowestGripperHeight()}, Actions.CLOSE);
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
            move(() -> new double[] {d.handleX(), d.handleY() - 0.06, travel(null)}, Actions.OPEN);
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
            move(() -> new double[] {d.handleX(), d.handleY() - 0.05, travel(null)}, Actions.CLOSE);
            move(() -> new double[] {d.handleX(), d.handleY() - 0.05, d.handleZ()}, Actions.CLOSE);
            move(() -> new double[] {d.handleX(), s.cabinet.front() + 0.02, d.handleZ()}, Actions.CLOSE);
            move(() -> new double[] {s.gx, s.gy - 0.06, s.gz}, Actions.CLOSE);
            move(() -> new double[] {s.gx, s.gy, travel(null)}, Actions.OPEN);
            return this;
        }

        /** Turns the stove's knob with open fingers around it. */
        Plan turnOnStove() {
            Stove st = s.stove;
            move(() -> new double[] {st.knobX(), st.knobY(), travel(null), 0}, Actions.OPEN);
            move(() -> new double[] {st.knobX(), st.knobY(), Stove.HEIGHT + 0.006, 0}, Actions.OPEN);
            move(() -> new double[] {s.gx, s.gy, s.gz, 0.9}, Actions.OPEN);
            move(() -> new double[] {s.gx, s.gy, travel(null), s.gyaw}, Actions.OPEN);
            return this;
        }

        /** Pushes the plate to (x, y) with closed fingers, low against the side away from where it goes. */
        Plan pushTo(Body plate, double x, double y) {
            double r = plate.kind.hx + 0.02;
            double[] dir = new double[2];
            move(
                    () -> {
                        double dx = x - plate.x;
                        double dy = y - plate.y;
                        double n = Math.max(1e-9, Math.hypot(dx, dy));
                        dir[0] = dx / n;
                        dir[1] = dy / n;
                        return new double[] {plate.x - dir[0] * r, plate.y - dir[1] * r, travel(null)};
                    },
                    Actions.CLOSE);
            move(() -> new double[] {s.gx, s.gy, 0.006}, Actions.CLOSE);
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
            move(() -> new double[] {inX, m.y - Microwave.HY - 0.08, travel(b)}, Actions.CLOSE);
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
            move(() -> arc(m, Math.min(m.door + 0.3, Microwave.MAX_ANGLE + 0.2), r, travel(null)), Actions.CLOSE);
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
