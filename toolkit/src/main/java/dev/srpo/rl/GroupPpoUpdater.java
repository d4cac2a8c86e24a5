package dev.srpo.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.srpo.Seeds;
import dev.srpo.env.Observation;
import dev.srpo.policy.TokenScores;
import dev.srpo.policy.VlaPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The group PPO update of one RL step: {@code epochs} passes over the step's samples in shuffled mini-batches;
 * per mini-batch, the {@link PpoLoss} of each micro-batch is back-propagated (gradients add up to the mini-batch's
 * token-mean), the global gradient norm is clipped, and {@link Adam} steps. Works for any {@link VlaPolicy}. The
 * old log-probs are the ones recorded at sampling time, never recomputed.
 */
public final class GroupPpoUpdater implements AutoCloseable {

    /**
     * The update's settings.
     *
     * @param learningRate Adam's step size
     * @param beta1 Adam's β1
     * @param beta2 Adam's β2
     * @param eps Adam's ε
     * @param weightDecay decoupled weight decay (the released code's 0)
     * @param epochs PPO epochs per step (the released code's 1)
     * @param miniBatch samples (chunks) per optimizer step
     * @param microBatch samples per forward/backward pass (memory only: results are the same sums)
     * @param gradClip the global gradient-norm bound (1.0); 0 for none
     * @param temperature the temperature the old log-probs were recorded at (the rollouts')
     * @param loss the PPO loss
     */
    public record Settings(
            double learningRate,
            double beta1,
            double beta2,
            double eps,
            double weightDecay,
            int epochs,
            int miniBatch,
            int microBatch,
            double gradClip,
            float temperature,
            PpoLoss loss) {

        public Settings {
            if (epochs < 1 || miniBatch < 1 || microBatch < 1 || !(gradClip >= 0) || !(temperature > 0)) {
                throw new IllegalArgumentException("an update needs epochs, miniBatch, microBatch >= 1, gradClip >= 0"
                        + " and temperature > 0; got " + epochs + ", " + miniBatch + ", " + microBatch + ", " + gradClip
                        + ", " + temperature);
            }
        }
    }

    /**
     * What an update did.
     *
     * @param diagnostics the loss's sums over every valid token of every epoch
     * @param gradNorm mean global gradient norm before clipping, over optimizer steps
     * @param gradNormMax the largest
     * @param optimizerSteps optimizer steps taken
     * @param samples samples per epoch
     * @param seconds wall time
     */
    public record Stats(
            PpoLoss.Diagnostics diagnostics,
            double gradNorm,
            double gradNormMax,
            int optimizerSteps,
            int samples,
            double seconds) {}

    private final VlaPolicy policy;
    private final VlaPolicy reference;
    private final Settings settings;
    private final List<Pair<String, Parameter>> params;
    private final Adam adam;

    /**
     * @param policy the policy to update
     * @param reference a frozen reference policy for the KL term, or null (needed only when β &gt; 0)
     */
    public GroupPpoUpdater(VlaPolicy policy, VlaPolicy reference, Settings settings) {
        if (settings.loss().klBeta() > 0 && reference == null) {
            throw new IllegalArgumentException(
                    "a KL term (klBeta " + settings.loss().klBeta() + ") needs a reference policy");
        }
        this.policy = policy;
        this.reference = reference;
        this.settings = settings;
        this.params = new ArrayList<>();
        policy.model().getBlock().getParameters().forEach(params::add);
        this.adam = new Adam(
                params,
                settings.learningRate(),
                settings.beta1(),
                settings.beta2(),
                settings.eps(),
                settings.weightDecay());
    }

    /** The optimizer (its state goes into checkpoints). */
    public Adam optimizer() {
        return adam;
    }

    /**
     * Updates the policy on one step's samples.
     *
     * @param seed shuffles the mini-batches (derive it from the run's seed and the step)
     * @throws NonFiniteException if a loss or a gradient is NaN or infinite, naming where; the policy is then left
     *     as it was before the failing mini-batch's optimizer step
     */
    public Stats update(List<PpoSample> samples, long seed) {
        long start = System.nanoTime();
        PpoLoss.Diagnostics total = PpoLoss.Diagnostics.EMPTY;
        double normSum = 0;
        double normMax = 0;
        int optimizerSteps = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            int[] order = shuffled(samples.size(), new SplittableRandom(Seeds.derive(seed, epoch)));
            for (int from = 0, mb = 0; from < order.length; from += settings.miniBatch(), mb++) {
                List<PpoSample> batch = new ArrayList<>();
                for (int j = from; j < Math.min(order.length, from + settings.miniBatch()); j++) {
                    batch.add(samples.get(order[j]));
                }
                long tokens = batch.stream().mapToLong(PpoSample::validTokens).sum();
                if (tokens == 0) {
                    continue;
                }
                String where = "epoch " + epoch + ", mini-batch " + mb;
                total = total.plus(backward(batch, tokens, where));
                double norm = adam.stepClipped(settings.gradClip(), where);
                normSum += norm;
                normMax = Math.max(normMax, norm);
                optimizerSteps++;
            }
        }
        return new Stats(
                total,
                optimizerSteps == 0 ? 0 : normSum / optimizerSteps,
                normMax,
                optimizerSteps,
                samples.size(),
                (System.nanoTime() - start) / 1e9);
    }

    private PpoLoss.Diagnostics backward(List<PpoSample> batch, long tokens, String where) {
        PpoLoss.Diagnostics d = PpoLoss.Diagnostics.EMPTY;
        adam.zeroGradients();
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            for (int from = 0; from < batch.size(); from += settings.microBatch()) {
                List<PpoSample> micro = batch.subList(from, Math.min(batch.size(), from + settings.microBatch()));
                int b = micro.size();
                List<Observation> obs = new ArrayList<>(b);
                int[][] tok = new int[b][];
                float[][] old = new float[b][];
                float[] adv = new float[b];
                float[] weight = new float[b];
                int[] valid = new int[b];
                for (int i = 0; i < b; i++) {
                    PpoSample s = micro.get(i);
                    obs.add(s.observation());
                    tok[i] = s.tokens();
                    old[i] = s.oldLogProbs();
                    adv[i] = (float) s.advantage();
                    weight[i] = (float) s.weight();
                    valid[i] = s.validTokens();
                }
                try (NDManager m = policy.model().getNDManager().newSubManager()) {
                    NDArray ref = null;
                    if (reference != null && settings.loss().klBeta() > 0) {
                        ref = reference
                                .score(m, obs, tok, settings.temperature(), false)
                                .logProbs()
                                .stopGradient();
                    }
                    TokenScores scores = policy.score(m, obs, tok, settings.temperature(), true);
                    PpoLoss.Result r = settings.loss()
                            .compute(scores.logProbs(), scores.entropy(), ref, old, adv, weight, valid, tokens);
                    float loss = r.loss().getFloat();
                    if (!Float.isFinite(loss)) {
                        throw new NonFiniteException("the PPO loss is " + loss + " at " + where + " (micro-batch of "
                                + b + " samples from " + from + ")");
                    }
                    collector.backward(r.loss());
                    d = d.plus(r.diagnostics());
                }
            }
        }
        return d;
    }

    static int[] shuffled(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
        return a;
    }

    @Override
    public void close() {
        adam.close();
    }
}
