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
    private static boolean closing;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Scratch::close, "srpo-scratch-cleanup"));
    }

    private Scratch() {}

    /**
     * A new, empty folder named {@code prefix} plus a random suffix, removed when the JVM exits.
     *
     * @throws UncheckedIOException if the folder cannot be made
     * @throws IllegalStateException if the JVM is already exiting (the folder could not be removed)
     */
    public static synchronized Path folder(String prefix) {
        if (closing) {
            throw new IllegalStateException("the JVM is exiting: no scratch folder " + prefix + "* now");
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

    /**
     * Removes every scratch folder made so far, as much of each as can be removed: a file that cannot be deleted
     * (say, one another thread is still writing) does not stop the rest.
     */
    public static synchronized void removeAll() {
        for (Path dir : FOLDERS) {
            removeWhatCanBe(dir);
        }
        FOLDERS.clear();
    }

    private static synchronized void close() {
        closing = true;
        removeAll();
    }

    private static void removeWhatCanBe(Path dir) {
        try {
            AtomicFiles.deleteTree(dir); // removes all it can before it throws
        } catch (UncheckedIOException ignored) {
            // the JVM is going away: what is left stays in the system's temporary folder
        }
    }
}
