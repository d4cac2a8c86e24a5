package dev.srpo.cli;

import dev.srpo.data.DemoDataset;
import dev.srpo.io.ProgressBar;
import dev.srpo.policy.PolicyConfig;
import dev.srpo.policy.Sft;
import dev.srpo.policy.SftConfig;
import dev.srpo.policy.SftResult;
import dev.srpo.policy.SmallVla;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code srpo sft}: behaviour cloning of the default VLA on a demonstration dataset. */
@Command(
        name = "sft",
        mixinStandardHelpOptions = true,
        description = "Behaviour cloning of the default VLA on a demonstration dataset; writes its checkpoint."
                + " Defaults: SftConfig.forDataset (ONE_SHOT for one demonstration per task, else FULL, >= 6 passes).")
final class SftCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the demonstration dataset folder")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the checkpoint to write (.vla)")
    Path out;

    @Option(names = "--steps", paramLabel = "N", description = "optimizer steps (default: the preset's)")
    Integer steps;

    @Option(names = "--batch", paramLabel = "N", description = "samples per step, 1..1024 (default: 32)")
    Integer batch;

    @Option(names = "--lr", paramLabel = "LR", description = "learning rate in (0, 1] (default: 0.001)")
    Float lr;

    @Option(names = "--shift", paramLabel = "PX", description = "image shift augmentation, 0..32 px")
    Integer shift;

    @Option(names = "--seed", paramLabel = "N", description = "seed (default: 0)")
    Long seed;

    @Option(names = "--pretrain", split = ",", paramLabel = "DIR", description = "pretrain first on these sets")
    List<Path> pretrain = new ArrayList<>();

    @Option(names = "--pretrain-steps", paramLabel = "N", description = "pretraining steps (default: ${DEFAULT-VALUE})")
    int pretrainSteps = SftConfig.PRETRAIN.steps();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Checks.outputFile("--out", this.out);
        Checks.range("--steps", steps, 1, 10_000_000);
        Checks.range("--batch", batch, 1, 1024);
        Checks.range("--shift", shift, 0, 32);
        Checks.range("--pretrain-steps", pretrainSteps, 1, 10_000_000);
        if (lr != null && !(lr > 0 && lr <= 1)) {
            throw new IllegalArgumentException("--lr must be a number in (0, 1], got " + lr);
        }
        DemoDataset dataset = DemoDataset.open(data);
        SftConfig d = SftConfig.forDataset(demonstrationsPerTask(dataset), dataset.steps());
        SftConfig config = new SftConfig(
                steps != null ? steps : d.steps(),
                batch != null ? batch : d.batchSize(),
                lr != null ? lr : d.learningRate(),
                shift != null ? shift : d.shift(),
                d.brightness(),
                seed != null ? seed : d.seed());
        out.printf("%s: %d episodes, %d steps%n", dataset.dir(), dataset.size(), dataset.steps());
        List<DemoDataset> pretraining = pretrain.stream().map(DemoDataset::open).toList();
        List<DemoDataset> everything = new ArrayList<>(pretraining);
        everything.add(dataset);
        PrintStream bar = System.err;
        try (SmallVla policy =
                Sft.newPolicy(DemoDataset.chain(everything), PolicyConfig.DEFAULT, List.of(), config.seed())) {
            if (!pretraining.isEmpty()) {
                SftConfig pre = SftConfig.PRETRAIN
                        .withSteps(pretrainSteps)
                        .withBatchSize(config.batchSize())
                        .withSeed(config.seed());
                SftResult p = Sft.train(
                        policy, DemoDataset.chain(pretraining), pre, new ProgressBar(bar, "pretrain", pre.steps()));
                Checks.finiteLoss(p, "pretraining");
                out.printf(
                        "pretrained %d steps on %d sets in %.1f s, loss %.3f -> %.3f%n",
                        pre.steps(), pretraining.size(), p.seconds(), p.firstLoss(20), p.lastLoss(50));
            }
            SftResult r = Sft.train(policy, dataset, config, new ProgressBar(bar, "sft", config.steps()));
            Checks.finiteLoss(r, "training");
            policy.save(this.out); // refuses non-finite weights
            out.printf(
                    "trained %d steps in %.1f s, loss %.3f -> %.3f; wrote %s%n",
                    config.steps(), r.seconds(), r.firstLoss(20), r.lastLoss(50), this.out);
        }
        return 0;
    }

    private static int demonstrationsPerTask(DemoDataset data) {
        Map<String, Integer> perTask = new HashMap<>();
        data.entries().forEach(e -> perTask.merge(e.task(), 1, Integer::sum));
        return perTask.values().stream().max(Integer::compare).orElse(1);
    }
}
