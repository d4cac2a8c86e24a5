package dev.srpo.tabletop;

import dev.srpo.env.Observation;
import dev.srpo.env.StepResult;
import dev.srpo.env.StepwiseEnv;
import dev.srpo.env.Task;
import dev.srpo.tabletop.perturb.Perturbation;
import dev.srpo.tabletop.perturb.RobotInit;
import dev.srpo.tabletop.perturb.SensorNoise;
import dev.srpo.tabletop.render.Backdrop;
import dev.srpo.tabletop.render.Camera;
import dev.srpo.tabletop.render.Lighting;
import dev.srpo.tabletop.render.Primitive;
import dev.srpo.tabletop.render.Renderer;
import dev.srpo.tabletop.render.SoftwareRenderer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One LIBERO task in the embedded tabletop simulator. Initial state <i>i</i> is the task's scene jittered by a
 * seed fixed by (suite, task, <i>i</i>), so every run of trial <i>i</i> starts the same; the agentview frame (and
 * the wrist frame, when asked for) is rendered after every step.
 *
 * <p>A {@link TabletopOptions#perturbation() perturbation} moves the camera, the gripper's start or the objects,
 * rewords the instruction, relights or repaints the scene, or corrupts the agentview frame, like LIBERO-Plus.
 *
 * <p>Privileged state ({@link #scene()}, {@link #goal()}, {@link #stage()}, {@link #expert}) is for studies and
 * demonstrations, never for the policy.
 */
public final class TabletopEnv extends StepwiseEnv {

    private final TaskSpec spec;
    private final TabletopOptions options;
    private final Renderer renderer;
    private final Camera agentview;
    private final Lighting lighting;
    private final Backdrop backdrop;
    private final String instruction;
    private final List<Primitive> solids = new ArrayList<>();
    private Scene scene;
    private int initialState;

    /** The task at 128×128, agentview only, unperturbed. */
    public TabletopEnv(Task task) {
        this(task, TabletopOptions.DEFAULT);
    }

    /** The task with these rendering options and perturbation. */
    public TabletopEnv(Task task, TabletopOptions options) {
        this(task, options, new SoftwareRenderer());
    }

    TabletopEnv(Task task, TabletopOptions options, Renderer renderer) {
        super(known(task));
        this.spec = Tasks.spec(task);
        this.options = options;
        this.renderer = renderer;
        Perturbation p = options.perturbation();
        this.agentview = Viewpoint.shifted(Camera.agentview(options.width(), options.height()), p.camera());
        this.lighting = p.lightingOrDefault();
        this.backdrop = p.backdropOrDefault();
        this.instruction = p.instruction() != null ? p.instruction() : task.language();
    }

    private static Task known(Task task) {
        if (task == null || task.suite() == null || !task.equals(task.suite().task(task.index()))) {
            throw new IllegalArgumentException(
                    "unknown task " + task + ": take one from Suite.X.task(i) or Suite.X.tasks()");
        }
        return task;
    }

    /** The options this environment was made with. */
    public TabletopOptions options() {
        return options;
    }

    /**
     * The seed of initial state {@code i} of a task: fixed, so trial i always starts the same. Training layouts
     * take seeds from another range, disjoint from the evaluation's.
     */
    static long seed(Task task, int initialState, boolean training) {
        long family = training ? 1 << 12 : 0;
        return new SplittableRandom(((task.suite().ordinal() * 100L + task.index()) << 16) + family + initialState)
                .nextLong();
    }

    @Override
    protected void restore(int initialState) {
        this.initialState = initialState;
        scene = spec.layout().apply(new SplittableRandom(seed(task(), initialState, options.trainingLayouts())));
        Perturbation p = options.perturbation();
        if (p.layout() != null) {
            Layouts.perturb(scene, spec.goal().target(), p.layout());
        }
        RobotInit r = p.robot() != null ? p.robot() : new RobotInit(0, 0, 0, 0);
        scene.placeGripper(
                scene.gx + r.dx(), scene.gy + r.dy(), scene.gz + r.dz(), scene.gyaw + Math.toRadians(r.dyawDeg()));
    }

    @Override
    protected void advance(float[] action) {
        scene.step(action);
    }

    @Override
    protected Observation observe() {
        byte[] frame = renderer.render(scene.primitives(solids), agentview, lighting, backdrop);
        SensorNoise noise = options.perturbation().noise();
        if (noise != null) { // LIBERO-Plus corrupts the third-person camera only
            frame = noise.apply(
                    frame,
                    options.width(),
                    options.height(),
                    seed(task(), initialState, options.trainingLayouts()) + elapsedSteps());
        }
        byte[] wristFrame = options.wrist() ? renderer.render(solids, wristCamera(), lighting, backdrop) : null;
        return new Observation(frame, options.width(), options.height(), wristFrame, proprio(), instruction);
    }

    @Override
    protected boolean isSuccess() {
        return spec.goal().holds(scene);
    }

    /** Key of {@link StepResult#info()}: how many goal predicates hold, in order. */
    public static final String INFO_STAGE = "stage";
    /**
     * Key of {@link StepResult#info()}: the task's dense progress, 0 to 1 ({@link Goal#progress}); privileged, for
     * the oracle reward of studies and for diagnostics.
     */
    public static final String INFO_PROGRESS = "progress";
    /** Key of {@link StepResult#info()}: the episode's initial-state index. */
    public static final String INFO_INITIAL_STATE = "initial_state";

    @Override
    public Map<String, Object> info() {
        return Map.of(INFO_STAGE, stage(), INFO_PROGRESS, progress(), INFO_INITIAL_STATE, initialState);
    }

    /** The world as it is now (privileged: for studies, never for the policy). */
    public Scene scene() {
        return scene;
    }

    /** The task's goal predicates. */
    public Goal goal() {
        return spec.goal();
    }

    /** Each goal predicate and whether it holds now, in the goal's order. */
    public Map<String, Boolean> predicates() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (Goal.Condition c : spec.goal().conditions()) {
            out.put(c.name(), c.holds(scene));
        }
        return Collections.unmodifiableMap(out);
    }

    /** How many of the goal's conditions hold, in order: 0 to the number of stages. */
    public int stage() {
        return spec.goal().stage(scene);
    }

    /** The task's dense progress now, 0 to 1 ({@link Goal#progress}). */
    public double progress() {
        return spec.goal().progress(scene);
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
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("expert noise must be a finite number >= 0, got " + noise);
        }
        Scene episode = scene;
        return new Expert(episode, spec.plan().apply(episode), noise, seed, () -> scene == episode);
    }

    /**
     * End-effector position (3), rotation (3: only the yaw, about z, is used, in the last component; every task is
     * done with the fingers pointing down) and the two finger positions (2), like LIBERO's 8-D state.
     */
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
                options.width(),
                options.height());
    }
}
