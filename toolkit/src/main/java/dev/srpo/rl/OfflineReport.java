package dev.srpo.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.env.Suite;
import dev.srpo.io.AtomicFiles;
import dev.srpo.viz.Charts;
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
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Offline runs side by side: offline SRPO against binary AWR and filtered BC per suite, with the online SRPO run of
 * the same suite for the cost comparison. {@link #write} turns run folders into a committed results folder (per
 * run its {@code run.json} and {@code metrics.jsonl}; per suite the success-vs-pass curve as a PNG;
 * {@code summary.json}); {@link #read} loads it back (notebook 08).
 *
 * @param runs the runs, each with its summary and metrics rows, ordered by suite then method
 * @param online per suite the online SRPO run's metrics rows (empty when not given)
 */
public record OfflineReport(List<Run> runs, Map<String, List<ObjectNode>> online) {

    /** One offline run: its summary, its metrics rows and the folder it was read from. */
    public record Run(Summary summary, List<ObjectNode> metrics, Path source) {}

    /** The summary file's name. */
    public static final String SUMMARY = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What one offline run reached, and what it cost.
     *
     * @param suite the suite
     * @param method {@code srpo}, {@code binary-awr}, {@code filtered-bc}, {@code stage-awr} or {@code progress-awr}
     * @param passes passes trained, over all rounds
     * @param rounds rounds of collect-then-train (1: the one buffer)
     * @param startSuccess greedy success before training (the collecting policy's)
     * @param finalSuccess at the last evaluation
     * @param bestSuccess the best evaluation
     * @param episodes rollouts in the buffers of every round (the episodes the run cost)
     * @param bufferSuccesses successful rollouts among them
     * @param collectSeconds the buffers' collection time
     * @param trainSeconds training and evaluation time of the run
     * @param evalEpisodes episodes per evaluation
     * @param evalLayouts {@code evaluation} (results) or {@code training} (pilots)
     * @param onlineEpisodes rollouts the online SRPO run of the suite collected until it first evaluated at or above
     *     this run's final success (null: no online run given, or it never got there)
     * @param onlineSeconds that online run's wall time until then (null likewise)
     * @param weightOnFailures the share of the first buffer's total weight on chunks of failed rollouts (null: the
     *     run predates {@link OfflineTrainer#WEIGHT_ON_FAILURES})
     * @param commit the run's commit
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class) // summary.json's keys, like srpo report's
    public record Summary(
            String suite,
            String method,
            int passes,
            int rounds,
            double startSuccess,
            double finalSuccess,
            double bestSuccess,
            int episodes,
            int bufferSuccesses,
            double collectSeconds,
            double trainSeconds,
            int evalEpisodes,
            String evalLayouts,
            Integer onlineEpisodes,
            Double onlineSeconds,
            Double weightOnFailures,
            String commit) {

        /** The run's name in a results folder: {@code <suite>-<method>}. */
        public String name() {
            return suite + "-" + method;
        }
    }

    /**
     * Reads offline run folders, and, when {@code onlineResults} is given (a folder of {@code srpo report}), the
     * online SRPO run of each suite.
     */
    public static OfflineReport ofRuns(List<Path> runDirs, Path onlineResults) {
        Map<String, List<ObjectNode>> online = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            JsonNode run = RunSummary.readRun(dir);
            List<ObjectNode> rows = Trainer.readMetrics(dir);
            String suite = run.path("buffer").path("suite").asText();
            if (onlineResults != null && !online.containsKey(suite)) {
                Path o = onlineResults.resolve(suite + "-srpo");
                online.put(suite, Files.isDirectory(o) ? Trainer.readMetrics(o) : List.of());
            }
            runs.add(new Run(summarise(dir, run, rows, online.getOrDefault(suite, List.of())), rows, dir));
        }
        runs.sort(Comparator.comparing((Run r) -> r.summary().suite())
                .thenComparing(r -> r.summary().method()));
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i).summary().name().equals(runs.get(i - 1).summary().name())) {
                throw new IllegalArgumentException(
                        "two runs of " + runs.get(i).summary().name() + ": give one per suite and method");
            }
        }
        return new OfflineReport(List.copyOf(runs), online);
    }

    private static Summary summarise(Path dir, JsonNode run, List<ObjectNode> rows, List<ObjectNode> online) {
        JsonNode config = run.path("config");
        JsonNode buffer = run.path("buffer");
        List<ObjectNode> evals =
                rows.stream().filter(r -> r.has(Metrics.EVAL_SUCCESS)).toList();
        if (evals.isEmpty() || rows.get(0).get(Metrics.STEP).asInt() != 0) {
            throw new IllegalArgumentException(
                    "the offline run " + dir + " has no evaluation before training: it cannot be summarised");
        }
        double start = evals.get(0).get(Metrics.EVAL_SUCCESS).asDouble();
        double last = evals.get(evals.size() - 1).get(Metrics.EVAL_SUCCESS).asDouble();
        double best = evals.stream()
                .mapToDouble(r -> r.get(Metrics.EVAL_SUCCESS).asDouble())
                .max()
                .orElse(start);
        double train = 0;
        double collect = buffer.path("collect_seconds").asDouble(0);
        int bufferRollouts = 0;
        int bufferSuccesses = 0;
        for (ObjectNode r : rows) { // row 0 has the first buffer's statistics, a further round's first row its own
            train += Metrics.wallSeconds(r);
            collect += r.path(OfflineTrainer.TIME_COLLECT).asDouble(0);
            bufferRollouts += r.path(OfflineTrainer.BUFFER_ROLLOUTS).asInt(0);
            bufferSuccesses += r.path(OfflineTrainer.BUFFER_SUCCESSES).asInt(0);
        }
        Integer onlineEpisodes = null;
        Double onlineSeconds = null;
        int episodes = 0;
        double seconds = 0;
        for (ObjectNode r : online) {
            episodes += r.path(Metrics.ROLLOUTS).asInt(0);
            seconds += Metrics.wallSeconds(r);
            if (r.get(Metrics.STEP).asInt() > 0 && r.path(Metrics.EVAL_SUCCESS).asDouble(-1) >= last) {
                onlineEpisodes = episodes;
                onlineSeconds = seconds;
                break;
            }
        }
        String suite = buffer.path("suite").asText();
        return new Summary(
                suite,
                config.path("method").asText(),
                rows.get(rows.size() - 1).get(Metrics.STEP).asInt(),
                rows.get(rows.size() - 1).path(OfflineTrainer.ROUND).asInt(1),
                start,
                last,
                best,
                bufferRollouts,
                bufferSuccesses,
                collect,
                train,
                Suite.of(suite).tasks().size() * config.path("evalStates").asInt(),
                config.path("evalLayouts").asText(),
                onlineEpisodes,
                onlineSeconds,
                rows.get(0).has(OfflineTrainer.WEIGHT_ON_FAILURES)
                        ? rows.get(0).get(OfflineTrainer.WEIGHT_ON_FAILURES).asDouble()
                        : null,
                run.path("commit").asText());
    }

    /** The suites, in order. */
    public List<String> suites() {
        return runs.stream().map(r -> r.summary().suite()).distinct().toList();
    }

    /**
     * One row per run: start, final and best success (%), the gain, the buffer, the costs and the share of the weight
     * on failed rollouts.
     */
    public Table table() {
        Table t = Table.create("offline SRPO vs binary AWR vs filtered BC");
        StringColumn suite = StringColumn.create("suite");
        StringColumn method = StringColumn.create("method");
        IntColumn passes = IntColumn.create("passes");
        IntColumn rounds = IntColumn.create("rounds");
        DoubleColumn start = DoubleColumn.create("start %");
        DoubleColumn end = DoubleColumn.create("final %");
        DoubleColumn best = DoubleColumn.create("best %");
        DoubleColumn gain = DoubleColumn.create("gain (points)");
        IntColumn episodes = IntColumn.create("episodes");
        DoubleColumn minutes = DoubleColumn.create("collect + train min");
        IntColumn online = IntColumn.create("online episodes to same");
        DoubleColumn onFailures = DoubleColumn.create("weight on failures %");
        for (Run r : runs) {
            Summary s = r.summary();
            suite.append(s.suite());
            method.append(s.method());
            passes.append(s.passes());
            rounds.append(s.rounds());
            start.append(percent(s.startSuccess()));
            end.append(percent(s.finalSuccess()));
            best.append(percent(s.bestSuccess()));
            gain.append(percent(s.finalSuccess() - s.startSuccess()));
            episodes.append(s.episodes());
            minutes.append(Math.round((s.collectSeconds() + s.trainSeconds()) / 6.0) / 10.0);
            if (s.onlineEpisodes() == null) {
                online.appendMissing();
            } else {
                online.append(s.onlineEpisodes());
            }
            if (s.weightOnFailures() == null) {
                onFailures.appendMissing();
            } else {
                onFailures.append(percent(s.weightOnFailures()));
            }
        }
        return t.addColumns(
                suite, method, passes, rounds, start, end, best, gain, episodes, minutes, online, onFailures);
    }

    /** The most rounds any run trained (1: every run trained on its one buffer). */
    public int rounds() {
        return runs.stream().mapToInt(r -> r.summary().rounds()).max().orElse(1);
    }

    /**
     * One row per run: greedy success before training and at the end of each round (%), and the episodes collected
     * by then. Rounds a run did not reach are missing.
     */
    public Table roundsTable() {
        int rounds = rounds();
        Table t = Table.create("success at the end of each round (%)");
        StringColumn suite = StringColumn.create("suite");
        StringColumn method = StringColumn.create("method");
        DoubleColumn start = DoubleColumn.create("start");
        t.addColumns(suite, method, start);
        for (int k = 1; k <= rounds; k++) {
            t.addColumns(DoubleColumn.create("round " + k));
        }
        IntColumn episodes = IntColumn.create("episodes");
        t.addColumns(episodes);
        for (Run r : runs) {
            suite.append(r.summary().suite());
            method.append(r.summary().method());
            start.append(percent(r.summary().startSuccess()));
            Map<Integer, Double> last = new LinkedHashMap<>(); // a round's last evaluation
            for (ObjectNode row : r.metrics()) {
                if (row.get(Metrics.STEP).asInt() > 0 && row.has(Metrics.EVAL_SUCCESS)) {
                    last.put(
                            row.path(OfflineTrainer.ROUND).asInt(1),
                            row.get(Metrics.EVAL_SUCCESS).asDouble());
                }
            }
            for (int k = 1; k <= rounds; k++) {
                DoubleColumn c = t.doubleColumn("round " + k);
                if (last.containsKey(k)) {
                    c.append(percent(last.get(k)));
                } else {
                    c.appendMissing();
                }
            }
            episodes.append(r.summary().episodes());
        }
        return t;
    }

    /** The success-vs-pass curve of a suite's runs, with the online SRPO run's last success as a dashed level. */
    public XYChart curve(String suite) {
        int rounds = runs.stream()
                .filter(r -> r.summary().suite().equals(suite))
                .mapToInt(r -> r.summary().rounds())
                .max()
                .orElse(1);
        XYChart chart = Charts.successCurve(
                suite + ": offline training, greedy success",
                rounds == 1
                        ? "pass over the buffer"
                        : "pass (in a run of rounds, each round after the first on a buffer of its own)");
        int maxPass = 1;
        for (Run r : runs) {
            Summary s = r.summary();
            if (!s.suite().equals(suite)) {
                continue;
            }
            maxPass = Math.max(maxPass, s.passes());
            Comparison.addEvaluations(chart, s.method(), r.metrics(), color(s.method()));
        }
        List<ObjectNode> o = online.getOrDefault(suite, List.of());
        for (int i = o.size() - 1; i >= 0; i--) {
            if (o.get(i).has(Metrics.EVAL_SUCCESS)) {
                double v = percent(o.get(i).get(Metrics.EVAL_SUCCESS).asDouble());
                String label = String.format(
                        "online SRPO, step %d (%.1f%%)",
                        o.get(i).get(Metrics.STEP).asInt(), v);
                Comparison.addLevel(chart, label, v, maxPass, Color.DARK_GRAY);
                break;
            }
        }
        return chart;
    }

    /**
     * Writes the results folder: per run {@code <suite>-<method>/} with its {@code run.json} and
     * {@code metrics.jsonl}, per suite {@code <suite>.png}, and {@code summary.json}.
     */
    public static OfflineReport write(Path resultsDir, List<Path> runDirs, Path onlineResults) {
        OfflineReport r = ofRuns(runDirs, onlineResults);
        try {
            for (Run run : r.runs()) {
                Path to = resultsDir.resolve(run.summary().name());
                AtomicFiles.write(
                        to.resolve("run.json"), Files.readAllBytes(run.source().resolve("run.json")));
                AtomicFiles.write(
                        to.resolve(Checkpoints.METRICS),
                        Files.readAllBytes(run.source().resolve(Checkpoints.METRICS)));
            }
            for (String suite : r.suites()) {
                Charts.writePng(resultsDir.resolve(suite + ".png"), r.curve(suite));
            }
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("runs");
            r.runs().forEach(run -> list.add((ObjectNode) JSON.valueToTree(run.summary())));
            AtomicFiles.write(resultsDir.resolve(SUMMARY), JSON.writeValueAsBytes(root));
            AtomicFiles.write(
                    resultsDir.resolve("table.md"), markdown(r.table()).getBytes(StandardCharsets.UTF_8));
            if (r.rounds() > 1) {
                AtomicFiles.write(
                        resultsDir.resolve("rounds.md"),
                        markdown(r.roundsTable()).getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results to " + resultsDir, e);
        }
        return r;
    }

    /** Reads a results folder's {@code summary.json}. */
    public static List<Summary> read(Path resultsDir) {
        try {
            JsonNode root = JSON.readTree(resultsDir.resolve(SUMMARY).toFile());
            List<Summary> out = new ArrayList<>();
            for (JsonNode n : root.path("runs")) {
                out.add(JSON.treeToValue(n, Summary.class));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + resultsDir.resolve(SUMMARY) + ": " + e.getMessage(), e);
        }
    }

    /** A table as GitHub markdown. */
    static String markdown(Table t) {
        StringBuilder sb = new StringBuilder("|");
        t.columnNames().forEach(n -> sb.append(' ').append(n).append(" |"));
        sb.append("\n|");
        t.columnNames().forEach(n -> sb.append("---|"));
        sb.append('\n');
        for (int i = 0; i < t.rowCount(); i++) {
            sb.append('|');
            for (int c = 0; c < t.columnCount(); c++) {
                sb.append(' ').append(t.column(c).getString(i)).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static double percent(double fraction) {
        return Math.round(fraction * 1000) / 10.0;
    }

    private static Color color(String method) {
        return switch (method) {
            case "srpo" -> new Color(31, 119, 180);
            case "binary-awr" -> new Color(214, 39, 40);
            case "stage-awr" -> new Color(148, 103, 189);
            case "progress-awr" -> new Color(255, 127, 14);
            default -> new Color(44, 160, 44);
        };
    }
}
