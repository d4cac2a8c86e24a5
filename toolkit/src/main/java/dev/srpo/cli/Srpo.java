package dev.srpo.cli;

import dev.srpo.Engines;
import dev.srpo.Profile;
import dev.srpo.SrpoToolkit;
import dev.srpo.io.Provenance;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code srpo} command, started by {@code bin/srpo} (which puts the toolkit and the embedded simulator on the
 * classpath and passes DJL's offline flags). One argument parser, picocli, for every subcommand: an unknown option
 * or a bad value is an error (exit status 2) that names it and lists what is valid, before any work starts.
 */
@Command(
        name = "srpo",
        mixinStandardHelpOptions = true,
        versionProvider = Srpo.Version.class,
        description = "SRPO Lab: post-train VLA policies with SRPO on the embedded simulator or the real LIBERO.",
        subcommands = {
            Srpo.Info.class,
            SftCommand.class,
            TrainCommand.class,
            OfflineCommand.class,
            EvalCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Srpo extends CommandGroup {

    /** Runs the command named by {@code args} and exits with its status. */
    public static void main(String[] args) {
        Engines.stayOffline();
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command and returns its exit status (0 ok, 1 failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Srpo());
        for (CommandProvider c : ServiceLoader.load(CommandProvider.class, Srpo.class.getClassLoader())) {
            CommandLine parent =
                    c.parent().isEmpty() ? cli : cli.getSubcommands().get(c.parent());
            if (parent == null) {
                throw new IllegalStateException(
                        c.getClass().getName() + " goes under 'srpo " + c.parent() + "', which does not exist");
            }
            parent.addSubcommand(new CommandLine(c));
        }
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionStrategy(parsed -> {
            recordProvenance(args, parsed);
            if (parsed.hasSubcommand()
                    && parsed.subcommand().commandSpec().name().equals("bench")
                    && parsed.subcommand().hasSubcommand()
                    && !parsed.subcommand().subcommand().isUsageHelpRequested()
                    && !parsed.subcommand()
                            .subcommand()
                            .isVersionHelpRequested()) { // a bench's table says where it was measured
                parsed.commandSpec().commandLine().getOut().println("# " + Provenance.line(Provenance.of()));
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) { // bad input found while checking it: usage, not a crash
                line.getErr().println(line.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            if (e instanceof IllegalStateException && System.getenv("SRPO_DEBUG") == null) {
                // a run that went wrong, said in its own words (SRPO_DEBUG=1 shows the stack trace)
                line.getErr().println(line.getCommandName() + ": failed: " + e.getMessage());
                return 1;
            }
            line.getErr().println(line.getCommandName() + ": failed: " + e);
            e.printStackTrace(line.getErr());
            return 1;
        });
        return cli.execute(args);
    }

    /** {@code srpo info}. */
    @Command(name = "info", description = "The toolkit's version, Java, the DJL engine and device, the scale profile.")
    static final class Info implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.println("SRPO Lab toolkit " + SrpoToolkit.version());
            out.println("Java      " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
            out.println("Engine    " + Engines.describe());
            out.println("Libtorch  " + Engines.libtorch());
            out.println("Profile   " + Profile.current() + " (set " + Profile.ENV + "=ci|full)");
            return 0;
        }
    }

    /** The toolkit's version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SRPO Lab toolkit " + SrpoToolkit.version()};
        }
    }

    /** The command line and the executed subcommand's resolved options, for the files it writes. */
    private static void recordProvenance(String[] args, CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        for (CommandLine.Model.OptionSpec o : last.commandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                Object v = o.getValue();
                options.put(o.longestName(), v == null ? null : v instanceof Path p ? p.toString() : v);
            }
        }
        for (CommandLine.Model.PositionalParamSpec p : last.commandSpec().positionalParameters()) {
            Object v = p.getValue();
            options.put(p.paramLabel(), v == null ? null : v.toString());
        }
        Provenance.command("srpo " + String.join(" ", args), options);
    }
}
