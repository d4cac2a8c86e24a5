package dev.srpo.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba) with decoupled weight decay (AdamW), written out so that its state (the moments and the
 * step count) can be saved in a checkpoint and a resumed run continues exactly:
 *
 * <pre>
 *   m ← β1 m + (1 − β1) g,   v ← β2 v + (1 − β2) g²,   t ← t + 1
 *   θ ← θ − lr · ( m / (1 − β1^t) ) / ( sqrt( v / (1 − β2^t) ) + ε ) − lr · λ θ
 * </pre>
 *
 * applied to every parameter that has a gradient, the gradient first scaled by the caller's factor (gradient-norm
 * clipping).
 */
public final class Adam implements AutoCloseable {

    private final List<Pair<String, Parameter>> params;
    private final NDManager manager;
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private long t;

    /** @param params the parameters, in a fixed order (a block's {@code getParameters()}) */
    public Adam(
            List<Pair<String, Parameter>> params,
            double lr,
            double beta1,
            double beta2,
            double eps,
            double weightDecay) {
        if (!(lr > 0)
                || !(beta1 >= 0 && beta1 < 1)
                || !(beta2 >= 0 && beta2 < 1)
                || !(eps > 0)
                || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "Adam needs lr > 0, 0 <= beta1, beta2 < 1, eps > 0, weightDecay >= 0; got " + lr + ", " + beta1
                            + ", " + beta2 + ", " + eps + ", " + weightDecay);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        NDArray first = params.get(0).getValue().getArray();
        this.manager = first.getManager().newSubManager();
        for (Pair<String, Parameter> p : params) {
            NDArray w = p.getValue().getArray();
            m.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
            v.add(manager.zeros(w.getShape(), w.getDataType(), w.getDevice()));
        }
    }

    /** Updates taken so far. */
    public long steps() {
        return t;
    }

    /** One update from the parameters' gradients, each multiplied by {@code gradScale} first. */
    public void step(double gradScale) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getValue().getArray();
            try (NDManager s = manager.newSubManager()) {
                // every intermediate lands in s and is freed with it: operands' managers own their results
                NDArray g = w.getGradient();
                g.attach(s);
                w.tempAttach(s);
                m.get(i).tempAttach(s);
                v.get(i).tempAttach(s);
                NDArray scaled = g.mul((float) gradScale); // float scalars keep the arrays float32
                m.get(i).muli((float) beta1).addi(scaled.mul((float) (1 - beta1)));
                v.get(i).muli((float) beta2).addi(scaled.square().mul((float) (1 - beta2)));
                NDArray update = m.get(i)
                        .div((float) c1)
                        .div(v.get(i).div((float) c2).sqrt().add((float) eps))
                        .mul((float) lr);
                if (weightDecay > 0) {
                    update = update.add(w.mul((float) (lr * weightDecay)));
                }
                w.subi(update);
            }
        }
    }

    /**
     * The global L2 norm of the parameters' gradients (what gradient clipping bounds).
     *
     * @param where said in the error, e.g. "epoch 0, mini-batch 3"
     * @throws NonFiniteException naming the parameter whose gradient is not finite
     */
    public double gradientNorm(String where) {
        double squares = 0;
        for (Pair<String, Parameter> p : params) {
            NDArray w = p.getValue().getArray();
            try (NDManager s = manager.newSubManager()) {
                NDArray g = w.getGradient(); // a new handle on the gradient: freed with s
                g.attach(s);
                double sq = g.square().sum().getFloat();
                if (!Double.isFinite(sq)) {
                    throw new NonFiniteException(
                            "the gradient of parameter '" + p.getKey() + "' is not finite at " + where);
                }
                squares += sq;
            }
        }
        return Math.sqrt(squares);
    }

    /**
     * One update with the gradient clipped to a global norm of at most {@code maxNorm} (0: not clipped), the way both
     * updaters step.
     *
     * @param where said in the error, e.g. "epoch 0, mini-batch 3"
     * @return the gradient norm before clipping
     * @throws NonFiniteException naming the parameter whose gradient is not finite (nothing is updated then)
     */
    public double stepClipped(double maxNorm, String where) {
        double norm = gradientNorm(where);
        step(maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1);
        return norm;
    }

    /**
     * Sets every parameter's gradient to zero, in place. (DJL's {@code GradientCollector.zeroGradients()} walks
     * every array of the engine and leaked about one parameter set of native memory per call.)
     */
    public void zeroGradients() {
        for (Pair<String, Parameter> p : params) {
            NDArray w = p.getValue().getArray();
            try (NDManager s = manager.newSubManager()) {
                NDArray g = w.getGradient(); // a handle on the gradient itself: muli changes it in place
                g.attach(s);
                g.muli(0f); // a NaN stays NaN, but a non-finite gradient stops the update before it is reused
            }
        }
    }

    /** The state: step count and both moments, for a checkpoint. */
    public byte[] state() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(t);
            out.writeInt(params.size());
            for (int i = 0; i < params.size(); i++) {
                write(out, m.get(i).toFloatArray());
                write(out, v.get(i).toFloatArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a state written by {@link #state()} for the same parameters.
     *
     * @throws IllegalArgumentException if it does not fit these parameters
     */
    public void load(byte[] state) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            long steps = in.readLong();
            int n = in.readInt();
            if (n != params.size()) {
                throw new IllegalArgumentException(
                        "optimizer state for " + n + " parameters, the policy has " + params.size());
            }
            for (int i = 0; i < n; i++) {
                m.get(i).set(read(in, m.get(i).size(), params.get(i).getKey()));
                v.get(i).set(read(in, v.get(i).size(), params.get(i).getKey()));
            }
            t = steps;
        } catch (IOException e) {
            throw new IllegalArgumentException("optimizer state is truncated or malformed: " + e.getMessage(), e);
        }
    }

    private static void write(DataOutputStream out, float[] a) throws IOException {
        out.writeInt(a.length);
        for (float f : a) {
            out.writeFloat(f);
        }
    }

    private static float[] read(DataInputStream in, long expected, String name) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IllegalArgumentException(
                    "optimizer state of parameter " + name + " has " + n + " numbers, the parameter " + expected);
        }
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }

    @Override
    public void close() {
        manager.close();
    }
}
