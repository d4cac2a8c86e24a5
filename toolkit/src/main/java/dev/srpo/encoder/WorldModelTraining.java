package dev.srpo.encoder;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import dev.srpo.Engines;
import dev.srpo.rollout.Video;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Self-supervised training of a {@link LatentEncoder} on videos, CPU-sized. Two objectives share one loop:
 *
 * <ul>
 *   <li>{@link Objective#WORLD_MODEL}, a JEPA-style latent world model: from the latent of frame t a predictor
 *       guesses the latent of frame t + Δ (Δ from 0 to {@code maxOffset}: Δ = 0 asks for what the frame shows now,
 *       despite the augmentation, larger Δ for what it will show), and the loss is the error of that guess in
 *       latent space, never in pixels. It must encode what will change (objects, gripper, drawers) to predict it;
 *   <li>{@link Objective#IMAGE}, a time-blind image embedding: two augmented views of the same frame must match
 *       (Δ = 0). It learns what frames look like but nothing of how videos unfold: the toolkit's stand-in for the
 *       paper's ImageBind row, a general image embedding averaged over time.
 * </ul>
 *
 * Both predict a latent that the same encoder produces, so a trivial constant latent would do; VICReg's variance
 * and covariance terms (Bardes et al., 2022) rule that collapse out: every latent dimension keeps a standard
 * deviation of at least 1 over the batch and dimensions stay decorrelated. Loss = 25·prediction + 25·variance +
 * 1·covariance, VICReg's weights. Both views get a small random shift and brightness change.
 */
public final class WorldModelTraining {

    /** What the encoder learns to predict. */
    public enum Objective {
        /** The latent of the same or a future frame of the same video (a world model). */
        WORLD_MODEL,
        /** The latent of another augmented view of the same frame (an image embedding). */
        IMAGE
    }

    /**
     * Training settings.
     *
     * @param objective what to predict
     * @param side frames are shrunk to side×side
     * @param latent latent size
     * @param frames frames the trained encoder samples per trajectory
     * @param segments the trained encoder's pooling ({@link LatentEncoder.Config#segments()})
     * @param maxOffset the world model predicts 1..maxOffset frames ahead (ignored by {@link Objective#IMAGE})
     * @param steps optimiser steps
     * @param batch frame pairs per step
     * @param learningRate Adam's learning rate
     * @param seed seeds the initial weights, the pairs and the augmentation
     */
    public record Config(
            Objective objective,
            int side,
            int latent,
            int frames,
            int segments,
            int maxOffset,
            int steps,
            int batch,
            double learningRate,
            long seed) {

        public Config {
            if (objective == null) {
                throw new IllegalArgumentException("choose an objective");
            }
            if (side < 16 || latent < 2 || frames < 1 || steps < 1 || batch < 4) {
                throw new IllegalArgumentException("bad training config: side " + side + " (>= 16), latent " + latent
                        + " (>= 2), frames " + frames + ", steps " + steps + ", batch " + batch + " (>= 4)");
            }
            if (segments < 1 || frames % segments != 0) {
                throw new IllegalArgumentException(
                        "segments (" + segments + ") must divide the frames (" + frames + ")");
            }
            if (objective == Objective.WORLD_MODEL && maxOffset < 1) {
                throw new IllegalArgumentException("a world model needs maxOffset >= 1, got " + maxOffset);
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
            }
        }

        /** The settings of the shipped encoders: 64 px, latent 64, 16 frames in 4 segments, Δ ≤ 24, 1200 steps of 48 pairs. */
        public static Config defaults(Objective objective) {
            return new Config(objective, 64, 64, 16, 4, 24, 1200, 48, 1e-3, 7);
        }

        public Config withSteps(int steps) {
            return new Config(objective, side, latent, frames, segments, maxOffset, steps, batch, learningRate, seed);
        }

        public Config withSeed(long seed) {
            return new Config(objective, side, latent, frames, segments, maxOffset, steps, batch, learningRate, seed);
        }
    }

    /** Told about every step (for progress bars and loss curves). */
    @FunctionalInterface
    public interface Listener {
        void step(int step, int steps, double loss);
    }

    /**
     * The trained encoder and how training went.
     *
     * @param losses the loss of every step
     * @param seconds wall time
     */
    public record Result(LatentEncoder encoder, double[] losses, double seconds) {}

    private static final float VARIANCE_WEIGHT = 25f;
    private static final float PREDICTION_WEIGHT = 25f;
    private static final float COVARIANCE_WEIGHT = 1f;
    private static final int SHIFT = 3; // pixels, each way

    private WorldModelTraining() {}

    /**
     * Trains an encoder named {@code name} on {@code videos}.
     *
     * @throws IllegalArgumentException if there are no frames to learn from (or, for a world model, no video long
     *     enough to hold a pair of frames)
     */
    public static Result train(String name, Config c, List<Video> videos, Listener listener) {
        List<Video> usable = new ArrayList<>();
        for (Video v : videos) {
            if (v.length() > (c.objective() == Objective.WORLD_MODEL ? 1 : 0)) {
                usable.add(v);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalArgumentException("no video with enough frames to train on (" + videos.size()
                    + " videos; a world model needs at least 2 frames per video)");
        }
        Engines.stayOffline();
        long start = System.nanoTime();
        Engine.getInstance().setRandomSeed((int) c.seed());
        SplittableRandom random = new SplittableRandom(c.seed());
        SequentialBlock encoder = FrameNet.build(c.latent());
        JepaBlock jepa = new JepaBlock(encoder, c.latent());
        double[] losses = new double[c.steps()];
        try (Model model = Model.newInstance(name)) {
            model.setBlock(jepa);
            DefaultTrainingConfig training = new DefaultTrainingConfig(Loss.l2Loss()) // unused: loss computed below
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed((float) c.learningRate()))
                            .build());
            try (Trainer trainer = model.newTrainer(training)) {
                Shape frames = new Shape(c.batch(), 3, c.side(), c.side());
                trainer.initialize(frames, frames, new Shape(c.batch(), 1));
                int plane = 3 * c.side() * c.side();
                for (int step = 0; step < c.steps(); step++) {
                    float[] a = new float[c.batch() * plane];
                    float[] b = new float[c.batch() * plane];
                    float[] delta = new float[c.batch()];
                    for (int i = 0; i < c.batch(); i++) {
                        Video v = usable.get(random.nextInt(usable.size()));
                        int t;
                        int d;
                        if (c.objective() == Objective.WORLD_MODEL) {
                            d = random.nextInt(Math.min(c.maxOffset(), v.length() - 1) + 1);
                            t = random.nextInt(v.length() - d);
                            delta[i] = (float) d / c.maxOffset();
                        } else {
                            d = 0;
                            t = random.nextInt(v.length());
                        }
                        view(v, t, c.side(), random, a, i * plane);
                        view(v, t + d, c.side(), random, b, i * plane);
                    }
                    try (NDManager sm = trainer.getManager().newSubManager();
                            GradientCollector gc = trainer.newGradientCollector()) {
                        NDList out = trainer.forward(new NDList(
                                sm.create(a, frames), sm.create(b, frames), sm.create(delta, new Shape(c.batch(), 1))));
                        NDArray loss = loss(out.get(0), out.get(1), out.get(2));
                        losses[step] = loss.getFloat();
                        if (!Double.isFinite(losses[step])) {
                            throw new IllegalStateException("training diverged at step " + step + " (loss "
                                    + losses[step] + "): lower the learning rate");
                        }
                        gc.backward(loss);
                    }
                    trainer.step();
                    if (listener != null) {
                        listener.step(step + 1, c.steps(), losses[step]);
                    }
                }
            }
            String provenance = String.format(
                    "%s objective, %d steps of %d pairs, Adam %.0e, seed %d, %d videos (%d frames)",
                    c.objective(),
                    c.steps(),
                    c.batch(),
                    c.learningRate(),
                    c.seed(),
                    usable.size(),
                    usable.stream().mapToInt(Video::length).sum());
            LatentEncoder.Config config = new LatentEncoder.Config(
                    name, c.objective().name(), c.side(), c.latent(), c.frames(), c.segments(), provenance);
            LatentEncoder trained = LatentEncoder.of(config, Engines.parameterBytes(encoder));
            return new Result(trained, losses, (System.nanoTime() - start) / 1e9);
        }
    }

    /** VICReg: predict b's latent from a's, keep both batches' latents spread out and decorrelated. */
    static NDArray loss(NDArray predicted, NDArray zb, NDArray za) {
        NDArray prediction = predicted.sub(zb).square().mean();
        NDArray variance = spread(za).add(spread(zb));
        NDArray covariance = offDiagonal(za).add(offDiagonal(zb));
        NDManager m = predicted.getManager();
        return prediction
                .mul(Engines.constant(m, PREDICTION_WEIGHT))
                .add(variance.mul(Engines.constant(m, VARIANCE_WEIGHT)))
                .add(covariance.mul(Engines.constant(m, COVARIANCE_WEIGHT)));
    }

    /** Mean over dimensions of max(0, 1 − std over the batch). */
    private static NDArray spread(NDArray z) {
        NDArray std = z.sub(z.mean(new int[] {0}))
                .square()
                .mean(new int[] {0})
                .add(1e-4f)
                .sqrt();
        return Activation.relu(std.neg().add(1f)).mean();
    }

    /** Sum of squared off-diagonal covariances, over the latent size. */
    private static NDArray offDiagonal(NDArray z) {
        long n = z.getShape().get(0);
        long d = z.getShape().get(1);
        NDArray centred = z.sub(z.mean(new int[] {0}));
        NDArray cov = centred.transpose().matMul(centred).div(Engines.constant(z.getManager(), n - 1));
        NDArray diagonal = cov.mul(z.getManager().eye((int) d));
        return cov.square().sum().sub(diagonal.square().sum()).div(Engines.constant(z.getManager(), d));
    }

    /** One augmented view of frame t: shrunk to side×side, shifted by up to 3 px, brightness ×[0.85, 1.15]. */
    private static void view(Video v, int t, int side, SplittableRandom random, float[] out, int offset) {
        int plane = side * side;
        float[] clean = new float[3 * plane];
        FrameNet.toInput(v.frames().get(t), v.width(), v.height(), side, clean, 0);
        int dx = random.nextInt(2 * SHIFT + 1) - SHIFT;
        int dy = random.nextInt(2 * SHIFT + 1) - SHIFT;
        float gain = 0.85f + 0.3f * (float) random.nextDouble();
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 0; y < side; y++) {
                int sy = Math.min(side - 1, Math.max(0, y + dy)); // edge pixels repeat where the shift uncovers
                for (int x = 0; x < side; x++) {
                    int sx = Math.min(side - 1, Math.max(0, x + dx));
                    out[offset + ch * plane + y * side + x] = Math.min(1f, gain * clean[ch * plane + sy * side + sx]);
                }
            }
        }
    }

    /** Encoder and predictor as one block, so DJL's trainer owns all their parameters. */
    private static final class JepaBlock extends AbstractBlock {

        private final Block encoder;
        private final Block predictor;
        private final int latent;

        JepaBlock(Block encoder, int latent) {
            this.latent = latent;
            this.encoder = addChildBlock("encoder", encoder);
            this.predictor = addChildBlock(
                    "predictor",
                    new SequentialBlock()
                            .add(Linear.builder().setUnits(128).build())
                            .add(Activation.reluBlock())
                            .add(Linear.builder().setUnits(latent).build()));
        }

        /** Inputs: frames a, frames b, Δ; outputs: predicted latent of b, latent of b, latent of a. */
        @Override
        protected NDList forwardInternal(
                ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray za =
                    encoder.forward(ps, new NDList(inputs.get(0)), training).singletonOrThrow();
            NDArray zb =
                    encoder.forward(ps, new NDList(inputs.get(1)), training).singletonOrThrow();
            NDArray predicted = predictor
                    .forward(ps, new NDList(za.concat(inputs.get(2), 1)), training)
                    .singletonOrThrow();
            return new NDList(predicted, zb, za);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            Shape z = new Shape(inputs[0].get(0), latent);
            return new Shape[] {z, z, z};
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            encoder.initialize(manager, dataType, inputShapes[0]);
            predictor.initialize(manager, dataType, new Shape(inputShapes[0].get(0), latent + 1));
        }
    }
}
