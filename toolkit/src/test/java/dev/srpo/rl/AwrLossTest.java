package dev.srpo.rl;

import static dev.srpo.rl.ProgressAdvantage.Baseline.BUFFER;
import static dev.srpo.rl.ProgressAdvantage.Baseline.PROGRESS;
import static dev.srpo.rl.ProgressAdvantage.Horizon.STEP;
import static dev.srpo.rl.ProgressAdvantage.Horizon.TO_GO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.srpo.Engines;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class AwrLossTest {

    @Test
    void lossMatchesThePlainLoop() {
        Engines.stayOffline();
        SplittableRandom r = new SplittableRandom(2);
        int b = 4;
        int t = 14;
        float[] lp = new float[b * t];
        for (int i = 0; i < lp.length; i++) {
            lp[i] = (float) (-3 * r.nextDouble());
        }
        float[] w = {0.5f, 3f, 0f, 1.25f};
        int[] valid = {14, 7, 14, 0};
        long n = 50; // the mini-batch's valid tokens
        double expected = 0;
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < valid[i]; k++) {
                expected -= w[i] * lp[i * t + k] / n;
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            float loss =
                    AwrLoss.compute(m.create(lp, new Shape(b, t)), w, valid, n).getFloat();
            assertEquals(expected, loss, 1e-5);
            float[] nan = {1, Float.NaN, 1, 1};
            assertThrows(NonFiniteException.class, () -> AwrLoss.compute(m.create(lp, new Shape(b, t)), nan, valid, n));
        }
    }

    @Test
    void weightsAreExponentialInTheAdvantageAndClipped() {
        AwrLoss awr = new AwrLoss(0.5, 10);
        assertEquals(1, awr.weight(0), 1e-12);
        assertEquals(Math.exp(1), awr.weight(0.5), 1e-12);
        assertEquals(Math.exp(-4), awr.weight(-2), 1e-12);
        assertEquals(10, awr.weight(3), 1e-12, "clipped at w_max");
        assertThrows(NonFiniteException.class, () -> awr.weight(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new AwrLoss(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new AwrLoss(1, 0.5));
        AwrLoss positive = new AwrLoss(0.5, 10, true);
        assertEquals(0, positive.weight(-1e-9), "a negative advantage is dropped");
        assertEquals(1, positive.weight(0), 1e-12, "zero is kept");
        assertEquals(Math.exp(1), positive.weight(0.5), 1e-12);
        var overrides = new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode()
                .put("buffer", "b")
                .put("init", "i.vla")
                .put("positiveOnly", true);
        assertTrue(OfflineConfig.DEFAULTS.with(overrides).awr().positiveOnly(), "the config key reaches the loss");
        assertFalse(OfflineConfig.DEFAULTS.awr().positiveOnly(), "off by default: AWR as the paper has it");
        assertEquals(ProgressAdvantage.Horizon.STEP, OfflineConfig.DEFAULTS.advantageValue(), "Eq. 15 by default");
        var toGo = overrides.deepCopy().put("advantage", "to-go");
        assertEquals(
                ProgressAdvantage.Horizon.TO_GO,
                OfflineConfig.DEFAULTS.with(toGo).advantageValue());
        var bad = overrides.deepCopy().put("advantage", "return");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> OfflineConfig.DEFAULTS.with(bad));
        assertTrue(e.getMessage().contains("advantage"), e.getMessage());
        var toGoBc = toGo.deepCopy().put("method", "filtered-bc");
        e = assertThrows(IllegalArgumentException.class, () -> OfflineConfig.DEFAULTS.with(toGoBc));
        assertTrue(e.getMessage().contains("filtered-bc"), "to-go is named as meaningless without progress: " + e);
        assertEquals(ProgressAdvantage.Baseline.BUFFER, OfflineConfig.DEFAULTS.baselineValue(), "Eq. 15 by default");
        var value = toGo.deepCopy().put("baseline", "progress");
        assertEquals(
                ProgressAdvantage.Baseline.PROGRESS,
                OfflineConfig.DEFAULTS.with(value).baselineValue());
        var badBaseline = overrides.deepCopy().put("baseline", "critic");
        e = assertThrows(IllegalArgumentException.class, () -> OfflineConfig.DEFAULTS.with(badBaseline));
        assertTrue(e.getMessage().contains("baseline"), e.getMessage());
        var valueBinary = value.deepCopy().put("method", "binary-awr").put("advantage", "step");
        e = assertThrows(IllegalArgumentException.class, () -> OfflineConfig.DEFAULTS.with(valueBinary));
        assertTrue(e.getMessage().contains("binary-awr"), "a progress baseline needs progress: " + e);
    }

    @Test
    void methodsWeighChunksAsDocumented() {
        AwrLoss awr = new AwrLoss(1, 20);
        boolean[] success = {true, false, false, false};
        int[] chunks = {2, 3, 1, 2};
        double[][] bc = OfflineMethod.FILTERED_BC.weights(success, chunks, null, STEP, BUFFER, awr);
        assertArrayEquals(new double[] {1, 1}, bc[0]);
        assertArrayEquals(new double[] {0, 0, 0}, bc[1]);
        double[][] binary = OfflineMethod.BINARY_AWR.weights(success, chunks, null, STEP, BUFFER, awr);
        double std = Math.sqrt(0.25 * 0.75);
        assertEquals(Math.exp(0.75 / (std + ProgressAdvantage.EPS)), binary[0][1], 1e-9);
        assertEquals(Math.exp(-0.25 / (std + ProgressAdvantage.EPS)), binary[3][0], 1e-9);
        double[][] progress = {{0, 0.5, 1}, {0, 0.2, 0.1, 0.1}, null, {0, 0.3, 0.2}};
        BiFunction<ProgressAdvantage.Horizon, ProgressAdvantage.Baseline, double[][]> srpoWeights =
                (horizon, baseline) -> OfflineMethod.SRPO.weights(success, chunks, progress, horizon, baseline, awr);
        double[][] srpo = srpoWeights.apply(STEP, BUFFER);
        double[][] a = ProgressAdvantage.of(progress);
        assertEquals(Math.exp(a[1][0]), srpo[1][0], 1e-12);
        double[][] toGo = srpoWeights.apply(TO_GO, BUFFER);
        double[][] g = ProgressAdvantage.of(progress, TO_GO, BUFFER);
        assertEquals(Math.exp(g[1][0]), toGo[1][0], 1e-12, "the horizon reaches the weights");
        assertTrue(g[1][0] != a[1][0]);
        double[][] valued = srpoWeights.apply(TO_GO, PROGRESS);
        double[][] v = ProgressAdvantage.of(progress, TO_GO, PROGRESS);
        // chunk [3][1] is alone in its progress bin: its credit less its bin's mean is 0, against exp(g) above
        assertEquals(Math.exp(v[3][1]), valued[3][1], 1e-12, "the baseline reaches the weights");
        assertTrue(valued[3][1] != toGo[3][1]);
        assertArrayEquals(new double[] {0}, srpo[2], "a skipped trajectory is not trained on");
        assertEquals(OfflineMethod.BINARY_AWR, OfflineMethod.of("binary-awr"));
        assertThrows(IllegalArgumentException.class, () -> OfflineMethod.of("bc"));
    }
}
