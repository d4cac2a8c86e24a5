package dev.srpo.tabletop;

import dev.srpo.tabletop.render.Shape;

/**
 * The movable objects of LIBERO's 40 tasks, as simple solids: shape, half-extents (metres), colours and how the
 * gripper may use them. A container's inside (bowl, basket, caddy) is a floor {@code innerFloor} above its bottom,
 * within {@code rim} of its outline.
 */
public enum ObjectKind {
    BLACK_BOWL("black bowl", Shape.CYLINDER, 0.04, 0.04, 0.022, 0x1E1E22, 0x3A3A40, true, false, 0.008, 0.012),
    PLATE("plate", Shape.CYLINDER, 0.065, 0.065, 0.006, 0xF2F2EE, 0xD8D8D0, false, true, 0, 0),
    RAMEKIN("ramekin", Shape.CYLINDER, 0.032, 0.032, 0.016, 0xE8DCC4, 0xC9B48F, true, false, 0, 0),
    COOKIE_BOX("cookie box", Shape.BOX, 0.06, 0.035, 0.02, 0xB83A2E, 0xF0C419, false, false, 0, 0),
    ALPHABET_SOUP("alphabet soup", Shape.CYLINDER, 0.024, 0.024, 0.036, 0xC8102E, 0xF4F4F4, true, false, 0, 0),
    CREAM_CHEESE("cream cheese", Shape.BOX, 0.03, 0.02, 0.014, 0x3C6FB4, 0xDDE6F0, true, false, 0, 0),
    SALAD_DRESSING("salad dressing", Shape.CYLINDER, 0.02, 0.02, 0.05, 0x6B8E23, 0xF5F5DC, true, false, 0, 0),
    BBQ_SAUCE("bbq sauce", Shape.CYLINDER, 0.022, 0.022, 0.046, 0x5C2A12, 0xE0A050, true, false, 0, 0),
    KETCHUP("ketchup", Shape.CYLINDER, 0.021, 0.021, 0.05, 0xD7261E, 0xFFFFFF, true, false, 0, 0),
    TOMATO_SAUCE("tomato sauce", Shape.CYLINDER, 0.025, 0.025, 0.034, 0xE2571E, 0x2E7D32, true, false, 0, 0),
    BUTTER("butter", Shape.BOX, 0.034, 0.02, 0.012, 0xF7D84A, 0xFFFFFF, true, false, 0, 0),
    MILK("milk", Shape.BOX, 0.024, 0.024, 0.05, 0xF8F8FF, 0x2F6DB5, true, false, 0, 0),
    CHOCOLATE_PUDDING("chocolate pudding", Shape.BOX, 0.03, 0.02, 0.015, 0x5A3A22, 0xC9A27A, true, false, 0, 0),
    ORANGE_JUICE("orange juice", Shape.BOX, 0.024, 0.024, 0.05, 0xF39C12, 0x27AE60, true, false, 0, 0),
    BASKET("basket", Shape.BOX, 0.085, 0.065, 0.035, 0x9C6B3C, 0x7A4E28, false, false, 0.006, 0.008),
    WINE_BOTTLE("wine bottle", Shape.CYLINDER, 0.022, 0.022, 0.08, 0x1F4D2B, 0x7B1E3A, true, false, 0, 0),
    WINE_RACK("wine rack", Shape.BOX, 0.07, 0.045, 0.04, 0x7A5230, 0x4E331C, false, false, 0.02, 0.012),
    WHITE_MUG("white mug", Shape.CYLINDER, 0.03, 0.03, 0.034, 0xF5F5F5, 0xD0D0D0, true, false, 0.006, 0.005),
    YELLOW_WHITE_MUG(
            "yellow and white mug", Shape.CYLINDER, 0.03, 0.03, 0.034, 0xF4D03F, 0xFFFFFF, true, false, 0.006, 0.005),
    MOKA_POT("moka pot", Shape.CYLINDER, 0.028, 0.028, 0.045, 0xA9A9B3, 0x2B2B2B, true, false, 0, 0),
    BOOK("book", Shape.BOX, 0.015, 0.045, 0.035, 0x8E2D2D, 0xF2E6C9, true, false, 0, 0),
    CADDY("caddy", Shape.BOX, 0.09, 0.1, 0.03, 0x5D6D7E, 0x85929E, false, false, 0.006, 0.008);

    /** How the object is named in instructions and tables. */
    public final String label;

    final Shape shape;
    final double hx;
    final double hy;
    final double hz;
    final int rgb;
    final int accent;
    /** Whether the gripper can pick it up. */
    final boolean graspable;
    /** Whether the gripper can push it across the table (the plate). */
    final boolean pushable;
    /** Height of the inside floor above the bottom, for containers (0: a solid top). */
    final double innerFloor;
    /** Wall thickness of a container. */
    final double rim;

    ObjectKind(
            String label,
            Shape shape,
            double hx,
            double hy,
            double hz,
            int rgb,
            int accent,
            boolean graspable,
            boolean pushable,
            double innerFloor,
            double rim) {
        this.label = label;
        this.shape = shape;
        this.hx = hx;
        this.hy = hy;
        this.hz = hz;
        this.rgb = rgb;
        this.accent = accent;
        this.graspable = graspable;
        this.pushable = pushable;
        this.innerFloor = innerFloor;
        this.rim = rim;
    }

    boolean isContainer() {
        return innerFloor > 0;
    }
}
