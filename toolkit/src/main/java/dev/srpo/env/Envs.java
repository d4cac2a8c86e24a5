package dev.srpo.env;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Environments by backend name: {@code Envs.create("tabletop", Suite.GOAL.task(3))}. */
public final class Envs {

    private Envs() {}

    /** The names of the backends on the classpath, sorted. */
    public static List<String> backends() {
        return new ArrayList<>(providers().keySet());
    }

    /**
     * A new environment of backend {@code name} running {@code task}.
     *
     * @throws IllegalArgumentException naming the backend and the available ones, if none has that name
     */
    public static Env create(String name, Task task) {
        return provider(name).create(task);
    }

    /**
     * A new environment of backend {@code name} running {@code task} with {@code options}.
     *
     * @throws IllegalArgumentException if no backend has that name, or it does not support the options
     */
    public static Env create(String name, Task task, EnvOptions options) {
        return provider(name).create(task, options);
    }

    private static EnvProvider provider(String name) {
        EnvProvider provider = providers().get(name);
        if (provider == null) {
            throw new IllegalArgumentException("no environment backend named '" + name + "'; available: " + backends()
                    + " (a backend's jar must be on the classpath)");
        }
        return provider;
    }

    private static TreeMap<String, EnvProvider> providers() {
        TreeMap<String, EnvProvider> byName = new TreeMap<>();
        for (EnvProvider p : ServiceLoader.load(EnvProvider.class, Envs.class.getClassLoader())) {
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new IllegalStateException("two environment backends are named '" + p.name() + "'");
            }
        }
        return byName;
    }
}
