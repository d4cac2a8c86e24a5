package dev.srpo.tabletop.perturb;

import dev.srpo.env.Suite;
import dev.srpo.env.Task;
import java.util.List;
import java.util.Locale;

/**
 * One LIBERO-Plus-style task variant: a task of a suite perturbed along one dimension at a difficulty level.
 *
 * @param id stable name, {@code <suite id>/<task index>/<dimension>/L<level>/<k>}, e.g. {@code
 *     libero_goal/1/camera/L3/0}
 * @param suite the suite
 * @param taskIndex the task's index in the suite, 0–9
 * @param dimension the perturbed dimension
 * @param level difficulty, 1 (mild) to 5 (hard)
 * @param perturbation the perturbation; it sets exactly {@code dimension}
 */
public record Variant(
        String id, Suite suite, int taskIndex, Dimension dimension, int level, Perturbation perturbation) {

    /** Lowest and highest difficulty level. */
    public static final int MIN_LEVEL = 1, MAX_LEVEL = 5;

    /** Checks that the parts agree. */
    public Variant {
        suite.task(taskIndex); // range check with a clear message
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new IllegalArgumentException(
                    "variant level " + level + " is out of range: use " + MIN_LEVEL + ".." + MAX_LEVEL);
        }
        if (!perturbation.dimensions().equals(List.of(dimension))) {
            throw new IllegalArgumentException("variant " + id + " of dimension " + dimension
                    + " must perturb exactly that dimension, not " + perturbation.dimensions());
        }
    }

    /** The id of the {@code k}-th variant of a task, dimension and level. */
    public static String id(Suite suite, int taskIndex, Dimension dimension, int level, int k) {
        return suite.id() + "/" + taskIndex + "/" + key(dimension) + "/L" + level + "/" + k;
    }

    /** The dimension's name as it appears in ids and JSON: lower case, e.g. {@code robot_init}. */
    public static String key(Dimension dimension) {
        return dimension.name().toLowerCase(Locale.ROOT);
    }

    /** The dimension with the given {@link #key}, case-insensitively. */
    public static Dimension dimension(String key) {
        try {
            return Dimension.valueOf(key.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown dimension '" + key + "': use camera, robot_init, language,"
                    + " light, background, noise or layout");
        }
    }

    /** The perturbed task. */
    public Task task() {
        return suite.task(taskIndex);
    }

    /** The instruction the policy gets: the paraphrase for language variants, else the task's own. */
    public String instruction() {
        return perturbation.instruction() != null ? perturbation.instruction() : task().language();
    }
}
