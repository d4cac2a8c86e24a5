/**
 * SRPO Lab's toolkit: Self-Referential Policy Optimization (arXiv 2511.15605) for vision-language-action policies.
 * One sub-package per stage of the pipeline (env → policy → rollout → encoder → reward → rl), plus data, viz, io
 * and cli. This package holds what every stage shares: the build facts ({@link dev.srpo.SrpoToolkit}), the scale
 * switch ({@link dev.srpo.Profile}) and the door to DJL's engine ({@link dev.srpo.Engines}).
 */
package dev.srpo;
