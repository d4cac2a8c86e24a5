package dev.srpo.tabletop.perturb;

/**
 * An objects-layout perturbation, like LIBERO-Plus's {@code _add_{k}} and {@code _level{L}_sample{S}} variants:
 * distractor objects are added and the task's target object is displaced.
 *
 * @param distractors number of distractor objects added to free spots on the table
 * @param targetDx displacement of the target object along x, metres
 * @param targetDy displacement of the target object along y, metres
 * @param seed chooses the distractors and their spots
 */
public record LayoutChange(int distractors, double targetDx, double targetDy, long seed) {}
