package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.srpo.Engines;
import dev.srpo.env.LineEnv;
import dev.srpo.env.Observation;
import dev.srpo.env.Suite;
import dev.srpo.policy.SmallVla;
import dev.srpo.rollout.Decoding;
import dev.srpo.rollout.Rollout;
import dev.srpo.rollout.RolloutCollector;
import dev.srpo.rollout.Start;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupPpoUpdaterTest {

    private static List<Rollout> rollouts(SmallVla policy, Decoding d) {
        List<Start> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starts.add(new Start(Suite.SPATIAL.task(i), i));
        }
        return new RolloutCollector(LineEnv::new).threads(2).collect(policy, starts, d);
    }

    private static GroupPpoUpdater.Settings settings(double lr, float temperature) {
        return new GroupPpoUpdater.Settings(lr, 0.9, 0.999, 1e-8, 0, 1, 16, 8, 1.0, temperature, PpoLoss.RELEASED_CODE);
    }

    @Test
    void scoresUnderTheUnchangedPolicyEqualTheLogProbsRecordedAtSampling() {
        Engines.stayOffline();
        try (SmallVla policy = TinyPolicies.create(1)) {
            for (Decoding d : new Decoding[] {Decoding.sample(1.6f, 3), Decoding.greedy()}) {
                for (Rollout r : rollouts(policy, d)) {
                    List<Observation> obs = new ArrayList<>();
                    int[][] tokens = new int[r.chunks().size()][];
                    for (int i = 0; i < tokens.length; i++) {
                        obs.add(r.chunks().get(i).observation());
                        tokens[i] = r.chunks().get(i).tokens();
                    }
                    try (NDManager m = policy.model().getNDManager().newSubManager()) {
                        float[] lp = policy.score(m, obs, tokens, r.temperature(), true)
                                .logProbs()
                                .toFloatArray();
                        for (int i = 0; i < tokens.length; i++) {
                            for (int k = 0; k < tokens[i].length; k++) {
                                assertEquals(r.chunks().get(i).logProbs()[k], lp[i * tokens[i].length + k], 1e-5);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void anUpdateRaisesTheLogProbsOfPositiveAdvantageTokensAndLowersTheOthers() {
        Engines.stayOffline();
        try (SmallVla policy = TinyPolicies.create(2)) {
            List<Rollout> rs = rollouts(policy, Decoding.sample(1.6f, 4));
            List<PpoSample> samples = new ArrayList<>();
            for (int i = 0; i < rs.size(); i++) {
                double a = i % 2 == 0 ? 1 : -1;
                for (Rollout.Chunk c : rs.get(i).chunks()) {
                    samples.add(new PpoSample(c.observation(), c.tokens(), c.logProbs(), c.validTokens(), a));
                }
            }
            try (GroupPpoUpdater u = new GroupPpoUpdater(policy, null, settings(1e-3, 1.6f))) {
                GroupPpoUpdater.Stats s = u.update(samples, 7);
                assertTrue(s.optimizerSteps() >= samples.size() / 16);
                assertTrue(s.gradNorm() > 0);
            }
            double up = 0;
            double down = 0;
            for (PpoSample s : samples) {
                try (NDManager m = policy.model().getNDManager().newSubManager()) {
                    float[] lp = policy.score(m, List.of(s.observation()), new int[][] {s.tokens()}, 1.6f, false)
                            .logProbs()
                            .toFloatArray();
                    double change = 0;
                    for (int k = 0; k < s.validTokens(); k++) {
                        change += lp[k] - s.oldLogProbs()[k];
                    }
                    if (s.advantage() > 0) {
                        up += change;
                    } else {
                        down += change;
                    }
                }
            }
            assertTrue(up > 0, "positive-advantage tokens became likelier: " + up);
            assertTrue(down < 0, "negative-advantage tokens became less likely: " + down);
        }
    }

    @Test
    void aNonFiniteLossIsNamed() {
        Engines.stayOffline();
        try (SmallVla policy = TinyPolicies.create(3)) {
            Rollout r = rollouts(policy, Decoding.sample(1.6f, 4)).get(0);
            Rollout.Chunk c = r.chunks().get(0);
            float[] bad = c.logProbs().clone();
            bad[0] = Float.NaN;
            try (GroupPpoUpdater u = new GroupPpoUpdater(policy, null, settings(1e-3, 1.6f))) {
                NonFiniteException e = assertThrows(
                        NonFiniteException.class,
                        () -> u.update(List.of(new PpoSample(c.observation(), c.tokens(), bad, 56, 1)), 1));
                assertTrue(e.getMessage().contains("PPO loss is NaN at epoch 0, mini-batch 0"), e.getMessage());
            }
        }
    }

    @Test
    void theKlReferenceIsFrozenAndStaysTheStartingPolicy() {
        Engines.stayOffline();
        try (SmallVla policy = TinyPolicies.create(4)) {
            var reference = Trainer.frozenCopy(policy);
            var params = reference.model().getBlock().getParameters();
            params.forEach(
                    p -> assertTrue(!p.getValue().getArray().hasGradient(), p.getKey() + " records no gradient"));
            List<float[]> before = new ArrayList<>();
            params.forEach(p -> before.add(p.getValue().getArray().toFloatArray()));
            List<Rollout> rs = rollouts(policy, Decoding.sample(1.6f, 5));
            List<PpoSample> samples = new ArrayList<>();
            for (int i = 0; i < rs.size(); i++) {
                for (Rollout.Chunk c : rs.get(i).chunks()) {
                    samples.add(new PpoSample(
                            c.observation(), c.tokens(), c.logProbs(), c.validTokens(), i % 2 == 0 ? 1 : -1));
                }
            }
            var kl = new PpoLoss(0.2, 0.28, 20, 0.1, PpoLoss.Kl.K3, 0);
            var settings = new GroupPpoUpdater.Settings(1e-3, 0.9, 0.999, 1e-8, 0, 1, 16, 8, 1.0, 1.6f, kl);
            try (GroupPpoUpdater u = new GroupPpoUpdater(policy, reference, settings)) {
                u.update(samples, 1);
                GroupPpoUpdater.Stats second = u.update(samples, 2);
                assertTrue(second.diagnostics().refKl() > 0, "the policy moved away from the reference");
                assertTrue(Double.isFinite(second.gradNorm()) && second.gradNorm() > 0);
            }
            for (int i = 0; i < params.size(); i++) {
                assertArrayEquals(
                        before.get(i),
                        params.get(i).getValue().getArray().toFloatArray(),
                        params.get(i).getKey());
            }
            reference.close();
        }
    }
}
