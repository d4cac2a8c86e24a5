package dev.srpo.env;

/**
 * Test backend {@code line}: {@link LineEnv} for any task, with any options (it has one layout per initial state,
 * used for training and evaluation alike), so the CLI and the trainer can be driven end to end in tests.
 */
public final class LineProvider implements EnvProvider {

    @Override
    public String name() {
        return "line";
    }

    @Override
    public Env create(Task task) {
        return new LineEnv(task);
    }

    @Override
    public Env create(Task task, EnvOptions options) {
        return new LineEnv(task);
    }
}
