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
public record LayoutChange(int distractors, double targetDx, double targetDy, long seed) {

    public LayoutChange {
        if (distractors < 0 || distractors > 10) {
            throw new IllegalArgumentException("layout change distractors must be within 0..10, got " + distractors);
        }
        Checks.finite("layout change", "targetDx", targetDx);
        Checks.finite("layout change", "targetDy", targetDy);
    }
}
