package dev.srpo.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.srpo.env.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallVlaTest {

    static final PolicyConfig TINY = new PolicyConfig(16, 2, 4, 8, 16, 8);
    static SmallVla policy;

    @BeforeAll
    static void create() {
        policy = SmallVla.create(TINY, ActionTokenizer.unitRange(), InstructionTokenizer.libero(List.of()), 7);
    }

    @AfterAll
    static void close() {
        policy.close();
    }

    static List<Observation> batch(int n, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] rgb = new byte[size * size * 3];
            for (int k = 0; k < rgb.length; k++) {
                rgb[k] = (byte) r.nextInt(256);
            }
            out.add(new Observation(rgb, size, size, null, new float[8], "put the bowl on the plate"));
        }
        return out;
    }

    static float[] logits(VlaPolicy p, List<Observation> obs) {
        try (NDManager m = p.model().getNDManager().newSubManager()) {
            return p.logits(m, obs, false).toFloatArray();
        }
    }

    @Test
    void logitsHaveOneRowOf256PerToken() {
        try (NDManager m = policy.model().getNDManager().newSubManager()) {
            NDArray l = policy.logits(m, batch(3, 16, 1), false);
            assertEquals(new ai.djl.ndarray.types.Shape(3, 14, 256), l.getShape());
        }
    }

    @Test
    void scoreMatchesAHandComputedLogSoftmaxAndEntropy() {
        List<Observation> obs = batch(2, 16, 2);
        float t = 1.5f;
        float[] l = logits(policy, obs);
        int[][] tokens = new int[2][14];
        for (int b = 0; b < 2; b++) {
            for (int n = 0; n < 14; n++) {
                tokens[b][n] = (b * 31 + n * 17) % 256;
            }
        }
        float[] lp;
        float[] ent;
        try (NDManager m = policy.model().getNDManager().newSubManager()) {
            TokenScores s = policy.score(m, obs, tokens, t, false);
            lp = s.logProbs().toFloatArray();
            ent = s.entropy().toFloatArray();
        }
        for (int b = 0; b < 2; b++) {
            for (int n = 0; n < 14; n++) {
                int base = (b * 14 + n) * 256;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 256; k++) {
                    max = Math.max(max, l[base + k] / t);
                }
                double z = 0;
                for (int k = 0; k < 256; k++) {
                    z += Math.exp(l[base + k] / t - max);
                }
                double logZ = max + Math.log(z);
                double h = 0;
                for (int k = 0; k < 256; k++) {
                    double lpk = l[base + k] / t - logZ;
                    h -= Math.exp(lpk) * lpk;
                }
                assertEquals(l[base + tokens[b][n]] / t - logZ, lp[b * 14 + n], 1e-4);
                assertEquals(h, ent[b * 14 + n], 1e-3);
            }
        }
    }

    @Test
    void scoreCarriesGradientsToTheParameters() {
        try (SmallVla p = policy.copy();
                Trainer trainer = p.newTrainer(Optimizer.sgd()
                        .setLearningRateTracker(Tracker.fixed(0.1f))
                        .build())) {
            List<Observation> obs = batch(2, 16, 3);
            int[][] tokens = new int[2][14];
            float before;
            try (NDManager m = p.model().getNDManager().newSubManager();
                    GradientCollector gc = trainer.newGradientCollector()) {
                NDArray lp = p.score(m, obs, tokens, 1f, true).logProbs().sum();
                before = lp.getFloat();
                gc.backward(lp.neg());
            }
            double norm = 0;
            for (Pair<String, Parameter> par : p.model().getBlock().getParameters()) {
                try (NDArray g = par.getValue().getArray().getGradient()) {
                    norm += g.square().sum().getFloat();
                }
            }
            assertTrue(norm > 0, "no gradient reached the parameters");
            trainer.step();
            float after;
            try (NDManager m = p.model().getNDManager().newSubManager()) {
                after = p.score(m, obs, tokens, 1f, false).logProbs().sum().getFloat();
            }
            assertTrue(after > before, "a gradient step on log-probs raised them: " + before + " -> " + after);
        }
    }

    @Test
    void gumbelMaxDrawsMatchSoftmaxFrequencies() {
        float[] logits = new float[256];
        java.util.Arrays.fill(logits, -1e4f);
        logits[3] = 2f;
        logits[100] = 1f;
        logits[255] = 0f;
        double z = Math.exp(2) + Math.exp(1) + 1;
        int[] counts = new int[256];
        SplittableRandom r = new SplittableRandom(5);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            counts[Sampling.gumbelMax(logits, 1, 1, new SplittableRandom[] {r})[0][0]]++;
        }
        assertEquals(Math.exp(2) / z, counts[3] / (double) n, 0.015);
        assertEquals(Math.exp(1) / z, counts[100] / (double) n, 0.015);
        assertEquals(1 / z, counts[255] / (double) n, 0.015);
        assertEquals(n, counts[3] + counts[100] + counts[255]);
    }

    @Test
    void samplingIsSeededAndReportsItsLogProbs() {
        List<Observation> obs = batch(3, 16, 4);
        ActionChunks a = policy.sample(obs, 1.6f, 11);
        ActionChunks b = policy.sample(obs, 1.6f, 11);
        ActionChunks c = policy.sample(obs, 1.6f, 12);
        assertArrayEquals(a.tokens(), b.tokens());
        assertNotEquals(java.util.Arrays.deepToString(a.tokens()), java.util.Arrays.deepToString(c.tokens()));
        try (NDManager m = policy.model().getNDManager().newSubManager()) {
            float[] lp =
                    policy.score(m, obs, a.tokens(), 1.6f, false).logProbs().toFloatArray();
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < 14; k++) {
                    assertEquals(lp[i * 14 + k], a.logProbs()[i][k], 1e-4);
                }
            }
        }
        assertEquals(2, a.chunk());
        assertEquals(7, a.actions()[0][1].length);
        assertThrows(IllegalArgumentException.class, () -> policy.sample(obs, 0f, 1));
        ActionChunks g = policy.greedy(obs);
        assertArrayEquals(g.tokens(), policy.greedy(obs).tokens());
    }

    @Test
    void unknownWordsStillRunAndOtherFrameSizesAreResizedButMixedSizesFail() {
        List<Observation> obs = new ArrayList<>(batch(1, 32, 5));
        Observation o = obs.get(0);
        obs.set(0, new Observation(o.agentview(), 32, 32, null, o.proprio(), "fetch the zorblax quickly"));
        assertEquals(1, policy.greedy(obs).size());
        List<Observation> mixed = new ArrayList<>(batch(1, 16, 6));
        mixed.addAll(batch(1, 32, 6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy.greedy(mixed));
        assertTrue(e.getMessage().contains("observation 1 is 32x32"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> policy.greedy(List.of()));
    }

    @Test
    void checkpointRoundTripAndBadFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.vla");
        policy.save(file);
        List<Observation> obs = batch(2, 16, 8);
        try (SmallVla back = SmallVla.load(file)) {
            assertArrayEquals(logits(policy, obs), logits(back, obs), 0f);
            assertEquals(policy.config(), back.config());
            assertEquals(policy.actionTokenizer(), back.actionTokenizer());
            assertEquals(policy.instructionTokenizer(), back.instructionTokenizer());
        }
        try (SmallVla other = SmallVla.create(
                TINY.withChunk(3), ActionTokenizer.unitRange(), InstructionTokenizer.libero(List.of()), 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadWeights(file));
            assertTrue(e.getMessage().contains("another architecture"), e.getMessage());
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Path corrupt = Files.write(dir.resolve("corrupt.vla"), bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmallVla.load(corrupt));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        Path truncated = Files.write(dir.resolve("short.vla"), java.util.Arrays.copyOf(Files.readAllBytes(file), 500));
        assertThrows(IllegalArgumentException.class, () -> SmallVla.load(truncated));
        Path notOne = Files.writeString(dir.resolve("x.vla"), "{\"hello\": 1} and then some more bytes");
        e = assertThrows(IllegalArgumentException.class, () -> SmallVla.load(notOne));
        assertTrue(e.getMessage().contains("not an SRPO VLA checkpoint"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SmallVla.load(dir.resolve("missing.vla")));
    }

    /** A checkpoint file with a valid checksum around any header and parameter bytes. */
    private static Path crafted(Path file, int headerLength, String header, byte[] params) throws Exception {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream data = new java.io.DataOutputStream(buf);
        data.write("SRPOVLA1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] h = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        data.writeInt(headerLength < 0 ? headerLength : h.length);
        data.write(h);
        data.writeInt(params.length);
        data.write(params);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(buf.toByteArray());
        data.writeLong(crc.getValue());
        return Files.write(file, buf.toByteArray());
    }

    @Test
    void everyBadCheckpointIsNamedWithItsFileAndItsProblem(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("run"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmallVla.load(folder));
        assertTrue(e.getMessage().contains("is a folder") && e.getMessage().contains("policy.vla"), e.getMessage());
        String arch = "\"architecture\": \"" + SmallVla.ARCHITECTURE + "\"";
        Path noConfig = crafted(dir.resolve("noconfig.vla"), 0, "{" + arch + "}", new byte[0]);
        e = assertThrows(IllegalArgumentException.class, () -> SmallVla.load(noConfig));
        assertTrue(e.getMessage().contains("noconfig.vla") && e.getMessage().contains("no 'config'"), e.getMessage());
        Path negative = crafted(dir.resolve("negative.vla"), -5, "{}", new byte[0]);
        e = assertThrows(IllegalArgumentException.class, () -> SmallVla.load(negative));
        assertTrue(
                e.getMessage().contains("negative.vla") && e.getMessage().contains("claims -5 bytes"), e.getMessage());
        policy.save(dir.resolve("good.vla"));
        byte[] good = Files.readAllBytes(dir.resolve("good.vla"));
        int headerLength = java.nio.ByteBuffer.wrap(good, 8, 4).getInt();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode header = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(java.util.Arrays.copyOfRange(good, 12, 12 + headerLength));
        header.putArray("vocabulary").add("pick").add("pick");
        int paramsAt = 12 + headerLength;
        int paramsLength = java.nio.ByteBuffer.wrap(good, paramsAt, 4).getInt();
        byte[] params = java.util.Arrays.copyOfRange(good, paramsAt + 4, paramsAt + 4 + paramsLength);
        Path duplicate = crafted(dir.resolve("dup.vla"), 0, header.toString(), params);
        e = assertThrows(IllegalArgumentException.class, () -> SmallVla.load(duplicate));
        assertTrue(e.getMessage().contains("dup.vla") && e.getMessage().contains("malformed"), e.getMessage());
    }

    @Test
    void copyHasTheSameWeightsButIsIndependent() {
        List<Observation> obs = batch(1, 16, 9);
        try (SmallVla c = policy.copy()) {
            assertArrayEquals(logits(policy, obs), logits(c, obs), 0f);
            NDArray w = c.model().getBlock().getParameters().get(0).getValue().getArray();
            w.set(new float[(int) w.size()]);
            assertNotEquals(logits(policy, obs)[0], logits(c, obs)[0]);
        }
    }

    @Test
    void decodingReleasesEveryArrayItMakes() {
        List<Observation> obs = batch(4, 16, 10);
        policy.greedy(obs); // warm-up
        int before = policy.model().getNDManager().getManagedArrays().size();
        for (int i = 0; i < 20; i++) {
            policy.greedy(obs);
            policy.sample(obs, 1.6f, i);
        }
        assertEquals(before, policy.model().getNDManager().getManagedArrays().size());
    }

    @Test
    void proprioceptionIsAnOptionalThirdInput(@TempDir Path dir) {
        try (SmallVla p = SmallVla.create(
                TINY.withProprio(true), ActionTokenizer.unitRange(), InstructionTokenizer.libero(List.of()), 3)) {
            List<Observation> obs = new ArrayList<>(batch(2, 16, 11));
            Observation o = obs.get(1);
            obs.set(
                    1,
                    new Observation(o.agentview(), 16, 16, null, new float[] {1, 2, 3, 0, 0, 1, 0.04f, -0.04f}, "x"));
            obs.set(0, new Observation(o.agentview(), 16, 16, null, new float[8], "x"));
            float[] l = logits(p, obs);
            int row = 14 * 256;
            boolean differ = false;
            for (int k = 0; k < row; k++) {
                differ |= l[k] != l[row + k];
            }
            assertTrue(differ, "same frame and words, different proprio, same logits");
            p.save(dir.resolve("p.vla"));
            try (SmallVla back = SmallVla.load(dir.resolve("p.vla"))) {
                assertTrue(back.config().proprio());
                assertArrayEquals(l, logits(back, obs), 0f);
            }
            List<Observation> bad = List.of(new Observation(o.agentview(), 16, 16, null, new float[3], "x"));
            assertThrows(IllegalArgumentException.class, () -> p.greedy(bad));
        }
    }
}
