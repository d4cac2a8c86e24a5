package dev.srpo.tabletop.render;

/**
 * The static surroundings: the table top (x in [-0.5, 0.5], y in [-0.4, 0.4], z = 0), the floor below it and the
 * wall behind the robot, each with a colour and a texture.
 *
 * @param tableRgb table colour, 0xRRGGBB
 * @param tableTexture the table's pattern
 * @param wallRgb wall colour
 * @param wallTexture the wall's pattern
 * @param floorRgb floor colour
 */
public record Backdrop(int tableRgb, Texture tableTexture, int wallRgb, Texture wallTexture, int floorRgb) {

    /** Surface patterns, drawn procedurally from the base colour. */
    public enum Texture {
        PLAIN,
        WOOD,
        CHECKER,
        STRIPES,
        MARBLE
    }

    /** The default: a light wooden table, a pale wall, a grey floor. */
    public static final Backdrop DEFAULT = new Backdrop(0xC8A27A, Texture.WOOD, 0xE6E2D8, Texture.PLAIN, 0x6E6E6E);
}
