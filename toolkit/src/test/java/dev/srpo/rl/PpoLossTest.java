package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.srpo.Engines;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PpoLossTest {

    /** Eq. 7–8 with the asymmetric clip, KL and entropy, as a plain loop over tokens. */
    private static double plain(
            float[] lp,
            float[] old,
            float[] ref,
            float[] ent,
            float[] adv,
            float[] w,
            int[] valid,
            int t,
            PpoLoss p,
            long n) {
        double loss = 0;
        for (int i = 0; i < adv.length; i++) {
            for (int k = 0; k < valid[i]; k++) {
                int j = i * t + k;
                double r = Math.exp(Math.max(-p.logRatioClamp(), Math.min(p.logRatioClamp(), lp[j] - old[j])));
                double rc = Math.max(1 - p.clipLow(), Math.min(1 + p.clipHigh(), r));
                double d = ref[j] - lp[j];
                double kl = p.klEstimator() == PpoLoss.Kl.K1 ? -d : Math.exp(d) - d - 1;
                double term = -Math.min(r * adv[i], rc * adv[i]) + p.klBeta() * kl - p.entropyCoef() * ent[j];
                loss += (w == null ? 1 : w[i]) * term / n;
            }
        }
        return loss;
    }

    @Test
    void lossAndDiagnosticsMatchThePlainLoop() {
        Engines.stayOffline();
        SplittableRandom r = new SplittableRandom(1);
        int b = 5;
        int t = 14;
        float[] lp = new float[b * t];
        float[] ref = new float[b * t];
        float[] ent = new float[b * t];
        float[][] old = new float[b][t];
        float[] adv = new float[b];
        int[] valid = {14, 7, 0, 14, 3};
        for (int i = 0; i < b; i++) {
            adv[i] = (float) (2 * r.nextDouble() - 1);
            for (int k = 0; k < t; k++) {
                lp[i * t + k] = (float) (-3 * r.nextDouble());
                old[i][k] = lp[i * t + k] + (float) (0.6 * r.nextGaussian()); // ratios well outside the clip
                ref[i * t + k] = lp[i * t + k] + (float) (0.3 * r.nextGaussian());
                ent[i * t + k] = (float) (2 * r.nextDouble());
            }
        }
        long n = 60; // the mini-batch's valid tokens (more than this micro-batch's 38)
        for (PpoLoss p : new PpoLoss[] {
            PpoLoss.RELEASED_CODE,
            new PpoLoss(0.2, 0.28, 20, 0.1, PpoLoss.Kl.K1, 0.01),
            new PpoLoss(0.1, 0.1, 0.5, 0.05, PpoLoss.Kl.K3, 0)
        }) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray logProbs = m.create(lp, new Shape(b, t));
                PpoLoss.Result res = p.compute(
                        logProbs,
                        m.create(ent, new Shape(b, t)),
                        m.create(ref, new Shape(b, t)),
                        old,
                        adv,
                        null,
                        valid,
                        n);
                assertEquals(
                        plain(lp, flat(old), ref, ent, adv, null, valid, t, p, n),
                        res.loss().getFloat(),
                        1e-5,
                        "" + p);
                // per-rollout weights (sequence-mean) scale every term of their row's tokens
                float[] w = {0.5f, 2f, 1f, 0.25f, 3f};
                PpoLoss.Result weighted = p.compute(
                        logProbs,
                        m.create(ent, new Shape(b, t)),
                        m.create(ref, new Shape(b, t)),
                        old,
                        adv,
                        w,
                        valid,
                        n);
                double expected = plain(lp, flat(old), ref, ent, adv, w, valid, t, p, n);
                assertEquals(expected, weighted.loss().getFloat(), 1e-5, "weighted " + p);
                assertTrue(Math.abs(expected - res.loss().getFloat()) > 1e-3, "the weights change the loss");
                assertEquals(res.diagnostics(), weighted.diagnostics(), "diagnostics count tokens, unweighted");
                PpoLoss.Diagnostics d = res.diagnostics();
                assertEquals(38, d.tokens());
                assertTrue(d.clipFraction() > 0 && d.clipFraction() < 1, "some ratios are clipped: " + d);
                assertTrue(d.ratioMin() < 1 - p.clipLow() && d.ratioMax() > 1 + p.clipHigh(), "" + d);
            }
        }
    }

    @Test
    void gradientPushesLogProbsUpForPositiveAdvantagesAndIsZeroWhenClipped() {
        Engines.stayOffline();
        try (NDManager m = NDManager.newBaseManager()) {
            // token 0: ratio 1, A = +1 → gradient −1/n; token 1: ratio e^0.5 > 1.28 with A = +1 → clipped, 0;
            // token 2: ratio 1, A = −1 → +1/n; token 3: invalid → 0
            NDArray lp = m.create(new float[] {-1, -0.5f, -1, -1}, new Shape(4, 1));
            lp.setRequiresGradient(true);
            float[][] old = {{-1}, {-1}, {-1}, {-1}};
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray loss = PpoLoss.RELEASED_CODE
                        .compute(lp, null, null, old, new float[] {1, 1, -1, 1}, null, new int[] {1, 1, 1, 0}, 3)
                        .loss();
                c.backward(loss);
            }
            float[] g = lp.getGradient().toFloatArray();
            assertEquals(-1 / 3f, g[0], 1e-6);
            assertEquals(0, g[1], 1e-6);
            assertEquals(1 / 3f, g[2], 1e-6);
            assertEquals(0, g[3], 1e-6);
        }
    }

    private static float[] flat(float[][] a) {
        float[] out = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * a[0].length, a[0].length);
        }
        return out;
    }
}
