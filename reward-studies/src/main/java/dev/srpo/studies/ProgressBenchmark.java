package dev.srpo.studies;

import dev.srpo.Profile;
import dev.srpo.encoder.FrameWiseEncoder;
import dev.srpo.encoder.TrajectoryEncoder;
import dev.srpo.encoder.VJepa2Encoder;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.io.ProgressBar;
import dev.srpo.metrics.ProgressMetrics;
import dev.srpo.reward.WorldProgressReward;
import dev.srpo.rollout.Video;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import tech.tablesaw.api.Table;

/**
 * The progress-reward benchmark (paper Table 3) on the embedded simulator: for each encoder, how well the SRPO
 * distance tracks progress inside successful trajectories and separates successes from failures.
 *
 * <p>For every task of the labelled set, and every encoder:
 *
 * <ol>
 *   <li>each trajectory is embedded whole; the task's successes are clustered exactly as the reward does
 *       ({@link WorldProgressReward#referencePoints}); a failure's distance is to the nearest reference, a
 *       success's to the references of the <i>other</i> successes (leave-one-out: it must not be its own
 *       reference). The task's distances, min-max normalised and reversed, are the <b>final progress</b> values;
 *   <li>progress curves from growing prefixes (App. B): the first prefix is frames 0–10, then one frame more at a
 *       time. A success's prefix is measured against the whole success, a failure's against the task's success
 *       references; each curve is min-max normalised and reversed (largest distance → 0, smallest → 1);
 *   <li>metrics per task, then averaged over tasks: <b>SC</b> (Spearman of prefix length and progress, successes),
 *       <b>Mono</b> (share of strictly rising steps, successes), <b>MMD</b>, <b>JS</b> and <b>SMD</b> of the
 *       success vs failure final progress, and <b>stage ρ</b>, which the paper lacks: Spearman of progress and the
 *       simulator's true task stage along every trajectory whose stage changes.
 * </ol>
 *
 * Encoders that pool per-frame features ({@link FrameWiseEncoder}) get every prefix; others (V-JEPA 2) get about
 * {@value #PREFIXES} prefixes per trajectory, each encoded as a video of its own.
 */
public final class ProgressBenchmark {

    /** The first prefix: frames 0–10 (App. B). */
    public static final int FIRST_PREFIX = 11;
    /** Prefixes per trajectory for encoders that must re-encode each prefix. */
    public static final int PREFIXES = 32;

    /**
     * One task's metrics under one encoder.
     *
     * @param stageCorrelation Spearman of progress and true stage (NaN if no trajectory's stage changed)
     */
    public record TaskScores(
            String task,
            int successes,
            int failures,
            double sc,
            double mono,
            double mmd,
            double js,
            double smd,
            double stageCorrelation) {}

    /** One encoder's results: per-task scores, every curve, and its encoding time. */
    public record EncoderResult(String encoder, List<TaskScores> tasks, List<ProgressCurve> curves, double seconds) {

        /** The task-averaged metric (finite values only): the row of the benchmark table. */
        public double mean(ToDoubleFunction<TaskScores> metric) {
            return ProgressMetrics.finiteMean(tasks.stream().mapToDouble(metric).toArray());
        }
    }

    private final List<TrajectoryEncoder> encoders;
    private final WorldProgressReward reward;

    /** Benchmarks {@code encoders}, clustering successes the way {@code reward} does. */
    public ProgressBenchmark(List<? extends TrajectoryEncoder> encoders, WorldProgressReward reward) {
        if (encoders.isEmpty()) {
            throw new IllegalArgumentException("nothing to benchmark: give at least one encoder");
        }
        this.encoders = List.copyOf(encoders);
        this.reward = reward;
    }

    /** Runs the benchmark over {@code tasks} of {@code set}; {@code onTask} hears of each task done (may be null). */
    public List<EncoderResult> run(LabelledSet set, List<Task> tasks, Consumer<String> onTask) {
        Map<String, List<TaskScores>> scores = new LinkedHashMap<>();
        Map<String, List<ProgressCurve>> curves = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (TrajectoryEncoder e : encoders) {
            scores.put(e.name(), new ArrayList<>());
            curves.put(e.name(), new ArrayList<>());
            seconds.put(e.name(), 0.0);
        }
        for (Task task : tasks) {
            List<LabelledTrajectory> trajectories = set.task(task);
            for (TrajectoryEncoder e : encoders) {
                long start = System.nanoTime();
                List<ProgressCurve> taskCurves = curves(e, task, trajectories);
                seconds.merge(e.name(), (System.nanoTime() - start) / 1e9, Double::sum);
                scores.get(e.name()).add(scores(task.id(), taskCurves));
                curves.get(e.name()).addAll(taskCurves);
            }
            if (onTask != null) {
                onTask.accept(task.id());
            }
        }
        List<EncoderResult> out = new ArrayList<>();
        for (TrajectoryEncoder e : encoders) {
            out.add(new EncoderResult(
                    e.name(),
                    List.copyOf(scores.get(e.name())),
                    List.copyOf(curves.get(e.name())),
                    seconds.get(e.name())));
        }
        return out;
    }

    /** Every trajectory's curve and final progress under one encoder. */
    List<ProgressCurve> curves(TrajectoryEncoder encoder, Task task, List<LabelledTrajectory> trajectories) {
        int n = trajectories.size();
        double[][][] features = new double[n][][];
        double[][] whole = new double[n][];
        if (encoder instanceof FrameWiseEncoder fw) {
            for (int i = 0; i < n; i++) {
                features[i] = fw.frameFeatures(trajectories.get(i).video());
                whole[i] = fw.pool(features[i], features[i].length);
            }
        } else {
            whole = encoder.encode(
                    trajectories.stream().map(LabelledTrajectory::video).toList());
        }
        List<double[]> successes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (trajectories.get(i).success()) {
                successes.add(whole[i]);
            }
        }
        List<double[]> references = reward.referencePoints(task.id(), successes);
        double[] distance = new double[n];
        for (int i = 0, s = 0; i < n; i++) {
            List<double[]> refs = references;
            if (trajectories.get(i).success()) { // leave-one-out: a success is not its own reference
                List<double[]> others = new ArrayList<>(successes);
                others.remove(s++);
                refs = reward.referencePoints(task.id(), others);
            }
            distance[i] = refs.isEmpty() ? Double.NaN : WorldProgressReward.distanceToNearest(whole[i], refs);
        }
        double[] finalProgress = finiteProgress(distance);
        List<ProgressCurve> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LabelledTrajectory t = trajectories.get(i);
            int[] lengths = prefixLengths(t.video().length(), encoder instanceof FrameWiseEncoder);
            double[][] prefix = new double[lengths.length][];
            if (encoder instanceof FrameWiseEncoder fw) {
                for (int k = 0; k < lengths.length; k++) {
                    prefix[k] = fw.pool(features[i], lengths[k]);
                }
            } else {
                List<Video> videos = new ArrayList<>();
                for (int length : lengths) {
                    videos.add(new Video(
                            t.video().frames().subList(0, length),
                            t.video().width(),
                            t.video().height()));
                }
                prefix = encoder.encode(videos);
            }
            double[] d = new double[lengths.length];
            int[] stages = new int[lengths.length];
            for (int k = 0; k < lengths.length; k++) {
                d[k] = t.success()
                        ? WorldProgressReward.distanceToNearest(prefix[k], List.of(whole[i]))
                        : references.isEmpty() ? 0 : WorldProgressReward.distanceToNearest(prefix[k], references);
                stages[k] = t.stages()[lengths[k] - 1];
            }
            out.add(new ProgressCurve(
                    task.id(),
                    t.policy(),
                    t.variant(),
                    t.success(),
                    lengths,
                    ProgressMetrics.progressFromDistances(d),
                    stages,
                    distance[i],
                    finalProgress[i],
                    whole[i]));
        }
        return out;
    }

    /** Progress from distances, leaving NaN (no reference) as NaN. */
    private static double[] finiteProgress(double[] distance) {
        List<Integer> finite = new ArrayList<>();
        for (int i = 0; i < distance.length; i++) {
            if (Double.isFinite(distance[i])) {
                finite.add(i);
            }
        }
        double[] p = ProgressMetrics.progressFromDistances(
                finite.stream().mapToDouble(i -> distance[i]).toArray());
        double[] out = new double[distance.length];
        Arrays.fill(out, Double.NaN);
        for (int k = 0; k < finite.size(); k++) {
            out[finite.get(k)] = p[k];
        }
        return out;
    }

    /** Every prefix from frames 0–10 on for frame-wise encoders, about {@value #PREFIXES} evenly spread otherwise. */
    static int[] prefixLengths(int frames, boolean every) {
        int first = Math.min(FIRST_PREFIX, frames);
        int count = frames - first + 1;
        if (every || count <= PREFIXES) {
            int[] all = new int[count];
            for (int k = 0; k < count; k++) {
                all[k] = first + k;
            }
            return all;
        }
        int[] some = new int[PREFIXES];
        for (int k = 0; k < PREFIXES; k++) {
            some[k] = first + (int) Math.round((double) k * (frames - first) / (PREFIXES - 1));
        }
        return some;
    }

    /** One task's metrics from its curves. */
    static TaskScores scores(String task, List<ProgressCurve> curves) {
        List<Double> sc = new ArrayList<>();
        List<Double> mono = new ArrayList<>();
        List<Double> stage = new ArrayList<>();
        List<Double> finalSuccess = new ArrayList<>();
        List<Double> finalFailure = new ArrayList<>();
        for (ProgressCurve c : curves) {
            if (c.success()) {
                double[] x = new double[c.prefixLengths().length];
                for (int k = 0; k < x.length; k++) {
                    x[k] = c.prefixLengths()[k];
                }
                sc.add(ProgressMetrics.spearman(x, c.progress()));
                mono.add(ProgressMetrics.monotonicity(c.progress()));
            }
            double[] s = new double[c.stages().length];
            for (int k = 0; k < s.length; k++) {
                s[k] = c.stages()[k];
            }
            stage.add(ProgressMetrics.spearman(c.progress(), s)); // NaN where the stage never changed
            if (Double.isFinite(c.finalProgress())) {
                (c.success() ? finalSuccess : finalFailure).add(c.finalProgress());
            }
        }
        double[] fs = finalSuccess.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ff = finalFailure.stream().mapToDouble(Double::doubleValue).toArray();
        long successes = curves.stream().filter(ProgressCurve::success).count();
        return new TaskScores(
                task,
                (int) successes,
                (int) (curves.size() - successes),
                mean(sc),
                mean(mono),
                ProgressMetrics.mmd(fs, ff, ProgressMetrics.MMD_BANDWIDTH),
                ProgressMetrics.jensenShannon(fs, ff, ProgressMetrics.JS_BINS),
                ProgressMetrics.smd(fs, ff),
                mean(stage));
    }

    private static double mean(List<Double> values) {
        return ProgressMetrics.finiteMean(
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The first {@code perSuite} tasks of every suite (all 40 with 10). */
    public static List<Task> tasks(int perSuite) {
        List<Task> out = new ArrayList<>();
        for (Suite s : Suite.values()) {
            out.addAll(s.tasks().subList(0, Math.min(perSuite, s.tasks().size())));
        }
        return out;
    }

    /** The benchmark's scale: ci = 2 tasks per suite, 4 successes + 2 failures each; full = 40 tasks, 700 + 300. */
    public static LabelledSet.Spec spec(Profile profile) {
        return profile == Profile.CI ? LabelledSet.Spec.benchmark(4, 2) : LabelledSet.Spec.benchmark(18, 8);
    }

    /**
     * Writes the benchmark table for every available encoder to {@code reward-studies/results/}.
     *
     * <pre>make reward-benchmark</pre> or {@code bin/srpo reward-benchmark [--profile ci|full]
     * [--tasks-per-suite N] [--perturbed-share X] [--encoders DIR] [--vjepa2 FILE.pt] [--out DIR]}: {@code --vjepa2}
     * adds a V-JEPA 2 TorchScript export (tools/vjepa2/README.md) as a fourth row; {@code --encoders} loads {@code world-model} and
     * {@code image-ssl} from a folder (default: the ones shipped in the toolkit jar).
     */
    public static void run(
            Profile profile, Integer tasksPerSuite, Double perturbedShare, Path encodersDir, Path vjepa2, Path out) {
        List<Task> tasks = tasks(tasksPerSuite != null ? tasksPerSuite : profile.pick(2, 10));
        LabelledSet.Spec spec = spec(profile);
        if (perturbedShare != null) {
            spec = spec.withPerturbedShare(perturbedShare);
        }
        LabelledSet set = new LabelledSet(spec);
        List<TrajectoryEncoder> encoders =
                new ArrayList<>(Encoders.available(encodersDir == null ? null : encodersDir.toString()));
        if (vjepa2 != null) {
            encoders.add(VJepa2Encoder.load(vjepa2));
        }
        List<EncoderResult> results;
        ProgressBar bar = new ProgressBar(System.err, "progress benchmark", tasks.size());
        try {
            int[] done = {0};
            results = new ProgressBenchmark(encoders, WorldProgressReward.paper())
                    .run(set, tasks, task -> bar.update(++done[0], task));
        } finally {
            encoders.forEach(TrajectoryEncoder::close);
        }
        Table table = BenchmarkTable.of(results);
        String name = "progress-benchmark-" + profile.name().toLowerCase(Locale.ROOT);
        BenchmarkTable.write(
                table,
                out.resolve(name),
                "Progress-reward benchmark (" + profile.name().toLowerCase(Locale.ROOT) + " profile, " + tasks.size()
                        + " tasks)");
        System.out.println(BenchmarkTable.markdown(table));
        System.out.println("written to " + out.resolve(name) + ".csv and .md");
    }
}
