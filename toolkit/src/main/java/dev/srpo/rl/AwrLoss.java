package dev.srpo.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.srpo.Engines;

/**
 * Advantage-weighted regression (Peng et al. 2019), the update of offline SRPO (arXiv 2511.15605, App. G): the
 * log-likelihood of the buffer's actions, each chunk weighted by how good its advantage says it was. For chunk b
 * with advantage A_b and valid tokens a_{b,1..n_b}:
 *
 * <pre>
 *   w_b  = min( exp(A_b / β), w_max )          (0 where A_b &lt; 0 if positiveOnly)
 *   loss = − Σ_b w_b Σ_{k ≤ n_b} log π_θ(a_{b,k} | o_b) / N          N = valid tokens of the mini-batch
 * </pre>
 *
 * with π_θ at the temperature the buffer was sampled at (softmax of logits / T), as the PPO update scores its
 * rollouts: with equal weights the policy then already fits its own samples, and only the weights move it. The
 * paper gives neither β nor the clip; ours are chosen from pilots ({@code OfflineConfig}). A weight of 1 for every
 * chunk of a success and 0 otherwise is behaviour cloning on the successes ("filtered BC").
 *
 * @param beta β, the temperature of the weights (smaller: sharper preference for high advantages)
 * @param maxWeight w_max, the clip that keeps a few chunks from dominating
 * @param positiveOnly whether chunks of negative advantage get weight 0 instead of exp(A/β) &lt; 1: the regression
 *     then fits only what did at least as well as average (not in the paper: an option of ours, see {@code OfflineConfig})
 */
public record AwrLoss(double beta, double maxWeight, boolean positiveOnly) {

    public AwrLoss {
        if (!(beta > 0) || Double.isInfinite(beta) || !(maxWeight >= 1) || Double.isInfinite(maxWeight)) {
            throw new IllegalArgumentException(
                    "AWR needs a finite beta > 0 and a finite maxWeight >= 1, got " + beta + ", " + maxWeight);
        }
    }

    /** AWR as the paper has it: every chunk weighted, none dropped. */
    public AwrLoss(double beta, double maxWeight) {
        this(beta, maxWeight, false);
    }

    /** w = min(exp(A/β), w_max) for one advantage (0 for a negative one if {@link #positiveOnly}). */
    public double weight(double advantage) {
        if (!Double.isFinite(advantage)) {
            throw new NonFiniteException("an advantage is " + advantage + ": no AWR weight for it");
        }
        return positiveOnly && advantage < 0 ? 0 : Math.min(Math.exp(advantage / beta), maxWeight);
    }

    /**
     * The loss of a micro-batch, normalised by the valid tokens of its whole mini-batch (so micro-batches' gradients
     * add up to the mini-batch's).
     *
     * @param logProbs {@code (B, T)} log π_θ of the buffer's tokens, with gradients
     * @param weights {@code [B]} each chunk's weight
     * @param valid {@code [B]} how many leading tokens of each row are valid
     * @param tokens N, the valid tokens of the mini-batch
     */
    public static NDArray compute(NDArray logProbs, float[] weights, int[] valid, long tokens) {
        NDManager m = logProbs.getManager();
        int b = weights.length;
        int t = (int) logProbs.getShape().get(1);
        float[] weightedMask = new float[b * t];
        for (int i = 0; i < b; i++) {
            if (!Float.isFinite(weights[i]) || weights[i] < 0) {
                throw new NonFiniteException("AWR weight " + i + " of a micro-batch is " + weights[i]);
            }
            for (int k = 0; k < valid[i]; k++) {
                weightedMask[i * t + k] = weights[i];
            }
        }
        return logProbs.mul(m.create(weightedMask, new Shape(b, t)))
                .sum()
                .div(Engines.constant(m, Math.max(1, tokens)))
                .neg();
    }
}
