package dev.srpo.policy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.srpo.data.Episode;
import dev.srpo.env.Actions;
import dev.srpo.env.Observation;
import dev.srpo.io.ProgressBar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Supervised fine-tuning by behaviour cloning: cross-entropy between the policy's token logits and the action
 * tokens of the demonstrations, with image augmentation, seeded. A sample is the frame at step t and the
 * actions t..t+K−1 (past the episode's end, the last action repeated), like OpenVLA-OFT's chunked targets.
 *
 * <p>Training holds every frame deflated (about 5× smaller than raw RGB; inflating one costs about a third of a
 * millisecond), so pass a {@link dev.srpo.data.DemoDataset} itself to stream it from disk: full SFT on LIBERO-Long
 * (100 k frames of 192×192, 11 GB raw) then needs about 2 GB of heap.
 *
 * <pre>{@code
 * DemoDataset demos = DemoDataset.open(Path.of("datasets/demos/one-shot/libero_goal"));
 * SmallVla policy = Sft.newPolicy(demos, PolicyConfig.DEFAULT, List.of(), 0);
 * SftConfig config = SftConfig.forDataset(1, demos.steps());
 * SftResult r = Sft.train(policy, demos, config, new ProgressBar(System.err, "sft", config.steps()));
 * policy.save(Path.of("one-shot.vla"));
 * }</pre>
 */
public final class Sft {

    private Sft() {}

    /**
     * A fresh default model whose action statistics come from these demonstrations and whose vocabulary holds
     * LIBERO's instructions, the demonstrations' and {@code extraTexts} (e.g. paraphrases).
     */
    public static SmallVla newPolicy(
            Iterable<Episode> episodes, PolicyConfig config, Collection<String> extraTexts, long seed) {
        List<float[]> actions = new ArrayList<>();
        List<String> texts = new ArrayList<>(extraTexts);
        for (Episode e : episodes) {
            actions.addAll(e.actions());
            texts.add(e.instruction());
        }
        return SmallVla.create(config, ActionTokenizer.fit(actions), InstructionTokenizer.libero(texts), seed);
    }

    /**
     * Trains the policy on the demonstrations.
     *
     * @param progress drawn once per step with the running loss; null for none
     * @throws IllegalArgumentException if there are no demonstration steps
     */
    public static SftResult train(
            VlaPolicy policy, Iterable<Episode> episodes, SftConfig config, ProgressBar progress) {
        List<Sample> samples = samples(policy, episodes);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(
                    "SFT needs at least one demonstration step, but the demonstrations have none");
        }
        SplittableRandom random = new SplittableRandom(config.seed());
        Tracker lr = Tracker.cosine()
                .setBaseValue(config.learningRate())
                .optFinalValue(config.learningRate() / 10)
                .setMaxUpdates(config.steps())
                .build();
        Optimizer adam =
                Optimizer.adam().optLearningRateTracker(lr).optClipGrad(1f).build();
        float[] losses = new float[config.steps()];
        long start = System.nanoTime();
        double running = Double.NaN;
        try (Trainer trainer = policy.newTrainer(adam)) {
            for (int step = 0; step < config.steps(); step++) {
                List<Observation> batch = new ArrayList<>(config.batchSize());
                int[][] targets = new int[config.batchSize()][];
                for (int b = 0; b < config.batchSize(); b++) {
                    Sample s = samples.get(random.nextInt(samples.size()));
                    batch.add(augment(s, config, random));
                    targets[b] = s.tokens;
                }
                try (NDManager m = policy.model().getNDManager().newSubManager();
                        GradientCollector gc = trainer.newGradientCollector()) {
                    NDArray logits = policy.logits(m, batch, true);
                    NDArray loss =
                            Sampling.pick(logits.logSoftmax(-1), targets).mean().neg();
                    gc.backward(loss);
                    losses[step] = loss.getFloat();
                }
                trainer.step();
                running = Double.isNaN(running) ? losses[step] : 0.95 * running + 0.05 * losses[step];
                if (progress != null) {
                    progress.update(step + 1, String.format("loss %.3f", running));
                }
            }
        }
        return new SftResult(losses, samples.size(), (System.nanoTime() - start) / 1e9);
    }

    /** One training pair: a frame (deflated, at its recorded size) and the chunk's target tokens. */
    private record Sample(byte[] frame, int width, int height, String instruction, float[] proprio, int[] tokens) {}

    private static List<Sample> samples(VlaPolicy policy, Iterable<Episode> episodes) {
        ActionTokenizer tok = policy.actionTokenizer();
        int k = policy.chunk();
        boolean proprioNeeded = policy instanceof SmallVla v && v.config().proprio();
        List<Sample> out = new ArrayList<>();
        for (Episode e : episodes) {
            if (proprioNeeded && e.proprioDim() != PolicyConfig.PROPRIO_DIM) {
                throw new IllegalArgumentException("the policy reads proprioception but the demonstration of "
                        + e.task() + " has " + (e.proprioDim() == 0 ? "none" : e.proprioDim() + "-D states"));
            }
            int n = e.length();
            byte[][] frames = e.frames().parallelStream().map(Sft::deflate).toArray(byte[][]::new);
            int[][] stepTokens = new int[n][];
            for (int t = 0; t < n; t++) {
                stepTokens[t] = tok.encode(e.actions().get(t));
            }
            for (int t = 0; t < n; t++) {
                int[] chunk = new int[k * Actions.DIM];
                for (int j = 0; j < k; j++) {
                    System.arraycopy(stepTokens[Math.min(n - 1, t + j)], 0, chunk, j * Actions.DIM, Actions.DIM);
                }
                float[] proprio = e.proprio() == null ? NO_PROPRIO : e.proprio().get(t);
                out.add(new Sample(frames[t], e.width(), e.height(), e.instruction(), proprio, chunk));
            }
        }
        return out;
    }

    private static final float[] NO_PROPRIO = new float[8];

    // Rendered frames deflate about 5× at the fastest level, which is what lets large sets fit in memory.
    private static byte[] deflate(byte[] frame) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(frame);
            deflater.finish();
            byte[] buffer = new byte[frame.length + frame.length / 100 + 64];
            int length = deflater.deflate(buffer);
            if (!deflater.finished()) {
                throw new IllegalStateException("a frame did not deflate into its bound");
            }
            return Arrays.copyOf(buffer, length);
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] deflated, int length) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(deflated);
            byte[] frame = new byte[length];
            if (inflater.inflate(frame) != length) {
                throw new IllegalStateException("a stored frame inflated to the wrong size");
            }
            return frame;
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored frame is corrupt", e);
        } finally {
            inflater.end();
        }
    }

    // A random translation (edges replicated) and brightness scale: the cheap augmentations that keep a CNN from
    // memorising exact pixels of one demonstration.
    private static Observation augment(Sample s, SftConfig config, SplittableRandom random) {
        int w = s.width;
        int h = s.height;
        int dx = config.shift() == 0 ? 0 : random.nextInt(-config.shift(), config.shift() + 1);
        int dy = config.shift() == 0 ? 0 : random.nextInt(-config.shift(), config.shift() + 1);
        float scale = config.brightness() == 0 ? 1f : (float) (1 + config.brightness() * (2 * random.nextDouble() - 1));
        byte[] frame = inflate(s.frame, 3 * w * h);
        byte[] out = new byte[frame.length];
        for (int y = 0; y < h; y++) {
            int sy = Math.max(0, Math.min(h - 1, y + dy));
            for (int x = 0; x < w; x++) {
                int sx = Math.max(0, Math.min(w - 1, x + dx));
                int src = (sy * w + sx) * 3;
                int dst = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    out[dst + c] = (byte) Math.min(255, Math.round((frame[src + c] & 0xFF) * scale));
                }
            }
        }
        return new Observation(out, w, h, null, s.proprio, s.instruction);
    }
}
