package dev.srpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SrpoToolkitTest {

    @Test
    void versionsAreFilledInByTheBuild() {
        assertTrue(SrpoToolkit.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), SrpoToolkit.version());
        assertEquals("0.36.0", SrpoToolkit.djlVersion());
        assertEquals("2.7.1", SrpoToolkit.pytorchVersion());
    }
}
