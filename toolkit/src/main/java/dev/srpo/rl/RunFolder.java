package dev.srpo.rl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.SrpoToolkit;
import dev.srpo.env.Env;
import dev.srpo.env.Task;
import dev.srpo.eval.EvalResult;
import dev.srpo.eval.Evaluator;
import dev.srpo.io.AtomicFiles;
import dev.srpo.io.Provenance;
import dev.srpo.policy.VlaPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the online and the offline trainer do alike with their run folder: refuse a folder that holds something
 * else, refuse to resume a run with another config, write {@code run.json} (toolkit, commit, seed, start, config;
 * a resumed run keeps these of its first start and lists each resume under {@code resumes}), and append a greedy
 * evaluation to a metrics row.
 */
final class RunFolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFolder() {}

    /**
     * Prepares {@code out} and writes its {@code run.json}.
     *
     * @param savedConfig reads a config saved in an existing {@code run.json} as key → value
     * @param config this run's config as key → value
     * @param mayChange keys a resumed run may change (e.g. its length)
     * @param run what {@code run.json} holds besides the toolkit, commit and start ({@code seed}, {@code config}, ...)
     * @return the commit recorded
     * @throws IllegalArgumentException if the folder is a file, holds something else, or holds a run of another
     *     config (naming the keys)
     */
    static String prepare(
            Path out,
            boolean resume,
            Function<ObjectNode, Map<String, String>> savedConfig,
            Map<String, String> config,
            Set<String> mayChange,
            ObjectNode run) {
        Path runFile = out.resolve("run.json");
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw new IllegalArgumentException("output " + out + " is a file, not a folder");
            }
            ObjectNode before = null; // the run.json of the run being resumed
            if (resume && Files.exists(runFile)) {
                before = (ObjectNode) JSON.readTree(runFile.toFile());
                Map<String, String> saved = savedConfig.apply((ObjectNode) before.get("config"));
                List<String> differ = new ArrayList<>();
                config.forEach((k, v) -> {
                    if (!mayChange.contains(k) && !v.equals(saved.get(k))) {
                        differ.add(k + " (" + saved.get(k) + " → " + v + ")");
                    }
                });
                if (!differ.isEmpty()) {
                    throw new IllegalArgumentException("cannot resume " + out + " with another config: " + differ);
                }
            } else if (Files.isDirectory(out)) {
                try (Stream<Path> s = Files.list(out)) {
                    if (s.findAny().isPresent()) {
                        throw new IllegalArgumentException("output folder " + out + " is not empty"
                                + (Files.exists(runFile) ? " (it holds a run: resume it with --resume)" : "")
                                + "; choose another --out");
                    }
                }
            }
            String commit = Provenance.commit(); // once per run: it asks git
            ObjectNode session = JSON.createObjectNode()
                    .put("toolkit", SrpoToolkit.version())
                    .put("commit", commit)
                    .put("command", Provenance.command())
                    .put("started", Instant.now().toString());
            ObjectNode file = JSON.createObjectNode();
            if (before == null) {
                file.setAll(session);
            } else { // a resumed run keeps where it began and lists each resume, so no provenance is lost
                for (String key : List.of("toolkit", "commit", "command", "started")) {
                    file.set(key, before.has(key) ? before.get(key) : session.get(key));
                }
                ArrayNode resumes = file.putArray("resumes");
                before.path("resumes").forEach(resumes::add);
                resumes.add(session);
            }
            file.setAll(run);
            AtomicFiles.write(runFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file));
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the run folder " + out, e);
        }
    }

    /** Writes the metrics rows as {@code metrics.jsonl}, atomically. */
    static void writeMetrics(Path out, List<ObjectNode> rows) {
        try {
            AtomicFiles.write(out.resolve(Checkpoints.METRICS), Checkpoints.jsonl(rows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics of " + out, e);
        }
    }

    /**
     * Greedy evaluation of {@code policy} on the first {@code states} initial states of every task, into {@code row}.
     */
    static void evaluate(
            ObjectNode row,
            VlaPolicy policy,
            Function<Task, ? extends Env> envs,
            List<Task> tasks,
            int states,
            int threads) {
        EvalResult r = new Evaluator(envs).firstStates(states).threads(threads).evaluate(policy, tasks);
        row.put(Metrics.EVAL_SUCCESS, r.successRate());
        ObjectNode perTask = row.putObject(Metrics.EVAL_TASKS);
        r.perTask().forEach((task, rate) -> perTask.put(task.id(), rate));
    }
}
