package dev.srpo.tabletop.perturb;

import java.util.SplittableRandom;

/**
 * A camera-image corruption, like LIBERO-Plus's {@code _noise_{k}} variants, applied to the agentview frame only.
 * Strength grows with {@code severity} (1 = mild, 10 = heavy); spatial sizes are given for a 128-pixel frame and
 * scale with the frame's larger side, so a 256×256 frame gets the same look as a 128×128 one.
 *
 * @param kind the corruption
 * @param severity 1–10
 */
public record SensorNoise(Kind kind, int severity) {

    /** The five corruptions, in LIBERO-Plus's index order. */
    public enum Kind {
        MOTION_BLUR,
        GAUSSIAN_BLUR,
        ZOOM_BLUR,
        FOG,
        GLASS_BLUR
    }

    /** Lowest and highest severity. */
    public static final int MIN_SEVERITY = 1, MAX_SEVERITY = 10;

    /** Fog colour: a slightly cool grey-white. */
    private static final int[] FOG_RGB = {226, 230, 234};

    /** Checks the parameters. */
    public SensorNoise {
        if (kind == null) {
            throw new IllegalArgumentException("sensor noise kind must not be null");
        }
        if (severity < MIN_SEVERITY || severity > MAX_SEVERITY) {
            throw new IllegalArgumentException("sensor noise severity " + severity + " is out of range: use "
                    + MIN_SEVERITY + ".." + MAX_SEVERITY);
        }
    }

    /**
     * The corruption of LIBERO-Plus's noise index {@code k} (1–50): 1–10 motion blur, 11–20 Gaussian blur, 21–30
     * zoom blur, 31–40 fog, 41–50 glass blur; the severity is {@code k} minus the bucket's offset.
     *
     * @throws IllegalArgumentException naming {@code k}, if it is outside 1–50
     */
    public static SensorNoise fromLiberoPlusIndex(int k) {
        if (k < 1 || k > 50) {
            throw new IllegalArgumentException("LIBERO-Plus noise index " + k + " is out of range: use 1..50");
        }
        return new SensorNoise(Kind.values()[(k - 1) / 10], (k - 1) % 10 + 1);
    }

    /** LIBERO-Plus's noise index (1–50) of this corruption; the inverse of {@link #fromLiberoPlusIndex}. */
    public int liberoPlusIndex() {
        return kind.ordinal() * 10 + severity;
    }

    /**
     * Returns a new frame with the corruption applied; {@code rgb} is left untouched. The result depends only on
     * the frame, the parameters and {@code seed}.
     *
     * @param rgb the frame, {@code [height, width, 3]} bytes, top row first
     * @throws IllegalArgumentException if the size is not positive or does not match {@code rgb}'s length
     */
    public byte[] apply(byte[] rgb, int width, int height, long seed) {
        if (rgb == null) {
            throw new IllegalArgumentException("frame must not be null");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "frame size " + width + "x" + height + " is invalid: width and height must be positive");
        }
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("frame of " + rgb.length + " bytes does not match " + width + "x"
                    + height + " RGB (" + (long) width * height * 3 + " bytes)");
        }
        float[] img = toFloat(rgb);
        // Sizes are tuned for 128 px; bigger frames get proportionally bigger kernels.
        double scale = Math.max(width, height) / 128.0;
        // Seeded by kind only, so one seed gives the same blur angle or fog pattern at every severity.
        SplittableRandom rng = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (kind.ordinal() + 1)));
        float[] out = switch (kind) {
            case MOTION_BLUR -> motionBlur(img, width, height, 1.5 * severity * scale, rng);
            case GAUSSIAN_BLUR -> gaussianBlur(img, width, height, (0.4 + 0.5 * severity) * scale);
            case ZOOM_BLUR -> zoomBlur(img, width, height, 0.035 * severity);
            case FOG -> fog(img, width, height, 0.085 * severity, rng);
            case GLASS_BLUR -> glassBlur(img, width, height, scale, rng);
        };
        return toBytes(out);
    }

    /** Averages samples along a line through each pixel, at a seeded angle. */
    private static float[] motionBlur(float[] img, int w, int h, double length, SplittableRandom rng) {
        double angle = rng.nextDouble() * Math.PI;
        double ux = Math.cos(angle), uy = Math.sin(angle);
        int samples = Math.max(2, (int) Math.ceil(length) + 1);
        float[] out = new float[img.length];
        float[] px = new float[3];
        for (int s = 0; s < samples; s++) {
            // Centred on the pixel, so the blurred frame does not shift.
            double t = length * ((double) s / (samples - 1) - 0.5);
            addResampled(img, w, h, 0, 0, 1, t * ux, t * uy, px, out);
        }
        return divide(out, samples);
    }

    /** Separable Gaussian blur, edges clamped. */
    static float[] gaussianBlur(float[] img, int w, int h, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double v = Math.exp(-(i * i) / (2 * sigma * sigma));
            kernel[i + radius] = (float) v;
            sum += v;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] tmp = new float[img.length];
        float[] out = new float[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float r = 0, g = 0, b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int j = (y * w + clamp(x + k, w)) * 3;
                    float c = kernel[k + radius];
                    r += c * img[j];
                    g += c * img[j + 1];
                    b += c * img[j + 2];
                }
                int i = (y * w + x) * 3;
                tmp[i] = r;
                tmp[i + 1] = g;
                tmp[i + 2] = b;
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float r = 0, g = 0, b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int j = (clamp(y + k, h) * w + x) * 3;
                    float c = kernel[k + radius];
                    r += c * tmp[j];
                    g += c * tmp[j + 1];
                    b += c * tmp[j + 2];
                }
                int i = (y * w + x) * 3;
                out[i] = r;
                out[i + 1] = g;
                out[i + 2] = b;
            }
        }
        return out;
    }

    /** Averages copies of the frame magnified about its centre by factors from 1 to {@code 1 + maxZoom}. */
    private static float[] zoomBlur(float[] img, int w, int h, double maxZoom) {
        int copies = 10;
        double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
        float[] out = new float[img.length];
        float[] px = new float[3];
        for (int c = 0; c < copies; c++) {
            addResampled(img, w, h, cx, cy, 1 + maxZoom * c / (copies - 1), 0, 0, px, out);
        }
        return divide(out, copies);
    }

    /**
     * Adds to {@code out} the frame sampled at {@code (cx + (x − cx) / zoom + ox, cy + (y − cy) / zoom + oy)} for each
     * pixel (x, y): a copy magnified about (cx, cy) and shifted by (ox, oy). Both blurs that average copies use it.
     */
    private static void addResampled(
            float[] img,
            int w,
            int h,
            double cx,
            double cy,
            double zoom,
            double ox,
            double oy,
            float[] px,
            float[] out) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                bilinear(img, w, h, cx + (x - cx) / zoom + ox, cy + (y - cy) / zoom + oy, px);
                int i = (y * w + x) * 3;
                out[i] += px[0];
                out[i + 1] += px[1];
                out[i + 2] += px[2];
            }
        }
    }

    private static float[] divide(float[] sum, int count) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= count;
        }
        return sum;
    }

    /**
     * Blends toward a grey-white, more at the top of the frame (farther from an agentview camera) than at the
     * bottom, with a seeded low-frequency ripple so the fog is not perfectly uniform.
     */
    private static float[] fog(float[] img, int w, int h, double amount, SplittableRandom rng) {
        double phaseX = rng.nextDouble() * 2 * Math.PI, phaseY = rng.nextDouble() * 2 * Math.PI;
        double freqX = 1.5 + rng.nextDouble(), freqY = 1 + rng.nextDouble();
        float[] out = new float[img.length];
        for (int y = 0; y < h; y++) {
            double depth = 1 - (double) y / Math.max(1, h - 1); // 1 at the top, 0 at the bottom
            for (int x = 0; x < w; x++) {
                double ripple = 0.1
                        * Math.sin(phaseX + freqX * 2 * Math.PI * x / w)
                        * Math.cos(phaseY + freqY * 2 * Math.PI * y / h);
                double a = Math.min(0.95, Math.max(0, amount * (0.55 + 0.45 * depth + ripple)));
                int i = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    out[i + c] = (float) ((1 - a) * img[i + c] + a * FOG_RGB[c]);
                }
            }
        }
        return out;
    }

    /**
     * Glass blur as in the common image-corruption benchmarks: a light Gaussian blur, then rounds of swapping
     * each pixel with a random neighbour within a radius, then another light blur.
     */
    private float[] glassBlur(float[] img, int w, int h, double scale, SplittableRandom rng) {
        double sigma = (0.3 + 0.07 * severity) * scale;
        int radius = Math.max(1, (int) Math.round((1 + severity / 3.0) * scale));
        int rounds = 1 + severity / 4;
        float[] out = gaussianBlur(img, w, h, sigma);
        for (int r = 0; r < rounds; r++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int nx = clamp(x + rng.nextInt(-radius, radius + 1), w);
                    int ny = clamp(y + rng.nextInt(-radius, radius + 1), h);
                    int i = (y * w + x) * 3, j = (ny * w + nx) * 3;
                    for (int c = 0; c < 3; c++) {
                        float t = out[i + c];
                        out[i + c] = out[j + c];
                        out[j + c] = t;
                    }
                }
            }
        }
        return gaussianBlur(out, w, h, sigma);
    }

    /** Samples the frame at a fractional position, edges clamped. */
    private static void bilinear(float[] img, int w, int h, double fx, double fy, float[] px) {
        fx = Math.max(0, Math.min(w - 1, fx));
        fy = Math.max(0, Math.min(h - 1, fy));
        int x0 = (int) fx, y0 = (int) fy;
        int x1 = Math.min(w - 1, x0 + 1), y1 = Math.min(h - 1, y0 + 1);
        float ax = (float) (fx - x0), ay = (float) (fy - y0);
        int i00 = (y0 * w + x0) * 3, i10 = (y0 * w + x1) * 3, i01 = (y1 * w + x0) * 3, i11 = (y1 * w + x1) * 3;
        for (int c = 0; c < 3; c++) {
            float top = img[i00 + c] + ax * (img[i10 + c] - img[i00 + c]);
            float bottom = img[i01 + c] + ax * (img[i11 + c] - img[i01 + c]);
            px[c] = top + ay * (bottom - top);
        }
    }

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : (v >= size ? size - 1 : v);
    }

    private static float[] toFloat(byte[] rgb) {
        float[] f = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            f[i] = rgb[i] & 0xFF;
        }
        return f;
    }

    private static byte[] toBytes(float[] f) {
        byte[] b = new byte[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, Math.round(f[i])));
        }
        return b;
    }
}
