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
}
