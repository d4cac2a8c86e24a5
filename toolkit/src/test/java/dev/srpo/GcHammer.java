package dev.srpo;

import java.util.concurrent.locks.LockSupport;

/**
 * Collects garbage without pause on a daemon thread while open, so that a Java buffer DJL has let go of is freed
 * (and its memory reused) in the middle of a computation that still reads it. Tests run a forward and backward
 * pass under it: see {@link Engines#constant}.
 */
public final class GcHammer implements AutoCloseable {

    private final Thread thread;
    private volatile boolean on = true;

    public GcHammer() {
        thread = new Thread(
                () -> {
                    while (on) {
                        System.gc();
                        LockSupport.parkNanos(500_000);
                    }
                },
                "gc-hammer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A collection now, and a moment for the cleaner thread to free what it found. */
    public static void collect() {
        System.gc();
        LockSupport.parkNanos(5_000_000);
    }

    @Override
    public void close() throws InterruptedException {
        on = false;
        thread.join();
    }
}
