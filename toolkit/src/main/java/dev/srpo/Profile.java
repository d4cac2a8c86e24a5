package dev.srpo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The scale a notebook or command runs at. {@code CI} runs every notebook in minutes on a 2-core machine;
 * {@code FULL} is the scale that reproduces the paper's figures.
 *
 * <p>Read from the system property {@code srpo.profile}, else the environment variable {@code SRPO_PROFILE};
 * {@code FULL} when neither is set. A notebook calls {@link #current()} once, in an early cell, and sizes
 * everything with {@link #pick(Object, Object)}.
 */
public enum Profile {
    CI,
    FULL;

    /** Environment variable that selects the profile. */
    public static final String ENV = "SRPO_PROFILE";
    /** System property that selects the profile; wins over the environment variable. */
    public static final String PROPERTY = "srpo.profile";

    /** The profile selected by {@value #PROPERTY} or {@value #ENV}, {@code FULL} by default. */
    public static Profile current() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return parse(prop, "system property " + PROPERTY);
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return parse(env, "environment variable " + ENV);
        }
        return FULL;
    }

    /**
     * Parses a profile name, case-insensitively.
     *
     * @param value the name, {@code ci} or {@code full}
     * @param source where the value came from, for the error message
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static Profile parse(String value, String source) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        for (Profile p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        String allowed = Arrays.stream(values()).map(Profile::toString).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(source + " = '" + value + "' is not a profile; use one of: " + allowed);
    }

    /** Returns {@code ci} under {@link #CI} and {@code full} under {@link #FULL}, e.g. {@code pick(8, 64)} groups. */
    public <T> T pick(T ci, T full) {
        return this == CI ? ci : full;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
