/**
 * The environment API every simulator implements (the embedded tabletop and the LIBERO bridge alike): tasks,
 * suites, observations, steps, and vectorised environments stepped in lock-step.
 */
package dev.srpo.env;
