package dev.srpo.tabletop.render;

import java.util.List;

/** A representative LIBERO-like kitchen scene of 20 primitives, shared by the tests and the bench. */
final class SampleScene {

    private SampleScene() {}

    /** Cabinet with drawers, stove with burners, bowls, plate, mug, basket, bottles, boxes and the open gripper. */
    static List<Primitive> kitchen() {
        return List.of(
                // cabinet: body, two drawer fronts, two handles
                Primitive.box(0.3, 0.27, 0.16, 0.13, 0.1, 0.16, 0x8B5A2B),
                Primitive.box(0.3, 0.165, 0.23, 0.11, 0.006, 0.06, 0xA87444),
                Primitive.box(0.3, 0.165, 0.085, 0.11, 0.006, 0.06, 0xA87444),
                Primitive.box(0.3, 0.155, 0.23, 0.03, 0.006, 0.008, 0xD0D0D0),
                Primitive.box(0.3, 0.155, 0.085, 0.03, 0.006, 0.008, 0xD0D0D0),
                // stove and burners
                Primitive.box(-0.26, 0.22, 0.025, 0.13, 0.1, 0.025, 0x2A2A2A),
                Primitive.cylinder(-0.31, 0.22, 0.053, 0.035, 0.003, 0x8A2A1A),
                Primitive.cylinder(-0.21, 0.22, 0.053, 0.035, 0.003, 0x8A2A1A),
                // bowls, plate, mug
                Primitive.cylinder(-0.04, -0.04, 0.025, 0.06, 0.025, 0xF2F2F2),
                Primitive.cylinder(0.14, -0.13, 0.025, 0.055, 0.025, 0x222222),
                Primitive.cylinder(-0.2, -0.16, 0.006, 0.08, 0.006, 0xE4E4E4),
                Primitive.cylinder(0.22, 0.02, 0.045, 0.035, 0.045, 0xC03030),
                // basket and bottles
                Primitive.box(-0.35, -0.02, 0.04, 0.08, 0.06, 0.04, 0xB08850),
                Primitive.cylinder(0.04, 0.16, 0.09, 0.025, 0.09, 0x2E8B57),
                Primitive.cylinder(-0.06, 0.2, 0.08, 0.022, 0.08, 0xE8C040),
                // cream cheese and ketchup, turned
                new Primitive(Shape.BOX, 0.32, -0.22, 0.02, 0.045, 0.028, 0.02, 0.5, 0x3060C0),
                new Primitive(Shape.BOX, -0.05, -0.25, 0.06, 0.025, 0.02, 0.06, -0.4, 0xD02020),
                // gripper: palm and two fingers, above the bowl
                Primitive.box(0.0, -0.04, 0.3, 0.06, 0.02, 0.02, 0x505050),
                Primitive.box(-0.045, -0.04, 0.245, 0.008, 0.015, 0.035, 0x707070),
                Primitive.box(0.045, -0.04, 0.245, 0.008, 0.015, 0.035, 0x707070));
    }
}
