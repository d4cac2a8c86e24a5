package dev.srpo.policy;

/**
 * What one SFT run did.
 *
 * @param losses cross-entropy (nats per action token) of every step's batch
 * @param samples (frame, chunk) pairs trained on
 * @param seconds wall time of the optimisation
 */
public record SftResult(float[] losses, int samples, double seconds) {

    /** Mean loss over the first {@code n} steps. */
    public double firstLoss(int n) {
        return mean(0, Math.min(n, losses.length));
    }

    /** Mean loss over the last {@code n} steps. */
    public double lastLoss(int n) {
        return mean(Math.max(0, losses.length - n), losses.length);
    }

    private double mean(int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += losses[i];
        }
        return to > from ? s / (to - from) : Double.NaN;
    }
}
