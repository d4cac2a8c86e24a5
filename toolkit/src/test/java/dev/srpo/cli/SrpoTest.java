package dev.srpo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.srpo.SrpoToolkit;
import dev.srpo.data.DemoDataset;
import dev.srpo.data.Episode;
import dev.srpo.policy.SmallVla;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SrpoTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Srpo.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void infoShowsVersionAndEngine() {
        assertEquals(0, run("info"));
        String text = out.toString();
        assertTrue(text.contains("SRPO Lab toolkit " + SrpoToolkit.version()), text);
        assertTrue(text.contains("PyTorch 2.7.1"), text);
        assertTrue(text.contains("offline: true"), text);
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("trian"));
        assertTrue(err.toString().contains("unknown command 'trian'"), err.toString());
        assertTrue(err.toString().contains("usage: srpo"), err.toString());
    }

    @Test
    void sftTrainsOnADatasetAndWritesALoadableCheckpoint(@TempDir Path dir) {
        List<byte[]> frames = new ArrayList<>();
        List<float[]> actions = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            frames.add(new byte[16 * 16 * 3]);
            actions.add(new float[] {0.1f * t, 0, 0, 0, 0, 0, t < 3 ? -1 : 1});
        }
        try (DemoDataset.Writer w = DemoDataset.create(dir.resolve("demos"), null)) {
            w.add(new Episode(
                    "libero_goal/0", "open the middle drawer of the cabinet", 0, true, 16, 16, frames, actions));
        }
        Path file = dir.resolve("p.vla");
        assertEquals(
                0,
                run(
                        "sft",
                        "--data",
                        dir.resolve("demos").toString(),
                        "--out",
                        file.toString(),
                        "--steps",
                        "3",
                        "--batch",
                        "4"));
        assertTrue(out.toString().contains("trained 3 steps"), out.toString());
        try (SmallVla p = SmallVla.load(file)) {
            assertEquals(8, p.chunk());
        }
        String demos = dir.resolve("demos").toString();
        assertEquals(
                0,
                run(
                        "sft",
                        "--data",
                        demos,
                        "--out",
                        file.toString(),
                        "--steps",
                        "2",
                        "--batch",
                        "4",
                        "--pretrain",
                        demos + "," + demos,
                        "--pretrain-steps",
                        "2"));
        assertTrue(out.toString().contains("pretrained 2 steps on 2 sets"), out.toString());
        assertEquals(2, run("sft", "--data", dir.resolve("none").toString(), "--out", file.toString()));
        assertTrue(err.toString().contains("dataset.json is missing"), err.toString());
    }
}
