package dev.srpo.tabletop.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A table pattern ({@link Textures#color}) baked into texels over the table's extent, so that texturing a pixel is a
 * table lookup instead of a few noise evaluations. Texel (i, j) holds the pattern at its centre; a point takes the
 * texel it falls in (points off the table take the nearest edge texel), so the result depends on the point alone,
 * never on what was baked before. Tiles of texels are baked on first use. Instances are immutable in effect, shared
 * between renderers and safe to use from several threads.
 */
final class TableTexture {

    /** Texels per metre: about 2 mm each, finer than a pixel of the wrist camera at 128². */
    static final int TEXELS_PER_METRE = 512;

    private static final int TILE_BITS = 6;
    private static final int TILE = 1 << TILE_BITS;
    private static final int TILE_MASK = TILE - 1;
    private static final double U0 = -BackdropCache.TABLE_HALF_X;
    private static final double V0 = -BackdropCache.TABLE_HALF_Y;
    /** Texels across the table (u, along x) and along it (v, along y). */
    static final int W = (int) Math.ceil(2 * BackdropCache.TABLE_HALF_X * TEXELS_PER_METRE);

    static final int H = (int) Math.ceil(2 * BackdropCache.TABLE_HALF_Y * TEXELS_PER_METRE);
    private static final int TILES_X = (W + TILE - 1) >> TILE_BITS;
    private static final int TILES_Y = (H + TILE - 1) >> TILE_BITS;

    private static final int SHARED = 16;
    private static final Map<Long, TableTexture> CACHE = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TableTexture> eldest) {
            return size() > SHARED;
        }
    };

    final Backdrop.Texture texture;
    final int rgb;
    private final AtomicReferenceArray<int[]> tiles = new AtomicReferenceArray<>(TILES_X * TILES_Y);

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

    /** The pattern's colour at (u, v), metres on the table (u along x, v along y). */
    int color(double u, double v) {
        int iu = (int) Math.floor((u - U0) * TEXELS_PER_METRE);
        int iv = (int) Math.floor((v - V0) * TEXELS_PER_METRE);
        iu = iu < 0 ? 0 : Math.min(iu, W - 1);
        iv = iv < 0 ? 0 : Math.min(iv, H - 1);
        int t = (iv >> TILE_BITS) * TILES_X + (iu >> TILE_BITS);
        int[] tile = tiles.get(t);
        if (tile == null) {
            tile = bake(t);
        }
        return tile[((iv & TILE_MASK) << TILE_BITS) | (iu & TILE_MASK)];
    }

    /** Bakes tile t and publishes it (two threads racing bake the same values). */
    private int[] bake(int t) {
        int u0 = (t % TILES_X) << TILE_BITS;
        int v0 = (t / TILES_X) << TILE_BITS;
        int[] tile = new int[TILE * TILE];
        for (int j = 0; j < TILE; j++) {
            double v = V0 + (v0 + j + 0.5) / TEXELS_PER_METRE;
            for (int i = 0; i < TILE; i++) {
                double u = U0 + (u0 + i + 0.5) / TEXELS_PER_METRE;
                tile[(j << TILE_BITS) | i] = Textures.color(texture, rgb, u, v);
            }
        }
        tiles.compareAndSet(t, null, tile);
        return tiles.get(t);
    }
}
