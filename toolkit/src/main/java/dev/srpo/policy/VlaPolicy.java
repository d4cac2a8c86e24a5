package dev.srpo.policy;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import dev.srpo.Engines;
import dev.srpo.env.Observation;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A vision-language-action policy with discrete action tokens and parallel decoding, OpenVLA*'s interface: one
 * forward pass maps a batch of observations (third-person frame + instruction) to the logits of a whole action
 * chunk, {@code (B, K × 7, 256)}. Everything else (sampling, greedy decoding, scoring tokens for PPO) is written
 * once here on top of {@link #logits}, so the RL code does not care which model it updates.
 *
 * <p>Memory: every NDArray a method makes lives in the manager passed in (or a sub-manager it closes): use one
 * sub-manager per step.
 */
public interface VlaPolicy extends AutoCloseable {

    /** Steps per action chunk (K). */
    int chunk();

    /** Action tokens per chunk, {@code K × 7}. */
    default int tokensPerChunk() {
        return chunk() * 7;
    }

    /** How actions become tokens and back (the statistics of the demonstrations it was trained on). */
    ActionTokenizer actionTokenizer();

    /** How instructions become word ids. */
    InstructionTokenizer instructionTokenizer();

    /**
     * Logits of every token of the chunk. Inside a {@code GradientCollector} the result carries gradients to the
     * parameters.
     *
     * @param manager where the result (and every intermediate array) lives
     * @param batch observations, all with frames of one size
     * @param training whether this is a training pass (it enables the model's training-only behaviour, if any)
     * @return {@code (B, K × 7, 256)}
     * @throws IllegalArgumentException for an empty batch or frames of different sizes
     */
    NDArray logits(NDManager manager, List<Observation> batch, boolean training);

    /** The model that holds the parameters (for an optimizer, a frozen copy, saving). */
    Model model();

    /** Writes weights, config and normalisation statistics to one file, atomically. */
    void save(Path file);

    /**
     * Replaces this policy's weights with those of a checkpoint written by {@link #save} (a resumed run).
     *
     * @throws IllegalArgumentException if the checkpoint does not fit this policy, naming what differs
     * @throws UnsupportedOperationException for a policy that cannot
     */
    default void loadWeights(Path file) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot load weights from " + file);
    }

    /** An independent copy with the same weights (e.g. a frozen reference policy for a KL term). */
    VlaPolicy copy();

    /** Releases the parameters. */
    @Override
    void close();

    /**
     * A trainer over this policy's parameters with the given optimizer; losses are computed by the caller (the
     * config's loss is unused), gradients taken in {@code trainer.newGradientCollector()}, applied by
     * {@code trainer.step()}.
     */
    default Trainer newTrainer(Optimizer optimizer) {
        return model().newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer));
    }

    /**
     * Samples a chunk per observation at a temperature, by Gumbel-max (argmax of logits / T plus Gumbel noise: an
     * exact draw from softmax(logits / T), and needs no multinomial sampler). One noise stream for the batch.
     *
     * @param temperature &gt; 0 (the paper's rollouts use 1.6)
     * @param seed the noise's seed: same seed, same observations, same tokens
     */
    default ActionChunks sample(List<Observation> batch, float temperature, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom[] rows = new SplittableRandom[batch.size()];
        java.util.Arrays.fill(rows, random); // one stream, read row after row
        return draw(batch, temperature, rows);
    }

    /**
     * Samples a chunk per observation, observation {@code b}'s noise from its own seed {@code seeds[b]}: a row's
     * draw does not depend on which other observations share the forward pass (rollouts keep their own seeds).
     */
    default ActionChunks sample(List<Observation> batch, float temperature, long[] seeds) {
        if (seeds.length != batch.size()) {
            throw new IllegalArgumentException(
                    seeds.length + " seeds for a batch of " + batch.size() + " observations: give one per row");
        }
        SplittableRandom[] rows = new SplittableRandom[seeds.length];
        for (int b = 0; b < rows.length; b++) {
            rows[b] = new SplittableRandom(seeds[b]);
        }
        return draw(batch, temperature, rows);
    }

    private ActionChunks draw(List<Observation> batch, float temperature, SplittableRandom[] rows) {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, got " + temperature
                    + " (use greedy() for temperature 0)");
        }
        try (NDManager m = model().getNDManager().newSubManager()) {
            NDArray scaled = logits(m, batch, false).div(Engines.constant(m, temperature));
            float[] logits = scaled.toType(DataType.FLOAT32, false).toFloatArray();
            int[][] tokens = Sampling.gumbelMax(logits, batch.size(), tokensPerChunk(), rows);
            return chunks(scaled, tokens, temperature, false);
        }
    }

    /**
     * The most likely chunk per observation (evaluation decodes greedily); log-probs under softmax(logits), i.e.
     * at temperature 1, which the chunk reports.
     */
    default ActionChunks greedy(List<Observation> batch) {
        try (NDManager m = model().getNDManager().newSubManager()) {
            NDArray logits = logits(m, batch, false);
            float[] flat = logits.toFloatArray();
            int[][] tokens = Sampling.argmax(flat, batch.size(), tokensPerChunk());
            return chunks(logits, tokens, 1f, true);
        }
    }

    private ActionChunks chunks(NDArray scaledLogits, int[][] tokens, float temperature, boolean greedy) {
        float[] lp = Sampling.logProbs(scaledLogits, tokens).toFloatArray();
        int n = tokensPerChunk();
        float[][] logProbs = new float[tokens.length][n];
        float[][][] actions = new float[tokens.length][][];
        for (int b = 0; b < tokens.length; b++) {
            System.arraycopy(lp, b * n, logProbs[b], 0, n);
            actions[b] = actionTokenizer().decodeChunk(tokens[b]);
        }
        return new ActionChunks(tokens, logProbs, actions, temperature, greedy);
    }

    /**
     * Log-probabilities and entropies of given tokens under the current parameters, at a temperature (use the one
     * the tokens were sampled at, so the PPO ratio compares like with like). Inside a {@code GradientCollector}
     * the results back-propagate to the parameters.
     *
     * @param tokens {@code [B][K × 7]} tokens, e.g. {@link ActionChunks#tokens()}
     * @throws IllegalArgumentException if the token array does not match the batch or holds ids outside 0..255
     */
    default TokenScores score(
            NDManager manager, List<Observation> batch, int[][] tokens, float temperature, boolean training) {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, got " + temperature);
        }
        Sampling.checkTokens(tokens, batch.size(), tokensPerChunk());
        NDArray scaled = logits(manager, batch, training).div(Engines.constant(manager, temperature));
        NDArray logSoftmax = scaled.logSoftmax(-1);
        NDArray entropy = logSoftmax.exp().mul(logSoftmax).sum(new int[] {-1}).neg();
        return new TokenScores(Sampling.pick(logSoftmax, tokens), entropy);
    }
}
