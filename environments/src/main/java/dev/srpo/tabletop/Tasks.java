package dev.srpo.tabletop;

import static dev.srpo.tabletop.ObjectKind.*;

import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The 40 tasks of LIBERO-Spatial, -Object, -Goal and -10: their scenes, goals and experts. Coordinates are metres
 * on the table (x right, y away from the camera); each initial state jitters every object by up to 1.5 cm and the
 * gripper's start by up to 2 cm, from a seed fixed by (suite, task, initial state).
 */
final class Tasks {

    private static final ObjectKind[] GROCERIES = {
        ALPHABET_SOUP, CREAM_CHEESE, SALAD_DRESSING, BBQ_SAUCE, KETCHUP,
        TOMATO_SAUCE, BUTTER, MILK, CHOCOLATE_PUDDING, ORANGE_JUICE
    };

    private static final double[][] GROCERY_SPOTS = {
        {-0.2, -0.12}, {-0.06, -0.16}, {0.08, -0.14}, {0.22, -0.1}, {-0.24, 0.06}, {0.22, 0.1}
    };

    private static final Map<Suite, List<TaskSpec>> SPECS = new EnumMap<>(Suite.class);

    static {
        SPECS.put(Suite.SPATIAL, spatial());
        SPECS.put(Suite.OBJECT, object());
        SPECS.put(Suite.GOAL, goal());
        SPECS.put(Suite.LONG, libero10());
    }

    private Tasks() {}

    static TaskSpec spec(Task task) {
        return SPECS.get(task.suite()).get(task.index());
    }

    // --- building blocks ---------------------------------------------------------------------------------------------

    /** A scene under construction: objects placed at jittered spots, then settled. */
    private static final class Layout {
        final Scene s = new Scene();
        final SplittableRandom r;

        Layout(SplittableRandom r) {
            this.r = r;
            s.gx = jitter(0, 0.02);
            s.gy = jitter(0.12, 0.02);
            s.gz = 0.25 + jitter(0, 0.02);
        }

        double jitter(double v, double amount) {
            return v + (r.nextDouble() * 2 - 1) * amount;
        }

        Body put(String name, ObjectKind kind, double x, double y) {
            return s.add(name, kind, jitter(x, 0.015), jitter(y, 0.015));
        }

        /** Stands {@code kind} on top of {@code base}, centred (dropped from above, it settles there). */
        Body putOn(String name, ObjectKind kind, Body base) {
            Body b = s.add(name, kind, base.x, base.y);
            b.z = base.top() + 0.001;
            return b;
        }

        Layout cabinet(double x, double y) {
            s.cabinet = new Cabinet(jitter(x, 0.01), jitter(y, 0.01));
            return this;
        }

        Layout stove(double x, double y) {
            s.stove = new Stove(jitter(x, 0.01), jitter(y, 0.01));
            return this;
        }

        Scene done() {
            s.settleAll();
            return s;
        }
    }

    private static Function<SplittableRandom, Scene> scene(Consumer<Layout> build) {
        return r -> {
            Layout l = new Layout(r);
            build.accept(l);
            return l.done();
        };
    }

    private static Goal goal(Goal.Condition... conditions) {
        return new Goal(List.of(conditions));
    }

    private interface PlanBody {
        void build(Expert.Plan p, Scene s);
    }

    private static Function<Scene, List<Expert.Phase>> plan(PlanBody body) {
        return s -> {
            Expert.Plan p = new Expert.Plan(s);
            body.build(p, s);
            return p.phases();
        };
    }

    private static double[] xy(double x, double y) {
        return new double[] {x, y};
    }

    // --- LIBERO-Spatial: the same objects in ten layouts; put the named black bowl on the plate --------------------

    private static List<TaskSpec> spatial() {
        // where the target bowl starts, and where the plate, ramekin and cookie box are, per task
        List<Consumer<Layout>> layouts = List.of(
                l -> { // between the plate and the ramekin
                    l.put("plate", PLATE, -0.16, -0.1);
                    l.put("ramekin", RAMEKIN, 0.14, -0.1);
                    l.put("black bowl 1", BLACK_BOWL, 0.0, -0.1);
                    l.put("cookie box", COOKIE_BOX, -0.05, 0.12);
                    l.put("black bowl 2", BLACK_BOWL, 0.12, 0.08);
                },
                l -> { // next to the ramekin
                    l.put("ramekin", RAMEKIN, 0.18, 0.0);
                    l.put("black bowl 1", BLACK_BOWL, 0.08, 0.0);
                    l.put("plate", PLATE, -0.16, -0.14);
                    l.put("cookie box", COOKIE_BOX, -0.1, 0.1);
                    l.put("black bowl 2", BLACK_BOWL, 0.04, -0.2);
                },
                l -> { // from the table centre
                    l.put("black bowl 1", BLACK_BOWL, 0.0, 0.0);
                    l.put("plate", PLATE, -0.18, -0.16);
                    l.put("ramekin", RAMEKIN, 0.2, -0.14);
                    l.put("cookie box", COOKIE_BOX, -0.1, 0.14);
                    l.put("black bowl 2", BLACK_BOWL, 0.16, 0.06);
                },
                l -> { // on the cookie box
                    Body box = l.put("cookie box", COOKIE_BOX, 0.1, -0.04);
                    l.putOn("black bowl 1", BLACK_BOWL, box);
                    l.put("plate", PLATE, -0.16, -0.12);
                    l.put("ramekin", RAMEKIN, -0.02, 0.14);
                    l.put("black bowl 2", BLACK_BOWL, 0.0, -0.2);
                },
                l -> { // in the top drawer of the wooden cabinet
                    l.s.cabinet.drawers[0].open = 0.13;
                    Cabinet c = l.s.cabinet;
                    Body bowl = l.s.add("black bowl 1", BLACK_BOWL, c.x, c.front() - 0.065);
                    bowl.z = c.drawers[0].floor() + 0.001;
                    l.put("plate", PLATE, -0.16, -0.12);
                    l.put("ramekin", RAMEKIN, 0.0, -0.18);
                    l.put("cookie box", COOKIE_BOX, -0.12, 0.12);
                    l.put("black bowl 2", BLACK_BOWL, 0.02, 0.02);
                },
                l -> { // on the ramekin
                    Body ramekin = l.put("ramekin", RAMEKIN, 0.1, -0.06);
                    l.putOn("black bowl 1", BLACK_BOWL, ramekin);
                    l.put("plate", PLATE, -0.16, -0.12);
                    l.put("cookie box", COOKIE_BOX, -0.08, 0.12);
                    l.put("black bowl 2", BLACK_BOWL, 0.1, 0.1);
                },
                l -> { // next to the cookie box
                    l.put("cookie box", COOKIE_BOX, 0.12, 0.02);
                    l.put("black bowl 1", BLACK_BOWL, 0.12, -0.09);
                    l.put("plate", PLATE, -0.16, -0.12);
                    l.put("ramekin", RAMEKIN, -0.04, 0.12);
                    l.put("black bowl 2", BLACK_BOWL, -0.02, -0.04);
                },
                l -> { // on the stove
                    Body bowl = l.s.add("black bowl 1", BLACK_BOWL, l.s.stove.x - 0.02, l.s.stove.y + 0.01);
                    bowl.z = Stove.HEIGHT + 0.001;
                    l.put("plate", PLATE, 0.02, -0.14);
                    l.put("ramekin", RAMEKIN, 0.16, -0.04);
                    l.put("cookie box", COOKIE_BOX, 0.0, 0.06);
                    l.put("black bowl 2", BLACK_BOWL, -0.16, -0.12);
                },
                l -> { // next to the plate
                    l.put("plate", PLATE, -0.12, -0.1);
                    l.put("black bowl 1", BLACK_BOWL, 0.0, -0.1);
                    l.put("ramekin", RAMEKIN, 0.14, -0.14);
                    l.put("cookie box", COOKIE_BOX, -0.06, 0.12);
                    l.put("black bowl 2", BLACK_BOWL, 0.12, 0.04);
                },
                l -> { // on the wooden cabinet
                    Cabinet c = l.s.cabinet;
                    Body bowl = l.s.add("black bowl 1", BLACK_BOWL, c.x, c.y);
                    bowl.z = Cabinet.HEIGHT + 0.001;
                    l.put("plate", PLATE, -0.14, -0.12);
                    l.put("ramekin", RAMEKIN, 0.06, -0.16);
                    l.put("cookie box", COOKIE_BOX, -0.06, 0.12);
                    l.put("black bowl 2", BLACK_BOWL, 0.06, 0.0);
                });
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Consumer<Layout> objects = layouts.get(i);
            specs.add(new TaskSpec(
                    Suite.SPATIAL.task(i),
                    scene(l -> {
                        l.cabinet(0.34, 0.24).stove(-0.32, 0.2);
                        objects.accept(l);
                    }),
                    goal(Goal.on("black bowl 1", "plate")),
                    plan((p, s) -> {
                        Body plate = s.body("plate");
                        p.pickAndPlace(s.body("black bowl 1"), () -> xy(plate.x, plate.y));
                    })));
        }
        return specs;
    }

    // --- LIBERO-Object: one basket, groceries around it; put the named one in the basket ---------------------------

    private static List<TaskSpec> object() {
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int target = i;
            String name = GROCERIES[i].label;
            specs.add(new TaskSpec(
                    Suite.OBJECT.task(i),
                    scene(l -> {
                        l.put("basket", BASKET, 0.0, 0.12);
                        // the target and five others, at spots that rotate with the task
                        for (int k = 0; k < GROCERY_SPOTS.length; k++) {
                            ObjectKind kind = GROCERIES[(target + k * 3) % GROCERIES.length];
                            double[] spot = GROCERY_SPOTS[(k + target) % GROCERY_SPOTS.length];
                            l.put(kind.label, kind, spot[0], spot[1]);
                        }
                    }),
                    goal(Goal.in(name, "basket")),
                    plan((p, s) -> {
                        Body basket = s.body("basket");
                        p.pickAndPlace(s.body(name), () -> xy(basket.x, basket.y));
                    })));
        }
        return specs;
    }

    // --- LIBERO-Goal: one kitchen scene, ten goals -------------------------------------------------------------------

    private static Consumer<Layout> kitchen() {
        return l -> {
            l.cabinet(0.32, 0.22).stove(-0.3, 0.2);
            l.put("black bowl", BLACK_BOWL, 0.02, -0.06);
            l.put("plate", PLATE, -0.16, -0.14);
            l.put("wine bottle", WINE_BOTTLE, 0.2, -0.12);
            l.put("wine rack", WINE_RACK, 0.02, 0.22);
            l.put("cream cheese", CREAM_CHEESE, -0.12, 0.04);
        };
    }

    private static List<TaskSpec> goal() {
        List<Goal> goals = List.of(
                goal(Goal.open(1)),
                goal(Goal.onStove("black bowl")),
                goal(Goal.onCabinet("wine bottle")),
                goal(Goal.open(0), Goal.inDrawer("black bowl", 0)),
                goal(Goal.onCabinet("black bowl")),
                goal(Goal.inFrontOfStove("plate")),
                goal(Goal.in("cream cheese", "black bowl")),
                goal(Goal.stoveOn()),
                goal(Goal.on("black bowl", "plate")),
                goal(Goal.on("wine bottle", "wine rack")));
        List<PlanBody> plans = List.of(
                (p, s) -> p.openDrawer(1),
                (p, s) -> p.pickAndPlace(s.body("black bowl"), () -> xy(s.stove.x - 0.02, s.stove.y + 0.01)),
                (p, s) -> p.pickAndPlace(s.body("wine bottle"), () -> xy(s.cabinet.x, s.cabinet.y)),
                (p, s) -> p.openDrawer(0)
                        .pickAndPlace(s.body("black bowl"), () -> xy(s.cabinet.x, s.cabinet.front() - 0.07)),
                (p, s) -> p.pickAndPlace(s.body("black bowl"), () -> xy(s.cabinet.x, s.cabinet.y)),
                (p, s) -> p.pushTo(s.body("plate"), s.stove.x, s.stove.front() - 0.1),
                (p, s) -> {
                    Body bowl = s.body("black bowl");
                    p.pickAndPlace(s.body("cream cheese"), () -> xy(bowl.x, bowl.y));
                },
                (p, s) -> p.turnOnStove(),
                (p, s) -> {
                    Body plate = s.body("plate");
                    p.pickAndPlace(s.body("black bowl"), () -> xy(plate.x, plate.y));
                },
                (p, s) -> {
                    Body rack = s.body("wine rack");
                    p.pickAndPlace(s.body("wine bottle"), () -> xy(rack.x, rack.y));
                });
        List<TaskSpec> specs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            specs.add(new TaskSpec(Suite.GOAL.task(i), scene(kitchen()), goals.get(i), plan(plans.get(i))));
        }
        return specs;
    }

    // --- LIBERO-10: long-horizon, two-stage tasks in their own scenes ------------------------------------------------

    private static List<TaskSpec> libero10() {
        List<TaskSpec> specs = new ArrayList<>();
        specs.add(basketPair(0, ALPHABET_SOUP, TOMATO_SAUCE, CREAM_CHEESE, KETCHUP));
        specs.add(basketPair(1, CREAM_CHEESE, BUTTER, ALPHABET_SOUP, MILK));
        specs.add(
                new TaskSpec( // turn on the stove and put the moka pot on it
                        Suite.LONG.task(2),
                        scene(l -> {
                            l.stove(-0.05, 0.18);
                            l.put("moka pot", MOKA_POT, 0.16, -0.1);
                            l.put("black bowl", BLACK_BOWL, -0.2, -0.12);
                        }),
                        goal(Goal.stoveOn(), Goal.onStove("moka pot")),
                        plan((p, s) -> p.turnOnStove()
                                .pickAndPlace(s.body("moka pot"), () -> xy(s.stove.x - 0.03, s.stove.y + 0.02)))));
        specs.add(
                new TaskSpec( // put the black bowl in the bottom drawer of the cabinet and close it
                        Suite.LONG.task(3),
                        scene(l -> {
                            l.cabinet(0.24, 0.24);
                            l.s.cabinet.drawers[2].open = 0.13;
                            l.put("black bowl", BLACK_BOWL, -0.14, -0.1);
                            l.put("plate", PLATE, -0.2, 0.12);
                        }),
                        goal(Goal.inDrawer("black bowl", 2), Goal.closed(2)),
                        plan((p, s) -> p.pickAndPlace(
                                        s.body("black bowl"), () -> xy(s.cabinet.x, s.cabinet.front() - 0.068))
                                .closeDrawer(2))));
        specs.add(
                new TaskSpec( // white mug on the left plate, yellow and white mug on the right plate
                        Suite.LONG.task(4),
                        scene(l -> {
                            l.put("left plate", PLATE, -0.16, -0.12);
                            l.put("right plate", PLATE, 0.16, -0.12);
                            l.put("white mug", WHITE_MUG, 0.1, 0.12);
                            l.put("yellow and white mug", YELLOW_WHITE_MUG, -0.1, 0.12);
                        }),
                        goal(Goal.on("white mug", "left plate"), Goal.on("yellow and white mug", "right plate")),
                        plan((p, s) -> {
                            Body left = s.body("left plate");
                            Body right = s.body("right plate");
                            p.pickAndPlace(s.body("white mug"), () -> xy(left.x, left.y))
                                    .pickAndPlace(s.body("yellow and white mug"), () -> xy(right.x, right.y));
                        })));
        specs.add(
                new TaskSpec( // pick up the book and place it in the back compartment of the caddy
                        Suite.LONG.task(5),
                        scene(l -> {
                            l.put("caddy", CADDY, 0.12, 0.1);
                            l.put("book", BOOK, -0.14, -0.1);
                            l.put("white mug", WHITE_MUG, -0.16, 0.14);
                        }),
                        goal(Goal.inBackCompartment("book", "caddy")),
                        plan((p, s) -> {
                            Body caddy = s.body("caddy");
                            p.pickAndPlace(s.body("book"), () -> xy(caddy.x, caddy.y + 0.048));
                        })));
        specs.add(
                new TaskSpec( // white mug on the plate, chocolate pudding to the right of the plate
                        Suite.LONG.task(6),
                        scene(l -> {
                            l.put("plate", PLATE, -0.06, -0.08);
                            l.put("white mug", WHITE_MUG, -0.2, 0.12);
                            l.put("chocolate pudding", CHOCOLATE_PUDDING, 0.04, 0.14);
                            l.put("ketchup", KETCHUP, 0.22, -0.12);
                        }),
                        goal(Goal.on("white mug", "plate"), Goal.rightOf("chocolate pudding", "plate")),
                        plan((p, s) -> {
                            Body plate = s.body("plate");
                            p.pickAndPlace(s.body("white mug"), () -> xy(plate.x, plate.y))
                                    .pickAndPlace(s.body("chocolate pudding"), () -> xy(plate.x + 0.13, plate.y));
                        })));
        specs.add(basketPair(7, ALPHABET_SOUP, CREAM_CHEESE, TOMATO_SAUCE, BUTTER));
        specs.add(
                new TaskSpec( // put both moka pots on the stove
                        Suite.LONG.task(8),
                        scene(l -> {
                            l.stove(0.0, 0.18);
                            l.put("moka pot 1", MOKA_POT, -0.16, -0.1);
                            l.put("moka pot 2", MOKA_POT, 0.16, -0.1);
                        }),
                        goal(Goal.onStove("moka pot 1"), Goal.onStove("moka pot 2")),
                        plan((p, s) -> p.pickAndPlace(
                                        s.body("moka pot 1"), () -> xy(s.stove.x - 0.055, s.stove.y + 0.02))
                                .pickAndPlace(s.body("moka pot 2"), () -> xy(s.stove.x + 0.02, s.stove.y + 0.02)))));
        specs.add(
                new TaskSpec( // put the yellow and white mug in the microwave and close it
                        Suite.LONG.task(9),
                        scene(l -> {
                            l.s.microwave = new Microwave(l.jitter(-0.12, 0.01), l.jitter(0.2, 0.01), 1.5);
                            l.put("yellow and white mug", YELLOW_WHITE_MUG, 0.14, -0.1);
                            l.put("plate", PLATE, 0.2, 0.14);
                        }),
                        goal(Goal.inMicrowave("yellow and white mug"), Goal.microwaveClosed()),
                        plan((p, s) -> p.pick(s.body("yellow and white mug"))
                                .placeInMicrowave(s.body("yellow and white mug"))
                                .closeMicrowave())));
        return specs;
    }

    /** "put both the A and the B in the basket", with two distractors. */
    private static TaskSpec basketPair(int index, ObjectKind a, ObjectKind b, ObjectKind c, ObjectKind d) {
        return new TaskSpec(
                Suite.LONG.task(index),
                scene(l -> {
                    l.put("basket", BASKET, 0.0, 0.14);
                    l.put(a.label, a, -0.18, -0.1);
                    l.put(b.label, b, 0.18, -0.1);
                    l.put(c.label, c, 0.0, -0.14);
                    l.put(d.label, d, -0.22, 0.1);
                }),
                goal(Goal.in(a.label, "basket"), Goal.in(b.label, "basket")),
                plan((p, s) -> {
                    Body basket = s.body("basket");
                    p.pickAndPlace(s.body(a.label), () -> xy(basket.x - 0.035, basket.y))
                            .pickAndPlace(s.body(b.label), () -> xy(basket.x + 0.035, basket.y));
                }));
    }
}
