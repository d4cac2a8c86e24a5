package dev.srpo.tabletop.render;

/**
 * One directional light plus ambient light.
 *
 * @param azimuthDeg direction the light comes from, about +z, 0 = from +x
 * @param elevationDeg height of the light above the horizon, 90 = straight down
 * @param rgb the light's colour, 0xRRGGBB
 * @param intensity scale of the directional light (1 = default)
 * @param ambient share of light that reaches every surface (0–1)
 * @param shadows whether solids cast shadows on the table and on each other
 */
public record Lighting(
        double azimuthDeg, double elevationDeg, int rgb, double intensity, double ambient, boolean shadows) {

    /** The default: white light from the upper left behind the camera, soft shadows on. */
    public static final Lighting DEFAULT = new Lighting(-120, 60, 0xFFFFFF, 1.0, 0.35, true);
}
