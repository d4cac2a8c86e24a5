package dev.srpo.tabletop;

import dev.srpo.tabletop.perturb.Perturbation;

/**
 * How a tabletop environment renders and what it perturbs.
 *
 * @param width frame width, pixels (LIBERO's default 128; evaluators use 256)
 * @param height frame height, pixels
 * @param wrist whether to render the wrist camera too
 * @param perturbation LIBERO-Plus-style perturbation, {@link Perturbation#NONE} for the clean task
 * @param trainingLayouts whether initial state <i>i</i> is training layout <i>i</i>: drawn like the 50 evaluation
 *     initial states but from other seeds, so demonstrations never start where an evaluation does (as in LIBERO,
 *     whose demonstrations and benchmark initial states are separate)
 */
public record TabletopOptions(
        int width, int height, boolean wrist, Perturbation perturbation, boolean trainingLayouts) {

    /** 128×128 agentview only, no perturbation, the evaluation's initial states. */
    public static final TabletopOptions DEFAULT = new TabletopOptions(128, 128, false, Perturbation.NONE, false);

    public TabletopOptions {
        if (width < 16 || height < 16 || width > 1024 || height > 1024) {
            throw new IllegalArgumentException(
                    "frame size must be within 16..1024 pixels, got " + width + "x" + height);
        }
        if (perturbation == null) {
            throw new IllegalArgumentException("perturbation is null: use Perturbation.NONE for the clean task");
        }
    }

    /** The same options with another frame size. */
    public TabletopOptions withSize(int width, int height) {
        return new TabletopOptions(width, height, wrist, perturbation, trainingLayouts);
    }

    /** The same options with or without the wrist camera. */
    public TabletopOptions withWrist(boolean wrist) {
        return new TabletopOptions(width, height, wrist, perturbation, trainingLayouts);
    }

    /** The same options under a perturbation. */
    public TabletopOptions withPerturbation(Perturbation perturbation) {
        return new TabletopOptions(width, height, wrist, perturbation, trainingLayouts);
    }

    /** The same options on the training layouts (for demonstrations) or the evaluation's initial states. */
    public TabletopOptions withTrainingLayouts(boolean trainingLayouts) {
        return new TabletopOptions(width, height, wrist, perturbation, trainingLayouts);
    }
}
