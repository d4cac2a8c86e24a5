package dev.srpo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.io.AtomicFiles;
import dev.srpo.libero.LiberoOptions;
import dev.srpo.libero.LiberoPool;
import dev.srpo.libero.LiberoProvider;
import dev.srpo.rl.Comparison;
import dev.srpo.rl.Metrics;
import dev.srpo.rl.Trainer;
import dev.srpo.rl.TrainerConfig;
import dev.srpo.viz.Charts;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code srpo train}: SRPO or GRPO from a starting checkpoint, with checkpoints, metrics and resume. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Post-trains a policy with SRPO (world-progress reward) or GRPO (binary reward) on training layouts,"
                    + " evaluating greedily on the evaluation states. Config keys: a --config file (JSON or YAML),"
                    + " then the flags below, then --set KEY=VALUE; the defaults are TrainerConfig.DEFAULTS.",
            "Writes OUT/run.json, OUT/metrics.jsonl, OUT/checkpoints/ and OUT/policy.vla."
        })
final class TrainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "a JSON or YAML config file")
    Path configFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the run's folder (new, or --resume)")
    Path out;

    @Option(names = "--resume", description = "continue the run in --out from its last checkpoint")
    boolean resume;

    @Option(names = "--init", paramLabel = "FILE", description = "the starting checkpoint (key init)")
    String init;

    @Option(names = "--suite", paramLabel = "SUITE", description = "libero_spatial|libero_object|libero_goal|libero_10")
    String suite;

    @Option(
            names = "--reward",
            paramLabel = "srpo|grpo|oracle",
            description = "world-progress (srpo), binary (grpo) or, for studies, the simulator's own progress (oracle)")
    String reward;

    @Option(names = "--steps", paramLabel = "N", description = "RL steps")
    Integer steps;

    @Option(names = "--seed", paramLabel = "N", description = "the run's seed")
    Long seed;

    @Option(
            names = "--env",
            paramLabel = "BACKEND",
            description = "tabletop (the embedded simulator) or libero (the real LIBERO through the bridge; key env)")
    String env;

    @Option(
            names = "--encoder",
            paramLabel = "NAME",
            description = "world-model|image-ssl|pixels|vjepa2:FILE.pt (a V-JEPA 2 export; key encoder)")
    String encoder;

    @Option(
            names = "--fleet",
            paramLabel = "FILE",
            description = "a LIBERO fleet's addresses file (python -m srpo_libero_server.fleet --out FILE), followed"
                    + " as servers come and go; implies --env libero; token from SRPO_LIBERO_TOKEN; the fleet needs"
                    + " promptsPerStep x groupSize workers (a step opens that many environments at once)")
    Path fleet;

    @CommandLine.Mixin
    LevelsOption levels = new LevelsOption();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any config key, e.g. --set learningRate=1e-4")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TrainerConfig config = resolve();
        Map<String, Map<String, Double>> levels = this.levels.levels(); // checked before any work
        if (fleet != null) {
            LiberoProvider.use(LiberoPool.fromFleet(fleet, System.getenv("SRPO_LIBERO_TOKEN"), LiberoOptions.DEFAULT));
        }
        Trainer trainer = Trainer.fromConfig(config, this.out);
        Trainer.Result r = trainer.run(resume);
        out.printf(
                "trained %d steps in %.0f s; final eval success %.1f%%; wrote %s%n",
                config.steps(), r.seconds(), 100 * r.finalEvalSuccess(), this.out.resolve("policy.vla"));
        out.println("metrics: " + this.out.resolve("metrics.jsonl") + " (names: " + Metrics.class.getName() + ")");
        trainer.policy().close();
        if (config.evalEvery() > 0) {
            report(out, config, levels);
        }
        return 0;
    }

    /** The run's own report: its curve against the shipped levels and its evaluations, as srpo report writes them. */
    private void report(PrintWriter out, TrainerConfig config, Map<String, Map<String, Double>> levels) {
        try {
            Comparison c = Comparison.ofRuns(List.of(this.out), levels);
            Path curve = Charts.writePng(this.out.resolve("curve.png"), c.curve(config.suite()));
            AtomicFiles.write(
                    this.out.resolve("eval.csv"),
                    Comparison.evalCsv(c.runs().get(0)).getBytes(StandardCharsets.UTF_8));
            out.println(c.table().printAll());
            out.println("curve: " + curve + "; evaluations: " + this.out.resolve("eval.csv"));
        } catch (RuntimeException e) { // the run itself is done and saved: a failed picture must not fail it
            spec.commandLine()
                    .getErr()
                    .println("srpo train: the run is saved, but its curve failed: " + e.getMessage());
        }
    }

    /** The config: file, saved run (when resuming without a file), flags, --set; validated. */
    TrainerConfig resolve() throws Exception {
        TrainerConfig config = TrainerConfig.DEFAULTS;
        Path saved = out.resolve("run.json");
        if (configFile != null) {
            config = TrainerConfig.read(configFile);
        } else if (resume && Files.exists(saved)) {
            config = TrainerConfig.saved(
                    (ObjectNode) JSON.readTree(saved.toFile()).get("config"));
        }
        ObjectNode flags = JSON.createObjectNode();
        if (init != null) {
            flags.put("init", init);
        }
        if (suite != null) {
            flags.put("suite", suite);
        }
        if (reward != null) {
            flags.put("reward", reward);
        }
        if (steps != null) {
            flags.put("steps", steps);
        }
        if (seed != null) {
            flags.put("seed", seed);
        }
        if (env != null || fleet != null) {
            if (fleet != null && env != null && !env.equals("libero")) {
                throw new IllegalArgumentException("--fleet runs on the libero backend, not --env " + env);
            }
            flags.put("env", fleet != null ? "libero" : env);
        }
        if (encoder != null) {
            flags.put("encoder", encoder);
        }
        KeyValues.put(flags, sets);
        return config.with(flags);
    }
}
