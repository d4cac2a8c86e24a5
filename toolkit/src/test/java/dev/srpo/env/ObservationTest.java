package dev.srpo.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObservationTest {

    @Test
    void framesMustMatchTheirSize() {
        var e = assertThrows(
                IllegalArgumentException.class, () -> new Observation(new byte[10], 2, 2, null, new float[8], "x"));
        assertTrue(e.getMessage().contains("2x2 needs 12 RGB bytes, got 10"), e.getMessage());
        var w = assertThrows(
                IllegalArgumentException.class,
                () -> new Observation(new byte[12], 2, 2, new byte[3], new float[8], "x"));
        assertTrue(w.getMessage().contains("wrist frame must match"), w.getMessage());
    }

    @Test
    void theFrameShowsAsAnImage() {
        byte[] rgb = {(byte) 255, 0, 0, 0, (byte) 255, 0};
        var image = dev.srpo.viz.Frames.toImage(new Observation(rgb, 2, 1, null, new float[8], "x"));
        assertEquals(0xFF0000, image.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x00FF00, image.getRGB(1, 0) & 0xFFFFFF);
    }
}
