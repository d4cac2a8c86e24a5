package dev.srpo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDatasetTest {

    static Episode random(String task, int steps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<byte[]> frames = new ArrayList<>();
        List<float[]> actions = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            byte[] f = new byte[8 * 6 * 3];
            for (int i = 0; i < f.length; i++) {
                f[i] = (byte) r.nextInt(256);
            }
            frames.add(f);
            float[] a = new float[7];
            for (int d = 0; d < 7; d++) {
                a[d] = (float) r.nextDouble(-1, 1);
            }
            actions.add(a);
        }
        List<float[]> proprio = seed % 2 == 0
                ? null
                : actions.stream().map(a -> new float[] {a[0], a[1]}).toList();
        return new Episode(task, "do " + task, (int) seed, seed % 2 == 0, 8, 6, frames, actions, proprio);
    }

    @Test
    void roundTrip(@TempDir Path dir) {
        List<Episode> eps = List.of(random("a/0", 5, 2), random("b/1", 3, 3), random("c/2", 0, 4));
        try (DemoDataset.Writer w = DemoDataset.create(dir, null)) {
            eps.forEach(w::add);
        }
        DemoDataset ds = DemoDataset.open(dir);
        assertEquals(3, ds.size());
        assertEquals(8, ds.steps());
        List<Episode> back = ds.readAll();
        for (int i = 0; i < eps.size(); i++) {
            Episode a = eps.get(i);
            Episode b = back.get(i);
            assertEquals(a.task(), b.task());
            assertEquals(a.instruction(), b.instruction());
            assertEquals(a.initialState(), b.initialState());
            assertEquals(a.success(), b.success());
            assertEquals(a.length(), b.length());
            assertEquals(a.proprioDim(), b.proprioDim());
            for (int t = 0; t < a.length(); t++) {
                assertArrayEquals(a.frames().get(t), b.frames().get(t));
                assertArrayEquals(a.actions().get(t), b.actions().get(t));
                if (a.proprio() != null) {
                    assertArrayEquals(a.proprio().get(t), b.proprio().get(t));
                }
            }
        }
        assertEquals("b/1", ds.entries().get(1).task());
    }

    @Test
    void chainStreamsSetsOneAfterAnotherAndCanBeReread(@TempDir Path dir) throws Exception {
        try (DemoDataset.Writer w = DemoDataset.create(dir.resolve("x"), null)) {
            w.add(random("a/0", 2, 2));
            w.add(random("a/1", 2, 4));
        }
        try (DemoDataset.Writer w = DemoDataset.create(dir.resolve("y"), null)) {
            w.add(random("b/0", 3, 6));
        }
        Iterable<Episode> chain =
                DemoDataset.chain(List.of(DemoDataset.open(dir.resolve("x")), DemoDataset.open(dir.resolve("y"))));
        for (int pass = 0; pass < 2; pass++) { // SFT reads it twice: statistics, then samples
            List<String> tasks = new ArrayList<>();
            chain.forEach(e -> tasks.add(e.task()));
            assertEquals(List.of("a/0", "a/1", "b/0"), tasks);
        }
        // one episode at a time: a file is read when reached, so a set is never held whole
        Iterator<Episode> it = chain.iterator();
        assertEquals("a/0", it.next().task());
        Files.delete(dir.resolve("x")
                .resolve(DemoDataset.open(dir.resolve("x")).entries().get(1).file()));
        assertThrows(RuntimeException.class, it::next);
    }

    @Test
    void missingFieldsAndFilesAreNamed(@TempDir Path dir) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DemoDataset.open(dir));
        assertTrue(e.getMessage().contains("dataset.json is missing"), e.getMessage());
        try (DemoDataset.Writer w = DemoDataset.create(dir, null)) {
            w.add(random("a/0", 2, 1));
        }
        Path index = dir.resolve(DemoDataset.INDEX);
        Files.writeString(index, Files.readString(index).replace("\"instruction\"", "\"instructions\""));
        e = assertThrows(IllegalArgumentException.class, () -> DemoDataset.open(dir));
        assertTrue(e.getMessage().contains("missing field 'instruction'"), e.getMessage());
        Path episode = dir.resolve("episodes/00000.demo");
        byte[] bytes = Files.readAllBytes(episode);
        Files.write(episode, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(IllegalArgumentException.class, () -> DemoDataset.readEpisode(episode));
    }

    @Test
    void episodesCheckTheirShape() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Episode("t", "i", 0, true, 2, 2, List.of(new byte[12]), List.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Episode("t", "i", 0, true, 2, 2, List.of(new byte[11]), List.of(new float[7])));
    }
}
