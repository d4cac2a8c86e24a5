package dev.srpo.cli;

import dev.srpo.Engines;
import dev.srpo.Profile;
import dev.srpo.SrpoToolkit;
import dev.srpo.data.DemoDataset;
import dev.srpo.io.ProgressBar;
import dev.srpo.policy.PolicyConfig;
import dev.srpo.policy.Sft;
import dev.srpo.policy.SftConfig;
import dev.srpo.policy.SftResult;
import dev.srpo.policy.SmallVla;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code srpo} command. Started by {@code bin/srpo}, which puts the toolkit's runtime classpath together
 * and passes DJL's offline flags. Sub-commands grow with the toolkit (sft, train, eval, bench).
 */
public final class Srpo {

    private static final String USAGE = """
            usage: srpo <command>
              info     toolkit version, Java, the DJL engine and device, the scale profile
              sft      behaviour cloning of the default VLA on a demonstration dataset:
                         srpo sft --data DIR --out FILE.vla [--steps N] [--batch 32] [--lr 0.001] [--shift PX] [--seed 0]
                                  [--pretrain DIR,DIR,... [--pretrain-steps 8000]]
                         (defaults: SftConfig.forDataset: ONE_SHOT for one demo per task, else FULL, >= 6 passes;
                         --pretrain first trains SftConfig.PRETRAIN on those sets, e.g. the other suites')
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
            case "sft" -> {
                return sft(Arrays.copyOfRange(args, 1, args.length), out, err);
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

    /** {@code srpo sft}: trains the default VLA on a dataset folder and writes its checkpoint. */
    static int sft(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                err.println("srpo sft: expected --name value pairs, got " + Arrays.toString(args));
                return 2;
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        if (!opts.containsKey("data") || !opts.containsKey("out")) {
            err.println("srpo sft: --data DIR and --out FILE are required");
            err.println(USAGE);
            return 2;
        }
        try {
            DemoDataset data = DemoDataset.open(Path.of(opts.get("data")));
            SftConfig d = SftConfig.forDataset(demonstrationsPerTask(data), data.steps());
            SftConfig config = new SftConfig(
                    Integer.parseInt(opts.getOrDefault("steps", "" + d.steps())),
                    Integer.parseInt(opts.getOrDefault("batch", "" + d.batchSize())),
                    Float.parseFloat(opts.getOrDefault("lr", "" + d.learningRate())),
                    Integer.parseInt(opts.getOrDefault("shift", "" + d.shift())),
                    d.brightness(),
                    Long.parseLong(opts.getOrDefault("seed", "" + d.seed())));
            out.printf("%s: %d episodes, %d steps%n", data.dir(), data.size(), data.steps());
            List<DemoDataset> pretraining = opts.containsKey("pretrain")
                    ? Arrays.stream(opts.get("pretrain").split(","))
                            .map(dir -> DemoDataset.open(Path.of(dir)))
                            .toList()
                    : List.of();
            List<DemoDataset> everything = new ArrayList<>(pretraining);
            everything.add(data);
            try (SmallVla policy =
                    Sft.newPolicy(DemoDataset.chain(everything), PolicyConfig.DEFAULT, List.of(), config.seed())) {
                if (!pretraining.isEmpty()) {
                    SftConfig pre = SftConfig.PRETRAIN
                            .withSteps(Integer.parseInt(
                                    opts.getOrDefault("pretrain-steps", "" + SftConfig.PRETRAIN.steps())))
                            .withBatchSize(config.batchSize())
                            .withSeed(config.seed());
                    SftResult p = Sft.train(
                            policy, DemoDataset.chain(pretraining), pre, new ProgressBar(err, "pretrain", pre.steps()));
                    out.printf(
                            "pretrained %d steps on %d sets in %.1f s, loss %.3f -> %.3f%n",
                            pre.steps(), pretraining.size(), p.seconds(), p.firstLoss(20), p.lastLoss(50));
                }
                SftResult r = Sft.train(policy, data, config, new ProgressBar(err, "sft", config.steps()));
                Path file = Path.of(opts.get("out"));
                policy.save(file);
                out.printf(
                        "trained %d steps in %.1f s, loss %.3f -> %.3f; wrote %s%n",
                        config.steps(), r.seconds(), r.firstLoss(20), r.lastLoss(50), file);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("srpo sft: " + e.getMessage());
            return 2;
        }
    }

    private static int demonstrationsPerTask(DemoDataset data) {
        Map<String, Integer> perTask = new HashMap<>();
        data.entries().forEach(e -> perTask.merge(e.task(), 1, Integer::sum));
        return perTask.values().stream().max(Integer::compare).orElse(1);
    }
}
