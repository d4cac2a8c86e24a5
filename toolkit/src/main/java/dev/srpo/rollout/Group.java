package dev.srpo.rollout;

import java.util.List;

/**
 * GRPO's group: M rollouts from one (task, initial state), each with its own sampling seed. Advantages are
 * normalised within a group, and dynamic sampling keeps or drops a group by its success rate.
 *
 * @param start where every rollout of the group started
 * @param rollouts the rollouts, in collection order
 */
public record Group(Start start, List<Rollout> rollouts) {

    public Group {
        rollouts = List.copyOf(rollouts);
        for (Rollout r : rollouts) {
            if (!r.start().equals(start)) {
                throw new IllegalArgumentException(
                        "a group of " + start + " holds a rollout from " + r.start() + ": one start per group");
            }
        }
    }

    /** Rollouts in the group (M). */
    public int size() {
        return rollouts.size();
    }

    /** Successful rollouts. */
    public int successes() {
        return (int) rollouts.stream().filter(Rollout::success).count();
    }

    /** Fraction of rollouts that succeeded (0 for an empty group). */
    public double successRate() {
        return rollouts.isEmpty() ? 0 : (double) successes() / rollouts.size();
    }
}
