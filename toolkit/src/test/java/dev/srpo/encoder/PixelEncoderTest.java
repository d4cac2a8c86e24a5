package dev.srpo.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.rollout.Video;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelEncoderTest {

    static byte[] solid(int w, int h, int r, int g, int b) {
        byte[] f = new byte[3 * w * h];
        for (int i = 0; i < f.length; i += 3) {
            f[i] = (byte) r;
            f[i + 1] = (byte) g;
            f[i + 2] = (byte) b;
        }
        return f;
    }

    @Test
    void samplerSpreadsOverLongTrajectoriesAndCyclesShortOnes() {
        FrameSampler s = new FrameSampler(4);
        assertArrayEquals(new int[] {0, 3, 6, 9}, s.indices(10));
        assertArrayEquals(new int[] {0, 1, 2, 3}, s.indices(4));
        assertArrayEquals(new int[] {0, 1, 2, 0}, s.indices(3));
        assertArrayEquals(new int[] {0, 21, 42, 63}, new FrameSampler(4).indices(64));
        assertThrows(IllegalArgumentException.class, () -> s.indices(0));
    }

    @Test
    void thumbnailsAverageColoursAndKeepLayout() {
        // left half red, right half blue, 8x4 frames
        byte[] f = new byte[3 * 8 * 4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                f[3 * (y * 8 + x) + (x < 4 ? 0 : 2)] = (byte) 255;
            }
        }
        PixelEncoder enc = new PixelEncoder(2, 2);
        double[] e = enc.encode(List.of(new Video(List.of(f, f, f), 8, 4)))[0];
        assertEquals(enc.dimension(), e.length);
        assertEquals(1.0, e[0], 1e-12); // top-left cell: red
        assertEquals(0.0, e[2], 1e-12);
        assertEquals(1.0, e[3 + 2], 1e-12); // top-right cell: blue
    }

    @Test
    void aSmallChangeMovesTheEmbeddingLessThanABigOne() {
        byte[] black = solid(16, 16, 0, 0, 0);
        byte[] white = solid(16, 16, 255, 255, 255);
        byte[] square = black.clone();
        for (int y = 6; y < 10; y++) {
            for (int x = 6; x < 10; x++) {
                for (int c = 0; c < 3; c++) {
                    square[3 * (y * 16 + x) + c] = (byte) 255;
                }
            }
        }
        List<Video> videos = List.of(
                new Video(List.of(black, black, black, black), 16, 16),
                new Video(List.of(black, black, black, square), 16, 16), // only the end differs, a little
                new Video(List.of(white, white, white, white), 16, 16));
        double[][] e = new PixelEncoder(4, 8).encode(videos);
        assertEquals(0, dist(e[0], e[0]));
        assertTrue(dist(e[0], e[1]) > 0);
        assertTrue(dist(e[0], e[1]) < dist(e[0], e[2]) / 4);
    }

    @Test
    void emptyVideosGiveEmptyEmbeddingsAndBadFramesAreNamed() {
        assertEquals(0, new PixelEncoder(2, 2).encode(List.of(new Video(List.of(), 4, 4)))[0].length);
        var e = assertThrows(IllegalArgumentException.class, () -> new Video(List.of(new byte[5]), 2, 2));
        assertTrue(e.getMessage().contains("frame 0 has 5 bytes"), e.getMessage());
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void poolingAPrefixEqualsEncodingIt() {
        PixelEncoder e = new PixelEncoder(3, 2);
        List<byte[]> frames = new java.util.ArrayList<>();
        for (int t = 0; t < 7; t++) {
            frames.add(solid(4, 4, 30 * t, 10, 255 - 30 * t));
        }
        Video v = new Video(frames, 4, 4);
        double[][] features = e.frameFeatures(v);
        for (int length = 1; length <= 7; length++) {
            Video prefix = new Video(frames.subList(0, length), 4, 4);
            assertArrayEquals(e.encode(List.of(prefix))[0], e.pool(features, length), 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> e.pool(features, 0));
    }
}
