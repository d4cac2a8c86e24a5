package dev.srpo.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FramesTest {

    static byte[] randomFrame(int w, int h, long seed) {
        byte[] rgb = new byte[3 * w * h];
        new Random(seed).nextBytes(rgb);
        return rgb;
    }

    @Test
    void firstBytesAreTheTopLeftPixelInRgbOrder() {
        byte[] rgb = new byte[3 * 4 * 2];
        rgb[0] = (byte) 200; // top-left red
        rgb[3 * 5 + 2] = (byte) 150; // pixel (x=1, y=1) blue
        BufferedImage im = Frames.toImage(rgb, 4, 2);
        assertEquals(0xC80000, im.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x000096, im.getRGB(1, 1) & 0xFFFFFF);
    }

    @Test
    void roundTripsEveryPixel() {
        byte[] rgb = randomFrame(7, 5, 1);
        assertArrayEquals(rgb, Frames.toRgb(Frames.toImage(rgb, 7, 5)));
    }

    @Test
    void wrongLengthNamesTheSizes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Frames.toImage(new byte[10], 2, 2));
        assertTrue(e.getMessage().contains("2x2 needs 12 bytes, got 10"), e.getMessage());
    }

    @Test
    void upscaleRepeatsPixels() {
        byte[] rgb = randomFrame(3, 2, 2);
        BufferedImage big = Frames.upscale(Frames.toImage(rgb, 3, 2), 4);
        assertEquals(12, big.getWidth());
        assertEquals(8, big.getHeight());
        BufferedImage small = Frames.toImage(rgb, 3, 2);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 12; x++) {
                assertEquals(small.getRGB(x / 4, y / 4), big.getRGB(x, y));
            }
        }
    }

    @Test
    void sideBySidePlacesImagesWithAGap() {
        BufferedImage a = Frames.toImage(randomFrame(4, 4, 3), 4, 4);
        BufferedImage b = Frames.toImage(randomFrame(2, 6, 4), 2, 6);
        BufferedImage strip = Frames.sideBySide(List.of(a, b), 3);
        assertEquals(4 + 3 + 2, strip.getWidth());
        assertEquals(6, strip.getHeight());
        assertEquals(a.getRGB(3, 3), strip.getRGB(3, 3));
        assertEquals(0xFFFFFF, strip.getRGB(5, 0) & 0xFFFFFF);
        assertEquals(b.getRGB(1, 5), strip.getRGB(8, 5));
    }

    @Test
    void gridFillsRowsThenColumns() {
        List<BufferedImage> cells = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cells.add(Frames.toImage(randomFrame(3, 2, 10 + i), 3, 2));
        }
        BufferedImage g = Frames.grid(cells, 2, 1);
        assertEquals(2 * 3 + 1, g.getWidth());
        assertEquals(3 * 2 + 2, g.getHeight());
        assertEquals(cells.get(3).getRGB(2, 1), g.getRGB(4 + 2, 3 + 1)); // row 1, column 1
        assertEquals(0xFFFFFF, g.getRGB(4, 6) & 0xFFFFFF); // the empty sixth cell stays white
        assertThrows(IllegalArgumentException.class, () -> Frames.grid(cells, 0, 1));
    }
}
