package dev.srpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @Test
    void buildRunsDjlOffline() {
        // surefire sets both flags; a build that lost them would let DJL call home at engine start
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        assertTrue(Engines.isOffline());
    }

    @Test
    void pytorchEngineLoadsFromTheClasspathNatives() {
        var engine = Engines.pytorch();
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals(SrpoToolkit.pytorchVersion(), engine.getVersion());
        assertTrue(Engines.describe().contains("offline: true"), Engines.describe());
    }

    @Test
    void ndArrayComputes() {
        Engines.stayOffline();
        try (NDManager nd = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = nd.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            NDArray b = nd.create(new float[] {5, 6, 7, 8}, new Shape(2, 2));
            assertArrayEquals(new float[] {19, 22, 43, 50}, a.matMul(b).toFloatArray(), 1e-6f);

            float[] p =
                    nd.create(new float[] {0f, (float) Math.log(3)}).softmax(0).toFloatArray();
            assertArrayEquals(new float[] {0.25f, 0.75f}, p, 1e-6f);
        }
    }
}
