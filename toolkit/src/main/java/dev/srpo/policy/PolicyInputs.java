package dev.srpo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.srpo.env.Observation;
import java.util.List;

/**
 * Observations as network inputs: frames as {@code (B, 3, S, S)} floats in [-0.5, 0.5] and instructions as bags
 * of words {@code (B, V)}. Frames of another size than S are resized bilinearly; a batch must share one size.
 */
public final class PolicyInputs {

    private PolicyInputs() {}

    /**
     * The batch's frames, resized to {@code size × size}.
     *
     * @throws IllegalArgumentException for an empty batch or frames of different sizes (naming the first misfit)
     */
    public static NDArray frames(NDManager manager, List<Observation> batch, int size) {
        checkSizes(batch);
        float[] data = new float[batch.size() * 3 * size * size];
        int plane = size * size;
        for (int b = 0; b < batch.size(); b++) {
            Observation o = batch.get(b);
            byte[] rgb = o.width() == size && o.height() == size
                    ? o.agentview()
                    : resize(o.agentview(), o.width(), o.height(), size, size);
            int base = b * 3 * plane;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    data[base + c * plane + p] = (rgb[3 * p + c] & 0xFF) / 255f - 0.5f;
                }
            }
        }
        return manager.create(data, new Shape(batch.size(), 3, size, size));
    }

    /** The batch's instructions as bags of words. */
    public static NDArray bagOfWords(NDManager manager, List<Observation> batch, InstructionTokenizer words) {
        int v = words.size();
        float[] data = new float[batch.size() * v];
        for (int b = 0; b < batch.size(); b++) {
            System.arraycopy(words.bagOfWords(batch.get(b).instruction()), 0, data, b * v, v);
        }
        return manager.create(data, new Shape(batch.size(), v));
    }

    /**
     * The batch's proprioceptive states, {@code (B, 8)}.
     *
     * @throws IllegalArgumentException if a state does not have 8 numbers
     */
    public static NDArray proprio(NDManager manager, List<Observation> batch) {
        int d = PolicyConfig.PROPRIO_DIM;
        float[] data = new float[batch.size() * d];
        for (int b = 0; b < batch.size(); b++) {
            float[] p = batch.get(b).proprio();
            if (p.length != d) {
                throw new IllegalArgumentException("observation " + b + " has a proprioceptive state of " + p.length
                        + " numbers, the policy reads " + d);
            }
            System.arraycopy(p, 0, data, b * d, d);
        }
        return manager.create(data, new Shape(batch.size(), d));
    }

    /** Fails unless the batch is non-empty and all its frames share one size. */
    public static void checkSizes(List<Observation> batch) {
        if (batch == null || batch.isEmpty()) {
            throw new IllegalArgumentException("a policy batch needs at least one observation");
        }
        Observation first = batch.get(0);
        for (int b = 1; b < batch.size(); b++) {
            Observation o = batch.get(b);
            if (o.width() != first.width() || o.height() != first.height()) {
                throw new IllegalArgumentException(String.format(
                        "a batch must share one frame size: observation 0 is %dx%d, observation %d is %dx%d",
                        first.width(), first.height(), b, o.width(), o.height()));
            }
        }
    }

    /** Bilinear resize of an RGB frame (pixel centres aligned). */
    public static byte[] resize(byte[] rgb, int w, int h, int outW, int outH) {
        byte[] out = new byte[outW * outH * 3];
        for (int y = 0; y < outH; y++) {
            double sy = Math.max(0, Math.min(h - 1, (y + 0.5) * h / outH - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(h - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < outW; x++) {
                double sx = Math.max(0, Math.min(w - 1, (x + 0.5) * w / outW - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(w - 1, x0 + 1);
                double fx = sx - x0;
                for (int c = 0; c < 3; c++) {
                    double v = (1 - fy) * ((1 - fx) * px(rgb, w, x0, y0, c) + fx * px(rgb, w, x1, y0, c))
                            + fy * ((1 - fx) * px(rgb, w, x0, y1, c) + fx * px(rgb, w, x1, y1, c));
                    out[(y * outW + x) * 3 + c] = (byte) Math.round(v);
                }
            }
        }
        return out;
    }

    private static int px(byte[] rgb, int w, int x, int y, int c) {
        return rgb[(y * w + x) * 3 + c] & 0xFF;
    }
}
