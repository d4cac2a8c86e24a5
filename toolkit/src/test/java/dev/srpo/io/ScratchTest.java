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

class ScratchTest {

    @Test
    void foldersAreNewAndRemovedWithTheirContent() throws IOException {
        Path a = Scratch.folder("srpo-scratch-test");
        Path b = Scratch.folder("srpo-scratch-test");
        assertNotEquals(a, b);
        assertTrue(a.getFileName().toString().startsWith("srpo-scratch-test"));
        Files.createDirectories(a.resolve("run/checkpoints"));
        Files.writeString(a.resolve("run/checkpoints/step-5.vla"), "weights");
        Scratch.removeAll();
        assertFalse(Files.exists(a));
        assertFalse(Files.exists(b));
    }

    /** What a notebook relies on: its kernel exits, its scratch folders go. */
    @Test
    void aJvmThatExitsLeavesNoScratchBehind() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(), "-cp", System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not exit");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        Path made = Path.of(out);
        assertTrue(made.getFileName().toString().startsWith("srpo-scratch-child"), out);
        assertFalse(Files.exists(made), "left behind: " + made);
    }

    /** Makes a scratch folder with a file in it, prints its path and exits. */
    static final class Child {
        public static void main(String[] args) throws IOException {
            Path dir = Scratch.folder("srpo-scratch-child");
            Files.writeString(dir.resolve("metrics.jsonl"), "{}\n");
            System.out.println(dir);
        }
    }
}
