package dev.srpo.tabletop.render;

import java.util.Arrays;

/**
 * A height map of the occluders seen from a directional light. Every world point p is keyed by where the light ray
 * through it meets the table plane, q = p.xy − p.z · l.xy / l.z; a cell stores the highest point at which any solid
 * meets that ray, and which solid it was. A point is in shadow when a different solid meets its ray higher up.
 * Covers the table plus a margin; reusable per frame; not thread-safe.
 */
final class ShadowMap {

    /** Height differences below this (metres) do not shadow: absorbs the map's quantisation. */
    static final float BIAS = 0.004f;

    private static final double MARGIN = 0.35;

    /** Cells per metre. */
    final double res;
    /** World q of the map's corner (cell 0, 0). */
    final double q0x;

    final double q0y;
    final int w;
    final int h;
    /** Highest occluder point per cell (row-major); meaningful only where {@link #owner} is current. */
    final float[] height;
    /**
     * Per cell: the frame's generation and the owning solid, {@code generation << ID_BITS | id}. Cells of older
     * generations count as empty, so clearing the map costs nothing.
     */
    final int[] owner;

    /** Bits of {@link #owner} that hold the solid id; solids beyond {@link #MAX_SOLIDS} cast no shadow. */
    static final int ID_BITS = 10;

    static final int MAX_SOLIDS = 1 << ID_BITS;
    private static final int MAX_GENERATION = 1 << (31 - ID_BITS);

    /** The current frame's generation, already shifted into place. */
    int current;

    private int generation;

    // horizontal shift of q per metre of height: q = p.xy - z * (kx, ky)
    double kx;
    double ky;
    // the part of the map written since the last clear
    private int dirtyX0;
    private int dirtyY0;
    private int dirtyX1;
    private int dirtyY1;
    // per solid: the cells its shadow may touch (inclusive bounds), and its height range
    private int[] boxX0 = new int[32];
    private int[] boxY0 = new int[32];
    private int[] boxX1 = new int[32];
    private int[] boxY1 = new int[32];
    private double[] bottom = new double[32];
    private double[] top = new double[32];
    private int solids;

    private final ConvexSpans spans = new ConvexSpans();
    private final float[] px = new float[4];
    private final float[] py = new float[4];
    private float[] ringU = new float[32];
    private float[] ringV = new float[32];

    /** A map whose resolution follows the image width (about one cell per pixel across the table). */
    ShadowMap(int imageWidth) {
        res = Math.max(100, imageWidth);
        q0x = -BackdropCache.TABLE_HALF_X - MARGIN;
        q0y = -BackdropCache.TABLE_HALF_Y - MARGIN;
        w = (int) Math.ceil(2 * (BackdropCache.TABLE_HALF_X + MARGIN) * res);
        h = (int) Math.ceil(2 * (BackdropCache.TABLE_HALF_Y + MARGIN) * res);
        height = new float[w * h];
        owner = new int[w * h];
    }

    /** Sets the light (unit vector towards it, pointing upwards) and empties the map. */
    void reset(LightModel light) {
        kx = light.lx / light.lz;
        ky = light.ly / light.lz;
        clear();
    }

    /** Empties the map by starting a new generation. */
    void clear() {
        if (++generation >= MAX_GENERATION) {
            Arrays.fill(owner, 0); // generation 0 is never current
            generation = 1;
        }
        current = generation << ID_BITS;
        dirtyX0 = w;
        dirtyY0 = h;
        dirtyX1 = 0;
        dirtyY1 = 0;
        solids = 0;
    }

    /** Map column (fractional) of a world point. */
    double u(double x, double z) {
        return (x - z * kx - q0x) * res;
    }

    /** Map row (fractional) of a world point. */
    double v(double y, double z) {
        return (y - z * ky - q0y) * res;
    }

    /** The cell under the table point (x, y, 0), or −1 outside the map. */
    int cellOfTablePoint(double x, double y) {
        double u = (x - q0x) * res;
        double v = (y - q0y) * res;
        if (u < 0 || v < 0 || u >= w || v >= h) {
            return -1;
        }
        return (int) v * w + (int) u;
    }

    /**
     * Adds solid {@code id} (ids must be 0, 1, 2... in order), a vertical prism over the counter-clockwise footprint
     * (fx, fy) of k vertices between heights z0 and z1: its top and the sides that face the light.
     */
    void addPrism(int id, double[] fx, double[] fy, int k, double z0, double z1) {
        if (id >= MAX_SOLIDS) {
            return;
        }
        if (id >= boxX0.length) {
            int n = 2 * id + 2;
            boxX0 = Arrays.copyOf(boxX0, n);
            boxY0 = Arrays.copyOf(boxY0, n);
            boxX1 = Arrays.copyOf(boxX1, n);
            boxY1 = Arrays.copyOf(boxY1, n);
            bottom = Arrays.copyOf(bottom, n);
            top = Arrays.copyOf(top, n);
        }
        if (ringU.length < 2 * k) {
            ringU = new float[2 * k];
            ringV = new float[2 * k];
        }
        solids = id + 1;
        bottom[id] = z0;
        top[id] = z1;
        // footprint rings in map coordinates: [0, k) at the top, [k, 2k) at the bottom
        double minU = Double.POSITIVE_INFINITY;
        double minV = Double.POSITIVE_INFINITY;
        double maxU = Double.NEGATIVE_INFINITY;
        double maxV = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            ringU[i] = (float) u(fx[i], z1);
            ringV[i] = (float) v(fy[i], z1);
            ringU[k + i] = (float) u(fx[i], z0);
            ringV[k + i] = (float) v(fy[i], z0);
        }
        for (int i = 0; i < 2 * k; i++) {
            minU = Math.min(minU, ringU[i]);
            maxU = Math.max(maxU, ringU[i]);
            minV = Math.min(minV, ringV[i]);
            maxV = Math.max(maxV, ringV[i]);
        }
        boxX0[id] = (int) Math.floor(Math.max(-1, minU));
        boxY0[id] = (int) Math.floor(Math.max(-1, minV));
        boxX1[id] = (int) Math.floor(Math.min(w + 1, maxU));
        boxY1[id] = (int) Math.floor(Math.min(h + 1, maxV));
        if (maxU < 0 || maxV < 0 || minU >= w || minV >= h || !(z1 > z0)) {
            return; // nothing of it lands on the map
        }
        // the top: constant height
        fill(ringU, ringV, k, 0, 0, (float) z1, id, (float) z0, (float) z1);
        // sides facing the light: height is affine in (u, v) over each side's plane
        for (int i = 0, j = k - 1; i < k; j = i++) {
            double nx = fy[i] - fy[j];
            double ny = -(fx[i] - fx[j]);
            double s = nx * kx + ny * ky; // proportional to n·l: positive when the side faces the light
            double len = Math.sqrt(nx * nx + ny * ny);
            if (s <= 1e-9 * len) {
                continue;
            }
            px[0] = ringU[j];
            py[0] = ringV[j];
            px[1] = ringU[i];
            py[1] = ringV[i];
            px[2] = ringU[k + i];
            py[2] = ringV[k + i];
            px[3] = ringU[k + j];
            py[3] = ringV[k + j];
            // on the side's plane n·p = d, with p = (qx + z*kx, qy + z*ky, z): z = (d - n·q) / s
            double d = nx * fx[i] + ny * fy[i];
            double gu = -nx / (s * res);
            double gv = -ny / (s * res);
            double c0 = (d - nx * q0x - ny * q0y) / s;
            fill(px, py, 4, (float) gu, (float) gv, (float) c0, id, (float) z0, (float) z1);
        }
    }

    /** Raises the cells of a convex polygon to height gu*u + gv*v + c (clamped to [lo, hi]) where it is higher. */
    private void fill(float[] us, float[] vs, int n, float gu, float gv, float c, int id, float lo, float hi) {
        if (!spans.scan(us, vs, n, w, h)) {
            return;
        }
        dirtyY0 = Math.min(dirtyY0, spans.y0);
        dirtyY1 = Math.max(dirtyY1, spans.y1);
        for (int y = spans.y0; y < spans.y1; y++) {
            int x0 = spans.lo[y];
            int x1 = spans.hi[y];
            if (x0 >= x1) {
                continue;
            }
            dirtyX0 = Math.min(dirtyX0, x0);
            dirtyX1 = Math.max(dirtyX1, x1);
            float z = gu * (x0 + 0.5f) + gv * (y + 0.5f) + c;
            int cell = y * w + x0;
            int mine = current | id;
            for (int x = x0; x < x1; x++, cell++, z += gu) {
                float zz = z < lo ? lo : (z > hi ? hi : z);
                if ((owner[cell] & ~(MAX_SOLIDS - 1)) != current || zz > height[cell]) {
                    height[cell] = zz;
                    owner[cell] = mine;
                }
            }
        }
    }

    /** Whether any other solid added this frame could shadow part of solid {@code id}. */
    boolean mayBeShadowed(int id) {
        if (id >= solids) {
            return false;
        }
        for (int j = 0; j < solids; j++) {
            if (j != id
                    && top[j] > bottom[id] + BIAS
                    && boxX0[j] <= boxX1[id]
                    && boxX0[id] <= boxX1[j]
                    && boxY0[j] <= boxY1[id]
                    && boxY0[id] <= boxY1[j]) {
                return true;
            }
        }
        return false;
    }

    /** The map-space bounds (u0, v0, u1, v1, inclusive) of everything written this frame, or null if nothing. */
    int[] writtenBounds(int[] out) {
        if (dirtyX0 >= dirtyX1 || dirtyY0 >= dirtyY1) {
            return null;
        }
        out[0] = dirtyX0;
        out[1] = dirtyY0;
        out[2] = dirtyX1;
        out[3] = dirtyY1;
        return out;
    }
}
