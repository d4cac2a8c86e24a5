package dev.srpo.rl;

/** A loss, gradient, advantage or weight became NaN or infinite; the message names which and where. */
public final class NonFiniteException extends IllegalStateException {

    public NonFiniteException(String message) {
        super(message);
    }

    public NonFiniteException(String message, Throwable cause) {
        super(message, cause);
    }
}
