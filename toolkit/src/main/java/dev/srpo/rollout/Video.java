package dev.srpo.rollout;

import java.util.List;

/**
 * One trajectory's third-person frames, in order, starting right after the warm-up steps: RGB bytes
 * {@code [height, width, 3]}, all of one size. One video per rollout (never merged across rollouts).
 *
 * @param frames the frames; empty for a trajectory with no steps
 * @param width frame width, pixels
 * @param height frame height, pixels
 */
public record Video(List<byte[]> frames, int width, int height) {

    public Video {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("video frame size must be positive, got " + width + "x" + height);
        }
        frames = List.copyOf(frames);
        int bytes = 3 * width * height;
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).length != bytes) {
                throw new IllegalArgumentException(String.format(
                        "frame %d has %d bytes, a %dx%d RGB frame needs %d",
                        i, frames.get(i).length, width, height, bytes));
            }
        }
    }

    /** Number of frames. */
    public int length() {
        return frames.size();
    }
}
