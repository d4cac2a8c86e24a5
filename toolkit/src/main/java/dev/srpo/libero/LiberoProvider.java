package dev.srpo.libero;

import dev.srpo.env.Env;
import dev.srpo.env.EnvOptions;
import dev.srpo.env.EnvProvider;
import dev.srpo.env.Task;

/**
 * The {@code libero} backend of {@link dev.srpo.env.Envs}: {@code Envs.create("libero", task)} opens the task on
 * the process-wide {@link LiberoPool}: the one given to {@link #use}, else the one named by the environment
 * ({@code SRPO_LIBERO_FLEET}, a fleet's addresses file, or {@code SRPO_LIBERO_SERVERS}, comma-separated addresses;
 * token in {@code SRPO_LIBERO_TOKEN}). A trainer or evaluator that takes a backend name runs on the real LIBERO
 * without code changes: frame size, wrist camera and training layouts ({@link EnvOptions}) go to the bridge.
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

    @Override
    public Env create(Task task, EnvOptions options) {
        return shared().open(task, options);
    }

    /** The process-wide pool: the one given to {@link #use}, or the environment's, made on first use. */
    public static synchronized LiberoPool shared() {
        if (pool == null) {
            pool = LiberoPool.fromEnvironment();
        }
        return pool;
    }

    /** Makes {@code pool} the process-wide one (e.g. {@code srpo train --fleet FILE}); closes the previous one. */
    public static synchronized void use(LiberoPool pool) {
        if (LiberoProvider.pool != null && LiberoProvider.pool != pool) {
            LiberoProvider.pool.close();
        }
        LiberoProvider.pool = pool;
    }
}
