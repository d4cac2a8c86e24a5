package dev.srpo.cli;

import dev.srpo.env.EnvOptions;
import dev.srpo.env.Envs;
import dev.srpo.env.Suite;
import dev.srpo.eval.EvalResult;
import dev.srpo.eval.Evaluator;
import dev.srpo.policy.SmallVla;
import java.io.PrintWriter;
import java.nio.file.Path;
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
            EnvOptions options = new EnvOptions(policy.config().imageSize(), false);
            EvalResult r = new Evaluator(task -> Envs.create(env, task, options))
                    .firstStates(states)
                    .threads(threads)
                    .progress(System.err)
                    .evaluate(policy, s.tasks());
            out.println(r.taskTable().printAll());
            out.printf(
                    "%s: %.1f%% of %d episodes (%.1f episodes/s)%n",
                    s.id(), 100 * r.successRate(), r.episodes().size(), r.episodesPerSecond());
            if (json != null) {
                r.writeJson(json);
                out.println("wrote " + json);
            }
        }
        return 0;
    }
}
