package dev.srpo.cli;

import dev.srpo.env.EnvOptions;
import dev.srpo.env.Envs;
import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import dev.srpo.env.VariantId;
import dev.srpo.eval.EvalResult;
import dev.srpo.eval.Evaluator;
import dev.srpo.policy.SmallVla;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code srpo eval}: LIBERO's evaluation protocol for a checkpoint on one suite. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Greedy evaluation of a checkpoint on a suite's evaluation initial states.")
final class EvalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "FILE", description = "the policy (.vla)")
    Path checkpoint;

    @Option(names = "--suite", required = true, paramLabel = "SUITE", description = "the suite")
    String suite;

    @Option(names = "--states", paramLabel = "N", description = "initial states per task, 1..50 (default: 50)")
    int states = 50;

    @Option(names = "--env", paramLabel = "NAME", description = "environment backend (default: ${DEFAULT-VALUE})")
    String env = "tabletop";

    @Option(names = "--threads", paramLabel = "N", description = "environment threads (default: the cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", paramLabel = "FILE", description = "also write the per-episode results there")
    Path json;

    @Option(
            names = "--variant",
            paramLabel = "ID",
            description = "evaluate one LIBERO-Plus variant instead of the clean suite: its task under its"
                    + " perturbation, e.g. libero_goal/1/camera/L3/0 (ids in datasets/libero-plus-variants/)")
    String variant = "";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Suite s = Suite.of(suite);
        Checks.range("--states", states, 1, 50);
        Checks.range("--threads", threads, 1, 1024);
        if (json != null) {
            Checks.outputFile("--json", json);
        }
        try (SmallVla policy = SmallVla.load(checkpoint)) {
            EnvOptions options =
                    EnvOptions.DEFAULT.withSize(policy.config().imageSize()).withVariant(variant);
            EvalResult r = new Evaluator(task -> Envs.create(env, task, options))
                    .firstStates(states)
                    .threads(threads)
                    .progress(System.err)
                    .evaluate(policy, options.hasVariant() ? List.of(variantTask(s)) : s.tasks());
            out.println(r.taskTable().printAll());
            out.printf(
                    "%s: %.1f%% of %d episodes (%.1f episodes/s)%n",
                    options.hasVariant() ? "variant " + variant : s.id(),
                    100 * r.successRate(),
                    r.episodes().size(),
                    r.episodesPerSecond());
            if (json != null) {
                r.writeJson(json);
                out.println("wrote " + json);
            }
        }
        return 0;
    }

    /** The task a variant id perturbs, which must be of the suite evaluated. */
    private Task variantTask(Suite s) {
        try {
            VariantId v = VariantId.parse(variant);
            if (v.suite() != s) {
                throw new IllegalArgumentException("it is not a variant of --suite " + s.id());
            }
            return v.task();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--variant " + variant + ": " + e.getMessage());
        }
    }
}
