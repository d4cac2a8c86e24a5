package dev.srpo.tabletop.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.tabletop.render.Backdrop;
import dev.srpo.tabletop.render.Lighting;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerturbationTest {

    @Test
    void noneSetsNothing() {
        assertEquals(List.of(), Perturbation.NONE.dimensions());
        assertSame(Lighting.DEFAULT, Perturbation.NONE.lightingOrDefault());
        assertSame(Backdrop.DEFAULT, Perturbation.NONE.backdropOrDefault());
    }

    @Test
    void ofSetsExactlyOneDimension() {
        CameraShift cam = new CameraShift(10, -5, 1.1, 2, -3, 4);
        Perturbation p = Perturbation.of(Dimension.CAMERA, cam);
        assertEquals(List.of(Dimension.CAMERA), p.dimensions());
        assertSame(cam, p.camera());
        assertNull(p.robot());
        assertSame(cam, p.get(Dimension.CAMERA));
    }

    @Test
    void withCombinesDimensionsInOrder() {
        Perturbation p = Perturbation.of(Dimension.NOISE, new SensorNoise(SensorNoise.Kind.FOG, 3))
                .with(Dimension.LANGUAGE, "please put the bowl on the stove")
                .with(Dimension.ROBOT_INIT, new RobotInit(0.01, 0, 0, 5));
        assertEquals(List.of(Dimension.ROBOT_INIT, Dimension.LANGUAGE, Dimension.NOISE), p.dimensions());
    }

    @Test
    void wrongParameterTypeIsRejected() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Perturbation.of(Dimension.LIGHT, Backdrop.DEFAULT));
        assertTrue(e.getMessage().contains("Lighting"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Perturbation.of(Dimension.LAYOUT, null));
    }
}
