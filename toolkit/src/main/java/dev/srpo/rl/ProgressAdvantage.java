package dev.srpo.rl;

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
 * end (negative where it lost ground). The buffer's mean stands in for AWR's value baseline; it ignores where a chunk
 * sits in its trajectory, and G shrinks towards the end, so a success's last chunks can fall below a failure's first.
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

    private ProgressAdvantage() {}

    /** A<sub>i,c</sub> of Eq. 15 for every chunk: {@link #of(double[][], Horizon)} with {@link Horizon#STEP}. */
    public static double[][] of(double[][] progress) {
        return of(progress, Horizon.STEP);
    }

    /**
     * A<sub>i,c</sub> for every chunk.
     *
     * @param progress per trajectory its C<sub>i</sub> + 1 progress values (at every chunk's decision and at the
     *     end); a null row (a skipped trajectory) gives a null row and is left out of μ and σ
     * @param horizon the progress a chunk is credited with: D (Eq. 15) or G
     * @throws IllegalArgumentException if a row has fewer than two values or a value is not finite
     */
    public static double[][] of(double[][] progress, Horizon horizon) {
        double[][] x = new double[progress.length][];
        double sum = 0;
        long n = 0;
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
                sum += x[i][c];
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
        return x;
    }
}
