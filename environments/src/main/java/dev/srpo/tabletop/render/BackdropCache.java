package dev.srpo.tabletop.render;

/**
 * The static part of a frame for one (camera, lighting, backdrop): floor, wall, table top, table edges and legs, ray
 * cast once per pixel by {@link BackdropTracer} with their textures and shading, kept with its depth so that a frame
 * starts as a plain copy. Table-top pixels also keep their colour in shadow and their shadow-map cell, for the
 * per-frame shadow pass.
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

    /** The cache for these inputs, built now (cost: one ray per pixel). */
    BackdropCache(
            CameraTransform cam,
            Lighting lighting,
            Backdrop backdrop,
            LightModel light,
            ShadowMap map,
            BackdropTracer tracer) {
        this.camera = cam.camera;
        this.lighting = lighting;
        this.backdrop = backdrop;
        int n = cam.width * cam.height;
        lit = new byte[3 * n];
        shaded = new byte[3 * n];
        inverseDepth = new float[n];
        tableCell = new int[n];
        tracer.trace(cam, backdrop, light, map, lit, shaded, inverseDepth, tableCell);
    }

    /** Whether this cache was built for these inputs. */
    boolean matches(Camera c, Lighting l, Backdrop b) {
        return camera.equals(c) && lighting.equals(l) && backdrop.equals(b);
    }
}
