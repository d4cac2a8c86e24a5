package dev.srpo.tabletop;

import dev.srpo.Engines;
import dev.srpo.data.DemoDataset;
import dev.srpo.env.Suite;
import dev.srpo.eval.EvalResult;
import dev.srpo.eval.Evaluator;
import dev.srpo.io.ProgressBar;
import dev.srpo.policy.PolicyConfig;
import dev.srpo.policy.Sft;
import dev.srpo.policy.SftConfig;
import dev.srpo.policy.SftResult;
import dev.srpo.policy.SmallVla;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SFT baseline end to end for one suite: demonstrations (generated once, reused when present), behaviour
 * cloning, checkpoint, greedy evaluation; prints training wall time, success and evaluation episodes/s.
 *
 * <pre>
 * bin/srpo sft-baseline --suite SUITE[:i,j] --per-task N [--steps N] [--states 50] --out DIR [--noise X]
 * </pre>
 *
 * <p>Training uses {@link SftConfig#forDataset}: {@link SftConfig#ONE_SHOT} for one demonstration per task,
 * {@link SftConfig#FULL} otherwise (at least six passes over the samples); 0 SFT steps means the preset's.
 * {@code --pretrain N} first pretrains ({@link SftConfig#PRETRAIN}) on N demonstrations per task of the
 * <em>other</em> three suites, the role OpenVLA's pretraining plays for OpenVLA*-One; off by default (why:
 * {@code docs/design-choices.md}).
 */
public final class SftBaseline {

    private SftBaseline() {}

    /**
     * Demonstrations (made once into {@code out/demos}), SFT, and the greedy evaluation on the first {@code states}
     * evaluation states of every task; writes {@code out/policy.vla} and {@code out/eval.json}.
     *
     * @param suiteSpec a suite, or {@code suite:i,j} for some of its tasks
     * @param steps SFT steps, 0 for the preset's
     * @param pretrainPerTask demonstrations per task of the other three suites to pretrain on first (0: none)
     */
    public static void run(
            String suiteSpec,
            int perTask,
            int steps,
            int states,
            Path out,
            double noise,
            int size,
            boolean proprio,
            int pretrainPerTask)
            throws IOException {
        Engines.stayOffline();
        String[] spec = suiteSpec.split(":"); // a suite, or suite:i,j for some of its tasks
        Suite suite = Suite.of(spec[0]);
        List<dev.srpo.env.Task> tasks = spec.length == 1
                ? suite.tasks()
                : java.util.Arrays.stream(spec[1].split(","))
                        .map(i -> suite.task(Integer.parseInt(i)))
                        .toList();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        PolicyConfig config = PolicyConfig.DEFAULT.withImageSize(size).withProprio(proprio);
        Path data = out.resolve("demos");
        DemoDataset ds = Files.exists(data.resolve(DemoDataset.INDEX))
                ? DemoDataset.open(data)
                : DemoGenerator.generate(data, tasks, perTask, noise, 0, config.imageSize(), System.err);
        List<DemoDataset> pretraining = new ArrayList<>();
        for (Suite other : Suite.values()) {
            Path dir = out.resolve("pretrain").resolve(other.id());
            if (other != suite && pretrainPerTask > 0) {
                pretraining.add(
                        Files.exists(dir.resolve(DemoDataset.INDEX))
                                ? DemoDataset.open(dir)
                                : DemoGenerator.generate(
                                        dir, other.tasks(), pretrainPerTask, noise, 0, config.imageSize(), System.err));
            }
        }
        List<DemoDataset> everything = new ArrayList<>(pretraining);
        everything.add(ds);
        try (SmallVla policy = Sft.newPolicy(DemoDataset.chain(everything), config, List.of(), 0)) {
            if (!pretraining.isEmpty()) {
                SftConfig pre = SftConfig.PRETRAIN;
                SftResult p = Sft.train(
                        policy,
                        DemoDataset.chain(pretraining),
                        pre,
                        new ProgressBar(System.err, "pretrain", pre.steps()));
                System.out.printf(
                        "pretrained on %d demos/task of %d other suites: %.1f s (loss %.3f -> %.3f)%n",
                        pretrainPerTask, pretraining.size(), p.seconds(), p.firstLoss(20), p.lastLoss(50));
            }
            SftConfig preset = SftConfig.forDataset(perTask, ds.steps());
            SftConfig sft = steps > 0 ? preset.withSteps(steps) : preset;
            SftResult r = Sft.train(policy, ds, sft, new ProgressBar(System.err, "sft", sft.steps()));
            policy.save(out.resolve("policy.vla"));
            EvalResult e = new Evaluator(t -> new TabletopEnv(
                            t, TabletopOptions.DEFAULT.withSize(config.imageSize(), config.imageSize())))
                    .firstStates(states)
                    .threads(threads)
                    .progress(System.err)
                    .evaluate(policy, tasks);
            e.writeJson(out.resolve("eval.json"));
            System.out.println(e.taskTable());
            System.out.printf(
                    "%s per-task=%d demos=%d samples=%d params=%d sft %.1f s (loss %.3f -> %.3f) success %.1f%%"
                            + " eval %.2f episodes/s (%d threads)%n",
                    suite.id(),
                    perTask,
                    ds.size(),
                    r.samples(),
                    policy.parameterCount(),
                    r.seconds(),
                    r.firstLoss(20),
                    r.lastLoss(50),
                    100 * e.successRate(),
                    e.episodesPerSecond(),
                    threads);
        }
    }
}
