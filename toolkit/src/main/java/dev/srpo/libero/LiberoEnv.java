package dev.srpo.libero;

import dev.srpo.env.AbstractEnv;
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
 * <p>The episode protocol is the toolkit's, written once in {@link AbstractEnv}: actions checked and clipped here,
 * success checked every step, done on success or after the budget (the suite's, or {@link LiberoOptions#maxSteps}). When the server or its worker dies, the call fails with a
 * {@link LiberoException} naming the server and the task, and the environment is {@linkplain #isLost() lost}.
 *
 * <p>{@link StepResult#info()} holds {@code task}, {@code step}, {@code server}, and {@code eef_path}: the
 * end-effector positions (x, y, z per step, metres, world frame) the step passed through, for path plots.
 */
public final class LiberoEnv extends AbstractEnv {

    /** Key of {@link StepResult#info()}: the server's address. */
    public static final String INFO_SERVER = "server";
    /** Key of {@link StepResult#info()}: end-effector positions of the steps taken, x, y, z each. */
    public static final String INFO_EEF_PATH = "eef_path";

    private final LiberoClient client;
    private final long id;
    private final LiberoOptions options;
    private final int budget;
    private volatile boolean lost;
    private volatile boolean closed;

    LiberoEnv(LiberoClient client, long id, Task task, LiberoOptions options) {
        super(task);
        this.client = client;
        this.id = id;
        this.options = options;
        this.budget = options.budget(task);
    }

    /** How this environment was opened. */
    public LiberoOptions options() {
        return options;
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
    protected int budget() {
        return budget;
    }

    /** The server resets, restores the state (or draws a training layout) and runs the warm-up, in one call. */
    @Override
    protected Observation start(int initialState) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("env", id);
        r.put("init_state", initialState);
        r.put("warmup", WARMUP_STEPS);
        if (options.trainingLayouts()) {
            r.put("layout", "training");
        }
        return observation(call("reset", r));
    }

    /**
     * The chunk in one round trip: the server applies the actions, stops at the first success, and sends back every
     * step's frame and proprioceptive state with the last observation; the last outcome's info holds the chunk's
     * end-effector path ({@value #INFO_EEF_PATH}) and the server ({@value #INFO_SERVER}).
     */
    @Override
    protected List<Outcome> act(float[][] actions) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("env", id);
        r.put("actions", actions);
        r.put("frames", actions.length > 1);
        Map<String, Object> obs = call("step", r);
        int steps = ((Number) obs.get("steps")).intValue();
        boolean success = Boolean.TRUE.equals(obs.get("success"));
        List<Outcome> outcomes = new ArrayList<>(steps);
        if (steps > 1) { // every step but the last from the frames sent along; the last is the observation itself
            List<?> frames = (List<?>) obs.get("frames");
            float[] proprios = Msgpack.floats(obs.get("proprios"));
            for (int k = 0; k < steps - 1; k++) {
                float[] proprio = Arrays.copyOfRange(proprios, 8 * k, 8 * k + 8);
                Observation o = new Observation(
                        (byte[]) frames.get(k), options.width(), options.height(), null, proprio, task().language());
                outcomes.add(new Outcome(o, false, Map.of()));
            }
        }
        Map<String, Object> info = new HashMap<>();
        info.put(INFO_SERVER, client.address());
        info.put(INFO_EEF_PATH, Msgpack.floats(obs.get("eef_path")));
        outcomes.add(new Outcome(observation(obs), success, info));
        return outcomes;
    }

    /** The server's id of this environment (for protocol tests). */
    long id() {
        return id;
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed;
    }

    /** Gives the server's worker back; idempotent, and quiet when the server is already gone. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        end();
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
            throw new IllegalStateException("environment for task " + task().id() + " on " + server() + " is closed");
        }
        if (lost) {
            throw new LiberoException(
                    LiberoException.CONNECTION_LOST,
                    server(),
                    "environment for task " + task() + " on LIBERO server " + server()
                            + " was lost earlier: open another");
        }
        try {
            return (Map<String, Object>) client.request(op, request).get("obs");
        } catch (LiberoException e) {
            if (e.isLost()) {
                lost = true;
                end();
            }
            throw new LiberoException(
                    e.kind(),
                    server(),
                    "task " + task() + " on LIBERO server " + server() + ": '" + op + "' failed: " + e.getMessage(),
                    e);
        }
    }

    private Observation observation(Map<String, Object> o) {
        byte[] agentview = (byte[]) o.get("agentview");
        byte[] wristFrame = options.wrist() ? (byte[]) o.get("wrist") : null;
        float[] proprio = Msgpack.floats((List<?>) o.get("proprio"));
        return new Observation(agentview, options.width(), options.height(), wristFrame, proprio, task().language());
    }
}
