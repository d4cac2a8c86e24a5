package dev.srpo.env;

/**
 * Makes environments of one backend (the embedded tabletop, the LIBERO bridge), found by name through
 * {@link java.util.ServiceLoader}: a backend's jar lists its provider in
 * {@code META-INF/services/dev.srpo.env.EnvProvider}. Trainers and evaluators ask {@link Envs#create} by name and
 * never depend on a backend's classes.
 */
public interface EnvProvider {

    /** The backend's name, lower case, e.g. {@code tabletop}. */
    String name();

    /** A new environment running {@code task}, with the backend's default options. */
    Env create(Task task);

    /**
     * A new environment running {@code task} with these options. The default honours only the defaults: a backend
     * that can render other sizes or has training layouts overrides it.
     *
     * @throws IllegalArgumentException naming the option, if the backend does not support it
     */
    default Env create(Task task, EnvOptions options) {
        if (!options.equals(EnvOptions.DEFAULT)) {
            throw new IllegalArgumentException("environment backend '" + name() + "' supports only the default options,"
                    + " not " + options + " (it has no training layouts, wrist camera, variants or other frame sizes)");
        }
        return create(task);
    }
}
