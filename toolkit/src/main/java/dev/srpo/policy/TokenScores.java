package dev.srpo.policy;

import ai.djl.ndarray.NDArray;

/**
 * Log-probabilities and entropies of given action tokens under the current parameters, as NDArrays so that a
 * loss built from them back-propagates (compute them inside a {@code GradientCollector}).
 *
 * @param logProbs {@code (B, K × 7)}: log π(token) under softmax(logits / temperature)
 * @param entropy {@code (B, K × 7)}: entropy of each token's distribution, in nats
 */
public record TokenScores(NDArray logProbs, NDArray entropy) {}
