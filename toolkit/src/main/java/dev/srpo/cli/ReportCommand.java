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
                    + " metrics summarised). Prints both tables. With --against, also sets these runs against another"
                    + " study's results folder (the same runs with one setting changed): against.csv (final success"
                    + " and the mean of the last 5 evaluations in each, and the difference) and <suite>-against.png.",
        })
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the results folder")
    Path out;

    @CommandLine.Mixin
    LevelsOption levels = new LevelsOption();

    @Option(
            names = "--against",
            paramLabel = "NAME=DIR",
            description = "a results folder of srpo report to set these runs against, and what sets it apart,"
                    + " e.g. \"no KL=results/srpo-vs-grpo\"")
    String against;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "what sets these runs apart from the --against study (default: ${DEFAULT-VALUE})")
    String name = "these runs";

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "training run folders, one per suite and method")
    List<Path> runs;

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + " is a file, not a folder");
        }
        if (against == null && spec.commandLine().getParseResult().hasMatchedOption("--name")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--name names these runs for --against, which is missing");
        }
        String otherName = null;
        Comparison other = null;
        if (against != null) { // read first: a bad --against writes nothing
            int eq = against.indexOf('=');
            if (eq <= 0 || eq == against.length() - 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--against " + against + " is not NAME=DIR, e.g. \"no KL=results/srpo-vs-grpo\"");
            }
            otherName = against.substring(0, eq);
            if (otherName.equals(name)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--name and --against both say '" + name + "': name each study by what sets it apart");
            }
            other = Comparison.read(Path.of(against.substring(eq + 1)));
        }
        Comparison c = Comparison.write(out, runs, levels.levels());
        printer.println(c.table().printAll());
        printer.println(c.diagnostics().printAll());
        printer.println("wrote " + out.resolve(Comparison.SUMMARY) + ", " + out.resolve(Comparison.DIAGNOSTICS)
                + " and a curve per suite: "
                + c.suites().stream()
                        .map(s -> out.resolve(s + ".png").toString())
                        .toList());
        if (other != null) {
            c.writeAgainst(out, name, other, otherName);
            printer.println(c.against(name, other, otherName).printAll());
            printer.println("wrote " + out.resolve(Comparison.AGAINST) + " and a <suite>-against.png per suite");
        }
        return 0;
    }
}
