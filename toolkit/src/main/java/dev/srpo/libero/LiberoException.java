package dev.srpo.libero;

/**
 * A failure reported by, or on the way to, a LIBERO server: an error reply ({@link #kind()} is the protocol's
 * error kind, e.g. {@code unknown_task}, {@code bad_action}), or a lost connection ({@code connection_lost},
 * {@code timeout}). The message names the server and, where there is one, the task.
 */
public class LiberoException extends IllegalStateException {

    /** Kind of a dropped or unusable connection (the server died, the network failed). */
    public static final String CONNECTION_LOST = "connection_lost";
    /** Kind of a request the server did not answer in time. */
    public static final String TIMEOUT = "timeout";
    /** Kind of the server's worker process dying under an environment. */
    public static final String WORKER_DIED = "worker_died";

    private final String kind;
    private final String server;

    public LiberoException(String kind, String server, String message) {
        super(message);
        this.kind = kind;
        this.server = server;
    }

    public LiberoException(String kind, String server, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.server = server;
    }

    /** The protocol's error kind, or {@link #CONNECTION_LOST} / {@link #TIMEOUT}. */
    public String kind() {
        return kind;
    }

    /** The server's address, e.g. {@code ws://127.0.0.1:8765}. */
    public String server() {
        return server;
    }

    /** Whether the environment behind this failure is gone (its server or worker died, or stopped answering). */
    public boolean isLost() {
        return CONNECTION_LOST.equals(kind) || TIMEOUT.equals(kind) || WORKER_DIED.equals(kind);
    }
}
