package dev.srpo.cli;

/**
 * A subcommand of {@code srpo} contributed by a module above the toolkit (the embedded simulator's {@code demos},
 * the reward studies' {@code reward-benchmark}, ...), so that the toolkit never depends on it. A module lists its
 * commands in {@code META-INF/services/dev.srpo.cli.CommandProvider}; each is a picocli {@code @Command} class
 * that implements this interface and has a public no-argument constructor.
 */
public interface CommandProvider {

    /** The command it goes under: {@code ""} for {@code srpo NAME}, {@code "bench"} for {@code srpo bench NAME}. */
    default String parent() {
        return "";
    }
}
