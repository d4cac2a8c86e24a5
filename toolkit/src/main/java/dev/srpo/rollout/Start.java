package dev.srpo.rollout;

import dev.srpo.env.Task;

/**
 * Where a rollout starts: a task and one of its initial states (an evaluation state, or a training layout when the
 * environment was made with training layouts).
 *
 * @param task the task
 * @param initialState the initial-state index, 0..49
 */
public record Start(Task task, int initialState) {

    public Start {
        if (task == null) {
            throw new IllegalArgumentException("a start needs a task");
        }
        task.checkInitialState(initialState);
    }
}
