package dev.srpo.tabletop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.Actions;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.tabletop.perturb.Dimension;
import dev.srpo.tabletop.perturb.VariantGenerator;
import org.junit.jupiter.api.Test;

/** The scene's rules, and predicates that must not be fooled by near misses. */
class PhysicsTest {

    static TabletopEnv env(Suite suite, int task) {
        TabletopEnv env = new TabletopEnv(suite.task(task), TabletopOptions.DEFAULT.withSize(32, 32), ExpertTest.BLANK);
        env.reset(0);
        return env;
    }

    static float[] act(float dx, float dy, float dz, float grip) {
        return new float[] {dx, dy, dz, 0, 0, 0, grip};
    }

    /** Moves the gripper to (x, y, z) with the given gripper command, one step at a time. */
    static void goTo(TabletopEnv env, double x, double y, double z, float grip) {
        Scene s = env.scene();
        for (int i = 0; i < 120; i++) {
            env.step(act(
                    (float) Scene.clamp((x - s.gx) / Scene.SPEED, -1, 1),
                    (float) Scene.clamp((y - s.gy) / Scene.SPEED, -1, 1),
                    (float) Scene.clamp((z - s.gz) / Scene.SPEED, -1, 1),
                    grip));
        }
    }

    @Test
    void aMugOnTheMicrowaveRoofIsNotInIt() {
        TabletopEnv env = env(Suite.LONG, 9);
        Scene s = env.scene();
        Body mug = s.body("yellow and white mug");
        s.microwave.door = 0; // closed, and the mug dropped on the roof
        mug.x = s.microwave.x - 0.02;
        mug.y = s.microwave.y;
        mug.z = 0.3;
        mug.support = null;
        s.settleAll();
        assertEquals(Microwave.HEIGHT, mug.z(), 1e-9);
        assertFalse(env.goal().holds(s), env.predicates().toString());
        assertFalse(env.predicates().get("In(yellow and white mug, microwave)"));
    }

    @Test
    void theOpenMicrowaveStillHasARoof() {
        TabletopEnv env = env(Suite.LONG, 9);
        Scene s = env.scene();
        Body mug = s.body("yellow and white mug");
        mug.x = s.microwave.x - 0.02;
        mug.y = s.microwave.y;
        mug.z = 0.3;
        mug.support = null;
        s.settleAll();
        assertEquals(Microwave.HEIGHT, mug.z(), 1e-9, "dropped from above, it lands on the roof, door open or not");
        goTo(env, s.microwave.x - 0.02, s.microwave.y, 0.1, Actions.OPEN);
        assertTrue(s.gz >= Microwave.HEIGHT, "fingers stop on the roof, at " + s.gz);
    }

    @Test
    void aBowlOnADrawerWallIsNotInTheDrawer() {
        TabletopEnv env = env(Suite.GOAL, 3); // open the top drawer and put the bowl inside
        Scene s = env.scene();
        Cabinet.Drawer top = s.cabinet.drawers[0];
        top.open = 0.13;
        Body bowl = s.body("black bowl");
        bowl.x = s.cabinet.x + Cabinet.HX - 0.008; // over the side wall
        bowl.y = s.cabinet.front() - 0.06;
        bowl.z = 0.35;
        bowl.support = null;
        s.settleAll();
        assertTrue(bowl.z() > top.floor() + 0.01, "rests on the wall, at " + bowl.z());
        assertFalse(Goal.inDrawer("black bowl", 0).holds(s));
    }

    @Test
    void aFallingObjectIsNotYetRightOfThePlate() {
        TabletopEnv env = env(Suite.LONG, 6);
        Scene s = env.scene();
        Body plate = s.body("plate");
        Body pudding = s.body("chocolate pudding");
        pudding.x = plate.x + 0.13;
        pudding.y = plate.y;
        pudding.z = 0.2;
        pudding.support = null;
        assertFalse(Goal.rightOf("chocolate pudding", "plate").holds(s));
        s.settleAll();
        assertTrue(Goal.rightOf("chocolate pudding", "plate").holds(s));
    }

    @Test
    void aBookOnTheCaddyRimIsNotInTheBackCompartment() {
        TabletopEnv env = env(Suite.LONG, 5);
        Scene s = env.scene();
        Body caddy = s.body("caddy");
        Body book = s.body("book");
        book.x = caddy.x;
        book.y = caddy.y + ObjectKind.CADDY.hy - 0.003; // over the back wall
        book.z = 0.2;
        book.support = null;
        s.settleAll();
        assertFalse(Goal.inBackCompartment("book", "caddy").holds(s));
        book.y = caddy.y + 0.05;
        book.z = 0.2;
        book.support = null;
        s.settleAll();
        assertTrue(Goal.inBackCompartment("book", "caddy").holds(s));
    }

    @Test
    void closingFingersStopAtAnObjectInsteadOfPassingThroughIt() {
        TabletopEnv env = env(Suite.OBJECT, 0);
        Scene s = env.scene();
        Body can = s.body("alphabet soup");
        // fingers open around the can but 2.55 cm off its centre: too far to catch it (2 cm), and closing would
        // sweep the near fingertip through it
        goTo(env, can.x + 0.0255, can.y, can.z + 0.02, Actions.OPEN);
        assertEquals(can.z + 0.02, s.gz, 1e-3, "the open fingers went down around the can");
        for (int i = 0; i < 6; i++) {
            env.step(act(0, 0, 0, Actions.CLOSE));
        }
        assertNull(s.held());
        assertEquals(Scene.MAX_GAP, s.gap(), 1e-9, "the fingers stayed open against the can");
    }

    @Test
    void thePlateIsNotPushedIntoTheStove() {
        TabletopEnv env = env(Suite.GOAL, 8); // the kitchen scene, with a task that pushing cannot end
        Scene s = env.scene();
        Body plate = s.body("plate");
        plate.x = s.stove.x;
        plate.y = s.stove.front() - plate.kind.hx - 0.01;
        goTo(env, plate.x, plate.y - plate.kind.hx - 0.02, 0.006, Actions.CLOSE);
        goTo(env, plate.x, plate.y + 0.2, 0.006, Actions.CLOSE); // push it towards, and into, the stove
        assertTrue(plate.y() + plate.kind.hx <= s.stove.front() + 1e-6, "plate rim at " + (plate.y() + plate.kind.hx));
    }

    @Test
    void theGripperNeverStartsInsideASolid() {
        VariantGenerator generator = new VariantGenerator(3);
        for (Suite suite : Suite.values()) {
            for (Task task : suite.tasks()) {
                var robot = generator
                        .variant(suite, task.index(), Dimension.ROBOT_INIT, 5, 0)
                        .perturbation();
                for (var options : new TabletopOptions[] {
                    TabletopOptions.DEFAULT.withSize(32, 32),
                    TabletopOptions.DEFAULT.withSize(32, 32).withPerturbation(robot)
                }) {
                    TabletopEnv env = new TabletopEnv(task, options, ExpertTest.BLANK);
                    for (int i = 0; i < Task.INITIAL_STATES; i++) {
                        env.reset(i);
                        Scene s = env.scene();
                        double h = s.gap() / 2;
                        for (int side = -1; side <= 1; side += 2) {
                            double fx = s.gx + side * Math.cos(s.gyaw) * h;
                            double fy = s.gy + side * Math.sin(s.gyaw) * h;
                            assertTrue(s.floorUnder(fx, fy, null, s.gz) <= s.gz + 0.003, task + " state " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void anExpertFromAnEarlierEpisodeRefusesToAct() {
        TabletopEnv env = env(Suite.GOAL, 1);
        Expert expert = env.expert(0, 0);
        env.reset(1);
        var e = assertThrows(IllegalStateException.class, expert::act);
        assertTrue(e.getMessage().contains("earlier episode"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.expert(Double.NaN, 0));
    }

    @Test
    void unknownTasksAreRefused() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> new TabletopEnv(new Task(Suite.GOAL, 1, "open the fridge")));
        assertTrue(e.getMessage().contains("unknown task"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TabletopEnv(new Task(Suite.GOAL, 12, "x")));
    }
}
