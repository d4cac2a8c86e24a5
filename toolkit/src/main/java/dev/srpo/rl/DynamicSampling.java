package dev.srpo.rl;

import dev.srpo.rollout.Group;
import java.util.ArrayList;
import java.util.List;

/**
 * The released SRPO code's dynamic sampling: a group reaches the loss only if its success rate lies in
 * [{@code minSuccessRate}, {@code maxSuccessRate}] ([0.1, 0.9] there: with M = 8, every kept group has a success
 * and a failure, so its advantages are not all zero). The trainer collects extra rounds of groups, a bounded
 * number, when too few are kept.
 *
 * @param minSuccessRate the lowest success rate kept
 * @param maxSuccessRate the highest success rate kept
 */
public record DynamicSampling(double minSuccessRate, double maxSuccessRate) {

    /** The released code's window, [0.1, 0.9]. */
    public static final DynamicSampling RELEASED_CODE = new DynamicSampling(0.1, 0.9);

    /** Keeps every group. */
    public static final DynamicSampling OFF = new DynamicSampling(0, 1);

    public DynamicSampling {
        if (!(minSuccessRate >= 0 && minSuccessRate <= maxSuccessRate && maxSuccessRate <= 1)) {
            throw new IllegalArgumentException(
                    "dynamic sampling needs 0 <= minSuccessRate <= maxSuccessRate <= 1, got [" + minSuccessRate + ", "
                            + maxSuccessRate + "]");
        }
    }

    /**
     * What filtering did.
     *
     * @param kept the groups kept, in order
     * @param droppedLow groups below the window (too few successes: all failures at [0.1, 0.9])
     * @param droppedHigh groups above the window (too many successes: all successes at [0.1, 0.9])
     */
    public record Result(List<Group> kept, int droppedLow, int droppedHigh) {

        /** Groups dropped. */
        public int dropped() {
            return droppedLow + droppedHigh;
        }
    }

    /** Whether a group's success rate lies in the window. */
    public boolean keeps(Group group) {
        double rate = group.successRate();
        return rate >= minSuccessRate && rate <= maxSuccessRate;
    }

    /** Keeps the groups in the window. */
    public Result filter(List<Group> groups) {
        List<Group> kept = new ArrayList<>();
        int low = 0;
        int high = 0;
        for (Group g : groups) {
            if (keeps(g)) {
                kept.add(g);
            } else if (g.successRate() < minSuccessRate) {
                low++;
            } else {
                high++;
            }
        }
        return new Result(List.copyOf(kept), low, high);
    }
}
