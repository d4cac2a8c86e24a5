/**
 * The embedded tabletop simulator: a fast, deterministic mirror of LIBERO's four suites (Spatial, Object,
 * Goal, Long) and of LIBERO-Plus's seven perturbation dimensions, implementing the toolkit's environment API.
 */
package dev.srpo.tabletop;
