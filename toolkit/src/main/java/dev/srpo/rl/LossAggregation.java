package dev.srpo.rl;

/**
 * How the PPO loss of one RL step averages its token terms, as a weight w_i per rollout i that multiplies each of
 * its valid tokens' terms (the loss stays a sum over tokens divided by the mini-batch's N valid tokens):
 *
 * <pre>
 *   token-mean     w_i = 1                   loss = Σ_i Σ_t ℓ_{i,t} / Σ_i L_i
 *   sequence-mean  w_i = L̄ / L_i,  L̄ = Σ_j L_j / R
 *                                            loss = (1/R) Σ_i (1/L_i) Σ_t ℓ_{i,t}
 * </pre>
 *
 * with L_i the valid tokens of rollout i and R the step's rollouts (the sequence-mean line is the step's loss over all
 * its mini-batches). Token-mean is the released code's: a failure that runs to the step budget has 2–3× the tokens of
 * a success, so it weighs 2–3× as much, and a group's advantages, which sum to zero per rollout, no longer sum to zero
 * per token. Sequence-mean (Dr. GRPO's and DAPO's discussion of length bias) gives every rollout the same weight.
 */
public enum LossAggregation {
    /** Every valid token of the step weighs the same (released code). */
    TOKEN_MEAN,
    /** Every rollout of the step weighs the same, whatever its length. */
    SEQUENCE_MEAN;

    /**
     * The weight of each rollout's tokens.
     *
     * @param validTokens L_i, the valid tokens of each rollout of the step
     * @return w_i, one per rollout (0 for a rollout without valid tokens)
     */
    public double[] weights(long[] validTokens) {
        double[] w = new double[validTokens.length];
        if (this == TOKEN_MEAN) {
            java.util.Arrays.fill(w, 1);
            return w;
        }
        double total = 0;
        int rollouts = 0;
        for (long l : validTokens) {
            if (l < 0) {
                throw new IllegalArgumentException("a rollout has " + l + " valid tokens");
            }
            total += l;
            rollouts += l > 0 ? 1 : 0;
        }
        double mean = rollouts == 0 ? 0 : total / rollouts;
        for (int i = 0; i < w.length; i++) {
            w[i] = validTokens[i] == 0 ? 0 : mean / validTokens[i];
        }
        return w;
    }
}
