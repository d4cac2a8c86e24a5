package dev.srpo.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.srpo.Engines;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

    private static Pair<String, Parameter> parameter(NDManager m, float[] values) {
        Parameter p =
                Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        NDArray w = m.create(values, new Shape(values.length));
        w.setRequiresGradient(true);
        p.setArray(w);
        return new Pair<>("w", p);
    }

    private static void backward(NDArray w) {
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            c.backward(w.square().sum()); // gradient 2w
        }
    }

    @Test
    void matchesThePlainFormulaAndItsStateRoundTrips() {
        Engines.stayOffline();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w0 = {1f, -2f, 0.5f};
            var p = parameter(m, w0);
            NDArray w = p.getValue().getArray();
            double lr = 0.1;
            double b1 = 0.9;
            double b2 = 0.999;
            double eps = 1e-8;
            double[] x = {1, -2, 0.5};
            double[] mm = new double[3];
            double[] vv = new double[3];
            try (Adam adam = new Adam(List.of(p), lr, b1, b2, eps, 0)) {
                for (int t = 1; t <= 3; t++) {
                    adam.zeroGradients();
                    backward(w);
                    adam.step(0.5); // gradients halved first (norm clipping)
                    for (int i = 0; i < 3; i++) { // the plain twin
                        double g = 0.5 * 2 * x[i];
                        mm[i] = b1 * mm[i] + (1 - b1) * g;
                        vv[i] = b2 * vv[i] + (1 - b2) * g * g;
                        x[i] -= lr * (mm[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(vv[i] / (1 - Math.pow(b2, t))) + eps);
                    }
                    float[] got = w.toFloatArray();
                    for (int i = 0; i < 3; i++) {
                        assertEquals(x[i], got[i], 1e-5, "step " + t + " weight " + i);
                    }
                }
                byte[] state = adam.state();
                try (Adam other = new Adam(List.of(p), lr, b1, b2, eps, 0)) {
                    other.load(state);
                    assertEquals(3, other.steps());
                    assertArrayEquals(state, other.state());
                    assertThrows(IllegalArgumentException.class, () -> other.load(new byte[] {1, 2}));
                }
            }
        }
    }

    @Test
    void zeroGradientsClearsWhatBackwardAccumulates() {
        Engines.stayOffline();
        try (NDManager m = NDManager.newBaseManager()) {
            var p = parameter(m, new float[] {3f, 4f});
            NDArray w = p.getValue().getArray();
            try (Adam adam = new Adam(List.of(p), 0.1, 0.9, 0.999, 1e-8, 0)) {
                backward(w);
                backward(w);
                assertArrayEquals(new float[] {12f, 16f}, w.getGradient().toFloatArray(), "torch accumulates");
                adam.zeroGradients();
                assertArrayEquals(new float[] {0f, 0f}, w.getGradient().toFloatArray());
                backward(w);
                assertArrayEquals(new float[] {6f, 8f}, w.getGradient().toFloatArray());
            }
        }
    }
}
