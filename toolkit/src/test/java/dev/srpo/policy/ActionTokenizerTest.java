package dev.srpo.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.Actions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActionTokenizerTest {

    @Test
    void roundTripIsWithinHalfABin() {
        ActionTokenizer tok = new ActionTokenizer(
                new float[] {-0.5f, -1, 0, -1, -1, -0.2f, -1}, new float[] {0.5f, 1, 2, 1, 1, 0.2f, 1});
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            for (int d = 0; d < 6; d++) {
                float lo = tok.low()[d];
                float hi = tok.high()[d];
                float v = (float) (lo + r.nextDouble() * (hi - lo));
                int t = tok.encode(d, v);
                float back = tok.decodeRaw(d, t);
                assertTrue(
                        Math.abs(back - v) <= (hi - lo) / ActionTokenizer.BINS / 2 + 1e-6,
                        d + ": " + v + " -> " + back);
            }
        }
    }

    @Test
    void binsCoverTheRangeAndClipOutside() {
        ActionTokenizer tok = ActionTokenizer.unitRange();
        assertEquals(0, tok.encode(0, -1f));
        assertEquals(255, tok.encode(0, 1f));
        assertEquals(0, tok.encode(0, -7f));
        assertEquals(255, tok.encode(0, 7f));
        assertEquals(128, tok.encode(0, 0.001f));
        assertEquals(127, tok.encode(0, -0.001f));
        assertEquals(-1 + 1f / 256, tok.decodeRaw(0, 0), 1e-6);
        assertEquals(1 - 1f / 256, tok.decodeRaw(0, 255), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> tok.decodeRaw(0, 256));
    }

    @Test
    void gripperIsBinarisedOnDecode() {
        ActionTokenizer tok = ActionTokenizer.unitRange();
        int[] tokens = tok.encode(new float[] {0, 0, 0, 0, 0, 0, 0.3f});
        assertEquals(Actions.CLOSE, tok.decode(tokens, 0)[Actions.GRIPPER]);
        tokens = tok.encode(new float[] {0, 0, 0, 0, 0, 0, -0.02f});
        assertEquals(Actions.OPEN, tok.decode(tokens, 0)[Actions.GRIPPER]);
        float[][] chunk = tok.decodeChunk(new int[] {0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0});
        assertEquals(2, chunk.length);
        assertEquals(Actions.CLOSE, chunk[0][Actions.GRIPPER]);
        assertEquals(Actions.OPEN, chunk[1][Actions.GRIPPER]);
    }

    @Test
    void fitUsesFirstAndNinetyNinthPercentileAndHandlesConstantDimensions() {
        List<float[]> actions = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            float v = i / 100f; // 0..1: q01 = 0.01, q99 = 0.99
            actions.add(new float[] {v, -v, 0, 0, 0, v * 2, i % 2 == 0 ? -1 : 1});
        }
        ActionTokenizer tok = ActionTokenizer.fit(actions);
        assertEquals(0.01f, tok.low()[0], 1e-6);
        assertEquals(0.99f, tok.high()[0], 1e-6);
        assertEquals(-0.99f, tok.low()[1], 1e-6);
        assertEquals(0f, tok.low()[2]);
        assertEquals(0f, tok.high()[2]);
        assertEquals(128, tok.encode(2, 0.4f)); // a constant dimension: the middle bin, decoded to the constant
        assertEquals(0f, tok.decodeRaw(2, 17));
        assertArrayEquals(new float[] {-1, 1}, new float[] {tok.low()[6], tok.high()[6]});
        assertThrows(IllegalArgumentException.class, () -> ActionTokenizer.fit(List.of()));
        assertThrows(IllegalArgumentException.class, () -> ActionTokenizer.fit(List.of(new float[3])));
    }

    @Test
    void aDimensionThatIsMostlyStillKeepsItsRareMotion() {
        List<float[]> actions = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            float turn = i < 2 ? 1f : i == 2 ? -0.1f : 0f; // a wrist that turns in under 1% of the steps
            actions.add(new float[] {i / 399f, 0, 0, 0, 0, turn, 1});
        }
        ActionTokenizer tok = ActionTokenizer.fit(actions);
        assertEquals(-0.1f, tok.low()[5]); // min..max: q01..q99 would be 0..0
        assertEquals(1f, tok.high()[5]);
        assertEquals(1f, tok.decodeRaw(5, tok.encode(5, 1f)), 0.01f);
        assertEquals(0f, tok.decodeRaw(5, tok.encode(5, 0f)), 0.005f); // the rest value stays within half a bin
        assertEquals(0.01f, tok.low()[0], 1e-3); // a dimension that moves keeps its percentiles
    }
}
