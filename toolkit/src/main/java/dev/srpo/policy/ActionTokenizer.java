package dev.srpo.policy;

import dev.srpo.env.Actions;
import java.util.Arrays;
import java.util.List;

/**
 * OpenVLA's action tokens: each of the 7 action dimensions is normalised to [-1, 1] with per-suite statistics
 * from the demonstrations (its 1st and 99th percentile), clipped, and cut into {@value #BINS} equal bins; a token
 * is a bin index. Decoding returns the bin's centre mapped back through the statistics; the gripper is then
 * binarised to {@link Actions#OPEN} or {@link Actions#CLOSE}.
 *
 * <p>A dimension the demonstrations never vary ({@code q99 == q01}) always encodes to the middle bin and decodes
 * to its constant value.
 *
 * @param low per-dimension 1st percentile of the demonstrations' actions
 * @param high per-dimension 99th percentile
 */
public record ActionTokenizer(float[] low, float[] high) {

    /** Bins per action dimension, the size of the action-token vocabulary. */
    public static final int BINS = 256;

    public ActionTokenizer {
        if (low == null || high == null || low.length != Actions.DIM || high.length != Actions.DIM) {
            throw new IllegalArgumentException("action statistics need 7 low and 7 high values, got "
                    + Arrays.toString(low) + " and " + Arrays.toString(high));
        }
        for (int d = 0; d < Actions.DIM; d++) {
            if (!Float.isFinite(low[d]) || !Float.isFinite(high[d]) || high[d] < low[d]) {
                throw new IllegalArgumentException("action statistics of dimension " + d + " are not a range: low "
                        + low[d] + ", high " + high[d]);
            }
        }
        low = low.clone();
        high = high.clone();
    }

    /** Statistics of the action range LIBERO accepts, [-1, 1] in every dimension (for tests and untrained models). */
    public static ActionTokenizer unitRange() {
        float[] lo = new float[Actions.DIM];
        float[] hi = new float[Actions.DIM];
        Arrays.fill(lo, -1f);
        Arrays.fill(hi, 1f);
        return new ActionTokenizer(lo, hi);
    }

    /**
     * Statistics from demonstrations: the 1st and 99th percentile of each dimension (OpenVLA's q01/q99), which
     * drop teleoperation outliers. A dimension that holds one value in over 90% of the steps (a scripted expert's
     * wrist, which turns only to turn a knob) takes its minimum and maximum instead: its percentiles would span
     * only the noise around the rest value and cut off the rare motion itself.
     *
     * @throws IllegalArgumentException if there are no actions or one is not 7 finite numbers
     */
    public static ActionTokenizer fit(List<float[]> actions) {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("cannot fit action statistics to zero actions");
        }
        float[] lo = new float[Actions.DIM];
        float[] hi = new float[Actions.DIM];
        float[] column = new float[actions.size()];
        for (int d = 0; d < Actions.DIM; d++) {
            for (int i = 0; i < column.length; i++) {
                float[] a = actions.get(i);
                if (a == null || a.length != Actions.DIM || !Float.isFinite(a[d])) {
                    throw new IllegalArgumentException(
                            "action " + i + " is not 7 finite numbers: " + Arrays.toString(a));
                }
                column[i] = a[d];
            }
            Arrays.sort(column);
            lo[d] = quantile(column, 0.01);
            hi[d] = quantile(column, 0.99);
            if (longestRun(column) > 0.9 * column.length) { // still most of the time: keep its rare motion
                lo[d] = column[0];
                hi[d] = column[column.length - 1];
            }
        }
        return new ActionTokenizer(lo, hi);
    }

    private static int longestRun(float[] sorted) {
        int best = 0;
        for (int i = 0, j; i < sorted.length; i = j) {
            for (j = i; j < sorted.length && sorted[j] == sorted[i]; j++) {}
            best = Math.max(best, j - i);
        }
        return best;
    }

    // Linear interpolation between order statistics, numpy's default.
    private static float quantile(float[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(i + 1, sorted.length - 1);
        double f = pos - i;
        return (float) (sorted[i] * (1 - f) + sorted[j] * f);
    }

    /** The token of value {@code value} in dimension {@code dim}. */
    public int encode(int dim, float value) {
        float range = high[dim] - low[dim];
        if (range == 0f) {
            return BINS / 2;
        }
        double unit = 2.0 * (value - low[dim]) / range - 1.0; // [-1, 1] for q01..q99
        unit = Math.max(-1.0, Math.min(1.0, unit));
        return Math.min(BINS - 1, (int) Math.floor((unit + 1.0) / 2.0 * BINS));
    }

    /** The value of token {@code token} in dimension {@code dim} (the bin's centre), before gripper binarisation. */
    public float decodeRaw(int dim, int token) {
        if (token < 0 || token >= BINS) {
            throw new IllegalArgumentException("action token " + token + " is outside 0.." + (BINS - 1));
        }
        float range = high[dim] - low[dim];
        if (range == 0f) {
            return low[dim];
        }
        double unit = -1.0 + (token + 0.5) * 2.0 / BINS;
        return (float) (low[dim] + (unit + 1.0) / 2.0 * range);
    }

    /** Tokens of one 7-D action. */
    public int[] encode(float[] action) {
        if (action == null || action.length != Actions.DIM) {
            throw new IllegalArgumentException("an action has 7 numbers, got " + Arrays.toString(action));
        }
        int[] tokens = new int[Actions.DIM];
        for (int d = 0; d < Actions.DIM; d++) {
            tokens[d] = encode(d, action[d]);
        }
        return tokens;
    }

    /**
     * The 7-D action of 7 tokens starting at {@code offset}; the gripper is binarised (its centre value above the
     * midpoint of the statistics closes, otherwise opens).
     */
    public float[] decode(int[] tokens, int offset) {
        if (tokens.length < offset + Actions.DIM) {
            throw new IllegalArgumentException("need 7 tokens from offset " + offset + ", have " + tokens.length);
        }
        float[] a = new float[Actions.DIM];
        for (int d = 0; d < Actions.DIM; d++) {
            a[d] = decodeRaw(d, tokens[offset + d]);
        }
        float mid = (low[Actions.GRIPPER] + high[Actions.GRIPPER]) / 2f;
        a[Actions.GRIPPER] = a[Actions.GRIPPER] > mid || (a[Actions.GRIPPER] == mid && low[Actions.GRIPPER] > 0)
                ? Actions.CLOSE
                : Actions.OPEN;
        return a;
    }

    /** Actions of a chunk of {@code tokens.length / 7} steps. */
    public float[][] decodeChunk(int[] tokens) {
        if (tokens.length % Actions.DIM != 0) {
            throw new IllegalArgumentException("a chunk has a multiple of 7 tokens, got " + tokens.length);
        }
        float[][] chunk = new float[tokens.length / Actions.DIM][];
        for (int k = 0; k < chunk.length; k++) {
            chunk[k] = decode(tokens, k * Actions.DIM);
        }
        return chunk;
    }

    @Override
    public float[] low() {
        return low.clone();
    }

    @Override
    public float[] high() {
        return high.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionTokenizer t && Arrays.equals(low, t.low) && Arrays.equals(high, t.high);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "ActionTokenizer[low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + "]";
    }
}
