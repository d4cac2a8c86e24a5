package dev.srpo.tabletop.render;

/**
 * Procedural surface patterns: a function of a surface point's two in-plane world coordinates (u, v) in metres and
 * the base colour. Deterministic: the noise comes from an integer hash, never from a random generator.
 */
final class Textures {

    private Textures() {}

    /** The colour of the pattern at (u, v). */
    static int color(Backdrop.Texture texture, int rgb, double u, double v) {
        return switch (texture) {
            case PLAIN -> rgb;
            case WOOD -> wood(rgb, u, v);
            case CHECKER -> checker(rgb, u, v);
            case STRIPES -> stripes(rgb, u, v);
            case MARBLE -> marble(rgb, u, v);
        };
    }

    /** Planks 20 cm wide running along u, with wavy grain lines and dark seams. */
    private static int wood(int rgb, double u, double v) {
        double plank = Math.floor(v / 0.2);
        double inPlank = v - plank * 0.2;
        // each plank gets its own grain offset and a slightly different tone
        double tone = 0.93 + 0.12 * hash01((int) plank, 17);
        double grain = Math.sin((v + 0.012 * fbm(u * 6 + plank * 3.1, v * 25)) * 160 + plank * 1.7);
        double f = tone * (0.9 + 0.08 * grain + 0.06 * (fbm(u * 40, v * 3) - 0.5));
        if (inPlank < 0.003 || inPlank > 0.197) {
            f *= 0.7; // seam between planks
        }
        return scale(rgb, f);
    }

    /** 5 cm squares of the base colour and a darker shade. */
    private static int checker(int rgb, double u, double v) {
        long cu = (long) Math.floor(u / 0.05);
        long cv = (long) Math.floor(v / 0.05);
        return ((cu + cv) & 1) == 0 ? rgb : scale(rgb, 0.6);
    }

    /** 4 cm stripes across u: the base colour and a lighter tint. */
    private static int stripes(int rgb, double u, double v) {
        long s = (long) Math.floor(u / 0.04);
        return (s & 1) == 0 ? rgb : mix(rgb, 0xFFFFFF, 0.45);
    }

    /** A pale version of the base colour crossed by dark, turbulent veins. */
    private static int marble(int rgb, double u, double v) {
        double t = Math.sin(u * 14 + v * 9 + 7 * fbm(u * 5, v * 5));
        double vein = Math.pow(1 - Math.abs(t), 10);
        int pale = mix(rgb, 0xFFFFFF, 0.25 + 0.1 * fbm(u * 20, v * 20));
        return scale(pale, 1 - 0.45 * vein);
    }

    /** Three octaves of value noise, in [0, 1). */
    static double fbm(double x, double y) {
        return 0.5 * noise(x, y) + 0.3 * noise(2.03 * x + 5.2, 2.03 * y + 1.3) + 0.2 * noise(4.1 * x - 3.7, 4.1 * y);
    }

    /** Smoothly interpolated lattice noise, in [0, 1). */
    static double noise(double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        int ix = (int) fx;
        int iy = (int) fy;
        double tx = x - fx;
        double ty = y - fy;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        double a = hash01(ix, iy);
        double b = hash01(ix + 1, iy);
        double c = hash01(ix, iy + 1);
        double d = hash01(ix + 1, iy + 1);
        return (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
    }

    /** A well-mixed hash of two integers, in [0, 1). */
    static double hash01(int x, int y) {
        int h = x * 0x27D4EB2D ^ y * 0x165667B1;
        h ^= h >>> 15;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return (h >>> 8) / (double) (1 << 24);
    }

    /** Multiplies every channel by f. */
    static int scale(int rgb, double f) {
        return LightModel.pack(((rgb >> 16) & 255) * f, ((rgb >> 8) & 255) * f, (rgb & 255) * f);
    }

    /** Blends a towards b by t. */
    static int mix(int a, int b, double t) {
        return LightModel.pack(
                ((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t,
                ((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t,
                (a & 255) * (1 - t) + (b & 255) * t);
    }
}
