package dev.srpo.encoder;

import dev.srpo.rollout.Video;
import java.util.List;

/**
 * The paper's pixel-level baseline (Table 3, "Pixel"): a few frames sampled evenly over the trajectory, each
 * shrunk to a small RGB thumbnail by box averaging, concatenated and scaled to [0, 1]. It sees where things are,
 * but nothing of what they mean.
 */
public final class PixelEncoder implements FrameWiseEncoder {

    private final FrameSampler sampler;
    private final int side;

    /** {@code frames} frames per trajectory, each shrunk to {@code side}×{@code side} pixels. */
    public PixelEncoder(int frames, int side) {
        if (side < 1) {
            throw new IllegalArgumentException("thumbnail side must be >= 1, got " + side);
        }
        this.sampler = new FrameSampler(frames);
        this.side = side;
    }

    @Override
    public String name() {
        return "pixels-" + sampler.count() + "x" + side;
    }

    @Override
    public int dimension() {
        return sampler.count() * side * side * 3;
    }

    @Override
    public double[][] encode(List<Video> videos) {
        double[][] out = new double[videos.size()][];
        for (int v = 0; v < videos.size(); v++) {
            Video video = videos.get(v);
            if (video.length() == 0) {
                out[v] = new double[0];
                continue;
            }
            double[] e = new double[dimension()];
            int[] idx = sampler.indices(video.length());
            for (int k = 0; k < idx.length; k++) {
                thumbnail(video.frames().get(idx[k]), video.width(), video.height(), e, k * side * side * 3);
            }
            out[v] = e;
        }
        return out;
    }

    @Override
    public double[][] frameFeatures(Video video) {
        double[][] out = new double[video.length()][side * side * 3];
        for (int t = 0; t < out.length; t++) {
            thumbnail(video.frames().get(t), video.width(), video.height(), out[t], 0);
        }
        return out;
    }

    /** The sampled frames' thumbnails of the prefix, concatenated, like {@link #encode}. */
    @Override
    public double[] pool(double[][] features, int length) {
        if (length < 1 || length > features.length) {
            throw new IllegalArgumentException(
                    "a prefix of " + length + " frames of a " + features.length + "-frame video");
        }
        int cell = side * side * 3;
        double[] e = new double[dimension()];
        int[] idx = sampler.indices(length);
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(features[idx[k]], 0, e, k * cell, cell);
        }
        return e;
    }

    /** Box-averages the frame into side×side cells, RGB in [0, 1], written at {@code offset}. */
    private void thumbnail(byte[] rgb, int width, int height, double[] out, int offset) {
        BoxAverage.shrink(rgb, width, height, side, (cell, r, g, b) -> {
            int o = offset + 3 * cell;
            out[o] = r;
            out[o + 1] = g;
            out[o + 2] = b;
        });
    }
}
