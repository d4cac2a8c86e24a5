package dev.srpo.io;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar for long CLI work: {@code [#####.....] 512/1000  51%  12.3 s  eta 11.8 s  loss 1.234}.
 * Redrawn in place with a carriage return at most every 200 ms, so it costs nothing in a tight loop.
 */
public final class ProgressBar {

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long first; // the count when this bar started: a resumed run's work done before it is not timed here
    private long lastDraw;

    /**
     * @param out where to draw (e.g. {@code System.err}); null draws nothing
     * @param label what is being counted
     * @param total the count at completion
     */
    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    /**
     * Says that {@code done} of the total was done before this bar started (a resumed run), so that the estimate of
     * the time left comes from the rate of this bar's own work.
     */
    public ProgressBar startingAt(long done) {
        this.first = done;
        return this;
    }

    /** Shows {@code done} of the total with an optional suffix (e.g. the current loss). */
    public void update(long done, String suffix) {
        if (out == null) {
            return;
        }
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double frac = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(frac * 30);
        double elapsed = (now - start) / 1e9;
        double eta = done > first ? elapsed * Math.max(0, total - done) / (done - first) : 0;
        out.print(String.format(
                Locale.ROOT,
                "\r%s [%s%s] %d/%d %3.0f%% %.1f s eta %.1f s %s",
                label,
                "#".repeat(filled),
                ".".repeat(30 - filled),
                done,
                total,
                100 * frac,
                elapsed,
                eta,
                suffix == null ? "" : suffix));
        if (done >= total) {
            out.println();
        }
        out.flush();
    }
}
