package dev.srpo.tabletop.perturb;

/**
 * A robot-initial-state perturbation: the gripper starts away from its default pose.
 *
 * @param dx offset along x, metres
 * @param dy offset along y, metres
 * @param dz offset along z, metres
 * @param dyawDeg gripper yaw offset, degrees
 */
public record RobotInit(double dx, double dy, double dz, double dyawDeg) {

    public RobotInit {
        Checks.finite("robot init", "dx", dx);
        Checks.finite("robot init", "dy", dy);
        Checks.finite("robot init", "dz", dz);
        Checks.finite("robot init", "dyawDeg", dyawDeg);
    }
}
