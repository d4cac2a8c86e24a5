package dev.srpo.libero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.EnvOptions;
import org.junit.jupiter.api.Test;

/** The toolkit's environment options as the LIBERO bridge takes them (no server needed). */
class LiberoOptionsTest {

    @Test
    void envOptionsApplyAndAVariantIsRefusedByName() {
        var base = LiberoOptions.DEFAULT.withMaxSteps(16);
        assertEquals(base, base.with(EnvOptions.DEFAULT), "the defaults keep the pool's options");
        var asked = base.with(EnvOptions.DEFAULT.withSize(64).withWrist(true).withTrainingLayouts(true));
        assertEquals(new LiberoOptions(64, 64, true, true, 16), asked);
        assertTrue(base.withWrist(true).with(EnvOptions.DEFAULT).wrist(), "a pool that renders the wrist keeps it");

        var e = assertThrows(
                IllegalArgumentException.class,
                () -> base.with(EnvOptions.DEFAULT.withVariant("libero_goal/1/camera/L3/0")));
        assertTrue(e.getMessage().contains("LIBERO-Plus variant libero_goal/1/camera/L3/0"), e.getMessage());
        assertTrue(e.getMessage().contains("tabletop"), e.getMessage());
    }
}
