package dev.srpo.tabletop.render;

import static dev.srpo.tabletop.render.BackdropCache.FLOOR_Z;
import static dev.srpo.tabletop.render.BackdropCache.TABLE_HALF_X;
import static dev.srpo.tabletop.render.BackdropCache.TABLE_HALF_Y;
import static dev.srpo.tabletop.render.BackdropCache.TABLE_THICKNESS;
import static dev.srpo.tabletop.render.BackdropCache.WALL_Y;

/**
 * Ray casts the static backdrop (floor, wall, textured table slab, legs) into a frame, one ray per pixel centre,
 * writing colours, 1/depth and the table-top data of the shadow pass. A ray from above the table that lands on its
 * top is finished with one plane intersection and a baked texture lookup; only the other rays test the slab, the
 * legs, the wall and the floor. Used both to fill a {@link BackdropCache} and to draw a frame directly, so that a
 * frame is the same whether or not its backdrop was cached. Allocates nothing per frame; not thread-safe.
 */
final class BackdropTracer {

    private static final double LEG_HALF = 0.025;
    private static final double LEG_INSET = 0.06;

    private TableTexture table;
    // the tiles of table this thread knows to be baked
    private boolean[] known;
    // per pixel of the current row: its table-top texel, or -1 where the ray misses the top
    private int[] rowTexel = new int[0];
    // per channel, the lit table top and any surface in shadow, for the light of lutLight
    private LightModel lutLight;
    private final byte[] topR = new byte[256];
    private final byte[] topG = new byte[256];
    private final byte[] topB = new byte[256];
    private final byte[] dark = new byte[256];

    // the entry face's normal of the last box hit
    private double hitNx;
    private double hitNy;
    private double hitNz;

    /**
     * Fills, per pixel i: {@code lit} (RGB bytes), {@code inverseDepth} (0 where nothing is hit), {@code tableCell}
     * (the shadow-map cell under a table-top pixel, −1 elsewhere) and, on table-top pixels only, {@code shaded} (the
     * colour in shadow).
     */
    void trace(
            CameraTransform cam,
            Backdrop backdrop,
            LightModel light,
            ShadowMap map,
            byte[] lit,
            byte[] shaded,
            float[] inverseDepth,
            int[] tableCell) {
        if (table == null || !table.matches(backdrop.tableTexture(), backdrop.tableRgb())) {
            table = TableTexture.of(backdrop.tableTexture(), backdrop.tableRgb());
            known = new boolean[TableTexture.TILES_X * TableTexture.TILES_Y];
        }
        if (light != lutLight) {
            // exactly LightModel.shade per channel: c * (ambient + d * max(0, n·l)), rounded and clamped
            lutLight = light;
            for (int c = 0; c < 256; c++) {
                int rgb = light.shade(c * 0x010101, light.cosine(0, 0, 1));
                topR[c] = (byte) (rgb >> 16);
                topG[c] = (byte) (rgb >> 8);
                topB[c] = (byte) rgb;
                dark[c] = (byte) light.shadow(c);
            }
        }
        TableTexture tex = table;
        int[] texels = tex.texels;
        boolean[] ready = known;
        int w = cam.width;
        if (rowTexel.length < w) {
            rowTexel = new int[w];
        }
        int[] row = rowTexel;
        double ex = cam.ex;
        double ey = cam.ey;
        double ez = cam.ez;
        boolean above = ez > 0 && ey < WALL_Y;
        // on the top, 1/depth = dz * k
        double k = above ? -1 / ez : 0;
        double q0x = map.q0x;
        double q0y = map.q0y;
        double res = map.res;
        int mw = map.w;
        int mh = map.h;
        for (int y = 0; y < cam.height; y++) {
            // ray through the pixel centre, scaled so that the ray parameter is the depth
            double b = -(y + 0.5 - cam.cy) / cam.focal;
            double rowX = cam.fx + b * cam.ux;
            double rowY = cam.fy + b * cam.uy;
            double rowZ = cam.fz + b * cam.uz;
            // first where each ray meets the top, then the colours: two short loops keep more pixels in flight
            for (int x = 0, i = y * w; x < w; x++, i++) {
                double a = (x + 0.5 - cam.cx) / cam.focal;
                double dz = rowZ + a * cam.rz;
                double inv = dz * k;
                row[x] = -1;
                if (inv > 0) {
                    // the top is the nearest backdrop surface a ray from above can meet
                    double t = 1 / inv;
                    double px = ex + t * (rowX + a * cam.rx);
                    double py = ey + t * (rowY + a * cam.ry);
                    if (px >= -TABLE_HALF_X && px <= TABLE_HALF_X && py >= -TABLE_HALF_Y && py <= TABLE_HALF_Y) {
                        inverseDepth[i] = (float) inv;
                        // the shadow-map cell, as ShadowMap.cellOfTablePoint
                        double mu = (px - q0x) * res;
                        double mv = (py - q0y) * res;
                        tableCell[i] = mu < 0 || mv < 0 || mu >= mw || mv >= mh ? -1 : (int) mv * mw + (int) mu;
                        // the texel, as TableTexture.texel
                        int iu = (int) ((px + TABLE_HALF_X) * TableTexture.TEXELS_PER_METRE);
                        int iv = (int) ((py + TABLE_HALF_Y) * TableTexture.TEXELS_PER_METRE);
                        iu = iu < 0 ? 0 : Math.min(iu, TableTexture.W - 1);
                        iv = iv < 0 ? 0 : Math.min(iv, TableTexture.H - 1);
                        int tile =
                                (iv >> TableTexture.TILE_BITS) * TableTexture.TILES_X + (iu >> TableTexture.TILE_BITS);
                        if (!ready[tile]) {
                            tex.ensure(tile);
                            ready[tile] = true;
                        }
                        row[x] = iv * TableTexture.W + iu;
                    }
                }
            }
            for (int x = 0, i = y * w; x < w; x++, i++) {
                int texel = row[x];
                if (texel >= 0) {
                    int base = texels[texel];
                    int r = (base >> 16) & 255;
                    int g = (base >> 8) & 255;
                    int bl = base & 255;
                    int o = 3 * i;
                    lit[o] = topR[r];
                    lit[o + 1] = topG[g];
                    lit[o + 2] = topB[bl];
                    shaded[o] = dark[r];
                    shaded[o + 1] = dark[g];
                    shaded[o + 2] = dark[bl];
                } else {
                    double a = (x + 0.5 - cam.cx) / cam.focal;
                    double dx = rowX + a * cam.rx;
                    double dy = rowY + a * cam.ry;
                    double dz = rowZ + a * cam.rz;
                    tableCell[i] = -1;
                    int rgb = shadeRay(cam, dx, dy, dz, backdrop, light, map, i, lit, shaded, inverseDepth, tableCell);
                    put(lit, i, rgb);
                }
            }
        }
    }

    /** Casts one ray against every backdrop surface, records its depth and table data at pixel i; its lit colour. */
    private int shadeRay(
            CameraTransform cam,
            double dx,
            double dy,
            double dz,
            Backdrop backdrop,
            LightModel light,
            ShadowMap map,
            int i,
            byte[] lit,
            byte[] shaded,
            float[] inverseDepth,
            int[] tableCell) {
        double ex = cam.ex;
        double ey = cam.ey;
        double ez = cam.ez;
        double best = Double.POSITIVE_INFINITY;
        int surface = 0; // 0 none, 1 floor, 2 wall, 3 table slab, 4 leg
        double nx = 0;
        double ny = 0;
        double nz = 0;
        if (dz < 0 && ez > FLOOR_Z) {
            best = (FLOOR_Z - ez) / dz;
            surface = 1;
            nz = 1;
        }
        if (dy > 0 && ey < WALL_Y) {
            double t = (WALL_Y - ey) / dy;
            if (t < best && ez + t * dz > FLOOR_Z) {
                best = t;
                surface = 2;
                nx = 0;
                ny = -1;
                nz = 0;
            }
        }
        double t = hitBox(
                ex, ey, ez, dx, dy, dz, -TABLE_HALF_X, -TABLE_HALF_Y, -TABLE_THICKNESS, TABLE_HALF_X, TABLE_HALF_Y, 0);
        if (t < best) {
            best = t;
            surface = 3;
            nx = hitNx;
            ny = hitNy;
            nz = hitNz;
        }
        for (int leg = 0; leg < 4; leg++) {
            double lx = (leg & 1) == 0 ? -TABLE_HALF_X + LEG_INSET : TABLE_HALF_X - LEG_INSET;
            double ly = (leg & 2) == 0 ? -TABLE_HALF_Y + LEG_INSET : TABLE_HALF_Y - LEG_INSET;
            t = hitBox(
                    ex,
                    ey,
                    ez,
                    dx,
                    dy,
                    dz,
                    lx - LEG_HALF,
                    ly - LEG_HALF,
                    FLOOR_Z,
                    lx + LEG_HALF,
                    ly + LEG_HALF,
                    -TABLE_THICKNESS);
            if (t < best) {
                best = t;
                surface = 4;
                nx = hitNx;
                ny = hitNy;
                nz = hitNz;
            }
        }
        if (surface == 0) {
            inverseDepth[i] = 0;
            return Textures.scale(backdrop.wallRgb(), light.ambient);
        }
        inverseDepth[i] = (float) (1 / best);
        double px = ex + best * dx;
        double py = ey + best * dy;
        double pz = ez + best * dz;
        int base;
        switch (surface) {
            case 1 -> base = backdrop.floorRgb();
            case 2 -> base = Textures.color(backdrop.wallTexture(), backdrop.wallRgb(), px, pz);
            case 3 -> {
                // the top keeps the pattern in (x, y); the edges show it in their own plane, a little darker
                if (nz > 0.5) {
                    base = table.color(px, py);
                    tableCell[i] = map.cellOfTablePoint(px, py);
                    put(shaded, i, light.shadow(base));
                } else {
                    double u = Math.abs(nx) > 0.5 ? py : px;
                    base = Textures.scale(table.color(u, pz * 4), 0.85);
                }
            }
            default -> base = Textures.scale(backdrop.tableRgb(), 0.55);
        }
        return light.shade(base, light.cosine(nx, ny, nz));
    }

    /**
     * The entry depth of a ray into an axis-aligned box (infinity if it misses or starts inside); sets the entry
     * face's normal.
     */
    private double hitBox(
            double ox,
            double oy,
            double oz,
            double dx,
            double dy,
            double dz,
            double x0,
            double y0,
            double z0,
            double x1,
            double y1,
            double z1) {
        double tNear = Double.NEGATIVE_INFINITY;
        double tFar = Double.POSITIVE_INFINITY;
        int axis = -1;
        double sign = 0;
        for (int k = 0; k < 3; k++) {
            double o = k == 0 ? ox : k == 1 ? oy : oz;
            double d = k == 0 ? dx : k == 1 ? dy : dz;
            double lo = k == 0 ? x0 : k == 1 ? y0 : z0;
            double hi = k == 0 ? x1 : k == 1 ? y1 : z1;
            if (Math.abs(d) < 1e-12) {
                if (o < lo || o > hi) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            double ta = (lo - o) / d;
            double tb = (hi - o) / d;
            double s = -1; // entering through the low face: normal points to −axis
            if (ta > tb) {
                double tmp = ta;
                ta = tb;
                tb = tmp;
                s = 1;
            }
            if (ta > tNear) {
                tNear = ta;
                axis = k;
                sign = s;
            }
            tFar = Math.min(tFar, tb);
        }
        if (axis < 0 || tNear > tFar || tNear <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        hitNx = axis == 0 ? sign : 0;
        hitNy = axis == 1 ? sign : 0;
        hitNz = axis == 2 ? sign : 0;
        return tNear;
    }

    private static void put(byte[] rgbBytes, int i, int rgb) {
        rgbBytes[3 * i] = (byte) (rgb >> 16);
        rgbBytes[3 * i + 1] = (byte) (rgb >> 8);
        rgbBytes[3 * i + 2] = (byte) rgb;
    }
}
