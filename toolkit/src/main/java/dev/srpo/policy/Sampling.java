package dev.srpo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/** Token selection on flat logits {@code [B × N × 256]}: Gumbel-max sampling, argmax, and picking log-probs. */
final class Sampling {

    private Sampling() {}

    /**
     * One draw per token from softmax(logits): argmax over bins of logit − log(−log u), u uniform in (0, 1). The
     * noise of row {@code b} comes from the seeded Java generator {@code rows[b]} (rows may share one), so a draw
     * is reproducible on any engine and device.
     */
    static int[][] gumbelMax(float[] logits, int batch, int tokens, SplittableRandom[] rows) {
        int bins = ActionTokenizer.BINS;
        int[][] out = new int[batch][tokens];
        for (int b = 0; b < batch; b++) {
            SplittableRandom random = rows[b];
            for (int t = 0; t < tokens; t++) {
                int base = (b * tokens + t) * bins;
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < bins; k++) {
                    double u = random.nextDouble();
                    double g = -Math.log(-Math.log(u == 0 ? Double.MIN_NORMAL : u));
                    double score = logits[base + k] + g;
                    if (score > bestScore) {
                        bestScore = score;
                        best = k;
                    }
                }
                out[b][t] = best;
            }
        }
        return out;
    }

    /** The most likely bin of every token (the lowest on ties). */
    static int[][] argmax(float[] logits, int batch, int tokens) {
        int bins = ActionTokenizer.BINS;
        int[][] out = new int[batch][tokens];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < tokens; t++) {
                int base = (b * tokens + t) * bins;
                int best = 0;
                for (int k = 1; k < bins; k++) {
                    if (logits[base + k] > logits[base + best]) {
                        best = k;
                    }
                }
                out[b][t] = best;
            }
        }
        return out;
    }

    /** log softmax(logits) at the given tokens, {@code (B, N)}. */
    static NDArray logProbs(NDArray logits, int[][] tokens) {
        return pick(logits.logSoftmax(-1), tokens);
    }

    /** The entries of {@code (B, N, 256)} at the given tokens, {@code (B, N)}; differentiable (a one-hot product). */
    static NDArray pick(NDArray values, int[][] tokens) {
        int batch = tokens.length;
        int n = batch == 0 ? 0 : tokens[0].length;
        int[] flat = new int[batch * n];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(tokens[b], 0, flat, b * n, n);
        }
        NDArray oneHot = values.getManager()
                .create(flat, new Shape(batch, n))
                .oneHot(ActionTokenizer.BINS)
                .toType(values.getDataType(), false);
        return values.mul(oneHot).sum(new int[] {-1});
    }

    static void checkTokens(int[][] tokens, int batch, int perChunk) {
        if (tokens == null || tokens.length != batch) {
            throw new IllegalArgumentException("tokens for " + (tokens == null ? "null" : tokens.length)
                    + " observations, the batch has " + batch);
        }
        for (int b = 0; b < batch; b++) {
            if (tokens[b] == null || tokens[b].length != perChunk) {
                throw new IllegalArgumentException("observation " + b + " has "
                        + (tokens[b] == null ? "no" : tokens[b].length) + " tokens, a chunk has " + perChunk);
            }
            for (int t : tokens[b]) {
                if (t < 0 || t >= ActionTokenizer.BINS) {
                    throw new IllegalArgumentException(
                            "token " + t + " of observation " + b + " is outside 0.." + (ActionTokenizer.BINS - 1));
                }
            }
        }
    }
}
