package dev.srpo.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.srpo.Engines;

/**
 * SRPO's policy loss (arXiv 2511.15605, Eq. 7–8), the PPO clipped objective with the released code's asymmetric
 * clip, as a loss to minimise. For every valid action token t of rollout i:
 *
 * <pre>
 *   r_t   = exp( clamp( log π_θ(a_t) − log π_old(a_t), −c, c ) )          (old log-probs recorded at sampling)
 *   L_t   = −min( r_t Â_i, clip(r_t, 1 − ε_low, 1 + ε_high) Â_i )
 *   loss  = Σ_t w_i m_t L_t / N  +  β Σ_t w_i m_t KL_t / N  −  c_H Σ_t w_i m_t H_t / N
 * </pre>
 *
 * with m the valid-token mask, N the valid tokens of the mini-batch and w_i the weight of rollout i's tokens (1:
 * the released code's token-mean; see {@link LossAggregation}), KL_t to a frozen reference
 * policy by the k1 estimator (log π_θ − log π_ref) or k3 (e^{ref − θ} − (ref − θ) − 1), and H_t the token's
 * entropy. Defaults are the released code's: ε_low 0.2, ε_high 0.28, c = 20, β = 0, c_H = 0.
 *
 * @param clipLow ε_low
 * @param clipHigh ε_high
 * @param logRatioClamp c, the bound on the log-ratio before exponentiation
 * @param klBeta β, the weight of the KL term (0: no reference policy needed)
 * @param klEstimator how KL_t is estimated
 * @param entropyCoef c_H, the weight of the entropy bonus
 */
public record PpoLoss(
        double clipLow, double clipHigh, double logRatioClamp, double klBeta, Kl klEstimator, double entropyCoef) {

    /** KL estimators (Schulman's k1 and k3). */
    public enum Kl {
        K1,
        K3
    }

    /** The released code's settings. */
    public static final PpoLoss RELEASED_CODE = new PpoLoss(0.2, 0.28, 20, 0, Kl.K3, 0);

    public PpoLoss {
        if (!(clipLow > 0 && clipLow < 1) || !(clipHigh > 0) || !(logRatioClamp > 0)) {
            throw new IllegalArgumentException(
                    "PPO clip needs 0 < clipLow < 1, clipHigh > 0 and logRatioClamp > 0, got " + clipLow + ", "
                            + clipHigh + ", " + logRatioClamp);
        }
        if (!(klBeta >= 0) || !(entropyCoef >= 0) || klEstimator == null) {
            throw new IllegalArgumentException(
                    "klBeta and entropyCoef must be >= 0 and klEstimator set, got " + klBeta + ", " + entropyCoef);
        }
    }

    /**
     * The loss of a micro-batch, normalised by the valid tokens of its whole mini-batch (so the micro-batches'
     * gradients add up to the mini-batch's token-mean), and its diagnostics.
     *
     * @param logProbs {@code (B, T)} log π_θ of the tokens, with gradients
     * @param entropy {@code (B, T)} the tokens' entropies, with gradients (used only when c_H &gt; 0)
     * @param refLogProbs {@code (B, T)} log π_ref, or null when β = 0
     * @param old {@code [B][T]} the recorded old log-probs
     * @param advantages {@code [B]} one advantage per row
     * @param weights {@code [B]} w_i, the weight of each row's token terms (null: all 1, the token-mean)
     * @param valid {@code [B]} how many leading tokens of each row are valid
     * @param tokens N, the valid tokens of the mini-batch
     */
    public Result compute(
            NDArray logProbs,
            NDArray entropy,
            NDArray refLogProbs,
            float[][] old,
            float[] advantages,
            float[] weights,
            int[] valid,
            long tokens) {
        NDManager m = logProbs.getManager();
        int b = old.length;
        int t = b == 0 ? 0 : old[0].length;
        float[] oldFlat = new float[b * t];
        float[] mask = new float[b * t];
        float[] weightedMask = new float[b * t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(old[i], 0, oldFlat, i * t, t);
            for (int k = 0; k < valid[i]; k++) {
                mask[i * t + k] = 1;
                weightedMask[i * t + k] = weights == null ? 1 : weights[i];
            }
        }
        Shape shape = new Shape(b, t);
        NDArray maskArray = m.create(weightedMask, shape);
        NDArray adv = m.create(advantages, new Shape(b, 1));
        NDArray logRatio = logProbs.sub(m.create(oldFlat, shape)).clip((float) -logRatioClamp, (float) logRatioClamp);
        NDArray ratio = logRatio.exp();
        NDArray unclipped = ratio.mul(adv);
        NDArray clipped =
                ratio.clip((float) (1 - clipLow), (float) (1 + clipHigh)).mul(adv);
        NDArray perToken = unclipped.minimum(clipped).neg();
        NDArray n = Engines.constant(m, Math.max(1, tokens));
        NDArray loss = perToken.mul(maskArray).sum().div(n);
        if (klBeta > 0) {
            NDArray d = refLogProbs.sub(logProbs); // ref − θ
            NDArray kl = klEstimator == Kl.K1 ? d.neg() : d.exp().sub(d).sub(1);
            loss = loss.add(kl.mul(maskArray).sum().div(n).mul(Engines.constant(m, (float) klBeta)));
        }
        if (entropyCoef > 0) {
            loss = loss.sub(entropy.mul(maskArray).sum().div(n).mul(Engines.constant(m, (float) entropyCoef)));
        }
        return new Result(
                loss,
                Diagnostics.of(
                        logProbs.toFloatArray(),
                        oldFlat,
                        entropy == null ? null : entropy.toFloatArray(),
                        refLogProbs == null ? null : refLogProbs.toFloatArray(),
                        advantages,
                        mask,
                        t,
                        this));
    }

    /**
     * A micro-batch's loss and its diagnostics.
     *
     * @param loss the scalar to back-propagate
     * @param diagnostics sums over its valid tokens
     */
    public record Result(NDArray loss, Diagnostics diagnostics) {}

    /**
     * Sums over valid tokens, to be merged across micro-batches and read as means.
     *
     * @param tokens valid tokens
     * @param pgLoss Σ L_t (the clipped surrogate, negated)
     * @param clipped tokens where the clipped term was the smaller (its gradient is zero)
     * @param approxKl Σ of the k3 estimate of KL(π_old ‖ π_θ): r − 1 − log r
     * @param entropy Σ H_t
     * @param refKl Σ KL_t to the reference (0 when none)
     * @param ratioMin the smallest r_t
     * @param ratioMax the largest r_t
     */
    public record Diagnostics(
            long tokens,
            double pgLoss,
            long clipped,
            double approxKl,
            double entropy,
            double refKl,
            double ratioMin,
            double ratioMax) {

        /** Nothing yet. */
        public static final Diagnostics EMPTY =
                new Diagnostics(0, 0, 0, 0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

        static Diagnostics of(
                float[] lp, float[] old, float[] ent, float[] ref, float[] adv, float[] mask, int t, PpoLoss loss) {
            long tokens = 0;
            long clipped = 0;
            double pg = 0;
            double kl = 0;
            double h = 0;
            double refKl = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < lp.length; j++) {
                if (mask[j] == 0) {
                    continue;
                }
                double a = adv[j / t];
                double logRatio = Math.max(-loss.logRatioClamp, Math.min(loss.logRatioClamp, lp[j] - old[j]));
                double r = Math.exp(logRatio);
                double rc = Math.max(1 - loss.clipLow, Math.min(1 + loss.clipHigh, r));
                pg += -Math.min(r * a, rc * a);
                if (rc * a < r * a) {
                    clipped++;
                }
                kl += r - 1 - logRatio;
                h += ent == null ? 0 : ent[j];
                if (ref != null) {
                    double d = ref[j] - lp[j];
                    refKl += loss.klEstimator == Kl.K1 ? -d : Math.exp(d) - d - 1;
                }
                min = Math.min(min, r);
                max = Math.max(max, r);
                tokens++;
            }
            return new Diagnostics(tokens, pg, clipped, kl, h, refKl, min, max);
        }

        /** Both together. */
        public Diagnostics plus(Diagnostics o) {
            return new Diagnostics(
                    tokens + o.tokens,
                    pgLoss + o.pgLoss,
                    clipped + o.clipped,
                    approxKl + o.approxKl,
                    entropy + o.entropy,
                    refKl + o.refKl,
                    Math.min(ratioMin, o.ratioMin),
                    Math.max(ratioMax, o.ratioMax));
        }

        private double mean(double sum) {
            return tokens == 0 ? 0 : sum / tokens;
        }

        /** Mean L_t. */
        public double meanPgLoss() {
            return mean(pgLoss);
        }

        /** Fraction of valid tokens where the clipped term was the smaller (their gradient is zero). */
        public double clipFraction() {
            return mean(clipped);
        }

        /** Mean k3 estimate of KL(π_old ‖ π_θ). */
        public double meanApproxKl() {
            return mean(approxKl);
        }

        /** Mean token entropy. */
        public double meanEntropy() {
            return mean(entropy);
        }

        /** Mean KL to the reference policy. */
        public double meanRefKl() {
            return mean(refKl);
        }
    }
}
