package dev.srpo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.rl.BufferCollector;
import dev.srpo.rl.CollectConfig;
import dev.srpo.rl.Metrics;
import dev.srpo.rl.OfflineConfig;
import dev.srpo.rl.OfflineReport;
import dev.srpo.rl.OfflineTrainer;
import dev.srpo.rollout.RolloutBuffer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code srpo offline collect|train|report}: offline SRPO (AWR with per-step world progress) and its baselines. */
@Command(
        name = "offline",
        mixinStandardHelpOptions = true,
        description = "Offline SRPO: collect a buffer of rollouts once, then train on it with advantage-weighted"
                + " regression (per-step world progress, binary AWR or filtered BC).",
        subcommands = {OfflineCommand.Collect.class, OfflineCommand.Train.class, OfflineCommand.Report.class})
final class OfflineCommand extends CommandGroup {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code srpo offline collect}. */
    @Command(
            name = "collect",
            mixinStandardHelpOptions = true,
            description = {
                "Collects rollouts of a policy on training layouts (never the evaluation states) into a buffer, with"
                        + " the world-model embeddings of their prefixes. A buffer that exists is continued from its"
                        + " next batch (same settings). Keys: the flags below, then --set KEY=VALUE; defaults are"
                        + " CollectConfig.DEFAULTS.",
                "Writes OUT/buffer.json and OUT/batches/."
            })
    static final class Collect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the buffer's folder")
        Path out;

        @Option(names = "--init", paramLabel = "FILE", description = "the collecting policy (key init)")
        String init;

        @Option(
                names = "--suite",
                paramLabel = "SUITE",
                description = "libero_spatial|libero_object|libero_goal|libero_10")
        String suite;

        @Option(names = "--seed", paramLabel = "N", description = "the collection's seed")
        Long seed;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any key, e.g. --set layoutsPerTask=16")
        List<String> sets = new ArrayList<>();

        @Override
        public Integer call() {
            CollectConfig config = CollectConfig.DEFAULTS;
            if (Files.exists(out.resolve(RolloutBuffer.INDEX)) && init == null && suite == null) {
                config = CollectConfig.of(RolloutBuffer.open(out).description()); // continue as it was started
            }
            ObjectNode flags = JSON.createObjectNode();
            put(flags, "init", init);
            put(flags, "suite", suite);
            put(flags, "seed", seed);
            KeyValues.put(flags, sets);
            RolloutBuffer b = new BufferCollector(config.with(flags)).collect(out);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "buffer %s: %d rollouts, %d successes (%.1f%%), %s embeddings%n",
                            out, b.size(), b.successes(), 100.0 * b.successes() / Math.max(1, b.size()), b.encoder());
            return 0;
        }
    }

    /** {@code srpo offline train}. */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = {
                "Trains a policy on a buffer with advantage-weighted regression: --method srpo (per-step world"
                        + " progress, Eq. 15), binary-awr, filtered-bc, or stage-awr and progress-awr (the"
                        + " simulator's stages or its dense task progress as progress: ablations); greedy evaluation"
                        + " on the evaluation states every evalEvery passes and at the end of every round. Keys: the"
                        + " flags below, then --set KEY=VALUE; defaults are OfflineConfig.DEFAULTS.",
                "Writes OUT/run.json, OUT/metrics.jsonl, OUT/checkpoints/ and OUT/policy.vla; every further round"
                        + " writes its collecting policy and its buffer under OUT/rounds/<r>/. While it trains,"
                        + " OUT/observations.tmp holds the frames of the chunks it trains on, uncompressed (about 110 KB"
                        + " a chunk: 7.3 GB for offline SRPO on 2,560 LIBERO-Object rollouts), and is deleted at the end."
            })
    static final class Train implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--out",
                required = true,
                paramLabel = "DIR",
                description = "the run's folder (new, or --resume)")
        Path out;

        @Option(names = "--resume", description = "continue the run in --out from its last pass")
        boolean resume;

        @Option(names = "--buffer", paramLabel = "DIR", description = "the buffer (from srpo offline collect)")
        String buffer;

        @Option(names = "--init", paramLabel = "FILE", description = "the starting checkpoint (key init)")
        String init;

        @Option(
                names = "--method",
                paramLabel = "srpo|binary-awr|filtered-bc|stage-awr|progress-awr",
                description = "how chunks are weighted")
        String method;

        @Option(names = "--passes", paramLabel = "N", description = "passes over the buffer (per round)")
        Integer passes;

        @Option(
                names = "--rounds",
                paramLabel = "N",
                description = "rounds: every round after the first collects a new buffer with the policy so far")
        Integer rounds;

        @Option(names = "--seed", paramLabel = "N", description = "the run's seed")
        Long seed;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any key, e.g. --set beta=0.5")
        List<String> sets = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            OfflineConfig config = OfflineConfig.DEFAULTS;
            Path saved = out.resolve("run.json");
            ObjectNode flags = JSON.createObjectNode();
            if (resume && Files.exists(saved)) {
                flags.setAll((ObjectNode) JSON.readTree(saved.toFile()).get("config"));
            }
            put(flags, "buffer", buffer);
            put(flags, "init", init);
            put(flags, "method", method);
            put(flags, "passes", passes);
            put(flags, "rounds", rounds);
            put(flags, "seed", seed);
            KeyValues.put(flags, sets);
            OfflineTrainer.Result r = new OfflineTrainer(config.with(flags), out).run(resume);
            PrintWriter w = spec.commandLine().getOut();
            JsonNode last = r.rows().get(r.rows().size() - 1);
            String eval = last.has(Metrics.EVAL_SUCCESS)
                    ? String.format(
                            "eval success %.1f%% (before: %.1f%%)",
                            100 * last.get(Metrics.EVAL_SUCCESS).asDouble(),
                            100 * r.rows().get(0).path(Metrics.EVAL_SUCCESS).asDouble(Double.NaN))
                    : "not evaluated (evalEvery 0)";
            w.printf("trained in %.0f s; %s; wrote %s%n", r.seconds(), eval, out.resolve("policy.vla"));
            return 0;
        }
    }

    /** {@code srpo offline report}. */
    @Command(
            name = "report",
            mixinStandardHelpOptions = true,
            description = {
                "Offline runs side by side (one per suite and method): a table, per suite the success-vs-pass curve"
                        + " with the online SRPO level, and what the online run needed to reach the same success.",
                "Writes OUT/summary.json, OUT/table.md, OUT/<suite>.png and per run OUT/<suite>-<method>/; with"
                        + " runs of several rounds also OUT/rounds.md, the success at the end of each round."
            })
    static final class Report implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the results folder")
        Path out;

        @Option(
                names = "--online",
                paramLabel = "DIR",
                description = "online results (srpo report) to compare costs with (default: ${DEFAULT-VALUE})")
        Path online = Path.of("results/srpo-vs-grpo");

        @CommandLine.Parameters(paramLabel = "RUN", arity = "1..*", description = "offline run folders")
        List<Path> runs;

        @Override
        public Integer call() {
            OfflineReport r = OfflineReport.write(out, runs, Files.isDirectory(online) ? online : null);
            spec.commandLine().getOut().println(r.table().printAll());
            if (r.rounds() > 1) {
                spec.commandLine().getOut().println(r.roundsTable().printAll());
            }
            spec.commandLine()
                    .getOut()
                    .println("wrote " + out.resolve(OfflineReport.SUMMARY) + " and a curve per suite");
            return 0;
        }
    }

    private static void put(ObjectNode flags, String key, Object value) {
        if (value != null) {
            flags.set(key, JSON.valueToTree(value));
        }
    }
}
