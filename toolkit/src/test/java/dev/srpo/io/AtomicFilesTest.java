package dev.srpo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void writesAndReplaces(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/result.json");
        AtomicFiles.write(file, "{\"v\":1}".getBytes());
        AtomicFiles.write(file, "{\"v\":2}".getBytes());
        assertEquals("{\"v\":2}", Files.readString(file));
        assertEquals(List.of(file), listAll(dir.resolve("a/b")));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("checkpoint.bin");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        var e = assertThrows(
                UncheckedIOException.class,
                () -> AtomicFiles.write(file, out -> {
                    out.write(new byte[] {9, 9});
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", e.getCause().getMessage());
        assertEquals(3, Files.size(file));
        assertEquals(List.of(file), listAll(dir));
    }

    @Test
    void theFileGetsTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes(@TempDir Path dir) throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path written = AtomicFiles.write(dir.resolve("written"), new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(written));
    }

    private static List<Path> listAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
