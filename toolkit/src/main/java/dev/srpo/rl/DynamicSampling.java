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
 * <p>A second filter, {@link #varied}, runs after the reward when the config asks ({@code dropEqualRewards}): a
 * group whose rewards are all equal has zero advantages and carries no gradient, so it is dropped rather than
 * diluting the loss. At the released window it drops nothing (a kept group has a success, reward 1, and a failure,
 * reward below 1). With the window opened to [0, 1] it is the whole filter: GRPO's binary reward then keeps exactly
 * the mixed groups, and SRPO also keeps a group that failed every rollout when its task succeeded elsewhere in the
 * batch, since the world progress of its failures differs: the case where SRPO's dense reward gives a signal that a
 * binary reward cannot. The window then passes every group, so extra rounds never run: a step whose groups all
 * have equal rewards is skipped, not collected again.
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

    /**
     * Keeps the groups whose rewards are not all equal.
     *
     * @param groups the groups, in order
     * @param rewards one reward per rollout, the groups' rollouts one after another
     * @return the groups kept; a dropped group counts as low if it has no success, else as high
     */
    public static Result varied(List<Group> groups, double[] rewards) {
        int n = groups.stream().mapToInt(Group::size).sum();
        if (rewards.length != n) {
            throw new IllegalArgumentException(rewards.length + " rewards for " + n + " rollouts");
        }
        List<Group> kept = new ArrayList<>();
        int low = 0;
        int high = 0;
        int from = 0;
        for (Group g : groups) {
            boolean varies = false;
            for (int i = from + 1; i < from + g.size(); i++) {
                varies |= rewards[i] != rewards[from];
            }
            from += g.size();
            if (varies) {
                kept.add(g);
            } else if (g.successes() == 0) {
                low++;
            } else {
                high++;
            }
        }
        return new Result(List.copyOf(kept), low, high);
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
