package dev.srpo.reward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The geometry the reward works in: distances, standardisation, and a small PCA for few points. */
final class Spaces {

    /** Principal components kept by {@link ClusterSpace#PCA}. */
    static final int PCA_COMPONENTS = 8;

    private Spaces() {}

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    static double medianPairwiseDistance(double[][] points) {
        List<Double> d = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            for (int j = i + 1; j < points.length; j++) {
                d.add(distance(points[i], points[j]));
            }
        }
        if (d.isEmpty()) {
            return 0;
        }
        d.sort(null);
        int n = d.size();
        return n % 2 == 1 ? d.get(n / 2) : (d.get(n / 2 - 1) + d.get(n / 2)) / 2;
    }

    /** The points in the cluster space. */
    static double[][] project(ClusterSpace space, List<double[]> vectors) {
        double[][] x = vectors.toArray(new double[0][]);
        return switch (space) {
            case RAW -> x;
            case STANDARDISED -> standardise(x);
            case PCA -> pca(x, PCA_COMPONENTS);
        };
    }

    /** Each dimension to zero mean and unit (population) standard deviation; constant dimensions to 0. */
    static double[][] standardise(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[][] out = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= n;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double std = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) {
                out[i][j] = std < 1e-12 ? 0 : (x[i][j] - mean) / std;
            }
        }
        return out;
    }

    /**
     * The points' coordinates on their leading principal components, from the eigenvectors of the n×n Gram matrix
     * of the centred points (cheap when there are far fewer points than dimensions, as with a batch's successes).
     */
    static double[][] pca(double[][] x, int components) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] gram = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (x[a][j] - mean[j]) * (x[b][j] - mean[j]);
                }
                gram[a][b] = s;
                gram[b][a] = s;
            }
        }
        double[][] vectors = new double[n][n];
        double[] values = jacobi(gram, vectors);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        int k = 0;
        while (k < Math.min(components, n) && values[order[k]] > 1e-12 * Math.max(1, values[order[0]])) {
            k++;
        }
        double[][] out = new double[n][Math.max(k, 1)];
        for (int c = 0; c < k; c++) {
            double scale = Math.sqrt(values[order[c]]);
            for (int i = 0; i < n; i++) {
                out[i][c] = vectors[i][order[c]] * scale;
            }
        }
        return out;
    }

    /** Eigenvalues of a symmetric matrix (cyclic Jacobi rotations); eigenvectors go into the columns of v. */
    static double[] jacobi(double[][] matrix, double[][] v) {
        int n = matrix.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = matrix[i].clone();
            Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) { // rotate columns p and q
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) { // rotate rows p and q
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = a[i][i];
        }
        return values;
    }
}
