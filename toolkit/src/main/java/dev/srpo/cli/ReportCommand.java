package dev.srpo.cli;

import dev.srpo.rl.Comparison;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code srpo report}: training runs side by side, as a committed results folder (SRPO vs GRPO per suite). */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Turns training runs (folders written by srpo train) into a results folder: per run its run.json,"
                    + " metrics.jsonl and eval.csv; per suite a PNG of success vs RL step (one line per method, the"
                    + " one-shot and full-SFT levels dashed); summary.json; diagnostics.csv (each run's training"
                    + " metrics summarised). Prints both tables.",
        })
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the results folder")
    Path out;

    @CommandLine.Mixin
    LevelsOption levels = new LevelsOption();

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "training run folders, one per suite and method")
    List<Path> runs;

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a file, not a folder");
        }
        Comparison c = Comparison.write(out, runs, levels.levels());
        printer.println(c.table().printAll());
        printer.println(c.diagnostics().printAll());
        printer.println("wrote " + out.resolve(Comparison.SUMMARY) + ", " + out.resolve(Comparison.DIAGNOSTICS)
                + " and a curve per suite: "
                + c.suites().stream()
                        .map(s -> out.resolve(s + ".png").toString())
                        .toList());
        return 0;
    }
}
