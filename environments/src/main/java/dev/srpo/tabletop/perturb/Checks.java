package dev.srpo.tabletop.perturb;

/** Argument checks shared by the perturbation records: a bad value is an error that names it. */
final class Checks {

    private Checks() {}

    static void finite(String record, String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(record + " " + field + " must be a finite number, got " + value);
        }
    }
}
