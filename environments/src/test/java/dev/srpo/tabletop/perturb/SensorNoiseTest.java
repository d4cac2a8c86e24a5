package dev.srpo.tabletop.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SensorNoiseTest {

    private static final int W = 96, H = 80;

    /** Smooth gradients with shapes and a little pixel noise: every corruption has something to change. */
    static byte[] frame(int w, int h, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean box = ((x / 12) + (y / 10)) % 2 == 0;
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (box ? 40 + 150 * x / w : 200);
                rgb[i + 1] = (byte) (30 + 180 * y / h);
                rgb[i + 2] = (byte) (box ? 220 : 60 + rng.nextInt(60));
            }
        }
        return rgb;
    }

    static double meanAbsDiff(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return (double) sum / a.length;
    }

    @ParameterizedTest
    @EnumSource(SensorNoise.Kind.class)
    void everyKindChangesTheFrameMoreWithSeverity(SensorNoise.Kind kind) {
        byte[] in = frame(W, H, 1);
        double previous = 0;
        for (int severity : new int[] {1, 4, 7, 10}) {
            byte[] out = new SensorNoise(kind, severity).apply(in, W, H, 42);
            double diff = meanAbsDiff(in, out);
            assertTrue(diff > previous, kind + " severity " + severity + ": " + diff + " <= " + previous);
            previous = diff;
        }
        double mild = meanAbsDiff(in, new SensorNoise(kind, 1).apply(in, W, H, 42));
        assertTrue(mild > 0.2, kind + " at severity 1 barely changes the frame: " + mild);
        assertTrue(previous > 2 * mild, kind + ": severity 10 (" + previous + ") vs 1 (" + mild + ")");
    }

    @ParameterizedTest
    @EnumSource(SensorNoise.Kind.class)
    void sameSeedSameFrameAndInputUntouched(SensorNoise.Kind kind) {
        byte[] in = frame(W, H, 2);
        byte[] copy = in.clone();
        SensorNoise noise = new SensorNoise(kind, 6);
        byte[] a = noise.apply(in, W, H, 7);
        byte[] b = noise.apply(in, W, H, 7);
        assertArrayEquals(a, b);
        assertArrayEquals(copy, in, "input frame was modified");
        assertFalse(a == in, "must return a new array");
        assertEquals(in.length, a.length);
    }

    @Test
    void seededKindsDependOnTheSeed() {
        byte[] in = frame(W, H, 3);
        for (SensorNoise.Kind kind :
                new SensorNoise.Kind[] {SensorNoise.Kind.MOTION_BLUR, SensorNoise.Kind.FOG, SensorNoise.Kind.GLASS_BLUR
                }) {
            SensorNoise noise = new SensorNoise(kind, 8);
            assertFalse(
                    java.util.Arrays.equals(noise.apply(in, W, H, 1), noise.apply(in, W, H, 2)),
                    kind + " ignores the seed");
        }
    }

    @Test
    void badSeverityIsRejectedNamingTheValue() {
        for (int bad : new int[] {0, 11, -3}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> new SensorNoise(SensorNoise.Kind.FOG, bad));
            assertTrue(e.getMessage().contains("severity " + bad), e.getMessage());
            assertTrue(e.getMessage().contains("1..10"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SensorNoise(null, 3));
    }

    @Test
    void badSizeIsRejectedClearly() {
        SensorNoise noise = new SensorNoise(SensorNoise.Kind.GAUSSIAN_BLUR, 3);
        byte[] in = frame(W, H, 4);
        IllegalArgumentException mismatch =
                assertThrows(IllegalArgumentException.class, () -> noise.apply(in, W + 1, H, 0));
        assertTrue(mismatch.getMessage().contains(in.length + " bytes"), mismatch.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> noise.apply(in, 0, H, 0));
        assertTrue(zero.getMessage().contains("0x" + H), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> noise.apply(null, W, H, 0));
    }

    @Test
    void tinyFramesWork() {
        byte[] in = frame(1, 1, 5);
        for (SensorNoise.Kind kind : SensorNoise.Kind.values()) {
            assertEquals(3, new SensorNoise(kind, 10).apply(in, 1, 1, 0).length);
        }
    }

    @Test
    void liberoPlusIndexMapping() {
        assertEquals(new SensorNoise(SensorNoise.Kind.MOTION_BLUR, 1), SensorNoise.fromLiberoPlusIndex(1));
        assertEquals(new SensorNoise(SensorNoise.Kind.MOTION_BLUR, 10), SensorNoise.fromLiberoPlusIndex(10));
        assertEquals(new SensorNoise(SensorNoise.Kind.GAUSSIAN_BLUR, 1), SensorNoise.fromLiberoPlusIndex(11));
        assertEquals(new SensorNoise(SensorNoise.Kind.ZOOM_BLUR, 5), SensorNoise.fromLiberoPlusIndex(25));
        assertEquals(new SensorNoise(SensorNoise.Kind.FOG, 1), SensorNoise.fromLiberoPlusIndex(31));
        assertEquals(new SensorNoise(SensorNoise.Kind.FOG, 10), SensorNoise.fromLiberoPlusIndex(40));
        assertEquals(new SensorNoise(SensorNoise.Kind.GLASS_BLUR, 10), SensorNoise.fromLiberoPlusIndex(50));
        for (int k = 1; k <= 50; k++) {
            assertEquals(k, SensorNoise.fromLiberoPlusIndex(k).liberoPlusIndex());
        }
        for (int bad : new int[] {0, 51}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> SensorNoise.fromLiberoPlusIndex(bad));
            assertTrue(e.getMessage().contains("index " + bad), e.getMessage());
        }
    }

    @Test
    void fastEnoughFor256Frames() {
        byte[] in = frame(256, 256, 6);
        // Generous bound: all five heaviest corruptions of a 256x256 frame well within a policy step budget.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (SensorNoise.Kind kind : SensorNoise.Kind.values()) {
                new SensorNoise(kind, 10).apply(in, 256, 256, 0);
            }
        });
    }
}
