package dev.srpo.cli;

import dev.srpo.policy.SftResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of command-line values shared by the subcommands (the toolkit's and those other modules contribute), each
 * naming the option, made before any work.
 */
public final class Checks {

    private Checks() {}

    /** An integer option within {@code lo..hi} (null: not given, fine). */
    public static void range(String option, Integer value, int lo, int hi) {
        if (value != null && (value < lo || value > hi)) {
            throw new IllegalArgumentException(option + " must be within " + lo + ".." + hi + ", got " + value);
        }
    }

    /** A number option within {@code lo..hi}. */
    public static void number(String option, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(option + " must be a number in [" + lo + ", " + hi + "], got " + value);
        }
    }

    /** A file to be written: not a folder, and its folder can be made. */
    public static void outputFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a folder: give a file name");
        }
        Path parent = file.toAbsolutePath().getParent();
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p) || !Files.isWritable(p)) {
                    throw new IllegalArgumentException(option + " " + file + ": " + p + " is not a writable folder");
                }
                break;
            }
        }
    }

    /** An SFT run whose loss stayed finite. */
    public static void finiteLoss(SftResult r, String what) {
        for (int i = 0; i < r.losses().length; i++) {
            if (!Float.isFinite(r.losses()[i])) {
                throw new IllegalStateException("the loss became " + r.losses()[i] + " at step " + (i + 1) + " of "
                        + what + " (learning rate too high?); no checkpoint was written");
            }
        }
    }
}
