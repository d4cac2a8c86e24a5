package dev.srpo.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes files so that a reader sees either the old content or the new, never half of it: the bytes go to a
 * temporary file in the same folder, are flushed to disk, and the file is renamed over the target. Every
 * checkpoint, dataset and results file of the toolkit is written this way.
 */
public final class AtomicFiles {

    /** Produces a file's content. */
    @FunctionalInterface
    public interface ContentWriter {
        /** Writes the whole content to {@code out}; the stream is closed by the caller. */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    /** A temporary file this old is an orphan of a killed write, not another writer's work in progress. */
    static final Duration ORPHAN_AGE = Duration.ofMinutes(10);

    /**
     * Deletes the temporary files of earlier writes of {@code name} in {@code dir} that a killed process left behind
     * (a write's temporary file lives only while it writes).
     */
    static void removeOrphans(Path dir, String name) {
        Instant before = Instant.now().minus(ORPHAN_AGE);
        try (DirectoryStream<Path> tmps = Files.newDirectoryStream(dir, "." + escape(name) + ".*.tmp")) {
            for (Path t : tmps) {
                if (Files.getLastModifiedTime(t).toInstant().isBefore(before)) {
                    Files.deleteIfExists(t);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // cleaning up is a courtesy: the write itself must not fail for it
        }
    }

    private static String escape(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /** Replaces {@code file} with {@code bytes} atomically; creates missing parent folders. */
    public static Path write(Path file, byte[] bytes) {
        return write(file, out -> out.write(bytes));
    }

    /**
     * Replaces {@code file} with what {@code writer} produces, atomically; creates missing parent folders. If the
     * writer fails, the old file is untouched and no temporary file is left behind.
     *
     * @throws UncheckedIOException naming the file, if writing or renaming fails (also on a file system that
     *     cannot rename atomically: the guarantee would not hold there)
     */
    public static Path write(Path file, ContentWriter writer) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        // A name of our own rather than Files.createTempFile, whose owner-only permissions would stick to the file.
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(dir);
            removeOrphans(dir, target.getFileName().toString());
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
                writer.writeTo(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file is hidden and harmless; the original error matters more
            }
        }
    }

    /**
     * Removes a folder and everything in it (or a file, or a link, which is not followed); nothing if it is not
     * there. A part that cannot be removed does not stop the rest: everything else goes, then the first error is
     * thrown, any later ones suppressed in it.
     *
     * @throws UncheckedIOException naming {@code p} if some of it is still there
     */
    public static void deleteTree(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<IOException> errors = new ArrayList<>();
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    delete(file, errors);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    errors.add(e);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    if (e != null) {
                        errors.add(e); // the folder could not be listed to the end: it cannot be empty
                    } else {
                        delete(dir, errors);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add(e); // the visitor swallows its errors; this is one of the walk itself
        }
        if (!errors.isEmpty()) {
            UncheckedIOException failure = new UncheckedIOException(
                    "could not remove all of " + p + " (" + errors.size() + " errors)", errors.get(0));
            errors.subList(1, errors.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private static void delete(Path p, List<IOException> errors) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            errors.add(e);
        }
    }
}
