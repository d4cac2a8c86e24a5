package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossAggregationTest {

    /** Σ_i w_i Σ_t ℓ_{i,t} / Σ_i L_i: how the PPO loss uses the weights over a whole step. */
    private static double weighted(LossAggregation a, double[][] perToken) {
        long[] lengths = new long[perToken.length];
        long total = 0;
        for (int i = 0; i < perToken.length; i++) {
            lengths[i] = perToken[i].length;
            total += lengths[i];
        }
        double[] w = a.weights(lengths);
        double sum = 0;
        for (int i = 0; i < perToken.length; i++) {
            for (double l : perToken[i]) {
                sum += w[i] * l;
            }
        }
        return sum / total;
    }

    @Test
    void tokenMeanAndSequenceMeanMatchTheirPlainLoops() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int rollouts = 1 + r.nextInt(12);
            double[][] perToken = new double[rollouts][];
            for (int i = 0; i < rollouts; i++) {
                perToken[i] = new double[1 + r.nextInt(500)];
                for (int t = 0; t < perToken[i].length; t++) {
                    perToken[i][t] = r.nextGaussian();
                }
            }
            double tokenSum = 0;
            long tokens = 0;
            double sequenceMean = 0;
            for (double[] row : perToken) {
                double rowSum = 0;
                for (double l : row) {
                    rowSum += l;
                }
                tokenSum += rowSum;
                tokens += row.length;
                sequenceMean += rowSum / row.length / rollouts;
            }
            assertEquals(tokenSum / tokens, weighted(LossAggregation.TOKEN_MEAN, perToken), 1e-9);
            assertEquals(sequenceMean, weighted(LossAggregation.SEQUENCE_MEAN, perToken), 1e-9);
        }
    }

    @Test
    void aLongFailureWeighsAsMuchAsAShortSuccessUnderSequenceMean() {
        // a success of 100 tokens and a failure of 300: token-mean gives the failure 3x the weight
        assertArrayEquals(new double[] {1, 1}, LossAggregation.TOKEN_MEAN.weights(new long[] {100, 300}));
        double[] w = LossAggregation.SEQUENCE_MEAN.weights(new long[] {100, 300});
        assertEquals(100 * w[0], 300 * w[1], 1e-9);
        assertEquals(400, 100 * w[0] + 300 * w[1], 1e-9); // the step's total weight stays its token count
    }

    @Test
    void emptyRolloutsWeighNothingAndNegativeLengthsAreNamed() {
        assertArrayEquals(new double[] {0, 1}, LossAggregation.SEQUENCE_MEAN.weights(new long[] {0, 7}));
        assertArrayEquals(new double[] {0}, LossAggregation.SEQUENCE_MEAN.weights(new long[] {0}));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LossAggregation.SEQUENCE_MEAN.weights(new long[] {3, -1}));
        assertEquals("a rollout has -1 valid tokens", e.getMessage());
    }
}
