/**
 * Metrics of the progress-reward benchmark (paper Table 3, App. A): how well a reward tracks progress along a
 * successful trajectory (SC, Mono) and how well its final values separate successes from failures (MMD, JS, SMD).
 * Plain arrays in, numbers out.
 */
package dev.srpo.metrics;
