package dev.srpo.env;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of one step. The reward is LIBERO's sparse one: 1 on success, else 0. An episode is done on success
 * or when it has used its suite's step budget.
 *
 * @param observation what the policy sees next
 * @param success whether the task's goal holds now (checked every step)
 * @param done whether the episode has ended
 * @param info extra facts from the environment (at least {@code "task"}, {@code "step"}); never used by a policy
 */
public record StepResult(Observation observation, boolean success, boolean done, Map<String, Object> info) {

    public StepResult {
        info = Collections.unmodifiableMap(new TreeMap<>(info)); // a fixed key order, unlike Map.copyOf
    }

    /** LIBERO's sparse reward: 1 on success, else 0. */
    public float reward() {
        return success ? 1f : 0f;
    }
}
