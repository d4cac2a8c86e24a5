package dev.srpo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void temporaryFilesOrphanedByAKilledWriteGoAtTheNextWriteOfThatFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("policy[1].vla"); // a glob character in the name must not confuse the clean-up
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(AtomicFiles.ORPHAN_AGE).minusSeconds(60));
        Path orphan = Files.write(dir.resolve(".policy[1].vla.0b7e.tmp"), new byte[] {1});
        Files.setLastModifiedTime(orphan, old);
        Path fresh = Files.write(dir.resolve(".policy[1].vla.77aa.tmp"), new byte[] {2}); // another writer, now
        Path otherFiles = Files.write(dir.resolve(".metrics.jsonl.0b7e.tmp"), new byte[] {3});
        Files.setLastModifiedTime(otherFiles, old);
        AtomicFiles.write(file, new byte[] {7});
        assertFalse(Files.exists(orphan), "the orphan of a killed write is removed");
        assertTrue(Files.exists(fresh), "a write in progress is left alone");
        assertTrue(Files.exists(otherFiles), "another file's temporaries are its own write's business");
    }

    @Test
    void deleteTreeRemovesAFolderWithEverythingInItAndLeavesItsNeighbours(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        AtomicFiles.write(run.resolve("checkpoints/step-000010/state.json"), new byte[] {1});
        AtomicFiles.write(run.resolve("metrics.jsonl"), new byte[] {2});
        Path neighbour = AtomicFiles.write(dir.resolve("run.log"), new byte[] {3});
        AtomicFiles.deleteTree(run);
        assertFalse(Files.exists(run));
        assertTrue(Files.exists(neighbour));
        AtomicFiles.deleteTree(run); // not there: nothing to do
        AtomicFiles.deleteTree(neighbour); // a single file
        assertEquals(List.of(), listAll(dir));
    }

    private static List<Path> listAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
