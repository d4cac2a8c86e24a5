package dev.srpo.env;

import java.util.HashMap;
import java.util.Map;

/**
 * LIBERO's evaluation protocol written once: initial-state checks, warm-up steps, action validation and clipping,
 * the step budget, success and done. A subclass supplies the world: {@link #restore}, {@link #advance},
 * {@link #observe} and {@link #isSuccess}.
 */
public abstract class AbstractEnv implements Env {

    /** Key of {@link StepResult#info()}: the task's id. */
    public static final String INFO_TASK = "task";
    /** Key of {@link StepResult#info()}: policy steps since the reset. */
    public static final String INFO_STEP = "step";

    private final Task task;
    private int elapsed;
    private boolean started;
    private boolean done = true;

    protected AbstractEnv(Task task) {
        this.task = task;
    }

    /** Puts the world in fixed initial state {@code initialState} (already checked to be in 0..49). */
    protected abstract void restore(int initialState);

    /** Advances the world by one control step under a valid, clipped action. */
    protected abstract void advance(float[] action);

    /** Renders what the policy sees now. */
    protected abstract Observation observe();

    /** Whether the task's goal holds now. */
    protected abstract boolean isSuccess();

    /** Extra facts for {@link StepResult#info()}, beside {@code task} and {@code step}; none by default. */
    protected Map<String, Object> info() {
        return Map.of();
    }

    @Override
    public final Task task() {
        return task;
    }

    @Override
    public final Observation reset(int initialState) {
        restore(task.checkInitialState(initialState));
        float[] noOp = Actions.noOp();
        for (int i = 0; i < WARMUP_STEPS; i++) {
            advance(noOp);
        }
        elapsed = 0;
        started = true;
        done = false;
        return observe();
    }

    @Override
    public final StepResult step(float[] action) {
        if (!started) {
            throw new IllegalStateException(
                    "step before reset on task " + task.id() + ": call reset(initialState) first");
        }
        if (done) {
            throw new IllegalStateException("step after the episode ended on task " + task.id() + " (after " + elapsed
                    + " steps): call reset(initialState) to start another");
        }
        advance(Actions.checkAndClip(action));
        elapsed++;
        boolean success = isSuccess();
        done = success || elapsed >= task.maxSteps();
        Map<String, Object> info = new HashMap<>(info()); // StepResult sorts the keys
        info.put(INFO_TASK, task.id());
        info.put(INFO_STEP, elapsed);
        return new StepResult(observe(), success, done, info);
    }

    @Override
    public final int elapsedSteps() {
        return elapsed;
    }

    @Override
    public final boolean isDone() {
        return done;
    }

    @Override
    public void close() {}
}
