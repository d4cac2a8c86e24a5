/**
 * Rollouts: one episode's frames, action tokens, old log-probabilities and success, collected from a
 * vectorised environment and grouped by task and initial state. Never merged across episodes.
 */
package dev.srpo.rollout;
