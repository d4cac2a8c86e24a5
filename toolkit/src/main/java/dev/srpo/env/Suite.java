package dev.srpo.env;

import java.util.List;
import java.util.Locale;

/**
 * The four LIBERO suites SRPO is evaluated on, with LIBERO's own ids and the per-suite episode budgets its
 * evaluators use (OpenVLA's and openpi's {@code max_steps}: the longest training demonstration plus a margin).
 */
public enum Suite {
    /** Same objects, different layouts: where is the black bowl? */
    SPATIAL("libero_spatial"),
    /** Same layout, different objects: pick a grocery item into the basket. */
    OBJECT("libero_object"),
    /** Same scene, different goals: drawers, stove, bowl, wine bottle. */
    GOAL("libero_goal"),
    /** LIBERO-10: long-horizon, two-stage tasks in varied scenes. */
    LONG("libero_10");

    private final String id;

    Suite(String id) {
        this.id = id;
    }

    /** LIBERO's name of the suite, e.g. {@code libero_10}. */
    public String id() {
        return id;
    }

    /** Policy steps an episode may take (warm-up steps not counted). */
    public int maxSteps() {
        return TaskCatalog.maxSteps(this);
    }

    /** The suite's ten tasks, in LIBERO's benchmark order. */
    public List<Task> tasks() {
        return TaskCatalog.tasks(this);
    }

    /** One task by its index in LIBERO's benchmark order (0–9). */
    public Task task(int index) {
        List<Task> tasks = tasks();
        if (index < 0 || index >= tasks.size()) {
            throw new IllegalArgumentException(
                    "task index " + index + " is out of range for " + id + ": use 0.." + (tasks.size() - 1));
        }
        return tasks.get(index);
    }

    /**
     * A suite by LIBERO's id ({@code libero_goal}) or by name ({@code goal}, {@code LONG}), case-insensitively.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Suite of(String name) {
        if (name == null) {
            throw new IllegalArgumentException(
                    "suite name is null: use libero_spatial, libero_object, libero_goal or libero_10");
        }
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (Suite s : values()) {
            if (s.id.equals(key) || s.name().toLowerCase(Locale.ROOT).equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown suite '" + name
                + "': use libero_spatial, libero_object, libero_goal or libero_10 (or spatial, object, goal, long)");
    }
}
