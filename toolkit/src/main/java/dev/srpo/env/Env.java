package dev.srpo.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One robot-manipulation environment running one task, with LIBERO's evaluation protocol:
 * <ol>
 *   <li>{@link #reset(int)} restores fixed initial state <i>i</i> (0–49) and runs {@link #WARMUP_STEPS} no-op
 *       steps while objects settle;</li>
 *   <li>{@link #step(float[])} applies one 7-D action (see {@link Actions}), checks success every step, and ends
 *       the episode on success or after the suite's budget of {@link Task#maxSteps()} steps;</li>
 *   <li>stepping a finished episode, or before a reset, is an {@link IllegalStateException}.</li>
 * </ol>
 * The embedded simulator and the LIBERO bridge both implement it; {@link AbstractEnv} holds the protocol so an
 * implementation only supplies the physics.
 */
public interface Env extends AutoCloseable {

    /** No-op steps after every reset (LIBERO evaluators' {@code num_steps_wait}). */
    int WARMUP_STEPS = TaskCatalog.WARMUP_STEPS;

    /** The task this environment runs. */
    Task task();

    /**
     * Starts an episode from fixed initial state {@code initialState}; same index, same start, every time.
     *
     * @return the first observation, after the warm-up steps
     * @throws IllegalArgumentException if the index is outside 0..49
     */
    Observation reset(int initialState);

    /**
     * Applies one action.
     *
     * @param action 7 numbers; values outside [-1, 1] are clipped
     * @throws IllegalArgumentException for a wrong length or a non-finite value
     * @throws IllegalStateException before the first reset or after the episode is done
     */
    StepResult step(float[] action);

    /**
     * Applies the actions of one chunk in order, stopping early when the episode ends: the results of the steps
     * taken (at least one). A backend that talks to a server overrides it so that a chunk is one round trip.
     *
     * @param actions the chunk's actions, each as for {@link #step(float[])}; at least one
     * @throws IllegalArgumentException for an empty chunk or a bad action (nothing is stepped for a bad first one)
     * @throws IllegalStateException as {@link #step(float[])}
     */
    default List<StepResult> stepChunk(float[][] actions) {
        if (actions.length == 0) {
            throw new IllegalArgumentException("a chunk needs at least one action");
        }
        List<StepResult> results = new ArrayList<>(actions.length);
        for (float[] action : actions) {
            StepResult r = step(action);
            results.add(r);
            if (r.done()) {
                break;
            }
        }
        return results;
    }

    /** Policy steps taken since the last reset (warm-up steps not counted). */
    int elapsedSteps();

    /** Whether the current episode has ended (or none was started). */
    boolean isDone();

    /**
     * Whether the environment is gone for good (its simulator process or server died): it fails every call, and a
     * fresh one (elsewhere, for a remote backend) may well work. In-process environments are never lost.
     */
    default boolean isLost() {
        return false;
    }

    /**
     * What {@link StepResult#info()} would report about the state now, without stepping: after a reset, the facts
     * of the start (the tabletop's stage and progress, for studies that measure progress from the first step).
     * Privileged, never for the policy; empty where a backend reports nothing between steps (the default).
     */
    default Map<String, Object> info() {
        return Map.of();
    }

    /** Releases the environment's resources (threads, a server connection); idempotent. */
    @Override
    void close();
}
