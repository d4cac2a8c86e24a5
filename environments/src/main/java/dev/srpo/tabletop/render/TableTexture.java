package dev.srpo.tabletop.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A table pattern ({@link Textures#color}) baked into texels over the table's extent, so that texturing a pixel is a
 * table lookup instead of a few noise evaluations. Texel (i, j) holds the pattern at its centre; a point takes the
 * texel it falls in (points off the table take the nearest edge texel), so the result depends on the point alone,
 * never on what was baked before. Texels are kept row by row ({@link #texels}) and baked a 64² tile at a time on
 * first use. Instances are immutable in effect, shared
 * between renderers and safe to use from several threads.
 */
final class TableTexture {

    /** Texels per metre: about 2 mm each, finer than a pixel of the wrist camera at 128². */
    static final int TEXELS_PER_METRE = 512;

    static final int TILE_BITS = 6;
    private static final int TILE = 1 << TILE_BITS;
    private static final double U0 = -BackdropCache.TABLE_HALF_X;
    private static final double V0 = -BackdropCache.TABLE_HALF_Y;
    /** Texels across the table (u, along x) and along it (v, along y). */
    static final int W = (int) Math.ceil(2 * BackdropCache.TABLE_HALF_X * TEXELS_PER_METRE);

    static final int H = (int) Math.ceil(2 * BackdropCache.TABLE_HALF_Y * TEXELS_PER_METRE);
    static final int TILES_X = (W + TILE - 1) >> TILE_BITS;
    static final int TILES_Y = (H + TILE - 1) >> TILE_BITS;

    private static final int SHARED = 8;
    private static final Map<Long, TableTexture> CACHE = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TableTexture> eldest) {
            return size() > SHARED;
        }
    };

    final Backdrop.Texture texture;
    final int rgb;
    /** Colours, texel (iu, iv) at iv * W + iu; valid in the tiles that {@link #ensure} has returned for. */
    final int[] texels = new int[W * H];
    /** Per tile: 1 once baked (a volatile write after its texels). */
    private final AtomicIntegerArray baked = new AtomicIntegerArray(TILES_X * TILES_Y);

    private TableTexture(Backdrop.Texture texture, int rgb) {
        this.texture = texture;
        this.rgb = rgb;
    }

    /** The baked pattern for this texture and colour, shared with the other renderers that use it. */
    static TableTexture of(Backdrop.Texture texture, int rgb) {
        long key = ((long) texture.ordinal() << 32) | (rgb & 0xFFFFFFFFL);
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(key, k -> new TableTexture(texture, rgb));
        }
    }

    /** Whether this is the pattern for this texture and colour. */
    boolean matches(Backdrop.Texture t, int c) {
        return texture == t && rgb == c;
    }

    /** The texel index (iv * W + iu) of the point (u, v), metres on the table (u along x, v along y). */
    static int texel(double u, double v) {
        // truncation and clamping agree with flooring and clamping: negative values all end at texel 0
        int iu = (int) ((u - U0) * TEXELS_PER_METRE);
        int iv = (int) ((v - V0) * TEXELS_PER_METRE);
        iu = iu < 0 ? 0 : Math.min(iu, W - 1);
        iv = iv < 0 ? 0 : Math.min(iv, H - 1);
        return iv * W + iu;
    }

    /** The tile that holds a texel. */
    static int tileOf(int texel) {
        return (texel / W >> TILE_BITS) * TILES_X + (texel % W >> TILE_BITS);
    }

    /** Makes sure tile t is baked; afterwards this thread sees its {@link #texels}. */
    void ensure(int t) {
        if (baked.get(t) == 0) {
            bake(t);
        }
    }

    /** The pattern's colour at (u, v). */
    int color(double u, double v) {
        int i = texel(u, v);
        ensure(tileOf(i));
        return texels[i];
    }

    /** Bakes tile t and publishes it (threads racing write the same values). */
    private void bake(int t) {
        int u0 = (t % TILES_X) << TILE_BITS;
        int v0 = (t / TILES_X) << TILE_BITS;
        for (int j = v0; j < Math.min(H, v0 + TILE); j++) {
            double v = V0 + (j + 0.5) / TEXELS_PER_METRE;
            for (int i = u0; i < Math.min(W, u0 + TILE); i++) {
                texels[j * W + i] = Textures.color(texture, rgb, U0 + (i + 0.5) / TEXELS_PER_METRE, v);
            }
        }
        baked.set(t, 1);
    }
}
