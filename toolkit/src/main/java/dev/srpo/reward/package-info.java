/**
 * Rewards: the binary success reward (GRPO) and SRPO's world-progress reward, which rewards a failed
 * rollout by its latent distance to the nearest cluster of the same batch's successes.
 */
package dev.srpo.reward;
