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

    /** Pixels in the box that are not white: where text was drawn. */
    private static int inked(java.awt.image.BufferedImage im, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                n += (im.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF ? 0 : 1;
            }
        }
        return n;
    }

    private static java.awt.image.BufferedImage solid(int w, int h, int rgb) {
        var im = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.setRGB(x, y, rgb);
            }
        }
        return im;
    }

    @Test
    void captionDrawsTextAboveTheImage() {
        var im = solid(128, 64, 0x3366CC);
        var captioned = Frames.caption(im, "libero_goal/3");
        int strip = captioned.getHeight() - 64;
        assertTrue(strip > 8, "a strip for the text: " + strip);
        assertEquals(128, captioned.getWidth());
        assertEquals(0x3366CC, captioned.getRGB(5, strip + 5) & 0xFFFFFF, "the image sits below the strip");
        assertTrue(inked(captioned, 0, 0, 128, strip) > 20, "the caption is drawn");
        var blank = Frames.caption(im, "");
        assertEquals(0, inked(blank, 0, 0, 128, strip), "an empty caption draws nothing");
        var longText = Frames.caption(im, "a caption far too long to fit on a frame of 128 pixels, cut short");
        assertEquals(128, longText.getWidth(), "long text is cut, the image not widened");
    }

    @Test
    void labelledGridPutsRowLabelsLeftAndColumnLabelsAbove() {
        var images = java.util.Collections.nCopies(6, solid(40, 30, 0x000000));
        var plain = Frames.grid(images, 3, 2);
        var labelled = Frames.grid(images, 3, 2, List.of("camera", "light"), List.of("clean", "L1", "L3"));
        int left = labelled.getWidth() - plain.getWidth();
        int top = labelled.getHeight() - plain.getHeight();
        assertTrue(left > 10 && top > 8, left + " x " + top);
        assertEquals(0x000000, labelled.getRGB(left + 1, top + 1) & 0xFFFFFF, "the grid starts after the margins");
        assertTrue(inked(labelled, 0, top, left, top + 30) > 10, "the first row's label");
        assertTrue(inked(labelled, 0, top + 32, left, top + 62) > 10, "the second row's label");
        for (int c = 0; c < 3; c++) {
            assertTrue(inked(labelled, left + c * 42, 0, left + c * 42 + 40, top) > 5, "column label " + c);
        }
        var e = assertThrows(
                IllegalArgumentException.class,
                () -> Frames.grid(images, 3, 2, List.of("camera"), List.of("clean", "L1", "L3")));
        assertTrue(e.getMessage().contains("2 rows and 3 columns"), e.getMessage());
    }
}
