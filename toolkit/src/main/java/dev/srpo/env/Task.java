package dev.srpo.env;

/**
 * One LIBERO task: its suite, its index in the suite's benchmark order, and the instruction evaluators give the
 * policy (LIBERO's task name with underscores as spaces). Every task has {@value #INITIAL_STATES} fixed initial
 * states; trial <i>i</i> of an evaluation starts from initial state <i>i</i>.
 *
 * @param suite the suite
 * @param index position in the suite's benchmark order, 0–9
 * @param language the instruction, e.g. "put the bowl on the stove"
 */
public record Task(Suite suite, int index, String language) {

    /** Fixed initial states per task (LIBERO's {@code num_trials_per_task}). */
    public static final int INITIAL_STATES = 50;

    /** Policy steps an episode of this task may take. */
    public int maxSteps() {
        return suite.maxSteps();
    }

    /** A stable id, {@code <suite id>/<index>}, e.g. {@code libero_goal/1}. */
    public String id() {
        return suite.id() + "/" + index;
    }

    /**
     * Checks an initial-state index.
     *
     * @throws IllegalArgumentException naming the index and the task
     */
    public int checkInitialState(int initialState) {
        if (initialState < 0 || initialState >= INITIAL_STATES) {
            throw new IllegalArgumentException("initial state " + initialState + " is out of range for task " + id()
                    + ": use 0.." + (INITIAL_STATES - 1));
        }
        return initialState;
    }

    @Override
    public String toString() {
        return id() + " \"" + language + "\"";
    }
}
