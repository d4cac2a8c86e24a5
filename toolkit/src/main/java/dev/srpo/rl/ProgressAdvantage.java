package dev.srpo.rl;

import java.util.Arrays;

/**
 * Offline SRPO's advantage (arXiv 2511.15605, Eq. 15): the progress an action chunk made, standardised over the
 * whole buffer. With R<sub>i,c</sub> the world progress of trajectory i when its chunk c was decided (and
 * R<sub>i,C</sub> at its end):
 *
 * <pre>
 *   D_{i,c} = R_{i,c+1} − R_{i,c}                      progress made by executing chunk c          (STEP, the paper)
 *   G_{i,c} = R_{i,C} − R_{i,c} = Σ_{k ≥ c} D_{i,k}    progress made from chunk c to the end       (TO_GO, ours)
 *   A_{i,c} = (X_{i,c} − μ) / (σ + ε)                  X = D or G; μ, σ over every chunk of every trajectory
 * </pre>
 *
 * The paper writes it per step; the policy acts per chunk, so a chunk's advantage is its steps' progress summed
 * (the telescoped difference above). σ is the population standard deviation.
 *
 * <p>{@link Horizon#TO_GO} is ours, not the paper's: AWR (Peng et al., 2019) weighs an action by the return that
 * followed it, not by its one-step reward, and with γ = 1 the return of the per-chunk reward D telescopes to
 * R<sub>C</sub> − R<sub>c</sub>. A success's chunks then get 1 − R<sub>c</sub>, a failure's its net change to the
 * end (negative where it lost ground).
 *
 * <p>μ is the buffer's mean ({@link Baseline#BUFFER}, the paper's). It stands in for AWR's value baseline but ignores
 * where a chunk starts from: G shrinks towards the end, so a success's last chunks can fall below a failure's first.
 * {@link Baseline#PROGRESS} (ours) first subtracts a value baseline V(R<sub>c</sub>), the mean of X over the buffer's
 * chunks that started from about the same progress:
 *
 * <pre>
 *   X'_{i,c} = X_{i,c} − mean{ X_{j,k} : bin(R_{j,k}) = bin(R_{i,c}) }     BINS bins at the quantiles of every R_c
 *   A_{i,c}  = (X' − μ') / (σ' + ε)
 * </pre>
 *
 * For G that makes A about the trajectory's final progress against that of chunks that started where it did,
 * R<sub>C</sub> − E[R<sub>C</sub> | R<sub>c</sub>] (exactly, where a bin's chunks share one R<sub>c</sub>): a
 * success's last chunk is no longer ranked by how little was left. The bins pool the buffer's tasks, whose progress
 * is each measured against its own success references.
 */
public final class ProgressAdvantage {

    /** ε in the denominator, as in {@link GroupAdvantage}. */
    public static final double EPS = 1e-6;

    /** Which progress a chunk is credited with. */
    public enum Horizon {
        /** D: the progress made while the chunk ran (Eq. 15). */
        STEP,
        /** G: the progress made from the chunk to the trajectory's end. */
        TO_GO
    }

    /** What a chunk's credit is measured against before it is standardised. */
    public enum Baseline {
        /** The buffer's mean over every chunk (Eq. 15). */
        BUFFER,
        /** The mean credit of the chunks that started from about the same progress, V(R<sub>c</sub>) (ours). */
        PROGRESS
    }

    /**
     * Progress bins of {@link Baseline#PROGRESS}, cut at the deciles of the chunks' starting progress: each holds about
     * a tenth of the buffer's chunks (thousands in a suite's buffer), except that chunks of equal progress share a bin.
     */
    public static final int BINS = 10;

    private ProgressAdvantage() {}

    /** A<sub>i,c</sub> of Eq. 15 for every chunk: {@link #of(double[][], Horizon, Baseline)}, STEP and BUFFER. */
    public static double[][] of(double[][] progress) {
        return of(progress, Horizon.STEP, Baseline.BUFFER);
    }

    /**
     * A<sub>i,c</sub> for every chunk.
     *
     * @param progress per trajectory its C<sub>i</sub> + 1 progress values (at every chunk's decision and at the
     *     end); a null row (a skipped trajectory) gives a null row and is left out of μ and σ
     * @param horizon the progress a chunk is credited with: D (Eq. 15) or G
     * @param baseline what that credit is measured against: the buffer's mean (Eq. 15) or V(R<sub>c</sub>)
     * @throws IllegalArgumentException if a row has fewer than two values or a value is not finite
     */
    public static double[][] of(double[][] progress, Horizon horizon, Baseline baseline) {
        double[][] x = new double[progress.length][];
        for (int i = 0; i < progress.length; i++) {
            double[] r = progress[i];
            if (r == null) {
                continue;
            }
            if (r.length < 2) {
                throw new IllegalArgumentException("trajectory " + i + " has " + r.length
                        + " progress values: a chunk needs its progress before and after");
            }
            x[i] = new double[r.length - 1];
            double end = r[r.length - 1];
            for (int c = 0; c < x[i].length; c++) {
                x[i][c] = (horizon == Horizon.STEP ? r[c + 1] : end) - r[c];
                if (!Double.isFinite(x[i][c])) {
                    throw new IllegalArgumentException("trajectory " + i + " has a non-finite progress at chunk " + c);
                }
            }
        }
        if (baseline == Baseline.PROGRESS) {
            subtractValue(progress, x);
        }
        standardise(x);
        return x;
    }

    /** x<sub>i,c</sub> −= the mean x of the chunks in its progress bin. */
    private static void subtractValue(double[][] progress, double[][] x) {
        double[] starts = Arrays.stream(progress)
                .filter(r -> r != null)
                .flatMapToDouble(r -> Arrays.stream(r, 0, r.length - 1))
                .sorted()
                .toArray();
        double[] edges = new double[BINS - 1];
        for (int b = 1; b < BINS && starts.length > 0; b++) {
            edges[b - 1] = starts[b * starts.length / BINS];
        }
        double[] sum = new double[BINS];
        int[] count = new int[BINS];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; x[i] != null && c < x[i].length; c++) {
                int b = bin(edges, progress[i][c]);
                sum[b] += x[i][c];
                count[b]++;
            }
        }
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; x[i] != null && c < x[i].length; c++) {
                int b = bin(edges, progress[i][c]);
                x[i][c] -= sum[b] / count[b];
            }
        }
    }

    /** The bin of a starting progress: how many edges lie at or below it (equal progress, equal bin). */
    private static int bin(double[] edges, double r) {
        int b = 0;
        while (b < edges.length && edges[b] <= r) {
            b++;
        }
        return b;
    }

    /** (x − μ) / (σ + ε) in place, μ and σ (population) over every chunk. */
    private static void standardise(double[][] x) {
        double sum = 0;
        long n = 0;
        for (double[] row : x) {
            for (int c = 0; row != null && c < row.length; c++) {
                sum += row[c];
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (double[] row : x) {
            for (int c = 0; row != null && c < row.length; c++) {
                squares += (row[c] - mean) * (row[c] - mean);
            }
        }
        double std = n == 0 ? 0 : Math.sqrt(squares / n);
        for (double[] row : x) {
            for (int c = 0; row != null && c < row.length; c++) {
                row[c] = (row[c] - mean) / (std + EPS);
            }
        }
    }
}
