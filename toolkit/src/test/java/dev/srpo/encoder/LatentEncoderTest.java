package dev.srpo.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.srpo.GcHammer;
import dev.srpo.encoder.WorldModelTraining.Objective;
import dev.srpo.rollout.Video;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatentEncoderTest {

    /** A square sliding right over a grey floor: frame t has it at column 2t. */
    static Video slidingSquare(int frames, int side, int colour) {
        List<byte[]> out = new ArrayList<>();
        for (int t = 0; t < frames; t++) {
            byte[] f = new byte[3 * side * side];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    boolean square = y >= side / 2 - 4 && y < side / 2 + 4 && x >= 2 * t && x < 2 * t + 8;
                    int i = 3 * (y * side + x);
                    f[i] = (byte) (square ? colour : 90);
                    f[i + 1] = (byte) (square ? 40 : 90);
                    f[i + 2] = (byte) (square ? 255 - colour : 90);
                }
            }
            out.add(f);
        }
        return new Video(out, side, side);
    }

    static WorldModelTraining.Result trained;

    @BeforeAll
    static void train() {
        List<Video> videos = List.of(slidingSquare(12, 32, 250), slidingSquare(12, 32, 30), slidingSquare(9, 32, 140));
        WorldModelTraining.Config c =
                new WorldModelTraining.Config(Objective.WORLD_MODEL, 32, 8, 4, 2, 4, 30, 16, 3e-3, 11);
        trained = WorldModelTraining.train("test-model", c, videos, null);
    }

    /** The VICReg loss's gradient, with a garbage collection between forward and backward when asked. */
    private static float[][] vicregGradients(float[] a, float[] b, float[] p, boolean collect) {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(8, a.length / 8);
            NDArray za = m.create(a, shape);
            NDArray zb = m.create(b, shape);
            NDArray predicted = m.create(p, shape);
            for (NDArray x : new NDArray[] {za, zb, predicted}) {
                x.setRequiresGradient(true);
            }
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray loss = WorldModelTraining.loss(predicted, zb, za);
                if (collect) {
                    GcHammer.collect();
                }
                gc.backward(loss);
            }
            return new float[][] {
                za.getGradient().toFloatArray(),
                zb.getGradient().toFloatArray(),
                predicted.getGradient().toFloatArray()
            };
        }
    }

    @Test
    void theLossGradientSurvivesAGarbageCollectionBetweenForwardAndBackward() throws InterruptedException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        float[][] z = new float[3][8 * 6];
        for (float[] row : z) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) random.nextGaussian();
            }
        }
        float[][] expected = vicregGradients(z[0], z[1], z[2], false);
        try (GcHammer hammer = new GcHammer()) {
            for (int r = 0; r < 12; r++) {
                float[][] got = vicregGradients(z[0], z[1], z[2], true);
                for (int i = 0; i < expected.length; i++) {
                    assertArrayEquals(expected[i], got[i], "repeat " + r + ", input " + i);
                }
            }
        }
    }

    @Test
    void trainingLowersTheLoss() {
        double[] l = trained.losses();
        assertEquals(30, l.length);
        double first = (l[0] + l[1] + l[2]) / 3;
        double last = (l[27] + l[28] + l[29]) / 3;
        assertTrue(last < first, "loss " + first + " → " + last);
    }

    @Test
    void sameSeedSameWeights() {
        List<Video> videos = List.of(slidingSquare(12, 32, 250), slidingSquare(12, 32, 30));
        WorldModelTraining.Config c = new WorldModelTraining.Config(Objective.IMAGE, 32, 8, 4, 1, 0, 5, 8, 3e-3, 5);
        double[][] a;
        double[][] b;
        try (LatentEncoder e1 = WorldModelTraining.train("a", c, videos, null).encoder();
                LatentEncoder e2 =
                        WorldModelTraining.train("b", c, videos, null).encoder()) {
            a = e1.encode(videos);
            b = e2.encode(videos);
        }
        assertArrayEquals(a[0], b[0], 1e-6);
        assertArrayEquals(a[1], b[1], 1e-6);
    }

    @Test
    void poolingAPrefixEqualsEncodingIt() {
        LatentEncoder e = trained.encoder();
        Video v = slidingSquare(12, 32, 200);
        assertEquals(2 * 8, e.dimension());
        double[][] features = e.frameFeatures(v);
        assertEquals(12, features.length);
        for (int length : new int[] {1, 3, 7, 12}) {
            Video prefix = new Video(v.frames().subList(0, length), 32, 32);
            assertArrayEquals(e.encode(List.of(prefix))[0], e.pool(features, length), 1e-5);
        }
        assertEquals(0, e.encode(List.of(new Video(List.of(), 32, 32)))[0].length);
        assertThrows(IllegalArgumentException.class, () -> e.pool(features, 13));
    }

    @Test
    void savedEncoderLoadsAndEmbedsTheSame(@TempDir Path dir) throws Exception {
        LatentEncoder e = trained.encoder();
        Path params = e.save(dir);
        assertTrue(Files.exists(dir.resolve("test-model.json")));
        Video v = slidingSquare(10, 48, 90); // frames of another size are shrunk to the encoder's side
        try (LatentEncoder back = LatentEncoder.load(params)) {
            assertEquals(e.config(), back.config());
            assertArrayEquals(e.encode(List.of(v))[0], back.encode(List.of(v))[0], 1e-6);
        }
        try (LatentEncoder back = LatentEncoder.load(dir.resolve("test-model"))) {
            assertEquals("test-model", back.name());
        }
    }

    @Test
    void badFilesAreNamed(@TempDir Path dir) throws Exception {
        var missing = assertThrows(IllegalArgumentException.class, () -> LatentEncoder.load(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("nope.json"), missing.getMessage());
        trained.encoder().save(dir);
        Files.write(dir.resolve("test-model.params"), new byte[] {1, 2, 3});
        var corrupt = assertThrows(IllegalArgumentException.class, () -> LatentEncoder.load(dir.resolve("test-model")));
        assertTrue(corrupt.getMessage().contains("test-model"), corrupt.getMessage());
        Files.writeString(dir.resolve("test-model.json"), "{\"name\": \"x y\"}");
        assertThrows(IllegalArgumentException.class, () -> LatentEncoder.load(dir.resolve("test-model")));
        assertThrows(IllegalArgumentException.class, () -> LatentEncoder.shipped("imagebind"));
    }

    @Test
    void configsRejectNonsense() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new WorldModelTraining.Config(Objective.WORLD_MODEL, 32, 8, 4, 2, 0, 10, 8, 1e-3, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new WorldModelTraining.Config(Objective.IMAGE, 32, 8, 6, 4, 0, 10, 8, 1e-3, 1));
        assertThrows(
                IllegalArgumentException.class,
                () -> WorldModelTraining.train(
                        "x",
                        WorldModelTraining.Config.defaults(Objective.WORLD_MODEL),
                        List.of(slidingSquare(1, 32, 9)),
                        null));
    }
}
