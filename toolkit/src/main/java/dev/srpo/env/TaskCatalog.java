package dev.srpo.env;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * LIBERO's 40 task instructions and the suites' episode budgets, read once from {@code libero-tasks.json} (a copy
 * of LIBERO's benchmark task maps). The simulator and the LIBERO bridge both check their tasks against it.
 */
final class TaskCatalog {

    private static final Map<Suite, List<Task>> TASKS = new EnumMap<>(Suite.class);
    private static final Map<Suite, Integer> MAX_STEPS = new EnumMap<>(Suite.class);
    /** No-op steps evaluators run after a reset while objects settle (LIBERO's {@code num_steps_wait}). */
    static final int WARMUP_STEPS;

    static {
        JsonNode root;
        try (InputStream in = TaskCatalog.class.getResourceAsStream("libero-tasks.json")) {
            if (in == null) {
                throw new IllegalStateException("libero-tasks.json is missing from the toolkit jar");
            }
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read libero-tasks.json", e);
        }
        for (Suite suite : Suite.values()) {
            List<Task> tasks = new ArrayList<>();
            for (JsonNode t : root.path("suites").path(suite.id())) {
                tasks.add(new Task(
                        suite, t.get("index").asInt(), t.get("language").asText()));
            }
            TASKS.put(suite, List.copyOf(tasks));
            MAX_STEPS.put(suite, root.path("max_steps").path(suite.id()).asInt());
        }
        WARMUP_STEPS = root.path("num_steps_wait").asInt();
    }

    private TaskCatalog() {}

    static List<Task> tasks(Suite suite) {
        return TASKS.get(suite);
    }

    static int maxSteps(Suite suite) {
        return MAX_STEPS.get(suite);
    }
}
