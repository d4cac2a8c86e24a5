package dev.srpo.encoder;

import dev.srpo.rollout.Video;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one episode's video into a V-JEPA 2 clip, the released SRPO recipe step by step: sample {@code frames}
 * frames evenly over the episode (a short one is cycled, {@link FrameSampler}), scale bytes to [0, 1], resize so
 * the short side is {@code resizeShortSide}, centre-crop {@code crop}×{@code crop}, normalise per channel.
 *
 * <p>It mirrors {@code preprocess} in {@code tools/vjepa2/export_vjepa2.py} exactly, so that Java and Python feed
 * the model the same numbers:
 *
 * <ul>
 *   <li>resize: bilinear with half-pixel centres and no antialiasing (PyTorch's {@code interpolate(mode="bilinear",
 *       align_corners=False, antialias=False)}), computed in float; the long side becomes
 *       {@code floor(resizeShortSide * long / short)};
 *   <li>crop offset: {@code floor((side - crop) / 2)} on each axis (438 → 384 crops 27 pixels each side).
 * </ul>
 *
 * Only the pixels inside the crop are interpolated; the rest of the resized frame is never made.
 */
public final class ClipTransform {

    private final VJepa2Recipe recipe;
    private final FrameSampler sampler;

    /** The transform a sidecar asks for. */
    public ClipTransform(VJepa2Recipe recipe) {
        this.recipe = recipe;
        this.sampler = new FrameSampler(recipe.frames());
    }

    /** Floats in one clip: {@code frames × 3 × crop × crop}. */
    public int clipSize() {
        return recipe.frames() * frameSize();
    }

    private int frameSize() {
        return 3 * recipe.crop() * recipe.crop();
    }

    /**
     * Writes the clip of {@code video}, layout {@code [T, 3, crop, crop]}, into {@code out} at {@code offset}.
     *
     * @throws IllegalArgumentException if the video is empty
     */
    public void apply(Video video, float[] out, int offset) {
        if (video.length() == 0) {
            throw new IllegalArgumentException("an empty video has no clip (the encoder gives it an empty embedding)");
        }
        int[] idx = sampler.indices(video.length());
        Map<Integer, Integer> done = new HashMap<>(); // frame index → where its transform was first written
        for (int t = 0; t < idx.length; t++) {
            int dst = offset + t * frameSize();
            Integer first = done.putIfAbsent(idx[t], dst);
            if (first != null) {
                System.arraycopy(out, first, out, dst, frameSize()); // a cycled or repeated frame
            } else {
                frame(video.frames().get(idx[t]), video.width(), video.height(), out, dst);
            }
        }
    }

    /** A fresh array holding the clip of {@code video}. */
    public float[] apply(Video video) {
        float[] out = new float[clipSize()];
        apply(video, out, 0);
        return out;
    }

    /** Resize + crop + normalise one RGB frame into {@code [3, crop, crop]}. */
    private void frame(byte[] rgb, int width, int height, float[] out, int offset) {
        int shortSide = recipe.resizeShortSide();
        int outH = height <= width ? shortSide : (int) ((long) shortSide * height / width);
        int outW = height <= width ? (int) ((long) shortSide * width / height) : shortSide;
        int crop = recipe.crop();
        int top = (outH - crop) / 2;
        int left = (outW - crop) / 2;
        // PyTorch computes the scale and the source positions in the tensor's own precision (float here).
        float scaleY = (float) height / outH;
        float scaleX = (float) width / outW;
        int[] x0 = new int[crop];
        int[] x1 = new int[crop];
        float[] wx1 = new float[crop];
        for (int x = 0; x < crop; x++) {
            float src = Math.max(scaleX * (left + x + 0.5f) - 0.5f, 0f);
            x0[x] = (int) src;
            x1[x] = x0[x] < width - 1 ? x0[x] + 1 : x0[x];
            wx1[x] = src - x0[x];
        }
        float[] mean = recipe.mean();
        float[] std = recipe.std();
        int plane = crop * crop;
        for (int y = 0; y < crop; y++) {
            float srcY = Math.max(scaleY * (top + y + 0.5f) - 0.5f, 0f);
            int y0 = (int) srcY;
            int y1 = y0 < height - 1 ? y0 + 1 : y0;
            float wy1 = srcY - y0;
            float wy0 = 1f - wy1;
            int row0 = y0 * width;
            int row1 = y1 * width;
            for (int x = 0; x < crop; x++) {
                float wxb = wx1[x];
                float wxa = 1f - wxb;
                int a = 3 * (row0 + x0[x]);
                int b = 3 * (row0 + x1[x]);
                int c = 3 * (row1 + x0[x]);
                int d = 3 * (row1 + x1[x]);
                for (int ch = 0; ch < 3; ch++) {
                    float v = wy0 * (wxa * unit(rgb[a + ch]) + wxb * unit(rgb[b + ch]))
                            + wy1 * (wxa * unit(rgb[c + ch]) + wxb * unit(rgb[d + ch]));
                    out[offset + ch * plane + y * crop + x] = (v - mean[ch]) / std[ch];
                }
            }
        }
    }

    private static float unit(byte b) {
        return (b & 0xFF) / 255f;
    }
}
