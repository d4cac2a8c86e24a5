package dev.srpo.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srpo.encoder.VJepa2Bench;
import dev.srpo.env.Env;
import dev.srpo.env.Observation;
import dev.srpo.env.Task;
import dev.srpo.io.AtomicFiles;
import dev.srpo.libero.LiberoBench;
import dev.srpo.policy.ActionTokenizer;
import dev.srpo.policy.InstructionTokenizer;
import dev.srpo.policy.PolicyConfig;
import dev.srpo.policy.SmallVla;
import dev.srpo.policy.VlaPolicy;
import dev.srpo.rl.Adam;
import dev.srpo.rl.Metrics;
import dev.srpo.rl.Trainer;
import dev.srpo.rl.TrainerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code srpo bench}: what the toolkit's hot paths cost, as ratios against baselines measured in the same run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks.",
        subcommands = {BenchCommand.Train.class, BenchCommand.Libero.class, BenchCommand.VJepa2.class})
final class BenchCommand extends CommandGroup {

    /**
     * {@code srpo bench train}: one RL step through the real trainer, split into phases, against (1) the policy's
     * own batched sampling rate and (2) a bare score + backward + Adam over batches of the same size, both measured
     * here first.
     */
    @Command(
            name = "train",
            mixinStandardHelpOptions = true,
            description = "One SRPO step on the embedded simulator, phase by phase, against the policy's own rates.")
    static final class Train implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--init",
                paramLabel = "FILE",
                description = "policy checkpoint (default: a fresh default policy)")
        Path init;

        @Option(names = "--suite", paramLabel = "SUITE", description = "suite (default: ${DEFAULT-VALUE})")
        String suite = "libero_object";

        @Option(names = "--prompts", paramLabel = "P", description = "prompts per step (default: ${DEFAULT-VALUE})")
        int prompts = TrainerConfig.PROMPTS_PER_STEP;

        @Option(names = "--group", paramLabel = "M", description = "rollouts per prompt (default: ${DEFAULT-VALUE})")
        int group = TrainerConfig.GROUP_SIZE;

        @Option(names = "--threads", paramLabel = "N", description = "environment threads (default: ${DEFAULT-VALUE})")
        int threads = 2;

        @Option(names = "--reward", paramLabel = "srpo|grpo", description = "reward (default: ${DEFAULT-VALUE})")
        String reward = "srpo";

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Checks.range("--prompts", prompts, 1, 4096);
            Checks.range("--group", group, 1, 256);
            Path dir = Files.createTempDirectory("srpo-bench-train");
            try (VlaPolicy policy = init != null ? SmallVla.load(init) : fresh()) {
                int size = ((SmallVla) policy).config().imageSize();
                TrainerConfig config = TrainerConfig.DEFAULTS
                        .with("suite", suite)
                        .with("reward", reward)
                        .with("steps", 1)
                        .with("promptsPerStep", prompts)
                        .with("groupSize", group)
                        .with("threads", threads)
                        .with("evalEvery", 0)
                        .with("minSuccessRate", 0.0)
                        .with("maxSuccessRate", 1.0); // every group reaches the update, whatever the policy
                Function<Task, Env> evalEnvs = Trainer.envs(config, size, false);
                List<Observation> batch = new ArrayList<>();
                for (Task t : config.suiteValue().tasks()) {
                    try (Env e = evalEnvs.apply(t)) {
                        for (int s = 0; batch.size() < 64 && s < 7; s++) {
                            batch.add(e.reset(s));
                        }
                    }
                }
                double sampleMs = sampleCost(policy, batch);
                double updateMs = updateCost(policy.copy(), batch, config);
                out.printf(
                        "policy alone: sampling %.2f ms/sample, score+backward+Adam %.2f ms/sample (batch %d)%n",
                        sampleMs, updateMs, batch.size());

                Trainer trainer = new Trainer(
                        config,
                        policy,
                        Trainer.envs(config, size, true),
                        evalEnvs,
                        config.reward().equals("srpo") ? Trainer.encoder(config) : null,
                        Trainer.reward(config),
                        dir.resolve("run"));
                ObjectNode row = trainer.log(null).run().rows().get(0);
                double rollout = row.get(Metrics.TIME_ROLLOUT).asDouble();
                double policyPart = row.get(Metrics.TIME_ROLLOUT_POLICY).asDouble();
                double encode = row.get(Metrics.TIME_ENCODE).asDouble();
                double rewardS = row.get(Metrics.TIME_REWARD).asDouble();
                double update = row.get(Metrics.TIME_UPDATE).asDouble();
                double step = row.get(Metrics.TIME_STEP).asDouble();
                int samples = row.get(Metrics.UPDATE_SAMPLES).asInt();
                int rollouts = row.get(Metrics.ROLLOUTS).asInt();
                double limit = samples * (sampleMs + updateMs) / 1000;
                out.printf(
                        "one step: %d rollouts (%d prompts x %d), %d policy samples, %d threads, %s reward%n",
                        rollouts, prompts, group, samples, threads, reward);
                out.printf("  %-22s %8.2f s%n", "rollout", rollout);
                out.printf(
                        "  %-22s %8.2f s  %.2f ms/sample = %.2fx the policy's own sampling%n",
                        "  of which policy",
                        policyPart,
                        1000 * policyPart / samples,
                        1000 * policyPart / samples / sampleMs);
                out.printf("  %-22s %8.2f s%n", "encode (world model)", encode);
                out.printf(
                        "  %-22s %8.2f s  %.2f%% of the step (target <= 5%%)%n",
                        "reward + advantage", rewardS, 100 * rewardS / step);
                out.printf(
                        "  %-22s %8.2f s  %.2f ms/sample = %.2fx a bare score+backward+Adam%n",
                        "update", update, 1000 * update / samples, 1000 * update / samples / updateMs);
                out.printf(
                        "  %-22s %8.2f s  = %.2fx its policy compute (%.2f s; target <= 1.3x)%n",
                        "step", step, step / limit, limit);
            } finally {
                AtomicFiles.deleteTree(dir);
            }
            return 0;
        }

        private static VlaPolicy fresh() {
            List<String> texts = new ArrayList<>();
            return SmallVla.create(
                    PolicyConfig.DEFAULT, ActionTokenizer.unitRange(), InstructionTokenizer.libero(texts), 0);
        }

        /** ms per observation of batched sampling, best of a few repeats after a warm-up. */
        private static double sampleCost(VlaPolicy policy, List<Observation> batch) {
            policy.sample(batch, 1.6f, 0);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                long t = System.nanoTime();
                policy.sample(batch, 1.6f, r);
                best = Math.min(best, (System.nanoTime() - t) / 1e6 / batch.size());
            }
            return best;
        }

        /** ms per observation of score + backward + Adam on the batch, best of a few repeats after a warm-up. */
        private static double updateCost(VlaPolicy policy, List<Observation> batch, TrainerConfig config) {
            int[][] tokens = policy.greedy(batch).tokens();
            List<ai.djl.util.Pair<String, ai.djl.nn.Parameter>> params = new ArrayList<>();
            policy.model().getBlock().getParameters().forEach(params::add);
            double best = Double.MAX_VALUE;
            try (policy;
                    Adam adam = new Adam(params, 1e-9, 0.9, 0.999, 1e-8, 0)) {
                for (int r = 0; r < 4; r++) {
                    long t = System.nanoTime();
                    adam.zeroGradients();
                    try (GradientCollector c = Engine.getEngine("PyTorch").newGradientCollector();
                            NDManager m = policy.model().getNDManager().newSubManager()) {
                        c.backward(policy.score(m, batch, tokens, config.temperature(), true)
                                .logProbs()
                                .sum()
                                .neg());
                    }
                    adam.step(1);
                    if (r > 0) {
                        best = Math.min(best, (System.nanoTime() - t) / 1e6 / batch.size());
                    }
                }
            }
            return best;
        }
    }

    /** {@code srpo bench libero}: the real LIBERO through the bridge against Python, or through a fleet. */
    @Command(
            name = "libero",
            mixinStandardHelpOptions = true,
            description = "The real LIBERO through the bridge vs in Python (1 and 2 workers), or with --fleet through"
                    + " a fleet of servers on Ray vs one plain server; needs .venv-libero (make setup-libero).")
    static final class Libero implements Callable<Integer> {

        @Option(names = "--fleet", description = "the fleet cases instead of the Python baseline")
        boolean fleet;

        @Option(names = "--steps", paramLabel = "N", description = "steps per environment (default: ${DEFAULT-VALUE})")
        int steps = 60;

        @Override
        public Integer call() throws Exception {
            Checks.range("--steps", steps, 1, 100_000);
            if (fleet) {
                LiberoBench.fleet(steps);
            } else {
                LiberoBench.run(steps);
            }
            return 0;
        }
    }

    /** {@code srpo bench vjepa2}: V-JEPA 2 trajectories/s through DJL, and through PyTorch on the same export. */
    @Command(
            name = "vjepa2",
            mixinStandardHelpOptions = true,
            description = "V-JEPA 2 trajectories/s through DJL (preprocessing, forward, end to end), and through"
                    + " PyTorch on the same export with --python.")
    static final class VJepa2 implements Callable<Integer> {

        @CommandLine.Parameters(paramLabel = "MODEL.pt", description = "a TorchScript export (tools/vjepa2)")
        Path model;

        @Option(names = "--batch", paramLabel = "N", description = "episodes per batch (default: ${DEFAULT-VALUE})")
        int batch = 4;

        @Option(names = "--length", paramLabel = "T", description = "frames per episode (default: ${DEFAULT-VALUE})")
        int length = 100;

        @Option(names = "--size", paramLabel = "PX", description = "frame side (default: ${DEFAULT-VALUE})")
        int size = 256;

        @Option(names = "--iterations", paramLabel = "N", description = "timed batches (default: ${DEFAULT-VALUE})")
        int iterations = 10;

        @Option(names = "--warmup", paramLabel = "N", description = "warm-up batches (default: ${DEFAULT-VALUE})")
        int warmup = 3;

        @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (0: its default)")
        int threads;

        @Option(names = "--python", paramLabel = "PYTHON", description = "PyTorch's side: e.g. .venv-export/bin/python")
        String python;

        @Override
        public Integer call() throws Exception {
            Checks.range("--batch", batch, 1, 1024);
            Checks.range("--length", length, 1, 100_000);
            Checks.range("--size", size, 16, 4096);
            Checks.range("--iterations", iterations, 1, 100_000);
            Checks.range("--warmup", warmup, 0, 100_000);
            Checks.range("--threads", threads, 0, 1024);
            VJepa2Bench.run(model, batch, length, size, iterations, warmup, python, threads);
            return 0;
        }
    }
}
