package dev.srpo.tabletop.render;

import java.util.Arrays;

/**
 * Scan conversion of a convex polygon into one horizontal span of pixels per row, sampled at pixel centres: pixel
 * (x, y) is covered when its centre (x + 0.5, y + 0.5) lies inside. Reusable; not thread-safe.
 */
final class ConvexSpans {

    /** First covered row. */
    int y0;
    /** One past the last covered row. */
    int y1;
    /** Per row: first covered column. */
    int[] lo = new int[0];
    /** Per row: one past the last covered column. */
    int[] hi = new int[0];

    private float[] minX = new float[0];
    private float[] maxX = new float[0];

    /**
     * Scans the polygon (xs, ys) of n vertices, in either winding, clipped to a w × h grid; afterwards rows [y0, y1)
     * hold spans [lo, hi) (possibly empty). Returns false when nothing is covered.
     */
    boolean scan(float[] xs, float[] ys, int n, int w, int h) {
        if (lo.length < h) {
            lo = new int[h];
            hi = new int[h];
            minX = new float[h];
            maxX = new float[h];
        }
        float top = Float.POSITIVE_INFINITY;
        float bottom = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            top = Math.min(top, ys[i]);
            bottom = Math.max(bottom, ys[i]);
        }
        // rows whose centre lies in [top, bottom)
        int r0 = (int) Math.max(0, Math.ceil(Math.max(-1, top) - 0.5));
        int r1 = (int) Math.min(h, Math.ceil(Math.min(h + 1, bottom) - 0.5));
        if (r0 >= r1) {
            return false;
        }
        y0 = r0;
        y1 = r1;
        Arrays.fill(minX, r0, r1, Float.POSITIVE_INFINITY);
        Arrays.fill(maxX, r0, r1, Float.NEGATIVE_INFINITY);
        // each non-horizontal edge deposits its crossing x on the rows it spans
        for (int i = 0, j = n - 1; i < n; j = i++) {
            float xa = xs[j];
            float ya = ys[j];
            float xb = xs[i];
            float yb = ys[i];
            if (ya == yb) {
                continue;
            }
            if (ya > yb) {
                float t = xa;
                xa = xb;
                xb = t;
                t = ya;
                ya = yb;
                yb = t;
            }
            int ra = (int) Math.max(r0, Math.ceil(ya - 0.5));
            int rb = (int) Math.min(r1, Math.ceil(yb - 0.5));
            float slope = (xb - xa) / (yb - ya);
            float x = xa + (ra + 0.5f - ya) * slope;
            for (int r = ra; r < rb; r++, x += slope) {
                if (x < minX[r]) {
                    minX[r] = x;
                }
                if (x > maxX[r]) {
                    maxX[r] = x;
                }
            }
        }
        boolean any = false;
        for (int r = r0; r < r1; r++) {
            float a = minX[r];
            float b = maxX[r];
            if (!(a <= b)) {
                lo[r] = 0;
                hi[r] = 0;
                continue;
            }
            int c0 = (int) Math.max(0, Math.ceil(Math.max(-1f, a) - 0.5f));
            int c1 = (int) Math.min(w, Math.ceil(Math.min(w + 1f, b) - 0.5f));
            lo[r] = c0;
            hi[r] = Math.max(c0, c1);
            any |= c1 > c0;
        }
        return any;
    }
}
