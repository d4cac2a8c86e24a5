package dev.srpo.rl;

import dev.srpo.policy.ActionTokenizer;
import dev.srpo.policy.InstructionTokenizer;
import dev.srpo.policy.PolicyConfig;
import dev.srpo.policy.SmallVla;
import java.util.List;

/** A small default-architecture policy that trains in milliseconds, for tests of the RL loop. */
public final class TinyPolicies {

    /** 16×16 input, chunks of 8, narrow layers. */
    public static final PolicyConfig CONFIG = new PolicyConfig(16, 8, 4, 8, 32, 8);

    private TinyPolicies() {}

    /** A freshly initialised tiny policy. */
    public static SmallVla create(long seed) {
        return SmallVla.create(CONFIG, ActionTokenizer.unitRange(), InstructionTokenizer.libero(List.of()), seed);
    }
}
