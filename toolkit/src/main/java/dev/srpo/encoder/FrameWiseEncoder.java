package dev.srpo.encoder;

import dev.srpo.rollout.Video;

/**
 * An encoder whose trajectory embedding is pooled from per-frame features. Progress studies need the embedding of
 * every prefix of a video (paper App. B); such an encoder computes each frame's features once and pools any
 * prefix from them, instead of encoding hundreds of growing videos.
 */
public interface FrameWiseEncoder extends TrajectoryEncoder {

    /** Features of every frame of {@code video}, one row per frame. */
    double[][] frameFeatures(Video video);

    /**
     * The embedding of the video's first {@code length} frames, from their features: equal (up to float rounding)
     * to {@code encode} of that prefix.
     */
    double[] pool(double[][] features, int length);
}
