package dev.srpo.data;

import dev.srpo.env.Actions;
import java.util.Arrays;
import java.util.List;

/**
 * One demonstration (or any recorded episode): the third-person frame seen before each step and the action taken
 * there, plus where it came from.
 *
 * <p>What it adds over its neighbours: the continuous <em>actions</em> (and proprio) step by step, what behaviour
 * cloning learns from. {@code rollout.Rollout} is a policy's own episode (its tokens and log-probs per chunk, for
 * PPO); {@code eval.EpisodeResult} an evaluated one (outcome and video only); {@code reward.TrajectoryEmbedding}
 * what a reward sees of a rollout; {@code studies.LabelledTrajectory} a benchmark trajectory with its true stages.
 *
 * @param task the task's id, e.g. {@code libero_goal/1} (free text for data from elsewhere)
 * @param instruction the instruction the policy is given
 * @param initialState the initial-state index it started from (−1 when unknown)
 * @param success whether the episode ended in success
 * @param width frame width
 * @param height frame height
 * @param frames one RGB frame {@code [height, width, 3]} per step, before the step's action
 * @param actions one 7-D action per step
 * @param proprio one proprioceptive state per step (all of one length), or null when not recorded
 */
public record Episode(
        String task,
        String instruction,
        int initialState,
        boolean success,
        int width,
        int height,
        List<byte[]> frames,
        List<float[]> actions,
        List<float[]> proprio) {

    /** An episode without proprioceptive states. */
    public Episode(
            String task,
            String instruction,
            int initialState,
            boolean success,
            int width,
            int height,
            List<byte[]> frames,
            List<float[]> actions) {
        this(task, instruction, initialState, success, width, height, frames, actions, null);
    }

    public Episode {
        if (task == null || instruction == null) {
            throw new IllegalArgumentException("an episode needs a task and an instruction");
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive, got " + width + "x" + height);
        }
        frames = List.copyOf(frames);
        actions = List.copyOf(actions);
        if (frames.size() != actions.size()) {
            throw new IllegalArgumentException(
                    "episode of " + task + " has " + frames.size() + " frames but " + actions.size() + " actions");
        }
        if (proprio != null) {
            proprio = List.copyOf(proprio);
            if (proprio.size() != frames.size()) {
                throw new IllegalArgumentException("episode of " + task + " has " + frames.size() + " frames but "
                        + proprio.size() + " proprioceptive states");
            }
            for (float[] p : proprio) {
                if (p.length != proprio.get(0).length) {
                    throw new IllegalArgumentException("proprioceptive states of " + task + " differ in length");
                }
            }
        }
        int bytes = 3 * width * height;
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).length != bytes) {
                throw new IllegalArgumentException(String.format(
                        "frame %d of %s has %d bytes, a %dx%d RGB frame needs %d",
                        i, task, frames.get(i).length, width, height, bytes));
            }
            float[] a = actions.get(i);
            if (a.length != Actions.DIM) {
                throw new IllegalArgumentException(
                        "action " + i + " of " + task + " has " + a.length + " numbers: " + Arrays.toString(a));
            }
        }
    }

    /** Length of a proprioceptive state, 0 when none were recorded. */
    public int proprioDim() {
        return proprio == null || proprio.isEmpty() ? 0 : proprio.get(0).length;
    }

    /** Steps (frame–action pairs). */
    public int length() {
        return frames.size();
    }
}
