/**
 * Evaluation: greedy rollouts of a policy over tasks and initial states through any {@code Env}, with success
 * per task and per suite.
 */
package dev.srpo.eval;
