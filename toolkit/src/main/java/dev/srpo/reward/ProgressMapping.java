package dev.srpo.reward;

/**
 * How a failure's distance to the nearest success reference becomes its reward (closer ⇒ higher). Distances are
 * compared among the failed rollouts of one task in one batch.
 */
public enum ProgressMapping {
    /**
     * The paper's (Eq. 5, arXiv 2511.15605): \( g_i = \alpha\,\sigma(-z_i) \), \( z_i = (d_i - \bar d)/\sigma_d \) over
     * the task's failures, α = 0.8 by default, so failures earn (0, α). The printed equation has no minus sign,
     * which would reward distance; we follow the paper's stated intent. Zero spread (one failure, or equal
     * distances) gives z = 0, i.e. α/2.
     */
    PAPER,
    /**
     * The released code's: min-max normalise the distances, \( n_i = (d_i - d_{min})/(d_{max} - d_{min}) \), then
     * \( 0.6\,\sigma(10\,(0.5 - n_i)) \); failures earn ≈ 0.004 to ≈ 0.596. A range below 1e-6 gives n = 0.5, i.e. 0.3.
     * α is not used.
     */
    RELEASED_CODE;

    /**
     * Rewards for one task's failures.
     *
     * @param distances each failure's distance to its nearest reference
     * @param alpha the paper's progress-reward weight (ignored by {@link #RELEASED_CODE})
     */
    double[] rewards(double[] distances, double alpha) {
        int n = distances.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        if (this == PAPER) {
            double mean = 0;
            for (double d : distances) {
                mean += d;
            }
            mean /= n;
            double var = 0;
            for (double d : distances) {
                var += (d - mean) * (d - mean);
            }
            double std = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) {
                double z = std < 1e-12 ? 0 : (distances[i] - mean) / std;
                out[i] = alpha * sigmoid(-z);
            }
        } else {
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (double d : distances) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            for (int i = 0; i < n; i++) {
                double norm = max - min < 1e-6 ? 0.5 : (distances[i] - min) / (max - min);
                out[i] = 0.6 * sigmoid(10 * (0.5 - norm));
            }
        }
        return out;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
