package dev.srpo.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.io.AtomicFiles;
import dev.srpo.viz.Charts;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Training runs side by side: SRPO against GRPO per suite, as in the paper's Fig. 5. {@link #write} turns run
 * folders into a committed results folder (per run its {@code run.json}, {@code metrics.jsonl} and
 * {@code eval.csv}; per suite the success-vs-step curve as a PNG; {@code summary.json}); {@link #read} loads such
 * a folder back, which is what notebook 04 draws from. {@code diagnostics.csv} summarises each run's training metrics
 * ({@link #diagnostics}).
 *
 * @param runs the runs, each with its summary and metrics rows, ordered by suite then method
 * @param levels reference success levels per suite, drawn as dashed lines: e.g. {@code "one-shot SFT"} and
 *     {@code "full SFT"} (fractions)
 */
public record Comparison(List<Run> runs, Map<String, Map<String, Double>> levels) {

    /**
     * One run: its folder name in the results, its summary, its metrics rows, the folder it was read from, and the
     * rollouts a step collects before any extra round ({@code promptsPerStep × groupSize}; 0 if its config lacks
     * them).
     */
    public record Run(String name, RunSummary summary, List<ObjectNode> metrics, Path source, int rolloutsPerStep) {}

    /** The summary file's name. */
    public static final String SUMMARY = "summary.json";

    /** The diagnostics file's name ({@link #diagnostics} as CSV). */
    public static final String DIAGNOSTICS = "diagnostics.csv";

    /** The file {@link #writeAgainst} writes ({@link #against} as CSV). */
    public static final String AGAINST = "against.csv";

    /** Steps averaged at each end of a run for the "first" and "last" columns of {@link #diagnostics}. */
    static final int ENDS = 10;

    /**
     * Evaluations averaged for the "last" figures of {@link #against}: five evaluations of a suite's 500 episodes
     * are 2,500 episodes, about ±1 point, where one evaluation is ±2.2.
     */
    public static final int LAST_EVALS = 5;

    /** Task ids in the order of their index within the suite ({@code libero_10/2} before {@code libero_10/10}). */
    private static final Comparator<String> TASK_ORDER =
            Comparator.comparingInt(Comparison::taskIndex).thenComparing(Comparator.naturalOrder());

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Reads run folders as the trainer wrote them (their {@code run.json} and {@code metrics.jsonl}). One run per
     * suite and method; the runs of a suite must share their config except for the reward (and the step count
     * and thread count), so that a difference between them is the reward's.
     */
    public static Comparison ofRuns(List<Path> runDirs, Map<String, Map<String, Double>> levels) {
        List<Run> runs = new ArrayList<>();
        Map<String, Run> firstOfSuite = new LinkedHashMap<>();
        Map<String, ObjectNode> configOfSuite = new LinkedHashMap<>();
        for (Path dir : runDirs) {
            JsonNode run = RunSummary.readRun(dir);
            List<ObjectNode> rows = Trainer.readMetrics(dir);
            RunSummary s = RunSummary.of(dir, run, rows);
            ObjectNode config = comparable(run.path("config"));
            ObjectNode first = configOfSuite.putIfAbsent(s.suite(), config);
            if (first != null && !first.equals(config)) {
                throw new IllegalArgumentException(
                        dir + " and " + firstOfSuite.get(s.suite()).source() + " differ in more than the reward: "
                                + first + " vs " + config);
            }
            JsonNode c = run.path("config");
            int rolloutsPerStep =
                    c.path("promptsPerStep").asInt(0) * c.path("groupSize").asInt(0);
            runs.add(new Run(s.suite() + "-" + s.method(), s, rows, dir, rolloutsPerStep));
            firstOfSuite.putIfAbsent(s.suite(), runs.get(runs.size() - 1));
        }
        runs.sort(Comparator.comparing((Run r) -> r.summary().suite())
                .thenComparing(r -> r.summary().method()));
        for (int i = 1; i < runs.size(); i++) {
            Run a = runs.get(i - 1);
            Run b = runs.get(i);
            if (b.name().equals(a.name())) {
                String which = a.summary().seed() == b.summary().seed()
                        ? a.source() + " and " + b.source()
                        : "seeds " + a.summary().seed() + " and " + b.summary().seed();
                throw new IllegalArgumentException("two runs of " + b.name() + " (" + which + "): give one per suite"
                        + " and method; report each seed into its own folder and set two side by side with --against");
            }
        }
        return new Comparison(List.copyOf(runs), levels);
    }

    /** A run's config without the keys a comparison may vary: the reward, the step count, the threads and batch. */
    private static ObjectNode comparable(JsonNode config) {
        ObjectNode c = ((ObjectNode) config).deepCopy();
        c.remove(List.of("reward", "steps", "threads", "maxBatch"));
        return c;
    }

    /** Reads a results folder written by {@link #write}. */
    public static Comparison read(Path resultsDir) {
        Path summary = resultsDir.resolve(SUMMARY);
        if (!Files.isRegularFile(summary)) {
            throw new IllegalArgumentException(resultsDir + " has no " + SUMMARY + ": not a comparison's results");
        }
        JsonNode root = readSummary(summary);
        Map<String, Map<String, Double>> levels = new LinkedHashMap<>();
        root.path("levels").fields().forEachRemaining(suite -> {
            Map<String, Double> l = new LinkedHashMap<>();
            suite.getValue()
                    .fields()
                    .forEachRemaining(e -> l.put(e.getKey(), e.getValue().asDouble()));
            levels.put(suite.getKey(), l);
        });
        List<Path> dirs = new ArrayList<>();
        runNames(root).forEach(name -> dirs.add(resultsDir.resolve(name)));
        return ofRuns(dirs, levels);
    }

    private static JsonNode readSummary(Path summary) {
        try {
            return JSON.readTree(summary.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summary, e);
        }
    }

    /** The run folders a summary lists (files written before the {@code run} key: suite-method). */
    private static List<String> runNames(JsonNode summary) {
        List<String> names = new ArrayList<>();
        summary.path("runs")
                .forEach(r -> names.add(
                        r.hasNonNull("run")
                                ? r.get("run").asText()
                                : r.path("suite").asText() + "-"
                                        + r.path("method").asText()));
        return names;
    }

    /** The suites compared, in order. */
    public List<String> suites() {
        return runs.stream().map(r -> r.summary().suite()).distinct().toList();
    }

    /** The run of this suite and method, or {@code null}. */
    public Run run(String suite, String method) {
        return runs.stream()
                .filter(r -> r.summary().suite().equals(suite)
                        && r.summary().method().equals(method))
                .findFirst()
                .orElse(null);
    }

    /** One row per run: the summary's figures, success in percent. */
    public Table table() {
        Table t = Table.create("runs")
                .addColumns(
                        StringColumn.create("suite"),
                        StringColumn.create("method"),
                        IntColumn.create("steps"),
                        DoubleColumn.create("start %"),
                        DoubleColumn.create("final %"),
                        DoubleColumn.create("best %"),
                        StringColumn.create("steps to 90%"),
                        DoubleColumn.create("wall min"));
        for (Run r : runs) {
            RunSummary s = r.summary();
            t.stringColumn("suite").append(s.suite());
            t.stringColumn("method").append(s.method());
            t.intColumn("steps").append(s.steps());
            t.doubleColumn("start %").append(percent(s.startSuccess()));
            t.doubleColumn("final %").append(percent(s.finalSuccess()));
            t.doubleColumn("best %").append(percent(s.bestSuccess()));
            t.stringColumn("steps to 90%").append(s.stepsTo90() == null ? "not reached" : "" + s.stepsTo90());
            t.doubleColumn("wall min").append(Math.round(s.wallSeconds() / 6.0) / 10.0);
        }
        return t;
    }

    /**
     * One row per run, its training steps' metrics summarised: the mean seconds per step and its phases (an
     * evaluation's share spread over the steps); the share of groups dynamic sampling dropped (all failed: low, all
     * succeeded: high); SRPO's success clusters and fallbacks per step; the per-step share of failures with a
     * positive advantage, averaged over the steps; the Spearman ρ of failure reward with the simulator's stage,
     * averaged over the steps where it is defined, and how many those were; the mean |advantage|; and the token
     * entropy and rollout success over the first and the last {@value #ENDS} steps. Rates in percent.
     */
    public Table diagnostics() {
        List<DiagnosticColumn> columns = List.of(
                new DiagnosticColumn("s/step", 1, (all, first, last) -> mean(all, Metrics.TIME_STEP)),
                new DiagnosticColumn("rollout s", 1, (all, first, last) -> mean(all, Metrics.TIME_ROLLOUT)),
                new DiagnosticColumn("policy s", 1, (all, first, last) -> mean(all, Metrics.TIME_ROLLOUT_POLICY)),
                new DiagnosticColumn("encode s", 2, (all, first, last) -> mean(all, Metrics.TIME_ENCODE)),
                new DiagnosticColumn("reward s", 3, (all, first, last) -> mean(all, Metrics.TIME_REWARD)),
                new DiagnosticColumn("update s", 1, (all, first, last) -> mean(all, Metrics.TIME_UPDATE)),
                new DiagnosticColumn("eval s", 1, (all, first, last) -> sum(all, Metrics.TIME_EVAL) / all.size()),
                new DiagnosticColumn(
                        "dropped low %",
                        1, (all, first, last) -> 100 * sum(all, Metrics.GROUPS_DROPPED_LOW) / sum(all, Metrics.GROUPS)),
                new DiagnosticColumn(
                        "dropped high %",
                        1,
                        (all, first, last) -> 100 * sum(all, Metrics.GROUPS_DROPPED_HIGH) / sum(all, Metrics.GROUPS)),
                new DiagnosticColumn("clusters/step", 2, (all, first, last) -> mean(all, Metrics.CLUSTERS)),
                new DiagnosticColumn("fallbacks/step", 2, (all, first, last) -> mean(all, Metrics.FALLBACKS)),
                new DiagnosticColumn(
                        "failures A>0 %", 1, (all, first, last) -> 100 * mean(all, Metrics.FAILURES_POSITIVE)),
                new DiagnosticColumn("stage rho", 2, (all, first, last) -> mean(all, Metrics.FAILURE_STAGE_SPEARMAN)),
                new DiagnosticColumn("stage rho steps", 0, (all, first, last) -> (double) all.stream()
                        .filter(row -> row.path(Metrics.FAILURE_STAGE_SPEARMAN).isNumber())
                        .count()),
                new DiagnosticColumn(
                        "progress rho", 2, (all, first, last) -> mean(all, Metrics.FAILURE_PROGRESS_SPEARMAN)),
                new DiagnosticColumn("mean abs A", 3, (all, first, last) -> mean(all, Metrics.ADVANTAGE_ABS)),
                new DiagnosticColumn("entropy first", 3, (all, first, last) -> mean(first, Metrics.ENTROPY)),
                new DiagnosticColumn("entropy last", 3, (all, first, last) -> mean(last, Metrics.ENTROPY)),
                new DiagnosticColumn(
                        "rollout success first %", 1, (all, first, last) -> 100 * mean(first, Metrics.ROLLOUT_SUCCESS)),
                new DiagnosticColumn(
                        "rollout success last %", 1, (all, first, last) -> 100 * mean(last, Metrics.ROLLOUT_SUCCESS)));
        Table t = Table.create("diagnostics per run").addColumns(StringColumn.create("run"));
        columns.forEach(c -> t.addColumns(DoubleColumn.create(c.name())));
        for (Run r : runs) {
            List<ObjectNode> steps = r.metrics().stream()
                    .filter(row -> row.path(Metrics.STEP).asInt() > 0)
                    .toList();
            List<ObjectNode> first = steps.subList(0, Math.min(ENDS, steps.size()));
            List<ObjectNode> last = steps.subList(Math.max(0, steps.size() - ENDS), steps.size());
            t.stringColumn("run").append(r.name());
            for (DiagnosticColumn c : columns) {
                double v = steps.isEmpty() ? Double.NaN : c.value().of(steps, first, last);
                double scale = Math.pow(10, c.decimals());
                t.doubleColumn(c.name()).append(Double.isNaN(v) ? Double.NaN : Math.round(v * scale) / scale);
            }
        }
        return t;
    }

    /** A column of {@link #diagnostics}: its name, the decimals shown and its value from a run's step rows. */
    private record DiagnosticColumn(String name, int decimals, StepSummary value) {}

    /** A figure of a run from its training steps, its first {@value #ENDS} and its last {@value #ENDS}. */
    @FunctionalInterface
    private interface StepSummary {
        double of(List<ObjectNode> all, List<ObjectNode> first, List<ObjectNode> last);
    }

    /** The mean of a metric over the rows that have it (a step without an update has no loss metrics); NaN if none. */
    private static double mean(List<ObjectNode> rows, String metric) {
        return rows.stream()
                .filter(row -> row.path(metric).isNumber())
                .mapToDouble(row -> row.get(metric).asDouble())
                .average()
                .orElse(Double.NaN);
    }

    private static double sum(List<ObjectNode> rows, String metric) {
        return rows.stream().mapToDouble(row -> row.path(metric).asDouble()).sum();
    }

    /** Greedy success per task at step 0 and at the last evaluation of each run of a suite, in percent. */
    public Table taskTable(String suite) {
        TreeSet<String> tasks = new TreeSet<>(TASK_ORDER);
        List<Run> ofSuite =
                runs.stream().filter(r -> r.summary().suite().equals(suite)).toList();
        for (Run r : ofSuite) {
            tasks.addAll(lastEval(r).keySet());
        }
        Table t = Table.create(suite + " per task").addColumns(StringColumn.create("task"));
        if (ofSuite.isEmpty()) {
            return t;
        }
        tasks.forEach(t.stringColumn("task")::append);
        Map<String, Double> start = firstEval(ofSuite.get(0)); // one start: the runs share their config
        t.addColumns(column("start %", tasks, start));
        for (Run r : ofSuite) {
            t.addColumns(column(r.summary().method() + " %", tasks, lastEval(r)));
        }
        return t;
    }

    /**
     * Success against RL step for one suite: a line per method, dashed lines for the suite's levels. Runs that
     * evaluated on training layouts (pilots) say so in the title and get no levels, which are the evaluation states'.
     */
    public XYChart curve(String suite) {
        boolean pilots = runs.stream()
                .filter(r -> r.summary().suite().equals(suite))
                .anyMatch(r -> r.summary().evalLayouts().equals("training"));
        XYChart chart = Charts.successCurve(
                suite + ": greedy success on the " + (pilots ? "training layouts (a pilot)" : "evaluation states"),
                "RL step");
        int maxStep = 1;
        for (Run r : runs) {
            if (!r.summary().suite().equals(suite)) {
                continue;
            }
            maxStep = Math.max(maxStep, r.summary().steps());
            addEvaluations(
                    chart,
                    r.summary().method().toUpperCase(),
                    r.metrics(),
                    color(r.summary().method()));
        }
        int shade = 0;
        Map<String, Double> shown = pilots ? Map.of() : levels.getOrDefault(suite, Map.of());
        for (Map.Entry<String, Double> level : shown.entrySet()) {
            double v = percent(level.getValue());
            Color gray = shade++ == 0 ? new Color(120, 120, 120) : new Color(40, 40, 40);
            addLevel(chart, String.format("%s (%.1f%%)", level.getKey(), v), v, maxStep, gray);
        }
        return chart;
    }

    /**
     * This study against another that differs from it in one setting: one row per suite and method that both have,
     * with the success before training, and for each study its steps, the success at its last evaluation and the
     * mean of its last {@value #LAST_EVALS} evaluations, then the difference of those means (this study minus the
     * other), in percent. Runs only one study has are left out.
     *
     * @param name what sets this study apart, e.g. {@code "KL 0.1"}
     * @param otherName what sets the other apart, e.g. {@code "no KL"}
     */
    public Table against(String name, Comparison other, String otherName) {
        requireDistinct(name, otherName);
        Table t = Table.create(name + " against " + otherName)
                .addColumns(
                        StringColumn.create("suite"), StringColumn.create("method"), DoubleColumn.create("start %"));
        for (String study : List.of(otherName, name)) {
            t.addColumns(
                    IntColumn.create(study + " steps"),
                    DoubleColumn.create(study + " final %"),
                    DoubleColumn.create(study + " last " + LAST_EVALS + " %"));
        }
        t.addColumns(DoubleColumn.create("Δ last " + LAST_EVALS + " points"));
        for (Run r : runs) {
            Run o = other.run(r.summary().suite(), r.summary().method());
            if (o == null) {
                continue;
            }
            t.stringColumn(0).append(r.summary().suite());
            t.stringColumn(1).append(r.summary().method());
            t.doubleColumn(2).append(percent(r.summary().startSuccess()));
            double mine = lastEvalsMean(r);
            double theirs = lastEvalsMean(o);
            t.intColumn(3).append(o.summary().steps());
            t.doubleColumn(4).append(percent(o.summary().finalSuccess()));
            t.doubleColumn(5).append(percent(theirs));
            t.intColumn(6).append(r.summary().steps());
            t.doubleColumn(7).append(percent(r.summary().finalSuccess()));
            t.doubleColumn(8).append(percent(mine));
            t.doubleColumn(9).append(Math.round((mine - theirs) * 1000) / 10.0);
        }
        return t;
    }

    /**
     * Writes this study against another into {@code resultsDir}: {@value #AGAINST} ({@link #against}) and, per suite
     * both have, {@code <suite>-against.png} ({@link #curveAgainst}).
     */
    public void writeAgainst(Path resultsDir, String name, Comparison other, String otherName) {
        AtomicFiles.write(
                resultsDir.resolve(AGAINST),
                against(name, other, otherName).write().toString("csv").getBytes(StandardCharsets.UTF_8));
        for (String suite : suites()) {
            if (other.suites().contains(suite)) {
                Charts.writePng(
                        resultsDir.resolve(suite + "-against.png"), curveAgainst(suite, name, other, otherName));
            }
        }
    }

    private static void requireDistinct(String name, String otherName) {
        if (name.equals(otherName)) {
            throw new IllegalArgumentException(
                    "both studies are named '" + name + "': name them by what sets them apart, e.g. KL 0.1 and no KL");
        }
    }

    /** The mean greedy success of a run's last {@value #LAST_EVALS} evaluations (all of them if it has fewer). */
    public static double lastEvalsMean(Run r) {
        List<Double> evals = r.metrics().stream()
                .filter(row -> row.has(Metrics.EVAL_SUCCESS))
                .map(row -> row.get(Metrics.EVAL_SUCCESS).asDouble())
                .toList();
        return evals.subList(Math.max(0, evals.size() - LAST_EVALS), evals.size()).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    }

    /**
     * Success for one suite in this study (solid) and in another (dashed), a colour per method: {@link #curve} for
     * two studies that differ in one setting. Against RL step, or, when the studies' steps collect different numbers
     * of rollouts (another {@code promptsPerStep} or {@code groupSize}), against episodes collected, so that equal
     * work lines up.
     */
    public XYChart curveAgainst(String suite, String name, Comparison other, String otherName) {
        requireDistinct(name, otherName);
        Set<Integer> sizes = new TreeSet<>(); // rollouts per step of the suite's runs in both studies
        for (Comparison c : List.of(this, other)) {
            c.runs.stream().filter(r -> r.summary().suite().equals(suite)).forEach(r -> sizes.add(stepSize(r)));
        }
        boolean byEpisodes = sizes.size() > 1;
        XYChart chart = Charts.successCurve(
                suite + ": " + name + " (solid) against " + otherName + " (dashed)",
                byEpisodes ? "episodes collected" : "RL step");
        // four long names do not fit on one legend line, and XChart's horizontal legend clips rather than wraps
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        addRuns(chart, suite, name, SeriesLines.SOLID, byEpisodes);
        other.addRuns(chart, suite, otherName, SeriesLines.DASH_DASH, byEpisodes);
        return chart;
    }

    /** The run's {@link Run#rolloutsPerStep}, which must be known. */
    private static int stepSize(Run r) {
        if (r.rolloutsPerStep() < 1) {
            throw new IllegalArgumentException(r.source()
                    + ": run.json's config has no promptsPerStep and groupSize, so its step size is unknown");
        }
        return r.rolloutsPerStep();
    }

    /** This study's runs of a suite as evaluation lines named "METHOD, study", a colour per method. */
    private void addRuns(XYChart chart, String suite, String study, BasicStroke line, boolean byEpisodes) {
        for (Run r : runs) {
            if (r.summary().suite().equals(suite)) {
                String method = r.summary().method();
                List<ObjectNode> rows = byEpisodes ? episodesAsSteps(r.metrics()) : r.metrics();
                XYSeries s = addEvaluations(chart, method.toUpperCase() + ", " + study, rows, color(method));
                if (s != null) {
                    s.setLineStyle(line);
                }
            }
        }
    }

    /**
     * The rows with the step replaced by the episodes collected up to and including it (the sum of each step's
     * {@code rollouts}, extra rounds included): an evaluation at step k follows k steps' collections.
     */
    public static List<ObjectNode> episodesAsSteps(List<ObjectNode> metrics) {
        List<ObjectNode> out = new ArrayList<>();
        long episodes = 0;
        for (ObjectNode row : metrics) {
            int step = row.path(Metrics.STEP).asInt();
            if (step > 0 && !row.has(Metrics.ROLLOUTS)) {
                throw new IllegalArgumentException("step " + step + " has no " + Metrics.ROLLOUTS
                        + " in its metrics, so the episodes collected by then are unknown");
            }
            episodes += row.path(Metrics.ROLLOUTS).asLong(0);
            out.add(row.deepCopy().put(Metrics.STEP, episodes));
        }
        return out;
    }

    /**
     * A run's greedy evaluations (success in % against step) as a line with circles, returned; none ({@code null}) if
     * it has none.
     */
    static XYSeries addEvaluations(XYChart chart, String name, List<ObjectNode> metrics, Color color) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (ObjectNode row : metrics) {
            if (row.has(Metrics.EVAL_SUCCESS)) {
                x.add(row.get(Metrics.STEP).asDouble());
                y.add(percent(row.get(Metrics.EVAL_SUCCESS).asDouble()));
            }
        }
        if (x.isEmpty()) {
            return null;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE).setLineColor(color);
        s.setMarkerColor(color);
        return s;
    }

    /** A reference level (in %) as a dashed line from 0 to {@code maxX}. */
    static void addLevel(XYChart chart, String name, double percent, double maxX, Color color) {
        XYSeries s = chart.addSeries(name, new double[] {0, maxX}, new double[] {percent, percent});
        s.setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH).setLineColor(color);
    }

    /** The summary file's contents: {@code {"runs": [...], "levels": {...}}}. */
    public ObjectNode summaryJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("runs");
        runs.forEach(r -> list.add(r.summary().toJson().put("run", r.name())));
        ObjectNode l = root.putObject("levels");
        levels.forEach((suite, m) -> {
            ObjectNode o = l.putObject(suite);
            m.forEach(o::put);
        });
        return root;
    }

    /**
     * Writes the results folder from the run folders: per run {@code <suite>-<method>/} with its {@code run.json},
     * {@code metrics.jsonl} and {@code eval.csv}; per suite {@code <suite>.png}; {@code summary.json}; and
     * {@code diagnostics.csv}.
     */
    public static Comparison write(Path resultsDir, List<Path> runDirs, Map<String, Map<String, Double>> levels) {
        Comparison c = ofRuns(runDirs, levels);
        try {
            Files.createDirectories(resultsDir);
            Path summary = resultsDir.resolve(SUMMARY);
            if (Files.isRegularFile(summary)) { // a results folder holds one comparison: drop the last one's runs
                for (String stale : runNames(readSummary(summary))) {
                    if (c.runs().stream().noneMatch(r -> r.name().equals(stale))) {
                        deleteRunFolder(resultsDir.resolve(stale));
                    }
                }
            }
            for (Run r : c.runs()) {
                Path from = r.source();
                Path to = resultsDir.resolve(r.name());
                Files.createDirectories(to);
                AtomicFiles.write(to.resolve("run.json"), Files.readAllBytes(from.resolve("run.json")));
                AtomicFiles.write(
                        to.resolve(Checkpoints.METRICS), Files.readAllBytes(from.resolve(Checkpoints.METRICS)));
                AtomicFiles.write(to.resolve("eval.csv"), evalCsv(r).getBytes(StandardCharsets.UTF_8));
            }
            for (String suite : c.suites()) {
                Charts.writePng(resultsDir.resolve(suite + ".png"), c.curve(suite));
            }
            AtomicFiles.write(
                    resultsDir.resolve(DIAGNOSTICS),
                    c.diagnostics().write().toString("csv").getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(resultsDir.resolve(SUMMARY), JSON.writeValueAsBytes(c.summaryJson()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + resultsDir, e);
        }
        return c;
    }

    private static void deleteRunFolder(Path dir) throws IOException {
        for (String f : List.of("run.json", Checkpoints.METRICS, "eval.csv")) {
            Files.deleteIfExists(dir.resolve(f));
        }
        try (Stream<Path> left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        }
    }

    /** A run's evaluations as CSV: step, success, then one column per task (fractions). */
    public static String evalCsv(Run r) {
        TreeSet<String> tasks = new TreeSet<>(TASK_ORDER);
        tasks.addAll(lastEval(r).keySet());
        StringBuilder csv = new StringBuilder("step,success");
        tasks.forEach(t -> csv.append(',').append(t));
        csv.append('\n');
        for (ObjectNode row : r.metrics()) {
            if (!row.has(Metrics.EVAL_SUCCESS)) {
                continue;
            }
            csv.append(row.get(Metrics.STEP).asInt())
                    .append(',')
                    .append(row.get(Metrics.EVAL_SUCCESS).asDouble());
            for (String t : tasks) {
                csv.append(',').append(row.path(Metrics.EVAL_TASKS).path(t).asDouble(Double.NaN));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    /** Per-task success at the run's last evaluation. */
    private static Map<String, Double> lastEval(Run r) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ObjectNode row : r.metrics()) {
            if (row.has(Metrics.EVAL_TASKS)) {
                out = perTask(row);
            }
        }
        return out;
    }

    /** Per-task success before any update (step 0), or none if the run did not evaluate then. */
    private static Map<String, Double> firstEval(Run r) {
        return r.metrics().stream()
                .filter(row ->
                        row.has(Metrics.EVAL_TASKS) && row.get(Metrics.STEP).asInt() == 0)
                .findFirst()
                .map(Comparison::perTask)
                .orElse(Map.of());
    }

    private static Map<String, Double> perTask(ObjectNode row) {
        Map<String, Double> out = new LinkedHashMap<>();
        row.get(Metrics.EVAL_TASKS)
                .fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }

    private static DoubleColumn column(String name, Iterable<String> tasks, Map<String, Double> values) {
        DoubleColumn c = DoubleColumn.create(name);
        for (String t : tasks) {
            Double v = values.get(t);
            if (v == null) {
                c.appendMissing();
            } else {
                c.append(percent(v));
            }
        }
        return c;
    }

    private static int taskIndex(String taskId) {
        int slash = taskId.lastIndexOf('/');
        try {
            return Integer.parseInt(taskId.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static double percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0;
    }

    private static Color color(String method) {
        return switch (method) {
            case "srpo" -> new Color(31, 119, 180);
            case "oracle" -> new Color(44, 160, 44);
            default -> new Color(214, 39, 40);
        };
    }
}
