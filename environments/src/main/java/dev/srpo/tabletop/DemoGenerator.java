package dev.srpo.tabletop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.data.DemoDataset;
import dev.srpo.data.Episode;
import dev.srpo.env.Observation;
import dev.srpo.env.StepResult;
import dev.srpo.env.Task;
import dev.srpo.io.AtomicFiles;
import dev.srpo.io.ProgressBar;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Demonstration sets from the scripted expert: for every task of a suite, {@code perTask} successful episodes
 * (1 = "one-shot", like OpenVLA*-One's single demonstration per task; more = "full"). Demonstration <i>j</i> of a
 * task starts from training layout <i>j</i> ({@link TabletopOptions#trainingLayouts()}: never one of the 50
 * initial states evaluations start from) and follows the expert with Gaussian motion noise (seeded by the seed,
 * the task and <i>j</i>), so demonstrations wobble like human ones; a noisy attempt that fails is retried with the
 * next noise seed, up to {@value #ATTEMPTS} times. Frames are rendered at {@code size × size}.
 *
 * <pre>
 * java -cp ... dev.srpo.tabletop.DemoGenerator --suite goal --per-task 1 --out datasets/demos/one-shot/libero_goal
 *     [--noise 0.02] [--seed 0] [--size 128]
 * </pre>
 */
public final class DemoGenerator {

    /** Noisy attempts per demonstration before giving up on it. */
    public static final int ATTEMPTS = 5;

    /** Expert motion noise used by the shipped and notebook datasets. */
    public static final double DEFAULT_NOISE = 0.02;

    private DemoGenerator() {}

    /**
     * Writes a dataset of {@code perTask} demonstrations of every task in {@code tasks} to {@code dir}, with a card.
     *
     * @param progress where to draw a progress bar (null: none)
     * @return the dataset, opened
     */
    public static DemoDataset generate(
            Path dir, List<Task> tasks, int perTask, double noise, long seed, int size, PrintStream progress) {
        if (perTask < 1 || perTask > Task.INITIAL_STATES) {
            throw new IllegalArgumentException("perTask must be within 1.." + Task.INITIAL_STATES + ", got " + perTask);
        }
        ObjectNode description = new ObjectMapper().createObjectNode();
        description.put("generator", DemoGenerator.class.getName());
        description.put("source", "embedded tabletop simulator, scripted expert");
        description.put("per_task", perTask);
        description.put("noise", noise);
        description.put("seed", seed);
        description.put("size", size);
        description.put("layouts", "training");
        description.put("tasks", tasks.size());
        ProgressBar bar = new ProgressBar(progress, "demos", (long) tasks.size() * perTask);
        int failedDemos = 0;
        long steps = 0;
        try (DemoDataset.Writer writer = DemoDataset.create(dir, description)) {
            for (Task task : tasks) {
                TabletopEnv env = new TabletopEnv(
                        task, TabletopOptions.DEFAULT.withSize(size, size).withTrainingLayouts(true));
                for (int j = 0; j < perTask; j++) {
                    Episode best = null;
                    for (int attempt = 0; attempt < ATTEMPTS && (best == null || !best.success()); attempt++) {
                        long noiseSeed = seed * 1_000_003L
                                + (long) task.suite().ordinal() * 10_007L
                                + task.index() * 101L
                                + j
                                + attempt * 7_919L;
                        best = record(env, j, noise, noiseSeed);
                    }
                    if (!best.success()) {
                        failedDemos++;
                        continue; // a failed demonstration would teach failure
                    }
                    writer.add(best);
                    steps += best.length();
                    bar.update(writer.size() + failedDemos, "");
                }
            }
            description.put("episodes", writer.size());
            description.put("steps", steps);
            description.put("dropped_after_" + ATTEMPTS + "_failed_attempts", failedDemos);
        }
        writeCard(dir, tasks, perTask, noise, seed, size);
        return DemoDataset.open(dir);
    }

    /** One expert episode from initial state {@code initialState}: the frame before every step, and the step. */
    static Episode record(TabletopEnv env, int initialState, double noise, long seed) {
        Observation obs = env.reset(initialState);
        Expert expert = env.expert(noise, seed);
        List<byte[]> frames = new ArrayList<>();
        List<float[]> actions = new ArrayList<>();
        List<float[]> proprio = new ArrayList<>();
        boolean success = false;
        while (!env.isDone()) {
            float[] a = expert.act();
            frames.add(obs.agentview());
            actions.add(a.clone());
            proprio.add(obs.proprio().clone());
            StepResult r = env.step(a);
            obs = r.observation();
            success = r.success();
        }
        Task t = env.task();
        return new Episode(
                t.id(), obs.instruction(), initialState, success, obs.width(), obs.height(), frames, actions, proprio);
    }

    private static void writeCard(Path dir, List<Task> tasks, int perTask, double noise, long seed, int size) {
        DemoDataset ds = DemoDataset.open(dir);
        StringBuilder md = new StringBuilder();
        md.append("# Demonstrations: ").append(dir.getFileName()).append("\n\n");
        md.append(String.format(
                Locale.ROOT,
                "%d episodes, %d steps, %d task(s), %d per task (%s), frames %dx%d.%n%n",
                ds.size(),
                ds.steps(),
                tasks.size(),
                perTask,
                perTask == 1 ? "one-shot" : "full",
                size,
                size));
        md.append("- Source: the embedded tabletop simulator's scripted expert (`dev.srpo.tabletop.Expert`), ")
                .append(String.format(Locale.ROOT, "Gaussian motion noise σ = %.3f, seed %d.%n", noise, seed));
        md.append("- Demonstration j of a task starts from training layout j: drawn like the 50 evaluation initial ")
                .append("states but from other seeds, so no demonstration starts where an evaluation does.\n");
        md.append("- Only successful episodes are kept; a failed noisy attempt is retried with another noise seed.\n");
        md.append("- Format: see `dev.srpo.data.DemoDataset` (index `dataset.json`, one gzip file per episode with ")
                .append("delta-coded RGB frames, float32 actions and 8-D proprioceptive states).\n");
        md.append("- Regenerate: `bin/srpo demos --suite <suite> --per-task ")
                .append(perTask)
                .append(" --noise ")
                .append(noise)
                .append(" --seed ")
                .append(seed)
                .append(" --size ")
                .append(size)
                .append(" --out <dir>` (byte-identical output).\n");
        AtomicFiles.write(dir.resolve("README.md"), md.toString().getBytes(StandardCharsets.UTF_8));
    }
}
