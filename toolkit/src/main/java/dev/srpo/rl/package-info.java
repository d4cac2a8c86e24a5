/**
 * Reinforcement learning: group-normalised advantages, the PPO clipped loss, and the group PPO updater
 * that ties one SRPO step together.
 */
package dev.srpo.rl;
