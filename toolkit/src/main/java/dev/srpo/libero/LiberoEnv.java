package dev.srpo.libero;

import dev.srpo.env.Actions;
import dev.srpo.env.Env;
import dev.srpo.env.Observation;
import dev.srpo.env.StepResult;
import dev.srpo.env.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One real LIBERO environment on a server, behind the toolkit's {@link Env}: {@link #reset(int)} restores the
 * task's fixed initial state and runs the {@value Env#WARMUP_STEPS} no-op warm-up steps on the server (one round
 * trip), {@link #step(float[])} applies one action, {@link #stepChunk(float[][])} a whole action chunk in one round
 * trip. Frames arrive upright (the server turns LIBERO's upside-down renders by 180°, as the evaluators do).
 *
 * <p>The episode protocol is the toolkit's: actions checked and clipped here, success checked every step, done on
 * success or after the suite's budget. When the server or its worker dies, the call fails with a
 * {@link LiberoException} naming the server and the task, and the environment is {@linkplain #isLost() lost}.
 *
 * <p>{@link StepResult#info()} holds {@code task}, {@code step}, {@code server}, and {@code eef_path}: the
 * end-effector positions (x, y, z per step, metres, world frame) the step passed through, for path plots.
 */
public final class LiberoEnv implements Env {

    /** Key of {@link StepResult#info()}: the server's address. */
    public static final String INFO_SERVER = "server";
    /** Key of {@link StepResult#info()}: end-effector positions of the steps taken, x, y, z each. */
    public static final String INFO_EEF_PATH = "eef_path";

    private final LiberoClient client;
    private final long id;
    private final Task task;
    private final LiberoOptions options;
    private final int budget;
    private int elapsed;
    private boolean started;
    private boolean done = true;
    private volatile boolean lost;
    private volatile boolean closed;

    LiberoEnv(LiberoClient client, long id, Task task, LiberoOptions options) {
        this.client = client;
        this.id = id;
        this.task = task;
        this.options = options;
        this.budget = options.budget(task);
    }

    /** How this environment was opened. */
    public LiberoOptions options() {
        return options;
    }

    @Override
    public Task task() {
        return task;
    }

    /** The server this environment runs on. */
    public String server() {
        return client.address();
    }

    /** Whether the environment is gone (its server or worker died): open another, elsewhere if need be. */
    @Override
    public boolean isLost() {
        return lost || !client.isAlive();
    }

    @Override
    public Observation reset(int initialState) {
        task.checkInitialState(initialState);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("env", id);
        r.put("init_state", initialState);
        r.put("warmup", WARMUP_STEPS);
        if (options.trainingLayouts()) {
            r.put("layout", "training");
        }
        Observation o = observation(call("reset", r));
        elapsed = 0;
        started = true;
        done = false;
        return o;
    }

    @Override
    public StepResult step(float[] action) {
        List<StepResult> r = stepChunk(new float[][] {action});
        return r.get(r.size() - 1);
    }

    /**
     * Applies the actions of a chunk in order in one round trip, stopping at the first success or at the step
     * budget (actions past it are not sent); the server sends back every step's frame with the last observation.
     *
     * @return one result per action applied; the last one's {@code info} holds the chunk's end-effector path
     *     ({@value #INFO_EEF_PATH}) and {@code info.step} counts every step taken
     * @throws IllegalArgumentException for an empty chunk or a bad action (naming its index)
     */
    @Override
    public List<StepResult> stepChunk(float[][] actions) {
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
        int n = Math.min(actions.length, budget - elapsed);
        float[][] clipped = new float[n][];
        for (int i = 0; i < n; i++) {
            try {
                clipped[i] = Actions.checkAndClip(actions[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("chunk action " + i + ": " + e.getMessage(), e);
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("env", id);
        r.put("actions", clipped);
        r.put("frames", n > 1);
        Map<String, Object> obs = call("step", r);
        int steps = ((Number) obs.get("steps")).intValue();
        boolean success = Boolean.TRUE.equals(obs.get("success"));
        List<StepResult> results = new ArrayList<>(steps);
        if (steps > 1) { // every step but the last from the frames sent along; the last is the observation itself
            List<?> frames = (List<?>) obs.get("frames");
            float[] proprios = Msgpack.floats(obs.get("proprios"));
            for (int k = 0; k < steps - 1; k++) {
                float[] proprio = Arrays.copyOfRange(proprios, 8 * k, 8 * k + 8);
                Observation o = new Observation(
                        (byte[]) frames.get(k), options.width(), options.height(), null, proprio, task.language());
                results.add(new StepResult(o, false, false, Map.of("task", task.id(), "step", elapsed + k + 1)));
            }
        }
        elapsed += steps;
        done = success || elapsed >= budget;
        Map<String, Object> info = new HashMap<>();
        info.put("task", task.id());
        info.put("step", elapsed);
        info.put(INFO_SERVER, client.address());
        info.put(INFO_EEF_PATH, Msgpack.floats(obs.get("eef_path")));
        results.add(new StepResult(observation(obs), success, done, info));
        return results;
    }

    /** The server's id of this environment (for protocol tests). */
    long id() {
        return id;
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed;
    }

    @Override
    public int elapsedSteps() {
        return elapsed;
    }

    @Override
    public boolean isDone() {
        return done;
    }

    /** Gives the server's worker back; idempotent, and quiet when the server is already gone. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        done = true;
        if (!isLost()) {
            try {
                client.request("close", Map.of("env", id));
            } catch (LiberoException e) {
                // the server is gone: nothing left to free
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String op, Map<String, Object> request) {
        if (closed) {
            throw new IllegalStateException("environment for task " + task.id() + " on " + server() + " is closed");
        }
        if (lost) {
            throw new LiberoException(
                    LiberoException.CONNECTION_LOST,
                    server(),
                    "environment for task " + task + " on LIBERO server " + server()
                            + " was lost earlier: open another");
        }
        try {
            return (Map<String, Object>) client.request(op, request).get("obs");
        } catch (LiberoException e) {
            if (e.isLost()) {
                lost = true;
                done = true;
            }
            throw new LiberoException(
                    e.kind(),
                    server(),
                    "task " + task + " on LIBERO server " + server() + ": '" + op + "' failed: " + e.getMessage(),
                    e);
        }
    }

    private Observation observation(Map<String, Object> o) {
        byte[] agentview = (byte[]) o.get("agentview");
        byte[] wristFrame = options.wrist() ? (byte[]) o.get("wrist") : null;
        float[] proprio = Msgpack.floats((List<?>) o.get("proprio"));
        return new Observation(agentview, options.width(), options.height(), wristFrame, proprio, task.language());
    }
}
