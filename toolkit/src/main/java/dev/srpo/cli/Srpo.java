package dev.srpo.cli;

import dev.srpo.Engines;
import dev.srpo.Profile;
import dev.srpo.SrpoToolkit;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code srpo} command. Started by {@code bin/srpo}, which puts the toolkit's runtime classpath together
 * and passes DJL's offline flags. Sub-commands grow with the toolkit (sft, train, eval, bench).
 */
public final class Srpo {

    private static final String USAGE = """
            usage: srpo <command>
              info     toolkit version, Java, the DJL engine and device, the scale profile
              help     this text""";

    private Srpo() {}

    /** Runs the command named by {@code args[0]} and exits with its status. */
    public static void main(String[] args) {
        Engines.stayOffline();
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command and returns its exit status (0 ok, 2 bad usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "help" : args[0];
        switch (command) {
            case "info" -> {
                out.println("SRPO Lab toolkit " + SrpoToolkit.version());
                out.println("Java      " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
                out.println("Engine    " + Engines.describe());
                out.println("Profile   " + Profile.current() + " (set " + Profile.ENV + "=ci|full)");
                return 0;
            }
            case "help", "-h", "--help" -> {
                out.println(USAGE);
                return 0;
            }
            default -> {
                err.println("srpo: unknown command '" + command + "' (arguments: " + Arrays.toString(args) + ")");
                err.println(USAGE);
                return 2;
            }
        }
    }
}
