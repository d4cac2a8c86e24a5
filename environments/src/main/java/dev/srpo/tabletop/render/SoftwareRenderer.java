package dev.srpo.tabletop.render;

import java.util.List;

/**
 * A fast, deterministic CPU rasterizer for tabletop scenes. The static backdrop (floor, wall, table) is ray cast
 * into the frame with its depth; for a camera seen again (a fixed one) it is ray cast once per (camera, lighting,
 * backdrop), cached and copied into each frame, while a camera that changes every frame (the wrist camera) gets it
 * ray cast directly, without evicting the fixed cameras' caches. Both ways give the same bytes. The solids are then drawn as
 * convex polygons (box: 6 faces, cylinder: cap, base and 8–24 side facets) with back-face culling, a 1/depth
 * z-buffer and flat Lambert shading. With shadows on, a light-space height map of the solids darkens the table top
 * and the lit faces of other solids.
 *
 * <p>Not thread-safe: an instance keeps reusable buffers between frames, so use one per thread (each environment
 * owns one).
 */
public final class SoftwareRenderer implements Renderer {

    private static final int CACHE_ENTRIES = 4;
    /** Uncached inputs remembered: a backdrop is cached only when its inputs come back among the last few misses. */
    private static final int SEEN_ENTRIES = 8;

    private static final int MAX_SEGMENTS = 24;
    private static final int MIN_SEGMENTS = 8;
    /** Ring vertices room: a cylinder's segments; polygons get room for near-plane clipping too. */
    private static final int MAX_RING = MAX_SEGMENTS;

    private static final float[][] COS = new float[MAX_SEGMENTS + 1][];
    private static final float[][] SIN = new float[MAX_SEGMENTS + 1][];

    static {
        for (int n = 4; n <= MAX_SEGMENTS; n += 4) {
            COS[n] = new float[n];
            SIN[n] = new float[n];
            for (int i = 0; i < n; i++) {
                double a = 2 * Math.PI * i / n;
                COS[n][i] = (float) Math.cos(a);
                SIN[n][i] = (float) Math.sin(a);
            }
        }
    }

    // most recently used first
    private final BackdropCache[] caches = new BackdropCache[CACHE_ENTRIES];
    // the inputs of the last uncached frames, a ring (next slot: seenNext)
    private final Camera[] seenCamera = new Camera[SEEN_ENTRIES];
    private final Lighting[] seenLighting = new Lighting[SEEN_ENTRIES];
    private final Backdrop[] seenBackdrop = new Backdrop[SEEN_ENTRIES];
    private int seenNext;
    private final BackdropTracer tracer = new BackdropTracer();
    // the backdrop of a frame drawn without cache: table-top colours in shadow and shadow-map cells
    private byte[] directShaded = new byte[0];
    private int[] directCell = new int[0];
    private CameraTransform cam;
    private Lighting lighting;
    private LightModel light;
    private ShadowMap shadowMap;
    private float[] depth = new float[0];
    private final ConvexSpans spans = new ConvexSpans();

    // the current solid: footprint (counter-clockwise) and its top and bottom rings in camera space
    private final double[] footX = new double[MAX_RING];
    private final double[] footY = new double[MAX_RING];
    private final double[] topX = new double[MAX_RING];
    private final double[] topY = new double[MAX_RING];
    private final double[] topZ = new double[MAX_RING];
    private final double[] botX = new double[MAX_RING];
    private final double[] botY = new double[MAX_RING];
    private final double[] botZ = new double[MAX_RING];
    // the current face in camera space, its near-clipped copy, and its pixel coordinates
    private double[] polyX = new double[2 * MAX_RING + 2];
    private double[] polyY = new double[2 * MAX_RING + 2];
    private double[] polyZ = new double[2 * MAX_RING + 2];
    private double[] clipX = new double[2 * MAX_RING + 2];
    private double[] clipY = new double[2 * MAX_RING + 2];
    private double[] clipZ = new double[2 * MAX_RING + 2];
    private final float[] screenX = new float[2 * MAX_RING + 2];
    private final float[] screenY = new float[2 * MAX_RING + 2];
    private final double[] plane = new double[3];
    private final int[] bounds = new int[4];

    /** A renderer with empty caches; buffers are allocated on the first frame of each size. */
    public SoftwareRenderer() {}

    @Override
    public void render(List<Primitive> solids, Camera camera, Lighting lighting, Backdrop backdrop, byte[] out) {
        if (out == null || out.length != 3 * camera.width() * camera.height()) {
            throw new IllegalArgumentException("frame buffer must hold 3 x " + camera.width() + " x "
                    + camera.height() + " = " + 3 * camera.width() * camera.height() + " bytes, got "
                    + (out == null ? "null" : out.length));
        }
        BackdropCache cache = prepare(camera, lighting, backdrop);
        int n = cam.width * cam.height;
        byte[] shadedTable;
        int[] tableCells;
        if (cache != null) {
            System.arraycopy(cache.lit, 0, out, 0, 3 * n);
            System.arraycopy(cache.inverseDepth, 0, depth, 0, n);
            shadedTable = cache.shaded;
            tableCells = cache.tableCell;
        } else {
            tracer.trace(cam, backdrop, light, shadowMap, out, directShaded, depth, directCell);
            shadedTable = directShaded;
            tableCells = directCell;
        }
        int count = solids.size();
        // a light at or below the horizon casts no usable shadows (and lights no tops)
        boolean shadows = lighting.shadows() && light.lz > 0.05;
        if (shadows) {
            shadowMap.clear();
            for (int i = 0; i < count; i++) {
                Primitive p = solids.get(i);
                int k = footprint(p, true);
                shadowMap.addPrism(i, footX, footY, k, p.z() - p.hz(), k == 0 ? p.z() - p.hz() : p.z() + p.hz());
            }
            shadeTable(tableCells, shadedTable, out);
        }
        for (int i = 0; i < count; i++) {
            Primitive p = solids.get(i);
            int k = footprint(p, false);
            if (k > 0 && p.hz() > 0) {
                drawPrism(i, k, p.z() - p.hz(), p.z() + p.hz(), p.rgb(), out, shadows && shadowMap.mayBeShadowed(i));
            }
        }
    }

    /**
     * Brings the camera, light, buffers and backdrop cache up to date with this frame's inputs; returns the cached
     * backdrop, or null when the frame should ray cast it directly (inputs not seen among the recent misses).
     */
    private BackdropCache prepare(Camera camera, Lighting lighting, Backdrop backdrop) {
        if (cam == null || !cam.camera.equals(camera)) {
            cam = new CameraTransform(camera);
            int n = cam.width * cam.height;
            if (depth.length != n) {
                depth = new float[n];
                directShaded = new byte[3 * n];
                directCell = new int[n];
            }
            if (shadowMap == null || shadowMap.res != Math.max(100, cam.width)) {
                shadowMap = new ShadowMap(cam.width);
                this.lighting = null; // the new map needs the light
            }
        }
        if (!lighting.equals(this.lighting)) {
            this.lighting = lighting;
            light = new LightModel(lighting);
            shadowMap.reset(
                    light.lz > 0.05
                            ? light
                            : new LightModel(new Lighting(lighting.azimuthDeg(), 45, 0xFFFFFF, 1, 0, false)));
        }
        for (int i = 0; i < CACHE_ENTRIES; i++) {
            BackdropCache c = caches[i];
            if (c != null && c.matches(camera, lighting, backdrop)) {
                System.arraycopy(caches, 0, caches, 1, i);
                caches[0] = c;
                return c;
            }
        }
        if (!seenRecently(camera, lighting, backdrop)) {
            seenCamera[seenNext] = camera;
            seenLighting[seenNext] = lighting;
            seenBackdrop[seenNext] = backdrop;
            seenNext = (seenNext + 1) % SEEN_ENTRIES;
            return null;
        }
        BackdropCache c = new BackdropCache(cam, lighting, backdrop, light, shadowMap, tracer);
        System.arraycopy(caches, 0, caches, 1, CACHE_ENTRIES - 1);
        caches[0] = c;
        return c;
    }

    /** Whether these inputs were among the recent uncached frames. */
    private boolean seenRecently(Camera camera, Lighting lighting, Backdrop backdrop) {
        for (int i = 0; i < SEEN_ENTRIES; i++) {
            if (camera.equals(seenCamera[i]) && lighting.equals(seenLighting[i]) && backdrop.equals(seenBackdrop[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills the footprint ring of a solid (counter-clockwise seen from above); returns its size, 0 if degenerate.
     * Shadows take coarser cylinders: their outline is blurred by the map's cells anyway.
     */
    private int footprint(Primitive p, boolean forShadow) {
        double x = p.x();
        double y = p.y();
        double hx = p.hx();
        if (!(hx > 0) || !(p.hz() > 0) || !Double.isFinite(x + y + p.z() + p.hz())) {
            return 0;
        }
        if (p.shape() == Shape.BOX) {
            double hy = p.hy();
            if (!(hy > 0)) {
                return 0;
            }
            double c = Math.cos(p.yaw());
            double s = Math.sin(p.yaw());
            footX[0] = x - c * hx + s * hy;
            footY[0] = y - s * hx - c * hy;
            footX[1] = x + c * hx + s * hy;
            footY[1] = y + s * hx - c * hy;
            footX[2] = x + c * hx - s * hy;
            footY[2] = y + s * hx + c * hy;
            footX[3] = x - c * hx - s * hy;
            footY[3] = y - s * hx + c * hy;
            return 4;
        }
        // facets follow the cylinder's size on screen: small ones need few
        double zc = cam.camZ(x, y, p.z());
        int n = MAX_SEGMENTS;
        if (zc > CameraTransform.NEAR) {
            double px = cam.focal * hx / zc;
            n = Math.max(MIN_SEGMENTS, Math.min(MAX_SEGMENTS, 4 * (int) Math.round((8 + 0.8 * px) / 4)));
        }
        if (forShadow) {
            n = n <= 12 ? MIN_SEGMENTS : 12;
        }
        float[] cos = COS[n];
        float[] sin = SIN[n];
        for (int i = 0; i < n; i++) {
            footX[i] = x + hx * cos[i];
            footY[i] = y + hx * sin[i];
        }
        return n;
    }

    /** Draws the prism over the current footprint between heights z0 and z1. */
    private void drawPrism(int id, int k, double z0, double z1, int rgb, byte[] out, boolean shadowTest) {
        for (int i = 0; i < k; i++) {
            double x = footX[i];
            double y = footY[i];
            topX[i] = cam.camX(x, y, z1);
            topY[i] = cam.camY(x, y, z1);
            topZ[i] = cam.camZ(x, y, z1);
            botX[i] = cam.camX(x, y, z0);
            botY[i] = cam.camY(x, y, z0);
            botZ[i] = cam.camZ(x, y, z0);
        }
        if (cam.ez > z1) {
            for (int i = 0; i < k; i++) {
                polyX[i] = topX[i];
                polyY[i] = topY[i];
                polyZ[i] = topZ[i];
            }
            drawFace(k, 0, 0, 1, z1, rgb, id, out, shadowTest);
        } else if (cam.ez < z0) {
            for (int i = 0; i < k; i++) {
                polyX[i] = botX[i];
                polyY[i] = botY[i];
                polyZ[i] = botZ[i];
            }
            drawFace(k, 0, 0, -1, z0, rgb, id, out, shadowTest);
        }
        for (int i = 0, j = k - 1; i < k; j = i++) {
            double nx = footY[i] - footY[j];
            double ny = footX[j] - footX[i];
            double len = Math.sqrt(nx * nx + ny * ny);
            nx /= len;
            ny /= len;
            double d = nx * footX[i] + ny * footY[i];
            if (d - (nx * cam.ex + ny * cam.ey) >= 0) {
                continue; // back face: the eye is behind its plane
            }
            polyX[0] = topX[j];
            polyY[0] = topY[j];
            polyZ[0] = topZ[j];
            polyX[1] = topX[i];
            polyY[1] = topY[i];
            polyZ[1] = topZ[i];
            polyX[2] = botX[i];
            polyY[2] = botY[i];
            polyZ[2] = botZ[i];
            polyX[3] = botX[j];
            polyY[3] = botY[j];
            polyZ[3] = botZ[j];
            drawFace(4, nx, ny, 0, d, rgb, id, out, shadowTest);
        }
    }

    /**
     * Fills the current face (m vertices in camera space, on the world plane n·p = d) with its shaded colour where it
     * is nearer than what is drawn, testing each pixel against the shadow map when asked and the face is lit.
     */
    private void drawFace(
            int m, double nx, double ny, double nz, double d, int rgb, int id, byte[] out, boolean shadowTest) {
        boolean clip = false;
        for (int i = 0; i < m; i++) {
            clip |= polyZ[i] < CameraTransform.NEAR;
        }
        if (clip && (m = clipNear(m)) < 3) {
            return;
        }
        for (int i = 0; i < m; i++) {
            screenX[i] = (float) cam.screenX(polyX[i], polyZ[i]);
            screenY[i] = (float) cam.screenY(polyY[i], polyZ[i]);
        }
        if (!spans.scan(screenX, screenY, m, cam.width, cam.height)
                || cam.inverseDepthPlane(nx, ny, nz, d, plane) == null) {
            return;
        }
        double ndl = light.cosine(nx, ny, nz);
        int lit = light.shade(rgb, ndl);
        if (shadowTest && ndl > 0) {
            fillShadowTested(lit, light.shadow(rgb), id, out);
        } else {
            fill(lit, out);
        }
    }

    /** Writes colour rgb into the spans where the face's 1/depth (in {@link #plane}) beats the z-buffer. */
    private void fill(int rgb, byte[] out) {
        float a = (float) plane[0];
        float b = (float) plane[1];
        float c = (float) plane[2];
        byte r = (byte) (rgb >> 16);
        byte g = (byte) (rgb >> 8);
        byte bl = (byte) rgb;
        int w = cam.width;
        float[] zb = depth;
        for (int y = spans.y0; y < spans.y1; y++) {
            int x0 = spans.lo[y];
            int x1 = spans.hi[y];
            float iz = a * (x0 + 0.5f) + b * (y + 0.5f) + c;
            for (int i = y * w + x0, end = y * w + x1; i < end; i++, iz += a) {
                if (iz > zb[i]) {
                    zb[i] = iz;
                    int o = 3 * i;
                    out[o] = r;
                    out[o + 1] = g;
                    out[o + 2] = bl;
                }
            }
        }
    }

    /** As {@link #fill}, choosing per pixel between the lit and shadowed colour by the shadow map. */
    private void fillShadowTested(int lit, int dark, int id, byte[] out) {
        CameraTransform c = cam;
        ShadowMap sm = shadowMap;
        double ia = plane[0];
        double ib = plane[1];
        double ic = plane[2];
        double f = c.focal;
        // world coordinates times 1/depth are affine in pixel coordinates: p/depth = eye/depth + ray(sx, sy)
        double xa = c.ex * ia + c.rx / f;
        double xb = c.ex * ib - c.ux / f;
        double xc = c.ex * ic + c.fx - c.rx * c.cx / f + c.ux * c.cy / f;
        double ya = c.ey * ia + c.ry / f;
        double yb = c.ey * ib - c.uy / f;
        double yc = c.ey * ic + c.fy - c.ry * c.cx / f + c.uy * c.cy / f;
        double za = c.ez * ia + c.rz / f;
        double zb = c.ez * ib - c.uz / f;
        double zc = c.ez * ic + c.fz - c.rz * c.cx / f + c.uz * c.cy / f;
        // shadow-map (u, v) times 1/depth, likewise affine
        float ua = (float) (sm.res * (xa - sm.kx * za - sm.q0x * ia));
        float ub = (float) (sm.res * (xb - sm.kx * zb - sm.q0x * ib));
        float uc = (float) (sm.res * (xc - sm.kx * zc - sm.q0x * ic));
        float va = (float) (sm.res * (ya - sm.ky * za - sm.q0y * ia));
        float vb = (float) (sm.res * (yb - sm.ky * zb - sm.q0y * ib));
        float vc = (float) (sm.res * (yc - sm.ky * zc - sm.q0y * ic));
        float ha = (float) za;
        float hb = (float) zb;
        float hc = (float) zc;
        float a = (float) ia;
        float b = (float) ib;
        float cc = (float) ic;
        int w = c.width;
        int mw = sm.w;
        int mh = sm.h;
        float[] heights = sm.height;
        int[] owner = sm.owner;
        int genMask = ~(ShadowMap.MAX_SOLIDS - 1);
        int gen = sm.current;
        int mine = gen | id;
        float[] depthBuf = depth;
        for (int y = spans.y0; y < spans.y1; y++) {
            int x0 = spans.lo[y];
            int x1 = spans.hi[y];
            float sx = x0 + 0.5f;
            float sy = y + 0.5f;
            float iz = a * sx + b * sy + cc;
            float uz = ua * sx + ub * sy + uc;
            float vz = va * sx + vb * sy + vc;
            float hz = ha * sx + hb * sy + hc;
            for (int i = y * w + x0, end = y * w + x1; i < end; i++, iz += a, uz += ua, vz += va, hz += ha) {
                if (iz > depthBuf[i]) {
                    depthBuf[i] = iz;
                    int rgb = lit;
                    float inv = 1f / iz;
                    float u = uz * inv;
                    float v = vz * inv;
                    if (u >= 0 && v >= 0 && u < mw && v < mh) {
                        int cell = (int) v * mw + (int) u;
                        int o = owner[cell];
                        if ((o & genMask) == gen && o != mine && heights[cell] > hz * inv + ShadowMap.BIAS) {
                            rgb = dark;
                        }
                    }
                    int o = 3 * i;
                    out[o] = (byte) (rgb >> 16);
                    out[o + 1] = (byte) (rgb >> 8);
                    out[o + 2] = (byte) rgb;
                }
            }
        }
    }

    /** Darkens the table-top pixels under which the shadow map holds an occluder. */
    private void shadeTable(int[] cells, byte[] dark, byte[] out) {
        int[] b = shadowMap.writtenBounds(bounds);
        if (b == null) {
            return;
        }
        // the screen rectangle of the written map area on the table plane
        double x0 = shadowMap.q0x + b[0] / shadowMap.res;
        double y0 = shadowMap.q0y + b[1] / shadowMap.res;
        double x1 = shadowMap.q0x + b[2] / shadowMap.res;
        double y1 = shadowMap.q0y + b[3] / shadowMap.res;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        boolean whole = false;
        for (int corner = 0; corner < 4; corner++) {
            double x = (corner & 1) == 0 ? x0 : x1;
            double y = (corner & 2) == 0 ? y0 : y1;
            double zc = cam.camZ(x, y, 0);
            if (zc < CameraTransform.NEAR) {
                whole = true;
                break;
            }
            double sx = cam.screenX(cam.camX(x, y, 0), zc);
            double sy = cam.screenY(cam.camY(x, y, 0), zc);
            minX = Math.min(minX, sx);
            maxX = Math.max(maxX, sx);
            minY = Math.min(minY, sy);
            maxY = Math.max(maxY, sy);
        }
        int w = cam.width;
        int h = cam.height;
        int c0 = whole ? 0 : (int) Math.max(0, Math.floor(minX));
        int c1 = whole ? w : (int) Math.min(w, Math.ceil(maxX) + 1);
        int r0 = whole ? 0 : (int) Math.max(0, Math.floor(minY));
        int r1 = whole ? h : (int) Math.min(h, Math.ceil(maxY) + 1);
        float[] heights = shadowMap.height;
        int[] owner = shadowMap.owner;
        int genMask = ~(ShadowMap.MAX_SOLIDS - 1);
        int gen = shadowMap.current;
        for (int y = r0; y < r1; y++) {
            for (int i = y * w + c0, end = y * w + c1; i < end; i++) {
                int cell = cells[i];
                if (cell >= 0 && (owner[cell] & genMask) == gen && heights[cell] > ShadowMap.BIAS) {
                    int o = 3 * i;
                    out[o] = dark[o];
                    out[o + 1] = dark[o + 1];
                    out[o + 2] = dark[o + 2];
                }
            }
        }
    }

    /** Clips the current face to depth ≥ NEAR (Sutherland–Hodgman); returns the new vertex count. */
    private int clipNear(int m) {
        double near = CameraTransform.NEAR;
        int n = 0;
        for (int i = 0, j = m - 1; i < m; j = i++) {
            boolean inI = polyZ[i] >= near;
            boolean inJ = polyZ[j] >= near;
            if (inI != inJ) {
                double t = (near - polyZ[j]) / (polyZ[i] - polyZ[j]);
                clipX[n] = polyX[j] + t * (polyX[i] - polyX[j]);
                clipY[n] = polyY[j] + t * (polyY[i] - polyY[j]);
                clipZ[n] = near;
                n++;
            }
            if (inI) {
                clipX[n] = polyX[i];
                clipY[n] = polyY[i];
                clipZ[n] = polyZ[i];
                n++;
            }
        }
        double[] t = polyX;
        polyX = clipX;
        clipX = t;
        t = polyY;
        polyY = clipY;
        clipY = t;
        t = polyZ;
        polyZ = clipZ;
        clipZ = t;
        return n;
    }
}
