package dev.srpo.tabletop.render;

/**
 * The static part of a frame for one (camera, lighting, backdrop): floor, wall, table top, table edges and legs, ray
 * cast once per pixel with their textures and shading, kept with its depth so that a frame starts as a plain copy.
 * Table-top pixels also keep their colour in shadow and their shadow-map cell, for the per-frame shadow pass.
 */
final class BackdropCache {

    /** Half the table's extent along x (metres). */
    static final double TABLE_HALF_X = 0.5;
    /** Half the table's extent along y. */
    static final double TABLE_HALF_Y = 0.4;
    /** Thickness of the table top below z = 0. */
    static final double TABLE_THICKNESS = 0.05;
    /** Height of the floor. */
    static final double FLOOR_Z = -0.75;
    /** The wall behind the robot: the plane y = WALL_Y, facing −y. */
    static final double WALL_Y = 0.75;

    private static final double LEG_HALF = 0.025;
    private static final double LEG_INSET = 0.06;

    final Camera camera;
    final Lighting lighting;
    final Backdrop backdrop;
    /** Lit colours, RGB bytes per pixel, top row first. */
    final byte[] lit;
    /** Table-top colours in shadow (other pixels: unused). */
    final byte[] shaded;
    /** 1 / depth per pixel (0 where nothing is hit). */
    final float[] inverseDepth;
    /** Shadow-map cell under each table-top pixel, −1 elsewhere. */
    final int[] tableCell;

    // the entry face's normal of the last box hit
    private double hitNx;
    private double hitNy;
    private double hitNz;

    private BackdropCache(CameraTransform cam, Lighting lighting, Backdrop backdrop, LightModel light, ShadowMap map) {
        this.camera = cam.camera;
        this.lighting = lighting;
        this.backdrop = backdrop;
        int n = cam.width * cam.height;
        lit = new byte[3 * n];
        shaded = new byte[3 * n];
        inverseDepth = new float[n];
        tableCell = new int[n];
        for (int y = 0; y < cam.height; y++) {
            for (int x = 0; x < cam.width; x++) {
                int i = y * cam.width + x;
                tableCell[i] = -1;
                // ray through the pixel centre, scaled so that the ray parameter is the depth
                double a = (x + 0.5 - cam.cx) / cam.focal;
                double b = -(y + 0.5 - cam.cy) / cam.focal;
                double dx = cam.fx + a * cam.rx + b * cam.ux;
                double dy = cam.fy + a * cam.ry + b * cam.uy;
                double dz = cam.fz + a * cam.rz + b * cam.uz;
                int rgb = shadeRay(cam, dx, dy, dz, light, map, i);
                put(lit, i, rgb);
            }
        }
    }

    /** The cache for these inputs, built now (cost: one ray per pixel). */
    static BackdropCache build(
            CameraTransform cam, Lighting lighting, Backdrop backdrop, LightModel light, ShadowMap map) {
        return new BackdropCache(cam, lighting, backdrop, light, map);
    }

    /** Whether this cache was built for these inputs. */
    boolean matches(Camera c, Lighting l, Backdrop b) {
        return camera.equals(c) && lighting.equals(l) && backdrop.equals(b);
    }

    /** Casts one ray, records its depth and table data at pixel i, and returns its lit colour. */
    private int shadeRay(CameraTransform cam, double dx, double dy, double dz, LightModel light, ShadowMap map, int i) {
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
                    base = Textures.color(backdrop.tableTexture(), backdrop.tableRgb(), px, py);
                    tableCell[i] = map.cellOfTablePoint(px, py);
                    put(shaded, i, light.shadow(base));
                } else {
                    double u = Math.abs(nx) > 0.5 ? py : px;
                    base = Textures.scale(
                            Textures.color(backdrop.tableTexture(), backdrop.tableRgb(), u, pz * 4), 0.85);
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
        double[] o = {ox, oy, oz};
        double[] d = {dx, dy, dz};
        double[] lo = {x0, y0, z0};
        double[] hi = {x1, y1, z1};
        for (int k = 0; k < 3; k++) {
            if (Math.abs(d[k]) < 1e-12) {
                if (o[k] < lo[k] || o[k] > hi[k]) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            double ta = (lo[k] - o[k]) / d[k];
            double tb = (hi[k] - o[k]) / d[k];
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
