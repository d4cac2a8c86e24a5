package dev.srpo.rl;

/**
 * SRPO's group-normalised advantage (arXiv 2511.15605, Eq. 6): within the M rollouts of one (task, initial
 * state),
 *
 * <pre>
 *   Â_i = (g_i − μ) / σ,   μ = (1/M) Σ_j g_j,   σ = sqrt( (1/M) Σ_j (g_j − μ)² + ε )
 * </pre>
 *
 * one scalar per rollout, broadcast to every valid action token of it (trajectory-level credit). Variants: the
 * released code's (g − μ)/(s + 1e-6) with the unbiased std s (a group of one: μ = 0, s = 1), and (g − μ) alone.
 */
public final class GroupAdvantage {

    /** How the centred rewards are scaled. */
    public enum Normalisation {
        /** The paper's: population std with ε inside the square root. */
        PAPER,
        /** The released code's: unbiased std + ε outside; a group of one gets μ = 0, s = 1. */
        RELEASED_CODE,
        /** Centred only (Dr. GRPO's choice): g − μ. */
        NO_STD
    }

    /** The ε of {@link Normalisation#PAPER} and {@link Normalisation#RELEASED_CODE} (the released code's 1e-6). */
    public static final double EPS = 1e-6;

    private GroupAdvantage() {}

    /**
     * The advantages of one group's rewards.
     *
     * @throws IllegalArgumentException for an empty group or a non-finite reward (naming its index)
     */
    public static double[] of(double[] rewards, Normalisation normalisation, double eps) {
        int m = rewards.length;
        if (m == 0) {
            throw new IllegalArgumentException("a group needs at least one reward");
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(rewards[i])) {
                throw new IllegalArgumentException("reward " + i + " of the group is " + rewards[i]);
            }
        }
        double mean = 0;
        for (double g : rewards) {
            mean += g;
        }
        mean /= m;
        double squares = 0;
        for (double g : rewards) {
            squares += (g - mean) * (g - mean);
        }
        double centre = mean;
        double scale;
        switch (normalisation) {
            case PAPER -> scale = Math.sqrt(squares / m + eps);
            case RELEASED_CODE -> {
                if (m == 1) {
                    centre = 0;
                    scale = 1;
                } else {
                    scale = Math.sqrt(squares / (m - 1)) + eps;
                }
            }
            default -> scale = 1;
        }
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = (rewards[i] - centre) / scale;
        }
        return out;
    }
}
