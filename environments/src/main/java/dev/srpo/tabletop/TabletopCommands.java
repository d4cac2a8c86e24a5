package dev.srpo.tabletop;

import dev.srpo.cli.Checks;
import dev.srpo.cli.CommandProvider;
import dev.srpo.data.DemoDataset;
import dev.srpo.env.Suite;
import dev.srpo.policy.PolicyConfig;
import dev.srpo.tabletop.perturb.VariantGenerator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The embedded simulator's {@code srpo} subcommands (found by {@link CommandProvider}): {@code demos},
 * {@code variants}, {@code sft-baseline} and {@code bench env}.
 */
public final class TabletopCommands {

    private TabletopCommands() {}

    /** The demonstrations' options, shared by {@code demos} and {@code sft-baseline}. */
    static final class DemoOptions {

        @Option(
                names = "--per-task",
                paramLabel = "N",
                description = "demonstrations per task (default: ${DEFAULT-VALUE})")
        int perTask = 1;

        @Option(
                names = "--noise",
                paramLabel = "X",
                description = "the expert's motion noise (default: ${DEFAULT-VALUE})")
        double noise = DemoGenerator.DEFAULT_NOISE;

        @Option(names = "--size", paramLabel = "PX", description = "frame side (default: ${DEFAULT-VALUE})")
        int size = PolicyConfig.DEFAULT.imageSize();

        void check() {
            Checks.range("--per-task", perTask, 1, 1000);
            Checks.number("--noise", noise, 0, 1);
            Checks.range("--size", size, 16, 1024);
        }
    }

    /** {@code srpo demos}: scripted demonstrations of a suite, as a {@link DemoDataset}. */
    @Command(
            name = "demos",
            mixinStandardHelpOptions = true,
            description = "Scripted-expert demonstrations of a suite on training layouts (the shipped one-shot sets:"
                    + " --per-task 1), written as a DemoDataset with its card; byte-identical for the same options.")
    public static final class Demos implements Callable<Integer>, CommandProvider {

        @Option(names = "--suite", required = true, paramLabel = "SUITE", description = "spatial|object|goal|long")
        String suite;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the dataset's folder")
        Path out;

        @Mixin
        DemoOptions demos = new DemoOptions();

        @Option(names = "--seed", paramLabel = "N", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            demos.check();
            DemoDataset ds = DemoGenerator.generate(
                    out, Suite.of(suite).tasks(), demos.perTask, demos.noise, seed, demos.size, System.err);
            System.out.printf("%s: %d episodes, %d steps%n", out, ds.size(), ds.steps());
            return 0;
        }
    }

    /** {@code srpo variants}: the LIBERO-Plus-style variant lists. */
    @Command(
            name = "variants",
            mixinStandardHelpOptions = true,
            description = "LIBERO-Plus-style variant lists, one JSON per suite (the shipped ones: seed 2025).")
    public static final class Variants implements Callable<Integer>, CommandProvider {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder of the lists")
        Path out;

        @Option(names = "--seed", paramLabel = "N", description = "seed (default: ${DEFAULT-VALUE}, the shipped lists)")
        long seed = VariantGenerator.SHIPPED_SEED;

        @Override
        public Integer call() {
            for (Path file : VariantGenerator.writeAll(out, seed)) {
                System.out.println(file);
            }
            return 0;
        }
    }

    /** {@code srpo sft-baseline}: the SFT baseline of one suite end to end. */
    @Command(
            name = "sft-baseline",
            mixinStandardHelpOptions = true,
            description = "The SFT baseline of one suite end to end: demonstrations (made once, reused), behaviour"
                    + " cloning, checkpoint, greedy evaluation on the evaluation states; writes OUT/policy.vla and"
                    + " OUT/eval.json.")
    public static final class SftBaselineRun implements Callable<Integer>, CommandProvider {

        @Option(names = "--suite", required = true, paramLabel = "SUITE[:i,j]", description = "a suite, or some tasks")
        String suite;

        @Mixin
        DemoOptions demos = new DemoOptions();

        @Option(
                names = "--steps",
                paramLabel = "N",
                description = "SFT steps; 0: the preset's (default: ${DEFAULT-VALUE})")
        int steps;

        @Option(
                names = "--states",
                paramLabel = "N",
                description = "evaluation states per task (default: ${DEFAULT-VALUE})")
        int states = 50;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "the run's folder")
        Path out;

        @Option(names = "--proprio", description = "feed the proprioceptive state to the policy")
        boolean proprio;

        @Option(
                names = "--pretrain",
                paramLabel = "N",
                description = "first pretrain on N demos/task of the other suites")
        int pretrain;

        @Override
        public Integer call() throws Exception {
            demos.check();
            Checks.range("--steps", steps, 0, 10_000_000);
            Checks.range("--states", states, 1, 50);
            Checks.range("--pretrain", pretrain, 0, 1000);
            SftBaseline.run(suite, demos.perTask, steps, states, out, demos.noise, demos.size, proprio, pretrain);
            return 0;
        }
    }

    /** {@code srpo bench env}: how fast the embedded simulator steps. */
    @Command(
            name = "env",
            mixinStandardHelpOptions = true,
            description = "How fast the embedded simulator steps: physics only, rendering at two sizes, the wrist"
                    + " camera, a VectorEnv on 1 and 2 threads.")
    public static final class BenchEnv implements Callable<Integer>, CommandProvider {

        @Option(names = "--seconds", paramLabel = "S", description = "seconds per case (default: ${DEFAULT-VALUE})")
        double seconds = 3;

        @Override
        public String parent() {
            return "bench";
        }

        @Override
        public Integer call() {
            Checks.number("--seconds", seconds, 0.1, 3600);
            TabletopBench.run(seconds);
            return 0;
        }
    }
}
