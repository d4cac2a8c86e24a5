package dev.srpo.env;

/**
 * The parts of a LIBERO-Plus variant's id, {@code <suite>/<task>/<dimension>/L<level>/<k>} (e.g. {@code
 * libero_goal/1/camera/L3/0}): parsed here, in one place, for every backend and command that takes an id. Which
 * dimensions, levels and k exist is the perturbation generator's to say.
 *
 * @param id the id, trimmed
 * @param suite the suite
 * @param taskIndex the perturbed task's index in the suite
 * @param dimension the dimension's name as written, e.g. {@code robot_init}
 * @param level the difficulty level as written
 * @param k which variant of that task, dimension and level
 */
public record VariantId(String id, Suite suite, int taskIndex, String dimension, int level, int k) {

    private static final String FORM = "<suite>/<task>/<dimension>/L<level>/<k>, e.g. libero_goal/1/camera/L3/0";

    /**
     * Parses an id.
     *
     * @throws IllegalArgumentException naming the id and the part that is wrong
     */
    public static VariantId parse(String id) {
        String trimmed = id.trim();
        String[] p = trimmed.split("/");
        if (p.length != 5 || !p[3].startsWith("L")) {
            throw new IllegalArgumentException("variant id '" + id + "' is not " + FORM);
        }
        int task, level, k;
        try {
            task = Integer.parseInt(p[1]);
            level = Integer.parseInt(p[3].substring(1));
            k = Integer.parseInt(p[4]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("variant id '" + id + "': task, level and k must be numbers: " + FORM);
        }
        Suite suite;
        try {
            suite = Suite.of(p[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("variant id '" + id + "': " + e.getMessage(), e);
        }
        if (task < 0 || task >= suite.tasks().size()) {
            throw new IllegalArgumentException(
                    "variant id '" + id + "': task must be 0.." + (suite.tasks().size() - 1));
        }
        return new VariantId(trimmed, suite, task, p[2], level, k);
    }

    /** The perturbed task. */
    public Task task() {
        return suite.task(taskIndex);
    }
}
