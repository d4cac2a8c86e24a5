package dev.srpo.studies;

import dev.srpo.env.Actions;
import dev.srpo.env.Observation;
import dev.srpo.env.StepResult;
import dev.srpo.env.Task;
import dev.srpo.rollout.Video;
import dev.srpo.tabletop.Expert;
import dev.srpo.tabletop.TabletopEnv;
import dev.srpo.tabletop.TabletopOptions;
import dev.srpo.tabletop.perturb.Dimension;
import dev.srpo.tabletop.perturb.Perturbation;
import dev.srpo.tabletop.perturb.Variant;
import dev.srpo.tabletop.perturb.VariantGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible labelled set of successful and failed trajectories from the embedded simulator, the data of the
 * progress-reward benchmark (the paper used 700 successes and 300 failures on LIBERO). Nothing is stored: the
 * same spec gives the same trajectories, frame for frame.
 *
 * <p>Per task:
 *
 * <ul>
 *   <li>successes: the scripted expert with motion noise σ of 0, 0.1 or 0.2 (kept only if it succeeds);
 *   <li>failures, alternating two weak policies: the expert with heavy noise (σ = 1), and an <i>interrupted</i>
 *       expert that does a random 15–85% of the task and then dithers (smooth random motion) until the budget runs
 *       out; kept only if it fails;
 *   <li>a share of both run under a LIBERO-Plus perturbation (camera, light, background, sensor noise, robot
 *       initial state or layout, levels 1–3) from the shipped variant generator.
 * </ul>
 */
public final class LabelledSet {

    private static final Dimension[] VISUAL = {
        Dimension.CAMERA, Dimension.LIGHT, Dimension.BACKGROUND, Dimension.NOISE, Dimension.ROBOT_INIT, Dimension.LAYOUT
    };
    private static final double[] SUCCESS_NOISE = {0, 0.1, 0.2};
    private static final double FAILURE_NOISE = 1.0;
    private static final int TRIES = 20;

    /**
     * What to generate.
     *
     * @param successes successful trajectories per task
     * @param failures failed trajectories per task
     * @param side frames are side×side pixels
     * @param perturbedShare the share of trajectories run under a LIBERO-Plus perturbation
     * @param firstInitialState initial states used: {@code firstInitialState}, then on, cycling over
     *     {@code initialStates} of them (the benchmark and the encoder's training data use disjoint ranges)
     * @param initialStates how many initial states to cycle over
     * @param seed seeds noise, interruption points and perturbation choices
     */
    public record Spec(
            int successes,
            int failures,
            int side,
            double perturbedShare,
            int firstInitialState,
            int initialStates,
            long seed) {

        public Spec {
            if (successes < 0 || failures < 0 || side < 16 || !(perturbedShare >= 0 && perturbedShare <= 1)) {
                throw new IllegalArgumentException("bad labelled-set spec: " + successes + " successes, " + failures
                        + " failures, side " + side + ", perturbed share " + perturbedShare);
            }
            if (firstInitialState < 0 || initialStates < 1 || firstInitialState + initialStates > Task.INITIAL_STATES) {
                throw new IllegalArgumentException("initial states " + firstInitialState + ".."
                        + (firstInitialState + initialStates - 1) + " are out of 0.." + (Task.INITIAL_STATES - 1));
            }
        }

        /** The same spec with another share of perturbed trajectories. */
        public Spec withPerturbedShare(double share) {
            return new Spec(successes, failures, side, share, firstInitialState, initialStates, seed);
        }

        /** The benchmark's set: initial states 0–24, a fifth perturbed, seed 2025. */
        public static Spec benchmark(int successes, int failures) {
            return new Spec(successes, failures, 64, 0.2, 0, 25, 2025);
        }

        /** The encoders' training data: initial states 25–49, disjoint from the benchmark's, seed 7. */
        public static Spec training(int successes, int failures) {
            return new Spec(successes, failures, 64, 0.2, 25, 25, 7);
        }
    }

    private final Spec spec;
    private final VariantGenerator variants = new VariantGenerator(VariantGenerator.SHIPPED_SEED);

    public LabelledSet(Spec spec) {
        this.spec = spec;
    }

    public Spec spec() {
        return spec;
    }

    /** The task's trajectories: its successes first, then its failures. The same spec gives the same list. */
    public List<LabelledTrajectory> task(Task task) {
        SplittableRandom random =
                new SplittableRandom(spec.seed() * 1_000_003L + task.suite().ordinal() * 101L + task.index());
        List<LabelledTrajectory> out = new ArrayList<>();
        int reference = task.maxSteps() / 2; // an expert's typical length, refined by the first success
        int k = 0;
        for (int i = 0; i < spec.successes(); i++, k++) {
            LabelledTrajectory t = attempt(task, k, random, true, reference);
            if (t != null) {
                out.add(t);
                if (i == 0) {
                    reference = t.video().length();
                }
            }
        }
        for (int i = 0; i < spec.failures(); i++, k++) {
            LabelledTrajectory t = attempt(task, k, random, false, reference);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    /** Rolls out until the outcome is the wanted one (a few tries); null if it never is. */
    private LabelledTrajectory attempt(Task task, int k, SplittableRandom random, boolean success, int reference) {
        int initialState = spec.firstInitialState() + k % spec.initialStates();
        for (int attempt = 0; attempt < TRIES; attempt++) {
            Variant variant = random.nextDouble() < spec.perturbedShare()
                    ? variants.variant(
                            task.suite(), task.index(), VISUAL[random.nextInt(VISUAL.length)], 1 + random.nextInt(3), 0)
                    : null;
            double noise = success ? SUCCESS_NOISE[k % SUCCESS_NOISE.length] : FAILURE_NOISE;
            // failures alternate: heavy noise, then an expert interrupted somewhere in its task
            double interruptAt = !success && k % 2 == 1 ? 0.15 + 0.7 * random.nextDouble() : 1;
            long seed = random.nextLong();
            LabelledTrajectory t = rollout(task, initialState, variant, noise, interruptAt, reference, seed);
            if (t.success() == success) {
                return t;
            }
        }
        return null;
    }

    private LabelledTrajectory rollout(
            Task task, int initialState, Variant variant, double noise, double interruptAt, int reference, long seed) {
        Perturbation perturbation = variant == null ? Perturbation.NONE : variant.perturbation();
        TabletopOptions options =
                TabletopOptions.DEFAULT.withSize(spec.side(), spec.side()).withPerturbation(perturbation);
        try (TabletopEnv env = new TabletopEnv(task, options)) {
            Observation obs = env.reset(initialState);
            Expert expert = env.expert(noise, seed);
            SplittableRandom dither = new SplittableRandom(seed ^ 0x5DEECE66DL);
            int expertSteps = interruptAt >= 1 ? Integer.MAX_VALUE : (int) (interruptAt * reference);
            List<byte[]> frames = new ArrayList<>();
            List<Integer> stages = new ArrayList<>();
            frames.add(obs.agentview());
            stages.add(env.stage());
            float[] last = new float[Actions.DIM];
            boolean success = false;
            while (!env.isDone()) {
                float[] a;
                if (env.elapsedSteps() < expertSteps) {
                    a = expert.act();
                } else { // the weak policy: smooth random motion, the gripper left as it was
                    a = new float[Actions.DIM];
                    for (int i = 0; i < Actions.GRIPPER; i++) {
                        a[i] = (float) Math.max(-1, Math.min(1, 0.9 * last[i] + 0.3 * dither.nextGaussian()));
                    }
                    a[Actions.GRIPPER] = last[Actions.GRIPPER];
                }
                last = a;
                StepResult r = env.step(a);
                frames.add(r.observation().agentview());
                stages.add(env.stage());
                success = r.success();
            }
            String policy = interruptAt < 1
                    ? String.format("interrupted expert at %.0f%%", 100 * interruptAt)
                    : String.format("expert σ=%.2f", noise);
            return new LabelledTrajectory(
                    task,
                    initialState,
                    policy,
                    variant == null ? null : variant.id(),
                    success,
                    new Video(frames, spec.side(), spec.side()),
                    stages.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
