package dev.srpo.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.data.Episode;
import dev.srpo.env.Observation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SftTest {

    /** Red frames: move +x, gripper closed; blue frames: move −x, gripper open. */
    static Episode episode(boolean red, int steps) {
        List<byte[]> frames = new ArrayList<>();
        List<float[]> actions = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            byte[] f = new byte[16 * 16 * 3];
            for (int p = 0; p < 256; p++) {
                f[3 * p + (red ? 0 : 2)] = (byte) (200 + (t % 5));
            }
            frames.add(f);
            actions.add(red ? new float[] {0.8f, 0, 0.1f, 0, 0, 0, 1} : new float[] {-0.8f, 0, -0.1f, 0, 0, 0, -1});
        }
        return new Episode("test/" + (red ? 0 : 1), red ? "go right" : "go left", 0, true, 16, 16, frames, actions);
    }

    @Test
    void aShortRunLowersTheLossAndLearnsTheMapping() {
        List<Episode> eps = List.of(episode(true, 20), episode(false, 20));
        try (SmallVla p = Sft.newPolicy(eps, SmallVlaTest.TINY, List.of("go right", "go left"), 3)) {
            SftResult r = Sft.train(p, eps, new SftConfig(80, 16, 3e-3f, 1, 0.1f, 3), null);
            assertEquals(80, r.losses().length);
            assertEquals(40, r.samples());
            assertTrue(r.lastLoss(10) < 0.5 * r.firstLoss(10), r.firstLoss(10) + " -> " + r.lastLoss(10));
            Observation red = new Observation(eps.get(0).frames().get(0), 16, 16, null, new float[8], "go right");
            Observation blue = new Observation(eps.get(1).frames().get(0), 16, 16, null, new float[8], "go left");
            float[][][] a = p.greedy(List.of(red, blue)).actions();
            assertTrue(a[0][0][0] > 0.5f && a[1][0][0] < -0.5f, a[0][0][0] + " " + a[1][0][0]);
            assertEquals(1f, a[0][1][6]);
            assertEquals(-1f, a[1][1][6]);
        }
    }

    @Test
    void noDemonstrationStepsIsAnError() {
        Episode empty = new Episode("t/0", "x", 0, true, 16, 16, List.of(), List.of());
        try (SmallVla p = SmallVla.create(
                SmallVlaTest.TINY, ActionTokenizer.unitRange(), InstructionTokenizer.libero(List.of()), 0)) {
            assertThrows(IllegalArgumentException.class, () -> Sft.train(p, List.of(empty), SftConfig.ONE_SHOT, null));
        }
    }
}
