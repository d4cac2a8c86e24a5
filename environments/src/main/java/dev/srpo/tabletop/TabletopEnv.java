package dev.srpo.tabletop;

import dev.srpo.env.AbstractEnv;
import dev.srpo.env.Observation;
import dev.srpo.env.Task;
import dev.srpo.tabletop.render.Backdrop;
import dev.srpo.tabletop.render.Camera;
import dev.srpo.tabletop.render.Lighting;
import dev.srpo.tabletop.render.Primitive;
import dev.srpo.tabletop.render.Renderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One LIBERO task in the embedded tabletop simulator. Initial state <i>i</i> is the task's scene jittered by a
 * seed fixed by (suite, task, <i>i</i>), so every run of trial <i>i</i> starts the same; the agentview frame (and
 * the wrist frame, when asked for) is rendered after every step.
 *
 * <p>Privileged state ({@link #scene()}, {@link #goal()}, {@link #stage()}, {@link #expert}) is for studies and
 * demonstrations, never for the policy.
 */
public final class TabletopEnv extends AbstractEnv {

    private final TaskSpec spec;
    private final int width;
    private final int height;
    private final boolean wrist;
    private final Renderer renderer;
    private final Camera agentview;
    private final Lighting lighting;
    private final Backdrop backdrop;
    private final String instruction;
    private final List<Primitive> solids = new ArrayList<>();
    private Scene scene;
    private int initialState;

    TabletopEnv(Task task, int width, int height, boolean wrist, Renderer renderer) {
        super(task);
        if (width < 16 || height < 16 || width > 1024 || height > 1024) {
            throw new IllegalArgumentException("frame size must be within 16..1024, got " + width + "x" + height);
        }
        this.spec = Tasks.spec(task);
        this.width = width;
        this.height = height;
        this.wrist = wrist;
        this.renderer = renderer;
        this.agentview = Camera.agentview(width, height);
        this.lighting = Lighting.DEFAULT;
        this.backdrop = Backdrop.DEFAULT;
        this.instruction = task.language();
    }

    /** The seed of initial state {@code i} of a task: fixed, so trial i always starts the same. */
    static long seed(Task task, int initialState) {
        return new SplittableRandom(((task.suite().ordinal() * 100L + task.index()) << 16) + initialState).nextLong();
    }

    @Override
    protected void restore(int initialState) {
        this.initialState = initialState;
        scene = spec.layout().apply(new SplittableRandom(seed(task(), initialState)));
    }

    @Override
    protected void advance(float[] action) {
        scene.step(action);
    }

    @Override
    protected Observation observe() {
        byte[] frame = renderer.render(scene.primitives(solids), agentview, lighting, backdrop);
        byte[] wristFrame = wrist ? renderer.render(solids, wristCamera(), lighting, backdrop) : null;
        return new Observation(frame, width, height, wristFrame, proprio(), instruction);
    }

    @Override
    protected boolean isSuccess() {
        return spec.goal().holds(scene);
    }

    @Override
    protected Map<String, Object> info() {
        return Map.of("stage", stage(), "initial_state", initialState);
    }

    /** The world as it is now (privileged: for studies, never for the policy). */
    public Scene scene() {
        return scene;
    }

    /** The task's goal predicates. */
    public Goal goal() {
        return spec.goal();
    }

    /** How many of the goal's conditions hold, in order: 0 to the number of stages. */
    public int stage() {
        return spec.goal().stage(scene);
    }

    /**
     * The scripted expert for the current episode (call after {@link #reset}).
     *
     * @param noise standard deviation of the Gaussian noise added to its motion commands (0 for a clean expert)
     * @param seed the noise's seed
     */
    public Expert expert(double noise, long seed) {
        if (scene == null) {
            throw new IllegalStateException("reset the environment before asking for its expert");
        }
        return new Expert(scene, spec.plan().apply(scene), noise, seed);
    }

    /** End-effector position (3), rotation as axis-angle (3, fingers pointing down: a turn about z), finger gap (2). */
    private float[] proprio() {
        float half = (float) (scene.gap() / 2);
        return new float[] {(float) scene.gx, (float) scene.gy, (float) scene.gz, 0, 0, (float) scene.gyaw, half, -half
        };
    }

    /** A camera on the wrist, looking down past the fingers. */
    private Camera wristCamera() {
        return new Camera(
                scene.gx,
                scene.gy - 0.06,
                scene.gz + 0.16,
                scene.gx,
                scene.gy + 0.02,
                scene.gz - 0.05,
                70,
                0,
                width,
                height);
    }
}
