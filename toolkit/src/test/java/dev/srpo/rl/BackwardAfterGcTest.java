package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.srpo.Engines;
import dev.srpo.GcHammer;
import dev.srpo.env.LineEnv;
import dev.srpo.env.Observation;
import dev.srpo.env.Suite;
import dev.srpo.policy.SmallVla;
import dev.srpo.policy.TokenScores;
import dev.srpo.rollout.Decoding;
import dev.srpo.rollout.Rollout;
import dev.srpo.rollout.RolloutCollector;
import dev.srpo.rollout.Start;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A garbage collection between the forward and the backward pass leaves the policy's gradients as they are, bit
 * for bit. DJL's scalar arithmetic frees, at the next collection, memory that autograd still reads (see {@link
 * Engines#constant}). Before the fix a collection fell between the two passes in about 1 of 70 micro-batches of a
 * default training step, and under {@link GcHammer} every update's gradient came out wrong (NaN, or 1e31).
 */
class BackwardAfterGcTest {

    private static final int REPEATS = 12;

    @BeforeAll
    static void offline() {
        Engines.stayOffline();
    }

    /** A few chunks sampled on the line world: observations, tokens, old log-probs. */
    private static List<Rollout.Chunk> chunks(SmallVla policy) {
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            starts.add(new Start(Suite.SPATIAL.task(i), i));
        }
        List<Rollout.Chunk> out = new ArrayList<>();
        for (Rollout r : new RolloutCollector(LineEnv::new).collect(policy, starts, Decoding.sample(1.6f, 5))) {
            out.addAll(r.chunks());
        }
        return out.subList(0, Math.min(12, out.size()));
    }

    /**
     * Every parameter's gradient of the loss this function builds from the chunks' scores, with a collection between
     * the forward and the backward pass when {@code collect}.
     */
    private static float[][] gradients(
            SmallVla policy,
            List<Rollout.Chunk> chunks,
            BiFunction<NDManager, TokenScores, NDArray> loss,
            boolean collect) {
        List<Pair<String, Parameter>> params =
                policy.model().getBlock().getParameters().stream().toList();
        try (Adam adam = new Adam(params, 1e-3, 0.9, 0.999, 1e-8, 0)) {
            adam.zeroGradients();
            List<Observation> obs = new ArrayList<>();
            int[][] tokens = new int[chunks.size()][];
            for (int i = 0; i < tokens.length; i++) {
                obs.add(chunks.get(i).observation());
                tokens[i] = chunks.get(i).tokens();
            }
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector();
                    NDManager m = policy.model().getNDManager().newSubManager()) {
                NDArray l = loss.apply(m, policy.score(m, obs, tokens, 1.6f, true));
                if (collect) {
                    GcHammer.collect();
                }
                gc.backward(l);
            }
            float[][] g = new float[params.size()][];
            for (int i = 0; i < g.length; i++) {
                try (NDArray grad = params.get(i).getValue().getArray().getGradient()) {
                    g[i] = grad.toFloatArray();
                }
            }
            return g;
        }
    }

    private static void assertSurvivesCollections(BiFunction<NDManager, TokenScores, NDArray> loss)
            throws InterruptedException {
        try (SmallVla policy = TinyPolicies.create(3)) {
            List<Rollout.Chunk> chunks = chunks(policy);
            float[][] expected = gradients(policy, chunks, loss, false);
            double norm = 0;
            for (float[] g : expected) {
                for (float x : g) {
                    norm += x * x;
                }
            }
            assertTrue(norm > 0 && Double.isFinite(norm), "the reference gradient is finite and not zero: " + norm);
            try (GcHammer hammer = new GcHammer()) {
                for (int r = 0; r < REPEATS; r++) {
                    float[][] got = gradients(policy, chunks, loss, true);
                    for (int i = 0; i < expected.length; i++) {
                        assertArrayEquals(expected[i], got[i], "repeat " + r + ", parameter " + i);
                    }
                }
            }
        }
    }

    @Test
    void ppoLossWithKlAndEntropyTerms() throws InterruptedException {
        PpoLoss ppo = new PpoLoss(0.2, 0.28, 5, 0.1, PpoLoss.Kl.K3, 0.01);
        assertSurvivesCollections((m, s) -> {
            // a made-up batch: the scores' own log-probs, shifted, stand in for the old and the reference ones
            float[] lp = s.logProbs().toFloatArray();
            int b = (int) s.logProbs().getShape().get(0);
            int t = (int) s.logProbs().getShape().get(1);
            float[][] old = new float[b][t];
            float[] adv = new float[b];
            int[] valid = new int[b];
            for (int i = 0; i < b; i++) {
                for (int k = 0; k < t; k++) {
                    old[i][k] = lp[i * t + k] + 0.05f * ((i + k) % 3 - 1);
                }
                adv[i] = i % 2 == 0 ? 1f : -0.5f;
                valid[i] = t - i % 3;
            }
            NDArray ref = s.logProbs().stopGradient().add(0.1f);
            return ppo.compute(s.logProbs(), s.entropy(), ref, old, adv, null, valid, (long) b * t)
                    .loss();
        });
    }

    @Test
    void awrLoss() throws InterruptedException {
        assertSurvivesCollections((m, s) -> {
            int b = (int) s.logProbs().getShape().get(0);
            int t = (int) s.logProbs().getShape().get(1);
            float[] w = new float[b];
            int[] valid = new int[b];
            for (int i = 0; i < b; i++) {
                w[i] = 0.5f + i % 3;
                valid[i] = t;
            }
            return AwrLoss.compute(s.logProbs(), w, valid, (long) b * t);
        });
    }
}
