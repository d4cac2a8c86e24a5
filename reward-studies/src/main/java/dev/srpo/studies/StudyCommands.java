package dev.srpo.studies;

import dev.srpo.Profile;
import dev.srpo.cli.Checks;
import dev.srpo.cli.CommandProvider;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The reward studies' {@code srpo} subcommands (found by {@link CommandProvider}): {@code reward-benchmark},
 * {@code encoders} and {@code bench reward}.
 */
public final class StudyCommands {

    private StudyCommands() {}

    /** {@code srpo reward-benchmark}: the progress-reward benchmark (paper Table 3). */
    @Command(
            name = "reward-benchmark",
            mixinStandardHelpOptions = true,
            description = "The progress-reward benchmark (paper Table 3) of the shipped encoders (and a V-JEPA 2"
                    + " export with --vjepa2) on labelled trajectories; writes OUT/progress-benchmark-PROFILE.csv/.md.")
    public static final class RewardBenchmark implements Callable<Integer>, CommandProvider {

        @Option(names = "--profile", paramLabel = "ci|full", description = "scale (default: $SRPO_PROFILE, else full)")
        String profile;

        @Option(names = "--tasks-per-suite", paramLabel = "N", description = "tasks per suite (default: 2 ci, 10 full)")
        Integer tasksPerSuite;

        @Option(names = "--perturbed-share", paramLabel = "X", description = "share of perturbed trajectories (0.2)")
        Double perturbedShare;

        @Option(names = "--encoders", paramLabel = "DIR", description = "world-model and image-ssl from a folder")
        Path encoders;

        @Option(names = "--vjepa2", paramLabel = "FILE.pt", description = "add a V-JEPA 2 TorchScript export")
        Path vjepa2;

        @Option(names = "--out", paramLabel = "DIR", description = "results folder (default: ${DEFAULT-VALUE})")
        Path out = Path.of("reward-studies/results");

        @Override
        public Integer call() {
            Profile p = profile == null ? Profile.current() : Profile.parse(profile, "--profile");
            Checks.range("--tasks-per-suite", tasksPerSuite, 1, 10);
            if (perturbedShare != null) {
                Checks.number("--perturbed-share", perturbedShare, 0, 1);
            }
            ProgressBenchmark.run(p, tasksPerSuite, perturbedShare, encoders, vjepa2, out);
            return 0;
        }
    }

    /** {@code srpo encoders}: retrain the shipped CPU encoders. */
    @Command(
            name = "encoders",
            mixinStandardHelpOptions = true,
            description = "Trains the CPU encoders shipped in datasets/world-model/ (the world model and the image"
                    + " baseline) from scratch; rebuild afterwards (make setup) so the toolkit jar carries them.")
    public static final class TrainEncodersRun implements Callable<Integer>, CommandProvider {

        @Option(names = "--out", paramLabel = "DIR", description = "where the weights go (default: ${DEFAULT-VALUE})")
        Path out = Path.of("datasets/world-model");

        @Option(names = "--steps", paramLabel = "N", description = "training steps (default: the shipped recipe's)")
        Integer steps;

        @Option(names = "--only", paramLabel = "NAME", description = "world-model or image-ssl (default: both)")
        String only;

        @Override
        public Integer call() {
            Checks.range("--steps", steps, 1, 10_000_000);
            if (only != null && !only.equals("world-model") && !only.equals("image-ssl")) {
                throw new IllegalArgumentException("--only must be world-model or image-ssl, got " + only);
            }
            TrainEncoders.run(out, steps, only);
            return 0;
        }
    }

    /** {@code srpo bench reward}: what the SRPO reward costs per batch. */
    @Command(
            name = "reward",
            mixinStandardHelpOptions = true,
            description = "What the SRPO reward costs per batch: encoding (world model vs pixels) and the reward.")
    public static final class BenchReward implements Callable<Integer>, CommandProvider {

        @Option(names = "--rollouts", paramLabel = "N", description = "rollouts per batch (default: ${DEFAULT-VALUE})")
        int rollouts = 512;

        @Option(names = "--repeats", paramLabel = "N", description = "timed repeats (default: ${DEFAULT-VALUE})")
        int repeats = 3;

        @Override
        public String parent() {
            return "bench";
        }

        @Override
        public Integer call() {
            Checks.range("--rollouts", rollouts, 1, 100_000);
            Checks.range("--repeats", repeats, 1, 1000);
            RewardCostBench.run(rollouts, repeats);
            return 0;
        }
    }
}
