package dev.srpo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

    @Test
    void deleteTreeRemovesAllItCanThenNamesWhatIsLeft(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        Path first = AtomicFiles.write(run.resolve("a.txt"), new byte[] {1});
        Path pinned = AtomicFiles.write(run.resolve("locked/pinned.txt"), new byte[] {2});
        Path last = AtomicFiles.write(run.resolve("z/b.txt"), new byte[] {3});
        Runnable unpin = pin(pinned);
        try {
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.deleteTree(run));
            assertTrue(e.getMessage().contains(run.toString()), e.getMessage());
            assertTrue(
                    e.getCause().getMessage().contains("pinned.txt"),
                    e.getCause().toString());
            assertTrue(Files.exists(pinned));
            assertFalse(Files.exists(first), "whichever order the walk takes, the rest goes");
            assertFalse(Files.exists(last.getParent()));
        } finally {
            unpin.run();
        }
        AtomicFiles.deleteTree(run);
        assertEquals(List.of(), listAll(dir));
    }

    @Test
    void deleteTreeRemovesALinkAndNotWhatItPointsTo(@TempDir Path dir) throws IOException {
        Path target = AtomicFiles.write(dir.resolve("dataset/demos.bin"), new byte[] {1});
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.createSymbolicLink(run.resolve("data"), target.getParent());
        Path dangling = Files.createSymbolicLink(dir.resolve("gone"), dir.resolve("nowhere"));
        AtomicFiles.deleteTree(run);
        AtomicFiles.deleteTree(dangling);
        assertEquals(List.of(target.getParent()), listAll(dir));
        assertTrue(Files.exists(target));
    }

    /** Makes {@code file} undeletable by this process, or skips the test where it cannot; the result undoes it. */
    private static Runnable pin(Path file) throws IOException {
        if (succeeds("chattr", "+i", file.toString())) { // root ignores permissions, not an immutable file
            return () -> succeeds("chattr", "-i", file.toString());
        }
        Path dir = file.getParent(); // anyone else: a folder they may not change
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
        Runnable undo = () -> {
            try {
                Files.setPosixFilePermissions(dir, before);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (Files.isWritable(dir)) {
            undo.run();
            assumeTrue(false, "no way to make a file undeletable here (root without chattr)");
        }
        return undo;
    }

    private static boolean succeeds(String... command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no such command
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<Path> listAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
