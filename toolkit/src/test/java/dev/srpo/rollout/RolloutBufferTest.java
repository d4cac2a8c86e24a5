package dev.srpo.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.env.Observation;
import dev.srpo.env.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutBufferTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RolloutBuffer.Stored stored(int chunks, boolean success, int dim) {
        Start start = new Start(Suite.of("libero_goal").task(3), 17);
        List<Rollout.Chunk> list = new java.util.ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            byte[] image = new byte[12];
            Arrays.fill(image, (byte) (c * 40));
            int[] tokens = new int[56];
            float[] logProbs = new float[56];
            for (int k = 0; k < 56; k++) {
                tokens[k] = (c * 7 + k) % 256;
                logProbs[k] = -0.01f * k;
            }
            Observation o = new Observation(image, 2, 2, null, new float[] {c, 1, 2}, "open the drawer");
            list.add(new Rollout.Chunk(c * 8, o, tokens, logProbs, c == chunks - 1 ? 3 : 8));
        }
        float[][] path = {{0, 0, 0}, {0.1f, 0.2f, 0.3f}};
        Rollout r = new Rollout(start, 99, 1.6f, false, list, null, path, success, 8 * chunks - 5, Map.of("stage", 2));
        double[][] prefixes = new double[chunks + 1][dim];
        for (int c = 0; c <= chunks; c++) {
            Arrays.fill(prefixes[c], 0.25 * c);
        }
        return new RolloutBuffer.Stored(r, prefixes);
    }

    private static ObjectNode description(int dim) {
        return JSON.createObjectNode().put("encoder", "pixels").put("dimension", dim);
    }

    @Test
    void rolloutsComeBackAsTheyWereWritten(@TempDir Path dir) {
        RolloutBuffer b = RolloutBuffer.create(dir, description(4));
        b.append(List.of(stored(3, true, 4), stored(1, false, 4)), 1.5);
        b.append(List.of(stored(2, false, 4)), 2);
        RolloutBuffer read = RolloutBuffer.open(dir);
        assertEquals(3, read.size());
        assertEquals(1, read.successes());
        assertEquals(2, read.batches());
        assertEquals(3.5, read.seconds(), 1e-9);
        List<RolloutBuffer.Stored> all = read.readAll();
        RolloutBuffer.Stored a = stored(3, true, 4);
        RolloutBuffer.Stored x = all.get(0);
        assertEquals(a.rollout().start(), x.rollout().start());
        assertEquals(a.rollout().steps(), x.rollout().steps());
        assertEquals(99, x.rollout().seed());
        assertEquals(2, ((Number) x.rollout().info().get("stage")).intValue());
        for (int c = 0; c < 3; c++) {
            Rollout.Chunk e = a.rollout().chunks().get(c);
            Rollout.Chunk g = x.rollout().chunks().get(c);
            assertArrayEquals(e.tokens(), g.tokens());
            assertArrayEquals(e.logProbs(), g.logProbs());
            assertArrayEquals(e.observation().agentview(), g.observation().agentview());
            assertArrayEquals(e.observation().proprio(), g.observation().proprio());
            assertEquals(e.validSteps(), g.validSteps());
            assertEquals(e.frame(), g.frame());
        }
        assertArrayEquals(a.prefixes()[2], x.prefixes()[2], 1e-7);
    }

    @Test
    void badBuffersAreNamed(@TempDir Path dir) throws Exception {
        RolloutBuffer b = RolloutBuffer.create(dir, description(4));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> b.append(List.of(stored(2, true, 5)), 0));
        assertTrue(e.getMessage().contains("one encoder per buffer"), e.getMessage());
        b.append(List.of(stored(2, true, 4)), 0);
        Path file = dir.resolve("batches/00000.rollouts");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(
                IllegalArgumentException.class, () -> RolloutBuffer.open(dir).readAll());
        assertTrue(e.getMessage().contains("00000.rollouts"), e.getMessage());
        Files.delete(file);
        e = assertThrows(
                IllegalArgumentException.class, () -> RolloutBuffer.open(dir).readAll());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RolloutBuffer.create(dir, description(4)));
        assertThrows(
                IllegalArgumentException.class,
                () -> RolloutBuffer.create(
                        dir.resolve("x"), JSON.createObjectNode().put("encoder", "pixels")));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RolloutBuffer.Stored(stored(2, true, 4).rollout(), new double[2][4]));
    }
}
