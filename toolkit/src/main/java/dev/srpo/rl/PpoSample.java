package dev.srpo.rl;

import dev.srpo.env.Observation;

/**
 * One chunk of one rollout as the PPO update sees it: what the policy saw, the tokens it chose, their log-probs
 * when it chose them, how many tokens count, and the rollout's advantage (Eq. 6, broadcast to its tokens).
 *
 * @param observation the observation the chunk was decided from
 * @param tokens the chunk's K × 7 tokens
 * @param oldLogProbs their log-probs at decision time
 * @param validTokens leading tokens of executed steps
 * @param advantage the rollout's advantage
 * @param weight the weight of each of its tokens in the loss ({@link LossAggregation}; 1 for token-mean)
 */
public record PpoSample(
        Observation observation, int[] tokens, float[] oldLogProbs, int validTokens, double advantage, double weight) {

    public PpoSample {
        if (!Double.isFinite(advantage)) {
            throw new IllegalArgumentException("advantage " + advantage + " is not finite");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight " + weight + " is not a finite number >= 0");
        }
        if (validTokens < 0 || validTokens > tokens.length || oldLogProbs.length != tokens.length) {
            throw new IllegalArgumentException("a sample has " + tokens.length + " tokens, " + oldLogProbs.length
                    + " log-probs and " + validTokens + " valid tokens");
        }
    }

    /** A sample of weight 1 (token-mean). */
    public PpoSample(Observation observation, int[] tokens, float[] oldLogProbs, int validTokens, double advantage) {
        this(observation, tokens, oldLogProbs, validTokens, advantage, 1);
    }
}
