package dev.srpo.policy;

/**
 * One forward pass's decision for a batch of observations: per observation, the chunk's action tokens (K × 7,
 * step-major), their log-probabilities under the sampling distribution, and the decoded actions the env executes.
 *
 * @param tokens {@code [B][K × 7]} token ids in 0..255
 * @param logProbs {@code [B][K × 7]} log-probability of each token under softmax(logits / temperature); the
 *     "old log-probs" PPO's ratio needs (greedy decoding reports them at temperature 1)
 * @param actions {@code [B][K][7]} the actions, un-normalised, gripper binarised
 * @param temperature the temperature the tokens were drawn at (0 for greedy)
 */
public record ActionChunks(int[][] tokens, float[][] logProbs, float[][][] actions, float temperature) {

    /** Observations in the batch. */
    public int size() {
        return tokens.length;
    }

    /** Steps per chunk (K). */
    public int chunk() {
        return actions.length == 0 ? 0 : actions[0].length;
    }
}
