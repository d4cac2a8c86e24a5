package dev.srpo.tabletop.render;

/**
 * Lambert shading for one {@link Lighting}: colour = base × (ambient + (1 − ambient) × intensity × lightColour ×
 * max(0, n·l)); the ambient part is white so a coloured light still leaves shapes readable.
 */
final class LightModel {

    /** Unit vector towards the light. */
    final double lx;

    final double ly;
    final double lz;
    final double ambient;
    // per-channel scale of the directional term
    private final double dr;
    private final double dg;
    private final double db;

    LightModel(Lighting l) {
        double az = Math.toRadians(l.azimuthDeg());
        double el = Math.toRadians(l.elevationDeg());
        lx = Math.cos(el) * Math.cos(az);
        ly = Math.cos(el) * Math.sin(az);
        lz = Math.sin(el);
        ambient = Math.min(1, Math.max(0, l.ambient()));
        double s = (1 - ambient) * Math.max(0, l.intensity()) / 255.0;
        dr = s * ((l.rgb() >> 16) & 255);
        dg = s * ((l.rgb() >> 8) & 255);
        db = s * (l.rgb() & 255);
    }

    /** The cosine between a unit normal and the light direction. */
    double cosine(double nx, double ny, double nz) {
        return nx * lx + ny * ly + nz * lz;
    }

    /** The colour of a surface of colour rgb whose normal makes cosine {@code ndl} with the light. */
    int shade(int rgb, double ndl) {
        double d = Math.max(0, ndl);
        return pack(
                ((rgb >> 16) & 255) * (ambient + dr * d),
                ((rgb >> 8) & 255) * (ambient + dg * d),
                (rgb & 255) * (ambient + db * d));
    }

    /** The colour of a surface that only ambient light reaches (in shadow or facing away). */
    int shadow(int rgb) {
        return shade(rgb, 0);
    }

    /** Packs rounded, clamped channels into 0xRRGGBB. */
    static int pack(double r, double g, double b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(double v) {
        int i = (int) (v + 0.5);
        return i < 0 ? 0 : Math.min(i, 255);
    }
}
