package dev.srpo.tabletop.perturb;

/** LIBERO-Plus's seven perturbation dimensions, in its leaderboard's order. */
public enum Dimension {
    CAMERA,
    ROBOT_INIT,
    LANGUAGE,
    LIGHT,
    BACKGROUND,
    NOISE,
    LAYOUT
}
