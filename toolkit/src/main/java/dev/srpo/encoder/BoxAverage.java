package dev.srpo.encoder;

/** Shrinks (or grows) an RGB frame to side×side cells, each the mean colour of the pixels it covers, in [0, 1]. */
final class BoxAverage {

    /** Receives one cell's mean colour. */
    @FunctionalInterface
    interface Cell {
        void accept(int cell, double r, double g, double b);
    }

    private BoxAverage() {}

    /** Calls {@code out} once per cell, row by row ({@code cell = cy * side + cx}). */
    static void shrink(byte[] rgb, int width, int height, int side, Cell out) {
        for (int cy = 0; cy < side; cy++) {
            int y0 = cy * height / side;
            int y1 = Math.max(y0 + 1, (cy + 1) * height / side);
            for (int cx = 0; cx < side; cx++) {
                int x0 = cx * width / side;
                int x1 = Math.max(x0 + 1, (cx + 1) * width / side);
                int r = 0;
                int g = 0;
                int b = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int i = 3 * (y * width + x);
                        r += rgb[i] & 0xFF;
                        g += rgb[i + 1] & 0xFF;
                        b += rgb[i + 2] & 0xFF;
                    }
                }
                double n = 255.0 * (y1 - y0) * (x1 - x0);
                out.accept(cy * side + cx, r / n, g / n, b / n);
            }
        }
    }
}
