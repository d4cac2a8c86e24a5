package dev.srpo.libero;

import dev.srpo.env.Env;
import dev.srpo.env.EnvProvider;
import dev.srpo.env.Task;

/**
 * The {@code libero} backend of {@link dev.srpo.env.Envs}: {@code Envs.create("libero", task)} opens the task on
 * the servers named by {@code SRPO_LIBERO_SERVERS} (comma-separated addresses; token in {@code SRPO_LIBERO_TOKEN}),
 * so a trainer or evaluator that takes a backend name runs on the real LIBERO without code changes.
 */
public final class LiberoProvider implements EnvProvider {

    private static LiberoPool pool;

    @Override
    public String name() {
        return "libero";
    }

    @Override
    public Env create(Task task) {
        return shared().open(task);
    }

    /** The process-wide pool over {@code SRPO_LIBERO_SERVERS}, made on first use. */
    public static synchronized LiberoPool shared() {
        if (pool == null) {
            pool = LiberoPool.fromEnvironment();
        }
        return pool;
    }
}
