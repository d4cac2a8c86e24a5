package dev.srpo.policy;

/**
 * One forward pass's decision for a batch of observations: per observation, the chunk's action tokens (K × 7,
 * step-major), their log-probabilities under the sampling distribution, and the decoded actions the env executes.
 *
 * @param tokens {@code [B][K × 7]} token ids in 0..255
 * @param logProbs {@code [B][K × 7]} log-probability of each token under softmax(logits / temperature); the
 *     "old log-probs" PPO's ratio needs, recorded at decoding time
 * @param actions {@code [B][K][7]} the actions, un-normalised, gripper binarised
 * @param temperature the temperature of the distribution {@code logProbs} are under: the sampling temperature,
 *     or 1 for greedy decoding; {@code score(batch, tokens, temperature)} gives {@code logProbs} back either way
 * @param greedy whether the tokens are the most likely ones rather than a draw
 */
public record ActionChunks(int[][] tokens, float[][] logProbs, float[][][] actions, float temperature, boolean greedy) {

    /** Observations in the batch. */
    public int size() {
        return tokens.length;
    }

    /** Steps per chunk (K). */
    public int chunk() {
        return actions.length == 0 ? 0 : actions[0].length;
    }
}
