package dev.srpo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {

    private static final String MARKER = "scratch folder: ";

    @Test
    void foldersAreNewAndRemovedWithTheirContentButNotWhatLinksPointTo(@TempDir Path outside) throws IOException {
        Path a = Scratch.folder("srpo-scratch-test");
        Path b = Scratch.folder("srpo-scratch-test");
        assertNotEquals(a, b);
        assertTrue(Files.isDirectory(a) && Files.isDirectory(b));
        assertTrue(a.getFileName().toString().startsWith("srpo-scratch-test"));
        Files.createDirectories(a.resolve("run/checkpoints"));
        Files.writeString(a.resolve("run/checkpoints/step-5.vla"), "weights");
        Path kept = Files.writeString(outside.resolve("dataset.bin"), "keep me");
        Files.createSymbolicLink(b.resolve("link"), outside);
        Scratch.removeAll();
        assertFalse(Files.exists(a));
        assertFalse(Files.exists(b));
        assertEquals("keep me", Files.readString(kept));
    }

    /** What a notebook relies on: its kernel exits, its scratch folders go. */
    @Test
    void aJvmThatExitsLeavesNoScratchBehind() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(), "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // read first: no full pipe
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not exit");
        assertEquals(0, p.exitValue(), out);
        String line = out.lines()
                .filter(l -> l.startsWith(MARKER))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the child printed no folder: " + out));
        Path made = Path.of(line.substring(MARKER.length()));
        assertTrue(made.isAbsolute() && made.getFileName().toString().startsWith("srpo-scratch-child"), line);
        assertFalse(Files.exists(made), "left behind: " + made);
    }

    /** Makes a scratch folder with a file in it, prints its path and exits. */
    static final class Child {
        public static void main(String[] args) throws IOException {
            Path dir = Scratch.folder("srpo-scratch-child").toAbsolutePath();
            Files.writeString(dir.resolve("metrics.jsonl"), "{}\n");
            if (!Files.isRegularFile(dir.resolve("metrics.jsonl"))) {
                throw new IllegalStateException("no file written in " + dir);
            }
            System.out.println(MARKER + dir);
        }
    }
}
