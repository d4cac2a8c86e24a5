package dev.srpo.cli;

import java.io.PrintStream;

/**
 * A one-line text progress bar for long commands: {@code label [#####     ] 52% 1560/3000 loss 3.12 (41 s)}.
 * Redraws in place at most ten times a second; {@link #close()} ends the line.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final String label;
    private final int total;
    private final PrintStream out;
    private final long start = System.nanoTime();
    private long lastDraw;

    /** A bar on standard error, so it never mixes into results printed on standard output. */
    public ProgressBar(String label, int total) {
        this(label, total, System.err);
    }

    public ProgressBar(String label, int total, PrintStream out) {
        if (total < 1) {
            throw new IllegalArgumentException("a progress bar needs a total >= 1, got " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
    }

    /** Shows {@code done} of the total, with a short detail (may be empty). */
    public void update(int done, String detail) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) ((long) WIDTH * Math.min(done, total) / total);
        out.print(String.format(
                "\r%s [%s%s] %3d%% %d/%d %s (%.0f s)",
                label,
                "#".repeat(filled),
                " ".repeat(WIDTH - filled),
                100L * Math.min(done, total) / total,
                done,
                total,
                detail,
                (now - start) / 1e9));
        out.flush();
    }

    @Override
    public void close() {
        out.println();
        out.flush();
    }
}
