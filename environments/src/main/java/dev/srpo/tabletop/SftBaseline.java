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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SFT baseline end to end for one suite: demonstrations (generated once, reused when present), behaviour
 * cloning, checkpoint, greedy evaluation; prints training wall time, success and evaluation episodes/s.
 *
 * <pre>
 * java -cp ... dev.srpo.tabletop.SftBaseline &lt;suite&gt; &lt;per-task&gt; &lt;sft steps&gt; &lt;eval states&gt; &lt;out dir&gt; [noise]
 * </pre>
 *
 * <p>Training uses {@link SftConfig#forDataset}: {@link SftConfig#ONE_SHOT} for one demonstration per task,
 * {@link SftConfig#FULL} otherwise (at least six passes over the samples); 0 SFT steps means the preset's.
 * {@code -Dpretrain=N} first pretrains ({@link SftConfig#PRETRAIN}) on N demonstrations per task of the
 * <em>other</em> three suites, the role OpenVLA's pretraining plays for OpenVLA*-One; off by default, since with
 * N = 8 it moved one-shot success (±3 px shifts) by +7.2 (Spatial), +4.8 (Object) and −13.4 points (Goal).
 */
public final class SftBaseline {

    private SftBaseline() {}

    public static void main(String[] args) throws Exception {
        Engines.stayOffline();
        String[] spec = args[0].split(":"); // a suite, or suite:i,j for some of its tasks
        Suite suite = Suite.of(spec[0]);
        List<dev.srpo.env.Task> tasks = spec.length == 1
                ? suite.tasks()
                : java.util.Arrays.stream(spec[1].split(","))
                        .map(i -> suite.task(Integer.parseInt(i)))
                        .toList();
        int perTask = Integer.parseInt(args[1]);
        int steps = Integer.parseInt(args[2]);
        int states = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        double noise = args.length > 5 ? Double.parseDouble(args[5]) : DemoGenerator.DEFAULT_NOISE;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        PolicyConfig config = PolicyConfig.DEFAULT
                .withImageSize(Integer.getInteger("size", PolicyConfig.DEFAULT.imageSize()))
                .withProprio(Boolean.getBoolean("proprio"));
        Path data = out.resolve("demos");
        DemoDataset ds = Files.exists(data.resolve(DemoDataset.INDEX))
                ? DemoDataset.open(data)
                : DemoGenerator.generate(data, tasks, perTask, noise, 0, config.imageSize(), System.err);
        List<DemoDataset> pretraining = new ArrayList<>();
        int pretrainPerTask = Integer.getInteger("pretrain", 0);
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
