package dev.srpo.rl;

/**
 * Offline SRPO's advantage (arXiv 2511.15605, Eq. 15): the progress an action chunk made, standardised over the
 * whole buffer. With R<sub>i,c</sub> the world progress of trajectory i when its chunk c was decided (and
 * R<sub>i,C</sub> at its end):
 *
 * <pre>
 *   D_{i,c} = R_{i,c+1} − R_{i,c}                      progress made by executing chunk c
 *   A_{i,c} = (D_{i,c} − μ) / (σ + ε)                  μ, σ over every chunk of every trajectory of the buffer
 * </pre>
 *
 * The paper writes it per step; the policy acts per chunk, so a chunk's advantage is its steps' progress summed
 * (the telescoped difference above). σ is the population standard deviation.
 */
public final class ProgressAdvantage {

    /** ε in the denominator, as in {@link GroupAdvantage}. */
    public static final double EPS = 1e-6;

    private ProgressAdvantage() {}

    /**
     * A<sub>i,c</sub> for every chunk.
     *
     * @param progress per trajectory its C<sub>i</sub> + 1 progress values (at every chunk's decision and at the
     *     end); a null row (a skipped trajectory) gives a null row and is left out of μ and σ
     * @throws IllegalArgumentException if a row has fewer than two values or a value is not finite
     */
    public static double[][] of(double[][] progress) {
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
            for (int c = 0; c + 1 < r.length; c++) {
                double d = r[c + 1] - r[c];
                if (!Double.isFinite(d)) {
                    throw new IllegalArgumentException("trajectory " + i + " has a non-finite progress at chunk " + c);
                }
                sum += d;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (double[] r : progress) {
            for (int c = 0; r != null && c + 1 < r.length; c++) {
                double d = r[c + 1] - r[c] - mean;
                squares += d * d;
            }
        }
        double std = n == 0 ? 0 : Math.sqrt(squares / n);
        double[][] a = new double[progress.length][];
        for (int i = 0; i < progress.length; i++) {
            double[] r = progress[i];
            if (r == null) {
                continue;
            }
            a[i] = new double[r.length - 1];
            for (int c = 0; c < a[i].length; c++) {
                a[i][c] = (r[c + 1] - r[c] - mean) / (std + EPS);
            }
        }
        return a;
    }
}
