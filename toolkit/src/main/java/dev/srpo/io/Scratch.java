package dev.srpo.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throw-away folders for work nobody keeps, such as a notebook's small-scale runs: each is a new folder in the
 * system's temporary folder, removed with everything in it when the JVM exits (a notebook's kernel shuts down).
 * Without this, every execution of the notebooks at CI scale left tens of megabytes of checkpoints behind.
 *
 * <p>Work worth keeping belongs under {@code runs/} instead; a JVM that is killed outright runs no shutdown hook and
 * leaves its folders behind.
 */
public final class Scratch {

    private static final List<Path> FOLDERS = new ArrayList<>();
    private static boolean hooked;

    private Scratch() {}

    /**
     * A new, empty folder named {@code prefix} plus a random suffix, removed when the JVM exits.
     *
     * @throws UncheckedIOException if the folder cannot be made
     */
    public static synchronized Path folder(String prefix) {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(Scratch::removeAll, "srpo-scratch-cleanup"));
            hooked = true;
        }
        try {
            Path dir = Files.createTempDirectory(prefix);
            FOLDERS.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not make a scratch folder " + prefix + "* in " + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /** Removes every scratch folder made so far; also what the shutdown hook does. */
    public static synchronized void removeAll() {
        for (Path dir : FOLDERS) {
            try {
                AtomicFiles.deleteTree(dir);
            } catch (UncheckedIOException ignored) {
                // the JVM is going away: remove what can be removed
            }
        }
        FOLDERS.clear();
    }
}
