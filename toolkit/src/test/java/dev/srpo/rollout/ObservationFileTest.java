package dev.srpo.rollout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.env.Observation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservationFileTest {

    private static Observation observation(Random random, int size, boolean wrist, String instruction) {
        byte[] agentview = new byte[3 * size * size];
        random.nextBytes(agentview);
        byte[] wristView = null;
        if (wrist) {
            wristView = new byte[agentview.length];
            random.nextBytes(wristView);
        }
        float[] proprio = new float[8];
        for (int i = 0; i < proprio.length; i++) {
            proprio[i] = random.nextFloat() - 0.5f;
        }
        return new Observation(agentview, size, size, wristView, proprio, instruction);
    }

    @Test
    void observationsComeBackAsTheyWereWrittenInAnyOrder(@TempDir Path dir) {
        Random random = new Random(7);
        List<Observation> written = new ArrayList<>();
        Path file = dir.resolve("spill/observations.tmp"); // the folder is made
        try (ObservationFile f = ObservationFile.create(file)) {
            for (int i = 0; i < 2000; i++) { // past the first growth of the offsets
                Observation o = observation(random, 1 + i % 5, i % 3 == 0, i % 2 == 0 ? "pick up the bowl" : "öffne");
                written.add(o);
                assertEquals(i, f.append(o));
            }
            assertEquals(written.size(), f.size());
            for (int k = 0; k < 500; k++) {
                int i = random.nextInt(written.size());
                Observation a = written.get(i);
                Observation b = f.read(i);
                assertEquals(a.width(), b.width(), "observation " + i);
                assertEquals(a.height(), b.height(), "observation " + i);
                assertArrayEquals(a.agentview(), b.agentview(), "observation " + i);
                assertArrayEquals(a.proprio(), b.proprio(), "observation " + i);
                assertEquals(a.instruction(), b.instruction(), "observation " + i);
                if (a.wrist() == null) {
                    assertNull(b.wrist(), "observation " + i);
                } else {
                    assertArrayEquals(a.wrist(), b.wrist(), "observation " + i);
                }
            }
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> f.read(2000));
            assertTrue(e.getMessage().contains("observation 2000 of 2000"), e.getMessage());
            assertTrue(Files.exists(file));
            // cleared, it is written again from index 0
            f.clear();
            assertEquals(0, f.size());
            assertEquals(0, f.append(written.get(1999)));
            assertArrayEquals(written.get(1999).agentview(), f.read(0).agentview());
            assertThrows(IndexOutOfBoundsException.class, () -> f.read(1));
        }
        assertFalse(Files.exists(file), "closing deletes the file");
    }

    @Test
    void aFileLeftByAKilledRunIsOverwritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("observations.tmp");
        Files.write(file, new byte[4096]);
        Random random = new Random(3);
        Observation o = observation(random, 4, false, "stack the blocks");
        try (ObservationFile f = ObservationFile.create(file)) {
            f.append(o);
            assertArrayEquals(o.agentview(), f.read(0).agentview());
            assertTrue(Files.size(file) < 4096, "truncated, not appended to");
        }
    }
}
