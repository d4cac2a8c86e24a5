package dev.srpo.env;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LIBERO's evaluation protocol written once: initial-state checks, action validation and clipping, the step
 * budget, success and done, for every backend. A subclass supplies the world in two calls: {@link #start} (the
 * initial state after the warm-up steps) and {@link #act} (a chunk of actions, stopping at the first success). An
 * in-process simulator extends {@link StepwiseEnv}, which makes those two of single steps; the LIBERO bridge's
 * {@code LiberoEnv} makes each one round trip to its server.
 */
public abstract class AbstractEnv implements Env {

    /** Key of {@link StepResult#info()}: the task's id. */
    public static final String INFO_TASK = "task";
    /** Key of {@link StepResult#info()}: policy steps since the reset. */
    public static final String INFO_STEP = "step";

    /**
     * What one applied action led to.
     *
     * @param observation what the policy sees after it
     * @param success whether the task's goal holds after it
     * @param info extra facts for {@link StepResult#info()}, beside {@code task} and {@code step}
     */
    public record Outcome(Observation observation, boolean success, Map<String, Object> info) {}

    private final Task task;
    private int elapsed;
    private boolean started;
    private boolean done = true;

    protected AbstractEnv(Task task) {
        this.task = task;
    }

    /**
     * Puts the world in initial state {@code initialState} (already checked to be in 0..49) and runs the
     * {@link #WARMUP_STEPS} no-op steps.
     *
     * @return what the policy sees then
     */
    protected abstract Observation start(int initialState);

    /**
     * Applies valid, clipped actions in order (never more than the budget allows), stopping after the first one at
     * which the goal holds.
     *
     * @return one outcome per action applied, at least one
     */
    protected abstract List<Outcome> act(float[][] actions);

    /** The episode's step budget: the suite's ({@link Task#maxSteps()}) unless a backend is told otherwise. */
    protected int budget() {
        return task.maxSteps();
    }

    @Override
    public final Task task() {
        return task;
    }

    @Override
    public final Observation reset(int initialState) {
        Observation first = start(task.checkInitialState(initialState));
        elapsed = 0;
        started = true;
        done = false;
        return first;
    }

    @Override
    public final StepResult step(float[] action) {
        List<StepResult> r = stepChunk(new float[][] {action});
        return r.get(r.size() - 1);
    }

    /**
     * Applies the actions of a chunk in order, stopping at the first success or at the budget (actions past it are
     * not applied); a backend that talks to a server applies them in one round trip.
     *
     * @throws IllegalArgumentException for an empty chunk or a bad action (naming its index; nothing is applied)
     */
    @Override
    public final List<StepResult> stepChunk(float[][] actions) {
        if (!started) {
            throw new IllegalStateException(
                    "step before reset on task " + task.id() + ": call reset(initialState) first");
        }
        if (done) {
            throw new IllegalStateException("step after the episode ended on task " + task.id() + " (after " + elapsed
                    + " steps): call reset(initialState) to start another");
        }
        if (actions == null || actions.length == 0) {
            throw new IllegalArgumentException("an action chunk needs at least one action");
        }
        int n = Math.min(actions.length, budget() - elapsed);
        float[][] clipped = new float[n][];
        for (int i = 0; i < n; i++) {
            try {
                clipped[i] = Actions.checkAndClip(actions[i]);
            } catch (IllegalArgumentException e) {
                throw actions.length == 1
                        ? e
                        : new IllegalArgumentException("chunk action " + i + ": " + e.getMessage(), e);
            }
        }
        List<Outcome> outcomes = act(clipped);
        List<StepResult> results = new ArrayList<>(outcomes.size());
        for (Outcome o : outcomes) {
            elapsed++;
            done = o.success() || elapsed >= budget();
            Map<String, Object> info = new HashMap<>(o.info()); // StepResult sorts the keys
            info.put(INFO_TASK, task.id());
            info.put(INFO_STEP, elapsed);
            results.add(new StepResult(o.observation(), o.success(), done, info));
        }
        return results;
    }

    @Override
    public final int elapsedSteps() {
        return elapsed;
    }

    @Override
    public final boolean isDone() {
        return done;
    }

    /** Ends the episode: a lost or closed environment takes no more steps. */
    protected final void end() {
        done = true;
    }

    @Override
    public void close() {}
}
