package dev.srpo.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.io.AtomicFiles;
import dev.srpo.io.Provenance;
import dev.srpo.viz.Frames;
import dev.srpo.viz.Gifs;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of an evaluation: every episode, success per task and per suite, and how fast it ran.
 *
 * @param episodes one result per (task, initial state), in evaluation order
 * @param seconds wall time
 * @param steps policy steps over all episodes
 */
public record EvalResult(List<EpisodeResult> episodes, double seconds, long steps) {

    public EvalResult {
        episodes = List.copyOf(episodes);
    }

    /** Share of successful episodes, 0..1. */
    public double successRate() {
        return rate(episodes);
    }

    /** Success rate of one suite's episodes (NaN if none were run). */
    public double successRate(Suite suite) {
        return rate(episodes.stream().filter(e -> e.task().suite() == suite).toList());
    }

    /** Success rate per task, in evaluation order. */
    public Map<Task, Double> perTask() {
        return group(EpisodeResult::task);
    }

    /** Success rate per suite, in evaluation order. */
    public Map<Suite, Double> perSuite() {
        return group(e -> e.task().suite());
    }

    /** Episodes per second of wall time. */
    public double episodesPerSecond() {
        return episodes.size() / seconds;
    }

    /** One row per task: suite, task index, instruction, episodes, successes, success (%). */
    public Table taskTable() {
        Table t = Table.create("success per task")
                .addColumns(
                        StringColumn.create("suite"),
                        IntColumn.create("task"),
                        StringColumn.create("instruction"),
                        IntColumn.create("episodes"),
                        IntColumn.create("successes"),
                        DoubleColumn.create("success %"));
        Map<Task, List<EpisodeResult>> byTask = episodes.stream()
                .collect(Collectors.groupingBy(EpisodeResult::task, LinkedHashMap::new, Collectors.toList()));
        byTask.forEach((task, eps) -> {
            int ok = (int) eps.stream().filter(EpisodeResult::success).count();
            t.stringColumn("suite").append(task.suite().id());
            t.intColumn("task").append(task.index());
            t.stringColumn("instruction").append(task.language());
            t.intColumn("episodes").append(eps.size());
            t.intColumn("successes").append(ok);
            t.doubleColumn("success %").append(100.0 * ok / eps.size());
        });
        return t;
    }

    /** One row per suite: episodes, successes, success (%). */
    public Table suiteTable() {
        Table t = Table.create("success per suite")
                .addColumns(
                        StringColumn.create("suite"),
                        IntColumn.create("episodes"),
                        IntColumn.create("successes"),
                        DoubleColumn.create("success %"));
        Map<Suite, List<EpisodeResult>> bySuite = episodes.stream()
                .collect(Collectors.groupingBy(e -> e.task().suite(), LinkedHashMap::new, Collectors.toList()));
        bySuite.forEach((suite, eps) -> {
            int ok = (int) eps.stream().filter(EpisodeResult::success).count();
            t.stringColumn("suite").append(suite.id());
            t.intColumn("episodes").append(eps.size());
            t.intColumn("successes").append(ok);
            t.doubleColumn("success %").append(100.0 * ok / eps.size());
        });
        return t;
    }

    /** The result as JSON: overall, per suite, per task, and every episode (videos left out). */
    public ObjectNode toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("success_rate", successRate());
        root.put("episodes", episodes.size());
        root.put("seconds", seconds);
        root.put("episodes_per_second", episodesPerSecond());
        ObjectNode suites = root.putObject("suites");
        perSuite().forEach((s, r) -> suites.put(s.id(), r));
        ObjectNode tasks = root.putObject("tasks");
        perTask().forEach((t, r) -> tasks.put(t.id(), r));
        ArrayNode eps = root.putArray("episode_results");
        for (EpisodeResult e : episodes) {
            eps.addObject()
                    .put("task", e.task().id())
                    .put("initial_state", e.initialState())
                    .put("success", e.success())
                    .put("steps", e.steps());
        }
        return root;
    }

    /** Writes {@link #toJson()} to a file, atomically, with where it came from ({@link Provenance#of()}). */
    public Path writeJson(Path file) {
        return writeJson(file, Provenance.of());
    }

    /** Writes {@link #toJson()} and {@code provenance} to a file, atomically. */
    public Path writeJson(Path file, ObjectNode provenance) {
        try {
            ObjectNode root = toJson();
            root.set("provenance", provenance);
            return AtomicFiles.write(
                    file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Writes every recorded episode's video as a GIF into {@code dir}, named
     * {@code <suite>-<task>-state<i>-<success|failure>.gif}; episodes without a video are skipped.
     *
     * @param delayMillis time each frame is shown
     * @return the files written
     */
    public List<Path> writeVideos(Path dir, int delayMillis) {
        List<Path> files = new ArrayList<>();
        for (EpisodeResult e : episodes) {
            if (e.video() == null || e.video().length() == 0) {
                continue;
            }
            List<BufferedImage> frames = e.video().frames().stream()
                    .map(f -> Frames.toImage(f, e.video().width(), e.video().height()))
                    .toList();
            String name = String.format(
                    "%s-%d-state%d-%s.gif",
                    e.task().suite().id(), e.task().index(), e.initialState(), e.success() ? "success" : "failure");
            files.add(Gifs.write(dir.resolve(name), frames, delayMillis));
        }
        return files;
    }

    private static double rate(List<EpisodeResult> eps) {
        return eps.isEmpty()
                ? Double.NaN
                : eps.stream().filter(EpisodeResult::success).count() / (double) eps.size();
    }

    private <K> Map<K, Double> group(Function<EpisodeResult, K> key) {
        Map<K, List<EpisodeResult>> m =
                episodes.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.toList()));
        Map<K, Double> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, rate(v)));
        return out;
    }
}
