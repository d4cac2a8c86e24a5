package dev.srpo.tabletop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.StepResult;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.tabletop.perturb.Dimension;
import dev.srpo.tabletop.perturb.Perturbation;
import dev.srpo.tabletop.perturb.Variant;
import dev.srpo.tabletop.perturb.VariantGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each perturbation changes what it should and nothing else. */
class PerturbationEffectsTest {

    static final Task TASK = Suite.LONG.task(6); // white mug on the plate, pudding right of the plate

    /** One run of the clean expert: the first frame, the privileged state after every step, and the outcome. */
    record Run(byte[] firstFrame, String instruction, List<String> states, boolean success) {}

    static Run run(Perturbation p) {
        TabletopEnv env = new TabletopEnv(TASK, TabletopOptions.DEFAULT.withPerturbation(p));
        var first = env.reset(2);
        Expert expert = env.expert(0, 0);
        List<String> states = new ArrayList<>();
        StepResult r = null;
        while (!env.isDone()) {
            r = env.step(expert.act());
            Body mug = env.scene().body("white mug");
            states.add(String.format("%.6f %.6f %.6f %.6f", env.scene().gx, env.scene().gz, mug.x(), mug.z()));
        }
        return new Run(first.agentview(), first.instruction(), states, r.success());
    }

    static Perturbation level(Dimension d, int level) {
        Variant v = new VariantGenerator(11).variant(TASK.suite(), TASK.index(), d, level, 0);
        return v.perturbation();
    }

    static final Run CLEAN = run(Perturbation.NONE);

    @ParameterizedTest
    @EnumSource(
            value = Dimension.class,
            names = {"CAMERA", "LIGHT", "BACKGROUND", "NOISE"})
    void picturesChangeButTheWorldDoesNot(Dimension d) {
        Run perturbed = run(level(d, 3));
        assertFalse(Arrays.equals(CLEAN.firstFrame(), perturbed.firstFrame()), d + " leaves the frame as it was");
        assertEquals(CLEAN.states(), perturbed.states(), d + " changed the physics");
        assertEquals(CLEAN.instruction(), perturbed.instruction());
    }

    @Test
    void sensorNoiseSparesTheWristCamera() {
        TabletopOptions wrist = TabletopOptions.DEFAULT.withWrist(true);
        var clean = new TabletopEnv(TASK, wrist).reset(2);
        var noisy = new TabletopEnv(TASK, wrist.withPerturbation(level(Dimension.NOISE, 5))).reset(2);
        assertFalse(Arrays.equals(clean.agentview(), noisy.agentview()));
        assertArrayEquals(clean.wrist(), noisy.wrist());
    }

    @Test
    void languageChangesOnlyTheInstruction() {
        Run perturbed = run(level(Dimension.LANGUAGE, 3));
        assertNotEquals(CLEAN.instruction(), perturbed.instruction());
        assertArrayEquals(CLEAN.firstFrame(), perturbed.firstFrame());
        assertEquals(CLEAN.states(), perturbed.states());
        assertTrue(perturbed.success());
    }

    @Test
    void robotInitMovesTheGripperStartOnly() {
        Perturbation p = level(Dimension.ROBOT_INIT, 5);
        TabletopEnv clean = new TabletopEnv(TASK);
        TabletopEnv moved = new TabletopEnv(TASK, TabletopOptions.DEFAULT.withPerturbation(p));
        float[] a = clean.reset(2).proprio();
        float[] b = moved.reset(2).proprio();
        assertEquals(a[0] + p.robot().dx(), b[0], 1e-5);
        assertEquals(a[1] + p.robot().dy(), b[1], 1e-5);
        assertEquals(a[2] + p.robot().dz(), b[2], 1e-5);
        assertEquals(a[5] + Math.toRadians(p.robot().dyawDeg()), b[5], 1e-5);
        assertEquals(
                clean.scene().body("plate").x(), moved.scene().body("plate").x());
        assertTrue(run(p).success(), "the expert adapts to another start");
    }

    @Test
    void layoutDisplacesTheTargetAndAddsDistractors() {
        Perturbation p = level(Dimension.LAYOUT, 5);
        TabletopEnv clean = new TabletopEnv(TASK);
        TabletopEnv moved = new TabletopEnv(TASK, TabletopOptions.DEFAULT.withPerturbation(p));
        clean.reset(2);
        moved.reset(2);
        Body a = clean.scene().body("white mug");
        Body b = moved.scene().body("white mug");
        assertEquals(a.x() + p.layout().targetDx(), b.x(), 1e-9);
        assertEquals(a.y() + p.layout().targetDy(), b.y(), 1e-9);
        long distractors = moved.scene().bodies.stream()
                .filter(x -> x.name.startsWith("distractor"))
                .count();
        assertEquals(p.layout().distractors(), distractors);
        assertEquals(
                clean.scene().bodies.size() + distractors, moved.scene().bodies.size());
        for (Body other : clean.scene().bodies) { // everything else stays where it was
            if (!other.name.equals("white mug")) {
                Body same = moved.scene().body(other.name);
                assertEquals(other.x(), same.x(), 1e-9, other.name);
                assertEquals(other.y(), same.y(), 1e-9, other.name);
            }
        }
    }
}
