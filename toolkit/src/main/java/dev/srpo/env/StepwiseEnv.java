package dev.srpo.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An in-process simulator under {@link AbstractEnv}'s protocol, one control step at a time: a subclass supplies
 * {@link #restore}, {@link #advance}, {@link #observe} and {@link #isSuccess} (and optionally {@link #info}); the
 * warm-up steps, chunks and early stop at success come from here.
 */
public abstract class StepwiseEnv extends AbstractEnv {

    protected StepwiseEnv(Task task) {
        super(task);
    }

    /** Puts the world in fixed initial state {@code initialState} (already checked to be in 0..49). */
    protected abstract void restore(int initialState);

    /** Advances the world by one control step under a valid, clipped action. */
    protected abstract void advance(float[] action);

    /** Renders what the policy sees now. */
    protected abstract Observation observe();

    /** Whether the task's goal holds now. */
    protected abstract boolean isSuccess();

    /**
     * Extra facts for {@link StepResult#info()}, beside {@code task} and {@code step}, and what {@link Env#info()}
     * reports between steps; none by default.
     */
    @Override
    public Map<String, Object> info() {
        return Map.of();
    }

    @Override
    protected final Observation start(int initialState) {
        restore(initialState);
        float[] noOp = Actions.noOp();
        for (int i = 0; i < WARMUP_STEPS; i++) {
            advance(noOp);
        }
        return observe();
    }

    @Override
    protected final List<Outcome> act(float[][] actions) {
        List<Outcome> out = new ArrayList<>(actions.length);
        for (float[] a : actions) {
            advance(a);
            boolean success = isSuccess();
            out.add(new Outcome(observe(), success, info()));
            if (success) {
                break;
            }
        }
        return out;
    }
}
