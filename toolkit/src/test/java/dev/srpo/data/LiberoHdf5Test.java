package dev.srpo.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the tiny LIBERO-layout file written by h5py (tools/testdata/make_libero_hdf5.py). */
class LiberoHdf5Test {

    static Path tiny() throws URISyntaxException {
        return Path.of(LiberoHdf5Test.class.getResource("libero-tiny.hdf5").toURI());
    }

    // the generator's formulas
    static int pixel(int demo, int t, int y, int x, int c) {
        return (demo * 100 + t * 10 + y * 3 + x * 2 + c) % 256;
    }

    static double action(int demo, int t, int d) {
        return d == 6 ? (t % 2 == 0 ? -1 : 1) : Math.round((demo + 1) * 0.01 * (t + 1) * (d - 3) * 1e6) / 1e6;
    }

    @Test
    void readsEveryDemoUprightWithItsActionsAndInstruction() throws Exception {
        try (LiberoHdf5 f = LiberoHdf5.open(tiny(), "libero_goal/8", true)) {
            assertEquals(List.of("demo_0", "demo_1", "demo_2"), f.demoNames());
            assertEquals("put the bowl on the plate", f.instruction());
            List<Episode> eps = f.readAll();
            int[] steps = {3, 5, 2};
            for (int demo = 0; demo < 3; demo++) {
                Episode e = eps.get(demo);
                assertEquals("libero_goal/8", e.task());
                assertEquals(demo, e.initialState());
                assertEquals(8, e.width());
                assertEquals(6, e.height());
                assertEquals(steps[demo], e.length());
                for (int t = 0; t < e.length(); t++) {
                    byte[] frame = e.frames().get(t);
                    for (int y = 0; y < 6; y++) {
                        for (int x = 0; x < 8; x++) {
                            for (int c = 0; c < 3; c++) {
                                assertEquals(pixel(demo, t, y, x, c), frame[(y * 8 + x) * 3 + c] & 0xFF);
                            }
                        }
                    }
                    for (int d = 0; d < 7; d++) {
                        assertEquals(action(demo, t, d), e.actions().get(t)[d], 1e-6);
                    }
                }
            }
        }
        try (LiberoHdf5 raw = LiberoHdf5.open(tiny(), null, false)) {
            Episode e = raw.read("demo_1"); // as stored: rotated by 180°
            assertEquals(pixel(1, 0, 5, 7, 0), e.frames().get(0)[0] & 0xFF);
            assertEquals("libero-tiny.hdf5", e.task());
        }
    }

    @Test
    void missingFieldsAndFilesAreNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("put_the_cup_on_the_shelf_demo.hdf5");
        try (WritableHdfFile w = HdfFile.write(file)) {
            WritableGroup demo = w.putGroup("data").putGroup("demo_0");
            demo.putGroup("obs").putDataset("agentview_rgb", new byte[2][2][2][3]);
        }
        try (LiberoHdf5 f = LiberoHdf5.open(file, null, true)) {
            assertEquals("put the cup on the shelf", f.instruction()); // no problem_info: from the file name
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.read("demo_0"));
            assertTrue(e.getMessage().contains("missing field 'actions'"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> f.read("demo_9"));
        }
        Path notHdf = Files.writeString(dir.resolve("x.hdf5"), "not hdf5 at all");
        assertThrows(IllegalArgumentException.class, () -> LiberoHdf5.open(notHdf, null, true));
        assertThrows(IllegalArgumentException.class, () -> LiberoHdf5.open(dir.resolve("none.hdf5"), null, true));
    }
}
