package dev.srpo.tabletop;

import dev.srpo.env.Task;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * How the simulator plays one LIBERO task: the scene it lays out (jittered per initial state), its goal, and the
 * scripted expert's plan.
 *
 * @param task the LIBERO task
 * @param layout builds the scene for an initial state from its seeded random source
 * @param goal the BDDL-like goal; several conditions make a multi-stage task
 * @param plan the expert's plan for a scene
 */
record TaskSpec(
        Task task, Function<SplittableRandom, Scene> layout, Goal goal, Function<Scene, List<Expert.Phase>> plan) {}
